import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays as addDays, WorkingCalendar, type TCalendarEntry } from '../../../domain/calendar.js';
import { HOLIDAYS_SEED } from '../../../domain/holidays-seed.js';
import { urgencyOf } from './working-days.js';

const rows: TCalendarEntry[] = [...HOLIDAYS_SEED];
/** The calendar as the web app builds it from the API's rows (no `source`), counting as the countdown does. */
const browser = new WorkingCalendar(
  rows.map(({ date, isWorkingDay, reason, status }) => ({ date, isWorkingDay, reason, status })),
  'api',
);
const server = new WorkingCalendar(rows, 'test');

describe('the working-day countdown of the web app', () => {
  it('skips weekends and the Tết holiday of 2026 and counts the swapped working Saturday', () => {
    // Friday 13/02/2026 → Monday 23/02/2026: the weekends and the five Tết days off in between.
    expect(browser.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    // Friday 09/01/2026 → Monday 12/01/2026: Saturday 10/01 is worked instead of 02/01.
    expect(browser.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(2);
    expect(browser.workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    expect(browser.workingDaysBetween('2026-03-10', '2026-03-09')).toBe(-1);
  });

  it('agrees with the server calendar: N working days from a date end on the due date it computes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 40 }), (offset, amount) => {
        const anchor = addDays('2025-01-01', offset);
        const { due } = server.dueDate({ anchorDate: anchor, amount, unit: 'working_days' });
        expect(browser.workingDaysBetween(anchor, due)).toBe(amount);
        expect(browser.workingDaysBetween(due, anchor)).toBe(-amount);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores calendar rows that are still pending, like the server', () => {
    const pending = new WorkingCalendar([{ date: '2026-03-10', isWorkingDay: false, reason: 'chưa xác nhận', status: 'PENDING' }]);
    expect(pending.isWorkingDay('2026-03-10')).toBe(true);
  });

  it('calls a deadline overdue once passed or breached, due soon within two working days', () => {
    expect(urgencyOf(-1, false)).toBe('overdue');
    expect(urgencyOf(3, true)).toBe('overdue');
    expect(urgencyOf(0, false)).toBe('soon');
    expect(urgencyOf(2, false)).toBe('soon');
    expect(urgencyOf(3, false)).toBe('ok');
  });
});
