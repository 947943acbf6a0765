import { describe, expect, it } from 'vitest';
import { LEGAL_PARAMS_SEED } from '../legal-params.js';
import { parseDefinition } from '../procedure-validate.js';
import { VN_PROCEDURES } from '../procedures/index.js';
import { paymentStatus, recordedPayments, settleByPayments } from './payments.js';
import { newCase, recordEvent } from './steps.js';
import { noTransition, type TCaseState } from './state.js';

const PENALTY = parseDefinition(VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === 4));
const PENALTY_V3 = parseDefinition(VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === 3));
const FINE = 7_500_000;
/** B9's period (10 days from delivery) ends on 2026-12-10, 24:00 Vietnam time. */
const DUE = '2026-12-10';

/** A penalty case at B9: a fine decided on 2026-11-30, delivered, its compliance period running. */
function atB9(fineAmount = FINE, def = PENALTY): TCaseState {
  const { state } = newCase(
    def,
    {
      caseId: 'penalty/u1/2026/0001',
      kind: 'PENALTY',
      procedure: { id: def.id, version: def.version },
      unitId: 'u1',
      teamId: 't1',
      title: 'x',
      startedBy: { userId: 'lead', roles: ['TEAM_LEAD'] },
      legalParams: [...LEGAL_PARAMS_SEED],
    },
    '2026-11-30T01:00:00Z',
  );
  const done = (stepId: string, outcome: string, data: Record<string, unknown>) => ({ stepId, outcome, data, evidence: [], by: 'u', role: 'R', at: '2026-11-30T02:00:00Z', requestId: stepId });
  state.completed.push(
    done('B6', 'DECIDED', { decisionNo: '15/QĐ', decisionDate: '2026-11-30', signedBy: 'x', sanction: 'FINE', fineAmount }),
    done('B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-11-30' }),
  );
  state.open = [
    {
      stepId: 'B9',
      openedAt: '2026-11-30T02:00:00Z',
      deadline: {
        amount: 10,
        unit: 'days',
        legalBasis: 'Art. 73',
        hard: false,
        anchorAt: '2026-11-30',
        due: DUE,
        dueAt: '2026-12-10T17:00:00.000Z',
        calendarVersion: 'seed',
        explanation: {},
        extensions: [],
        pauses: [],
        fired: [],
        breached: false,
      },
    },
  ];
  return state;
}

function pay(state: TCaseState, transactionId: string, amount: number, paidAt: string, def = PENALTY): string[] {
  const t = recordEvent(def, state, { id: 'PAYMENT_RECEIVED', key: transactionId, at: paidAt, data: { amount, paidAt, transactionId, channel: 'NPP' } }, paidAt);
  return settleByPayments(def, state, transactionId, paidAt, t);
}

describe('payments complete the compliance step', () => {
  it('half the fine in time leaves B9 open; the rest completes it with PAID as the system', () => {
    const state = atB9();
    expect(pay(state, 'T1', FINE / 2, '2026-12-02T03:00:00Z')).toEqual([]);
    expect(state.open.map((o) => o.stepId)).toEqual(['B9']);
    expect(paymentStatus(PENALTY, state, '2026-12-02T04:00:00Z')).toMatchObject({ stepId: 'B9', paid: FINE / 2, due: FINE, outstanding: FINE / 2, settled: false });
    expect(pay(state, 'T2', FINE / 2, '2026-12-05T03:00:00Z')).toEqual(['B9']);
    const b9 = state.completed.at(-1)!;
    expect(b9).toMatchObject({ stepId: 'B9', outcome: 'PAID', by: 'system', role: 'SYSTEM', requestId: 'payment:T2', data: { receiptNo: 'T2', paidAmount: FINE, paidDate: '2026-12-05' } });
    expect(state.open.map((o) => o.stepId)).toEqual(['B17']);
    expect(paymentStatus(PENALTY, state, '2026-12-05T04:00:00Z')).toMatchObject({ stepId: 'B9', paid: FINE, outstanding: 0, settled: true });
  });

  it('late: the fine alone is not enough; the surcharge of 0.05 %/day to the last payment is owed', () => {
    const state = atB9();
    // Paid on 2026-12-21 (Vietnam): 10 days late (12-11 … 12-20) → 7,500,000 × 0.0005 × 10 = 37,500.
    expect(pay(state, 'T1', FINE / 2, '2026-12-21T03:00:00Z')).toEqual([]);
    expect(paymentStatus(PENALTY, state, '2026-12-21T04:00:00Z')).toMatchObject({ paid: FINE / 2, due: FINE + 37_500, outstanding: FINE / 2 + 37_500 });
    expect(pay(state, 'T2', FINE / 2, '2026-12-21T05:00:00Z')).toEqual([]);
    expect(state.open.map((o) => o.stepId)).toEqual(['B9']);
    expect(pay(state, 'T3', 37_500, '2026-12-21T06:00:00Z')).toEqual(['B9']);
    expect(state.completed.at(-1)).toMatchObject({ outcome: 'PAID', data: { paidAmount: FINE + 37_500, paidDate: '2026-12-21' } });
  });

  it('a payment dated before the decision, or to a case that imposes no fine, completes nothing', () => {
    const early = atB9();
    expect(pay(early, 'T1', FINE, '2026-11-20T03:00:00Z')).toEqual([]);
    const none = atB9();
    none.completed[0]!.data.sanction = 'WARNING';
    expect(pay(none, 'T1', FINE, '2026-12-02T03:00:00Z')).toEqual([]);
    expect(none.open.map((o) => o.stepId)).toEqual(['B9']);
  });

  it('before the case reaches B9 a payment is recorded but owes nothing yet; other events are not payments', () => {
    const state = atB9();
    state.open = [];
    state.completed.splice(1);
    expect(settleByPayments(PENALTY, state, 'x', '2026-12-01T00:00:00Z', noTransition())).toEqual([]);
    expect(pay(state, 'T1', 1_000, '2026-12-01T00:00:00Z')).toEqual([]);
    state.events.push({ id: 'GOODS_RETURNED', at: '2026-12-01T00:00:00Z', key: 'g', data: { amount: 5 } }, { id: 'PAYMENT_RECEIVED', at: '2026-12-01T00:00:00Z', key: 'bad', data: { amount: 1.5 } });
    expect(recordedPayments(state)).toEqual([{ transactionId: 'T1', amount: 1_000, paidAt: '2026-12-01T00:00:00Z' }]);
    expect(paymentStatus(PENALTY, state, '2026-12-01T00:00:00Z')).toEqual({ stepId: undefined, paid: 1_000, payments: 1, settled: false });
  });
});

describe('the surcharge each version of the penalty charges (docs/adr/0127)', () => {
  it('version 4: half paid in time and the rest 10 days late owes 0.05 %/day on the unpaid half only, and completes B9 with it', () => {
    expect(PENALTY.version).toBe(4);
    const state = atB9();
    expect(pay(state, 'T1', FINE / 2, '2026-12-02T03:00:00Z')).toEqual([]);
    // 11 to 20 December on 3,750,000: 10 × 0.0005 × 3,750,000 = 18,750.
    expect(paymentStatus(PENALTY, state, '2026-12-21T04:00:00Z')).toMatchObject({ paid: FINE / 2, outstanding: FINE / 2 });
    expect(pay(state, 'T2', FINE / 2, '2026-12-21T03:00:00Z')).toEqual([]);
    expect(paymentStatus(PENALTY, state, '2026-12-21T04:00:00Z')).toMatchObject({ paid: FINE, due: FINE + 18_750, outstanding: 18_750, settled: false });
    expect(pay(state, 'T3', 18_750, '2026-12-21T05:00:00Z')).toEqual(['B9']);
    expect(state.completed.at(-1)).toMatchObject({ outcome: 'PAID', data: { paidAmount: FINE + 18_750, paidDate: '2026-12-21' } });
  });

  it('version 3 (cases that run on it keep it): the same payments owe the surcharge on the whole fine to the last payment', () => {
    const state = atB9(FINE, PENALTY_V3);
    pay(state, 'T1', FINE / 2, '2026-12-02T03:00:00Z', PENALTY_V3);
    expect(pay(state, 'T2', FINE / 2, '2026-12-21T03:00:00Z', PENALTY_V3)).toEqual([]);
    expect(paymentStatus(PENALTY_V3, state, '2026-12-21T04:00:00Z')).toMatchObject({ paid: FINE, due: FINE + 37_500, outstanding: 37_500 });
    expect(pay(state, 'T3', 18_750, '2026-12-21T05:00:00Z', PENALTY_V3)).toEqual([]);
    expect(pay(state, 'T4', 18_750, '2026-12-21T06:00:00Z', PENALTY_V3)).toEqual(['B9']);
  });

  it('version 4: a single late payment owes what version 3 owes (the rules agree on one payment)', () => {
    for (const def of [PENALTY, PENALTY_V3]) {
      const state = atB9(FINE, def);
      expect(pay(state, 'T1', FINE + 37_499, '2026-12-21T03:00:00Z', def)).toEqual([]);
      expect(paymentStatus(def, state, '2026-12-21T04:00:00Z')).toMatchObject({ due: FINE + 37_500, outstanding: 1 });
    }
  });
});
