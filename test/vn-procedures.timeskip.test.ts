/**
 * The Vietnamese procedures' deadlines that a test has to wait for, on the time-skipping test
 * server (test/timeskip-support.ts; docs/adr/0080), with the real calendar and deadline activity:
 * a paper case whose digital file is late, and a tip's first step running out as the supervisors
 * see it in the escalations queue of the HTTP API. Every other path of these procedures is in
 * test/vn-procedures.test.ts; the rest of the API's hardening in test/api-hardening.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { startCase } from '../api/services/cases.js';
import { seedDemoData } from '../db/demo-data.js';
import { latestPublishedVersion } from '../db/repositories/procedures.js';
import { completeStepUpdate } from '../workflows/case-messages.js';
import { INSPECTOR_A, key, newCaseId, TEAM_LEAD, view, waitFor } from './case-support.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase, type TTestSession } from './support.js';
import { startTimeSkippingWorker, type TimeSkippingTemporal } from './timeskip-support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const HOUR = 3_600_000;
let database: TestDatabase;
let temporal: TimeSkippingTemporal;
let api: { app: InsApp; close: () => Promise<void> };
const sessions = new Map<string, TTestSession>();
const as = (user: string) => sessions.get(user)!;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTimeSkippingWorker({ db: database.db });
  api = await createTestApp(database.db, { taskQueue: temporal.taskQueue, temporal: temporal.client });
  for (const u of ['chicuctruong.hai', 'kiemsoat.an', 'doitruong.cuong', 'doitruong.dung']) sessions.set(u, await signIn(api.app, u));
});
afterAll(async () => {
  await api?.close();
  await temporal?.shutdown();
  await database?.drop();
});

const PHOTO = { sha256: 'd'.repeat(64), name: 'hang-hoa.jpg', size: 2048, mime: 'image/jpeg' };
const TIP_FORM = { channel: 'HOTLINE', content: 'Bán hàng giả', target: 'Cửa hàng X', place: 'Chợ Rồng' };

async function open(procedureId: string): Promise<string> {
  const caseId = newCaseId();
  const version = (await latestPublishedVersion(database.db, procedureId))!;
  await startCase(temporal.client, database.db, temporal.taskQueue, {
    caseId,
    procedureId,
    version,
    unitId: 'chi-cuc-ninh-binh',
    teamId: 'doi-1',
    title: 'Cửa hàng tạp hóa Minh An',
    startedBy: TEAM_LEAD,
  });
  return caseId;
}

async function openTip(user = 'kiemsoat.an'): Promise<string> {
  const r = await callAs(api.app, as(user), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `Tin báo ${randomUUID().slice(0, 4)}` });
  expect(r.status).toBe(201);
  return r.body.caseId as string;
}
const stepPath = (caseId: string, step: string, what: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${step}/${what}`;

describe('paper-parallel mode', () => {
  it('escalates a paper case whose digital file is not complete within its deadline', async () => {
    const caseId = await open('ins-paper-file');
    const p1 = (await view(temporal.client, caseId)).state.open[0]!.deadline!;
    expect(p1).toMatchObject({ amount: 2, unit: 'working_days' });
    // An hour past the two working days (the director's rung comes 24 hours after the breach).
    await temporal.sleepUntil(Date.parse(p1.dueAt) + HOUR);
    const v = await waitFor(async () => {
      const s = await view(temporal.client, caseId);
      return s.overdue ? s : undefined;
    }, 20_000);
    expect(v.state.escalations.map((e) => `${e.kind}:${e.toRole}`)).toEqual(expect.arrayContaining(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD']));
    const done = await temporal.client.workflow.getHandle(caseId).executeUpdate(completeStepUpdate, {
      args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'P1', outcome: 'COMPLETE', data: { paperCaseRef: 'HS-GIAY-17', digitalCaseId: 'penalty/nb/2026/17' }, evidence: [PHOTO] }],
    });
    expect(done.status).toBe('CLOSED');
  });
});

describe('the escalations queue', () => {
  it('shows a breach and a flagged case to the right supervisors only, and resolves them with the step', async () => {
    const app = api.app;
    const breached = await openTip('kiemsoat.an');
    const flagged = await openTip('kiemsoat.an');
    expect((await callAs(app, as('kiemsoat.an'), 'POST', stepPath(flagged, 'C1', 'actions'), { type: 'ESCALATE', reason: 'Vụ việc phức tạp, nhiều chủ thể' })).status).toBe(200);

    // The breach of C1 (one working day from the tip's start) is escalated to the team lead: the
    // server's clock runs to an hour past it (not the 24 hours after which the director is told).
    const c1 = (await view(temporal.client, breached)).state.open.find((o) => o.stepId === 'C1')!.deadline!;
    expect(c1).toMatchObject({ amount: 1, unit: 'working_days' });
    await temporal.sleepUntil(Date.parse(c1.dueAt) + HOUR);
    const lead = as('doitruong.cuong');
    const queue = await waitFor(async () => {
      const r = await callAs(app, lead, 'GET', '/api/v1/escalations?kind=ESCALATE');
      return r.body.items.some((i: { caseId: string }) => i.caseId === breached) ? r.body : undefined;
    });
    const breach = queue.items.find((i: { caseId: string }) => i.caseId === breached);
    expect(breach).toMatchObject({ kind: 'ESCALATE', stepId: 'C1', toRole: 'TEAM_LEAD', resolvedAt: null, caseKind: 'TIP', overdue: true });

    const manual = await callAs(app, lead, 'GET', `/api/v1/escalations?kind=MANUAL&caseId=${encodeURIComponent(flagged)}`);
    expect(manual.body.items).toHaveLength(1);
    expect(manual.body.items[0]).toMatchObject({ kind: 'MANUAL', reason: 'Vụ việc phức tạp, nhiều chủ thể', stepTitle: expect.any(String) });

    // The other team's lead sees none of it; the director sees it all.
    const other = await callAs(app, as('doitruong.dung'), 'GET', '/api/v1/escalations?status=ALL&limit=200');
    expect(other.body.items.filter((i: { caseId: string }) => i.caseId === breached || i.caseId === flagged)).toEqual([]);
    const director = await callAs(app, as('chicuctruong.hai'), 'GET', '/api/v1/escalations?status=ALL&limit=200');
    expect(director.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(expect.arrayContaining([breached, flagged]));

    // Completing the step resolves its escalations.
    expect((await callAs(app, as('kiemsoat.an'), 'POST', stepPath(breached, 'C1', 'complete'), { outcome: 'LOGGED', data: TIP_FORM })).status).toBe(200);
    const resolved = await waitFor(async () => {
      const r = await callAs(app, lead, 'GET', `/api/v1/escalations?status=RESOLVED&caseId=${encodeURIComponent(breached)}`);
      return r.body.items.length ? r.body : undefined;
    });
    expect(resolved.items.every((i: { resolvedAt: string | null }) => i.resolvedAt !== null)).toBe(true);

    const bad = await callAs(app, lead, 'GET', '/api/v1/escalations?kind=LATE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^kind: unknown kind/);
    expect((await app.request('/api/v1/escalations')).status).toBe(401);
  });
});
