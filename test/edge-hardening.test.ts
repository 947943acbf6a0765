/**
 * The HTTP edge, hardened (issue 13): body size limits before anything is read, a strict
 * Content-Security-Policy and HSTS only over TLS, request ids of the server's own, no internals in
 * error messages, no empty PATCH, strict UTF-8 in JSON bodies, no request-audit rows for anonymous
 * writes, and ASSIGN limited to the unit's active users who may do the step. (Authorization before
 * validation is checked over every route in route-authorization.test.ts; evidence types in
 * evidence-api.test.ts and evidence-uploads.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { loadApiConfig } from '../api/config.js';
import { createDb } from '../db/database.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createApiToken, createTeam, createUnit, createUser } from '../db/repositories/people.js';
import { freePort } from '../lib/dev-server.js';
import { ensureWebBuilt, WEB_DIST_DIR } from '../lib/web-build.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `eh${randomUUID().slice(0, 6)}`;
const OTHER = `ex${randomUUID().slice(0, 6)}`;
const MiB = 1024 * 1024;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
const sessions = new Map<string, TTestSession>();
const as = (user: string) => sessions.get(user)!;

/** The API on a real socket (the body limits and the proxy checks need one), closed after `run`. */
async function withServer<T>(a: InsApp, run: (port: number) => Promise<T>): Promise<T> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: a.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  try {
    return await run((server.address() as AddressInfo).port);
  } finally {
    (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** The answer to a request, or a failure after `ms`: a server that waits for a 50 MB body never answers in time. */
async function answer(req: http.ClientRequest, ms: number): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const [res] = (await Promise.race([
      once(req, 'response'),
      new Promise((_r, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ])) as [http.IncomingMessage];
    let body = '';
    for await (const chunk of res) body += String(chunk);
    return { status: res.statusCode!, body, headers: res.headers };
  } finally {
    clearTimeout(timer);
  }
}

function heapAndBuffers(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

beforeAll(async () => {
  // One test serves the built web app; the integration project does not build it (test/web-setup.ts).
  await ensureWebBuilt({ log: (line) => console.error(line) });
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT khác', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội 1' });
  await createUser(database.db, { id: `${OTHER}.kiemsoat`, username: `${OTHER}.kiemsoat`, displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: OTHER, teamId: `${OTHER}-doi-1` });
  await createUser(database.db, { id: `${UNIT}.nghi`, username: `${UNIT}.nghi`, displayName: 'Đã nghỉ', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: UNIT, teamId: `${UNIT}-doi-1` });
  await database.db.updateTable('app_user').set({ active: false }).where('id', '=', `${UNIT}.nghi`).execute();
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  for (const u of ['quantri.minh', 'kiemsoat.an', 'doitruong.cuong', 'chicuctruong.hai']) sessions.set(u, await signIn(app, u));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

describe('body size limits', () => {
  it('refuses a 50 MB anonymous JSON body by its Content-Length at once, before the body arrives, with 413 in the error envelope', async () => {
    await withServer(app, async (port) => {
      const before = heapAndBuffers();
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/cases', headers: { 'content-type': 'application/json', 'content-length': String(50 * MiB) } });
      req.on('error', () => undefined);
      // Only the first bytes: a server that reads (or parses) the body before answering waits for the rest.
      req.write('{"procedureId":"ins-tip","title":"');
      const res = await answer(req, 3_000);
      const ms = performance.now() - started;
      req.destroy();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) } });
      expect(JSON.parse(res.body).error.message).toMatch(/262144 bytes/);
      expect(ms).toBeLessThan(1_000);
      expect(heapAndBuffers() - before).toBeLessThan(16 * MiB);
      console.log(`50 MB body by Content-Length: refused in ${ms.toFixed(0)} ms, memory +${((heapAndBuffers() - before) / MiB).toFixed(1)} MiB`);
    });
  });

  it('cuts a chunked body (no Content-Length) off once it passes the limit, long before 50 MB are sent, without buffering it', async () => {
    await withServer(app, async (port) => {
      const before = heapAndBuffers();
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/cases', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('error', () => undefined);
      const response = answer(req, 10_000);
      let answered = false;
      void response.then(
        () => (answered = true),
        () => (answered = true),
      );
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      req.write('{"title":"');
      while (!answered && sent < 50 * MiB) {
        sent += chunk.length;
        if (!req.write(chunk)) await Promise.race([once(req, 'drain'), response.catch(() => undefined), new Promise((r) => setTimeout(r, 200))]);
      }
      if (!answered) req.end('"}');
      const res = await response;
      const ms = performance.now() - started;
      req.destroy();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
      // The client is still sending when the answer comes: what it had written by then is a few socket buffers past the limit.
      expect(sent).toBeLessThan(8 * MiB);
      expect(heapAndBuffers() - before).toBeLessThan(16 * MiB);
      console.log(`chunked body: refused after the client sent ${(sent / MiB).toFixed(2)} MiB, in ${ms.toFixed(0)} ms, memory +${((heapAndBuffers() - before) / MiB).toFixed(1)} MiB`);
    });
  });

  it('refuses a signed-in user’s JSON body over 256 KiB, and takes a CSV import over it (its own 4 MiB limit)', async () => {
    const big = { name: 'x'.repeat(300 * 1024), userId: 'kiemsoat.an', scopes: ['cases:read'] };
    const refused = await callAs(app, as('quantri.minh'), 'POST', '/api/v1/tokens', big);
    expect([refused.status, refused.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    const rows = Array.from({ length: 3_000 }, (_, i) => `0314409058-${String(i % 1000).padStart(3, '0')},Chi nhánh ${'rất dài '.repeat(8)}${i},BRANCH,Ninh Bình,Phường Hoa Lư`);
    const csv = `tax_code,name,type,province,commune\n${rows.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(256 * 1024);
    const s = as('doitruong.cuong');
    const imported = await app.request('/api/v1/businesses/import?dryRun=true', {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'text/csv; charset=utf-8', 'idempotency-key': `k-${randomUUID()}` },
      body: csv,
    });
    expect(imported.status).toBe(200);
  });
});

describe('security headers', () => {
  const directive = (csp: string, name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? '';

  it('puts a strict, nonce-based Content-Security-Policy with frame-ancestors none on API answers, errors included', async () => {
    for (const res of [await app.request('/api/v1/calendar/days'), await app.request('/api/v1/cases'), await app.request('/api/nothing-here'), await app.request('/livez')]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(directive(csp, 'script-src')).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(directive(csp, 'object-src')).toBe("object-src 'none'");
      expect(directive(csp, 'base-uri')).toBe("base-uri 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('serves the web app’s page with the nonce of its own policy on every script, style and preload, fresh for each answer', async () => {
    const web = await createTestApp(database.db, { webDistDir: WEB_DIST_DIR });
    try {
      const nonces: string[] = [];
      for (const url of ['/', '/cases/some/deep/link']) {
        const res = await web.app.request(url);
        expect(res.status).toBe(200);
        const html = await res.text();
        const nonce = /'nonce-([^']+)'/.exec(directive(res.headers.get('content-security-policy') ?? '', 'script-src'))![1]!;
        nonces.push(nonce);
        const tags = html.match(/<(script|link|style)\b[^>]*>/g) ?? [];
        expect(tags.some((t) => t.startsWith('<script'))).toBe(true);
        for (const tag of tags.filter((t) => t.startsWith('<script') || t.startsWith('<style') || /rel="(modulepreload|stylesheet)"/.test(t))) expect(tag).toContain(`nonce="${nonce}"`);
        expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    } finally {
      await web.close();
    }
  });

  it('sends HSTS only over TLS: directly, or through a trusted proxy that says so — never over plain HTTP or on an untrusted forwarded header', async () => {
    expect((await app.request('http://ins.example/livez')).headers.get('strict-transport-security')).toBeNull();
    expect((await app.request('https://ins.example/livez')).headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    // Nobody is trusted by default: the forwarded header of any client is ignored.
    await withServer(app, async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/livez`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });
    const behindProxy = await createTestApp(database.db, { trustedProxies: ['10.0.0.0/8', '127.0.0.1/32'] });
    try {
      await withServer(behindProxy.app, async (port) => {
        expect((await fetch(`http://127.0.0.1:${port}/livez`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toMatch(/^max-age=/);
        expect((await fetch(`http://127.0.0.1:${port}/livez`, { headers: { 'x-forwarded-proto': 'http' } })).headers.get('strict-transport-security')).toBeNull();
        expect((await fetch(`http://127.0.0.1:${port}/livez`)).headers.get('strict-transport-security')).toBeNull();
      });
    } finally {
      await behindProxy.close();
    }
  });
});

describe('TRUSTED_PROXIES', () => {
  const BASE = { DATABASE_URL: 'postgres://ins@127.0.0.1:5432/ins', TEMPORAL_ADDRESS: '127.0.0.1:7233' };
  it('is a comma-separated list of CIDR blocks or addresses, empty by default, and a wrong one stops start-up naming it', () => {
    expect(loadApiConfig(BASE).TRUSTED_PROXIES).toEqual([]);
    expect(loadApiConfig({ ...BASE, TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.10 ,fd00::/8' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8']);
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.0/8,300.1.1.1', '::1/129']) {
      expect(() => loadApiConfig({ ...BASE, TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES=".*" is invalid \(.* is not an IP address or CIDR range/);
    }
  });
});

describe('request ids', () => {
  it('are the server’s own: a client’s X-Request-Id is neither echoed nor put in the request audit', async () => {
    const forged = 'forged-request-id-1234';
    const res = await callAs(app, as('kiemsoat.an'), 'POST', '/api/v1/teams', { id: 'doi-gia', name: 'Đội giả' }, { 'x-request-id': forged });
    expect(res.status).toBe(403);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.error.requestId).toBe(id);
    const rows = await database.db.selectFrom('request_audit').select(['request_id', 'path', 'status']).where('chain_id', '=', UNIT).where('path', '=', '/api/v1/teams').execute();
    expect(rows.map((r) => r.request_id)).toContain(id);
    expect(JSON.stringify(rows)).not.toContain(forged);
  });
});

describe('error messages', () => {
  it('name no database address when PostgreSQL cannot be reached: a generic 503 and a readiness report without host or port', async () => {
    const port = await freePort();
    const db = createDb({ url: `postgres://ins:secret@127.0.0.1:${port}/ins`, poolSize: 1 });
    const down = await createTestApp(db);
    try {
      const res = await down.app.request('/api/v1/calendar/days');
      const text = await res.text();
      expect(res.status).toBe(503);
      expect(JSON.parse(text).error.code).toBe('UNAVAILABLE');
      expect(JSON.parse(text).error.message).toBe('A service this request needs cannot be reached; nothing was changed, try again.');
      const ready = await down.app.request('/readyz');
      const report = await ready.text();
      expect(ready.status).toBe(503);
      for (const leak of [String(port), '127.0.0.1', 'ECONNREFUSED', 'secret']) {
        expect(text).not.toContain(leak);
        expect(report).not.toContain(leak);
      }
    } finally {
      await down.close();
      await db.destroy();
    }
  });
});

describe('empty PATCH bodies', () => {
  it('are refused with 400 saying what may be changed, not a 500 (users) or a change that changes nothing (businesses)', async () => {
    const user = await callAs(app, as('quantri.minh'), 'PATCH', '/api/v1/users/kiemsoat.an', {});
    expect([user.status, user.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(user.body.error.message).toMatch(/roles, teamId, active or deputy/);
    const business = await database.db.selectFrom('business').select(['id', 'updated_at']).where('unit_id', '=', UNIT).orderBy('id').executeTakeFirstOrThrow();
    const patched = await callAs(app, as('quantri.minh'), 'PATCH', `/api/v1/businesses/${business.id}`, {});
    expect([patched.status, patched.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(patched.body.error.message).toMatch(/^body: /);
    expect((await database.db.selectFrom('business').select('updated_at').where('id', '=', business.id).executeTakeFirstOrThrow()).updated_at).toEqual(business.updated_at);
  });
});

describe('JSON bodies that are not UTF-8', () => {
  it('are refused with 400 VALIDATION_FAILED, and nothing is stored with replacement characters', async () => {
    const s = as('quantri.minh');
    const body = Buffer.concat([Buffer.from('{"id":"doi-latin1","name":"Đội '), Buffer.from([0xc4, 0x90, 0xff, 0xfe, 0x69]), Buffer.from('"}')]);
    const res = await app.request('/api/v1/teams', {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', 'idempotency-key': `k-${randomUUID()}` },
      body,
    });
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect([res.status, answer.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(answer.error.message).toMatch(/UTF-8/);
    expect(await database.db.selectFrom('team').select('id').where('id', '=', 'doi-latin1').executeTakeFirst()).toBeUndefined();
    // The public fine quote too, with a truncated sequence at the very end.
    const quote = await app.request('/api/v1/fines/quote', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"offender":"individual","date":"2026-03-02","violationCode":"x'), Buffer.from([0xe1, 0xba])]),
    });
    expect(quote.status).toBe(400);
  });
});

describe('the request audit', () => {
  it('records no anonymous write attempt, while a signed-in user’s refused write is recorded', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from request_audit`.execute(database.db)).rows[0]!.n);
    const before = await count();
    for (const [path, body] of [
      ['/api/v1/cases', { procedureId: 'ins-tip', title: 'x' }],
      ['/api/v1/teams', { id: 'doi-an-danh', name: 'x' }],
      ['/api/v1/auth/login', { username: 'kiemsoat.an', password: 'sai-mat-khau' }],
      ['/api/v1/fines/quote', { offender: 'individual', date: '2026-03-02', bracket: { min: 1, max: 2, baseSubject: 'individual' } }],
      ['/api/v1/users/kiemsoat.an', {}],
    ] as const) {
      const res = await app.request(path, {
        method: path.startsWith('/api/v1/users') ? 'PATCH' : 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `k-${randomUUID()}` },
        body: JSON.stringify(body),
      });
      expect(res.status, path).toBeLessThan(500);
    }
    expect(await count()).toBe(before);
    const refused = await callAs(app, as('kiemsoat.an'), 'POST', '/api/v1/teams', { id: 'doi-cam', name: 'x' });
    expect(refused.status).toBe(403);
    expect(await count()).toBe(before + 1);
    // A real API token refused for its scope is an actor too: audited in its unit.
    const { token } = await createApiToken(database.db, { name: 'đọc', userId: 'kiemsoat.an', scopes: ['cases:read'], createdBy: 'quantri.minh' });
    const scoped = await app.request('/api/v1/cases', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(scoped.status).toBe(403);
    expect(await database.db.selectFrom('request_audit').select(['actor_id', 'path', 'code']).where('chain_id', '=', UNIT).orderBy('id', 'desc').executeTakeFirstOrThrow()).toEqual({
      actor_id: 'kiemsoat.an',
      path: '/api/v1/cases',
      code: 'FORBIDDEN',
    });
    expect(await count()).toBe(before + 2);
  });
});

describe('ASSIGN', () => {
  async function openTip(): Promise<string> {
    const r = await callAs(app, as('doitruong.cuong'), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `Tin báo ${randomUUID().slice(0, 4)}` });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  }
  const assign = (caseId: string, assigneeId: string) => callAs(app, as('doitruong.cuong'), 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/actions`, { type: 'ASSIGN', assigneeId });

  it('is refused with 422 for a made-up user, another unit’s, an inactive one and one without a role of the step, and changes nothing', async () => {
    const caseId = await openTip();
    const seq = async () => (await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirstOrThrow()).state_seq;
    const before = await seq();
    for (const who of ['nguoi.bia.dat', `${OTHER}.kiemsoat`, `${UNIT}.nghi`, 'kehoach.nga', 'chicuctruong.hai']) {
      const r = await assign(caseId, who);
      expect([who, r.status, r.body.error?.code]).toEqual([who, 422, 'ASSIGNEE_NOT_ELIGIBLE']);
      expect(r.body.error.message).toContain(who);
    }
    expect(await seq()).toBe(before);
    const tasks = await database.db.selectFrom('case_task').select('assignee_id').where('case_id', '=', caseId).execute();
    expect(tasks.every((t) => t.assignee_id === null)).toBe(true);
  });

  it('is accepted for an active user of the case’s unit who holds a role of the step (another team’s inspector too)', async () => {
    const caseId = await openTip();
    const r = await assign(caseId, 'kiemsoat.binh');
    expect(r.status).toBe(200);
  });
});
