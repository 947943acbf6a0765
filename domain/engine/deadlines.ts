/**
 * The periods of a case: which rule applies to a step now (its variants, the legal parameters in
 * force), what the workflow must ask the calendar to compute, storing what it computed, the step's
 * extension rule and a guard's expiry (e.g. the limitation period).
 */
import { addCalendarDays, addMonths, isValidDate, vietnamDateOf, type TBinds } from '../calendar.js';
import type { TDeadlineSpec } from '../deadline.js';
import { amountInForce, paperDayAt, ruleThatHolds } from '../deadlines-ahead.js';
import type { TAnchor, TDeadlineUnit, TProcedureDefinition, TStep } from '../procedure.js';
import { evaluate } from '../rules.js';
import { conditionHolds, emit, isPaused, lastCompletion, openStep, scopeOf, stepDef, SYSTEM_ACTOR, type TCaseState, type TDeadlineRequest, type TOpenStep } from './state.js';

/** The instant a period counts from, or the event it still waits for. */
export function resolveAnchor(state: TCaseState, a: TAnchor, now: string): { at: string } | { awaiting: string } {
  // A date on paper means "that day": count as if the event happened during that Vietnamese day.
  const onDay = (v: unknown): { at: string } => ({ at: typeof v === 'string' && isValidDate(v) ? paperDayAt(v) : now });
  switch (a.kind) {
    case 'CASE_START':
      return { at: state.startedAt };
    case 'STEP_OPENED':
      return { at: now };
    case 'STEP_COMPLETED':
      return { at: lastCompletion(state, a.stepId)?.at ?? now };
    case 'STEP_DUE': {
      // The day that step's period ended, as it stood when the step completed; without one, its completion.
      const done = lastCompletion(state, a.stepId);
      return done?.deadline ? onDay(done.deadline.due) : { at: done?.at ?? now };
    }
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
 * Whether the step's running deadline has passed at `now`: its clock runs (a stopped clock's due
 * date is not final until it restarts) and its due day (24:00) is behind. A period that has ended
 * is neither stopped nor extended afterwards (docs/adr/0208).
 */
export function deadlinePassed(o: TOpenStep, now: string): boolean {
  return !!o.deadline && !isPaused(o) && Date.parse(now) > Date.parse(o.deadline.dueAt);
}

/**
 * A configured amount: the legal parameter in force on `date` when the rule names one (and it is
 * configured), converted from years when the rule counts months (a limitation of 1 year = 12 months).
 */
export function configured(state: TCaseState, amount: number, param: string | undefined, date: string, unit?: TDeadlineUnit): number {
  return amountInForce(state.legalParams, amount, param, date, unit);
}

/** The deadline rule that applies to a step now: the first variant whose condition holds, else the base rule. */
export function chosenDeadline(state: TCaseState, step: TStep): ReturnType<typeof ruleThatHolds> {
  return ruleThatHolds(step, (when) => conditionHolds(state, when));
}

/** The amount in force, lengthened (never shortened) by the whole number a paper gave in the rule's `amountFrom` field (docs/adr/0217). */
function lengthened(state: TCaseState, amount: number, from: { stepId: string; field: string } | undefined): number {
  const v = from ? lastCompletion(state, from.stepId)?.data[from.field] : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v > amount ? v : amount;
}

/**
 * The rule in force for a step: the first variant whose condition holds, else the base rule; an
 * amount tied to a legal parameter is read as in force on the anchor date.
 */
export function deadlineRule(
  state: TCaseState,
  step: TStep,
  anchorAt?: string,
): {
  amount: number;
  unit: TDeadlineUnit;
  legalBasis: string;
  binds?: TBinds;
  cap?: { anchorAt: string; legalBasis: string };
  after?: { amount: number; unit: 'days' | 'months'; legalBasis: string };
} {
  const d = step.deadline!;
  const chosen = chosenDeadline(state, step);
  const date = vietnamDateOf(new Date(anchorAt ?? state.startedAt));
  const amount = lengthened(state, configured(state, chosen.amount, chosen.amountParam, date, chosen.unit), chosen.amountFrom);
  const rule: ReturnType<typeof deadlineRule> = { amount, unit: chosen.unit, legalBasis: chosen.legalBasis };
  if (d.binds) rule.binds = d.binds;
  if (d.after) rule.after = { ...d.after };
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

/** The request to compute an open step's running deadline again (after an extension, a pause, a calendar change). */
export function deadlineRequestAgain(state: TCaseState, step: TStep, o: TOpenStep): TDeadlineRequest {
  const d = o.deadline!;
  return { stepId: step.id, spec: deadlineSpec(o, deadlineRule(state, step, d.anchorAt), d.anchorAt), hard: d.hard };
}

/** Requests for a step's windows (further periods counted while it is open). */
export function windowRequests(state: TCaseState, step: TStep, now: string): TDeadlineRequest[] {
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

/** Stores a computed deadline (or window) on its step (if the step is still open). */
export function setDeadline(state: TCaseState, req: TDeadlineRequest, computed: { dueAt: string; due: string; calendarVersion: string; explanation: unknown }, now: string, reason: string): void {
  const o = openStep(state, req.stepId);
  if (!o) return;
  if (req.window) {
    const before = o.windows?.[req.window];
    o.windows = { ...o.windows, [req.window]: { due: computed.due, dueAt: computed.dueAt, legalBasis: req.spec.legalBasis, explanation: computed.explanation } };
    if (!before || before.dueAt !== computed.dueAt) {
      emit(
        state,
        now,
        SYSTEM_ACTOR,
        'SYSTEM',
        before ? 'WINDOW_RECOMPUTED' : 'WINDOW_SET',
        { stepId: req.stepId, window: req.window, due: computed.due, dueAt: computed.dueAt, previousDueAt: before?.dueAt, calendarVersion: computed.calendarVersion, reason },
        req.stepId,
        req.spec.legalBasis,
      );
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
    emit(
      state,
      now,
      SYSTEM_ACTOR,
      'SYSTEM',
      previous ? 'DEADLINE_RECOMPUTED' : 'DEADLINE_SET',
      { stepId: req.stepId, due: computed.due, dueAt: computed.dueAt, previousDueAt: previous?.dueAt, calendarVersion: computed.calendarVersion, reason },
      req.stepId,
      req.spec.legalBasis,
    );
  }
}

/** Deadline (and window) requests for every open step with a running deadline (after a calendar change). */
export function recomputeAll(def: TProcedureDefinition, state: TCaseState): TDeadlineRequest[] {
  const out: TDeadlineRequest[] = state.open.filter((o) => o.deadline).map((o) => deadlineRequestAgain(state, stepDef(def, o.stepId), o));
  for (const o of state.open) if (o.windows) out.push(...windowRequests(state, stepDef(def, o.stepId), o.openedAt));
  return out;
}

/**
 * The extension rule that applies to a step now: the first of its variants whose condition holds,
 * else the step's own rule (whose `when`, if any, is checked where it is granted).
 */
export function extensionRule(state: TCaseState, step: TStep): Omit<NonNullable<TStep['extension']>, 'variants'> | undefined {
  const ext = step.extension;
  if (!ext) return undefined;
  const v = ext.variants?.find((x) => conditionHolds(state, x.when));
  return v ? { ...ext, bySuperior: undefined, ...v, when: undefined } : ext;
}

/** When a step's guard period (e.g. the limitation period) runs out, from the form or an earlier step. */
export function guardExpiry(def: TProcedureDefinition, state: TCaseState, step: TStep, data: Record<string, unknown>, now: string = state.startedAt): { date: string; at: string } | undefined {
  const g = step.guard;
  if (!g) return undefined;
  const source = g.fromExpr
    ? evaluate(g.fromExpr, scopeOf(state, now, { stepId: step.id, data }))
    : g.from.stepId === step.id
      ? data[g.from.field]
      : lastCompletion(state, g.from.stepId)?.data[g.from.field];
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
