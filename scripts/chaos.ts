/**
 * `npm run chaos`: N cases through a scripted procedure while the worker, the API, PostgreSQL and
 * the Temporal dev server are killed at random moments and started again; then, per round, every
 * case must have reached its scripted end, nothing may have been applied twice, the read model must
 * equal each workflow's own state, and every audit chain must verify up to the workflow's own head.
 * One line per round, then one summary line; exit code 0 only when all of it holds
 * (docs/adr/0050-chaos-script.md).
 *
 * Bounded: a hard overall timeout (`--timeout`, minutes) ends the run with a clear message and exit
 * code 2. Everything runs on free ports in a private temporary folder; every exit (success,
 * failure, timeout, Ctrl-C, SIGTERM) stops every process it started and checks that their ports can
 * be bound again; if this process is killed outright, the kernel stops them (lib/supervisor.ts).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../db/database.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { ChaosClient } from './chaos/client.js';
import { Cluster, COMPONENTS, type TComponent } from './chaos/cluster.js';
import { DEFAULT_MONKEY, Monkey } from './chaos/monkey.js';
import { parseChaosOptions } from './chaos/options.js';
import { chaosProcedures } from './chaos/procedures.js';
import { Rng } from './chaos/rng.js';
import { ADMIN, planCases, runCase, type TCaseRun } from './chaos/scenario.js';
import { addTally, emptyTally, formatDuration, isClean, tallyLine, type TTally } from './chaos/summary.js';
import { verifyRound } from './chaos/verify.js';

const parsed = parseChaosOptions(process.argv.slice(2));
if ('exit' in parsed) {
  (parsed.exit === 0 ? console.log : console.error)(parsed.message);
  process.exit(parsed.exit);
}
const opts = parsed.options;
const t0 = Date.now();
const say = (line: string): void => console.log(`[${formatDuration(Date.now() - t0).padStart(6)}] ${line}`);

let cluster: Cluster | undefined;
let dataDir: string | undefined;
let verifyDb: Db | undefined;
let temporalConnection: Connection | undefined;
let finishing = false;

/** Stops everything this run started, checks the ports, removes the folder (kept on failure or with --keep), exits. */
async function finish(code: number): Promise<never> {
  if (!finishing) {
    finishing = true;
    clearTimeout(hardTimer);
    // Whatever happens below, the process ends (its children die with it: lib/supervisor.ts).
    setTimeout(() => process.exit(code || 2), 60_000).unref();
    await temporalConnection?.close().catch(() => undefined);
    await verifyDb?.destroy().catch(() => undefined);
    if (cluster) {
      await cluster.stop();
      const held = await cluster.portsInUse();
      if (held.length) {
        console.log(`chaos: port(s) ${held.join(', ')} still in use after the stop`);
        code ||= 1;
      }
    }
    if (dataDir) {
      // Kept to be looked into when something went wrong (or when asked); an interrupted run's is not.
      if ((code === 0 || code === 130) && !opts.keep) await rm(dataDir, { recursive: true, force: true });
      else console.log(`chaos: data and logs kept in ${dataDir}`);
    }
    process.exit(code);
  }
  return new Promise<never>(() => undefined);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.log(`chaos: stopped by ${signal} after ${formatDuration(Date.now() - t0)}; stopping every process it started`);
    void finish(130);
  });
}

const hardTimer = setTimeout(() => {
  console.log(`chaos: FAILED: timed out after ${opts.timeout} min (--timeout); stopping every process it started`);
  void finish(2);
}, opts.timeout * 60_000);

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function main(): Promise<void> {
  say(`chaos: ${opts.rounds} round(s) of ${opts.cases} cases, ${opts.concurrency} at a time, seed ${opts.seed}, limit ${opts.timeout} min`);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ins-chaos-'));
  // The embedded PostgreSQL runs as the postgres user when started as root: it must reach the folder.
  await chmod(dataDir, 0o755);
  const cli = await resolveTemporalCli({ log: say });
  cluster = new Cluster({ dataDir, temporalCliPath: cli.path, log: say, idempotencyLeaseSeconds: opts.lease, continueAsNewAfterEvents: 60 });
  await cluster.start();
  say(`system up: API ${cluster.apiBase}, Temporal ${cluster.temporalAddress}, PostgreSQL port ${cluster.ports.postgres}, data ${dataDir}`);

  // The checker reads Temporal and PostgreSQL directly, as an operator would.
  verifyDb = createDb({ url: cluster.databaseUrl, poolSize: 4, applicationName: 'ins-chaos-verify', onIdleError: () => undefined });
  temporalConnection = await Connection.connect({ address: cluster.temporalAddress });
  const temporal = new Client({ connection: temporalConnection, namespace: 'default' });

  const client = new ChaosClient(cluster.apiBase, 5 * 60_000);
  for (const def of chaosProcedures()) {
    const saved = (await client.put(ADMIN, `/api/v1/procedures/${def.id}/versions/${def.version}`, def)) as { saved: boolean; issues: unknown[] };
    if (!saved.saved) throw new Error(`the API refused the chaos procedure ${def.id}: ${JSON.stringify(saved.issues)}`);
    await client.action(ADMIN, `/api/v1/procedures/${def.id}/versions/${def.version}/publish`, {});
  }
  say('chaos procedures published by the admin through the API');

  const root = new Rng(opts.seed);
  const known = new Set<string>();
  let total = emptyTally();
  for (let round = 1; round <= opts.rounds; round++) {
    const rng = root.fork(`round ${round}`);
    const runs: TCaseRun[] = planCases(rng.fork('paths'), round, opts.cases, opts.seed).map((plan) => ({ plan, finished: false }));
    const before = structuredClone(cluster.counts);
    const retriesBefore = client.stats.retries;
    const internalBefore = client.stats.retryReasons['500'] ?? 0;
    const roundStart = Date.now();
    say(`round ${round}: ${runs.length} cases (${runs.filter((r) => r.plan.violation).length} with a sub-case)`);
    const monkey = new Monkey(cluster, rng.fork('faults'), { ...DEFAULT_MONKEY, gapSeconds: opts.gap, downSeconds: opts.down }, say);
    monkey.start();
    let done = 0;
    await pool(runs, opts.concurrency, async (run) => {
      try {
        await runCase(client, run, 5 * 60_000);
      } catch (err) {
        run.error = (err as Error).message;
        say(`case ${run.plan.title} (${run.caseId ?? 'not opened'}) failed: ${run.error}`);
      }
      done++;
      if (done % 25 === 0 && done < runs.length) say(`round ${round}: ${done}/${runs.length} cases through their script`);
    });
    await monkey.stop();
    say(`round ${round}: scripts done; every component up again, waiting for readiness`);
    await cluster.waitUntilReady(180_000);
    const verdict = await verifyRound({ db: verifyDb, temporal }, runs, known, 90_000);
    const kills = Object.fromEntries(COMPONENTS.map((c) => [c, cluster!.counts[c].kills - before[c].kills])) as Record<TComponent, number>;
    const crashes = Object.fromEntries(COMPONENTS.map((c) => [c, cluster!.counts[c].crashes - before[c].crashes])) as Record<TComponent, number>;
    const refused = COMPONENTS.filter((c) => cluster!.counts[c].refusedStarts > before[c].refusedStarts).map((c) => `${c} ${cluster!.counts[c].refusedStarts - before[c].refusedStarts}`);
    const tally: TTally = {
      cases: verdict.cases,
      ended: verdict.ended,
      lost: verdict.lost,
      doubled: verdict.doubled,
      mismatched: verdict.mismatched,
      brokenChains: verdict.brokenChains,
      kills,
      crashes,
      retries: client.stats.retries - retriesBefore,
      internalErrors: (client.stats.retryReasons['500'] ?? 0) - internalBefore,
      ms: Date.now() - roundStart,
    };
    for (const p of verdict.problems.slice(0, 30)) console.log(`  ${p}`);
    if (verdict.problems.length > 30) console.log(`  … and ${verdict.problems.length - 30} more`);
    if (refused.length) say(`round ${round}: start-ups refused while a dependency was down (then retried): ${refused.join(', ')}`);
    say(`round ${round}: ${verdict.continuedAsNew} case workflow(s) continued as new, ${verdict.warnings} deadline warning(s) fired by timers`);
    console.log(tallyLine(`round ${round}/${opts.rounds}`, tally));
    total = addTally(total, tally);
  }
  total.ms = Date.now() - t0;
  const reasons = Object.entries(client.stats.retryReasons)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  say(`requests: ${client.stats.requests}, sent again: ${client.stats.retries} (${reasons || 'none'}), answers replayed from a stored key: ${client.stats.replayed}`);
  for (const e of client.stats.internalErrors) say(`answered 500: ${e}`);
  console.log(`${tallyLine('chaos', total, opts.rounds)}; seed ${opts.seed}`);
  await finish(isClean(total) ? 0 : 1);
}

main().catch(async (err: unknown) => {
  if (finishing) return;
  console.log(`chaos: FAILED: ${(err as Error).stack ?? String(err)}`);
  await finish(2);
});
