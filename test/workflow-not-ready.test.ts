/**
 * An officer action sent while the case's workflow task keeps failing or timing out — what a worker
 * killed in the middle of its tasks leaves behind — is refused by Temporal Server 1.29 with gRPC
 * FAILED_PRECONDITION ("Workflow Task in failed state", once the task's attempt reaches 3) before
 * the Update is admitted. The chaos script found 80 such requests answered 500 INTERNAL (issue 13).
 * Now the API sends the Update again, with the same id, until a worker catches up (within its
 * lookup window), and otherwise answers 503 UNAVAILABLE saying that nothing was changed.
 *
 * Against the real dev server: a worker of this test's own runs a workflow whose every task fails,
 * then is replaced by one that answers the Update.
 */
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { executeCaseUpdate } from '../api/services/case-actions.js';
import { httpError } from '../api/error-translator.js';
import { AppError } from '../api/errors.js';
import type { TActionEnvelope } from '../workflows/case-messages.js';
import { pingUpdate } from './fixtures/not-ready-workflows.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** The Update as executeCaseUpdate types it; the test workflow answers it with the request id. */
const ping = pingUpdate as unknown as Parameters<typeof executeCaseUpdate<TActionEnvelope>>[2];
const args = (requestId: string): TActionEnvelope => ({ actor: { userId: 'u1', roles: ['INSPECTOR'] }, requestId });

let client: Client;
let connection: Connection;
let native: NativeConnection;
const taskQueue = `not-ready-${randomUUID()}`;

async function runWorker(version: 'broken' | 'healed'): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({ connection: native, namespace: 'default', taskQueue, workflowsPath: fixture(`not-ready-${version}.ts`) });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

/** Starts the workflow and waits until its workflow task has failed enough times for Temporal to refuse Updates. */
async function startStuck(workflowId: string): Promise<void> {
  await client.workflow.start('notReady', { workflowId, taskQueue, workflowTaskTimeout: '1s' });
  await expect
    .poll(async () => (await client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } })).pendingWorkflowTask?.attempt ?? 0, {
      timeout: 30_000,
      interval: 250,
    })
    .toBeGreaterThanOrEqual(3);
}

beforeAll(async () => {
  // The broken workflow's task failures are this test's subject, not news: only errors are logged.
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } } });
  } catch {
    // A runtime is already installed in this process.
  }
  const address = inject('temporalAddress');
  connection = await Connection.connect({ address });
  client = new Client({ connection, namespace: 'default' });
  native = await NativeConnection.connect({ address });
});

afterAll(async () => {
  await connection?.close();
  await native?.close();
});

describe('an action sent while the case’s workflow task keeps failing', () => {
  it('is refused by Temporal with FAILED_PRECONDITION, which the API answers 503 “nothing was changed”, not 500', async () => {
    const worker = await runWorker('broken');
    const workflowId = `not-ready/${randomUUID()}`;
    try {
      await startStuck(workflowId);
      // Temporal's own answer, as the client throws it.
      const raw = await client.workflow
        .getHandle(workflowId)
        .executeUpdate(pingUpdate, { args: [{ requestId: 'r0' }], updateId: 'r0' })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(raw).toBeDefined();
      const translated = httpError(raw, { caseUpdate: true });
      expect(translated).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
      // The API's send: tried again for its window, then the same 503, saying nothing was applied.
      const err = await executeCaseUpdate(client, workflowId, ping, args('r1'), 'r1', 1_500).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
      expect((err as AppError).message).toMatch(/nothing was changed/);
    } finally {
      await worker.stop();
      await client.workflow
        .getHandle(workflowId)
        .terminate('test over')
        .catch(() => undefined);
    }
  });

  it('is applied once a worker catches up within the lookup window, with the same Update id', async () => {
    const broken = await runWorker('broken');
    const workflowId = `not-ready/${randomUUID()}`;
    let healed: { stop(): Promise<void> } | undefined;
    try {
      await startStuck(workflowId);
      // The action is sent while the task still fails; a second later the healthy worker replaces the broken one.
      const sending = executeCaseUpdate(client, workflowId, ping, args('r2'), 'r2', 20_000);
      await new Promise((r) => setTimeout(r, 1_000));
      await broken.stop();
      healed = await runWorker('healed');
      const result = (await sending) as unknown as { requestId: string };
      expect(result).toEqual({ requestId: 'r2' });
      // Applied once: the history holds exactly one accepted Update with that id.
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === 'r2');
      expect(accepted).toHaveLength(1);
    } finally {
      await healed?.stop();
      await client.workflow
        .getHandle(workflowId)
        .terminate('test over')
        .catch(() => undefined);
    }
  });
});
