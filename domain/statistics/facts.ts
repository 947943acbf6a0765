/**
 * What a case contributes to the unit's statistics: one fact per indicator and event, dated by the
 * day the law names (a decision's date, the day paid, the day the decision was announced), derived
 * from the case as the read model holds it. Pure, and the one derivation: the projection writes
 * these facts, a report sums them, its drill-down lists them by case (docs/adr/0159).
 *
 * The mapping is keyed by what is stable across a procedure's versions — the kind of case, the
 * step's id and its fields' keys — so cases on any version (and cases started before the
 * statistics existed) give their facts. `FACTS_VERSION` names this derivation: cases whose stored
 * facts were written by an older one are derived again by the worker (db/repositories/statistics.ts).
 */
import { SETTLING_OUTCOMES } from '../engine/payments.js';
import { PENALTY_DECISION } from '../party-messages.js';
import { violationCodeOf } from '../violation-catalogue.js';
import { vnDateOf } from '../vn-time.js';
import type { TFactIndicator } from './indicators.js';

/**
 * Bump when the derivation changes: stored facts of an older version are rebuilt. 2: a step's
 * lateness is the engine's judgement, a case's decision counts once (its last, none when cancelled),
 * a seizure's D6 adds no confiscated value to its decision's (docs/adr/0207).
 */
export const FACTS_VERSION = 2;

/** One fact: `amount` is 1 for a count, đồng for money, days for cycle times. */
export interface TStatFact {
  indicator: TFactIndicator;
  /** The Vietnamese calendar date it counts on. */
  on: string;
  amount: number;
  /** The step it comes from, and who completed it (null: the case itself, or the system). */
  stepId: string | null;
  officerId: string | null;
}

/** What the derivation reads of a case: the read model's projection fits. */
export interface TFactSource {
  kind: string;
  status: 'OPEN' | 'CLOSED';
  openedAt: string;
  closedAt?: string | undefined;
  completed: readonly {
    stepId: string;
    outcome: string;
    data: Record<string, unknown>;
    by: string;
    at: string;
    requestId?: string | undefined;
    deadline?: { due: string; dueAt: string } | undefined;
    /** The engine's judgement of the step against its deadline (domain/projection.ts `withJudgements`). */
    late?: boolean | undefined;
  }[];
  events?: readonly { id: string; at: string; key?: string | undefined; data?: Record<string, unknown> | undefined }[] | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SYSTEM = 'SYSTEM';

/**
 * The sanction decisions: the step, and the outcomes that decide (N1 always; B6 when it decides,
 * not when it transfers the file for signs of a crime, penalty version 9; a returned referral's F5
 * when it decides). Every B6 before version 9 decided, so no stored fact changes.
 */
const DECISION_STEPS: Readonly<Record<string, readonly string[] | null>> = {
  B6: PENALTY_DECISION.outcomes,
  N1: null,
  F5: ['RETURNED_AND_DECIDED', 'MEASURES_ONLY'],
};
/**
 * The referral of a decided case to the criminal body (BF, after B62 suspended the decision, Law
 * Art. 62(2)): the file coming back to the case's decision step leaves the decision to be taken
 * again; any other end (prosecution: the decision is cancelled; version 1's return decided in the
 * referral case, or not sanctioned) leaves the case without a standing decision.
 */
const REFERRAL_STEP = 'BF';
const REFERRAL_BACK_TO_DECISION = 'RETURNED_TO_CASE';
/**
 * A seizure's steps that record goods handled. D6 carries out what the decision confiscated or
 * ordered destroyed: its value destroyed counts (no decision records it), its value confiscated is
 * the decision's own and counts there. D8 is itself the decision confiscating unclaimed goods (Art.
 * 126): its value counts when it confiscates (not when the owner came forward, seizure version 5).
 * No date field: the day completed.
 */
const DESTROYED_STEPS = new Set(['D6']);
const CONFISCATION_DECISION_STEPS = new Set(['D8']);
/** Steps that record a payment of a fine (with `paidAmount` and `paidDate`). */
const PAYMENT_STEPS = new Set(['B9', 'B14', 'N2', 'F7', 'F12']);
const PAYMENT_EVENT = 'PAYMENT_RECEIVED';

/** A whole, non-negative amount in a form's field, or 0. */
function money(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
}

/** The field's date if it is one, else the day the step was completed (Vietnam). */
function dateOr(v: unknown, at: string): string {
  return typeof v === 'string' && ISO_DATE.test(v) ? v : vnDateOf(new Date(at));
}

const officer = (by: string): string | null => (by && by !== SYSTEM ? by : null);

/** The case's violation, as the report groups it: the first act of its record (B1) or the on-the-spot decision's (N1). */
export function caseViolationCode(src: Pick<TFactSource, 'completed'>): string | null {
  for (const c of src.completed) {
    if (c.stepId === 'B1' && Array.isArray(c.data.acts)) {
      const first = c.data.acts[0] as { violation?: unknown; violationCode?: unknown } | undefined;
      const code = violationCodeOf(first?.violation) ?? violationCodeOf(first?.violationCode);
      if (code) return code;
    }
    if (c.stepId === 'N1') {
      const code = violationCodeOf(c.data.violation) ?? violationCodeOf(c.data.violationCode);
      if (code) return code;
    }
  }
  return null;
}

/** Whole days between two instants' Vietnamese dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(vnDateOf(new Date(to))) - Date.parse(vnDateOf(new Date(from)))) / 86_400_000);
}

/** Whether a completed step decides a sanction (`DECISION_STEPS`). */
function decides(c: { stepId: string; outcome: string }): boolean {
  const deciding = DECISION_STEPS[c.stepId];
  return deciding !== undefined && (deciding === null || deciding.includes(c.outcome));
}

/**
 * The position of the case's standing decision in its completed steps, or -1: its last decision
 * (a decision taken again after the file came back from the criminal body replaces the one
 * suspended), none when that one was cancelled — its referral ended other than by the file coming
 * back to be decided (Law Art. 62(2); Decree 118/2021: prosecution cancels the decision).
 */
function standingDecision(completed: TFactSource['completed']): number {
  let last = -1;
  completed.forEach((c, i) => {
    if (decides(c)) last = i;
  });
  if (last < 0) return -1;
  const cancelled = completed.slice(last + 1).some((c) => c.stepId === REFERRAL_STEP && c.outcome !== REFERRAL_BACK_TO_DECISION);
  return cancelled ? -1 : last;
}

/** The facts of one case, in a stable order (their position is part of their key). */
export function caseFacts(src: TFactSource): TStatFact[] {
  const out: TStatFact[] = [];
  const add = (indicator: TFactIndicator, on: string, amount: number, stepId: string | null, by: string | null): void => {
    if (amount > 0) out.push({ indicator, on, amount, stepId, officerId: by });
  };
  const payments = (src.events ?? []).filter((e) => e.id === PAYMENT_EVENT);
  const paidByEvents = payments.reduce((s, e) => s + money(e.data?.amount), 0);

  if (src.kind === 'TIP') add('TIPS_RECEIVED', vnDateOf(new Date(src.openedAt)), 1, null, null);

  const decision = standingDecision(src.completed);

  src.completed.forEach((c, i) => {
    const by = officer(c.by);
    const d = c.data;
    if (src.kind === 'INSPECTION' && c.stepId === 'A7') add('INSPECTIONS', dateOr(d.announcedAt, c.at), 1, c.stepId, by);
    // One decision per case: the standing one; the goods it confiscated count with it.
    if (i === decision) {
      const on = dateOr(d.decisionDate, c.at);
      add('VIOLATION_CASES', on, 1, c.stepId, by);
      add('FINES_IMPOSED', on, money(d.fineAmount), c.stepId, by);
      add('CONFISCATED_VALUE', on, money(d.confiscatedValue), c.stepId, by);
    }
    if (CONFISCATION_DECISION_STEPS.has(c.stepId) && c.outcome === 'CONFISCATED') add('CONFISCATED_VALUE', dateOr(undefined, c.at), money(d.confiscatedValue), c.stepId, by);
    if (DESTROYED_STEPS.has(c.stepId)) add('DESTROYED_VALUE', dateOr(undefined, c.at), money(d.destroyedValue), c.stepId, by);
    // A payment step completed by an officer counts what it records beyond the payments reported
    // from outside (those count on their own days); the system's completion by payments adds nothing.
    // A fine collected on the spot counts on the day it was collected (Art. 78(2)–(3), docs/adr/0232).
    if (PAYMENT_STEPS.has(c.stepId) && SETTLING_OUTCOMES.has(c.outcome) && !c.requestId?.startsWith('payment:')) {
      add('BUDGET_COLLECTED', dateOr(d.paidDate, c.at), Math.max(0, money(d.paidAmount) - paidByEvents), c.stepId, by);
    }
    if (c.stepId === 'E3') add('BUDGET_COLLECTED', dateOr(undefined, c.at), money(d.collectedAmount), c.stepId, by);
    if (c.stepId === 'F1' && c.outcome === 'TRANSFERRED') add('CRIMINAL_REFERRALS', dateOr(undefined, c.at), 1, c.stepId, by);
    // The engine's judgement (a decision dated in time is on time whenever it was entered, docs/adr/0003);
    // a step without it (a snapshot from before it was recorded, read without its definition) by the moment of completion.
    if (c.deadline) add((c.late ?? Date.parse(c.at) > Date.parse(c.deadline.dueAt)) ? 'STEPS_LATE' : 'STEPS_ON_TIME', dateOr(undefined, c.at), 1, c.stepId, by);
  });
  for (const p of payments) {
    const paidAt = typeof p.data?.paidAt === 'string' ? p.data.paidAt : p.at;
    add('BUDGET_COLLECTED', vnDateOf(new Date(paidAt)), money(p.data?.amount), null, null);
  }
  if (src.status === 'CLOSED' && src.closedAt) {
    const on = vnDateOf(new Date(src.closedAt));
    if (src.kind === 'TIP') add('TIPS_HANDLED', on, 1, null, null);
    add('CASES_CLOSED', on, 1, null, null);
    // A case closed the day it opened takes 0 days: recorded as such (the count above still counts it).
    const days = daysBetween(src.openedAt, src.closedAt);
    if (days > 0) add('CYCLE_DAYS', on, days, null, null);
  }
  return out;
}
