/**
 * The legal calendar: due dates with their explanation, and the calendar rows. Public.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { isoDateChecks, ZCalendarStatus, ZPeriodUnit as ZDomainPeriodUnit } from '../../domain/calendar-schema.js';
import { ISO_DATE, MAX_PERIOD } from '../../domain/calendar.js';
import type { Db } from '../../db/database.js';
import { listCalendarEntries, loadWorkingCalendar } from '../../db/repositories/calendar.js';
import { PUBLIC, route } from '../access.js';
import { invalidField } from '../errors.js';
import { RATE_LIMITED_RESPONSE, TOKEN_ERRORS, ZErrorBody } from '../schemas.js';

// Route schemas are built with the OpenAPI-aware `z` (zod schemas made elsewhere lack `.openapi()`).
const ZIsoDate = isoDateChecks(z.string()).openapi({ pattern: ISO_DATE.source });
const ZPeriodUnit = z.enum(ZDomainPeriodUnit.options);

const ZSkipped = z.object({ date: z.string(), reason: z.string() });
const ZExplanation = z
  .object({
    anchorDate: z.string(),
    amount: z.number().int(),
    unit: ZPeriodUnit,
    countFrom: z.string(),
    nominalEnd: z.string().optional(),
    due: z.string(),
    dueAt: z.string().openapi({ description: '24:00 Vietnam time (UTC+7) of the due day, as an ISO instant' }),
    skipped: z.array(ZSkipped),
    countedSwappedDays: z.array(ZSkipped),
    provisional: z
      .object({
        binds: z.enum(['AGENCY', 'PARTY']),
        treatedAs: z.enum(['WORKING', 'OFF']),
        days: z.array(ZSkipped),
        years: z.array(z.number().int()).optional().openapi({ description: 'Years the count reached whose days off the calendar does not hold: their weekdays counted as working days' }),
        noteVi: z.string(),
      })
      .optional()
      .openapi({
        description:
          'Set when the count crossed days the Government has not confirmed (EXPECTED), or reached a year the calendar does not hold: how they were counted; recomputed when an admin changes the calendar',
      }),
    rule: z.string(),
    legalBasis: z.string(),
    calendarVersion: z.string(),
    summaryVi: z.string(),
  })
  .openapi('DueDateExplanation');

const dueDateRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/calendar/due-date',
  tags: ['calendar'],
  summary: 'Due date of a legal period (Civil Code Arts. 147–148; working days of state agencies)',
  request: {
    query: z.object({
      from: ZIsoDate.openapi({ description: 'Date of the triggering event (not counted)', example: '2026-02-12' }),
      amount: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').openapi({ example: 7 }),
      unit: ZPeriodUnit.openapi({ example: 'working_days' }),
      binds: z
        .enum(['AGENCY', 'PARTY'])
        .optional()
        .openapi({ description: 'Whom the period binds (default the agency): days not yet confirmed count as working days for the agency, as days off for the party' }),
    }),
  },
  responses: {
    ...TOKEN_ERRORS,
    200: {
      description: 'The due date and why',
      content: { 'application/json': { schema: z.object({ due: z.string(), explanation: ZExplanation }).openapi('DueDate') } },
    },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
    ...RATE_LIMITED_RESPONSE,
  },
});

const ZCalendarDay = z.object({ date: z.string(), isWorkingDay: z.boolean(), reason: z.string(), status: z.enum(ZCalendarStatus.options), source: z.string() }).openapi('CalendarDay');

const listRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/calendar/days',
  tags: ['calendar'],
  summary: 'Exceptions to the Monday–Friday week (holidays, compensatory days off, swapped working days)',
  request: { query: z.object({ from: ZIsoDate.optional(), to: ZIsoDate.optional() }) },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'Calendar rows by date', content: { 'application/json': { schema: z.object({ days: z.array(ZCalendarDay) }) } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

export function calendarRoutes({ db }: { db: Db }) {
  return new OpenAPIHono()
    .openapi(dueDateRoute, async (c) => {
      const { from, amount, unit, binds } = c.req.valid('query');
      if (amount > MAX_PERIOD[unit]) {
        throw invalidField('amount', `${amount} ${unit} is longer than any legal period (at most ${MAX_PERIOD[unit]})`, 'max', { n: MAX_PERIOD[unit] });
      }
      const calendar = await loadWorkingCalendar(db);
      return c.json(calendar.dueDate({ anchorDate: from, amount, unit, binds }), 200);
    })
    .openapi(listRoute, async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json({ days: await listCalendarEntries(db, { from, to }) }, 200);
    });
}
