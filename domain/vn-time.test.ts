import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfLegalDay, vietnamDateOf } from './calendar.js';
import { VN_OFFSET_MS, vnDateOf, vnInstant, vnWallClock, vnYearOf } from './vn-time.js';

describe("Vietnam's time", () => {
  it('turns an instant into the date, year and wall clock in Hà Nội (UTC+7, no daylight saving)', () => {
    expect(vnWallClock(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31T23:59:59.999');
    expect(vnDateOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(vnYearOf(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(vnDateOf(new Date('2026-07-01T00:00:00Z').getTime())).toBe('2026-07-01');
  });

  it('turns a Vietnamese date and wall-clock time into the instant', () => {
    expect(vnInstant('2027-01-05').toISOString()).toBe('2027-01-04T17:00:00.000Z');
    expect(vnInstant('2027-01-05', 8).toISOString()).toBe('2027-01-05T01:00:00.000Z');
    expect(vnInstant('2027-01-05', 23, 59, 59).toISOString()).toBe('2027-01-05T16:59:59.000Z');
    expect(vnInstant('2027-01-05', 23, 59, 59, 999).getTime()).toBe(new Date('2027-01-05T23:59:59.999+07:00').getTime());
    expect(vnInstant('2027-01-05', 24).getTime()).toBe(endOfLegalDay('2027-01-05').getTime());
    expect(Number.isNaN(vnInstant('not a date').getTime())).toBe(true);
  });

  it('agrees with the +07:00 offset written out, for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const date = vnDateOf(ms);
        expect(date).toBe(vietnamDateOf(new Date(ms)));
        const midnight = new Date(`${date}T00:00:00+07:00`).getTime();
        expect(vnInstant(date).getTime()).toBe(midnight);
        expect(ms - midnight).toBeGreaterThanOrEqual(0);
        expect(ms - midnight).toBeLessThan(86_400_000);
        expect(vnWallClock(ms)).toBe(new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 23));
      }),
    );
  });
});
