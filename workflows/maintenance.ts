/**
 * Maintenance passes, started by the worker fleet's maintenance schedule
 * (`maintenance/<taskQueue>/campaign-cases`, worker/maintenance.ts). Each is one idempotent
 * activity; the workflow only gives it retries, a timeout and a place in Temporal's history.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { TReconcileResult } from '../activities/campaign-reconcile.js';

const { reconcileAbandonedCampaignCases } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: ['NO_TEMPORAL_CLIENT'] },
});

/** Campaign cases closed by hand (terminated, cancelled…) are marked abandoned and their runs completed. */
export async function campaignCaseReconcileWorkflow(): Promise<TReconcileResult> {
  return reconcileAbandonedCampaignCases();
}
