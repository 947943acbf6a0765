/**
 * Helpers for tests that need the real services started by `global-setup.ts`.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createDb, type Db } from '../db/database.js';
import { dropDatabase, ensureDatabase } from '../lib/embedded-pg.js';
import { createInsWorker } from '../worker/worker.js';
import type { Activities, ActivityDeps } from '../activities/index.js';
import { createApp, type InsApp } from '../api/app.js';
import type { TSignInThrottle } from '../api/routes/auth.js';
import type { TPaymentSettings } from '../api/routes/payments.js';
import { createLogger } from '../lib/logger.js';
import { readYourWrites } from './read-your-writes.js';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import type { EvidenceStore } from '../lib/evidence-store.js';
import type { CaseEventHub, TCaseEvent } from '../lib/case-events.js';
import { resolveS3TestServer, startS3TestServer, type S3TestServer } from '../lib/s3-test-server.js';
import type { TLookupLimits } from '../api/services/case-lookup.js';
import type { TTipSettings } from '../api/services/public-tips.js';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier import in this process.
  }
}

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A clean database for one test file: a copy of the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('dbAdminUrl');
  const name = `ins_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await ensureDatabase(adminUrl, name, inject('dbTemplate'));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createDb({ url, poolSize: 5, applicationName: 'ins-test' });
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy();
      await dropDatabase(adminUrl, name);
    },
  };
}

export interface TestTemporal {
  client: Client;
  taskQueue: string;
  address: string;
  worker: Worker;
  /** Stops the worker and closes the connections. */
  shutdown(): Promise<void>;
}

/** A client and a running INS worker on a task queue of this test file's own. */
export async function startTestWorker(deps: Omit<ActivityDeps, 'temporal'> & { temporal?: Client }, activityOverrides?: Partial<Activities>): Promise<TestTemporal> {
  quietRuntime();
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = readYourWrites(new Client({ connection, namespace: 'default' }), deps.db);
  const worker = await createInsWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: { temporal: client, ...deps },
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activityOverrides,
  });
  const running = worker.run();
  return {
    client,
    taskQueue,
    address,
    worker,
    async shutdown() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
}

/**
 * An INS worker on `taskQueue`, which a test stops and starts again (a case's worker down while
 * messages arrive); resolves to the function that stops it and closes its connection.
 */
export async function startQueueWorker(taskQueue: string, deps: Omit<ActivityDeps, 'temporal'> & { temporal?: Client }, activityOverrides?: Partial<Activities>): Promise<() => Promise<void>> {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await createInsWorker({ connection, namespace: 'default', taskQueue, deps, workflowBundle: { codePath: inject('workflowBundlePath') }, activityOverrides });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
}

export function uniqueId(prefix: string): string {
  return `${prefix}/${randomUUID()}`;
}

/** The Hono app over a test database and the test Temporal server, for `app.request()` tests. */
export async function createTestApp(
  db: Db,
  opts: {
    taskQueue?: string;
    sessionTtlMs?: number;
    publicRateLimit?: number;
    secureCookies?: boolean;
    evidence?: { store: EvidenceStore; maxBytes: number; uploadTtlMs?: number };
    events?: CaseEventHub;
    trustedProxies?: string[];
    signInThrottle?: Partial<TSignInThrottle>;
    /**
     * Another Temporal address (e.g. a closed port, to see the API with Temporal out of reach): the
     * connection is lazy (never checked) and a call is tried twice, not the SDK's ten times over ~20 s.
     */
    temporalAddress?: string;
    /** A Temporal client of the test's own (a time-skipping test server's, test/timeskip-support.ts); left open by `close()`. */
    temporal?: Client;
    /** Serve the built web app (`web/dist`) instead of the placeholder page. */
    webDistDir?: string;
    /** How long an Idempotency-Key record is kept (default: the API's). */
    idempotencyTtlMs?: number;
    /** Keys and window of payment callbacks (default: none, every callback refused). */
    payments?: TPaymentSettings;
    /** The public case lookup's limits (default: the API's). */
    publicLookup?: Partial<TLookupLimits>;
    /** Public tips' limits and proof-of-work difficulty (default: the API's). */
    publicTips?: Partial<TTipSettings>;
  } = {},
): Promise<{ app: InsApp; close(): Promise<void> }> {
  let temporal = opts.temporal;
  let close = async (): Promise<void> => {};
  if (!temporal) {
    const connection = opts.temporalAddress
      ? Connection.lazy({ address: opts.temporalAddress, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2 }))] })
      : await Connection.connect({ address: inject('temporalAddress') });
    temporal = new Client({ connection, namespace: 'default' });
    close = () => connection.close();
  }
  const app = createApp({
    db,
    temporal,
    taskQueue: opts.taskQueue ?? `unused-${randomUUID()}`,
    log: createLogger({ level: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent', name: 'test' }),
    sessionTtlMs: opts.sessionTtlMs,
    secureCookies: opts.secureCookies ?? false,
    publicRateLimit: opts.publicRateLimit ?? 10_000,
    ...(opts.evidence ? { evidence: opts.evidence } : {}),
    ...(opts.events ? { events: opts.events } : {}),
    ...(opts.webDistDir ? { webDistDir: opts.webDistDir } : {}),
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
    ...(opts.idempotencyTtlMs ? { idempotency: { ttlMs: opts.idempotencyTtlMs } } : {}),
    ...(opts.signInThrottle ? { signInThrottle: opts.signInThrottle } : {}),
    ...(opts.payments ? { payments: opts.payments } : {}),
    ...(opts.publicLookup ? { publicLookup: opts.publicLookup } : {}),
    ...(opts.publicTips ? { publicTips: opts.publicTips } : {}),
  });
  return { app, close };
}

/** A signed-in browser session: the cookie to send and the CSRF token of the session. */
export interface TTestSession {
  cookie: string;
  csrf: string;
}

/** Signs `username` in through the API (the demo password unless given) and returns the session. */
export async function signIn(app: InsApp, username: string, password: string = DEMO_PASSWORD): Promise<TTestSession> {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed with ${res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** A JSON request as a signed-in user (with the CSRF token and a fresh Idempotency-Key unless given). */
export async function callAs(
  app: InsApp,
  session: TTestSession,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': `k-${randomUUID()}`, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/**
 * A real S3-compatible server (gofakes3) for one test file, on a free port, with an empty bucket.
 * When none can be had the calling tests fail, saying why: they never skip.
 */
export async function startTestS3(): Promise<S3TestServer> {
  let binary: string;
  try {
    binary = await resolveS3TestServer();
  } catch (err) {
    throw new Error(`The S3 evidence-store tests need a real S3-compatible server and none is available: ${(err as Error).message}`);
  }
  return startS3TestServer({ binary, bucket: `ins-test-${randomUUID().slice(0, 8)}` });
}

export interface TSseBlock {
  event: string;
  id?: string;
  data: string;
}

/** Reads SSE blocks until `until` holds or the time runs out, then closes the stream. */
export async function readSseBlocks(res: Response, until: (blocks: TSseBlock[]) => boolean, ms: number): Promise<TSseBlock[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const blocks: TSseBlock[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until(blocks)) {
    const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      if (!event) continue;
      const id = /^id: (.*)$/m.exec(block)?.[1];
      blocks.push({ event, ...(id ? { id } : {}), data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
    }
  }
  await reader.cancel();
  return blocks;
}

/** Reads `case` events from an SSE response until `until` holds or the time runs out. */
export async function readCaseEvents(res: Response, until: (events: TCaseEvent[]) => boolean, ms: number): Promise<TCaseEvent[]> {
  const events = (blocks: TSseBlock[]) => blocks.filter((b) => b.event === 'case').map((b) => JSON.parse(b.data) as TCaseEvent);
  return events(await readSseBlocks(res, (b) => until(events(b)), ms));
}
