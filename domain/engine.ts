/**
 * The procedure interpreter: the state of a case and the pure rules that decide which actions are
 * allowed and what they change. The case workflow holds the state and calls these functions;
 * anything that needs the outside world (the calendar, the database) is returned as a request
 * for the workflow to carry out through an activity.
 */
import { addCalendarDays, addMonths, formatVi, isValidDate, vietnamDateOf, type TBinds } from './calendar.js';
import { chainEvent, GENESIS_HASH, type TAuditEvent } from './audit.js';
import { completionBreach, escalationBreach, noteBreach, type TLimitBreach } from './case-limits.js';
import type { TDeadlineSpec } from './deadline.js';
import { fileRefsIn, redactForm, validateForm, type TFileRef, type TFormIssue } from './forms.js';
import { paramOn, type TLegalParam } from './legal-params.js';
import type { TAnchor, TCondition, TDeadlineUnit, TEscalationRung, TProcedureDefinition, TStep } from './procedure.js';
import { lawFailures, type TRuleFailure } from './law-rules.js';
import { evaluate, holds, NO_STEP, type TDueRef, type TRuleScope } from './rules.js';
import { resolveViolations, type TViolation } from './violation-catalogue.js';

// ---------------------------------------------------------------------------------------------
// State

export interface TActor {
  userId: string;
  roles: string[];
  /** The role the actor acts in (checked against the step); defaults to the first allowed one. */
  actingRole?: string | undefined;
}

export const SYSTEM_ACTOR: TActor = { userId: 'system', roles: ['SYSTEM'], actingRole: 'SYSTEM' };

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
  extensions: { amount: number; unit: TDeadlineUnit; reason: string; by: string; at: string }[];
  pauses: { from: string; to?: string | undefined; reason: string; by: string }[];
  /** Indices of the escalation rungs already fired. */
  fired: number[];
  breached: boolean;
  /** Whom the period binds (absent: the agency). */
  binds?: TBinds | undefined;
}

/** A further period counted while a step is open (a `window` of the step), e.g. the time to ask for a hearing. */
export interface TWindowState extends TDueRef {
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
  windows?: Record<string, TDueRef> | undefined;
}

export interface TEscalation {
  id: string;
  stepId: string;
  kind: 'WARN' | 'ESCALATE' | 'MANUAL' | 'EXTENSION_REQUEST';
  toRole: string;
  at: string;
  reason: string;
  resolvedAt?: string | undefined;
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
  /** The inspector the case was assigned to at start: steps an inspector may complete go to them as they open. */
  assigneeId?: string | undefined;
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
}

/** A deadline the workflow must compute through the calendar activity. */
export interface TDeadlineRequest {
  stepId: string;
  spec: TDeadlineSpec;
  hard: boolean;
  /** Set for one of the step's windows rather than its deadline. */
  window?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Actions and rejections

export type TAction =
  | {
      type: 'COMPLETE_STEP';
      stepId: string;
      outcome: string;
      data: Record<string, unknown>;
      evidence?: TFileRef[] | undefined;
      /** The catalogue rows the form's `violation` fields name, looked up by the server (never the client's). */
      resolved?: { violations?: TViolation[] | undefined } | undefined;
    }
  | { type: 'CLAIM'; stepId: string }
  | { type: 'UNCLAIM'; stepId: string }
  | { type: 'ASSIGN'; stepId: string; assigneeId: string }
  | { type: 'REQUEST_EXTENSION'; stepId: string; amount: number; reason: string }
  | { type: 'GRANT_EXTENSION'; stepId: string; amount: number; reason: string }
  | { type: 'PAUSE_CLOCK'; stepId: string; reason: string }
  | { type: 'RESUME_CLOCK'; stepId: string }
  | { type: 'ESCALATE'; stepId: string; reason: string; toRole?: string | undefined }
  | { type: 'ADD_NOTE'; text: string };

/** Why an action was refused. Codes map to HTTP statuses in api/errors.ts. */
export type TRejectionCode =
  | 'CASE_CLOSED'
  | 'STEP_OUT_OF_ORDER'
  | 'STEP_ALREADY_COMPLETED'
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_ASSIGNEE'
  | 'FORM_INVALID'
  | 'OUTCOME_UNKNOWN'
  | 'EVIDENCE_REQUIRED'
  | 'DEADLINE_PASSED'
  | 'GUARD_FAILED'
  | 'EXTENSION_NOT_ALLOWED'
  | 'CLOCK_STATE'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_ACTION';

export interface TRejection {
  code: TRejectionCode;
  message: string;
  legalBasis?: string | undefined;
  details?: unknown;
}

/** Roles that supervise: they may reassign, escalate by hand and act for a team. */
const SUPERVISORS = ['TEAM_LEAD', 'DIRECTOR'];

/** The role of the officer a case is assigned to at start (`TCaseStart.assigneeId`). */
const CASE_ASSIGNEE_ROLE = 'INSPECTOR';

// ---------------------------------------------------------------------------------------------
// Helpers

export function stepDef(def: TProcedureDefinition, stepId: string): TStep {
  const s = def.steps.find((x) => x.id === stepId);
  if (!s) throw new Error(`step ${stepId} is not in ${def.id}@${def.version}`);
  return s;
}

function openStep(state: TCaseState, stepId: string): TOpenStep | undefined {
  return state.open.find((o) => o.stepId === stepId);
}

function lastCompletion(state: TCaseState, stepId: string): TCompletedStep | undefined {
  for (let i = state.completed.length - 1; i >= 0; i--) if (state.completed[i]!.stepId === stepId) return state.completed[i];
  return undefined;
}

/** The step's form being submitted now, so conditions can look at it as well as at earlier steps. */
interface TPending {
  stepId: string;
  outcome?: string | undefined;
  data: Record<string, unknown>;
}

/** The scope rules are evaluated in (domain/rules.ts): the case, the form being submitted (if any) and now. */
function scopeOf(state: TCaseState, now: string, pending?: TPending): TRuleScope {
  return { case: state, stepId: pending?.stepId ?? NO_STEP, data: pending?.data ?? {}, outcome: pending?.outcome, now };
}

/** Evaluates a condition over the case (and the form being submitted, if any). */
export function conditionHolds(state: TCaseState, c: TCondition, pending?: TPending, now: string = state.startedAt): boolean {
  return holds(c, scopeOf(state, now, pending));
}

/**
 * The extension rule that applies to a step now: the first of its variants whose condition holds,
 * else the step's own rule (whose `when`, if any, is checked where it is granted).
 */
function extensionRule(state: TCaseState, step: TStep): (Omit<NonNullable<TStep['extension']>, 'variants'>) | undefined {
  const ext = step.extension;
  if (!ext) return undefined;
  const v = ext.variants?.find((x) => conditionHolds(state, x.when));
  return v ? { ...ext, ...v, when: undefined } : ext;
}

function actingRole(actor: TActor, allowed: string[]): string | undefined {
  if (actor.actingRole) return allowed.includes(actor.actingRole) && actor.roles.includes(actor.actingRole) ? actor.actingRole : undefined;
  return actor.roles.find((r) => allowed.includes(r));
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

function emit(state: TCaseState, now: string, actor: TActor, role: string, action: string, detail: Record<string, unknown>, stepId?: string, legalBasis?: string): void {
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
// Start, opening steps, deadlines

/** The campaign, approved version and period a planned inspection belongs to. */
export interface TCaseCampaign {
  campaignId: string;
  version: number;
  period: string;
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

export interface TTransition {
  deadlines: TDeadlineRequest[];
  /** Steps whose sub-procedure must be started as a child case (with the facts it is handed). */
  children: { stepId: string; procedureId: string; version?: number | undefined; facts?: Record<string, string | number | boolean> | undefined }[];
  closed: boolean;
}

export function newCase(def: TProcedureDefinition, start: TCaseStart, now: string, opts: { markers?: boolean } = {}): { state: TCaseState; transition: TTransition } {
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
  if (start.assigneeId) emit(state, now, start.startedBy, start.startedBy.roles[0] ?? 'SYSTEM', 'CASE_ASSIGNED', { assigneeId: start.assigneeId, ...(start.campaign ? { campaignId: start.campaign.campaignId, period: start.campaign.period } : {}) });
  const transition: TTransition = { deadlines: [], children: [], closed: false };
  openSteps(def, state, def.start, now, transition);
  return { state, transition };
}

/** The instant a period counts from, or the event it still waits for. */
function resolveAnchor(state: TCaseState, a: TAnchor, now: string): { at: string } | { awaiting: string } {
  // A date on paper means "that day": count as if the event happened during that Vietnamese day.
  const onDay = (v: unknown): { at: string } => ({ at: typeof v === 'string' && isValidDate(v) ? `${v}T05:00:00.000Z` : now });
  switch (a.kind) {
    case 'CASE_START':
      return { at: state.startedAt };
    case 'STEP_OPENED':
      return { at: now };
    case 'STEP_COMPLETED':
      return { at: lastCompletion(state, a.stepId)?.at ?? now };
    case 'FIELD_DATE':
      return onDay(lastCompletion(state, a.stepId)?.data[a.field]);
    case 'FACT_DATE':
      return onDay(state.facts?.[a.fact]);
    case 'EVENT': {
      const ev = [...state.events].reverse().find((e) => e.id === a.event);
      return ev ? { at: ev.at } : { awaiting: a.event };
    }
  }
}

/**
 * A configured amount: the legal parameter in force on `date` when the rule names one (and it is
 * configured), converted from years when the rule counts months (a limitation of 1 year = 12 months).
 */
function configured(state: TCaseState, amount: number, param: string | undefined, date: string, unit?: TDeadlineUnit): number {
  if (!param || !state.legalParams?.length) return amount;
  try {
    const p = paramOn(state.legalParams, param, date);
    return p.unit === 'years' && unit === 'months' ? p.value * 12 : p.value;
  } catch {
    return amount;
  }
}

/** The deadline rule that applies to a step now: the first variant whose condition holds, else the base rule. */
function chosenDeadline(state: TCaseState, step: TStep): { amount: number; amountParam?: string | undefined; unit: TDeadlineUnit; legalBasis: string; anchor: TAnchor } {
  const d = step.deadline!;
  const v = d.variants?.find((x) => conditionHolds(state, x.when));
  return v ? { ...v, anchor: v.anchor ?? d.anchor } : d;
}

/**
 * The rule in force for a step: the first variant whose condition holds, else the base rule; an
 * amount tied to a legal parameter is read as in force on the anchor date.
 */
export function deadlineRule(
  state: TCaseState,
  step: TStep,
  anchorAt?: string,
): { amount: number; unit: TDeadlineUnit; legalBasis: string; binds?: TBinds; cap?: { anchorAt: string; legalBasis: string } } {
  const d = step.deadline!;
  const chosen = chosenDeadline(state, step);
  const date = vietnamDateOf(new Date(anchorAt ?? state.startedAt));
  const rule: ReturnType<typeof deadlineRule> = { amount: configured(state, chosen.amount, chosen.amountParam, date, chosen.unit), unit: chosen.unit, legalBasis: chosen.legalBasis };
  if (d.binds) rule.binds = d.binds;
  if (d.cap) {
    const cap = resolveAnchor(state, d.cap.anchor, anchorAt ?? state.startedAt);
    if ('at' in cap) rule.cap = { anchorAt: cap.at, legalBasis: d.cap.legalBasis };
  }
  return rule;
}

export function deadlineSpec(o: TOpenStep, rule: ReturnType<typeof deadlineRule>, anchorAt: string): TDeadlineSpec {
  return {
    anchorAt,
    ...rule,
    extensions: (o.deadline?.extensions ?? []).map((e) => ({ amount: e.amount, unit: e.unit })),
    pauses: (o.deadline?.pauses ?? []).filter((p) => p.to !== undefined).map((p) => ({ from: p.from, to: p.to! })),
  };
}

/** Requests for a step's windows (further periods counted while it is open). */
function windowRequests(state: TCaseState, step: TStep, now: string): TDeadlineRequest[] {
  const out: TDeadlineRequest[] = [];
  for (const w of step.windows ?? []) {
    const anchor = resolveAnchor(state, w.anchor, now);
    if ('awaiting' in anchor) continue;
    const amount = configured(state, w.amount, w.amountParam, vietnamDateOf(new Date(anchor.at)), w.unit);
    out.push({
      stepId: step.id,
      window: w.id,
      hard: false,
      spec: { anchorAt: anchor.at, amount, unit: w.unit, legalBasis: w.legalBasis, extensions: [], pauses: [], ...(w.binds ? { binds: w.binds } : {}) },
    });
  }
  return out;
}

/** Facts a sub-procedure's child case starts with, evaluated in this case now. */
function childFacts(state: TCaseState, step: TStep, now: string): Record<string, string | number | boolean> | undefined {
  const spec = step.subProcedure?.facts;
  if (!spec) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, expr] of Object.entries(spec)) {
    const v = evaluate(expr, scopeOf(state, now));
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function openSteps(def: TProcedureDefinition, state: TCaseState, ids: string[], now: string, t: TTransition): void {
  for (const id of ids) {
    const step = stepDef(def, id);
    if (openStep(state, id)) continue;
    // A join opens once no branch it waits for is still open (branches not taken are not waited for).
    if (step.joinOf && step.joinOf.some((j) => openStep(state, j))) continue;
    const o: TOpenStep = { stepId: id, openedAt: now };
    state.open.push(o);
    emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'STEP_OPENED', { stepId: id }, id, step.legalBasis);
    if (state.assigneeId && step.roles.includes(CASE_ASSIGNEE_ROLE)) {
      o.assigneeId = state.assigneeId;
      emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'STEP_ASSIGNED', { stepId: id, from: undefined, to: state.assigneeId, reason: 'CASE_ASSIGNEE' }, id);
    }
    if (step.deadline) {
      const anchor = resolveAnchor(state, chosenDeadline(state, step).anchor, now);
      if ('awaiting' in anchor) o.awaitingEvent = anchor.awaiting;
      else t.deadlines.push({ stepId: id, spec: deadlineSpec(o, deadlineRule(state, step, anchor.at), anchor.at), hard: !!step.deadline.hard });
    }
    t.deadlines.push(...windowRequests(state, step, now));
    if (step.subProcedure) {
      const facts = childFacts(state, step, now);
      t.children.push({ stepId: id, procedureId: step.subProcedure.procedureId, version: step.subProcedure.version, ...(facts ? { facts } : {}) });
    }
  }
}

/** Stores a computed deadline (or window) on its step (if the step is still open). */
export function setDeadline(state: TCaseState, req: TDeadlineRequest, computed: { dueAt: string; due: string; calendarVersion: string; explanation: unknown }, now: string, reason: string): void {
  const o = openStep(state, req.stepId);
  if (!o) return;
  if (req.window) {
    const before = o.windows?.[req.window];
    o.windows = { ...o.windows, [req.window]: { due: computed.due, dueAt: computed.dueAt, legalBasis: req.spec.legalBasis, explanation: computed.explanation } };
    if (!before || before.dueAt !== computed.dueAt) {
      emit(state, now, SYSTEM_ACTOR, 'SYSTEM', before ? 'WINDOW_RECOMPUTED' : 'WINDOW_SET', { stepId: req.stepId, window: req.window, due: computed.due, dueAt: computed.dueAt, previousDueAt: before?.dueAt, calendarVersion: computed.calendarVersion, reason }, req.stepId, req.spec.legalBasis);
    }
    return;
  }
  const previous = o.deadline;
  o.deadline = {
    amount: req.spec.amount,
    unit: req.spec.unit,
    legalBasis: req.spec.legalBasis,
    hard: req.hard,
    anchorAt: req.spec.anchorAt,
    dueAt: computed.dueAt,
    due: computed.due,
    calendarVersion: computed.calendarVersion,
    explanation: computed.explanation,
    extensions: previous?.extensions ?? [],
    pauses: previous?.pauses ?? [],
    // A moved deadline starts its ladder again; a deadline already in the past breaches on the next timer check.
    fired: previous && previous.dueAt === computed.dueAt ? previous.fired : [],
    breached: previous && previous.dueAt === computed.dueAt ? previous.breached : false,
    ...(req.spec.binds ? { binds: req.spec.binds } : {}),
  };
  o.awaitingEvent = undefined;
  if (!previous || previous.dueAt !== computed.dueAt || previous.calendarVersion !== computed.calendarVersion) {
    emit(state, now, SYSTEM_ACTOR, 'SYSTEM', previous ? 'DEADLINE_RECOMPUTED' : 'DEADLINE_SET', { stepId: req.stepId, due: computed.due, dueAt: computed.dueAt, previousDueAt: previous?.dueAt, calendarVersion: computed.calendarVersion, reason }, req.stepId, req.spec.legalBasis);
  }
}

/** Records a move to another procedure version (the workflow has already switched definitions). */
export function recordMigration(state: TCaseState, actor: TActor, from: number, to: number, changes: string[], now: string): void {
  state.procedure = { id: state.procedure.id, version: to };
  emit(state, now, actor, actor.roles[0] ?? '', 'PROCEDURE_MIGRATED', { from, to, changes });
}

/** Deadline (and window) requests for every open step with a running deadline (after a calendar change). */
export function recomputeAll(def: TProcedureDefinition, state: TCaseState): TDeadlineRequest[] {
  const out: TDeadlineRequest[] = state.open
    .filter((o) => o.deadline)
    .map((o) => ({ stepId: o.stepId, spec: deadlineSpec(o, deadlineRule(state, stepDef(def, o.stepId), o.deadline!.anchorAt), o.deadline!.anchorAt), hard: o.deadline!.hard }));
  for (const o of state.open) if (o.windows) out.push(...windowRequests(state, stepDef(def, o.stepId), o.openedAt));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checking actions

export interface TCheckContext {
  /** Current instant (workflow time). */
  now: string;
  /**
   * Which engine rules apply: 1 for cases started before the law-in-substance rules were deployed
   * (their histories replay unchanged), 2 after (the workflow decides with `patched()`), 3 once
   * cases are bounded (domain/case-limits.ts).
   */
  ruleset?: number | undefined;
  /** Guard expiry instants computed earlier, by step id. */
  guardExpiry?: Record<string, string> | undefined;
}

/** Returns why `action` by `actor` is refused, or undefined when it may proceed. Pure; changes nothing. */
export function checkAction(def: TProcedureDefinition, state: TCaseState, actor: TActor, action: TAction, ctx: TCheckContext): TRejection | undefined {
  if (state.status === 'CLOSED') return { code: 'CASE_CLOSED', message: `Case ${state.caseId} is closed; nothing more can be done in it.` };
  if (action.type === 'ADD_NOTE') {
    if (typeof action.text !== 'string' || !action.text.trim()) return { code: 'INVALID_ACTION', message: 'A note needs text.' };
    if (action.text.length > 5000) return { code: 'INVALID_ACTION', message: 'A note is at most 5000 characters.' };
    if ((ctx.ruleset ?? 1) >= 3) return limitRejection(noteBreach(def, state, action.text));
    return undefined;
  }
  const step = def.steps.find((s) => s.id === action.stepId);
  if (!step) return { code: 'STEP_OUT_OF_ORDER', message: `Step ${action.stepId} is not part of procedure ${def.id}@${def.version}.` };
  const o = openStep(state, action.stepId);
  if (!o) {
    const done = lastCompletion(state, action.stepId);
    if (done) {
      return { code: 'STEP_ALREADY_COMPLETED', message: `Step ${step.id} (${step.title.vi}) was already completed by ${done.by} at ${done.at} with outcome ${done.outcome}.`, legalBasis: step.legalBasis };
    }
    const open = state.open.map((x) => x.stepId).join(', ') || 'none';
    return {
      code: 'STEP_OUT_OF_ORDER',
      message: `Step ${step.id} (${step.title.vi}) is not open yet; the open step(s): ${open}.`,
      legalBasis: step.legalBasis ?? def.legalBasis,
    };
  }

  switch (action.type) {
    case 'COMPLETE_STEP': {
      if (step.subProcedure) return { code: 'STEP_OUT_OF_ORDER', message: `Step ${step.id} completes when its sub-procedure case ${o.childCaseId ?? ''} closes.` };
      const role = actingRole(actor, step.roles);
      if (!role) {
        return { code: 'ROLE_NOT_ALLOWED', message: `Step ${step.id} (${step.title.vi}) is completed by ${step.roles.join(' or ')}, not by ${actor.actingRole ?? actor.roles.join('/')}.`, legalBasis: step.legalBasis };
      }
      if (o.assigneeId && o.assigneeId !== actor.userId && !actor.roles.some((r) => SUPERVISORS.includes(r))) {
        return { code: 'NOT_ASSIGNEE', message: `Step ${step.id} is assigned to ${o.assigneeId}; claim it or ask a team lead to reassign it.` };
      }
      const outcome = step.outcomes.find((x) => x.id === action.outcome);
      if (!outcome) return { code: 'OUTCOME_UNKNOWN', message: `Step ${step.id} has no outcome ${action.outcome}; choose ${step.outcomes.map((x) => x.id).join(', ')}.` };
      if ((ctx.ruleset ?? 1) >= 3) {
        const over = limitRejection(completionBreach(def, state, step, action.data ?? {}, action.evidence ?? []));
        if (over) return over;
      }
      const prepared = prepareForm(step, action, ctx.now);
      if ('rejection' in prepared) return prepared.rejection;
      const data = prepared.data;
      const pending: TPending = { stepId: step.id, outcome: outcome.id, data };
      const law = lawFailures(step, outcome, scopeOf(state, ctx.now, pending), actingRole(actor, step.roles) ?? '');
      if ('error' in law) return { code: 'INVALID_ACTION', message: `A rule of outcome ${outcome.id} cannot be evaluated: ${law.error}`, legalBasis: law.legalBasis };
      if (law.failures.length) return failureRejection(law.failures, outcome.id);
      const evidence = [...(action.evidence ?? []), ...fileRefsIn(step.form.fields, data)];
      if (step.requiresEvidence && evidence.length === 0) {
        return { code: 'EVIDENCE_REQUIRED', message: `Step ${step.id} (${step.title.vi}) needs at least one piece of evidence.`, legalBasis: step.legalBasis };
      }
      const d = o.deadline;
      if (d?.hard && !outcome.afterDeadline) {
        // Judged on the date on the paper when the procedure names it (Art. 66: a decision signed in
        // time but entered late is lawful; one entered in time but dated late is not).
        const judgedOn = step.deadline?.judgedOn;
        const paperDate = judgedOn ? data[judgedOn] : undefined;
        if (typeof paperDate === 'string') {
          if (paperDate > d.due) {
            return { code: 'DEADLINE_PASSED', message: `Ngày trên văn bản ${formatVi(paperDate)} sau hạn ${formatVi(d.due)} (24:00) của bước ${step.id}: không còn thẩm quyền làm việc này (The document is dated after the time limit of step ${step.id}.)`, legalBasis: d.legalBasis, details: { rule: 'DEADLINE_PASSED', field: judgedOn, due: d.due, documentDate: paperDate } };
          }
        } else if (!isPaused(o) && Date.parse(ctx.now) > Date.parse(d.dueAt)) {
          return { code: 'DEADLINE_PASSED', message: `The time limit for step ${step.id} ended ${d.due} (24:00); it can no longer be completed.`, legalBasis: d.legalBasis };
        }
      }
      if (step.guard && (!step.guard.outcomes || step.guard.outcomes.includes(outcome.id))) {
        const expiry = guardExpiry(def, state, step, data, ctx.now);
        const judged = step.guard.judgedOn ? data[step.guard.judgedOn] : undefined;
        const expired = expiry && (typeof judged === 'string' ? judged > expiry.date : Date.parse(ctx.now) > Date.parse(expiry.at));
        if (expired) {
          return { code: 'GUARD_FAILED', message: `${step.guard.message.vi} (${step.guard.code}: hết hạn ${expiry.date})`, legalBasis: step.guard.legalBasis, details: { guard: step.guard.code, rule: step.guard.code, expiredOn: expiry.date, message: step.guard.message, ...(step.guard.judgedOn ? { field: step.guard.judgedOn } : {}) } };
        }
      }
      return undefined;
    }
    case 'CLAIM': {
      if (!actingRole(actor, step.roles)) return { code: 'ROLE_NOT_ALLOWED', message: `Only ${step.roles.join(' or ')} can take step ${step.id}.` };
      if (o.assigneeId && o.assigneeId !== actor.userId) return { code: 'STEP_ALREADY_COMPLETED', message: `Step ${step.id} is already claimed by ${o.assigneeId}.` };
      return undefined;
    }
    case 'UNCLAIM':
      if (o.assigneeId !== actor.userId && !actor.roles.some((r) => SUPERVISORS.includes(r))) {
        return { code: 'NOT_ASSIGNEE', message: `Only ${o.assigneeId ?? 'its assignee'} or a team lead can release step ${step.id}.` };
      }
      return undefined;
    case 'ASSIGN':
      if (!actor.roles.some((r) => SUPERVISORS.includes(r))) return { code: 'ROLE_NOT_ALLOWED', message: 'Only a team lead or director assigns steps to officers.' };
      if (typeof action.assigneeId !== 'string' || !action.assigneeId) return { code: 'INVALID_ACTION', message: 'Name the officer to assign.' };
      return undefined;
    case 'REQUEST_EXTENSION': {
      const ext = extensionRule(state, step);
      if (!ext) return { code: 'EXTENSION_NOT_ALLOWED', message: `The law allows no extension of step ${step.id}.`, legalBasis: step.deadline?.legalBasis };
      if (!o.deadline) return { code: 'EXTENSION_NOT_ALLOWED', message: `Step ${step.id} has no running deadline to extend.` };
      if (!actingRole(actor, step.roles)) return { code: 'ROLE_NOT_ALLOWED', message: `Only ${step.roles.join(' or ')}, who work on step ${step.id}, can ask for its extension.` };
      if ((ctx.ruleset ?? 1) >= 3) {
        const over = limitRejection(escalationBreach(def, state));
        if (over) return over;
      }
      if ((ctx.ruleset ?? 1) >= 2 && ext.when && !conditionHolds(state, ext.when)) return { code: 'EXTENSION_NOT_ALLOWED', message: `The law allows extending step ${step.id} only in the cases it names; this case is not one of them.`, legalBasis: ext.legalBasis };
      if (o.deadline.extensions.length >= ext.maxCount) return { code: 'EXTENSION_NOT_ALLOWED', message: `Step ${step.id} may be extended at most ${ext.maxCount} time(s); that is used up.`, legalBasis: ext.legalBasis };
      if (state.escalations.some((e) => e.stepId === step.id && e.kind === 'EXTENSION_REQUEST' && !e.resolvedAt)) return { code: 'CLOCK_STATE', message: `An extension of step ${step.id} has already been requested and awaits a decision.` };
      const maxRequest = configured(state, ext.maxAmount, ext.maxAmountParam, vietnamDateOf(new Date(ctx.now)));
      if (!Number.isInteger(action.amount) || action.amount < 1 || action.amount > maxRequest) return { code: 'EXTENSION_NOT_ALLOWED', message: `An extension of step ${step.id} is 1 to ${maxRequest} ${ext.unit}.`, legalBasis: ext.legalBasis };
      if (!action.reason?.trim()) return { code: 'INVALID_ACTION', message: 'An extension request needs a written reason.', legalBasis: ext.legalBasis };
      return undefined;
    }
    case 'GRANT_EXTENSION': {
      const ext = extensionRule(state, step);
      if (!ext) return { code: 'EXTENSION_NOT_ALLOWED', message: `The law allows no extension of step ${step.id}.`, legalBasis: step.deadline?.legalBasis };
      if (!o.deadline) return { code: 'EXTENSION_NOT_ALLOWED', message: `Step ${step.id} has no running deadline to extend.` };
      if (!actingRole(actor, ext.grantRoles)) return { code: 'ROLE_NOT_ALLOWED', message: `Only ${ext.grantRoles.join(' or ')} may extend step ${step.id}.`, legalBasis: ext.legalBasis };
      // A period that has run out cannot be extended: the power it limited has lapsed (Art. 66, 65(1)(c)).
      if ((ctx.ruleset ?? 1) >= 2 && o.deadline.hard && !isPaused(o) && Date.parse(ctx.now) > Date.parse(o.deadline.dueAt)) {
        return { code: 'EXTENSION_NOT_ALLOWED', message: `Thời hạn của bước ${step.id} đã hết ngày ${formatVi(o.deadline.due)}: không thể gia hạn sau khi hết hạn (The time limit of step ${step.id} has passed; it can no longer be extended).`, legalBasis: ext.legalBasis };
      }
      if (ext.when && !conditionHolds(state, ext.when)) return { code: 'EXTENSION_NOT_ALLOWED', message: `The law allows extending step ${step.id} only in the cases it names; this case is not one of them.`, legalBasis: ext.legalBasis };
      if (o.deadline.extensions.length >= ext.maxCount) return { code: 'EXTENSION_NOT_ALLOWED', message: `Step ${step.id} may be extended at most ${ext.maxCount} time(s); that is used up.`, legalBasis: ext.legalBasis };
      const maxAmount = configured(state, ext.maxAmount, ext.maxAmountParam, vietnamDateOf(new Date(ctx.now)));
      if (!Number.isInteger(action.amount) || action.amount < 1 || action.amount > maxAmount) {
        return { code: 'EXTENSION_NOT_ALLOWED', message: `An extension of step ${step.id} is 1 to ${maxAmount} ${ext.unit}.`, legalBasis: ext.legalBasis };
      }
      if (!action.reason?.trim()) return { code: 'INVALID_ACTION', message: 'An extension needs a written reason.', legalBasis: ext.legalBasis };
      return undefined;
    }
    case 'PAUSE_CLOCK':
    case 'RESUME_CLOCK': {
      const p = step.pause;
      if (!p) return { code: 'CLOCK_STATE', message: `The clock of step ${step.id} cannot be stopped under its legal basis.`, legalBasis: step.deadline?.legalBasis };
      if (!o.deadline) return { code: 'CLOCK_STATE', message: `Step ${step.id} has no running deadline.` };
      if (!actingRole(actor, p.roles)) return { code: 'ROLE_NOT_ALLOWED', message: `Only ${p.roles.join(' or ')} may stop or restart the clock of step ${step.id}.`, legalBasis: p.legalBasis };
      if (action.type === 'PAUSE_CLOCK') {
        if (isPaused(o)) return { code: 'CLOCK_STATE', message: `The clock of step ${step.id} is already stopped.` };
        if (!p.reasons.includes(action.reason)) return { code: 'INVALID_ACTION', message: `The reason must be one of ${p.reasons.join(', ')}.`, legalBasis: p.legalBasis };
      } else if (!isPaused(o)) return { code: 'CLOCK_STATE', message: `The clock of step ${step.id} is running; there is nothing to restart.` };
      return undefined;
    }
    case 'ESCALATE':
      if (!action.reason?.trim()) return { code: 'INVALID_ACTION', message: 'Say why the step is escalated.' };
      if ((ctx.ruleset ?? 1) >= 3) return limitRejection(escalationBreach(def, state));
      return undefined;
  }
}

function limitRejection(b: TLimitBreach | undefined): TRejection | undefined {
  if (!b) return undefined;
  return { code: 'LIMIT_EXCEEDED', message: `${b.message.vi} (${b.message.en})`, details: { rule: 'LIMIT_EXCEEDED', limit: b.limit, max: b.max, actual: b.actual, message: b.message } };
}

/** When a step's guard period (e.g. the limitation period) runs out, from the form or an earlier step. */
export function guardExpiry(def: TProcedureDefinition, state: TCaseState, step: TStep, data: Record<string, unknown>, now: string = state.startedAt): { date: string; at: string } | undefined {
  const g = step.guard;
  if (!g) return undefined;
  const source = g.from.stepId === step.id ? data[g.from.field] : lastCompletion(state, g.from.stepId)?.data[g.from.field];
  if (typeof source !== 'string') return undefined;
  const v = g.variants?.find((x) => conditionHolds(state, x.when, { stepId: step.id, data }));
  let amount = v?.amount ?? g.amount;
  const unit = v?.unit ?? g.unit;
  if (g.amountExpr) {
    const n = evaluate(g.amountExpr, scopeOf(state, now, { stepId: step.id, data }));
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) amount = n;
  }
  const date = unit === 'days' ? addCalendarDays(source, amount) : addMonths(source, amount);
  // The period ends at 24:00 (Vietnam) of its last day (Civil Code Art. 148).
  return { date, at: new Date(Date.parse(`${date}T17:00:00.000Z`)).toISOString() };
}

/** The form as submitted, checked against its fields, with `violation` codes replaced by the catalogue's facts. */
function prepareForm(step: TStep, action: Extract<TAction, { type: 'COMPLETE_STEP' }>, now: string): { data: Record<string, unknown> } | { rejection: TRejection } {
  const raw = action.data ?? {};
  const issues: TFormIssue[] = validateForm(step.form.fields, raw, vietnamDateOf(new Date(now)));
  const resolved = issues.length ? { data: raw, issues: [] } : resolveViolations(step.form.fields, raw, action.resolved?.violations ?? []);
  const all = [...issues, ...resolved.issues];
  if (all.length) {
    return { rejection: { code: 'FORM_INVALID', message: `The form of step ${step.id} is incomplete or wrong: ${all.map((i) => `${i.path || 'form'} ${i.message}`).join('; ')}.`, legalBasis: step.legalBasis, details: all } };
  }
  return { data: resolved.data };
}

function failureRejection(failures: TRuleFailure[], outcome: string): TRejection {
  const first = failures[0]!;
  const more = failures.length > 1 ? ` (+${failures.length - 1})` : '';
  return {
    code: 'GUARD_FAILED',
    message: `${first.message.vi} (${first.rule})${more}`,
    legalBasis: first.legalBasis,
    details: { rule: first.rule, outcome, ...(first.field ? { field: first.field } : {}), message: first.message, failures },
  };
}

// ---------------------------------------------------------------------------------------------
// Applying actions (call only after checkAction returned undefined)

export function applyAction(def: TProcedureDefinition, state: TCaseState, actor: TActor, action: TAction, requestId: string, now: string): TTransition {
  const t: TTransition = { deadlines: [], children: [], closed: false };
  remember(state, requestId);
  if (action.type === 'ADD_NOTE') {
    state.notes.push({ by: actor.userId, at: now, text: action.text });
    emit(state, now, actor, actor.roles[0] ?? '', 'NOTE_ADDED', { text: action.text });
    return t;
  }
  const step = stepDef(def, action.stepId);
  const o = openStep(state, action.stepId)!;
  switch (action.type) {
    case 'COMPLETE_STEP': {
      const role = actingRole(actor, step.roles) ?? 'SYSTEM';
      const prepared = prepareForm(step, action, now);
      const data = 'data' in prepared ? prepared.data : (action.data ?? {});
      completeStep(def, state, step, o, action.outcome, data, [...(action.evidence ?? []), ...fileRefsIn(step.form.fields, data)], actor, role, requestId, now, t);
      return t;
    }
    case 'CLAIM':
      o.assigneeId = actor.userId;
      emit(state, now, actor, actingRole(actor, step.roles) ?? '', 'STEP_CLAIMED', { stepId: step.id }, step.id);
      return t;
    case 'UNCLAIM':
      emit(state, now, actor, actor.roles[0] ?? '', 'STEP_RELEASED', { stepId: step.id, was: o.assigneeId }, step.id);
      o.assigneeId = undefined;
      return t;
    case 'ASSIGN':
      emit(state, now, actor, actor.roles.find((r) => SUPERVISORS.includes(r)) ?? '', 'STEP_ASSIGNED', { stepId: step.id, from: o.assigneeId, to: action.assigneeId }, step.id);
      o.assigneeId = action.assigneeId;
      return t;
    case 'REQUEST_EXTENSION': {
      const ext = extensionRule(state, step)!;
      const e: TEscalation = { id: `${step.id}#extension-request-${state.seq + 1}`, stepId: step.id, kind: 'EXTENSION_REQUEST', toRole: ext.grantRoles[0]!, at: now, reason: `+${action.amount} ${ext.unit}: ${action.reason}` };
      state.escalations.push(e);
      emit(state, now, actor, actingRole(actor, step.roles) ?? '', 'EXTENSION_REQUESTED', { stepId: step.id, amount: action.amount, unit: ext.unit, reason: action.reason, escalationId: e.id }, step.id, ext.legalBasis);
      return t;
    }
    case 'GRANT_EXTENSION': {
      const ext = extensionRule(state, step)!;
      const d = o.deadline!;
      // Granting answers any pending request.
      for (const e of state.escalations) if (e.stepId === step.id && e.kind === 'EXTENSION_REQUEST' && !e.resolvedAt) e.resolvedAt = now;
      d.extensions.push({ amount: action.amount, unit: ext.unit, reason: action.reason, by: actor.userId, at: now });
      emit(state, now, actor, actingRole(actor, ext.grantRoles) ?? '', 'EXTENSION_GRANTED', { stepId: step.id, amount: action.amount, unit: ext.unit, reason: action.reason }, step.id, ext.legalBasis);
      t.deadlines.push({ stepId: step.id, spec: deadlineSpec(o, deadlineRule(state, step, d.anchorAt), d.anchorAt), hard: d.hard });
      return t;
    }
    case 'PAUSE_CLOCK':
      o.deadline!.pauses.push({ from: now, reason: action.reason, by: actor.userId });
      emit(state, now, actor, actingRole(actor, step.pause!.roles) ?? '', 'CLOCK_PAUSED', { stepId: step.id, reason: action.reason }, step.id, step.pause!.legalBasis);
      return t;
    case 'RESUME_CLOCK': {
      const pause = o.deadline!.pauses.find((p) => p.to === undefined)!;
      pause.to = now;
      emit(state, now, actor, actingRole(actor, step.pause!.roles) ?? '', 'CLOCK_RESUMED', { stepId: step.id, pausedFrom: pause.from }, step.id, step.pause!.legalBasis);
      t.deadlines.push({ stepId: step.id, spec: deadlineSpec(o, deadlineRule(state, step, o.deadline!.anchorAt), o.deadline!.anchorAt), hard: o.deadline!.hard });
      return t;
    }
    case 'ESCALATE': {
      const toRole = action.toRole ?? 'TEAM_LEAD';
      const e: TEscalation = { id: `${step.id}#manual-${state.seq + 1}`, stepId: step.id, kind: 'MANUAL', toRole, at: now, reason: action.reason };
      state.escalations.push(e);
      emit(state, now, actor, actor.roles[0] ?? '', 'ESCALATED', { stepId: step.id, toRole, reason: action.reason, escalationId: e.id }, step.id);
      return t;
    }
  }
}

function completeStep(def: TProcedureDefinition, state: TCaseState, step: TStep, o: TOpenStep, outcomeId: string, data: Record<string, unknown>, evidence: TFileRef[], actor: TActor, role: string, requestId: string, now: string, t: TTransition): void {
  const outcome = step.outcomes.find((x) => x.id === outcomeId)!;
  state.open = state.open.filter((x) => x !== o);
  const windows = o.windows ? Object.fromEntries(Object.entries(o.windows).map(([k, w]) => [k, { due: w.due, dueAt: w.dueAt }])) : undefined;
  state.completed.push({
    stepId: step.id,
    outcome: outcome.id,
    data,
    evidence,
    by: actor.userId,
    role,
    at: now,
    requestId,
    ...(o.deadline ? { deadline: { due: o.deadline.due, dueAt: o.deadline.dueAt } } : {}),
    ...(windows ? { windows } : {}),
  });
  for (const e of state.escalations) if (e.stepId === step.id && !e.resolvedAt) e.resolvedAt = now;
  // The date on the paper, when the procedure judges the step on it, is audited beside the entry time (`at`).
  const judgedOn = step.deadline?.judgedOn;
  const paperDate = judgedOn && typeof data[judgedOn] === 'string' ? (data[judgedOn] as string) : undefined;
  const late = !!o.deadline && (paperDate !== undefined ? paperDate > o.deadline.due : Date.parse(now) > Date.parse(o.deadline.dueAt));
  emit(
    state,
    now,
    actor,
    role,
    'STEP_COMPLETED',
    {
      stepId: step.id,
      outcome: outcome.id,
      data: redactForm(step.form.fields, data),
      evidence: evidence.map((e) => e.sha256),
      late,
      ...(paperDate !== undefined ? { documentDate: paperDate, enteredAt: now } : {}),
      ...(outcome.afterDeadline ? { afterDeadline: true, due: o.deadline?.due } : {}),
    },
    step.id,
    outcome.legalBasis ?? step.legalBasis,
  );
  if (outcome.closesCase) {
    closeCase(state, outcome.id, now);
    t.closed = true;
    return;
  }
  openSteps(def, state, outcome.next, now, t);
  if (state.open.length === 0) {
    closeCase(state, outcome.id, now);
    t.closed = true;
  }
}

function closeCase(state: TCaseState, outcome: string, now: string): void {
  const abandoned = state.open.map((o) => o.stepId);
  state.open = [];
  state.status = 'CLOSED';
  state.closedAt = now;
  state.closeOutcome = outcome;
  for (const e of state.escalations) if (!e.resolvedAt) e.resolvedAt = now;
  emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'CASE_CLOSED', { outcome, abandonedSteps: abandoned });
}

/** A sub-procedure's child case closed: its outcome completes the step (or the step's first outcome). */
/**
 * A sub-procedure's child case closed: its outcome completes the step (or the step's first outcome).
 * The step's form fields, if it declares any, take their values from the child's closing data (e.g.
 * the date a returned criminal file was received, which later deadlines count from).
 */
export function completeFromChild(def: TProcedureDefinition, state: TCaseState, stepId: string, childCaseId: string, childOutcome: string, key: string, now: string, childData?: Record<string, unknown>): TTransition | undefined {
  const t: TTransition = { deadlines: [], children: [], closed: false };
  const o = openStep(state, stepId);
  if (!o || state.status === 'CLOSED') return undefined;
  const step = stepDef(def, stepId);
  const outcome = step.outcomes.find((x) => x.id === childOutcome) ?? step.outcomes[0]!;
  mark(state, key);
  const taken: Record<string, unknown> = {};
  for (const f of step.form.fields) if (childData && childData[f.key] !== undefined) taken[f.key] = childData[f.key];
  completeStep(def, state, step, o, outcome.id, { childCaseId, childOutcome, ...taken }, [], SYSTEM_ACTOR, 'SYSTEM', key, now, t);
  return t;
}

/** Records an external event; steps waiting for it get their deadlines requested. */
export function recordEvent(def: TProcedureDefinition, state: TCaseState, event: { id: string; key: string; at: string; data?: Record<string, unknown> | undefined }, now: string): TTransition {
  const t: TTransition = { deadlines: [], children: [], closed: false };
  mark(state, eventMarker(state, event.key));
  state.events.push({ id: event.id, at: event.at, key: event.key, data: event.data });
  emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'EVENT_RECEIVED', { event: event.id, at: event.at, key: event.key, data: event.data });
  for (const o of state.open) {
    if (o.awaitingEvent === event.id) {
      const step = stepDef(def, o.stepId);
      t.deadlines.push({ stepId: o.stepId, spec: deadlineSpec(o, deadlineRule(state, step, event.at), event.at), hard: !!step.deadline?.hard });
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// The escalation ladder

const DEFAULT_LADDER: TEscalationRung[] = [{ at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'TEAM_LEAD' }];

function rungInstant(rung: TEscalationRung, d: TDeadlineState): number {
  const anchor = Date.parse(d.anchorAt);
  const due = Date.parse(d.dueAt);
  switch (rung.at.kind) {
    case 'SHARE':
      return anchor + rung.at.share * (due - anchor);
    case 'BREACH':
      return due;
    case 'AFTER_BREACH':
      return due + rung.at.hours * 3_600_000;
  }
}

function ladder(step: TStep): TEscalationRung[] {
  const rungs = step.deadline?.escalation?.length ? step.deadline.escalation : DEFAULT_LADDER;
  return rungs.some((r) => r.at.kind === 'BREACH') ? rungs : [...rungs, ...DEFAULT_LADDER];
}

/** The next instant (ms) at which a rung fires or a deadline breaches, over running clocks. */
export function nextTimerAt(def: TProcedureDefinition, state: TCaseState): number | undefined {
  let next: number | undefined;
  for (const o of state.open) {
    if (!o.deadline || isPaused(o)) continue;
    const rungs = ladder(stepDef(def, o.stepId));
    rungs.forEach((r, i) => {
      if (o.deadline!.fired.includes(i)) return;
      const at = rungInstant(r, o.deadline!);
      if (next === undefined || at < next) next = at;
    });
  }
  return next;
}

/** Fires every rung whose time has come; marks breaches. Returns whether anything changed. */
export function fireEscalations(def: TProcedureDefinition, state: TCaseState, nowMs: number): boolean {
  const now = new Date(nowMs).toISOString();
  let changed = false;
  for (const o of state.open) {
    const d = o.deadline;
    if (!d || isPaused(o)) continue;
    const step = stepDef(def, o.stepId);
    ladder(step).forEach((rung, i) => {
      if (d.fired.includes(i) || rungInstant(rung, d) > nowMs) return;
      d.fired.push(i);
      changed = true;
      const isBreach = rung.at.kind !== 'SHARE';
      if (isBreach && !d.breached) {
        d.breached = true;
        emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'DEADLINE_BREACHED', { stepId: o.stepId, due: d.due, dueAt: d.dueAt }, o.stepId, d.legalBasis);
      }
      const e: TEscalation = {
        id: `${o.stepId}#${d.dueAt}#${i}`,
        stepId: o.stepId,
        kind: rung.action,
        toRole: rung.toRole,
        at: now,
        reason: rung.at.kind === 'SHARE' ? `${Math.round(rung.at.share * 100)}% of the time used` : rung.at.kind === 'BREACH' ? 'deadline passed' : `${rung.at.hours} h after the deadline`,
      };
      state.escalations.push(e);
      emit(state, now, SYSTEM_ACTOR, 'SYSTEM', rung.action === 'WARN' ? 'DEADLINE_WARNING' : 'ESCALATED', { stepId: o.stepId, toRole: rung.toRole, reason: e.reason, escalationId: e.id }, o.stepId, d.legalBasis);
    });
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Who may act now

export interface TAvailableAction {
  stepId: string;
  title: { vi: string; en: string };
  roles: string[];
  assigneeId?: string | undefined;
  outcomes: string[];
  canExtend: string[];
  canPause: string[];
  paused: boolean;
  due?: string | undefined;
  dueAt?: string | undefined;
  overdue: boolean;
  awaitingEvent?: string | undefined;
}

export function availableActions(def: TProcedureDefinition, state: TCaseState): TAvailableAction[] {
  return state.open.map((o) => {
    const s = stepDef(def, o.stepId);
    const ext = extensionRule(state, s);
    return {
      stepId: o.stepId,
      title: s.title,
      roles: s.roles,
      assigneeId: o.assigneeId,
      outcomes: s.outcomes.map((x) => x.id),
      canExtend: ext && o.deadline && o.deadline.extensions.length < ext.maxCount ? ext.grantRoles : [],
      canPause: s.pause?.roles ?? [],
      paused: isPaused(o),
      due: o.deadline?.due,
      dueAt: o.deadline?.dueAt,
      overdue: !!o.deadline?.breached,
      awaitingEvent: o.awaitingEvent,
    };
  });
}
