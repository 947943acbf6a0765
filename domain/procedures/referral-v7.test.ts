/**
 * The decision on a file the criminal body returned is followed to its end (criminal referral
 * version 7, docs/adr/0220), on the pure engine with the real calendar: delivered (Art. 70),
 * complied with in the 10 days from its receipt or the longer time it gives (Art. 73(1)), paid in
 * full with the late surcharge (Art. 78) within the execution limitation (Art. 74), coerced only
 * once the voluntary period has run (Art. 86), then archived, closing the case as the outcome the
 * referring inspection waits for. Version 6, which running cases keep, closed the case at the
 * decision: a fine decided on a returned file was never collected.
 */
import { describe, expect, it } from 'vitest';
import { VN_PROCEDURES } from './index.js';
import { actor, at, drive, refusals, shipped, type TDriver, TEST_CATALOGUE } from '../fixtures/case-driver.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

// Overpriced drinks sold on 20/02/2026 (ND87/2024:14.1: 5–10 million ₫ for an individual); transferred on 02/03, back on 10/03.
const transfer = { receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: 'BG-01', violatorNotified: true, transferDate: '2026-03-02' };
const ACT = { violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' };
const fined = (overrides: Record<string, unknown> = {}) => ({
  decisionDate: '2026-03-12',
  signedBy: 'x',
  violatorName: 'Nguyễn Văn H',
  offenderType: 'INDIVIDUAL',
  violationDate: '2026-02-20',
  acts: [ACT],
  sanction: 'FINE',
  fineAmount: 7_500_000,
  ...overrides,
});

/** The file back on 10/03/2026, F5 open. */
function returned(version: number): TDriver {
  const d = drive(shipped('ins-criminal-referral', version), { now: at('2026-03-12'), catalogue: TEST_CATALOGUE });
  expect(d.complete(director, 'F1', 'TRANSFERRED', transfer)).toBeUndefined();
  expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2026-03-10' })).toBeUndefined();
  return d;
}
function decided(version: number, data: Record<string, unknown> = fined(), outcome = 'RETURNED_AND_DECIDED', now = at('2026-03-12')): TDriver {
  const d = returned(version);
  expect(d.complete(director, 'F5', outcome, data, now)).toBeUndefined();
  return d;
}
const open = (d: TDriver) => d.state.open.map((o) => o.stepId);
const dueOf = (d: TDriver, stepId: string) => d.state.open.find((o) => o.stepId === stepId)?.deadline?.due;
const paid = (paidDate: string, paidAmount = 7_500_000, more: Record<string, unknown> = {}) => ({ receiptNo: 'BL-01', paidAmount, paidDate, ...more });

describe('criminal referral version 7: the decision on a returned file is delivered, paid or coerced, and archived', () => {
  it('version 6 closed the case at the fine; version 7 delivers it within 2 working days of its date', () => {
    const v6 = decided(6);
    expect(v6.state.status).toBe('CLOSED');
    const d = decided(7);
    expect(d.state.status).toBe('OPEN');
    expect(open(d)).toEqual(['F6']);
    // Thursday 12/03/2026 + 2 working days.
    expect(dueOf(d, 'F6')).toBe('2026-03-16');
    expect(refusals(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-03-11' }, at('2026-03-13')))).toEqual(['DELIVERY_BEFORE_DECISION@receivedDate']);
    expect(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-03-13' }, at('2026-03-13'))).toBeUndefined();
    // 10 days from the receipt (Art. 73(1)); the party's period.
    expect(dueOf(d, 'F7')).toBe('2026-03-23');
  });

  it('counts the longer time the decision gives, never a shorter one, and takes the fine paid within it without surcharge', () => {
    expect(refusals(returned(7).complete(director, 'F5', 'RETURNED_AND_DECIDED', fined({ complianceDays: 10 })))).toEqual(['COMPLIANCE_NOT_LONGER@complianceDays']);
    // Version 6 has no such field: the form refuses it.
    expect(returned(6).complete(director, 'F5', 'RETURNED_AND_DECIDED', fined({ complianceDays: 30 }))).toMatchObject({ code: 'FORM_INVALID' });
    const d = decided(7, fined({ complianceDays: 30 }));
    expect(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-03-13' }, at('2026-03-13'))).toBeUndefined();
    // 30 days from Friday 13/03/2026 is Sunday 12/04: the period ends on the next working day (Civil Code Art. 148).
    expect(dueOf(d, 'F7')).toBe('2026-04-13');
    // Paid on the 20th of the 30 days: the fine alone.
    expect(d.complete(legal, 'F7', 'PAID', paid('2026-04-02'), at('2026-04-02'))).toBeUndefined();
    expect(open(d)).toEqual(['F9']);
  });

  it('charges the surcharge after the period, refuses coercion before it ends and a payment after the execution limitation', () => {
    const d = decided(7);
    expect(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-03-13' }, at('2026-03-13'))).toBeUndefined();
    // Ten days late: 0.05 % a day of 7,500,000 ₫ is 3,750 ₫ a day.
    expect(refusals(d.complete(legal, 'F7', 'PAID', paid('2026-04-02'), at('2026-04-02')))).toEqual(['PAID_LESS_THAN_DUE@paidAmount']);
    expect(refusals(d.complete(legal, 'F7', 'COMPLIED', {}, at('2026-03-20')))).toEqual(['FINE_UNPAID@']);
    expect(refusals(d.complete(legal, 'F7', 'NOT_COMPLIED', {}, at('2026-03-20')))).toEqual(['VOLUNTARY_PERIOD_RUNNING@']);
    expect(refusals(d.complete(legal, 'F7', 'PAID', paid('2027-03-20', 9_000_000), at('2027-03-20')))).toContain('PAID_AFTER_EXECUTION_LIMITATION@paidDate');
    expect(d.complete(legal, 'F7', 'NOT_COMPLIED', {}, at('2026-03-24'))).toBeUndefined();
    expect(open(d)).toEqual(['F8']);
    expect(d.children.at(-1)).toMatchObject({ stepId: 'F8', procedureId: 'ins-enforcement', facts: { decisionDate: '2026-03-12', fineAmount: 7_500_000, complianceDueDate: '2026-03-23' } });
    d.childClosed('F8', 'ENFORCED', {}, at('2026-05-04'));
    expect(open(d)).toEqual(['F9']);
  });

  it('archives the file only with the national database updated, closing as the referring inspection waits for', () => {
    const d = decided(7, { decisionDate: '2026-04-20', signedBy: 'x', violationDate: '2026-02-20', acts: [ACT], measures: 'Tịch thu hàng hóa' }, 'MEASURES_ONLY', at('2026-04-20'));
    expect(open(d)).toEqual(['F6']);
    expect(d.complete(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2026-04-21' }, at('2026-04-21'))).toBeUndefined();
    expect(refusals(d.complete(legal, 'F7', 'PAID', paid('2026-04-22'), at('2026-04-22')))).toContain('NOTHING_TO_PAY@');
    expect(d.complete(legal, 'F7', 'COMPLIED', {}, at('2026-04-22'))).toBeUndefined();
    expect(refusals(d.complete(legal, 'F9', 'RETURNED_AND_DECIDED', { nationalDbUpdated: false, archiveNo: 'LT-01' }, at('2026-04-22')))).toEqual(['NATIONAL_DB_NOT_UPDATED@nationalDbUpdated']);
    expect(d.complete(legal, 'F9', 'RETURNED_AND_DECIDED', { nationalDbUpdated: true, archiveNo: 'LT-01' }, at('2026-04-22'))).toBeUndefined();
    expect(d.state.status).toBe('CLOSED');
    expect(d.state.closeOutcome).toBe('RETURNED_AND_DECIDED');
    // The inspection that referred the file completes its step with that outcome (not the first, "prosecuted").
    const inspection = VN_PROCEDURES.filter((p) => p.id === 'ins-inspection').sort((a, b) => b.version - a.version)[0]!;
    expect(inspection.steps.find((s) => s.id === 'A10C')!.outcomes.map((o) => o.id)).toContain('RETURNED_AND_DECIDED');
  });
});
