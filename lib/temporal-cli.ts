/**
 * Finds or builds the official Temporal CLI (`temporal`), which carries the dev server
 * (Temporal Server 1.29.1 on SQLite, with the Web UI) used by `npm start`, the tests and CI.
 *
 * Resolution order (one function, used everywhere):
 *   1. `TEMPORAL_CLI_PATH`
 *   2. `temporal` on `PATH`
 *   3. a cached build in the project cache (`INS_CACHE_DIR`, default `~/.cache/ins`)
 *   4. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into that cache
 *   5. the Temporal SDK's own download (machines with internet access)
 *
 * v1.5.1 is the last CLI tag whose go.mod has no `replace` directive, so it builds from the
 * Go module proxy alone.
 */
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from './errors.js';

const execFileAsync = promisify(execFile);

export const TEMPORAL_CLI_VERSION = '1.5.1';
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
/**
 * The oldest Temporal Server INS runs on (Updates with validators, typed search attributes,
 * `continueAsNewSuggested`). Checked on the server version the CLI embeds, because a CLI built
 * without release ldflags reports itself as `0.0.0-DEV`.
 */
const MINIMUM_SERVER_VERSION = [1, 27, 0] as const;

type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go-install' | 'sdk-download';

export interface ResolvedCli {
  path: string;
  source: CliSource;
  /** e.g. `1.5.1` */
  version: string;
  /** e.g. `1.29.1` */
  serverVersion: string | undefined;
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** Progress lines (the first build takes minutes). */
  log?: (line: string) => void;
  /** Set false to skip step 5 (the SDK download needs internet access). */
  allowSdkDownload?: boolean;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INS_CACHE_DIR) return path.resolve(env.INS_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(base, 'ins');
}

function cachedCliDir(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'temporal-cli', `v${TEMPORAL_CLI_VERSION}`);
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const s = await stat(file);
    if (!s.isFile()) return false;
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Parses `temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)`. */
export function parseCliVersion(output: string): { version: string; serverVersion: string | undefined } | undefined {
  const m = /temporal version (\d+\.\d+\.\d+)\S*(?:\s*\(Server (\d+\.\d+\.\d+)\S*)?/i.exec(output);
  if (!m?.[1]) return undefined;
  return { version: m[1], serverVersion: m[2] };
}

function versionAtLeast(version: string, minimum: readonly [number, number, number]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const a = parts[i] ?? 0;
    const b = minimum[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** Runs `<file> --version` and checks the result is a usable Temporal CLI. */
async function checkCli(file: string, source: CliSource): Promise<ResolvedCli> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(file, ['--version'], { timeout: 30_000 }));
  } catch (err) {
    throw new StartupError(
      `The Temporal CLI at ${file} (from ${source}) does not run (${(err as Error).message.split('\n')[0]}); ` +
        `fix or unset ${source === 'TEMPORAL_CLI_PATH' ? 'TEMPORAL_CLI_PATH' : 'it'} so INS can build its own.`,
    );
  }
  const parsed = parseCliVersion(stdout);
  if (!parsed) {
    throw new StartupError(
      `${file} (from ${source}) is not the Temporal CLI: \`--version\` printed "${(stdout.trim().split('\n')[0] ?? '').slice(0, 80)}"; ` +
        `point TEMPORAL_CLI_PATH at the official \`temporal\` binary or unset it.`,
    );
  }
  if (!parsed.serverVersion || !versionAtLeast(parsed.serverVersion, MINIMUM_SERVER_VERSION)) {
    throw new StartupError(
      `The Temporal CLI at ${file} (from ${source}) carries Temporal Server ${parsed.serverVersion ?? '(unknown)'}, ` +
        `older than ${MINIMUM_SERVER_VERSION.join('.')}; upgrade it or unset TEMPORAL_CLI_PATH so INS builds CLI v${TEMPORAL_CLI_VERSION}.`,
    );
  }
  return { path: file, source, ...parsed };
}

/**
 * `go install` of the pinned CLI into the cache. Prints progress every 15 s.
 *
 * Checksums: the first attempt uses Go's defaults (module proxy + checksum database). If the
 * checksum database cannot be reached, the second attempt sets `GONOSUMDB=github.com/temporalio/cli`:
 * only the CLI module itself is then taken from the proxy unverified, while every one of its
 * dependencies is still pinned by hash in the CLI's own go.sum (Go refuses a dependency whose hash
 * differs).
 */
async function goInstall(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  const go = await findOnPath('go', env);
  if (!go) return undefined;
  const target = cachedCliDir(env);
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });

  const attempt = (extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> =>
    new Promise((resolve) => {
      const started = Date.now();
      let packages = 0;
      let downloads = 0;
      let last = '';
      let output = '';
      // The same ldflags as the CLI's release build (.goreleaser.yml), so `temporal --version` reports 1.5.1.
      const ldflags = `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`;
      const child = spawn(go, ['install', '-v', `-ldflags=${ldflags}`, `${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}`], {
        env: { ...env, ...extraEnv, GOBIN: staging, GOFLAGS: `${env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString();
        output = (output + text).slice(-20_000);
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          if (line.startsWith('go: downloading')) downloads++;
          else if (!line.startsWith('go:')) packages++;
          last = line.trim();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const timer = setInterval(() => {
        const secs = Math.round((Date.now() - started) / 1000);
        log(
          `  building Temporal CLI v${TEMPORAL_CLI_VERSION}: ${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s, ` +
            `${downloads} modules downloaded, ${packages} packages compiled (last: ${last.slice(0, 60)})`,
        );
      }, 15_000);
      child.on('error', (err) => {
        clearInterval(timer);
        resolve({ code: -1, output: String(err) });
      });
      child.on('close', (code) => {
        clearInterval(timer);
        resolve({ code, output });
      });
    });

  log(`Building the Temporal CLI v${TEMPORAL_CLI_VERSION} with ${go} (first build takes several minutes; cached in ${target})`);
  let result = await attempt({});
  if (result.code !== 0 && /sum\.golang\.org|checksum database|verifying module/i.test(result.output)) {
    log('  the Go checksum database is unreachable; retrying with GONOSUMDB=github.com/temporalio/cli (dependencies stay pinned by the CLI go.sum)');
    result = await attempt({ GONOSUMDB: 'github.com/temporalio/cli' });
  }
  if (result.code !== 0) {
    await rm(staging, { recursive: true, force: true });
    const tail = result.output.trim().split('\n').slice(-5).join(' | ');
    throw new StartupError(
      `Building the Temporal CLI with \`go install ${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}\` failed (${tail}); ` +
        `fix Go's access to the module proxy or set TEMPORAL_CLI_PATH to a temporal binary.`,
    );
  }
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  return path.join(target, 'temporal');
}

/**
 * Step 5: let the Temporal SDK download its default CLI into the cache, then use that binary.
 * Only works with internet access (Temporal's download host), so it is the last resort.
 */
async function sdkDownload(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  const downloadDir = path.join(cacheDir(env), 'temporal-cli', 'sdk-download');
  await mkdir(downloadDir, { recursive: true });
  log(`Trying the Temporal SDK's own CLI download into ${downloadDir}`);
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const testEnv = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir, ttl: '3650 days' } },
    });
    await testEnv.teardown();
  } catch (err) {
    log(`  the SDK download failed: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  for (const entry of await readdir(downloadDir)) {
    const file = path.join(downloadDir, entry);
    if (entry.startsWith('temporal') && (await isExecutable(file))) return file;
  }
  return undefined;
}

/** Resolves the Temporal CLI, building it on first use. Throws {@link StartupError} with one clear sentence. */
export async function resolveTemporalCli(opts: ResolveOptions = {}): Promise<ResolvedCli> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.error(line));

  if (env.TEMPORAL_CLI_PATH) {
    const file = path.resolve(env.TEMPORAL_CLI_PATH);
    if (!(await isExecutable(file))) {
      throw new StartupError(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file; fix the path or unset it.`);
    }
    return checkCli(file, 'TEMPORAL_CLI_PATH');
  }
  const onPath = await findOnPath('temporal', env);
  if (onPath) return checkCli(onPath, 'PATH');

  const cached = path.join(cachedCliDir(env), 'temporal');
  if (await isExecutable(cached)) return checkCli(cached, 'cache');

  const built = await goInstall(env, log);
  if (built) return checkCli(built, 'go-install');

  if (opts.allowSdkDownload !== false) {
    const downloaded = await sdkDownload(env, log);
    if (downloaded) return checkCli(downloaded, 'sdk-download');
  }
  throw new StartupError(
    `No Temporal CLI found (TEMPORAL_CLI_PATH unset, no \`temporal\` on PATH, nothing cached in ${cachedCliDir(env)}) ` +
      `and no Go toolchain to build it, nor internet access for the SDK download; ` +
      `install Go 1.25 or later, or set TEMPORAL_CLI_PATH to a temporal binary.`,
  );
}
