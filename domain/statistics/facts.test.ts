import { describe, expect, it } from 'vitest';
import { actor, at, drive, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { penaltyProcedure } from '../procedures/penalty.js';
import { projectCase, withJudgements } from '../projection.js';
import { VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { caseFacts, caseViolationCode, type TFactSource } from './facts.js';
import { SUMMARY_ROWS, zeroTotals } from './table.js';

const step = (stepId: string, outcome: string, data: Record<string, unknown>, at: string, extra: Partial<TFactSource['completed'][number]> = {}) => ({
  stepId,
  outcome,
  data,
  by: 'kiemsoat.an',
  at,
  requestId: 'r',
  ...extra,
});
const sum = (facts: ReturnType<typeof caseFacts>, indicator: string) => facts.filter((f) => f.indicator === indicator).reduce((s, f) => s + f.amount, 0);

describe('what a case counts for in the statistics', () => {
  it('counts a penalty decision, its fine and confiscated goods on the decision date, and the payment on the day paid', () => {
    const facts = caseFacts({
      kind: 'PENALTY',
      status: 'CLOSED',
      openedAt: '2025-11-10T02:00:00Z',
      closedAt: '2025-12-20T03:00:00Z',
      completed: [
        step('B1', 'RECORDED', { acts: [{ violation: { code: 'ND98/2020:17.1.a' } }, { violation: { code: 'ND98/2020:11.2.b' } }] }, '2025-11-10T03:00:00Z'),
        // Decided on the 14th (the last day of the statistical month), recorded in INS on the 16th.
        step('B6', 'DECIDED', { decisionDate: '2025-11-14', fineAmount: 7_500_000, confiscatedValue: 2_000_000, sanction: 'FINE' }, '2025-11-16T02:00:00Z', { by: 'chicuctruong.hai' }),
        step('B9', 'PAID', { paidAmount: 7_650_000, paidDate: '2025-12-01', receiptNo: 'BL-1' }, '2025-12-02T02:00:00Z', { deadline: { due: '2025-12-05', dueAt: '2025-12-05T17:00:00Z' } }),
      ],
    });
    expect(facts.find((f) => f.indicator === 'FINES_IMPOSED')).toEqual({ indicator: 'FINES_IMPOSED', on: '2025-11-14', amount: 7_500_000, stepId: 'B6', officerId: 'chicuctruong.hai' });
    expect(facts.find((f) => f.indicator === 'VIOLATION_CASES')?.on).toBe('2025-11-14');
    expect(facts.find((f) => f.indicator === 'CONFISCATED_VALUE')).toMatchObject({ on: '2025-11-14', amount: 2_000_000 });
    expect(facts.find((f) => f.indicator === 'BUDGET_COLLECTED')).toMatchObject({ on: '2025-12-01', amount: 7_650_000, stepId: 'B9' });
    expect(facts.find((f) => f.indicator === 'STEPS_ON_TIME')).toMatchObject({ stepId: 'B9', on: '2025-12-02' });
    // Closed on 20/12 at 10:00 in Vietnam; 40 days after opening.
    expect(facts.filter((f) => f.indicator === 'CASES_CLOSED')).toEqual([{ indicator: 'CASES_CLOSED', on: '2025-12-20', amount: 1, stepId: null, officerId: null }]);
    expect(sum(facts, 'CYCLE_DAYS')).toBe(40);
    expect(caseViolationCode({ completed: [step('B1', 'RECORDED', { acts: [{ violation: { code: 'ND98/2020:17.1.a' } }] }, '2025-11-10T03:00:00Z')] })).toBe('ND98/2020:17.1.a');
  });

  it('counts a fine collected on the spot on the day collected, once (penalty version 18, docs/adr/0232)', () => {
    const facts = caseFacts({
      kind: 'PENALTY',
      status: 'OPEN',
      openedAt: '2026-10-05T02:00:00Z',
      completed: [
        step('B6', 'DECIDED', { decisionDate: '2026-10-05', fineAmount: 7_500_000, sanction: 'FINE' }, '2026-10-05T03:00:00Z'),
        step('B9', 'COLLECTED', { paidAmount: 7_500_000, paidDate: '2026-10-09', receiptNo: 'BL-0012345', collection: 'REMOTE_AREA' }, '2026-10-12T02:00:00Z'),
        step('B18', 'REMITTED', { remittedOn: '2026-10-12', remittanceNo: 'GNT-889' }, '2026-10-12T03:00:00Z'),
      ],
    });
    expect(facts.filter((f) => f.indicator === 'BUDGET_COLLECTED').map((f) => [f.on, f.amount, f.stepId])).toEqual([['2026-10-09', 7_500_000, 'B9']]);
  });

  it('counts payments reported by the treasury on their own days, and the system’s completion of B9 by them not again', () => {
    const facts = caseFacts({
      kind: 'PENALTY',
      status: 'OPEN',
      openedAt: '2025-11-10T02:00:00Z',
      completed: [
        step('B6', 'DECIDED', { decisionDate: '2025-11-20', fineAmount: 4_000_000 }, '2025-11-20T02:00:00Z'),
        step('B9', 'PAID', { paidAmount: 4_000_000, paidDate: '2025-12-16' }, '2025-12-16T02:00:00Z', { by: 'SYSTEM', requestId: 'payment:tx-2' }),
      ],
      events: [
        { id: 'PAYMENT_RECEIVED', at: '2025-12-10T02:00:00Z', key: 'tx-1', data: { amount: 1_500_000, paidAt: '2025-12-09T18:00:00Z' } },
        { id: 'PAYMENT_RECEIVED', at: '2025-12-16T02:00:00Z', key: 'tx-2', data: { amount: 2_500_000, paidAt: '2025-12-16T01:00:00Z' } },
      ],
    });
    const paid = facts.filter((f) => f.indicator === 'BUDGET_COLLECTED');
    // 18:00 UTC on the 9th is 01:00 on the 10th in Vietnam.
    expect(paid.map((f) => [f.on, f.amount])).toEqual([
      ['2025-12-10', 1_500_000],
      ['2025-12-16', 2_500_000],
    ]);
    expect(facts.some((f) => f.indicator === 'CASES_CLOSED')).toBe(false);
  });

  it('counts an officer’s PAID completion beyond the payments already reported', () => {
    const facts = caseFacts({
      kind: 'PENALTY_NO_RECORD',
      status: 'CLOSED',
      openedAt: '2025-11-10T02:00:00Z',
      closedAt: '2025-11-10T09:00:00Z',
      completed: [
        step('N1', 'DECIDED', { decisionDate: '2025-11-10', fineAmount: 500_000, violation: 'ND98/2020:17.1.a' }, '2025-11-10T02:00:00Z'),
        step('N2', 'PAID', { paidAmount: 500_000, paidDate: '2025-11-10' }, '2025-11-10T09:00:00Z'),
      ],
      events: [{ id: 'PAYMENT_RECEIVED', at: '2025-11-10T05:00:00Z', data: { amount: 200_000 } }],
    });
    expect(sum(facts, 'BUDGET_COLLECTED')).toBe(500_000);
    expect(sum(facts, 'VIOLATION_CASES')).toBe(1);
    // Closed the day it opened: counted, with no days.
    expect(sum(facts, 'CASES_CLOSED')).toBe(1);
    expect(sum(facts, 'CYCLE_DAYS')).toBe(0);
  });

  it('counts the fine paid on a file the criminal body returned (criminal referral version 7, docs/adr/0220)', () => {
    const facts = caseFacts({
      kind: 'CRIMINAL_REFERRAL',
      status: 'OPEN',
      openedAt: '2026-03-02T02:00:00Z',
      completed: [
        step('F5', 'RETURNED_AND_DECIDED', { decisionDate: '2026-03-12', sanction: 'FINE', fineAmount: 7_500_000 }, '2026-03-12T02:00:00Z'),
        step('F6', 'DELIVERED', { receivedDate: '2026-03-13' }, '2026-03-13T02:00:00Z'),
        step('F7', 'PAID', { paidAmount: 7_500_000, paidDate: '2026-04-02', receiptNo: 'BL-7' }, '2026-04-03T02:00:00Z'),
      ],
    });
    expect(facts.filter((f) => f.indicator === 'BUDGET_COLLECTED').map((f) => [f.on, f.amount])).toEqual([['2026-04-02', 7_500_000]]);
  });

  it('counts that fine paid at the end of its postponement (criminal referral version 8, docs/adr/0223)', () => {
    const facts = caseFacts({
      kind: 'CRIMINAL_REFERRAL',
      status: 'OPEN',
      openedAt: '2026-03-02T02:00:00Z',
      completed: [
        step('F5', 'RETURNED_AND_DECIDED', { decisionDate: '2026-03-12', sanction: 'FINE', fineAmount: 7_500_000 }, '2026-03-12T02:00:00Z'),
        step('F6', 'DELIVERED', { receivedDate: '2026-03-13' }, '2026-03-13T02:00:00Z'),
        step('F7', 'POSTPONEMENT_REQUESTED', {}, '2026-03-16T02:00:00Z'),
        step('F10', 'POSTPONED', { decisionDate: '2026-03-17', postponedUntil: '2026-06-17' }, '2026-03-17T02:00:00Z'),
        step('F12', 'PAID', { paidAmount: 7_500_000, paidDate: '2026-06-17', receiptNo: 'BL-8' }, '2026-06-18T02:00:00Z'),
      ],
    });
    expect(facts.filter((f) => f.indicator === 'BUDGET_COLLECTED').map((f) => [f.on, f.amount])).toEqual([['2026-06-17', 7_500_000]]);
  });

  it('counts an inspection on the day its decision was announced, a seizure’s goods, a referral, a coercion, a tip', () => {
    const insp = caseFacts({
      kind: 'INSPECTION',
      status: 'OPEN',
      openedAt: '2025-11-01T02:00:00Z',
      completed: [step('A5', 'ISSUED', { decisionDate: '2025-11-01' }, '2025-11-01T02:00:00Z'), step('A7', 'ANNOUNCED', { announcedAt: '2025-11-03' }, '2025-11-04T02:00:00Z')],
    });
    expect(insp.filter((f) => f.indicator === 'INSPECTIONS')).toEqual([{ indicator: 'INSPECTIONS', on: '2025-11-03', amount: 1, stepId: 'A7', officerId: 'kiemsoat.an' }]);
    const seizure = caseFacts({
      kind: 'SEIZURE',
      status: 'OPEN',
      openedAt: '2025-11-01T02:00:00Z',
      completed: [step('D6', 'CONFISCATED', { confiscatedValue: 30_000_000, destroyedValue: 12_000_000 }, '2025-11-20T20:00:00Z')],
    });
    // The goods D6 confiscates are its decision's, counted with it (docs/adr/0207); what it destroys counts here.
    expect(seizure.map((f) => [f.indicator, f.on, f.amount])).toEqual([['DESTROYED_VALUE', '2025-11-21', 12_000_000]]);
    expect(
      sum(caseFacts({ kind: 'CRIMINAL_REFERRAL', status: 'OPEN', openedAt: '2025-11-01T02:00:00Z', completed: [step('F1', 'TRANSFERRED', {}, '2025-11-02T02:00:00Z')] }), 'CRIMINAL_REFERRALS'),
    ).toBe(1);
    expect(
      sum(
        caseFacts({ kind: 'ENFORCEMENT', status: 'OPEN', openedAt: '2025-11-01T02:00:00Z', completed: [step('E3', 'ENFORCED', { collectedAmount: 9_000_000 }, '2025-11-02T02:00:00Z')] }),
        'BUDGET_COLLECTED',
      ),
    ).toBe(9_000_000);
    const tip = caseFacts({ kind: 'TIP', status: 'CLOSED', openedAt: '2025-11-01T02:00:00Z', closedAt: '2025-11-05T02:00:00Z', completed: [] });
    expect(tip.map((f) => [f.indicator, f.on])).toEqual([
      ['TIPS_RECEIVED', '2025-11-01'],
      ['TIPS_HANDLED', '2025-11-05'],
      ['CASES_CLOSED', '2025-11-05'],
      ['CYCLE_DAYS', '2025-11-05'],
    ]);
  });

  it('calls a step late only when completed after its deadline’s instant', () => {
    const at = (completedAt: string) =>
      caseFacts({
        kind: 'PENALTY',
        status: 'OPEN',
        openedAt: '2025-11-01T02:00:00Z',
        completed: [step('B8', 'DELIVERED', {}, completedAt, { deadline: { due: '2025-11-05', dueAt: '2025-11-05T17:00:00Z' } })],
      })[0]!.indicator;
    expect(at('2025-11-05T16:59:59Z')).toBe('STEPS_ON_TIME');
    expect(at('2025-11-05T17:00:00Z')).toBe('STEPS_ON_TIME');
    expect(at('2025-11-05T17:00:01Z')).toBe('STEPS_LATE');
  });

  it('leaves out what the law does not count: a referral returned without a decision, a decision without a fine', () => {
    const facts = caseFacts({
      kind: 'CRIMINAL_REFERRAL',
      status: 'CLOSED',
      openedAt: '2025-11-01T02:00:00Z',
      closedAt: '2025-11-01T03:00:00Z',
      completed: [step('F5', 'RETURNED_NOT_SANCTIONED', { fineAmount: 1_000_000 }, '2025-11-01T03:00:00Z')],
    });
    expect(facts.map((f) => f.indicator)).toEqual(['CASES_CLOSED']);
    const warned = caseFacts({
      kind: 'PENALTY_NO_RECORD',
      status: 'OPEN',
      openedAt: '2025-11-01T02:00:00Z',
      completed: [step('N1', 'WARNED', { decisionDate: '2025-11-01', sanction: 'WARNING' }, '2025-11-01T02:00:00Z')],
    });
    expect(warned.map((f) => f.indicator)).toEqual(['VIOLATION_CASES']);
  });
});

describe('the figures as the engine and the law have them (docs/adr/0207)', () => {
  const inspector = actor('INSPECTOR');
  const director = actor('DIRECTOR');
  const legal = actor('LEGAL_OFFICER');
  const catalogue = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];
  const record = {
    recordNo: '01/BB',
    recordedAt: '2026-11-10',
    place: 'Chợ Rồng',
    recorder: 'Trần An',
    violatorName: 'Lê Bình',
    offenderType: 'INDIVIDUAL',
    violationDate: '2026-11-09',
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND87/2024:14.1', description: 'Bày bán hàng không rõ nguồn gốc' }],
    violatorSigned: true,
  };
  const decision = (decisionDate: string, extra: Record<string, unknown> = {}) => ({ decisionNo: '15/QĐ-XPHC', decisionDate, signedBy: 'Phạm Hải', sanction: 'FINE', fineAmount: 7_500_000, ...extra });
  /** The case's facts as the projection derives them: from the snapshot `projectCase` makes of the engine's state. */
  const factsOf = (d: TDriver) => {
    const p = projectCase(d.def, d.state);
    return caseFacts({ kind: p.kind, status: p.status, openedAt: p.openedAt, closedAt: p.closedAt, completed: p.snapshot.completed, events: p.snapshot.events });
  };
  /** A penalty case recorded on 10/11/2026 whose decision (B6, due 19/11) is open. */
  const recorded = (now: string): TDriver => {
    const d = drive(penaltyProcedure(6), { now: at(now), catalogue });
    expect(d.complete(inspector, 'B1', 'RECORDED', record)).toBeUndefined();
    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
    expect(d.state.open.find((o) => o.stepId === 'B6')?.deadline?.due).toBe('2026-11-19');
    return d;
  };

  it('counts a decision dated by its deadline as on time, though entered after it, as the engine judged it', () => {
    // Signed on 19/11, the last day; entered in INS on 02/12.
    const d = recorded('2026-12-02');
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-19'))).toBeUndefined();
    const audit = d.state.pendingAudit.find((e) => e.action === 'STEP_COMPLETED' && e.stepId === 'B6')!;
    expect(audit.detail).toMatchObject({ late: false, documentDate: '2026-11-19' });
    expect(d.state.completed.find((c) => c.stepId === 'B6')).toMatchObject({ deadline: { due: '2026-11-19' }, late: false });
    const b6 = factsOf(d).filter((f) => f.stepId === 'B6');
    expect(b6.map((f) => [f.indicator, f.on])).toEqual([
      ['VIOLATION_CASES', '2026-11-19'],
      ['FINES_IMPOSED', '2026-11-19'],
      ['STEPS_ON_TIME', '2026-12-02'],
    ]);
    // A step the law judges on the moment of completion (the delivery, B8) is late when entered after its deadline's instant.
    expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-11-20' }, at('2026-12-03'))).toBeUndefined();
    expect(factsOf(d).find((f) => f.stepId === 'B8')?.indicator).toBe('STEPS_LATE');
  });

  it('judges a step completed before the engine recorded its judgement as the engine did, from the case’s definition', () => {
    const d = recorded('2026-12-02');
    d.complete(director, 'B6', 'DECIDED', decision('2026-11-19'));
    // A snapshot of a case from before: the completed step without `late`.
    d.state.completed = d.state.completed.map(({ late: _late, ...c }) => c);
    expect(withJudgements(d.def, d.state.completed).find((c) => c.stepId === 'B6')?.late).toBe(false);
    expect(factsOf(d).find((f) => f.stepId === 'B6' && f.indicator.startsWith('STEPS_'))?.indicator).toBe('STEPS_ON_TIME');
    // Read without its definition (a snapshot only), by the moment of completion, as before.
    const bare = caseFacts({ kind: 'PENALTY', status: 'OPEN', openedAt: d.state.startedAt, completed: d.state.completed });
    expect(bare.find((f) => f.stepId === 'B6' && f.indicator.startsWith('STEPS_'))?.indicator).toBe('STEPS_LATE');
  });

  /** Decided on 10/11, signs of a crime on 12/11: the decision suspended (B62) and the file sent to the criminal body (BF). */
  const referredAfterDecision = (): TDriver => {
    const d = recorded('2026-11-10');
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-10', { confiscatedValue: 2_000_000 }))).toBeUndefined();
    expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-11-10' })).toBeUndefined();
    expect(d.complete(legal, 'B9', 'CRIMINAL_SIGNS', {}, at('2026-11-12'))).toBeUndefined();
    expect(d.complete(director, 'B62', 'SUSPENDED', { suspensionNo: '1/QĐ-TĐC' })).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['BF']);
    return d;
  };

  it('counts a case decided again after its file came back from the criminal body once, by its last decision', () => {
    const d = referredAfterDecision();
    // While the file is with the criminal body the suspended decision still counts.
    expect(sum(factsOf(d), 'VIOLATION_CASES')).toBe(1);
    d.childClosed('BF', 'RETURNED_TO_CASE', { fileReceivedOn: '2026-11-20' }, at('2026-11-20'));
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-25'), at('2026-11-25'))).toBeUndefined();
    const facts = factsOf(d);
    expect(facts.filter((f) => ['VIOLATION_CASES', 'FINES_IMPOSED', 'CONFISCATED_VALUE'].includes(f.indicator)).map((f) => [f.indicator, f.on, f.amount])).toEqual([
      ['VIOLATION_CASES', '2026-11-25', 1],
      ['FINES_IMPOSED', '2026-11-25', 7_500_000],
    ]);
    // Both decisions were on time: each step keeps its own deadline fact.
    expect(facts.filter((f) => f.stepId === 'B6' && f.indicator === 'STEPS_ON_TIME')).toHaveLength(2);
  });

  it('counts no decision for a case whose decision the prosecution cancelled', () => {
    const d = referredAfterDecision();
    d.childClosed('BF', 'PROSECUTED', {}, at('2026-11-30'));
    expect(d.state.status).toBe('CLOSED');
    const facts = factsOf(d);
    for (const indicator of ['VIOLATION_CASES', 'FINES_IMPOSED', 'CONFISCATED_VALUE']) expect(sum(facts, indicator), indicator).toBe(0);
    expect(sum(facts, 'CASES_CLOSED')).toBe(1);
    // Version 1's referral decided in the referral case (F5, counted there) or not sanctioned: none here either.
    for (const outcome of ['RETURNED_AND_DECIDED', 'RETURNED_NOT_SANCTIONED']) {
      const v1 = caseFacts({
        kind: 'PENALTY',
        status: 'CLOSED',
        openedAt: '2025-11-01T02:00:00Z',
        closedAt: '2025-12-20T02:00:00Z',
        completed: [
          step('B6', 'DECIDED', { decisionDate: '2025-11-05', fineAmount: 3_000_000 }, '2025-11-05T02:00:00Z'),
          step('B62', 'SUSPENDED', { suspensionNo: '1' }, '2025-11-10T02:00:00Z'),
          step('BF', outcome, {}, '2025-12-20T02:00:00Z'),
        ],
      });
      expect(sum(v1, 'VIOLATION_CASES'), outcome).toBe(0);
    }
  });

  it('counts no decision for a file transferred at the decision step itself (penalty version 9), and the decision taken once it comes back', () => {
    const d = drive(penaltyProcedure(9), { now: at('2026-11-12'), catalogue });
    expect(d.complete(inspector, 'B1', 'RECORDED', record)).toBeUndefined();
    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
    expect(d.complete(director, 'B6', 'CRIMINAL_SIGNS', {})).toBeUndefined();
    for (const indicator of ['VIOLATION_CASES', 'FINES_IMPOSED']) expect(sum(factsOf(d), indicator), indicator).toBe(0);
    d.childClosed('BF', 'RETURNED_TO_CASE', { fileReceivedOn: '2026-11-20' }, at('2026-11-20'));
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-25'), at('2026-11-25'))).toBeUndefined();
    expect(
      factsOf(d)
        .filter((f) => ['VIOLATION_CASES', 'FINES_IMPOSED'].includes(f.indicator))
        .map((f) => [f.indicator, f.on, f.amount]),
    ).toEqual([
      ['VIOLATION_CASES', '2026-11-25', 1],
      ['FINES_IMPOSED', '2026-11-25', 7_500_000],
    ]);
  });

  it('counts goods confiscated once: with the decision that confiscates them, not again when the seizure hands them over', () => {
    const penalty = caseFacts({
      kind: 'PENALTY',
      status: 'OPEN',
      openedAt: '2025-11-01T02:00:00Z',
      completed: [step('B6', 'DECIDED', { decisionDate: '2025-11-14', fineAmount: 10_000_000, confiscatedValue: 3_000_000 }, '2025-11-14T02:00:00Z')],
    });
    // Its sibling seizure (the same inspection) carries the confiscation out and destroys other goods.
    const seizure = caseFacts({
      kind: 'SEIZURE',
      status: 'CLOSED',
      openedAt: '2025-11-01T02:00:00Z',
      closedAt: '2025-11-16T02:00:00Z',
      completed: [step('D6', 'CONFISCATED', { confiscatedValue: 3_000_000, destroyedValue: 1_000_000 }, '2025-11-16T02:00:00Z')],
    });
    const t = zeroTotals();
    for (const f of [...penalty, ...seizure]) t[f.indicator] += f.amount;
    const row = (code: string) => SUMMARY_ROWS.find((r) => r.code === code)!.value(t, 0);
    expect(row('CONFISCATED_VALUE')).toBe(3_000_000);
    expect(row('DESTROYED_VALUE')).toBe(1_000_000);
    expect(row('TOTAL_HANDLED')).toBe(14_000_000);
    // Unclaimed goods confiscated by the seizure's own decision (D8, Art. 126): no other decision counts them.
    const unclaimed = caseFacts({
      kind: 'SEIZURE',
      status: 'CLOSED',
      openedAt: '2025-11-01T02:00:00Z',
      closedAt: '2026-11-20T02:00:00Z',
      completed: [step('D8', 'CONFISCATED', { decisionNo: '9/QĐ-TT', confiscatedValue: 5_000_000 }, '2026-11-20T02:00:00Z')],
    });
    expect(unclaimed.filter((f) => f.indicator === 'CONFISCATED_VALUE').map((f) => [f.on, f.amount, f.stepId])).toEqual([['2026-11-20', 5_000_000, 'D8']]);
    // Goods returned to an owner who came forward within the year (seizure version 5): nothing confiscated, whatever the form held.
    const claimed = caseFacts({
      kind: 'SEIZURE',
      status: 'CLOSED',
      openedAt: '2025-11-01T02:00:00Z',
      closedAt: '2026-11-20T02:00:00Z',
      completed: [step('D8', 'CLAIMED', { claimedOn: '2026-11-19', confiscatedValue: 5_000_000 }, '2026-11-20T02:00:00Z')],
    });
    expect(claimed.filter((f) => f.indicator === 'CONFISCATED_VALUE')).toEqual([]);
  });
});
