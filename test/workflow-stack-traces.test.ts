/**
 * The SDK's promise hook, which captures a stack trace for every promise a workflow creates, is off
 * unless WORKFLOW_STACK_TRACES=on (patches/@temporalio+worker+*.patch, docs/adr/0182): the
 * `__stack_trace` query then says that stack traces are not enabled, and answers with the
 * workflow's stack when they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryStateQuery, canaryWorkflow } from '../workflows/canary.js';
import { createTestDatabase, startTestWorker, uniqueId, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
const workers: TestTemporal[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const w of workers) await w.shutdown();
  await database?.drop();
});

/** A worker whose workflow threads start with WORKFLOW_STACK_TRACES as given (the threads copy the environment when they start). */
async function workerWith(stackTraces: 'on' | undefined): Promise<TestTemporal> {
  const before = process.env.WORKFLOW_STACK_TRACES;
  if (stackTraces) process.env.WORKFLOW_STACK_TRACES = stackTraces;
  else delete process.env.WORKFLOW_STACK_TRACES;
  try {
    const w = await startTestWorker({ db: database.db });
    workers.push(w);
    return w;
  } finally {
    if (before === undefined) delete process.env.WORKFLOW_STACK_TRACES;
    else process.env.WORKFLOW_STACK_TRACES = before;
  }
}

/** Starts a canary (it waits for its confirmation) and returns its handle once it has run its first task. */
async function waitingCanary(t: TestTemporal) {
  const handle = await t.client.workflow.start(canaryWorkflow, { workflowId: uniqueId('canary/stack'), taskQueue: t.taskQueue, args: [{ waitMs: 600_000 }] });
  expect((await handle.query(canaryStateQuery)).status).toBe('WAITING');
  return handle;
}

describe('workflow stack traces', () => {
  it('are off by default: the __stack_trace query says so, and the workflow runs on', async () => {
    const handle = await waitingCanary(await workerWith(undefined));
    const err = await handle.query<string>('__stack_trace').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('Workflow stack traces are not enabled on this worker');
    // The workflow is unharmed: it still answers.
    expect((await handle.query(canaryStateQuery)).status).toBe('WAITING');
    await handle.terminate('test over');
  });

  it('are on with WORKFLOW_STACK_TRACES=on: the query shows where the workflow waits', async () => {
    const handle = await waitingCanary(await workerWith('on'));
    const stack = await handle.query<string>('__stack_trace');
    expect(stack).toMatch(/^\s+at \w+ \(.*workflows\/canary\.ts:\d+:\d+\)/m);
    await handle.terminate('test over');
  });
});
