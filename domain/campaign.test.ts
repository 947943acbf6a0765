import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import { ZCampaignDefinition } from './campaign-schema.js';
import {
  CampaignError,
  campaignCaseId,
  decidedStatus,
  decisionRefusal,
  draftRefusal,
  endRefusal,
  fourEyesHold,
  submitRefusal,
  withdrawRefusal,
  campaignProgress,
  campaignRunWorkflowId,
  campaignScheduleId,
  campaignTargets,
  firstScheduledRun,
  foundViolation,
  monthsBetween,
  movedRunStartsAt,
  periodDueDate,
  periodKey,
  planRun,
  riskScore,
  type TCampaignDefinition,
  type TTargetFacts,
  type TTeamLoad,
} from './campaign.js';
import { HOLIDAYS_SEED } from './holidays-seed.js';
import { zodIssues } from './validation-issues.js';

const cal = new WorkingCalendar(HOLIDAYS_SEED, 'seed');

function definition(over: Partial<Record<string, unknown>> = {}): TCampaignDefinition {
  return ZCampaignDefinition.parse({
    id: 'atvstp-tet-2027',
    version: 1,
    kind: 'THEMED',
    title: 'Kiểm tra an toàn thực phẩm dịp Tết Đinh Mùi 2027',
    theme: 'An toàn thực phẩm',
    legalBasis: 'Thông tư 27/2020/TT-BCT, Điều 5 khoản 1 điểm b',
    planWindow: { from: '2026-12-01', to: '2027-02-28' },
    cadence: { kind: 'CALENDAR', daysOfWeek: [1], hour: 8 },
    targets: { sectors: ['Thực phẩm'] },
    quota: { perRun: 4, perTeam: 2 },
    teamIds: ['doi-1', 'doi-2'],
    procedure: { id: 'ins-inspection', version: 1 },
    ...over,
  });
}

function business(id: string, over: Partial<TTargetFacts> = {}): TTargetFacts {
  return {
    businessId: id,
    taxCode: `27000000${id.padStart(2, '0')}`,
    name: `Cơ sở ${id}`,
    status: 'ACTIVE',
    sector: 'Thực phẩm',
    productGroups: ['Bánh kẹo'],
    area: { code: '14368', name: 'Phường Hoa Lư' },
    marketId: null,
    priorViolations: 0,
    lastInspectedOn: '2025-06-01',
    openTips: 0,
    plannedInspectionsThisYear: 0,
    conflictUserIds: [],
    ...over,
  };
}

const TEAMS: TTeamLoad[] = [
  {
    teamId: 'doi-1',
    openTasks: 5,
    inspectors: [
      { userId: 'an', openTasks: 3 },
      { userId: 'ba', openTasks: 1 },
    ],
  },
  { teamId: 'doi-2', openTasks: 1, inspectors: [{ userId: 'binh', openTasks: 0 }] },
];

describe('a campaign definition', () => {
  it('keeps a routine plan within 01/01–15/11 of one year (TT 27/2020 Art. 5(1)(a))', () => {
    const r = ZCampaignDefinition.safeParse({ ...definition(), kind: 'ROUTINE', planWindow: { from: '2027-01-01', to: '2027-11-30' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/01\/01–15\/11.*Thông tư 27\/2020/);
    expect(zodIssues(r.error!.issues)[0]).toMatchObject({ path: 'planWindow', rule: 'routineWindow' });
    expect(ZCampaignDefinition.safeParse({ ...definition(), kind: 'ROUTINE', planWindow: { from: '2027-01-01', to: '2027-11-15' } }).success).toBe(true);
  });

  it('refuses a window that ends before it starts, a per-run quota the teams cannot hold, and a repeated team', () => {
    const r = ZCampaignDefinition.safeParse({ ...definition(), planWindow: { from: '2027-02-01', to: '2027-01-01' }, quota: { perRun: 5, perTeam: 2 }, teamIds: ['doi-1', 'doi-1'] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['planWindow.to', 'quota.perRun', 'teamIds']);
    expect(zodIssues(r.error!.issues).map(({ rule, params }) => ({ rule, params }))).toEqual([
      { rule: 'order', params: { first: 'planWindow.from', second: 'planWindow.to' } },
      { rule: 'perRunMax', params: { n: 4 } },
      { rule: 'repeated', params: { value: 'doi-1' } },
    ]);
  });

  it('refuses a procedure version beyond what PostgreSQL stores as an integer (the property test once got a 500 from one)', () => {
    const r = ZCampaignDefinition.safeParse({ ...definition(), procedure: { id: 'ins-inspection', version: 2_147_483_648 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['procedure.version']);
  });
});

describe('the risk score', () => {
  it('weighs prior violations, open tips and time since the last inspection, each with its reason', () => {
    const r = riskScore(business('1', { priorViolations: 2, openTips: 1, lastInspectedOn: '2024-06-30' }), '2026-12-07');
    expect(r.score).toBe(6 + 2 + 2);
    expect(r.reasons).toEqual(['2 vi phạm trong 3 năm (+6)', '1 tin báo đang xử lý (+2)', '29 tháng chưa kiểm tra (+2)']);
    expect(riskScore(business('2', { lastInspectedOn: null }), '2026-12-07')).toEqual({ score: 2, reasons: ['chưa từng được kiểm tra (+2)'] });
    expect(riskScore(business('3', { lastInspectedOn: '2026-11-01' }), '2026-12-07')).toEqual({ score: 0, reasons: [] });
  });

  it('counts whole months', () => {
    expect(monthsBetween('2025-12-08', '2026-12-07')).toBe(11);
    expect(monthsBetween('2025-12-07', '2026-12-07')).toBe(12);
  });
});

describe('planning a run', () => {
  it('moves a run due on a holiday to the next working day and says why', () => {
    // 01/01/2027 is New Year's Day (a Friday): the run moves to Monday 04/01.
    const plan = planRun({ def: definition(), calendar: cal, dueDate: '2027-01-01', candidates: [business('1')], teams: TEAMS });
    expect(plan.runDate).toBe('2027-01-04');
    expect(plan.movedBecause).toMatch(/Tết Dương lịch|năm mới|1\/1|Dương lịch/i);
    const anyway = planRun({ def: definition({ holidayPolicy: 'RUN_ANYWAY' }), calendar: cal, dueDate: '2027-01-01', candidates: [business('1')], teams: TEAMS });
    expect(anyway.runDate).toBe('2027-01-01');
  });

  it('selects the most urgent businesses that match the rules, deterministically, with reasons and exclusions', () => {
    const candidates = [
      business('1', { priorViolations: 1 }),
      business('2', { sector: 'Xăng dầu' }),
      business('3', { openTips: 2 }),
      business('4', { lastInspectedOn: null }),
      business('5', { status: 'CLOSED' }),
      business('6'),
      business('7', { lastInspectedOn: '2023-01-01' }),
    ];
    const plan = planRun({ def: definition(), calendar: cal, dueDate: '2026-12-07', candidates, teams: TEAMS });
    expect(plan.selected.map((t) => [t.businessId, t.score, t.rank])).toEqual([
      // The default last inspection (2025-06-01) is 18 months back: +1 each.
      ['3', 5, 1],
      ['1', 4, 2],
      // Equal scores: the one never inspected first, then the one inspected longest ago.
      ['4', 2, 3],
      ['7', 2, 4],
    ]);
    expect(plan.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ businessId: '2', reason: 'ngoài lĩnh vực của kế hoạch' }),
        expect.objectContaining({ businessId: '5', reason: 'đang ở trạng thái CLOSED' }),
        expect.objectContaining({ businessId: '6', reason: 'ngoài hạn mức 4 cơ sở mỗi đợt (điểm 1)' }),
      ]),
    );
    // Each business left out is named, so a scheduler reads who was left out, not an id.
    expect(plan.excluded.find((x) => x.businessId === '5')).toEqual({ businessId: '5', name: 'Cơ sở 5', taxCode: '2700000005', reason: 'đang ở trạng thái CLOSED' });
    expect(plan.canStart).toBe(true);
    // The same inputs in another order give the same plan: what the dry run shows is what runs.
    expect(planRun({ def: definition(), calendar: cal, dueDate: '2026-12-07', candidates: [...candidates].reverse(), teams: [...TEAMS].reverse() })).toEqual(plan);
  });

  it('blocks the whole run outside the plan window', () => {
    const plan = planRun({ def: definition(), calendar: cal, dueDate: '2027-03-01', candidates: [business('1')], teams: TEAMS });
    expect(plan.canStart).toBe(false);
    expect(plan.findings[0]).toMatchObject({ code: 'OUTSIDE_PLAN_WINDOW', severity: 'BLOCKING' });
    // Its words say dates as the reader reads them; its values (ISO) let a reader in another language be told the same.
    const { from, to } = definition().planWindow;
    const dmy = (d: string) => d.split('-').reverse().join('/');
    expect(plan.findings[0]!.message).toBe(`Ngày chạy 01/03/2027 nằm ngoài thời gian của kế hoạch ${dmy(from)} – ${dmy(to)}.`);
    expect(plan.findings[0]!.params).toEqual({ runDate: '2027-03-01', from, to, routine: 0 });
  });

  it('leaves out a business already inspected the allowed number of times this year, and reports overlaps with other campaigns', () => {
    const plan = planRun({
      def: definition(),
      calendar: cal,
      dueDate: '2026-12-07',
      candidates: [business('1', { plannedInspectionsThisYear: 1, priorViolations: 5 }), business('2')],
      teams: TEAMS,
      otherCampaigns: { '2': ['xang-dau-2026'] },
    });
    expect(plan.selected.map((t) => t.businessId)).toEqual(['2']);
    expect(plan.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'YEARLY_LIMIT_REACHED', businessId: '1', severity: 'BLOCKING' }),
        expect.objectContaining({ code: 'OVERLAPS_OTHER_CAMPAIGN', businessId: '2', severity: 'REPORT', message: expect.stringContaining('xang-dau-2026') }),
      ]),
    );
    expect(plan.canStart).toBe(true);
  });

  it('spreads targets by open workload within the per-team quota, never to an inspector with a conflict of interest', () => {
    const candidates = [
      business('1', { priorViolations: 3, conflictUserIds: ['binh'] }),
      business('2', { priorViolations: 2 }),
      business('3', { priorViolations: 1, conflictUserIds: ['an', 'ba', 'binh'] }),
      business('4', { openTips: 1 }),
    ];
    const plan = planRun({ def: definition(), calendar: cal, dueDate: '2026-12-07', candidates, teams: TEAMS });
    expect(plan.assignments).toEqual([
      // Team 2 is the least loaded, but its only inspector has a conflict with business 1.
      { businessId: '1', teamId: 'doi-1', assigneeId: 'ba', rank: 1 },
      { businessId: '2', teamId: 'doi-2', assigneeId: 'binh', rank: 2 },
      { businessId: '4', teamId: 'doi-2', assigneeId: 'binh', rank: 4 },
    ]);
    expect(plan.findings).toContainEqual(expect.objectContaining({ code: 'CONFLICT_OF_INTEREST', businessId: '3', severity: 'BLOCKING' }));
  });

  it('skips businesses that already have a case of this period, so a repeated run starts nothing twice', () => {
    const plan = planRun({ def: definition(), calendar: cal, dueDate: '2026-12-07', candidates: [business('1'), business('2')], teams: TEAMS, alreadyStarted: ['1'] });
    expect(plan.selected.map((t) => t.businessId)).toEqual(['2']);
    expect(plan.excluded).toContainEqual(expect.objectContaining({ businessId: '1', reason: 'đã có hồ sơ kiểm tra của đợt này' }));
  });

  it('never exceeds a quota, never assigns a conflicted inspector, never assigns twice (any registry)', () => {
    const facts = fc.record({
      priorViolations: fc.nat(4),
      openTips: fc.nat(3),
      plannedInspectionsThisYear: fc.nat(2),
      lastInspectedOn: fc.option(fc.constantFrom('2022-03-01', '2025-01-15', '2026-10-01'), { nil: null }),
      conflictUserIds: fc.subarray(['an', 'ba', 'binh']),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (rows, perRun, perTeam) => {
        const def = definition({ quota: { perRun: Math.min(perRun, perTeam * 2), perTeam } });
        const candidates = rows.map((r, i) => business(String(i + 1), r));
        const plan = planRun({ def, calendar: cal, dueDate: '2026-12-07', candidates, teams: TEAMS });
        expect(plan.selected.length).toBeLessThanOrEqual(def.quota.perRun);
        for (const teamId of ['doi-1', 'doi-2']) expect(plan.assignments.filter((a) => a.teamId === teamId).length).toBeLessThanOrEqual(perTeam);
        expect(new Set(plan.assignments.map((a) => a.businessId)).size).toBe(plan.assignments.length);
        for (const a of plan.assignments) {
          const c = candidates.find((x) => x.businessId === a.businessId)!;
          expect(c.conflictUserIds).not.toContain(a.assigneeId);
          expect(c.plannedInspectionsThisYear).toBeLessThan(def.guardrails.maxPlannedPerBusinessPerYear);
        }
        // Every selected target is either assigned or has a blocking finding saying why not.
        for (const t of plan.selected) {
          expect(plan.assignments.some((a) => a.businessId === t.businessId) || plan.findings.some((f) => f.businessId === t.businessId && f.severity === 'BLOCKING')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('campaign periods and case ids', () => {
  it('name the period by its Vietnam date (calendar cadence) or second (interval cadence)', () => {
    const at = new Date('2026-12-06T17:30:00Z'); // 00:30 on 07/12 in Vietnam
    expect(periodKey({ kind: 'CALENDAR', daysOfMonth: [], months: [], daysOfWeek: [1], hour: 8, minute: 0 }, at)).toBe('20261207');
    expect(periodKey({ kind: 'INTERVAL', every: { amount: 5, unit: 'seconds' } }, at)).toBe('20261207T003000');
  });

  it('are the same for every run of one period, so a repeated run cannot open a second case', () => {
    expect(campaignCaseId('nb', 'atvstp-tet-2027', '20261207', '2700000001')).toBe('inspection/nb/atvstp-tet-2027/20261207/2700000001');
  });
});

describe("a version's first scheduled run", () => {
  const window = { from: '2026-12-14', to: '2027-02-05' };
  const cal = (over: Record<string, unknown>) => ({ kind: 'CALENDAR' as const, daysOfMonth: [], months: [], daysOfWeek: [], hour: 8, minute: 0, ...over });
  const first = (cadence: Parameters<typeof firstScheduledRun>[0]['cadence'], now: string, planWindow = window) => firstScheduledRun({ cadence, planWindow }, new Date(now))?.toISOString();

  it('is in the window, at the cadence, in Vietnam time: not now when the window has not begun', () => {
    // Seen on Sunday 06/12/2026 05:00 for a weekly Monday 08:00 plan from 14/12: its first run is Monday 14/12 08:00 (01:00 UTC).
    expect(first(cal({ daysOfWeek: [1] }), '2026-12-05T22:00:00Z')).toBe('2026-12-14T01:00:00.000Z');
    // Within the window: the next Monday after now, or today if 08:00 has not passed.
    expect(first(cal({ daysOfWeek: [1] }), '2026-12-21T00:59:00Z')).toBe('2026-12-21T01:00:00.000Z');
    expect(first(cal({ daysOfWeek: [1] }), '2026-12-21T01:00:01Z')).toBe('2026-12-28T01:00:00.000Z');
  });

  it('needs every field given to match, as a Temporal calendar spec does', () => {
    // The first Monday of a month in the window: 04/01/2027 (a day of the month 1–7 and a Monday).
    expect(first(cal({ daysOfWeek: [1], daysOfMonth: [1, 2, 3, 4, 5, 6, 7], hour: 7, minute: 30 }), '2026-12-15T00:00:00Z')).toBe('2027-01-04T00:30:00.000Z');
    // Only in February: 01/02/2027.
    expect(first(cal({ months: [2] }), '2026-12-01T00:00:00Z')).toBe('2027-02-01T01:00:00.000Z');
    // The 31st of a month in the window: 31/12/2026.
    expect(first(cal({ daysOfMonth: [31] }), '2026-12-01T00:00:00Z')).toBe('2026-12-31T01:00:00.000Z');
  });

  it('counts an interval from the epoch, from the window on', () => {
    const every7h = { kind: 'INTERVAL' as const, every: { amount: 7, unit: 'hours' as const } };
    const at = Date.parse(first(every7h, '2026-12-01T00:00:00Z')!);
    expect(at % (7 * 3_600_000)).toBe(0);
    expect(at).toBeGreaterThanOrEqual(Date.parse('2026-12-13T17:00:00Z')); // 14/12 00:00 in Vietnam
    expect(at - 7 * 3_600_000).toBeLessThan(Date.parse('2026-12-13T17:00:00Z'));
  });

  it('is none once the window has no run left', () => {
    expect(first(cal({ daysOfWeek: [1] }), '2027-02-05T00:00:00Z')).toBeUndefined(); // Friday 05/02, the last day; no Monday left
    expect(first(cal({ months: [3] }), '2026-12-01T00:00:00Z')).toBeUndefined();
    expect(first(cal({ hour: 23, minute: 59 }), '2027-02-05T16:59:30Z')).toBeUndefined(); // the last day, 23:59:30 in Vietnam: its 23:59:00 has passed
  });
});

describe('campaign ids', () => {
  it('are legible: the schedule, the runs (the server appends the time) and a campaign id that cannot pass for a year', () => {
    expect(campaignScheduleId('nb', 'atvstp-tet-2027')).toBe('campaign/nb/atvstp-tet-2027');
    expect(campaignRunWorkflowId('nb', 'atvstp-tet-2027')).toBe('campaign-run/nb/atvstp-tet-2027');
    const slug = ZCampaignDefinition.safeParse({ ...definition(), id: '2026' }).error!.issues;
    expect(zodIssues(slug)).toEqual([{ path: 'id', message: 'must be 2–60 lower-case letters, digits or -, starting with a letter', rule: 'slug' }]);
  });

  it('start a moved run at 08:00 Vietnam time of its working day, and read a period back as its due date', () => {
    expect(movedRunStartsAt('2026-01-05').toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(periodDueDate('20260101')).toBe('2026-01-01');
    expect(periodDueDate('20261128T153000')).toBe('2026-11-28');
  });
});

describe('targets, violations and progress', () => {
  it('matches a market or a hotspot named by the rules', () => {
    const def = definition({ targets: { sectors: [], marketIds: ['nb-ql1a'] } });
    const facts = [business('1', { marketId: 'nb-ql1a' }), business('2', { hotspotIds: ['nb-ql1a'] }), business('3', { hotspotIds: ['other'] })];
    expect(campaignTargets(def, facts, '2026-12-07')).toEqual(['1', '2']);
  });

  it('counts a violation from the inspection record or from a penalty case', () => {
    expect(foundViolation('INSPECTION', ['ISSUED', 'VIOLATION_WITH_SEIZURE'])).toBe(true);
    expect(foundViolation('INSPECTION', ['ISSUED', 'NO_VIOLATION', 'CLOSED'])).toBe(false);
    expect(foundViolation('PENALTY', [])).toBe(true);
  });

  it('adds sub-cases (penalty, seizure) to their inspection: overdue, violation and fines', () => {
    const root = 'inspection/nb/atvstp-tet-2027/20261207/2700000001';
    const other = 'inspection/nb/atvstp-tet-2027/20261207/2700000002';
    const { totals, cases } = campaignProgress(3, [
      { caseId: `${root}/A10P`, kind: 'PENALTY', status: 'OPEN', overdue: true, outcomes: ['RECORDED'], fines: { decided: 5_000_000, paid: 2_000_000 } },
      { caseId: root, kind: 'INSPECTION', status: 'OPEN', overdue: false, outcomes: ['ISSUED'], fines: {} },
      { caseId: other, kind: 'INSPECTION', status: 'CLOSED', overdue: false, outcomes: ['NO_VIOLATION', 'CLOSED'], fines: {} },
    ]);
    expect(cases.get(root)).toEqual({ caseId: root, status: 'OPEN', overdue: true, violation: true, fineDecided: 5_000_000, finePaid: 2_000_000 });
    expect(totals).toEqual({ planned: 3, started: 2, done: 1, abandoned: 0, violations: 1, overdue: 1, fineDecided: 5_000_000, finePaid: 2_000_000 });
  });

  it('counts a case closed by hand in Temporal as abandoned, neither done nor overdue', () => {
    const root = 'inspection/nb/atvstp-tet-2027/20261214/2700123459';
    const { totals, cases } = campaignProgress(1, [{ caseId: root, kind: 'INSPECTION', status: 'TERMINATED', overdue: true, outcomes: [], fines: {} }]);
    expect(cases.get(root)?.status).toBe('TERMINATED');
    expect(totals).toMatchObject({ planned: 1, started: 1, done: 0, abandoned: 1, overdue: 0 });
  });
});

describe('the lifecycle of a campaign version', () => {
  const end = { at: '2027-01-05T02:00:00.000Z', by: 'chicuctruong.hai', note: 'Hủy kế hoạch' };
  const v = (status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED', createdBy = 'kehoach.nga', submittedBy: string | null = null) => ({ status, createdBy, submittedBy });

  it('saves a new campaign as version 1 and a new version as the next number only', () => {
    expect(draftRefusal({ unitId: 'U1', campaignId: 'c', version: 1, latest: null })).toBeUndefined();
    expect(draftRefusal({ unitId: 'U1', campaignId: 'c', version: 3, owner: 'U1', latest: 2 })).toBeUndefined();
    const skipped = draftRefusal({ unitId: 'U1', campaignId: 'c', version: 4, owner: 'U1', latest: 2 });
    expect(skipped).toMatchObject({ code: 'CONFLICT', message: 'The next version of c is 3, not 4.' });
  });

  it('changes a stored draft but never a submitted, approved, rejected or superseded version', () => {
    expect(draftRefusal({ unitId: 'U1', campaignId: 'c', version: 2, existing: { unitId: 'U1', status: 'DRAFT' }, owner: 'U1', latest: 2 })).toBeUndefined();
    for (const status of ['SUBMITTED', 'APPROVED', 'REJECTED', 'SUPERSEDED'] as const) {
      expect(draftRefusal({ unitId: 'U1', campaignId: 'c', version: 2, existing: { unitId: 'U1', status }, owner: 'U1', latest: 2 })?.message).toBe(
        `c version 2 is ${status.toLowerCase()} and can no longer change; save a new version.`,
      );
    }
  });

  it('refuses a campaign id another unit holds, whether or not the version exists', () => {
    expect(draftRefusal({ unitId: 'U1', campaignId: 'c', version: 1, existing: { unitId: 'U2', status: 'DRAFT' }, owner: 'U2', latest: 1 })?.message).toBe(
      'The campaign id c is taken; choose another.',
    );
    expect(draftRefusal({ unitId: 'U1', campaignId: 'c', version: 2, owner: 'U2', latest: 1 })?.message).toBe('The campaign id c is taken; choose another.');
  });

  it('refuses every change to an ended campaign, saying when and by whom, marked as ended', () => {
    const refusals = [
      draftRefusal({ unitId: 'U1', campaignId: 'c', version: 2, end, owner: 'U1', latest: 1 }),
      submitRefusal('c', 1, v('DRAFT'), end),
      withdrawRefusal('c', 1, v('SUBMITTED'), end),
      decisionRefusal('c', 1, v('SUBMITTED'), 'chicuctruong.hai', true, end),
      endRefusal('c', 1, end),
    ];
    for (const r of refusals) {
      expect(r).toBeInstanceOf(CampaignError);
      expect(r).toMatchObject({ code: 'CONFLICT', ended: true });
      expect(r?.message).toBe('Campaign c was ended on 2027-01-05T02:00:00.000Z by chicuctruong.hai (Hủy kế hoạch); an ended campaign no longer changes or runs.');
    }
  });

  it('submits only a draft, withdraws only a submitted version, decides only a submitted version', () => {
    expect(submitRefusal('c', 1, v('DRAFT'))).toBeUndefined();
    expect(withdrawRefusal('c', 1, v('SUBMITTED'))).toBeUndefined();
    expect(decisionRefusal('c', 1, v('SUBMITTED', 'kehoach.nga', 'kehoach.nga'), 'chicuctruong.hai', true)).toBeUndefined();
    for (const status of ['SUBMITTED', 'APPROVED', 'REJECTED', 'SUPERSEDED'] as const) expect(submitRefusal('c', 1, v(status))).toMatchObject({ code: 'CONFLICT', ended: false });
    for (const status of ['DRAFT', 'APPROVED', 'REJECTED', 'SUPERSEDED'] as const) {
      expect(withdrawRefusal('c', 1, v(status))?.message).toBe(`c version 1 is ${status.toLowerCase()}; only a submitted version awaiting the director is withdrawn.`);
      expect(decisionRefusal('c', 1, v(status), 'chicuctruong.hai', false)?.message).toBe(`c version 1 is ${status.toLowerCase()}; only a submitted version is approved or rejected.`);
    }
  });

  it('says a missing version or campaign is not found before anything else', () => {
    expect(submitRefusal('c', 9, undefined, end)).toMatchObject({ code: 'NOT_FOUND', message: 'No version 9 of campaign c.' });
    expect(withdrawRefusal('c', 9, undefined)).toMatchObject({ code: 'NOT_FOUND' });
    expect(decisionRefusal('c', 9, undefined, 'x', true)).toMatchObject({ code: 'NOT_FOUND' });
    expect(endRefusal('c', 0)).toMatchObject({ code: 'NOT_FOUND', message: 'No campaign c in your unit.' });
    expect(endRefusal('c', 2)).toBeUndefined();
  });

  it('keeps four eyes on an approval: neither the drafter nor the submitter approves, but either may reject', () => {
    const submitted = v('SUBMITTED', 'kehoach.nga', 'kehoach.binh');
    for (const who of ['kehoach.nga', 'kehoach.binh']) {
      expect(fourEyesHold(submitted, who)).toBe(false);
      expect(decisionRefusal('c', 1, submitted, who, true)).toMatchObject({ code: 'FORBIDDEN', message: 'A plan is approved by someone other than the person who drafted or submitted it.' });
      expect(decisionRefusal('c', 1, submitted, who, false)).toBeUndefined();
    }
    expect(fourEyesHold(submitted, 'chicuctruong.hai')).toBe(true);
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.option(fc.string(), { nil: null }),
        (creator, approver, submitter) => fourEyesHold({ createdBy: creator, submittedBy: submitter }, approver) === (approver !== creator && approver !== submitter),
      ),
    );
  });

  it('gives an approved decision APPROVED and a rejection REJECTED', () => {
    expect(decidedStatus(true)).toBe('APPROVED');
    expect(decidedStatus(false)).toBe('REJECTED');
  });
});
