/**
 * The request audit (rejections included, hash-chained, verified), retiring a procedure version,
 * and `__Host-` session cookies — through the HTTP API. The escalations queue, which needs a
 * deadline to run out, is in test/vn-procedures.timeskip.test.ts (time-skipping server).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { appendRequestAudit, linkRequestAudit, requestAuditEvents, settleRequestAudit, verifyRequestAudits } from '../db/repositories/request-audit.js';
import { tipProcedure } from '../domain/procedures/tracks.js';
import { cleanEnv, runToEnd } from './run-process.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
const replicas: { app: InsApp; close: () => Promise<void> }[] = [];
let app: InsApp;
const sessions = new Map<string, TTestSession>();
const as = (user: string) => sessions.get(user)!;
const TIP_FORM = { channel: 'HOTLINE', content: 'Bán hàng giả', target: 'Cửa hàng X', place: 'Chợ Rồng' };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  for (let i = 0; i < 2; i++) replicas.push(await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  app = replicas[0]!.app;
  for (const u of ['quantri.minh', 'quocgia.thu', 'chicuctruong.hai', 'kiemsoat.an', 'kiemsoat.binh', 'doitruong.cuong', 'doitruong.dung', 'phapche.lan']) {
    sessions.set(u, await signIn(app, u));
  }
});
afterAll(async () => {
  for (const r of replicas) await r.close();
  await temporal?.shutdown();
  await database?.drop();
});

async function openTip(user = 'kiemsoat.an'): Promise<string> {
  const r = await callAs(app, as(user), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `Tin báo ${randomUUID().slice(0, 4)}` });
  expect(r.status).toBe(201);
  return r.body.caseId as string;
}
const stepPath = (caseId: string, step: string, what: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${step}/${what}`;

describe('the request audit', () => {
  it('records accepted and rejected requests with their codes, never their bodies, and is readable by the director only', async () => {
    const caseId = await openTip();
    // Wrong role: the director may not log a tip's content (C1 is for inspectors and team leads).
    const wrongRole = await callAs(app, as('chicuctruong.hai'), 'POST', stepPath(caseId, 'C1', 'complete'), { outcome: 'LOGGED', data: TIP_FORM });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.code).toBe('ROLE_NOT_ALLOWED');
    // Out of order: C2 before C1.
    const outOfOrder = await callAs(app, as('doitruong.cuong'), 'POST', stepPath(caseId, 'C2', 'complete'), { outcome: 'VERIFY', data: {} });
    expect(outOfOrder.status).toBe(409);
    // A forged request without the CSRF token.
    const forged = await app.request(stepPath(caseId, 'C1', 'complete'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: as('kiemsoat.an').cookie },
      body: JSON.stringify({ outcome: 'LOGGED', data: TIP_FORM }),
    });
    expect(forged.status).toBe(403);
    const done = await callAs(app, as('kiemsoat.an'), 'POST', stepPath(caseId, 'C1', 'complete'), { outcome: 'LOGGED', data: TIP_FORM });
    expect(done.status).toBe(200);

    const read = await callAs(app, as('chicuctruong.hai'), 'GET', `/api/v1/audit/requests?caseId=${encodeURIComponent(caseId)}`);
    expect(read.status).toBe(200);
    const events = read.body.events as { actorId: string; status: number; outcome: string; code: string | null; path: string; seq: number }[];
    expect(events.map((e) => [e.actorId, e.status, e.outcome, e.code])).toEqual([
      ['chicuctruong.hai', 403, 'REJECTED', 'ROLE_NOT_ALLOWED'],
      ['doitruong.cuong', 409, 'REJECTED', 'STEP_OUT_OF_ORDER'],
      ['kiemsoat.an', 403, 'REJECTED', 'FORBIDDEN'],
      ['kiemsoat.an', 200, 'ACCEPTED', null],
    ]);
    expect(events.every((e) => e.path.startsWith(`/api/v1/cases/${encodeURIComponent(caseId)}/steps/`))).toBe(true);
    expect(JSON.stringify(read.body)).not.toContain('Bán hàng giả');

    expect((await callAs(app, as('kiemsoat.an'), 'GET', '/api/v1/audit/requests')).status).toBe(403);
    expect((await callAs(app, as('doitruong.cuong'), 'GET', '/api/v1/audit/requests')).status).toBe(403);
  });

  it('keeps one unbroken chain when two replicas record at the same time', async () => {
    const before = (await sql<{ n: string }>`select count(*) as n from request_audit where chain_id = ${UNIT}`.execute(database.db)).rows[0]!.n;
    // Twenty rejected requests (a wrong form), half through each replica, all at once.
    const caseId = await openTip('kiemsoat.binh');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callAs(replicas[i % 2]!.app, as('kiemsoat.binh'), 'POST', stepPath(caseId, 'C1', 'complete'), { outcome: 'LOGGED', data: { channel: 'HOTLINE' } })),
    );
    expect(results.every((r) => r.status === 400 && r.body.error.code === 'FORM_INVALID')).toBe(true);
    const after = (await sql<{ n: string }>`select count(*) as n from request_audit where chain_id = ${UNIT}`.execute(database.db)).rows[0]!.n;
    expect(Number(after) - Number(before)).toBe(21);
    // Appended without a lock, chained after commit (docs/adr/0173): once linked, one line, in (xid, id) order.
    // Linking waits for every older transaction of the PostgreSQL server to end, other test files'
    // databases' included (transaction ids are server-wide): up to 20 s, not the default 2 s.
    expect(await settleRequestAudit(database.db, UNIT, 20_000)).toBe(0);
    const { broken } = await verifyRequestAudits(database.db);
    expect(broken).toEqual([]);
    const chain = (await sql<{ seq: number; xid: string; id: string }>`select seq, xid::text as xid, id from request_audit where chain_id = ${UNIT} order by seq`.execute(database.db)).rows;
    const byCommitOrder = [...chain].sort((a, b) => (BigInt(a.xid) === BigInt(b.xid) ? (BigInt(a.id) < BigInt(b.id) ? -1 : 1) : BigInt(a.xid) < BigInt(b.xid) ? -1 : 1));
    expect(chain.map((r) => r.seq)).toEqual(byCommitOrder.map((r) => r.seq));
  });

  it('chains a row committed late after the rows of later transactions only once it is committed, never forking or skipping', async () => {
    const chainId = `late-${randomUUID().slice(0, 8)}`;
    const row = (requestId: string) => ({
      chainId,
      at: new Date().toISOString(),
      actorId: 'kiemsoat.an',
      actorRoles: ['INSPECTOR'],
      method: 'POST',
      path: '/api/v1/x',
      status: 200,
      outcome: 'ACCEPTED' as const,
      code: null,
      requestId,
      idempotencyKey: null,
    });
    let commitEarly!: () => void;
    const held = new Promise<void>((r) => (commitEarly = r));
    let appended!: () => void;
    const inserted = new Promise<void>((r) => (appended = r));
    // An earlier transaction appends its row and stays open…
    const early = database.db.transaction().execute(async (trx) => {
      await appendRequestAudit(trx, row('early'));
      appended();
      await held;
    });
    await inserted;
    // …while a later one appends and commits: its row may not be chained before the earlier one's.
    await appendRequestAudit(database.db, row('later'));
    expect(await linkRequestAudit(database.db, chainId)).toBe(0);
    commitEarly();
    await early;
    // Waits for every older transaction to end, another test file's too (they share one PostgreSQL, whose transaction ids are the cluster's).
    expect(await settleRequestAudit(database.db, chainId, 20_000)).toBe(0);
    const chain = await requestAuditEvents(database.db, chainId);
    expect(chain.map((e) => [e.seq, e.requestId])).toEqual([
      [1, 'early'],
      [2, 'later'],
    ]);
    expect((await verifyRequestAudits(database.db)).broken).toEqual([]);
  });

  it('is checked by the verifier, which names an edited, a deleted and a reordered event', async () => {
    const clean = await runToEnd('scripts/audit-verify.ts', cleanEnv({ DATABASE_URL: database.url }), 60_000, ['--chains-only']);
    expect(clean.code).toBe(0);
    expect(clean.output).toMatch(/\d+ request audit chain\(s\) checked, 0 broken/);

    // The chain's first rejected request (sign-ins, audited under the one who signed in, come first).
    const seq = (await sql<{ seq: number }>`select min(seq) as seq from request_audit where chain_id = ${UNIT} and outcome = 'REJECTED'`.execute(database.db)).rows[0]!.seq;
    const original = (
      await sql<{ status: number; outcome: string; code: string | null }>`select status, outcome, code from request_audit where chain_id = ${UNIT} and seq = ${seq}`.execute(database.db)
    ).rows[0]!;
    expect(original.outcome).toBe('REJECTED');
    // A rejected request is turned into an accepted one…
    await sql`update request_audit set status = 200, outcome = 'ACCEPTED', code = null where chain_id = ${UNIT} and seq = ${seq}`.execute(database.db);
    let report = await runToEnd('scripts/audit-verify.ts', cleanEnv({ DATABASE_URL: database.url }), 60_000, ['--chains-only']);
    expect(report.code).toBe(1);
    expect(report.output).toContain(`BROKEN request chain ${UNIT}: event ${seq}: its content does not match its hash`);
    await sql`update request_audit set status = ${original.status}, outcome = ${original.outcome}, code = ${original.code} where chain_id = ${UNIT} and seq = ${seq}`.execute(database.db);
    expect((await verifyRequestAudits(database.db)).broken).toEqual([]);

    // …removed…
    await sql`create temporary table kept as select * from request_audit where chain_id = ${UNIT} and seq = ${seq}`.execute(database.db);
    await sql`delete from request_audit where chain_id = ${UNIT} and seq = ${seq}`.execute(database.db);
    expect((await verifyRequestAudits(database.db)).broken).toEqual([{ chainId: UNIT, seq, reason: `event ${seq} is missing` }]);
    await sql`insert into request_audit select * from kept`.execute(database.db);
    expect((await verifyRequestAudits(database.db)).broken).toEqual([]);

    // …or two events swap places.
    await sql`update request_audit set seq = -1 where chain_id = ${UNIT} and seq = 3`.execute(database.db);
    await sql`update request_audit set seq = 3 where chain_id = ${UNIT} and seq = 4`.execute(database.db);
    await sql`update request_audit set seq = 4 where chain_id = ${UNIT} and seq = -1`.execute(database.db);
    report = await runToEnd('scripts/audit-verify.ts', cleanEnv({ DATABASE_URL: database.url }), 60_000, ['--chains-only']);
    expect(report.code).toBe(1);
    expect(report.output).toContain(`BROKEN request chain ${UNIT}: event 3: its previous-hash does not match the event before it`);
  });
});

describe('retiring a procedure version', () => {
  it('stops new cases on it while a running case keeps it to the end', async () => {
    // A national procedure: its national administrator's (docs/adr/0040).
    const admin = as('quocgia.thu');
    // Version 2 is shipped (docs/adr/0206): the administrator's draft is version 3.
    const v3 = tipProcedure(3);
    expect((await callAs(app, admin, 'PUT', '/api/v1/procedures/ins-tip/versions/3', v3)).status).toBe(200);
    expect((await callAs(app, admin, 'POST', '/api/v1/procedures/ins-tip/versions/3/retire')).status).toBe(409);
    expect((await callAs(app, admin, 'POST', '/api/v1/procedures/ins-tip/versions/3/publish')).status).toBe(200);

    const onV3 = await openTip();
    expect((await callAs(app, as('kiemsoat.an'), 'GET', `/api/v1/cases/${encodeURIComponent(onV3)}`)).body.case.procedure.version).toBe(3);

    expect((await callAs(app, as('chicuctruong.hai'), 'POST', '/api/v1/procedures/ins-tip/versions/3/retire')).status).toBe(403);
    expect((await callAs(app, as('quantri.minh'), 'POST', '/api/v1/procedures/ins-tip/versions/3/retire')).status).toBe(403);
    const retired = await callAs(app, admin, 'POST', '/api/v1/procedures/ins-tip/versions/3/retire');
    expect(retired).toMatchObject({ status: 200, body: { id: 'ins-tip', version: 3, status: 'RETIRED', latestPublished: 2 } });
    expect((await callAs(app, admin, 'POST', '/api/v1/procedures/ins-tip/versions/3/retire')).status).toBe(409);

    // New cases start on version 2 again; the case on version 3 goes on.
    const onV2 = await openTip();
    expect((await callAs(app, as('kiemsoat.an'), 'GET', `/api/v1/cases/${encodeURIComponent(onV2)}`)).body.case.procedure.version).toBe(2);
    expect((await callAs(app, as('kiemsoat.an'), 'POST', stepPath(onV3, 'C1', 'complete'), { outcome: 'LOGGED', data: TIP_FORM })).status).toBe(200);

    // With every version retired, no tip can be opened, and the error says why.
    expect((await callAs(app, admin, 'POST', '/api/v1/procedures/ins-tip/versions/2/retire')).body.latestPublished).toBe(1);
    expect((await callAs(app, admin, 'POST', '/api/v1/procedures/ins-tip/versions/1/retire')).body.latestPublished).toBeNull();
    const none = await callAs(app, as('kiemsoat.an'), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Không mở được' });
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/no published procedure ins-tip/);
  });
});

describe('session cookies over HTTPS', () => {
  it('carry the __Host- prefix, Secure, HttpOnly, SameSite=Strict and path /, without a Domain', async () => {
    const secure = await createTestApp(database.db, { taskQueue: temporal.taskQueue, secureCookies: true });
    try {
      const login = await secure.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kiemsoat.an', password: 'ins-demo-2026' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-ins_session=[^;]+; /);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const token = /^__Host-ins_session=([^;]+)/.exec(cookie)![1]!;
      expect((await secure.app.request('/api/v1/auth/me', { headers: { cookie: `__Host-ins_session=${token}` } })).status).toBe(200);
      // The same token under the unprefixed name (as a sibling subdomain could plant it) is not a session.
      expect((await secure.app.request('/api/v1/auth/me', { headers: { cookie: `ins_session=${token}` } })).status).toBe(401);
      const logout = await secure.app.request('/api/v1/auth/logout', {
        method: 'POST',
        headers: { cookie: `__Host-ins_session=${token}`, 'idempotency-key': `k-${randomUUID()}`, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken },
      });
      expect(logout.status).toBe(204);
      expect(logout.headers.get('set-cookie')).toMatch(/^__Host-ins_session=; .*Secure/);
    } finally {
      await secure.close();
    }
  });
});
