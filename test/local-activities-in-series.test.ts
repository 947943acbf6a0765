/**
 * Local activities one at a time (docs/adr/0186). A calendar change and an officer's step
 * completion, each computing deadlines in a local activity, delivered to the case in one workflow
 * task (its worker was down while both arrived): the run resumed the two coroutines in the order
 * their local activities finished, a replay resumed both at once and issued their commands in
 * another order — a nondeterminism error at every later task, the case stopped. Now the second
 * local activity starts only once the first has resumed its coroutine, and the history replays.
 */
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { calendarChangedSignal, caseStateQuery, completeStepUpdate, externalEventSignal } from '../workflows/case-messages.js';
import { DIRECTOR, key, LEGAL, newCaseId, projectionsSettled, publishTestProcedures, recordHistory, startTestCase } from './case-support.js';
import { createTestDatabase, startQueueWorker, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';
import { createActivities } from '../activities/index.js';

let database: TestDatabase;
let temporal: TestTemporal;
/** A client that writes nothing of the answers (the case's own fallback does). */
let bare: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  temporal = await startTestWorker({ db: database.db });
  bare = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }), namespace: 'default' });
});
afterAll(async () => {
  await bare?.connection.close();
  await temporal?.shutdown();
  await database?.drop();
});

describe('two local activities wanted in one workflow task', () => {
  it('a calendar change and a step completion, both computing deadlines, run one after the other, and the history replays', async () => {
    const taskQueue = `test-in-series-${key()}`;
    const stopFirst = await startQueueWorker(taskQueue, { db: database.db, temporal: temporal.client });
    // test-payment: P1 has a deadline; completing it opens P2, whose deadline runs from the payment.
    const caseId = await startTestCase(temporal.client, database.db, taskQueue, newCaseId(), 'test-payment');
    await temporal.client.workflow.getHandle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: LEGAL, requestId: key(), stepId: 'P0', outcome: 'NO_EXPLAIN', data: {} }] });
    await stopFirst();

    // With no worker: the payment (recorded, P2 is not open yet), a calendar change (P1's deadline
    // computed again: a local activity) and P1's completion (P2 opens, its deadline from the
    // payment: another).
    const h = bare.workflow.getHandle(caseId);
    const paidAt = new Date().toISOString();
    await h.signal(externalEventSignal, { eventId: 'PAYMENT_RECEIVED', key: 'kho-bac-0001', at: paidAt, data: { amount: 400_000 } });
    await h.signal(calendarChangedSignal, { revision: 987_654 });
    const completing = h.executeUpdate(completeStepUpdate, { args: [{ actor: DIRECTOR, requestId: key(), stepId: 'P1', outcome: 'DECIDED', data: {} }] });
    await new Promise((r) => setTimeout(r, 2_000));
    // The first local activity asked for (the calendar change's) finishes after the second (the
    // completion's): the order in which a run resumes them is not the order a replay does.
    const real = createActivities({ db: database.db });
    let calls = 0;
    const stopSecond = await startQueueWorker(
      taskQueue,
      { db: database.db, temporal: temporal.client },
      {
        async computeDeadlines(specs) {
          if (calls++ === 0) await new Promise((r) => setTimeout(r, 500));
          return real.computeDeadlines(specs);
        },
      },
    );
    try {
      await completing;
      await projectionsSettled(temporal.client, caseId);
      // The tests' dev server suggests continue-as-new early: the scenario is in the case's first run.
      const firstRunId = (await temporal.client.workflow.getHandle(caseId).describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined;
      const history = await temporal.client.workflow.getHandle(caseId, firstRunId).fetchHistory();
      const events = history.events ?? [];
      // The scenario: the calendar change and the completion in one workflow task, two local activities after it.
      const signalled = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes?.signalName === calendarChangedSignal.name);
      const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === completeStepUpdate.name && events.indexOf(e) > signalled);
      expect(signalled).toBeGreaterThan(0);
      expect(accepted).toBeGreaterThan(signalled);
      expect(events.slice(signalled, accepted).filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
      expect(events.slice(accepted).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length).toBeGreaterThanOrEqual(2);
      // Both took effect: P1 done, P2 open with its deadline from the payment.
      const { state } = await temporal.client.workflow.getHandle(caseId).query(caseStateQuery);
      expect(state.open.map((o) => o.stepId)).toEqual(['P2']);
      expect(state.open[0]!.deadline?.anchorAt).toBe(paidAt);
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: caseId }, history);
      await recordHistory(temporal.client, caseId, 'local-activities-in-series', firstRunId);
    } finally {
      await stopSecond();
    }
  }, 60_000);
});
