/**
 * The Vietnamese procedures' deadlines that a test has to wait for, on the time-skipping test
 * server (test/timeskip-support.ts; docs/adr/0080), with the real calendar and deadline activity:
 * a paper case whose digital file is late, and a tip's first step running out as the supervisors
 * see it in the escalations queue of the HTTP API — one entry per open breach, marked handled once. Every other path of these procedures is in
 * test/vn-procedures.test.ts; the rest of the API's hardening in test/api-hardening.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { startCase } from '../api/services/cases.js';
import { seedDemoData } from '../db/demo-data.js';
import { latestPublishedVersion } from '../db/repositories/procedures.js';
import { completeStepUpdate } from '../workflows/case-messages.js';
import { expectReadModelInSync, INSPECTOR_A, key, newCaseId, recordHistory, TEAM_LEAD, view, waitFor } from './case-support.js';
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

    // The breach of C1 (the end of the day the tip came in, docs/adr/0206) is escalated to the team lead:
    // the server's clock runs to an hour past it (not the 24 hours after which the director is told).
    const c1 = (await view(temporal.client, breached)).state.open.find((o) => o.stepId === 'C1')!.deadline!;
    expect(c1).toMatchObject({ amount: 0, unit: 'days' });
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

  it('shows a step whose ladder climbed three rungs as one entry, and closes it once, audited, when the director marks it handled with a note', async () => {
    const app = api.app;
    const caseId = await openTip('kiemsoat.an');
    const lead = as('doitruong.cuong');
    const director = as('chicuctruong.hai');
    const inspector = as('kiemsoat.an');
    // An escalation by hand stays an entry of its own.
    expect((await callAs(app, inspector, 'POST', stepPath(caseId, 'C1', 'actions'), { type: 'ESCALATE', reason: 'Người báo tin đề nghị giữ bí mật' })).status).toBe(200);

    // The warning at 60 % of the day, the breach to the team lead, and 24 hours later the director: three rungs of C1's ladder.
    const c1 = (await view(temporal.client, caseId)).state.open.find((o) => o.stepId === 'C1')!.deadline!;
    await temporal.sleepUntil(Date.parse(c1.dueAt) + 25 * HOUR);
    const v = await waitFor(async () => {
      const s = await view(temporal.client, caseId);
      return s.state.escalations.filter((e) => e.kind === 'WARN' || e.kind === 'ESCALATE').length === 3 ? s : undefined;
    });
    const [warn, breach, toDirector] = v.state.escalations.filter((e) => e.kind === 'WARN' || e.kind === 'ESCALATE');
    expect([warn, breach, toDirector].map((e) => `${e!.kind}:${e!.toRole}:${e!.resolvedAt ? 'resolved' : 'open'}`)).toEqual([
      'WARN:INSPECTOR:resolved',
      'ESCALATE:TEAM_LEAD:resolved',
      'ESCALATE:DIRECTOR:open',
    ]);
    await expectReadModelInSync(temporal.client, database.db, caseId);

    // The queue: one entry for the breach, at its highest rung, with the rungs before it; the escalation by hand beside it.
    const queue = async (session: TTestSession, query = '') => (await callAs(app, session, 'GET', `/api/v1/escalations?caseId=${encodeURIComponent(caseId)}${query}`)).body;
    const open = await queue(director);
    expect(open.total).toBe(2);
    expect(open.items.map((i: { kind: string; toRole: string }) => `${i.kind}:${i.toRole}`)).toEqual(['MANUAL:TEAM_LEAD', 'ESCALATE:DIRECTOR']);
    const entry = open.items[1];
    expect(entry).toMatchObject({ id: toDirector!.id, stepId: 'C1', reasonCode: 'HOURS_AFTER_DEADLINE', reasonParams: { hours: 24 }, resolvedAt: null, resolvedBy: null, overdue: true });
    expect(entry.history.map((h: { id: string; kind: string; toRole: string; reasonCode: string }) => [h.id, h.kind, h.toRole, h.reasonCode])).toEqual([
      [warn!.id, 'WARN', 'INSPECTOR', 'TIME_SHARE_USED'],
      [breach!.id, 'ESCALATE', 'TEAM_LEAD', 'DEADLINE_PASSED'],
    ]);
    // The team lead's queue shows the same one entry for the breach (now the director's), not three.
    expect((await queue(lead)).items.filter((i: { stepId: string; kind: string }) => i.kind !== 'MANUAL')).toHaveLength(1);

    const resolve = (session: TTestSession, escalationId: string, body: unknown = { note: 'Đã chỉ đạo đội 1 vào sổ trong ngày; bổ sung người trực.' }) =>
      callAs(app, session, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/escalations/${encodeURIComponent(escalationId)}/resolve`, body);
    // What is addressed to the director is the director's to close: not the team lead's, not the inspector's.
    for (const who of [lead, inspector]) {
      const r = await resolve(who, toDirector!.id);
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'ROLE_NOT_ALLOWED', rule: 'ROLE_MAY_NOT_RESOLVE_ESCALATION', params: { escalationId: toDirector!.id, roles: ['DIRECTOR'] } });
    }
    // A rung superseded by a later one is handled with that one; an unknown one does not exist; a note is needed.
    const superseded = await resolve(director, breach!.id);
    expect(superseded.status).toBe(409);
    expect(superseded.body.error).toMatchObject({ code: 'CONFLICT', rule: 'ESCALATION_ALREADY_RESOLVED', params: { escalationId: breach!.id, supersededBy: toDirector!.id, resolvedBy: null } });
    const unknown = await resolve(director, 'C1#nope#7');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', rule: 'ESCALATION_UNKNOWN' });
    expect((await resolve(director, toDirector!.id, { note: '' })).status).toBe(400);

    // The director marks it handled, saying how.
    const handled = await resolve(director, toDirector!.id);
    expect(handled.status).toBe(200);
    expect((await queue(director)).items.map((i: { kind: string }) => i.kind)).toEqual(['MANUAL']);
    const resolved = await queue(director, '&status=RESOLVED');
    expect(resolved.items).toHaveLength(1);
    expect(resolved.items[0]).toMatchObject({
      id: toDirector!.id,
      resolvedBy: 'chicuctruong.hai',
      resolutionNote: 'Đã chỉ đạo đội 1 vào sổ trong ngày; bổ sung người trực.',
      resolvedAt: expect.any(String),
    });
    expect(resolved.items[0].history).toHaveLength(2);
    // Once: a second time is refused, saying by whom it was handled.
    const twice = await resolve(director, toDirector!.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ rule: 'ESCALATION_ALREADY_RESOLVED', params: { resolvedBy: 'chicuctruong.hai', supersededBy: null } });

    // The audit trail keeps who handled it, in which role, and the note; each rung, what it superseded.
    const audit = (await callAs(app, director, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/audit`)).body.events as {
      action: string;
      actorId: string;
      actorRole: string;
      stepId: string;
      detail: Record<string, unknown>;
    }[];
    expect(audit.filter((e) => e.action === 'ESCALATION_RESOLVED')).toEqual([
      expect.objectContaining({
        actorId: 'chicuctruong.hai',
        actorRole: 'DIRECTOR',
        stepId: 'C1',
        detail: { escalationId: toDirector!.id, kind: 'ESCALATE', toRole: 'DIRECTOR', note: 'Đã chỉ đạo đội 1 vào sổ trong ngày; bổ sung người trực.' },
      }),
    ]);
    expect(audit.filter((e) => e.action === 'ESCALATED' && e.actorId === 'system').map((e) => e.detail.supersedes)).toEqual([[warn!.id], [breach!.id]]);

    // The team lead handles the escalation by hand, addressed to them: the case's queue is empty.
    const manual = (await queue(lead)).items[0];
    expect((await resolve(lead, manual.id, { note: 'Đã nhắc đoàn bảo mật danh tính người báo tin.' })).status).toBe(200);
    expect((await queue(lead)).total).toBe(0);
    await expectReadModelInSync(temporal.client, database.db, caseId);
    await recordHistory(temporal.client, caseId, 'escalations-superseded-and-handled');
  });
});
