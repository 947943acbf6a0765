/**
 * Reads and writes of campaign versions, the end of a campaign and campaign runs (one per period,
 * holding the plan the run made). The lifecycle rules (what may change, the four-eyes rule) are in
 * domain/campaign.ts; api/services/campaign-versions.ts checks them inside one transaction.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { ZCampaignDefinition } from '../../domain/campaign-schema.js';
import { type TCampaignDefinition, type TCampaignEnd, type TCampaignVersionFacts, type TCampaignVersionStatus, type TRunPlan } from '../../domain/campaign.js';
import type { Database } from '../schema.js';
import type { CampaignRunTable, CampaignVersionTable } from '../tables/campaign.table.js';
import type { TAbandonedStatus } from '../tables/cases.table.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface TCampaignVersion extends TCampaignVersionFacts {
  campaignId: string;
  version: number;
  unitId: string;
  status: TCampaignVersionStatus;
  definition: TCampaignDefinition;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The last withdrawal of the version from the director's desk back to draft. */
  withdrawnBy: string | null;
  withdrawnAt: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toVersion(r: Selectable<CampaignVersionTable>): TCampaignVersion {
  return {
    campaignId: r.campaign_id,
    version: r.version,
    unitId: r.unit_id,
    status: r.status,
    definition: ZCampaignDefinition.parse(r.definition),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    submittedBy: r.submitted_by,
    submittedAt: iso(r.submitted_at),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
    withdrawnBy: r.withdrawn_by,
    withdrawnAt: iso(r.withdrawn_at),
  };
}

export async function campaignEnd(db: Q, unitId: string, campaignId: string): Promise<TCampaignEnd | undefined> {
  const r = await db.selectFrom('campaign_end').selectAll().where('unit_id', '=', unitId).where('campaign_id', '=', campaignId).executeTakeFirst();
  return r ? { at: iso(r.ended_at)!, by: r.ended_by, note: r.note } : undefined;
}

/** The ended campaigns of a unit, by campaign id. */
export async function campaignEnds(db: Q, unitId: string): Promise<Map<string, TCampaignEnd>> {
  const rows = await db.selectFrom('campaign_end').selectAll().where('unit_id', '=', unitId).execute();
  return new Map(rows.map((r) => [r.campaign_id, { at: iso(r.ended_at)!, by: r.ended_by, note: r.note }]));
}

/** Records the end of a campaign. */
export async function insertCampaignEnd(db: Q, unitId: string, campaignId: string, by: string, note: string): Promise<TCampaignEnd> {
  await db.insertInto('campaign_end').values({ campaign_id: campaignId, unit_id: unitId, ended_by: by, note }).execute();
  return (await campaignEnd(db, unitId, campaignId))!;
}

/**
 * Locks a campaign's versions for the rest of the transaction: the decision, the withdrawal and
 * the end of one campaign happen one after the other, each seeing what the one before did.
 * Returns how many versions the campaign has in the unit.
 */
export async function lockCampaign(trx: Transaction<Database>, unitId: string, campaignId: string): Promise<number> {
  const rows = await trx.selectFrom('campaign_version').select('version').where('unit_id', '=', unitId).where('campaign_id', '=', campaignId).forUpdate().execute();
  return rows.length;
}

export async function listCampaignVersions(db: Q, unitId: string, campaignId?: string): Promise<TCampaignVersion[]> {
  let q = db.selectFrom('campaign_version').selectAll().where('unit_id', '=', unitId);
  if (campaignId) q = q.where('campaign_id', '=', campaignId);
  return (await q.orderBy('campaign_id').orderBy('version').execute()).map(toVersion);
}

export async function getCampaignVersion(db: Q, unitId: string, campaignId: string, version: number): Promise<TCampaignVersion | undefined> {
  const r = await db.selectFrom('campaign_version').selectAll().where('unit_id', '=', unitId).where('campaign_id', '=', campaignId).where('version', '=', version).executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

/** The approved version a campaign runs on now, if any. */
export async function approvedCampaign(db: Q, unitId: string, campaignId: string): Promise<TCampaignVersion | undefined> {
  const r = await db.selectFrom('campaign_version').selectAll().where('unit_id', '=', unitId).where('campaign_id', '=', campaignId).where('status', '=', 'APPROVED').executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

/**
 * What saving a draft as `version` of a campaign id must know, in any unit: that version as stored,
 * the unit owning the id, and the highest version number.
 */
export async function campaignIdFacts(db: Q, campaignId: string, version: number): Promise<{ existing?: { unitId: string; status: TCampaignVersionStatus }; owner?: string; latest: number | null }> {
  const existing = await db.selectFrom('campaign_version').select(['status', 'unit_id']).where('campaign_id', '=', campaignId).where('version', '=', version).executeTakeFirst();
  const other = await db.selectFrom('campaign_version').select('unit_id').where('campaign_id', '=', campaignId).executeTakeFirst();
  const { latest } = await db
    .selectFrom('campaign_version')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return { ...(existing ? { existing: { unitId: existing.unit_id, status: existing.status } } : {}), ...(other ? { owner: other.unit_id } : {}), latest: latest ?? null };
}

/** Writes a draft: a new version, or the definition of a version still DRAFT (any other is left alone). */
export async function upsertCampaignDraft(db: Q, unitId: string, def: TCampaignDefinition, by: string): Promise<TCampaignVersion> {
  await db
    .insertInto('campaign_version')
    .values({ campaign_id: def.id, version: def.version, unit_id: unitId, status: 'DRAFT', definition: JSON.stringify(def), created_by: by })
    .onConflict((oc) =>
      oc
        .columns(['campaign_id', 'version'])
        .doUpdateSet({ definition: JSON.stringify(def) })
        .where('campaign_version.status', '=', 'DRAFT'),
    )
    .execute();
  return (await getCampaignVersion(db, unitId, def.id, def.version))!;
}

/** Marks a DRAFT version SUBMITTED by `by`. */
export async function markCampaignSubmitted(db: Q, unitId: string, campaignId: string, version: number, by: string): Promise<TCampaignVersion> {
  await db
    .updateTable('campaign_version')
    .set({ status: 'SUBMITTED', submitted_by: by, submitted_at: new Date() })
    .where('campaign_id', '=', campaignId)
    .where('version', '=', version)
    .where('status', '=', 'DRAFT')
    .execute();
  return (await getCampaignVersion(db, unitId, campaignId, version))!;
}

/** Puts a version back to DRAFT, recording who withdrew it. */
export async function markCampaignWithdrawn(db: Q, unitId: string, campaignId: string, version: number, by: string): Promise<TCampaignVersion> {
  await db
    .updateTable('campaign_version')
    .set({ status: 'DRAFT', submitted_by: null, submitted_at: null, withdrawn_by: by, withdrawn_at: new Date() })
    .where('campaign_id', '=', campaignId)
    .where('version', '=', version)
    .execute();
  return (await getCampaignVersion(db, unitId, campaignId, version))!;
}

/** Marks the campaign's APPROVED version SUPERSEDED; returns its number, if there was one. */
export async function supersedeApprovedCampaign(db: Q, campaignId: string): Promise<number | undefined> {
  const previous = await db
    .updateTable('campaign_version')
    .set({ status: 'SUPERSEDED' })
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'APPROVED')
    .returning('version')
    .executeTakeFirst();
  return previous?.version;
}

/** Records the director's decision on a version. */
export async function markCampaignDecided(db: Q, unitId: string, campaignId: string, version: number, status: 'APPROVED' | 'REJECTED', by: string, note: string | null): Promise<TCampaignVersion> {
  await db.updateTable('campaign_version').set({ status, decided_by: by, decided_at: new Date(), decision_note: note }).where('campaign_id', '=', campaignId).where('version', '=', version).execute();
  return (await getCampaignVersion(db, unitId, campaignId, version))!;
}

export interface TCampaignRun {
  campaignId: string;
  period: string;
  version: number;
  unitId: string;
  workflowId: string;
  scheduledAt: string;
  dueDate: string;
  runDate: string;
  movedBecause: string | null;
  status: 'PLANNED' | 'WAITING' | 'STARTED' | 'BLOCKED' | 'COMPLETED';
  plan: TRunPlan;
  startedAt: string;
  finishedAt: string | null;
}

function toRun(r: Selectable<CampaignRunTable>): TCampaignRun {
  const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10));
  return {
    campaignId: r.campaign_id,
    period: r.period,
    version: r.version,
    unitId: r.unit_id,
    workflowId: r.workflow_id,
    scheduledAt: iso(r.scheduled_at)!,
    dueDate: day(r.due_date),
    runDate: day(r.run_date),
    movedBecause: r.moved_because,
    status: r.status,
    plan: r.plan as TRunPlan,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
  };
}

export async function getCampaignRun(db: Q, campaignId: string, period: string): Promise<TCampaignRun | undefined> {
  const r = await db.selectFrom('campaign_run').selectAll().where('campaign_id', '=', campaignId).where('period', '=', period).executeTakeFirst();
  return r ? toRun(r) : undefined;
}

export async function listCampaignRuns(db: Q, unitId: string, campaignId: string): Promise<TCampaignRun[]> {
  const rows = await db.selectFrom('campaign_run').selectAll().where('unit_id', '=', unitId).where('campaign_id', '=', campaignId).orderBy('scheduled_at').execute();
  return rows.map(toRun);
}

/**
 * Records the plan of a period's run. The first run of a period wins: a repeated run (a retry, a
 * backfill of a period that already ran) gets the stored plan back and starts exactly its cases.
 */
export async function recordCampaignRun(db: Q, run: Omit<TCampaignRun, 'startedAt' | 'finishedAt'>): Promise<TCampaignRun> {
  await db
    .insertInto('campaign_run')
    .values({
      campaign_id: run.campaignId,
      period: run.period,
      version: run.version,
      unit_id: run.unitId,
      workflow_id: run.workflowId,
      scheduled_at: run.scheduledAt,
      due_date: run.dueDate,
      run_date: run.runDate,
      moved_because: run.movedBecause,
      status: run.status,
      plan: JSON.stringify(run.plan),
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'period']).doNothing())
    .execute();
  return (await getCampaignRun(db, run.campaignId, run.period))!;
}

/** The states a run may move to a given state from: runs only move forward, so a late or repeated write changes nothing. */
const RUN_STATUS_FROM: Record<TCampaignRun['status'], TCampaignRun['status'][]> = {
  PLANNED: [],
  WAITING: ['PLANNED'],
  STARTED: ['PLANNED', 'WAITING'],
  // WAITING → BLOCKED: a run waiting for its working day when its campaign was ended.
  BLOCKED: ['PLANNED', 'WAITING'],
  COMPLETED: ['STARTED'],
};

/** Moves a run forward (PLANNED → WAITING → STARTED → COMPLETED, or PLANNED/WAITING → BLOCKED); returns whether it moved. */
export async function setCampaignRunStatus(db: Q, campaignId: string, period: string, status: TCampaignRun['status']): Promise<boolean> {
  const from = RUN_STATUS_FROM[status];
  if (!from.length) return false;
  const moved = await db
    .updateTable('campaign_run')
    .set({ status, ...(status === 'COMPLETED' || status === 'BLOCKED' ? { finished_at: new Date() } : {}) })
    .where('campaign_id', '=', campaignId)
    .where('period', '=', period)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) > 0;
}

/**
 * Marks a started run COMPLETED once every planned inspection of it has a case and every such case
 * is finished: closed by its procedure, or abandoned (its workflow terminated, cancelled, timed out
 * or failed; see `markCaseAbandoned`). Called after a campaign case's closing is projected (each
 * caller checks after its own commit, so the last case to close always sees all the others
 * closed), by the run itself, and by the reconciliation of abandoned cases.
 */
export async function completeCampaignRunIfDone(db: Q, campaignId: string, period: string): Promise<boolean> {
  const run = await db
    .selectFrom('campaign_run')
    .select(['status', sql<number>`jsonb_array_length(plan->'assignments')`.as('planned')])
    .where('campaign_id', '=', campaignId)
    .where('period', '=', period)
    .executeTakeFirst();
  if (!run || run.status !== 'STARTED') return false;
  const { closed } = await db
    .selectFrom('case_file')
    .select((eb) => eb.fn.countAll<string>().as('closed'))
    .where('campaign_id', '=', campaignId)
    .where('campaign_period', '=', period)
    .where('parent_case_id', 'is', null)
    .where((eb) => eb.or([eb('status', '=', 'CLOSED'), eb('abandoned_status', 'is not', null)]))
    .executeTakeFirstOrThrow();
  if (Number(closed) < Number(run.planned)) return false;
  return setCampaignRunStatus(db, campaignId, period, 'COMPLETED');
}

/** An open case of a started campaign run, as the reconciliation checks it against Temporal. */
export interface TOpenCampaignCase {
  caseId: string;
  campaignId: string;
  period: string;
}

/**
 * The campaign cases the read model holds open (not closed, not known abandoned) in runs not yet
 * completed: the only ones whose abandonment keeps a run from completing. Ordered by case id, a page
 * after `afterCaseId`.
 */
export async function openCampaignCases(db: Q, opts: { afterCaseId?: string; limit: number }): Promise<TOpenCampaignCase[]> {
  let q = db
    .selectFrom('case_file as f')
    .innerJoin('campaign_run as r', (j) => j.onRef('r.campaign_id', '=', 'f.campaign_id').onRef('r.period', '=', 'f.campaign_period'))
    .select(['f.case_id', 'f.campaign_id', 'f.campaign_period'])
    .where('r.status', '=', 'STARTED')
    .where('f.parent_case_id', 'is', null)
    .where('f.status', '!=', 'CLOSED')
    .where('f.abandoned_status', 'is', null);
  if (opts.afterCaseId) q = q.where('f.case_id', '>', opts.afterCaseId);
  const rows = await q.orderBy('f.case_id').limit(opts.limit).execute();
  return rows.map((r) => ({ caseId: r.case_id, campaignId: r.campaign_id!, period: r.campaign_period! }));
}

/**
 * Records that a case's workflow was closed without the procedure's end (how Temporal closed it,
 * and when). Its open tasks leave the inboxes and its open escalations are resolved: nobody can act
 * on a workflow that is gone. Returns whether the case was marked (false: closed or marked already).
 */
export async function markCaseAbandoned(db: Kysely<Database>, caseId: string, status: TAbandonedStatus, closedAt: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('case_file')
      .set({ abandoned_status: status, abandoned_at: closedAt, updated_at: new Date() })
      .where('case_id', '=', caseId)
      .where('status', '!=', 'CLOSED')
      .where('abandoned_status', 'is', null)
      .returning('case_id')
      .executeTakeFirst();
    if (!marked) return false;
    await trx.deleteFrom('case_task').where('case_id', '=', caseId).execute();
    await trx.updateTable('case_escalation').set({ resolved_at: new Date() }).where('case_id', '=', caseId).where('resolved_at', 'is', null).execute();
    return true;
  });
}

/** Started runs with an abandoned case: each may be complete now (checked again on every pass, so a crash between marking and completing loses nothing). */
export async function startedRunsWithAbandonedCases(db: Q): Promise<{ campaignId: string; period: string }[]> {
  const rows = await db
    .selectFrom('campaign_run as r')
    .select(['r.campaign_id', 'r.period'])
    .where('r.status', '=', 'STARTED')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_file as f')
          .select('f.case_id')
          .whereRef('f.campaign_id', '=', 'r.campaign_id')
          .whereRef('f.campaign_period', '=', 'r.period')
          .where('f.parent_case_id', 'is', null)
          .where('f.abandoned_status', 'is not', null),
      ),
    )
    .orderBy('r.campaign_id')
    .orderBy('r.period')
    .execute();
  return rows.map((r) => ({ campaignId: r.campaign_id, period: r.period }));
}
