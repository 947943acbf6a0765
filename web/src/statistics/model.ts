/**
 * The statistics pages' pure part: the period, team and grouping asked for as the address keeps
 * them, the links to a report, a figure's cases and an export, the periods a picker offers, and
 * figures as the charts and tables write them. The periods themselves are the domain's
 * (domain/statistics/periods.ts), the rows of the official table too (domain/statistics/table.ts).
 */
import { STAT_DIMENSIONS, type TFactIndicator, type TStatDimension } from '../../../domain/statistics/indicators.js';
import { DEFAULT_PERIOD_START_DAY, customPeriod, periodContaining, periodOf, PERIOD_KINDS, type TPeriod, type TPeriodKind } from '../../../domain/statistics/periods.js';
import { SUMMARY_ROWS } from '../../../domain/statistics/table.js';
import { formatIsoDate } from '../lib/format.js';

/** The kinds of period a report is asked for: the statistical ones, or a range of dates. */
export const PERIOD_CHOICES = [...PERIOD_KINDS, 'CUSTOM'] as const;
type TPeriodChoice = (typeof PERIOD_CHOICES)[number];

/** What a report (and the cases behind one of its figures) is asked for, as the API's query names it. */
export interface TStatQuery {
  period: TPeriodChoice;
  /** `2026-12`, `2026-Q4`, `2026-H2`, `2026`; none: the period holding today. */
  key?: string | undefined;
  /** A custom range's first and last day, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  teamId?: string | undefined;
  groupBy?: TStatDimension | undefined;
}

/** What a drill-down lists: a figure of a report, in a group or an adjustment of it. */
export interface TDrillQuery extends TStatQuery {
  indicator: TFactIndicator | 'OUTSTANDING';
  /** With a dimension and no value: the group where it is not known. */
  dimension?: TStatDimension | undefined;
  value?: string | undefined;
  adjustmentOf?: string | undefined;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[0-9A-Z-]{4,8}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);
const text = (v: string | null): string | undefined => (v ? v : undefined);

/** The report asked for in the address (anything unreadable left to its default: the API says what it refuses). */
export function readStatQuery(params: URLSearchParams): TStatQuery {
  const period = oneOf(PERIOD_CHOICES, params.get('period')) ?? 'MONTH';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const key = params.get('key') ?? '';
  return {
    period,
    ...(period === 'CUSTOM' ? { from: ISO_DAY.test(from) ? from : undefined, to: ISO_DAY.test(to) ? to : undefined } : { key: KEY.test(key) ? key : undefined }),
    teamId: text(params.get('teamId')),
    groupBy: oneOf(STAT_DIMENSIONS, params.get('groupBy')),
  };
}

/** The indicators whose figures list their cases (the drillable rows of the official table). */
const DRILLABLE: readonly (TFactIndicator | 'OUTSTANDING')[] = SUMMARY_ROWS.filter((r) => r.drillable).map((r) => r.code as TFactIndicator | 'OUTSTANDING');

/** The figure asked for in a drill-down's address; undefined when it names none. */
export function readDrillQuery(params: URLSearchParams): TDrillQuery | undefined {
  const indicator = oneOf<TFactIndicator | 'OUTSTANDING'>([...DRILLABLE], params.get('indicator'));
  if (!indicator) return undefined;
  const dimension = oneOf(STAT_DIMENSIONS, params.get('dimension'));
  return {
    ...readStatQuery(params),
    groupBy: undefined,
    indicator,
    dimension,
    value: dimension ? text(params.get('value')) : undefined,
    adjustmentOf: text(params.get('adjustmentOf')),
  };
}

/** The query of an API read or a page's address, without what is empty (and no key for a custom range). */
export function statParams(q: TStatQuery | TDrillQuery): Record<string, string> {
  const out: Record<string, string> = { period: q.period };
  if (q.period === 'CUSTOM') {
    if (q.from) out.from = q.from;
    if (q.to) out.to = q.to;
  } else if (q.key) out.key = q.key;
  if (q.teamId) out.teamId = q.teamId;
  if (q.groupBy) out.groupBy = q.groupBy;
  if ('indicator' in q) {
    out.indicator = q.indicator;
    if (q.dimension) out.dimension = q.dimension;
    if (q.dimension && q.value) out.value = q.value;
    if (q.adjustmentOf) out.adjustmentOf = q.adjustmentOf;
  }
  return out;
}

const search = (q: TStatQuery | TDrillQuery): string => new URLSearchParams(statParams(q)).toString();

/** The report page of a period. */
export function reportHref(q: TStatQuery): string {
  return `/statistics/report?${search(q)}`;
}

/** The drill-down page of a figure: the cases behind it. */
export function drillHref(q: TDrillQuery): string {
  return `/statistics/cases?${search(q)}`;
}

/** An export of the report (CSV, Excel, PDF), served by the API with the session's cookie. */
export function exportHref(ext: 'csv' | 'xlsx' | 'pdf', q: TStatQuery): string {
  return `/api/v1/statistics/report.${ext}?${search(q)}`;
}

/** A period of the API (or the domain) as the query that asks for it again. */
export function queryOfPeriod(p: Pick<TPeriod, 'kind' | 'key' | 'from' | 'to'>, rest: Omit<TStatQuery, 'period' | 'key' | 'from' | 'to'> = {}): TStatQuery {
  return p.kind === 'CUSTOM' ? { period: 'CUSTOM', from: p.from, to: p.to, ...rest } : { period: p.kind, key: p.key, ...rest };
}

/** The period a query names, or undefined when it cannot be read (the API's refusal then says why). */
export function periodOfQuery(q: TStatQuery, today: string, startDay = DEFAULT_PERIOD_START_DAY): TPeriod | undefined {
  try {
    if (q.period === 'CUSTOM') return q.from && q.to ? customPeriod(q.from, q.to) : undefined;
    return q.key ? periodOf(q.period, q.key, startDay) : periodContaining(q.period, today, startDay);
  } catch {
    return undefined;
  }
}

/** The day before an ISO date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);
}

/** The `count` periods of a kind up to the one holding `today`, newest first (what the period picker offers). */
export function recentPeriods(kind: TPeriodKind, today: string, count: number, startDay = DEFAULT_PERIOD_START_DAY): TPeriod[] {
  const out = [periodContaining(kind, today, startDay)];
  while (out.length < count) out.push(periodContaining(kind, dayBefore(out[out.length - 1]!.from), startDay));
  return out;
}

/** The period before or after one of the same kind. */
export function siblingPeriod(p: TPeriod, direction: -1 | 1, startDay = DEFAULT_PERIOD_START_DAY): TPeriod | undefined {
  if (p.kind === 'CUSTOM') return undefined;
  const next = new Date(Date.parse(p.to) + 86_400_000).toISOString().slice(0, 10);
  return periodContaining(p.kind, direction === 1 ? next : dayBefore(p.from), startDay);
}

/** Whether a period has ended by `today` (only an ended period may be locked). */
export function hasEnded(p: Pick<TPeriod, 'to'>, today: string): boolean {
  return p.to < today;
}

/** A period's name without its dates: "Tháng 12/2026", "Quý 4/2026", "Q4 2026"… */
function periodName(p: Pick<TPeriod, 'kind' | 'key' | 'from' | 'to'>, lang: string): string {
  const y = p.key.slice(0, 4);
  const en = lang === 'en';
  switch (p.kind) {
    case 'MONTH':
      return `${en ? 'Month' : 'Tháng'} ${Number(p.key.slice(5, 7))}/${y}`;
    case 'QUARTER':
      return en ? `Q${p.key.slice(6)} ${y}` : `Quý ${p.key.slice(6)}/${y}`;
    case 'HALF':
      return p.key.endsWith('1') ? (en ? `First half of ${y}` : `6 tháng đầu năm ${y}`) : en ? `Second half of ${y}` : `6 tháng cuối năm ${y}`;
    case 'YEAR':
      return `${en ? 'Year' : 'Năm'} ${y}`;
    default:
      return en ? `${formatIsoDate(p.from)} to ${formatIsoDate(p.to)}` : `Từ ${formatIsoDate(p.from)} đến ${formatIsoDate(p.to)}`;
  }
}

/** A period's name with its dates: "Tháng 12/2026 (15/11/2026 – 14/12/2026)" (a custom range is its dates). */
export function periodLabel(p: Pick<TPeriod, 'kind' | 'key' | 'from' | 'to'>, lang: string): string {
  const name = periodName(p, lang);
  return p.kind === 'CUSTOM' ? name : `${name} (${formatIsoDate(p.from)} – ${formatIsoDate(p.to)})`;
}

/** A month's tick on a chart's axis: `12/2026`, or `12/26` where there is little room. */
export function monthTick(key: string, short: boolean): string {
  const m = Number(key.slice(5, 7));
  return short ? `${m}/${key.slice(2, 4)}` : `${m}/${key.slice(0, 4)}`;
}

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const enNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const viInteger = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * An amount of đồng in a few characters, for an axis or a card: "1,9 tỷ", "900 triệu", "500 nghìn"
 * ("1.9 bn", "900 m", "500 k" in English). The full amount goes beside it (tables, tooltips).
 */
export function formatCompactMoney(dong: number, lang: string): string {
  const en = lang === 'en';
  const fmt = en ? enNumber : viNumber;
  const abs = Math.abs(dong);
  const [div, unit] = abs >= 1e9 ? [1e9, en ? 'bn' : 'tỷ'] : abs >= 1e6 ? [1e6, en ? 'm' : 'triệu'] : abs >= 1e3 ? [1e3, en ? 'k' : 'nghìn'] : [1, ''];
  const n = fmt.format(dong / div);
  return unit ? `${n} ${unit}` : n;
}

/** A count as people read it: `1.234`. */
export function formatCount(n: number): string {
  return viInteger.format(n);
}

/** A figure of the official table in its measure: money in đồng (without the sign: the table says "đồng"), days and per cent with one decimal. */
export function formatMeasure(value: number | null, measure: 'MONEY' | 'COUNT' | 'DAYS' | 'PERCENT'): string {
  if (value === null) return '—';
  if (measure === 'DAYS' || measure === 'PERCENT') return `${viNumber.format(value)}${measure === 'PERCENT' ? '%' : ''}`;
  return viInteger.format(value);
}

/** A change from last year: `+12,5%`, `−3%`, or "—" when there is nothing to compare with. */
export function formatChange(pct: number | null): string {
  if (pct === null) return '—';
  if (pct === 0) return '0%';
  return `${pct > 0 ? '+' : '−'}${viNumber.format(Math.abs(pct))}%`;
}

/** A figure's share of the whole, in per cent with one decimal (`—` when the whole is zero). */
export function formatShare(part: number, whole: number): string {
  if (!whole) return '—';
  return `${viNumber.format(Math.round((part / whole) * 1000) / 10)}%`;
}

/**
 * Round steps for an axis from 0 to at least `max`: about `count` of them, each 1, 2, 2.5 or 5
 * times a power of ten (never below 1: counts are whole). Returns the ticks, 0 first.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2 && ticks.length <= count + 2; v += step) ticks.push(v);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** The unit of a row of the official table as a key of the locale (`units.case`…), from its Vietnamese word. */
export function unitKey(unitVi: string): string {
  return ({ vụ: 'case', đồng: 'dong', tin: 'tip', 'hồ sơ': 'file', ngày: 'day', bước: 'step', '%': 'percent' } as Record<string, string>)[unitVi] ?? 'none';
}

/** The indicators measured in đồng. */
export function isMoney(indicator: string): boolean {
  return SUMMARY_ROWS.some((r) => r.code === indicator && r.measure === 'MONEY');
}

/** The name of an indicator as the official table words it (its English name in English). */
export function indicatorName(code: string, lang: string): string {
  const row = SUMMARY_ROWS.find((r) => r.code === code);
  if (!row) return code;
  return lang === 'en' ? row.nameEn : row.nameVi;
}
