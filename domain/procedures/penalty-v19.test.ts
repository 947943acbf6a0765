/**
 * The penalty procedure's version 19 (docs/adr/0233), on the pure engine with the real calendar:
 * the limitation period starts again when the party's deliberate evasion or obstruction of the
 * sanction ends, only for an evasion within the period (Art. 6(1)(c)). An evasion after the record
 * is stated with the decision (B6), which counts from its end; every evasion states when it began,
 * and one that began after the shortest period among the acts had ended restarts nothing.
 * Version 18, which running cases keep, had no evasion at the decision, and took an evasion's end
 * alone: an act whose period had ended before the party evaded was revived by it.
 */
import { describe, expect, it } from 'vitest';
import { actor, at, drive, refusals, shipped, TEST_CATALOGUE, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { disclosureOf } from '../disclosure.js';
import { actsSanctionableOn, limitationFrom, VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { penaltyProcedure } from './penalty.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];
const NOW = '2026-12-14';

/** A 2-year trade act (5–10 million) and a 1-year one (1–2 million). */
const TWO_YEARS = { violation: 'ND87/2024:14.1', description: 'Bán hàng cao hơn giá niêm yết' };
const ONE_YEAR = { violation: 'ND99/2020:5.1', description: 'Vi phạm có thời hiệu 01 năm' };

/** Goods sold above the listed price until Tue 10/12/2024 (barred after Thu 10/12/2026), recorded on Mon 07/12/2026. */
const record = (extra: Record<string, unknown> = {}) => ({
  recordNo: '77/BB',
  recordedAt: '2026-12-07',
  place: 'Tại cơ sở',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Hộ kinh doanh Lê Thị H',
  offenderType: 'INDIVIDUAL',
  violationDate: '2024-12-10',
  ongoing: false,
  violationPlace: 'Hoa Lư',
  acts: [TWO_YEARS],
  violatorSigned: true,
  ...extra,
});

function recorded(version: number, extra: Record<string, unknown> = {}): TDriver {
  const d = drive(penaltyProcedure(version), { now: at(NOW), catalogue: CATALOGUE });
  expect(d.complete(inspector, 'B1', 'RECORDED', record(extra))).toBeUndefined();
  expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
  return d;
}

/** Decided on Fri 11/12/2026, the fifth working day after the record: within Art. 66's 7, a day after the act's period ended. */
const decision = (extra: Record<string, unknown> = {}) => ({ decisionNo: '81/QĐ-XPHC', decisionDate: '2026-12-11', signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000, ...extra });
/** The party hid from the summons to explain from Tue 08/12 to Thu 10/12/2026, the act's last day. */
const HID = { evasionStartedOn: '2026-12-08', evasionEndedOn: '2026-12-10' };

describe('an evasion after the record restarts the period from its end, stated with the decision (Art. 6(1)(c))', () => {
  it('the act is fined the day after its period would have ended; without the evasion it is barred, as on version 18', () => {
    expect(recorded(19).complete(director, 'B6', 'DECIDED', decision(HID))).toBeUndefined();
    expect(recorded(19).complete(director, 'B6', 'DECIDED', decision())).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-12-10' } });
    expect(recorded(18).complete(director, 'B6', 'DECIDED', decision())).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-12-10' } });
    const fieldsOf = (version: number) => (penaltyProcedure(version).steps.find((s) => s.id === 'B6')?.form?.fields ?? []).map((f) => (f as { key: string }).key);
    expect(fieldsOf(19)).toEqual(expect.arrayContaining(['evasionStartedOn', 'evasionEndedOn']));
    expect(fieldsOf(18)).not.toContain('evasionEndedOn');
  });

  it('"measures only" is refused while the restarted period runs, and allowed without the evasion', () => {
    const measures = (extra: Record<string, unknown>) => decision({ sanction: 'NONE', fineAmount: undefined, remedialMeasures: 'Buộc nộp lại số lợi bất hợp pháp', ...extra });
    expect(refusals(recorded(19).complete(director, 'B6', 'MEASURES_ONLY', measures(HID)))).toEqual(['DEADLINE_NOT_PASSED@decisionDate']);
    expect(recorded(19).complete(director, 'B6', 'MEASURES_ONLY', measures({}))).toBeUndefined();
  });

  it('the evasion is after the record, ends by the decision, begins by its end and within the period, each refused at its field', () => {
    const r = (extra: Record<string, unknown>) => refusals(recorded(19).complete(director, 'B6', 'DECIDED', decision(extra)));
    expect(r({ evasionStartedOn: '2026-12-05', evasionEndedOn: '2026-12-06' })).toEqual(['EVASION_BEFORE_RECORD@evasionEndedOn']);
    expect(r({ evasionStartedOn: '2026-12-08', evasionEndedOn: '2026-12-12' })).toEqual(['EVASION_AFTER_DECISION@evasionEndedOn']);
    expect(r({ evasionEndedOn: '2026-12-10' })).toEqual(['EVASION_START_MISSING@evasionStartedOn']);
    expect(r({ evasionStartedOn: '2026-12-09', evasionEndedOn: '2026-12-08' })).toEqual(['EVASION_START_AFTER_END@evasionStartedOn']);
    // Began on 11/12, the day after the period ended: nothing to restart, and the act is barred.
    expect(r({ evasionStartedOn: '2026-12-11', evasionEndedOn: '2026-12-11' })).toEqual(['EVASION_AFTER_LIMITATION@evasionStartedOn']);
  });
});

describe('the decision judges its fine on the acts an evasion validly restarts, not on those a refused one would', () => {
  // A 1-year act and a trade act sold until 10/12/2025: the 1-year act's period ended on 10/12/2026, the trade act's runs a year more.
  const both = { violationDate: '2025-12-10', acts: [TWO_YEARS, ONE_YEAR] };

  it('an evasion begun after the 1-year act’s period is refused alone: the fine is judged on the trade act (7.5 million ₫ at its midpoint)', () => {
    const d = recorded(19, both);
    expect(refusals(d.complete(director, 'B6', 'DECIDED', decision({ evasionStartedOn: '2026-12-11', evasionEndedOn: '2026-12-11' })))).toEqual(['EVASION_AFTER_LIMITATION@evasionStartedOn']);
    // Without an evasion: the trade act alone, at its midpoint.
    expect(recorded(19, both).complete(director, 'B6', 'DECIDED', decision())).toBeUndefined();
  });

  it('one begun within it brings the 1-year act back: both acts, fined at the midpoint of their brackets (9 million ₫)', () => {
    expect(refusals(recorded(19, both).complete(director, 'B6', 'DECIDED', decision(HID))).sort()).toEqual(['AMOUNT_REASON_MISSING@amountReason', 'FINE_LOWERED_WITHOUT_MITIGATING@fineAmount']);
    expect(recorded(19, both).complete(director, 'B6', 'DECIDED', decision({ ...HID, fineAmount: 9_000_000 }))).toBeUndefined();
  });
});

describe('an evasion restarts the period only if it began within it, for every act of the record (Art. 6(1)(c))', () => {
  // Sold until 01/06/2024: the 1-year act's period ended on 01/06/2025, the 2-year act's on 01/06/2026.
  // The shop hid from the inspectors from 01/07/2025 to 01/01/2026, and was recorded on Fri 04/12/2026.
  const evaded = { violationDate: '2024-06-01', recordedAt: '2026-12-04', acts: [TWO_YEARS, ONE_YEAR], evasionEndedOn: '2026-01-01' };
  const start = (version: number) => drive(penaltyProcedure(version), { now: at(NOW), catalogue: CATALOGUE });

  it('the 1-year act, already barred when the evasion began, is not revived by it; version 18 took the evasion’s end alone', () => {
    expect(refusals(start(19).complete(inspector, 'B1', 'RECORDED', record({ ...evaded, evasionStartedOn: '2025-07-01' })))).toEqual(['EVASION_AFTER_LIMITATION@evasionStartedOn']);
    expect(start(18).complete(inspector, 'B1', 'RECORDED', record(evaded))).toBeUndefined();
  });

  it('the 2-year act alone, whose period still ran when the evasion began, is recorded; the start is asked for and not after the end', () => {
    const twoYears = { ...evaded, acts: [TWO_YEARS] };
    expect(start(19).complete(inspector, 'B1', 'RECORDED', record({ ...twoYears, evasionStartedOn: '2025-07-01' }))).toBeUndefined();
    expect(refusals(start(19).complete(inspector, 'B1', 'RECORDED', record(twoYears)))).toEqual(['EVASION_START_MISSING@evasionStartedOn']);
    expect(refusals(start(19).complete(inspector, 'B1', 'RECORDED', record({ ...twoYears, evasionStartedOn: '2026-01-02' })))).toEqual(['EVASION_START_AFTER_END@evasionStartedOn']);
  });
});

describe('the calculator and the published decision count from the decision’s evasion too', () => {
  const rec = { violationDate: '2024-12-10', ongoing: false, acts: [{ violation: { code: 'ND87/2024:14.1', descriptionVi: 'Bán hàng cao hơn giá niêm yết', limitationYears: 2 } }] };

  it('the later of the record’s start and the end of an evasion that began within the period', () => {
    expect(limitationFrom(rec, HID)).toBe('2026-12-10');
    expect(limitationFrom(rec, { evasionStartedOn: '2023-12-01', evasionEndedOn: '2024-01-01' })).toBe('2024-12-10');
    // As the rules hold: not without its start (a form not yet checked), nor when it began after the period ended.
    expect(limitationFrom(rec, { evasionEndedOn: '2026-12-10' })).toBe('2024-12-10');
    expect(limitationFrom(rec, { evasionStartedOn: '2026-12-11', evasionEndedOn: '2026-12-12' })).toBe('2024-12-10');
    // A record before version 19 states no start: its evasion counts as it did; from version 19, only within the period.
    const recordEvaded = { ...rec, evasionEndedOn: '2025-01-05' };
    expect(limitationFrom(recordEvaded)).toBe('2025-01-05');
    expect(limitationFrom({ ...recordEvaded, evasionStartedOn: '2026-12-11' })).toBe('2024-12-10');
    expect(limitationFrom({ ...rec, evasionEndedOn: '2025-01-05' }, {})).toBe('2025-01-05');
    expect(actsSanctionableOn(rec.acts, limitationFrom(rec, HID), '2026-12-11')).toEqual(rec.acts);
    expect(actsSanctionableOn(rec.acts, limitationFrom(rec), '2026-12-11')).toEqual([]);
  });

  it('the published decision lists the act it fined after the evasion', () => {
    const completed = [
      { stepId: 'B1', outcome: 'RECORDED', data: { ...rec, violatorName: 'Hộ kinh doanh Lê Thị H', offenderType: 'INDIVIDUAL' } },
      { stepId: 'B6', outcome: 'DECIDED', data: decision(HID) },
    ];
    const state = disclosureOf(completed, { province: 'Ninh Bình' });
    expect(state).toMatchObject({ kind: 'LISTED', disclosure: { acts: [{ code: 'ND87/2024:14.1' }] } });
    const { evasionEndedOn: _e, ...without } = HID;
    expect(disclosureOf([completed[0]!, { ...completed[1]!, data: decision(without) }], { province: 'Ninh Bình' })).toMatchObject({ kind: 'LISTED', disclosure: { acts: [] } });
  });
});

describe('the returned file’s decision (F5) too: referral version 13', () => {
  // The file came back on 10/03/2026; fined at the midpoint of its acts' brackets. Sold until 01/06/2024: the 1-year act's period ended on 01/06/2025, the 2-year act's
  // on 01/06/2026; the party hid from 01/07/2025 to 01/09/2025.
  const evaded = { evasionEndedOn: '2025-09-01', violationDate: '2024-06-01' };
  const decide = (version: number, extra: Record<string, unknown>) => {
    const d = drive(shipped('ins-criminal-referral', version), { now: at('2026-03-12'), catalogue: TEST_CATALOGUE });
    expect(d.complete(director, 'F1', 'TRANSFERRED', { receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: 'BG-01', violatorNotified: true, transferDate: '2026-03-02' })).toBeUndefined();
    expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2026-03-10' })).toBeUndefined();
    const fined = { decisionDate: '2026-03-12', signedBy: 'x', violatorName: 'Nguyễn Văn H', offenderType: 'INDIVIDUAL', sanction: 'FINE', fineAmount: 9_000_000 };
    return d.complete(director, 'F5', 'RETURNED_AND_DECIDED', { ...fined, acts: [TWO_YEARS, ONE_YEAR], ...evaded, ...extra });
  };

  it('the 1-year act, barred before the evasion began, is not revived: version 12 fined it', () => {
    expect(refusals(decide(13, { evasionStartedOn: '2025-07-01' }))).toEqual(['EVASION_AFTER_LIMITATION@evasionStartedOn']);
    expect(decide(12, {})).toBeUndefined();
    expect(decide(13, { evasionStartedOn: '2025-07-01', acts: [TWO_YEARS], fineAmount: 7_500_000 })).toBeUndefined();
    expect(refusals(decide(13, { acts: [TWO_YEARS], fineAmount: 7_500_000 }))).toEqual(['EVASION_START_MISSING@evasionStartedOn']);
  });
});
