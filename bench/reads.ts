/**
 * The case reads at national scale (issue 19, docs/adr/0170), on the data of bench/generate.ts:
 * the case list newest first, the open cases by deadline, a search by a business's name, an
 * inspector's team inbox and a unit's inbox, each as its route runs it (the repository function,
 * the view of each row, the JSON the route answers) for the unit with the most cases.
 *
 *   node --import tsx bench/reads.ts [--cases 1000000] [--seed 19] [--url postgres://…] [--rounds 30] [--http]
 *
 * With --http the same reads go through the API instead (`http.*`): the Hono app served on a local
 * port in this process, over its pool of the same database, by two users created in that unit (an
 * inspector of the busiest team, and a director who is also a team lead), signed in with cookies —
 * session check, access, validation, the route and its JSON, as a browser's request gets them.
 *
 * With --cases it first generates that many cases (replacing the generated rows); without, it reads
 * the generated data already there. The measurements alternate, one further along each round, so
 * that a noisy machine slows each alike. One JSON line per measurement on stdout ({name, n, p50_ms,
 * p95_ms, max_ms, bytes, rows}). Without --url it uses the benchmark's embedded PostgreSQL.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createApp } from '../api/app.js';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { createLogger } from '../lib/logger.js';
import { get, signIn } from './http-client.js';
import { toCaseListItemView, toInboxTaskView } from '../api/views/case.js';
import { createDb, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { listCases, listInbox, type TCaseScope } from '../db/repositories/case-queries.js';
import { generate } from './generate.js';
import { logLine, openBenchDatabase } from './embedded.js';
import { cliOptions, databaseUrlOption, intOption, numberOption, portOption, wholeNumber } from '../lib/cli-options.js';
import { measureInRounds, ms, percentile } from './run.js';

interface TMeasurement {
  name: string;
  /** Runs the read once; returns the JSON the route would answer. */
  run: () => Promise<string>;
}

/** The generated data's "now" (bench/generate.ts): the inbox's deadlines are around it. */
const NOW = new Date('2026-12-15T00:00:00+07:00');
const SOON_UNTIL = new Date('2026-12-17T00:00:00+07:00');

async function measurements(db: Db): Promise<{ list: TMeasurement[]; context: Record<string, unknown> }> {
  const unit = (await sql<{ unit_id: string; n: number }>`select unit_id, count(*)::int as n from case_file where starts_with(case_id, 'GEN-') group by 1 order by 2 desc, 1 limit 1`.execute(db))
    .rows[0];
  if (!unit) throw new Error('No generated data: run with --cases, or `npm run bench:generate` first (with the same --url).');
  const team = (await sql<{ team_id: string; n: number }>`select team_id, count(*)::int as n from case_task where unit_id = ${unit.unit_id} group by 1 order by 2 desc, 1 limit 1`.execute(db))
    .rows[0]!;
  const word = (await sql<{ name_key: string }>`select name_key from business where unit_id = ${unit.unit_id} order by id limit 1`.execute(db)).rows[0]!.name_key.split(' ').slice(-2).join(' ');
  const unitWide: TCaseScope = { unitId: unit.unit_id, unitWide: true, teamId: null };
  const teamScope: TCaseScope = { unitId: unit.unit_id, unitWide: false, teamId: team.team_id };
  const list = async (scope: TCaseScope, f: Parameters<typeof listCases>[2], sort: 'openedAt' | 'nextDeadlineAt') => {
    const page = await listCases(db, scope, f, { sort, order: sort === 'openedAt' ? 'desc' : 'asc', limit: 50 });
    return JSON.stringify({ ...page, items: page.items.map(toCaseListItemView) });
  };
  const inbox = async (scope: TCaseScope, roles: string[]) => {
    const page = await listInbox(db, scope, { roles, now: NOW, soonUntil: SOON_UNTIL, limit: 50 });
    return JSON.stringify({ ...page, tasks: page.tasks.map(toInboxTaskView) });
  };
  return {
    context: { unit: unit.unit_id, unitCases: unit.n, team: team.team_id, teamTasks: team.n, search: word },
    list: [
      { name: 'cases.openedAt', run: () => list(unitWide, {}, 'openedAt') },
      { name: 'cases.open.byDeadline', run: () => list(unitWide, { status: 'OPEN' }, 'nextDeadlineAt') },
      { name: 'cases.search', run: () => list(unitWide, { q: word }, 'openedAt') },
      { name: 'inbox.inspector.team', run: () => inbox(teamScope, ['INSPECTOR']) },
      // A generated step is an inspector's or a team lead's: the unit-wide inbox of the team leads' steps.
      { name: 'inbox.unit', run: () => inbox(unitWide, ['DIRECTOR', 'TEAM_LEAD']) },
    ],
  };
}

/** The users of the HTTP reads, in the generated data's busiest unit and team (created again each run). */
const HTTP_INSPECTOR = 'bench.reads.inspector';
const HTTP_DIRECTOR = 'bench.reads.director';

/**
 * The same reads through the API: the app served on a local port, two users signed in. Temporal is
 * not needed by these routes: the app gets a client whose connection is never made.
 */
async function overHttp(db: Db, context: { unit: string; team: string; search: string }): Promise<{ list: TMeasurement[]; stop: () => Promise<void> }> {
  await db.deleteFrom('user_session').where('user_id', 'in', [HTTP_INSPECTOR, HTTP_DIRECTOR]).execute();
  await db.deleteFrom('app_user').where('id', 'in', [HTTP_INSPECTOR, HTTP_DIRECTOR]).execute();
  const user = (id: string, roles: string[], teamId: string | null) => createUser(db, { id, username: id, displayName: id, password: DEMO_PASSWORD, roles, unitId: context.unit, teamId });
  await user(HTTP_INSPECTOR, ['INSPECTOR'], context.team);
  await user(HTTP_DIRECTOR, ['DIRECTOR', 'TEAM_LEAD'], null);
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = createApp({ db, temporal, taskQueue: 'bench-reads-unused', log: createLogger({ level: 'warn', name: 'bench-reads' }), publicRateLimit: 1_000_000 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [inspector, director] = [await signIn(base, HTTP_INSPECTOR), await signIn(base, HTTP_DIRECTOR)];
  const read = (who: typeof inspector, path: string) => async () => JSON.stringify(await get(base, who, path));
  return {
    list: [
      { name: 'http.cases.openedAt', run: read(director, '/api/v1/cases?sort=openedAt&limit=50') },
      { name: 'http.cases.open.byDeadline', run: read(director, '/api/v1/cases?status=OPEN&sort=nextDeadlineAt&limit=50') },
      { name: 'http.cases.search', run: read(director, `/api/v1/cases?q=${encodeURIComponent(context.search)}&limit=50`) },
      { name: 'http.inbox.inspector.team', run: read(inspector, '/api/v1/inbox?limit=50') },
      { name: 'http.inbox.unit', run: read(director, '/api/v1/inbox?limit=50') },
    ],
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await temporal.connection.close();
    },
  };
}

async function runBenchmark(url: string, opts: { rounds: number; maxSeconds: number; http: boolean; log: (line: string) => void }): Promise<void> {
  const db = createDb({ url, poolSize: 4, applicationName: 'ins-bench-reads' });
  let stopHttp: (() => Promise<void>) | undefined;
  try {
    const cases = (await sql<{ n: number }>`select count(*)::int as n from case_file`.execute(db)).rows[0]!.n;
    const direct = await measurements(db);
    const context = direct.context;
    let list = direct.list;
    if (opts.http) {
      const http = await overHttp(db, { unit: String(context.unit), team: String(context.team), search: String(context.search) });
      list = http.list;
      stopHttp = http.stop;
    }
    console.log(JSON.stringify({ name: 'context', cases, rounds: opts.rounds, ...context }));
    const measured = await measureInRounds(list, opts);
    for (const m of list) {
      const { sorted: t, last } = measured.get(m.name)!;
      console.log(JSON.stringify({ name: m.name, n: t.length, p50_ms: ms(percentile(t, 0.5)), p95_ms: ms(percentile(t, 0.95)), max_ms: ms(t.at(-1) ?? 0), bytes: Buffer.byteLength(last) }));
    }
  } finally {
    await stopHttp?.();
    await db.destroy();
  }
}

/** The generated data with this code's migrations (the generator runs them when it generates). */
async function migrated(url: string): Promise<void> {
  const db = createDb({ url, poolSize: 1, applicationName: 'ins-bench-reads' });
  try {
    await migrateToLatest(db);
    await sql`analyze case_file, case_task`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const values = cliOptions({
    command: 'npm run bench:reads --',
    usage: `  --cases N             generate this many cases first (bench/generate.ts)
  --seed N              seed of the generator (default 19)
  --rounds N            measured rounds after the warm-up (default 30)
  --max-seconds S       hard limit of the measuring (default 600)
  --http                through the API as well
  --url URL             a PostgreSQL to read (default: the embedded one in .data/bench-pg)
  --port N              the embedded PostgreSQL's port`,
    shape: {
      url: databaseUrlOption(),
      port: portOption(),
      cases: wholeNumber(1, 100_000_000).optional(),
      seed: intOption(0, 2 ** 31 - 1, 19),
      rounds: intOption(1, 10_000, 30),
      'max-seconds': numberOption(1, 24 * 3600, 600),
      http: z.boolean().default(false),
    },
  });
  const server = await openBenchDatabase({ url: values.url, port: values.port, log: logLine });
  try {
    if (values.cases) await generate(server.url, { cases: values.cases, seed: values.seed, log: logLine });
    else await migrated(server.url);
    await runBenchmark(server.url, { rounds: values.rounds, maxSeconds: values['max-seconds'], http: values.http, log: logLine });
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
