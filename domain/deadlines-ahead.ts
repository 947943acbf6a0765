/**
 * Which deadline rule of a step applies and for how long — shared by the engine, when a step opens,
 * and by the case page, which shows a hard deadline already running before its step opens: the
 * penalty decision (quyết định xử phạt, B6) is due 7 working days from the date of the violation
 * record (B1) while the legal review and the explanation (B3–B5) are still open (Art. 66(1)
 * LXLVPHC; docs/adr/0003-clocks-from-the-paper.md). Pure: the browser bundles it.
 */
import { isValidDate, type WorkingCalendar } from './calendar.js';
import { computeDeadline, type TComputedDeadline } from './deadline.js';
import { paramOn, type TLegalParam } from './legal-params.js';
import type { TAnchor, TCondition, TDeadlineUnit, TProcedureDefinition, TStep } from './procedure.js';
import { holds, NO_STEP, type TRuleCase } from './rules.js';

/** The rule of a step's deadline that applies: its amount (or legal parameter), unit, basis and anchor. */
interface TChosenRule {
  amount: number;
  amountParam?: string | undefined;
  /** A number field of an earlier step that may lengthen the amount (a variant's, docs/adr/0217). */
  amountFrom?: { stepId: string; field: string } | undefined;
  unit: TDeadlineUnit;
  legalBasis: string;
  anchor: TAnchor;
}

/** The first variant of the step's deadline whose condition holds, else the base rule. */
export function ruleThatHolds(step: TStep, holdsNow: (c: TCondition) => boolean): TChosenRule {
  const d = step.deadline!;
  const v = d.variants?.find((x) => holdsNow(x.when));
  return v ? { ...v, anchor: v.anchor ?? d.anchor } : d;
}

/**
 * A configured amount: the legal parameter in force on `date` when the rule names one (and it is
 * configured), converted from years when the rule counts months (a limitation of 1 year = 12 months).
 */
export function amountInForce(legalParams: readonly TLegalParam[] | undefined, amount: number, param: string | undefined, date: string, unit?: TDeadlineUnit): number {
  if (!param || !legalParams?.length) return amount;
  try {
    const p = paramOn(legalParams, param, date);
    return p.unit === 'years' && unit === 'months' ? p.value * 12 : p.value;
  } catch {
    return amount;
  }
}

/** A date on paper means "that day": the instant a period counts from, during that Vietnamese day. */
export function paperDayAt(date: string): string {
  return `${date}T05:00:00.000Z`;
}

/** The date on a paper an anchor names (a date field of a completed step, or a fact from the parent case). */
function paperDate(c: TRuleCase, a: TAnchor): string | undefined {
  let v: unknown;
  if (a.kind === 'FIELD_DATE') v = [...c.completed].reverse().find((x) => x.stepId === a.stepId)?.data[a.field];
  else if (a.kind === 'FACT_DATE') v = c.facts?.[a.fact];
  return typeof v === 'string' && isValidDate(v) ? v : undefined;
}

/** A hard deadline running before its step opens. */
export interface TDeadlineAhead {
  stepId: string;
  /** The rule that applies now (amount in force on the paper's date, unit, legal basis). */
  amount: number;
  unit: TDeadlineUnit;
  legalBasis: string;
  /** The paper it counts from: the step and its date field, and the date written on it. */
  from: { stepId: string; field: string; date: string };
  deadline: TComputedDeadline;
}

/** Steps the case is on its way to: reachable by the procedure's arrows from an open step, not through a sub-case. */
function stepsAhead(def: TProcedureDefinition, c: TRuleCase): Set<string> {
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  // A sub-case (e.g. the file sent to the criminal-procedure body, Art. 62) stops the way: what follows
  // it is counted afresh when it comes back (Art. 63(2)), not from the papers of before.
  const queue = c.open.map((o) => byId.get(o.stepId)).filter((s): s is TStep => !!s && !s.subProcedure);
  while (queue.length) {
    const step = queue.shift()!;
    for (const next of step.outcomes.flatMap((o) => o.next)) {
      const s = byId.get(next);
      if (!s || seen.has(next)) continue;
      seen.add(next);
      if (!s.subProcedure) queue.push(s);
    }
  }
  return seen;
}

/**
 * The hard deadlines already running for steps the case has not reached: a step the case is on its
 * way to, never completed nor open, whose deadline is counted from a date on a paper this case has
 * recorded (`FIELD_DATE`) — with the rule, the variant, the legal parameter and the calendar the
 * engine will use when the step opens, so the date shown now is the date it will have then.
 */
export function deadlinesAhead(def: TProcedureDefinition, c: TRuleCase, calendar: WorkingCalendar, now: string): TDeadlineAhead[] {
  const ahead = stepsAhead(def, c);
  const out: TDeadlineAhead[] = [];
  for (const step of def.steps) {
    const d = step.deadline;
    if (!d?.hard || !ahead.has(step.id) || c.open.some((o) => o.stepId === step.id) || c.completed.some((x) => x.stepId === step.id)) continue;
    const rule = ruleThatHolds(step, (when) => holds(when, { case: c, stepId: NO_STEP, data: {}, now }));
    if (rule.anchor.kind !== 'FIELD_DATE') continue;
    const date = paperDate(c, rule.anchor);
    if (!date) continue;
    const cap = d.cap ? paperDate(c, d.cap.anchor) : undefined;
    // A ceiling not on paper yet cannot be counted as the engine will: better nothing than a later date.
    if (d.cap && !cap) continue;
    const amount = amountInForce(c.legalParams, rule.amount, rule.amountParam, date, rule.unit);
    const deadline = computeDeadline(calendar, {
      anchorAt: paperDayAt(date),
      amount,
      unit: rule.unit,
      legalBasis: rule.legalBasis,
      extensions: [],
      pauses: [],
      binds: d.binds,
      cap: d.cap && cap ? { anchorAt: paperDayAt(cap), legalBasis: d.cap.legalBasis } : undefined,
      after: d.after,
    });
    out.push({ stepId: step.id, amount, unit: rule.unit, legalBasis: rule.legalBasis, from: { stepId: rule.anchor.stepId, field: rule.anchor.field, date }, deadline });
  }
  return out;
}
