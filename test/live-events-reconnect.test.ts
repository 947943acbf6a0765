/**
 * The live-event listener heals by itself (docs/adr/0023-live-event-listener.md): when its
 * PostgreSQL connection goes — a restart, a terminated backend — it reconnects with capped,
 * jittered backoff for as long as it takes, LISTENs again, and the streams open through it get
 * what was committed meanwhile from the event log. /readyz is not ready while it is down, and says
 * why. This file runs its own embedded PostgreSQL, so that stopping it disturbs no other file.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { createDb, type Db } from '../db/database.js';
import { seedDemoData } from '../db/demo-data.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { CaseEventHub, type TCaseEvent } from '../lib/case-events.js';
import { freePort } from '../lib/dev-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../lib/embedded-pg.js';
import { createTestApp, readSseBlocks, signIn, startTestWorker, type TestTemporal, type TSseBlock } from './support.js';

const UNIT = `lr${randomUUID().slice(0, 6)}`;
const LISTENER_ROLE = 'ins_listener_test';
const LISTENER_PASSWORD = 'listener-secret';
let tmp: string;
let port: number;
let postgres: RunningPostgres;
let db: Db;
let hub: CaseEventHub;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
const errors: string[] = [];

const startPostgres = () => startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port, database: 'ins', log: () => undefined });

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ins-listener-'));
  await chmod(tmp, 0o755);
  // A free port now; the restarts below keep it (the clients' URLs name it).
  port = 0;
  postgres = await startPostgres();
  port = postgres.port;
  db = createDb({ url: postgres.url, poolSize: 4, applicationName: 'ins-test' });
  await migrateToLatest(db);
  await seedReferenceData(db);
  await seedDemoData(db, UNIT);
  // The listener signs in as a role of its own, so that the second test can keep it out alone.
  await sql.raw(`create role ${LISTENER_ROLE} login password '${LISTENER_PASSWORD}'`).execute(db);
  // It reads the notified events from the log (a notification carries the event's id only).
  await sql.raw(`grant select on case_event_log to ${LISTENER_ROLE}`).execute(db);
  const listenerUrl = new URL(postgres.url);
  listenerUrl.username = LISTENER_ROLE;
  listenerUrl.password = LISTENER_PASSWORD;
  hub = new CaseEventHub(listenerUrl.toString(), (err) => errors.push(err.message), { initialBackoffMs: 100, maxBackoffMs: 1_000 });
  await hub.start();
  temporal = await startTestWorker({ db });
  ({ app, close } = await createTestApp(db, { taskQueue: temporal.taskQueue, events: hub }));
}, 120_000);
afterAll(async () => {
  await close?.();
  await hub?.stop();
  await temporal?.shutdown();
  await db?.destroy();
  await postgres?.stop();
  if (postgres) await rm(postgres.clusterDir, { recursive: true, force: true });
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A live event as the projection writes it: logged, no NOTIFY (the hub reads the log, docs/adr/0201). */
async function project(caseId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const event: Omit<TCaseEvent, 'id'> = {
      caseId,
      unitId: UNIT,
      teamId: `${UNIT}-doi-1`,
      kind: 'TIP',
      status: 'OPEN',
      overdue: false,
      seq: 1,
      currentSteps: ['C1'],
      actions: [{ seq: 1, action: 'CASE_STARTED', actorId: 'kiemsoat.an', at: new Date().toISOString() }],
    };
    // No lock: the position comes from the transaction's id (docs/adr/0173).
    const row = await trx
      .insertInto('case_event_log')
      .values({ case_id: caseId, unit_id: UNIT, team_id: `${UNIT}-doi-1`, payload: JSON.stringify(event) })
      .returning('pos')
      .executeTakeFirstOrThrow();
    return String(row.pos);
  });
}

interface TReadiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail: string }>;
}
async function readiness(): Promise<{ status: number; body: TReadiness }> {
  const res = await app.request('/readyz');
  return { status: res.status, body: (await res.json()) as TReadiness };
}
async function until<T>(what: string, f: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Reads an SSE response in the background, so a test can look at what arrived so far. */
function follow(res: Response): { blocks: TSseBlock[]; cases: () => string[]; done: Promise<TSseBlock[]> } {
  const blocks: TSseBlock[] = [];
  const done = readSseBlocks(
    res,
    (b) => {
      blocks.splice(0, blocks.length, ...b);
      return false;
    },
    40_000,
  );
  return { blocks, cases: () => blocks.filter((b) => b.event === 'case').map((b) => (JSON.parse(b.data) as TCaseEvent).caseId), done };
}

describe('the live-event listener', () => {
  it('reconnects after PostgreSQL restarts, for as long as it is down, and /readyz says not ready meanwhile', async () => {
    await until('ready', readiness, (r) => r.status === 200, 30_000);
    const session = await signIn(app, 'doitruong.cuong');
    const stream = follow(await app.request('/api/v1/events', { headers: { cookie: session.cookie } }));
    await project('tip/before-restart');
    await until(
      'the first event',
      async () => stream.cases(),
      (c) => c.includes('tip/before-restart'),
      5_000,
    );
    const before = await readiness();

    await postgres.stop();
    const down = await until('not ready', readiness, (r) => r.status === 503, 10_000);
    // Longer than the one retry the listener used to make: it must keep trying.
    await new Promise((r) => setTimeout(r, 4_000));
    const stillDown = await readiness();

    postgres = await startPostgres();
    const back = await until('ready again', readiness, (r) => r.status === 200, 20_000);
    // The stream opened before the restart goes on with what is committed after it.
    await project('tip/after-restart');
    await until(
      'the event after the restart',
      async () => stream.cases(),
      (c) => c.includes('tip/after-restart'),
      10_000,
    );

    expect(before.body.checks.events).toMatchObject({ ok: true });
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.events).toMatchObject({ ok: false, detail: expect.stringMatching(/^live events: not listening/) });
    expect(stillDown.body.checks.events).toMatchObject({ ok: false, detail: expect.stringMatching(/reconnect attempt ([2-9]|\d\d)/) });
    expect(back.body.checks.events).toMatchObject({ ok: true });
    expect(errors.length).toBeGreaterThan(0);
  }, 90_000);

  it('says not ready while only the listener is out, and the streams get what they missed once it is back', async () => {
    const session = await signIn(app, 'doitruong.cuong');
    const stream = follow(await app.request('/api/v1/events', { headers: { cookie: session.cookie } }));
    await project('tip/live');
    await until(
      'the live event',
      async () => stream.cases(),
      (c) => c.includes('tip/live'),
      5_000,
    );

    // Keep the listener's role out, and end its connection: the database itself stays up.
    await sql.raw(`alter role ${LISTENER_ROLE} nologin`).execute(db);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${LISTENER_ROLE}`.execute(db);
    const down = await until('not ready', readiness, (r) => r.status === 503, 10_000);
    expect(down.body.checks.database).toMatchObject({ ok: true });
    expect(down.body.checks.events).toMatchObject({ ok: false, detail: expect.stringMatching(/^live events: not listening/) });

    const missed = [await project('tip/missed-1'), await project('tip/missed-2')];
    expect(missed).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(stream.cases()).not.toContain('tip/missed-1');

    await sql.raw(`alter role ${LISTENER_ROLE} login`).execute(db);
    await until('ready again', readiness, (r) => r.status === 200, 10_000);
    const got = await until(
      'the missed events',
      async () => stream.cases(),
      (c) => c.includes('tip/missed-2'),
      5_000,
    );
    expect(got.filter((c) => c.startsWith('tip/missed'))).toEqual(['tip/missed-1', 'tip/missed-2']);
  }, 60_000);
});

describe('a listener that never connected', () => {
  it('fails to start with the reason, so that the API does not start without it', async () => {
    const closed = await freePort();
    const lonely = new CaseEventHub(`postgres://nobody:x@127.0.0.1:${closed}/ins`, () => undefined, { initialBackoffMs: 50, maxBackoffMs: 100 });
    await expect(lonely.start()).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(lonely.status()).toMatchObject({ listening: false });
    await lonely.stop();
  });
});
