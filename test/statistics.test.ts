/**
 * The statistics on real PostgreSQL (docs/statistics.md): facts written with the case, a report's
 * figures for any period and grouping, the same figures summed from the drill-down's case list,
 * what is outstanding, the locking of a period (frozen figures and facts, a hash that checks,
 * later changes shown as the next period's adjustments and taken over by its lock), two units
 * kept apart, and the API: who sees what, CSV, Excel read back, PDF.
 */
import { sql } from 'kysely';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { drillAll } from './statistics-support.js';
import { type drillDown, lockPeriod, rebuildStaleFacts, statisticsReport, verifyLock, writeCaseFacts, StatisticsError } from '../db/repositories/statistics.js';
import type { TCaseProjection } from '../domain/projection.js';
import { FACT_INDICATORS, type TFactIndicator } from '../domain/statistics/indicators.js';
import { customPeriod, periodOf, PERIOD_KINDS, type TPeriod } from '../domain/statistics/periods.js';
import { pdfText } from './pdf-tools.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase } from './support.js';

let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;

const UNIT = 'nb';
const OTHER = 'th';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  ({ app, close } = await createTestApp(database.db));
  const db = database.db;
  await db
    .insertInto('business')
    .values([
      {
        id: 'b-kem',
        unit_id: UNIT,
        tax_code: '0100000001',
        name: 'Cửa hàng mỹ phẩm Hoa Lư',
        name_key: 'cua hang my pham hoa lu',
        type: 'HOUSEHOLD',
        province: 'Ninh Bình',
        commune: 'Phường Hoa Lư',
        commune_key: 'phuong hoa lu',
        status: 'ACTIVE',
        search_text: 'x',
        created_by: 't',
        updated_by: 't',
        updated_at: new Date(),
        product_groups: ['Mỹ phẩm'],
      },
      {
        id: 'b-bia',
        unit_id: UNIT,
        tax_code: '0100000002',
        name: 'Đại lý bia Tam Điệp',
        name_key: 'dai ly bia tam diep',
        type: 'HOUSEHOLD',
        province: 'Ninh Bình',
        commune: 'Phường Tam Điệp',
        commune_key: 'phuong tam diep',
        status: 'ACTIVE',
        search_text: 'x',
        created_by: 't',
        updated_by: 't',
        updated_at: new Date(),
        product_groups: ['Đồ uống'],
      },
    ])
    .execute();
}, 120_000);
afterAll(async () => {
  await close?.();
  await database?.drop();
});

type TStep = TCaseProjection['snapshot']['completed'][number];
const done = (stepId: string, outcome: string, data: Record<string, unknown>, at: string, by = 'kiemsoat.an', extra: Partial<TStep> = {}): TStep =>
  ({ stepId, outcome, data, by, role: 'INSPECTOR', at, requestId: `r-${stepId}-${at}`, evidence: [], ...extra }) as TStep;

/** A case as the projection would store it, with its facts (the projection's own writer). */
async function putCase(c: {
  caseId: string;
  kind: string;
  unitId?: string;
  teamId?: string;
  openedAt: string;
  closedAt?: string;
  businessId?: string;
  campaignId?: string;
  parentCaseId?: string;
  procedure?: { id: string; version: number };
  completed: TStep[];
  events?: TCaseProjection['snapshot']['events'];
}): Promise<void> {
  const p = {
    caseId: c.caseId,
    kind: c.kind,
    procedureId: c.procedure?.id ?? 'ins-x',
    procedureVersion: c.procedure?.version ?? 1,
    status: c.closedAt ? 'CLOSED' : 'OPEN',
    overdue: false,
    unitId: c.unitId ?? UNIT,
    teamId: c.teamId ?? `${c.unitId ?? UNIT}-doi-1`,
    title: `Hồ sơ ${c.caseId}`,
    businessId: c.businessId,
    campaignId: c.campaignId,
    parentCaseId: c.parentCaseId,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    currentSteps: [],
    stateSeq: 1,
    tasks: [],
    escalations: [],
    snapshot: { completed: c.completed, events: c.events ?? [] },
  } as unknown as TCaseProjection;
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_file')
      .values({
        case_id: p.caseId,
        kind: p.kind,
        procedure_id: p.procedureId,
        procedure_version: p.procedureVersion,
        status: p.status,
        overdue: false,
        unit_id: p.unitId,
        team_id: p.teamId,
        title: p.title,
        business_id: c.businessId ?? null,
        campaign_id: c.campaignId ?? null,
        parent_case_id: c.parentCaseId ?? null,
        opened_at: p.openedAt,
        closed_at: p.closedAt ?? null,
        current_steps: [],
        state_seq: 1,
        snapshot: JSON.stringify(p.snapshot),
      })
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ snapshot: JSON.stringify(p.snapshot), status: p.status, closed_at: p.closedAt ?? null }))
      .execute();
    await writeCaseFacts(trx, p);
  });
}

const NOV = periodOf('MONTH', '2025-11'); // 15/10/2025 – 14/11/2025
const DEC = periodOf('MONTH', '2025-12'); // 15/11/2025 – 14/12/2025
const JAN = periodOf('MONTH', '2026-01');

beforeAll(async () => {
  // An inspection of the cosmetics shop under a campaign, announced in November; its penalty
  // decided on 14/11 (the last day of November's period), paid in part on 20/11 and by coercion
  // (a child case) in December; its seizure's goods destroyed in December.
  await putCase({
    caseId: 'nb-i1',
    kind: 'INSPECTION',
    openedAt: '2025-10-20T02:00:00Z',
    closedAt: '2025-11-20T02:00:00Z',
    businessId: 'b-kem',
    campaignId: 'kh-my-pham',
    completed: [done('A7', 'ANNOUNCED', { announcedAt: '2025-10-22' }, '2025-10-22T03:00:00Z')],
  });
  await putCase({
    caseId: 'nb-p1',
    kind: 'PENALTY',
    parentCaseId: 'nb-i1',
    openedAt: '2025-11-01T02:00:00Z',
    completed: [
      done('B1', 'RECORDED', { acts: [{ violation: { code: 'ND98/2020:17.1.a' } }] }, '2025-11-01T02:00:00Z'),
      done('B6', 'DECIDED', { decisionDate: '2025-11-14', fineAmount: 10_000_000, confiscatedValue: 3_000_000 }, '2025-11-14T09:00:00Z', 'chicuctruong.hai'),
    ],
    events: [{ id: 'PAYMENT_RECEIVED', at: '2025-11-20T02:00:00Z', key: 'tx1', data: { amount: 4_000_000, paidAt: '2025-11-20T02:00:00Z' } }],
  });
  await putCase({
    caseId: 'nb-e1',
    kind: 'ENFORCEMENT',
    parentCaseId: 'nb-p1',
    openedAt: '2025-12-01T02:00:00Z',
    completed: [done('E3', 'ENFORCED', { collectedAmount: 6_000_000 }, '2025-12-05T02:00:00Z')],
  });
  await putCase({
    caseId: 'nb-s1',
    kind: 'SEIZURE',
    parentCaseId: 'nb-i1',
    openedAt: '2025-11-01T02:00:00Z',
    completed: [done('D6', 'CONFISCATED', { confiscatedValue: 0, destroyedValue: 8_000_000 }, '2025-12-02T02:00:00Z')],
  });
  // Team 2: a beer agency's on-the-spot fine on 15/11 (December's period), paid the same day; a tip received and handled.
  await putCase({
    caseId: 'nb-n1',
    kind: 'PENALTY_NO_RECORD',
    teamId: 'nb-doi-2',
    businessId: 'b-bia',
    openedAt: '2025-11-15T02:00:00Z',
    closedAt: '2025-11-15T08:00:00Z',
    completed: [
      done('N1', 'DECIDED', { decisionDate: '2025-11-15', fineAmount: 500_000, violation: 'ND98/2020:17.1.c' }, '2025-11-15T02:00:00Z', 'kiemsoat.binh'),
      done('N2', 'PAID', { paidAmount: 500_000, paidDate: '2025-11-15' }, '2025-11-15T08:00:00Z', 'kiemsoat.binh', {
        deadline: { due: '2025-11-25', dueAt: '2025-11-25T17:00:00Z' },
      } as Partial<TStep>),
    ],
  });
  await putCase({ caseId: 'nb-t1', kind: 'TIP', teamId: 'nb-doi-2', openedAt: '2025-11-03T02:00:00Z', closedAt: '2025-11-10T02:00:00Z', completed: [] });
  // The other unit: a large fine that must never show in Ninh Bình's figures.
  await putCase({
    caseId: 'th-n1',
    kind: 'PENALTY_NO_RECORD',
    unitId: OTHER,
    teamId: 'th-doi-1',
    openedAt: '2025-11-05T02:00:00Z',
    completed: [done('N1', 'DECIDED', { decisionDate: '2025-11-05', fineAmount: 90_000_000 }, '2025-11-05T02:00:00Z', 'th.doitruong')],
  });
}, 60_000);

const report = (period: TPeriod, extra: { teamId?: string; unitId?: string | null; groupBy?: Parameters<typeof statisticsReport>[1]['groupBy'] } = {}) =>
  statisticsReport(database.db, { unitId: extra.unitId === undefined ? UNIT : extra.unitId, teamId: extra.teamId, period, groupBy: extra.groupBy });

/** Every page of a drill-down (two cases a page), summed: the figure the other way round. */
const drilledSum = (
  period: TPeriod,
  indicator: TFactIndicator | 'OUTSTANDING',
  extra: { teamId?: string; dimension?: Parameters<typeof drillDown>[1]['dimension']; value?: string | null; adjustmentOf?: string } = {},
): Promise<{ sum: number; cases: string[] }> => drillAll(database.db, { unitId: UNIT, period, indicator, ...extra }, 2);

describe('the unit’s figures', () => {
  it('counts each fact in the statistical month of the date the law names (14/11 in November, 15/11 in December)', async () => {
    const nov = await report(NOV);
    expect(nov.totals).toMatchObject({
      INSPECTIONS: 1,
      VIOLATION_CASES: 1,
      FINES_IMPOSED: 10_000_000,
      CONFISCATED_VALUE: 3_000_000,
      TIPS_RECEIVED: 1,
      TIPS_HANDLED: 1,
      CASES_CLOSED: 1,
      CYCLE_DAYS: 7,
    });
    const dec = await report(DEC);
    expect(dec.totals).toMatchObject({ VIOLATION_CASES: 1, FINES_IMPOSED: 500_000, DESTROYED_VALUE: 8_000_000, BUDGET_COLLECTED: 4_000_000 + 500_000 + 6_000_000, STEPS_ON_TIME: 1, INSPECTIONS: 0 });
    // The other unit's 90 million is in neither.
    expect((await report(customPeriod('2025-01-01', '2025-12-31'))).totals.FINES_IMPOSED).toBe(10_500_000);
    expect((await report(NOV, { unitId: OTHER })).totals.FINES_IMPOSED).toBe(90_000_000);
    // National: both.
    expect((await report(NOV, { unitId: null })).totals.FINES_IMPOSED).toBe(100_000_000);
  });

  it('keeps what is still owed per matter: the fine less what was paid, the coercion in its child case included', async () => {
    expect((await report(NOV)).outstanding).toBe(10_000_000); // paid on 20/11, after November's end
    expect((await report(DEC)).outstanding).toBe(0); // 4 paid + 6 collected by coercion
    expect((await report(customPeriod('2025-11-15', '2025-11-30'))).outstanding).toBe(6_000_000);
    expect((await drilledSum(customPeriod('2025-11-15', '2025-11-30'), 'OUTSTANDING')).cases).toEqual(['nb-p1']);
  });

  it('groups by team, officer, violation, product group, commune and campaign, the sub-cases under their parent’s business and campaign', async () => {
    const byTeam = await report(DEC, { groupBy: 'team' });
    expect(byTeam.groups!.map((g) => [g.value, g.totals.FINES_IMPOSED])).toEqual(
      expect.arrayContaining([
        ['nb-doi-2', 500_000],
        ['nb-doi-1', 0],
      ]),
    );
    const byGroup = await report(customPeriod('2025-10-15', '2025-12-14'), { groupBy: 'productGroup' });
    const kem = byGroup.groups!.find((g) => g.value === 'Mỹ phẩm')!;
    expect(kem.totals).toMatchObject({ INSPECTIONS: 1, FINES_IMPOSED: 10_000_000, DESTROYED_VALUE: 8_000_000 });
    const byCampaign = await report(customPeriod('2025-10-15', '2025-12-14'), { groupBy: 'campaign' });
    expect(byCampaign.groups!.find((g) => g.value === 'kh-my-pham')!.totals.FINES_IMPOSED).toBe(10_000_000);
    const byOfficer = await report(NOV, { groupBy: 'officer' });
    expect(byOfficer.groups!.find((g) => g.value === 'chicuctruong.hai')!.totals.FINES_IMPOSED).toBe(10_000_000);
    const byViolation = await report(DEC, { groupBy: 'violation' });
    expect(byViolation.groups!.find((g) => g.value === 'ND98/2020:17.1.c')!.totals.VIOLATION_CASES).toBe(1);
    const byCommune = await report(customPeriod('2025-10-15', '2025-12-14'), { groupBy: 'commune' });
    expect(byCommune.groups!.find((g) => g.value === 'Phường Tam Điệp')!.totals.FINES_IMPOSED).toBe(500_000);
    // A team's own view.
    expect((await report(DEC, { teamId: 'nb-doi-2' })).totals).toMatchObject({ FINES_IMPOSED: 500_000, BUDGET_COLLECTED: 500_000 });
  });

  it('gives every figure, for every indicator, period and group, as the sum of the cases behind it', async () => {
    const periods = [
      NOV,
      DEC,
      ...PERIOD_KINDS.map((k) => periodOf(k, k === 'MONTH' ? '2025-12' : k === 'QUARTER' ? '2025-Q4' : k === 'HALF' ? '2025-H2' : '2025')),
      customPeriod('2025-01-01', '2025-12-31'),
    ];
    for (const period of periods) {
      const r = await report(period, { groupBy: 'team' });
      for (const i of FACT_INDICATORS) {
        expect((await drilledSum(period, i)).sum, `${period.key} ${i}`).toBe(r.totals[i]);
        for (const g of r.groups!) expect((await drilledSum(period, i, { dimension: 'team', value: g.value })).sum, `${period.key} ${i} ${g.value}`).toBe(g.totals[i]);
      }
      expect((await drilledSum(period, 'OUTSTANDING')).sum).toBe(r.outstanding);
    }
  });
});

/** The daily sums as the facts give them now, and as stored: they must be the same rows. */
async function dailyInStep(): Promise<void> {
  const fromFacts = await sql<{ k: string }>`
    select unit_id || '|' || occurred_on || '|' || indicator || '|' || sum(amount) || '|' || count(*) as k from stat_fact group by unit_id, occurred_on, indicator order by 1`.execute(database.db);
  const stored = await sql<{ k: string }>`select unit_id || '|' || occurred_on || '|' || indicator || '|' || amount || '|' || facts as k from stat_daily order by 1`.execute(database.db);
  expect(stored.rows.map((r) => r.k)).toEqual(fromFacts.rows.map((r) => r.k));
}

/** What is outstanding on a day, the slow way: every matter's facts up to that day. */
async function outstandingByScan(unitId: string, asOf: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select coalesce(sum(o), 0)::bigint as n from (select greatest(0, sum(case when indicator = 'FINES_IMPOSED' then amount else -amount end)) as o
    from stat_fact where unit_id = ${unitId} and occurred_on <= ${asOf}::date and indicator in ('FINES_IMPOSED', 'BUDGET_COLLECTED') group by matter_id) m`.execute(database.db);
  return r.rows[0]!.n;
}

describe('the daily sums and the matters', () => {
  it('keep in step with the facts as cases change, and give what a scan of every matter gives', async () => {
    await dailyInStep();
    for (const day of ['2025-11-13', '2025-11-14', '2025-11-19', '2025-11-20', '2025-12-04', '2025-12-05', '2026-06-30']) {
      expect((await report(customPeriod('2025-01-01', day))).outstanding, day).toBe(await outstandingByScan(UNIT, day));
    }
  });
});

describe('facts derived again', () => {
  it('gives the same figures when the worker derives the facts again from the stored cases (a newer derivation, or cases from before the statistics)', async () => {
    const db = database.db;
    const year = customPeriod('2025-01-01', '2025-12-31');
    const before = await report(year, { groupBy: 'productGroup' });
    const rows = await sql<{ n: number }>`select count(*)::int as n from stat_fact`.execute(db);
    // As before the statistics: no facts, no sums, no matters.
    await sql`delete from stat_fact`.execute(db);
    await sql`delete from stat_daily`.execute(db);
    await sql`delete from stat_matter`.execute(db);
    await sql`update case_file set facts_version = 0`.execute(db);
    expect((await report(year)).totals.FINES_IMPOSED).toBe(0);
    let n = 0;
    for (let k = await rebuildStaleFacts(db, 3); k > 0; k = await rebuildStaleFacts(db, 3)) n += k;
    expect(n).toBe(7); // every case stored, both units
    expect((await sql<{ n: number }>`select count(*)::int as n from stat_fact`.execute(db)).rows[0]!.n).toBe(rows.rows[0]!.n);
    expect(await report(year, { groupBy: 'productGroup' })).toEqual(before);
    await dailyInStep();
  });
});

describe('a locked period', () => {
  it('keeps its figures, shows later changes as the next period’s adjustments, and hands them to that period’s lock', async () => {
    const db = database.db;
    const before = await report(NOV);
    const lock = await lockPeriod(db, { unitId: UNIT, kind: 'MONTH', key: '2025-11', by: 'chicuctruong.hai', today: '2026-12-03', startDay: 15 });
    expect(lock.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(lock.figures.totals).toEqual(before.totals);
    await expect(verifyLock(db, UNIT, 'MONTH', '2025-11')).resolves.toMatchObject({ ok: true });

    // A correction after the lock: the November decision's fine was 12 million, not 10.
    await putCase({
      caseId: 'nb-p1',
      kind: 'PENALTY',
      parentCaseId: 'nb-i1',
      openedAt: '2025-11-01T02:00:00Z',
      completed: [
        done('B1', 'RECORDED', { acts: [{ violation: { code: 'ND98/2020:17.1.a' } }] }, '2025-11-01T02:00:00Z'),
        done('B6', 'DECIDED', { decisionDate: '2025-11-14', fineAmount: 12_000_000, confiscatedValue: 3_000_000 }, '2025-11-14T09:00:00Z', 'chicuctruong.hai'),
      ],
      events: [{ id: 'PAYMENT_RECEIVED', at: '2025-11-20T02:00:00Z', key: 'tx1', data: { amount: 4_000_000, paidAt: '2025-11-20T02:00:00Z' } }],
    });
    await dailyInStep();
    const nov = await report(NOV);
    expect(nov.lock?.hash).toBe(lock.hash);
    expect(nov.totals.FINES_IMPOSED).toBe(10_000_000);
    const dec = await report(DEC);
    expect(dec.totals.FINES_IMPOSED).toBe(500_000);
    expect(dec.adjustments).toEqual([expect.objectContaining({ periodKey: '2025-11', totals: expect.objectContaining({ FINES_IMPOSED: 2_000_000, VIOLATION_CASES: 0 }) })]);
    expect(await drilledSum(DEC, 'FINES_IMPOSED', { adjustmentOf: '2025-11' })).toEqual({ sum: 2_000_000, cases: ['nb-p1'] });
    // The stored facts of a lock cannot be changed or deleted.
    await expect(sql`update stat_locked_fact set amount = 1`.execute(db)).rejects.toThrow(/frozen/);
    await expect(sql`delete from stat_period_lock`.execute(db)).rejects.toThrow(/frozen/);
    await expect(lockPeriod(db, { unitId: UNIT, kind: 'MONTH', key: '2025-11', by: 'chicuctruong.hai', today: '2026-12-03', startDay: 15 })).rejects.toMatchObject({ code: 'PERIOD_LOCKED' });
    await expect(lockPeriod(db, { unitId: UNIT, kind: 'MONTH', key: '2026-12', by: 'chicuctruong.hai', today: '2026-12-03', startDay: 15 })).rejects.toBeInstanceOf(StatisticsError);

    // December is locked with November's adjustment in it; January then shows none.
    const decLock = await lockPeriod(db, { unitId: UNIT, kind: 'MONTH', key: '2025-12', by: 'chicuctruong.hai', today: '2026-12-03', startDay: 15 });
    expect(decLock.figures.adjustments.map((a) => [a.periodKey, a.totals.FINES_IMPOSED])).toEqual([['2025-11', 2_000_000]]);
    expect((await report(JAN)).adjustments).toEqual([]);
    expect((await report(DEC)).adjustments[0]!.totals.FINES_IMPOSED).toBe(2_000_000);
    await expect(verifyLock(db, UNIT, 'MONTH', '2025-12')).resolves.toMatchObject({ ok: true });
    // The other unit's periods are its own: nothing of Ninh Bình's locks holds there.
    expect((await report(NOV, { unitId: OTHER })).lock).toBeUndefined();
  });
});

describe('the statistics API', () => {
  it('lets leaders read the unit’s report, a team lead only their team’s, and nobody else', async () => {
    const leader = await signIn(app, 'lanhdao.phong');
    const r = await callAs(app, leader, 'GET', '/api/v1/statistics/report?period=MONTH&key=2025-12&groupBy=team');
    expect(r.status).toBe(200);
    expect(r.body.period).toMatchObject({ from: '2025-11-15', to: '2025-12-14', label: 'Tháng 12/2025 (15/11/2025 – 14/12/2025)' });
    expect(r.body.lock).not.toBeNull();
    expect(r.body.rows.find((x: { code: string }) => x.code === 'FINES_IMPOSED')).toMatchObject({ no: '3.1', value: 500_000 });
    expect(r.body.groups.find((g: { value: string }) => g.value === 'nb-doi-2').label).toBe('Đội Quản lý thị trường số 2');
    const lead = await signIn(app, 'doitruong.dung');
    const own = await callAs(app, lead, 'GET', '/api/v1/statistics/report?period=CUSTOM&from=2025-11-15&to=2025-12-14');
    expect(own.status).toBe(200);
    expect(own.body.teamId).toBe('nb-doi-2');
    expect(own.body.totals.FINES_IMPOSED).toBe(500_000);
    expect((await callAs(app, lead, 'GET', '/api/v1/statistics/report?teamId=nb-doi-1')).status).toBe(403);
    const inspector = await signIn(app, 'kiemsoat.an');
    expect((await callAs(app, inspector, 'GET', '/api/v1/statistics/report')).status).toBe(403);
    const bad = await callAs(app, leader, 'GET', '/api/v1/statistics/report?period=QUARTER&key=2025-5');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('2025-Q4');
    const backwards = await callAs(app, leader, 'GET', '/api/v1/statistics/report?period=CUSTOM&from=2025-12-01&to=2025-11-01');
    expect(backwards.status).toBe(400);
    const cases = await callAs(app, leader, 'GET', '/api/v1/statistics/cases?period=MONTH&key=2025-12&indicator=BUDGET_COLLECTED');
    expect(cases.body).toMatchObject({ total: 10_500_000, count: 3 });
  });

  it('lets the director lock an ended period, once, and nobody else', async () => {
    const director = await signIn(app, 'chicuctruong.hai');
    const locked = await callAs(app, director, 'POST', '/api/v1/statistics/locks', { kind: 'QUARTER', key: '2025-Q4' });
    expect(locked.status).toBe(201);
    expect(locked.body).toMatchObject({ kind: 'QUARTER', key: '2025-Q4', from: '2025-09-15', to: '2025-12-14', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await callAs(app, director, 'POST', '/api/v1/statistics/locks', { kind: 'QUARTER', key: '2025-Q4' })).status).toBe(409);
    const notEnded = await callAs(app, director, 'POST', '/api/v1/statistics/locks', { kind: 'YEAR', key: '2099' });
    expect(notEnded.status).toBe(422);
    expect(notEnded.body.error.message).toContain('kết thúc');
    const leader = await signIn(app, 'lanhdao.phong');
    expect((await callAs(app, leader, 'POST', '/api/v1/statistics/locks', { kind: 'YEAR', key: '2024' })).status).toBe(403);
    const list = await callAs(app, leader, 'GET', '/api/v1/statistics/locks');
    expect(list.body.locks.map((l: { key: string }) => l.key)).toEqual(expect.arrayContaining(['2025-11', '2025-12', '2025-Q4']));
  });

  it('exports the report as CSV, as an Excel workbook in the official layout, and as a PDF', async () => {
    const leader = await signIn(app, 'lanhdao.phong');
    const get = (p: string) => app.request(p, { headers: { cookie: leader.cookie } });
    const csv = await get('/api/v1/statistics/report.csv?period=MONTH&key=2025-12&groupBy=team');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const raw = Buffer.from(await csv.arrayBuffer());
    // A BOM first, so that Excel reads the Vietnamese as UTF-8.
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    expect(text.startsWith('stt,chi_tieu,don_vi_tinh,ky_bao_cao')).toBe(true);
    expect(text).toContain('3.1,   Trong đó: Tiền xử phạt vi phạm hành chính,đồng,500000');

    const xlsx = await get('/api/v1/statistics/report.xlsx?period=MONTH&key=2025-12&groupBy=team');
    expect(xlsx.status).toBe(200);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    const sheets = await readXlsxFile(bytes);
    // The adjustments' sheet when the period shows any (November's correction, locked above, shows in December).
    const json = (await callAs(app, leader, 'GET', '/api/v1/statistics/report?period=MONTH&key=2025-12')).body;
    expect(sheets.map((s) => s.sheet)).toEqual(['Tổng hợp', 'Theo đội', ...(json.adjustments.length ? ['Điều chỉnh kỳ trước'] : [])]);
    if (json.adjustments.length) expect(sheets[2]!.data.find((row) => String(row[1]).includes('Tiền xử phạt'))![3]).toBe(json.adjustments[0].totals.FINES_IMPOSED);
    const summary = sheets[0]!.data;
    const fines = summary.find((row) => row[0] === '3.1')!;
    expect(fines.slice(2, 4)).toEqual(['đồng', 500_000]);
    expect(summary.find((row) => row[0] === '4')![3]).toBe(10_500_000);
    const teams = sheets[1]!.data;
    expect(teams[teams.length - 1]![0]).toBe('Tổng cộng');

    const pdf = await get('/api/v1/statistics/report.pdf?period=MONTH&key=2025-12');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = new Uint8Array(await pdf.arrayBuffer());
    const text2 = await pdfText(pdfBytes);
    expect(text2).toContain('BÁO CÁO');
    expect(text2).toContain('Tháng 12/2025 (15/11/2025 – 14/12/2025)');
    expect(text2).toContain('Thu nộp ngân sách nhà nước');
    expect(text2).toContain('10.500.000');
  });
});

describe('a newer derivation of a locked period’s facts', () => {
  it('judges a step stored without the engine’s judgement as the engine did, and shows the change as the next period’s adjustment, the lock unchanged', async () => {
    const db = database.db;
    const FEB = periodOf('MONTH', '2026-02'); // 15/01/2026 – 14/02/2026
    const MAR = periodOf('MONTH', '2026-03');
    // Stored before the engine recorded its judgement: a decision dated 11/02, its last day, entered on 13/02.
    // Read without its definition it counts late, as the first derivation counted it.
    await putCase({
      caseId: 'th-p2',
      kind: 'PENALTY',
      unitId: OTHER,
      teamId: 'th-doi-1',
      procedure: { id: 'ins-penalty', version: 6 },
      openedAt: '2026-02-02T02:00:00Z',
      completed: [
        done('B1', 'RECORDED', { recordedAt: '2026-02-02' }, '2026-02-02T02:00:00Z'),
        done('B6', 'DECIDED', { decisionDate: '2026-02-11', fineAmount: 1_000_000 }, '2026-02-13T02:00:00Z', 'th.doitruong', { deadline: { due: '2026-02-11', dueAt: '2026-02-11T17:00:00Z' } }),
      ],
    });
    const before = await report(FEB, { unitId: OTHER });
    expect(before.totals).toMatchObject({ STEPS_LATE: 1, STEPS_ON_TIME: 0, FINES_IMPOSED: 1_000_000 });
    const lock = await lockPeriod(db, { unitId: OTHER, kind: 'MONTH', key: '2026-02', by: 'th.doitruong', today: '2026-12-03', startDay: 15 });

    // A newer derivation: the worker derives the case again, with its definition (B6 judged on its decision date).
    await sql`update case_file set facts_version = 1 where case_id = 'th-p2'`.execute(db);
    let n = 0;
    for (let k = await rebuildStaleFacts(db); k > 0; k = await rebuildStaleFacts(db)) n += k;
    expect(n).toBe(1);
    const live = await sql<{ indicator: string }>`select indicator from stat_fact where case_id = 'th-p2' and step_id = 'B6' and indicator like 'STEPS_%'`.execute(db);
    expect(live.rows.map((r) => r.indicator)).toEqual(['STEPS_ON_TIME']);

    // The locked month keeps what it reported; the correction shows once, in the next month, traceable to its case.
    const feb = await report(FEB, { unitId: OTHER });
    expect(feb.lock?.hash).toBe(lock.hash);
    expect(feb.totals).toEqual(before.totals);
    await expect(verifyLock(db, OTHER, 'MONTH', '2026-02')).resolves.toMatchObject({ ok: true });
    const mar = await report(MAR, { unitId: OTHER });
    expect(mar.adjustments).toEqual([expect.objectContaining({ periodKey: '2026-02', totals: expect.objectContaining({ STEPS_LATE: -1, STEPS_ON_TIME: 1, FINES_IMPOSED: 0 }) })]);
    expect(await drillAll(db, { unitId: OTHER, period: MAR, indicator: 'STEPS_ON_TIME', adjustmentOf: '2026-02' }, 2)).toEqual({ sum: 1, cases: ['th-p2'] });
    await dailyInStep();
  });
});
