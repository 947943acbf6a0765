/**
 * Bulk actions (issue 15: "a team lead reassigning twenty tasks of an officer on leave … does it
 * one by one"): one request over a selection or a filter, each case judged by its own workflow, a
 * report per case kept in PostgreSQL; the same request again does nothing twice; a run that
 * Temporal interrupted is completed by sending it again; nobody touches cases they may not see.
 * On the real Temporal dev server and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { listTasks } from '../db/repositories/cases.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER_UNIT = `th${randomUUID().slice(0, 6)}`;
/** A second inspector of team 1, who takes over the first one's tasks. */
const KHOA = `kiemsoat.khoa.${UNIT}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let lead: TTestSession;
let director: TTestSession;

const enc = encodeURIComponent;
const TIP_C1 = { outcome: 'LOGGED', data: { channel: 'HOTLINE', content: 'Bán hàng không rõ nguồn gốc', target: 'Cửa hàng Minh Tâm', place: 'Phường Hoa Lư' } };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, OTHER_UNIT);
  await createUser(database.db, { id: KHOA, username: KHOA, displayName: 'Đinh Văn Khoa', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: UNIT, teamId: `${UNIT}-doi-1` });
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  lead = await signIn(app, 'doitruong.cuong');
  director = await signIn(app, 'chicuctruong.hai');
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

/** Opens a case as `who`; with `assignee`, its first step is assigned to them by the lead. */
async function openCase(who: TTestSession, procedureId: string, title: string, assignee?: { stepId: string; userId: string; by: TTestSession }): Promise<string> {
  const created = await callAs(app, who, 'POST', '/api/v1/cases', { procedureId, title });
  expect(created.status).toBe(201);
  const caseId: string = created.body.caseId;
  if (assignee) {
    const r = await callAs(app, assignee.by, 'POST', `/api/v1/cases/${enc(caseId)}/steps/${assignee.stepId}/actions`, { type: 'ASSIGN', assigneeId: assignee.userId });
    expect(r.status).toBe(200);
  }
  return caseId;
}

/**
 * A case's history length once its workflow has nothing in flight: an action's projection runs after
 * the answer (docs/adr/0175), and its completion adds a workflow task to the history.
 */
const historyLength = async (caseId: string): Promise<number> => {
  const h = temporal.client.workflow.getHandle(caseId);
  await expect
    .poll(
      async () => {
        const { raw } = await h.describe();
        return (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask;
      },
      { timeout: 10_000, interval: 50 },
    )
    .toBe(true);
  return (await h.fetchHistory()).events?.length ?? 0;
};
const auditLength = async (caseId: string): Promise<number> => (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/audit`)).body.events.length;
const assigneeOf = async (caseId: string, stepId: string): Promise<string | null | undefined> => (await listTasks(database.db, { caseId })).find((t) => t.step_id === stepId)?.assignee_id;

type TItem = { caseId: string; caseTitle: string | null; stepId: string | null; result: string; code: string | null; message: string | null; rule: string | null };
const itemOf = (report: { items: TItem[] }, caseId: string): TItem[] => report.items.filter((i) => i.caseId === caseId);

describe('bulk actions', () => {
  let twenty: string[];

  it('reassigns twenty open tasks of an inspector on leave to another in one request, and the report says 20 OK', async () => {
    twenty = [];
    for (let i = 0; i < 20; i += 4) {
      twenty.push(...(await Promise.all([0, 1, 2, 3].map((j) => openCase(lead, 'ins-tip', `Tin báo số ${i + j + 1}`, { stepId: 'C1', userId: 'kiemsoat.an', by: lead })))));
    }
    const key = `bulk-${randomUUID()}`;
    const body = { action: 'REASSIGN', target: { filter: { assignee: 'kiemsoat.an', status: 'OPEN' } }, params: { fromUserId: 'kiemsoat.an', toUserId: KHOA } };
    const r = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', body, { 'idempotency-key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ action: 'REASSIGN', createdBy: 'doitruong.cuong', cases: 20, counts: { OK: 20, REFUSED: 0, SKIPPED: 0, ERROR: 0, PENDING: 0 } });
    expect(r.body.finishedAt).not.toBeNull();
    expect(new Set(r.body.items.map((i: TItem) => i.caseId))).toEqual(new Set(twenty));
    for (const i of r.body.items as TItem[]) expect(i).toMatchObject({ stepId: 'C1', result: 'OK', code: null });
    for (const id of twenty) expect(await assigneeOf(id, 'C1')).toBe(KHOA);
    // Each case's audit chain has the reassignment by the lead.
    const audit = (await callAs(app, lead, 'GET', `/api/v1/cases/${enc(twenty[0]!)}/audit`)).body.events as { action: string; actorId: string; detail: Record<string, unknown> }[];
    expect(audit.filter((e) => e.action === 'STEP_ASSIGNED').at(-1)).toMatchObject({ actorId: 'doitruong.cuong', detail: { stepId: 'C1', from: 'kiemsoat.an', to: KHOA } });

    // The same request again: the same report, and no case's history gains anything.
    const before = await Promise.all(twenty.map(historyLength));
    const again = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', body, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(r.body);
    // Even once the key's record is gone (expired): the run is found in PostgreSQL, nothing is sent again.
    await database.db.deleteFrom('idempotency_key').where('key', '=', key).execute();
    const later = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', body, { 'idempotency-key': key });
    expect(later.status).toBe(200);
    expect(later.headers.get('idempotency-replayed')).toBeNull();
    expect(later.body).toEqual(r.body);
    expect(await Promise.all(twenty.map(historyLength))).toEqual(before);
    // And the report opens again by its id.
    const opened = await callAs(app, lead, 'GET', `/api/v1/bulk-actions/${r.body.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual(r.body);
  });

  it('reports per case what a mixed selection came to, and records nothing for the refused and skipped ones', async () => {
    const dung = await signIn(app, 'doitruong.dung');
    const open = await openCase(lead, 'ins-tip', 'Tin báo còn mở', { stepId: 'C1', userId: 'kiemsoat.an', by: lead });
    const moved = await openCase(lead, 'ins-tip', 'Tin báo đã vào sổ');
    expect((await callAs(app, lead, 'POST', `/api/v1/cases/${enc(moved)}/steps/C1/complete`, TIP_C1)).status).toBe(200);
    const closed = await openCase(lead, 'ins-tip', 'Tin báo đã chuyển');
    for (const [step, outcome, data] of [
      ['C1', TIP_C1.outcome, TIP_C1.data],
      ['C2', 'OUT_OF_SCOPE', {}],
      ['C5', 'FORWARDED', { forwardLetterNo: '15/CV-QLTT', agency: 'Sở Y tế' }],
      ['C6', 'CLOSED', { replied: false }],
    ] as const) {
      const done = await callAs(app, lead, 'POST', `/api/v1/cases/${enc(closed)}/steps/${step}/complete`, { outcome, data });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    const inspection = await openCase(lead, 'ins-inspection', 'Kiểm tra định kỳ');
    const otherTeam = await openCase(dung, 'ins-tip', 'Tin báo của đội 2', { stepId: 'C1', userId: 'kiemsoat.binh', by: dung });
    const unknown = `${open.split('/').slice(0, -1).join('/')}/9999`;
    const selection = [open, moved, closed, inspection, otherTeam, unknown];
    const audits = await Promise.all(selection.slice(0, 5).map(auditLength));
    const histories = await Promise.all(selection.slice(0, 5).map(historyLength));

    const r = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', { action: 'REASSIGN', target: { caseIds: selection }, params: { toUserId: KHOA, stepIds: ['C1', 'A5'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.cases).toBe(6);
    expect(itemOf(r.body, open)).toEqual([expect.objectContaining({ stepId: 'C1', result: 'OK' })]);
    // The step was completed already: the workflow says so.
    expect(itemOf(r.body, moved)).toEqual([expect.objectContaining({ stepId: 'C1', result: 'REFUSED', code: 'STEP_ALREADY_COMPLETED', rule: 'STEP_COMPLETED' })]);
    expect(itemOf(r.body, closed)).toEqual([expect.objectContaining({ stepId: 'C1', result: 'REFUSED', code: 'CASE_CLOSED' })]);
    // A5 is a lead's or director's step: an inspector may not be given it.
    expect(itemOf(r.body, inspection)).toEqual([expect.objectContaining({ stepId: 'A5', result: 'REFUSED', code: 'ASSIGNEE_NOT_ELIGIBLE' })]);
    // Another team's case and a case that does not exist get the same answer, with no title.
    for (const id of [otherTeam, unknown]) expect(itemOf(r.body, id)).toEqual([expect.objectContaining({ stepId: null, result: 'SKIPPED', code: 'NOT_FOUND', caseTitle: null })]);
    expect(r.body.counts).toEqual({ OK: 1, REFUSED: 3, SKIPPED: 2, ERROR: 0, PENDING: 0 });
    for (const i of r.body.items as TItem[]) if (i.result === 'REFUSED') expect(i.message, i.caseId).toBeTruthy();

    expect(await assigneeOf(open, 'C1')).toBe(KHOA);
    expect(await assigneeOf(otherTeam, 'C1')).toBe('kiemsoat.binh');
    // Refused in the validator or before: no Update in any history, nothing in any audit chain.
    expect(await Promise.all(selection.slice(1, 5).map(auditLength))).toEqual(audits.slice(1));
    expect(await Promise.all(selection.slice(1, 5).map(historyLength))).toEqual(histories.slice(1));

    // A note over the same selection: each open case the lead sees takes it; the closed one refuses.
    const noted = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', { action: 'ADD_NOTE', target: { caseIds: selection }, params: { text: 'Đội trưởng: ưu tiên xử lý trong tuần' } });
    expect(noted.status).toBe(200);
    expect(noted.body.counts).toEqual({ OK: 3, REFUSED: 1, SKIPPED: 2, ERROR: 0, PENDING: 0 });
    expect(itemOf(noted.body, closed)).toEqual([expect.objectContaining({ result: 'REFUSED', code: 'CASE_CLOSED' })]);
  });

  it('refuses actions the caller’s roles do not allow, before anything is planned', async () => {
    const inspector = await signIn(app, 'kiemsoat.an');
    const target = { caseIds: ['x/1'] };
    const reassign = await callAs(app, inspector, 'POST', '/api/v1/bulk-actions', { action: 'REASSIGN', target, params: { toUserId: KHOA } });
    expect(reassign.status).toBe(403);
    expect(reassign.body.error.details).toMatchObject({ reason: 'BULK_ACTION_ROLE', action: 'REASSIGN' });
    const migrate = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', { action: 'MIGRATE_VERSION', target, params: { toVersion: 2 } });
    expect(migrate.status).toBe(403);
    expect(await database.db.selectFrom('bulk_action').select('id').where('created_by', '=', 'kiemsoat.an').execute()).toEqual([]);
    // A body that is not one of the actions, or too many cases: 400 naming the field.
    const bad = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', { action: 'REASSIGN', target: { caseIds: Array.from({ length: 201 }, (_, i) => `c/${i}`) }, params: { toUserId: KHOA } });
    expect(bad.status).toBe(400);
  });

  it("does not let another unit's lead touch the first unit's cases, nor read its reports", async () => {
    const caseId = await openCase(lead, 'ins-tip', 'Tin báo của đơn vị 1', { stepId: 'C1', userId: 'kiemsoat.an', by: lead });
    const history = await historyLength(caseId);
    const other = await signIn(app, 'th.doitruong');
    const listed = await callAs(app, other, 'POST', '/api/v1/bulk-actions', { action: 'REASSIGN', target: { caseIds: [caseId] }, params: { fromUserId: 'kiemsoat.an', toUserId: 'th.doitruong' } });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ caseId, caseTitle: null, result: 'SKIPPED', code: 'NOT_FOUND' })]);
    const filtered = await callAs(app, other, 'POST', '/api/v1/bulk-actions', { action: 'ADD_NOTE', target: { filter: { assignee: 'kiemsoat.an' } }, params: { text: 'ghi chú' } });
    expect(filtered.status).toBe(200);
    expect(filtered.body).toMatchObject({ cases: 0, items: [] });
    expect(await assigneeOf(caseId, 'C1')).toBe('kiemsoat.an');
    expect(await historyLength(caseId)).toBe(history);
    // The first unit's lead's report is not theirs to read, nor another team's lead's.
    const mine = await callAs(app, lead, 'POST', '/api/v1/bulk-actions', { action: 'ADD_NOTE', target: { caseIds: [caseId] }, params: { text: 'Kiểm tra lại địa chỉ' } });
    expect(mine.status).toBe(200);
    expect((await callAs(app, other, 'GET', `/api/v1/bulk-actions/${mine.body.id}`)).status).toBe(404);
    expect((await callAs(app, await signIn(app, 'doitruong.dung'), 'GET', `/api/v1/bulk-actions/${mine.body.id}`)).status).toBe(404);
    expect((await callAs(app, director, 'GET', `/api/v1/bulk-actions/${mine.body.id}`)).status).toBe(200);
  });

  it('says which cases are left when Temporal is out of reach mid-run, and the same request completes them once', async () => {
    const cases = await Promise.all([1, 2, 3].map((i) => openCase(lead, 'ins-tip', `Tin báo gián đoạn ${i}`, { stepId: 'C1', userId: 'kiemsoat.an', by: lead })));
    // The same database, but Temporal at a closed port: the run is planned, no case can be sent.
    const down = await createTestApp(database.db, { temporalAddress: '127.0.0.1:1' });
    try {
      const session = await signIn(down.app, 'doitruong.cuong');
      const key = `bulk-${randomUUID()}`;
      const body = { action: 'REASSIGN', target: { caseIds: cases }, params: { fromUserId: 'kiemsoat.an', toUserId: KHOA } };
      const failed = await callAs(down.app, session, 'POST', '/api/v1/bulk-actions', body, { 'idempotency-key': key });
      expect(failed.status).toBe(503);
      expect(failed.body.error.details).toMatchObject({ reason: 'BULK_INCOMPLETE', counts: { OK: 0, ERROR: 3 } });
      const bulkId = failed.body.error.details.bulkId;
      const report = await callAs(app, lead, 'GET', `/api/v1/bulk-actions/${bulkId}`);
      expect(report.body).toMatchObject({ finishedAt: null, counts: { ERROR: 3 } });
      expect(report.body.items.map((i: TItem) => i.code)).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE']);
      for (const id of cases) expect(await assigneeOf(id, 'C1')).toBe('kiemsoat.an');

      // Temporal is back (the real app): the same request, the same key, completes the run.
      const done = await callAs(app, session, 'POST', '/api/v1/bulk-actions', body, { 'idempotency-key': key });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ id: bulkId, counts: { OK: 3, ERROR: 0 } });
      for (const id of cases) expect(await assigneeOf(id, 'C1')).toBe(KHOA);
    } finally {
      await down.close();
    }
  });
});
