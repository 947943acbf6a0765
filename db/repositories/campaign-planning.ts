/**
 * What a campaign run plans with, read from the registry and the read model, and the plan itself:
 * the same function serves the real run (through an activity, which records the plan) and the
 * dry run (which records nothing), so a dry run shows exactly what the run will select.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { addCalendarDays, endOfLegalDay, vietnamDateOf, type TIsoDate, type WorkingCalendar } from '../../domain/calendar.js';
import {
  CampaignError,
  campaignCaseId,
  endedError,
  campaignTargets,
  foundViolation,
  periodKey,
  periodYear,
  planRun,
  runDateFor,
  type TCampaignDefinition,
  type TRunPlan,
  type TTargetFacts,
  type TTeamLoad,
} from '../../domain/campaign.js';
import type { Database } from '../schema.js';
import { loadWorkingCalendar } from './calendar.js';
import { approvedCampaign, campaignEnd, campaignEnds, getCampaignRun, getCampaignVersion, listCampaignVersions, recordCampaignRun, type TCampaignRun, type TCampaignVersion } from './campaigns.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Everything `planRun` needs besides the definition and the due date. */
interface TPlanningInputs {
  calendar: WorkingCalendar;
  candidates: TTargetFacts[];
  teams: TTeamLoad[];
  otherCampaigns: Record<string, string[]>;
  alreadyStarted: string[];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/**
 * The facts of every business of the unit as of `runDate` (prior violations in the three years
 * before it, the last inspection up to it, open tips now, planned inspections in the period's year
 * by any campaign — recorded plans included, so two runs planned back to back never both pick a
 * business past its limit), the teams' loads, other active campaigns' targets and the businesses
 * that already have a case of this period.
 */
async function planningInputs(db: Q, unitId: string, def: TCampaignDefinition, period: string, runDate: TIsoDate, calendar: WorkingCalendar): Promise<TPlanningInputs> {
  const endOfRunDate = endOfLegalDay(runDate);
  const threeYearsBefore = endOfLegalDay(addCalendarDays(runDate, -3 * 365 - 1));
  const year = periodYear(period);

  const businesses = await db
    .selectFrom('business')
    .select(['id', 'tax_code', 'name', 'status', 'sector', 'product_groups', 'commune', 'market_id', 'hotspot_ids', 'conflict_user_ids'])
    .where('unit_id', '=', unitId)
    .execute();

  const stats = await db
    .selectFrom('case_file')
    .select((eb) => [
      'business_id',
      sql<Date | null>`max(opened_at) filter (where kind = 'INSPECTION' and opened_at < ${endOfRunDate})`.as('last_inspected'),
      sql<string>`count(*) filter (where kind = 'TIP' and status = 'OPEN')`.as('open_tips'),
      eb.fn.countAll<string>().as('n'),
    ])
    .where('unit_id', '=', unitId)
    .where('business_id', 'is not', null)
    .where('parent_case_id', 'is', null)
    .groupBy('business_id')
    .execute();
  const statsOf = new Map(stats.map((s) => [s.business_id!, s]));

  // Closed cases of the last three years, with the outcomes of their steps (the rule of what counts
  // as a violation is domain/campaign.ts `foundViolation`).
  const closed = await db
    .selectFrom('case_file')
    .select(['business_id', 'kind', sql<string[]>`jsonb_path_query_array(snapshot, '$.completed[*].outcome')`.as('outcomes')])
    .where('unit_id', '=', unitId)
    .where('business_id', 'is not', null)
    .where('parent_case_id', 'is', null)
    .where('status', '=', 'CLOSED')
    .where('closed_at', '>', threeYearsBefore)
    .where('closed_at', '<', endOfRunDate)
    .execute();
  const violations = new Map<string, number>();
  for (const c of closed) if (foundViolation(c.kind, c.outcomes ?? [])) violations.set(c.business_id!, (violations.get(c.business_id!) ?? 0) + 1);

  // Planned inspections of the period's year: cases opened by campaigns, and recorded plans whose
  // cases may not be open yet; each (campaign, period, business) once. This period of this
  // campaign is not counted (a repeated run finds its own cases through `alreadyStarted`).
  const planned = new Map<string, Set<string>>();
  const plannedBy = new Map<string, Map<string, Set<string>>>();
  const notePlanned = (campaignId: string, p: string, businessId: string): void => {
    if (campaignId === def.id && p === period) return;
    if (!planned.has(businessId)) planned.set(businessId, new Set());
    planned.get(businessId)!.add(`${campaignId}|${p}`);
    if (!plannedBy.has(campaignId)) plannedBy.set(campaignId, new Map());
    if (!plannedBy.get(campaignId)!.has(businessId)) plannedBy.get(campaignId)!.set(businessId, new Set());
    plannedBy.get(campaignId)!.get(businessId)!.add(p);
  };
  const campaignCases = await db
    .selectFrom('case_file')
    .select(['campaign_id', 'campaign_period', 'business_id'])
    .where('unit_id', '=', unitId)
    .where('campaign_id', 'is not', null)
    .where('business_id', 'is not', null)
    .where('parent_case_id', 'is', null)
    .where(sql<boolean>`left(campaign_period, 4) = ${year}`)
    .execute();
  for (const c of campaignCases) notePlanned(c.campaign_id!, c.campaign_period!, c.business_id!);
  const runs = await db
    .selectFrom('campaign_run')
    .select(['campaign_id', 'period', sql<string[]>`jsonb_path_query_array(plan, '$.assignments[*].businessId')`.as('business_ids')])
    .where('unit_id', '=', unitId)
    .where('status', '!=', 'BLOCKED')
    .where(sql<boolean>`left(period, 4) = ${year}`)
    .execute();
  for (const r of runs) for (const b of r.business_ids ?? []) notePlanned(r.campaign_id, r.period, b);

  const candidates: TTargetFacts[] = businesses.map((b) => {
    const s = statsOf.get(b.id);
    return {
      businessId: b.id,
      taxCode: b.tax_code,
      name: b.name,
      status: b.status as TTargetFacts['status'],
      sector: b.sector,
      productGroups: b.product_groups,
      area: { code: null, name: b.commune },
      marketId: b.market_id,
      hotspotIds: b.hotspot_ids,
      priorViolations: violations.get(b.id) ?? 0,
      lastInspectedOn: s?.last_inspected ? vietnamDateOf(new Date(s.last_inspected)) : null,
      openTips: Number(s?.open_tips ?? 0),
      plannedInspectionsThisYear: planned.get(b.id)?.size ?? 0,
      conflictUserIds: b.conflict_user_ids,
    };
  });

  const teams = await teamLoads(db, unitId, def.teamIds);

  // Other campaigns of the unit approved and running on that day: their targets by rule, and the
  // businesses their recorded runs of the year planned.
  // Active: approved, not ended, and running on that day.
  const ended = await campaignEnds(db, unitId);
  const others = (await listCampaignVersions(db, unitId)).filter(
    (v) => v.status === 'APPROVED' && !ended.has(v.campaignId) && v.campaignId !== def.id && v.definition.planWindow.from <= runDate && runDate <= v.definition.planWindow.to,
  );
  const overlap = new Map<string, string[]>();
  for (const o of others) {
    const ids = new Set([...campaignTargets(o.definition, candidates, runDate), ...(plannedBy.get(o.campaignId)?.keys() ?? [])]);
    for (const id of ids) push(overlap, id, o.campaignId);
  }
  const otherCampaigns = Object.fromEntries([...overlap].map(([k, v]) => [k, [...v].sort()]));

  const started = await db
    .selectFrom('case_file')
    .select('business_id')
    .where('campaign_id', '=', def.id)
    .where('campaign_period', '=', period)
    .where('parent_case_id', 'is', null)
    .where('business_id', 'is not', null)
    .execute();

  return { calendar, candidates, teams, otherCampaigns, alreadyStarted: started.map((s) => s.business_id!).sort() };
}

/**
 * The teams of the campaign that exist in the unit, each with its open tasks and its active
 * inspectors with theirs: the workload the plan spreads targets by.
 */
export async function teamLoads(db: Q, unitId: string, teamIds: string[]): Promise<TTeamLoad[]> {
  if (!teamIds.length) return [];
  const teams = await db.selectFrom('team').select('id').where('unit_id', '=', unitId).where('id', 'in', teamIds).execute();
  if (!teams.length) return [];
  const ids = teams.map((t) => t.id);
  const teamTasks = await db
    .selectFrom('case_task')
    .select(['team_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('team_id', 'in', ids)
    .groupBy('team_id')
    .execute();
  const inspectors = await db
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .where('team_id', 'in', ids)
    .where(sql<boolean>`'INSPECTOR' = any(roles)`)
    .execute();
  const inspectorIds = inspectors.map((i) => i.id);
  const userTasks = inspectorIds.length
    ? await db
        .selectFrom('case_task')
        .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('assignee_id', 'in', inspectorIds)
        .groupBy('assignee_id')
        .execute()
    : [];
  const taskCount = new Map(userTasks.map((u) => [u.assignee_id!, Number(u.n)]));
  return ids.sort().map((teamId) => ({
    teamId,
    openTasks: Number(teamTasks.find((t) => t.team_id === teamId)?.n ?? 0),
    inspectors: inspectors
      .filter((i) => i.team_id === teamId)
      .map((i) => ({ userId: i.id, openTasks: taskCount.get(i.id) ?? 0 }))
      .sort((a, b) => (a.userId < b.userId ? -1 : 1)),
  }));
}

/** The plan of the run of `def` scheduled at `scheduledAt`, computed now; records nothing. */
export async function computeRunPlan(db: Q, unitId: string, def: TCampaignDefinition, scheduledAt: Date): Promise<{ period: string; plan: TRunPlan }> {
  const period = periodKey(def.cadence, scheduledAt);
  const dueDate = vietnamDateOf(scheduledAt);
  const calendar = await loadWorkingCalendar(db);
  const { runDate } = runDateFor(def, calendar, dueDate);
  const inputs = await planningInputs(db, unitId, def, period, runDate, calendar);
  return { period, plan: planRun({ def, dueDate, ...inputs }) };
}

/**
 * The version a scheduled run plans with: the one the schedule names when it is the approved one;
 * the approved one when the schedule still names an older version it superseded (the schedule is
 * updated with the approval, a run may have been started just before). Never a version that was
 * not approved.
 */
async function versionForRun(db: Q, unitId: string, campaignId: string, version: number): Promise<TCampaignVersion> {
  const named = await getCampaignVersion(db, unitId, campaignId, version);
  if (named?.status === 'APPROVED') return named;
  const approved = await approvedCampaign(db, unitId, campaignId);
  if (approved && approved.version > version) return approved;
  throw new CampaignError('CONFLICT', `Campaign ${campaignId} has no approved version ${version} to run (unit ${unitId}).`);
}

/** A planned inspection as the run starts it. */
export interface TRunTarget {
  businessId: string;
  taxCode: string;
  name: string;
  teamId: string;
  assigneeId: string;
  rank: number;
  caseId: string;
}

/**
 * Plans the run of a period once: under a per-unit lock (two runs planning at once would not see
 * each other's picks), the first run of a period computes and records the plan; any later run of
 * the same period (a retry, a duplicate trigger, a backfill) gets the stored plan back.
 */
export async function planCampaignRun(
  db: Kysely<Database>,
  input: { unitId: string; campaignId: string; version: number; scheduledAt: Date; workflowId: string },
): Promise<{ run: TCampaignRun; definition: TCampaignDefinition; targets: TRunTarget[] }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`campaign-plan:${input.unitId}`}))`.execute(trx);
    // An ended campaign plans nothing more (its schedule is gone; this is a run that slipped through).
    const end = await campaignEnd(trx, input.unitId, input.campaignId);
    if (end) throw endedError(input.campaignId, end);
    const v = await versionForRun(trx, input.unitId, input.campaignId, input.version);
    const period = periodKey(v.definition.cadence, input.scheduledAt);
    let run = await getCampaignRun(trx, input.campaignId, period);
    if (!run) {
      const { plan } = await computeRunPlan(trx, input.unitId, v.definition, input.scheduledAt);
      run = await recordCampaignRun(trx, {
        campaignId: input.campaignId,
        period,
        version: v.version,
        unitId: input.unitId,
        workflowId: input.workflowId,
        scheduledAt: input.scheduledAt.toISOString(),
        dueDate: plan.dueDate,
        runDate: plan.runDate,
        movedBecause: plan.movedBecause ?? null,
        status: plan.canStart ? 'PLANNED' : 'BLOCKED',
        plan,
      });
    }
    const definition = run.version === v.version ? v.definition : (await getCampaignVersion(trx, input.unitId, input.campaignId, run.version))!.definition;
    const selected = new Map(run.plan.selected.map((t) => [t.businessId, t]));
    const targets = run.plan.assignments.map((a) => {
      const t = selected.get(a.businessId)!;
      return {
        businessId: a.businessId,
        taxCode: t.taxCode,
        name: t.name,
        teamId: a.teamId,
        assigneeId: a.assigneeId,
        rank: a.rank,
        caseId: campaignCaseId(input.unitId, input.campaignId, run.period, t.taxCode),
      };
    });
    return { run, definition, targets };
  });
}
