/**
 * The read contract of a case: what the API answers about a case, its open steps (tasks) and its
 * warnings and escalations — one camelCase view schema per resource, and the one function that
 * maps the read model's row to it. Every route that returns one of these uses this module, and the
 * web app's types are generated from the OpenAPI document these schemas make (docs/adr/0065).
 */
import { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { CaseEscalationTable, CaseFileRow, CaseTaskRow } from '../../db/tables/cases.table.js';
import type { TBusinessCaseRow, TCaseListRow, TCaseSummaryRow } from '../../db/repositories/case-queries.js';
import { fineTotalsOf } from '../../domain/business.js';
import type { TEscalationReason } from '../../domain/engine.js';
import { ZDateTime, ZDay } from '../schemas.js';

/** An instant of the read model (a `Date` from pg) as the API sends it. */
const iso = (d: Date | string): string => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));

const ZCaseStatus = z.enum(['OPEN', 'CLOSED']);
export const ZEscalationKind = z.enum(['WARN', 'ESCALATE', 'MANUAL', 'EXTENSION_REQUEST']);
const ZDeadlineUnit = z.enum(['working_days', 'days', 'months', 'hours']);
/** A case_escalation row with its reason as data (db/repositories/cases.ts `withRowReason`). */
type CaseEscalationRow = Omit<Selectable<CaseEscalationTable>, 'reason_code' | 'reason_params'> & { reason_code: TEscalationReason['code']; reason_params: TEscalationReason['params'] };

/**
 * The fields of a case in a list (`toCaseSummaryView`): the case list (`CaseListItem`), a
 * business's history (`BusinessCase`) and the case itself start with them.
 */
const caseSummaryFields = {
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

/** A row of the case list (`GET /api/v1/cases`). */
export const ZCaseListItem = z
  .object({
    ...caseSummaryFields,
    closeOutcome: z.string().nullable(),
    currentSteps: z.array(z.string()),
    nextDeadlineAt: z.string().nullable(),
    business: z.object({ id: z.string(), name: z.string(), taxCode: z.string() }).nullable(),
  })
  .openapi('CaseListItem');

/** A case in a business's history (`GET /api/v1/businesses/{businessId}`): how it closed and the fines it records. */
export const ZBusinessCase = z
  .object({
    ...caseSummaryFields,
    outcome: z.string().nullable().openapi({ description: 'The outcome that closed the case' }),
    fines: z.object({ decided: z.number().optional(), paid: z.number().optional() }).openapi({ description: 'Fine decided and amount paid, when the case records them' }),
  })
  .openapi('BusinessCase');

type TCaseSummaryView = { [K in keyof typeof caseSummaryFields]: z.infer<(typeof caseSummaryFields)[K]> };

/** The summary of a case, from its read-model row: the one mapping every view of a case starts with. */
function toCaseSummaryView(r: TCaseSummaryRow): TCaseSummaryView {
  return {
    caseId: r.case_id,
    kind: r.kind,
    procedure: { id: r.procedure_id, version: r.procedure_version },
    status: r.status,
    overdue: r.overdue,
    teamId: r.team_id,
    title: r.title,
    parentCaseId: r.parent_case_id,
    openedAt: iso(r.opened_at),
    closedAt: isoOrNull(r.closed_at),
  };
}

export function toCaseListItemView(r: TCaseListRow): z.infer<typeof ZCaseListItem> {
  return {
    ...toCaseSummaryView(r),
    closeOutcome: r.close_outcome,
    currentSteps: r.current_steps,
    nextDeadlineAt: isoOrNull(r.next_deadline_at),
    business: r.business_id && r.business_name !== null && r.business_tax_code !== null ? { id: r.business_id, name: r.business_name, taxCode: r.business_tax_code } : null,
  };
}

export function toBusinessCaseView(r: TBusinessCaseRow): z.infer<typeof ZBusinessCase> {
  return { ...toCaseSummaryView(r), outcome: r.close_outcome, fines: fineTotalsOf(r.snapshot) };
}

/** A stored file referenced by a case (evidence), by its SHA-256. */
const ZFileRef = z.object({ sha256: z.string(), name: z.string(), size: z.number().int(), mime: z.string() }).openapi('FileRef');

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
    extensions: z.array(
      z.object({
        amount: z.number().int(),
        unit: ZDeadlineUnit,
        reason: z.string(),
        by: z.string(),
        at: ZDateTime,
        dueBefore: ZDay.optional().openapi({ description: 'A superior’s extension (`bySuperior`, docs/adr/0221): the due date it lengthened' }),
        approval: z
          .object({ documentNo: z.string(), date: ZDay, issuer: z.string() })
          .optional()
          .openapi({ description: 'The direct superior’s written extension, recorded with the grant or after it (docs/adr/0224)' }),
      }),
    ),
    pauses: z.array(z.object({ from: ZDateTime, to: ZDateTime.optional(), reason: z.string(), by: z.string() })),
    fired: z.array(z.number().int()).openapi({ description: 'Escalation rungs already fired' }),
    breached: z.boolean(),
    binds: z.enum(['AGENCY', 'PARTY']).optional().openapi({ description: 'Whom the period binds (absent: the agency)' }),
  })
  .openapi('DeadlineState');

/** A due date: the day in Vietnam and the instant it ends. */
const ZDueRef = z.object({ due: ZDay, dueAt: ZDateTime });

/**
 * Why an escalation was raised, as data (`TEscalationReason`, domain/engine/state.ts): the screens
 * word it from these; `reason` keeps the sentence (the ladder's in English, people's own words).
 */
const ZEscalationReasonCode = z
  .enum(['TIME_SHARE_USED', 'DEADLINE_PASSED', 'HOURS_AFTER_DEADLINE', 'EXTENSION_REQUESTED', 'RAISED_BY_HAND'])
  .openapi('EscalationReasonCode', { description: 'TIME_SHARE_USED {percent}; DEADLINE_PASSED {}; HOURS_AFTER_DEADLINE {hours}; EXTENSION_REQUESTED {amount, unit, text}; RAISED_BY_HAND {text}' });
const ZEscalationReasonParams = z
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
  kind: ZEscalationKind,
  toRole: z.string(),
  at: ZDateTime,
  reason: z.string(),
  reasonCode: ZEscalationReasonCode,
  reasonParams: ZEscalationReasonParams,
  resolvedAt: ZDateTime.optional(),
  resolvedBy: z.string().optional(),
  resolutionNote: z.string().optional(),
  supersededBy: z.string().optional(),
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
    businessId: z.string().optional(),
    campaign: z.object({ campaignId: z.string(), version: z.number().int(), period: z.string() }).optional(),
    assigneeId: z.string().optional().openapi({ description: 'The inspector the case is assigned to (at start, or by a lead: POST /api/v1/cases/{caseId}/assignee)' }),
    assignment: z
      .enum(['PERSIST'])
      .optional()
      .openapi({ description: 'PERSIST: a step that opens goes to the officer who last did a step in its role (docs/adr/0115); absent in cases started before' }),
    facts: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .openapi({ description: 'Facts the parent case handed down (a sub-procedure’s case)' }),
    documents: z
      .array(
        z.object({
          id: z.string(),
          type: z.string(),
          stepId: z.string(),
          number: z.string(),
          date: ZDay,
          sha256: z.string(),
          signed: z.boolean(),
          correctedBy: z.string().optional(),
          corrects: z.string().optional(),
        }),
      )
      .optional()
      .openapi({ description: 'The papers issued in the case, as the workflow keeps them (GET /api/v1/cases/{caseId}/documents lists them with their files; docs/documents.md)' }),
    open: z.array(
      z.object({
        stepId: z.string(),
        openedAt: ZDateTime,
        assigneeId: z.string().optional(),
        deadline: ZDeadlineState.optional(),
        awaitingEvent: z.string().optional(),
        childCaseId: z.string().optional(),
        windows: z
          .record(z.string(), ZDueRef.extend({ legalBasis: z.string(), explanation: z.unknown() }))
          .optional()
          .openapi({ description: 'Further periods counted while the step is open (e.g. the time to ask for a hearing), by window id' }),
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
        deadline: ZDueRef.optional().openapi({ description: 'The step’s deadline as it stood when the step completed' }),
        late: z
          .boolean()
          .optional()
          .openapi({ description: 'With `deadline`: whether the step was late, as the engine judged it (on the paper’s date where the law judges the step on it, else on the moment of completion)' }),
        windows: z.record(z.string(), ZDueRef).optional(),
      }),
    ),
    events: z.array(z.object({ id: z.string(), at: ZDateTime, key: z.string(), data: z.record(z.string(), z.unknown()).optional() })),
    escalations: z.array(ZEscalationState),
    notes: z.array(z.object({ by: z.string(), at: ZDateTime, text: z.string() })),
    seq: z.number().int().openapi({ description: 'Sequence number of the last audit event' }),
    lastHash: z.string(),
  })
  .openapi('CaseSnapshot');

/** A case (`GET /api/v1/cases/{caseId}`): its read-model row, camelCase like the list, with the workflow's snapshot. */
const ZCase = z
  .object({
    ...caseSummaryFields,
    status: ZCaseStatus,
    openedAt: ZDateTime,
    closedAt: ZDateTime.nullable(),
    unitId: z.string(),
    closeOutcome: z.string().nullable(),
    currentSteps: z.array(z.string()),
    nextDeadlineAt: ZDateTime.nullable(),
    stateSeq: z.number().int(),
    snapshot: ZCaseSnapshot,
    updatedAt: ZDateTime,
    businessId: z.string().nullable().openapi({ description: 'The registry business the case is about' }),
    campaignId: z.string().nullable().openapi({ description: 'The campaign whose run opened the case' }),
    campaignPeriod: z.string().nullable(),
    abandonedStatus: z
      .enum(['TERMINATED', 'CANCELED', 'TIMED_OUT', 'FAILED'])
      .nullable()
      .openapi({ description: 'How Temporal closed the case’s workflow when it was closed without the procedure’s end (e.g. terminated by an operator); null otherwise' }),
    abandonedAt: ZDateTime.nullable(),
  })
  .openapi('Case');
type TCaseView = z.infer<typeof ZCase>;

function toCaseView(r: CaseFileRow): TCaseView {
  return {
    ...toCaseSummaryView(r),
    status: r.status,
    unitId: r.unit_id,
    closeOutcome: r.close_outcome,
    currentSteps: r.current_steps,
    nextDeadlineAt: isoOrNull(r.next_deadline_at),
    stateSeq: r.state_seq,
    snapshot: r.snapshot as unknown as TCaseView['snapshot'],
    updatedAt: iso(r.updated_at),
    businessId: r.business_id,
    campaignId: r.campaign_id,
    campaignPeriod: r.campaign_period,
    abandonedStatus: r.abandoned_status,
    abandonedAt: isoOrNull(r.abandoned_at),
  };
}

/** The fields of an open step (table `case_task`) but its deadline state. */
const taskFields = {
  caseId: z.string(),
  stepId: z.string(),
  title: z.string(),
  roles: z.array(z.string()),
  teamId: z.string(),
  assigneeId: z.string().nullable(),
  openedAt: ZDateTime,
  dueAt: ZDateTime.nullable(),
  overdue: z.boolean(),
  paused: z.boolean(),
};
type TTaskRow = Pick<CaseTaskRow, 'case_id' | 'step_id' | 'title' | 'roles' | 'team_id' | 'assignee_id' | 'opened_at' | 'due_at' | 'overdue' | 'paused'>;
const taskOf = (r: TTaskRow) => ({
  caseId: r.case_id,
  stepId: r.step_id,
  title: r.title,
  roles: r.roles,
  teamId: r.team_id,
  assigneeId: r.assignee_id,
  openedAt: iso(r.opened_at),
  dueAt: isoOrNull(r.due_at),
  overdue: r.overdue,
  paused: r.paused,
});

/** An open step of a case, with its running deadline (table `case_task`). */
const ZCaseTask = z
  .object({
    ...taskFields,
    // A union, not `.nullable()`: zod-to-openapi 9 renders a nullable $ref as an allOf that refuses null.
    deadline: z.union([ZDeadlineState, z.null()]),
  })
  .openapi('CaseTask');
type TCaseTaskView = z.infer<typeof ZCaseTask>;

function toCaseTaskView(r: CaseTaskRow): TCaseTaskView {
  return { ...taskOf(r), deadline: r.deadline as TCaseTaskView['deadline'] };
}

/** An inbox row (`GET /api/v1/inbox`): an open step with its case's title, kind and procedure. */
export const ZInboxTask = z
  .object({
    ...taskFields,
    caseTitle: z.string(),
    kind: z.string(),
    procedure: z.object({ id: z.string(), version: z.number().int() }),
  })
  .openapi('InboxTask');
export type TInboxTaskView = z.infer<typeof ZInboxTask>;

export function toInboxTaskView(r: TTaskRow & { case_title: string; kind: string; procedure_id: string; procedure_version: number }): TInboxTaskView {
  return { ...taskOf(r), caseTitle: r.case_title, kind: r.kind, procedure: { id: r.procedure_id, version: r.procedure_version } };
}

/** A warning or escalation of a case (table `case_escalation`). */
const ZCaseEscalation = z
  .object({
    id: z.string(),
    caseId: z.string(),
    stepId: z.string(),
    kind: ZEscalationKind,
    toRole: z.string(),
    teamId: z.string(),
    reason: z.string(),
    reasonCode: ZEscalationReasonCode,
    reasonParams: ZEscalationReasonParams,
    createdAt: ZDateTime,
    resolvedAt: ZDateTime.nullable(),
    resolvedBy: z.string().nullable().openapi({ description: 'Who marked it handled (POST …/escalations/{escalationId}/resolve); null when nobody did' }),
    resolutionNote: z.string().nullable().openapi({ description: 'How it was handled, in the words of whoever marked it handled' }),
    supersededBy: z
      .string()
      .nullable()
      .openapi({ description: 'The later rung of the same step’s escalation ladder that took its place (or the escalation it was handled with): one queue entry per open breach' }),
  })
  .openapi('CaseEscalation');
type TCaseEscalationView = z.infer<typeof ZCaseEscalation>;

function toCaseEscalationView(r: CaseEscalationRow): TCaseEscalationView {
  return {
    id: r.id,
    caseId: r.case_id,
    stepId: r.step_id,
    kind: r.kind,
    toRole: r.to_role,
    teamId: r.team_id,
    reason: r.reason,
    reasonCode: r.reason_code,
    reasonParams: r.reason_params,
    createdAt: iso(r.created_at),
    resolvedAt: isoOrNull(r.resolved_at),
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
    supersededBy: r.superseded_by,
  };
}

/** An earlier rung of a step's escalation ladder, as a queue entry lists those it stands for. */
const ZEscalationRung = z
  .object({ id: z.string(), kind: ZEscalationKind, toRole: z.string(), reason: z.string(), reasonCode: ZEscalationReasonCode, reasonParams: ZEscalationReasonParams, createdAt: ZDateTime })
  .openapi('EscalationRung');

/** An item of the supervisors' escalations queue (`GET /api/v1/escalations`): the escalation with its case and its step's due date. */
export const ZEscalationQueueItem = z
  .object({
    ...ZCaseEscalation.shape,
    reason: z.string().openapi({ description: 'The reason as a sentence (the ladder’s in English; people’s in their own words): read reasonCode and reasonParams instead' }),
    caseTitle: z.string(),
    caseKind: z.string(),
    caseStatus: z.string(),
    stepTitle: z.string().nullable().openapi({ description: 'null when the step is no longer open' }),
    dueAt: ZDateTime.nullable(),
    overdue: z.boolean().nullable(),
    assigneeId: z.string().nullable(),
    history: z
      .array(ZEscalationRung)
      .openapi({ description: 'The earlier rungs of the step’s escalation ladder this entry stands for, oldest first (one queue entry per open breach); empty for other kinds' }),
  })
  .openapi('Escalation');

/** A queue row: the escalation's row with its case's title, kind and status, and its open step's title, due date and assignee. */
type TEscalationQueueRow = CaseEscalationRow & {
  case_title: string;
  case_kind: string;
  case_status: string;
  step_title: string | null;
  due_at: Date | string | null;
  overdue: boolean | null;
  assignee_id: string | null;
  history: Pick<CaseEscalationRow, 'id' | 'kind' | 'to_role' | 'reason' | 'reason_code' | 'reason_params' | 'created_at'>[];
};

export function toEscalationQueueItemView(r: TEscalationQueueRow): z.infer<typeof ZEscalationQueueItem> {
  return {
    ...toCaseEscalationView(r),
    caseTitle: r.case_title,
    caseKind: r.case_kind,
    caseStatus: r.case_status,
    stepTitle: r.step_title,
    dueAt: isoOrNull(r.due_at),
    overdue: r.overdue,
    assigneeId: r.assignee_id,
    history: r.history.map((h) => ({ id: h.id, kind: h.kind, toRole: h.to_role, reason: h.reason, reasonCode: h.reason_code, reasonParams: h.reason_params, createdAt: iso(h.created_at) })),
  };
}

/** `GET /api/v1/cases/{caseId}`: the case, its open steps and its warnings and escalations (resolved ones too). */
export const ZCaseDetail = z
  .object({
    case: ZCase,
    tasks: z.array(ZCaseTask),
    escalations: z.array(ZCaseEscalation),
    lookupCode: z.string().optional().openapi({
      description: 'A penalty case: the code the party looks it up with on the public site (printed at the foot of the papers the party receives once its identifier is known), e.g. 7KQ2-M9XD-4TW8',
    }),
    lookupReady: z.boolean().optional().openapi({
      description:
        "With lookupCode: whether the public lookup can find the case yet — its party's identifier is known (the registry business's tax code, or the one the violation record states). False: no lookup matches the code, and no paper prints it (docs/adr/0120)",
    }),
    publicTip: z.boolean().optional().openapi({ description: 'True when a tip from the public started the case: GET …/tip has it (docs/adr/0130)' }),
  })
  .openapi('CaseDetail');

export function toCaseDetail(row: CaseFileRow, tasks: CaseTaskRow[], escalations: CaseEscalationRow[]): z.infer<typeof ZCaseDetail> {
  return { case: toCaseView(row), tasks: tasks.map(toCaseTaskView), escalations: escalations.map(toCaseEscalationView) };
}

/**
 * A decision waiting for the signed-in user in their inbox, beside their tasks: a campaign version
 * submitted to the director (four eyes), a role change requested by another admin. `link` is the
 * web app's page where it is decided.
 */
export const ZPendingApproval = z
  .object({
    kind: z.enum(['CAMPAIGN_VERSION', 'ROLE_REQUEST']),
    id: z.string().openapi({ description: 'campaignId@version, or the role request id' }),
    title: z.string().openapi({ description: 'The campaign’s title, or the user whose roles would change' }),
    requestedBy: z.string(),
    requestedAt: ZDateTime,
    link: z.string().openapi({ example: '/campaigns/atvstp-tet-2027/versions/2' }),
  })
  .openapi('PendingApproval');

/** Where a field's default came from: the field's `prefill` (domain/procedure.ts, docs/adr/0116). */
const ZPrefillSource = z
  .object({
    from: z.enum(['business', 'step', 'parent', 'today', 'officer']),
    attribute: z.enum(['name', 'taxCode', 'address', 'legalRepresentative']).optional(),
    stepId: z.string().optional(),
    field: z.string().optional(),
    stepTitle: z.object({ vi: z.string(), en: z.string() }).optional().openapi({ description: 'The title of the step it was carried from' }),
  })
  .openapi('PrefillSource');

/** The defaults a step's form starts from, by field, and where each came from. */
export const ZStepPrefill = z
  .object({
    values: z.record(z.string(), z.unknown()).openapi({ description: 'Field key → value as the form data holds it (dates YYYY-MM-DD, amounts in đồng, file references)' }),
    sources: z.record(z.string(), ZPrefillSource),
  })
  .openapi('StepPrefill');
