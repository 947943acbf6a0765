import { describe, expect, it } from 'vitest';
import { caseFacts, caseViolationCode, type TFactSource } from './facts.js';

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
    expect(seizure.map((f) => [f.indicator, f.on, f.amount])).toEqual([
      ['CONFISCATED_VALUE', '2025-11-21', 30_000_000],
      ['DESTROYED_VALUE', '2025-11-21', 12_000_000],
    ]);
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
