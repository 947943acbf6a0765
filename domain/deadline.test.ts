/**
 * Deadlines as the law counts them: extensions counted from the anchor (n + m months, not m from
 * a date already moved off a day off), ceilings, dates set in decisions, and days the Government
 * has not confirmed yet (provisional, conservative for whoever the period binds, recomputed when
 * an admin confirms the day).
 */
import { describe, expect, it } from 'vitest';
import { addMonths, WorkingCalendar, type TCalendarEntry } from './calendar.js';
import { computeDeadline, type TDeadlineSpec } from './deadline.js';
import { HOLIDAYS_SEED } from './holidays-seed.js';

const cal = new WorkingCalendar(HOLIDAYS_SEED, 'seed');
/** An event during a Vietnamese day (noon). */
const on = (date: string): string => `${date}T05:00:00.000Z`;
const spec = (anchor: string, amount: number, unit: TDeadlineSpec['unit'], more: Partial<TDeadlineSpec> = {}): TDeadlineSpec => ({
  anchorAt: on(anchor),
  amount,
  unit,
  legalBasis: 'test',
  extensions: [],
  pauses: [],
  ...more,
});

describe('extensions are counted from the anchor', () => {
  it('1 month extended by 1 month from 02/12/2026 ends Tue 02/02/2027 (2 months from the anchor), not 04/02', () => {
    // 1 month alone ends Sat 02/01/2027 and moves to Mon 04/01; adding a month to that would give 04/02.
    expect(computeDeadline(cal, spec('2026-12-02', 1, 'months')).due).toBe('2027-01-04');
    const r = computeDeadline(cal, spec('2026-12-02', 1, 'months', { extensions: [{ amount: 1, unit: 'months' }] }));
    expect(r.due).toBe('2027-02-02');
    expect(r.explanation.extensions).toEqual([{ amount: 1, unit: 'months', dueBefore: '2027-01-04', dueAfter: '2027-02-02' }]);
    expect(r.explanation.summaryVi).toContain('tổng 2 tháng kể từ ngày 02/12/2026');
  });

  it('30 days extended by 15 from 04/12/2026 end Mon 18/01/2027 (45 days), not 19/01', () => {
    expect(computeDeadline(cal, spec('2026-12-04', 30, 'days')).due).toBe('2027-01-04');
    expect(computeDeadline(cal, spec('2026-12-04', 30, 'days', { extensions: [{ amount: 15, unit: 'days' }] })).due).toBe('2027-01-18');
  });

  it('months across month ends: 31/12/2026 + 1 + 1 month = 28/02/2027 (a Sunday) → Mon 01/03/2027; 31/01 + 1 month = 28/02', () => {
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(computeDeadline(cal, spec('2026-12-31', 1, 'months', { extensions: [{ amount: 1, unit: 'months' }] })).due).toBe('2027-03-01');
    // A month extension of a period that ended on 31/01 still counts from the anchor: 30/11 + 2 months = 30/01/2027 (Sat) → Mon 01/02.
    expect(computeDeadline(cal, spec('2026-11-30', 1, 'months', { extensions: [{ amount: 1, unit: 'months' }] })).due).toBe('2027-02-01');
  });

  it('a month extension across Tết 2026: 1 + 1 months from 16/12/2025 end Mon 16/02/2026 inside Tết → Mon 23/02/2026', () => {
    const r = computeDeadline(cal, spec('2025-12-16', 1, 'months', { extensions: [{ amount: 1, unit: 'months' }] }));
    expect(r.due).toBe('2026-02-23');
    expect(r.explanation.summaryVi).toContain('tổng 2 tháng');
  });

  it('working days extended by working days equal the sum counted once (5 + 5 from a record of Thu 12/02/2026, across Tết)', () => {
    const sum = computeDeadline(cal, spec('2026-02-12', 10, 'working_days')).due;
    expect(computeDeadline(cal, spec('2026-02-12', 5, 'working_days', { extensions: [{ amount: 5, unit: 'working_days' }] })).due).toBe(sum);
    expect(sum).toBe('2026-03-05');
  });
});

describe('a period counted from the date on the paper', () => {
  it('7 working days from a record dated Wed 25/11/2026 end Fri 04/12/2026, whenever the record is entered', () => {
    expect(computeDeadline(cal, spec('2026-11-25', 7, 'working_days')).due).toBe('2026-12-04');
  });

  it('0 days is "by the end of that day", moved off a day off (a date set in a decision)', () => {
    expect(computeDeadline(cal, spec('2026-12-09', 0, 'days')).due).toBe('2026-12-09');
    expect(computeDeadline(cal, spec('2026-12-12', 0, 'days')).due).toBe('2026-12-14');
  });

  it('a period after another: 5 working days from the end of the year that follows a notice of Fri 20/03/2026 (Art. 126; docs/adr/0206)', () => {
    // The year ends on Sat 20/03/2027, so at the end of Mon 22/03/2027 (Civil Code Art. 148); 5 working days from it: Mon 29/03/2027.
    const r = computeDeadline(cal, spec('2026-03-20', 5, 'working_days', { after: { amount: 12, unit: 'months', legalBasis: 'Điều 126' } }));
    expect(r.due).toBe('2027-03-29');
    expect(r.explanation.after).toEqual({ amount: 12, unit: 'months', anchorDate: '2026-03-20', ends: '2027-03-22', legalBasis: 'Điều 126' });
    expect(r.explanation.summaryVi).toMatch(/^Sau 12 tháng kể từ ngày 20\/03\/2026 \(hết ngày 22\/03\/2027; Điều 126\): Hạn .* 29\/03\/2027/);
  });

  it('a ceiling counted from another date wins when it is earlier (a seizure never outlasts the decision deadline)', () => {
    const r = computeDeadline(cal, spec('2026-12-10', 7, 'working_days', { cap: { anchorAt: on('2026-12-07'), legalBasis: 'Điều 125(8)' } }));
    expect(r.due).toBe('2026-12-16');
    expect(r.dueAt).toBe('2026-12-16T17:00:00.000Z');
    expect(r.explanation.capped).toEqual({ capDue: '2026-12-16', uncappedDue: '2026-12-21', legalBasis: 'Điều 125(8)' });
    // A ceiling later than the period changes nothing.
    expect(computeDeadline(cal, spec('2026-12-10', 7, 'working_days', { cap: { anchorAt: on('2026-12-11'), legalBasis: 'x' } })).explanation.capped).toBeUndefined();
  });
});

describe('days the Government has not confirmed (Tết 2027)', () => {
  it('are counted as working days for the agency and as days off for the party, and the due date says it is provisional', () => {
    const agency = computeDeadline(cal, spec('2027-01-29', 7, 'working_days'));
    const party = computeDeadline(cal, spec('2027-01-29', 7, 'working_days', { binds: 'PARTY' }));
    expect(agency.due).toBe('2027-02-12');
    expect(party.due).toBe('2027-02-18');
    expect(agency.explanation.provisional).toMatchObject({ binds: 'AGENCY', treatedAs: 'WORKING' });
    expect(party.explanation.provisional).toMatchObject({ binds: 'PARTY', treatedAs: 'OFF' });
    expect(agency.explanation.provisional!.days.map((d) => d.date)).toEqual(['2027-02-03', '2027-02-04', '2027-02-10', '2027-02-11']);
    expect(agency.explanation.summaryVi).toMatch(/tạm tính/);
    // Whatever the split, Fri 05/02, Mon 08/02 and Tue 09/02 are off for everyone.
    expect(agency.explanation.base).toMatchObject({
      skipped: expect.arrayContaining([
        { date: '2027-02-05', reason: 'Tết Nguyên đán' },
        { date: '2027-02-09', reason: 'Tết Nguyên đán' },
      ]),
    });
  });

  it('a calendar-day period ending on an unconfirmed day ends there for the agency and moves on for the party', () => {
    expect(computeDeadline(cal, spec('2027-01-31', 10, 'days')).due).toBe('2027-02-10');
    expect(computeDeadline(cal, spec('2027-01-31', 10, 'days', { binds: 'PARTY' })).due).toBe('2027-02-12');
  });

  it('a count that crosses no unconfirmed day is not provisional', () => {
    expect(computeDeadline(cal, spec('2026-12-02', 7, 'working_days')).explanation.provisional).toBeUndefined();
  });

  it('once an admin confirms the split, the due date is final: the same period recomputed on the new calendar', () => {
    // Say the Government announces 04/02–12/02/2027 off (the 2+3 split plus a swapped Friday): 03/02 and 11/02 turn out working.
    const announced: TCalendarEntry[] = HOLIDAYS_SEED.map((e) =>
      e.status !== 'EXPECTED' || !e.date.startsWith('2027-02') ? e : { ...e, status: 'ANNOUNCED', isWorkingDay: !['2027-02-04', '2027-02-10'].includes(e.date) },
    );
    announced.push({ date: '2027-02-12', isWorkingDay: false, reason: 'Nghỉ hoán đổi', status: 'ANNOUNCED', source: 'test' });
    const confirmed = new WorkingCalendar(announced, 'r2');
    const agency = computeDeadline(confirmed, spec('2027-01-29', 7, 'working_days'));
    const party = computeDeadline(confirmed, spec('2027-01-29', 7, 'working_days', { binds: 'PARTY' }));
    expect(agency.explanation.provisional).toBeUndefined();
    expect(party.explanation.provisional).toBeUndefined();
    // Working days after 29/01: 01, 02, 03 (worked), then 11 (worked), 15, 16, 17 → Wed 17/02 for both.
    expect(agency.due).toBe('2027-02-17');
    expect(party.due).toBe(agency.due);
    // The provisional dates bracketed the final one: the agency's never later, the party's never earlier.
    expect(computeDeadline(cal, spec('2027-01-29', 7, 'working_days')).due <= agency.due).toBe(true);
    expect(computeDeadline(cal, spec('2027-01-29', 7, 'working_days', { binds: 'PARTY' })).due >= party.due).toBe(true);
  });
});

describe('a year the calendar does not hold (the seed holds 2025–2027)', () => {
  it('a count that reaches 2028 is provisional: weekends alone counted as days off there, for the agency and the party alike', () => {
    // Fri 24/12/2027 + 10 working days: 27–31/12, then 03–07/01/2028 (1/1/2028 is a Saturday).
    for (const binds of ['AGENCY', 'PARTY'] as const) {
      const r = computeDeadline(cal, spec('2027-12-24', 10, 'working_days', { binds }));
      expect(r.due).toBe('2028-01-07');
      expect(r.explanation.provisional).toEqual({ binds, treatedAs: 'WORKING', days: [], years: [2028], noteVi: expect.stringContaining('lịch nghỉ năm 2028 chưa có trong hệ thống') });
      expect(r.explanation.summaryVi).toContain('Hạn tạm tính: lịch nghỉ năm 2028 chưa có trong hệ thống nên chỉ thứ Bảy, Chủ nhật được tính là ngày nghỉ; sẽ tính lại khi lịch được cập nhật.');
    }
  });

  it('a calendar-day period is provisional only when its last day falls in such a year (Civil Code Art. 148 moves only the end)', () => {
    expect(computeDeadline(cal, spec('2027-11-02', 1, 'months')).explanation.provisional).toBeUndefined();
    expect(computeDeadline(cal, spec('2027-12-15', 1, 'months')).explanation.provisional).toMatchObject({ years: [2028], days: [] });
    // Counted from a day before the calendar's first year: the end decides, not the anchor.
    expect(computeDeadline(cal, spec('2024-12-20', 1, 'months')).explanation.provisional).toBeUndefined();
    expect(computeDeadline(cal, spec('2024-11-20', 10, 'working_days')).explanation.provisional).toMatchObject({ years: [2024] });
  });

  it('an extension that reaches 2028 makes the whole deadline provisional; unconfirmed days and an unheld year are both said', () => {
    const r = computeDeadline(cal, spec('2027-11-20', 1, 'months', { extensions: [{ amount: 2, unit: 'months' }] }));
    expect(r.due).toBe('2028-02-21');
    expect(r.explanation.provisional).toMatchObject({ years: [2028] });
    expect(r.explanation.summaryVi).toContain('lịch nghỉ năm 2028');
    const both = computeDeadline(cal, spec('2027-01-29', 240, 'working_days'));
    expect(both.explanation.provisional).toMatchObject({ treatedAs: 'WORKING', years: [2028] });
    expect(both.explanation.provisional!.days.length).toBeGreaterThan(0);
    expect(both.explanation.provisional!.noteVi).toMatch(/^Hạn tạm tính: ngày 03\/02\/2027, .*; lịch nghỉ năm 2028 chưa có trong hệ thống .*; sẽ tính lại khi lịch được cập nhật\.$/);
  });

  it('a calendar with no rows says nothing of any year, and once the year is entered its count is final', () => {
    expect(computeDeadline(new WorkingCalendar([], 'empty'), spec('2027-12-24', 10, 'working_days')).explanation.provisional).toBeUndefined();
    const with2028 = new WorkingCalendar([...HOLIDAYS_SEED, { date: '2028-01-01', isWorkingDay: false, reason: 'Tết Dương lịch', status: 'STATUTORY', source: 'test' }], 'r2');
    const r = computeDeadline(with2028, spec('2027-12-24', 10, 'working_days'));
    expect(r.explanation.provisional).toBeUndefined();
    expect(r.due).toBe('2028-01-07');
  });

  it('a year between two held ones is not held for having neighbours: a row of 2029 entered early leaves 2028 provisional', () => {
    const with2029 = new WorkingCalendar([...HOLIDAYS_SEED, { date: '2029-01-01', isWorkingDay: false, reason: 'Tết Dương lịch', status: 'STATUTORY', source: 'test' }], 'r3');
    expect(computeDeadline(with2029, spec('2027-12-24', 10, 'working_days')).explanation.provisional).toMatchObject({ years: [2028] });
    // A row still pending (a proposed holiday, without legal force) does not enter a year.
    const pending2028 = new WorkingCalendar([...HOLIDAYS_SEED, { date: '2028-11-24', isWorkingDay: false, reason: 'Ngày Văn hóa Việt Nam', status: 'PENDING', source: 'test' }], 'r4');
    expect(computeDeadline(pending2028, spec('2027-12-24', 10, 'working_days')).explanation.provisional).toMatchObject({ years: [2028] });
  });
});

describe('a pause lengthens the period, whose end is then moved off a day off (Civil Code Art. 148)', () => {
  const paused = (from: string, to: string) => [{ from: on(from), to: on(to) }];

  it('10 days from 04/02/2026 end Sat 14/02 in Tết → Mon 23/02; two days paused end 16/02, still Tết → 23/02, not 25/02', () => {
    expect(computeDeadline(cal, spec('2026-02-04', 10, 'days')).due).toBe('2026-02-23');
    const r = computeDeadline(cal, spec('2026-02-04', 10, 'days', { pauses: paused('2026-02-05', '2026-02-07') }));
    expect(r.due).toBe('2026-02-23');
    expect(r.explanation.pauses).toEqual([expect.objectContaining({ daysAdded: 2, dueAfter: '2026-02-23' })]);
  });

  it('a month period paused: the days are added to the month’s end (16/01/2026 + 1 month = Mon 16/02 in Tết; 3 days paused → 19/02 → 23/02), not to 23/02', () => {
    const r = computeDeadline(cal, spec('2026-01-16', 1, 'months', { pauses: paused('2026-01-20', '2026-01-23') }));
    expect(r.due).toBe('2026-02-23');
  });

  it('a pause that carries the end past the days off still counts from the end: 10 days from 04/02/2026 with 12 days paused end Thu 26/02', () => {
    expect(computeDeadline(cal, spec('2026-02-04', 10, 'days', { pauses: paused('2026-02-05', '2026-02-17') })).due).toBe('2026-02-26');
  });

  it('a working-day period paused adds working days to its due date, as before', () => {
    const plain = computeDeadline(cal, spec('2026-11-02', 5, 'working_days'));
    expect(plain.due).toBe('2026-11-09');
    // Thu 05/11 to Mon 09/11: Thu and Fri stood still (2 working days) → Wed 11/11.
    expect(computeDeadline(cal, spec('2026-11-02', 5, 'working_days', { pauses: paused('2026-11-05', '2026-11-09') })).due).toBe('2026-11-11');
  });
});
