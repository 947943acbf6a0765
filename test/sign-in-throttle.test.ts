/**
 * Sign-in throttling (docs/adr/0022-sign-in-throttling.md): each attempt claims its place in one
 * SQL statement before the password is checked, per account and per client address, so a burst of
 * concurrent guesses gets at most the limit checked; past the free attempts an account waits an
 * exponentially growing, capped delay — never a lock for good — and a browser that signed in
 * before (its known-device cookie) is not held back by what others do to the account. Behind a
 * proxy listed in TRUSTED_PROXIES the forwarded address counts, from anyone else the peer's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { createTestApp, createTestDatabase, type TestDatabase } from './support.js';

const UNIT = `st${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
const apps: { app: InsApp; close: () => Promise<void> }[] = [];

async function newApp(opts: Parameters<typeof createTestApp>[1] = {}): Promise<InsApp> {
  const made = await createTestApp(database.db, opts);
  apps.push(made);
  return made.app;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await database?.drop();
});

let nextUser = 0;
/** A fresh account, so that the tests do not share throttles. */
async function account(): Promise<string> {
  const username = `${UNIT}.u${nextUser++}`;
  await createUser(database.db, { id: username, username, displayName: username, password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: UNIT });
  return username;
}

/** A TCP peer as @hono/node-server describes it (what `getConnInfo` reads). */
const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40_000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });

interface TAttempt {
  status: number;
  code?: string;
  retryAfter: number | null;
  cookies: string[];
  reason?: string;
}

async function login(app: InsApp, username: string, password: string, opts: { from?: string; forwardedFor?: string; cookie?: string } = {}): Promise<TAttempt> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.forwardedFor) headers['x-forwarded-for'] = opts.forwardedFor;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await app.request('/api/v1/auth/login', { method: 'POST', headers, body: JSON.stringify({ username, password }) }, peer(opts.from ?? '192.0.2.10'));
  const body = (await res.json()) as { error?: { code: string; details?: { reason?: string } } };
  return {
    status: res.status,
    ...(body.error ? { code: body.error.code } : {}),
    ...(body.error?.details?.reason ? { reason: body.error.details.reason } : {}),
    retryAfter: res.headers.get('retry-after') === null ? null : Number(res.headers.get('retry-after')),
    cookies: res.headers.getSetCookie().map((c) => c.split(';')[0]!),
  };
}

const count = (rs: TAttempt[], status: number): number => rs.filter((r) => r.status === status).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-in throttling', () => {
  it('checks at most five of 30 concurrent wrong passwords for one account, from 30 addresses', async () => {
    const app = await newApp();
    const username = await account();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(app, username, `wrong-${i}`, { from: `198.51.100.${i + 1}` })));
    // Exactly the limit: the claims queue on the account's row, none is lost.
    expect(count(results, 401)).toBe(5);
    expect(count(results, 429)).toBe(25);
    expect(results.filter((r) => r.status === 429).every((r) => r.code === 'RATE_LIMITED' && r.reason === 'ACCOUNT' && r.retryAfter! >= 1)).toBe(true);
  });

  it('checks at most twenty of 30 concurrent wrong passwords from one address, over 30 accounts', async () => {
    const app = await newApp();
    const names = await Promise.all(Array.from({ length: 30 }, () => account()));
    const results = await Promise.all(names.map((u) => login(app, u, 'wrong-password', { from: '203.0.113.50' })));
    expect(count(results, 401)).toBe(20);
    expect(results.filter((r) => r.status === 429).map((r) => r.reason)).toEqual(Array(10).fill('ADDRESS'));
    // Another address is not held back by that one.
    expect((await login(app, names[0]!, DEMO_PASSWORD, { from: '203.0.113.51' })).status).toBe(200);
  });

  it('lets the right password through from a browser that signed in before, while an attacker holds the account back', async () => {
    const app = await newApp();
    const username = await account();
    const first = await login(app, username, DEMO_PASSWORD, { from: '192.0.2.20' });
    expect(first.status).toBe(200);
    const device = first.cookies.find((c) => c.startsWith('ins_device='));
    expect(device).toBeDefined();

    for (let i = 0; i < 8; i++) await login(app, username, `guess-${i}`, { from: `198.51.100.${100 + i}` });
    // A new browser waits (the delay, not a lock for good); the known one goes through.
    const fresh = await login(app, username, DEMO_PASSWORD, { from: '192.0.2.21' });
    expect(fresh).toMatchObject({ status: 429, reason: 'ACCOUNT' });
    expect(fresh.retryAfter).toBeLessThanOrEqual(15 * 60);
    const known = await login(app, username, DEMO_PASSWORD, { from: '192.0.2.22', cookie: device! });
    expect(known.status).toBe(200);
    // A made-up device cookie, or one of another account, is no way around the delay.
    expect((await login(app, username, DEMO_PASSWORD, { from: '192.0.2.23', cookie: `ins_device=${randomUUID()}` })).status).toBe(429);
    const other = await account();
    expect((await login(app, other, DEMO_PASSWORD, { from: '192.0.2.24', cookie: device! })).status).toBe(200);
  });

  it('holds a known device to the account’s own limit when it guesses', async () => {
    const app = await newApp();
    const username = await account();
    const device = (await login(app, username, DEMO_PASSWORD)).cookies.find((c) => c.startsWith('ins_device='))!;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login(app, username, `wrong-${i}`, { from: `198.51.100.${150 + i}`, cookie: device })));
    expect(count(results, 401)).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429).every((r) => r.reason === 'DEVICE')).toBe(true);
  });

  it('grows the delay exponentially up to its cap, so the right password works once the attacker stops', async () => {
    const app = await newApp({ signInThrottle: { baseDelayMs: 500, maxDelayMs: 2_000 } });
    const username = await account();
    const from = (i: number) => `198.51.100.${200 + (i % 50)}`;
    for (let i = 0; i < 5; i++) expect((await login(app, username, 'wrong', { from: from(i) })).status).toBe(401);
    const delays: number[] = [];
    for (let round = 0; round < 4; round++) {
      const held = await login(app, username, 'wrong', { from: from(round) });
      expect(held.status).toBe(429);
      const row = await database.db.selectFrom('login_throttle').select(['blocked_until']).where('key', '=', `account:${username}`).executeTakeFirstOrThrow();
      delays.push(new Date(row.blocked_until).getTime() - Date.now());
      await sleep(Math.max(0, new Date(row.blocked_until).getTime() - Date.now()) + 30);
      expect((await login(app, username, 'wrong', { from: from(round) })).status).toBe(401);
    }
    // 0.5, 1, 2, 2 s (less the time the requests took).
    expect(delays[1]!).toBeGreaterThan(delays[0]! + 250);
    expect(delays[2]!).toBeGreaterThan(delays[1]! + 500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2_000);
    await sleep(2_100);
    expect((await login(app, username, DEMO_PASSWORD, { from: '192.0.2.30' })).status).toBe(200);
    // Signing in clears the account's failures.
    expect((await login(app, username, 'wrong', { from: '192.0.2.30' })).status).toBe(401);
  });
});

describe('changing one’s password', () => {
  it('checks the current password under the account’s throttle too: a stolen session is no way around it', async () => {
    const app = await newApp();
    const username = await account();
    const res = await app.request(
      '/api/v1/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) },
      peer('192.0.2.50'),
    );
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.request(
          '/api/v1/auth/password',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'idempotency-key': `k-${randomUUID()}` },
            body: JSON.stringify({ currentPassword: `guess-${i}-long`, newPassword: 'mat-khau-moi-rat-dai' }),
          },
          peer('192.0.2.50'),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('the client address behind the proxy', () => {
  it('is the forwarded one when the peer is a trusted proxy, so users behind nginx do not share one budget', async () => {
    const app = await newApp({ trustedProxies: ['10.89.0.0/24'] });
    const victim = await account();
    const names = await Promise.all(Array.from({ length: 25 }, () => account()));
    for (const u of names) await login(app, u, 'wrong-password', { from: '10.89.0.2', forwardedFor: '203.0.113.7' });
    expect((await login(app, names[0]!, DEMO_PASSWORD, { from: '10.89.0.2', forwardedFor: '203.0.113.7' })).reason).toBe('ADDRESS');
    // Another user behind the same proxy is not held back by the attacker's address.
    expect((await login(app, victim, DEMO_PASSWORD, { from: '10.89.0.2', forwardedFor: '203.0.113.8' })).status).toBe(200);
  });

  it('is the peer’s own when the peer is not a trusted proxy, whatever it forwards', async () => {
    const app = await newApp({ trustedProxies: ['10.89.0.0/24'] });
    const names = await Promise.all(Array.from({ length: 25 }, () => account()));
    const results: TAttempt[] = [];
    for (const [i, u] of names.entries()) results.push(await login(app, u, 'wrong-password', { from: '198.51.100.77', forwardedFor: `203.0.113.${100 + i}` }));
    expect(count(results, 401)).toBe(20);
    expect(results.slice(20).every((r) => r.reason === 'ADDRESS')).toBe(true);
  });
});

describe('the known-device cookie', () => {
  it('is httpOnly, SameSite=Strict, and __Host- prefixed and Secure with secure cookies', async () => {
    const app = await newApp({ secureCookies: true });
    const res = await app.request(
      '/api/v1/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: await account(), password: DEMO_PASSWORD }) },
      peer('192.0.2.40'),
    );
    expect(res.status).toBe(200);
    const device = res.headers.getSetCookie().find((c) => c.startsWith('__Host-ins_device='))!;
    expect(device).toMatch(/; HttpOnly/);
    expect(device).toMatch(/; Secure/);
    expect(device).toMatch(/; SameSite=Strict/);
    expect(device).toMatch(/; Path=\//);
    // Only its hash is kept.
    const token = /^__Host-ins_device=([^;]+)/.exec(device)![1]!;
    expect(await database.db.selectFrom('known_device').select('token_hash').where('token_hash', '=', token).executeTakeFirst()).toBeUndefined();
  });
});
