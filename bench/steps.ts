/**
 * `npm run bench`: how fast an officer's step is, next to raw Temporal (issue 19). One process
 * starts the whole system (bench/steps-system.ts: Temporal dev server, a fresh embedded
 * PostgreSQL, the INS worker and API as child processes) and its own Worker for a minimal workflow
 * (bench/raw-workflow.ts), then measures in rounds; within a round, raw and INS at one client count
 * alternate in slices (`--slices` of `--seconds`), so that a noisy machine slows each alike:
 *
 * - `raw.update`: the minimal workflow's Update (validator, trivial state change);
 * - `ins.direct.step`: the case workflow's own Update, sent as the API sends it
 *   (`client.workflow.getHandle(caseId).executeUpdate`), no HTTP;
 * - `ins.http.step`: the same action through the API (session cookie, CSRF, Idempotency-Key);
 * - `floor.http.bare` and `floor.http.kept`: the raw workflow's Update through the least HTTP service
 *   (bench/floor-api.ts): alone, and with what no design of INS can drop (the session read, the
 *   answer written durably in PostgreSQL) — what any API could reach here, beside INS's;
 * - `floor.http.seven`: the same service sending the statements INS's API sends, in their shape
 *   (session, key claim, a transaction of two writes whose first also keeps the request's audit row
 *   and the key's answer: six statements since docs/adr/0200; the name is the seven it had before):
 *   what those round trips cost apart from INS's own request handling;
 * - `ins.http.open`: opening a penalty case through the API (one client); then a pause of 12 s, so
 *   that each opening's own projection (10 s later) lands on no other measurement;
 * - `ins.http.ryw`: N officers at once, each taking an action and then reading the case, the case
 *   list and the inbox, checking that each shows the action.
 *   It alternates with `raw.update` from as many clients at once: the `ratio` line for N clients
 *   gives `ryw_p95_ratio`, its p95 over a bare Update's. No officer pauses: N requests are always in
 *   flight, a load the machine's two cores answer by queueing (latency ≈ N × CPU per operation / 2).
 * - `ins.http.ryw.paced`: the same N officers at a working pace: each pauses between one action
 *   and the next (`--officer-think-ms`, exponentially distributed; 2 s by default: N = 50 officers
 *   then take 25 actions and 75 reads a second, five times the national peak hour of
 *   docs/sizing.md). The pause is not counted in the latency. Measured for `--paced-seconds` a round
 *   (12 by default, where the others take `--seconds`, 4), for a steadier p95.
 *
 * The step is an officer taking the open step B1 of a penalty case as their own task, then giving it
 * back (claim, release, claim…; `CLAIM` and `RELEASE` Updates): a real step action on a case, which
 * the read model shows in the case, the list (`assignee=`) and the inbox, and which can be repeated
 * without end. Every client has its own case (Updates to one workflow are serial); the cases, like the
 * raw workflows, are fresh every round.
 *
 *   node --import tsx bench/steps.ts [--rounds 3] [--seconds 4] [--slices 4] [--clients 1,8,32] [--officers 50] [--officer-think-ms 2000]
 *     [--max-minutes 15] [--temporal-in-memory] [--keep]
 *
 * One JSON line per measurement on stdout ({round, name, clients, n, per_s, p50_ms, p95_ms, …,
 * cpu_ms_per_op by process}), one `ratio` line per round and client count (INS/raw: throughput and
 * p50), and at the end `summary` lines: the median of the rounds. Progress goes to stderr. The data
 * folder (`.data/bench-steps-…`) is removed at the end unless `--keep`.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { claimStepUpdate, CASE_ACTION_UPDATES } from '../workflows/case-messages.js';
import { logLine } from './embedded.js';
import { casePath, get, post, request, signIn, type TSession } from './http-client.js';
import { bumpUpdate, rawCounterWorkflow, stopSignal } from './raw-workflow.js';
import { FLOOR_SESSION } from './floor-session.js';
import { intListOption, intOption, cliOptions, numberOption } from '../lib/cli-options.js';
import { ms, percentile, runSystemBench } from './run.js';
import { CPU_COMPONENTS, startBenchSystem, type BenchSystem } from './steps-system.js';

const args = cliOptions({
  command: 'npm run bench --',
  usage: `  --rounds N            measured rounds after the warm-up (default 3)
  --seconds S           seconds per measurement and round (default 4)
  --slices N            slices of a measurement, alternating raw and INS (default 4)
  --clients A,B,…       concurrent clients of the step measurements (default 1,8,32)
  --officers N          officers of the read-your-writes measurements (default 50)
  --officer-think-ms MS mean pause of an officer at a working pace (default 2000)
  --paced-seconds S     seconds of the working-pace measurement per round (default 12)
  --max-minutes MIN     hard limit for the whole run (default 15)
  --temporal-in-memory  the dev server without its SQLite file
  --keep                keep the data folder`,
  shape: {
    rounds: intOption(1, 100, 3),
    seconds: numberOption(0.5, 600, 4),
    slices: intOption(1, 100, 4),
    clients: intListOption(1, 500, '1,8,32'),
    officers: intOption(1, 500, 50),
    'officer-think-ms': numberOption(0, 600_000, 2000),
    'paced-seconds': numberOption(0.5, 600, 12),
    'max-minutes': numberOption(0.1, 24 * 60, 15),
    keep: z.boolean().default(false),
    'temporal-in-memory': z.boolean().default(false),
  },
});
const ROUNDS = args.rounds;
/** How long a round waits after opening its cases: past the workflows' fallback projection (10 s). */
const SETTLE_MS = 12_000;
const SECONDS = args.seconds;
const SLICES = args.slices;
const CLIENTS = args.clients;
const OFFICERS = args.officers;
/** The mean pause of an officer at a working pace between one action (and its reads) and the next. */
const OFFICER_THINK_MS = args['officer-think-ms'];
/**
 * How long the officers at a working pace are measured each round: longer than the other
 * measurements, whose operations come back to back. At 25 actions a second, 4 s hold about a hundred
 * actions, and one pause of the VM's disk (0.4–2 s, bench/README.md) then holds up the slowest tenth
 * of them: their p95 moved from 112 to 380 ms between rounds of one run.
 */
const PACED_SECONDS = args['paced-seconds'];
// Raw Updates also run at the officers' count, beside read-your-writes: the floor for 50 at once.
const MAX_CLIENTS = Math.max(...CLIENTS, OFFICERS);

const ROOT = path.resolve(import.meta.dirname, '..');
const RAW_QUEUE = 'bench-raw';
const LEAD = 'doitruong.cuong';
const INSPECTOR = 'kiemsoat.an';
const TEAM = 'nb-doi-1';
const STEP = 'B1';
const officerName = (i: number): string => `bench.kiemsoat${String(i + 1).padStart(3, '0')}`;

const t0 = Date.now();
const say = (line: string): void => logLine(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const round2 = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------
// HTTP as the web app does it (web/src/lib/api.ts): session cookie, X-CSRF-Token, Idempotency-Key.

// ---------------------------------------------------------------------------------------------
// Measurements

interface TResult {
  round: number;
  name: string;
  clients: number;
  n: number;
  errors: number;
  seconds: number;
  per_s: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  cpu_ms_per_op: Record<string, number>;
  [extra: string]: unknown;
}

/** A client's operation; returns extra facts to count (e.g. whether reads showed the action). */
type TOp = (client: number) => Promise<{ held?: boolean; actionMs?: number } | void>;

interface TMeasurement {
  name: string;
  clients: number;
  op: TOp;
  /** A client's mean pause between operations (exponentially distributed, not counted in the latency); none: back to back. */
  thinkMs?: number;
  /**
   * How long what its operations set going keeps running after them (a case's opening: its own
   * projection 10 s later, docs/adr/0176): waited for after its group, so that it lands on no other
   * measurement. Not counted in its CPU per operation (that wait also holds the system's idle work).
   */
  settleMs?: number;
  /** Its seconds per round, when not `--seconds`. */
  seconds?: number;
}

let system: BenchSystem | undefined;
const firstError = new Map<string, string>();

/** What the slices of one measurement in one round have gathered. */
interface TSample {
  lat: number[];
  actionLat: number[];
  errors: number;
  held: number;
  checked: number;
  seconds: number;
  cpu: Record<string, number>;
}

const emptySample = (): TSample => ({ lat: [], actionLat: [], errors: 0, held: 0, checked: 0, seconds: 0, cpu: Object.fromEntries(CPU_COMPONENTS.map((c) => [c, 0])) });

/** Runs `op` from `clients` clients for `seconds` (each starts a new operation until the time is up), into `into`. */
async function measureSlice(m: TMeasurement, seconds: number, into: TSample): Promise<void> {
  const before = system!.cpu();
  const start = performance.now();
  const end = start + seconds * 1000;
  // A pause of the client's own, cut short at the slice's end.
  const pause = async (meanMs: number, first: boolean): Promise<void> => {
    const ms = first ? Math.random() * meanMs : -Math.log(1 - Math.random()) * meanMs;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(ms, end - performance.now()))));
  };
  await Promise.all(
    Array.from({ length: m.clients }, async (_, client) => {
      // Paced clients start spread over one pause, not all at once.
      if (m.thinkMs) await pause(m.thinkMs, true);
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const r = await m.op(client);
          into.lat.push(performance.now() - t);
          if (r?.actionMs !== undefined) into.actionLat.push(r.actionMs);
          if (r && r.held !== undefined) {
            into.checked++;
            if (r.held) into.held++;
          }
        } catch (err) {
          into.errors++;
          if (!firstError.has(m.name)) firstError.set(m.name, (err as Error).message.slice(0, 400));
        }
        if (m.thinkMs) await pause(m.thinkMs, false);
      }
    }),
  );
  into.seconds += (performance.now() - start) / 1000;
  const after = system!.cpu();
  for (const c of CPU_COMPONENTS) into.cpu[c]! += after[c] - before[c];
}

function resultOf(round: number, m: TMeasurement, s: TSample): TResult {
  const lat = [...s.lat].sort((a, b) => a - b);
  const actionLat = [...s.actionLat].sort((a, b) => a - b);
  const cpu: Record<string, number> = {};
  let total = 0;
  for (const c of CPU_COMPONENTS) {
    const per = lat.length ? s.cpu[c]! / lat.length : NaN;
    cpu[c] = round2(per);
    total += per;
  }
  cpu.total = round2(total);
  return {
    round,
    name: m.name,
    clients: m.clients,
    n: lat.length,
    errors: s.errors,
    seconds: round2(s.seconds),
    per_s: round2(lat.length / s.seconds),
    p50_ms: ms(percentile(lat, 0.5)),
    p95_ms: ms(percentile(lat, 0.95)),
    max_ms: ms(lat.at(-1) ?? NaN),
    cpu_ms_per_op: cpu,
    ...(s.checked ? { held: s.held, checked: s.checked, held_pct: round2((100 * s.held) / s.checked) } : {}),
    ...(actionLat.length ? { action_p50_ms: ms(percentile(actionLat, 0.5)), action_p95_ms: ms(percentile(actionLat, 0.95)) } : {}),
  };
}

async function main(): Promise<void> {
  const dataDir = path.join(ROOT, '.data', `bench-steps-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  say(`step benchmark: ${ROUNDS} round(s) of ${SECONDS} s per measurement, clients ${CLIENTS.join(', ')}, ${OFFICERS} officers; data in ${dataDir}`);
  const cli = await resolveTemporalCli({ log: say });
  system = await startBenchSystem({
    dataDir,
    temporalCliPath: cli.path,
    isTemporalInMemory: args['temporal-in-memory'],
    log: say,
    isFloorStarted: true,
    prepare: async (db) => {
      // The read-your-writes officers: inspectors of the demo unit's team 1, where the lead opens cases.
      for (let i = 0; i < OFFICERS; i++) {
        await createUser(db, { id: officerName(i), username: officerName(i), displayName: `Kiểm soát viên ${i + 1}`, password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: 'nb', teamId: TEAM });
      }
    },
  });
  const sys = system;
  say(`system up: API ${sys.apiBase}, Temporal ${sys.temporalAddress}`);

  // The raw baseline's own Worker, in this process, on the same dev server (quiet: stderr is the progress).
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const nativeConnection = await NativeConnection.connect({ address: sys.temporalAddress });
  const rawWorker = await Worker.create({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue: RAW_QUEUE,
    workflowsPath: fileURLToPath(new URL('./raw-workflow.ts', import.meta.url)),
  });
  const rawRun = rawWorker.run();
  const connection = await Connection.connect({ address: sys.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  const tag = randomUUID().slice(0, 8);
  // Fresh raw workflows for every round: Temporal accepts at most 2,000 Updates per workflow run
  // (`history.maxTotalUpdates`), and the first client's workflow took about 700 a round on this
  // machine; past the limit each Update fails fast, which would count as a raw Update here.
  let rawIds: string[] = [];
  // The floor's measurements have workflows of their own, as fresh, so that none runs deeper than raw's.
  let floorBareIds: string[] = [];
  let floorKeptIds: string[] = [];
  let floorSevenIds: string[] = [];
  const everyRawId: string[] = [];
  const freshRawWorkflows = async (round: number): Promise<void> => {
    const ids = (kind: string): string[] => Array.from({ length: MAX_CLIENTS }, (_, i) => `bench-${kind}-${tag}-r${round}-${i}`);
    rawIds = ids('raw');
    floorBareIds = ids('floor-bare');
    floorKeptIds = ids('floor-kept');
    floorSevenIds = ids('floor-seven');
    // One list for the start and for the stop signal at the end.
    const started = [...rawIds, ...floorBareIds, ...floorKeptIds, ...floorSevenIds];
    for (const id of started) await client.workflow.start(rawCounterWorkflow, { taskQueue: RAW_QUEUE, workflowId: id });
    everyRawId.push(...started);
  };
  say(`raw worker running on ${RAW_QUEUE}; ${MAX_CLIENTS} raw workflows are started for each round`);

  // Sessions, then the cases: one per step client, one per officer.
  const base = sys.apiBase;
  const lead = await signIn(base, LEAD);
  const inspector = await signIn(base, INSPECTOR);
  const officers: TSession[] = [];
  for (let i = 0; i < OFFICERS; i++) officers.push(await signIn(base, officerName(i)));
  let opened = 0;
  const openCase = async (): Promise<string> => {
    const r = (await post(base, lead, '/api/v1/cases', { procedureId: 'ins-penalty', title: `Bench ${tag} #${++opened}` })) as { caseId: string };
    return r.caseId;
  };
  // Fresh cases for every round, as the raw workflows are: Temporal's cost per Update grows with the
  // Updates already in the run (each write carries the run's record of them), so cases hundreds of
  // Updates deep against raw workflows a round old would not compare like for like. A real case
  // takes some forty actions.
  const need = MAX_CLIENTS + OFFICERS;
  let stepCases: string[] = [];
  let rywCases: string[] = [];
  // Whether each case's step is claimed now (claim and release alternate).
  let stepClaimed: boolean[] = [];
  let rywClaimed: boolean[] = [];
  const freshCases = async (round: number): Promise<void> => {
    const opening: number[] = [];
    const ids: string[] = [];
    let started = 0;
    // Four at a time: opening them is not a measurement (ins.http.open is), only its time.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (started < need) {
          started++;
          const t = performance.now();
          ids.push(await openCase());
          opening.push(performance.now() - t);
        }
      }),
    );
    stepCases = ids.slice(0, MAX_CLIENTS);
    rywCases = ids.slice(MAX_CLIENTS, need);
    stepClaimed = stepCases.map(() => false);
    rywClaimed = rywCases.map(() => false);
    opening.sort((a, b) => a - b);
    if (round === 0) console.log(JSON.stringify({ round: 0, name: 'setup.open', clients: 4, n: opening.length, p50_ms: ms(percentile(opening, 0.5)), p95_ms: ms(percentile(opening, 0.95)) }));
    say(`round ${round}: ${need} penalty cases opened (step ${STEP} open for team ${TEAM}); settling`);
    // What an opening sets going afterwards (the case's own projection 10 s later, docs/adr/0176) is
    // done before the round measures: about 30 ms of CPU a case, half a core for 20 s otherwise.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  };
  const actor = { userId: INSPECTOR, roles: ['INSPECTOR'] };
  const releaseUpdate = CASE_ACTION_UPDATES.RELEASE;

  const rawOp: TOp = async (c) => {
    const requestId = randomUUID();
    await client.workflow.getHandle(rawIds[c]!).executeUpdate(bumpUpdate, { args: [{ by: 1, requestId }], updateId: requestId });
  };
  const floorOp =
    (kind: 'bare' | 'kept' | 'seven', ids: () => string[]): TOp =>
    async (c) => {
      // The same client as INS's steps (bench/http-client.ts).
      const res = await request(`${sys.floorBase!}/${kind}/${encodeURIComponent(ids()[c]!)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `s=${FLOOR_SESSION}` },
        body: '{}',
      });
      if (res.status !== 200) throw new Error(`floor ${kind}: ${res.status} ${res.text.slice(0, 200)}`);
    };
  const floorBareOp = floorOp('bare', () => floorBareIds);
  const floorKeptOp = floorOp('kept', () => floorKeptIds);
  const floorSevenOp = floorOp('seven', () => floorSevenIds);
  const directOp: TOp = async (c) => {
    const requestId = `bench-${randomUUID()}`;
    const handle = client.workflow.getHandle(stepCases[c]!);
    const input = { actor, requestId, stepId: STEP };
    try {
      if (stepClaimed[c]) await handle.executeUpdate(releaseUpdate, { args: [input], updateId: requestId });
      else await handle.executeUpdate(claimStepUpdate, { args: [input], updateId: requestId });
    } finally {
      stepClaimed[c] = !stepClaimed[c];
    }
  };
  const httpOp: TOp = async (c) => {
    const p = casePath(stepCases[c]!);
    try {
      if (stepClaimed[c]) await post(base, inspector, `${p}/steps/${STEP}/actions`, { type: 'RELEASE' });
      else await post(base, inspector, `${p}/steps/${STEP}/claim`, {});
    } finally {
      stepClaimed[c] = !stepClaimed[c];
    }
  };
  const openOp: TOp = async () => {
    await openCase();
  };
  const rywOp: TOp = async (c) => {
    const me = officers[c]!;
    const caseId = rywCases[c]!;
    const p = casePath(caseId);
    const claiming = !rywClaimed[c];
    const t = performance.now();
    try {
      if (claiming) await post(base, me, `${p}/steps/${STEP}/claim`, {});
      else await post(base, me, `${p}/steps/${STEP}/actions`, { type: 'RELEASE' });
    } finally {
      rywClaimed[c] = claiming;
    }
    const actionMs = performance.now() - t;
    const want = claiming ? me.username : null;
    // The web app refetches the case, the list and the inbox at once after an action.
    const [detail, list, inbox] = await Promise.all([
      get(base, me, p) as Promise<{ tasks: { stepId: string; assigneeId: string | null }[] }>,
      get(base, me, `/api/v1/cases?status=OPEN&assignee=${encodeURIComponent(me.username)}&limit=50`) as Promise<{ items: { caseId: string }[] }>,
      // The inbox is paged (docs/adr/0170): the case is looked up in it, as an officer searches it.
      get(base, me, `/api/v1/inbox?q=${encodeURIComponent(caseId)}`) as Promise<{ tasks: { caseId: string; stepId: string; assigneeId: string | null }[] }>,
    ]);
    const inCase = detail.tasks.find((t) => t.stepId === STEP)?.assigneeId === want;
    const inList = list.items.some((i) => i.caseId === caseId) === claiming;
    const inInbox = inbox.tasks.find((t) => t.caseId === caseId && t.stepId === STEP)?.assigneeId === want;
    return { held: inCase && inList && inInbox, actionMs };
  };

  // Raw and INS at one client count alternate in slices, so that a burst of load elsewhere on the
  // machine slows each alike; opening and read-your-writes run once per round.
  const groups: TMeasurement[][] = [
    ...CLIENTS.map((clients) => [
      { name: 'raw.update', clients, op: rawOp },
      { name: 'ins.direct.step', clients, op: directOp },
      { name: 'ins.http.step', clients, op: httpOp },
      { name: 'floor.http.bare', clients, op: floorBareOp },
      { name: 'floor.http.kept', clients, op: floorKeptOp },
      { name: 'floor.http.seven', clients, op: floorSevenOp },
    ]),
    [{ name: 'ins.http.open', clients: 1, op: openOp, settleMs: SETTLE_MS }],
    // The same officers at a working pace: each pauses between one action and the next.
    [{ name: 'ins.http.ryw.paced', clients: OFFICERS, op: rywOp, thinkMs: OFFICER_THINK_MS, seconds: PACED_SECONDS }],
    // Raw Updates from as many clients at once, alternating with it: what Temporal alone takes here.
    [
      { name: 'ins.http.ryw', clients: OFFICERS, op: rywOp },
      { name: 'raw.update', clients: OFFICERS, op: rawOp },
    ],
  ];
  const measurements = groups.flat();

  const all: TResult[] = [];
  const roundRatios: TRatio[] = [];
  // Round 0 warms every path up (JIT, caches, connections) and is not reported.
  for (let round = 0; round <= ROUNDS; round++) {
    await freshRawWorkflows(round);
    await freshCases(round);
    const results: TResult[] = [];
    // Each round starts one group further along, so that no group always follows the same one.
    for (let g = 0; g < groups.length; g++) {
      const group = groups[(g + round) % groups.length]!;
      const samples = group.map(() => emptySample());
      const slices = group.length > 1 && round > 0 ? SLICES : 1;
      for (let slice = 0; slice < slices; slice++) {
        for (let i = 0; i < group.length; i++) {
          const k = (i + slice + round) % group.length;
          await measureSlice(group[k]!, round === 0 ? Math.min(1, SECONDS) : (group[k]!.seconds ?? SECONDS) / slices, samples[k]!);
        }
      }
      if (round > 0) results.push(...group.map((m, k) => resultOf(round, m, samples[k]!)));
      // Before the next group: what this one set going is done (the warm-up round opens a few cases only).
      const settle = Math.max(0, ...group.map((m) => m.settleMs ?? 0));
      if (settle && round > 0) {
        const before = system!.cpu();
        await new Promise((r) => setTimeout(r, settle));
        const after = system!.cpu();
        const used = CPU_COMPONENTS.reduce((sum, c) => sum + after[c] - before[c], 0);
        const ops = samples.reduce((sum, x) => sum + x.lat.length, 0);
        say(`after ${group.map((m) => m.name).join(', ')}: ${Math.round(used)} ms of CPU in the ${settle / 1000} s pause (${(used / Math.max(1, ops)).toFixed(1)} per operation, idle work included)`);
      }
    }
    if (round === 0) {
      say('warm-up round done');
      continue;
    }
    for (const r of results) console.log(JSON.stringify(r));
    all.push(...results);
    for (const line of ratios(results, round)) {
      roundRatios.push(line);
      console.log(JSON.stringify(line));
    }
    say(`round ${round}/${ROUNDS} done`);
  }

  // The median of the rounds.
  const summary: TResult[] = measurements.map((m) => {
    const rs = all.filter((r) => r.name === m.name && r.clients === m.clients);
    const cpu: Record<string, number> = {};
    for (const k of Object.keys(rs[0]?.cpu_ms_per_op ?? {})) cpu[k] = round2(median(rs.map((r) => r.cpu_ms_per_op[k]!)));
    const line: TResult = {
      round: 0,
      name: m.name,
      clients: m.clients,
      n: rs.reduce((s, r) => s + r.n, 0),
      errors: rs.reduce((s, r) => s + r.errors, 0),
      seconds: round2(rs.reduce((s, r) => s + r.seconds, 0)),
      per_s: round2(median(rs.map((r) => r.per_s))),
      p50_ms: ms(median(rs.map((r) => r.p50_ms))),
      p95_ms: ms(median(rs.map((r) => r.p95_ms))),
      max_ms: ms(Math.max(...rs.map((r) => r.max_ms))),
      cpu_ms_per_op: cpu,
    };
    const checked = rs.reduce((s, r) => s + ((r.checked as number | undefined) ?? 0), 0);
    if (checked) {
      const held = rs.reduce((s, r) => s + ((r.held as number | undefined) ?? 0), 0);
      Object.assign(line, { held, checked, held_pct: round2((100 * held) / checked) });
    }
    if (rs.some((r) => r.action_p50_ms !== undefined)) {
      Object.assign(line, { action_p50_ms: ms(median(rs.map((r) => r.action_p50_ms as number))), action_p95_ms: ms(median(rs.map((r) => r.action_p95_ms as number))) });
    }
    return line;
  });
  for (const s of summary) console.log(JSON.stringify({ ...s, round: 'median' }));
  // The ratios' medians over the rounds (each round's ratio is of measurements taken side by side).
  for (const clients of RATIO_CLIENTS) {
    const rs = roundRatios.filter((r) => r.clients === clients);
    const line: Record<string, unknown> = { round: 'median', name: 'ratio', clients };
    for (const k of RATIO_FIELDS) if (rs.some((r) => r[k] !== undefined)) line[k] = round2(median(rs.map((r) => r[k] ?? NaN)));
    console.log(JSON.stringify(line));
  }
  for (const [name, message] of firstError) say(`first error of ${name}: ${message}`);

  for (const id of everyRawId)
    await client.workflow
      .getHandle(id)
      .signal(stopSignal)
      .catch(() => undefined);
  rawWorker.shutdown();
  await rawRun;
  await connection.close();
  await nativeConnection.close();
  await sys.stop();
  system = undefined;
  if (!args.keep) await rm(dataDir, { recursive: true, force: true });
  say(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const RATIO_FIELDS = [
  'raw_per_s',
  'raw_p50_ms',
  'raw_p95_ms',
  'http_per_s_ratio',
  'http_p50_ratio',
  'direct_per_s_ratio',
  'direct_p50_ratio',
  'http_cpu_ratio',
  'floor_bare_per_s_ratio',
  'floor_kept_per_s_ratio',
  'floor_kept_p50_ratio',
  'floor_seven_per_s_ratio',
  'http_per_floor_kept',
  'ryw_p95_ratio',
] as const;
/** The client counts with a ratio line: the steps' and the officers'. */
const RATIO_CLIENTS = [...new Set([...CLIENTS, OFFICERS])];
type TRatio = { round: number; name: 'ratio'; clients: number; raw_errors?: number } & Partial<Record<(typeof RATIO_FIELDS)[number], number>>;

/** INS/raw per client count: throughput ratio (higher is better, 1 = as fast as raw), p50 ratio and CPU-per-op ratio (lower is better). */
function ratios(results: TResult[], round: number): TRatio[] {
  return RATIO_CLIENTS.map((clients) => {
    const of = (name: string): TResult | undefined => results.find((r) => r.name === name && r.clients === clients);
    const raw = of('raw.update');
    const direct = of('ins.direct.step');
    const http = of('ins.http.step');
    const ryw = of('ins.http.ryw');
    const line: TRatio = { round, name: 'ratio', clients };
    if (!raw) return line;
    Object.assign(line, { raw_per_s: raw.per_s, raw_p50_ms: raw.p50_ms });
    // A failed raw Update is no baseline: the round's ratios at this count say so.
    if (raw.errors) Object.assign(line, { raw_errors: raw.errors });
    if (http)
      Object.assign(line, {
        http_per_s_ratio: round2(http.per_s / raw.per_s),
        http_p50_ratio: round2(http.p50_ms / raw.p50_ms),
        http_cpu_ratio: round2(http.cpu_ms_per_op.total! / raw.cpu_ms_per_op.total!),
      });
    if (direct) Object.assign(line, { direct_per_s_ratio: round2(direct.per_s / raw.per_s), direct_p50_ratio: round2(direct.p50_ms / raw.p50_ms) });
    // The floor (bench/floor-api.ts): what an API could reach here, and INS's throughput against it.
    const bare = of('floor.http.bare');
    const kept = of('floor.http.kept');
    if (bare) Object.assign(line, { floor_bare_per_s_ratio: round2(bare.per_s / raw.per_s) });
    if (kept) Object.assign(line, { floor_kept_per_s_ratio: round2(kept.per_s / raw.per_s), floor_kept_p50_ratio: round2(kept.p50_ms / raw.p50_ms) });
    if (kept && http) Object.assign(line, { http_per_floor_kept: round2(http.per_s / kept.per_s) });
    const seven = of('floor.http.seven');
    if (seven) Object.assign(line, { floor_seven_per_s_ratio: round2(seven.per_s / raw.per_s) });
    // An officer's action and three reads against one bare Update, each from as many clients at once.
    if (ryw) Object.assign(line, { raw_p95_ms: raw.p95_ms, ryw_p95_ratio: round2(ryw.p95_ms / raw.p95_ms) });
    return line;
  });
}

runSystemBench(main, { maxMinutes: args['max-minutes'], say, stop: async () => system?.stop() });
