/**
 * The sanction without a record, version 6 (docs/adr/0222), on the pure engine with the real
 * calendar: the on-the-spot decision may give longer than the law's 10 days to comply ("trường hợp
 * quyết định xử phạt có ghi thời hạn thi hành nhiều hơn 10 ngày thì thực hiện theo thời hạn đó",
 * Art. 73(1)), counted from its date (it is handed over on the spot). Version 5, which running
 * cases keep, had no such field: the payment's period was 10 days whatever the decision said.
 */
import { describe, expect, it } from 'vitest';
import { actor, at, drive, refusals, SEED_CALENDAR, shipped, type TDriver, TEST_CATALOGUE } from '../fixtures/case-driver.js';
import { noRecordDecision } from '../fixtures/penalty-case.js';

const inspector = actor('INSPECTOR');

// A fine of 400,000 ₫ decided on the spot on Monday 02/11/2026.
const DECIDED_ON = '2026-11-02';
const decision = (extra: Record<string, unknown> = {}) => noRecordDecision(DECIDED_ON, extra);
const THIRTY = SEED_CALENDAR.dueDate({ anchorDate: DECIDED_ON, amount: 30, unit: 'days', binds: 'PARTY' }).due;
const TEN = SEED_CALENDAR.dueDate({ anchorDate: DECIDED_ON, amount: 10, unit: 'days', binds: 'PARTY' }).due;

function decided(version: number, extra: Record<string, unknown>, now: string): TDriver {
  const d = drive(shipped('ins-penalty-no-record', version), { now: at(now), catalogue: TEST_CATALOGUE });
  expect(d.complete(inspector, 'N1', 'DECIDED', decision(extra))).toBeUndefined();
  return d;
}
const due = (d: TDriver) => d.state.open.find((o) => o.stepId === 'N2')?.deadline?.due;

describe('sanction without a record, version 6: the time to comply the decision gives (Art. 73(1))', () => {
  it('counts the 30 days the decision gives from its date; without them, or on version 5, the 10', () => {
    expect(due(decided(6, { complianceDays: 30 }, DECIDED_ON))).toBe(THIRTY);
    expect(due(decided(6, {}, DECIDED_ON))).toBe(TEN);
    expect(THIRTY > TEN).toBe(true);
    const v5 = drive(shipped('ins-penalty-no-record', 5), { now: at(DECIDED_ON), catalogue: TEST_CATALOGUE });
    expect(v5.complete(inspector, 'N1', 'DECIDED', decision({ complianceDays: 30 }))?.code).toBe('FORM_INVALID');
  });

  it('only lengthens the law’s 10 days, refused at its field', () => {
    const d = drive(shipped('ins-penalty-no-record', 6), { now: at(DECIDED_ON), catalogue: TEST_CATALOGUE });
    expect(refusals(d.complete(inspector, 'N1', 'DECIDED', decision({ complianceDays: 10 })))).toEqual(['COMPLIANCE_NOT_LONGER@complianceDays']);
  });

  it('takes the fine alone on the 20th day and refuses coercion before the 30 have run', () => {
    const paid = { receiptNo: 'BL-1', paidAmount: 400_000, paidDate: '2026-11-22' };
    expect(decided(6, { complianceDays: 30 }, '2026-11-22').complete(inspector, 'N2', 'PAID', paid)).toBeUndefined();
    // With the law's 10 days, ten days late: the surcharge is owed.
    expect(refusals(decided(6, {}, '2026-11-22').complete(inspector, 'N2', 'PAID', paid))).toEqual(['PAID_LESS_THAN_DUE@paidAmount']);
    expect(refusals(decided(6, { complianceDays: 30 }, '2026-11-22').complete(inspector, 'N2', 'NOT_COMPLIED', {}))).toEqual(['VOLUNTARY_PERIOD_RUNNING@']);
    const late = decided(6, { complianceDays: 30 }, '2026-12-03');
    expect(late.complete(inspector, 'N2', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(late.children.at(-1)).toMatchObject({ stepId: 'N3', facts: { complianceDueDate: THIRTY } });
  });
});
