/**
 * A fine collected on the spot, and paid into the Treasury within its days (penalty version 18,
 * docs/adr/0232), on the pure engine with the real calendar. Art. 78(1): the fine is paid at the
 * State Treasury or into its account; only in remote, border or mountain areas where travel is hard
 * (78(2)), or when sanctioning at sea or outside office hours (78(3)), may it be paid to the person
 * competent to sanction, who pays it into the Treasury within 7 days of collecting it (78(2)), or
 * within 2 working days of coming ashore or of collecting it (78(3)). Version 17, which running
 * cases keep, records a payment at the Treasury only. The sanction without a record, version 7,
 * does the same at N2 and N4; a returned file's fine, criminal referral version 12, at F7 and F13.
 */
import { describe, expect, it } from 'vitest';
import { paymentStatus } from '../engine/payments.js';
import { at, drive, refusals, SEED_CALENDAR, shipped, TEST_CATALOGUE } from '../fixtures/case-driver.js';
import { deliveredPenalty, dueDay, inspector, legal, noRecordDecision, openSteps, returnedFile } from '../fixtures/penalty-case.js';

/** Collected on Friday 09/10/2026 against the receipt given on the spot: the 7.5 million ₫ fine, within the 10 days. */
const COLLECTED_ON = '2026-10-09';
const receipt = { receiptNo: 'BL-0012345', paidAmount: 7_500_000, paidDate: COLLECTED_ON };

describe('penalty version 18: the fine collected on the spot, only where Art. 78 allows it', () => {
  it('is refused without the case that allows it, and with less than the fine; version 17 has no such outcome', () => {
    const d = deliveredPenalty(18);
    d.setNow(at(COLLECTED_ON));
    const none = d.complete(legal, 'B9', 'COLLECTED', receipt);
    expect(refusals(none)).toEqual(['COLLECTION_NOT_ALLOWED@collection']);
    expect(none?.legalBasis).toMatch(/Điều 78\(1\)–\(3\)/);
    expect(refusals(d.complete(legal, 'B9', 'COLLECTED', { ...receipt, collection: 'REMOTE_AREA', paidAmount: 7_000_000 }))).toEqual(['PAID_LESS_THAN_DUE@paidAmount']);
    expect(d.complete(legal, 'B9', 'COLLECTED', { ...receipt, collection: 'ON_THE_ROAD' })?.code).toBe('FORM_INVALID');
    expect(openSteps(d)).toEqual(['B9']);

    const v17 = deliveredPenalty(17);
    v17.setNow(at(COLLECTED_ON));
    expect(v17.complete(legal, 'B9', 'COLLECTED', { ...receipt, collection: 'REMOTE_AREA' })?.code).toBe('OUTCOME_UNKNOWN');
  });

  it('in a remote area: settles the fine, and gives the agency 7 days from the collection to pay it into the Treasury', () => {
    const d = deliveredPenalty(18);
    d.setNow(at(COLLECTED_ON));
    expect(d.complete(legal, 'B9', 'COLLECTED', { ...receipt, collection: 'REMOTE_AREA' })).toBeUndefined();
    expect(openSteps(d)).toEqual(['B18']);
    // Friday 09/10 + 7 days: Friday 16/10.
    expect(dueDay(d, 'B18')).toBe('2026-10-16');
    const deadline = d.state.open.find((o) => o.stepId === 'B18')!.deadline!;
    expect([deadline.hard, deadline.binds ?? 'AGENCY', deadline.legalBasis]).toEqual([false, 'AGENCY', expect.stringMatching(/Điều 78\(2\): không quá 07 ngày kể từ ngày thu tiền phạt/)]);
    // The party owes nothing more: the fine is settled on the spot.
    expect(paymentStatus(d.def, d.state, at(COLLECTED_ON))).toMatchObject({ settled: true, outstanding: 0 });
  });

  it('at sea: needs the day ashore, not before the collection, and counts 2 working days from it', () => {
    const d = deliveredPenalty(18);
    d.setNow(at(COLLECTED_ON));
    const atSea = { ...receipt, paidDate: '2026-10-08', collection: 'AT_SEA' };
    expect(refusals(d.complete(legal, 'B9', 'COLLECTED', atSea))).toEqual(['ASHORE_MISSING@ashoreOn']);
    expect(refusals(d.complete(legal, 'B9', 'COLLECTED', { ...atSea, ashoreOn: '2026-10-07' }))).toEqual(['ASHORE_BEFORE_COLLECTED@ashoreOn']);
    expect(d.complete(legal, 'B9', 'COLLECTED', { ...atSea, ashoreOn: COLLECTED_ON })).toBeUndefined();
    // Ashore on Friday 09/10: Monday 12/10 and Tuesday 13/10 are the 2 working days.
    expect(dueDay(d, 'B18')).toBe('2026-10-13');
    expect(dueDay(d, 'B18')).toBe(SEED_CALENDAR.dueDate({ anchorDate: COLLECTED_ON, amount: 2, unit: 'working_days' }).due);
  });

  it('outside office hours: 2 working days from the collection, over a public holiday', () => {
    const d = deliveredPenalty(18);
    // Collected on the evening of Wednesday 30/12/2026, late, with the surcharge; Friday 01/01/2027 is New Year's Day.
    d.setNow(at('2026-12-30'));
    expect(d.complete(legal, 'B9', 'COLLECTED', { ...receipt, paidAmount: 8_000_000, paidDate: '2026-12-30', collection: 'AFTER_HOURS' })).toBeUndefined();
    expect(dueDay(d, 'B18')).toBe(SEED_CALENDAR.dueDate({ anchorDate: '2026-12-30', amount: 2, unit: 'working_days' }).due);
    // Thursday 31/12, then Monday 04/01/2027.
    expect(dueDay(d, 'B18')).toBe('2027-01-04');
  });

  it('records the payment into the Treasury, not before the collection, then the file closes as any paid fine', () => {
    const d = deliveredPenalty(18);
    d.setNow(at(COLLECTED_ON));
    expect(d.complete(legal, 'B9', 'COLLECTED', { ...receipt, collection: 'REMOTE_AREA' })).toBeUndefined();
    d.setNow(at('2026-10-12'));
    expect(d.complete(inspector, 'B18', 'REMITTED', { remittedOn: '2026-10-12' })?.code).toBe('FORM_INVALID');
    expect(refusals(d.complete(inspector, 'B18', 'REMITTED', { remittedOn: '2026-10-08', remittanceNo: 'GNT-889' }))).toEqual(['REMITTED_BEFORE_COLLECTED@remittedOn']);
    expect(d.complete(inspector, 'B18', 'REMITTED', { remittedOn: '2026-10-12', remittanceNo: 'GNT-889' })).toBeUndefined();
    expect(openSteps(d)).toEqual(['B17']);
  });

  it('leaves the payment at the Treasury as it was', () => {
    const d = deliveredPenalty(18);
    d.setNow(at(COLLECTED_ON));
    expect(d.complete(legal, 'B9', 'PAID', receipt)).toBeUndefined();
    expect(openSteps(d)).toEqual(['B17']);
  });
});

describe('sanction without a record, version 7: the same at N2, the case closing once the fine is in the Treasury', () => {
  // A fine of 400,000 ₫ decided on the spot on the evening of Monday 02/11/2026, and paid to the officer there.
  const ON = '2026-11-02';
  const paid = { receiptNo: 'BL-77', paidAmount: 400_000, paidDate: ON };
  const decided = (version: number) => {
    const d = drive(shipped('ins-penalty-no-record', version), { now: at(ON), catalogue: TEST_CATALOGUE });
    expect(d.complete(inspector, 'N1', 'DECIDED', noRecordDecision(ON))).toBeUndefined();
    return d;
  };

  it('collects outside office hours, gives 2 working days to pay it in, and closes; version 6 has no such outcome', () => {
    const d = decided(7);
    expect(refusals(d.complete(inspector, 'N2', 'COLLECTED', paid))).toEqual(['COLLECTION_NOT_ALLOWED@collection']);
    expect(d.complete(inspector, 'N2', 'COLLECTED', { ...paid, collection: 'AFTER_HOURS' })).toBeUndefined();
    expect(openSteps(d)).toEqual(['N4']);
    // Monday 02/11: Tuesday 03/11 and Wednesday 04/11.
    expect(dueDay(d, 'N4')).toBe('2026-11-04');
    expect(d.complete(inspector, 'N4', 'REMITTED', { remittedOn: '2026-11-03', remittanceNo: 'GNT-12' }, at('2026-11-03'))).toBeUndefined();
    expect(d.state.status).toBe('CLOSED');
    expect(decided(6).complete(inspector, 'N2', 'COLLECTED', { ...paid, collection: 'AFTER_HOURS' })?.code).toBe('OUTCOME_UNKNOWN');
  });
});

describe('criminal referral version 12: the same on a returned file’s fine, at F7 and F13', () => {
  it('collects in a remote area, gives 7 days to pay it in, then archives; version 11 has no such outcome', () => {
    const d = returnedFile(12);
    d.setNow(at('2026-03-16'));
    const cash = { receiptNo: 'BL-31', paidAmount: 7_500_000, paidDate: '2026-03-16' };
    expect(refusals(d.complete(legal, 'F7', 'COLLECTED', cash))).toEqual(['COLLECTION_NOT_ALLOWED@collection']);
    expect(d.complete(legal, 'F7', 'COLLECTED', { ...cash, collection: 'REMOTE_AREA' })).toBeUndefined();
    expect(openSteps(d)).toEqual(['F13']);
    // Monday 16/03 + 7 days: Monday 23/03.
    expect(dueDay(d, 'F13')).toBe('2026-03-23');
    expect(d.complete(inspector, 'F13', 'REMITTED', { remittedOn: '2026-03-18', remittanceNo: 'GNT-31' }, at('2026-03-18'))).toBeUndefined();
    expect(openSteps(d)).toEqual(['F9']);
    const v11 = returnedFile(11);
    expect(v11.complete(legal, 'F7', 'COLLECTED', { ...cash, collection: 'REMOTE_AREA' }, at('2026-03-16'))?.code).toBe('OUTCOME_UNKNOWN');
  });
});
