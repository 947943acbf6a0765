/**
 * `npm start` as a supervisor (issue 13): a worker or API process that dies is restarted with
 * backoff, logged, and /readyz says so while the worker is down; and every way of stopping it —
 * Ctrl-C to its process group (also in the middle of start-up), SIGTERM to the orchestrator, the
 * orchestrator killed outright — leaves no process and no port behind, 20 times in a row on the
 * same ports and data folder. Run as a user runs it: `npm start`, on free ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, isPortFree } from '../lib/dev-server.js';
import { cleanEnv, ROOT } from './run-process.js';

let dataDir: string;
let env: NodeJS.ProcessEnv;
let ports: { app: number; temporal: number; ui: number; pg: number };
const started: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ins-supervisor-'));
  // The embedded PostgreSQL runs as the postgres user and must reach the folder.
  await chmod(dataDir, 0o755);
  ports = { app: await freePort(), temporal: await freePort(), ui: await freePort(), pg: await freePort() };
  env = cleanEnv({
    DATA_DIR: dataDir,
    PORT: String(ports.app),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    EMBEDDED_PG_PORT: String(ports.pg),
    TEMPORAL_CLI_PATH: inject('temporalCliPath'),
    LOG_LEVEL: 'warn',
  });
});

afterAll(async () => {
  // Whatever a failed test left: only processes of this test's own data folder.
  for (const p of await processesOf(dataDir)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

interface TProc {
  pid: number;
  ppid: number;
  cmd: string;
}

/** Every process started for `dir` (they all inherit DATA_DIR from `npm start`), from /proc. */
async function processesOf(dir: string): Promise<TProc[]> {
  const found: TProc[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const environ = await readFile(`/proc/${name}/environ`, 'latin1');
      if (!environ.split('\0').includes(`DATA_DIR=${dir}`)) continue;
      const stat = await readFile(`/proc/${name}/stat`, 'latin1');
      // State is after the command's closing parenthesis; a zombie (Z) is gone but for its exit status.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      const cmd = (await readFile(`/proc/${name}/cmdline`, 'latin1')).replaceAll('\0', ' ').trim();
      found.push({ pid: Number(name), ppid: Number(ppid), cmd });
    } catch {
      // Ended while being read, or not readable.
    }
  }
  return found;
}

interface TRun {
  npm: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start` in a process group of its own, as a terminal runs it. */
function npmStart(): TRun {
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(npm);
  let output = '';
  npm.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  npm.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('close', (code, signal) => resolve({ code, signal })));
  return {
    npm,
    output: () => output,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => (done = true));
      while (!pattern.test(output)) {
        if (done) throw new Error(`npm start exited before ${pattern}:\n${output.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
  };
}

/**
 * How `npm start` ended, once it has ended and closed its output; after `ms` a failure that says
 * what still runs of its data folder and whether npm itself is alive, so that a stop that hangs
 * reports itself rather than holding the test to its timeout (one did, once, in a CI run while every
 * other test ran: 1,200 s with no word of what was left).
 */
async function endOf(run: TRun, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const ended = await Promise.race([run.exited, late]);
  clearTimeout(timer);
  if (ended !== 'late') return ended;
  const npmAlive = run.npm.exitCode === null && run.npm.signalCode === null;
  const left = (await processesOf(dataDir)).map((p) => `  ${p.pid} (parent ${p.ppid}) ${p.cmd}`).join('\n') || '  (none)';
  throw new Error(
    `npm start had not ended ${ms / 1000} s after the stop (npm ${npmAlive ? 'still running' : 'exited, its output still held open'}); processes of its data folder:\n${left}\noutput:\n${run.output().slice(-3000)}`,
  );
}

/** The orchestrator: the node process running scripts/start.ts under npm. */
async function orchestrator(): Promise<TProc> {
  for (let i = 0; i < 100; i++) {
    const p = (await processesOf(dataDir)).find((x) => x.cmd.includes('scripts/start.ts') && !x.cmd.includes('npm'));
    if (p) return p;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no orchestrator process found');
}

/** Waits until nothing of `dataDir` runs and every port is free; returns what is left after `ms`. */
async function leftovers(ms: number): Promise<{ processes: TProc[]; ports: number[] }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const processes = await processesOf(dataDir);
    const busy: number[] = [];
    for (const port of Object.values(ports)) if (!(await isPortFree(port))) busy.push(port);
    if ((processes.length === 0 && busy.length === 0) || Date.now() > deadline) return { processes, ports: busy };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readyz(): Promise<{ status: number; body?: { checks: { worker: { ok: boolean; detail: string } } } } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${ports.app}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, body: (await res.json()) as { checks: { worker: { ok: boolean; detail: string } } } };
  } catch {
    return undefined;
  }
}

/** Polls until `pred` holds for an answer of /readyz (undefined: nothing answers). */
async function until(pred: (r: Awaited<ReturnType<typeof readyz>>) => boolean, ms: number, what: string, run: TRun): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await readyz();
    if (pred(r)) return;
    if (Date.now() > deadline) throw new Error(`${what}: last /readyz ${JSON.stringify(r)}; output:\n${run.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start as a supervisor', () => {
  it('restarts a killed worker and a killed API with backoff, logs it, and /readyz reports the worker down meanwhile', { timeout: 300_000 }, async () => {
    const run = npmStart();
    await run.waitFor(/Press Ctrl-C to stop\./, 180_000);
    expect((await readyz())?.status).toBe(200);
    const orch = await orchestrator();
    const child = async (entry: string): Promise<TProc> => {
      for (let i = 0; i < 200; i++) {
        const p = (await processesOf(dataDir)).find((x) => x.ppid === orch.pid && x.cmd.includes(entry));
        if (p) return p;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no ${entry} process under the orchestrator:\n${run.output().slice(-2000)}`);
    };

    const worker = await child('worker/main.ts');
    process.kill(worker.pid, 'SIGKILL');
    await until((r) => r?.status === 503 && r.body?.checks.worker.ok === false, 20_000, 'readyz did not report the worker down', run);
    expect((await readyz())?.body?.checks.worker.detail).toMatch(/worker process exited .*restart/);
    await until((r) => r?.status === 200, 90_000, 'readyz did not come back after the worker restart', run);
    expect(run.output()).toMatch(/the worker process exited \(signal SIGKILL\); restarting it in \d+(\.\d+)? s/);
    expect((await child('worker/main.ts')).pid).not.toBe(worker.pid);

    const api = await child('api/main.ts');
    process.kill(api.pid, 'SIGKILL');
    await until((r) => r === undefined, 10_000, 'the API kept answering after it was killed', run);
    await until((r) => r?.status === 200, 90_000, 'readyz did not come back after the API restart', run);
    expect(run.output()).toMatch(/the api process exited \(signal SIGKILL\); restarting it in \d+(\.\d+)? s/);

    // It is still one system that stops cleanly.
    process.kill(-run.npm.pid!, 'SIGINT');
    const exit = await endOf(run, 150_000);
    expect(exit.code, run.output().slice(-2000)).toBe(0);
    expect(run.output()).toContain('INS stopped.');
    expect(await leftovers(5_000)).toEqual({ processes: [], ports: [] });
  });

  it('leaves no process and no port behind, 20 stops in a row: Ctrl-C, SIGTERM and SIGKILL to the orchestrator, Ctrl-C during start-up', { timeout: 1_200_000 }, async () => {
    const kinds = ['Ctrl-C', 'SIGTERM', 'SIGKILL', 'Ctrl-C during start-up'] as const;
    const figures: string[] = [];
    for (let i = 0; i < 20; i++) {
      const kind = kinds[i % kinds.length]!;
      const t0 = Date.now();
      const run = npmStart();
      let readyMs: number | undefined;
      if (kind === 'Ctrl-C during start-up') {
        // Somewhere while Temporal and PostgreSQL are starting, the migrations run or the worker and the API start.
        await new Promise((r) => setTimeout(r, 1_500 + ((i * 1_337) % 6_000)));
      } else {
        await run.waitFor(/Press Ctrl-C to stop\./, 180_000);
        readyMs = Date.now() - t0;
      }
      const t1 = Date.now();
      if (kind === 'Ctrl-C' || kind === 'Ctrl-C during start-up') process.kill(-run.npm.pid!, 'SIGINT');
      else process.kill((await orchestrator()).pid, kind);
      const exit = await endOf(run, 150_000);
      const stopMs = Date.now() - t1;
      const left = await leftovers(kind === 'SIGKILL' ? 20_000 : 3_000);
      const settledMs = Date.now() - t1;
      figures.push(
        `${String(i + 1).padStart(2)} ${kind.padEnd(22)} ready ${readyMs === undefined ? '   -  ' : `${(readyMs / 1000).toFixed(1)} s`} stop ${(stopMs / 1000).toFixed(1)} s, all gone ${(settledMs / 1000).toFixed(1)} s`,
      );
      expect(left, `stop ${i + 1} (${kind}) left something behind; output:\n${run.output().slice(-3000)}`).toEqual({ processes: [], ports: [] });
      if (kind === 'Ctrl-C' || kind === 'SIGTERM') {
        expect(exit.code, run.output().slice(-2000)).toBe(0);
        expect(run.output()).toContain('INS stopped.');
      }
    }
    console.log(`npm start, 20 stops on the same ports and data folder:\n${figures.join('\n')}`);
  });
});
