/**
 * The legal parameters the rules apply when a stored value cannot be read (docs/adr/0227): stored
 * before ADR 0218's checks, or by hand. Not applied; the shipped value of its key and day instead,
 * or the value before it; listed with why.
 */
import { describe, expect, it } from 'vitest';
import { applicableParams } from './legal-param-edit.js';
import { LEGAL_PARAMS_SEED, paramOn, type TLegalParam } from './legal-params.js';

const shipped = (key: string) => LEGAL_PARAMS_SEED.find((p) => p.key === key)!;

describe('the legal parameters the rules apply', () => {
  it('applies every stored value an edit would accept, as stored', () => {
    const { params, rejected } = applicableParams(LEGAL_PARAMS_SEED);
    expect(params).toEqual(LEGAL_PARAMS_SEED);
    expect(rejected).toEqual([]);
  });

  it('applies the shipped value of the same key and day in place of one the code cannot read, and says why', () => {
    const day = shipped('statisticsPeriodStartDay');
    const stored: TLegalParam[] = [...LEGAL_PARAMS_SEED.filter((p) => p !== day), { ...day, value: 31, descriptionVi: 'sửa tay' }];
    const { params, rejected } = applicableParams(stored);
    expect(paramOn(params, 'statisticsPeriodStartDay', '2026-12-07')).toEqual(day);
    expect(rejected).toEqual([
      {
        key: 'statisticsPeriodStartDay',
        effectiveFrom: day.effectiveFrom,
        value: 31,
        unit: 'day_of_month',
        problem: { field: 'value', en: 'must be a day of the month from 1 to 28', vi: 'giá trị phải là ngày trong tháng, từ 1 đến 28' },
        shippedApplies: true,
      },
    ]);
  });

  it('leaves out a later value the code cannot read, so that the one before it stays in force: a negative period, another unit', () => {
    const days = shipped('complianceDays');
    const stored: TLegalParam[] = [
      ...LEGAL_PARAMS_SEED,
      { ...days, effectiveFrom: '2026-01-01', value: -5 },
      { ...days, effectiveFrom: '2026-06-01', value: 1, unit: 'months' },
      { ...days, effectiveFrom: '2026-09-01', value: 15 },
    ];
    const { params, rejected } = applicableParams(stored);
    expect(paramOn(params, 'complianceDays', '2026-03-01').value).toBe(10);
    expect(paramOn(params, 'complianceDays', '2026-07-01').value).toBe(10);
    expect(paramOn(params, 'complianceDays', '2026-10-01').value).toBe(15);
    expect(rejected.map((r) => [r.effectiveFrom, r.problem, r.shippedApplies])).toEqual([
      ['2026-01-01', { field: 'value', en: 'must be a whole number of days, 1 or more', vi: 'giá trị phải là số ngày nguyên, từ 1 trở lên' }, false],
      ['2026-06-01', { field: 'unit', en: 'complianceDays is read in days, not months', vi: 'đơn vị phải là days (complianceDays được đọc theo đơn vị này), không phải months' }, false],
    ]);
    // A period out of order, as the schema words it.
    expect(applicableParams([{ ...days, effectiveFrom: '2026-02-01', effectiveTo: '2026-01-01' }]).rejected[0]!.problem).toMatchObject({
      field: 'effectiveTo',
      en: expect.stringMatching(/^must not be before effectiveFrom/),
    });
  });
});
