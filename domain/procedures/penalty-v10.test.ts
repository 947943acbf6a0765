/**
 * The penalty procedure's version 10 (docs/adr/0213), on the pure engine with the real calendar: the
 * limitation period of an act still going on when found counts from its detection; of an act that
 * had ended, from when it ended (Art. 6(1)(b)). Version 9, which running cases keep, counted from the
 * record's one date in both cases: an act going on since long ago could not be recorded, nor
 * decided, though the law sanctions it.
 */
import { describe, expect, it } from 'vitest';
import type { TRejection } from '../engine.js';
import { actor, at, drive, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { actsSanctionableOn, limitationFrom, VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { penaltyProcedure } from './penalty.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];

/** Goods without origin on the shelves since 10/01/2023 (a 2-year trade act), found and recorded on Thu 03/12/2026. */
const BEGAN = '2023-01-10';
const FOUND = '2026-12-03';
const NOW = '2026-12-04';

const record = (version: number, extra: Record<string, unknown>) => ({
  recordNo: '51/BB',
  recordedAt: FOUND,
  place: 'Tại cơ sở',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Hộ kinh doanh Trần Văn G',
  offenderType: 'INDIVIDUAL',
  violationDate: BEGAN,
  violationPlace: 'Hoa Lư',
  acts: [{ violation: 'ND87/2024:14.1', description: 'Kinh doanh hàng hóa không rõ nguồn gốc, bày bán từ năm 2023' }],
  violatorSigned: true,
  ...(version >= 10 ? { ongoing: true, detectedOn: FOUND } : {}),
  ...extra,
});

function start(version: number): TDriver {
  return drive(penaltyProcedure(version), { now: at(NOW), catalogue: CATALOGUE });
}

function recorded(version: number, extra: Record<string, unknown> = {}): TDriver {
  const d = start(version);
  expect(d.complete(inspector, 'B1', 'RECORDED', record(version, extra))).toBeUndefined();
  expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
  return d;
}

/** The rules that refused (or the guard's code), each with the field it is shown at. */
function refusals(r: TRejection | undefined): string[] {
  const details = r?.details as { rule?: string; field?: string; failures?: { rule: string; field?: string }[] } | undefined;
  return details?.failures?.map((f) => `${f.rule}@${f.field ?? ''}`) ?? (details?.rule ? [`${details.rule}@${details.field ?? ''}`] : r ? [r.code] : []);
}

const decision = (decisionDate: string, rest: Record<string, unknown> = {}) => ({ decisionNo: '60/QĐ-XPHC', decisionDate, signedBy: 'Hoàng Văn Hải', ...rest });

describe('an act still going on when found: the limitation period counts from its detection (Art. 6(1)(b))', () => {
  it('is recorded though it began almost four years ago; version 9 refused it as barred', () => {
    expect(start(10).complete(inspector, 'B1', 'RECORDED', record(10, {}))).toBeUndefined();
    expect(start(9).complete(inspector, 'B1', 'RECORDED', record(9, {}))).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED' } });
  });

  it('an act that had ended then is still barred: its period counts from when it ended', () => {
    expect(start(10).complete(inspector, 'B1', 'RECORDED', record(10, { ongoing: false }))).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2025-01-10' } });
  });

  it('asks for the detection’s date, after the act began and not after the record', () => {
    const r = (extra: Record<string, unknown>) => refusals(start(10).complete(inspector, 'B1', 'RECORDED', record(10, extra)));
    expect(r({ detectedOn: undefined })).toEqual(['DETECTION_DATE_MISSING@detectedOn']);
    expect(r({ detectedOn: '2022-12-31' })).toEqual(['DETECTED_BEFORE_VIOLATION@detectedOn']);
    expect(r({ recordedAt: '2026-12-02' })).toEqual(['DETECTED_AFTER_RECORD@detectedOn']);
  });

  it('the decision fines it within its bracket, and is not "measures only": neither the time limit nor the limitation has run', () => {
    const d = recorded(10);
    expect(refusals(d.complete(director, 'B6', 'MEASURES_ONLY', decision('2026-12-04', { sanction: 'NONE', remedialMeasures: 'Buộc tiêu hủy hàng hóa' })))).toEqual([
      'DEADLINE_NOT_PASSED@decisionDate',
    ]);
    expect(refusals(d.complete(director, 'B6', 'DECIDED', decision('2026-12-04', { sanction: 'FINE', fineAmount: 11_000_000, aggravating: 1, amountReason: 'Kéo dài' })))).toEqual([
      'FINE_ABOVE_BRACKET@fineAmount',
    ]);
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-12-04', { sanction: 'FINE', fineAmount: 7_500_000 }))).toBeUndefined();
  });

  it('the decision’s limitation too counts from the detection: a day after its last day, the act is barred', () => {
    // Found on 01/12/2024 and recorded on 30/11/2026, the last but one day of the 2 years from the detection.
    const d = () => recorded(10, { detectedOn: '2024-12-01', recordedAt: '2026-11-30' });
    const fine = { sanction: 'FINE', fineAmount: 7_500_000 };
    expect(d().complete(director, 'B6', 'DECIDED', decision('2026-12-02', fine))).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-12-01' } });
    expect(d().complete(director, 'B6', 'DECIDED', decision('2026-12-01', fine))).toBeUndefined();
  });
});

describe('the papers, the published decision and the calculator count from the same date', () => {
  const act = { violation: { code: 'ND87/2024:14.1', limitationYears: 2 } };
  it('from the detection of an act going on, from the act’s end otherwise, and from the record’s date in every earlier version', () => {
    expect(limitationFrom({ violationDate: BEGAN, ongoing: true, detectedOn: FOUND })).toBe(FOUND);
    expect(limitationFrom({ violationDate: BEGAN, ongoing: false, detectedOn: FOUND })).toBe(BEGAN);
    expect(limitationFrom({ violationDate: BEGAN })).toBe(BEGAN);
    expect(actsSanctionableOn([act], limitationFrom({ violationDate: BEGAN, ongoing: true, detectedOn: FOUND }), '2026-12-04')).toEqual([act]);
    expect(actsSanctionableOn([act], limitationFrom({ violationDate: BEGAN }), '2026-12-04')).toEqual([]);
  });
});

describe('version 11: the period starts again when the party’s evasion of the sanction ends (Art. 6(1)(c))', () => {
  // Sold until 01/06/2024 (a 2-year act: barred after 01/06/2026); the shop hid from the inspectors until 01/03/2025.
  const evaded = { ongoing: false, violationDate: '2024-06-01', evasionEndedOn: '2025-03-01' };

  it('records the act within two years of the evasion’s end; without it, or on version 10, the act is barred', () => {
    expect(start(11).complete(inspector, 'B1', 'RECORDED', record(11, evaded))).toBeUndefined();
    const { evasionEndedOn: _e, ...without } = evaded;
    expect(start(11).complete(inspector, 'B1', 'RECORDED', record(11, without))).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-06-01' } });
    expect(start(10).complete(inspector, 'B1', 'RECORDED', record(10, without))).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED' } });
  });

  it('the evasion ends after the act and not after the record', () => {
    const r = (evasionEndedOn: string) => refusals(start(11).complete(inspector, 'B1', 'RECORDED', record(11, { ...evaded, evasionEndedOn })));
    expect(r('2024-05-31')).toEqual(['EVASION_BEFORE_VIOLATION@evasionEndedOn']);
    expect(r('2026-12-04')).toEqual(['EVASION_AFTER_RECORD@evasionEndedOn']);
  });

  it('the decision counts from it too: the act is fined within its bracket, and the papers read the same date', () => {
    const d = recorded(11, evaded);
    expect(refusals(d.complete(director, 'B6', 'MEASURES_ONLY', decision('2026-12-04', { sanction: 'NONE', remedialMeasures: 'Buộc tiêu hủy hàng hóa' })))).toEqual([
      'DEADLINE_NOT_PASSED@decisionDate',
    ]);
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-12-04', { sanction: 'FINE', fineAmount: 7_500_000 }))).toBeUndefined();
    expect(limitationFrom(evaded)).toBe('2025-03-01');
    expect(limitationFrom({ ...evaded, evasionEndedOn: '2024-01-01' })).toBe('2024-06-01');
  });
});
