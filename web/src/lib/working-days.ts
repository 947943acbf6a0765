/**
 * How urgent a deadline is in the inbox countdown. The working days themselves are counted by the
 * server's own calendar (domain/calendar.ts `WorkingCalendar`), fed with the rows of
 * `GET /api/v1/calendar/days`.
 */
import { INBOX_SOON_WORKING_DAYS } from '../../../domain/calendar.js';

/** How urgent a deadline is, for highlighting: past, within `soon` working days, or later. */
export type TUrgency = 'overdue' | 'soon' | 'ok';

export function urgencyOf(left: number, breached: boolean, soon = INBOX_SOON_WORKING_DAYS): TUrgency {
  if (breached || left < 0) return 'overdue';
  return left <= soon ? 'soon' : 'ok';
}
