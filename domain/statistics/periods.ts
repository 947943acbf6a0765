/**
 * Reporting periods (../shared/domain/vn-law.md §4): the state's statistical month runs from the
 * 15th of the month before to the 14th of the month (the cut-off day is a national parameter,
 * `statisticsPeriodStartDay`, 15 by default; 1 gives calendar months). A quarter, a half-year and
 * a year are runs of those months: the year 2025 runs from 15/12/2024 to 14/12/2025. Pure.
 */

export const PERIOD_KINDS = ['MONTH', 'QUARTER', 'HALF', 'YEAR'] as const;
export type TPeriodKind = (typeof PERIOD_KINDS)[number];

export interface TPeriod {
  kind: TPeriodKind | 'CUSTOM';
  /** `2025-11`, `2025-Q4`, `2025-H2`, `2025`; `2025-01-01..2025-03-31` for a custom range. */
  key: string;
  /** First and last day, inclusive (ISO dates). */
  from: string;
  to: string;
}

/** The default first day of the statistical month. */
export const DEFAULT_PERIOD_START_DAY = 15;

const KEY = {
  MONTH: /^(\d{4})-(0[1-9]|1[0-2])$/,
  QUARTER: /^(\d{4})-Q([1-4])$/,
  HALF: /^(\d{4})-H([12])$/,
  YEAR: /^(\d{4})$/,
} as const;

const iso = (y: number, m: number, d: number): string => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const dayBefore = (date: string): string => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

/** The first day of statistical month `m` of year `y` (m may run past 12 or below 1). */
function monthStart(y: number, m: number, startDay: number): string {
  return startDay === 1 ? iso(y, m, 1) : iso(y, m - 1, startDay);
}

function checkStartDay(startDay: number): void {
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) throw new RangeError(`the period's first day must be 1 to 28, not ${startDay}`);
}

/** The period of a kind and key, or an error that says what a key looks like. */
export function periodOf(kind: TPeriodKind, key: string, startDay = DEFAULT_PERIOD_START_DAY): TPeriod {
  checkStartDay(startDay);
  const m = KEY[kind].exec(key);
  if (!m) throw new RangeError(`a ${kind.toLowerCase()} is written ${{ MONTH: '2025-11', QUARTER: '2025-Q4', HALF: '2025-H2', YEAR: '2025' }[kind]}, not "${key}"`);
  const y = Number(m[1]);
  const [first, months] = kind === 'MONTH' ? [Number(m[2]), 1] : kind === 'QUARTER' ? [(Number(m[2]) - 1) * 3 + 1, 3] : kind === 'HALF' ? [(Number(m[2]) - 1) * 6 + 1, 6] : [1, 12];
  return { kind, key, from: monthStart(y, first, startDay), to: dayBefore(monthStart(y, first + months, startDay)) };
}

/** A custom range: both ends inclusive, at most 10 years and 1 day. */
export function customPeriod(from: string, to: string): TPeriod {
  const ok = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && iso(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))) === d;
  if (!ok(from) || !ok(to)) throw new RangeError('a period runs between two dates written YYYY-MM-DD');
  if (to < from) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  if (Date.parse(to) - Date.parse(from) > 3_653 * 86_400_000) throw new RangeError('a period spans at most ten years');
  return { kind: 'CUSTOM', key: `${from}..${to}`, from, to };
}

/** The period of a kind that holds a date. */
export function periodContaining(kind: TPeriodKind, date: string, startDay = DEFAULT_PERIOD_START_DAY): TPeriod {
  checkStartDay(startDay);
  let y = Number(date.slice(0, 4));
  let mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  // From the start day on, a date belongs to the next statistical month.
  if (startDay > 1 && d >= startDay) mo += 1;
  if (mo > 12) {
    mo = 1;
    y += 1;
  }
  const key = kind === 'MONTH' ? `${y}-${String(mo).padStart(2, '0')}` : kind === 'QUARTER' ? `${y}-Q${Math.ceil(mo / 3)}` : kind === 'HALF' ? `${y}-H${mo <= 6 ? 1 : 2}` : `${y}`;
  return periodOf(kind, key, startDay);
}

/** The period right after one of the same kind. */
export function nextPeriod(p: TPeriod, startDay = DEFAULT_PERIOD_START_DAY): TPeriod {
  if (p.kind === 'CUSTOM') throw new RangeError('a custom range has no next period');
  return periodContaining(p.kind, iso(Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7)), Number(p.to.slice(8, 10)) + 1), startDay);
}

/** The `count` months up to and including the one holding `date`, oldest first (a dashboard's series). */
export function monthsUpTo(date: string, count: number, startDay = DEFAULT_PERIOD_START_DAY): TPeriod[] {
  const out = [periodContaining('MONTH', date, startDay)];
  while (out.length < count) out.unshift(periodContaining('MONTH', dayBefore(out[0]!.from), startDay));
  return out;
}

/** How a period is named in Vietnamese: "Tháng 11/2025 (15/10/2025 – 14/11/2025)". */
export function periodLabelVi(p: TPeriod): string {
  const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  const y = p.key.slice(0, 4);
  const name =
    p.kind === 'MONTH'
      ? `Tháng ${Number(p.key.slice(5, 7))}/${y}`
      : p.kind === 'QUARTER'
        ? `Quý ${p.key.slice(6)}/${y}`
        : p.kind === 'HALF'
          ? `${p.key.endsWith('1') ? '6 tháng đầu' : '6 tháng cuối'} năm ${y}`
          : p.kind === 'YEAR'
            ? `Năm ${y}`
            : 'Từ ngày đến ngày';
  return `${name} (${dmy(p.from)} – ${dmy(p.to)})`;
}
