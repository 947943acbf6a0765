import { describe, expect, it } from 'vitest';
import { calendarDaysLeft, dueDateOf } from './Deadline.js';

describe('a countdown in calendar days', () => {
  it('counts the days a period in calendar days has left, as the law counts it (Art. 73: 10 days to pay)', () => {
    // Seen in a walkthrough: due 14/12/2026, on Sunday 06/12 the page said "6 working days left"; 8 days are left.
    expect(calendarDaysLeft('2026-12-06', dueDateOf('2026-12-14T17:00:00Z'))).toBe(8);
    expect(calendarDaysLeft('2026-12-14', '2026-12-14')).toBe(0);
    expect(calendarDaysLeft('2026-12-16', '2026-12-14')).toBe(-2);
    // Across a month and a year's end.
    expect(calendarDaysLeft('2026-12-30', '2027-01-04')).toBe(5);
  });
});
