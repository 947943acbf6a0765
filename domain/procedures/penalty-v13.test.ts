/**
 * The penalty procedure's version 13 (docs/adr/0217), on the pure engine with the real calendar:
 * the decision may give the party longer than the law's 10 days to comply ("trường hợp quyết định
 * xử phạt có ghi thời hạn thi hành nhiều hơn 10 ngày thì thực hiện theo thời hạn đó", Art. 73(1)).
 * Version 12, which running cases keep, counted 10 days whatever the decision said: a fine paid on
 * the 20th of 30 days was charged the late surcharge, and coercion could be decided on the 11th.
 */
import { describe, expect, it } from 'vitest';
import { actor, at, drive, refusals, SEED_CALENDAR, type TDriver, TEST_CATALOGUE } from '../fixtures/case-driver.js';
import { penaltyProcedure } from './penalty.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

/** Recorded on 01/10/2026, decided on 05/10/2026 with 30 days to comply, received on 06/10/2026. */
const RECEIVED = '2026-10-06';
const THIRTY_DAYS = SEED_CALENDAR.dueDate({ anchorDate: RECEIVED, amount: 30, unit: 'days', binds: 'PARTY' }).due;
const TEN_DAYS = SEED_CALENDAR.dueDate({ anchorDate: RECEIVED, amount: 10, unit: 'days', binds: 'PARTY' }).due;

const record = {
  recordNo: '51/BB',
  recordedAt: '2026-10-01',
  place: 'Tại cơ sở',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Hộ kinh doanh Trần Văn G',
  offenderType: 'INDIVIDUAL',
  violationDate: '2026-09-30',
  ongoing: false,
  violationPlace: 'Hoa Lư',
  acts: [{ violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' }],
  violatorSigned: true,
};
const decision = (extra: Record<string, unknown> = {}) => ({ decisionNo: '60/QĐ-XPHC', decisionDate: '2026-10-05', signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000, ...extra });

function atDecision(version: number, now: string): TDriver {
  const d = drive(penaltyProcedure(version), { now: at(now), catalogue: TEST_CATALOGUE });
  expect(d.complete(inspector, 'B1', 'RECORDED', record)).toBeUndefined();
  expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
  return d;
}

/** Decided with `days` to comply (none: the law's 10; version 12 has no such field), delivered the next day. */
function delivered(version: number, now: string, days: number | null = 30): TDriver {
  const d = atDecision(version, now);
  expect(d.complete(director, 'B6', 'DECIDED', decision(version >= 13 && days !== null ? { complianceDays: days } : {}))).toBeUndefined();
  expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: RECEIVED })).toBeUndefined();
  return d;
}
const due = (d: TDriver, stepId: string) => d.state.open.find((o) => o.stepId === stepId)?.deadline?.due;

describe('penalty version 13: the time to comply the decision gives (Art. 73(1))', () => {
  it('counts the payment’s period as the decision gave it, from the receipt; without one, or on version 12, the 10 days', () => {
    expect(due(delivered(13, '2026-10-07'), 'B9')).toBe(THIRTY_DAYS);
    expect(due(delivered(13, '2026-10-07', null), 'B9')).toBe(TEN_DAYS);
    expect(due(delivered(12, '2026-10-07'), 'B9')).toBe(TEN_DAYS);
    expect(THIRTY_DAYS > TEN_DAYS).toBe(true);
  });

  it('only lengthens the law’s 10 days: 10 or fewer is refused at its field, citing the article', () => {
    for (const days of [10, 7]) {
      const r = atDecision(13, '2026-10-07').complete(director, 'B6', 'DECIDED', decision({ complianceDays: days }));
      expect([days, refusals(r), r?.legalBasis]).toEqual([days, ['COMPLIANCE_NOT_LONGER@complianceDays'], expect.stringMatching(/Điều 73\(1\)/)]);
    }
  });

  it('takes the fine without a surcharge on the 20th day; version 12 asked for ten days of it', () => {
    const paid = { receiptNo: 'BL-1', paidAmount: 7_500_000, paidDate: '2026-10-26' };
    expect(delivered(13, '2026-10-27').complete(legal, 'B9', 'PAID', paid)).toBeUndefined();
    expect(refusals(delivered(12, '2026-10-27').complete(legal, 'B9', 'PAID', paid))).toEqual(['PAID_LESS_THAN_DUE@paidAmount']);
  });

  it('coerces only once the 30 days have run, and hands the enforcement their last day', () => {
    expect(refusals(delivered(13, '2026-10-27').complete(legal, 'B9', 'NOT_COMPLIED', {}))).toEqual(['VOLUNTARY_PERIOD_RUNNING@']);
    expect(delivered(12, '2026-10-27').complete(legal, 'B9', 'NOT_COMPLIED', {})).toBeUndefined();
    const after = delivered(13, '2026-11-10');
    expect(after.complete(legal, 'B9', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(after.children.at(-1)).toMatchObject({ stepId: 'B15', facts: { complianceDueDate: THIRTY_DAYS } });
  });
});
