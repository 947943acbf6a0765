/**
 * How `npm start` (scripts/start.ts) keeps its processes (docs/adr/0031-npm-start-supervisor.md):
 *
 * - the worker and the API are {@link SupervisedProcess}es: restarted with exponential backoff when
 *   they die once the system is up, stopped with SIGTERM (then SIGKILL) when it stops. Each runs in
 *   a process group of its own, so a terminal's Ctrl-C reaches only the orchestrator, which stops
 *   them in order; if the orchestrator dies, they die with it (below);
 * - they and the Temporal dev server and PostgreSQL are started through {@link dyingWithParent}: the
 *   kernel signals them when the orchestrator dies, however it dies (SIGKILL included).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** `setpriv` from util-linux, where the platform has it (Linux). */
const SETPRIV = (() => {
  if (process.platform !== 'linux') return undefined;
  for (const p of ['/usr/bin/setpriv', '/bin/setpriv']) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // Not there.
    }
  }
  return undefined;
})();

/**
 * The command line that runs `command` so that it receives `signal` when the calling process
 * dies, however it dies: util-linux's `setpriv --pdeathsig` sets PR_SET_PDEATHSIG, then executes
 * the command in its place (same pid). Without setpriv (not Linux) the command is returned as it
 * is, and a service left behind by a killed orchestrator is stopped by the next `npm start`.
 * The signal is sent when the thread that spawned the child ends: spawn from the main thread.
 */
export function dyingWithParent(command: string, args: string[], signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL'): { command: string; args: string[] } {
  if (!SETPRIV) return { command, args };
  return { command: SETPRIV, args: ['--pdeathsig', signal.replace(/^SIG/, ''), '--', command, ...args] };
}

interface TBackoff {
  /** Wait before the first restart. */
  initialMs: number;
  /** Longest wait between restarts. */
  maxMs: number;
  /** A process that ran this long before dying starts again from `initialMs`. */
  resetAfterMs: number;
}

const DEFAULT_BACKOFF: TBackoff = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** The wait before restart number `n` (1, 2, …) of a series: doubling from `initialMs`, at most `maxMs`. */
function restartDelay(n: number, backoff: TBackoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, n - 1));
}

export interface TExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last line it wrote, for the log. */
  lastLine: string;
}

export interface TSupervisedOptions {
  name: string;
  /** A TypeScript entry point, run with `node --import tsx`. */
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  backoff?: TBackoff;
  /** Each line the process writes (stdout and stderr). */
  onLine(line: string): void;
  /** A message it sent over IPC. */
  onMessage?(message: unknown): void;
  /** It exited while it should run and restarts are not enabled (yet): the caller decides. */
  onExit(exit: TExit): void;
  /** It exited while it should run; it is started again in `delayMs` (restart `restart` of this series). */
  onRestart?(exit: TExit & { delayMs: number; restart: number }): void;
}

export class SupervisedProcess {
  private proc: ChildProcess | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private series = 0;
  private startedAt = 0;
  private lastLine = '';
  /** Restart on an unexpected exit (set once the system is up; before, an exit is a start-up failure). */
  restarts = false;

  constructor(private readonly opts: TSupervisedOptions) {}

  get name(): string {
    return this.opts.name;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  start(): void {
    if (this.stopping) return;
    // Its own process group (detached): a terminal's Ctrl-C reaches the orchestrator only, which
    // stops this process itself. If the orchestrator dies, Temporal and PostgreSQL go with it and
    // there is nothing to drain for: the kernel kills this process too (where setpriv exists; the
    // IPC channel's 'disconnect' elsewhere). Not a signal it handles: a Node 20 process run with
    // `--import tsx` can deadlock on its way out (nodejs/node#50948), seen here when the
    // orchestrator's end of its stdout vanished.
    const { command, args } = dyingWithParent(process.execPath, ['--import', 'tsx', this.opts.entry], 'SIGKILL');
    const proc = spawn(command, args, { cwd: this.opts.cwd, env: this.opts.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true });
    this.proc = proc;
    this.startedAt = Date.now();
    let partial = '';
    const relay = (chunk: Buffer): void => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        this.lastLine = line;
        this.opts.onLine(line);
      }
    };
    proc.stdout?.on('data', relay);
    proc.stderr?.on('data', relay);
    proc.on('message', (m) => this.opts.onMessage?.(m));
    // A channel error (the child gone mid-send) is not the orchestrator's failure.
    proc.on('error', () => undefined);
    proc.once('exit', (code, signal) => {
      if (partial.trim()) this.opts.onLine(partial);
      if (this.proc === proc) this.exited({ code, signal, lastLine: partial.trim() || this.lastLine });
    });
  }

  /** Sends a message over IPC if the process is there to receive it. */
  send(message: unknown): void {
    const proc = this.proc;
    if (proc?.connected) proc.send(message as object, undefined, undefined, () => undefined);
  }

  private exited(exit: TExit): void {
    if (this.stopping) return;
    if (!this.restarts) {
      this.opts.onExit(exit);
      return;
    }
    const backoff = this.opts.backoff ?? DEFAULT_BACKOFF;
    if (Date.now() - this.startedAt >= backoff.resetAfterMs) this.series = 0;
    this.series += 1;
    const delayMs = restartDelay(this.series, backoff);
    this.opts.onRestart?.({ ...exit, delayMs, restart: this.series });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start();
    }, delayMs);
  }

  /** Stops it for good: SIGTERM, then SIGKILL after `timeoutMs`; no restart. */
  async stop(timeoutMs = 20_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }
}
