import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, endOfLegalDay, isValidDate, vietnamDateOf, weekday, WorkingCalendar, type TCalendarEntry } from './calendar.js';
import { HOLIDAYS_SEED } from './holidays-seed.js';

const cal = new WorkingCalendar(HOLIDAYS_SEED, 'seed');

describe('the worked examples of vn-law.md §2.3', () => {
  it('7 working days from a record on Thu 12/02/2026 skip the Tết break and end Mon 02/03/2026', () => {
    const r = cal.dueDate({ anchorDate: '2026-02-12', amount: 7, unit: 'working_days' });
    expect(r.due).toBe('2026-03-02');
    expect(r.explanation.countFrom).toBe('2026-02-13');
    const skippedTet = r.explanation.skipped.filter((s) => s.reason === 'Tết Nguyên đán').map((s) => s.date);
    expect(skippedTet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(r.explanation.summaryVi).toContain('Tết Nguyên đán 14/02–22/02/2026');
    expect(r.explanation.summaryVi).toMatch(/^Hạn Thứ Hai 02\/03\/2026/);
  });

  it('7 working days from Thu 08/01/2026 count the swapped working Saturday 10/01 and end Fri 16/01/2026', () => {
    const r = cal.dueDate({ anchorDate: '2026-01-08', amount: 7, unit: 'working_days' });
    expect(r.due).toBe('2026-01-16');
    expect(r.explanation.countedSwappedDays.map((d) => d.date)).toEqual(['2026-01-10']);
    expect(r.explanation.summaryVi).toContain('tính ngày làm bù 10/01/2026');
  });

  it('10 calendar days from Wed 04/02/2026 end on Sat 14/02 inside Tết and move to Mon 23/02/2026', () => {
    const r = cal.dueDate({ anchorDate: '2026-02-04', amount: 10, unit: 'days' });
    expect(r.explanation.nominalEnd).toBe('2026-02-14');
    expect(r.due).toBe('2026-02-23');
    expect(r.explanation.skipped[0]).toEqual({ date: '2026-02-14', reason: 'Thứ Bảy' });
    expect(r.explanation.skipped.map((s) => s.date)).toContain('2026-02-20');
    expect(r.explanation.legalBasis).toMatch(/Điều 147, 148 Bộ luật Dân sự/);
  });
});

describe('the skipped days in the explanation', () => {
  it('names both days of a skipped weekend: Thứ Bảy 05/12 – Chủ nhật 06/12/2026', () => {
    expect(weekday('2026-12-05')).toBe(6);
    expect(weekday('2026-12-06')).toBe(0);
    // Thu 03/12/2026 + 2 working days: Fri 04/12, (weekend), Mon 07/12.
    const r = cal.dueDate({ anchorDate: '2026-12-03', amount: 2, unit: 'working_days' });
    expect(r.due).toBe('2026-12-07');
    expect(r.explanation.summaryVi).toContain('bỏ qua Thứ Bảy 05/12 – Chủ nhật 06/12/2026;');
    expect(r.explanation.summaryVi).not.toContain('Thứ Bảy 05/12–06/12');
  });

  it('names each weekend of a longer count, and a single skipped day by its own weekday', () => {
    // Thu 03/12/2026 + 7 working days: two weekends skipped, due Mon 14/12.
    const r = cal.dueDate({ anchorDate: '2026-12-03', amount: 7, unit: 'working_days' });
    expect(r.due).toBe('2026-12-14');
    expect(r.explanation.summaryVi).toContain('bỏ qua Thứ Bảy 05/12 – Chủ nhật 06/12/2026, Thứ Bảy 12/12 – Chủ nhật 13/12/2026;');
    // 10 calendar days from Thu 26/11/2026 end Sun 06/12: only the Sunday is skipped.
    const sunday = cal.dueDate({ anchorDate: '2026-11-26', amount: 10, unit: 'days' });
    expect(sunday.due).toBe('2026-12-07');
    expect(sunday.explanation.summaryVi).toContain('bỏ qua Chủ nhật 06/12/2026;');
    // ...and 10 from Wed 25/11 end Sat 05/12: the whole weekend is skipped.
    const saturday = cal.dueDate({ anchorDate: '2026-11-25', amount: 10, unit: 'days' });
    expect(saturday.explanation.summaryVi).toContain('bỏ qua Thứ Bảy 05/12 – Chủ nhật 06/12/2026;');
  });

  it('keeps a holiday’s name for its whole break, weekend days included', () => {
    const r = cal.dueDate({ anchorDate: '2026-02-12', amount: 7, unit: 'working_days' });
    expect(r.explanation.summaryVi).toContain('bỏ qua Tết Nguyên đán 14/02–22/02/2026, Thứ Bảy 28/02 – Chủ nhật 01/03/2026;');
  });
});

describe('boundary cases', () => {
  it('counts across the year end, skipping New Year and its swapped Friday', () => {
    // Wed 31/12/2025: Thu 01/01 holiday, Fri 02/01 swapped off, weekend, then Mon 05/01 is day 1.
    expect(cal.dueDate({ anchorDate: '2025-12-31', amount: 1, unit: 'working_days' }).due).toBe('2026-01-05');
    // ...and Sat 10/01 is a working day, so 5 working days end Sat 10/01.
    expect(cal.dueDate({ anchorDate: '2025-12-31', amount: 5, unit: 'working_days' }).due).toBe('2026-01-09');
    expect(cal.dueDate({ anchorDate: '2025-12-31', amount: 6, unit: 'working_days' }).due).toBe('2026-01-10');
  });

  it('does not count the day of the event itself, even when it is a working day', () => {
    expect(cal.dueDate({ anchorDate: '2026-03-02', amount: 1, unit: 'working_days' }).due).toBe('2026-03-03');
    expect(cal.dueDate({ anchorDate: '2026-03-02', amount: 1, unit: 'days' }).due).toBe('2026-03-03');
  });

  it('starts counting after an event on a holiday or a weekend', () => {
    expect(cal.dueDate({ anchorDate: '2026-02-17', amount: 1, unit: 'working_days' }).due).toBe('2026-02-23');
    expect(cal.dueDate({ anchorDate: '2026-03-07', amount: 1, unit: 'working_days' }).due).toBe('2026-03-09');
  });

  it('ends a month period on the corresponding day, or the last day of a shorter month', () => {
    expect(cal.dueDate({ anchorDate: '2026-03-16', amount: 1, unit: 'months' }).due).toBe('2026-04-16');
    // 31/01/2026 + 1 month = 28/02/2026 (a Saturday) → Mon 02/03/2026.
    const r = cal.dueDate({ anchorDate: '2026-01-31', amount: 1, unit: 'months' });
    expect(r.explanation.nominalEnd).toBe('2026-02-28');
    expect(r.due).toBe('2026-03-02');
    // Leap year: 31/01/2028 + 1 month = 29/02/2028 (Tuesday).
    expect(cal.dueDate({ anchorDate: '2028-01-31', amount: 1, unit: 'months' }).due).toBe('2028-02-29');
    // Across the year: 30/11/2026 + 2 months = 30/01/2027 (Saturday) → Mon 01/02/2027.
    expect(cal.dueDate({ anchorDate: '2026-11-30', amount: 2, unit: 'months' }).due).toBe('2027-02-01');
    expect(cal.dueDate({ anchorDate: '2026-12-15', amount: 12, unit: 'months' }).due).toBe('2027-12-15');
  });

  it('rolls a period ending on a holiday to the next working day, past a whole break', () => {
    // 29/04/2026 + 1 day = Thu 30/04 holiday, Fri 01/05 holiday, weekend → Mon 04/05.
    const r = cal.dueDate({ anchorDate: '2026-04-29', amount: 1, unit: 'days' });
    expect(r.due).toBe('2026-05-04');
    expect(r.explanation.skipped.map((s) => s.reason)).toEqual(['Ngày Chiến thắng', 'Ngày Quốc tế Lao động', 'Thứ Bảy', 'Chủ nhật']);
  });

  it('ignores PENDING rows until an admin confirms them', () => {
    expect(cal.isWorkingDay('2026-08-31')).toBe(true);
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
    const confirmed = new WorkingCalendar(
      HOLIDAYS_SEED.map((e) => (e.date === '2026-08-31' ? { ...e, status: 'ANNOUNCED' as const } : e)),
      'v2',
    );
    expect(confirmed.isWorkingDay('2026-08-31')).toBe(false);
    expect(confirmed.dueDate({ anchorDate: '2026-08-28', amount: 1, unit: 'working_days' }).due).toBe('2026-09-03');
  });

  it('uses the compensatory days off the seed computes for 2026 and 2027', () => {
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.isWorkingDay('2027-05-03')).toBe(false);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
  });

  it('gives the instant a legal day ends, 24:00 in Vietnam', () => {
    expect(endOfLegalDay('2026-03-02').toISOString()).toBe('2026-03-02T17:00:00.000Z');
    expect(vietnamDateOf(new Date('2026-03-02T16:59:59Z'))).toBe('2026-03-02');
    expect(vietnamDateOf(new Date('2026-03-02T17:00:00Z'))).toBe('2026-03-03');
  });

  it('refuses bad input with a clear message', () => {
    expect(() => cal.dueDate({ anchorDate: '2026-02-30', amount: 1, unit: 'days' })).toThrow(/not a real date/);
    expect(() => cal.dueDate({ anchorDate: '2026-02-01', amount: 0, unit: 'working_days' })).toThrow(/whole number ≥ 1/);
    expect(() => cal.dueDate({ anchorDate: '2026-02-01', amount: -1, unit: 'days' })).toThrow(/whole number ≥ 0/);
    expect(() => cal.dueDate({ anchorDate: '2026-02-01', amount: 1.5, unit: 'working_days' })).toThrow(/whole number/);
    expect(() => cal.dueDate({ anchorDate: '2026-02-01', amount: 5000, unit: 'working_days' })).toThrow(/longer than any legal period/);
  });

  it('validates dates', () => {
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2027-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('26-01-01')).toBe(false);
  });
});

describe('properties over any calendar', () => {
  const date = fc.integer({ min: 0, max: 3650 }).map((n) => addCalendarDays('2024-01-01', n));
  const entries = fc.array(
    fc.record({ date, isWorkingDay: fc.boolean() }).map((e): TCalendarEntry => ({ ...e, reason: e.isWorkingDay ? 'làm bù' : 'nghỉ', status: 'ANNOUNCED', source: 'test' })),
    { maxLength: 60 },
  );

  it('a working-day period ends on a working day after the anchor, having counted exactly N working days', () => {
    fc.assert(
      fc.property(entries, date, fc.integer({ min: 1, max: 40 }), (rows, anchor, n) => {
        const c = new WorkingCalendar(rows);
        const { due, explanation } = c.dueDate({ anchorDate: anchor, amount: n, unit: 'working_days' });
        expect(c.isWorkingDay(due)).toBe(true);
        let count = 0;
        for (let d = addCalendarDays(anchor, 1); d <= due; d = addCalendarDays(d, 1)) if (c.isWorkingDay(d)) count++;
        expect(count).toBe(n);
        // Every day between the anchor and the due date is either counted or listed as skipped.
        const span = Math.round((Date.parse(due) - Date.parse(anchor)) / 86_400_000);
        expect(span).toBe(n + explanation.skipped.length);
      }),
    );
  });

  it('a calendar-day period ends on the first working day on or after anchor + N, never earlier', () => {
    fc.assert(
      fc.property(entries, date, fc.integer({ min: 1, max: 400 }), (rows, anchor, n) => {
        const c = new WorkingCalendar(rows);
        const { due } = c.dueDate({ anchorDate: anchor, amount: n, unit: 'days' });
        const nominal = addCalendarDays(anchor, n);
        expect(due >= nominal).toBe(true);
        expect(c.isWorkingDay(due)).toBe(true);
        for (let d = nominal; d < due; d = addCalendarDays(d, 1)) expect(c.isWorkingDay(d)).toBe(false);
      }),
    );
  });

  it('more working days never end earlier', () => {
    fc.assert(
      fc.property(entries, date, fc.integer({ min: 1, max: 60 }), (rows, anchor, n) => {
        const c = new WorkingCalendar(rows);
        expect(c.dueDate({ anchorDate: anchor, amount: n + 1, unit: 'working_days' }).due > c.dueDate({ anchorDate: anchor, amount: n, unit: 'working_days' }).due).toBe(true);
      }),
    );
  });

  it('knows the weekday of every date', () => {
    expect(weekday('2026-02-12')).toBe(4);
    expect(weekday('2026-01-10')).toBe(6);
  });
});

describe('the inbox’s "due soon" (dueSoonUntil)', () => {
  it('ends with the second working day after today, a weekend in between or not', () => {
    // Monday 14/12/2026: due by 24:00 on Wednesday.
    expect(cal.dueSoonUntil('2026-12-14')).toEqual(endOfLegalDay('2026-12-16'));
    // Friday 18/12/2026: the weekend does not count; Monday and Tuesday do.
    expect(cal.dueSoonUntil('2026-12-18')).toEqual(endOfLegalDay('2026-12-22'));
  });

  it('agrees with the countdown: a due date is soon exactly when at most two working days are left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 20 }), (start, ahead) => {
        const today = addCalendarDays('2025-01-01', start);
        const due = addCalendarDays(today, ahead);
        const soon = endOfLegalDay(due).getTime() <= cal.dueSoonUntil(today).getTime();
        expect(soon).toBe(cal.workingDaysBetween(today, due) <= 2);
      }),
    );
  });
});
