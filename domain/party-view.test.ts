import { describe, expect, it } from 'vitest';
import { LEGAL_PARAMS_SEED } from './legal-params.js';
import { partyReceipts, partyView, type TPartySnapshot } from './party-view.js';
import { parseDefinition } from './procedure-validate.js';
import { penaltyProcedure } from './procedures/penalty.js';
import { VN_PROCEDURES } from './procedures/index.js';

const def = parseDefinition(penaltyProcedure(4));
const v3 = parseDefinition(penaltyProcedure(3));

/** A case decided with a fine of 400,000 on 2026-03-02, the decision received on 2026-03-03: pay by 2026-03-13. */
function decided(extra: Partial<TPartySnapshot> = {}): TPartySnapshot {
  return {
    status: 'OPEN',
    startedAt: '2026-02-25T02:00:00.000Z',
    completed: [
      {
        stepId: 'B1',
        outcome: 'RECORDED',
        at: '2026-02-25T03:00:00.000Z',
        data: { recordNo: '01/BB', recordedAt: '2026-02-25', recorder: 'Nguyễn Văn An', violatorName: 'Bà F', statements: 'internal words' },
      },
      {
        stepId: 'B6',
        outcome: 'DECIDED',
        // Done on 2 March; due 6 March: kept.
        at: '2026-03-02T03:00:00.000Z',
        deadline: { due: '2026-03-06', dueAt: '2026-03-06T17:00:00.000Z' },
        data: { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-03-02', signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000, amountReason: 'internal reasoning' },
      },
      { stepId: 'B8', outcome: 'DELIVERED', at: '2026-03-10T03:00:00.000Z', deadline: { due: '2026-03-04', dueAt: '2026-03-04T17:00:00.000Z' }, data: { receivedDate: '2026-03-03' } },
    ],
    open: [{ stepId: 'B9', deadline: { due: '2026-03-13', dueAt: '2026-03-13T17:00:00.000Z', breached: false, binds: 'PARTY' } }],
    events: [],
    ...extra,
  };
}

describe("the party's view of a penalty case", () => {
  it('lists each step with its deadline and whether it was kept, the party’s own period marked as such', () => {
    const v = partyView(def, decided(), LEGAL_PARAMS_SEED, '2026-03-05');
    expect(v.steps.map((s) => [s.title.en, s.state, s.on, s.due, s.kept, s.binds])).toEqual([
      ['Make the violation record', 'DONE', '2026-02-25', undefined, undefined, 'AGENCY'],
      ['Issue the penalty decision', 'DONE', '2026-03-02', '2026-03-06', true, 'AGENCY'],
      // Received on 3 March (entered on 10 March), due 4 March: kept — and the 10 days to pay count from 3 March.
      [expect.any(String), 'DONE', '2026-03-03', '2026-03-04', true, 'AGENCY'],
      ['Follow compliance and payment', 'OPEN', undefined, '2026-03-13', true, 'PARTY'],
    ]);
    expect(v.documents).toEqual([
      { kind: 'VIOLATION_RECORD', number: '01/BB', date: '2026-02-25' },
      { kind: 'PENALTY_DECISION', number: '15/QĐ-XPHC', date: '2026-03-02', signedBy: 'Hoàng Văn Hải' },
    ]);
  });

  it('dates the record, the delivery and the payment by their papers, not by the day they were entered', () => {
    const s = decided();
    s.completed = [
      ...s.completed.map((c) => (c.stepId === 'B1' ? { ...c, at: '2026-02-27T03:00:00.000Z' } : c)),
      {
        stepId: 'B9',
        outcome: 'PAID',
        at: '2026-03-12T03:00:00.000Z',
        deadline: { due: '2026-03-13', dueAt: '2026-03-13T17:00:00.000Z' },
        data: { paidDate: '2026-03-06', paidAmount: 400_000, receiptNo: 'BL-1' },
      },
    ];
    s.open = [];
    const v = partyView(def, s, LEGAL_PARAMS_SEED, '2026-03-12');
    expect(v.steps.map((x) => [x.title.en, x.on])).toEqual([
      ['Make the violation record', '2026-02-25'],
      ['Issue the penalty decision', '2026-03-02'],
      [expect.any(String), '2026-03-03'],
      ['Follow compliance and payment', '2026-03-06'],
    ]);
    // A step whose form states no date of its own (or several: the explanation's) shows the day it was entered.
    const b4 = { stepId: 'B4', outcome: 'EXPLAINED_IN_WRITING', at: '2026-02-27T03:00:00.000Z', data: { explainedOn: '2026-02-26', explanation: 'x' } };
    expect(partyView(def, { ...s, completed: [s.completed[0]!, b4] }, LEGAL_PARAMS_SEED, '2026-03-12').steps[1]!.on).toBe('2026-02-27');
  });

  it('judges a step the law dates by its document on that date, not on the day it was entered', () => {
    const late = decided();
    // The decision dated 2 March (due 6 March) was entered on 9 March: kept, done on 2 March.
    late.completed = late.completed.map((c) => (c.stepId === 'B6' ? { ...c, at: '2026-03-09T03:00:00.000Z' } : c));
    const v = partyView(def, late, LEGAL_PARAMS_SEED, '2026-03-10');
    expect(v.steps.find((s) => s.title.en === 'Issue the penalty decision')).toMatchObject({ on: '2026-03-02', due: '2026-03-06', kept: true });
    // Dated after its deadline: late, whenever entered.
    late.completed = late.completed.map((c) => (c.stepId === 'B6' ? { ...c, at: '2026-03-05T03:00:00.000Z', data: { ...c.data, decisionDate: '2026-03-07' } } : c));
    expect(partyView(def, late, LEGAL_PARAMS_SEED, '2026-03-10').steps.find((s) => s.title.en === 'Issue the penalty decision')).toMatchObject({ on: '2026-03-07', kept: false });
  });

  it('owes the fine by the due date, without a surcharge before it', () => {
    const v = partyView(def, decided(), LEGAL_PARAMS_SEED, '2026-03-13');
    expect(v.fine).toMatchObject({ amount: 400_000, dueDate: '2026-03-13', paid: 0, outstanding: 400_000, surcharge: { days: 0, amount: 0 }, toPay: 400_000, settled: false });
  });

  it('after a partial payment, owes the rest and 0.05 % a day on it from the day after the due date to the day before today', () => {
    const events = [{ id: 'PAYMENT_RECEIVED', at: '2026-03-10T02:00:00.000Z', data: { amount: 150_000 } }];
    const v = partyView(def, decided({ events }), LEGAL_PARAMS_SEED, '2026-03-24');
    // 14 to 23 March: 10 days × 0.05 % × 250,000 = 1,250.
    expect(v.fine).toMatchObject({
      paid: 150_000,
      outstanding: 250_000,
      payments: [{ on: '2026-03-10', amount: 150_000 }],
      surcharge: { days: 10, ratePerDay: 0.0005, amount: 1_250 },
      toPay: 251_250,
    });
  });

  it('shows what the case’s own version charges: version 3 counts the surcharge on the whole fine (docs/adr/0127)', () => {
    const events = [{ id: 'PAYMENT_RECEIVED', at: '2026-03-10T02:00:00.000Z', data: { amount: 150_000 } }];
    // 10 days × 0.05 % × 400,000 = 2,000.
    expect(partyView(v3, decided({ events }), LEGAL_PARAMS_SEED, '2026-03-24').fine).toMatchObject({ outstanding: 250_000, surcharge: { days: 10, amount: 2_000 }, toPay: 252_000 });
  });

  it('dates a payment by its paidAt, and after late payments of the whole fine owes the surcharge alone', () => {
    const events = [
      { id: 'PAYMENT_RECEIVED', at: '2026-03-25T01:00:00.000Z', data: { amount: 200_000, paidAt: '2026-03-09T20:00:00.000Z' } },
      { id: 'PAYMENT_RECEIVED', at: '2026-03-20T03:00:00.000Z', data: { amount: 200_000, paidAt: '2026-03-20T03:00:00.000Z' } },
    ];
    const v = partyView(def, decided({ events }), LEGAL_PARAMS_SEED, '2026-03-25');
    // The first was paid on 10 March, Vietnam time; 14 to 19 March on 200,000: 6 × 100 = 600.
    expect(v.fine).toMatchObject({ paid: 400_000, outstanding: 0, payments: [{ on: '2026-03-10' }, { on: '2026-03-20' }], surcharge: { amount: 600 }, toPay: 600, settled: false });
  });

  it('reads a fine collected on the spot as settled, its remittance into the Treasury still open (penalty version 18, docs/adr/0232)', () => {
    const collected = decided();
    const v = partyView(
      parseDefinition(penaltyProcedure(18)),
      {
        ...collected,
        open: [{ stepId: 'B18', deadline: { due: '2026-03-18', dueAt: '2026-03-18T17:00:00.000Z', breached: false } }],
        completed: [
          ...collected.completed,
          { stepId: 'B9', outcome: 'COLLECTED', at: '2026-03-11T12:00:00.000Z', data: { receiptNo: 'BL-1', paidAmount: 400_000, paidDate: '2026-03-11', collection: 'AFTER_HOURS' } },
        ],
      },
      LEGAL_PARAMS_SEED,
      '2026-03-12',
    );
    expect(v.fine).toMatchObject({ paid: 400_000, outstanding: 0, payments: [{ on: '2026-03-11', amount: 400_000 }], toPay: 0, settled: true });
  });

  it('reads a payment recorded by hand at B9 when no callback reported one, and a postponement moves the due date', () => {
    const paid = decided();
    const v = partyView(
      def,
      { ...paid, open: [], completed: [...paid.completed, { stepId: 'B9', outcome: 'PAID', at: '2026-03-12T03:00:00.000Z', data: { receiptNo: 'R1', paidAmount: 400_000, paidDate: '2026-03-11' } }] },
      LEGAL_PARAMS_SEED,
      '2026-04-01',
    );
    expect(v.fine).toMatchObject({ paid: 400_000, outstanding: 0, payments: [{ on: '2026-03-11', amount: 400_000 }], surcharge: { amount: 0 }, toPay: 0, settled: true });
    const postponed = decided();
    const underPostponement: TPartySnapshot = {
      ...postponed,
      completed: [
        ...postponed.completed,
        { stepId: 'B9', outcome: 'POSTPONEMENT_REQUESTED', at: '2026-03-11T03:00:00.000Z', data: {} },
        { stepId: 'B12', outcome: 'POSTPONED', at: '2026-03-12T03:00:00.000Z', data: { decisionNo: '3/QĐ-HT', decisionDate: '2026-03-12', postponedUntil: '2026-06-30' } },
      ],
      open: [{ stepId: 'B14', deadline: { due: '2026-06-30', dueAt: '2026-06-30T17:00:00.000Z', breached: false, binds: 'PARTY' } }],
    };
    const p = partyView(def, underPostponement, LEGAL_PARAMS_SEED, '2026-04-01');
    expect(p.fine).toMatchObject({ dueDate: '2026-06-30', postponedUntil: '2026-06-30', surcharge: { amount: 0 }, toPay: 400_000 });
    // After the postponement: 1 to 9 July on the whole fine, 9 × 200 = 1,800.
    const late = partyView(
      def,
      { ...underPostponement, open: [{ stepId: 'B14', deadline: { due: '2026-06-30', dueAt: '2026-06-30T17:00:00.000Z', breached: true } }] },
      LEGAL_PARAMS_SEED,
      '2026-07-10',
    );
    expect(late.fine).toMatchObject({ surcharge: { days: 9, amount: 1_800 }, toPay: 401_800 });
    expect(p.documents.map((d) => d.kind)).toContain('POSTPONEMENT_DECISION');
  });

  it('a refused postponement moves nothing: the party owes by the 10 days, not by the date it asked for', () => {
    const s = decided();
    const refused: TPartySnapshot = {
      ...s,
      completed: [
        ...s.completed,
        { stepId: 'B9', outcome: 'POSTPONEMENT_REQUESTED', at: '2026-03-11T03:00:00.000Z', data: {} },
        { stepId: 'B12', outcome: 'REFUSED', at: '2026-03-12T03:00:00.000Z', data: { postponedUntil: '2026-06-30' } },
      ],
      open: [{ stepId: 'B9', deadline: { due: '2026-03-13', dueAt: '2026-03-13T17:00:00.000Z', breached: true, binds: 'PARTY' } }],
    };
    const v = partyView(def, refused, LEGAL_PARAMS_SEED, '2026-04-01');
    expect(v.fine).toMatchObject({ dueDate: '2026-03-13', postponedUntil: undefined });
    expect(v.fine!.surcharge.amount).toBeGreaterThan(0);
    expect(v.documents.map((d) => d.kind)).not.toContain('POSTPONEMENT_DECISION');
  });

  it('says nothing of the officers, their reasoning or the other fields of the forms', () => {
    const json = JSON.stringify(partyView(def, decided(), LEGAL_PARAMS_SEED, '2026-03-05'));
    for (const secret of ['Nguyễn Văn An', 'internal words', 'internal reasoning', 'Bà F']) expect(json).not.toContain(secret);
  });

  it('has no fine block for a warning', () => {
    const s = decided();
    const warned = { ...s, completed: s.completed.map((c) => (c.stepId === 'B6' ? { ...c, data: { ...c.data, sanction: 'WARNING' } } : c)) };
    expect(partyView(def, warned, LEGAL_PARAMS_SEED, '2026-03-05').fine).toBeUndefined();
  });

  it('shows no decision for a decision step that transferred the file for signs of a crime (version 9), and the decision taken once it came back', () => {
    const v9 = parseDefinition(penaltyProcedure(9));
    const s = decided();
    const record = s.completed[0]!;
    const transfer = { stepId: 'B6', outcome: 'CRIMINAL_SIGNS', at: '2026-03-02T03:00:00.000Z', data: {} };
    const transferred = partyView(v9, { ...s, completed: [record, transfer], open: [{ stepId: 'BF' }] }, LEGAL_PARAMS_SEED, '2026-03-05');
    expect(transferred.documents.map((d) => d.kind)).toEqual(['VIOLATION_RECORD']);
    // The step is named by what it did, not "issue the penalty decision".
    expect(transferred.steps[1]).toMatchObject({ state: 'DONE', title: { vi: expect.stringMatching(/^Phát hiện dấu hiệu tội phạm khi ra quyết định/) } });
    expect(transferred.fine).toBeUndefined();
    const back = { stepId: 'BF', outcome: 'RETURNED_TO_CASE', at: '2026-03-20T03:00:00.000Z', data: { fileReceivedOn: '2026-03-20' } };
    const redecided = { ...s.completed[1]!, at: '2026-03-25T03:00:00.000Z', data: { ...s.completed[1]!.data, decisionNo: '21/QĐ-XPHC', decisionDate: '2026-03-25' } };
    const after = partyView(v9, { ...s, completed: [record, transfer, back, redecided], open: [] }, LEGAL_PARAMS_SEED, '2026-03-26');
    expect(after.documents.filter((d) => d.kind === 'PENALTY_DECISION')).toEqual([expect.objectContaining({ number: '21/QĐ-XPHC', date: '2026-03-25' })]);
    expect(after.fine).toBeDefined();
  });

  it('gives each reported payment as its receipt, with the decision it pays and whether the case recorded it', () => {
    const events = [{ id: 'PAYMENT_RECEIVED', at: '2026-03-10T02:00:00.000Z', data: { amount: 150_000, paidAt: '2026-03-10T02:00:00.000Z', transactionId: 'KB-1' } }];
    const snapshot = decided({ events });
    const view = partyView(def, snapshot, LEGAL_PARAMS_SEED, '2026-03-12');
    const r = partyReceipts(view, snapshot, '7KQ2-M9XD-4TW8', [
      { transactionId: 'KB-1', amount: 150_000, paidAt: '2026-03-10T02:00:00.000Z', channel: 'KHO_BAC', receiptNo: 'BL-2026-00000001' },
      { transactionId: 'KB-2', amount: 50_000, paidAt: '2026-03-11T18:00:00.000Z', channel: 'NPP' },
    ]);
    expect(r).toEqual({
      case: { lookupCode: '7KQ2-M9XD-4TW8', title: def.title, decisionNo: '15/QĐ-XPHC', decisionDate: '2026-03-02' },
      receipts: [
        { receiptNo: 'BL-2026-00000001', transactionId: 'KB-1', amount: 150_000, paidAt: '2026-03-10T02:00:00.000Z', paidOn: '2026-03-10', channel: 'KHO_BAC', recorded: true },
        // 18:00 UTC is 01:00 the next day in Vietnam; not (yet) in the case.
        { receiptNo: undefined, transactionId: 'KB-2', amount: 50_000, paidAt: '2026-03-11T18:00:00.000Z', paidOn: '2026-03-12', channel: 'NPP', recorded: false },
      ],
      fine: { amount: 400_000, paid: 150_000, toPay: 250_000, settled: false },
    });
  });
});

describe("the party's view of a file the criminal body returned (criminal referral version 7, docs/adr/0220)", () => {
  const referral = parseDefinition(structuredClone(VN_PROCEDURES.find((p) => p.id === 'ins-criminal-referral' && p.version === 7)!));
  const snapshot: TPartySnapshot = {
    status: 'OPEN',
    startedAt: '2026-03-02T02:00:00.000Z',
    completed: [
      { stepId: 'F1', outcome: 'TRANSFERRED', at: '2026-03-02T03:00:00.000Z', data: { transferDate: '2026-03-02' } },
      { stepId: 'F4', outcome: 'RETURNED', at: '2026-03-10T03:00:00.000Z', data: { fileReceivedOn: '2026-03-10' } },
      {
        stepId: 'F5',
        outcome: 'RETURNED_AND_DECIDED',
        at: '2026-03-12T03:00:00.000Z',
        data: { decisionNo: '21/QĐ-XPHC', decisionDate: '2026-03-12', signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000, complianceDays: 30 },
      },
      { stepId: 'F6', outcome: 'DELIVERED', at: '2026-03-13T03:00:00.000Z', data: { receivedDate: '2026-03-13' } },
    ],
    open: [{ stepId: 'F7', deadline: { due: '2026-04-13', dueAt: '2026-04-13T17:00:00.000Z', breached: false, binds: 'PARTY' } }],
    events: [],
  };

  it('shows the decision and the fine to pay by the end of the time it gave, without a surcharge before it', () => {
    const v = partyView(referral, snapshot, LEGAL_PARAMS_SEED, '2026-04-02');
    expect(v.documents).toEqual([{ kind: 'PENALTY_DECISION', number: '21/QĐ-XPHC', date: '2026-03-12', signedBy: 'Hoàng Văn Hải' }]);
    expect(v.fine).toMatchObject({ amount: 7_500_000, dueDate: '2026-04-13', paid: 0, outstanding: 7_500_000, toPay: 7_500_000, settled: false, surcharge: { amount: 0 } });
  });

  it('from version 8, shows the postponement granted on it and the fine due at its end (docs/adr/0223)', () => {
    const v8 = parseDefinition(structuredClone(VN_PROCEDURES.find((p) => p.id === 'ins-criminal-referral' && p.version === 8)!));
    const postponed: TPartySnapshot = {
      ...snapshot,
      completed: [
        ...snapshot.completed,
        { stepId: 'F7', outcome: 'POSTPONEMENT_REQUESTED', at: '2026-03-16T03:00:00.000Z', data: {} },
        { stepId: 'F10', outcome: 'POSTPONED', at: '2026-03-17T03:00:00.000Z', data: { decisionNo: '4/QĐ-HTHQĐ', decisionDate: '2026-03-17', postponedUntil: '2026-06-17' } },
      ],
      open: [{ stepId: 'F12', deadline: { due: '2026-06-17', dueAt: '2026-06-17T17:00:00.000Z', breached: false, binds: 'PARTY' } }],
    };
    const v = partyView(v8, postponed, LEGAL_PARAMS_SEED, '2026-05-02');
    expect(v.documents).toEqual([
      { kind: 'PENALTY_DECISION', number: '21/QĐ-XPHC', date: '2026-03-12', signedBy: 'Hoàng Văn Hải' },
      { kind: 'POSTPONEMENT_DECISION', number: '4/QĐ-HTHQĐ', date: '2026-03-17' },
    ]);
    // Past the 30 days the decision gave, but within the postponement: no surcharge.
    expect(v.fine).toMatchObject({ dueDate: '2026-06-17', postponedUntil: '2026-06-17', surcharge: { amount: 0 }, toPay: 7_500_000 });
  });
});
