/**
 * Cases: open one, read it (from the read model, checked per object), act on its steps, and the
 * inbox. Case ids contain slashes (`penalty/<unit>/<year>/<seq>`): URL-encode them in paths.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Context } from 'hono';
import type { TActor } from '../../domain/engine.js';
import type { Db } from '../../db/database.js';
import { auditEvents, getCaseRow, listEscalations, listTasks, nextCaseNumber } from '../../db/repositories/cases.js';
import { getPublished, latestPublishedVersion } from '../../db/repositories/procedures.js';
import {
  addNoteUpdate,
  assignStepUpdate,
  claimStepUpdate,
  completeStepUpdate,
  escalateUpdate,
  grantExtensionUpdate,
  pauseClockUpdate,
  releaseStepUpdate,
  requestExtensionUpdate,
  resumeClockUpdate,
  type TActionResult,
} from '../../workflows/case-messages.js';
import { canSeeCase, currentUser, requireRole, UNIT_WIDE_ROLES, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { ERROR_RESPONSES } from '../schemas.js';
import { ZActionResult, ZAuditEvent, ZCaseDetail, ZInboxTask } from './cases.schemas.js';
import { startCase, toAppError } from '../services/cases.js';

const PREFIX: Record<string, string> = {
  INSPECTION: 'inspection',
  PENALTY: 'penalty',
  PENALTY_NO_RECORD: 'penalty-nr',
  SEIZURE: 'seizure',
  ENFORCEMENT: 'enforcement',
  CRIMINAL_REFERRAL: 'referral',
  TIP: 'tip',
  PAPER_FILE: 'paper',
  TEST: 'test',
};

/** Who may open a case of each kind. */
const OPENERS: Record<string, string[]> = {
  TIP: ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'],
  PENALTY_NO_RECORD: ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'],
  PAPER_FILE: ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'],
};
const DEFAULT_OPENERS = ['TEAM_LEAD', 'DIRECTOR'];

const ZIdempotencyKey = z.string().min(8, 'must have 8 to 200 characters').max(200, 'must have 8 to 200 characters');
const ZCaseParam = z.object({ caseId: z.string().min(1).max(200) });
const ZStepParam = ZCaseParam.extend({ stepId: z.string().min(1).max(40) });
const errors = ERROR_RESPONSES;

const createCaseRoute = createRoute({
  method: 'post',
  path: '/api/v1/cases',
  tags: ['cases'],
  summary: 'Open a case on the latest published version of a procedure',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ procedureId: z.string().min(1).max(40), title: z.string().min(1).max(300), teamId: z.string().min(1).max(60).optional() }) } },
    },
  },
  responses: { 201: { description: 'Opened', content: { 'application/json': { schema: z.object({ caseId: z.string(), procedure: z.object({ id: z.string(), version: z.number().int() }) }) } } }, ...errors },
});

const getCaseRoute = createRoute({
  method: 'get',
  path: '/api/v1/cases/{caseId}',
  tags: ['cases'],
  summary: 'A case: status, open steps with deadlines and their explanations, history, escalations',
  request: { params: ZCaseParam },
  responses: { 200: { description: 'The case', content: { 'application/json': { schema: ZCaseDetail } } }, ...errors },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/v1/cases/{caseId}/audit',
  tags: ['cases'],
  summary: 'The hash-chained audit log of a case',
  request: { params: ZCaseParam },
  responses: { 200: { description: 'Events', content: { 'application/json': { schema: z.object({ events: z.array(ZAuditEvent) }) } } }, ...errors },
});

const completeRoute = createRoute({
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/complete',
  tags: ['cases'],
  summary: 'Complete an open step with an outcome and its form; refused with the code and legal basis when not allowed',
  request: {
    params: ZStepParam,
    headers: z.object({ 'idempotency-key': ZIdempotencyKey }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            outcome: z.string().min(1).max(40),
            data: z.record(z.string(), z.unknown()).default({}),
            evidence: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().min(1).max(255), size: z.number().int().min(0), mime: z.string().min(1).max(100) })).max(200).optional(),
          }),
        },
      },
    },
  },
  responses: { 200: { description: 'The case after the step', content: { 'application/json': { schema: ZActionResult } } }, ...errors },
});

const claimRoute = createRoute({
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/claim',
  tags: ['cases'],
  summary: 'Take an open step as one’s own task',
  request: { params: ZStepParam, headers: z.object({ 'idempotency-key': ZIdempotencyKey }) },
  responses: { 200: { description: 'Claimed', content: { 'application/json': { schema: ZActionResult } } }, ...errors },
});

const extendRoute = createRoute({
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/extension',
  tags: ['cases'],
  summary: 'Grant an extension of the step’s deadline (within its legal basis)',
  request: {
    params: ZStepParam,
    headers: z.object({ 'idempotency-key': ZIdempotencyKey }),
    body: { required: true, content: { 'application/json': { schema: z.object({ amount: z.number().int().min(1).max(1000), reason: z.string().min(1).max(2000) }) } } },
  },
  responses: { 200: { description: 'Extended', content: { 'application/json': { schema: ZActionResult } } }, ...errors },
});

/** The other officer actions on a step, one route with the action in the body. */
const stepActionRoute = createRoute({
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/actions',
  tags: ['cases'],
  summary: 'Release, assign, ask for an extension, stop or restart the clock, escalate: refused with the code and legal basis when not allowed',
  request: {
    params: ZStepParam,
    headers: z.object({ 'idempotency-key': ZIdempotencyKey }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.discriminatedUnion('type', [
            z.object({ type: z.literal('RELEASE') }),
            z.object({ type: z.literal('ASSIGN'), assigneeId: z.string().min(1).max(100) }),
            z.object({ type: z.literal('REQUEST_EXTENSION'), amount: z.number().int().min(1).max(1000), reason: z.string().min(1).max(2000) }),
            z.object({ type: z.literal('PAUSE_CLOCK'), reason: z.string().min(1).max(60) }),
            z.object({ type: z.literal('RESUME_CLOCK') }),
            z.object({ type: z.literal('ESCALATE'), reason: z.string().min(1).max(2000), toRole: z.enum(['TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER']).optional() }),
          ]),
        },
      },
    },
  },
  responses: { 200: { description: 'The case after the action', content: { 'application/json': { schema: ZActionResult } } }, ...errors },
});

const noteRoute = createRoute({
  method: 'post',
  path: '/api/v1/cases/{caseId}/notes',
  tags: ['cases'],
  summary: 'Add a note to the case file',
  request: { params: ZCaseParam, headers: z.object({ 'idempotency-key': ZIdempotencyKey }), body: { required: true, content: { 'application/json': { schema: z.object({ text: z.string().min(1).max(5000) }) } } } },
  responses: { 200: { description: 'Noted', content: { 'application/json': { schema: ZActionResult } } }, ...errors },
});

const inboxRoute = createRoute({
  method: 'get',
  path: '/api/v1/inbox',
  tags: ['cases'],
  summary: 'Open steps for me: those of my roles in my team (or unit, for unit-wide roles), soonest deadline first',
  request: { query: z.object({ mine: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'Tasks', content: { 'application/json': { schema: z.object({ tasks: z.array(ZInboxTask) }) } } }, 400: errors[400], 401: errors[401], 403: errors[403] },
});

export function caseRoutes(deps: { db: Db; temporal: Client; taskQueue: string }) {
  const { db, temporal } = deps;

  /** The case row if the user may see it; 404 otherwise (existence is not revealed across teams). */
  async function visibleCase(user: ReturnType<typeof currentUser>, caseId: string) {
    const row = await getCaseRow(db, caseId);
    if (!row || !canSeeCase(user, row)) throw new AppError('NOT_FOUND', `No case ${caseId}.`);
    return row;
  }

  /**
   * One officer action on a case the user may see: the Idempotency-Key is the Update's id (the
   * server deduplicates) and the workflow's request id (deduplicated across continue-as-new too).
   */
  async function act(
    c: Context<TAppEnv>,
    caseId: string,
    key: string,
    send: (actor: TActor, requestId: string, handle: WorkflowHandle) => Promise<TActionResult>,
  ): Promise<z.infer<typeof ZActionResult>> {
    const user = currentUser(c);
    await visibleCase(user, caseId);
    const result = await run(() => send({ userId: user.id, roles: user.roles }, key, temporal.workflow.getHandle(caseId)));
    return result as unknown as z.infer<typeof ZActionResult>;
  }

  async function run(fn: () => Promise<TActionResult>): Promise<TActionResult> {
    try {
      return await fn();
    } catch (err) {
      const mapped = toAppError(err);
      if (mapped === err && err instanceof Error && /already completed|workflow execution.*completed/i.test(err.message)) {
        throw new AppError('CASE_CLOSED', 'The case is closed; nothing more can be done in it.');
      }
      throw mapped;
    }
  }

  return new OpenAPIHono<TAppEnv>()
    .openapi(createCaseRoute, async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const version = await latestPublishedVersion(db, body.procedureId);
      const def = version === undefined ? undefined : await getPublished(db, body.procedureId, version);
      if (!def) throw new AppError('NOT_FOUND', `procedureId: no published procedure ${body.procedureId}`);
      requireRole(c, OPENERS[def.kind] ?? DEFAULT_OPENERS, `open a ${def.kind} case`);
      const teamId = body.teamId ?? user.teamId;
      if (!teamId) throw new AppError('VALIDATION_FAILED', 'teamId: is required for a user without a team');
      const team = await db.selectFrom('team').select(['id', 'unit_id']).where('id', '=', teamId).executeTakeFirst();
      if (!team || team.unit_id !== user.unitId) throw new AppError('VALIDATION_FAILED', `teamId: ${teamId} is not a team of your unit`);
      if (!user.roles.some((r) => UNIT_WIDE_ROLES.includes(r)) && teamId !== user.teamId) throw new AppError('FORBIDDEN', 'You may open cases for your own team only.');
      const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
      const scope = `${PREFIX[def.kind] ?? 'case'}/${user.unitId}/${year}`;
      const caseId = `${scope}/${String(await nextCaseNumber(db, scope)).padStart(4, '0')}`;
      await startCase(temporal, db, deps.taskQueue, { caseId, procedureId: def.id, version: def.version, unitId: user.unitId, teamId, title: body.title, startedBy: { userId: user.id, roles: user.roles } });
      return c.json({ caseId, procedure: { id: def.id, version: def.version } }, 201);
    })
    .openapi(getCaseRoute, async (c) => {
      const user = currentUser(c);
      const row = await visibleCase(user, c.req.valid('param').caseId);
      const [tasks, escalations] = await Promise.all([listTasks(db, { caseId: row.case_id }), listEscalations(db, { caseId: row.case_id })]);
      return c.json({ case: row, tasks, escalations }, 200);
    })
    .openapi(auditRoute, async (c) => {
      const user = currentUser(c);
      const row = await visibleCase(user, c.req.valid('param').caseId);
      return c.json({ events: await auditEvents(db, row.case_id) }, 200);
    })
    .openapi(completeRoute, async (c) => {
      const body = c.req.valid('json');
      const { stepId } = c.req.valid('param');
      return c.json(
        await act(c, c.req.valid('param').caseId, c.req.valid('header')['idempotency-key'], (actor, requestId, h) =>
          h.executeUpdate(completeStepUpdate, { args: [{ actor, requestId, stepId, outcome: body.outcome, data: body.data, ...(body.evidence ? { evidence: body.evidence } : {}) }], updateId: requestId }),
        ),
        200,
      );
    })
    .openapi(claimRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      return c.json(
        await act(c, caseId, c.req.valid('header')['idempotency-key'], (actor, requestId, h) => h.executeUpdate(claimStepUpdate, { args: [{ actor, requestId, stepId }], updateId: requestId })),
        200,
      );
    })
    .openapi(extendRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      const { amount, reason } = c.req.valid('json');
      return c.json(
        await act(c, caseId, c.req.valid('header')['idempotency-key'], (actor, requestId, h) =>
          h.executeUpdate(grantExtensionUpdate, { args: [{ actor, requestId, stepId, amount, reason }], updateId: requestId }),
        ),
        200,
      );
    })
    .openapi(stepActionRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      const a = c.req.valid('json');
      return c.json(
        await act(c, caseId, c.req.valid('header')['idempotency-key'], (actor, requestId, h) => {
          const base = { actor, requestId, stepId };
          const opts = { updateId: requestId };
          switch (a.type) {
            case 'RELEASE':
              return h.executeUpdate(releaseStepUpdate, { args: [base], ...opts });
            case 'ASSIGN':
              return h.executeUpdate(assignStepUpdate, { args: [{ ...base, assigneeId: a.assigneeId }], ...opts });
            case 'REQUEST_EXTENSION':
              return h.executeUpdate(requestExtensionUpdate, { args: [{ ...base, amount: a.amount, reason: a.reason }], ...opts });
            case 'PAUSE_CLOCK':
              return h.executeUpdate(pauseClockUpdate, { args: [{ ...base, reason: a.reason }], ...opts });
            case 'RESUME_CLOCK':
              return h.executeUpdate(resumeClockUpdate, { args: [base], ...opts });
            case 'ESCALATE':
              return h.executeUpdate(escalateUpdate, { args: [{ ...base, reason: a.reason, ...(a.toRole ? { toRole: a.toRole } : {}) }], ...opts });
          }
        }),
        200,
      );
    })
    .openapi(noteRoute, async (c) => {
      const { text } = c.req.valid('json');
      return c.json(
        await act(c, c.req.valid('param').caseId, c.req.valid('header')['idempotency-key'], (actor, requestId, h) => h.executeUpdate(addNoteUpdate, { args: [{ actor, requestId, text }], updateId: requestId })),
        200,
      );
    })
    .openapi(inboxRoute, async (c) => {
      const user = currentUser(c);
      const unitWide = user.roles.some((r) => UNIT_WIDE_ROLES.includes(r));
      let q = db
        .selectFrom('case_task as t')
        .innerJoin('case_file as f', 'f.case_id', 't.case_id')
        .select(['t.case_id', 't.step_id', 't.title', 't.roles', 't.team_id', 't.assignee_id', 't.opened_at', 't.due_at', 't.overdue', 't.paused', 'f.title as case_title', 'f.kind'])
        .where('f.unit_id', '=', user.unitId)
        .where((eb) => eb.or(user.roles.map((r) => eb(eb.val(r), '=', eb.fn.any('t.roles')))))
        .orderBy('t.due_at', (ob) => ob.asc().nullsLast())
        .orderBy('t.opened_at');
      if (!unitWide) q = q.where('t.team_id', '=', user.teamId ?? '');
      if (c.req.valid('query').mine === 'true') q = q.where('t.assignee_id', '=', user.id);
      return c.json({ tasks: await q.execute() }, 200);
    });
}
