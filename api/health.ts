/**
 * Readiness: the database answers, Temporal answers, and a worker is polling the task queue.
 */
import { sql } from 'kysely';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Db } from '../db/database.js';

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

export interface ReadinessDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /**
   * Under `npm start`: what its supervisor says about the worker process. While it is down (and
   * being restarted) the worker check fails, though its last poller still looks fresh to Temporal.
   */
  workerProcess?: () => TCheck | undefined;
}

export interface TCheck {
  ok: boolean;
  detail: string;
}

export interface TReadiness {
  ready: boolean;
  checks: { database: TCheck; temporal: TCheck; worker: TCheck };
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

export async function checkReadiness({ db, temporal: client, taskQueue, workerProcess }: ReadinessDeps): Promise<TReadiness> {
  const database: Promise<TCheck> = timed(sql`select 1`.execute(db), 3_000).then(
    () => ({ ok: true, detail: 'PostgreSQL answers' }),
    (err: Error) => ({ ok: false, detail: `PostgreSQL: ${err.message}` }),
  );
  const server: Promise<TCheck> = timed(client.workflowService.getSystemInfo({}), 3_000).then(
    (info) => ({ ok: true, detail: `Temporal Server ${info.serverVersion ?? ''}`.trim() }),
    (err: Error) => ({ ok: false, detail: `Temporal: ${err.message.split('\n')[0]}` }),
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
      return fresh.length > 0
        ? { ok: true, detail: `${fresh.length} worker poller(s) on task queue ${taskQueue}` }
        : { ok: false, detail: `no worker is polling task queue ${taskQueue}` };
    },
    (err: Error) => ({ ok: false, detail: `Temporal task queue: ${err.message.split('\n')[0]}` }),
  );
  const down = workerProcess?.();
  const checks = { database: await database, temporal: await server, worker: down && !down.ok ? down : await worker };
  return { ready: checks.database.ok && checks.temporal.ok && checks.worker.ok, checks };
}
