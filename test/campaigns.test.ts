/**
 * Inspection campaigns on the real Temporal server, through the API: a scheduler drafts, the
 * director approves, the approval creates a real Temporal Schedule; its runs (by the clock, by
 * trigger, by backfill) plan the period, move off days off, and open inspection cases on the pinned
 * procedure version — never twice for one business and period. Each guardrail, the dry run, the
 * progress report and the CSV are checked against what the runs really did.
 *
 * Each scenario has its own campaign and its own sector of businesses, so their targets never mix.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { createBusiness } from '../db/repositories/businesses.js';
import type { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { createActivities } from '../activities/index.js';
import { planCampaignRun } from '../db/repositories/campaign-planning.js';
import { getCampaignRun, getCampaignVersion, listCampaignRuns, setCampaignRunStatus, type TCampaignRun } from '../db/repositories/campaigns.js';
import { auditEvents } from '../db/repositories/cases.js';
import { createUser } from '../db/repositories/people.js';
import { freePort } from '../lib/dev-server.js';
import { ensureMaintenanceSchedule } from '../worker/maintenance.js';
import type { TReconcileResult } from '../activities/campaign-reconcile.js';
import { latestPublishedVersion } from '../db/repositories/procedures.js';
import { requestAuditEvents } from '../db/repositories/request-audit.js';
import { taxCodeCheckDigit, type TBusinessFields } from '../domain/business.js';
import { addCalendarDays, vietnamDateOf } from '../domain/calendar.js';
import { campaignCaseId } from '../domain/campaign.js';
import type { TCampaignRunResult } from '../workflows/campaign.js';
import { completeStepUpdate } from '../workflows/case-messages.js';
import { PHOTO, recordHistory, waitFor } from './case-support.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `cm${randomUUID().slice(0, 6)}`;
const TEAM1 = `${UNIT}-doi-1`;
const TEAM2 = `${UNIT}-doi-2`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let scheduler: TTestSession;
let director: TTestSession;
let inspector: TTestSession;
let leader: TTestSession;
/** Workflows left running by a test (a run waiting for its working day): terminated at the end. */
const leftRunning: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  // A newer version of the inspection procedure is published (version 2 ships with INS): campaigns pinned to version 1 must keep opening version 1.
  expect(await latestPublishedVersion(database.db, 'ins-inspection')).toBeGreaterThan(1);
  await createUser(database.db, { id: 'kehoach.kiem.giamdoc', username: 'kehoach.kiem.giamdoc', displayName: 'x', password: 'ins-demo-2026', roles: ['SCHEDULER', 'DIRECTOR'], unitId: UNIT });
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  scheduler = await signIn(app, 'kehoach.nga');
  director = await signIn(app, 'chicuctruong.hai');
  inspector = await signIn(app, 'kiemsoat.an');
  leader = await signIn(app, 'lanhdao.phong');
});

afterAll(async () => {
  if (temporal) {
    for await (const s of temporal.client.schedule.list()) if (s.scheduleId.startsWith(`campaign/${UNIT}/`)) await temporal.client.schedule.getHandle(s.scheduleId).delete();
    for (const id of leftRunning)
      await temporal.client.workflow
        .getHandle(id)
        .terminate('test over')
        .catch(() => undefined);
  }
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------
// Helpers

let serial = 1_000_000;
/** A fresh, valid tax code (check digit included). */
function taxCode(): string {
  for (;;) {
    const nine = `27${String(serial++).padStart(7, '0')}`;
    const check = taxCodeCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

async function addBusiness(sector: string, over: { conflicts?: string[]; status?: TBusinessFields['status'] } = {}): Promise<{ id: string; taxCode: string; name: string }> {
  const code = taxCode();
  const fields: TBusinessFields = {
    taxCode: code,
    name: `Cơ sở ${sector} ${code.slice(2, 9)}`,
    type: 'ENTERPRISE',
    sector,
    productGroups: [],
    province: 'Ninh Bình',
    commune: 'Phường Hoa Lư',
    addressLine: null,
    phone: null,
    legalRepresentative: null,
    status: over.status ?? 'ACTIVE',
  };
  const r = await createBusiness(database.db, { unitId: UNIT, by: 'test', fields, refs: { conflictOfInterestUserIds: over.conflicts ?? [] } });
  if (!r.ok) throw new Error(r.reason);
  return { id: r.business.id, taxCode: r.business.taxCode, name: r.business.name };
}

function draft(sector: string, over: Record<string, unknown> = {}) {
  return {
    kind: 'THEMED',
    title: `Kiểm tra chuyên đề ${sector}`,
    theme: sector,
    legalBasis: 'Thông tư 27/2020/TT-BCT, Điều 5 khoản 1 điểm b',
    planWindow: { from: '2026-01-01', to: '2027-12-31' },
    cadence: { kind: 'CALENDAR', months: [1], daysOfMonth: [1], hour: 8 },
    targets: { sectors: [sector] },
    quota: { perRun: 2, perTeam: 2 },
    teamIds: [TEAM1, TEAM2],
    procedure: { id: 'ins-inspection', version: 1 },
    ...over,
  };
}

const base = (campaignId: string) => `/api/v1/campaigns/${campaignId}`;

/** Drafted and submitted by the scheduler, approved by the director: the schedule exists. */
async function approved(campaignId: string, body: ReturnType<typeof draft>) {
  expect((await callAs(app, scheduler, 'PUT', `${base(campaignId)}/versions/1`, body)).status).toBe(200);
  expect((await callAs(app, scheduler, 'POST', `${base(campaignId)}/versions/1/submit`)).status).toBe(200);
  const r = await callAs(app, director, 'POST', `${base(campaignId)}/versions/1/approve`, { note: 'Đồng ý' });
  expect(r.status).toBe(200);
  return r.body as { version: { status: string }; schedule: { scheduleId: string; startAt: string; endAt: string; overlapPolicy: string; nextActionTimes: string[] } };
}

/** The run of a period once it has started its cases (or was blocked), and its cases are in the read model. */
async function settledRun(campaignId: string, period: string, timeoutMs = 30_000): Promise<TCampaignRun> {
  const run = await waitFor(async () => {
    const r = await getCampaignRun(database.db, campaignId, period);
    return r && ['STARTED', 'COMPLETED', 'BLOCKED'].includes(r.status) ? r : undefined;
  }, timeoutMs);
  await waitFor(async () => ((await casesOf(campaignId, period)).length >= run.plan.assignments.length && run.status !== 'BLOCKED' ? true : run.status === 'BLOCKED' || undefined), timeoutMs);
  return run;
}

async function casesOf(campaignId: string, period?: string) {
  let q = database.db
    .selectFrom('case_file')
    .select(['case_id', 'business_id', 'team_id', 'procedure_id', 'procedure_version', 'campaign_period', 'status', 'title', 'kind'])
    .where('campaign_id', '=', campaignId)
    .where('parent_case_id', 'is', null);
  if (period) q = q.where('campaign_period', '=', period);
  return q.orderBy('case_id').execute();
}

/** The workflow a schedule started for a nominal time (the server appends the time to the id prefix). */
function runWorkflowId(campaignId: string, nominal: string): string {
  return `campaign-run/${UNIT}/${campaignId}-${new Date(nominal).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

async function runResult(campaignId: string, nominal: string): Promise<TCampaignRunResult> {
  return temporal.client.workflow.getHandle(runWorkflowId(campaignId, nominal)).result();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------

describe('drafting and approving a campaign', () => {
  it('is drafted and submitted by a scheduler and approved by the director, which creates its schedule: cadence in Vietnam time, plan window, overlap policy, catch-up window', async () => {
    const sector = 'Approval';
    const put = await callAs(
      app,
      scheduler,
      'PUT',
      `${base('approval-flow')}/versions/1`,
      draft(sector, { cadence: { kind: 'CALENDAR', daysOfWeek: [1], hour: 8, minute: 30 }, overlapPolicy: 'BUFFER_ONE' }),
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      campaignId: 'approval-flow',
      version: 1,
      status: 'DRAFT',
      createdBy: 'kehoach.nga',
      definition: { timeZone: 'Asia/Ho_Chi_Minh', holidayPolicy: 'NEXT_WORKING_DAY' },
    });
    // Still a draft: it may change; nobody approves a draft.
    expect(
      (
        await callAs(
          app,
          scheduler,
          'PUT',
          `${base('approval-flow')}/versions/1`,
          draft(sector, { title: 'Đổi tên', cadence: { kind: 'CALENDAR', daysOfWeek: [1], hour: 8, minute: 30 }, overlapPolicy: 'BUFFER_ONE' }),
        )
      ).body.definition.title,
    ).toBe('Đổi tên');
    expect((await callAs(app, director, 'POST', `${base('approval-flow')}/versions/1/approve`, {})).body.error.code).toBe('CONFLICT');
    expect((await callAs(app, scheduler, 'POST', `${base('approval-flow')}/versions/1/submit`)).body.status).toBe('SUBMITTED');
    expect((await callAs(app, scheduler, 'PUT', `${base('approval-flow')}/versions/1`, draft(sector))).status).toBe(409);
    // The scheduler is not the approver.
    expect((await callAs(app, scheduler, 'POST', `${base('approval-flow')}/versions/1/approve`, {})).status).toBe(403);

    const r = await callAs(app, director, 'POST', `${base('approval-flow')}/versions/1/approve`, { note: 'Phê duyệt' });
    expect(r.status).toBe(200);
    expect(r.body.version).toMatchObject({ status: 'APPROVED', decidedBy: 'chicuctruong.hai', decisionNote: 'Phê duyệt' });
    expect(r.body.schedule).toMatchObject({
      scheduleId: `campaign/${UNIT}/approval-flow`,
      paused: false,
      overlapPolicy: 'BUFFER_ONE',
      catchupWindowMs: 86_400_000,
      // 00:00 of the first day to the end of the last, Vietnam time.
      startAt: '2025-12-31T17:00:00.000Z',
      endAt: '2027-12-31T16:59:59.000Z',
    });
    // Mondays 08:30 in Vietnam = 01:30 UTC on a Monday.
    const next = new Date(r.body.schedule.nextActionTimes[0]);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 1, 30]);
    const d = await temporal.client.schedule.getHandle(`campaign/${UNIT}/approval-flow`).describe();
    expect(d.spec.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(d.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'campaignRunWorkflow',
      workflowId: `campaign-run/${UNIT}/approval-flow`,
      taskQueue: temporal.taskQueue,
      args: [{ unitId: UNIT, campaignId: 'approval-flow', version: 1 }],
    });

    // What the scheduler and the director did is in the unit's request audit (never the bodies).
    const audit = await requestAuditEvents(database.db, UNIT, { pathPrefix: '/api/v1/campaigns/approval-flow' });
    expect(audit.map((e) => `${e.actorId} ${e.method} ${e.path.replace('/api/v1/campaigns/approval-flow', '')} ${e.status}`)).toEqual([
      'kehoach.nga PUT /versions/1 200',
      'kehoach.nga PUT /versions/1 200',
      'chicuctruong.hai POST /versions/1/approve 409',
      'kehoach.nga POST /versions/1/submit 200',
      'kehoach.nga PUT /versions/1 409',
      'kehoach.nga POST /versions/1/approve 403',
      'chicuctruong.hai POST /versions/1/approve 200',
    ]);
  });

  it('is never approved by whoever drafted or submitted it, even when they hold the director role; a rejection says why', async () => {
    const both = await signIn(app, 'kehoach.kiem.giamdoc');
    expect((await callAs(app, both, 'PUT', `${base('four-eyes')}/versions/1`, draft('FourEyes'))).status).toBe(200);
    expect((await callAs(app, both, 'POST', `${base('four-eyes')}/versions/1/submit`)).status).toBe(200);
    const own = await callAs(app, both, 'POST', `${base('four-eyes')}/versions/1/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/someone other than the person who drafted or submitted/);
    expect((await callAs(app, director, 'POST', `${base('four-eyes')}/versions/1/reject`, {})).body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^note/) });
    const rejected = await callAs(app, director, 'POST', `${base('four-eyes')}/versions/1/reject`, { note: 'Thiếu căn cứ pháp lý' });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decisionNote: 'Thiếu căn cứ pháp lý' });
    // No schedule for a campaign that was never approved.
    expect((await callAs(app, scheduler, 'GET', base('four-eyes'))).body.schedule).toBeNull();
    expect((await callAs(app, scheduler, 'POST', `${base('four-eyes')}/trigger`)).body.error.code).toBe('CONFLICT');
    // The next version is 2; the old one stays as it was.
    expect((await callAs(app, both, 'PUT', `${base('four-eyes')}/versions/3`, draft('FourEyes'))).body.error.message).toMatch(/next version of four-eyes is 2/);
  });

  it('refuses a definition naming the field: a quota the teams cannot hold, a team of another unit, a procedure that is not a published inspection', async () => {
    const put = (body: unknown) => callAs(app, scheduler, 'PUT', `${base('bad-input')}/versions/1`, body);
    expect((await put(draft('Bad', { quota: { perRun: 5, perTeam: 2 } }))).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^quota\.perRun: cannot exceed/),
      details: [{ path: 'quota.perRun', rule: 'perRunMax', params: { n: 4 } }],
    });
    const foreign = (await put(draft('Bad', { teamIds: [TEAM1, 'hn-doi-1'] }))).body.error;
    expect(foreign.message).toBe('teamIds.1: hn-doi-1 is not a team of your unit');
    expect(foreign.details).toEqual([{ path: 'teamIds.1', message: 'hn-doi-1 is not a team of your unit', rule: 'unknownTeam', params: { team: 'hn-doi-1' } }]);
    expect((await put(draft('Bad', { procedure: { id: 'ins-penalty', version: 1 } }))).body.error.message).toMatch(/^procedure: ins-penalty is a PENALTY procedure/);
    expect((await put(draft('Bad', { procedure: { id: 'ins-inspection', version: 9 } }))).body.error).toMatchObject({
      message: expect.stringMatching(/^procedure: ins-inspection@9 is not a published/),
      details: [{ rule: 'procedureNotPublished', params: { procedure: 'ins-inspection@9' } }],
    });
    expect((await put(draft('Bad', { kind: 'ROUTINE', planWindow: { from: '2027-01-01', to: '2027-12-31' } }))).body.error.message).toMatch(/^planWindow: a routine plan lies within 01\/01–15\/11/);
    expect((await put({ ...draft('Bad'), cadence: { kind: 'HOURLY' } })).body.error.message).toMatch(/^cadence/);
    expect((await callAs(app, scheduler, 'PUT', '/api/v1/campaigns/Bad_Id/versions/1', draft('Bad'))).body.error.message).toMatch(/^id: must be 2–60 lower-case/);
    expect((await callAs(app, scheduler, 'GET', base('bad-input'))).status).toBe(404);
    // Only schedulers draft; leaders read; inspectors do neither.
    expect((await callAs(app, director, 'PUT', `${base('bad-input')}/versions/1`, draft('Bad'))).status).toBe(403);
    expect((await callAs(app, inspector, 'GET', '/api/v1/campaigns')).status).toBe(403);
    expect((await callAs(app, leader, 'GET', '/api/v1/campaigns')).status).toBe(200);
  });
});

describe('the schedule runs the campaign', () => {
  const id = 'every-4s';
  const sector = 'Interval';
  let businesses: { id: string; taxCode: string; name: string }[] = [];

  it('fires runs on a short interval, each opening the planned inspection cases on the pinned procedure version, assigned as planned', async () => {
    businesses = [await addBusiness(sector), await addBusiness(sector), await addBusiness(sector)];
    await approved(
      id,
      draft(sector, {
        cadence: { kind: 'INTERVAL', every: { amount: 4, unit: 'seconds' } },
        holidayPolicy: 'RUN_ANYWAY',
        quota: { perRun: 2, perTeam: 1 },
        guardrails: { maxPlannedPerBusinessPerYear: 12 },
      }),
    );
    const runs = await waitFor(async () => {
      const rs = (await listCampaignRuns(database.db, UNIT, id)).filter((r) => r.status === 'STARTED');
      return rs.length >= 2 ? rs : undefined;
    }, 30_000);
    const [first] = runs;
    // The first run: all three never inspected (score 2); ties go by tax code; one per team (perTeam 1).
    expect(first!.plan.selected.map((t) => [t.businessId, t.score, t.rank])).toEqual([
      [businesses[0]!.id, 2, 1],
      [businesses[1]!.id, 2, 2],
    ]);
    expect(first!.plan.selected[0]!.reasons).toEqual(['chưa từng được kiểm tra (+2)']);
    expect(new Set(first!.plan.assignments.map((a) => a.teamId))).toEqual(new Set([TEAM1, TEAM2]));
    for (const run of runs.slice(0, 2)) {
      const r = await settledRun(id, run.period);
      const cases = await casesOf(id, run.period);
      // Exactly the planned cases, with their business ids, on version 1 although version 2 is the latest.
      expect(cases.map((c) => c.case_id).sort()).toEqual(r.plan.assignments.map((a) => campaignCaseId(UNIT, id, r.period, r.plan.selected.find((t) => t.businessId === a.businessId)!.taxCode)).sort());
      for (const a of r.plan.assignments) {
        const c = cases.find((x) => x.business_id === a.businessId)!;
        expect(c).toMatchObject({ procedure_id: 'ins-inspection', procedure_version: 1, team_id: a.teamId, kind: 'INSPECTION', status: 'OPEN' });
        expect(c.title).toMatch(/^Kiểm tra chuyên đề Interval — Cơ sở Interval/);
        const assigned = (await auditEvents(database.db, c.case_id)).find((e) => e.action === 'CASE_ASSIGNED');
        expect(assigned?.detail).toEqual({ assigneeId: a.assigneeId, campaignId: id, period: r.period });
        const sa = (await temporal.client.workflow.getHandle(c.case_id).describe()).typedSearchAttributes;
        expect(sa.getAll().find((p) => p.key.name === 'CampaignId')?.value).toBe(id);
      }
      // The period is the schedule's nominal time (by the second, Vietnam time) of a 4-second grid.
      expect(Date.parse(r.scheduledAt) % 4_000).toBe(0);
      expect(r.period).toBe(`${vietnamDateOf(new Date(r.scheduledAt)).replaceAll('-', '')}T${new Date(Date.parse(r.scheduledAt) + 7 * 3_600_000).toISOString().slice(11, 19).replaceAll(':', '')}`);
    }
    expect((await runResult(id, runs[0]!.scheduledAt)).status).toMatch(/STARTED|COMPLETED/);
  });

  it('stops when paused and fires again when resumed; trigger runs once now; a backfill runs a missed period', async () => {
    const paused = await callAs(app, scheduler, 'POST', `${base(id)}/pause`, { note: 'Chờ bổ sung lực lượng' });
    expect(paused.body).toMatchObject({ paused: true, note: 'Tạm dừng (kehoach.nga): Chờ bổ sung lực lượng' });
    const pausedAt = Date.now();
    // At least one 4-second slot falls in (pausedAt + 1 s, pausedAt + 6.5 s].
    await sleep(6_500);
    const during = (await listCampaignRuns(database.db, UNIT, id)).filter((r) => Date.parse(r.scheduledAt) > pausedAt + 1_000);
    expect(during).toEqual([]);

    const resumed = await callAs(app, director, 'POST', `${base(id)}/resume`, {});
    expect(resumed.body.paused).toBe(false);
    const resumedAt = Date.now();
    await waitFor(async () => (await listCampaignRuns(database.db, UNIT, id)).some((r) => Date.parse(r.scheduledAt) >= resumedAt - 1_000) || undefined, 15_000);
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/pause`, { note: 'Dừng để kiểm tra' })).status).toBe(200);
    // Let a run that fired just before the pause finish planning.
    await sleep(2_000);

    // Trigger: one run, now, whatever the schedule's state.
    const before = (await listCampaignRuns(database.db, UNIT, id)).length;
    const trig = await callAs(app, scheduler, 'POST', `${base(id)}/trigger`);
    expect(trig.status).toBe(202);
    const triggered = await waitFor(async () => (await listCampaignRuns(database.db, UNIT, id)).find((r) => Date.parse(r.scheduledAt) >= Date.parse(trig.body.triggeredAt) - 1_000), 15_000);
    await settledRun(id, triggered.period);
    await sleep(3_000);
    expect((await listCampaignRuns(database.db, UNIT, id)).length).toBe(before + 1);

    // Backfill: the 4-second slot missed while paused runs now, as its own period.
    const slot = new Date(Math.ceil((pausedAt + 1_000) / 4_000) * 4_000);
    const bf = await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: new Date(slot.getTime() - 1_000).toISOString(), to: new Date(slot.getTime() + 1_000).toISOString() });
    expect(bf.status).toBe(202);
    const period = `${vietnamDateOf(slot).replaceAll('-', '')}T${new Date(slot.getTime() + 7 * 3_600_000).toISOString().slice(11, 19).replaceAll(':', '')}`;
    const missed = await settledRun(id, period);
    expect(missed.scheduledAt).toBe(slot.toISOString());
    expect((await runResult(id, slot.toISOString())).period).toBe(period);
    expect((await casesOf(id, period)).length).toBe(missed.plan.assignments.length);
    // A backfill covers the past only.
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2099-01-01', to: '2099-01-02' })).body.error.message).toMatch(/^from: a backfill runs missed \(past\) periods/);
  });

  it('shows the campaign schedules in `temporal schedule list` by their legible ids', async () => {
    const { stdout } = await promisify(execFile)(inject('temporalCliPath'), ['schedule', 'list', '--address', inject('temporalAddress'), '--namespace', 'default']);
    const line = stdout.split('\n').find((l) => l.includes(`campaign/${UNIT}/${id}`));
    expect(line).toContain('campaignRunWorkflow');
  });
});

describe('a large run', () => {
  it('continues as new between batches of starts when its history grows, and still opens every planned case exactly once', async () => {
    const id = 'large-run';
    const bs: { id: string; taxCode: string }[] = [];
    for (let i = 0; i < 24; i++) bs.push(await addBusiness('Large'));
    await approved(id, draft('Large', { cadence: { kind: 'CALENDAR', months: [8], daysOfMonth: [3], hour: 8 }, quota: { perRun: 24, perTeam: 12 } }));
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-08-03', to: '2026-08-03' });
    const workflowId = runWorkflowId(id, '2026-08-03T01:00:00Z');
    const result: TCampaignRunResult = await waitFor(
      () =>
        temporal.client.workflow
          .getHandle(workflowId)
          .result()
          .catch(() => undefined),
      60_000,
    );
    expect(result.started).toEqual(bs.map((b) => campaignCaseId(UNIT, id, '20260803', b.taxCode)).sort());
    expect(result.alreadyExisting).toEqual([]);
    // The test server suggests continuing as new after 60 events: the run did, carrying what it had started.
    const action = (await temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).describe()).info.recentActions.find((a) => a.action.workflow.workflowId === workflowId)!;
    const first = await temporal.client.workflow.getHandle(workflowId, action.action.workflow.firstExecutionRunId).fetchHistory();
    expect(first.events!.some((e) => e.workflowExecutionContinuedAsNewEventAttributes)).toBe(true);
    await settledRun(id, '20260803');
    expect((await casesOf(id, '20260803')).length).toBe(24);
  });
});

describe('working days', () => {
  it('moves a run due on New Year’s Day 2026 to the next working day, says why, and opens its cases', async () => {
    const id = 'tet-duong-lich';
    const b = await addBusiness('Holiday');
    await approved(id, draft('Holiday', { planWindow: { from: '2026-01-01', to: '2026-12-31' }, cadence: { kind: 'CALENDAR', months: [1, 9], daysOfMonth: [1, 2], hour: 8 } }));
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-01-01', to: '2026-01-01' })).status).toBe(202);
    const run = await settledRun(id, '20260101');
    // 01/01 Tết Dương lịch (Thursday), 02/01 swapped day off, then the weekend: Monday 05/01.
    expect(run).toMatchObject({ dueDate: '2026-01-01', runDate: '2026-01-05', movedBecause: 'Tết Dương lịch', status: 'STARTED' });
    expect((await casesOf(id, '20260101')).map((c) => c.business_id)).toEqual([b.id]);
    const result = await runResult(id, '2026-01-01T01:00:00Z');
    await recordHistory(temporal.client, runWorkflowId(id, '2026-01-01T01:00:00Z'), 'campaign-run-moved-off-new-year');
    expect(result).toMatchObject({
      period: '20260101',
      dueDate: '2026-01-01',
      runDate: '2026-01-05',
      movedBecause: 'Tết Dương lịch',
      status: 'STARTED',
      started: [campaignCaseId(UNIT, id, '20260101', b.taxCode)],
    });
    // 02/09/2026 (National Day, with 01/09): the dry run of that day says where it goes.
    const dry = await callAs(app, scheduler, 'GET', `${base(id)}/dry-run?at=${encodeURIComponent('2026-09-02T01:00:00Z')}`);
    expect(dry.body).toMatchObject({ period: '20260902', scheduledAtSource: 'REQUEST', plan: { dueDate: '2026-09-02', runDate: '2026-09-03', movedBecause: 'Quốc khánh' } });
  });

  it('waits on a durable timer until 08:00 of the working day when that day is still ahead', async () => {
    const id = 'tet-2027';
    await addBusiness('Ahead');
    await approved(id, draft('Ahead', { planWindow: { from: '2026-12-01', to: '2027-01-31' }, cadence: { kind: 'CALENDAR', months: [1], daysOfMonth: [1], hour: 8 } }));
    // The API backfills the past only; the schedule itself can be asked for 01/01/2027 ahead of time.
    await temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).backfill({ start: new Date('2027-01-01T00:00:00+07:00'), end: new Date('2027-01-01T23:59:59+07:00'), overlap: 'ALLOW_ALL' });
    const workflowId = runWorkflowId(id, '2027-01-01T01:00:00Z');
    leftRunning.push(workflowId);
    const run = await waitFor(async () => {
      const r = await getCampaignRun(database.db, id, '20270101');
      return r?.status === 'WAITING' ? r : undefined;
    });
    expect(run).toMatchObject({ dueDate: '2027-01-01', runDate: '2027-01-04', movedBecause: 'Tết Dương lịch' });
    const started = await waitFor(async () => (await temporal.client.workflow.getHandle(workflowId).fetchHistory()).events!.find((e) => e.timerStartedEventAttributes));
    const firesAt = Number(started.eventTime!.seconds) * 1000 + Number(started.timerStartedEventAttributes!.startToFireTimeout!.seconds) * 1000;
    // 08:00 on Monday 04/01/2027 in Vietnam.
    expect(Math.abs(firesAt - Date.parse('2027-01-04T01:00:00Z'))).toBeLessThan(2_000);
    expect(await casesOf(id)).toEqual([]);
  });
});

describe('duplicate runs', () => {
  it('never open a second case for a business in a period: a repeated backfill gets the stored plan and finds the cases there', async () => {
    const id = 'tet-duong-lich';
    const before = await getCampaignRun(database.db, id, '20260101');
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-01-01', to: '2026-01-01' })).status).toBe(202);
    // The second run of the period has its own workflow id (backfills are manual starts): wait for the second action.
    const handle = temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`);
    const second = await waitFor(async () => {
      const actions = (await handle.describe()).info.recentActions;
      return actions.length >= 2 ? actions.at(-1)! : undefined;
    });
    const result: TCampaignRunResult = await temporal.client.workflow.getHandle(second.action.workflow.workflowId).result();
    expect(result).toMatchObject({ period: '20260101', started: [], alreadyExisting: before!.plan.assignments.map(() => expect.any(String)) });
    expect(await getCampaignRun(database.db, id, '20260101')).toMatchObject({ workflowId: before!.workflowId, plan: before!.plan });
    expect((await casesOf(id, '20260101')).length).toBe(before!.plan.assignments.length);
  });

  it('started at the same time for one period open each case once', async () => {
    const id = 'same-day';
    const bs = [await addBusiness('SameDay'), await addBusiness('SameDay'), await addBusiness('SameDay')];
    await approved(id, draft('SameDay', { cadence: { kind: 'CALENDAR', hour: 8 }, holidayPolicy: 'RUN_ANYWAY', quota: { perRun: 3, perTeam: 2 } }));
    // Two triggers a second apart: two runs (ids differ by the second), one period (today).
    const t1 = await callAs(app, scheduler, 'POST', `${base(id)}/trigger`);
    await sleep(1_100);
    const t2 = await callAs(app, director, 'POST', `${base(id)}/trigger`);
    expect([t1.status, t2.status]).toEqual([202, 202]);
    const handle = temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`);
    const actions = await waitFor(async () => {
      const a = (await handle.describe()).info.recentActions;
      return a.length >= 2 ? a : undefined;
    });
    const results: TCampaignRunResult[] = await Promise.all(actions.map((a) => temporal.client.workflow.getHandle(a.action.workflow.workflowId).result()));
    expect(results[0]!.period).toBe(results[1]!.period);
    const opened = [...results[0]!.started, ...results[1]!.started].sort();
    const found = [...results[0]!.alreadyExisting, ...results[1]!.alreadyExisting].sort();
    // Each case was opened by exactly one of the two; the other found it there.
    expect(opened).toEqual(bs.map((b) => campaignCaseId(UNIT, id, results[0]!.period, b.taxCode)).sort());
    expect(found).toEqual(opened);
    const cases = await waitFor(async () => {
      const cs = await casesOf(id);
      return cs.length >= bs.length ? cs : undefined;
    });
    expect(cases.map((c) => c.business_id).sort()).toEqual(bs.map((b) => b.id).sort());
  });
});

describe('guardrails', () => {
  it('leave out a business already inspected by plan the allowed number of times this year', async () => {
    const id = 'yearly-limit';
    const bs = [await addBusiness('Limit'), await addBusiness('Limit')];
    await approved(id, draft('Limit', { planWindow: { from: '2026-01-01', to: '2026-12-31' }, cadence: { kind: 'CALENDAR', months: [3, 4], daysOfMonth: [2], hour: 8 } }));
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-03-02', to: '2026-03-02' });
    expect((await settledRun(id, '20260302')).plan.assignments).toHaveLength(2);
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-04-02', to: '2026-04-02' });
    const april = await settledRun(id, '20260402');
    expect(april.plan.selected).toEqual([]);
    expect(
      april.plan.findings
        .filter((f) => f.code === 'YEARLY_LIMIT_REACHED')
        .map((f) => [f.businessId, f.severity])
        .sort(),
    ).toEqual(bs.map((b) => [b.id, 'BLOCKING']).sort());
    expect(april.plan.findings.find((f) => f.code === 'YEARLY_LIMIT_REACHED')!.message).toMatch(/đã được kiểm tra theo kế hoạch 1 lần trong năm; giới hạn 1/);
    expect(await casesOf(id, '20260402')).toEqual([]);
    // Nothing to start: the run completes without any case (the activity moves it to STARTED, then
    // COMPLETED in a second statement, so a poll may see STARTED in between).
    expect(await waitFor(async () => ((await getCampaignRun(database.db, id, '20260402'))?.status === 'COMPLETED' ? 'COMPLETED' : undefined), 10_000)).toBe('COMPLETED');
    expect(['STARTED', 'COMPLETED']).toContain(april.status);
  });

  it('block a run outside the plan window: nothing starts, and the run says why', async () => {
    const id = 'next-year';
    await addBusiness('Window');
    await approved(id, draft('Window', { planWindow: { from: '2027-03-01', to: '2027-04-30' }, holidayPolicy: 'RUN_ANYWAY' }));
    const t = await callAs(app, scheduler, 'POST', `${base(id)}/trigger`);
    const period = vietnamDateOf(new Date(t.body.triggeredAt)).replaceAll('-', '');
    const run = await waitFor(async () => (await listCampaignRuns(database.db, UNIT, id))[0]);
    expect(run).toMatchObject({ status: 'BLOCKED' });
    expect([period, String(Number(period) + 1)]).toContain(run.period);
    expect(run.plan.findings).toEqual([expect.objectContaining({ code: 'OUTSIDE_PLAN_WINDOW', severity: 'BLOCKING', message: expect.stringContaining('01/03/2027 – 30/04/2027') })]);
    const actions = (await temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).describe()).info.recentActions;
    const result: TCampaignRunResult = await temporal.client.workflow.getHandle(actions[0]!.action.workflow.workflowId).result();
    expect(result).toMatchObject({ status: 'BLOCKED', started: [], findings: [expect.objectContaining({ code: 'OUTSIDE_PLAN_WINDOW' })] });
    expect(await casesOf(id)).toEqual([]);
    // The report does not count the blocked list as planned inspections, and says none of them will be opened.
    expect(run.plan.assignments.length).toBeGreaterThan(0);
    const report = await callAs(app, scheduler, 'GET', `${base(id)}/report`);
    expect(report.body.totals).toMatchObject({ planned: 0, started: 0 });
    expect(report.body.runs[0].totals.planned).toBe(0);
    expect(report.body.runs[0].lines.map((l: { status: string }) => l.status)).toEqual(run.plan.assignments.map(() => 'BLOCKED'));
  });

  it('report a target another active campaign also targets, without stopping the run', async () => {
    const b = await addBusiness('Overlap');
    await approved('overlap-a', draft('Overlap', { cadence: { kind: 'CALENDAR', months: [5], daysOfMonth: [4], hour: 8 } }));
    await approved('overlap-b', draft('Overlap', { cadence: { kind: 'CALENDAR', months: [6], daysOfMonth: [1], hour: 8 } }));
    const dry = await callAs(app, director, 'GET', `${base('overlap-a')}/dry-run?at=${encodeURIComponent('2026-05-04T01:00:00Z')}`);
    expect(dry.body.plan.canStart).toBe(true);
    expect(dry.body.plan.selected.map((t: { businessId: string }) => t.businessId)).toEqual([b.id]);
    expect(dry.body.plan.findings).toEqual([expect.objectContaining({ code: 'OVERLAPS_OTHER_CAMPAIGN', severity: 'REPORT', businessId: b.id, message: expect.stringContaining('overlap-b') })]);
  });

  it('never assign an inspector with a conflict of interest, and leave a business unassigned when every inspector has one', async () => {
    const id = 'conflicts';
    const one = await addBusiness('Conflict', { conflicts: ['kiemsoat.an'] });
    const all = await addBusiness('Conflict', { conflicts: ['kiemsoat.an', 'kiemsoat.binh'] });
    await approved(id, draft('Conflict', { cadence: { kind: 'CALENDAR', months: [6], daysOfMonth: [1], hour: 8 } }));
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-06-01', to: '2026-06-01' });
    const run = await settledRun(id, '20260601');
    expect(run.plan.assignments).toEqual([{ businessId: one.id, teamId: TEAM2, assigneeId: 'kiemsoat.binh', rank: expect.any(Number) }]);
    expect(run.plan.findings).toEqual([expect.objectContaining({ code: 'CONFLICT_OF_INTEREST', severity: 'BLOCKING', businessId: all.id })]);
    const cases = await casesOf(id, '20260601');
    expect(cases.map((c) => [c.business_id, c.team_id])).toEqual([[one.id, TEAM2]]);
    expect((await auditEvents(database.db, cases[0]!.case_id)).find((e) => e.action === 'CASE_ASSIGNED')?.detail).toMatchObject({ assigneeId: 'kiemsoat.binh' });
  });
});

describe('the demo campaign', () => {
  it('awaits the director’s approval, and its dry run picks the demo food businesses of Ninh Bình for the first Monday', async () => {
    const list = await callAs(app, director, 'GET', '/api/v1/campaigns');
    expect(list.body.campaigns).toContainEqual({
      campaignId: 'atvstp-tet-2027',
      title: 'Kiểm tra chuyên đề an toàn thực phẩm dịp Tết Nguyên đán Đinh Mùi 2027',
      kind: 'THEMED',
      planWindow: { from: '2026-12-14', to: '2027-02-05' },
      latestVersion: 1,
      latestStatus: 'SUBMITTED',
      approvedVersion: null,
      endedAt: null,
    });
    const dry = await callAs(app, director, 'GET', `${base('atvstp-tet-2027')}/dry-run?version=1&at=${encodeURIComponent('2026-12-14T01:00:00Z')}`);
    expect(dry.body).toMatchObject({ version: 1, period: '20261214', plan: { runDate: '2026-12-14', canStart: true } });
    expect(dry.body.plan.selected.map((t: { taxCode: string }) => t.taxCode).sort()).toEqual(['2700123459', '2700543213']);
    expect(new Set(dry.body.plan.assignments.map((a: { teamId: string }) => a.teamId))).toEqual(new Set([TEAM1, TEAM2]));
  });
});

describe('the dry run', () => {
  it("previews a version not approved yet at its cadence's first run, which is the first run its Temporal Schedule makes once approved", async () => {
    // A window starting ten days from now: previewing "now" would show a run its window refuses (found in a walkthrough).
    const from = addCalendarDays(vietnamDateOf(new Date()), 10);
    const to = addCalendarDays(from, 120);
    const cadences: [string, Record<string, unknown>][] = [
      ['weekly', { kind: 'CALENDAR', daysOfWeek: [1], hour: 8 }],
      ['monday-the-first-week', { kind: 'CALENDAR', daysOfWeek: [1], daysOfMonth: [1, 2, 3, 4, 5, 6, 7], hour: 7, minute: 30 }],
      ['interval', { kind: 'INTERVAL', every: { amount: 7, unit: 'hours' } }],
    ];
    for (const [name, cadence] of cadences) {
      const id = `cadence-${name}`;
      const body = draft('Cadence', { planWindow: { from, to }, cadence });
      expect((await callAs(app, scheduler, 'PUT', `${base(id)}/versions/1`, body)).status).toBe(200);
      expect((await callAs(app, scheduler, 'POST', `${base(id)}/versions/1/submit`)).status).toBe(200);
      const preview = await callAs(app, director, 'GET', `${base(id)}/dry-run?version=1`);
      expect(preview.status, name).toBe(200);
      expect(preview.body.scheduledAtSource, name).toBe('CADENCE');
      expect(vietnamDateOf(new Date(preview.body.scheduledAt)) >= from, name).toBe(true);
      expect(
        preview.body.plan.findings.map((f: { code: string }) => f.code),
        name,
      ).not.toContain('OUTSIDE_PLAN_WINDOW');
      const approval = await callAs(app, director, 'POST', `${base(id)}/versions/1/approve`, { note: 'Đồng ý' });
      expect(approval.status, name).toBe(200);
      expect(approval.body.schedule.nextActionTimes[0], name).toBe(preview.body.scheduledAt);
    }
  });

  it('previews the next scheduled run without starting anything, and the run at that time selects exactly what it showed', async () => {
    const id = 'dry-run';
    const bs = [await addBusiness('Dry'), await addBusiness('Dry', { conflicts: ['kiemsoat.binh'] }), await addBusiness('Dry'), await addBusiness('Dry', { status: 'CLOSED' })];
    const a = await approved(id, draft('Dry', { cadence: { kind: 'CALENDAR', daysOfMonth: [4], hour: 8 }, quota: { perRun: 2, perTeam: 1 } }));
    // By default: the schedule's next action, of the approved version.
    const next = await callAs(app, scheduler, 'GET', `${base(id)}/dry-run`);
    expect(next.body).toMatchObject({ scheduledAtSource: 'SCHEDULE', scheduledAt: a.schedule.nextActionTimes[0], alreadyRan: false, version: 1 });
    expect(next.body.plan.excluded).toContainEqual({ businessId: bs[3]!.id, name: bs[3]!.name, taxCode: bs[3]!.taxCode, reason: 'đang ở trạng thái CLOSED' });

    const at = '2026-05-04T01:00:00.000Z';
    const dry = await callAs(app, scheduler, 'GET', `${base(id)}/dry-run?at=${encodeURIComponent(at)}`);
    expect(dry.body).toMatchObject({ period: '20260504', alreadyRan: false });
    expect(dry.body.plan.selected.map((t: { businessId: string }) => t.businessId)).toEqual([bs[0]!.id, bs[1]!.id]);
    expect(await listCampaignRuns(database.db, UNIT, id)).toEqual([]);
    expect(await casesOf(id)).toEqual([]);

    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-05-04', to: '2026-05-04' });
    const run = await settledRun(id, '20260504');
    expect(run.plan.selected).toEqual(dry.body.plan.selected);
    expect(run.plan.assignments).toEqual(dry.body.plan.assignments);
    expect(run.plan.findings).toEqual(dry.body.plan.findings);
    expect((await casesOf(id, '20260504')).map((c) => c.business_id).sort()).toEqual(run.plan.assignments.map((x) => x.businessId).sort());
    // Once the period ran, its dry run is the recorded plan.
    const again = await callAs(app, scheduler, 'GET', `${base(id)}/dry-run?at=${encodeURIComponent(at)}`);
    expect(again.body).toMatchObject({ alreadyRan: true, plan: { selected: run.plan.selected } });
  });
});

describe('progress and the report', () => {
  it('counts planned, started and done from the read model, completes the run when its last case closes, and exports CSV', async () => {
    const id = 'to-the-end';
    const b = await addBusiness('Done');
    await approved(id, draft('Done', { cadence: { kind: 'CALENDAR', months: [7], daysOfMonth: [1], hour: 8 } }));
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-07-01', to: '2026-07-01' });
    const run = await settledRun(id, '20260701');
    const a = run.plan.assignments[0]!;
    const caseId = campaignCaseId(UNIT, id, '20260701', b.taxCode);
    const report1 = await callAs(app, leader, 'GET', `${base(id)}/report`);
    expect(report1.body.totals).toMatchObject({ planned: 1, started: 1, done: 0, violations: 0, overdue: 0 });

    // The inspection, step by step, to its end: decision (team lead), team, then the assigned inspector.
    const today = vietnamDateOf(new Date());
    const lead = { userId: a.teamId === TEAM1 ? 'doitruong.cuong' : 'doitruong.dung', roles: ['TEAM_LEAD'] };
    const insp = { userId: a.assigneeId, roles: ['INSPECTOR'] };
    const h = temporal.client.workflow.getHandle(caseId);
    const step = (actor: typeof lead, stepId: string, outcome: string, data: Record<string, unknown>, evidence?: (typeof PHOTO)[]) =>
      h.executeUpdate(completeStepUpdate, { args: [{ actor, requestId: `r-${randomUUID()}`, stepId, outcome, data, ...(evidence ? { evidence } : {}) }] });
    await step(lead, 'A5', 'ISSUED', {
      decisionNo: '7/QĐ-KT',
      decisionDate: today,
      signedBy: 'Chi cục trưởng',
      form: 'THEMED',
      planRef: `Kế hoạch ${id}`,
      businessName: 'Cơ sở',
      taxCode: b.taxCode,
      address: 'Hoa Lư',
      content: 'An toàn thực phẩm',
    });
    await step(lead, 'A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-01' }], workLogEntry: 'Sổ 1, trang 3' });
    await step(insp, 'A7', 'ANNOUNCED', { announcedAt: today, partyRepresentative: 'Giám đốc' });
    await step(insp, 'A8', 'INSPECTED', { findings: 'Không phát hiện vi phạm' }, [PHOTO]);
    await step(insp, 'A9', 'NO_VIOLATION', { recordNo: 'BB-1', partySigned: true });
    expect((await getCampaignRun(database.db, id, '20260701'))!.status).toBe('STARTED');
    await step(lead, 'A11', 'CLOSED', { reportNo: 'BC-1', summary: 'Đạt' });

    await waitFor(async () => ((await getCampaignRun(database.db, id, '20260701'))!.status === 'COMPLETED' ? true : undefined));
    await recordHistory(temporal.client, caseId, 'campaign-case-assigned-to-close');
    const report = await callAs(app, leader, 'GET', `${base(id)}/report`);
    expect(report.body.totals).toEqual({ planned: 1, started: 1, done: 1, abandoned: 0, violations: 0, overdue: 0, fineDecided: 0, finePaid: 0 });
    expect(report.body.runs[0]).toMatchObject({ period: '20260701', status: 'COMPLETED', lines: [{ caseId, taxCode: b.taxCode, status: 'CLOSED', assigneeId: a.assigneeId, violation: false }] });
    const runs = await callAs(app, scheduler, 'GET', `${base(id)}/runs`);
    expect(runs.body.runs).toEqual([expect.objectContaining({ period: '20260701', status: 'COMPLETED', totals: report.body.totals })]);
    const detail = await callAs(app, director, 'GET', `${base(id)}/runs/20260701`);
    expect(detail.body).toMatchObject({ workflowId: runWorkflowId(id, '2026-07-01T01:00:00Z'), plan: { selected: [{ businessId: b.id, reasons: ['chưa từng được kiểm tra (+2)'] }] } });

    const csv = await app.request(`${base(id)}/report.csv`, { headers: { cookie: leader.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('period,run_status,due_date,run_date,moved_because,rank,tax_code,business,team,inspector,case_id,case_status,overdue,violation,fine_decided,fine_paid');
    expect(lines.slice(1)).toEqual([`20260701,COMPLETED,2026-07-01,2026-07-01,,1,${b.taxCode},${b.name},${a.teamId},${a.assigneeId},${caseId},CLOSED,false,false,0,0`]);
  });
});

describe('when Temporal cannot be reached', () => {
  it('answers 503 UNAVAILABLE on every route that needs Temporal, changes nothing, and still serves what the read model holds', async () => {
    const id = 'no-temporal';
    await addBusiness('NoTemporal');
    await approved(id, draft('NoTemporal', { cadence: { kind: 'CALENDAR', months: [10], daysOfMonth: [1], hour: 8 } }));
    expect((await callAs(app, scheduler, 'PUT', `${base(id)}/versions/2`, draft('NoTemporal', { title: 'Phiên bản 2' }))).status).toBe(200);
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/versions/2/submit`)).status).toBe(200);

    // The same database, and a Temporal address where nothing listens (a port obtained and closed).
    const down = await createTestApp(database.db, { taskQueue: temporal.taskQueue, temporalAddress: `127.0.0.1:${await freePort()}` });
    try {
      const s = await signIn(down.app, 'kehoach.nga');
      const d = await signIn(down.app, 'chicuctruong.hai');
      const calls: [string, () => Promise<{ status: number; body: { error: { code: string; message: string } } }>][] = [
        ['GET', () => callAs(down.app, s, 'GET', base(id))],
        ['pause', () => callAs(down.app, s, 'POST', `${base(id)}/pause`, { note: 'Tạm dừng' })],
        ['resume', () => callAs(down.app, d, 'POST', `${base(id)}/resume`, {})],
        ['trigger', () => callAs(down.app, s, 'POST', `${base(id)}/trigger`)],
        ['backfill', () => callAs(down.app, s, 'POST', `${base(id)}/backfill`, { from: '2026-10-01', to: '2026-10-01' })],
        ['dry-run', () => callAs(down.app, s, 'GET', `${base(id)}/dry-run`)],
      ];
      for (const [what, call] of calls) {
        const r = await call();
        expect([what, r.status, r.body.error.code]).toEqual([what, 503, 'UNAVAILABLE']);
        // What failed and where goes to the log (with the request id); the caller gets a sentence without the address.
        expect(r.body.error.message).toMatch(/^Temporal cannot be reached to .+; nothing was changed, try again\.$/);
        expect(r.body.error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|UNAVAILABLE:/);
      }
      const approve = await callAs(down.app, d, 'POST', `${base(id)}/versions/2/approve`, {});
      expect(approve.status).toBe(503);
      expect(approve.body.error.message).toMatch(/^Temporal cannot be reached to set up the campaign's schedule, so nothing was approved/);

      // What the read model holds needs no Temporal: the list, the report, a dry run at a named time.
      expect((await callAs(down.app, s, 'GET', '/api/v1/campaigns')).status).toBe(200);
      expect((await callAs(down.app, s, 'GET', `${base(id)}/report`)).body.totals).toMatchObject({ planned: 0 });
      expect((await callAs(down.app, s, 'GET', `${base(id)}/dry-run?at=${encodeURIComponent('2026-10-01T01:00:00Z')}`)).body).toMatchObject({ period: '20261001', alreadyRan: false });
    } finally {
      await down.close();
    }

    // Nothing changed: the schedule runs as before, no run started, version 2 still awaits the director.
    const d = await temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).describe();
    expect(d.state.paused).toBe(false);
    expect(d.info.recentActions).toEqual([]);
    expect(await listCampaignRuns(database.db, UNIT, id)).toEqual([]);
    expect((await getCampaignVersion(database.db, UNIT, id, 2))?.status).toBe('SUBMITTED');
    expect((await getCampaignVersion(database.db, UNIT, id, 1))?.status).toBe('APPROVED');
    // The refusals are in the request audit, with their code.
    const audit = await requestAuditEvents(database.db, UNIT, { pathPrefix: base(id) });
    expect(audit.filter((e) => e.status === 503).map((e) => `${e.method} ${e.path.replace(base(id), '')} ${e.code}`)).toEqual([
      'POST /pause UNAVAILABLE',
      'POST /resume UNAVAILABLE',
      'POST /trigger UNAVAILABLE',
      'POST /backfill UNAVAILABLE',
      'POST /versions/2/approve UNAVAILABLE',
    ]);

    // A schedule that is really missing (deleted by hand) is no outage: the campaign shows none.
    await temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).delete();
    const got = await callAs(app, scheduler, 'GET', base(id));
    expect([got.status, got.body.schedule]).toEqual([200, null]);
  });
});

describe('ending a campaign', () => {
  it('is done by the director with a note: the schedule is deleted, the campaign becomes read-only, reads still work, and its open cases go on', async () => {
    const id = 'ended-campaign';
    const b = await addBusiness('Ended');
    await approved(id, draft('Ended', { cadence: { kind: 'CALENDAR', months: [11], daysOfMonth: [2], hour: 8 } }));
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-11-02', to: '2026-11-02' });
    await settledRun(id, '20261102');
    const caseId = campaignCaseId(UNIT, id, '20261102', b.taxCode);
    // A second version awaits the director, and a third is drafted, when the campaign ends.
    expect((await callAs(app, scheduler, 'PUT', `${base(id)}/versions/2`, draft('Ended', { title: 'Phiên bản 2' }))).status).toBe(200);
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/versions/2/submit`)).status).toBe(200);
    // A run of a later period, planned and waiting for its working day (recorded as a run would).
    await planCampaignRun(database.db, { unitId: UNIT, campaignId: id, version: 1, scheduledAt: new Date('2027-11-02T01:00:00Z'), workflowId: 'waiting-run' });
    expect(await setCampaignRunStatus(database.db, id, '20271102', 'WAITING')).toBe(true);

    // Only the director ends it, and says why (1–500 characters).
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/end`, { note: 'Kết thúc' })).status).toBe(403);
    expect((await callAs(app, director, 'POST', `${base(id)}/end`, {})).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'note: is required',
      details: [{ path: 'note', message: 'is required', rule: 'required' }],
    });
    expect((await callAs(app, director, 'POST', `${base(id)}/end`, { note: 'x'.repeat(501) })).body.error.message).toMatch(/^note:/);
    expect((await callAs(app, director, 'POST', `${base('no-such-campaign')}/end`, { note: 'Kết thúc' })).status).toBe(404);

    const end = await callAs(app, director, 'POST', `${base(id)}/end`, { note: 'Đã đạt mục tiêu; kết thúc kế hoạch' });
    expect(end.status).toBe(200);
    expect(end.body).toEqual({ campaignId: id, ended: { at: expect.any(String), by: 'chicuctruong.hai', note: 'Đã đạt mục tiêu; kết thúc kế hoạch' }, scheduleDeleted: true });
    await expect(temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).describe()).rejects.toThrow(/not found/i);

    // Read-only afterwards: every change is refused, saying when and by whom it ended.
    const refused = /^Campaign ended-campaign was ended on \d{4}-\d{2}-\d{2}T.+ by chicuctruong\.hai \(Đã đạt mục tiêu; kết thúc kế hoạch\)/;
    const changes: [string, () => ReturnType<typeof callAs>][] = [
      ['end again', () => callAs(app, director, 'POST', `${base(id)}/end`, { note: 'Lần nữa' })],
      ['pause', () => callAs(app, scheduler, 'POST', `${base(id)}/pause`, { note: 'Tạm dừng' })],
      ['resume', () => callAs(app, director, 'POST', `${base(id)}/resume`, {})],
      ['trigger', () => callAs(app, scheduler, 'POST', `${base(id)}/trigger`)],
      ['backfill', () => callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-11-02', to: '2026-11-02' })],
      ['approve', () => callAs(app, director, 'POST', `${base(id)}/versions/2/approve`, {})],
      ['reject', () => callAs(app, director, 'POST', `${base(id)}/versions/2/reject`, { note: 'Không' })],
      ['withdraw', () => callAs(app, scheduler, 'POST', `${base(id)}/versions/2/withdraw`)],
      ['new version', () => callAs(app, scheduler, 'PUT', `${base(id)}/versions/3`, draft('Ended'))],
    ];
    for (const [what, call] of changes) {
      const r = await call();
      expect([what, r.status, r.body.error?.code]).toEqual([what, 409, 'CONFLICT']);
      expect(r.body.error.message).toMatch(refused);
    }
    // No change brought the schedule back, and version 2 still waits where it was.
    await expect(temporal.client.schedule.getHandle(`campaign/${UNIT}/${id}`).describe()).rejects.toThrow(/not found/i);
    expect((await getCampaignVersion(database.db, UNIT, id, 2))?.status).toBe('SUBMITTED');

    // Reads still work, and show the end.
    const list = await callAs(app, leader, 'GET', '/api/v1/campaigns');
    expect(list.body.campaigns.find((x: { campaignId: string }) => x.campaignId === id)).toMatchObject({ approvedVersion: 1, latestVersion: 2, endedAt: end.body.ended.at });
    expect(list.body.campaigns.find((x: { campaignId: string }) => x.campaignId === 'no-temporal')?.endedAt ?? null).toBeNull();
    const got = await callAs(app, leader, 'GET', base(id));
    expect(got.body).toMatchObject({ approvedVersion: 1, schedule: null, ended: end.body.ended });
    const report = await callAs(app, leader, 'GET', `${base(id)}/report?period=20261102`);
    expect(report.body.runs[0].lines).toEqual([expect.objectContaining({ caseId, status: 'OPEN' })]);
    expect((await callAs(app, scheduler, 'GET', `${base(id)}/dry-run?at=${encodeURIComponent('2026-11-02T01:00:00Z')}`)).body).toMatchObject({ alreadyRan: true });

    // The inspection the campaign opened goes on.
    expect((await temporal.client.workflow.getHandle(caseId).describe()).status.name).toBe('RUNNING');

    // A run that waited for its working day starts nothing once it wakes: it is told no, and marked BLOCKED.
    expect(await createActivities({ db: database.db }).campaignRunMayStart({ unitId: UNIT, campaignId: id, period: '20271102' })).toEqual({
      mayStart: false,
      reason: expect.stringContaining('Đã đạt mục tiêu'),
    });
    expect((await getCampaignRun(database.db, id, '20271102'))?.status).toBe('BLOCKED');
    // A run that slips through (started by hand) plans nothing and opens nothing.
    const slipped = temporal.client.workflow.execute('campaignRunWorkflow', {
      taskQueue: temporal.taskQueue,
      workflowId: `campaign-run/${UNIT}/${id}-by-hand`,
      args: [{ unitId: UNIT, campaignId: id, version: 1 }],
    });
    const failure = await slipped.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    // The run fails on its planning activity, whose failure says the campaign was ended.
    const planning = (failure as WorkflowFailedError).cause?.cause as ApplicationFailure | undefined;
    expect([planning?.type, planning?.message]).toEqual(['CAMPAIGN_ENDED', expect.stringMatching(refused)]);
    expect((await casesOf(id)).map((c) => c.case_id)).toEqual([caseId]);

    // The end and every refusal are in the unit's request audit.
    const audit = await requestAuditEvents(database.db, UNIT, { pathPrefix: `${base(id)}/end` });
    expect(audit.map((e) => `${e.actorId} ${e.status} ${e.code ?? ''}`)).toEqual([
      'kehoach.nga 403 FORBIDDEN',
      'chicuctruong.hai 400 VALIDATION_FAILED',
      'chicuctruong.hai 400 VALIDATION_FAILED',
      'chicuctruong.hai 200 ',
      'chicuctruong.hai 409 CONFLICT',
    ]);
  });

  it('is refused with 503 when Temporal cannot be reached to delete the schedule, and nothing ends', async () => {
    const id = 'end-no-temporal';
    await approved(id, draft('EndNoTemporal', { cadence: { kind: 'CALENDAR', months: [12], daysOfMonth: [1], hour: 8 } }));
    const down = await createTestApp(database.db, { taskQueue: temporal.taskQueue, temporalAddress: `127.0.0.1:${await freePort()}` });
    try {
      const r = await callAs(down.app, await signIn(down.app, 'chicuctruong.hai'), 'POST', `${base(id)}/end`, { note: 'Kết thúc' });
      expect([r.status, r.body.error.code]).toEqual([503, 'UNAVAILABLE']);
      expect(r.body.error.message).toBe("Temporal cannot be reached to delete the campaign's schedule, so the campaign was not ended; nothing was changed, try again.");
    } finally {
      await down.close();
    }
    expect((await callAs(app, director, 'GET', base(id))).body).toMatchObject({ ended: null, schedule: { paused: false } });
  });
});

describe('withdrawing a submitted version', () => {
  it('takes it back to draft (any scheduler of the unit, before the director decides); it then changes and is submitted again', async () => {
    const id = 'withdrawn';
    await createUser(database.db, { id: 'kehoach.thu', username: 'kehoach.thu', displayName: 'x', password: 'ins-demo-2026', roles: ['SCHEDULER'], unitId: UNIT });
    const other = await signIn(app, 'kehoach.thu');
    expect((await callAs(app, scheduler, 'PUT', `${base(id)}/versions/1`, draft('Withdrawn'))).status).toBe(200);
    // Only a submitted version is withdrawn.
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/versions/1/withdraw`)).body.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/is draft; only a submitted version/),
    });
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/versions/1/submit`)).status).toBe(200);
    // The director decides; withdrawing is the schedulers' (the director and inspectors are refused).
    expect((await callAs(app, director, 'POST', `${base(id)}/versions/1/withdraw`)).status).toBe(403);
    expect((await callAs(app, inspector, 'POST', `${base(id)}/versions/1/withdraw`)).status).toBe(403);

    const w = await callAs(app, other, 'POST', `${base(id)}/versions/1/withdraw`);
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'DRAFT', createdBy: 'kehoach.nga', submittedBy: null, submittedAt: null, withdrawnBy: 'kehoach.thu', withdrawnAt: expect.any(String) });
    expect((await callAs(app, director, 'POST', `${base(id)}/versions/1/approve`, {})).body.error.message).toMatch(/is draft; only a submitted version is approved/);
    expect((await callAs(app, scheduler, 'PUT', `${base(id)}/versions/1`, draft('Withdrawn', { title: 'Đã sửa sau khi rút' }))).body.definition.title).toBe('Đã sửa sau khi rút');
    expect((await callAs(app, other, 'POST', `${base(id)}/versions/1/submit`)).body).toMatchObject({ status: 'SUBMITTED', submittedBy: 'kehoach.thu' });
    const a = await callAs(app, director, 'POST', `${base(id)}/versions/1/approve`, {});
    expect(a.body.version).toMatchObject({ status: 'APPROVED', withdrawnBy: 'kehoach.thu' });
    // Once decided, it is no longer withdrawn.
    expect((await callAs(app, scheduler, 'POST', `${base(id)}/versions/1/withdraw`)).body.error.message).toMatch(/is approved; only a submitted version/);

    const audit = await requestAuditEvents(database.db, UNIT, { pathPrefix: `${base(id)}/versions/1/withdraw` });
    expect(audit.map((e) => `${e.actorId} ${e.status}`)).toEqual(['kehoach.nga 409', 'chicuctruong.hai 403', 'kiemsoat.an 403', 'kehoach.thu 200', 'kehoach.nga 409']);
  });
});

describe('cases closed by hand in Temporal', () => {
  it('are found through visibility by the maintenance schedule, shown as Temporal closed them, and their run completes once no case is open', async () => {
    const id = 'closed-by-hand';
    const period = '20261005';
    for (let i = 0; i < 3; i++) await addBusiness('ByHand');
    await approved(id, draft('ByHand', { cadence: { kind: 'CALENDAR', months: [10], daysOfMonth: [5], hour: 8 }, quota: { perRun: 3, perTeam: 2 } }));
    await callAs(app, scheduler, 'POST', `${base(id)}/backfill`, { from: '2026-10-05', to: '2026-10-05' });
    await settledRun(id, period);
    await waitFor(async () => ((await getCampaignRun(database.db, id, period))?.status === 'STARTED' ? true : undefined));
    const report0 = await callAs(app, leader, 'GET', `${base(id)}/report`);
    const [terminated, cancelled, running] = (report0.body.runs[0].lines as { caseId: string }[]).map((l) => l.caseId);
    expect(running).toBeDefined();

    // An operator ends one case with the CLI, cancels another from a client; the read model knows nothing of it.
    await promisify(execFile)(inject('temporalCliPath'), [
      'workflow',
      'terminate',
      '--workflow-id',
      terminated!,
      '--reason',
      'Mở nhầm hồ sơ',
      '--address',
      inject('temporalAddress'),
      '--namespace',
      'default',
    ]);
    await temporal.client.workflow.getHandle(cancelled!).cancel();
    await waitFor(async () => ((await temporal.client.workflow.getHandle(cancelled!).describe()).status.name === 'CANCELLED' ? true : undefined));
    expect((await callAs(app, leader, 'GET', `${base(id)}/report`)).body.runs[0].lines.map((l: { status: string }) => l.status)).toEqual(['OPEN', 'OPEN', 'OPEN']);
    expect(await tasksOf(terminated!)).not.toEqual([]);

    const scheduleId = await ensureMaintenanceSchedule(temporal.client, temporal.taskQueue, '1 hour');
    try {
      const handle = temporal.client.schedule.getHandle(scheduleId);
      /** Runs maintenance passes (visibility lags a little) until `done` holds; returns the passes' results. */
      const passUntil = async (done: () => Promise<boolean>): Promise<TReconcileResult[]> => {
        const results: TReconcileResult[] = [];
        const deadline = Date.now() + 30_000;
        while (!(await done())) {
          if (Date.now() > deadline) throw new Error('the maintenance passes did not reconcile the cases in time');
          const before = (await handle.describe()).info.recentActions.length;
          await handle.trigger();
          const action = await waitFor(async () => (await handle.describe()).info.recentActions.slice(before)[0]);
          results.push(await temporal.client.workflow.getHandle(action.action.workflow.workflowId).result());
        }
        return results;
      };
      const abandonedOf = async (caseId: string) => (await database.db.selectFrom('case_file').select('abandoned_status').where('case_id', '=', caseId).executeTakeFirstOrThrow()).abandoned_status;

      const first = await passUntil(async () => (await abandonedOf(terminated!)) !== null && (await abandonedOf(cancelled!)) !== null);
      expect(first.flatMap((r) => r.abandoned).sort((a, b) => (a.caseId < b.caseId ? -1 : 1))).toEqual(
        [
          { caseId: terminated, status: 'TERMINATED' },
          { caseId: cancelled, status: 'CANCELED' },
        ].sort((a, b) => (a.caseId! < b.caseId! ? -1 : 1)),
      );
      // The case still running is left alone, so the run is not complete yet.
      expect(await abandonedOf(running!)).toBeNull();
      expect((await getCampaignRun(database.db, id, period))?.status).toBe('STARTED');
      // Nobody can act on a workflow that is gone: its tasks leave the inboxes.
      expect(await tasksOf(terminated!)).toEqual([]);
      expect(await tasksOf(running!)).not.toEqual([]);
      const report1 = await callAs(app, leader, 'GET', `${base(id)}/report`);
      expect(report1.body.runs[0].lines.map((l: { caseId: string; status: string }) => [l.caseId, l.status])).toEqual([
        [terminated, 'TERMINATED'],
        [cancelled, 'CANCELED'],
        [running, 'OPEN'],
      ]);
      expect(report1.body.totals).toMatchObject({ planned: 3, started: 3, done: 0, abandoned: 2 });

      // The last open case is terminated too: the next pass completes the run.
      await temporal.client.workflow.getHandle(running!).terminate('Kế hoạch dừng giữa chừng');
      const second = await passUntil(async () => (await getCampaignRun(database.db, id, period))?.status === 'COMPLETED');
      expect(second.at(-1)).toMatchObject({ abandoned: [{ caseId: running, status: 'TERMINATED' }], completedRuns: [{ campaignId: id, period }] });
      const report2 = await callAs(app, leader, 'GET', `${base(id)}/report`);
      expect(report2.body.runs[0]).toMatchObject({ status: 'COMPLETED', totals: { planned: 3, started: 3, done: 0, abandoned: 3, overdue: 0 } });
      const csv = await (await app.request(`${base(id)}/report.csv`, { headers: { cookie: leader.cookie } })).text();
      expect(csv).toContain(`,${terminated},TERMINATED,`);
      // A pass with nothing to do changes nothing.
      await handle.trigger();
      await sleep(1_000);
      expect((await getCampaignRun(database.db, id, period))?.status).toBe('COMPLETED');
    } finally {
      await temporal.client.schedule.getHandle(scheduleId).delete();
    }
  });
});

async function tasksOf(caseId: string) {
  return database.db.selectFrom('case_task').select('step_id').where('case_id', '=', caseId).execute();
}
