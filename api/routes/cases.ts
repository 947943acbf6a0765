/**
 * Cases: open one, read it (from the read model, checked per object), act on its steps, and the
 * inbox. Case ids contain slashes (`penalty/<unit>/<year>/<seq>`): URL-encode them in paths.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Context } from 'hono';
import type { UpdateDefinition } from '@temporalio/common';
import { ANY_CASE_OPENER, SUPERVISOR_ROLES } from '../../domain/roles.js';
import type { Db } from '../../db/database.js';
import { CASE_SORTS, INBOX_CURSOR, listCases, listInbox } from '../../db/repositories/case-queries.js';
import { decodeRowCursor } from '../../db/repositories/paging.js';
import { loadWorkingCalendar } from '../../db/repositories/calendar.js';
import { INBOX_SOON_WORKING_DAYS, vietnamDateOf } from '../../domain/calendar.js';
import { auditEvents, getCaseRow, listEscalations, listTasks } from '../../db/repositories/cases.js';
import type { TActedCase } from '../../db/tables/cases.table.js';
import { caseLookupOf } from '../../db/repositories/case-lookup.js';
import { tipOfCase } from '../../db/repositories/tips.js';
import { formatLookupCode } from '../../domain/lookup-code.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { CASE_ACTIONS, type TActionInput, type TActionType } from '../../domain/engine.js';
import { CASE_ACTION_UPDATES, type TActionEnvelope, type TActionResult } from '../../workflows/case-messages.js';
import { roles, route, SIGNED_IN } from '../access.js';
import { canSeeCase, caseScope, currentUser, type TAppEnv } from '../auth.js';
import { AppError, invalidField } from '../errors.js';
import { answerToWrite } from '../request-audit.js';
import { pageOf, pageQueryFields, pageRequest } from '../paging.js';
import { ERROR_RESPONSES } from '../schemas.js';
import { caseFilterOf, ZActionResult, ZAuditEvent, ZCaseFilterQuery } from './cases.schemas.js';
import { toCaseDetail, toCaseListItemView, toInboxTaskView, ZCaseDetail, ZCaseListItem, ZInboxTask, ZPendingApproval, ZStepPrefill } from '../views/case.js';
import { stepPrefill } from '../services/prefill.js';
import { pendingApprovals } from '../services/approvals.js';
import { checkAssignee, checkCaseAssignee } from '../services/assignment.js';
import { checkDeputyDecision, checkEvidenceRefs, completionResolved } from '../services/cases.js';
import { executeCaseAction, updateInput } from '../services/case-actions.js';
import { httpError } from '../error-translator.js';
import { openCase } from '../services/case-opening.js';
import { idempotentRequestId } from '../idempotency.js';

const ZIdempotencyKey = z.string().min(8, 'must have 8 to 200 characters').max(200, 'must have 8 to 200 characters');
const ZCaseParam = z.object({ caseId: z.string().min(1).max(200) });
const ZStepParam = ZCaseParam.extend({ stepId: z.string().min(1).max(40) });
const errors = ERROR_RESPONSES;

/**
 * An officer action's request: its Idempotency-Key (the Update's id) and, for most, a JSON body —
 * the action's own `body` schema (domain/engine/actions/): the route body, the Update's input and
 * the engine's input are one schema.
 */
const ZActionHeaders = z.object({ 'idempotency-key': ZIdempotencyKey });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
/** An action's body on the step-actions route: its own body, with its `type`. */
const typed = <T extends string, S extends z.ZodRawShape>(a: { type: T; body: z.ZodObject<S> }) => z.object({ type: z.literal(a.type), ...a.body.shape });
const A = CASE_ACTIONS;
/** An officer action's answer: the case after it, or the error envelope. */
const actionResponses = (description: string) => ({ 200: { description, content: { 'application/json': { schema: ZActionResult } } }, ...errors });

const createCaseRoute = route({
  // Who may open a case of some kind: checked before the body is read (the procedure's kind is
  // known once it is loaded; domain/case-opening.ts checks the openers of that kind).
  access: roles(ANY_CASE_OPENER, 'open cases'),
  method: 'post',
  path: '/api/v1/cases',
  tags: ['cases'],
  summary: 'Open a case on the latest published version of a procedure: a national one, or my unit’s own variant',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            procedureId: z.string().min(1).max(40),
            title: z.string().min(1).max(300),
            teamId: z.string().min(1).max(60).optional(),
            businessId: z.string().min(1).max(100).optional().openapi({ description: 'The business (registry id) the case is about; it shows in the business’s history' }),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Opened', content: { 'application/json': { schema: z.object({ caseId: z.string(), procedure: z.object({ id: z.string(), version: z.number().int() }) }) } } },
    ...errors,
  },
});

const getCaseRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}',
  tags: ['cases'],
  summary: 'A case: status, open steps with deadlines and their explanations, history, escalations',
  request: { params: ZCaseParam },
  responses: { 200: { description: 'The case', content: { 'application/json': { schema: ZCaseDetail } } }, ...errors },
});

const auditRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}/audit',
  tags: ['cases'],
  summary: 'The hash-chained audit log of a case',
  request: { params: ZCaseParam },
  responses: { 200: { description: 'Events', content: { 'application/json': { schema: z.object({ events: z.array(ZAuditEvent) }) } } }, ...errors },
});

const completeRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/complete',
  tags: ['cases'],
  summary: 'Complete an open step with an outcome and its form; refused with the code and legal basis when not allowed',
  request: {
    params: ZStepParam,
    headers: ZActionHeaders,
    body: jsonBody(A.COMPLETE_STEP.body),
  },
  responses: actionResponses('The case after the step'),
});

const claimRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/claim',
  tags: ['cases'],
  summary: 'Take an open step as one’s own task',
  request: { params: ZStepParam, headers: ZActionHeaders },
  responses: actionResponses('Claimed'),
});

const extendRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/extension',
  tags: ['cases'],
  summary: 'Grant an extension of the step’s deadline (within its legal basis)',
  request: { params: ZStepParam, headers: ZActionHeaders, body: jsonBody(A.GRANT_EXTENSION.body) },
  responses: actionResponses('Extended'),
});

/** The other officer actions on a step, one route with the action in the body. */
const stepActionRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/actions',
  tags: ['cases'],
  summary: 'Release, assign, ask for an extension, record a superior’s written extension after the grant, stop or restart the clock, escalate: refused with the code and legal basis when not allowed',
  request: {
    params: ZStepParam,
    headers: ZActionHeaders,
    body: jsonBody(
      z.discriminatedUnion('type', [typed(A.RELEASE), typed(A.ASSIGN), typed(A.REQUEST_EXTENSION), typed(A.RECORD_EXTENSION_APPROVAL), typed(A.PAUSE_CLOCK), typed(A.RESUME_CLOCK), typed(A.ESCALATE)]),
    ),
  },
  responses: actionResponses('The case after the action'),
});

const noteRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/notes',
  tags: ['cases'],
  summary: 'Add a note to the case file',
  request: { params: ZCaseParam, headers: ZActionHeaders, body: jsonBody(A.ADD_NOTE.body) },
  responses: actionResponses('Noted'),
});

const correctDocumentRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/documents/{documentId}/corrections',
  tags: ['documents'],
  summary:
    'Correct (đính chính) or replace (thay thế) an issued paper: a new decision, numbered in the unit’s register, refers to it; the paper itself never changes. By the roles of the step that issued it; 409 when it was corrected already',
  request: { params: ZCaseParam.extend({ documentId: z.string().min(1).max(40) }), headers: ZActionHeaders, body: jsonBody(A.CORRECT_DOCUMENT.body) },
  responses: actionResponses('The case after the correcting decision was issued'),
});

const reissueDocumentRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/documents/not-issued/{failureSeq}/reissue',
  tags: ['documents'],
  summary:
    'Issue again a paper the case could not issue (listed in its documents’ `notIssued`), once its cause is mended: the same paper, date and officer, numbered now (docs/adr/0196). By that officer, a team lead or the director; 404 when it was issued again already. A closed case takes it for 90 days after it closed, and makes its archive package again with the paper (docs/adr/0199: `reissueOpen` in its documents); 409 after that',
  request: { params: ZCaseParam.extend({ failureSeq: z.coerce.number().int().min(1).max(1_000_000_000) }), headers: ZActionHeaders },
  responses: actionResponses('The case after the paper was issued again (or recorded as failing again)'),
});

const assignCaseRoute = route({
  access: roles(SUPERVISOR_ROLES, 'assign a case'),
  method: 'post',
  path: '/api/v1/cases/{caseId}/assignee',
  tags: ['cases'],
  summary:
    'Give the whole case to an inspector (giao hồ sơ; a team lead or director): its open inspector steps are reassigned to them and the ones that open later go to them. Refused with 422 ASSIGNEE_NOT_ELIGIBLE for anyone but an active inspector of the case’s unit, 403 for other roles, 409 when nothing would change',
  request: { params: ZCaseParam, headers: ZActionHeaders, body: jsonBody(A.ASSIGN_CASE.body) },
  responses: actionResponses('The case after the assignment'),
});

/** An escalation of a case, as the case's escalations and the queue name it (URL-encoded: its id holds `#` and `:`). */
const ZEscalationParam = ZCaseParam.extend({ escalationId: z.string().min(1).max(200) });

const resolveEscalationRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/escalations/{escalationId}/resolve',
  tags: ['cases'],
  summary:
    'Mark a warning, escalation or extension request handled, saying how (đã xử lý): by the role it is addressed to or a supervisor above it. It leaves the open queue; the audit trail keeps who, when and the note. Refused when unknown (404), already resolved or superseded (409), or for another role (403)',
  request: { params: ZEscalationParam, headers: ZActionHeaders, body: jsonBody(A.RESOLVE_ESCALATION.body) },
  responses: actionResponses('The case after the escalation was marked handled'),
});

const listCasesRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases',
  tags: ['cases'],
  summary:
    'Cases I may see (my team’s, or my unit’s for unit-wide roles): filters, search (accents ignored) over the case number, title, business and what its steps record — parties, decision and record numbers — sorting, cursor pages with the total',
  request: {
    query: ZCaseFilterQuery.extend({
      ...pageQueryFields(CASE_SORTS, { defaultSort: 'openedAt', defaultLimit: 50, orderDescription: 'Default: desc for openedAt, asc otherwise' }),
    }),
  },
  responses: { 200: { description: 'A page of cases', content: { 'application/json': { schema: pageOf(ZCaseListItem) } } }, ...errors },
});

const inboxRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/inbox',
  tags: ['cases'],
  summary:
    'Open steps for me: those of my roles in my team (or unit, for unit-wide roles), soonest deadline first, filtered and paged by a cursor, with the counts of the whole inbox (each up to 1,000)',
  request: {
    query: z.object({
      mine: z.enum(['true', 'false']).optional().openapi({ description: 'Only the steps assigned to me' }),
      kind: z.string().min(1).max(40).optional(),
      unassigned: z.enum(['true', 'false']).optional().openapi({ description: 'Only the steps nobody has taken' }),
      urgency: z
        .enum(['overdue', 'soon'])
        .optional()
        .openapi({ description: `overdue: past the deadline; soon: due within ${INBOX_SOON_WORKING_DAYS} working days` }),
      q: z.string().max(200).optional().openapi({ description: 'Words of the case number, title or business (accents ignored), or a step id' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(1000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of tasks, the next cursor, the counts, and the approvals waiting for me (campaign versions for a director, role changes for an admin)',
      content: {
        'application/json': {
          schema: z.object({
            tasks: z.array(ZInboxTask),
            nextCursor: z.string().nullable(),
            summary: z
              .object({
                total: z.number().int(),
                totalCapped: z.boolean(),
                overdue: z.number().int(),
                overdueCapped: z.boolean(),
                soon: z.number().int(),
                soonCapped: z.boolean(),
              })
              .openapi({ description: 'Counts of the whole inbox (my tasks with mine=true), whatever the filters; a count that reaches 1,000 stops there and is marked capped' }),
            approvals: z.array(ZPendingApproval),
          }),
        },
      },
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
  },
});

/** A form field as the web app renders it (groups nest fields). */
const ZFieldOut: z.ZodType<Record<string, unknown>> = z
  .object({
    key: z.string(),
    type: z.enum(['text', 'number', 'money', 'date', 'enum', 'boolean', 'file', 'group', 'violation']),
    label: z.object({ vi: z.string(), en: z.string() }),
    required: z.boolean().optional(),
    help: z.object({ vi: z.string(), en: z.string() }).optional(),
    sensitive: z.boolean().optional(),
    options: z.array(z.object({ value: z.string(), label: z.object({ vi: z.string(), en: z.string() }) })).optional(),
    fields: z.array(z.lazy(() => ZFieldOut)).optional(),
  })
  .catchall(z.unknown())
  .openapi('FormField');
const ZText = z.object({ vi: z.string(), en: z.string() });
const ZProcedureOut = z
  .object({
    id: z.string(),
    version: z.number().int(),
    kind: z.string(),
    title: ZText,
    description: z.string().optional(),
    legalBasis: z.string().optional(),
    events: z.array(z.object({ id: z.string(), title: ZText })),
    facts: z.array(z.object({ key: z.string(), type: z.string(), title: ZText })).optional(),
    start: z.array(z.string()),
    steps: z.array(
      z
        .object({
          id: z.string(),
          title: ZText,
          roles: z.array(z.string()),
          legalBasis: z.string().optional(),
          form: z.object({ fields: z.array(ZFieldOut) }),
          outcomes: z.array(z.object({ id: z.string(), title: ZText, next: z.array(z.string()), closesCase: z.boolean().optional(), legalBasis: z.string().optional() }).catchall(z.unknown())),
          requiresEvidence: z.boolean().optional(),
          subProcedure: z.object({ procedureId: z.string(), version: z.number().int().optional() }).catchall(z.unknown()).optional(),
        })
        .catchall(z.unknown()),
    ),
  })
  .openapi('ProcedureDefinition');

const caseProcedureRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}/procedure',
  tags: ['cases'],
  summary: 'The procedure version the case runs on (steps, forms, deadlines, outcomes): what the web app renders a step’s form from',
  request: { params: ZCaseParam },
  responses: { 200: { description: 'The pinned definition', content: { 'application/json': { schema: z.object({ procedure: ZProcedureOut }) } } }, ...errors },
});

const prefillRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/prefill',
  tags: ['cases'],
  summary:
    'What a step’s form starts from: the defaults its fields declare (prefill), from the case’s business, its earlier steps, the case that started it, today and the signed-in officer — each with where it came from. Protected fields are never carried over; the form is checked on completion as if typed',
  request: { params: ZStepParam },
  responses: { 200: { description: 'Defaults by field', content: { 'application/json': { schema: ZStepPrefill } } }, ...errors },
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
   * What an action needs of the case it acts on (`ACTED_CASE_COLUMNS`), if the user may see it; 404
   * otherwise. Read with the request's Idempotency-Key when it claimed one (docs/adr/0172); read
   * here otherwise.
   */
  async function actedCase(user: ReturnType<typeof currentUser>, caseId: string, claimed: TAppEnv['Variables']['claimedCase']): Promise<TActedCase> {
    const row = claimed && claimed.caseId === caseId ? claimed.row : await getCaseRow(db, caseId);
    if (!row || !canSeeCase(user, row)) throw new AppError('NOT_FOUND', `No case ${caseId}.`);
    return row;
  }

  /**
   * One officer action on a case the user may see: the action's input (its module's schema) as the
   * Update's input, with who acts and the request id added in one place (`updateInput`). Its request
   * id (from the Idempotency-Key, bound to the user and the request) is the Update's id (the server
   * deduplicates within a run) and the workflow's request id (deduplicated across continue-as-new
   * too). A refusal, or Temporal's answer, becomes the HTTP error in the one translator. The answer
   * (200) is made before the projection is written, so that the projection's transaction writes the
   * request's audit row and its key's kept answer too (docs/adr/0200); nothing after that may fail.
   */
  async function act<K extends TActionType>(c: Context<TAppEnv>, caseId: string, type: K, input: TActionInput<K> | ((row: TActedCase) => Promise<TActionInput<K>>)) {
    const user = currentUser(c);
    const row = await actedCase(user, caseId, c.get('claimedCase'));
    const payload = typeof input === 'function' ? await input(row) : input;
    const requestId = idempotentRequestId(c);
    const respond = (answer: TActionResult) => c.json(answer as z.infer<typeof ZActionResult>, 200);
    /** The answer, made before the projection is written so that its transaction may keep it (docs/adr/0200). */
    let made: ReturnType<typeof respond> | undefined;
    try {
      const update = CASE_ACTION_UPDATES[type] as unknown as UpdateDefinition<TActionResult, [TActionEnvelope & TActionInput<K>]>;
      const answer = await executeCaseAction({ temporal, db }, caseId, update, updateInput(user, requestId, payload), requestId, {
        of: (a) => {
          made = respond(a);
          return answerToWrite(c, made);
        },
      });
      return made ?? respond(answer);
    } catch (err) {
      throw httpError(err, { caseUpdate: true }) ?? err;
    }
  }

  return new OpenAPIHono<TAppEnv>()
    .openapi(createCaseRoute, async (c) => {
      return c.json(await openCase({ db, temporal, taskQueue: deps.taskQueue }, currentUser(c), idempotentRequestId(c), c.req.valid('json')), 201);
    })
    .openapi(listCasesRoute, async (c) => {
      const user = currentUser(c);
      const q = c.req.valid('query');
      const page = pageRequest(q, (sort) => (sort === 'openedAt' ? 'desc' : 'asc'));
      const found = await listCases(db, caseScope(user), caseFilterOf(q), page);
      return c.json({ ...found, items: found.items.map(toCaseListItemView) }, 200);
    })
    .openapi(getCaseRoute, async (c) => {
      const user = currentUser(c);
      const row = await visibleCase(user, c.req.valid('param').caseId);
      const [tasks, escalations, lookup, tip] = await Promise.all([
        listTasks(db, { caseId: row.case_id }),
        listEscalations(db, { caseId: row.case_id }),
        caseLookupOf(db, row.case_id),
        row.kind === 'TIP' ? tipOfCase(db, row.case_id) : undefined,
      ]);
      return c.json(
        { ...toCaseDetail(row, tasks, escalations), ...(lookup ? { lookupCode: formatLookupCode(lookup.code), lookupReady: lookup.ready } : {}), ...(tip ? { publicTip: true } : {}) },
        200,
      );
    })
    .openapi(auditRoute, async (c) => {
      const user = currentUser(c);
      const row = await visibleCase(user, c.req.valid('param').caseId);
      return c.json({ events: await auditEvents(db, row.case_id) }, 200);
    })
    .openapi(completeRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      const body = c.req.valid('json');
      return act(c, caseId, 'COMPLETE_STEP', async (row) => {
        await checkEvidenceRefs(db, { unitId: row.unit_id, procedure: { id: row.procedure_id, version: row.procedure_version }, stepId }, body.data, body.evidence);
        // Judged by the workflow after its own checks, so that a step out of order says so first (docs/adr/0195).
        const at = { procedure: { id: row.procedure_id, version: row.procedure_version }, caseId: row.case_id, unitId: row.unit_id };
        const resolved = await completionResolved(db, at, stepId, body, currentUser(c), vietnamDateOf(new Date()));
        return { ...body, stepId, ...(resolved ? { resolved } : {}) };
      });
    })
    .openapi(claimRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      return act(c, caseId, 'CLAIM', { stepId });
    })
    .openapi(extendRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      return act(c, caseId, 'GRANT_EXTENSION', async (row) => {
        const ext = (await getPublished(db, row.procedure_id, row.procedure_version))?.steps.find((s) => s.id === stepId)?.extension;
        // An extension decided by a paper (the seizure's) is a deputy's only under a delegation (docs/adr/0197).
        if (ext?.document) await checkDeputyDecision(db, { caseId: row.case_id, unitId: row.unit_id }, currentUser(c), ext.grantRoles, ext.document, vietnamDateOf(new Date()));
        return { ...c.req.valid('json'), stepId };
      });
    })
    .openapi(stepActionRoute, async (c) => {
      const { caseId, stepId } = c.req.valid('param');
      const { type, ...body } = c.req.valid('json');
      if (type === 'ASSIGN') {
        // Only to someone who may do the step (api/services/assignment.ts), on a case the caller sees.
        const assigneeId = (body as TActionInput<'ASSIGN'>).assigneeId;
        return act(c, caseId, type, async (row) => {
          await checkAssignee(db, row, stepId, assigneeId);
          return { assigneeId, stepId };
        });
      }
      return act(c, caseId, type, { ...body, stepId } as TActionInput<typeof type>);
    })
    .openapi(noteRoute, async (c) => {
      const { caseId } = c.req.valid('param');
      return act(c, caseId, 'ADD_NOTE', c.req.valid('json'));
    })
    .openapi(correctDocumentRoute, async (c) => {
      const { caseId, documentId } = c.req.valid('param');
      return act(c, caseId, 'CORRECT_DOCUMENT', async (row) => {
        // The correcting decision is taken in the role of the corrected paper's step: a deputy's only under a delegation (docs/adr/0197).
        const doc = await db.selectFrom('document').select('step_id').where('id', '=', documentId).where('case_id', '=', row.case_id).executeTakeFirst();
        const roles = doc && (await getPublished(db, row.procedure_id, row.procedure_version))?.steps.find((s) => s.id === doc.step_id)?.roles;
        if (roles) await checkDeputyDecision(db, { caseId: row.case_id, unitId: row.unit_id }, currentUser(c), roles, 'CORRECTION_DECISION', vietnamDateOf(new Date()));
        return { ...c.req.valid('json'), documentId };
      });
    })
    .openapi(reissueDocumentRoute, async (c) => {
      const { caseId, failureSeq } = c.req.valid('param');
      return act(c, caseId, 'REISSUE_DOCUMENT', { failureSeq });
    })
    .openapi(assignCaseRoute, async (c) => {
      const { caseId } = c.req.valid('param');
      const { assigneeId } = c.req.valid('json');
      return act(c, caseId, 'ASSIGN_CASE', async (row) => {
        await checkCaseAssignee(db, row, assigneeId);
        return { assigneeId };
      });
    })
    .openapi(resolveEscalationRoute, async (c) => {
      const { caseId, escalationId } = c.req.valid('param');
      return act(c, caseId, 'RESOLVE_ESCALATION', { ...c.req.valid('json'), escalationId });
    })
    .openapi(caseProcedureRoute, async (c) => {
      const user = currentUser(c);
      const row = await visibleCase(user, c.req.valid('param').caseId);
      const def = await getPublished(db, row.procedure_id, row.procedure_version);
      if (!def) throw new AppError('NOT_FOUND', `Procedure ${row.procedure_id}@${row.procedure_version} of case ${row.case_id} is not published.`);
      return c.json({ procedure: def as unknown as z.infer<typeof ZProcedureOut> }, 200);
    })
    .openapi(prefillRoute, async (c) => {
      const user = currentUser(c);
      const { caseId, stepId } = c.req.valid('param');
      return c.json(await stepPrefill(db, user, await visibleCase(user, caseId), stepId), 200);
    })
    .openapi(inboxRoute, async (c) => {
      const user = currentUser(c);
      const q = c.req.valid('query');
      const after = q.cursor === undefined ? undefined : decodeRowCursor(q.cursor, INBOX_CURSOR, 4);
      if (q.cursor !== undefined && !after) throw invalidField('cursor', 'is not a cursor of the inbox; start again without it', 'format', { format: 'cursor' });
      const now = new Date();
      const calendar = await loadWorkingCalendar(db);
      const [page, approvals] = await Promise.all([
        listInbox(db, caseScope(user), {
          roles: user.roles,
          assigneeId: q.mine === 'true' ? user.id : undefined,
          kind: q.kind,
          unassigned: q.unassigned === 'true',
          urgency: q.urgency,
          q: q.q,
          now,
          soonUntil: calendar.dueSoonUntil(vietnamDateOf(now)),
          limit: q.limit,
          after,
        }),
        pendingApprovals(db, user),
      ]);
      return c.json({ tasks: page.tasks.map(toInboxTaskView), nextCursor: page.nextCursor, summary: page.summary, approvals }, 200);
    });
}
