/**
 * Response schemas of the case routes: the read model's rows as the API sends them (snake_case
 * columns, instants as ISO strings) and what a case action returns (from the workflow).
 * Kept beside `cases.ts` so the handlers stay short.
 */
import { z } from '@hono/zod-openapi';
import { ZDateTime, ZDay, ZTextOut } from '../schemas.js';

/**
 * The fields of a case in a list (`TCaseSummary` in db/repositories/case-queries.ts): the case list
 * (`CaseListItem`) and a business's history (`BusinessCase`) start with them.
 */
export const caseSummaryFields = {
  caseId: z.string(),
  kind: z.string(),
  procedure: z.object({ id: z.string(), version: z.number().int() }),
  status: z.string(),
  overdue: z.boolean(),
  teamId: z.string(),
  title: z.string(),
  parentCaseId: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
};

const ZDeadlineUnit = z.enum(['working_days', 'days', 'months', 'hours']);

/** A stored file referenced by a case (evidence), by its SHA-256. */
export const ZFileRef = z.object({ sha256: z.string(), name: z.string(), size: z.number().int(), mime: z.string() }).openapi('FileRef');

/** A step that can be acted on now, with who may act and its deadline (`domain/engine.ts` `TAvailableAction`). */
export const ZAvailableAction = z
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

/** A step's running deadline, with its explanation, extensions and clock pauses (`TDeadlineState`). */
const ZDeadlineState = z
  .object({
    amount: z.number().int(),
    unit: ZDeadlineUnit,
    legalBasis: z.string(),
    hard: z.boolean(),
    anchorAt: ZDateTime,
    dueAt: ZDateTime,
    due: ZDay,
    calendarVersion: z.string(),
    explanation: z.unknown().openapi({ description: 'How the due date was counted (calendar rule, skipped days, extensions, pauses)' }),
    extensions: z.array(z.object({ amount: z.number().int(), unit: ZDeadlineUnit, reason: z.string(), by: z.string(), at: ZDateTime })),
    pauses: z.array(z.object({ from: ZDateTime, to: ZDateTime.optional(), reason: z.string(), by: z.string() })),
    fired: z.array(z.number().int()).openapi({ description: 'Escalation rungs already fired' }),
    breached: z.boolean(),
  })
  .openapi('DeadlineState');

/**
 * Why an escalation was raised, as data (`TEscalationReason`, domain/engine/state.ts): the screens
 * word it from these; `reason` keeps the sentence (the ladder's in English, people's own words).
 */
export const ZEscalationReasonCode = z
  .enum(['TIME_SHARE_USED', 'DEADLINE_PASSED', 'HOURS_AFTER_DEADLINE', 'EXTENSION_REQUESTED', 'RAISED_BY_HAND'])
  .openapi('EscalationReasonCode', { description: 'TIME_SHARE_USED {percent}; DEADLINE_PASSED {}; HOURS_AFTER_DEADLINE {hours}; EXTENSION_REQUESTED {amount, unit, text}; RAISED_BY_HAND {text}' });
export const ZEscalationReasonParams = z
  .object({
    percent: z.number().optional(),
    hours: z.number().optional(),
    amount: z.number().int().optional(),
    unit: ZDeadlineUnit.optional(),
    text: z.string().optional(),
  })
  .openapi('EscalationReasonParams', { description: 'The values that go with the reason code' });

const ZEscalationState = z.object({
  id: z.string(),
  stepId: z.string(),
  kind: z.enum(['WARN', 'ESCALATE', 'MANUAL', 'EXTENSION_REQUEST']),
  toRole: z.string(),
  at: ZDateTime,
  reason: z.string(),
  reasonCode: ZEscalationReasonCode,
  reasonParams: ZEscalationReasonParams,
  resolvedAt: ZDateTime.optional(),
});

/** The workflow's state as last projected (sensitive form fields redacted), for the case page. */
const ZCaseSnapshot = z
  .object({
    caseId: z.string(),
    kind: z.string(),
    procedure: z.object({ id: z.string(), version: z.number().int() }),
    status: z.enum(['OPEN', 'CLOSED']),
    startedAt: ZDateTime,
    closedAt: ZDateTime.optional(),
    closeOutcome: z.string().optional(),
    unitId: z.string(),
    teamId: z.string(),
    title: z.string(),
    parent: z.object({ caseId: z.string(), stepId: z.string() }).optional(),
    open: z.array(
      z.object({
        stepId: z.string(),
        openedAt: ZDateTime,
        assigneeId: z.string().optional(),
        deadline: ZDeadlineState.optional(),
        awaitingEvent: z.string().optional(),
        childCaseId: z.string().optional(),
      }),
    ),
    completed: z.array(
      z.object({
        stepId: z.string(),
        outcome: z.string(),
        data: z.record(z.string(), z.unknown()).openapi({ description: 'The step’s form, as its definition describes it' }),
        evidence: z.array(ZFileRef),
        by: z.string(),
        role: z.string(),
        at: ZDateTime,
        requestId: z.string(),
      }),
    ),
    events: z.array(z.object({ id: z.string(), at: ZDateTime, key: z.string(), data: z.record(z.string(), z.unknown()).optional() })),
    escalations: z.array(ZEscalationState),
    notes: z.array(z.object({ by: z.string(), at: ZDateTime, text: z.string() })),
    seq: z.number().int().openapi({ description: 'Sequence number of the last audit event' }),
    lastHash: z.string(),
  })
  .openapi('CaseSnapshot');

/** A case as the read model holds it (table `case_file`). */
export const ZCaseFile = z
  .object({
    case_id: z.string(),
    kind: z.string(),
    procedure_id: z.string(),
    procedure_version: z.number().int(),
    status: z.enum(['OPEN', 'CLOSED']),
    overdue: z.boolean(),
    unit_id: z.string(),
    team_id: z.string(),
    title: z.string(),
    parent_case_id: z.string().nullable(),
    opened_at: ZDateTime,
    closed_at: ZDateTime.nullable(),
    close_outcome: z.string().nullable(),
    current_steps: z.array(z.string()),
    next_deadline_at: ZDateTime.nullable(),
    state_seq: z.number().int(),
    snapshot: ZCaseSnapshot,
    updated_at: ZDateTime,
    business_id: z.string().nullable().openapi({ description: 'The registry business the case is about' }),
    campaign_id: z.string().nullable().openapi({ description: 'The campaign whose run opened the case' }),
    campaign_period: z.string().nullable(),
    abandoned_status: z
      .enum(['TERMINATED', 'CANCELED', 'TIMED_OUT', 'FAILED'])
      .nullable()
      .openapi({ description: 'How Temporal closed the case’s workflow when it was closed without the procedure’s end (e.g. terminated by an operator); null otherwise' }),
    abandoned_at: ZDateTime.nullable(),
  })
  .openapi('CaseFile');

/** The columns of an open step (table `case_task`) but its deadline state. */
const caseTaskFields = {
  case_id: z.string(),
  step_id: z.string(),
  title: z.string(),
  roles: z.array(z.string()),
  team_id: z.string(),
  assignee_id: z.string().nullable(),
  opened_at: ZDateTime,
  due_at: ZDateTime.nullable(),
  overdue: z.boolean(),
  paused: z.boolean(),
};

/** An open step of a case (table `case_task`). */
export const ZCaseTask = z
  .object({
    ...caseTaskFields,
    // A union, not `.nullable()`: zod-to-openapi 9 renders a nullable $ref as an allOf that refuses null.
    deadline: z.union([ZDeadlineState, z.null()]),
  })
  .openapi('CaseTask');

/** A warning or escalation of a case (table `case_escalation`). */
export const ZCaseEscalation = z
  .object({
    id: z.string(),
    case_id: z.string(),
    step_id: z.string(),
    kind: z.enum(['WARN', 'ESCALATE', 'MANUAL', 'EXTENSION_REQUEST']),
    to_role: z.string(),
    team_id: z.string(),
    reason: z.string(),
    reason_code: ZEscalationReasonCode,
    reason_params: ZEscalationReasonParams,
    created_at: ZDateTime,
    resolved_at: ZDateTime.nullable(),
  })
  .openapi('CaseEscalation');

/** `GET /api/v1/cases/{caseId}`. */
export const ZCaseDetail = z.object({ case: ZCaseFile, tasks: z.array(ZCaseTask), escalations: z.array(ZCaseEscalation) }).openapi('CaseDetail');

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

/** An inbox row: an open step with its case's title and kind. */
export const ZInboxTask = z
  .object({
    ...caseTaskFields,
    case_title: z.string(),
    kind: z.string(),
    procedure_id: z.string(),
    procedure_version: z.number().int(),
  })
  .openapi('InboxTask');
