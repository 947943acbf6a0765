/**
 * The case reads at national scale (issue 19, docs/adr/0170), on the data of bench/generate.ts:
 * the case list newest first, the open cases by deadline, a search by a business's name, an
 * inspector's team inbox and a unit's inbox, each as its route runs it (the repository function,
 * the view of each row, the JSON the route answers) for the unit with the most cases.
 *
 *   node --import tsx bench/reads.ts [--cases 1000000] [--seed 19] [--url postgres://…] [--rounds 30]
 *
 * With --cases it first generates that many cases (replacing the generated rows); without, it reads
 * the generated data already there. The measurements alternate, one further along each round, so
 * that a noisy machine slows each alike. One JSON line per measurement on stdout ({name, n, p50_ms,
 * p95_ms, max_ms, bytes, rows}). Without --url it uses the benchmark's embedded PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { toCaseListItemView, toInboxTaskView } from '../api/views/case.js';
import { createDb, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { listCases, listInbox, type TCaseScope } from '../db/repositories/case-queries.js';
import { generate } from './generate.js';
import { logLine, openBenchDatabase } from './embedded.js';

interface TMeasurement {
  name: string;
  /** Runs the read once; returns the JSON the route would answer. */
  run: () => Promise<string>;
}

const ms = (x: number): number => Math.round(x * 10) / 10;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
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

async function runBenchmark(url: string, opts: { rounds: number; maxSeconds: number; log: (line: string) => void }): Promise<void> {
  const db = createDb({ url, poolSize: 4, applicationName: 'ins-bench-reads' });
  try {
    const cases = (await sql<{ n: number }>`select count(*)::int as n from case_file`.execute(db)).rows[0]!.n;
    const { list, context } = await measurements(db);
    console.log(JSON.stringify({ name: 'context', cases, rounds: opts.rounds, ...context }));
    const timings = new Map<string, number[]>(list.map((m) => [m.name, []]));
    const sizes = new Map<string, number>();
    const started = performance.now();
    // Round 0 warms the caches and is not counted.
    for (let round = 0; round <= opts.rounds; round++) {
      for (let k = 0; k < list.length; k++) {
        const m = list[(k + round) % list.length]!;
        const t = performance.now();
        const body = await m.run();
        const elapsed = performance.now() - t;
        if (round > 0) timings.get(m.name)!.push(elapsed);
        sizes.set(m.name, Buffer.byteLength(body));
      }
      if ((performance.now() - started) / 1000 > opts.maxSeconds) {
        opts.log(`  stopping after round ${round}: over ${opts.maxSeconds} s`);
        break;
      }
    }
    for (const m of list) {
      const t = [...timings.get(m.name)!].sort((a, b) => a - b);
      console.log(JSON.stringify({ name: m.name, n: t.length, p50_ms: ms(percentile(t, 0.5)), p95_ms: ms(percentile(t, 0.95)), max_ms: ms(t.at(-1) ?? 0), bytes: sizes.get(m.name) }));
    }
  } finally {
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
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      port: { type: 'string' },
      cases: { type: 'string' },
      seed: { type: 'string', default: '19' },
      rounds: { type: 'string', default: '30' },
      'max-seconds': { type: 'string', default: '600' },
    },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  const server = await openBenchDatabase({ url: values.url, port: values.port ? Number(values.port) : undefined, log: logLine });
  try {
    if (values.cases) await generate(server.url, { cases: Number(values.cases), seed: Number(values.seed), log: logLine });
    else await migrated(server.url);
    await runBenchmark(server.url, { rounds, maxSeconds: Number(values['max-seconds']), log: logLine });
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
