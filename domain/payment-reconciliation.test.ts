import { describe, expect, it } from 'vitest';
import { reconcilePayments, type TCaseEventsRow } from './payment-reconciliation.js';

const paid = (transactionId: string, amount: number) => ({ id: 'PAYMENT_RECEIVED', at: '2026-12-01T02:00:00Z', key: transactionId, data: { amount, transactionId, paidAt: '2026-12-01T02:00:00Z' } });
const CUTOFF = '2026-12-02T00:00:00Z';
const cb = (transactionId: string, caseId: string, amount: number, receivedAt = '2026-12-01T02:00:01Z') => ({ transactionId, caseId, amount, receivedAt });

describe('payment reconciliation', () => {
  it('matching callbacks and case payments give nothing to look into', () => {
    const cases: TCaseEventsRow[] = [{ caseId: 'A', events: [paid('T1', 100), paid('T2', 50), { id: 'GOODS_RETURNED', at: '2026-12-01T00:00:00Z', key: 'g' }] }];
    expect(reconcilePayments([cb('T1', 'A', 100), cb('T2', 'A', 50)], cases, CUTOFF)).toEqual([]);
  });

  it('finds a callback missing from its case, another amount, an unknown case, and a payment no callback reported', () => {
    const cases: TCaseEventsRow[] = [
      { caseId: 'A', events: [paid('T1', 90), paid('T9', 10)] },
      { caseId: 'B', events: [] },
    ];
    expect(reconcilePayments([cb('T1', 'A', 100), cb('T2', 'B', 50), cb('T3', 'Z', 70)], cases, CUTOFF)).toEqual([
      { kind: 'AMOUNT_DIFFERS', transactionId: 'T1', caseId: 'A', callbackAmount: 100, caseAmount: 90 },
      { kind: 'NOT_IN_CASE', transactionId: 'T2', caseId: 'B', callbackAmount: 50 },
      { kind: 'CASE_UNKNOWN', transactionId: 'T3', caseId: 'Z', callbackAmount: 70 },
      { kind: 'NO_CALLBACK', transactionId: 'T9', caseId: 'A', caseAmount: 10 },
    ]);
  });

  it('leaves out callbacks too recent for the case to have recorded them, and their payments', () => {
    const cases: TCaseEventsRow[] = [{ caseId: 'A', events: [paid('T1', 100)] }];
    expect(reconcilePayments([cb('T1', 'A', 100, CUTOFF), cb('T2', 'A', 5, '2026-12-02T00:00:01Z')], cases, CUTOFF)).toEqual([]);
  });
});
