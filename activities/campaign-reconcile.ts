/**
 * Reconciliation of campaign cases with Temporal. A case workflow that an operator terminates or
 * cancels (`temporal workflow terminate`), or that times out or fails, never reports its closing:
 * the read model keeps it OPEN and its campaign run STARTED for ever. This asks Temporal's
 * visibility which of the cases the read model holds open (in runs not yet completed) are closed
 * that way, confirms each on the workflow's latest run (a reset workflow runs again), marks them
 * abandoned with Temporal's status, and completes the runs that were waiting only for them.
 *
 * Run by the maintenance schedule (worker/maintenance.ts) as an activity: no state in any
 * process's memory, idempotent (a case is marked once; a run only moves forward), so several
 * workers and overlapping passes are harmless. Visibility is eventually consistent: a case closed a
 * moment ago is found by a later pass.
 */
import type { Client, WorkflowExecutionStatusName } from '@temporalio/client';
import type { Db } from '../db/database.js';
import { completeCampaignRunIfDone, markCaseAbandoned, openCampaignCases, startedRunsWithAbandonedCases } from '../db/repositories/campaigns.js';
import type { TAbandonedStatus } from '../db/tables/cases.table.js';

/** Temporal's closing statuses that are not the procedure's end, as the read model names them. */
const ABANDONED: Partial<Record<WorkflowExecutionStatusName, TAbandonedStatus>> = {
  TERMINATED: 'TERMINATED',
  CANCELLED: 'CANCELED',
  TIMED_OUT: 'TIMED_OUT',
  FAILED: 'FAILED',
};
/** The same statuses in the visibility query language. */
const VISIBILITY_STATUSES = ['Terminated', 'Canceled', 'TimedOut', 'Failed'];

/** Case ids per visibility query: one `WorkflowId IN (…)` list, well under the query length limits. */
const RECONCILE_BATCH = 100;

export interface TReconcileResult {
  /** Open cases of started runs looked up in visibility. */
  checked: number;
  abandoned: { caseId: string; status: TAbandonedStatus }[];
  completedRuns: { campaignId: string; period: string }[];
}

const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export async function reconcileAbandonedCampaignCases(deps: { db: Db; temporal: Client; batch?: number; heartbeat?: (progress: unknown) => void }): Promise<TReconcileResult> {
  const { db, temporal } = deps;
  const result: TReconcileResult = { checked: 0, abandoned: [], completedRuns: [] };
  let after: string | undefined;
  for (;;) {
    const page = await openCampaignCases(db, { ...(after ? { afterCaseId: after } : {}), limit: deps.batch ?? RECONCILE_BATCH });
    if (!page.length) break;
    after = page.at(-1)!.caseId;
    result.checked += page.length;
    const query = `WorkflowId IN (${page.map((c) => quote(c.caseId)).join(', ')}) AND ExecutionStatus IN (${VISIBILITY_STATUSES.map(quote).join(', ')})`;
    const candidates = new Set<string>();
    for await (const w of temporal.workflow.list({ query })) candidates.add(w.workflowId);
    for (const caseId of candidates) {
      // Visibility lists every run of the id; the latest run says how the case stands now.
      const d = await temporal.workflow.getHandle(caseId).describe();
      const status = ABANDONED[d.status.name];
      if (!status) continue;
      if (await markCaseAbandoned(db, caseId, status, d.closeTime ?? new Date())) result.abandoned.push({ caseId, status });
    }
    deps.heartbeat?.({ after });
  }
  for (const r of await startedRunsWithAbandonedCases(db)) if (await completeCampaignRunIfDone(db, r.campaignId, r.period)) result.completedRuns.push(r);
  return result;
}
