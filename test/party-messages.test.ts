/**
 * Messages to parties (issue 16, docs/adr/0145) on the real stack: the party of a penalty case
 * subscribes through the public lookup (SMS and Zalo to one mobile number, e-mail in English), and
 * is told, once per channel though every projection is written twice, that the decision is issued
 * and that each payment was recorded — by the worker's own workflow, through the SMS/Zalo gateway
 * simulator and a real SMTP server. A withdrawn address hears nothing more; an outage of the gateway
 * is retried; a wrong identifier gets the lookup's "no match", byte for byte. The case starts on the
 * latest penalty version: its decision's number is the unit's register's first, 01/QĐ-XPHC.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import type { InsApp } from '../api/app.js';
import { PAYMENT_HEADERS, signPayment, type TPaymentKey } from '../api/payment-signature.js';
import { seedDemoData } from '../db/demo-data.js';
import { vietnamDateOf } from '../domain/calendar.js';
import type { TPartyMessageKind } from '../domain/party-messages.js';
import { createSmtpMailer, type TMailer } from '../lib/mailer.js';
import { startMessageGateway, type TMessageGateway } from '../lib/message-gateway-simulator.js';
import { emailPartySender, httpGatewaySender } from '../lib/party-senders.js';
import { waitFor } from './case-support.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `pm${randomUUID().slice(0, 6)}`;
const TAX_CODE = '2700123459';
const TODAY = vietnamDateOf(new Date());
const FINE = 400_000;
const KEY: TPaymentKey = { id: 'kb-test', secret: 'k'.repeat(48), notAfter: '2099-01-01T00:00:00Z' };
const TOKEN = 'gateway-test-token';
const PUBLIC = 'https://ins.example.gov.vn';

let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let gateway: TMessageGateway;
let smtp: SMTPServer;
let mailer: TMailer;
const inbox: ParsedMail[] = [];
let inspector: TTestSession;
let director: TTestSession;
let caseId: string;
let code: string;

const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const enc = encodeURIComponent;

/** One pass of the worker's party-messages workflow (what its schedule starts every minute). */
async function runPass(): Promise<{ sent: number; failed: number }> {
  return temporal.client.workflow.execute('partyMessagesWorkflow', { taskQueue: temporal.taskQueue, workflowId: `party-${randomUUID()}`, args: [] });
}

async function step(s: TTestSession, id: string, outcome: string, data: Record<string, unknown> = {}) {
  const r = await callAs(app, s, 'POST', `/api/v1/cases/${enc(caseId)}/steps/${id}/complete`, { outcome, data });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function pay(transactionId: string, amount: number) {
  const raw = JSON.stringify({ transactionId, caseId, amount, paidAt: new Date().toISOString(), channel: 'NPP' });
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await app.request('/api/v1/public/payments/callback', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PAYMENT_HEADERS.keyId]: KEY.id, [PAYMENT_HEADERS.timestamp]: ts, [PAYMENT_HEADERS.signature]: signPayment(KEY.secret, ts, raw) },
    body: raw,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The outbox rows of the case, by kind. */
async function outbox(kind: TPartyMessageKind) {
  return database.db.selectFrom('party_message').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).orderBy('id').execute();
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          inbox.push(m);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  mailer = createSmtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'INS <no-reply@qltt.example>');
  gateway = await startMessageGateway({ token: TOKEN });

  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  const senders = { EMAIL: emailPartySender(mailer), SMS: httpGatewaySender('SMS', gateway.url, TOKEN), ZALO: httpGatewaySender('ZALO', gateway.url, TOKEN) };
  // Every projection is written twice, as when the activity is retried after its commit.
  const { projectCaseState } = createActivities({ db: database.db });
  const retried = async (input: Parameters<typeof projectCaseState>[0]) => {
    await projectCaseState(input);
    await projectCaseState(input);
  };
  temporal = await startTestWorker({ db: database.db, partyMessages: { senders, publicBaseUrl: PUBLIC } }, { projectCaseState: retried });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, payments: { keys: [KEY], toleranceSeconds: 300 }, publicLookup: { perAddress: 10_000, perCode: 10_000 } }));

  // A penalty case about a registry business, to the explanation step (before the decision).
  const business = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
  const lead = await signIn(app, 'doitruong.cuong');
  inspector = await signIn(app, 'kiemsoat.an');
  director = await signIn(app, 'chicuctruong.hai');
  const legal = await signIn(app, 'phapche.lan');
  const created = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Công ty Hoa Lư', businessId: business.id });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  await step(inspector, 'B1', 'RECORDED', {
    recordedAt: TODAY,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An, kiểm soát viên',
    violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
    offenderType: 'INDIVIDUAL',
    violationDate: TODAY,
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
    statements: 'LỜI KHAI NỘI BỘ',
    violatorSigned: true,
  });
  await step(legal, 'B3', 'NO_EXPLANATION_RIGHT');
  code = (await callAs(app, lead, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.lookupCode;
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
}, 120_000);

afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  await gateway?.close();
  mailer?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

describe('messages to the party of a penalty case', () => {
  it('subscribes SMS, Zalo and e-mail with the code and the identifier, and confirms each once', async () => {
    const sms = await post('/api/v1/public/case-lookup/subscriptions', { code, identifier: TAX_CODE, channel: 'SMS', address: '0912 345 678' });
    expect(sms.status).toBe(200);
    expect(await sms.json()).toEqual({ created: true, subscriptions: [{ channel: 'SMS', address: '…678' }] });
    // The same number again (typed otherwise) is the same subscription.
    const again = await post('/api/v1/public/case-lookup/subscriptions', { code, identifier: TAX_CODE, channel: 'SMS', address: '+84 912.345.678' });
    expect(((await again.json()) as { created: boolean }).created).toBe(false);
    expect((await post('/api/v1/public/case-lookup/subscriptions', { code, identifier: TAX_CODE, channel: 'ZALO', address: '0912345678' })).status).toBe(200);
    expect((await post('/api/v1/public/case-lookup/subscriptions', { code, identifier: TAX_CODE, channel: 'EMAIL', address: 'Ben.Tran@Example.VN', lang: 'en' })).status).toBe(200);

    // The lookup shows where the news goes, masked.
    const looked = (await (await post('/api/v1/public/case-lookup', { code, identifier: TAX_CODE })).json()) as { subscriptions: unknown };
    expect(looked.subscriptions).toEqual([
      { channel: 'SMS', address: '…678' },
      { channel: 'ZALO', address: '…678' },
      { channel: 'EMAIL', address: 'b…@example.vn' },
    ]);

    expect(await runPass()).toEqual({ sent: 3, failed: 0 });
    const got = gateway.received();
    expect(got.map((m) => [m.channel, m.to])).toEqual([
      ['SMS', '+84912345678'],
      ['ZALO', '+84912345678'],
    ]);
    expect(got[0]!.text).toMatch(/^Quý vị sẽ nhận thông báo khi có quyết định xử phạt/);
    expect(got[0]!.text).toContain(`${PUBLIC}/public/tra-cuu`);
    await waitFor(async () => inbox.length === 1, 10_000);
    expect(inbox[0]!.subject).toBe('INS: you will be told about your case');
    expect(inbox[0]!.to).toMatchObject({ text: 'ben.tran@example.vn' });
    expect(await runPass()).toEqual({ sent: 0, failed: 0 });
  });

  it('refuses a wrong identifier with the lookup’s own "no match", and a bad number at its field', async () => {
    const wrong = await post('/api/v1/public/case-lookup/subscriptions', { code, identifier: '0100233488', channel: 'SMS', address: '0987654321' });
    const lookupWrong = await post('/api/v1/public/case-lookup', { code, identifier: '0100233488' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toBe(await lookupWrong.text());
    const bad = await post('/api/v1/public/case-lookup/subscriptions', { code, identifier: TAX_CODE, channel: 'ZALO', address: '12345' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string; rule: string }[] } }).error.details).toEqual([expect.objectContaining({ path: 'address', rule: 'format' })]);
    // Nothing was subscribed by either.
    const subs = await database.db.selectFrom('party_subscription').select('address').where('case_id', '=', caseId).execute();
    expect(subs.map((s) => s.address).sort()).toEqual(['+84912345678', '+84912345678', 'ben.tran@example.vn']);
  });

  it('tells each channel once that the decision is issued, with its number and the fine, though the projection is written twice', async () => {
    await step(director, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: FINE });
    await step(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });
    await waitFor(async () => (await outbox('DECISION_ISSUED')).length === 3, 20_000);
    expect(await runPass()).toEqual({ sent: 3, failed: 0 });
    const decided = gateway.received().filter((m) => m.text.startsWith('Đã ban hành quyết định'));
    expect(decided.map((m) => m.channel)).toEqual(['SMS', 'ZALO']);
    expect(decided[0]!.text).toContain('số 01/QĐ-XPHC');
    expect(decided[0]!.text).toMatch(/Số tiền phạt: 400\.000 đồng/);
    await waitFor(async () => inbox.length === 2, 10_000);
    expect(inbox[1]!.subject).toBe('INS: penalty decision no. 01/QĐ-XPHC');
    expect(inbox[1]!.text).toContain('Fine: 400,000 VND');
    // Never the code, never what is internal.
    for (const m of [...gateway.received().map((x) => x.text), ...inbox.map((x) => x.text ?? '')]) {
      expect(m).not.toContain(code);
      expect(m).not.toContain(code.replaceAll('-', ''));
      expect(m).not.toContain('LỜI KHAI NỘI BỘ');
    }
  });

  it('retries a message the gateway did not take, and sends nothing more to a withdrawn address', async () => {
    const withdrawn = await post('/api/v1/public/case-lookup/subscriptions/withdraw', { code, identifier: TAX_CODE, channel: 'ZALO', address: '…678' });
    expect(await withdrawn.json()).toEqual({
      withdrawn: true,
      subscriptions: [
        { channel: 'SMS', address: '…678' },
        { channel: 'EMAIL', address: 'b…@example.vn' },
      ],
    });

    await pay('TX-HALF', FINE / 2);
    await waitFor(async () => (await outbox('PAYMENT_RECEIVED')).length === 2, 20_000);
    gateway.failNext(1);
    const before = gateway.received().length;
    expect(await runPass()).toEqual({ sent: 1, failed: 1 });
    const [sms] = (await outbox('PAYMENT_RECEIVED')).filter((r) => r.status === 'PENDING');
    expect(sms).toMatchObject({ attempts: 1, error: 'SMS gateway answered 503' });
    expect(sms!.next_at!.getTime()).toBeGreaterThan(Date.now());
    // Its time comes: sent, once.
    await database.db
      .updateTable('party_message')
      .set({ next_at: new Date(Date.now() - 1000) })
      .where('id', '=', sms!.id)
      .execute();
    expect(await runPass()).toEqual({ sent: 1, failed: 0 });
    const paid = gateway.received().slice(before);
    expect(paid.map((m) => m.channel)).toEqual(['SMS']);
    expect(paid[0]!.text).toMatch(new RegExp(`^Đã ghi nhận khoản nộp 200\\.000 đồng ngày ${TODAY.split('-').reverse().join('/')}\\. `));
    await waitFor(async () => inbox.length === 3, 10_000);
    expect(inbox[2]!.text).toContain('A payment of 200,000 VND');
  });

  it('subscribes from the lookup page without a script, keeps what was typed when the number is wrong, and escapes it', async () => {
    const form = (path: string, fields: Record<string, string>) =>
      app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const bad = await form('/public/tra-cuu/thong-bao', { lang: 'vi', code, identifier: TAX_CODE, channel: 'SMS', address: '<script>alert(1)</script>' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Nhập số di động Việt Nam gồm 10 chữ số');
    expect(badHtml).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(badHtml).not.toContain('<script>');
    expect(badHtml).toContain('aria-invalid="true"');
    const ok = await form('/public/tra-cuu/thong-bao', { lang: 'en', code, identifier: TAX_CODE, channel: 'EMAIL', address: 'chi.le@example.vn' });
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain('Subscribed. A confirmation was sent to this address.');
    expect(okHtml).toContain('c…@example.vn');
    // The stop button of that address ends it.
    const stop = await form('/public/tra-cuu/thong-bao/huy', { lang: 'en', code, identifier: TAX_CODE, channel: 'EMAIL', address: 'c…@example.vn' });
    expect(await stop.text()).toContain('Messages to this address are stopped.');
    const wrong = await form('/public/tra-cuu/thong-bao', { lang: 'vi', code, identifier: '0100233488', channel: 'SMS', address: '0912345678' });
    expect(wrong.status).toBe(404);
  });
});
