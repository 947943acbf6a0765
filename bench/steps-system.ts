/**
 * The system the step benchmark (bench/steps.ts) measures, started as `npm start` and the chaos
 * script start it (lib/dev-server.ts, lib/embedded-pg.ts, lib/supervisor.ts): the Temporal dev
 * server (SQLite file), a fresh embedded PostgreSQL (migrated, reference and demo data), the INS
 * worker and the API as child processes on free ports, all under one data folder in `.data/`.
 * Each component is a process tree whose CPU time the benchmark reads from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDb, type Db } from '../db/database.js';
import { seedDemoData } from '../db/demo-data.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { freePort, startDevServer, type DevServer } from '../lib/dev-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../lib/embedded-pg.js';
import { parseProcessMessage } from '../lib/process-messages.js';
import { dyingWithParent } from '../lib/supervisor.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TASK_QUEUE = 'ins-cases';

/** The components whose CPU is counted (`bench` is the benchmark process: clients and the raw worker; `floor` the floor's HTTP service, bench/floor-api.ts, when started). */
export const CPU_COMPONENTS = ['temporal', 'worker', 'api', 'postgres', 'floor', 'bench'] as const;
export type TCpuComponent = (typeof CPU_COMPONENTS)[number];
export type TCpuSample = Record<TCpuComponent, number>;

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

export interface BenchSystem {
  apiBase: string;
  /** The floor's HTTP service (bench/floor-api.ts), when asked for. */
  floorBase?: string;
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  /** CPU milliseconds used so far by each component's process tree. */
  cpu(): TCpuSample;
  /** Memory of each component's process tree now, in MB: PSS (shared pages split among the processes that map them, so PostgreSQL's shared buffers count once). */
  memoryMb(): Record<Exclude<TCpuComponent, 'bench' | 'floor'>, number>;
  stop(): Promise<void>;
}

/** CPU ms of each process tree rooted at `roots` (a process and all it started), from /proc. */
function treeCpuMs(roots: Record<string, number | undefined>): Record<string, number> {
  const procs = new Map<number, { ppid: number; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields are counted after its ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, and cutime + cstime: the time of its children that have ended (a PostgreSQL
      // backend that exits moves its time into the postmaster's), so that a tree's total never drops.
      procs.set(Number(entry), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS });
    } catch {
      // Gone meanwhile.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const out: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) {
    let ms = 0;
    const todo = root ? [root] : [];
    while (todo.length) {
      const pid = todo.pop()!;
      ms += procs.get(pid)?.ms ?? 0;
      todo.push(...(children.get(pid) ?? []));
    }
    out[name] = ms;
  }
  return out;
}

/** The pids of each process tree rooted at `roots`. */
function treePids(roots: Record<string, number | undefined>): Record<string, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const out: Record<string, number[]> = {};
  for (const [name, root] of Object.entries(roots)) {
    const pids: number[] = [];
    const todo = root ? [root] : [];
    while (todo.length) {
      const pid = todo.pop()!;
      pids.push(pid);
      todo.push(...(children.get(pid) ?? []));
    }
    out[name] = pids;
  }
  return out;
}

/** PSS of a process in kB (/proc/<pid>/smaps_rollup), 0 when it is gone. */
function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function startNode(entry: string, env: NodeJS.ProcessEnv, logFile: string): { proc: ChildProcess; ready: Promise<void> } {
  const out = openSync(logFile, 'a');
  const { command, args } = dyingWithParent(process.execPath, ['--import', 'tsx', entry], 'SIGKILL');
  const proc = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', out, out, 'ipc'], detached: true });
  closeSync(out);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} was not up within 240 s (see ${logFile})`)), 240_000);
    proc.on('message', (m) => {
      if (parseProcessMessage(m)?.ins !== 'ready') return;
      clearTimeout(timer);
      resolve();
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? `code ${code}`}) before it was up (see ${logFile})`));
    });
  });
  return { proc, ready };
}

function killTree(proc: ChildProcess | undefined): void {
  if (!proc?.pid) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Starts everything in `dataDir`; `prepare` runs on the migrated and seeded database before the
 * worker and the API start (the benchmark adds its officers there).
 */
export async function startBenchSystem(opts: {
  dataDir: string;
  temporalCliPath: string;
  /** Temporal's history in memory instead of the SQLite file `npm start` uses (to see what the file costs). */
  isTemporalInMemory: boolean;
  log: (line: string) => void;
  prepare: (db: Db) => Promise<void>;
  /** More environment for the worker (e.g. its workflow cache). */
  workerEnv?: Record<string, string>;
  /** Also start the floor's HTTP service (bench/floor-api.ts) on the same Temporal and PostgreSQL. */
  isFloorStarted?: boolean;
}): Promise<BenchSystem> {
  const logDir = path.join(opts.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const apiPort = await freePort();
  const floorPort = opts.isFloorStarted ? await freePort() : undefined;
  let pg: RunningPostgres | undefined;
  let temporal: DevServer | undefined;
  let worker: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    killTree(floor);
    killTree(api);
    killTree(worker);
    await temporal?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
  };
  try {
    opts.log(`starting PostgreSQL and the Temporal dev server in ${opts.dataDir}`);
    [pg, temporal] = await Promise.all([
      startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), port: 0, database: 'ins', dieWithParent: true }),
      startDevServer({
        cliPath: opts.temporalCliPath,
        port: 0,
        ...(opts.isTemporalInMemory ? {} : { dbFile: path.join(opts.dataDir, 'temporal.sqlite') }),
        dieWithParent: true,
        startTimeoutMs: 120_000,
      }),
    ]);
    const db = createDb({ url: pg.url, poolSize: 2, applicationName: 'ins-bench-setup' });
    try {
      await migrateToLatest(db);
      await seedReferenceData(db);
      await seedDemoData(db);
      await opts.prepare(db);
    } finally {
      await db.destroy();
    }
    const env: NodeJS.ProcessEnv = {};
    // The parent's environment without anything that configures INS (set below).
    for (const [k, v] of Object.entries(process.env)) {
      if (!/^(DATABASE_URL|TEMPORAL_|PORT$|HOST$|DATA_DIR$|EMBEDDED_PG_PORT$|INS_|EVIDENCE_|LOG_LEVEL$|IDEMPOTENCY_|VITEST|NODE_ENV$|DB_POOL_SIZE$)/.test(k)) env[k] = v;
    }
    Object.assign(env, {
      INS_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      EVIDENCE_DIR: path.join(opts.dataDir, 'evidence'),
    });
    opts.log('starting the INS worker (it bundles the workflows) and the API');
    const w = startNode('worker/main.ts', { ...env, ...opts.workerEnv }, path.join(logDir, 'worker.log'));
    const a = startNode('api/main.ts', env, path.join(logDir, 'api.log'));
    worker = w.proc;
    api = a.proc;
    const f = floorPort ? startNode('bench/floor-api.ts', { ...env, FLOOR_PORT: String(floorPort) }, path.join(logDir, 'floor.log')) : undefined;
    floor = f?.proc;
    await Promise.all([w.ready, a.ready, f?.ready]);
  } catch (err) {
    await stop();
    throw err;
  }
  const roots = { temporal: temporal.pid, worker: worker.pid, api: api.pid, postgres: pg.pid, floor: floor?.pid };
  return {
    apiBase: `http://127.0.0.1:${apiPort}`,
    ...(floorPort ? { floorBase: `http://127.0.0.1:${floorPort}` } : {}),
    temporalAddress: temporal.address,
    databaseUrl: pg.url,
    taskQueue: TASK_QUEUE,
    cpu() {
      const own = process.cpuUsage();
      return { ...(treeCpuMs(roots) as Omit<TCpuSample, 'bench'>), bench: (own.user + own.system) / 1000 };
    },
    memoryMb() {
      const trees = treePids(roots);
      const mb = (name: keyof typeof roots): number => Math.round((trees[name] ?? []).reduce((kb, pid) => kb + pssKb(pid), 0) / 102.4) / 10;
      return { temporal: mb('temporal'), worker: mb('worker'), api: mb('api'), postgres: mb('postgres') };
    },
    stop,
  };
}
