/**
 * On Node, @hono/node-server hands the API light request and response objects, and builds the web
 * `Request` (with a stream over the socket) or the web `Response` (with a stream for its body) behind
 * them only when something reads a property they do not carry. Building them cost about a tenth of
 * the API's CPU on an officer's step (docs/adr/0183). These tests serve the API on a real socket and
 * look behind each light object: an action with a JSON body and a read build neither, while the
 * limits, the key's replay and the body's checks still hold.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createTestApp, createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `lr${randomUUID().slice(0, 6)}`;

let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let server: ServerType;
let base: string;

/** What each request built behind the light objects, by path. */
const built: { method: string; path: string; request: boolean; response: boolean }[] = [];

/** Whether @hono/node-server built the web object behind a light one (its private cache, found by the symbol's name). */
function behind(o: object, cache: 'requestCache' | 'responseCache'): boolean {
  return Object.getOwnPropertySymbols(o).some((s) => s.description === cache && (o as Record<symbol, unknown>)[s] !== undefined);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  server = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: async (req: Request) => {
          const res = await app.fetch(req);
          built.push({ method: req.method, path: new URL(req.url).pathname, request: behind(req, 'requestCache'), response: behind(res, 'responseCache') });
          return res;
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  (server as unknown as { closeAllConnections?(): void } | undefined)?.closeAllConnections?.();
  if (server) await new Promise((r) => server.close(r));
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

async function signIn(username: string): Promise<TTestSession> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function post(s: TTestSession, path: string, body: string, key = `lr-${randomUUID()}`): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key }, body });
}

/** The last request to `path` (by method) as the server saw it. */
function last(method: string, path: string) {
  return built.filter((b) => b.method === method && b.path === path).at(-1);
}

describe('light requests and responses on Node', () => {
  let casePath: string;
  let lead: TTestSession;
  let inspector: TTestSession;

  beforeAll(async () => {
    lead = await signIn('doitruong.cuong');
    inspector = await signIn('kiemsoat.an');
    const opened = await post(lead, '/api/v1/cases', JSON.stringify({ procedureId: 'ins-penalty', title: 'Yêu cầu nhẹ' }));
    expect(opened.status).toBe(201);
    casePath = `/api/v1/cases/${encodeURIComponent(((await opened.json()) as { caseId: string }).caseId)}`;
  });

  it('an action with a JSON body (and its replay under the same key, byte for byte) builds neither a web Request nor a web Response', async () => {
    const key = `lr-${randomUUID()}`;
    const first = await post(inspector, `${casePath}/steps/B1/claim`, '{}', key);
    const firstText = await first.text();
    expect(first.status, firstText).toBe(200);
    expect(JSON.parse(firstText)).toMatchObject({ status: 'OPEN' });
    const path = new URL(`${base}${casePath}/steps/B1/claim`).pathname;
    expect(last('POST', path)).toMatchObject({ request: false, response: false });

    // The key's record is the text that was sent: the same request again gets it, byte for byte.
    const again = await post(inspector, `${casePath}/steps/B1/claim`, '{}', key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.text()).toBe(firstText);
  });

  it('a read builds neither', async () => {
    const res = await fetch(`${base}${casePath}`, { headers: { cookie: inspector.cookie } });
    expect(res.status).toBe(200);
    expect(last('GET', new URL(`${base}${casePath}`).pathname)).toMatchObject({ request: false, response: false });
  });

  it('the route validator still gets the body the input guard checked: a wrong field is refused in its own words, malformed JSON too', async () => {
    const wrong = await post(inspector, `${casePath}/steps/B1/actions`, JSON.stringify({ type: 'NO_SUCH_ACTION' }));
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toMatch(/type/);
    const malformed = await post(inspector, `${casePath}/steps/B1/actions`, '{"type":');
    expect(malformed.status).toBe(400);
    const nul = await post(inspector, `${casePath}/steps/B1/actions`, JSON.stringify({ type: 'RELEASE', note: 'a\u0000b' }));
    expect(nul.status).toBe(400);
    expect(JSON.stringify(await nul.json())).toMatch(/NUL/);
  });

  it('a chunked body (no Content-Length) is still counted against the limit: under it the action is taken, over it 413', async () => {
    const chunked = async (body: string) => {
      const req = http.request(`${base}${casePath}/steps/B1/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', cookie: inspector.cookie, 'x-csrf-token': inspector.csrf, 'idempotency-key': `lr-${randomUUID()}` },
      });
      req.on('error', () => undefined);
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.slice(i, i + 16 * 1024));
      req.end();
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      let text = '';
      for await (const chunk of res) text += String(chunk);
      return { status: res.statusCode!, text };
    };
    const released = await chunked(JSON.stringify({ type: 'RELEASE' }));
    expect(released.status, released.text).toBe(200);
    const tooBig = await chunked(JSON.stringify({ type: 'RELEASE', note: 'x'.repeat(300 * 1024) }));
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});
