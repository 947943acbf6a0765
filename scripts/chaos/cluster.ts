/**
 * The system the chaos script runs and breaks: the Temporal dev server (SQLite file), the embedded
 * PostgreSQL (data folder), the worker and the API, each on its own free port and under one private
 * data folder, started with the same helpers as `npm start` (lib/dev-server.ts, lib/embedded-pg.ts,
 * lib/supervisor.ts). Storage is persistent: a killed PostgreSQL or Temporal server restarts on the
 * same data and keeps it.
 *
 * Each component can be killed (SIGKILL to its whole process group: the PostgreSQL postmaster and
 * its backends, the Node process and anything it started) and started again. Like `npm start` and
 * docker-compose, the cluster also restarts a worker or API process that exits by itself (a
 * start-up refused because PostgreSQL or Temporal is down at that moment, or a crash), with
 * backoff, and counts those exits: a start-up refusal is expected while a dependency is down; an
 * exit after the process was up is a crash.
 *
 * Every process is started through `dyingWithParent`, so nothing outlives the chaos script however
 * it ends; `stop()` kills them all and waits until their ports can be bound again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedReferenceData } from '../../db/reference-data.js';
import { seedDemoData } from '../../db/demo-data.js';
import { freePort, isPortFree, startDevServer, type DevServer } from '../../lib/dev-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../lib/embedded-pg.js';
import { parseProcessMessage } from '../../lib/process-messages.js';
import { dyingWithParent } from '../../lib/supervisor.js';
import { buildWorkflowBundle } from '../../lib/workflow-bundle.js';

export const COMPONENTS = ['worker', 'api', 'postgres', 'temporal'] as const;
export type TComponent = (typeof COMPONENTS)[number];

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface TClusterOptions {
  dataDir: string;
  temporalCliPath: string;
  log: (line: string) => void;
  /** The API's Idempotency-Key lease: how long a retry waits for a key whose request died. */
  idempotencyLeaseSeconds: number;
  /** Temporal suggests continue-as-new after this many events (low, to continue cases during a round). */
  continueAsNewAfterEvents: number;
}

export interface TComponentCounts {
  /** Killed by the chaos loop. */
  kills: number;
  /** Worker/API processes that exited by themselves before they were up (a dependency was down). */
  refusedStarts: number;
  /** Processes that exited by themselves after they were up. */
  crashes: number;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGKILLs a process group and waits until no process of it is left. */
async function killGroup(pid: number): Promise<void> {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  for (let i = 0; i < 200 && groupAlive(pid); i++) await sleep(25);
}

/** A worker or API process, run as `npm start` runs it (node --import tsx, its own process group). */
class NodeService {
  proc: ChildProcess | undefined;
  ready = false;
  /** Set while the chaos loop holds it down (killed, not yet restarted): no automatic restart. */
  heldDown = false;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private readyWaiters: (() => void)[] = [];

  constructor(
    readonly name: 'worker' | 'api',
    private readonly entry: string,
    private readonly env: () => NodeJS.ProcessEnv,
    private readonly logFile: string,
    private readonly counts: TComponentCounts,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    if (this.stopping) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.heldDown = false;
    this.ready = false;
    const out = openSync(this.logFile, 'a');
    const { command, args } = dyingWithParent(process.execPath, ['--import', 'tsx', this.entry], 'SIGKILL');
    const proc = spawn(command, args, { cwd: ROOT, env: this.env(), stdio: ['ignore', out, out, 'ipc'], detached: true });
    closeSync(out);
    this.proc = proc;
    proc.on('error', () => undefined);
    proc.on('message', (m) => {
      if (parseProcessMessage(m)?.ins !== 'ready' || this.proc !== proc) return;
      this.ready = true;
      this.failures = 0;
      for (const w of this.readyWaiters.splice(0)) w();
    });
    proc.once('exit', (code, signal) => {
      if (this.proc !== proc) return;
      const wasReady = this.ready;
      this.ready = false;
      this.proc = undefined;
      if (this.stopping || this.heldDown) return;
      // It exited by itself: restart it as npm start's supervisor (or docker-compose) would.
      if (wasReady) this.counts.crashes++;
      else this.counts.refusedStarts++;
      this.failures++;
      const delay = Math.min(8_000, 500 * 2 ** Math.min(this.failures - 1, 4));
      this.log(
        `${this.name} exited by itself (${signal ?? `code ${code}`}) ${wasReady ? 'after it was up: a crash' : 'during start-up'}; restarting it in ${delay} ms (see ${path.basename(this.logFile)})`,
      );
      this.restartTimer = setTimeout(() => this.start(), delay);
    });
  }

  /** Kills it and keeps it down until `start()`. */
  async kill(): Promise<void> {
    this.heldDown = true;
    clearTimeout(this.restartTimer);
    const proc = this.proc;
    if (proc?.pid) {
      const exited = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
      await killGroup(proc.pid);
      await exited;
    }
    this.proc = undefined;
    this.ready = false;
  }

  /** Resolves once the process says it is up (it may take restarts). */
  async waitReady(timeoutMs: number): Promise<void> {
    if (this.ready) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${this.name} process was not up within ${timeoutMs / 1000} s (see ${this.logFile})`)), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const proc = this.proc;
    if (proc?.pid) await killGroup(proc.pid);
    this.proc = undefined;
  }
}

export class Cluster {
  readonly counts: Record<TComponent, TComponentCounts> = {
    worker: { kills: 0, refusedStarts: 0, crashes: 0 },
    api: { kills: 0, refusedStarts: 0, crashes: 0 },
    postgres: { kills: 0, refusedStarts: 0, crashes: 0 },
    temporal: { kills: 0, refusedStarts: 0, crashes: 0 },
  };
  ports = { temporal: 0, postgres: 0, api: 0 };
  databaseUrl = '';
  private pg: RunningPostgres | undefined;
  private temporal: DevServer | undefined;
  private readonly down = new Set<TComponent>();
  private readonly worker: NodeService;
  private readonly api: NodeService;
  private watchTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly logDir: string;
  /** The workflow bundle every worker start loads, as a production replica loads its image's (docs/adr/0169). */
  private bundlePath = '';

  constructor(private readonly opts: TClusterOptions) {
    this.logDir = path.join(opts.dataDir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    const env = (): NodeJS.ProcessEnv => this.childEnv();
    this.worker = new NodeService('worker', 'worker/main.ts', env, path.join(this.logDir, 'worker.log'), this.counts.worker, opts.log);
    this.api = new NodeService('api', 'api/main.ts', env, path.join(this.logDir, 'api.log'), this.counts.api, opts.log);
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.ports.api}`;
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.ports.temporal}`;
  }

  private childEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    // The parent's environment without anything that configures INS (the cluster sets those).
    for (const [k, v] of Object.entries(process.env)) {
      if (!/^(DATABASE_URL|TEMPORAL_|PORT$|HOST$|DATA_DIR$|EMBEDDED_PG_PORT$|INS_|EVIDENCE_|LOG_LEVEL$|IDEMPOTENCY_|VITEST|NODE_ENV$|DB_POOL_SIZE$)/.test(k)) env[k] = v;
    }
    return {
      ...env,
      INS_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'ins-cases',
      PORT: String(this.ports.api),
      HOST: '127.0.0.1',
      EVIDENCE_DIR: path.join(this.opts.dataDir, 'evidence'),
      IDEMPOTENCY_LEASE_SECONDS: String(this.opts.idempotencyLeaseSeconds),
      WORKFLOW_BUNDLE_PATH: this.bundlePath,
    };
  }

  private async startPostgres(): Promise<void> {
    // 0 the first time: a free port, another if it is taken before the server binds it; restarts keep it.
    const pg = await startEmbeddedPostgres({ dataDir: path.join(this.opts.dataDir, 'postgres'), port: this.ports.postgres, database: 'ins', dieWithParent: true });
    this.pg = pg;
    this.ports.postgres = pg.port;
    this.databaseUrl = pg.url;
  }

  private async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({
      cliPath: this.opts.temporalCliPath,
      port: this.ports.temporal,
      dbFile: path.join(this.opts.dataDir, 'temporal.sqlite'),
      dieWithParent: true,
      startTimeoutMs: 120_000,
      dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': this.opts.continueAsNewAfterEvents },
    });
    // Picked by the dev server the first time (port 0; picked again if it exits during start-up); restarts keep it.
    this.ports.temporal = Number(this.temporal.address.split(':').at(-1));
  }

  /** Starts everything, migrates and seeds the database (demo unit and users), waits until the API is ready. */
  async start(): Promise<void> {
    this.ports = { temporal: 0, postgres: 0, api: 0 };
    const bundle = buildWorkflowBundle({ outFile: path.join(this.opts.dataDir, 'cache', 'workflow-bundle.js'), cacheDir: path.join(this.opts.dataDir, 'cache', 'webpack') });
    const [built] = await Promise.all([bundle, this.startPostgres(), this.startTemporal()]);
    this.bundlePath = built.path;
    const db = createDb({ url: this.databaseUrl, poolSize: 2, applicationName: 'ins-chaos-setup' });
    try {
      await migrateToLatest(db);
      await seedReferenceData(db);
      await seedDemoData(db);
    } finally {
      await db.destroy();
    }
    this.worker.start();
    // Picked just before the API binds it (the longer the wait, the likelier another test file takes it).
    this.ports.api = await freePort();
    this.api.start();
    await this.waitUntilReady(180_000);
    this.watchTimer = setInterval(() => void this.watch(), 1_000);
    this.watchTimer.unref();
  }

  isDown(name: TComponent): boolean {
    return this.down.has(name);
  }

  /** SIGKILLs a component (its whole process group) and keeps it down until {@link restart}. */
  async kill(name: TComponent): Promise<void> {
    if (this.stopped) return;
    this.down.add(name);
    this.counts[name].kills++;
    switch (name) {
      case 'worker':
        return this.worker.kill();
      case 'api':
        return this.api.kill();
      case 'postgres':
        if (this.pg?.pid) await killGroup(this.pg.pid);
        return;
      case 'temporal':
        if (this.temporal?.pid) await killGroup(this.temporal.pid);
        return;
    }
  }

  /** Starts a killed component again on the same port and data; resolves once it is up. */
  async restart(name: TComponent): Promise<void> {
    if (this.stopped) return;
    switch (name) {
      // Down until up again: the worker polling (it bundles the workflow code first), the API listening.
      case 'worker':
        this.worker.start();
        await this.worker.waitReady(180_000);
        break;
      case 'api':
        this.api.start();
        await this.api.waitReady(180_000);
        break;
      case 'postgres':
        await this.retryStart('postgres', () => this.startPostgres());
        break;
      case 'temporal':
        await this.retryStart('temporal', () => this.startTemporal());
        break;
    }
    this.down.delete(name);
  }

  private async retryStart(name: TComponent, start: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start();
      } catch (err) {
        if (this.stopped || attempt >= 10) throw err;
        this.counts[name].refusedStarts++;
        this.opts.log(`${name} did not start again (${(err as Error).message.split('\n')[0]}); trying again`);
        await sleep(1_000);
      }
    }
  }

  /** PostgreSQL or Temporal gone without being killed by the chaos loop: a crash, restarted. */
  private async watch(): Promise<void> {
    if (this.stopped) return;
    for (const [name, pid] of [
      ['postgres', this.pg?.pid],
      ['temporal', this.temporal?.pid],
    ] as const) {
      if (!pid || this.down.has(name) || pidAlive(pid)) continue;
      this.down.add(name);
      this.counts[name].crashes++;
      this.opts.log(`${name} exited by itself; restarting it`);
      await killGroup(pid);
      await this.restart(name).catch((err: Error) => this.opts.log(`${name} could not be restarted: ${err.message}`));
    }
  }

  /** Waits until every component is up and the API answers /readyz with 200 (database, Temporal, worker, live events). */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await Promise.all([this.worker.waitReady(timeoutMs), this.api.waitReady(timeoutMs)]);
    let last = '';
    while (Date.now() < deadline) {
      if (this.down.size === 0 && this.worker.ready && this.api.ready) {
        try {
          const res = await fetch(`${this.apiBase}/readyz`, { signal: AbortSignal.timeout(5_000) });
          if (res.status === 200) return;
          last = await res.text();
        } catch (err) {
          last = (err as Error).message;
        }
      } else {
        last = `down: ${[...this.down].join(', ') || 'none'}, worker ${this.worker.ready ? 'up' : 'starting'}, api ${this.api.ready ? 'up' : 'starting'}`;
      }
      await sleep(500);
    }
    throw new Error(`the system was not ready within ${timeoutMs / 1000} s (${last.slice(0, 300)})`);
  }

  /** Kills every process and waits until each port can be bound again. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchTimer);
    await Promise.all([this.api.stop(), this.worker.stop()]);
    // Killed outright: their data is thrown away with the folder (or kept with --keep, recovered on a start).
    await Promise.all([this.temporal?.pid ? killGroup(this.temporal.pid) : undefined, this.pg?.pid ? killGroup(this.pg.pid) : undefined]);
    for (const port of Object.values(this.ports)) {
      for (let i = 0; port && i < 100 && !(await isPortFree(port)); i++) await sleep(100);
    }
  }

  /** Ports still held after {@link stop} (should be none). */
  async portsInUse(): Promise<number[]> {
    const held: number[] = [];
    for (const port of Object.values(this.ports)) if (port && !(await isPortFree(port))) held.push(port);
    return held;
  }
}
