/**
 * Workflow tests that only need time to pass, on Temporal's time-skipping test server
 * (lib/temporal-test-server.ts; docs/adr/0080). Each test file starts a server of its own, because
 * a server's clock is one for all its workflows and vitest runs files in parallel: one file's skip
 * would move another's clock. The server starts with skipping locked, so time stands as on a real
 * server while a test acts; `sleepUntil` unlocks it until the server's clock reaches an instant,
 * firing every timer on the way in milliseconds of wall time. Activities run in real time.
 *
 * PostgreSQL and the workflow bundle still come from test/global-setup.ts. The Java test server
 * has no Schedules, so the campaign tests stay on the dev server.
 */
import { randomUUID } from 'node:crypto';
import { readYourWrites } from './read-your-writes.js';
import type { Client } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Activities } from '../activities/index.js';
import type { Db } from '../db/database.js';
import { resolveTemporalTestServer } from '../lib/temporal-test-server.js';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { createInsWorker } from '../worker/worker.js';

const INDEXED: Record<SearchAttributeType, proto.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export interface TimeSkippingTemporal {
  /** A client of the test server (its `result()` lets time skip while it waits). */
  client: Client;
  taskQueue: string;
  /** The test server's address, for an API app of the test's own. */
  address: string;
  worker: Worker;
  /** The test server's clock (ms), which runs ahead of the wall clock after a skip. */
  now(): Promise<number>;
  /** Lets the server's clock run to `at` (ISO instant or ms), firing every timer due on the way. */
  sleepUntil(at: string | number): Promise<void>;
  /** Stops the worker and the test server. */
  shutdown(): Promise<void>;
}

/**
 * The SDK gives the test server 5 s to start (a constant in its core): a loaded 2-core machine
 * sometimes takes longer. Tried three times before the test is failed.
 */
async function createTimeSkippingEnv(path: string): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test((err as Error).message)) throw err;
    }
  }
}

/** A time-skipping test server of this file's own, with the INS search attributes and a running INS worker. */
export async function startTimeSkippingWorker(deps: { db: Db }, activityOverrides?: Partial<Activities>): Promise<TimeSkippingTemporal> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process.
  }
  const server = await resolveTemporalTestServer();
  const env = await createTimeSkippingEnv(server.path);
  try {
    // The test server knows no custom search attribute until told; the workflows upsert these.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED[k.type]])),
    });
    const taskQueue = `test-${randomUUID()}`;
    const worker = await createInsWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      deps: { temporal: env.client, ...deps },
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activityOverrides,
    });
    const running = worker.run();
    const testService = env.connection.testService!;
    const now = async (): Promise<number> => {
      const t = (await testService.getCurrentTime({})).time;
      return Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
    };
    return {
      client: readYourWrites(env.client, deps.db),
      taskQueue,
      address: env.address,
      worker,
      now,
      async sleepUntil(at) {
        const target = typeof at === 'number' ? at : Date.parse(at);
        const ms = target - (await now());
        if (ms > 0) await env.sleep(ms);
      },
      async shutdown() {
        worker.shutdown();
        await running;
        await env.teardown();
      },
    };
  } catch (err) {
    await env.teardown();
    throw err;
  }
}
