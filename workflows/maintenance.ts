/**
 * Maintenance passes, started by the worker fleet's maintenance schedules
 * (`maintenance/<taskQueue>/campaign-cases`, `…/notification-mail`, `…/party-messages`, `…/payment-reconciliation`, worker/maintenance.ts). Each is one idempotent
 * activity; the workflow only gives it retries, a timeout and a place in Temporal's history.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { TReconcileResult } from '../activities/campaign-reconcile.js';
import type { TPaymentReconcileResult } from '../activities/payment-reconcile.js';

const { sendNotificationMail } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3, nonRetryableErrorTypes: ['NO_MAILER'] },
});

const { sendPartyMessages } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3, nonRetryableErrorTypes: ['NO_PARTY_SENDER'] },
});

const { reconcileAbandonedCampaignCases } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: ['NO_TEMPORAL_CLIENT'] },
});

const { reconcilePaymentsDaily } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/** Campaign cases closed by hand (terminated, cancelled…) are marked abandoned and their runs completed. */
export async function campaignCaseReconcileWorkflow(): Promise<TReconcileResult> {
  return reconcileAbandonedCampaignCases();
}

/** The notifications' e-mails waiting in the outbox, and the team leads' daily digests (docs/adr/0101). */
export async function notificationMailWorkflow(): Promise<{ sent: number; failed: number; digests: number }> {
  return sendNotificationMail();
}

/** The messages to parties waiting in their outbox: e-mail, SMS, Zalo (docs/adr/0145). */
export async function partyMessagesWorkflow(): Promise<{ sent: number; failed: number }> {
  return sendPartyMessages();
}

/** The day's payment reconciliation: mismatches into the legal officers' notifications, once a day per unit (docs/adr/0140). */
export async function paymentReconciliationWorkflow(): Promise<TPaymentReconcileResult> {
  return reconcilePaymentsDaily();
}
