/**
 * Starts the Temporal CLI dev server (Temporal Server + SQLite + Web UI in one process) with the
 * INS search attributes registered. Used by `npm start` (persistent SQLite file, UI on 8233) and by
 * the test setup (in-memory, random port, headless).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ALL_SEARCH_ATTRIBUTES, type AnySearchAttributeKey } from '../workflows/search-attributes.js';
import { StartupError } from './errors.js';
import { dyingWithParent } from './supervisor.js';

export interface DevServerOptions {
  cliPath: string;
  /** gRPC port; 0 picks a free one. */
  port: number;
  /** Web UI port; `undefined` runs headless. */
  uiPort?: number;
  /** SQLite file; `undefined` keeps everything in memory. */
  dbFile?: string;
  namespace?: string;
  ip?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Extra `--dynamic-config-value KEY=JSON` pairs (e.g. a low continue-as-new threshold in tests). */
  dynamicConfig?: Record<string, unknown>;
  startTimeoutMs?: number;
  /** Stop when the calling process dies, however it dies (`npm start`; see lib/supervisor.ts). */
  dieWithParent?: boolean;
  /** Aborting it during start-up stops the server and rejects. */
  signal?: AbortSignal;
  /** Told when the server exited during start-up and is started again (`START_ATTEMPTS`). */
  onRetry?: (message: string) => void;
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  pid: number | undefined;
  stop(): Promise<void>;
}

const CLI_TYPE_NAMES: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export function searchAttributeArgs(keys: AnySearchAttributeKey[] = ALL_SEARCH_ATTRIBUTES): string[] {
  return keys.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE_NAMES[k.type]}`]);
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops a dev server that a killed orchestrator left running on the same SQLite file. */
async function stopStaleServer(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return;
  }
  const isTemporal = await readFile(`/proc/${pid}/cmdline`, 'utf8').then(
    (c) => c.includes('start-dev'),
    () => false,
  );
  if (Number.isInteger(pid) && pid > 0 && isTemporal) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100; i++) {
      if (
        !(await readFile(`/proc/${pid}/cmdline`, 'utf8').then(
          () => true,
          () => false,
        ))
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * How many times the server is started when it exits during start-up. Seen once in 20 starts of
 * test/start-supervisor.e2e.test.ts while other tests ran: the CLI panicked in `Execute` (the error
 * then kept only the dump's last frames, so its reason is not known). A likely cause: the CLI picks
 * free ports for its internal services (metrics, HTTP, history, matching, worker) by binding and
 * releasing them, and another process may take one before the server binds it. Such a cause goes
 * away when the same command is started again; one that stays (a broken SQLite file) fails every
 * attempt, and the error says so, with the panic's own line (`exitReason`).
 */
const START_ATTEMPTS = 3;

/** The dev server exited before it answered: why, from its output. */
class ExitedDuringStartUp extends StartupError {
  constructor(readonly why: string) {
    super(`The Temporal dev server exited during start-up (${why})`);
  }
}

/**
 * Why the server exited, from its output: a Go panic's or fatal error's own line (the top of its
 * dump, not the goroutines' frames at its end), else the message of its last JSON log line at
 * error level or above (the server logs `error`, the CLI's own `ERROR`), else its last lines.
 */
export function exitReason(head: string, tail: string, exitCode: number | null): string {
  const lines = `${head}\n${tail}`.split('\n').map((l) => l.trim());
  const dump = lines.find((l) => /^(panic|fatal error|Error):/.test(l));
  if (dump) return dump.slice(0, 500);
  for (const l of [...lines].reverse()) {
    if (!l.startsWith('{')) continue;
    try {
      const j = JSON.parse(l) as { level?: string; msg?: string; error?: string };
      if (j.level && ['error', 'dpanic', 'panic', 'fatal'].includes(j.level.toLowerCase()) && j.msg) return `${j.msg}${j.error ? `: ${j.error}` : ''}`.slice(0, 500);
    } catch {
      // not a log line
    }
  }
  const last = tail.trim().split('\n').slice(-3).join(' | ');
  return last || `exit code ${exitCode}`;
}

/**
 * Whether the CLI's output says that it serves the frontend on `port` (`Server:  localhost:7233`,
 * printed once its services have started). The readiness probe waits for it: a probe alone cannot
 * tell this server from another that took the port after it was found free (the CLI then exits
 * with "can't set frontend port … address already in use", maybe after the probe got an answer).
 */
export function servesPort(output: string, port: number): boolean {
  return new RegExp(`^Server:\\s+\\S+:${port}\\s*$`, 'm').test(output);
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      if (!(err instanceof ExitedDuringStartUp) || opts.signal?.aborted) throw err;
      if (attempt >= START_ATTEMPTS) {
        throw new StartupError(
          `The Temporal dev server exited during start-up, ${START_ATTEMPTS} times (the last: ${err.why}); see the message and fix it, or set TEMPORAL_ADDRESS to use another server.`,
        );
      }
      opts.onRetry?.(`${err.message}; starting it again (attempt ${attempt + 1} of ${START_ATTEMPTS})`);
    }
  }
}

async function startOnce(opts: DevServerOptions): Promise<DevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  if (opts.dbFile) await stopStaleServer(`${opts.dbFile}.pid`);
  const namespace = opts.namespace ?? 'default';
  const port = opts.port === 0 ? await freePort(ip) : opts.port;
  if (!(await isPortFree(port, ip))) {
    throw new StartupError(
      `Port ${port} for the Temporal dev server is already in use; stop what holds it, choose another with TEMPORAL_PORT, ` +
        `or set TEMPORAL_ADDRESS=${ip}:${port} if it is a Temporal server you want to use.`,
    );
  }
  if (opts.uiPort !== undefined && !(await isPortFree(opts.uiPort, ip))) {
    throw new StartupError(`Port ${opts.uiPort} for the Temporal Web UI is already in use; stop what holds it or choose another with TEMPORAL_UI_PORT.`);
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--log-format',
    'json',
    '--log-level',
    opts.logLevel ?? 'error',
    ...searchAttributeArgs(),
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    // A case's projection, scheduled by the task that answers an action, handed back to the worker
    // in the task's completion rather than through the task queue (docs/adr/0175).
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
  ];
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const pidFile = opts.dbFile ? `${opts.dbFile}.pid` : undefined;
  if (opts.dbFile) {
    await mkdir(path.dirname(opts.dbFile), { recursive: true });
    // WAL + NORMAL: the default rollback journal makes the dev server slow under load.
    args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  if (opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));

  // Its own process group: Ctrl-C in a terminal reaches the orchestrator, which stops the worker
  // and the API before the server they depend on.
  if (opts.signal?.aborted) throw new StartupError('start-up was interrupted');
  const command = opts.dieWithParent ? dyingWithParent(opts.cliPath, args, 'SIGTERM') : { command: opts.cliPath, args };
  const child = spawn(command.command, command.args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (pidFile && child.pid) await writeFile(pidFile, String(child.pid));
  // The first and the last of what it writes: a Go panic's reason is at the top of its dump.
  let head = '';
  let output = '';
  /** Whether it has said that it serves the port (`servesPort`): looked for as each chunk arrives, so the last 8,000 characters hold the line. */
  let announced = false;
  const keep = (chunk: Buffer): void => {
    if (head.length < 4_000) head = (head + chunk.toString()).slice(0, 4_000);
    output = (output + chunk.toString()).slice(-8_000);
    announced ||= servesPort(output, port);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 15_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    if (pidFile) await rm(pidFile, { force: true });
  };

  const address = `${ip}:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  let lastError = '';
  for (;;) {
    if (opts.signal?.aborted) {
      await stop();
      throw new StartupError('start-up was interrupted');
    }
    if (exited) {
      // What it wrote last may arrive after its exit: its pipes closing tells.
      if (child.stdout && !child.stdout.closed) {
        await new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          setTimeout(resolve, 1_000);
        });
      }
      if (pidFile) await rm(pidFile, { force: true });
      throw new ExitedDuringStartUp(exitReason(head, output, child.exitCode));
    }
    // Only once this server has said it serves the port: until then whatever answers there is another
    // (a server that took the port after it was found free), and this one is about to exit for it.
    if (announced) {
      try {
        const connection = await Connection.connect({ address, connectTimeout: 2_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace });
        } finally {
          await connection.close();
        }
        break;
      } catch (err) {
        lastError = (err as Error).message;
      }
    } else lastError = 'it has not said yet that it serves the port';
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new StartupError(
        `The Temporal dev server did not become ready on ${address} within ${(opts.startTimeoutMs ?? 60_000) / 1000} s (${lastError}); check the machine's load and the server log.`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    address,
    namespace,
    uiUrl: opts.uiPort === undefined ? undefined : `http://${ip === '0.0.0.0' ? 'localhost' : ip}:${opts.uiPort}`,
    pid: child.pid,
    stop,
  };
}
