/**
 * The worker fleet's maintenance schedule: a Temporal Schedule (not a timer in some process) that
 * starts `campaignCaseReconcileWorkflow` every few minutes on the fleet's task queue, so it runs
 * once per interval however many worker replicas there are, and survives any of them stopping.
 * Every worker makes sure it exists at start (creating it, or bringing its spec and action up to
 * date); two starting at once are harmless.
 */
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { CaseKind } from '../workflows/search-attributes.js';

/** How often campaign cases are reconciled with Temporal (a closed-by-hand case shows within this, plus visibility's lag). */
const RECONCILE_EVERY = '5 minutes';

/** The schedule's id (legible in `temporal schedule list`): one per task queue, i.e. per worker fleet. */
function maintenanceScheduleId(taskQueue: string): string {
  return `maintenance/${taskQueue}/campaign-cases`;
}

export async function ensureMaintenanceSchedule(client: Client, taskQueue: string, every: string = RECONCILE_EVERY): Promise<string> {
  const scheduleId = maintenanceScheduleId(taskQueue);
  const spec = { intervals: [{ every }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'campaignCaseReconcileWorkflow',
    workflowId: `maintenance/${taskQueue}/campaign-cases`,
    taskQueue,
    args: [],
    typedSearchAttributes: [{ key: CaseKind, value: 'MAINTENANCE' }],
  };
  // One pass at a time; a pass missed while the server was down is not worth catching up on.
  const policies = { overlap: 'SKIP' as const, catchupWindow: '1 minute', pauseOnFailure: false };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, state: { note: 'INS maintenance: campaign cases closed by hand in Temporal' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
  }
  return scheduleId;
}

/** How often the notifications' outbox is drained (an e-mail goes out within this, and each lead's digest soon after its hour). */
const MAIL_EVERY = '1 minute';

/**
 * The schedule that sends the notifications' e-mails (`notificationMailWorkflow`), one pass at a
 * time for the whole fleet; ensured by workers that have an SMTP sender. Like the schedule above,
 * it lives in Temporal, not in any worker's memory.
 */
export async function ensureNotificationMailSchedule(client: Client, taskQueue: string, every: string = MAIL_EVERY): Promise<string> {
  const scheduleId = `maintenance/${taskQueue}/notification-mail`;
  const spec = { intervals: [{ every }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'notificationMailWorkflow',
    workflowId: scheduleId,
    taskQueue,
    args: [],
    typedSearchAttributes: [{ key: CaseKind, value: 'MAINTENANCE' }],
  };
  const policies = { overlap: 'SKIP' as const, catchupWindow: '1 minute', pauseOnFailure: false };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, state: { note: 'INS maintenance: notification e-mails and the team leads’ daily digests' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
  }
  return scheduleId;
}

/**
 * The schedule that sends the messages to parties (`partyMessagesWorkflow`, docs/adr/0145), one pass
 * at a time for the whole fleet; ensured by workers that have a sender for parties.
 */
export async function ensurePartyMessagesSchedule(client: Client, taskQueue: string, every: string = MAIL_EVERY): Promise<string> {
  const scheduleId = `maintenance/${taskQueue}/party-messages`;
  const spec = { intervals: [{ every }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'partyMessagesWorkflow',
    workflowId: scheduleId,
    taskQueue,
    args: [],
    typedSearchAttributes: [{ key: CaseKind, value: 'MAINTENANCE' }],
  };
  const policies = { overlap: 'SKIP' as const, catchupWindow: '1 minute', pauseOnFailure: false };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, state: { note: 'INS maintenance: messages to parties (e-mail, SMS, Zalo)' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
  }
  return scheduleId;
}

/**
 * The daily payment reconciliation (`paymentReconciliationWorkflow`, docs/adr/0140): every day at
 * 07:00 Vietnam time, before the legal officers' day starts, one pass for the whole fleet. A pass
 * missed while Temporal was down is caught up within the day; a second pass the same day (a
 * catch-up, a manual trigger) tells nobody twice.
 */
export async function ensurePaymentReconciliationSchedule(client: Client, taskQueue: string): Promise<string> {
  const scheduleId = `maintenance/${taskQueue}/payment-reconciliation`;
  const spec = { calendars: [{ hour: 7, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'paymentReconciliationWorkflow',
    workflowId: scheduleId,
    taskQueue,
    args: [],
    typedSearchAttributes: [{ key: CaseKind, value: 'MAINTENANCE' }],
  };
  const policies = { overlap: 'SKIP' as const, catchupWindow: '12 hours', pauseOnFailure: false };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, state: { note: 'INS maintenance: the daily reconciliation of payment callbacks against the cases' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
  }
  return scheduleId;
}
