/**
 * Bulk actions over cases (issue 15, docs/adr/0105-bulk-actions.md): reassign, add a note, ask for
 * an extension or move to another procedure version, over a selection of cases or a filter of the
 * case list; each case judged by its own workflow; a report per case, kept and opened again by id.
 * The rules are in api/services/bulk-actions.ts; this validates, calls and shapes.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { BULK_ACTIONS, BULK_RESULTS, isFinal, MAX_BULK_CASES } from '../../domain/bulk-actions.js';
import { CASE_ACTIONS, migrateProcedure } from '../../domain/engine.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../lib/logger.js';
import { route, SIGNED_IN } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { idempotentRequestId } from '../idempotency.js';
import { ERROR_RESPONSES, ZDateTime } from '../schemas.js';
import { bulkReport, runBulkAction, type TBulkReport } from '../services/bulk-actions.js';
import { caseFilterOf, ZCaseFilterQuery } from './cases.schemas.js';

const ZStepIds = z.array(z.string().min(1).max(40)).min(1).max(20);

/** The cases a bulk action is about: listed, or the case list's filter resolved by the server (within the caller's scope). */
const ZBulkTarget = z
  .union([
    z.object({ caseIds: z.array(z.string().min(1).max(200)).min(1).max(MAX_BULK_CASES) }).strict(),
    z
      .object({ filter: ZCaseFilterQuery.strict() })
      .strict()
      .openapi({ description: `The case list's filters (GET /api/v1/cases); refused when more than ${MAX_BULK_CASES} cases match` }),
  ])
  .openapi('BulkTarget');

const ZBulkRequest = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('REASSIGN'),
      target: ZBulkTarget,
      params: z
        .object({
          toUserId: z.string().min(1).max(100),
          fromUserId: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .openapi({ description: 'Reassign the open steps assigned to this officer; without it, every open step of the cases that the new officer’s roles do' }),
          stepIds: ZStepIds.optional().openapi({ description: 'Only these steps; without fromUserId, these steps of each case are sent to its workflow whatever their state' }),
        })
        .strict(),
    }),
    z.object({ action: z.literal('ADD_NOTE'), target: ZBulkTarget, params: CASE_ACTIONS.ADD_NOTE.body.strict() }),
    z.object({
      action: z.literal('REQUEST_EXTENSION'),
      target: ZBulkTarget,
      params: CASE_ACTIONS.REQUEST_EXTENSION.body
        .extend({ stepIds: ZStepIds.optional().openapi({ description: 'Only these steps (default: the open steps with a deadline that the caller’s roles do)' }) })
        .strict(),
    }),
    z.object({ action: z.literal('MIGRATE_VERSION'), target: ZBulkTarget, params: migrateProcedure.body.strict() }),
  ])
  .openapi('BulkActionRequest');

const ZBulkItem = z
  .object({
    caseId: z.string(),
    caseTitle: z.string().nullable().openapi({ description: 'Null for a case the caller may not see' }),
    stepId: z.string().nullable(),
    result: z.enum(BULK_RESULTS).openapi({
      description:
        'OK; REFUSED by the workflow or the API’s check (code, rule, message); SKIPPED (nothing to do, not found); ERROR (not known to be done: send the same request again); PENDING (not sent yet)',
    }),
    code: z.string().nullable(),
    message: z.string().nullable(),
    rule: z.string().nullable(),
    params: z.record(z.string(), z.unknown()).nullable(),
    legalBasis: z.string().nullable(),
  })
  .openapi('BulkActionItem');

const ZBulkReport = z
  .object({
    id: z.string(),
    action: z.enum(BULK_ACTIONS),
    params: z.record(z.string(), z.unknown()),
    target: z.record(z.string(), z.unknown()),
    createdBy: z.string(),
    createdAt: ZDateTime,
    finishedAt: ZDateTime.nullable(),
    cases: z.number().int().openapi({ description: 'How many cases the run is about' }),
    counts: z.object({ OK: z.number().int(), REFUSED: z.number().int(), SKIPPED: z.number().int(), ERROR: z.number().int(), PENDING: z.number().int() }),
    items: z.array(ZBulkItem),
  })
  .openapi('BulkActionReport');

function toReportView({ run, items }: TBulkReport): z.infer<typeof ZBulkReport> {
  const counts = { OK: 0, REFUSED: 0, SKIPPED: 0, ERROR: 0, PENDING: 0 };
  for (const i of items) counts[i.result]++;
  return {
    id: run.id,
    action: run.action,
    params: run.params,
    target: run.target,
    createdBy: run.created_by,
    createdAt: run.created_at.toISOString(),
    finishedAt: run.finished_at?.toISOString() ?? null,
    cases: new Set(items.map((i) => i.case_id)).size,
    counts,
    items: items.map((i) => ({
      caseId: i.case_id,
      // A case the caller may not see is named by the id they sent, nothing more.
      caseTitle: i.code === 'NOT_FOUND' ? null : i.case_title,
      stepId: i.step_id,
      result: i.result,
      code: i.code,
      message: i.message,
      rule: i.rule,
      params: i.rule_params,
      legalBasis: i.legal_basis,
    })),
  };
}

const runRoute = route({
  // Which action a caller may run is known from the body: api/services/bulk-actions.ts answers 403 before anything is planned.
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/bulk-actions',
  tags: ['cases'],
  summary: `Run one action over up to ${MAX_BULK_CASES} cases — reassign (team leads and directors), add a note, ask for an extension, move to another procedure version (admins) — each case judged by its own workflow; the report per case. The same request again (same Idempotency-Key) does nothing twice: it answers the same report, or completes a run that Temporal interrupted (503)`,
  request: { body: { required: true, content: { 'application/json': { schema: ZBulkRequest } } } },
  responses: { 200: { description: 'The report: every case has its final result', content: { 'application/json': { schema: ZBulkReport } } }, ...ERROR_RESPONSES },
});

const getRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/bulk-actions/{id}',
  tags: ['cases'],
  summary: 'A bulk action’s report, for the one who ran it and the unit’s unit-wide roles',
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 200: { description: 'The report', content: { 'application/json': { schema: ZBulkReport } } }, ...ERROR_RESPONSES },
});

export function bulkActionRoutes(deps: { db: Db; temporal: Client; log: Logger }) {
  return new OpenAPIHono<TAppEnv>()
    .openapi(runRoute, async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const report = await runBulkAction(deps, user, { requestId: idempotentRequestId(c), body, ...('filter' in body.target ? { filter: caseFilterOf(body.target.filter) } : {}) }, (err, item) =>
        deps.log.warn({ err, requestId: c.get('requestId'), caseId: item.case_id, stepId: item.step_id }, 'a case of a bulk action could not be sent'),
      );
      const view = toReportView(report);
      if (!report.items.every((i) => isFinal(i.result))) {
        // Not a success, so the key is not kept: the same request again sends what is left, and nothing twice.
        throw new AppError(
          'UNAVAILABLE',
          `${view.counts.ERROR + view.counts.PENDING} of the ${report.items.length} items could not be sent (Temporal could not be reached); the others are done. ` +
            'Send the same request again with the same Idempotency-Key: it sends only what is left, and nothing twice.',
          undefined,
          { reason: 'BULK_INCOMPLETE', bulkId: view.id, counts: view.counts },
        );
      }
      return c.json(view, 200);
    })
    .openapi(getRoute, async (c) => c.json(toReportView(await bulkReport(deps.db, currentUser(c), c.req.valid('param').id)), 200));
}
