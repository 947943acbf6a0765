/**
 * A case's course through its procedure: starting it, opening steps (with their deadlines, windows
 * and sub-procedures), completing a step and closing the case, and the facts from outside that move
 * it (a sub-procedure's case closing, an external event, a move to another procedure version).
 */
import { vietnamDateOf } from '../calendar.js';
import { redactForm, type TFileRef } from '../forms.js';
import type { TProcedureDefinition, TStep } from '../procedure.js';
import { evaluate } from '../rules.js';
import { chosenDeadline, deadlineRule, deadlineSpec, resolveAnchor, windowRequests } from './deadlines.js';
import { resolveEscalations } from './escalation.js';
import {
  emit,
  eventMarker,
  inheritedAssignee,
  initialState,
  mark,
  noTransition,
  openStep,
  scopeOf,
  stepDef,
  SYSTEM_ACTOR,
  type TActor,
  type TCaseStart,
  type TCaseState,
  type TOpenStep,
  type TTransition,
} from './state.js';

/** A new case: its initial state with the procedure's start steps open, and what the workflow must carry out for them. */
export function newCase(def: TProcedureDefinition, start: TCaseStart, now: string, opts: { markers?: boolean } = {}): { state: TCaseState; transition: TTransition } {
  const state = initialState(def, start, now, opts);
  const transition = noTransition();
  openSteps(def, state, def.start, now, transition);
  return { state, transition };
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
    const inherited = inheritedAssignee(state, step.roles);
    if (inherited) {
      o.assigneeId = inherited.assigneeId;
      emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'STEP_ASSIGNED', { stepId: id, from: undefined, to: inherited.assigneeId, reason: inherited.reason }, id);
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

/**
 * Whether a completed step was late, as the engine judges it (docs/adr/0003): a step whose deadline
 * names the date field it is judged on (`judgedOn`, e.g. B6's `decisionDate`) is late when the
 * paper's date is after the due day, whenever it was entered; any other when it was completed after
 * the deadline's instant. A step without a deadline is never late.
 */
export function judgedLate(judgedOn: string | undefined, c: { data: Record<string, unknown>; at: string; deadline?: { due: string; dueAt: string } | undefined }): boolean {
  if (!c.deadline) return false;
  const paperDate = judgedOn && typeof c.data[judgedOn] === 'string' ? (c.data[judgedOn] as string) : undefined;
  return paperDate !== undefined ? paperDate > c.deadline.due : Date.parse(c.at) > Date.parse(c.deadline.dueAt);
}

/** Completes an open step with an outcome: records it, opens what follows or closes the case. */
export function completeStep(
  def: TProcedureDefinition,
  state: TCaseState,
  step: TStep,
  o: TOpenStep,
  outcomeId: string,
  data: Record<string, unknown>,
  evidence: TFileRef[],
  actor: TActor,
  role: string,
  requestId: string,
  now: string,
  t: TTransition,
): void {
  const outcome = step.outcomes.find((x) => x.id === outcomeId)!;
  state.open = state.open.filter((x) => x !== o);
  const windows = o.windows ? Object.fromEntries(Object.entries(o.windows).map(([k, w]) => [k, { due: w.due, dueAt: w.dueAt }])) : undefined;
  const deadline = o.deadline ? { due: o.deadline.due, dueAt: o.deadline.dueAt } : undefined;
  // The date on the paper, when the procedure judges the step on it, is audited beside the entry time (`at`).
  const judgedOn = step.deadline?.judgedOn;
  const paperDate = judgedOn && typeof data[judgedOn] === 'string' ? (data[judgedOn] as string) : undefined;
  const late = judgedLate(judgedOn, { data, at: now, deadline });
  state.completed.push({
    stepId: step.id,
    outcome: outcome.id,
    data,
    evidence,
    by: actor.userId,
    role,
    at: now,
    requestId,
    ...(deadline ? { deadline, late } : {}),
    ...(windows ? { windows } : {}),
  });
  resolveEscalations(state, now, step.id);
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
  for (const d of step.documents ?? []) {
    if (d.outcomes && !d.outcomes.includes(outcome.id)) continue;
    const paperDate = d.dateField && typeof data[d.dateField] === 'string' ? (data[d.dateField] as string).slice(0, 10) : vietnamDateOf(new Date(now));
    (t.documents ??= []).push({ type: d.type, stepId: step.id, outcome: outcome.id, requestId, numberField: d.numberField, date: paperDate, actor, role });
  }
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
  resolveEscalations(state, now);
  emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'CASE_CLOSED', { outcome, abandonedSteps: abandoned });
}

/**
 * A sub-procedure's child case closed: its outcome completes the step (or the step's first outcome).
 * The step's form fields, if it declares any, take their values from the child's closing data (e.g.
 * the date a returned criminal file was received, which later deadlines count from).
 */
export function completeFromChild(
  def: TProcedureDefinition,
  state: TCaseState,
  stepId: string,
  childCaseId: string,
  childOutcome: string,
  key: string,
  now: string,
  childData?: Record<string, unknown>,
): TTransition | undefined {
  const t = noTransition();
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
  const t = noTransition();
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

/** Records a move to another procedure version (the workflow has already switched definitions). */
export function recordMigration(state: TCaseState, actor: TActor, from: number, to: number, changes: string[], now: string): void {
  state.procedure = { id: state.procedure.id, version: to };
  emit(state, now, actor, actor.roles[0] ?? '', 'PROCEDURE_MIGRATED', { from, to, changes });
}
