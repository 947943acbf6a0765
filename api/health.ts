/**
 * Readiness: the database answers, Temporal answers, a worker is polling the task queue, and (in
 * the API process) the live-event listener is listening. The report is public (load balancers,
 * `npm start`): it says what is missing in words, never an address, a version or a driver's
 * message; those are logged.
 */
import { sql } from 'kysely';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Db } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import type { TListenerStatus } from '../lib/case-events.js';

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

export interface ReadinessDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Where the failures' details go. */
  log?: Logger;
  /**
   * Under `npm start`: what its supervisor says about the worker process. While it is down (and
   * being restarted) the worker check fails, though its last poller still looks fresh to Temporal.
   */
  workerProcess?: () => TCheck | undefined;
  /** The live-event listener (lib/case-events.ts), when the process serves live events. */
  events?: { status(): TListenerStatus } | undefined;
}

export interface TCheck {
  ok: boolean;
  detail: string;
}

export interface TReadiness {
  ready: boolean;
  checks: { database: TCheck; temporal: TCheck; worker: TCheck; events?: TCheck };
}

/** The listener as a check: not ready while it is not listening, saying since when and why. */
function listenerCheck(s: TListenerStatus): TCheck {
  if (s.listening) return { ok: true, detail: `live events: listening since ${s.since.toISOString()}` };
  const retry = s.attempt > 0 ? `reconnect attempt ${s.attempt}` : 'reconnecting';
  // The driver's message (it may name the database's address) is in the API's log, not here.
  return { ok: false, detail: `live events: not listening since ${s.since.toISOString()} (${retry})` };
}

/** A poller counts as alive when it polled within this window (long polls last about a minute). */
const POLLER_FRESH_MS = 90_000;

async function timed<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness({ db, temporal: client, taskQueue, log, workerProcess, events }: ReadinessDeps): Promise<TReadiness> {
  const failed =
    (what: string, detail: string) =>
    (err: Error): TCheck => {
      log?.warn({ err: err.message.split('\n')[0] }, `readiness: ${what}`);
      return { ok: false, detail };
    };
  const database: Promise<TCheck> = timed(sql`select 1`.execute(db), 3_000).then(
    () => ({ ok: true, detail: 'PostgreSQL answers' }),
    failed('PostgreSQL does not answer', 'PostgreSQL does not answer'),
  );
  const server: Promise<TCheck> = timed(client.workflowService.getSystemInfo({}), 3_000).then(
    () => ({ ok: true, detail: 'Temporal answers' }),
    failed('Temporal does not answer', 'Temporal does not answer'),
  );
  const worker: Promise<TCheck> = timed(
    client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    }),
    3_000,
  ).then(
    (res) => {
      const now = Date.now();
      const fresh = (res.pollers ?? []).filter((p) => {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0);
        return now - seconds * 1000 < POLLER_FRESH_MS;
      });
      return fresh.length > 0 ? { ok: true, detail: `${fresh.length} worker poller(s) on the task queue` } : { ok: false, detail: 'no worker is polling the task queue' };
    },
    failed('the task queue cannot be described', 'the task queue cannot be read from Temporal'),
  );
  const down = workerProcess?.();
  const checks = { database: await database, temporal: await server, worker: down && !down.ok ? down : await worker, ...(events ? { events: listenerCheck(events.status()) } : {}) };
  return { ready: checks.database.ok && checks.temporal.ok && checks.worker.ok && (checks.events?.ok ?? true), checks };
}
