/**
 * Smoke test of the foundation: a workflow on the real Temporal server, advanced by an Update,
 * read back by a Query, projected into PostgreSQL by an activity, and listed by the Temporal CLI.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canaryStateQuery, canaryWorkflow, confirmCanaryUpdate } from '../workflows/canary.js';
import { CaseKind } from '../workflows/search-attributes.js';
import { createTestDatabase, startTestWorker, uniqueId, type TestDatabase, type TestTemporal } from './support.js';

const execFileAsync = promisify(execFile);

let database: TestDatabase;
let temporal: TestTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  temporal = await startTestWorker({ db: database.db });
});

afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

async function updateFailureType(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).type ?? undefined;
  }
  throw new Error('the update was expected to be rejected');
}

describe('the canary workflow on the real Temporal server', () => {
  it('is started, advanced by an Update, read by a Query, projected to PostgreSQL and listed by the CLI', async () => {
    const workflowId = uniqueId('canary/test');
    const handle = await temporal.client.workflow.start(canaryWorkflow, {
      workflowId,
      taskQueue: temporal.taskQueue,
      args: [{ waitMs: 60_000 }],
      typedSearchAttributes: [{ key: CaseKind, value: 'CANARY' }],
    });

    expect((await handle.query(canaryStateQuery)).status).toBe('WAITING');

    // The validator rejects bad input before anything is written to history.
    expect(await updateFailureType(handle.executeUpdate(confirmCanaryUpdate, { args: [{ by: '  ' }] }))).toBe('FORM_INVALID');

    const updated = await handle.executeUpdate(confirmCanaryUpdate, { args: [{ by: 'smoke-test', note: 'xin chào' }], updateId: 'confirm-1' });
    expect(updated.status).toBe('CONFIRMED');
    expect(updated.confirmedBy).toBe('smoke-test');

    // The same update id is deduplicated by the server: the same result, no second effect.
    const again = await handle.executeUpdate(confirmCanaryUpdate, { args: [{ by: 'smoke-test', note: 'xin chào' }], updateId: 'confirm-1' });
    expect(again.confirmedAt).toBe(updated.confirmedAt);

    const state = await handle.query(canaryStateQuery);
    expect(state).toMatchObject({ status: 'CONFIRMED', confirmedBy: 'smoke-test', note: 'xin chào' });
    expect(await handle.result()).toMatchObject({ status: 'CONFIRMED' });

    // The run has completed: a later, different confirmation is refused by the server.
    await expect(handle.executeUpdate(confirmCanaryUpdate, { args: [{ by: 'someone-else' }] })).rejects.toThrow(/completed/i);

    const row = await database.db.selectFrom('canary_run').selectAll().where('workflow_id', '=', workflowId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'CONFIRMED', confirmed_by: 'smoke-test', note: 'xin chào' });

    // Only the accepted update reached the history: rejected ones leave no trace.
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);

    // The Temporal CLI itself sees the workflow (visibility is eventually consistent: poll briefly).
    let listed: { execution?: { workflowId?: string }; status?: string }[] = [];
    for (let i = 0; i < 40 && listed.length === 0; i++) {
      const { stdout } = await execFileAsync(inject('temporalCliPath'), [
        'workflow',
        'list',
        '--address',
        inject('temporalAddress'),
        '--namespace',
        'default',
        '--query',
        `WorkflowId = '${workflowId}' AND CaseKind = 'CANARY'`,
        '--output',
        'json',
      ]);
      listed = stdout.trim() ? (JSON.parse(stdout) as typeof listed) : [];
      if (listed.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(listed.map((w) => w.execution?.workflowId)).toEqual([workflowId]);
  });
});
