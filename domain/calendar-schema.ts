/**
 * The zod schemas of the legal calendar's values (domain/calendar.ts): a date, a calendar row, a
 * period's unit, whom a period binds. Apart from calendar.ts because the workflow bundle imports
 * that module for counting, and builds nothing it does not use: every workflow evaluates its
 * modules again at start (ADR 0178; test/workflow-bundle.test.ts).
 */
import { z } from 'zod';
import { DATE_RANGE, ISO_DATE, isDateInRange, isValidDate } from './calendar.js';
import { ruleParams } from './validation-issues.js';

/**
 * A date `YYYY-MM-DD`'s checks on a string schema: refinements, not `.regex()`, so that each issue
 * names its rule (`format` date, `dateRange`); the document still states the pattern. Applied to
 * the string schema of whichever zod builds it (the API's copies are made with @hono/zod-openapi's,
 * whose schemas have `.openapi()`).
 */
export function isoDateChecks<T extends z.ZodString>(s: T): T {
  return s
    .refine((v) => ISO_DATE.test(v), { message: 'must be a date YYYY-MM-DD', params: ruleParams('format', { format: 'date' }) })
    .refine((v) => isValidDate(v), { message: 'is not a real calendar date', params: ruleParams('format', { format: 'date' }) })
    .refine((v) => !isValidDate(v) || isDateInRange(v), { message: `must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`, params: ruleParams('dateRange', DATE_RANGE) });
}

export const ZIsoDate = isoDateChecks(z.string()).meta({ pattern: ISO_DATE.source });

/**
 * How sure the department is of a calendar row.
 * `STATUTORY`: fixed by the Labour Code (1/1, 30/4, 1/5, 2/9); `ANNOUNCED`: published by the
 * Government; `COMPUTED`: derived from statutory rules alone, certain under every option the
 * Government may choose; `EXPECTED`: a day the statute makes likely (the Tết split, National Day's
 * second day) that the Government has not announced yet — counted conservatively for whoever a
 * deadline binds, and every due date it touches is marked provisional; `PENDING`: reported but
 * without legal force (a proposed new holiday) — shown to admins, **not** used in deadlines.
 */
export const ZCalendarStatus = z.enum(['STATUTORY', 'ANNOUNCED', 'COMPUTED', 'EXPECTED', 'PENDING']);

/**
 * One dated exception to the Monday–Friday week (ngày nghỉ lễ, nghỉ bù, ngày làm bù).
 * `isWorkingDay: false` is a day off on a weekday (holiday, compensatory or swapped day off);
 * `isWorkingDay: true` is a weekend day worked instead (ngày làm bù).
 */
export const ZCalendarEntry = z.object({
  date: ZIsoDate,
  isWorkingDay: z.boolean(),
  /** Vietnamese reason shown in explanations, e.g. "Tết Nguyên đán". */
  reason: z.string().min(1).max(200),
  status: ZCalendarStatus,
  /** Where the row comes from (instrument, dispatch number, URL). */
  source: z.string().min(1).max(500),
});
export type TCalendarEntry = z.infer<typeof ZCalendarEntry>;

export const ZPeriodUnit = z.enum(['working_days', 'days', 'months']);
export type TPeriodUnit = z.infer<typeof ZPeriodUnit>;

/**
 * Whom a period binds, which decides how an `EXPECTED` day is counted until it is confirmed: the
 * agency's own periods count it as a working day (the agency acts no later than it might have to),
 * the party's periods as a day off (the party never loses a day it might have had).
 */
export const ZBinds = z.enum(['AGENCY', 'PARTY']);
export type TBinds = z.infer<typeof ZBinds>;
