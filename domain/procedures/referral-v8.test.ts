/**
 * The fine decided on a file the criminal body returned may be postponed (Art. 76) or paid in
 * instalments (Art. 79), as the penalty's is (criminal referral version 8, docs/adr/0223), on the
 * pure engine with the real calendar: the request held to the thresholds for the offender F5 names,
 * the decision granting it held to its limits and dated from F5's, the payment due on the day it
 * gives, coercion only after that day (Art. 86) and the execution limitation counted from the
 * postponement's end (Art. 74(1)). Version 7, which running cases keep, could not record either
 * request: the party who asked was coerced after the 10 days.
 */
import { describe, expect, it } from 'vitest';
import { actor, at, drive, refusals, shipped, type TDriver, TEST_CATALOGUE } from '../fixtures/case-driver.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

// Overpriced drinks sold on 20/02/2026 (5–10 million ₫ for an individual); counterfeit goods (20–40 million ₫); transferred on 02/03, back on 10/03.
const OVERPRICED = { violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' };
const COUNTERFEIT = { violation: 'ND98/2020:11.3', description: 'Buôn bán hàng giả' };
const transfer = { receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: 'BG-01', violatorNotified: true, transferDate: '2026-03-02' };
const fined = (act = OVERPRICED, fineAmount = 7_500_000) => ({
  decisionDate: '2026-03-12',
  signedBy: 'x',
  violatorName: 'Nguyễn Văn H',
  offenderType: 'INDIVIDUAL',
  violationDate: '2026-02-20',
  acts: [act],
  sanction: 'FINE',
  fineAmount,
});

/** F5 decided on Thursday 12/03/2026 and received on Friday 13/03: F7 open, due Monday 23/03. */
function delivered(version: number, decision = fined()): TDriver {
  const d = drive(shipped('ins-criminal-referral', version), { now: at('2026-03-12'), catalogue: TEST_CATALOGUE });
  expect(d.complete(director, 'F1', 'TRANSFERRED', transfer)).toBeUndefined();
  expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2026-03-10' })).toBeUndefined();
  expect(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', decision)).toBeUndefined();
  expect(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-03-13' }, at('2026-03-13'))).toBeUndefined();
  return d;
}
const open = (d: TDriver) => d.state.open.map((o) => o.stepId);
const dueOf = (d: TDriver, stepId: string) => d.state.open.find((o) => o.stepId === stepId)?.deadline?.due;
const outcomesOf = (version: number, stepId: string) =>
  shipped('ins-criminal-referral', version)
    .steps.find((s) => s.id === stepId)!
    .outcomes.map((o) => o.id);
const postponement = { decisionDate: '2026-03-17', signedBy: 'x', hardship: 'Hộ nghèo có xác nhận của UBND xã', postponedUntil: '2026-06-17' };
const instalments = { decisionDate: '2026-03-17', signedBy: 'x', instalments: 3, firstAmount: 12_000_000, lastDueDate: '2026-09-11' };

describe('criminal referral version 8: the fine on a returned file may be postponed or paid in instalments', () => {
  it('version 7 cannot record either request; version 8 can', () => {
    expect(outcomesOf(7, 'F7')).not.toContain('POSTPONEMENT_REQUESTED');
    expect(delivered(7).complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-03-16'))).toBeDefined();
    expect(outcomesOf(8, 'F7')).toEqual(expect.arrayContaining(['PAID', 'COMPLIED', 'NOT_COMPLIED', 'POSTPONEMENT_REQUESTED', 'INSTALMENTS_REQUESTED']));
  });

  it('postpones for at most 3 months from its own date, never dated before the fine; the payment is due at its end and coercion waits for it', () => {
    const d = delivered(8);
    expect(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-03-16'))).toBeUndefined();
    expect(open(d)).toEqual(['F10']);
    expect(refusals(d.complete(director, 'F10', 'POSTPONED', { ...postponement, decisionDate: '2026-03-11' }, at('2026-03-17')))).toContain('POSTPONEMENT_BEFORE_DECISION@decisionDate');
    expect(refusals(d.complete(director, 'F10', 'POSTPONED', { ...postponement, postponedUntil: '2026-06-18' }, at('2026-03-17')))).toEqual(['POSTPONEMENT_TOO_LONG@postponedUntil']);
    expect(refusals(d.complete(director, 'F10', 'POSTPONED', { ...postponement, hardship: undefined }, at('2026-03-17')))).toEqual(['HARDSHIP_MISSING@hardship']);
    expect(d.complete(director, 'F10', 'POSTPONED', postponement, at('2026-03-17'))).toBeUndefined();
    expect(open(d)).toEqual(['F12']);
    // The party's period ends on the postponement's last day, Wednesday 17/06/2026.
    expect(dueOf(d, 'F12')).toBe('2026-06-17');
    expect(d.state.open[0]!.deadline!.binds).toBe('PARTY');
    expect(refusals(d.complete(legal, 'F12', 'NOT_COMPLIED', {}, at('2026-06-17')))).toEqual(['VOLUNTARY_PERIOD_RUNNING@']);
    expect(d.complete(legal, 'F12', 'NOT_COMPLIED', {}, at('2026-06-18'))).toBeUndefined();
    expect(open(d)).toEqual(['F8']);
    // The execution limitation counts from the postponement's end (Art. 74(1)); coercion only after the last day to comply.
    expect(d.children.at(-1)).toMatchObject({
      stepId: 'F8',
      procedureId: 'ins-enforcement',
      facts: { decisionDate: '2026-03-12', executionFrom: '2026-06-17', fineAmount: 7_500_000, complianceDueDate: '2026-06-17' },
    });
  });

  it('takes the fine within the year from the postponement’s end, not the year from the decision', () => {
    const d = delivered(8);
    expect(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-03-16'))).toBeUndefined();
    expect(d.complete(director, 'F10', 'POSTPONED', postponement, at('2026-03-17'))).toBeUndefined();
    // More than a year after the decision, within a year of the postponement's end: not barred, but late (the surcharge is owed).
    expect(refusals(d.complete(legal, 'F12', 'PAID', { receiptNo: 'BL-1', paidAmount: 7_500_000, paidDate: '2027-04-01' }, at('2027-04-01')))).toEqual(['PAID_LESS_THAN_DUE@paidAmount']);
    expect(refusals(d.complete(legal, 'F12', 'PAID', { receiptNo: 'BL-1', paidAmount: 20_000_000, paidDate: '2027-06-18' }, at('2027-06-18')))).toContain('PAID_AFTER_EXECUTION_LIMITATION@paidDate');
    // Paid on the postponement's last day: the fine alone, and the file goes to archive.
    expect(d.complete(legal, 'F12', 'PAID', { receiptNo: 'BL-1', paidAmount: 7_500_000, paidDate: '2026-06-17' }, at('2026-06-17'))).toBeUndefined();
    expect(open(d)).toEqual(['F9']);
  });

  it('a refused postponement returns to the time to comply the decision gave', () => {
    const d = delivered(8);
    expect(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-03-16'))).toBeUndefined();
    // The date the party asked for is recorded with the refusal, as B12's is.
    expect(d.complete(director, 'F10', 'REFUSED', { postponedUntil: '2026-06-17' }, at('2026-03-17'))).toBeUndefined();
    expect(open(d)).toEqual(['F7']);
    expect(dueOf(d, 'F7')).toBe('2026-03-23');
  });

  it('grants instalments only from the threshold for the offender F5 names, at most 3, the first at least 40 %, within 6 months of F5', () => {
    expect(refusals(delivered(8).complete(legal, 'F7', 'INSTALMENTS_REQUESTED', {}, at('2026-03-16')))).toEqual(['INSTALMENT_THRESHOLD@']);
    const d = delivered(8, fined(COUNTERFEIT, 30_000_000));
    expect(d.complete(legal, 'F7', 'INSTALMENTS_REQUESTED', {}, at('2026-03-16'))).toBeUndefined();
    expect(open(d)).toEqual(['F11']);
    const grant = (over: Record<string, unknown>) => refusals(d.complete(director, 'F11', 'INSTALMENTS_GRANTED', { ...instalments, ...over }, at('2026-03-17')));
    expect(grant({ firstAmount: 11_999_999 })).toEqual(['FIRST_INSTALMENT_TOO_SMALL@firstAmount']);
    expect(grant({ instalments: 4 })).toEqual(['TOO_MANY_INSTALMENTS@instalments']);
    // Six months from F5's date, 12/03/2026.
    expect(grant({ lastDueDate: '2026-09-13' })).toEqual(['INSTALMENTS_TOO_LONG@lastDueDate']);
    expect(grant({ decisionDate: '2026-03-11' })).toEqual(['INSTALMENTS_BEFORE_DECISION@decisionDate']);
    expect(d.complete(director, 'F11', 'INSTALMENTS_GRANTED', instalments, at('2026-03-17'))).toBeUndefined();
    expect(dueOf(d, 'F12')).toBe('2026-09-11');
    expect(refusals(d.complete(legal, 'F12', 'PAID', { receiptNo: 'BL-3', paidAmount: 29_000_000, paidDate: '2026-09-10' }, at('2026-09-10')))).toEqual(['PAID_LESS_THAN_DUE@paidAmount']);
    expect(d.complete(legal, 'F12', 'PAID', { receiptNo: 'BL-3', paidAmount: 30_000_000, paidDate: '2026-09-10' }, at('2026-09-10'))).toBeUndefined();
    expect(open(d)).toEqual(['F9']);
  });

  it('asks for a fine to postpone: a decision of measures only has nothing to postpone', () => {
    const d = drive(shipped('ins-criminal-referral', 8), { now: at('2026-04-20'), catalogue: TEST_CATALOGUE });
    expect(d.complete(director, 'F1', 'TRANSFERRED', transfer)).toBeUndefined();
    expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2026-03-10' })).toBeUndefined();
    expect(d.complete(director, 'F5', 'MEASURES_ONLY', { decisionDate: '2026-04-20', signedBy: 'x', violationDate: '2026-02-20', acts: [OVERPRICED], measures: 'Tịch thu hàng hóa' })).toBeUndefined();
    expect(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-04-21' }, at('2026-04-21'))).toBeUndefined();
    expect(refusals(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-04-22')))).toContain('NOTHING_TO_PAY@');
    expect(refusals(d.complete(legal, 'F7', 'INSTALMENTS_REQUESTED', {}, at('2026-04-22')))).toContain('NOTHING_TO_PAY@');
  });
});
