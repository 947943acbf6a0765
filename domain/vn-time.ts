/**
 * Vietnam's time (giờ Việt Nam), the one place INS turns an instant into a Vietnamese date or wall
 * clock and back. Vietnam keeps UTC+7 all year (no daylight saving since 1975), so this is fixed-
 * offset arithmetic: pure functions of the instant given, safe in workflow code (deterministic) and
 * bundled into the web app. Display formatting with `Intl` names {@link VN_TIME_ZONE}.
 */

/** The IANA zone of Vietnam, for `Intl` formatting and Temporal Schedule specs. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam's offset from UTC: +07:00, all year. */
export const VN_OFFSET_MS = 7 * 3_600_000;

/** The wall clock in Vietnam at `instant`, as `YYYY-MM-DDTHH:mm:ss.sss` (no zone suffix). */
export function vnWallClock(instant: Date | number): string {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + VN_OFFSET_MS).toISOString().slice(0, 23);
}

/** The calendar date in Vietnam at `instant`, `YYYY-MM-DD`. */
export function vnDateOf(instant: Date | number): string {
  return vnWallClock(instant).slice(0, 10);
}

/** The calendar year in Vietnam at `instant`. */
export function vnYearOf(instant: Date | number): number {
  return Number(vnWallClock(instant).slice(0, 4));
}

/**
 * The instant of a wall-clock time on a Vietnamese date (`YYYY-MM-DD`): `vnInstant('2027-01-05')`
 * is 00:00 there (17:00 UTC the day before); `hours` may be 24 (the end of the day, Civil Code
 * Art. 148). An invalid date gives an invalid Date.
 */
export function vnInstant(date: string, hours = 0, minutes = 0, seconds = 0, ms = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - VN_OFFSET_MS + (((hours * 60 + minutes) * 60 + seconds) * 1000 + ms));
}
