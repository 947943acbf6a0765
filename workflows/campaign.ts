/**
 * One run of an inspection campaign (đợt kiểm tra theo kế hoạch), started by the campaign's
 * Temporal Schedule (`campaign/<unit>/<campaignId>`) each period, or by a trigger or a backfill.
 *
 * It plans the period once (an activity records the plan; a repeated run of the period gets the
 * stored plan), waits for the working day when the run was due on a day off, and starts one
 * inspection case per planned target as a child workflow with a deterministic id, on the pinned
 * procedure version. A case that already exists (a repeated run) counts as started, never twice.
 *
 * The run ends once its cases are started: the cases outlive it (ABANDON) and report their own
 * closing, which completes the run in PostgreSQL. Were the run to wait weeks for its inspections,
 * it would hold the schedule's overlap slot and, under the default SKIP policy, every later period
 * would be skipped until the last inspection closed.
 */
import { WorkflowExecutionAlreadyStartedError, type SearchAttributeUpdatePair } from '@temporalio/common';
import { continueAsNew, patched, proxyActivities, sleep, startChild, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createActivities, TPlannedRun } from '../activities/index.js';
import { movedRunStartsAt, type TFinding, type TFindingCode } from '../domain/campaign.js';
import { caseWorkflow } from './case.js';
import { CampaignId, CaseKind, CaseStatus, ProcedureId, ProcedureVersion, TeamId, TemporalScheduledStartTime, UnitId } from './search-attributes.js';

const { planCampaignRun, advanceCampaignRun, campaignRunMayStart, loadProcedure, loadLegalParams } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['CAMPAIGN_NOT_APPROVED', 'CAMPAIGN_ENDED', 'PROCEDURE_NOT_FOUND'] },
});

/** How many cases are started at once (each start is a command; the history stays readable). */
const START_BATCH = 10;

export interface TCampaignRunInput {
  unitId: string;
  campaignId: string;
  /** The approved version the schedule was set up for (a newer approved version takes over). */
  version: number;
  /** Set by continue-as-new: the run's scheduled time and the cases dealt with so far. */
  carried?: { scheduledAt: string; started: string[]; existing: string[] } | undefined;
}

export interface TCampaignRunResult {
  campaignId: string;
  period: string;
  version: number;
  status: 'BLOCKED' | 'STARTED' | 'COMPLETED';
  scheduledAt: string;
  dueDate: string;
  runDate: string;
  movedBecause: string | null;
  /** Cases this run opened. */
  started: string[];
  /** Cases that existed already (opened by an earlier run of the same period). */
  alreadyExisting: string[];
  /** Findings about the run as a whole (a blocking one says why nothing started). */
  findings: TFinding[];
  findingCounts: Partial<Record<TFindingCode, number>>;
}

export async function campaignRunWorkflow(input: TCampaignRunInput): Promise<TCampaignRunResult> {
  const info = workflowInfo();
  // The schedule's nominal time of this action (a trigger's or backfill's too); a run started by
  // hand has none and counts from its own start.
  const scheduledAt = input.carried?.scheduledAt ?? (info.typedSearchAttributes.get(TemporalScheduledStartTime) ?? info.startTime).toISOString();
  const status = (value: string): void => {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: CaseKind, value: 'CAMPAIGN_RUN' },
      { key: UnitId, value: input.unitId },
      { key: CampaignId, value: input.campaignId },
      { key: CaseStatus, value },
    ];
    upsertSearchAttributes(pairs);
  };

  const plan: TPlannedRun = await planCampaignRun({ unitId: input.unitId, campaignId: input.campaignId, version: input.version, scheduledAt });
  const started = new Set(input.carried?.started ?? []);
  const existing = new Set(input.carried?.existing ?? []);
  const result = (s: TCampaignRunResult['status']): TCampaignRunResult => ({
    campaignId: plan.campaignId,
    period: plan.period,
    version: plan.version,
    status: s,
    scheduledAt,
    dueDate: plan.dueDate,
    runDate: plan.runDate,
    movedBecause: plan.movedBecause,
    started: [...started].sort(),
    alreadyExisting: [...existing].sort(),
    findings: plan.runFindings,
    findingCounts: plan.findingCounts,
  });

  if (plan.status === 'BLOCKED' || !plan.canStart) {
    status('BLOCKED');
    return result('BLOCKED');
  }
  if (plan.status === 'COMPLETED') {
    status('COMPLETED');
    return result('COMPLETED');
  }

  // A run due on a day off starts at 08:00 of the next working day (a durable timer: it survives
  // worker restarts). A cron or calendar spec cannot say "working days"; this is where it is said.
  const startsAt = movedRunStartsAt(plan.runDate).getTime();
  if (plan.movedBecause && plan.status !== 'STARTED' && startsAt > Date.now()) {
    status('WAITING');
    await advanceCampaignRun({ campaignId: plan.campaignId, period: plan.period, status: 'WAITING' });
    await sleep(startsAt - Date.now());
  }

  const todo = plan.targets.filter((t) => !started.has(t.caseId) && !existing.has(t.caseId));
  // The campaign may have been ended since the plan (above all while the run waited for its
  // working day): then nothing starts. Cases already opened go on.
  if (todo.length && !input.carried && patched('campaign-end-before-start')) {
    const { mayStart } = await campaignRunMayStart({ unitId: input.unitId, campaignId: plan.campaignId, period: plan.period });
    if (!mayStart) {
      status('BLOCKED');
      return result('BLOCKED');
    }
  }
  if (todo.length) {
    status('STARTING');
    const definition = await loadProcedure(plan.procedure);
    const legalParams = await loadLegalParams();
    for (let i = 0; i < todo.length; i += START_BATCH) {
      await Promise.all(
        todo.slice(i, i + START_BATCH).map(async (t) => {
          try {
            await startChild(caseWorkflow, {
              workflowId: t.caseId,
              // The inspection is a case of its own: it outlives the run.
              parentClosePolicy: 'ABANDON',
              // A business id is used once: a repeated run of the period cannot open a second case.
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
              typedSearchAttributes: [
                { key: CaseKind, value: definition.kind },
                { key: ProcedureId, value: definition.id },
                { key: ProcedureVersion, value: `${definition.id}@${definition.version}` },
                { key: UnitId, value: input.unitId },
                { key: TeamId, value: t.teamId },
                { key: CampaignId, value: plan.campaignId },
              ],
              args: [
                {
                  definition,
                  start: {
                    caseId: t.caseId,
                    kind: definition.kind,
                    procedure: { id: definition.id, version: definition.version },
                    unitId: input.unitId,
                    teamId: t.teamId,
                    title: `${plan.title} — ${t.name}`,
                    businessId: t.businessId,
                    campaign: { campaignId: plan.campaignId, version: plan.version, period: plan.period },
                    assigneeId: t.assigneeId,
                    startedBy: { userId: 'system', roles: ['SYSTEM'] },
                    legalParams,
                  },
                },
              ],
            });
            started.add(t.caseId);
          } catch (err) {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
            existing.add(t.caseId);
          }
        }),
      );
      // Each start carries the procedure definition: a large run continues as new between batches.
      if (i + START_BATCH < todo.length && workflowInfo().continueAsNewSuggested) {
        await continueAsNew<typeof campaignRunWorkflow>({ ...input, carried: { scheduledAt, started: [...started], existing: [...existing] } });
      }
    }
  }
  const { completed } = await advanceCampaignRun({ campaignId: plan.campaignId, period: plan.period, status: 'STARTED' });
  status(completed ? 'COMPLETED' : 'STARTED');
  return result(completed ? 'COMPLETED' : 'STARTED');
}
