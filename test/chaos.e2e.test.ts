/**
 * The chaos script in its short form (issue 13, docs/adr/0050-chaos-script.md): one round of 16
 * cases while the worker, the API, PostgreSQL and the Temporal dev server are each killed at least
 * once and started again; nothing lost, doubled, mismatched or broken, no crash, no 500, and nothing
 * left running afterwards — also when it is stopped with Ctrl-C in the middle of a round. Run as a
 * user runs it (`node --import tsx scripts/chaos.ts`, as `npm run chaos` does).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { isPortFree } from '../lib/dev-server.js';
import { parseSummaryLine } from '../scripts/chaos/summary.js';
import { cleanEnv, ROOT } from './run-process.js';

interface TChaosRun {
  output(): string;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  runId: string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/** The script in a process group of its own, as a terminal runs it; its processes carry CHAOS_RUN_ID. */
function chaos(args: string[]): TChaosRun {
  const runId = randomUUID();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos.ts', ...args], {
    cwd: ROOT,
    env: cleanEnv({ TEMPORAL_CLI_PATH: inject('temporalCliPath'), CHAOS_RUN_ID: runId }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  return {
    output: () => output,
    pid: child.pid!,
    exited,
    runId,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (done) throw new Error(`the chaos script exited before ${pattern}:\n${output.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${output.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** Processes of one run (every process it starts inherits CHAOS_RUN_ID), zombies aside. */
async function processesOf(runId: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const environ = await readFile(`/proc/${name}/environ`, 'latin1');
      if (!environ.split('\0').includes(`CHAOS_RUN_ID=${runId}`)) continue;
      const stat = await readFile(`/proc/${name}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      found.push(`${name} ${(await readFile(`/proc/${name}/cmdline`, 'latin1')).replaceAll('\0', ' ').trim()}`);
    } catch {
      // Ended while being read.
    }
  }
  return found;
}

/** The ports the run printed when its system was up (API, Temporal, PostgreSQL). */
function portsOf(output: string): number[] {
  const m = /system up: API http:\/\/127\.0\.0\.1:(\d+), Temporal 127\.0\.0\.1:(\d+), PostgreSQL port (\d+)/.exec(output);
  if (!m) throw new Error(`no "system up" line in:\n${output.slice(-3000)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** What is still running or listening a few seconds after the run ended. */
async function leftovers(run: TChaosRun): Promise<{ processes: string[]; ports: number[] }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const processes = await processesOf(run.runId);
    const ports: number[] = [];
    for (const p of portsOf(run.output())) if (!(await isPortFree(p))) ports.push(p);
    if ((processes.length === 0 && ports.length === 0) || Date.now() > deadline) return { processes, ports };
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm run chaos, short form', () => {
  it(
    'drives 16 cases through kills of the worker, the API, PostgreSQL and Temporal: every case ended, none lost, doubled, mismatched or with a broken chain; nothing left behind',
    // The script's own limit is a guard against a hang, not a speed test: a shared 2-core machine took 5 to 6 min.
    { timeout: 560_000 },
    async () => {
      const run = chaos(['--rounds', '1', '--cases', '16', '--concurrency', '8', '--seed', 'ci-short', '--timeout', '8']);
      const exit = await run.exited;
      const output = run.output();
      const line = output.split('\n').find((l) => l.startsWith('chaos: '));
      console.log(line);
      expect(exit.code, output.slice(-6000)).toBe(0);
      const summary = parseSummaryLine(line ?? '');
      expect(summary, output.slice(-3000)).toBeDefined();
      expect(summary).toMatchObject({
        rounds: 1,
        cases: 16,
        ended: 16,
        lost: 0,
        doubled: 0,
        mismatched: 0,
        brokenChains: 0,
        internalErrors: 0,
        crashes: { worker: 0, api: 0, postgres: 0, temporal: 0 },
      });
      for (const component of ['worker', 'api', 'postgres', 'temporal'] as const) expect(summary!.kills[component], `${component} was never killed`).toBeGreaterThanOrEqual(1);
      expect(await leftovers(run)).toEqual({ processes: [], ports: [] });
      const dataDir = /data (\/\S+ins-chaos-\S+)/.exec(output)?.[1];
      await expect(access(dataDir!)).rejects.toThrow();
    },
  );

  it('stops every process it started and frees every port when interrupted with Ctrl-C in the middle of a round', { timeout: 180_000 }, async () => {
    const run = chaos(['--rounds', '1', '--cases', '200', '--seed', 'ci-interrupt', '--timeout', '3']);
    await run.waitFor(/kill (worker|api|postgres|temporal) for/, 150_000);
    // A terminal's Ctrl-C: SIGINT to the foreground process group (the services run in groups of their own).
    process.kill(-run.pid, 'SIGINT');
    const exit = await run.exited;
    expect(exit.code, run.output().slice(-3000)).toBe(130);
    expect(run.output()).toMatch(/chaos: stopped by SIGINT/);
    expect(await leftovers(run)).toEqual({ processes: [], ports: [] });
    const dataDir = /data (\/\S+ins-chaos-\S+)/.exec(run.output())?.[1];
    expect(dataDir).toBeDefined();
    await expect(access(dataDir!)).rejects.toThrow();
  });
});
