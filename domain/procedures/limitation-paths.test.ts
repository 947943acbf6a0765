/**
 * The limitation periods in every path of a violation (docs/adr/0216), on the pure engine with the
 * real calendar: the returned file's decision (criminal referral version 5, F5) is held to the
 * sanctioning limitation as the penalty's decision is; the record transfers an act with signs of a
 * crime though its administrative period has run (penalty version 12); the sanction without a record
 * keeps the execution limitation and the voluntary period (its version 5). Each earlier version,
 * which running cases keep, accepted what the law forbids or refused what it requires.
 */
import { describe, expect, it } from 'vitest';
import { actor, at, drive, refusals, SEED_CALENDAR, shipped, type TDriver, TEST_CATALOGUE } from '../fixtures/case-driver.js';
import { noRecordDecision } from '../fixtures/penalty-case.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

describe('criminal referral version 5 on: the returned file’s decision is held to the limitation period (Art. 6, 65(1)(b))', () => {
  // Counterfeits sold until 01/06/2023 (a 2-year act: its period ended on 01/06/2025); transferred on 02/03/2026, back on 10/03/2026.
  const transfer = { receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: 'BG-01', violatorNotified: true, transferDate: '2026-03-02' };
  const COUNTERFEIT = { violation: 'ND98/2020:11.3', description: 'Buôn bán hàng giả' };
  const decided = (overrides: Record<string, unknown> = {}) => ({
    decisionDate: '2026-03-10',
    signedBy: 'x',
    violatorName: 'Nguyễn Văn H',
    offenderType: 'INDIVIDUAL',
    violationDate: '2023-06-01',
    acts: [COUNTERFEIT],
    sanction: 'FINE',
    fineAmount: 30_000_000,
    ...overrides,
  });
  const measures = { decisionDate: '2026-03-10', signedBy: 'x', measures: 'Tịch thu, tiêu hủy hàng giả' };
  /** Measures only on the barred counterfeits, naming the act and its date. */
  const stated = { ...measures, violationDate: '2023-06-01', acts: [COUNTERFEIT] };

  function returned(version: number, now = '2026-03-10'): TDriver {
    const d = drive(shipped('ins-criminal-referral', version), { now: at(now), catalogue: TEST_CATALOGUE });
    expect(d.complete(director, 'F1', 'TRANSFERRED', transfer)).toBeUndefined();
    expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2026-03-10' })).toBeUndefined();
    return d;
  }

  it('refuses to fine an act whose period ended while the criminal body held the file, and lets it decide measures only within the 30 days; version 4 did the reverse', () => {
    expect(returned(6).complete(director, 'F5', 'RETURNED_AND_DECIDED', decided())).toMatchObject({
      code: 'GUARD_FAILED',
      details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2025-06-01' },
      legalBasis: expect.stringMatching(/Điều 6\(1\), 65\(1\)\(b\)/),
    });
    expect(returned(6).complete(director, 'F5', 'MEASURES_ONLY', stated)).toBeUndefined();
    expect(returned(4).complete(director, 'F5', 'RETURNED_AND_DECIDED', decided())).toBeUndefined();
    expect(refusals(returned(4).complete(director, 'F5', 'MEASURES_ONLY', stated))).toEqual(['DEADLINE_NOT_PASSED@decisionDate']);
  });

  it('from version 6, needs the act’s date for measures only within the 30 days: without it the period’s end is unknown', () => {
    expect(refusals(returned(6).complete(director, 'F5', 'MEASURES_ONLY', measures))).toEqual(['DEADLINE_NOT_PASSED@decisionDate']);
    expect(returned(5).complete(director, 'F5', 'MEASURES_ONLY', measures)).toBeUndefined();
    expect(returned(6).complete(director, 'F5', 'MEASURES_ONLY', stated)).toBeUndefined();
  });

  it('still asks for a decision while the period runs: measures only is refused then', () => {
    const d = returned(6);
    expect(refusals(d.complete(director, 'F5', 'MEASURES_ONLY', { ...measures, violationDate: '2025-06-01', acts: [COUNTERFEIT] }))).toEqual(['DEADLINE_NOT_PASSED@decisionDate']);
    expect(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ violationDate: '2025-06-01' }))).toBeUndefined();
  });

  it('counts an act still going on from its detection, asked for, not before the act and not after the transfer', () => {
    expect(returned(6).complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ ongoing: true, detectedOn: '2026-02-20' }))).toBeUndefined();
    const r = (extra: Record<string, unknown>) => refusals(returned(6).complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ ongoing: true, ...extra })));
    expect(r({})).toEqual(['DETECTION_DATE_MISSING@detectedOn']);
    expect(r({ detectedOn: '2023-05-31' })).toEqual(['DETECTED_BEFORE_VIOLATION@detectedOn']);
    expect(r({ detectedOn: '2026-03-03' })).toEqual(['DETECTED_AFTER_TRANSFER@detectedOn']);
  });

  it('counts again from the end of the party’s evasion, which ends after the act and not after the decision', () => {
    expect(returned(6).complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ evasionEndedOn: '2025-01-15' }))).toBeUndefined();
    // Two days after the file came back, an evasion said to end the day after the decision.
    const r = (evasionEndedOn: string) => refusals(returned(6, '2026-03-12').complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ evasionEndedOn })));
    expect(r('2023-05-01')).toEqual(['EVASION_BEFORE_VIOLATION@evasionEndedOn']);
    expect(r('2026-03-11')).toEqual(['EVASION_AFTER_DECISION@evasionEndedOn']);
  });

  it('sanctions only the acts still within their own period: the barred one leaves the bracket', () => {
    // A 1-year act (1–2 M ₫) beside the counterfeits (20–40 M ₫), both ended on 01/12/2024: the 1-year act was barred from 01/12/2025.
    const acts = [COUNTERFEIT, { violation: 'ND99/2020:5.1', description: 'Không niêm yết giá' }];
    // 30 M ₫, the counterfeits' midpoint; with the barred act the midpoint would be 31.5 M ₫, and 30 M ₫ would need its reason.
    const both = decided({ acts, violationDate: '2024-12-01' });
    expect(returned(6).complete(director, 'F5', 'RETURNED_AND_DECIDED', both)).toBeUndefined();
    expect(refusals(returned(4).complete(director, 'F5', 'RETURNED_AND_DECIDED', both))).toEqual(['AMOUNT_REASON_MISSING@amountReason', 'FINE_LOWERED_WITHOUT_MITIGATING@fineAmount']);
  });
});

describe('penalty version 12: the record transfers an act with signs of a crime though its administrative period has run (Art. 62(1))', () => {
  // The shipped versions take the record's and the decisions' numbers from the unit's register.
  const record = (extra: Record<string, unknown> = {}) => ({
    recordedAt: '2026-12-03',
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An',
    violatorName: 'Hộ kinh doanh Trần Văn G',
    offenderType: 'INDIVIDUAL',
    // Counterfeits sold until 10/01/2024: the 2 years ended on 10/01/2026.
    violationDate: '2024-01-10',
    ongoing: false,
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND98/2020:11.3', description: 'Buôn bán hàng giả quy mô lớn' }],
    explanationNotice: 'Có quyền giải trình trong 05 ngày làm việc',
    violatorSigned: true,
    ...extra,
  });
  const start = (version: number) => drive(shipped('ins-penalty', version), { now: at('2026-12-04'), catalogue: TEST_CATALOGUE });

  it('opens the referral; version 11 refused the record as barred', () => {
    const d = start(12);
    expect(d.complete(inspector, 'B1', 'CRIMINAL_SIGNS', record())).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['BF']);
    expect(start(11).complete(inspector, 'B1', 'CRIMINAL_SIGNS', record())).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED' } });
  });

  it('still refuses to record the barred act for a sanction, here or by a transfer to the competent officer', () => {
    for (const outcome of ['RECORDED', 'TRANSFER_NEEDED'])
      expect([outcome, start(12).complete(inspector, 'B1', outcome, record())]).toEqual([
        outcome,
        expect.objectContaining({ code: 'GUARD_FAILED', details: expect.objectContaining({ guard: 'LIMITATION_EXPIRED' }) }),
      ]);
  });
});

describe('sanction without a record, version 5: the execution limitation and the voluntary period (Art. 73, 74, 86)', () => {
  // A fine of 400,000 ₫ decided on the spot on 20/11/2025: the year to execute it ended on 20/11/2026.
  const DECIDED_ON = '2025-11-20';
  const decision = noRecordDecision(DECIDED_ON);
  function decided(version: number, now = '2026-11-25'): TDriver {
    const d = drive(shipped('ins-penalty-no-record', version), { now: at(now), catalogue: TEST_CATALOGUE });
    expect(d.complete(inspector, 'N1', 'DECIDED', decision)).toBeUndefined();
    return d;
  }
  // The fine and more than a year's surcharge (0.05 % a day).
  const paid = (paidDate: string, extra: Record<string, unknown> = {}) => ({ receiptNo: 'BL', paidAmount: 1_000_000, paidDate, ...extra });

  it('collects no fine paid after the year from the decision; version 4 took it', () => {
    expect(refusals(decided(5).complete(inspector, 'N2', 'PAID', paid('2026-11-24')))).toEqual(['PAID_AFTER_EXECUTION_LIMITATION@paidDate']);
    expect(decided(4).complete(inspector, 'N2', 'PAID', paid('2026-11-24'))).toBeUndefined();
    expect(decided(5).complete(inspector, 'N2', 'PAID', paid('2026-11-20'))).toBeUndefined();
  });

  it('counts the year again from the end of the party’s evasion, which ends after the decision', () => {
    expect(decided(5).complete(inspector, 'N2', 'PAID', paid('2026-11-24', { evasionEndedOn: '2026-01-10' }))).toBeUndefined();
    expect(refusals(decided(5).complete(inspector, 'N2', 'PAID', paid('2026-11-24', { evasionEndedOn: '2025-11-19' })))).toEqual([
      'EVASION_BEFORE_DECISION@evasionEndedOn',
      'PAID_AFTER_EXECUTION_LIMITATION@paidDate',
    ]);
  });

  it('hands the enforcement the last day of the 10 days, so that coercion is decided only after it; version 4 handed none', () => {
    const due = SEED_CALENDAR.dueDate({ anchorDate: DECIDED_ON, amount: 10, unit: 'days', binds: 'PARTY' }).due;
    const d = decided(5);
    expect(d.complete(inspector, 'N2', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(d.children).toEqual([{ stepId: 'N3', procedureId: 'ins-enforcement', facts: { decisionDate: DECIDED_ON, executionFrom: DECIDED_ON, fineAmount: 400_000, complianceDueDate: due } }]);
    const v4 = decided(4);
    expect(v4.complete(inspector, 'N2', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(v4.children[0]!.facts).not.toHaveProperty('complianceDueDate');
  });
});
