/**
 * Finds or fetches Temporal's time-skipping test server (the Java `io.temporal:temporal-test-server`,
 * main class `io.temporal.testserver.TestServer`), on which the timer-driven workflow tests let days
 * pass in milliseconds (docs/adr/0080). The SDK's own download of it needs GitHub; this resolver
 * needs only Maven Central, `mvn` and Java 17.
 *
 * Resolution order:
 *   1. `TEMPORAL_TEST_SERVER`: an executable that takes the port as its first argument (a
 *      wrapper like the one below, or Temporal's native `temporal-test-server` binary);
 *   2. the cache: `<INS_CACHE_DIR, default ~/.cache/ins>/temporal-test-server/<version>/`;
 *   3. `mvn dependency:copy-dependencies` of the pinned version into that cache (about 40 jars,
 *      38 MB, some 20 s), with an executable wrapper `temporal-test-server` beside them.
 *
 * Two processes resolving at once each build in a folder of their own and rename it into place;
 * the second keeps the first one's.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from './errors.js';
import { cacheDir } from './temporal-cli.js';

const execFileAsync = promisify(execFile);

export const TEMPORAL_TEST_SERVER_VERSION = '1.38.0';
const ARTIFACT = `io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION}`;
/** Pinned, so that a cold cache resolves the same plugin on every machine. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const WRAPPER = 'temporal-test-server';

type TestServerSource = 'TEMPORAL_TEST_SERVER' | 'cache' | 'maven';

export interface ResolvedTestServer {
  /** An executable taking `<port> [--enable-time-skipping]`. */
  path: string;
  source: TestServerSource;
}

export interface ResolveTestServerOptions {
  env?: NodeJS.ProcessEnv;
  /** Progress lines. */
  log?: (line: string) => void;
}

function cachedDir(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'temporal-test-server', TEMPORAL_TEST_SERVER_VERSION);
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

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && (await isExecutable(path.join(dir, name)))) return path.join(dir, name);
  }
  return undefined;
}

/** A cached copy is usable when its wrapper is executable and the server's own jar is there. */
async function isComplete(dir: string): Promise<boolean> {
  if (!(await isExecutable(path.join(dir, WRAPPER)))) return false;
  try {
    return (await stat(path.join(dir, 'lib', `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}.jar`))).isFile();
  } catch {
    return false;
  }
}

/**
 * The server logs through SLF4J 1.7 (its slf4j-api); with no binding on the class path SLF4J warns
 * on every start, so the no-op binding of the same version goes with it.
 */
const SLF4J_NOP = 'org.slf4j:slf4j-nop:1.7.36';

/** A throw-away project whose only dependencies are the test server (and a silent logger). */
function fetchPom(): string {
  const dependency = (gav: string): string => {
    const [groupId, artifactId, version] = gav.split(':');
    return `    <dependency>
      <groupId>${groupId}</groupId>
      <artifactId>${artifactId}</artifactId>
      <version>${version}</version>
    </dependency>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ins.local</groupId>
  <artifactId>fetch-temporal-test-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${dependency(ARTIFACT)}
${dependency(SLF4J_NOP)}
  </dependencies>
</project>
`;
}

/**
 * The wrapper: the port and flags pass through. It finds its jars beside itself, so the folder
 * may be renamed after it is written. The SDK passes only the port, so the server starts with
 * time skipping locked; its client unlocks it while it waits (`env.sleep()`, a workflow's result).
 */
export function wrapperScript(): string {
  return `#!/bin/sh
# Temporal's time-skipping test server ${TEMPORAL_TEST_SERVER_VERSION}, written by lib/temporal-test-server.ts.
exec java -cp "$(dirname "$0")/lib/*" io.temporal.testserver.TestServer "$@"
`;
}

async function mavenFetch(mvn: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  const target = cachedDir(env);
  const staging = `${target}.partial-${process.pid}-${randomUUID().slice(0, 8)}`;
  await mkdir(staging, { recursive: true });
  const started = Date.now();
  log(`Fetching ${ARTIFACT} and its dependencies from Maven Central with ${mvn}; cached in ${target}`);
  try {
    await writeFile(path.join(staging, 'pom.xml'), fetchPom());
    await execFileAsync(
      mvn,
      ['-q', '-B', '-f', path.join(staging, 'pom.xml'), `-Dmaven.repo.local=${path.join(staging, 'm2')}`, `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${path.join(staging, 'lib')}`],
      { env, timeout: 15 * 60_000, maxBuffer: 10 * 1024 * 1024 },
    );
    // The jars are in lib/; the local repository they came through is not needed again.
    await rm(path.join(staging, 'm2'), { recursive: true, force: true });
    await writeFile(path.join(staging, WRAPPER), wrapperScript());
    await chmod(path.join(staging, WRAPPER), 0o755);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    const e = err as { stdout?: string; stderr?: string; message: string };
    const tail = String(e.stdout || e.stderr || e.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new StartupError(`Fetching ${ARTIFACT} with mvn failed (${tail}); fix Maven's access to Maven Central or set TEMPORAL_TEST_SERVER to a test server executable.`);
  }
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(staging, target);
  } catch {
    // Another process put its copy there first; keep theirs.
    await rm(staging, { recursive: true, force: true });
    if (!(await isComplete(target))) throw new StartupError(`${target} exists but is incomplete; remove it so INS can fetch the test server again.`);
  }
  log(`  fetched in ${Math.round((Date.now() - started) / 1000)} s`);
  return path.join(target, WRAPPER);
}

/** Resolves the time-skipping test server, fetching it on first use. Throws {@link StartupError} with one clear sentence. */
export async function resolveTemporalTestServer(opts: ResolveTestServerOptions = {}): Promise<ResolvedTestServer> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.error(line));

  if (env.TEMPORAL_TEST_SERVER) {
    const file = path.resolve(env.TEMPORAL_TEST_SERVER);
    if (!(await isExecutable(file))) throw new StartupError(`TEMPORAL_TEST_SERVER=${env.TEMPORAL_TEST_SERVER} is not an executable file; fix the path or unset it.`);
    return { path: file, source: 'TEMPORAL_TEST_SERVER' };
  }
  const cached = cachedDir(env);
  if (await isComplete(cached)) return { path: path.join(cached, WRAPPER), source: 'cache' };

  const mvn = await findOnPath('mvn', env);
  const java = await findOnPath('java', env);
  if (!mvn || !java) {
    throw new StartupError(
      `No Temporal test server found (TEMPORAL_TEST_SERVER unset, nothing cached in ${cached}) and no ${!java ? 'java' : 'mvn'} on PATH to fetch ${ARTIFACT}; ` +
        `install Java 17 and Maven, or set TEMPORAL_TEST_SERVER to a test server executable.`,
    );
  }
  return { path: await mavenFetch(mvn, env, log), source: 'maven' };
}
