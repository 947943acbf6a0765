/**
 * Payment callbacks on real Temporal and PostgreSQL (docs/adr/0125, 0126): a late fine paid in two
 * callbacks — the first leaves the compliance step (B9) open and owes the rest plus the surcharge,
 * the second (sent by the simulator script, signed with the previous key of a rotation) completes
 * B9 as the system and the case goes on; forged, stale, unknown-key, replayed and conflicting
 * callbacks are refused or absorbed with no second signal in the workflow's history, and every one
 * is recorded with its verdict.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { PAYMENT_HEADERS, signPayment, type TPaymentKey } from '../api/payment-signature.js';
import { addCalendarDays, vietnamDateOf } from '../domain/calendar.js';
import { lateSurcharge } from '../domain/fines.js';
import { LEGAL_PARAMS_SEED } from '../domain/legal-params.js';
import { TEST_VIOLATIONS } from '../domain/fixtures/test-catalogue.js';
import { seedDemoData } from '../db/demo-data.js';
import { waitFor } from './case-support.js';
import { runToEnd } from './run-process.js';
import type { TPaymentReconcileResult } from '../activities/payment-reconcile.js';
import { ensurePaymentReconciliationSchedule } from '../worker/maintenance.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `pay${randomUUID().slice(0, 6)}`;
const TODAY = vietnamDateOf(new Date());
const daysAgo = (n: number): string => addCalendarDays(TODAY, -n);
const FINE = 7_500_000;
const CURRENT: TPaymentKey = { id: 'kb-current', secret: 'c'.repeat(48), notAfter: '2099-01-01T00:00:00Z' };
const PREVIOUS: TPaymentKey = { id: 'kb-previous', secret: 'p'.repeat(48), notAfter: '2099-01-01T00:00:00Z' };

let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let server: ServerType;
let lead: TTestSession;
let inspector: TTestSession;
let legal: TTestSession;
let director: TTestSession;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, payments: { keys: [CURRENT, PREVIOUS], toleranceSeconds: 300 } }));
  const admin = await signIn(app, 'quocgia.thu');
  for (const row of TEST_VIOLATIONS) expect((await callAs(app, admin, 'PUT', `/api/v1/violations/${encodeURIComponent(row.code)}`, row)).status).toBe(200);
  lead = await signIn(app, 'doitruong.cuong');
  inspector = await signIn(app, 'kiemsoat.an');
  legal = await signIn(app, 'phapche.lan');
  director = await signIn(app, 'chicuctruong.hai');
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

const enc = encodeURIComponent;
type TStep = [session: () => TTestSession, stepId: string, outcome: string, data: Record<string, unknown>];

async function penaltyAtB9(): Promise<string> {
  const r = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: `Vụ việc ${randomUUID().slice(0, 4)}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const caseId = r.body.caseId as string;
  const record = {
    recordedAt: daysAgo(20),
    place: 'Tại cửa hàng',
    recorder: 'Nguyễn Văn An, Kiểm soát viên thị trường',
    violatorName: 'Hộ kinh doanh Trần Thị F',
    offenderType: 'INDIVIDUAL',
    violationDate: daysAgo(21),
    violationPlace: 'Phường Hoa Lư, tỉnh Ninh Bình',
    acts: [{ violation: 'ND87/2024:14.1', description: 'Bán 20 thùng nước giải khát cao hơn giá niêm yết' }],
    violatorSigned: true,
  };
  const steps: TStep[] = [
    [() => inspector, 'B1', 'RECORDED', record],
    [() => legal, 'B3', 'NO_EXPLANATION_RIGHT', {}],
    [() => director, 'B6', 'DECIDED', { decisionDate: daysAgo(20), signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: FINE }],
    [() => inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: daysAgo(20) }],
  ];
  for (const [who, stepId, outcome, data] of steps) {
    const s = await callAs(app, who(), 'POST', `/api/v1/cases/${enc(caseId)}/steps/${stepId}/complete`, { outcome, data });
    expect(s.status, `${stepId}: ${JSON.stringify(s.body)}`).toBe(200);
  }
  return caseId;
}

/** Posts a callback signed with `key` (or with the headers given instead). */
async function callback(body: Record<string, unknown>, opts: { key?: TPaymentKey; timestamp?: number; headers?: Record<string, string> } = {}) {
  const key = opts.key ?? CURRENT;
  const raw = JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const res = await app.request('/api/v1/public/payments/callback', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PAYMENT_HEADERS.keyId]: key.id, [PAYMENT_HEADERS.timestamp]: ts, [PAYMENT_HEADERS.signature]: signPayment(key.secret, ts, raw), ...opts.headers },
    body: raw,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function openSteps(caseId: string): Promise<string[]> {
  return ((await callAs(app, legal, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.tasks as { stepId: string }[]).map((t) => t.stepId);
}

/** The payment signals in the case's history, over every run (the case continues as new past 60 events here). */
async function paymentSignals(caseId: string): Promise<number> {
  let n = 0;
  let runId: string | undefined;
  do {
    const events = (await temporal.client.workflow.getHandle(caseId, runId).fetchHistory()).events ?? [];
    n += events.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'externalEvent').length;
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return n;
}

describe('payment callbacks', () => {
  it('half a late fine leaves B9 open owing the rest and the surcharge; the rest completes B9 by itself', async () => {
    const caseId = await penaltyAtB9();
    const b9 = ((await callAs(app, legal, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.tasks as { stepId: string; deadline: { due: string } }[]).find((t) => t.stepId === 'B9')!;
    const surcharge = lateSurcharge({ unpaid: FINE, lastDayToPay: b9.deadline.due, paidOn: TODAY }, LEGAL_PARAMS_SEED).amount;
    expect(surcharge).toBeGreaterThan(0);
    const half = { transactionId: `KB-${randomUUID().slice(0, 8)}`, caseId, amount: FINE / 2, paidAt: new Date().toISOString(), channel: 'KHO_BAC' };

    const first = await callback(half);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ transactionId: half.transactionId, caseId, amount: FINE / 2, paid: FINE / 2, due: FINE + surcharge, outstanding: FINE / 2 + surcharge, settled: false });
    expect(first.body.receiptNo).toMatch(/^BL-\d{4}-\d{8}$/);
    expect(await openSteps(caseId)).toContain('B9');

    // The same callback again (a retry, re-signed later): the same receipt, no second effect.
    const again = await callback(half, { timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    // The same transaction id with another payment: refused.
    expect((await callback({ ...half, amount: FINE })).body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'TRANSACTION_ID_REUSED' } });
    // Forged, stale, from the future, unknown key, unsigned: refused, nothing reaches the case.
    expect(
      (await callback({ ...half, transactionId: 'F1', amount: FINE }, { headers: { [PAYMENT_HEADERS.signature]: signPayment('x'.repeat(48), String(Math.floor(Date.now() / 1000)), '{}') } })).body
        .error,
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'BAD_SIGNATURE' },
    });
    expect((await callback({ ...half, transactionId: 'F2' }, { timestamp: Math.floor(Date.now() / 1000) - 301 })).body.error.details.reason).toBe('STALE');
    expect((await callback({ ...half, transactionId: 'F3' }, { timestamp: Math.floor(Date.now() / 1000) + 301 })).body.error.details.reason).toBe('STALE');
    const stranger = await callback({ ...half, transactionId: 'F4' }, { key: { id: 'kb-unknown', secret: 'u'.repeat(48), notAfter: '2099-01-01T00:00:00Z' } });
    expect(stranger.status).toBe(401);
    expect(stranger.body.error.details.reason).toBe('UNKNOWN_KEY');
    const unsigned = await app.request('/api/v1/public/payments/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(half) });
    expect(unsigned.status).toBe(401);
    expect(await paymentSignals(caseId)).toBe(1);
    expect(await openSteps(caseId)).toContain('B9');

    // The rest, sent by the simulator with the previous key of a rotation.
    const rest = FINE / 2 + surcharge;
    const sim = await runToEnd('scripts/payment-simulator.ts', { ...process.env, PAYMENT_KEY_ID: PREVIOUS.id, PAYMENT_KEY_SECRET: PREVIOUS.secret }, 60_000, [
      '--case',
      caseId,
      '--amount',
      String(rest),
      '--tx',
      'KB-REST-1',
      '--channel',
      'NPP',
      '--url',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ]);
    expect(sim.code, sim.output).toBe(0);
    expect(JSON.parse(sim.output.slice(sim.output.indexOf('{')))).toMatchObject({ transactionId: 'KB-REST-1', paid: FINE + surcharge, outstanding: 0, settled: true });
    expect(await paymentSignals(caseId)).toBe(2);
    const after = await waitFor(async () => {
      const open = await openSteps(caseId);
      return open.includes('B9') ? undefined : open;
    });
    expect(after).toContain('B17');
    const audit = (await callAs(app, legal, 'GET', `/api/v1/cases/${enc(caseId)}/audit`)).body.events as { action: string; stepId?: string; actor?: string; detail: Record<string, unknown> }[];
    const completed = audit.find((e) => e.action === 'STEP_COMPLETED' && e.stepId === 'B9')!;
    expect(completed.detail).toMatchObject({ outcome: 'PAID', data: { receiptNo: 'KB-REST-1', paidAmount: FINE + surcharge, paidDate: TODAY } });
    expect(audit.filter((e) => e.action === 'EVENT_RECEIVED')).toHaveLength(2);

    const rows = await database.db.selectFrom('payment_callback').select(['verdict', 'transaction_id']).where('client_address', 'is not', null).orderBy('id').execute();
    expect(rows.map((r) => r.verdict)).toEqual(['ACCEPTED', 'DUPLICATE', 'CONFLICT', 'BAD_SIGNATURE', 'STALE', 'STALE', 'UNKNOWN_KEY', 'MISSING_HEADERS', 'ACCEPTED']);
  });

  it('the reconciliation shows the legal officer an accepted callback its case never recorded', async () => {
    const caseId = await penaltyAtB9();
    const tx = `KB-LOST-${randomUUID().slice(0, 6)}`;
    // As if the signal had been lost an hour ago (Temporal unreachable, the API process gone).
    await database.db
      .insertInto('payment_callback')
      .values({
        verdict: 'ACCEPTED',
        transaction_id: tx,
        case_id: caseId,
        amount: 1_000_000,
        paid_at: new Date(Date.now() - 3_600_000).toISOString(),
        channel: 'KHO_BAC',
        body_sha256: '0'.repeat(64),
        body: '{}',
        received_at: new Date(Date.now() - 3_600_000),
      })
      .execute();
    const paid = await callback({ transactionId: `KB-${randomUUID().slice(0, 8)}`, caseId, amount: 500_000, paidAt: new Date().toISOString(), channel: 'KHO_BAC' });
    expect(paid.status).toBe(200);
    const list = await callAs(app, legal, 'GET', '/api/v1/payments/reconciliation?days=2');
    expect(list.status).toBe(200);
    const mine = (list.body.mismatches as { caseId: string }[]).filter((m) => m.caseId === caseId);
    // The fresh callback is in its case (and too recent to judge anyway): only the lost one is a mismatch.
    expect(mine).toEqual([{ kind: 'NOT_IN_CASE', transactionId: tx, caseId, callbackAmount: 1_000_000 }]);
    expect((await callAs(app, inspector, 'GET', '/api/v1/payments/reconciliation')).status).toBe(403);

    // The daily schedule puts the mismatches in the legal officers' notifications, once a day (docs/adr/0140).
    const scheduleId = await ensurePaymentReconciliationSchedule(temporal.client, temporal.taskQueue);
    const handle = temporal.client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
      expect(described.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      const pass = async (): Promise<TPaymentReconcileResult> => {
        const before = (await handle.describe()).info.recentActions.length;
        await handle.trigger();
        const action = await waitFor(async () => (await handle.describe()).info.recentActions.slice(before)[0]);
        return temporal.client.workflow.getHandle(action.action.workflow.workflowId).result();
      };
      const first = await pass();
      expect(first).toMatchObject({ day: TODAY, unitsWithMismatches: expect.any(Number) });
      expect(first.notified).toBeGreaterThanOrEqual(1);
      const mine = async (who: TTestSession) =>
        ((await callAs(app, who, 'GET', '/api/v1/notifications')).body.items as { kind: string; params: Record<string, unknown> }[]).filter((n) => n.kind === 'PAYMENT_MISMATCH');
      const told = await mine(legal);
      expect(told).toHaveLength(1);
      expect(told[0]!.params).toMatchObject({ day: TODAY, notInCase: expect.any(Number) });
      expect(told[0]!.params.count).toBeGreaterThanOrEqual(1);
      // Only legal officers are told.
      expect(await mine(inspector)).toEqual([]);
      expect(await mine(director)).toEqual([]);
      // A second pass the same day (a catch-up, a trigger by hand) tells nobody again.
      expect((await pass()).notified).toBe(0);
      expect(await mine(legal)).toHaveLength(1);
    } finally {
      await handle.delete();
    }
  });

  it('a payment for an unknown case is refused and recorded; a malformed one is refused', async () => {
    const unknown = await callback({ transactionId: 'KB-NOCASE', caseId: 'penalty/none/2026/9999', amount: 100_000, paidAt: new Date().toISOString(), channel: 'KHO_BAC' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details.reason).toBe('CASE_UNKNOWN');
    const bad = await callback({ transactionId: 'KB-BAD', caseId: 'x', amount: 1.5, paidAt: 'yesterday', channel: 'KHO_BAC' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    // Bytes PostgreSQL text cannot hold (NUL, invalid UTF-8), unsigned or signed: refused and recorded, never a 500.
    const junk = new Uint8Array([0x7b, 0x00, 0xff, 0xfe, 0x22, 0x61, 0x00, 0x22, 0x7d, 0xc3, 0x28, 0, 0, 0, 0, 0]);
    expect((await app.request('/api/v1/public/payments/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: junk })).status).toBe(401);
    const ts = String(Math.floor(Date.now() / 1000));
    const signedJunk = await app.request('/api/v1/public/payments/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PAYMENT_HEADERS.keyId]: CURRENT.id, [PAYMENT_HEADERS.timestamp]: ts, [PAYMENT_HEADERS.signature]: signPayment(CURRENT.secret, ts, junk) },
      body: junk,
    });
    expect(signedJunk.status).toBe(400);
    const nul = await callback({ transactionId: 'KB-NUL', caseId: 'a\u0000b', amount: 1, paidAt: new Date().toISOString(), channel: 'x' });
    expect(nul.status).toBe(400);
    const rows = await database.db.selectFrom('payment_callback').select('verdict').where('transaction_id', '=', 'KB-NOCASE').execute();
    expect(rows.map((r) => r.verdict)).toEqual(['CASE_UNKNOWN']);
  });
});
