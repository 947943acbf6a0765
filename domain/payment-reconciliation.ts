/**
 * The reconciliation of payment callbacks against the cases (docs/adr/0125): every accepted
 * callback should be a `PAYMENT_RECEIVED` event of its case with the same amount, and every such
 * event should come from an accepted callback. Pure: the caller reads both sides.
 */
import { recordedPayments } from './engine/payments.js';

/** An accepted callback as recorded (`payment_callback`). */
export interface TAcceptedCallbackRow {
  transactionId: string;
  caseId: string;
  amount: number;
  receivedAt: string;
}

/** What a case recorded: its events (the read model's snapshot). */
export interface TCaseEventsRow {
  caseId: string;
  events: { id: string; at: string; key: string; data?: Record<string, unknown> | undefined }[];
}

/** A mismatch for the legal officer to look into. */
export interface TPaymentMismatch {
  kind:
    /** Accepted, but the case holds no payment of this transaction (the signal was lost, or the case was closed). */
    | 'NOT_IN_CASE'
    /** The case recorded this transaction with another amount. */
    | 'AMOUNT_DIFFERS'
    /** Accepted for a case the read model does not know. */
    | 'CASE_UNKNOWN'
    /** The case holds a payment no accepted callback reported. */
    | 'NO_CALLBACK';
  transactionId: string;
  caseId: string;
  callbackAmount?: number | undefined;
  caseAmount?: number | undefined;
}

/**
 * Compares the callbacks with the cases' payments. Callbacks received after `settledBefore` are
 * left out (the case may not have recorded them yet); so are the cases' payments whose transaction
 * a left-out callback reports.
 */
export function reconcilePayments(callbacks: readonly TAcceptedCallbackRow[], cases: readonly TCaseEventsRow[], settledBefore: string): TPaymentMismatch[] {
  const out: TPaymentMismatch[] = [];
  const byCase = new Map(cases.map((c) => [c.caseId, new Map(recordedPayments(c).map((p) => [p.transactionId, p.amount]))]));
  const reported = new Set(callbacks.map((c) => `${c.caseId}\u0000${c.transactionId}`));
  for (const cb of callbacks) {
    if (Date.parse(cb.receivedAt) >= Date.parse(settledBefore)) continue;
    const payments = byCase.get(cb.caseId);
    if (!payments) out.push({ kind: 'CASE_UNKNOWN', transactionId: cb.transactionId, caseId: cb.caseId, callbackAmount: cb.amount });
    else if (!payments.has(cb.transactionId)) out.push({ kind: 'NOT_IN_CASE', transactionId: cb.transactionId, caseId: cb.caseId, callbackAmount: cb.amount });
    else if (payments.get(cb.transactionId) !== cb.amount)
      out.push({ kind: 'AMOUNT_DIFFERS', transactionId: cb.transactionId, caseId: cb.caseId, callbackAmount: cb.amount, caseAmount: payments.get(cb.transactionId) });
  }
  for (const [caseId, payments] of byCase) {
    for (const [transactionId, amount] of payments) if (!reported.has(`${caseId}\u0000${transactionId}`)) out.push({ kind: 'NO_CALLBACK', transactionId, caseId, caseAmount: amount });
  }
  return out;
}
