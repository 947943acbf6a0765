/**
 * Response schemas of the case routes that are not the case's read views (those are in
 * api/views/case.ts): what a case action returns (from the workflow) and the audit log.
 * Kept beside `cases.ts` so the handlers stay short.
 */
import { z } from '@hono/zod-openapi';
import type { TCaseFilter } from '../../db/repositories/case-queries.js';
import { vnInstant } from '../../domain/vn-time.js';
import { ZDateTime, ZDay, ZTextOut } from '../schemas.js';

/** A date (YYYY-MM-DD, a day in Vietnam) or an instant with its offset. */
const ZInstantOrDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * The filters of the case list (`GET /api/v1/cases`), as query values: the list's query, and the
 * `filter` of a bulk action (api/routes/bulk-actions.ts), resolved the same way.
 */
export const ZCaseFilterQuery = z.object({
  status: z.enum(['OPEN', 'CLOSED']).optional(),
  step: z.string().min(1).max(40).optional().openapi({ description: 'A step currently open in the case' }),
  team: z.string().min(1).max(60).optional(),
  assignee: z.string().min(1).max(100).optional().openapi({ description: 'A user assigned to one of the open steps' }),
  overdue: z.enum(['true', 'false']).optional(),
  deadlineFrom: ZInstantOrDate.optional().openapi({ description: 'Next deadline at or after (a date is the start of that day in Vietnam)' }),
  deadlineTo: ZInstantOrDate.optional().openapi({ description: 'Next deadline at or before (a date is the end of that day in Vietnam)' }),
  procedure: z.string().min(1).max(40).optional(),
  business: z.string().min(1).max(100).optional(),
  kind: z.string().min(1).max(40).optional(),
  q: z.string().max(200).optional().openapi({
    description: 'Words that must all appear: in the case number, title, business (name, tax code, representative) or the steps’ text (names, decision and record numbers); accents optional',
  }),
});

/** The instant a date or date-time stands for; a bare date is a day in Vietnam (UTC+7). */
function instant(v: string | undefined, end: boolean): Date | undefined {
  if (!v) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? (end ? vnInstant(v, 23, 59, 59, 999) : vnInstant(v)) : new Date(v);
}

/** The case list's filter (db/repositories/case-queries.ts) of the query values. */
export function caseFilterOf(q: z.infer<typeof ZCaseFilterQuery>): TCaseFilter {
  return {
    status: q.status,
    step: q.step,
    teamId: q.team,
    assigneeId: q.assignee,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    deadlineFrom: instant(q.deadlineFrom, false),
    deadlineTo: instant(q.deadlineTo, true),
    procedureId: q.procedure,
    businessId: q.business,
    kind: q.kind,
    q: q.q,
  };
}

/** A step that can be acted on now, with who may act and its deadline (`domain/engine.ts` `TAvailableAction`). */
const ZAvailableAction = z
  .object({
    stepId: z.string(),
    title: ZTextOut,
    roles: z.array(z.string()),
    assigneeId: z.string().optional(),
    outcomes: z.array(z.string()),
    canExtend: z.array(z.string()).openapi({ description: 'Roles that may grant an extension now' }),
    canPause: z.array(z.string()).openapi({ description: 'Roles that may stop the clock' }),
    paused: z.boolean(),
    due: ZDay.optional(),
    dueAt: ZDateTime.optional(),
    overdue: z.boolean(),
    awaitingEvent: z.string().optional().openapi({ description: 'The external event the deadline counts from, while it has not happened' }),
  })
  .openapi('AvailableAction');

/** What every officer action returns: the case as it now stands. */
export const ZActionResult = z
  .object({
    caseId: z.string(),
    status: z.enum(['OPEN', 'CLOSED']),
    seq: z.number().int(),
    procedure: z.object({ id: z.string(), version: z.number().int() }),
    open: z.array(ZAvailableAction),
    duplicate: z.boolean().openapi({ description: 'True when the Idempotency-Key had already been applied: nothing was done again' }),
  })
  .openapi('ActionResult');

/** One link of a case's hash-chained audit log (`domain/audit.ts` `TAuditEvent`). */
export const ZAuditEvent = z
  .object({
    caseId: z.string(),
    seq: z.number().int(),
    at: ZDateTime,
    actorId: z.string(),
    actorRole: z.string(),
    action: z.string(),
    stepId: z.string().optional(),
    detail: z.record(z.string(), z.unknown()),
    legalBasis: z.string().optional(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .openapi('AuditEvent');
