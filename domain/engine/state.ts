/**
 * The state of a case: its types, the initial state, and the small queries and bookkeeping every
 * part of the engine shares (who acts in which role, the audit chain, idempotency keys and the
 * workflow's markers). Pure: the workflow holds the state; nothing here does I/O.
 */
import { chainEvent, GENESIS_HASH, type TAuditEvent } from '../audit.js';
import type { TDocumentType } from '../documents/types.js';
import type { TBinds } from '../calendar.js';
import type { TDeadlineSpec } from '../deadline.js';
import type { TFileRef } from '../forms.js';
import type { TLegalParam } from '../legal-params.js';
import type { TCondition, TDeadlineUnit, TProcedureDefinition, TStep } from '../procedure.js';
import { SUPERVISOR_ROLES } from '../roles.js';
import { holds, NO_STEP, type TDueRef, type TRuleScope } from '../rules.js';

// ---------------------------------------------------------------------------------------------
// Types

export interface TActor {
  userId: string;
  roles: string[];
  /** The role the actor acts in (checked against the step); defaults to the first allowed one. */
  actingRole?: string | undefined;
  /**
   * Whether the officer is a deputy (docs/adr/0197) when acting, as the API judged the action: the
   * papers the action issues sign "KT." by it, even when issued again after the mark changed.
   * Absent in actions sent before it was sent (their papers read the mark when issued).
   */
  deputy?: boolean | undefined;
}

export const SYSTEM_ACTOR: TActor = { userId: 'system', roles: ['SYSTEM'], actingRole: 'SYSTEM' };

/** A direct superior's written extension (Art. 66(1)(c)): its number, date and who issued it. */
interface TExtensionApproval {
  documentNo: string;
  date: string;
  issuer: string;
}

export interface TDeadlineState {
  amount: number;
  unit: TDeadlineUnit;
  legalBasis: string;
  hard: boolean;
  anchorAt: string;
  dueAt: string;
  due: string;
  calendarVersion: string;
  /** The explanation from the calendar (see domain/deadline.ts). */
  explanation: unknown;
  extensions: {
    amount: number;
    unit: TDeadlineUnit;
    reason: string;
    by: string;
    at: string;
    /** Where the extension is the handler's superior's (`bySuperior`, docs/adr/0221): the due date it lengthened. */
    dueBefore?: string | undefined;
    /** The direct superior's written extension, where the granter recorded it. */
    approval?: TExtensionApproval | undefined;
  }[];
  pauses: { from: string; to?: string | undefined; reason: string; by: string }[];
  /** Indices of the escalation rungs already fired. */
  fired: number[];
  breached: boolean;
  /** Whom the period binds (absent: the agency). */
  binds?: TBinds | undefined;
}

/** A further period counted while a step is open (a `window` of the step), e.g. the time to ask for a hearing. */
interface TWindowState extends TDueRef {
  legalBasis: string;
  explanation: unknown;
}

export interface TOpenStep {
  stepId: string;
  openedAt: string;
  assigneeId?: string | undefined;
  deadline?: TDeadlineState | undefined;
  /** Set while the deadline's anchor (an event) has not happened yet. */
  awaitingEvent?: string | undefined;
  /** The child case running this step's sub-procedure. */
  childCaseId?: string | undefined;
  /** The step's windows, by id, once computed. */
  windows?: Record<string, TWindowState> | undefined;
}

export interface TCompletedStep {
  stepId: string;
  outcome: string;
  data: Record<string, unknown>;
  evidence: TFileRef[];
  by: string;
  role: string;
  at: string;
  requestId: string;
  /** The step's deadline and windows as they stood when it completed (later rules read them). */
  deadline?: TDueRef | undefined;
  /**
   * The engine's judgement of the step against its deadline (`judgedLate`: on the paper's date when
   * the deadline names one, else on the moment of completion), as its audit event says. Set with
   * `deadline`; absent on steps completed before it was recorded (docs/adr/0207).
   */
  late?: boolean | undefined;
  windows?: Record<string, TDueRef> | undefined;
}

/**
 * Why an escalation was raised, as data: a code and the values that go with it. The screens word
 * it in the reader's language from these; nobody reads the sentence in `TEscalation.reason` back.
 */
export type TEscalationReason =
  /** A warning rung of the ladder: this share of the step's time is used. */
  | { code: 'TIME_SHARE_USED'; params: { percent: number } }
  /** The deadline passed (the ladder's breach rung). */
  | { code: 'DEADLINE_PASSED'; params: Record<string, never> }
  /** A rung this many hours after the deadline passed. */
  | { code: 'HOURS_AFTER_DEADLINE'; params: { hours: number } }
  /** The officer on the step asked for more time: how much, and why (their own words). */
  | { code: 'EXTENSION_REQUESTED'; params: { amount: number; unit: TDeadlineUnit; text: string } }
  /** Escalated by hand; the officer's own words. */
  | { code: 'RAISED_BY_HAND'; params: { text: string } };

type TEscalationReasonCode = TEscalationReason['code'];

export interface TEscalation {
  id: string;
  stepId: string;
  kind: 'WARN' | 'ESCALATE' | 'MANUAL' | 'EXTENSION_REQUEST';
  toRole: string;
  at: string;
  /** The reason as a sentence (the ladder's in English; people's in their own words): for logs and the audit trail. */
  reason: string;
  /**
   * The reason as data (docs/adr/0060). Absent in escalations raised before it: read every
   * escalation's reason with `escalationReason()` (domain/engine/escalation.ts), which accepts both.
   */
  reasonCode?: TEscalationReasonCode | undefined;
  reasonParams?: TEscalationReason['params'] | undefined;
  /** When it left the queue: handled, superseded, or answered by the procedure (the step completed, the case closed, the extension granted). */
  resolvedAt?: string | undefined;
  /** Who marked it handled (đã xử lý, RESOLVE_ESCALATION), with their note; absent when nobody did. */
  resolvedBy?: string | undefined;
  resolutionNote?: string | undefined;
  /**
   * The later rung of the same step's ladder that took its place (domain/engine/escalation.ts
   * `fireEscalations`), or the escalation handled with it: one queue entry per open breach.
   */
  supersededBy?: string | undefined;
}

/** The campaign, approved version and period a planned inspection belongs to. */
interface TCaseCampaign {
  campaignId: string;
  version: number;
  period: string;
}

export interface TCaseState {
  caseId: string;
  kind: string;
  procedure: { id: string; version: number };
  status: 'OPEN' | 'CLOSED';
  startedAt: string;
  closedAt?: string | undefined;
  /** The outcome that closed the case (its last completed step's outcome). */
  closeOutcome?: string | undefined;
  unitId: string;
  teamId: string;
  title: string;
  /** The registry id of the business the case is about, if any. */
  businessId?: string | undefined;
  /** The campaign run that opened the case (kế hoạch kiểm tra), if any. */
  campaign?: TCaseCampaign | undefined;
  /** The inspector the case is assigned to (at start, or later by a lead, ASSIGN_CASE): steps an inspector may complete go to them as they open. */
  assigneeId?: string | undefined;
  /**
   * How a step that opens finds its officer (docs/adr/0115-assignment-that-persists.md). 'PERSIST'
   * (cases started or continued after the patch `assignment-persists`): an inspector's step goes to
   * the case's assignee, any other step to the officer who last completed a step in its first role.
   * Absent (older cases): only the case's assignee, as before.
   */
  assignment?: 'PERSIST' | undefined;
  parent?: { caseId: string; stepId: string } | undefined;
  open: TOpenStep[];
  completed: TCompletedStep[];
  events: { id: string; at: string; key: string; data?: Record<string, unknown> | undefined }[];
  escalations: TEscalation[];
  notes: { by: string; at: string; text: string }[];
  /** Idempotency keys already applied (carried across continue-as-new). */
  processed: string[];
  /**
   * The workflow's own markers (a sub-case's closing, a calendar revision, an external event's key),
   * kept apart from the requests' keys so that no request can pose as one. Absent in cases started
   * before this namespace existed: their markers are in `processed`, as they always were.
   */
  markers?: string[] | undefined;
  /** Audit chain head. */
  seq: number;
  lastHash: string;
  /** Audit events not yet written to the read model. */
  pendingAudit: TAuditEvent[];
  /** The effective-dated legal parameters the case's rules read (thresholds, day counts). */
  legalParams?: TLegalParam[] | undefined;
  /** Facts the parent case handed down when it started this one as a sub-procedure (e.g. the decision date). */
  facts?: Record<string, string | number | boolean> | undefined;
  /** The papers issued in the case (absent until the first). */
  documents?: TIssuedDocument[] | undefined;
  /** The papers the case could not issue and that have not been issued again since (docs/adr/0196): absent until the first. */
  notIssued?: TPaperNotIssued[] | undefined;
}

/** A paper the issuing activity refused (its template or the case's data): the request kept, to issue it again once mended. */
interface TPaperNotIssued {
  /** The `DOCUMENT_NOT_ISSUED` audit event's seq: how the API and the screens name it. */
  seq: number;
  req: TDocumentRequest;
  reason: string;
  at: string;
}

export interface TCaseStart {
  caseId: string;
  kind: string;
  procedure: { id: string; version: number };
  unitId: string;
  teamId: string;
  title: string;
  /** The business the case is about (its registry id); optional, so older histories replay unchanged. */
  businessId?: string | undefined;
  /** The campaign run that starts the case; optional like businessId. */
  campaign?: TCaseCampaign | undefined;
  /**
   * The inspector assigned by whoever starts the case (a campaign run): each step an INSPECTOR may
   * complete is assigned to them when it opens. Steps of other roles (the decision to inspect, A5)
   * stay with their roles. Optional like businessId.
   */
  assigneeId?: string | undefined;
  parent?: { caseId: string; stepId: string } | undefined;
  startedBy: TActor;
  legalParams?: TLegalParam[] | undefined;
  /** Facts from the parent case (a sub-procedure's `facts`), e.g. the penalty decision's date. */
  facts?: Record<string, string | number | boolean> | undefined;
}

/** A deadline the workflow must compute through the calendar activity. */
export interface TDeadlineRequest {
  stepId: string;
  spec: TDeadlineSpec;
  hard: boolean;
  /** Set for one of the step's windows rather than its deadline. */
  window?: string | undefined;
}

/** What a change asks the workflow to carry out: deadlines to compute, child cases to start, whether the case closed. */
/** A paper the workflow must issue through the issuing activity (docs/documents.md). */
export interface TDocumentRequest {
  type: TDocumentType;
  stepId: string;
  outcome?: string | undefined;
  /** The action's idempotency key: with the case and the type, the issuing activity's key. */
  requestId: string;
  /** Where the number goes in the step's data. */
  numberField?: string | undefined;
  /** The paper's date (yyyy-mm-dd). */
  date: string;
  actor: TActor;
  role: string;
  /** For an extension decision: the extension's index on the step's deadline. */
  extension?: number | undefined;
  /** For a correcting or replacing decision: the paper it corrects, and how. */
  correction?: { documentId: string; kind: 'CORRECT' | 'REPLACE'; reason: string; text: string } | undefined;
  /** For a paper issued again (REISSUE_DOCUMENT): the seq of the `DOCUMENT_NOT_ISSUED` event it answers. */
  reissues?: number | undefined;
}

/** A paper issued in the case, as the workflow keeps it (the bytes are in PostgreSQL, `document`). */
export interface TIssuedDocument {
  id: string;
  type: TDocumentType;
  stepId: string;
  number: string;
  date: string;
  sha256: string;
  signed: boolean;
  /** The paper that corrected or replaced this one (its id), once there is one. */
  correctedBy?: string | undefined;
  /** For a correcting paper: the one it corrects. */
  corrects?: string | undefined;
}

export interface TTransition {
  deadlines: TDeadlineRequest[];
  /** Papers to issue (numbered, rendered, frozen) before the change is projected; absent when none. */
  documents?: TDocumentRequest[] | undefined;
  /** Steps whose sub-procedure must be started as a child case (with the facts it is handed). */
  children: { stepId: string; procedureId: string; version?: number | undefined; facts?: Record<string, string | number | boolean> | undefined }[];
  closed: boolean;
}

export function noTransition(): TTransition {
  return { deadlines: [], children: [], closed: false };
}

/** Roles that supervise: they may reassign, escalate by hand and act for a team. */
export const SUPERVISORS: string[] = [...SUPERVISOR_ROLES];

/** The role of the officer a case is assigned to at start (`TCaseStart.assigneeId`). */
export const CASE_ASSIGNEE_ROLE = 'INSPECTOR';

// ---------------------------------------------------------------------------------------------
// Queries

export function stepDef(def: TProcedureDefinition, stepId: string): TStep {
  const s = def.steps.find((x) => x.id === stepId);
  if (!s) throw new Error(`step ${stepId} is not in ${def.id}@${def.version}`);
  return s;
}

export function openStep(state: TCaseState, stepId: string): TOpenStep | undefined {
  return state.open.find((o) => o.stepId === stepId);
}

/**
 * Who a newly opened step goes to, and why: the case's assignee for a step an inspector may do; with
 * `assignment: 'PERSIST'`, otherwise the officer who last completed a step acting in the step's own
 * role — its first, the one that does it (a lead who may also do an inspector's step does not pull
 * the inspectors' next steps to himself). Undefined: the step waits in its roles' queue.
 */
export function inheritedAssignee(state: TCaseState, roles: readonly string[]): { assigneeId: string; reason: 'CASE_ASSIGNEE' | 'PREVIOUS_OFFICER' } | undefined {
  if (state.assigneeId && roles.includes(CASE_ASSIGNEE_ROLE)) return { assigneeId: state.assigneeId, reason: 'CASE_ASSIGNEE' };
  if (state.assignment !== 'PERSIST') return undefined;
  for (let i = state.completed.length - 1; i >= 0; i--) {
    const c = state.completed[i]!;
    if (c.by !== SYSTEM_ACTOR.userId && c.role === roles[0]) return { assigneeId: c.by, reason: 'PREVIOUS_OFFICER' };
  }
  return undefined;
}

export function lastCompletion(state: TCaseState, stepId: string): TCompletedStep | undefined {
  for (let i = state.completed.length - 1; i >= 0; i--) if (state.completed[i]!.stepId === stepId) return state.completed[i];
  return undefined;
}

/** The step's form being submitted now, so conditions can look at it as well as at earlier steps. */
export interface TPending {
  stepId: string;
  outcome?: string | undefined;
  data: Record<string, unknown>;
}

/** The scope rules are evaluated in (domain/rules.ts): the case, the form being submitted (if any) and now. */
export function scopeOf(state: TCaseState, now: string, pending?: TPending): TRuleScope {
  return { case: state, stepId: pending?.stepId ?? NO_STEP, data: pending?.data ?? {}, outcome: pending?.outcome, now };
}

/** Evaluates a condition over the case (and the form being submitted, if any). */
export function conditionHolds(state: TCaseState, c: TCondition, pending?: TPending, now: string = state.startedAt): boolean {
  return holds(c, scopeOf(state, now, pending));
}

/** The role the actor acts in among `allowed`, or undefined when they hold none of them. */
export function actingRole(actor: TActor, allowed: string[]): string | undefined {
  if (actor.actingRole) return allowed.includes(actor.actingRole) && actor.roles.includes(actor.actingRole) ? actor.actingRole : undefined;
  return actor.roles.find((r) => allowed.includes(r));
}

export function isSupervisor(actor: TActor): boolean {
  return actor.roles.some((r) => SUPERVISORS.includes(r));
}

export function isOverdue(state: TCaseState): boolean {
  return state.open.some((o) => o.deadline?.breached);
}

export function isPaused(o: TOpenStep): boolean {
  return !!o.deadline?.pauses.some((p) => p.to === undefined);
}

/** The earliest upcoming deadline among open, running clocks. */
export function nextDeadlineAt(state: TCaseState): string | undefined {
  const dues = state.open.filter((o) => o.deadline && !isPaused(o)).map((o) => o.deadline!.dueAt);
  return dues.sort()[0];
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping: the audit chain, idempotency keys, the workflow's markers

/** Chains an audit event onto the case (written to the read model with the next projection). */
export function emit(state: TCaseState, now: string, actor: TActor, role: string, action: string, detail: Record<string, unknown>, stepId?: string, legalBasis?: string): void {
  const event = chainEvent(state.lastHash, {
    caseId: state.caseId,
    seq: state.seq + 1,
    at: now,
    actorId: actor.userId,
    actorRole: role,
    action,
    stepId,
    detail,
    legalBasis,
  });
  state.seq = event.seq;
  state.lastHash = event.hash;
  state.pendingAudit.push(event);
}

/**
 * Records a paper the issuing activity issued: the number into the step's data (the latest
 * completion of the step), the paper into the case, and its content hash into the audit chain.
 */
export function recordIssued(state: TCaseState, req: TDocumentRequest, doc: TIssuedDocument, now: string): void {
  const done = [...state.completed].reverse().find((c) => c.stepId === req.stepId);
  if (done && req.numberField) done.data = { ...done.data, [req.numberField]: doc.number };
  const corrects = req.correction?.documentId;
  state.documents = [...(state.documents ?? []).map((d) => (d.id === corrects ? { ...d, correctedBy: doc.id } : d)), corrects ? { ...doc, corrects } : doc];
  emit(
    state,
    now,
    req.actor,
    req.role,
    'DOCUMENT_ISSUED',
    {
      documentId: doc.id,
      type: doc.type,
      number: doc.number,
      date: doc.date,
      sha256: doc.sha256,
      signed: doc.signed,
      ...(corrects ? { corrects, kind: req.correction!.kind } : {}),
      ...(req.reissues !== undefined ? { reissues: req.reissues } : {}),
    },
    req.stepId,
  );
}

/**
 * Records that a paper could not be issued (its template or data refused it): the case goes on, the
 * failure is in the audit trail, and the request is kept to be issued again (docs/adr/0196). A
 * re-issue that fails again says which failure it retried.
 */
export function recordNotIssued(state: TCaseState, req: TDocumentRequest, reason: string, now: string): void {
  emit(state, now, req.actor, req.role, 'DOCUMENT_NOT_ISSUED', { type: req.type, reason, ...(req.reissues !== undefined ? { retries: req.reissues } : {}) }, req.stepId);
  const { reissues: _previous, ...kept } = req;
  state.notIssued = [...(state.notIssued ?? []), { seq: state.seq, req: kept, reason, at: now }];
}

const MAX_PROCESSED = 2_000;

export function remember(state: TCaseState, key: string): void {
  state.processed.push(key);
  if (state.processed.length > MAX_PROCESSED) state.processed.splice(0, state.processed.length - MAX_PROCESSED);
}

/** Records one of the workflow's own markers (in their own namespace when the case has one). */
export function mark(state: TCaseState, marker: string): void {
  if (!state.markers) return remember(state, marker);
  state.markers.push(marker);
  if (state.markers.length > MAX_PROCESSED) state.markers.splice(0, state.markers.length - MAX_PROCESSED);
}

/** The marker of an external event's key (prefixed where markers have their own namespace, so an event cannot pose as a sub-case's closing). */
export function eventMarker(state: TCaseState, key: string): string {
  return state.markers ? `event:${key}` : key;
}

/** Whether the workflow has recorded this marker already. */
export function isMarked(state: TCaseState, marker: string): boolean {
  return (state.markers ?? state.processed).includes(marker);
}

// ---------------------------------------------------------------------------------------------
// The initial state

/** A new case's state, its start audited; no step is open yet (domain/engine/steps.ts `newCase` opens them). */
export function initialState(def: TProcedureDefinition, start: TCaseStart, now: string, opts: { markers?: boolean } = {}): TCaseState {
  const state: TCaseState = {
    caseId: start.caseId,
    kind: start.kind,
    procedure: start.procedure,
    status: 'OPEN',
    startedAt: now,
    unitId: start.unitId,
    teamId: start.teamId,
    title: start.title,
    ...(start.businessId ? { businessId: start.businessId } : {}),
    ...(start.campaign ? { campaign: { ...start.campaign } } : {}),
    ...(start.assigneeId ? { assigneeId: start.assigneeId } : {}),
    parent: start.parent,
    open: [],
    completed: [],
    events: [],
    escalations: [],
    notes: [],
    processed: [],
    ...(opts.markers ? { markers: [] } : {}),
    seq: 0,
    lastHash: GENESIS_HASH,
    pendingAudit: [],
    legalParams: start.legalParams,
    ...(start.facts ? { facts: { ...start.facts } } : {}),
  };
  const detail = {
    procedure: `${def.id}@${def.version}`,
    title: start.title,
    unitId: start.unitId,
    teamId: start.teamId,
    ...(start.businessId ? { businessId: start.businessId } : {}),
    ...(start.campaign ? { campaign: { ...start.campaign } } : {}),
    ...(start.facts ? { facts: { ...start.facts } } : {}),
  };
  emit(state, now, start.startedBy, start.startedBy.roles[0] ?? 'SYSTEM', 'CASE_STARTED', detail, undefined, def.legalBasis);
  if (start.assigneeId)
    emit(state, now, start.startedBy, start.startedBy.roles[0] ?? 'SYSTEM', 'CASE_ASSIGNED', {
      assigneeId: start.assigneeId,
      ...(start.campaign ? { campaignId: start.campaign.campaignId, period: start.campaign.period } : {}),
    });
  return state;
}
