/**
 * Response schemas of the case routes that are not the case's read views (those are in
 * api/views/case.ts): what a case action returns (from the workflow) and the audit log.
 * Kept beside `cases.ts` so the handlers stay short.
 */
import { z } from '@hono/zod-openapi';
import { ZDateTime, ZDay, ZTextOut } from '../schemas.js';

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
