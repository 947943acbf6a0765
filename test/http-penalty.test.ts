/**
 * A penalty case from creation to closure purely through the HTTP API, with the seeded demo users,
 * each step by the right role; every wrong-role, wrong-team or out-of-order attempt is refused with
 * its code. Plus the session rules: CSRF, idempotency keys, throttled sign-in, fixation, expiry.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { verifyChain, type TAuditEvent } from '../domain/audit.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createTestApp, createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

/** This file's own unit: case ids contain it, and test files share one Temporal server. */
const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

interface TSession {
  cookie: string;
  csrf: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function login(username: string, password = DEMO_PASSWORD, cookie?: string): Promise<{ status: number; session?: TSession; body: any }> {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ username, password }) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
  const body = (await res.json()) as any;
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, body, ...(setCookie ? { session: { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken } } : {}) };
}

async function as(username: string): Promise<TSession> {
  const r = await login(username);
  expect(r.status).toBe(200);
  return r.session!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function call(s: TSession | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const step = (s: TSession, caseId: string, stepId: string, outcome: string, data: Record<string, unknown> = {}, key = `k-${randomUUID()}`) =>
  call(s, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${stepId}/complete`, { outcome, data }, { 'idempotency-key': key });

describe('a penalty case through the HTTP API', () => {
  it('goes from creation to closure, each step by its role, refusing everything out of turn', async () => {
    const lead = await as('doitruong.cuong');
    const inspector = await as('kiemsoat.an');
    const otherTeam = await as('kiemsoat.binh');
    const legal = await as('phapche.lan');
    const director = await as('chicuctruong.hai');
    const admin = await as('quantri.minh');

    expect((await call(undefined, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'x' })).status).toBe(401);
    const byInspector = await call(inspector, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Cửa hàng Minh An' }, { 'idempotency-key': `k-${randomUUID()}` });
    expect(byInspector).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const created = await call(lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Cửa hàng Minh An' }, { 'idempotency-key': `k-${randomUUID()}` });
    expect(created.status).toBe(201);
    const caseId: string = created.body.caseId;
    expect(caseId).toMatch(new RegExp(`^penalty/${UNIT}/\\d{4}/\\d{4}$`));

    // Another team cannot even see it; the own team and unit-wide roles can.
    expect((await call(otherTeam, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)).status).toBe(404);
    expect((await step(otherTeam, caseId, 'B1', 'RECORDED')).status).toBe(404);
    const seen = await call(inspector, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
    expect(seen.status).toBe(200);
    expect(seen.body.tasks.map((t: { stepId: string }) => t.stepId)).toEqual(['B1']);
    expect((await call(director, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)).status).toBe(200);

    const inbox = await call(inspector, 'GET', '/api/v1/inbox');
    expect(inbox.body.tasks.map((t: { caseId: string }) => t.caseId)).toContain(caseId);
    expect((await call(otherTeam, 'GET', '/api/v1/inbox')).body.tasks.map((t: { caseId: string }) => t.caseId)).not.toContain(caseId);

    const early = await step(director, caseId, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 1 });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'STEP_OUT_OF_ORDER', legalBasis: expect.stringMatching(/Điều 66/) } } });

    const record = {
      recordedAt: TODAY,
      place: 'Tại cơ sở',
      recorder: 'Nguyễn Văn An',
      violatorName: 'Nguyễn Thị F',
      offenderType: 'INDIVIDUAL',
      violationDate: TODAY,
      violationPlace: 'Hoa Lư',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
      violatorSigned: true,
    };
    const noKey = await call(inspector, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/B1/complete`, { outcome: 'RECORDED', data: record });
    expect(noKey).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/idempotency-key/) } } });
    const noCsrf = await call(
      { ...inspector, csrf: 'wrong' },
      'POST',
      `/api/v1/cases/${encodeURIComponent(caseId)}/steps/B1/complete`,
      { outcome: 'RECORDED', data: record },
      { 'idempotency-key': 'k-12345678' },
    );
    expect(noCsrf).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const badForm = await step(inspector, caseId, 'B1', 'RECORDED', { ...record, recordedAt: 'lots' });
    expect(badForm).toMatchObject({ status: 400, body: { error: { code: 'FORM_INVALID', details: [{ path: 'recordedAt' }] } } });
    const byAdmin = await step(admin, caseId, 'B1', 'RECORDED', record);
    expect(byAdmin).toMatchObject({ status: 403, body: { error: { code: 'ROLE_NOT_ALLOWED' } } });

    const key = `k-${randomUUID()}`;
    const b1 = await step(inspector, caseId, 'B1', 'RECORDED', record, key);
    expect(b1.status).toBe(200);
    // The same request again: the same answer, nothing done twice.
    const again = await step(inspector, caseId, 'B1', 'RECORDED', record, key);
    expect(again.status).toBe(200);
    expect(again.body.seq).toBe(b1.body.seq);

    expect((await step(legal, caseId, 'B3', 'EXPLANATION_RIGHT')).body.error).toMatchObject({ code: 'GUARD_FAILED', legalBasis: expect.stringMatching(/Điều 61\(1\)/) });
    expect((await step(legal, caseId, 'B3', 'NO_EXPLANATION_RIGHT')).status).toBe(200);
    expect((await step(inspector, caseId, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 })).body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await step(director, caseId, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 })).status).toBe(200);
    expect((await step(inspector, caseId, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY })).status).toBe(200);
    expect((await step(legal, caseId, 'B9', 'PAID', {})).body.error).toMatchObject({ code: 'GUARD_FAILED', legalBasis: expect.stringMatching(/Điều 78/) });
    expect((await step(legal, caseId, 'B9', 'PAID', { receiptNo: 'BL-1', paidAmount: 400_000, paidDate: TODAY })).status).toBe(200);
    const closed = await step(legal, caseId, 'B17', 'CLOSED', { nationalDbUpdated: true });
    expect(closed).toMatchObject({ status: 200, body: { status: 'CLOSED' } });

    const late = await call(lead, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/notes`, { text: 'muộn' }, { 'idempotency-key': `k-${randomUUID()}` });
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'CASE_CLOSED' } } });

    const audit = await call(director, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/audit`);
    expect(verifyChain(audit.body.events as TAuditEvent[])).toBeUndefined();
    expect((audit.body.events as TAuditEvent[]).filter((e) => e.action === 'STEP_COMPLETED').map((e) => `${e.stepId}:${e.actorId}`)).toEqual([
      'B1:kiemsoat.an',
      'B3:phapche.lan',
      'B6:chicuctruong.hai',
      'B8:kiemsoat.an',
      'B9:phapche.lan',
      'B17:phapche.lan',
    ]);
  });
});

describe('sessions', () => {
  it('refuses a wrong password without saying which part was wrong, and slows down repeated failures', async () => {
    const unknown = await login('nobody.here', 'x');
    const wrong = await login('kehoach.nga', 'wrong-password');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(wrong.status).toBe(401);
    for (let i = 0; i < 4; i++) await login('kehoach.nga', 'wrong-password');
    const blocked = await login('kehoach.nga', DEMO_PASSWORD);
    expect(blocked).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
  });

  it('issues a new session at sign-in (no fixation), ends it at sign-out', async () => {
    const first = await as('lanhdao.phong');
    const second = await login('lanhdao.phong', DEMO_PASSWORD, first.cookie);
    expect(second.session!.cookie).not.toBe(first.cookie);
    expect((await call(first, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await call(second.session, 'GET', '/api/v1/auth/me')).body.user.username).toBe('lanhdao.phong');
    expect((await call(second.session, 'POST', '/api/v1/auth/logout', undefined, { 'idempotency-key': `k-${randomUUID()}` })).status).toBe(204);
    expect((await call(second.session, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('expires sessions', async () => {
    const { app: shortApp, close: closeShort } = await createTestApp(database.db, { sessionTtlMs: 300 });
    try {
      const res = await shortApp.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'phapche.lan', password: DEMO_PASSWORD }),
      });
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      expect((await shortApp.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
      expect((await shortApp.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    } finally {
      await closeShort();
    }
  });

  it('sets the cookie httpOnly and SameSite=Strict', async () => {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kiemsoat.an', password: DEMO_PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });
});

describe('idempotency keys', () => {
  it('replay the response for the same request, refuse a different one, and give one effect to concurrent duplicates', async () => {
    const lead = await as('doitruong.dung');
    const key = `k-${randomUUID()}`;
    const title = `Cơ sở ${randomUUID().slice(0, 6)}`;
    const [a, b] = await Promise.all([
      call(lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key }),
      call(lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const created = a.status === 201 ? a : b;
    const replay = await app.request('/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: lead.cookie, 'x-csrf-token': lead.csrf, 'idempotency-key': key },
      body: JSON.stringify({ procedureId: 'ins-tip', title }),
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await replay.json()).toEqual(created.body);
    const rows = await database.db.selectFrom('case_file').select('case_id').where('title', '=', title).execute();
    expect(rows).toHaveLength(1);

    const different = await call(lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `${title} khác` }, { 'idempotency-key': key });
    expect(different).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', details: { reason: 'IDEMPOTENCY_KEY_REUSED' } } } });
  });

  it('free the key of a refused request so that the corrected one can use it', async () => {
    const lead = await as('doitruong.dung');
    const key = `k-${randomUUID()}`;
    const refused = await call(lead, 'POST', '/api/v1/cases', { procedureId: 'no-such-procedure', title: 'x' }, { 'idempotency-key': key });
    expect(refused.status).toBe(404);
    const ok = await call(lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo đã sửa' }, { 'idempotency-key': key });
    expect(ok.status).toBe(201);
  });
});

describe('the other officer actions over HTTP', () => {
  it('assign, ask for more time, stop and restart the clock, escalate — each refused when not allowed', async () => {
    const lead = await as('doitruong.cuong');
    const inspector = await as('kiemsoat.an');
    const created = await call(lead, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra cửa hàng' }, { 'idempotency-key': `k-${randomUUID()}` });
    const caseId: string = created.body.caseId;
    const enc = encodeURIComponent(caseId);
    const decision = {
      decisionDate: TODAY,
      signedBy: 'Lê Văn Cường',
      form: 'PLANNED',
      planRef: 'KH 01/2026',
      businessName: 'Cửa hàng B',
      address: 'Hoa Lư',
      content: 'Niêm yết giá',
    };
    expect((await step(lead, caseId, 'A5', 'ISSUED', decision)).status).toBe(200);
    expect((await step(lead, caseId, 'A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-1' }], workLogEntry: 'Sổ 1, tr. 2' })).status).toBe(200);
    expect((await step(inspector, caseId, 'A7', 'ANNOUNCED', { announcedAt: TODAY, partyRepresentative: 'Chủ cửa hàng' })).status).toBe(200);

    const action = (s: TSession, body: unknown) => call(s, 'POST', `/api/v1/cases/${enc}/steps/A8/actions`, body, { 'idempotency-key': `k-${randomUUID()}` });
    expect((await action(inspector, { type: 'ASSIGN', assigneeId: 'kiemsoat.an' })).body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await action(lead, { type: 'ASSIGN', assigneeId: 'kiemsoat.an' })).status).toBe(200);
    expect((await action(inspector, { type: 'REQUEST_EXTENSION', amount: 2, reason: 'Chờ kết quả kiểm nghiệm' })).status).toBe(200);
    expect((await action(inspector, { type: 'PAUSE_CLOCK', reason: 'VERIFYING_FACTS' })).body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await action(lead, { type: 'PAUSE_CLOCK', reason: 'LUNCH' })).body.error).toMatchObject({ code: 'INVALID_ACTION' });
    expect((await action(lead, { type: 'PAUSE_CLOCK', reason: 'VERIFYING_FACTS' })).status).toBe(200);
    // A refusal names its rule and what it is about, besides the code and the sentence: nobody reads the sentence back.
    expect((await action(lead, { type: 'PAUSE_CLOCK', reason: 'VERIFYING_FACTS' })).body.error).toMatchObject({ code: 'CLOCK_STATE', rule: 'CLOCK_ALREADY_STOPPED', params: { stepId: 'A8' } });
    expect((await action(lead, { type: 'RESUME_CLOCK' })).status).toBe(200);
    expect((await action(inspector, { type: 'ESCALATE', reason: 'Chủ cơ sở không hợp tác', toRole: 'DIRECTOR' })).status).toBe(200);
    expect((await action(inspector, { type: 'FLY' })).status).toBe(400);

    const got = await call(lead, 'GET', `/api/v1/cases/${enc}`);
    // The extension is asked of the team lead who issued the inspection decision (version 5, docs/adr/0192).
    expect(got.body.escalations.map((e: { kind: string; toRole: string }) => `${e.kind}:${e.toRole}`).sort()).toEqual(['EXTENSION_REQUEST:TEAM_LEAD', 'MANUAL:DIRECTOR']);
    // Their reasons as data, in the read model's rows and in the case's snapshot alike.
    const reasons = (xs: { reasonCode?: string; reasonParams?: unknown }[]) => xs.map((e) => [e.reasonCode, e.reasonParams]).sort();
    const expected = [
      ['EXTENSION_REQUESTED', { amount: 2, unit: 'working_days', text: 'Chờ kết quả kiểm nghiệm' }],
      ['RAISED_BY_HAND', { text: 'Chủ cơ sở không hợp tác' }],
    ];
    expect(reasons(got.body.escalations)).toEqual(expected);
    expect(reasons(got.body.case.snapshot.escalations)).toEqual(expected);
    expect(got.body.tasks[0]).toMatchObject({ stepId: 'A8', assigneeId: 'kiemsoat.an', paused: false });
  });
});
