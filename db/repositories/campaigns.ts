/**
 * Campaign versions (drafted by schedulers, approved by the director — never by whoever drafted
 * them), the end of a campaign (by the director; read-only after it) and campaign runs (one per
 * period, holding the plan the run made).
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { ZCampaignDefinition, type TCampaignDefinition, type TRunPlan } from '../../domain/campaign.js';
import type { Database } from '../schema.js';
import type { CampaignRunTable, CampaignVersionTable } from '../tables/campaign.table.js';
import type { TAbandonedStatus } from '../tables/cases.table.js';

type Q = Kysely<Database> | Transaction<Database>;

export class CampaignError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN',
    message: string,
    /** The refusal is because the campaign was ended. */
    readonly ended = false,
  ) {
    super(message);
  }
}

export interface TCampaignVersion {
  campaignId: string;
  version: number;
  unitId: string;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';
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

/** The end of a campaign (kết thúc / hủy kế hoạch): who ended it, when, and why. */
export interface TCampaignEnd {
  at: string;
  by: string;
  note: string;
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

/** The refusal of any change to an ended campaign, saying when and by whom it ended. */
export function endedError(campaignId: string, end: TCampaignEnd): CampaignError {
  return new CampaignError('CONFLICT', `Campaign ${campaignId} was ended on ${end.at} by ${end.by} (${end.note}); an ended campaign no longer changes or runs.`, true);
}

async function refuseIfEnded(db: Q, unitId: string, campaignId: string): Promise<void> {
  const end = await campaignEnd(db, unitId, campaignId);
  if (end) throw endedError(campaignId, end);
}

/**
 * Locks a campaign's versions for the rest of the transaction: the decision, the withdrawal and
 * the end of one campaign happen one after the other, each seeing what the one before did.
 */
async function lockCampaign(trx: Transaction<Database>, unitId: string, campaignId: string): Promise<number> {
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

/** Saves a draft (new, or replacing a draft); approved or submitted versions never change. */
export async function saveCampaignDraft(db: Q, unitId: string, def: TCampaignDefinition, by: string): Promise<TCampaignVersion> {
  await refuseIfEnded(db, unitId, def.id);
  const existing = await db.selectFrom('campaign_version').select(['status', 'unit_id']).where('campaign_id', '=', def.id).where('version', '=', def.version).executeTakeFirst();
  if (existing && existing.unit_id !== unitId) throw new CampaignError('CONFLICT', `The campaign id ${def.id} is taken; choose another.`);
  if (existing && existing.status !== 'DRAFT') throw new CampaignError('CONFLICT', `${def.id} version ${def.version} is ${existing.status.toLowerCase()} and can no longer change; save a new version.`);
  if (!existing) {
    const other = await db.selectFrom('campaign_version').select('unit_id').where('campaign_id', '=', def.id).executeTakeFirst();
    if (other && other.unit_id !== unitId) throw new CampaignError('CONFLICT', `The campaign id ${def.id} is taken; choose another.`);
    // Versions follow one another: a new version is the next number, so "the latest" is unambiguous.
    const { latest } = await db.selectFrom('campaign_version').select((eb) => eb.fn.max('version').as('latest')).where('campaign_id', '=', def.id).executeTakeFirstOrThrow();
    const next = (latest ?? 0) + 1;
    if (def.version !== next) throw new CampaignError('CONFLICT', `The next version of ${def.id} is ${next}, not ${def.version}.`);
  }
  await db
    .insertInto('campaign_version')
    .values({ campaign_id: def.id, version: def.version, unit_id: unitId, status: 'DRAFT', definition: JSON.stringify(def), created_by: by })
    .onConflict((oc) => oc.columns(['campaign_id', 'version']).doUpdateSet({ definition: JSON.stringify(def) }).where('campaign_version.status', '=', 'DRAFT'))
    .execute();
  return (await getCampaignVersion(db, unitId, def.id, def.version))!;
}

export async function submitCampaign(db: Q, unitId: string, campaignId: string, version: number, by: string): Promise<TCampaignVersion> {
  const v = await getCampaignVersion(db, unitId, campaignId, version);
  if (!v) throw new CampaignError('NOT_FOUND', `No version ${version} of campaign ${campaignId}.`);
  await refuseIfEnded(db, unitId, campaignId);
  if (v.status !== 'DRAFT') throw new CampaignError('CONFLICT', `${campaignId} version ${version} is ${v.status.toLowerCase()}; only a draft is submitted for approval.`);
  await db.updateTable('campaign_version').set({ status: 'SUBMITTED', submitted_by: by, submitted_at: new Date() }).where('campaign_id', '=', campaignId).where('version', '=', version).where('status', '=', 'DRAFT').execute();
  return (await getCampaignVersion(db, unitId, campaignId, version))!;
}

/**
 * Takes a submitted version back from the director's desk to draft (any scheduler of the unit,
 * before the director decides): it may change again and is submitted anew. Who withdrew it is
 * kept on the version (and the request in the audit); whoever drafted it still may not approve it.
 */
export async function withdrawCampaign(db: Kysely<Database>, unitId: string, campaignId: string, version: number, by: string): Promise<TCampaignVersion> {
  return db.transaction().execute(async (trx) => {
    await lockCampaign(trx, unitId, campaignId);
    const v = await getCampaignVersion(trx, unitId, campaignId, version);
    if (!v) throw new CampaignError('NOT_FOUND', `No version ${version} of campaign ${campaignId}.`);
    await refuseIfEnded(trx, unitId, campaignId);
    if (v.status !== 'SUBMITTED') throw new CampaignError('CONFLICT', `${campaignId} version ${version} is ${v.status.toLowerCase()}; only a submitted version awaiting the director is withdrawn.`);
    await trx
      .updateTable('campaign_version')
      .set({ status: 'DRAFT', submitted_by: null, submitted_at: null, withdrawn_by: by, withdrawn_at: new Date() })
      .where('campaign_id', '=', campaignId)
      .where('version', '=', version)
      .execute();
    return (await getCampaignVersion(trx, unitId, campaignId, version))!;
  });
}

/**
 * Ends a campaign (the director): records who, when and why, and runs `onEnded` inside the
 * transaction (the campaign's schedule is deleted there), so a campaign is never ended with its
 * schedule still running, nor its schedule gone without the end recorded — unless the commit
 * itself fails after the deletion, in which case ending it again finishes the job. Cases already
 * opened by its runs go on.
 */
export async function endCampaign(db: Kysely<Database>, unitId: string, campaignId: string, by: string, note: string, onEnded: () => Promise<void>): Promise<TCampaignEnd> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockCampaign(trx, unitId, campaignId))) throw new CampaignError('NOT_FOUND', `No campaign ${campaignId} in your unit.`);
    await refuseIfEnded(trx, unitId, campaignId);
    await trx.insertInto('campaign_end').values({ campaign_id: campaignId, unit_id: unitId, ended_by: by, note }).execute();
    await onEnded();
    return (await campaignEnd(trx, unitId, campaignId))!;
  });
}

/**
 * The director's decision on a submitted version. Approving supersedes the version approved before
 * (the schedule then runs the new one). Whoever drafted or submitted a version may not approve it.
 */
export async function decideCampaign(
  db: Kysely<Database>,
  unitId: string,
  campaignId: string,
  version: number,
  by: string,
  decision: { approve: boolean; note?: string | undefined },
  /**
   * Runs inside the transaction once the version is approved, before it commits (the campaign's
   * schedule is created or updated here): if it fails, the approval does not happen either.
   */
  onApproved?: (approved: TCampaignVersion) => Promise<void>,
): Promise<{ decided: TCampaignVersion; superseded?: number }> {
  return db.transaction().execute(async (trx) => {
    await lockCampaign(trx, unitId, campaignId);
    const v = await getCampaignVersion(trx, unitId, campaignId, version);
    if (!v) throw new CampaignError('NOT_FOUND', `No version ${version} of campaign ${campaignId}.`);
    await refuseIfEnded(trx, unitId, campaignId);
    if (v.status !== 'SUBMITTED') throw new CampaignError('CONFLICT', `${campaignId} version ${version} is ${v.status.toLowerCase()}; only a submitted version is approved or rejected.`);
    if (decision.approve && (v.createdBy === by || v.submittedBy === by)) throw new CampaignError('FORBIDDEN', 'A plan is approved by someone other than the person who drafted or submitted it.');
    let superseded: number | undefined;
    if (decision.approve) {
      const previous = await trx.updateTable('campaign_version').set({ status: 'SUPERSEDED' }).where('campaign_id', '=', campaignId).where('status', '=', 'APPROVED').returning('version').executeTakeFirst();
      superseded = previous?.version;
    }
    await trx
      .updateTable('campaign_version')
      .set({ status: decision.approve ? 'APPROVED' : 'REJECTED', decided_by: by, decided_at: new Date(), decision_note: decision.note ?? null })
      .where('campaign_id', '=', campaignId)
      .where('version', '=', version)
      .execute();
    const decided = (await getCampaignVersion(trx, unitId, campaignId, version))!;
    if (decision.approve && onApproved) await onApproved(decided);
    return { decided, ...(superseded !== undefined ? { superseded } : {}) };
  });
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
