/**
 * The unit's statistics (docs/statistics.md): the report of any period in the rows of the official
 * summary table, grouped by a dimension if asked; the cases behind any figure; the dashboard; the
 * exports (CSV, Excel, PDF); and the locking of a reported period. Leaders (LEADER_VIEWER and
 * above) see the unit's, a team lead their team's.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../db/database.js';
import { teamUnit, type TUser } from '../../db/repositories/people.js';
import { drillDown, listPeriodLocks, lockPeriod, overdueNow, statisticsSeries, StatisticsError, vnToday } from '../../db/repositories/statistics.js';
import { unitAsOf } from '../../db/repositories/documents.js';
import { FACT_INDICATORS, STAT_DIMENSIONS } from '../../domain/statistics/indicators.js';
import { monthsUpTo, periodContaining, periodLabelVi, PERIOD_KINDS, type TPeriod } from '../../domain/statistics/periods.js';
import { isUnitWide, STATISTICS_LOCKERS, STATISTICS_READERS } from '../../domain/roles.js';
import { roles, route } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { ERROR_RESPONSES as errors, ZDateTime, ZDay } from '../schemas.js';
import { reportCsv, reportPdf, reportView, reportXlsx, requestedPeriod, startDayToday, type TReportView } from '../services/statistics.js';

const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const READERS = roles(STATISTICS_READERS, 'read the statistics');

const ZTotals = z.object(Object.fromEntries(FACT_INDICATORS.map((i) => [i, z.number().int()])) as Record<(typeof FACT_INDICATORS)[number], z.ZodNumber>).openapi('StatTotals');
const ZPeriodKind = z.enum([...PERIOD_KINDS, 'CUSTOM']);
const ZPeriod = z.object({ kind: ZPeriodKind, key: z.string(), from: ZDay, to: ZDay, label: z.string() }).openapi('StatPeriod');
const ZLine = z
  .object({
    no: z.string(),
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    unitVi: z.string(),
    measure: z.enum(['MONEY', 'COUNT', 'DAYS', 'PERCENT']),
    child: z.boolean(),
    drillable: z.boolean(),
    value: z.number().nullable(),
    previousYear: z.number().nullable(),
    changePercent: z.number().nullable(),
  })
  .openapi('StatLine');
const ZReport = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    period: ZPeriod,
    previousPeriod: ZPeriod,
    startDay: z.number().int(),
    lock: z.object({ hash: z.string(), lockedAt: ZDateTime, lockedBy: z.string() }).nullable(),
    totals: ZTotals,
    outstanding: z.number().int(),
    rows: z.array(ZLine),
    groupBy: z.enum(STAT_DIMENSIONS).nullable(),
    groups: z.array(z.object({ value: z.string().nullable(), label: z.string(), totals: ZTotals })),
    adjustments: z.array(z.object({ periodKey: z.string(), periodLabel: z.string(), totals: ZTotals, rows: z.array(ZLine) })),
  })
  .openapi('StatReport');

const ZReportQuery = z.object({
  period: ZPeriodKind.default('MONTH').openapi({ description: 'MONTH, QUARTER, HALF, YEAR (statistical periods: from the 15th by default) or CUSTOM (from, to)' }),
  key: z.string().max(20).optional().openapi({ description: '2025-11, 2025-Q4, 2025-H2, 2025; default: the period holding today' }),
  from: ZDay.optional(),
  to: ZDay.optional(),
  teamId: z.string().min(1).max(100).optional().openapi({ description: "One team's figures (a team lead sees only their own)" }),
  groupBy: z.enum(STAT_DIMENSIONS).optional(),
});
type TReportQuery = z.infer<typeof ZReportQuery>;

const reportRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/statistics/report',
  tags: ['statistics'],
  summary: "A period's figures in the rows of the official summary table, beside the same period last year; grouped by a dimension if asked; a locked period's as frozen",
  request: { query: ZReportQuery },
  responses: { 200: json('The report', ZReport), ...errors },
});
const exportRoutes = (['csv', 'xlsx', 'pdf'] as const).map((ext) =>
  route({
    access: READERS,
    method: 'get',
    path: `/api/v1/statistics/report.${ext}`,
    tags: ['statistics'],
    summary: { csv: 'The report as CSV (UTF-8)', xlsx: 'The report as an Excel workbook in the layout of the official tables', pdf: 'The report as a printable PDF (Decree 30 layout)' }[ext],
    request: { query: ZReportQuery },
    responses: {
      200: {
        description: 'The file',
        content: { [{ csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' }[ext]]: { schema: z.string() } },
      },
      ...errors,
    },
  }),
);
const [csvRoute, xlsxRoute, pdfRoute] = exportRoutes as [(typeof exportRoutes)[0], (typeof exportRoutes)[0], (typeof exportRoutes)[0]];

const ZDrillCase = z.object({ caseId: z.string(), title: z.string(), kind: z.string(), status: z.string(), amount: z.number().int(), firstOn: ZDay, lastOn: ZDay }).openapi('StatCase');
const drillRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/statistics/cases',
  tags: ['statistics'],
  summary: 'The cases behind a figure, with their share of it: the sum of the whole list is the figure',
  request: {
    query: ZReportQuery.extend({
      indicator: z.enum([...FACT_INDICATORS, 'OUTSTANDING']),
      dimension: z.enum(STAT_DIMENSIONS).optional(),
      value: z.string().max(200).optional().openapi({ description: "The group's value; absent with a dimension: the group of cases where it is not known" }),
      adjustmentOf: z.string().max(20).optional().openapi({ description: 'A locked period whose adjustment (shown in this period) to list' }),
      after: z.string().max(300).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: json('One page of the cases', z.object({ period: ZPeriod, indicator: z.string(), total: z.number().int(), count: z.number().int(), cases: z.array(ZDrillCase), next: z.string().nullable() })),
    ...errors,
  },
});
const dashboardRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/statistics/dashboard',
  tags: ['statistics'],
  summary: "The leaders' dashboard: this month and this year, twelve months of each indicator, the steps overdue now",
  request: { query: z.object({ teamId: ZReportQuery.shape.teamId }) },
  responses: {
    200: json(
      'The dashboard',
      z.object({
        today: ZDay,
        month: ZReport,
        year: ZReport,
        series: z.array(z.object({ period: ZPeriod, totals: ZTotals })),
        overdueNow: z.object({ steps: z.number().int(), cases: z.number().int() }),
      }),
    ),
    ...errors,
  },
});
const ZLock = z.object({ kind: z.enum(PERIOD_KINDS), key: z.string(), from: ZDay, to: ZDay, label: z.string(), hash: z.string(), lockedBy: z.string(), lockedAt: ZDateTime }).openapi('StatLock');
const locksRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/statistics/locks',
  tags: ['statistics'],
  summary: "The unit's locked periods, newest first",
  responses: { 200: json('The locks', z.object({ locks: z.array(ZLock) })), ...errors },
});
const lockRoute = route({
  access: roles(STATISTICS_LOCKERS, 'lock a reported period'),
  method: 'post',
  path: '/api/v1/statistics/locks',
  tags: ['statistics'],
  summary: 'Locks a reported period once it has ended: its figures and facts frozen with their hash; later changes show as adjustments of the next period',
  request: { body: { content: { 'application/json': { schema: z.object({ kind: z.enum(PERIOD_KINDS), key: z.string().min(4).max(20) }) } }, required: true } },
  responses: { 201: json('The lock', ZLock), ...errors },
});

/** Whose figures the user may read: the unit's (a team's if asked), or a team lead's own team's. */
async function scopeOf(db: Db, user: TUser, teamId: string | undefined): Promise<{ unitId: string; teamId: string | null }> {
  if (isUnitWide(user)) {
    if (teamId && (await teamUnit(db, teamId)) !== user.unitId) throw new AppError('NOT_FOUND', `The unit has no team ${teamId}.`);
    return { unitId: user.unitId, teamId: teamId ?? null };
  }
  if (!user.teamId) throw new AppError('FORBIDDEN', 'A team lead without a team has no figures to see.');
  if (teamId && teamId !== user.teamId) throw new AppError('FORBIDDEN', "A team lead sees their own team's figures only.");
  return { unitId: user.unitId, teamId: user.teamId };
}

/** The period asked for, or the one holding today; a bad key or range is a 400 that says what is expected. */
function periodOrError(q: TReportQuery, startDay: number, today: string): TPeriod {
  try {
    if (q.period !== 'CUSTOM' && !q.key) return periodContaining(q.period, today, startDay);
    return requestedPeriod(q, startDay);
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('VALIDATION_FAILED', `period: ${err.message}`);
    throw err;
  }
}

function statisticsError(err: unknown): never {
  if (err instanceof StatisticsError) throw new AppError(err.code === 'PERIOD_LOCKED' ? 'CONFLICT' : err.code === 'PERIOD_NOT_ENDED' ? 'BUSINESS_RULE' : 'NOT_FOUND', err.message);
  if (err instanceof RangeError) throw new AppError('VALIDATION_FAILED', err.message);
  throw err;
}

const fileName = (v: TReportView, ext: string) => `bao-cao-${v.unitId}${v.teamId ? `-${v.teamId}` : ''}-${v.period.key.replace('..', '_')}.${ext}`;

export function statisticsRoutes(db: Db) {
  async function view(c: Context<TAppEnv>, q: TReportQuery): Promise<TReportView> {
    const user = currentUser(c);
    const today = vnToday();
    const startDay = await startDayToday(db, today);
    const scope = await scopeOf(db, user, q.teamId);
    return reportView(db, { ...scope, period: periodOrError(q, startDay, today), groupBy: q.groupBy ?? null, startDay }).catch(statisticsError);
  }

  return new OpenAPIHono<TAppEnv>()
    .openapi(reportRoute, async (c) => c.json(await view(c, c.req.valid('query')), 200))
    .openapi(csvRoute, async (c) => {
      const v = await view(c, c.req.valid('query'));
      c.header('Content-Disposition', `attachment; filename="${fileName(v, 'csv')}"`);
      return c.body(reportCsv(v), 200, { 'content-type': 'text/csv; charset=utf-8' });
    })
    .openapi(xlsxRoute, async (c) => {
      const v = await view(c, c.req.valid('query'));
      const unit = await unitAsOf(db, v.unitId, vnToday());
      const file = await reportXlsx(v, unit);
      c.header('Content-Disposition', `attachment; filename="${fileName(v, 'xlsx')}"`);
      return c.body(new Uint8Array(file), 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    })
    .openapi(pdfRoute, async (c) => {
      const v = await view(c, c.req.valid('query'));
      const file = await reportPdf(db, v, vnToday());
      c.header('Content-Disposition', `inline; filename="${fileName(v, 'pdf')}"`);
      return c.body(new Uint8Array(file), 200, { 'content-type': 'application/pdf' });
    })
    .openapi(drillRoute, async (c) => {
      const user = currentUser(c);
      const q = c.req.valid('query');
      const today = vnToday();
      const startDay = await startDayToday(db, today);
      const scope = await scopeOf(db, user, q.teamId);
      const period = periodOrError(q, startDay, today);
      const page = await drillDown(db, {
        ...scope,
        teamId: scope.teamId ?? undefined,
        period,
        indicator: q.indicator,
        dimension: q.dimension,
        value: q.dimension ? (q.value ?? null) : undefined,
        adjustmentOf: q.adjustmentOf,
        after: q.after,
        limit: q.limit,
      }).catch(statisticsError);
      return c.json({ period: { ...period, label: periodLabelVi(period) }, indicator: q.indicator, total: page.total, count: page.count, cases: page.cases, next: page.next ?? null }, 200);
    })
    .openapi(dashboardRoute, async (c) => {
      const user = currentUser(c);
      const today = vnToday();
      const startDay = await startDayToday(db, today);
      const scope = await scopeOf(db, user, c.req.valid('query').teamId);
      const months = monthsUpTo(today, 12, startDay);
      const [month, year, series, overdue] = await Promise.all([
        reportView(db, { ...scope, period: periodContaining('MONTH', today, startDay), groupBy: null, startDay }),
        reportView(db, { ...scope, period: periodContaining('YEAR', today, startDay), groupBy: scope.teamId ? 'officer' : 'team', startDay }),
        statisticsSeries(db, { unitId: scope.unitId, teamId: scope.teamId ?? undefined, periods: months }),
        overdueNow(db, { unitId: scope.unitId, teamId: scope.teamId ?? undefined }),
      ]);
      return c.json({ today, month, year, series: series.map((s) => ({ period: { ...s.period, label: periodLabelVi(s.period) }, totals: s.totals })), overdueNow: overdue }, 200);
    })
    .openapi(locksRoute, async (c) => {
      const user = currentUser(c);
      const locks = await listPeriodLocks(db, user.unitId);
      return c.json(
        {
          locks: locks.map((l) => ({
            kind: l.kind,
            key: l.key,
            from: l.from,
            to: l.to,
            label: periodLabelVi({ kind: l.kind, key: l.key, from: l.from, to: l.to }),
            hash: l.hash,
            lockedBy: l.lockedBy,
            lockedAt: l.lockedAt,
          })),
        },
        200,
      );
    })
    .openapi(lockRoute, async (c) => {
      const user = currentUser(c);
      const { kind, key } = c.req.valid('json');
      const today = vnToday();
      const startDay = await startDayToday(db, today);
      const l = await lockPeriod(db, { unitId: user.unitId, kind, key, by: user.id, today, startDay }).catch(statisticsError);
      return c.json(
        { kind: l.kind, key: l.key, from: l.from, to: l.to, label: periodLabelVi({ kind: l.kind, key: l.key, from: l.from, to: l.to }), hash: l.hash, lockedBy: l.lockedBy, lockedAt: l.lockedAt },
        201,
      );
    });
}
