/**
 * `npm run bench:memory`: how the system's memory grows with open cases, and what the worker's
 * workflow cache (WORKER_MAX_CACHED_WORKFLOWS, docs/adr/0174) does to it and to a step's latency
 * (issue 19). For each cache size, one fresh system (bench/steps-system.ts, as `npm start` runs it)
 * opens `--cases` penalty cases through the API from `--clients` clients; every `--sample-every`
 * cases it prints the memory (PSS, MB) of each component. A step (claim and release of B1 by one
 * client, `--steps` of each) is timed on the first case before the others are opened (the small
 * database), and at the end on the newest case (in the cache) and on the first (evicted by then
 * when the cache is smaller than the cases: the worker replays its history).
 *
 *   node --import tsx bench/worker-memory.ts [--cases 2000] [--caches default,100000] [--clients 8]
 *     [--sample-every 250] [--steps 20] [--open-minutes N] [--max-minutes 30]
 *
 * `--open-minutes` stops opening after that long, fewer than `--cases` then, and still takes the
 * final samples and steps (`--max-minutes` stops the whole run, whatever it has reached).
 *
 * One JSON line per measurement on stdout; progress on stderr.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { loadWorkerConfig, workflowCacheSize } from '../worker/config.js';
import { logLine } from './embedded.js';
import { casePath, post, signIn, type TSession } from './http-client.js';
import { cliOptions, intOption, numberIn, numberOption } from '../lib/cli-options.js';
import { ms, percentile, runSystemBench } from './run.js';
import { startBenchSystem, type BenchSystem } from './steps-system.js';

const args = cliOptions({
  command: 'npm run bench:memory --',
  usage: `  --cases N             penalty cases to open per cache size (default 2000)
  --caches A,B,…        workflow cache sizes, or default (the worker's own) (default default,100000)
  --clients N           clients opening cases at once (default 8)
  --sample-every N      cases between two memory samples (default 250)
  --steps N             claims and releases timed per measurement (default 20)
  --open-minutes MIN    stop opening after this long
  --max-minutes MIN     hard limit for the whole run (default 30)`,
  shape: {
    cases: intOption(1, 1_000_000, 2000),
    caches: z
      .string()
      .default('default,100000')
      .pipe(
        z
          .string()
          .regex(/^(default|\d+)(,(default|\d+))*$/, 'must be sizes or default, separated by commas, e.g. default,100000')
          .transform((s) => s.split(',').map((c) => (c === 'default' ? ('default' as const) : Number(c)))),
      ),
    clients: intOption(1, 500, 8),
    'sample-every': intOption(1, 1_000_000, 250),
    steps: intOption(1, 10_000, 20),
    'open-minutes': numberIn(0.1, 24 * 60).optional(),
    'max-minutes': numberOption(0.1, 24 * 60, 30),
  },
});
const CASES = args.cases;
/** `default`: the worker's own size, from its memory budget (worker/config.ts workflowCacheSize). */
const CACHES = args.caches;
const CLIENTS = args.clients;
const SAMPLE_EVERY = args['sample-every'];
const STEPS = args.steps;
const OPEN_MS = args['open-minutes'] === undefined ? Infinity : args['open-minutes'] * 60_000;

const ROOT = path.resolve(import.meta.dirname, '..');
const LEAD = 'doitruong.cuong';
const INSPECTOR = 'kiemsoat.an';
const STEP = 'B1';

const t0 = Date.now();
const say = (line: string): void => logLine(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

let system: BenchSystem | undefined;

/** `STEPS` claims and as many releases of B1 on `caseId`, one after another: their latencies' p50 and p95. */
async function timeSteps(base: string, inspector: TSession, caseId: string): Promise<{ n: number; p50_ms: number; p95_ms: number; first_ms: number }> {
  const lat: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    for (const [urlPath, body] of [
      [`${casePath(caseId)}/steps/${STEP}/claim`, {}],
      [`${casePath(caseId)}/steps/${STEP}/actions`, { type: 'RELEASE' }],
    ] as const) {
      const t = performance.now();
      await post(base, inspector, urlPath, body);
      lat.push(performance.now() - t);
    }
  }
  const first = lat[0]!;
  lat.sort((a, b) => a - b);
  return { n: lat.length, p50_ms: ms(percentile(lat, 0.5)), p95_ms: ms(percentile(lat, 0.95)), first_ms: ms(first) };
}

async function runOne(cache: number | 'default'): Promise<void> {
  const dataDir = path.join(ROOT, '.data', `bench-memory-${cache}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const cli = await resolveTemporalCli({ log: say });
  system = await startBenchSystem({
    dataDir,
    temporalCliPath: cli.path,
    isTemporalInMemory: false,
    log: say,
    prepare: async () => undefined,
    workerEnv: cache === 'default' ? {} : { WORKER_MAX_CACHED_WORKFLOWS: String(cache) },
  });
  const sys = system;
  const base = sys.apiBase;
  const lead = await signIn(base, LEAD);
  const inspector = await signIn(base, INSPECTOR);
  let opened = 0;
  const ids: string[] = [];
  const openCase = async (): Promise<string> => ((await post(base, lead, '/api/v1/cases', { procedureId: 'ins-penalty', title: `Bộ nhớ #${++opened}` })) as { caseId: string }).caseId;
  const sample = (): void => {
    const m = sys.memoryMb();
    console.log(
      JSON.stringify({ name: 'memory', cache, cases: ids.length, ...Object.fromEntries(Object.entries(m).map(([k, v]) => [`${k}_mb`, v])), total_mb: ms(Object.values(m).reduce((a, b) => a + b, 0)) }),
    );
  };
  sample();
  const first = await openCase();
  ids.push(first);
  console.log(JSON.stringify({ name: 'step.small', cache, cases: ids.length, ...(await timeSteps(base, inspector, first)) }));
  let nextSample = SAMPLE_EVERY;
  const openT0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (opened < CASES && performance.now() - openT0 < OPEN_MS) {
        ids.push(await openCase());
        if (ids.length >= nextSample) {
          nextSample += SAMPLE_EVERY;
          sample();
          say(`cache ${cache}: ${ids.length} cases open`);
        }
      }
    }),
  );
  console.log(JSON.stringify({ name: 'open', cache, cases: ids.length, clients: CLIENTS, per_s: ms((ids.length - 1) / ((performance.now() - openT0) / 1000)) }));
  sample();
  console.log(JSON.stringify({ name: 'step.newest', cache, cases: ids.length, ...(await timeSteps(base, inspector, ids.at(-1)!)) }));
  console.log(
    JSON.stringify({
      name: 'step.oldest',
      cache,
      cases: ids.length,
      evicted: cache === 'default' ? workflowCacheSize(loadWorkerConfig({ ...process.env, DATABASE_URL: sys.databaseUrl, TEMPORAL_ADDRESS: sys.temporalAddress })) < ids.length : cache < ids.length,
      ...(await timeSteps(base, inspector, first)),
    }),
  );
  sample();
  await sys.stop();
  system = undefined;
  await rm(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  say(`memory benchmark: ${CASES} cases from ${CLIENTS} clients, workflow caches ${CACHES.join(', ')}`);
  for (const cache of CACHES) await runOne(cache);
}

runSystemBench(main, { maxMinutes: args['max-minutes'], say, stop: async () => system?.stop() });
