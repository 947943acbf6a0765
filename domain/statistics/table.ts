/**
 * The official summary table (biểu tổng hợp kết quả kiểm tra, xử lý vi phạm): its rows in the order
 * and nesting the QLTT reports use (../shared/domain/vn-law.md §4), each a fact indicator or a
 * figure derived from them. One definition for the screen, the CSV, the Excel file and the PDF.
 * Pure: shared with the web app.
 */
import { FACT_INDICATORS, INDICATOR_NAMES_VI, type TFactIndicator } from './indicators.js';

export type TIndicatorTotals = Record<TFactIndicator, number>;

/** A row's figure, from a period's totals and what was outstanding at its end; null when it cannot be computed (no case closed). */
type TRowValue = (t: TIndicatorTotals, outstanding: number) => number | null;

export interface TSummaryRow {
  /** `1`, `3.1`…: the row's number in the table. */
  no: string;
  /** The indicator drilled into from this row (derived rows drill into their first part, or not at all). */
  code: TFactIndicator | 'TOTAL_HANDLED' | 'OUTSTANDING' | 'AVERAGE_CYCLE_DAYS' | 'ON_TIME_RATE';
  nameVi: string;
  nameEn: string;
  unitVi: string;
  /** Money in đồng, a count, days or a percentage. */
  measure: 'MONEY' | 'COUNT' | 'DAYS' | 'PERCENT';
  /** Nested under the row above ("trong đó"). */
  child: boolean;
  /** Whether the row is a sum of facts (so that it drills down to the cases behind it). */
  drillable: boolean;
  value: TRowValue;
}

const fact =
  (i: TFactIndicator): TRowValue =>
  (t) =>
    t[i];

export const SUMMARY_ROWS: readonly TSummaryRow[] = [
  {
    no: '1',
    code: 'INSPECTIONS',
    nameVi: INDICATOR_NAMES_VI.INSPECTIONS,
    nameEn: 'Inspections carried out',
    unitVi: 'vụ',
    measure: 'COUNT',
    child: false,
    drillable: true,
    value: fact('INSPECTIONS'),
  },
  {
    no: '2',
    code: 'VIOLATION_CASES',
    nameVi: INDICATOR_NAMES_VI.VIOLATION_CASES,
    nameEn: 'Violation cases handled',
    unitVi: 'vụ',
    measure: 'COUNT',
    child: false,
    drillable: true,
    value: fact('VIOLATION_CASES'),
  },
  {
    no: '3',
    code: 'TOTAL_HANDLED',
    nameVi: INDICATOR_NAMES_VI.TOTAL_HANDLED,
    nameEn: 'Total amount handled',
    unitVi: 'đồng',
    measure: 'MONEY',
    child: false,
    drillable: false,
    value: (t) => t.FINES_IMPOSED + t.CONFISCATED_VALUE + t.DESTROYED_VALUE,
  },
  {
    no: '3.1',
    code: 'FINES_IMPOSED',
    nameVi: INDICATOR_NAMES_VI.FINES_IMPOSED,
    nameEn: 'Administrative fines imposed',
    unitVi: 'đồng',
    measure: 'MONEY',
    child: true,
    drillable: true,
    value: fact('FINES_IMPOSED'),
  },
  {
    no: '3.2',
    code: 'CONFISCATED_VALUE',
    nameVi: INDICATOR_NAMES_VI.CONFISCATED_VALUE,
    nameEn: 'Value of goods confiscated',
    unitVi: 'đồng',
    measure: 'MONEY',
    child: true,
    drillable: true,
    value: fact('CONFISCATED_VALUE'),
  },
  {
    no: '3.3',
    code: 'DESTROYED_VALUE',
    nameVi: INDICATOR_NAMES_VI.DESTROYED_VALUE,
    nameEn: 'Value of goods destroyed',
    unitVi: 'đồng',
    measure: 'MONEY',
    child: true,
    drillable: true,
    value: fact('DESTROYED_VALUE'),
  },
  {
    no: '4',
    code: 'BUDGET_COLLECTED',
    nameVi: INDICATOR_NAMES_VI.BUDGET_COLLECTED,
    nameEn: 'Paid into the state budget',
    unitVi: 'đồng',
    measure: 'MONEY',
    child: false,
    drillable: true,
    value: fact('BUDGET_COLLECTED'),
  },
  {
    no: '5',
    code: 'OUTSTANDING',
    nameVi: INDICATOR_NAMES_VI.OUTSTANDING,
    nameEn: 'Fines outstanding at the end of the period',
    unitVi: 'đồng',
    measure: 'MONEY',
    child: false,
    drillable: true,
    value: (_t, o) => o,
  },
  {
    no: '6',
    code: 'CRIMINAL_REFERRALS',
    nameVi: INDICATOR_NAMES_VI.CRIMINAL_REFERRALS,
    nameEn: 'Criminal referrals',
    unitVi: 'vụ',
    measure: 'COUNT',
    child: false,
    drillable: true,
    value: fact('CRIMINAL_REFERRALS'),
  },
  { no: '7', code: 'TIPS_RECEIVED', nameVi: INDICATOR_NAMES_VI.TIPS_RECEIVED, nameEn: 'Tips received', unitVi: 'tin', measure: 'COUNT', child: false, drillable: true, value: fact('TIPS_RECEIVED') },
  { no: '7.1', code: 'TIPS_HANDLED', nameVi: INDICATOR_NAMES_VI.TIPS_HANDLED, nameEn: 'Tips handled', unitVi: 'tin', measure: 'COUNT', child: true, drillable: true, value: fact('TIPS_HANDLED') },
  { no: '8', code: 'CASES_CLOSED', nameVi: INDICATOR_NAMES_VI.CASES_CLOSED, nameEn: 'Cases closed', unitVi: 'hồ sơ', measure: 'COUNT', child: false, drillable: true, value: fact('CASES_CLOSED') },
  {
    no: '8.1',
    code: 'AVERAGE_CYCLE_DAYS',
    nameVi: 'Thời gian xử lý bình quân',
    nameEn: 'Average time from opening to closing',
    unitVi: 'ngày',
    measure: 'DAYS',
    child: true,
    drillable: false,
    value: (t) => (t.CASES_CLOSED ? Math.round((t.CYCLE_DAYS / t.CASES_CLOSED) * 10) / 10 : null),
  },
  {
    no: '9',
    code: 'STEPS_ON_TIME',
    nameVi: INDICATOR_NAMES_VI.STEPS_ON_TIME,
    nameEn: 'Steps completed on time',
    unitVi: 'bước',
    measure: 'COUNT',
    child: false,
    drillable: true,
    value: fact('STEPS_ON_TIME'),
  },
  { no: '9.1', code: 'STEPS_LATE', nameVi: INDICATOR_NAMES_VI.STEPS_LATE, nameEn: 'Steps completed late', unitVi: 'bước', measure: 'COUNT', child: true, drillable: true, value: fact('STEPS_LATE') },
  {
    no: '9.2',
    code: 'ON_TIME_RATE',
    nameVi: 'Tỷ lệ hoàn thành đúng hạn',
    nameEn: 'Share completed on time',
    unitVi: '%',
    measure: 'PERCENT',
    child: true,
    drillable: false,
    value: (t) => (t.STEPS_ON_TIME + t.STEPS_LATE ? Math.round((t.STEPS_ON_TIME / (t.STEPS_ON_TIME + t.STEPS_LATE)) * 1000) / 10 : null),
  },
];

/** The change from last year's figure, in per cent (one decimal); null when there is nothing to compare with. */
export function changePercent(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}

/** Totals with every indicator at zero. */
export function zeroTotals(): TIndicatorTotals {
  return Object.fromEntries(FACT_INDICATORS.map((i) => [i, 0])) as TIndicatorTotals;
}
