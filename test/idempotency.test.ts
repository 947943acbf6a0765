/**
 * `Idempotency-Key` under faults (issue 13): a key claimed by a process that died is taken over
 * once its lease runs out; an officer action cut off from Temporal mid-update is reported as it
 * really ended; the query string, the user and the route are part of the request; concurrent
 * duplicates have one winner and never a 500; expired keys are pruned by any replica; every POST of
 * a signed-in caller needs a key, except sign-in and the one-shot evidence upload.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import type { Database } from '../db/schema.js';
import { claimIdempotencyKey, pruneExpiredIdempotencyKeys } from '../db/repositories/idempotency.js';
import { freePort } from '../lib/dev-server.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { caseStateQuery } from '../workflows/case-messages.js';
import { cleanEnv, startProcess, type Running } from './run-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

/** This file's own unit: case ids contain it, and test files share one Temporal server. */
const UNIT = `id${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let closeApp: () => Promise<void>;
let evidenceDir: string;

/**
 * Holds the case's read-model row locked, so that an action's answer — written to the read model
 * by the API before it answers (docs/adr/0176) — waits in the middle of its write, after its Update
 * was applied, until `release()`.
 */
const gate = (() => {
  let open: () => void = () => undefined;
  let held = Promise.resolve();
  return {
    /** Locks case `caseId`'s row, in a transaction that stays open until `release()`. */
    async arm(caseId: string) {
      const opened = new Promise<void>((r) => (open = r));
      let locked: () => void = () => undefined;
      const isLocked = new Promise<void>((r) => (locked = r));
      held = database.db.transaction().execute(async (trx) => {
        await sql`select 1 from case_file where case_id = ${caseId} for update`.execute(trx);
        locked();
        await opened;
      });
      await isLocked;
    },
    /** Resolves once a write waits for the lock. */
    async reached() {
      await expect
        .poll(async () => Number((await sql<{ n: string }>`select count(*) as n from pg_locks where not granted`.execute(database.db)).rows[0]!.n), { timeout: 15_000, interval: 50 })
        .toBeGreaterThan(0);
    },
    async release() {
      open();
      await held;
    },
  };
})();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-idem-evidence-'));
  ({ app, close: closeApp } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 1024 * 1024 } }));
});
afterAll(async () => {
  await gate.release();
  await closeApp?.();
  await temporal?.shutdown();
  await database?.drop();
  await rm(evidenceDir, { recursive: true, force: true });
});

const enc = encodeURIComponent;

async function openTip(on: InsApp, lead: TTestSession): Promise<string> {
  const created = await callAs(on, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `Tin báo ${randomUUID().slice(0, 6)}` });
  expect(created.status).toBe(201);
  return created.body.caseId as string;
}

async function notes(caseId: string): Promise<{ text: string; by: string }[]> {
  const rows = await database.db.selectFrom('audit_event').select(['actor_id', 'detail']).where('case_id', '=', caseId).where('action', '=', 'NOTE_ADDED').orderBy('seq').execute();
  return rows.map((r) => ({ text: String((r.detail as { text: string }).text), by: r.actor_id }));
}

/** How many requests case `caseId` has applied, asked of its workflow (not through the proxy). */
async function processedCount(caseId: string): Promise<number> {
  return (await temporal.client.workflow.getHandle(caseId).query(caseStateQuery)).processedCount;
}

/** Resolves once case `caseId` has applied a request more than `before`. */
async function appliedAfter(caseId: string, before: number): Promise<void> {
  await expect.poll(() => processedCount(caseId), { timeout: 15_000, interval: 50 }).toBeGreaterThan(before);
}

const note = (on: InsApp, s: TTestSession, caseId: string, text: string, key: string) => callAs(on, s, 'POST', `/api/v1/cases/${enc(caseId)}/notes`, { text }, { 'idempotency-key': key });

describe('a key whose request died with its process', () => {
  let api: Running | undefined;
  afterAll(async () => {
    await api?.stop('SIGKILL');
  });

  it('answers 409 while the lease runs, then lets one retry take the key over and report the action applied once', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const caseId = await openTip(app, lead);
    const port = await freePort();
    api = startProcess(
      'api/main.ts',
      cleanEnv({
        INS_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: temporal.taskQueue,
        PORT: String(port),
        EVIDENCE_DIR: evidenceDir,
        IDEMPOTENCY_LEASE_SECONDS: '2',
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    const started = api;
    await expect
      .poll(
        () =>
          fetch(`${base}/livez`).then(
            (r) => r.status === 200,
            () => false,
          ),
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true)
      .catch((err: unknown) => {
        throw new Error(`the API process did not start:\n${started.output()}`, { cause: err });
      });

    const key = `k-${randomUUID()}`;
    await gate.arm(caseId);
    const body = JSON.stringify({ text: 'HOLD: ghi chú trước sự cố' });
    const headers = { 'content-type': 'application/json', cookie: lead.cookie, 'x-csrf-token': lead.csrf, 'idempotency-key': key };
    void fetch(`${base}/api/v1/cases/${enc(caseId)}/notes`, { method: 'POST', headers, body }).catch(() => undefined);
    await gate.reached();
    // The API process dies in the middle of the request: its key stays claimed.
    await api.stop('SIGKILL');
    api = undefined;

    const first = await note(app, lead, caseId, 'HOLD: ghi chú trước sự cố', key);
    expect(first).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', details: { reason: 'IDEMPOTENCY_KEY_IN_USE' } } } });
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);

    const releaseSoon = setTimeout(() => void gate.release(), 2_500);
    let last = first;
    await expect.poll(async () => (last = await note(app, lead, caseId, 'HOLD: ghi chú trước sự cố', key)).status, { timeout: 15_000, interval: 250 }).not.toBe(409);
    clearTimeout(releaseSoon);
    await gate.release();
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    expect(await notes(caseId)).toEqual([{ text: 'HOLD: ghi chú trước sự cố', by: 'doitruong.cuong' }]);
    // Now kept: the same request is replayed.
    const replay = await note(app, lead, caseId, 'HOLD: ghi chú trước sự cố', key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
  });
});

describe('an officer action cut off from Temporal in the middle of its Update', () => {
  let proxy: TcpProxy;
  let viaProxy: InsApp;
  let closeProxied: () => Promise<void>;
  beforeAll(async () => {
    proxy = await startTcpProxy(inject('temporalAddress'));
    ({ app: viaProxy, close: closeProxied } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, temporalAddress: proxy.address }));
  });
  afterAll(async () => {
    await closeProxied?.();
    await proxy?.close();
  });

  it('is reported as applied when Temporal can be asked again, not as "nothing was changed"', async () => {
    const lead = await signIn(viaProxy, 'doitruong.cuong');
    const caseId = await openTip(viaProxy, lead);
    const before = await processedCount(caseId);
    const key = `k-${randomUUID()}`;
    // The workflow answers the Update from the task that accepts it (docs/adr/0175): once it has
    // applied it, its answer is kept from the API, which then loses its connection and cannot
    // reconnect for a while.
    proxy.mute();
    const answer = note(viaProxy, lead, caseId, 'HOLD: ghi chú khi mất kết nối', key);
    await appliedAfter(caseId, before);
    proxy.refuse(1_500);
    proxy.cut();
    const r = await answer;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ caseId });
    expect(await notes(caseId)).toEqual([{ text: 'HOLD: ghi chú khi mất kết nối', by: 'doitruong.cuong' }]);
  });

  it('says the outcome is not known, never "nothing was changed", while Temporal stays out of reach; the retry with the same key applies it once', async () => {
    const lead = await signIn(viaProxy, 'doitruong.cuong');
    const caseId = await openTip(viaProxy, lead);
    const before = await processedCount(caseId);
    const key = `k-${randomUUID()}`;
    proxy.mute();
    const answer = note(viaProxy, lead, caseId, 'HOLD: ghi chú khi Temporal tắt', key);
    await appliedAfter(caseId, before);
    proxy.refuse(Infinity);
    proxy.cut();
    const r = await answer;
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    expect(r.body.error.message).not.toMatch(/nothing was changed/i);
    expect(r.body.error.message).toMatch(/not known.*same Idempotency-Key/i);

    proxy.accept();
    const retried = await note(viaProxy, lead, caseId, 'HOLD: ghi chú khi Temporal tắt', key);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(await notes(caseId)).toEqual([{ text: 'HOLD: ghi chú khi Temporal tắt', by: 'doitruong.cuong' }]);
  });
});

describe('what a key is bound to', () => {
  it('is one user’s: the same key from another user is that user’s own request, applied, not dropped', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const inspector = await signIn(app, 'kiemsoat.an');
    const caseId = await openTip(app, lead);
    const key = `k-${randomUUID()}`;
    expect((await note(app, lead, caseId, 'Cùng một khoá', key)).status).toBe(200);
    const second = await note(app, inspector, caseId, 'Cùng một khoá', key);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotency-replayed')).toBeNull();
    expect(await notes(caseId)).toEqual([
      { text: 'Cùng một khoá', by: 'doitruong.cuong' },
      { text: 'Cùng một khoá', by: 'kiemsoat.an' },
    ]);
  });

  it('is refused with IDEMPOTENCY_KEY_REUSED for another body, another route or another query string', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const caseId = await openTip(app, lead);
    const key = `k-${randomUUID()}`;
    expect((await note(app, lead, caseId, 'Lần đầu', key)).status).toBe(200);
    const otherBody = await note(app, lead, caseId, 'Lần khác', key);
    expect(otherBody).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/different body/) } } });
    const otherRoute = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Lần đầu' }, { 'idempotency-key': key });
    expect(otherRoute).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/POST \/api\/v1\/cases\/.*notes/) } } });
    expect(await notes(caseId)).toHaveLength(1);
  });

  it('includes the query string: the real import after a dry run with the same key is not a replay of the dry run', async () => {
    const director = await signIn(app, 'chicuctruong.hai');
    const file = 'tax_code,name,type,province,commune\n2700100042,Chỉ một lần,HOUSEHOLD,Ninh Bình,Phường Hoa Lư\n';
    const key = `k-${randomUUID()}`;
    const post = (query: string) =>
      app.request(`/api/v1/businesses/import${query}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', cookie: director.cookie, 'x-csrf-token': director.csrf, 'idempotency-key': key },
        body: file,
      });
    const dry = await post('?dryRun=true');
    expect(dry.status).toBe(200);
    const real = await post('?dryRun=false');
    expect(real.headers.get('idempotency-replayed')).toBeNull();
    expect(real.status).toBe(422);
    expect(((await real.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/query string/) });
    // The same query again is the same request: the dry run's report, replayed.
    const again = await post('?dryRun=true');
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect((await callAs(app, director, 'GET', '/api/v1/businesses?q=2700100042')).body.total).toBe(0);
  });
});

describe('a case action', () => {
  it('answered with its projection: a projection that cannot be written leaves no accepted audit row and no kept answer; the same request again is applied once', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const caseId = await openTip(app, lead);
    const key = `k-${randomUUID()}`;
    const text = `Không ghi được ${randomUUID()}`;
    // The read model refuses this note's audit event, as a database that fails mid-transaction would.
    await sql`create function refuse_note() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`.execute(database.db);
    await sql.raw(`create trigger refuse_note before insert on audit_event for each row when (new.detail->>'text' = '${text}') execute function refuse_note()`).execute(database.db);
    const rows = () => database.db.selectFrom('request_audit').select(['status', 'outcome']).where('idempotency_key', '=', key).orderBy('id').execute();
    try {
      const failed = await note(app, lead, caseId, text, key);
      expect(failed.status).toBeGreaterThanOrEqual(500);
      // Rolled back with the projection: the request audit records the failure it answered, and the key is free for the retry.
      expect(await rows()).toEqual([{ status: failed.status, outcome: 'REJECTED' }]);
      expect(await database.db.selectFrom('idempotency_key').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
    } finally {
      await sql`drop trigger refuse_note on audit_event`.execute(database.db);
      await sql`drop function refuse_note()`.execute(database.db);
    }
    const again = await note(app, lead, caseId, text, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBeNull();
    expect(await rows()).toEqual([
      { status: expect.any(Number), outcome: 'REJECTED' },
      { status: 200, outcome: 'ACCEPTED' },
    ]);
    // The kept answer is the one sent, replayed as it was.
    const replay = await note(app, lead, caseId, text, key);
    expect(replay).toMatchObject({ status: 200, body: again.body });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.headers.get('content-type')).toBe(again.headers.get('content-type'));
    expect((await notes(caseId)).filter((n) => n.text === text)).toHaveLength(1);
  });

  it('claims its key and reads what it needs of the case it acts on in one statement (docs/adr/0172), stores its answer with its audit row in one (0180); an unknown case is 404 and frees the key', async () => {
    // The statements as sent (their SQL, logged by the driver): some are built once and sent again (docs/adr/0184).
    const statements: string[] = [];
    const counted = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 3 }) }),
      log: (e) => {
        if (e.level === 'query') statements.push(e.query.sql);
      },
    });
    const { app: countedApp, close } = await createTestApp(counted, { taskQueue: temporal.taskQueue });
    try {
      const lead = await signIn(countedApp, 'doitruong.cuong');
      const caseId = await openTip(countedApp, lead);
      statements.length = 0;
      expect((await note(countedApp, lead, caseId, 'Một lượt', `k-${randomUUID()}`)).status).toBe(200);
      const touching = (table: string) => statements.filter((q) => q.includes(`"${table}"`));
      const writes = (table: string) => new RegExp(`(insert into|update|delete from) "${table}"`);
      // The note's projection is written from its Update's answer (docs/adr/0176: the case's row
      // upserted, no reads waiting for the read model); besides, the case is read once: with the claim.
      expect(touching('case_file').filter((q) => writes('case_file').test(q))).toHaveLength(1);
      const reads = touching('case_file').filter((q) => !writes('case_file').test(q));
      expect(reads).toHaveLength(1);
      // The claim (with the case's row) and the stored answer.
      expect(touching('idempotency_key')).toHaveLength(2);
      expect(reads[0]).toBe(touching('idempotency_key')[0]);
      // What the action needs of the case, not its snapshot (the case's largest value).
      expect(reads[0]).toMatch(/"cf"\."procedure_version"/);
      expect(reads[0]).not.toMatch(/snapshot/);
      // The stored answer and the request's audit row are written by the projection's first statement (docs/adr/0200), not after it.
      const answered = touching('request_audit').filter((q) => writes('request_audit').test(q));
      expect(answered).toEqual([touching('idempotency_key')[1]]);
      expect(answered).toEqual(touching('case_file').filter((q) => writes('case_file').test(q)));
      expect(statements.at(-1)).toBe('commit');

      const key = `k-${randomUUID()}`;
      const missing = await note(countedApp, lead, `${caseId}-khong-co`, 'Không có', key);
      expect(missing).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
      expect(await database.db.selectFrom('idempotency_key').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
    } finally {
      await close();
      await counted.destroy();
    }
  });
});

describe('the claim of a key', () => {
  it('commits without waiting for the disk (docs/adr/0202): its statement turns synchronous commit off for its own transaction only', async () => {
    const request = { method: 'POST', path: '/api/v1/x', queryHash: 'q', bodyHash: 'b', requestHash: `r-${randomUUID()}` };
    const settingAfter = (claim: (trx: Kysely<Database>) => Promise<unknown>) =>
      database.db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = on`.execute(trx);
        await claim(trx);
        return (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(trx)).rows[0]!.s;
      });
    const claim = (caseId?: string) => (trx: Kysely<Database>) =>
      claimIdempotencyKey(trx, { scope: 'wal', key: `k-${randomUUID()}`, request, owner: 'o', leaseMs: 1_000, ttlMs: 60_000, ...(caseId ? { caseId } : {}) });
    expect(await settingAfter(claim())).toBe('off');
    expect(await settingAfter(claim('penalty/khong-co'))).toBe('off');
    // Any other write keeps it on, and so does the session after the claim's transaction.
    expect(
      await settingAfter((trx) =>
        sql`insert into idempotency_key (scope, key, request_hash, method, path, query_hash, body_hash, owner, lease_expires_at, expires_at) values ('wal', ${randomUUID()}, 'r', 'POST', '/x', 'q', 'b', 'o', now(), now() + interval '1 day')`.execute(
          trx,
        ),
      ),
    ).toBe('on');
    await database.db.deleteFrom('idempotency_key').where('scope', '=', 'wal').execute();
  });
});

describe('concurrent requests with one key', () => {
  it('have exactly one winner; the others are told it is in progress or get its response, never a 500', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const caseId = await openTip(app, lead);
    const key = `k-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => note(app, lead, caseId, 'Hai mươi lần một lúc', key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      statuses.join(','),
    ).toBe(true);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'IDEMPOTENCY_KEY_IN_USE' } });
    const winners = answers.filter((a) => a.status === 200 && a.headers.get('idempotency-replayed') === null);
    expect(winners).toHaveLength(1);
    expect(await notes(caseId)).toHaveLength(1);
  });

  it('that are refused free the key without a 500 for the others (20 at once, five times)', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    for (let round = 0; round < 5; round++) {
      const key = `k-${randomUUID()}`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => note(app, lead, `tip/${UNIT}/2026/9999`, 'Không có hồ sơ', key)));
      const statuses = answers.map((a) => a.status);
      expect(
        statuses.every((s) => s === 404 || s === 409),
        statuses.join(','),
      ).toBe(true);
    }
  });
});

describe('expired keys', () => {
  it('are pruned by any replica, several at once, each key once; a key past its expiry serves a new request', async () => {
    const admin = await signIn(app, 'quantri.minh');
    const { app: shortLived, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, idempotencyTtlMs: 1 });
    try {
      const validate = (on: InsApp, key: string) => callAs(on, admin, 'POST', '/api/v1/procedures/validate', {}, { 'idempotency-key': key });
      const expiredKeys = Array.from({ length: 30 }, () => `k-${randomUUID()}`);
      for (const key of expiredKeys) expect((await validate(shortLived, key)).status).toBe(200);
      const kept = `k-${randomUUID()}`;
      expect((await validate(app, kept)).status).toBe(200);
      const mine = () =>
        database.db
          .selectFrom('idempotency_key')
          .select('key')
          .where('key', 'in', [...expiredKeys, kept])
          .execute();
      expect(await mine()).toHaveLength(31);
      await new Promise((r) => setTimeout(r, 20));

      const removed = await Promise.all([pruneExpiredIdempotencyKeys(database.db, 7), pruneExpiredIdempotencyKeys(database.db, 7), pruneExpiredIdempotencyKeys(database.db, 7)]);
      expect(removed.reduce((a, b) => a + b, 0)).toBe(30);
      expect((await mine()).map((r) => r.key)).toEqual([kept]);
      expect((await validate(app, kept)).headers.get('idempotency-replayed')).toBe('true');

      // A key whose record expired (and is not pruned yet) is free for a new, different request.
      const reused = `k-${randomUUID()}`;
      const lead = await signIn(app, 'doitruong.cuong');
      const caseId = await openTip(app, lead);
      expect((await note(shortLived, lead, caseId, 'Trước khi hết hạn', reused)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
      const after = await note(app, lead, caseId, 'Sau khi hết hạn', reused);
      expect(after.status).toBe(200);
      expect((await notes(caseId)).map((n) => n.text)).toEqual(['Trước khi hết hạn', 'Sau khi hết hạn']);
    } finally {
      await close();
    }
  });
});

describe('keys are required', () => {
  it('on every POST a signed-in caller may call, before the input is checked (after who may call it), except sign-in, the one-shot evidence upload, the public side and the drafts’ previews', async () => {
    const admin = await signIn(app, 'quantri.minh');
    const spec = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const posts = Object.keys(spec.paths).filter((p) => spec.paths[p]!.post);
    expect(posts.length).toBeGreaterThan(20);
    // Public reads sent as POSTs (the code stays out of addresses and logs: docs/adr/0121), and a public tip (its challenge is used once: docs/adr/0132).
    const exempt = [
      '/api/v1/auth/login',
      '/api/v1/evidence',
      '/api/v1/public/case-lookup',
      '/api/v1/public/case-lookup/subscriptions',
      '/api/v1/public/case-lookup/subscriptions/withdraw',
      '/api/v1/public/payments/receipt',
      '/api/v1/public/tips',
      '/api/v1/public/tips/track',
      // The party's paper, by the lookup's credentials; and drafts' previews, which change nothing (docs/documents.md).
      '/api/v1/public/case-lookup/documents/{documentId}',
      '/api/v1/cases/{caseId}/steps/{stepId}/documents/{type}/preview',
      '/api/v1/document-templates/{type}/versions/{version}/preview',
    ];
    let keyed = 0;
    let forbidden = 0;
    for (const p of posts) {
      const url = p.replace(/\{[^}]+\}/g, 'x');
      const res = await app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: '{}' });
      const body = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
      if (exempt.includes(p)) {
        expect(body?.error?.message ?? '', `${p} is exempt`).not.toMatch(/idempotency-key/i);
      } else if (res.status === 403) {
        // Who may call a route is checked first (docs/adr/0010): an admin may not open a case, say.
        expect(body?.error?.code, p).toBe('FORBIDDEN');
        forbidden++;
      } else {
        expect([res.status, body?.error?.code, body?.error?.message], p).toEqual([
          400,
          'VALIDATION_FAILED',
          'idempotency-key: is required on every POST; send a new random key per intended action and the same key when retrying it',
        ]);
        keyed++;
      }
    }
    expect(keyed).toBeGreaterThan(15);
    expect(forbidden).toBeLessThan(keyed);
    // Sign-in needs none (its answer is a new session, never replayed); the one-shot upload is idempotent by its content.
    const signedIn = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kiemsoat.an', password: 'ins-demo-2026' }),
    });
    expect(signedIn.status).toBe(200);
    const inspector = await signIn(app, 'kiemsoat.an');
    const upload = await app.request('/api/v1/evidence', {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-file-name': 'a.png', cookie: inspector.cookie, 'x-csrf-token': inspector.csrf },
      body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
    });
    expect(upload.status).toBeLessThan(300);
    // Anonymous callers are told to sign in first, not to send a key.
    const anonymous = await app.request('/api/v1/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ procedureId: 'ins-tip', title: 'x' }) });
    expect(anonymous.status).toBe(401);
  });
});
