/**
 * Dates, times and money the way Vietnamese documents write them, whatever the interface language:
 * dates dd/mm/yyyy in Vietnam's time, money `1.500.000 ₫`.
 */
import { isValidDate, weekday, weekendReason } from '../../../domain/calendar.js';
import { VN_TIME_ZONE as TZ, vnDateOf } from '../../../domain/vn-time.js';

const dateFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
const moneyFmt = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const groupFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** `YYYY-MM-DD` → `dd/mm/yyyy` (a calendar date: no time zone can move it). */
export function formatIsoDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** An instant as its date in Vietnam, dd/mm/yyyy. */
export function formatDate(instant: string | Date): string {
  return dateFmt.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** An instant as `dd/mm/yyyy HH:mm` in Vietnam. */
export function formatDateTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

/** `1500000` → `1.500.000 ₫` (Intl puts a no-break space before the sign; shown as a space). */
export function formatMoney(dong: number): string {
  return moneyFmt.format(dong).replace(/\u00a0/g, ' ');
}

/** `1500000` → `1.500.000`, for a money field as it is typed. */
export function formatThousands(n: number): string {
  return groupFmt.format(n);
}

/** Today's date in Vietnam, `YYYY-MM-DD`. */
export function todayInVietnam(now: Date = new Date()): string {
  return vnDateOf(now);
}

/** A date field's text, read: nothing, a date, a day that does not exist, or not a date at all. */
export type TTypedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  /** Written like a date but no such day exists (31/02/2026, 00/01/2026, 01/13/2026); `typed` is it as dd/mm/yyyy. */
  | { kind: 'noSuchDate'; typed: string }
  | { kind: 'format' };

/**
 * A date as people type it: `25/11/2026`, `5/1/2026`, `25112026` (eight digits, no separators),
 * `25-11-2026` or `25.11.2026` — day first, as Vietnamese documents write it. Whether the day
 * exists is the server's own check (`isValidDate`, domain/calendar.ts).
 */
export function readViDate(text: string): TTypedDate {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  const separated = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  const [day, month, year] = separated ? [separated[1]!, separated[3]!, separated[4]!] : digits ? [digits[1]!, digits[2]!, digits[3]!] : [];
  if (!day || !month || !year) return { kind: 'format' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isValidDate(iso) ? { kind: 'date', iso } : { kind: 'noSuchDate', typed: formatIsoDate(iso) };
}

/** A date typed by a person (any form {@link readViDate} reads) → `YYYY-MM-DD`, or undefined when it is not a real date. */
export function parseViDate(text: string): string | undefined {
  const typed = readViDate(text);
  return typed.kind === 'date' ? typed.iso : undefined;
}

/** A byte count for people: `2,4 MB`. */
export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}

/** A count grouped by thousands with a narrow no-break space, the same in both languages: `1000` → `1 000`. */
export function groupedCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/**
 * A notification's parameters as its sentence uses them: the step's English title in English, a
 * paper's title in the reader's language and inside the sentence (its first letter small), a day
 * (the payment reconciliation's, `YYYY-MM-DD`) as dd/mm/yyyy.
 */
export function notificationParams(params: Record<string, unknown>, language: string): Record<string, unknown> {
  const paper = language === 'en' && typeof params['paperEn'] === 'string' ? params['paperEn'] : params['paper'];
  return {
    ...params,
    ...(language === 'en' && typeof params['stepEn'] === 'string' ? { step: params['stepEn'] } : {}),
    ...(typeof paper === 'string' ? { paper: paper.charAt(0).toLocaleLowerCase(language) + paper.slice(1) } : {}),
    ...(typeof params['day'] === 'string' ? { day: formatIsoDate(params['day']) } : {}),
  };
}

/**
 * Why a day is off, as the calendar gives it (`nonWorkingReason`), in the reader's words: a plain
 * weekend day named by `weekdayName` (0 Sunday … 6 Saturday: the reader's language), a holiday by
 * its name as the calendar has it.
 */
export function dayOffText(date: string, reason: string, weekdayName: (day: number) => string): string {
  return reason === weekendReason(date) ? weekdayName(weekday(date)) : reason;
}

/** The days a deadline did not count, as its explanation lists them: `dd/mm/yyyy (why)` (`dayOffText`). */
export function skippedDaysText(skipped: readonly { date: string; reason: string }[], weekdayName: (day: number) => string): string {
  return skipped.map((s) => `${formatIsoDate(s.date)} (${dayOffText(s.date, s.reason, weekdayName)})`).join('; ');
}
