/**
 * The public case lookup (issue 16, docs/adr/0120, 0121) against the real stack: a penalty case
 * about a registry business driven to its decision through the HTTP API, then looked up by its
 * code and the business's tax code — the fine and the due date show, nothing internal does; an
 * unknown code and a wrong identifier get the same status and the same bytes in the same time; the
 * limits per address and per code answer 429. The cases start on the latest penalty version: the
 * papers' numbers are the unit's register's, in issue order (01/BB-VPHC, 01/QĐ-XPHC, then 02/BB-VPHC).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData, seedDemoSecondUnit } from '../db/demo-data.js';
import { upsertViolation } from '../db/repositories/legal.js';
import { TEST_VIOLATIONS } from '../domain/fixtures/test-catalogue.js';
import { generateLookupCode, LOOKUP_CODE_RANDOM_BYTES } from '../domain/lookup-code.js';
import type { TPartyView } from '../domain/party-view.js';
import { receiptsPage } from '../api/public/pages.js';
import { pdfText } from './pdf-tools.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const TAX_CODE = '2700123459';
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let closeApp: () => Promise<void>;
/** The same app with small limits, behind a "proxy" (127.0.0.1 is trusted), so each test is its own client address. */
let limitedUrl: string;
let server: ServerType;
let closeLimited: () => Promise<void>;
let code: string;

const lookup = (body: unknown, a: InsApp = app) => a.request('/api/v1/public/case-lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const unknownCode = () => generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES));

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  // A 5–10 million ₫ bracket, so that a fine may be postponed (Art. 76: from 2 million ₫ for an individual).
  for (const row of TEST_VIOLATIONS) await upsertViolation(database.db, row, 'test');
  temporal = await startTestWorker({ db: database.db });
  ({ app, close: closeApp } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, publicLookup: { perAddress: 10_000, perCode: 10_000 } }));
  const limited = await createTestApp(database.db, { taskQueue: temporal.taskQueue, publicLookup: { perAddress: 5, perCode: 3 }, trustedProxies: ['127.0.0.1'] });
  closeLimited = limited.close;
  server = await new Promise((resolve) => {
    const s = serve({ fetch: limited.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  limitedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A penalty case about a registry business, to its decision, each step by its role.
  const business = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
  const lead = await signIn(app, 'doitruong.cuong');
  const inspector = await signIn(app, 'kiemsoat.an');
  const legal = await signIn(app, 'phapche.lan');
  const director = await signIn(app, 'chicuctruong.hai');
  const created = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Công ty Hoa Lư', businessId: business.id });
  expect(created.status).toBe(201);
  const caseId: string = created.body.caseId;
  const path = `/api/v1/cases/${encodeURIComponent(caseId)}`;
  const step = async (s: typeof lead, id: string, outcome: string, data: Record<string, unknown> = {}) => {
    const r = await callAs(app, s, 'POST', `${path}/steps/${id}/complete`, { outcome, data });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await step(inspector, 'B1', 'RECORDED', {
    recordedAt: TODAY,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An, kiểm soát viên',
    violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
    offenderType: 'INDIVIDUAL',
    violationDate: TODAY,
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
    statements: 'LỜI KHAI NỘI BỘ không công khai',
    violatorSigned: true,
  });
  expect((await callAs(app, lead, 'POST', `${path}/notes`, { text: 'GHI CHÚ NỘI BỘ của đội' })).status).toBe(200);
  await step(legal, 'B3', 'NO_EXPLANATION_RIGHT');
  await step(director, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 });
  await step(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });

  // The code is on the staff case page, for the officer to print.
  const detail = await callAs(app, lead, 'GET', path);
  code = detail.body.lookupCode;
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // The read model catches up with B8 (the projection is an activity).
  for (let i = 0; i < 100; i++) {
    const r = await lookup({ code, identifier: TAX_CODE });
    if (r.status === 200 && ((await r.json()) as { case: { fine?: { dueDate?: string } } }).case.fine?.dueDate) break;
    await new Promise((res) => setTimeout(res, 100));
  }
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await closeLimited?.();
  await closeApp?.();
  await temporal?.shutdown();
  await database?.drop();
});

describe('the public case lookup', () => {
  it('shows the party its fine, the due date and the agency’s steps, by the code and the tax code, without signing in', async () => {
    // Typed as a party might: lower case, spaces for dashes.
    const res = await lookup({ code: code.toLowerCase().replaceAll('-', ' '), identifier: ` ${TAX_CODE} ` });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { case: TPartyView; howToPay: { vi: string } };
    expect(body.case).toMatchObject({
      status: 'OPEN',
      fine: { amount: 400_000, paid: 0, outstanding: 400_000, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), surcharge: { amount: 0 } },
      documents: [
        { kind: 'VIOLATION_RECORD', number: '01/BB-VPHC', date: TODAY },
        { kind: 'PENALTY_DECISION', number: '01/QĐ-XPHC', date: TODAY, signedBy: 'Hoàng Văn Hải' },
      ],
    });
    // 10 days from receipt (Art. 73(1)), moved off a day off at most a few days.
    const due = Date.parse(body.case.fine!.dueDate!);
    expect(due - Date.parse(TODAY)).toBeGreaterThanOrEqual(10 * 86_400_000);
    expect(due - Date.parse(TODAY)).toBeLessThan(20 * 86_400_000);
    const steps = body.case.steps;
    expect(steps.find((s) => s.title.en === 'Issue the penalty decision')).toMatchObject({ state: 'DONE', due: expect.any(String), kept: true });
    expect(steps.find((s) => s.state === 'OPEN')).toMatchObject({ title: { en: 'Follow compliance and payment' }, binds: 'PARTY', kept: true });
    expect(body.howToPay.vi).toMatch(/Kho bạc/);
  });

  it('tells nothing of the officers, their notes, the statements, the assignees or the internal ids', async () => {
    const text = await (await lookup({ code, identifier: TAX_CODE })).text();
    for (const secret of [
      'Nguyễn Văn An',
      'kiemsoat.an',
      'doitruong.cuong',
      'phapche.lan',
      'GHI CHÚ NỘI BỘ',
      'LỜI KHAI NỘI BỘ',
      'penalty/',
      UNIT,
      'Hàng không rõ nguồn gốc',
      'evidence',
      'escalation',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers an unknown code and a wrong identifier alike: status, bytes and time', async () => {
    const wrongId = () => lookup({ code, identifier: '001090012345' });
    const unknown = () => lookup({ code: unknownCode(), identifier: TAX_CODE });
    const a = await wrongId();
    const b = await unknown();
    expect(a.status).toBe(404);
    expect(b.status).toBe(a.status);
    const [ta, tb] = [await a.text(), await b.text()];
    expect(tb).toBe(ta);
    expect(JSON.parse(ta)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/No case matches/) } });
    expect(b.headers.get('content-type')).toBe(a.headers.get('content-type'));

    // Interleaved, 20 of each; the medians within a factor of two of each other.
    const times: { wrong: number[]; unknown: number[] } = { wrong: [], unknown: [] };
    for (let i = 0; i < 20; i++) {
      for (const [kind, call] of [
        ['wrong', wrongId],
        ['unknown', unknown],
      ] as const) {
        const t0 = performance.now();
        const r = await call();
        await r.text();
        times[kind].push(performance.now() - t0);
        expect(r.status).toBe(404);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const ratio = median(times.wrong) / median(times.unknown);
    expect(ratio, `medians ${median(times.wrong).toFixed(2)} ms (wrong identifier) vs ${median(times.unknown).toFixed(2)} ms (unknown code)`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('refuses what is not a code or an identifier by its shape, naming the field', async () => {
    const res = await lookup({ code: 'ABCD', identifier: '12' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['code', 'identifier']);
  });

  it('answers 429 after 5 lookups from one address, whatever the codes', async () => {
    const address = `203.0.113.${1 + (randomBytes(1)[0]! % 200)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await fetch(`${limitedUrl}/api/v1/public/case-lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ code: unknownCode(), identifier: TAX_CODE }),
      });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
  });

  it('answers 429 after 3 tries of one code, from whatever addresses', async () => {
    const target = unknownCode();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${limitedUrl}/api/v1/public/case-lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${10 + i}` },
        body: JSON.stringify({ code: target, identifier: `00109001234${i}` }),
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('says where to pay: the State Treasury and account the unit had set on the decision’s date, not a later change, nor another unit’s (ADR 0193)', async () => {
    const payToOf = async () => ((await (await lookup({ code, identifier: TAX_CODE })).json()) as { case: TPartyView }).case.fine?.payTo;
    const page = async (lang = 'vi') =>
      (
        await app.request('/public/tra-cuu', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ code, identifier: TAX_CODE, lang }).toString(),
        })
      ).text();
    // None set: the general words alone.
    expect(await payToOf()).toBeUndefined();
    expect(await page()).not.toContain('data-testid="pay-to"');
    const lines = { parent_agency: 'CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH', agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG', head_title: 'CHI CỤC TRƯỞNG', place: 'Ninh Bình', created_by: 'quantri.minh' };
    const tomorrow = new Date(Date.parse(TODAY) + 86_400_000).toISOString().slice(0, 10);
    const other = `th${UNIT.slice(2)}`;
    await seedDemoSecondUnit(database.db, other);
    // Set on the decision's date (as the unit's admin would have before deciding), changed from tomorrow; another unit has its own.
    await database.db
      .insertInto('unit_agency')
      .values([
        { unit_id: UNIT, valid_from: TODAY, ...lines, treasury: 'Kho bạc Nhà nước khu vực X', treasury_account: '7111 0 1234567' },
        { unit_id: UNIT, valid_from: tomorrow, ...lines, treasury: 'Kho bạc Nhà nước khu vực Y', treasury_account: '7111 0 7654321' },
        { unit_id: other, valid_from: TODAY, ...lines, treasury: 'Kho bạc Nhà nước khu vực Z', treasury_account: '7111 0 0000001' },
      ])
      .execute();
    try {
      expect(await payToOf()).toEqual({ treasury: 'Kho bạc Nhà nước khu vực X', account: '7111 0 1234567' });
      expect(await page()).toMatch(/data-testid="pay-to"><strong>Nộp vào tài khoản số 7111 0 1234567 của Kho bạc Nhà nước khu vực X<\/strong>/);
      expect(await page('en')).toContain('Pay into account 7111 0 1234567 of Kho bạc Nhà nước khu vực X');
    } finally {
      await database.db.deleteFrom('unit_agency').where('unit_id', 'in', [UNIT, other]).execute();
    }
  });

  it('serves the lookup page under /public, in Vietnamese by default and in English on request; /tra-cuu leads there', async () => {
    const redirect = await app.request('/tra-cuu');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/public/tra-cuu');
    const vi = await app.request('/public/tra-cuu');
    expect(vi.status).toBe(200);
    expect(vi.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
    const html = await vi.text();
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toContain('Tra cứu hồ sơ xử phạt');
    expect(html).not.toMatch(/<script/);
    expect(await (await app.request('/public/tra-cuu?lang=en')).text()).toMatch(/<html lang="en">[\s\S]*Look up a penalty case/);

    const form = (fields: Record<string, string>) =>
      app.request('/public/tra-cuu', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const found = await form({ code, identifier: TAX_CODE, lang: 'vi' });
    expect(found.status).toBe(200);
    const page = await found.text();
    expect(page).toContain('400.000 đ');
    expect(page).toContain('01/QĐ-XPHC');
    // What was typed comes back escaped, never as markup.
    const xss = await form({ code: '<script>alert(1)</script>', identifier: '"><img src=x>', lang: 'en' });
    expect(xss.status).toBe(400);
    const xssPage = await xss.text();
    expect(xssPage).not.toContain('<script>alert');
    expect(xssPage).not.toContain('"><img');
    expect(xssPage).toContain('&lt;script&gt;');
  });

  it('lets an open result page follow its case with its token only: unchanged is 304, a forged or unknown token a bare 404 (docs/adr/0128)', async () => {
    const form = new URLSearchParams({ code, identifier: TAX_CODE }).toString();
    const result = await (await app.request('/public/tra-cuu', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).text();
    const token = /data-live-token="([^"]+)"/.exec(result)![1]!;
    const etag = /data-live-etag="([^"]+)"/.exec(result)![1]!.replaceAll('&quot;', '"');
    // Neither the code nor the identifier in the token's readable parts but the code the party already holds.
    expect(token).not.toContain(TAX_CODE);
    expect(result).toMatch(/<script src="\/public\/public.js" nonce="[^"]+" defer><\/script>/);
    const live = (t: string, headers: Record<string, string> = {}) => app.request('/public/tra-cuu/live', { headers: { 'x-lookup-token': t, ...headers } });
    const fresh = await live(token);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(etag);
    expect(fresh.headers.get('cache-control')).toBe('no-store');
    const fragment = await fresh.text();
    expect(fragment).toContain('400.000 đ');
    expect(fragment).not.toContain('<html');
    expect((await live(token, { 'if-none-match': etag })).status).toBe(304);
    const [c, exp, sig] = token.split('.') as [string, string, string];
    const forged = [
      `${c}.${exp}.${sig.slice(0, -2)}AA`,
      `${c}.${Number(exp) + 3600}.${sig}`,
      `${unknownCode().replaceAll('-', '')}.${exp}.${sig}`,
      `${c}.${Math.floor(Date.now() / 1000) - 1}.${sig}`,
      'x',
      '',
    ];
    for (const t of forged) {
      const r = await live(t);
      expect(r.status, t).toBe(404);
      expect(await r.text()).toBe('');
    }
    const script = await app.request('/public/public.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('X-Lookup-Token');
  });

  it('gives the receipts by the code and the identifier with the lookup’s rules: the same 404 for an unknown code and a wrong identifier, 400 naming the field (docs/adr/0129)', async () => {
    const receipt = (body: unknown) => app.request('/api/v1/public/payments/receipt', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const found = await receipt({ code, identifier: TAX_CODE });
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(await found.json()).toEqual({
      case: { lookupCode: code, title: { vi: expect.any(String), en: 'Administrative penalty (with a violation record)' }, decisionNo: '01/QĐ-XPHC', decisionDate: TODAY },
      receipts: [],
      fine: { amount: 400_000, paid: 0, toPay: 400_000, settled: false },
    });
    const a = await receipt({ code, identifier: '001090012345' });
    const b = await receipt({ code: unknownCode(), identifier: TAX_CODE });
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(await b.text()).toBe(await a.text());
    const bad = await receipt({ code: 'nope', identifier: TAX_CODE });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['code']);
    // The printable page by an expired or forged token: the lookup form again, with the reason.
    const page = await app.request('/public/bien-lai', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: 'x.1.y' }).toString() });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Phiên xem hồ sơ đã hết hạn');
    // A token whose code holds a NUL (an unexpired token's shape): no case's, never sent to PostgreSQL (it was a 500).
    for (const path of ['/public/bien-lai', '/public/van-ban']) {
      const nul = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: `AB\u0000C.${Math.floor(Date.now() / 1000) + 600}.y`, id: 'abcdefghjkmnpqrs' }).toString(),
      });
      expect(nul.status, path).toBe(404);
    }
  });

  it('says a payment the officer recorded from the party\u2019s own receipt is paid, not that no payment was made', () => {
    const receipts = (paid: number) =>
      String(
        receiptsPage(
          'vi',
          {
            case: { lookupCode: 'ABCD-EFGH-JKMN', title: { vi: 'Xử phạt', en: 'Penalty' }, decisionNo: '01/QĐ-XPHC', decisionDate: TODAY },
            receipts: [],
            fine: { amount: 400_000, paid, toPay: 400_000 - paid, settled: paid >= 400_000 },
          },
          'n',
        ),
      );
    // Seen in a walkthrough: "Chưa có khoản nộp nào…" above "Bạn đã nộp đủ tiền phạt." for a fine paid at the counter.
    expect(receipts(400_000)).toContain('Số tiền đã nộp (400.000 đ) được cơ quan xử phạt ghi nhận theo biên lai');
    expect(receipts(400_000)).not.toContain('Chưa có khoản nộp nào');
    expect(receipts(0)).toContain('Chưa có khoản nộp nào được Kho bạc hoặc Cổng thanh toán báo về cho hồ sơ này.');
  });

  it('finds the case of an individual outside the registry by the personal ID number its record states (penalty versions 4 on)', async () => {
    const inspector = await signIn(app, 'kiemsoat.an');
    const lead = await signIn(app, 'doitruong.cuong');
    const created = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Bà Trần Thị F, bán hàng rong' });
    expect(created.status).toBe(201);
    const caseId: string = created.body.caseId;
    const path = `/api/v1/cases/${encodeURIComponent(caseId)}`;
    const record = {
      recordedAt: TODAY,
      place: 'Chợ Rồng',
      recorder: 'Nguyễn Văn An, kiểm soát viên',
      violatorName: 'Trần Thị F',
      offenderType: 'INDIVIDUAL',
      violationDate: TODAY,
      violationPlace: 'Chợ Rồng',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
      violatorSigned: true,
    };
    // Not 12 digits: refused at its field, by the version's own pattern.
    const bad = await callAs(app, inspector, 'POST', `${path}/steps/B1/complete`, { outcome: 'RECORDED', data: { ...record, partyIdentifier: '0010900123' + '4' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('partyIdentifier');
    const done = await callAs(app, inspector, 'POST', `${path}/steps/B1/complete`, { outcome: 'RECORDED', data: { ...record, partyIdentifier: '001090012345' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const own = (await callAs(app, lead, 'GET', path)).body as { lookupCode: string; procedureVersion?: number };
    let found: Response | undefined;
    for (let i = 0; i < 100; i++) {
      found = await lookup({ code: own.lookupCode, identifier: '001090012345' });
      if (found.status === 200) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(found!.status).toBe(200);
    expect(((await found!.json()) as { case: TPartyView }).case.documents).toEqual([{ kind: 'VIOLATION_RECORD', number: '02/BB-VPHC', date: TODAY }]);
    // Another person's number: the one "no match".
    expect((await lookup({ code: own.lookupCode, identifier: '001090054321' })).status).toBe(404);
  });

  it('finds a file the criminal body returned, by its code and the tax code, with the fine decided on it to pay (criminal referral version 7, docs/adr/0220), and its postponement (version 8, docs/adr/0223)', async () => {
    const business = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
    const lead = await signIn(app, 'doitruong.cuong');
    const inspector = await signIn(app, 'kiemsoat.an');
    const legal = await signIn(app, 'phapche.lan');
    const director = await signIn(app, 'chicuctruong.hai');
    const created = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-criminal-referral', title: 'Hồ sơ chuyển trả: Công ty Hoa Lư', businessId: business.id });
    expect([created.status, created.body.procedure]).toEqual([201, { id: 'ins-criminal-referral', version: 13 }]);
    const path = `/api/v1/cases/${encodeURIComponent(created.body.caseId as string)}`;
    const step = async (s: typeof lead, id: string, outcome: string, data: Record<string, unknown>) => {
      const r = await callAs(app, s, 'POST', `${path}/steps/${id}/complete`, { outcome, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await step(director, 'F1', 'TRANSFERRED', { transferDate: TODAY, receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: '05/BB-BG', violatorNotified: true });
    await step(legal, 'F4', 'RETURNED', { documentNo: '12/QĐ-KKTVA', fileReceivedOn: TODAY });
    await step(director, 'F5', 'RETURNED_AND_DECIDED', {
      decisionDate: TODAY,
      signedBy: 'Hoàng Văn Hải',
      violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      offenderType: 'INDIVIDUAL',
      violationDate: TODAY,
      acts: [{ violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' }],
      sanction: 'FINE',
      fineAmount: 7_500_000,
    });
    await step(inspector, 'F6', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });
    // The code is on the staff case page, as a penalty case's.
    const own = (await callAs(app, lead, 'GET', path)).body as { lookupCode?: string };
    expect(own.lookupCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const viewWhen = async (ready: (v: TPartyView) => boolean): Promise<TPartyView | undefined> => {
      let view: TPartyView | undefined;
      for (let i = 0; i < 100 && !(view && ready(view)); i++) {
        const r = await lookup({ code: own.lookupCode, identifier: TAX_CODE });
        if (r.status === 200) view = ((await r.json()) as { case: TPartyView }).case;
        else await new Promise((res) => setTimeout(res, 100));
      }
      return view;
    };
    const view = await viewWhen((v) => v.fine?.dueDate !== undefined);
    expect(view).toMatchObject({
      status: 'OPEN',
      fine: { amount: 7_500_000, paid: 0, outstanding: 7_500_000, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), surcharge: { amount: 0 } },
      documents: [{ kind: 'PENALTY_DECISION', number: expect.stringMatching(/\/QĐ-XPHC$/), date: TODAY, signedBy: 'Hoàng Văn Hải' }],
    });
    expect(view!.steps.find((s) => s.state === 'OPEN')).toMatchObject({ title: { en: 'Follow compliance and payment' }, binds: 'PARTY' });
    // Another identifier: the one "no match".
    expect((await lookup({ code: own.lookupCode, identifier: '2700123467' })).status).toBe(404);

    // The party asks to postpone the fine; the director grants it to a day within 3 months: INS issues the paper, the party owes by that day.
    const until = new Date(Date.parse(TODAY) + 30 * 86_400_000).toISOString().slice(0, 10);
    await step(legal, 'F7', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: TODAY });
    await step(director, 'F10', 'POSTPONED', {
      decisionDate: TODAY,
      signedBy: 'Hoàng Văn Hải',
      hardship: 'Hộ kinh doanh bị thiệt hại do lũ, có xác nhận của UBND phường',
      certifiedBy: 'UBND phường Tân Thành',
      postponedUntil: until,
    });
    const postponed = await viewWhen((v) => v.fine?.postponedUntil !== undefined);
    expect(postponed!.fine).toMatchObject({ amount: 7_500_000, dueDate: until, postponedUntil: until, surcharge: { amount: 0 } });
    const paper = postponed!.documents.find((d) => d.kind === 'POSTPONEMENT_DECISION');
    expect(paper).toEqual({ kind: 'POSTPONEMENT_DECISION', number: expect.stringMatching(/\/QĐ-HTHQĐ$/), date: TODAY });
    // The paper names the returned file's decision and its fine (the template's version 5 reads F5 and F10).
    const decision = view!.documents[0]!;
    const docs = (await callAs(app, director, 'GET', `${path}/documents`)).body as { documents: Array<{ id: string; type: string; number: string }> };
    const issued = docs.documents.find((d) => d.type === 'POSTPONEMENT_DECISION');
    expect(issued?.number).toBe(paper!.number);
    const file = await app.request(`${path}/documents/${issued!.id}/file`, { headers: { cookie: director.cookie } });
    expect(file.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await file.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(`Hoãn thi hành Quyết định xử phạt vi phạm hành chính số ${decision.number}`);
    expect(text).toContain('Số tiền phạt được hoãn: 7.500.000 đồng');
    expect(text).toContain('Hộ kinh doanh bị thiệt hại do lũ');
  });
});
