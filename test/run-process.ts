/**
 * Runs an INS entry point (`scripts/start.ts`, `api/main.ts`, …) as a child process, as a user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs to completion (or `timeoutMs`, then SIGKILL) and returns the combined output. */
export function runToEnd(entry: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000, args: string[] = []): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

export interface Running {
  child: ChildProcess;
  output(): string;
  /** Resolves when `pattern` appears in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit once the process has ended. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Finished>;
}

/**
 * Starts `entry` the way the npm scripts do (`node --import tsx`, not the tsx CLI: its signal relay
 * kills a child that is slow to acknowledge Ctrl-C) in a process group of its own, so that `stop()`
 * signals the whole group as a terminal's Ctrl-C does.
 */
export function startProcess(entry: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (c: Buffer): void => {
    output += c.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const closed = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(output)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        void closed.then(() => {
          if (!pattern.test(output)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`process exited before ${pattern}; output:\n${output.slice(-3000)}`));
          }
        });
        check();
      });
    },
    async stop(signal = 'SIGINT', timeoutMs = 60_000) {
      const group = (sig: NodeJS.Signals): void => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          // The group is already gone.
        }
      };
      if (child.exitCode === null && child.signalCode === null) group(signal);
      const timer = setTimeout(() => group('SIGKILL'), timeoutMs);
      const finished = await closed;
      clearTimeout(timer);
      return finished;
    },
  };
}

/** The environment of the test process without INS variables that would change what is tested. */
export function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|TEMPORAL_|PORT$|HOST$|DATA_DIR$|EMBEDDED_PG_PORT$|INS_|EVIDENCE_|LOG_LEVEL$|VITEST|NODE_ENV$)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}
