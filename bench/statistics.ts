/**
 * The statistics' queries at national scale (issue 18), on the data of bench/generate.ts: the
 * 2025 report of a big unit, a small one and the whole country, the dashboard's queries and the
 * drill-downs, each through the repository functions the API calls (db/repositories/statistics.ts).
 *
 *   node --import tsx bench/statistics.ts [--url postgres://…] [--rounds 20] [--today 2026-12-14]
 *
 * The measurements alternate: each round runs every one once, starting one further along the list
 * each round, so that a noisy machine slows each alike. One JSON line per measurement on stdout
 * ({name, n, p50_ms, p95_ms, max_ms, rows, …}), then the plans of the national report's queries
 * (EXPLAIN ANALYZE, BUFFERS). Without --url it uses the benchmark's embedded PostgreSQL.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { reportView } from '../api/services/statistics.js';
import { createDb, type Db } from '../db/database.js';
import { drillDown, overdueNow, statisticsReport, statisticsSeries } from '../db/repositories/statistics.js';
import type { Database } from '../db/schema.js';
import { FACT_INDICATORS } from '../domain/statistics/indicators.js';
import { DEFAULT_PERIOD_START_DAY, monthsUpTo, periodContaining, periodOf, type TPeriod } from '../domain/statistics/periods.js';
import { logLine, openBenchDatabase } from './embedded.js';
import { cliOptions, databaseUrlOption, intOption, numberOption, portOption } from '../lib/cli-options.js';
import { measureInRounds, ms, percentile } from './run.js';

interface TMeasurement {
  name: string;
  /** Runs the queries once; returns how many rows the caller gets (figures, groups, cases, periods). */
  run: () => Promise<number>;
  /** The facts the figure is summed from (counted once, not timed). */
  facts?: () => Promise<number>;
}

interface TResult {
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  rows: number;
  facts?: number;
}

const nonZero = (totals: Record<string, number>): number => FACT_INDICATORS.filter((i) => totals[i] !== 0).length;

async function factsIn(db: Db, unitId: string | null, period: TPeriod, indicator?: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from stat_fact
    where occurred_on between ${period.from}::date and ${period.to}::date
      ${unitId === null ? sql`` : sql`and unit_id = ${unitId}`} ${indicator ? sql`and indicator = ${indicator}` : sql``}`.execute(db);
  return r.rows[0]!.n;
}

/** The units with the most and the fewest generated cases. */
async function bigAndSmallUnits(db: Db): Promise<{ big: string; small: string; cases: number }> {
  const r = await sql<{ unit_id: string; n: number }>`
    select unit_id, count(*)::int as n from case_file where starts_with(case_id, 'GEN-') group by unit_id order by n desc, unit_id`.execute(db);
  if (r.rows.length < 2) throw new Error('No generated data: run `node --import tsx bench/generate.ts` first (with the same --url).');
  return { big: r.rows[0]!.unit_id, small: r.rows[r.rows.length - 1]!.unit_id, cases: r.rows.reduce((s, x) => s + x.n, 0) };
}

function measurements(db: Db, units: { big: string; small: string }, today: string): TMeasurement[] {
  const year = periodOf('YEAR', '2025');
  const startDay = DEFAULT_PERIOD_START_DAY;
  const month = periodContaining('MONTH', today, startDay);
  const thisYear = periodContaining('YEAR', today, startDay);
  const months = monthsUpTo(today, 12, startDay);
  const report = (name: string, unitId: string | null): TMeasurement => ({
    name,
    run: async () => nonZero((await statisticsReport(db, { unitId, period: year })).totals),
    facts: () => factsIn(db, unitId, year),
  });
  const drill = (name: string, unitId: string | null, dimension?: 'productGroup', value?: string): TMeasurement => ({
    name,
    run: async () => (await drillDown(db, { unitId, period: year, indicator: 'FINES_IMPOSED', dimension, value, limit: 50 })).cases.length,
    facts: () => factsIn(db, unitId, year, 'FINES_IMPOSED'),
  });
  return [
    report('report.year2025.bigUnit', units.big),
    report('report.year2025.smallUnit', units.small),
    report('report.year2025.national', null),
    {
      name: 'report.year2025.bigUnit.byTeam',
      run: async () => (await statisticsReport(db, { unitId: units.big, period: year, groupBy: 'team' })).groups?.length ?? 0,
      facts: () => factsIn(db, units.big, year),
    },
    {
      name: 'report.year2025.national.byProvince',
      run: async () => (await statisticsReport(db, { unitId: null, period: year, groupBy: 'province' })).groups?.length ?? 0,
      facts: () => factsIn(db, null, year),
    },
    {
      name: 'dashboard.month.bigUnit',
      run: async () => nonZero((await statisticsReport(db, { unitId: units.big, period: month })).totals),
      facts: () => factsIn(db, units.big, month),
    },
    { name: 'dashboard.series12.bigUnit', run: async () => (await statisticsSeries(db, { unitId: units.big, periods: months })).length },
    { name: 'dashboard.overdueNow.bigUnit', run: async () => (await overdueNow(db, { unitId: units.big })).steps },
    {
      // What GET /api/v1/statistics/dashboard runs (api/routes/statistics.ts), in parallel as it does:
      // the month's and the year's report (by team) each with the year before's, the series, the overdue steps.
      name: 'dashboard.route.bigUnit',
      run: async () => {
        const [m, y, s] = await Promise.all([
          reportView(db, { unitId: units.big, teamId: null, period: month, groupBy: null, startDay }),
          reportView(db, { unitId: units.big, teamId: null, period: thisYear, groupBy: 'team', startDay }),
          statisticsSeries(db, { unitId: units.big, periods: months }),
          overdueNow(db, { unitId: units.big }),
        ]);
        return m.rows.length + y.groups.length + s.length;
      },
    },
    drill('drill.fines.year2025.bigUnit', units.big),
    drill('drill.fines.year2025.bigUnit.productGroup', units.big, 'productGroup', 'Thực phẩm'),
    drill('drill.fines.year2025.national', null),
  ];
}

/** The queries one call runs, captured from a logging Kysely on its own connection. */
async function capturedQueries(url: string, call: (db: Db) => Promise<unknown>): Promise<{ queries: CompiledQuery[]; pool: pg.Pool }> {
  const queries: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'ins-bench-explain' });
  // A client still closing when the server stops gets its "terminating connection": nothing to do.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  await call(db);
  return { queries, pool };
}

/** EXPLAIN (ANALYZE, BUFFERS) of each query of one report, as the repository runs it. */
async function explainReport(url: string, name: string, unitId: string | null): Promise<void> {
  const year = periodOf('YEAR', '2025');
  const { queries, pool } = await capturedQueries(url, (db) => statisticsReport(db, { unitId, period: year }));
  try {
    for (const [i, q] of queries.entries()) {
      const r = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
      const lines = r.rows.map((x) => x['QUERY PLAN']);
      const tail = lines.findIndex((l) => l.startsWith('Planning Time'));
      console.log(
        JSON.stringify({
          name: `explain.${name}.q${i + 1}`,
          sql: q.sql.replace(/\s+/g, ' ').trim(),
          parameters: q.parameters,
          plan: lines.slice(0, Math.min(tail < 0 ? lines.length : tail, 30)),
          summary: tail < 0 ? [] : lines.slice(tail),
        }),
      );
    }
  } finally {
    await pool.end();
  }
}

async function runBenchmark(url: string, opts: { rounds: number; today: string; maxSeconds: number; log: (line: string) => void }): Promise<TResult[]> {
  const db = createDb({ url, poolSize: 4, applicationName: 'ins-bench-statistics' });
  try {
    const units = await bigAndSmallUnits(db);
    const settings = await sql<{ name: string; setting: string; unit: string | null }>`
      select name, setting, unit from pg_settings where name in ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit')`.execute(db);
    console.log(
      JSON.stringify({
        name: 'context',
        today: opts.today,
        units,
        rounds: opts.rounds,
        settings: Object.fromEntries(settings.rows.map((s) => [s.name, s.unit ? `${s.setting} × ${s.unit}` : s.setting])),
      }),
    );
    const list = measurements(db, units, opts.today);
    const measured = await measureInRounds(list, { ...opts, progressEvery: 5 });
    const results: TResult[] = [];
    for (const m of list) {
      const { sorted, last } = measured.get(m.name)!;
      const result: TResult = {
        name: m.name,
        n: sorted.length,
        p50_ms: ms(percentile(sorted, 0.5)),
        p95_ms: ms(percentile(sorted, 0.95)),
        max_ms: ms(sorted[sorted.length - 1]!),
        rows: last,
      };
      if (m.facts) result.facts = await m.facts();
      console.log(JSON.stringify(result));
      results.push(result);
    }
    await explainReport(url, 'report.year2025.national', null);
    await explainReport(url, 'report.year2025.bigUnit', units.big);
    return results;
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const values = cliOptions({
    command: 'npm run bench:statistics --',
    usage: `  --rounds N            measured rounds after the warm-up (default 20)
  --today YYYY-MM-DD    the dashboard's today: the last day of the generated data (default 2026-12-14)
  --max-seconds S       hard limit of the measuring (default 600)
  --url URL             a PostgreSQL to read (default: the embedded one in .data/bench-pg)
  --port N              the embedded PostgreSQL's port`,
    shape: {
      url: databaseUrlOption(),
      port: portOption(),
      rounds: intOption(1, 10_000, 20),
      // The last day of the generated data (bench/generate.ts): the dashboard's "today".
      today: z.iso.date('must be a date, YYYY-MM-DD').default('2026-12-14'),
      'max-seconds': numberOption(1, 24 * 3600, 600),
    },
  });
  const server = await openBenchDatabase({ url: values.url, port: values.port, log: logLine });
  try {
    await runBenchmark(server.url, { rounds: values.rounds, today: values.today, maxSeconds: values['max-seconds'], log: logLine });
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  });
}
