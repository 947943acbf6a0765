/**
 * The web app's files as they travel (issue 15): the hashed scripts and styles in Brotli or gzip by
 * the request's Accept-Encoding, or as they are, cached for a year as immutable; the page itself
 * never cached (it carries each response's CSP nonce); the API's answers and the live-event stream
 * never compressed. Over a real socket, with raw bytes: what a browser receives, not what fetch
 * decodes.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../db/demo-data.js';
import { CaseEventHub } from '../lib/case-events.js';
import { ensureWebBuilt, WEB_DIST_DIR } from '../lib/web-build.js';
import { createTestApp, createTestDatabase, signIn, type TestDatabase, type TTestSession } from './support.js';

const UNIT = `sa${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let hub: CaseEventHub;
let close: () => Promise<void>;
let server: ServerType;
let port: number;
let session: TTestSession;
/** The page's entry script and style sheet, as the page names them (`/assets/index-<hash>.js|css`). */
let script: string;
let style: string;

/** A GET (or HEAD) over HTTP; the body as the bytes that came, undecoded. */
function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  // The integration project does not build the web app (test/web-setup.ts): this file serves it.
  await ensureWebBuilt({ log: (line) => console.error(line) });
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  hub = new CaseEventHub(database.url);
  await hub.start();
  const test = await createTestApp(database.db, { webDistDir: WEB_DIST_DIR, events: hub });
  close = test.close;
  server = await new Promise((resolve) => {
    const s = serve({ fetch: test.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  session = await signIn(test.app, 'kiemsoat.an');
  const page = (await get('/')).body.toString('utf8');
  script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(page)![1]!;
  style = /href="(\/assets\/index-[\w-]+\.css)"/.exec(page)![1]!;
});
afterAll(async () => {
  (server as unknown as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await hub?.stop();
  await close?.();
  await database?.drop();
});

describe('hashed assets', () => {
  it('are sent in Brotli to a browser that takes it, in gzip to one that takes only gzip, and as they are otherwise, each cached for a year as immutable', async () => {
    for (const asset of [script, style]) {
      const original = await readFile(path.join(WEB_DIST_DIR, asset));
      const cases: [string | undefined, string | undefined, (b: Buffer) => Buffer][] = [
        ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
        ['br, gzip', 'br', brotliDecompressSync],
        ['gzip', 'gzip', gunzipSync],
        ['br;q=0, gzip', 'gzip', gunzipSync],
        ['gzip;q=1, br;q=0.5', 'gzip', gunzipSync],
        ['*', 'br', brotliDecompressSync],
        ['identity', undefined, (b) => b],
        ['deflate', undefined, (b) => b],
        [undefined, undefined, (b) => b],
      ];
      for (const [accept, encoding, decode] of cases) {
        const res = await get(asset, accept === undefined ? {} : { 'accept-encoding': accept });
        const what = `${asset} with Accept-Encoding: ${accept ?? '(none)'}`;
        expect(res.status, what).toBe(200);
        expect(res.headers['content-encoding'], what).toBe(encoding);
        expect(Number(res.headers['content-length']), what).toBe(res.body.length);
        expect(decode(res.body).equals(original), what).toBe(true);
        expect(res.headers['cache-control'], what).toBe('public, max-age=31536000, immutable');
        expect(res.headers.vary, what).toBe('Accept-Encoding');
        expect(res.headers['content-type'], what).toMatch(asset.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
        if (encoding) expect(res.body.length, what).toBeLessThan(original.length / 3);
      }
    }
  });

  it('answer HEAD with the headers of GET, and a request with the ETag already held with 304', async () => {
    const full = await get(script, { 'accept-encoding': 'br' });
    const head = await get(script, { 'accept-encoding': 'br' }, 'HEAD');
    expect([head.status, head.body.length, head.headers['content-length'], head.headers['content-encoding']]).toEqual([200, 0, full.headers['content-length'], 'br']);
    const etag = full.headers.etag!;
    expect(etag).toMatch(/^"[^"]+"$/);
    // Each file sent has its own tag: the Brotli copy is not the gzip copy.
    expect((await get(script, { 'accept-encoding': 'gzip' })).headers.etag).not.toBe(etag);
    const again = await get(script, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect([again.status, again.body.length, again.headers.etag, again.headers['cache-control']]).toEqual([304, 0, etag, 'public, max-age=31536000, immutable']);
  });

  it('that are not in this release are a 404 in the error envelope, not the app’s page', async () => {
    const res = await get('/assets/index-GoneAway1.js', { 'accept-encoding': 'br' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('the page', () => {
  it('is never cached, in no form: it carries the nonce of its own response’s policy', async () => {
    for (const url of ['/', '/index.html', '/inbox']) {
      const res = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body.toString('utf8')).toContain('<div id="root">');
    }
  });
});

describe('what is not compressed', () => {
  it('the live-event stream: it streams as it is, its first event readable as soon as it is sent', async () => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/events', headers: { cookie: session.cookie, 'accept-encoding': 'br, gzip' } });
    req.end();
    try {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        req.on('response', resolve);
        req.on('error', reject);
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(res.headers['content-encoding']).toBeUndefined();
      let text = '';
      for await (const chunk of res) {
        text += String(chunk);
        if (text.includes('event: ready')) break;
      }
      expect(text).toContain('event: ready');
    } finally {
      req.destroy();
    }
  });

  it('the API’s answers: small, and they carry the session’s secrets beside what a user typed (BREACH)', async () => {
    const res = await get('/api/v1/auth/me', { cookie: session.cookie, 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString('utf8'))).toHaveProperty('csrfToken');
  });
});
