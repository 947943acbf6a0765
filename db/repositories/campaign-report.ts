/**
 * Progress of a campaign from the read model: per run and for the whole campaign, planned,
 * started, done, violations found, fines and overdue, with one line per planned inspection.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { fineTotalsOf } from '../../domain/business.js';
import { campaignCaseId, campaignProgress, type TCampaignCaseRow, type TCampaignTotals, type TFinding } from '../../domain/campaign.js';
import type { Database } from '../schema.js';
import { listCampaignRuns, type TCampaignRun } from './campaigns.js';

type Q = Kysely<Database> | Transaction<Database>;

/** One planned inspection of a run and where its case stands. */
interface TReportLine {
  period: string;
  rank: number;
  businessId: string;
  taxCode: string;
  businessName: string;
  teamId: string;
  assigneeId: string;
  caseId: string;
  /**
   * NOT_STARTED until the run opens the case; then OPEN or CLOSED, or how Temporal closed a case
   * closed by hand (TERMINATED, CANCELED, TIMED_OUT, FAILED). BLOCKED: the run was blocked before
   * it opened this case, which no run of the period will open now.
   */
  status: string;
  overdue: boolean;
  violation: boolean;
  fineDecided: number;
  finePaid: number;
}

export interface TRunReport {
  period: string;
  version: number;
  status: TCampaignRun['status'];
  scheduledAt: string;
  dueDate: string;
  runDate: string;
  movedBecause: string | null;
  startedAt: string;
  finishedAt: string | null;
  findings: TFinding[];
  totals: TCampaignTotals;
  lines: TReportLine[];
}

export interface TCampaignReport {
  campaignId: string;
  totals: TCampaignTotals;
  runs: TRunReport[];
}

/** The cases of a campaign (of one period, if given) and all their sub-cases. */
async function caseRows(db: Q, unitId: string, campaignId: string, period?: string): Promise<TCampaignCaseRow[]> {
  // Sub-case ids extend their case's id (`<caseId>/<step>`), so one prefix finds a case's whole tree.
  const prefix = `inspection/${unitId}/${campaignId}/${period ? `${period}/` : ''}`;
  const rows = await db
    .selectFrom('case_file')
    .select(['case_id', 'kind', 'status', 'abandoned_status', 'overdue', sql<unknown>`snapshot->'completed'`.as('completed')])
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`starts_with(case_id, ${prefix})`)
    .execute();
  return rows.map((r) => {
    const completed = Array.isArray(r.completed) ? (r.completed as { outcome?: unknown }[]) : [];
    return {
      caseId: r.case_id,
      kind: r.kind,
      // A case closed by hand in Temporal is shown as Temporal closed it, not as OPEN.
      status: r.abandoned_status ?? r.status,
      overdue: r.overdue,
      outcomes: completed.map((c) => c.outcome).filter((o): o is string => typeof o === 'string'),
      fines: fineTotalsOf({ completed }),
    };
  });
}

function runReport(unitId: string, run: TCampaignRun, rows: TCampaignCaseRow[]): TRunReport {
  // A blocked run plans no inspection beyond those it had opened (if any): its list stays, to show what was blocked, but is not counted as planned.
  const blocked = run.status === 'BLOCKED';
  const progress = campaignProgress(0, rows);
  const { totals, cases } = blocked ? { ...progress, totals: { ...progress.totals, planned: progress.totals.started } } : campaignProgress(run.plan.assignments.length, rows);
  const selected = new Map(run.plan.selected.map((t) => [t.businessId, t]));
  const lines = run.plan.assignments.map((a): TReportLine => {
    const t = selected.get(a.businessId)!;
    const caseId = campaignCaseId(unitId, run.campaignId, run.period, t.taxCode);
    const c = cases.get(caseId);
    return {
      period: run.period,
      rank: a.rank,
      businessId: a.businessId,
      taxCode: t.taxCode,
      businessName: t.name,
      teamId: a.teamId,
      assigneeId: a.assigneeId,
      caseId,
      status: c?.status ?? (blocked ? 'BLOCKED' : 'NOT_STARTED'),
      overdue: c?.overdue ?? false,
      violation: c?.violation ?? false,
      fineDecided: c?.fineDecided ?? 0,
      finePaid: c?.finePaid ?? 0,
    };
  });
  return {
    period: run.period,
    version: run.version,
    status: run.status,
    scheduledAt: run.scheduledAt,
    dueDate: run.dueDate,
    runDate: run.runDate,
    movedBecause: run.movedBecause,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    findings: run.plan.findings,
    totals,
    lines,
  };
}

/** The report of a campaign of the unit: every run (or the one of `period`), with the totals. */
export async function campaignReport(db: Q, unitId: string, campaignId: string, period?: string): Promise<TCampaignReport> {
  const runs = (await listCampaignRuns(db, unitId, campaignId)).filter((r) => period === undefined || r.period === period);
  const rows = await caseRows(db, unitId, campaignId, period);
  const byPeriod = new Map<string, TCampaignCaseRow[]>();
  for (const r of rows) {
    const p = r.caseId.split('/')[3]!;
    if (!byPeriod.has(p)) byPeriod.set(p, []);
    byPeriod.get(p)!.push(r);
  }
  const reports = runs.map((run) => runReport(unitId, run, byPeriod.get(run.period) ?? []));
  const sum = (k: keyof TCampaignTotals): number => reports.reduce((n, r) => n + r.totals[k], 0);
  return {
    campaignId,
    totals: {
      planned: sum('planned'),
      started: sum('started'),
      done: sum('done'),
      abandoned: sum('abandoned'),
      violations: sum('violations'),
      overdue: sum('overdue'),
      fineDecided: sum('fineDecided'),
      finePaid: sum('finePaid'),
    },
    runs: reports,
  };
}
