import { describe, expect, it } from 'vitest';
import { customPeriod, monthsUpTo, nextPeriod, periodContaining, periodLabelVi, periodOf } from './periods.js';

describe('reporting periods', () => {
  it('runs a statistical month from the 15th of the month before to the 14th', () => {
    expect(periodOf('MONTH', '2025-11')).toMatchObject({ from: '2025-10-15', to: '2025-11-14' });
    expect(periodOf('MONTH', '2025-01')).toMatchObject({ from: '2024-12-15', to: '2025-01-14' });
    expect(periodOf('MONTH', '2024-03')).toMatchObject({ from: '2024-02-15', to: '2024-03-14' });
  });

  it('runs the year from 15/12 to 14/12, and nine months of 2024 from 15/12/2023 to 14/09/2024 (vn-law §4)', () => {
    expect(periodOf('YEAR', '2025')).toMatchObject({ from: '2024-12-15', to: '2025-12-14' });
    expect(periodOf('QUARTER', '2024-Q1').from).toBe('2023-12-15');
    expect(periodOf('QUARTER', '2024-Q3').to).toBe('2024-09-14');
    expect(periodOf('HALF', '2025-H2')).toMatchObject({ from: '2025-06-15', to: '2025-12-14' });
  });

  it('gives calendar months with a start day of 1', () => {
    expect(periodOf('MONTH', '2024-02', 1)).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('YEAR', '2025', 1)).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodContaining('MONTH', '2025-11-30', 1).key).toBe('2025-11');
  });

  it('puts a date in the period that holds it, the 15th starting the next month', () => {
    expect(periodContaining('MONTH', '2025-11-14').key).toBe('2025-11');
    expect(periodContaining('MONTH', '2025-11-15').key).toBe('2025-12');
    expect(periodContaining('MONTH', '2025-12-15').key).toBe('2026-01');
    expect(periodContaining('YEAR', '2025-12-15').key).toBe('2026');
    expect(periodContaining('QUARTER', '2025-03-15').key).toBe('2025-Q2');
    expect(periodContaining('HALF', '2025-06-14').key).toBe('2025-H1');
  });

  it('tiles time without gaps or overlaps', () => {
    let p = periodOf('MONTH', '2023-11');
    for (let i = 0; i < 40; i++) {
      const n = nextPeriod(p);
      expect(Date.parse(n.from) - Date.parse(p.to)).toBe(86_400_000);
      p = n;
    }
    expect(monthsUpTo('2025-11-20', 12).map((x) => x.key)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
  });

  it('refuses what is not a period, saying what one looks like', () => {
    expect(() => periodOf('MONTH', '2025-13')).toThrow('2025-11');
    expect(() => periodOf('QUARTER', '2025-4')).toThrow('2025-Q4');
    expect(() => periodOf('MONTH', '2025-11', 29)).toThrow('1 to 28');
    expect(() => customPeriod('2025-02-30', '2025-03-01')).toThrow('YYYY-MM-DD');
    expect(() => customPeriod('2025-03-02', '2025-03-01')).toThrow('before it starts');
    expect(customPeriod('2025-01-01', '2025-03-31')).toMatchObject({ kind: 'CUSTOM', key: '2025-01-01..2025-03-31' });
  });

  it('names a period in Vietnamese with its dates', () => {
    expect(periodLabelVi(periodOf('MONTH', '2025-11'))).toBe('Tháng 11/2025 (15/10/2025 – 14/11/2025)');
    expect(periodLabelVi(periodOf('YEAR', '2020'))).toBe('Năm 2020 (15/12/2019 – 14/12/2020)');
  });
});
