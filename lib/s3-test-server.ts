/**
 * A real S3-compatible server for the tests of the S3 evidence store: gofakes3
 * (github.com/johannesboyne/gofakes3, MIT), a single Go binary that speaks the S3 HTTP API
 * (multipart uploads, ranges, copies, listings) and keeps objects in memory. It is built once with
 * `go install` from the Go module proxy — Go is already needed for the Temporal CLI — and cached in
 * the project cache beside it (`INS_CACHE_DIR`, default `~/.cache/ins`); a cold build takes about a
 * minute. Each test file starts its own server on a free port.
 *
 * Resolution: `INS_S3_TEST_SERVER_PATH`, then the cache, then `go install`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './dev-server.js';
import { StartupError } from './errors.js';
import { cacheDir } from './temporal-cli.js';

const execFileAsync = promisify(execFile);

const GOFAKES3_VERSION = '1.2.0';
const GOFAKES3_MODULE = 'github.com/johannesboyne/gofakes3/cmd/gofakes3';

function cachedDir(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'gofakes3', `v${GOFAKES3_VERSION}`);
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findGo(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && (await isExecutable(path.join(dir, 'go')))) return path.join(dir, 'go');
  }
  return undefined;
}

async function goInstall(go: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  const target = cachedDir(env);
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const started = Date.now();
  log(`Building the S3 test server (gofakes3 v${GOFAKES3_VERSION}) with ${go}; cached in ${target}`);
  const build = (extra: Record<string, string>) =>
    execFileAsync(go, ['install', `${GOFAKES3_MODULE}@v${GOFAKES3_VERSION}`], {
      env: { ...env, ...extra, GOBIN: staging, GOFLAGS: `${env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
      timeout: 15 * 60_000,
      maxBuffer: 10 * 1024 * 1024,
    });
  try {
    try {
      await build({});
    } catch (err) {
      // No checksum database: only gofakes3 itself goes unverified; its dependencies stay pinned by its go.sum.
      if (!/sum\.golang\.org|checksum database|verifying module/i.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
      log('  the Go checksum database is unreachable; retrying with GONOSUMDB=github.com/johannesboyne/gofakes3');
      await build({ GONOSUMDB: 'github.com/johannesboyne/gofakes3' });
    }
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    const tail = String((err as { stderr?: string }).stderr || (err as Error).message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new StartupError(
      `Building the S3 test server with \`go install ${GOFAKES3_MODULE}@v${GOFAKES3_VERSION}\` failed (${tail}); fix Go's access to the module proxy or set INS_S3_TEST_SERVER_PATH to a gofakes3 binary.`,
    );
  }
  try {
    await rename(staging, target);
  } catch {
    // Another process built it at the same time; keep theirs.
    await rm(staging, { recursive: true, force: true });
  }
  log(`  built in ${Math.round((Date.now() - started) / 1000)} s`);
  return path.join(target, 'gofakes3');
}

/** The gofakes3 binary, built on first use. Throws {@link StartupError} with one sentence when it cannot be had. */
export async function resolveS3TestServer(opts: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.error(line));
  if (env.INS_S3_TEST_SERVER_PATH) {
    const file = path.resolve(env.INS_S3_TEST_SERVER_PATH);
    if (!(await isExecutable(file))) throw new StartupError(`INS_S3_TEST_SERVER_PATH=${env.INS_S3_TEST_SERVER_PATH} is not an executable file; fix the path or unset it.`);
    return file;
  }
  await mkdir(cacheDir(env), { recursive: true });
  await mkdir(path.dirname(cachedDir(env)), { recursive: true });
  const cached = path.join(cachedDir(env), 'gofakes3');
  if (await isExecutable(cached)) return cached;
  const go = await findGo(env);
  if (!go) {
    throw new StartupError(`No S3 test server: nothing cached in ${cachedDir(env)} and no Go toolchain to build gofakes3; install Go or set INS_S3_TEST_SERVER_PATH.`);
  }
  return goInstall(go, env, log);
}

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** Any key pair works: gofakes3 does not check signatures. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/** Starts gofakes3 (in memory) on a free loopback port with `bucket` created, and waits until it answers. */
export async function startS3TestServer(opts: { binary: string; bucket: string }): Promise<S3TestServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(opts.binary, ['-backend', 'memory', '-host', `127.0.0.1:${port}`, '-initialbucket', opts.bucket], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the S3 test server exited with ${child.exitCode}: ${output.trim().slice(-500)}`);
    try {
      const res = await fetch(`${endpoint}/${opts.bucket}?list-type=2&max-keys=1`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the S3 test server did not answer on ${endpoint} within 20 s: ${output.trim().slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    bucket: opts.bucket,
    credentials: { accessKeyId: 'ins-test', secretAccessKey: 'ins-test-secret' },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
