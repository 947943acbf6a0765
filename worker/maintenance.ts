/**
 * The worker fleet's maintenance schedules: Temporal Schedules (not timers in some process), each
 * starting one maintenance workflow on the fleet's task queue, so a pass runs once per interval
 * however many worker replicas there are, and survives any of them stopping. Every worker makes
 * sure of them at start (creating each, or bringing its spec and action up to date); two starting
 * at once are harmless.
 */
import { ScheduleAlreadyRunning, type Client, type ScheduleSpec } from '@temporalio/client';
import { CaseKind } from '../workflows/search-attributes.js';

/** How often campaign cases are reconciled with Temporal (a closed-by-hand case shows within this, plus visibility's lag). */
const RECONCILE_EVERY = '5 minutes';

/** How often the notifications' outbox is drained (an e-mail goes out within this, and each lead's digest soon after its hour). */
const MAIL_EVERY = '1 minute';

/** gRPC codes of a Temporal server that is slow or not there yet (DEADLINE_EXCEEDED, UNAVAILABLE): worth asking again. */
const TRANSIENT_GRPC_CODES = new Set([4, 14]);

/** The gRPC code of an error or of the error it wraps (the SDK's ServiceError carries it in `cause`). */
function grpcCode(err: unknown): number | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (typeof e.code === 'number') return e.code;
  return undefined;
}

/**
 * `call`, asked again with a growing pause while the server answers DEADLINE_EXCEEDED or
 * UNAVAILABLE, for up to `budgetMs`: a dev server just started, or a loaded one, once timed out on
 * the first schedule call and stopped the worker's start. Any other error is thrown at once.
 */
export async function untilAnswered<T>(call: () => Promise<T>, budgetMs = 60_000, firstPauseMs = 250): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let pause = firstPauseMs; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await call();
    } catch (err) {
      if (!TRANSIENT_GRPC_CODES.has(grpcCode(err) ?? -1) || Date.now() + pause > deadline) throw err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/**
 * Creates or updates the schedule `maintenance/<taskQueue>/<name>`, which starts `workflowType`
 * (workflow id = schedule id: legible in `temporal schedule list`) one pass at a time (overlap SKIP).
 * `catchupWindow`: how late a pass missed while the server was down may still run.
 */
async function upsertMaintenanceSchedule(client: Client, taskQueue: string, s: { name: string; workflowType: string; spec: ScheduleSpec; catchupWindow: string; note: string }): Promise<string> {
  const scheduleId = `maintenance/${taskQueue}/${s.name}`;
  const { spec } = s;
  const action = {
    type: 'startWorkflow' as const,
    workflowType: s.workflowType,
    workflowId: scheduleId,
    taskQueue,
    args: [],
    typedSearchAttributes: [{ key: CaseKind, value: 'MAINTENANCE' }],
  };
  const policies = { overlap: 'SKIP' as const, catchupWindow: s.catchupWindow, pauseOnFailure: false };
  await untilAnswered(async () => {
    try {
      await client.schedule.create({ scheduleId, spec, action, policies, state: { note: `INS maintenance: ${s.note}` } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
    }
  });
  return scheduleId;
}

/** Campaign cases closed by hand in Temporal, reconciled (`campaignCaseReconcileWorkflow`); a pass missed while the server was down is not worth catching up on. */
export async function ensureMaintenanceSchedule(client: Client, taskQueue: string, every: string = RECONCILE_EVERY): Promise<string> {
  return upsertMaintenanceSchedule(client, taskQueue, {
    name: 'campaign-cases',
    workflowType: 'campaignCaseReconcileWorkflow',
    spec: { intervals: [{ every }] },
    catchupWindow: '1 minute',
    note: 'campaign cases closed by hand in Temporal',
  });
}

/** The notifications' e-mails and the team leads' digests (`notificationMailWorkflow`, docs/adr/0101); ensured by workers that have an SMTP sender. */
export async function ensureNotificationMailSchedule(client: Client, taskQueue: string, every: string = MAIL_EVERY): Promise<string> {
  return upsertMaintenanceSchedule(client, taskQueue, {
    name: 'notification-mail',
    workflowType: 'notificationMailWorkflow',
    spec: { intervals: [{ every }] },
    catchupWindow: '1 minute',
    note: 'notification e-mails and the team leads’ daily digests',
  });
}

/** The messages to parties (`partyMessagesWorkflow`, docs/adr/0145); ensured by workers that have a sender for parties. */
export async function ensurePartyMessagesSchedule(client: Client, taskQueue: string, every: string = MAIL_EVERY): Promise<string> {
  return upsertMaintenanceSchedule(client, taskQueue, {
    name: 'party-messages',
    workflowType: 'partyMessagesWorkflow',
    spec: { intervals: [{ every }] },
    catchupWindow: '1 minute',
    note: 'messages to parties (e-mail, SMS, Zalo)',
  });
}

/**
 * The daily payment reconciliation (`paymentReconciliationWorkflow`, docs/adr/0140): every day at
 * 07:00 Vietnam time, before the legal officers' day starts. A pass missed while Temporal was down
 * is caught up within the day; a second pass the same day (a catch-up, a manual trigger) tells
 * nobody twice.
 */
export async function ensurePaymentReconciliationSchedule(client: Client, taskQueue: string): Promise<string> {
  return upsertMaintenanceSchedule(client, taskQueue, {
    name: 'payment-reconciliation',
    workflowType: 'paymentReconciliationWorkflow',
    spec: { calendars: [{ hour: 7, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' },
    catchupWindow: '12 hours',
    note: 'the daily reconciliation of payment callbacks against the cases',
  });
}
