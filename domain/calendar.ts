/**
 * Vietnamese legal time (pure; no I/O, no time zone library).
 *
 * - Civil Code 2015 Art. 147: for a period in days, weeks, months or years, the day of the
 *   triggering event is not counted; counting starts the next day.
 * - Civil Code 2015 Art. 148: a period ends at 24:00 of its last day; a month period ends on the
 *   corresponding day of the last month, or that month's last day; when the last day is a weekly
 *   rest day or a public holiday, the period ends at the end of the next working day.
 * - Law on Handling Administrative Violations Art. 8(1): periods follow the Civil Code unless the
 *   Law says "ngày làm việc" (working days).
 * - Working days for state agencies: Monday to Friday, minus public holidays and announced days
 *   off, plus any Saturday or Sunday the Government swaps in as a working day.
 *
 * Dates are calendar dates in Vietnam (`YYYY-MM-DD`); Vietnam keeps UTC+7 all year (no DST), so
 * the end of a legal day, 24:00 in Hà Nội, is 17:00 UTC of that date.
 */
import type { TBinds, TCalendarEntry, TPeriodUnit } from './calendar-schema.js';
import { vnDateOf, vnInstant } from './vn-time.js';

export type { TBinds, TCalendarEntry, TPeriodUnit } from './calendar-schema.js';

/** `YYYY-MM-DD` (whether the day exists is `isValidDate`'s to say). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date `YYYY-MM-DD` that exists. */
export type TIsoDate = string;
/** What counting reads of a calendar row (the API's `GET /api/v1/calendar/days` rows too). */
export type TCalendarDay = Pick<TCalendarEntry, 'date' | 'isWorkingDay' | 'reason' | 'status'>;

const DAY_MS = 86_400_000;
const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

function toDayNumber(date: TIsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): TIsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The dates INS takes where a date enters (ZIsoDate, the due-date route): 1900–2200. Every date the
 * law needs is inside (laws in force, records, periods of up to ten years), and a count from the
 * last day stays far from the end of the dates JavaScript and ISO strings can write (year 9999:
 * 30 days from 9999-12-20 was a RangeError, and working days came out as "+010000-01").
 */
export const DATE_RANGE = { min: '1900-01-01', max: '2200-12-31' } as const;

/** Whether a valid date lies within {@link DATE_RANGE}. */
export function isDateInRange(s: string): boolean {
  return s >= DATE_RANGE.min && s <= DATE_RANGE.max;
}

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const n = toDayNumber(s);
  return Number.isFinite(n) && fromDayNumber(n) === s;
}

export function addCalendarDays(date: TIsoDate, days: number): TIsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: TIsoDate): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

/** Why a plain weekend day is not counted, as the deadline's explanation says it ("Thứ Bảy", "Chủ nhật"); the web app says it in the reader's language. */
export function weekendReason(date: TIsoDate): string {
  return weekday(date) === 0 ? 'Chủ nhật' : 'Thứ Bảy';
}

/** `dd/mm/yyyy`, the format Vietnamese documents use. */
export function formatVi(date: TIsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/**
 * `months` months after `date` (Civil Code 2015 Art. 148(3)): the corresponding day of the last
 * month, or that month's last day when it has none (31/01 + 1 month = 28/02 or 29/02). The one
 * month arithmetic of INS: deadlines, extensions, limitation periods and form rules use it.
 */
export function addMonths(date: TIsoDate, months: number): TIsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month1 = (((monthIndex % 12) + 12) % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month1));
  return `${year}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant a legal day ends: 24:00 in Vietnam (UTC+7) = 17:00 UTC of that date. */
export function endOfLegalDay(date: TIsoDate): Date {
  return vnInstant(date, 24);
}

/** The Vietnamese calendar date of an instant. */
export function vietnamDateOf(instant: Date): TIsoDate {
  return vnDateOf(instant);
}

/** A day the count passed over, and why. */
export interface TSkippedDay {
  date: TIsoDate;
  reason: string;
}

/** Why a due date is what it is: shown to officers next to every deadline. */
export interface TDueDateExplanation {
  anchorDate: TIsoDate;
  amount: number;
  unit: TPeriodUnit;
  /** Counting starts on this day (the day after the anchor, Civil Code Art. 147). */
  countFrom: TIsoDate;
  /** For `days`/`months`: the nominal last day before rolling off a non-working day. */
  nominalEnd?: TIsoDate;
  due: TIsoDate;
  /** ISO instant of 24:00 Vietnam time on the due day. */
  dueAt: string;
  /** Non-working days passed over while counting working days, or rolled over at the end. */
  skipped: TSkippedDay[];
  /** Weekend days that counted because the Government made them working days. */
  countedSwappedDays: TSkippedDay[];
  /**
   * Set when the count crossed a day the Government has not confirmed (`EXPECTED`): how it was
   * counted for whom the period binds. The due date is recomputed when an admin confirms the day.
   */
  provisional?: TProvisional | undefined;
  rule: string;
  legalBasis: string;
  calendarVersion: string;
  /** One Vietnamese sentence an officer can read. */
  summaryVi: string;
}

export interface TProvisional {
  binds: TBinds;
  /** How the unconfirmed days were counted: as working days (agency) or days off (party). */
  treatedAs: 'WORKING' | 'OFF';
  days: TSkippedDay[];
  /**
   * Years the count reached whose days off the calendar does not hold at all (it has no row of
   * them): their weekdays were counted as working days, whoever the period binds. Absent when there
   * are none.
   */
  years?: number[] | undefined;
  noteVi: string;
}

export interface TDueDate {
  due: TIsoDate;
  explanation: TDueDateExplanation;
}

/** Periods this long or longer are refused: no procedure in the law runs that long. */
export const MAX_PERIOD = { working_days: 2_000, days: 3_660, months: 120 } as const;

/** Working days left at which the inbox calls a deadline "due soon" (sắp đến hạn). */
export const INBOX_SOON_WORKING_DAYS = 2;

export class WorkingCalendar {
  private readonly byDate: Map<TIsoDate, TCalendarDay>;
  /** The years the rows hold (a year entered has rows: its statutory days at least, 1/1 and 2/9). */
  private readonly years = new Set<number>();

  /**
   * @param entries the calendar rows; `PENDING` rows are kept for display but ignored in counting;
   *   `EXPECTED` rows count as the `binds` argument of each question says.
   * @param version an identifier of this set of rows (recorded with every computed deadline).
   */
  constructor(
    entries: readonly TCalendarDay[],
    readonly version: string = 'unversioned',
  ) {
    this.byDate = new Map();
    for (const e of entries) {
      if (e.status === 'PENDING') continue;
      this.byDate.set(e.date, e);
      this.years.add(Number(e.date.slice(0, 4)));
    }
  }

  /**
   * Whether the calendar holds the days off of `date`'s year: whether it has a row of that year
   * (pending rows aside). A calendar with no rows says nothing of any year (it counts weekends only).
   */
  holdsYearOf(date: TIsoDate): boolean {
    return this.years.size === 0 || this.years.has(Number(date.slice(0, 4)));
  }

  /** The applicable (non-pending) exception for a date, if any. */
  entry(date: TIsoDate): TCalendarDay | undefined {
    return this.byDate.get(date);
  }

  /**
   * Whether state agencies work on `date`. A day the Government has not confirmed (`EXPECTED`)
   * counts as a working day for the agency's own periods and as a day off for the party's.
   */
  isWorkingDay(date: TIsoDate, binds: TBinds = 'AGENCY'): boolean {
    const e = this.byDate.get(date);
    if (e?.status === 'EXPECTED') return binds === 'AGENCY';
    if (e) return e.isWorkingDay;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  /** Whether `date` is a day whose status the Government has not confirmed yet. */
  isUncertain(date: TIsoDate): boolean {
    return this.byDate.get(date)?.status === 'EXPECTED';
  }

  /** Why a date is not a working day (for explanations). */
  nonWorkingReason(date: TIsoDate): string {
    const e = this.byDate.get(date);
    if (e && !e.isWorkingDay) return e.status === 'EXPECTED' ? `${e.reason} (dự kiến)` : e.reason;
    return weekendReason(date);
  }

  /**
   * Working days left from `today` to `due` (the inbox countdown): 0 when due today, the working
   * days after today up to and including the due day when later, and minus the working days since
   * the due day when it has passed.
   */
  workingDaysBetween(today: TIsoDate, due: TIsoDate, binds: TBinds = 'AGENCY'): number {
    if (due === today) return 0;
    const forward = due > today;
    const [from, to] = forward ? [today, due] : [due, today];
    let n = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (this.isWorkingDay(d, binds)) n++;
    return forward ? n : -n;
  }

  /**
   * The instant up to which a deadline is "due soon" in the inbox: due within `soonDays` working
   * days of `today` (the countdown's `left ≤ soonDays`, web/src/lib/working-days.ts `urgencyOf`),
   * i.e. before the start of the working day after those. A deadline at 24:00 of a day is that day's.
   */
  dueSoonUntil(today: TIsoDate, soonDays: number = INBOX_SOON_WORKING_DAYS): Date {
    let d = today;
    for (let n = 0; n <= soonDays;) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) n++;
    }
    return endOfLegalDay(addCalendarDays(d, -1));
  }

  /** The first working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: TIsoDate, skipped?: TSkippedDay[], binds: TBinds = 'AGENCY'): TIsoDate {
    let d = date;
    for (let guard = 0; guard < 400; guard++) {
      if (this.isWorkingDay(d, binds)) return d;
      skipped?.push({ date: d, reason: this.nonWorkingReason(d) });
      d = addCalendarDays(d, 1);
    }
    throw new Error(`no working day within 400 days after ${date}: the calendar is wrong`);
  }

  /**
   * The due date of a period of `amount` `unit` that starts with an event on `anchorDate`.
   * `amount` must be ≥ 1, except 0 `days`: "on that day" (a date set in a decision), which only
   * moves off a day off (Civil Code Art. 148). `binds` says whom the period binds (default: the
   * agency), which decides how days not yet confirmed are counted.
   */
  dueDate(input: { anchorDate: TIsoDate; amount: number; unit: TPeriodUnit; legalBasis?: string; binds?: TBinds | undefined }): TDueDate {
    const { anchorDate, amount, unit } = input;
    const binds = input.binds ?? 'AGENCY';
    if (!isValidDate(anchorDate)) throw new RangeError(`anchor date ${anchorDate} is not a real date YYYY-MM-DD`);
    const least = unit === 'days' ? 0 : 1;
    if (!Number.isInteger(amount) || amount < least) throw new RangeError(`amount must be a whole number ≥ ${least}, got ${amount}`);
    if (amount > MAX_PERIOD[unit]) throw new RangeError(`amount ${amount} ${unit} is longer than any legal period (max ${MAX_PERIOD[unit]})`);

    const countFrom = addCalendarDays(anchorDate, amount === 0 ? 0 : 1);
    const skipped: TSkippedDay[] = [];
    const counted: TSkippedDay[] = [];
    const uncertain: TSkippedDay[] = [];
    const unheldYears = new Set<number>();
    const noteUncertain = (d: TIsoDate): void => {
      if (this.isUncertain(d)) uncertain.push({ date: d, reason: this.entry(d)!.reason });
      if (!this.holdsYearOf(d)) unheldYears.add(Number(d.slice(0, 4)));
    };
    let due: TIsoDate;
    let nominalEnd: TIsoDate | undefined;
    let rule: string;

    if (unit === 'working_days') {
      let d = anchorDate;
      let n = 0;
      while (n < amount) {
        d = addCalendarDays(d, 1);
        noteUncertain(d);
        if (this.isWorkingDay(d, binds)) {
          n++;
          const wd = weekday(d);
          if (wd === 0 || wd === 6) counted.push({ date: d, reason: this.entry(d)?.reason ?? 'ngày làm bù' });
        } else {
          skipped.push({ date: d, reason: this.nonWorkingReason(d) });
        }
      }
      due = d;
      rule = `${amount} ngày làm việc, tính từ ngày tiếp theo ngày ${formatVi(anchorDate)}; không tính thứ Bảy, Chủ nhật, ngày lễ, ngày nghỉ bù; tính cả ngày làm bù`;
    } else {
      if (unit === 'days') {
        nominalEnd = addCalendarDays(anchorDate, amount);
        rule = amount === 0 ? `đến hết ngày ${formatVi(anchorDate)}` : `${amount} ngày (theo lịch), tính từ ngày tiếp theo ngày ${formatVi(anchorDate)}`;
      } else {
        nominalEnd = addMonths(anchorDate, amount);
        rule = `${amount} tháng từ ngày ${formatVi(anchorDate)}: kết thúc vào ngày tương ứng của tháng cuối, hoặc ngày cuối tháng nếu không có ngày tương ứng`;
      }
      // Art. 148(2)/(4): a period ending on a rest day or holiday ends at the end of the next working day.
      due = this.nextWorkingDayOnOrAfter(nominalEnd, skipped, binds);
      for (let d = nominalEnd; d <= due; d = addCalendarDays(d, 1)) noteUncertain(d);
      if (due !== nominalEnd) rule += `; ngày cuối ${formatVi(nominalEnd)} là ngày nghỉ nên chuyển sang ngày làm việc tiếp theo`;
    }

    const legalBasis =
      input.legalBasis ??
      (unit === 'working_days' ? 'Điều 8 Luật Xử lý vi phạm hành chính; ngày làm việc theo lịch nghỉ của cơ quan nhà nước' : 'Điều 147, 148 Bộ luật Dân sự 2015; Điều 8 Luật Xử lý vi phạm hành chính');

    const provisional = provisionalNote(uncertain, binds, [...unheldYears]);
    const skippedText = summarizeSkipped(skipped);
    const summaryVi =
      `Hạn ${WEEKDAYS_VI[weekday(due)]} ${formatVi(due)} (24:00)${provisional ? ' — tạm tính' : ''}: ` +
      (amount === 0 ? `đến hết ngày ${formatVi(anchorDate)}` : `${amount} ${unit === 'working_days' ? 'ngày làm việc' : unit === 'days' ? 'ngày' : 'tháng'} từ ngày ${formatVi(anchorDate)}`) +
      (skippedText ? `; bỏ qua ${skippedText}` : '') +
      (counted.length ? `; tính ngày làm bù ${counted.map((c) => formatVi(c.date)).join(', ')}` : '') +
      `; ${legalBasis}.` +
      (provisional ? ` ${provisional.noteVi}` : '');

    return {
      due,
      explanation: {
        anchorDate,
        amount,
        unit,
        countFrom,
        ...(nominalEnd ? { nominalEnd } : {}),
        due,
        dueAt: endOfLegalDay(due).toISOString(),
        skipped,
        countedSwappedDays: counted,
        ...(provisional ? { provisional } : {}),
        rule,
        legalBasis,
        calendarVersion: this.version,
        summaryVi,
      },
    };
  }
}

/**
 * The provisional mark of a count that crossed days not yet confirmed, or reached years whose days
 * off the calendar does not hold (`unheldYears`), or undefined. Either way the due date is
 * recomputed when an admin changes the calendar (the case workflows' CALENDAR_CHANGED).
 */
export function provisionalNote(uncertain: readonly TSkippedDay[], binds: TBinds, unheldYears: readonly number[] = []): TProvisional | undefined {
  if (uncertain.length === 0 && unheldYears.length === 0) return undefined;
  const days = [...new Map(uncertain.map((d) => [d.date, d])).values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const years = [...new Set(unheldYears)].sort((a, b) => a - b);
  // Days of a year the calendar does not hold count as working days on weekdays, whoever the period binds.
  const treatedAs = binds === 'AGENCY' || days.length === 0 ? 'WORKING' : 'OFF';
  const list = days.map((d) => formatVi(d.date)).join(', ');
  const notes: string[] = [];
  if (days.length)
    notes.push(
      binds === 'AGENCY'
        ? `ngày ${list} chưa được Chính phủ công bố là ngày nghỉ nên được tính là ngày làm việc (thời hạn của cơ quan)`
        : `ngày ${list} chưa được Chính phủ công bố nên được tính là ngày nghỉ (thời hạn của người vi phạm, không để họ mất ngày)`,
    );
  if (years.length) notes.push(`lịch nghỉ năm ${years.join(', ')} chưa có trong hệ thống nên chỉ thứ Bảy, Chủ nhật được tính là ngày nghỉ`);
  const noteVi = `Hạn tạm tính: ${notes.join('; ')}; sẽ tính lại khi lịch được ${years.length ? 'cập nhật' : 'xác nhận'}.`;
  return { binds, treatedAs, days, ...(years.length ? { years } : {}), noteVi };
}

/**
 * "Tết Nguyên đán 14/02–22/02/2026, Thứ Bảy 05/12 – Chủ nhật 06/12/2026": consecutive skipped days
 * merge into one run when they share a reason or one of them is a plain weekend day (the run takes
 * the holiday's name). A run of weekend days alone names each end's own day of the week.
 */
function summarizeSkipped(skipped: TSkippedDay[]): string {
  const runs: { reason: string; from: TSkippedDay; to: TSkippedDay }[] = [];
  for (const s of skipped) {
    const last = runs.at(-1);
    const adjacent = last !== undefined && addCalendarDays(last.to.date, 1) === s.date;
    if (last && adjacent && (last.reason === s.reason || isWeekendReason(s.reason) || isWeekendReason(last.reason))) {
      last.to = s;
      if (isWeekendReason(last.reason) && !isWeekendReason(s.reason)) last.reason = s.reason;
    } else {
      runs.push({ reason: s.reason, from: s, to: s });
    }
  }
  const dayMonth = (date: TIsoDate): string => formatVi(date).slice(0, 5);
  return runs
    .map(({ reason, from, to }) => {
      if (from.date === to.date) return `${reason} ${formatVi(from.date)}`;
      if (isWeekendReason(reason)) return `${from.reason} ${dayMonth(from.date)} – ${to.reason} ${formatVi(to.date)}`;
      return `${reason} ${dayMonth(from.date)}–${formatVi(to.date)}`;
    })
    .join(', ');
}

function isWeekendReason(reason: string): boolean {
  return reason === 'Thứ Bảy' || reason === 'Chủ nhật';
}
