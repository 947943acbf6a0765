/**
 * Payments of a fine reported from outside (the treasury's or the national payment platform's
 * callback, `PAYMENT_RECEIVED` events): what was paid, what is still owed, and the completion of
 * the compliance step (theo dõi chấp hành, nộp phạt) by the system once the amount due is paid in
 * full (docs/adr/0125-payment-callbacks-complete-compliance.md).
 *
 * A payment step is a step whose form records a payment (`receiptNo`, `paidAmount`, `paidDate`)
 * and that has an outcome `PAID`: B9 and the last instalment's step of the penalty procedure. The
 * amount due is not computed here: it is the right-hand side of the `PAID` outcome's own rule on
 * `paidAmount` (fine + late-payment surcharge accrued to the payment's date), so the procedure
 * version stays the one source of the law and a completion by payments passes exactly the rules
 * an officer's would.
 */
import { vietnamDateOf } from '../calendar.js';
import { lawFailures } from '../law-rules.js';
import type { TProcedureDefinition, TStep } from '../procedure.js';
import { evaluate, type TRuleCase } from '../rules.js';
import { completeStep } from './steps.js';
import { SYSTEM_ACTOR, scopeOf, type TCaseState, type TTransition } from './state.js';

/** The external event a payment arrives as. */
export const PAYMENT_EVENT = 'PAYMENT_RECEIVED';

/**
 * The outcomes of a payment step that settle the fine: paid at the Treasury (`PAID`), or collected
 * on the spot by the officer where Art. 78(2)–(3) allow it (`COLLECTED`, penalty version 18,
 * docs/adr/0232), which the remittance into the Treasury follows.
 */
export const SETTLING_OUTCOMES: ReadonlySet<string> = new Set(['PAID', 'COLLECTED']);
const PAYMENT_FIELDS = ['receiptNo', 'paidAmount', 'paidDate'] as const;

/** One payment as the case recorded it. */
export interface TRecordedPayment {
  transactionId: string;
  amount: number;
  paidAt: string;
}

/** Where a case stands with its fine: paid so far, the amount due (fine + surcharge to the last payment), what is left. */
export interface TPaymentStatus {
  /** The payment step the amounts belong to (open, or the last one completed); absent before the case reaches one. */
  stepId?: string | undefined;
  paid: number;
  payments: number;
  /** Fine plus the late-payment surcharge accrued to the last payment's date (or `asOf` with none); absent when not evaluable. */
  due?: number | undefined;
  outstanding?: number | undefined;
  /** The payment step is completed with `PAID`. */
  settled: boolean;
}

/** The payments recorded in the case, in order (events of another id, or without a whole positive amount, are not payments). */
export function recordedPayments(state: Pick<TCaseState, 'events'>): TRecordedPayment[] {
  const out: TRecordedPayment[] = [];
  for (const e of state.events) {
    if (e.id !== PAYMENT_EVENT) continue;
    const amount = e.data?.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) continue;
    const paidAt = typeof e.data?.paidAt === 'string' ? e.data.paidAt : e.at;
    out.push({ transactionId: typeof e.data?.transactionId === 'string' ? e.data.transactionId : e.key, amount, paidAt });
  }
  return out;
}

/** Whether a step records a payment of the fine and can be completed with `PAID` (B9, B14, N2…). */
export function isPaymentStep(step: TStep): boolean {
  const keys = new Set(step.form.fields.map((f) => f.key));
  return PAYMENT_FIELDS.every((k) => keys.has(k)) && step.outcomes.some((o) => o.id === 'PAID');
}

/** The form a completion by payments carries: the last transaction as the receipt, the sum, the last payment's date (Vietnam). */
function paymentForm(payments: TRecordedPayment[]): Record<string, unknown> {
  const last = payments[payments.length - 1]!;
  return { receiptNo: last.transactionId, paidAmount: payments.reduce((s, p) => s + p.amount, 0), paidDate: vietnamDateOf(new Date(last.paidAt)) };
}

/**
 * The amount due by the `PAID` outcome's rule on `paidAmount` (`paidAmount ≥ due`: the fine plus the
 * surcharge the case's version charges) for a payment completed on `paidDate`.
 */
export function amountDueOn(c: TRuleCase, step: TStep, paidDate: string, now: string): number | undefined {
  const paid = step.outcomes.find((o) => o.id === 'PAID');
  if (!paid) return undefined;
  for (const r of paid.requires ?? []) {
    const w = r.when;
    if (w.kind === 'CMP' && w.op === 'GTE' && w.left.kind === 'FIELD' && w.left.field === 'paidAmount' && (w.left.stepId === undefined || w.left.stepId === step.id)) {
      try {
        const v = evaluate(w.right, { case: c, stepId: step.id, outcome: 'PAID', data: { paidDate }, now });
        return typeof v === 'number' ? Math.round(v) : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Paid, due and outstanding, as of now (surcharge to the last payment's date, or today's with none). */
export function paymentStatus(def: TProcedureDefinition, state: TCaseState, now: string): TPaymentStatus {
  const payments = recordedPayments(state);
  const paid = payments.reduce((s, p) => s + p.amount, 0);
  const open = state.open.map((o) => o.stepId).find((id) => isPaymentStep(stepOf(def, id)));
  const lastDone = [...state.completed].reverse().find((c) => isPaymentStep(stepOf(def, c.stepId)));
  const stepId = open ?? lastDone?.stepId;
  const base = { paid, payments: payments.length, settled: !open && SETTLING_OUTCOMES.has(lastDone?.outcome ?? '') };
  if (!stepId) return { ...base, stepId };
  const paidDate = payments.length ? vietnamDateOf(new Date(payments[payments.length - 1]!.paidAt)) : vietnamDateOf(new Date(now));
  const due = amountDueOn(state, stepOf(def, stepId), paidDate, now);
  const outstanding = base.settled ? 0 : due === undefined ? undefined : Math.max(0, due - paid);
  return { ...base, stepId, due, outstanding };
}

function stepOf(def: TProcedureDefinition, id: string): TStep {
  return def.steps.find((s) => s.id === id)!;
}

/**
 * After a payment: each open payment step whose `PAID` outcome the payments recorded so far satisfy
 * (every rule of that outcome, as for an officer) is completed with `PAID` by the system. Partial
 * payments leave it open. Returns the steps completed.
 */
export function settleByPayments(def: TProcedureDefinition, state: TCaseState, key: string, now: string, t: TTransition): string[] {
  const payments = recordedPayments(state);
  if (payments.length === 0) return [];
  const done: string[] = [];
  for (const o of [...state.open]) {
    const step = stepOf(def, o.stepId);
    if (!isPaymentStep(step) || o.childCaseId) continue;
    const outcome = step.outcomes.find((x) => x.id === 'PAID')!;
    const data = paymentForm(payments);
    const law = lawFailures(step, outcome, scopeOf(state, now, { stepId: step.id, outcome: outcome.id, data }), SYSTEM_ACTOR.actingRole ?? 'SYSTEM');
    if ('error' in law || law.failures.length > 0) continue;
    completeStep(def, state, step, o, outcome.id, data, [], SYSTEM_ACTOR, 'SYSTEM', `payment:${key}`, now, t);
    done.push(step.id);
    if (state.status === 'CLOSED') break;
  }
  return done;
}
