import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../domain/statistics/periods.js';
import {
  drillHref,
  exportHref,
  formatChange,
  formatCompactMoney,
  formatMeasure,
  formatShare,
  hasEnded,
  indicatorName,
  monthTick,
  niceTicks,
  periodLabel,
  periodOfQuery,
  queryOfPeriod,
  readDrillQuery,
  readStatQuery,
  recentPeriods,
  reportHref,
  siblingPeriod,
  unitKey,
} from './model.js';

describe('the report asked for in the address', () => {
  it('reads a statistical period, a team and a grouping, and leaves out what it cannot read', () => {
    expect(readStatQuery(new URLSearchParams('period=QUARTER&key=2026-Q4&teamId=nb-doi-1&groupBy=officer'))).toEqual({ period: 'QUARTER', key: '2026-Q4', teamId: 'nb-doi-1', groupBy: 'officer' });
    expect(readStatQuery(new URLSearchParams('period=WEEK&key=<script>&groupBy=colour'))).toEqual({ period: 'MONTH', key: undefined, teamId: undefined, groupBy: undefined });
    expect(readStatQuery(new URLSearchParams('period=CUSTOM&from=2026-01-01&to=2026-03-31&key=2026'))).toEqual({
      period: 'CUSTOM',
      from: '2026-01-01',
      to: '2026-03-31',
      teamId: undefined,
      groupBy: undefined,
    });
  });

  it('makes links that ask for the same figure again, the group where it is not known included', () => {
    const href = drillHref({ period: 'MONTH', key: '2026-12', teamId: 'nb-doi-1', indicator: 'FINES_IMPOSED', dimension: 'officer', value: 'kiemsoat.an' });
    expect(href).toBe('/statistics/cases?period=MONTH&key=2026-12&teamId=nb-doi-1&indicator=FINES_IMPOSED&dimension=officer&value=kiemsoat.an');
    expect(readDrillQuery(new URL(href, 'http://x').searchParams)).toEqual({
      period: 'MONTH',
      key: '2026-12',
      teamId: 'nb-doi-1',
      groupBy: undefined,
      indicator: 'FINES_IMPOSED',
      dimension: 'officer',
      value: 'kiemsoat.an',
      adjustmentOf: undefined,
    });
    // A dimension without a value: the "not known" group, kept so.
    const unknown = readDrillQuery(new URLSearchParams('period=YEAR&key=2026&indicator=VIOLATION_CASES&dimension=team'));
    expect(unknown).toMatchObject({ dimension: 'team', value: undefined });
    expect(drillHref(unknown!)).toBe('/statistics/cases?period=YEAR&key=2026&indicator=VIOLATION_CASES&dimension=team');
    // No figure, or one that sums no cases: nothing to list.
    expect(readDrillQuery(new URLSearchParams('period=YEAR&key=2026'))).toBeUndefined();
    expect(readDrillQuery(new URLSearchParams('indicator=ON_TIME_RATE'))).toBeUndefined();
    expect(readDrillQuery(new URLSearchParams('indicator=OUTSTANDING'))).toMatchObject({ indicator: 'OUTSTANDING' });
  });

  it('asks for a custom range by its dates and an export with the report’s own query', () => {
    const q = queryOfPeriod({ kind: 'CUSTOM', key: '2026-01-01..2026-03-31', from: '2026-01-01', to: '2026-03-31' }, { teamId: 'nb-doi-2' });
    expect(reportHref(q)).toBe('/statistics/report?period=CUSTOM&from=2026-01-01&to=2026-03-31&teamId=nb-doi-2');
    expect(exportHref('xlsx', { period: 'MONTH', key: '2026-12', groupBy: 'team' })).toBe('/api/v1/statistics/report.xlsx?period=MONTH&key=2026-12&groupBy=team');
  });
});

describe('statistical periods on screen', () => {
  it('names a period with its dates, in Vietnamese and in English', () => {
    const dec = periodOf('MONTH', '2025-12');
    expect(periodLabel(dec, 'vi')).toBe('Tháng 12/2025 (15/11/2025 – 14/12/2025)');
    expect(periodLabel(dec, 'en')).toBe('Month 12/2025 (15/11/2025 – 14/12/2025)');
    expect(periodLabel(periodOf('YEAR', '2025'), 'vi')).toBe('Năm 2025 (15/12/2024 – 14/12/2025)');
    expect(periodLabel(periodOf('QUARTER', '2026-Q1'), 'vi')).toBe('Quý 1/2026 (15/12/2025 – 14/03/2026)');
    expect(periodLabel(periodOf('HALF', '2026-H2'), 'vi')).toBe('6 tháng cuối năm 2026 (15/06/2026 – 14/12/2026)');
    expect(periodLabel({ kind: 'CUSTOM', key: '', from: '2026-01-01', to: '2026-03-31' }, 'vi')).toBe('Từ 01/01/2026 đến 31/03/2026');
  });

  it('offers the periods up to the one holding today, newest first, and steps to the next and the previous', () => {
    // 3 Dec 2026 is in December's statistical month (15/11 – 14/12); the 15th starts January's.
    expect(recentPeriods('MONTH', '2026-12-03', 3).map((p) => p.key)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(recentPeriods('MONTH', '2026-12-15', 2).map((p) => p.key)).toEqual(['2027-01', '2026-12']);
    expect(recentPeriods('QUARTER', '2026-12-03', 5).map((p) => p.key)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(recentPeriods('YEAR', '2026-12-03', 2).map((p) => p.key)).toEqual(['2026', '2025']);
    expect(siblingPeriod(periodOf('MONTH', '2026-01'), -1)?.key).toBe('2025-12');
    expect(siblingPeriod(periodOf('HALF', '2026-H2'), 1)?.key).toBe('2027-H1');
    expect(periodOfQuery({ period: 'MONTH' }, '2026-12-03')?.key).toBe('2026-12');
    expect(periodOfQuery({ period: 'MONTH', key: '2026-13' }, '2026-12-03')).toBeUndefined();
    expect(hasEnded(periodOf('MONTH', '2026-11'), '2026-12-03')).toBe(true);
    expect(hasEnded(periodOf('MONTH', '2026-12'), '2026-12-14')).toBe(false);
  });

  it('writes a month on the axis long where it fits and short where it does not', () => {
    expect(monthTick('2026-12', false)).toBe('12/2026');
    expect(monthTick('2026-01', true)).toBe('1/26');
  });
});

describe('figures as the charts and tables write them', () => {
  it('writes money short on the axes and cards, the Vietnamese way', () => {
    expect(formatCompactMoney(1_900_000_000, 'vi')).toBe('1,9 tỷ');
    expect(formatCompactMoney(900_000_000, 'vi')).toBe('900 triệu');
    expect(formatCompactMoney(1_250_000, 'vi')).toBe('1,3 triệu');
    expect(formatCompactMoney(500_000, 'vi')).toBe('500 nghìn');
    expect(formatCompactMoney(0, 'vi')).toBe('0');
    expect(formatCompactMoney(1_900_000_000, 'en')).toBe('1.9 bn');
  });

  it('writes the official table’s figures in their measure, the change and a share', () => {
    expect(formatMeasure(1_900_000_000, 'MONEY')).toBe('1.900.000.000');
    expect(formatMeasure(12.5, 'DAYS')).toBe('12,5');
    expect(formatMeasure(87.5, 'PERCENT')).toBe('87,5%');
    expect(formatMeasure(null, 'COUNT')).toBe('—');
    expect(formatChange(12.5)).toBe('+12,5%');
    expect(formatChange(-3)).toBe('−3%');
    expect(formatChange(null)).toBe('—');
    expect(formatShare(400_000, 1_200_000)).toBe('33,3%');
    expect(formatShare(1, 0)).toBe('—');
    expect(unitKey('hồ sơ')).toBe('file');
    expect(unitKey('?')).toBe('none');
    expect(indicatorName('FINES_IMPOSED', 'vi')).toBe('Tiền xử phạt vi phạm hành chính');
    expect(indicatorName('FINES_IMPOSED', 'en')).toBe('Administrative fines imposed');
  });

  it('puts round ticks on an axis from zero past the largest figure', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1_900_000_000)).toEqual([0, 500_000_000, 1_000_000_000, 1_500_000_000, 2_000_000_000]);
    expect(niceTicks(1_200_000)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    for (const max of [1, 7, 13, 99, 1234, 987_654_321]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});
