/**
 * Tips from the public (issue 16, docs/adr/0130–0133) against the real stack: a tip sent with a
 * solved proof-of-work challenge starts an `ins-tip` case in the unit chosen and answers a tracking
 * code; bad input names its fields and loses nothing (the challenge stays usable); forged, stale,
 * unsolved and replayed challenges are refused; the address limit answers 429; the status follows
 * the case's steps and says nothing else; an unknown code answers like any other; the reporter's
 * name, phone and e-mail are in no answer an inspector can get; tips about the same business and
 * theme are linked; the form works without a script and keeps what was typed, escaped.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { createDb } from '../db/database.js';
import { seedDemoData } from '../db/demo-data.js';
import { CaseEventHub } from '../lib/case-events.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { generateLookupCode, LOOKUP_CODE_RANDOM_BYTES } from '../domain/lookup-code.js';
import { challengePayload, leadingZeroBits } from '../domain/public-tip.js';
import { waitFor } from './case-support.js';
import { callAs, createTestApp, createTestDatabase, readSseBlocks, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const UNIT2 = `th${randomUUID().slice(0, 6)}`;
const DIFFICULTY = 8;
const REPORTER = { name: 'Trịnh Thị Mật Danh', phone: '0365 112 233', email: 'bi.mat.danh@example.vn' };
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
let database: TestDatabase;
let temporal: TestTemporal;
let hub: CaseEventHub;
let app: InsApp;
let closeApp: () => Promise<void>;
let evidenceDir: string;
/** The same app with small limits, behind a "proxy" (127.0.0.1 is trusted), so each test is its own client address. */
let limitedUrl: string;
let server: ServerType;
let closeLimited: () => Promise<void>;

const sha256 = (s: string) => createHash('sha256').update(s).digest();
function solve(token: string, bits: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(sha256(token + n)) >= bits) return String(n);
}

async function challenge(a: InsApp = app): Promise<{ token: string; difficulty: number }> {
  const res = await a.request('/api/v1/public/tips/challenge');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as { token: string; difficulty: number };
}

const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function tipBody(over: Record<string, unknown> = {}) {
  return {
    unitId: UNIT,
    theme: 'ORIGIN',
    content: 'Cửa hàng bán thịt đông lạnh không có nhãn, không rõ nguồn gốc, để ngoài tủ mát.',
    place: 'Số 12 phố Lương Văn Thăng, Hoa Lư, Ninh Bình',
    businessName: 'Công ty TNHH Thực phẩm Hoa Lư',
    ...over,
  };
}

/** A tip with a fresh solved challenge; `over` may replace any field. */
async function sendTip(over: Record<string, unknown> = {}) {
  const ch = await challenge();
  const res = await post('/api/v1/public/tips', { ...tipBody(over), challenge: ch.token, nonce: solve(ch.token, ch.difficulty), ...over });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked field by field
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

const track = (code: string) => post('/api/v1/public/tips/track', { code });

async function caseOfTip(code: string): Promise<string> {
  const hash = createHash('sha256').update(code.replaceAll('-', '')).digest('hex');
  return (await database.db.selectFrom('public_tip').select('case_id').where('tracking_hash', '=', hash).executeTakeFirstOrThrow()).case_id;
}

async function waitForTracking(code: string, status: string): Promise<Record<string, string>> {
  for (let i = 0; i < 150; i++) {
    const r = await track(code);
    const body = (await r.json()) as { tip: Record<string, string> };
    if (r.status === 200 && body.tip.status === status) return body.tip;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`tip ${code} never reached ${status}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, UNIT2);
  temporal = await startTestWorker({ db: database.db });
  hub = new CaseEventHub(database.url);
  await hub.start();
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-tips-'));
  const evidence = { store: new DiskEvidenceStore(evidenceDir), maxBytes: 5 * 1024 * 1024 };
  const loose = { difficulty: DIFFICULTY, perAddress: 10_000, trackPerAddress: 10_000, trackPerCode: 10_000, noScriptMinAgeMs: 300 };
  ({ app, close: closeApp } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, publicTips: loose, evidence, events: hub }));
  const limited = await createTestApp(database.db, {
    taskQueue: temporal.taskQueue,
    publicTips: { ...loose, perAddress: 2, trackPerAddress: 5, trackPerCode: 3 },
    trustedProxies: ['127.0.0.1'],
  });
  closeLimited = limited.close;
  server = await new Promise((resolve) => {
    const s = serve({ fetch: limited.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  limitedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await closeLimited?.();
  await closeApp?.();
  await hub?.stop();
  await temporal?.shutdown();
  await database?.drop();
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

describe('a tip from the public', () => {
  it('starts a hotline-tip case in the unit chosen and answers a tracking code; its first step starts from the tip', async () => {
    const units = (await (await app.request('/api/v1/public/tips/units')).json()) as { units: { id: string }[] };
    expect(units.units.map((u) => u.id)).toEqual(expect.arrayContaining([UNIT, UNIT2]));

    const sent = await sendTip({ contact: REPORTER, wantsReply: true });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.headers.get('cache-control')).toBe('no-store');
    expect(sent.body.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const caseId = await caseOfTip(sent.body.trackingCode);
    expect(caseId).toMatch(new RegExp(`^tip/${UNIT}/\\d{4}/\\d{4}$`));
    const row = await database.db.selectFrom('case_file').select(['unit_id', 'procedure_id', 'status']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ unit_id: UNIT, procedure_id: 'ins-tip', status: 'OPEN' });
    // Kept nowhere in clear: the code is only its hash.
    expect(JSON.stringify(await database.db.selectFrom('public_tip').selectAll().execute())).not.toContain(sent.body.trackingCode.replaceAll('-', ''));
    expect(await waitForTracking(sent.body.trackingCode, 'RECEIVED')).toEqual({ status: 'RECEIVED', receivedAt: sent.body.receivedAt });

    const inspector = await signIn(app, 'kiemsoat.an');
    expect((await callAs(app, inspector, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)).body.publicTip).toBe(true);
    const prefill = await callAs(app, inspector, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/prefill`);
    expect(prefill.status).toBe(200);
    expect(prefill.body.values).toMatchObject({ channel: 'PORTAL', content: tipBody().content, place: tipBody().place, target: 'Công ty TNHH Thực phẩm Hoa Lư', wantsReply: true });
    expect(prefill.body.values.informantRef).toMatch(/^tip:[0-9a-f-]{36}$/);

    // To the other unit when chosen there.
    const other = await sendTip({ unitId: UNIT2, businessName: undefined });
    expect(other.status).toBe(201);
    expect(await caseOfTip(other.body.trackingCode)).toMatch(new RegExp(`^tip/${UNIT2}/`));
  });

  it('refuses bad input naming each field, and loses nothing: the same challenge then sends the corrected tip', async () => {
    const ch = await challenge();
    const nonce = solve(ch.token, ch.difficulty);
    const bad = await post('/api/v1/public/tips', { ...tipBody({ content: 'ngắn', taxCode: '0101234568', contact: { email: 'not-an-email' } }), challenge: ch.token, nonce });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['contact.email', 'content', 'taxCode']);
    const unknownUnit = await post('/api/v1/public/tips', { ...tipBody({ unitId: 'no-such-unit' }), challenge: ch.token, nonce });
    expect(unknownUnit.status).toBe(400);
    expect(((await unknownUnit.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['unitId']);
    const noWayToReply = await post('/api/v1/public/tips', { ...tipBody({ wantsReply: true, contact: { name: 'A' } }), challenge: ch.token, nonce });
    expect(((await noWayToReply.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['contact']);
    const photo = await post('/api/v1/public/tips', {
      ...tipBody({ photos: [{ name: 'a.png', mime: 'image/png', data: Buffer.from('<svg onload=alert(1)>').toString('base64') }] }),
      challenge: ch.token,
      nonce,
    });
    expect(((await photo.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['photos.0']);
    const ok = await post('/api/v1/public/tips', { ...tipBody({ photos: [{ name: 'bang-chung.png', mime: 'image/png', data: PNG_1X1 }] }), challenge: ch.token, nonce });
    expect(ok.status).toBe(201);
    const caseId = await caseOfTip(((await ok.json()) as { trackingCode: string }).trackingCode);
    const lead = await signIn(app, 'doitruong.cuong');
    const tip = await callAs(app, lead, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/tip`);
    expect(tip.body.tip.photos).toEqual([{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'bang-chung.png', size: Buffer.from(PNG_1X1, 'base64').length, mime: 'image/png' }]);
    const download = await app.request(`/api/v1/evidence/${tip.body.tip.photos[0].sha256}`, { headers: { cookie: lead.cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(PNG_1X1, 'base64'))).toBe(true);
  });

  it('refuses a forged, stale, unsolved, weakened or replayed challenge, and starts no case for it', async () => {
    const before = await database.db
      .selectFrom('public_tip')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = async (token: string, nonce: string) => {
      const r = await post('/api/v1/public/tips', { ...tipBody(), challenge: token, nonce });
      const b = (await r.json()) as { error: { code: string; details: { reason: string } } };
      return [r.status, b.error.code, b.error.details.reason];
    };
    const ch = await challenge();
    const forged = ch.token.replace(/\.[^.]+$/, `.${randomBytes(32).toString('base64url')}`);
    expect(await refused(forged, solve(forged, DIFFICULTY))).toEqual([400, 'CHALLENGE_REFUSED', 'FORGED']);
    const weakened = ch.token.replace(`.${DIFFICULTY}.`, '.1.');
    expect(await refused(weakened, solve(weakened, 1))).toEqual([400, 'CHALLENGE_REFUSED', 'FORGED']);
    let wrong = 0;
    while (leadingZeroBits(sha256(ch.token + wrong)) >= DIFFICULTY) wrong++;
    expect(await refused(ch.token, String(wrong))).toEqual([400, 'CHALLENGE_REFUSED', 'NOT_SOLVED']);
    // Signed with the real key (read from the database) but issued 31 minutes ago.
    const secret = (await database.db.selectFrom('tip_challenge_key').select('secret').executeTakeFirstOrThrow()).secret;
    const payload = challengePayload({ id: randomBytes(16).toString('base64url'), issuedAt: Date.now() - 31 * 60_000, difficulty: DIFFICULTY });
    const stale = `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
    expect(await refused(stale, solve(stale, DIFFICULTY))).toEqual([400, 'CHALLENGE_REFUSED', 'STALE']);
    const after = await database.db
      .selectFrom('public_tip')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    // Used once: the same solved challenge again, even with another tip, is a replay.
    const nonce = solve(ch.token, DIFFICULTY);
    expect((await post('/api/v1/public/tips', { ...tipBody(), challenge: ch.token, nonce })).status).toBe(201);
    expect(await refused(ch.token, nonce)).toEqual([400, 'CHALLENGE_REFUSED', 'USED']);
    const replays = await Promise.all([1, 2].map(() => post('/api/v1/public/tips', { ...tipBody(), content: 'Một tin báo khác hẳn, gửi lại bằng thử thách cũ.', challenge: ch.token, nonce })));
    expect(replays.map((r) => r.status)).toEqual([400, 400]);
    const final = await database.db
      .selectFrom('public_tip')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(final.n)).toBe(Number(before.n) + 1);
  });

  it('holds no database connection while its case starts: more tips at once than the pool has connections are all received (docs/adr/0212)', async () => {
    // A replica whose pool has two connections. While a tip's transaction stayed open across the start, two tips at once held
    // both, and the start's own queries waited for a third until the pool gave up (10 s): every request of the replica stalled.
    const small = createDb({ url: database.url, poolSize: 2, applicationName: 'ins-test-small-pool' });
    const loose = { difficulty: DIFFICULTY, perAddress: 10_000, trackPerAddress: 10_000, trackPerCode: 10_000, noScriptMinAgeMs: 300 };
    const replica = await createTestApp(small, { taskQueue: temporal.taskQueue, publicTips: loose });
    try {
      const send = async (i: number) => {
        const ch = await challenge(replica.app);
        const body = { ...tipBody({ businessName: `Cơ sở số ${i}` }), challenge: ch.token, nonce: solve(ch.token, ch.difficulty) };
        const res = await replica.app.request('/api/v1/public/tips', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as { trackingCode?: string } };
      };
      const sent = await Promise.all([0, 1, 2, 3].map(send));
      expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      // Each with its own case and row.
      const cases = await Promise.all(sent.map((r) => caseOfTip(r.body.trackingCode!)));
      expect(new Set(cases).size).toBe(4);
    } finally {
      await replica.close();
      await small.destroy();
    }
  });

  it('answers 429 with Retry-After past the limit per address, and counts another address apart', async () => {
    const limitedCall = async (p: string, body: unknown, address: string) =>
      fetch(`${limitedUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) });
    const fresh = async () => {
      const ch = (await (await fetch(`${limitedUrl}/api/v1/public/tips/challenge`)).json()) as { token: string };
      return { challenge: ch.token, nonce: solve(ch.token, DIFFICULTY) };
    };
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await limitedCall('/api/v1/public/tips', { ...tipBody(), ...(await fresh()) }, address)).status);
    expect(statuses).toEqual([201, 201, 429]);
    const again = await limitedCall('/api/v1/public/tips', { ...tipBody(), ...(await fresh()) }, address);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await limitedCall('/api/v1/public/tips', { ...tipBody(), ...(await fresh()) }, '198.51.100.7')).status).toBe(201);

    // Tracking: per code (3) whoever asks, and per address (5).
    const code = generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES));
    const byCode = [];
    for (let i = 0; i < 4; i++) byCode.push((await limitedCall('/api/v1/public/tips/track', { code }, `192.0.2.${10 + i}`)).status);
    expect(byCode).toEqual([404, 404, 404, 429]);
    const byAddress = [];
    for (let i = 0; i < 6; i++) byAddress.push((await limitedCall('/api/v1/public/tips/track', { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)) }, '192.0.2.99')).status);
    expect(byAddress).toEqual([404, 404, 404, 404, 404, 429]);
  });
});

describe('tracking a tip', () => {
  it('follows the case: received, being checked once the tip is logged, handled once closed — status and dates only; the reporter who asked is told', async () => {
    const sent = await sendTip({ contact: REPORTER, wantsReply: true });
    const code: string = sent.body.trackingCode;
    const caseId = await caseOfTip(code);
    const p = `/api/v1/cases/${encodeURIComponent(caseId)}`;
    const inspector = await signIn(app, 'kiemsoat.an');
    const lead = await signIn(app, 'doitruong.cuong');
    const step = async (s: TTestSession, id: string, outcome: string, data: Record<string, unknown> = {}) => {
      const r = await callAs(app, s, 'POST', `${p}/steps/${id}/complete`, { outcome, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const received = await waitForTracking(code, 'RECEIVED');
    const prefill = await callAs(app, inspector, 'GET', `${p}/steps/C1/prefill`);
    await step(inspector, 'C1', 'LOGGED', prefill.body.values);
    const checking = await waitForTracking(code, 'CHECKING');
    expect(Object.keys(checking).sort()).toEqual(['checkingSince', 'receivedAt', 'status']);
    expect(Date.parse(checking.checkingSince!)).toBeGreaterThanOrEqual(Date.parse(received.receivedAt!));
    await step(lead, 'C2', 'OUT_OF_SCOPE', { note: 'GHI CHÚ NỘI BỘ về bên bị phản ánh' });
    await step(lead, 'C5', 'FORWARDED', { forwardLetterNo: '99/CV-QLTT', agency: 'Công an huyện Hoa Lư' });
    await step(inspector, 'C6', 'CLOSED', { replied: true });
    const handled = await waitForTracking(code, 'HANDLED');
    expect(Object.keys(handled).sort()).toEqual(['checkingSince', 'handledAt', 'receivedAt', 'status']);
    const raw = await (await track(code.toLowerCase().replaceAll('-', ' '))).text();
    for (const secret of ['GHI CHÚ', '99/CV-QLTT', 'Công an', 'OUT_OF_SCOPE', 'Hoa Lư', caseId, 'kiemsoat']) expect(raw).not.toContain(secret);

    // The page says the same.
    const page = await app.request('/public/phan-anh/theo-doi', { method: 'POST', body: new URLSearchParams({ code, lang: 'en' }) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Handled');
    expect(html).not.toContain('Công an');

    // The reporter asked for a reply: one message to each address given, waiting for the worker's pass (docs/adr/0145).
    const told = await waitFor(async () => {
      const rows = await database.db
        .selectFrom('party_message')
        .innerJoin('party_subscription', 'party_subscription.id', 'party_message.subscription_id')
        .select(['party_message.kind', 'party_subscription.channel', 'party_subscription.address', 'party_message.status'])
        .where('party_message.case_id', '=', caseId)
        .orderBy('party_subscription.channel')
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    expect(told).toEqual([
      { kind: 'TIP_HANDLED', channel: 'EMAIL', address: 'bi.mat.danh@example.vn', status: 'PENDING' },
      { kind: 'TIP_HANDLED', channel: 'SMS', address: '+84365112233', status: 'PENDING' },
    ]);
  });

  it('answers every unknown code alike, and a malformed one as bad input', async () => {
    const a = await track(generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)));
    const b = await track(generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)));
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(await a.text()).toBe(await b.text());
    const bad = await track('1234');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('code');
  });
});

describe('the reporter’s identity', () => {
  it('is in no answer an inspector can get — lists, search, the case, its audit, prefill, the tip, events — and only the director and team lead read it', async () => {
    const inspector = await signIn(app, 'kiemsoat.an');
    const events = await app.request('/api/v1/events', { headers: { cookie: inspector.cookie } });
    expect(events.status).toBe(200);
    const collected = readSseBlocks(events, () => false, 8_000);

    const sent = await sendTip({ contact: REPORTER, wantsReply: true, taxCode: '2700123459', theme: 'PRICE', photos: [{ name: 'anh.png', mime: 'image/png', data: PNG_1X1 }] });
    expect(sent.status).toBe(201);
    const caseId = await caseOfTip(sent.body.trackingCode);
    const p = `/api/v1/cases/${encodeURIComponent(caseId)}`;
    const prefill = await callAs(app, inspector, 'GET', `${p}/steps/C1/prefill`);
    expect((await callAs(app, inspector, 'POST', `${p}/steps/C1/complete`, { outcome: 'LOGGED', data: prefill.body.values })).status).toBe(200);
    await waitForTracking(sent.body.trackingCode, 'CHECKING');

    const needles = [REPORTER.name, REPORTER.phone, REPORTER.phone.replaceAll(' ', ''), REPORTER.email, 'Mật Danh', 'mat danh'];
    const answers: string[] = [];
    // Every GET of the API, each path parameter set to the tip's case, its first step, its photo.
    const spec = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.keys(spec.paths).filter((x) => spec.paths[x]!.get && x !== '/api/v1/events');
    expect(gets.length).toBeGreaterThan(40);
    const photo: string = (await callAs(app, inspector, 'GET', `${p}/tip`)).body.tip.photos[0].sha256;
    let ok = 0;
    for (const g of gets) {
      const url = g
        .replace('{caseId}', encodeURIComponent(caseId))
        .replace('{stepId}', 'C1')
        .replace('{sha256}', photo)
        .replace(/\{[^}]+\}/g, 'x');
      const r = await app.request(url, { headers: { cookie: inspector.cookie } });
      if (r.status === 200) ok++;
      answers.push(`${g} ${await r.text()}`);
    }
    expect(ok).toBeGreaterThan(15);
    for (const q of ['Trịnh', 'Mật Danh', '0365112233', 'bi.mat.danh', 'Hoa Lư']) {
      const r = await callAs(app, inspector, 'GET', `/api/v1/cases?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      answers.push(JSON.stringify(r.body));
      if (q !== 'Hoa Lư') expect(r.body.items.map((x: { caseId: string }) => x.caseId)).not.toContain(caseId);
    }
    answers.push(JSON.stringify((await callAs(app, inspector, 'GET', `/api/v1/cases?kind=TIP`)).body));
    answers.push(JSON.stringify((await callAs(app, inspector, 'GET', `/api/v1/inbox`)).body));
    const blocks = await collected;
    expect(blocks.length).toBeGreaterThan(0);
    answers.push(JSON.stringify(blocks));
    // The case itself is there (the sweep reached it), the reporter is not.
    expect(answers.join('\n')).toContain(caseId);
    for (const a of answers) for (const n of needles) expect(a, a.slice(0, 120)).not.toContain(n);

    // The reporter route: refused to the inspector; the director and the case's team lead read it.
    expect((await callAs(app, inspector, 'GET', `${p}/tip/reporter`)).status).toBe(403);
    for (const who of ['chicuctruong.hai', 'doitruong.cuong']) {
      const r = await callAs(app, await signIn(app, who), 'GET', `${p}/tip/reporter`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ anonymous: false, ...REPORTER });
    }
    // Each read is in the unit's request audit, by whom.
    const reads = await database.db
      .selectFrom('request_audit')
      .select(['actor_id', 'method'])
      .where('path', '=', `/api/v1/cases/${encodeURIComponent(caseId)}/tip/reporter`)
      .execute();
    expect(reads.filter((x) => x.method === 'GET').map((x) => x.actor_id)).toEqual(['chicuctruong.hai', 'doitruong.cuong']);
    // Anonymous: nothing kept, whatever was sent.
    const anon = await sendTip({ anonymous: true, contact: REPORTER });
    const anonCase = await caseOfTip(anon.body.trackingCode);
    expect((await callAs(app, await signIn(app, 'chicuctruong.hai'), 'GET', `/api/v1/cases/${encodeURIComponent(anonCase)}/tip/reporter`)).body).toEqual({ anonymous: true });
    const anonTip = await database.db.selectFrom('public_tip').select(['id', 'anonymous', 'wants_reply']).where('case_id', '=', anonCase).executeTakeFirstOrThrow();
    expect(anonTip).toMatchObject({ anonymous: true, wants_reply: false });
    expect(await database.db.selectFrom('public_tip_reporter').selectAll().where('tip_id', '=', anonTip.id).execute()).toEqual([]);
  });
});

describe('linked tips', () => {
  it('lists the unit’s other tips about the same business and theme on the tip’s case', async () => {
    const a = await sendTip({ businessName: 'Cửa hàng Tạp hóa Minh Châu', taxCode: undefined, theme: 'COUNTERFEIT' });
    const b = await sendTip({ businessName: 'TẠP HÓA MINH CHÂU', theme: 'COUNTERFEIT' });
    const otherTheme = await sendTip({ businessName: 'Tạp hóa Minh Châu', theme: 'PRICE' });
    const otherUnit = await sendTip({ businessName: 'Tạp hóa Minh Châu', theme: 'COUNTERFEIT', unitId: UNIT2 });
    const byTax1 = await sendTip({ businessName: 'Tên gì cũng được', taxCode: '2700123459', theme: 'LABEL' });
    const byTax2 = await sendTip({ businessName: 'Một tên khác', taxCode: '2700123459', theme: 'LABEL' });
    for (const s of [a, b, otherTheme, otherUnit, byTax1, byTax2]) expect(s.status, JSON.stringify(s.body)).toBe(201);
    const lead = await signIn(app, 'doitruong.cuong');
    const related = async (code: string) => (await callAs(app, lead, 'GET', `/api/v1/cases/${encodeURIComponent(await caseOfTip(code))}/tip`)).body.related.map((r: { caseId: string }) => r.caseId);
    expect(await related(a.body.trackingCode)).toEqual([await caseOfTip(b.body.trackingCode)]);
    expect(await related(b.body.trackingCode)).toEqual([await caseOfTip(a.body.trackingCode)]);
    expect(await related(otherTheme.body.trackingCode)).toEqual([]);
    expect(await related(byTax1.body.trackingCode)).toEqual([await caseOfTip(byTax2.body.trackingCode)]);
  });
});

describe('the tip form without a script', () => {
  it('keeps what was typed (escaped) when refused, asks a script-less sender to wait, then answers the tracking code', async () => {
    const page = await app.request('/public/phan-anh');
    expect(page.status).toBe(200);
    const html = await page.text();
    const token = /name="challenge" value="([^"]+)"/.exec(html)![1]!;
    expect(html).toMatch(/<script nonce="[^"]+">/);
    expect(html).toContain(`<option value="${UNIT}"`);
    // Nothing is chosen for the sender: neither the topic ("Other" filed tips by default) nor, with several units, the unit (a tip sent to the wrong province).
    expect(html).toMatch(/<option value=""\s+selected>— Chọn chủ đề —<\/option>/);
    expect(html).toMatch(/<option value=""\s+selected>— Chọn đơn vị —<\/option>/);
    expect(html).not.toMatch(new RegExp(`<option value="${UNIT}"\\s+selected>`));
    // From a unit's page its unit is chosen; an id that is no unit's chooses nothing.
    const fromUnit = await (await app.request(`/public/phan-anh?unit=${UNIT}`)).text();
    expect(fromUnit).toMatch(new RegExp(`<option value="${UNIT}"\\s+selected>`));
    expect(fromUnit).not.toMatch(/<option value=""\s+selected>— Chọn đơn vị —/);
    expect(await (await app.request('/public/phan-anh?unit=no-such-unit')).text()).toMatch(/<option value=""\s+selected>— Chọn đơn vị —<\/option>/);
    expect(await (await app.request(`/public/don-vi/${UNIT}`)).text()).toContain(`href="/public/phan-anh?unit=${UNIT}"`);
    // The national department takes no tips: its page offers none.
    const national = await app.request('/public/don-vi/tw');
    expect(national.status).toBe(200);
    expect(await national.text()).not.toContain('/public/phan-anh?unit=');
    const xss = '<script>alert("x")</script><img src=x onerror=alert(1)> javascript:alert(2)';
    const form = (over: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ lang: 'vi', challenge: token, nonce: '', unitId: UNIT, theme: 'FOOD_SAFETY', content: xss, place: 'Chợ Rồng', name: 'Người Gửi Thử', ...over }))
        f.append(k, v);
      return app.request('/public/phan-anh', { method: 'POST', body: f });
    };
    const quick = await form({});
    expect(quick.status).toBe(400);
    const quickHtml = await quick.text();
    expect(quickHtml).toContain('Bạn gửi quá nhanh');
    expect(quickHtml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(quickHtml).not.toContain('<script>alert');
    expect(quickHtml).not.toContain('<img src=x');
    expect(quickHtml).toContain('value="Người Gửi Thử"');
    const invalid = await form({ place: '' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('href="#place"');
    // No topic chosen (the form offers none by default): refused at the field, as the JSON route refuses it.
    const noTheme = await form({ theme: '' });
    expect(noTheme.status).toBe(400);
    const noThemeHtml = await noTheme.text();
    expect(noThemeHtml).toContain('<a href="#theme">Chọn chủ đề của phản ánh.</a>');
    expect(noThemeHtml).toMatch(/<option value=""\s+selected>— Chọn chủ đề —<\/option>/);
    // A tax code of the right shape with a wrong check digit is called a typing error; a wrong shape gets the format, with a valid example.
    const typo = await form({ taxCode: '0101234567' });
    expect(typo.status).toBe(400);
    const typoHtml = await typo.text();
    expect(typoHtml).toContain('chữ số kiểm tra (số thứ 10) không khớp với 9 số đầu');
    expect(typoHtml).toContain('value="0101234567"');
    const shape = await form({ taxCode: '123' });
    expect(await shape.text()).toContain('Mã số thuế chưa đúng (10 chữ số, hoặc 13 chữ số viết 0101234565-001); có thể để trống.');
    await new Promise((r) => setTimeout(r, 350));
    const withPhoto = new FormData();
    for (const [k, v] of Object.entries({ lang: 'vi', challenge: token, nonce: '', unitId: UNIT, theme: 'FOOD_SAFETY', content: xss, place: 'Chợ Rồng' })) withPhoto.append(k, v);
    withPhoto.append('photos', new File([Buffer.from(PNG_1X1, 'base64')], 'cho-rong.png', { type: 'image/png' }));
    const done = await app.request('/public/phan-anh', { method: 'POST', body: withPhoto });
    expect(done.status).toBe(201);
    const code = /data-testid="tracking-code">([^<]+)</.exec(await done.text())![1]!;
    expect((await waitForTracking(code, 'RECEIVED')).status).toBe('RECEIVED');
    const tip = await database.db
      .selectFrom('public_tip')
      .select(['photos', 'content'])
      .where('case_id', '=', await caseOfTip(code))
      .executeTakeFirstOrThrow();
    expect(tip.content).toBe(xss);
    expect(tip.photos.map((x) => x.name)).toEqual(['cho-rong.png']);
  });

  it('refuses text PostgreSQL cannot store (U+0000) at its field, before any case is started; the same challenge then sends the tip', async () => {
    const token = /name="challenge" value="([^"]+)"/.exec(await (await app.request('/public/phan-anh')).text())![1]!;
    const nonce = solve(token, DIFFICULTY);
    const challengeId = token.split('.')[0]!;
    const form = (over: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ lang: 'vi', challenge: token, nonce, unitId: UNIT, theme: 'FOOD_SAFETY', content: 'Bán thịt không rõ nguồn gốc ở chợ', place: 'Chợ Rồng', ...over }))
        f.append(k, v);
      return app.request('/public/phan-anh', { method: 'POST', body: f });
    };
    for (const [field, over] of [
      ['businessName', { businessName: 'Cty A\u0000B' }],
      ['content', { content: 'Nội dung \u0000 tin báo đủ dài ở đây' }],
      ['place', { place: 'Chợ\u0000Rồng' }],
      ['name', { name: 'Người\u0000Gửi' }],
    ] as const) {
      const res = await form(over);
      expect(res.status, field).toBe(400);
      const html = await res.text();
      expect(html, field).toContain(`<a href="#${field}">Ô này có ký tự không hợp lệ`);
    }
    // Nothing was started for the challenge, nor stored: before, the name's NUL started a case whose projection failed forever.
    expect(await database.db.selectFrom('case_open_request').select('case_id').where('request_id', '=', `tip:${challengeId}`).executeTakeFirst()).toBeUndefined();
    expect(await database.db.selectFrom('tip_challenge_use').select('id').where('id', '=', challengeId).executeTakeFirst()).toBeUndefined();
    const done = await form({ businessName: 'Cty AB' });
    expect(done.status).toBe(201);
    const code = /data-testid="tracking-code">([^<]+)</.exec(await done.text())![1]!;
    expect((await waitForTracking(code, 'RECEIVED')).status).toBe('RECEIVED');
    // The JSON route says it at the field too (its input guard, and the shared schema behind it).
    const json = await sendTip({ businessName: 'Cty A\u0000B' });
    expect(json.status).toBe(400);
    expect(json.body.error.details).toEqual([expect.objectContaining({ path: 'businessName', rule: 'unstorableText' })]);
  });

  it('refuses a body past the tip routes’ limit before reading it', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const res = await app.request('/api/v1/public/tips', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(huge.length) }, body: huge });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    // A tip with three photos at their largest is under it.
    const big = Buffer.alloc(2 * 1024 * 1024 - 1024, 1).toString('base64');
    const three = await post('/api/v1/public/tips', { ...tipBody(), photos: [1, 2, 3].map((i) => ({ name: `${i}.png`, mime: 'image/png', data: big })), challenge: 'x', nonce: '1' });
    expect(three.status).toBe(400);
    expect(((await three.json()) as { error: { code: string } }).error.code).toBe('CHALLENGE_REFUSED');
  });
});
