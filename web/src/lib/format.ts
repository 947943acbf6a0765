/**
 * Dates, times and money the way Vietnamese documents write them, whatever the interface language:
 * dates dd/mm/yyyy in Vietnam's time, money `1.500.000 ₫`.
 */
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

/** `dd/mm/yyyy` typed by a person → `YYYY-MM-DD`, or undefined when it is not a real date. */
export function parseViDate(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
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
