/**
 * Working days of state agencies, counted in the browser for the inbox countdown: Monday to Friday,
 * minus the holidays and days off of the legal calendar, plus the weekend days worked instead
 * (rows from `GET /api/v1/calendar/days`; rows still `PENDING` do not count, as on the server, and
 * `EXPECTED` days count as working days, as they do for the agency's own deadlines there).
 */
export interface TCalendarDay {
  date: string;
  isWorkingDay: boolean;
  reason: string;
  status: string;
}

export class WorkingDays {
  private readonly exceptions = new Map<string, boolean>();

  constructor(days: readonly TCalendarDay[]) {
    for (const d of days) if (d.status !== 'PENDING' && d.status !== 'EXPECTED') this.exceptions.set(d.date, d.isWorkingDay);
  }

  isWorkingDay(date: string): boolean {
    const exception = this.exceptions.get(date);
    if (exception !== undefined) return exception;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  }

  /**
   * Working days left from `today` to `due` (both `YYYY-MM-DD`): 0 when due today, the working
   * days after today up to and including the due day when later, and minus the working days
   * since the due day when it has passed.
   */
  between(today: string, due: string): number {
    if (due === today) return 0;
    const forward = due > today;
    const [from, to] = forward ? [today, due] : [due, today];
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return forward ? n : -n;
  }
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How urgent a deadline is, for highlighting: past, within `soon` working days, or later. */
export type TUrgency = 'overdue' | 'soon' | 'ok';

export function urgencyOf(left: number, breached: boolean, soon = 2): TUrgency {
  if (breached || left < 0) return 'overdue';
  return left <= soon ? 'soon' : 'ok';
}
