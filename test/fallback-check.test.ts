/**
 * The workflow's fallback projection asks the read model first (docs/adr/0185). When the API wrote
 * every answer's projection, the window closes after one read (a local activity), with no
 * projection activity; when it did not — an answer never written, or an earlier action's events
 * missing under a later action's row — the fallback writes the case as before, and the read model
 * ends holding the whole chain.
 */
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import { readModelHolds } from '../db/repositories/read-model-wait.js';
import { addNoteUpdate, caseStateQuery, completeStepUpdate } from '../workflows/case-messages.js';
import { A1_FORM, DIRECTOR, key, projectionsSettled, publishTestProcedures, recordHistory, startTestCase, TEAM_LEAD } from './case-support.js';
import { createTestDatabase, startQueueWorker, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
let temporal: TestTemporal;
/** A client that sends Updates and writes nothing of their answers: an API replica that died after the answer. */
let bare: Client;
/** The workflow's own projections, by case. */
const projected = new Map<string, number[]>();

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  const real = createActivities({ db: database.db });
  temporal = await startTestWorker(
    { db: database.db },
    {
      async projectCaseState(input) {
        const seqs = projected.get(input.projection.caseId) ?? [];
        projected.set(input.projection.caseId, [...seqs, input.projection.stateSeq]);
        await real.projectCaseState(input);
      },
    },
  );
  bare = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }), namespace: 'default' });
});
afterAll(async () => {
  await bare?.connection.close();
  await temporal?.shutdown();
  await database?.drop();
});

const note = (text: string): { args: [{ actor: typeof DIRECTOR; requestId: string; text: string }] } => ({ args: [{ actor: DIRECTOR, requestId: key(), text }] });

async function auditSeqs(caseId: string): Promise<number[]> {
  const rows = await database.db.selectFrom('audit_event').select('seq').where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map((r) => Number(r.seq));
}

/** The marker the SDK records a local activity's result in. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** The names of the activities and local activities in the case's history, in order. */
async function activitiesOf(caseId: string): Promise<{ scheduled: string[]; markers: string[] }> {
  const history = await temporal.client.workflow.getHandle(caseId).fetchHistory();
  const events = history.events ?? [];
  return {
    scheduled: events.flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name ? [e.activityTaskScheduledEventAttributes.activityType.name] : [])),
    markers: events.flatMap((e) => (e.markerRecordedEventAttributes?.markerName ? [e.markerRecordedEventAttributes.markerName] : [])),
  };
}

describe('the fallback projection asks the read model first (docs/adr/0185)', () => {
  it('writes nothing when the API wrote every answer: one read, no projection activity', async () => {
    const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue);
    await temporal.client.workflow.getHandle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    await temporal.client.workflow.getHandle(caseId).executeUpdate(addNoteUpdate, note('ghi chú'));
    const localBefore = (await activitiesOf(caseId)).markers.filter((m) => m === LOCAL_ACTIVITY_MARKER).length;
    // The window (10 s) ends; the workflow then holds nothing unprojected.
    await projectionsSettled(temporal.client, caseId);
    const { state } = await temporal.client.workflow.getHandle(caseId).query(caseStateQuery);
    expect(projected.get(caseId)).toBeUndefined();
    const { scheduled, markers } = await activitiesOf(caseId);
    expect(scheduled).not.toContain('projectCaseState');
    // The read was one local activity, recorded as a marker in the history.
    expect(markers.filter((m) => m === LOCAL_ACTIVITY_MARKER).length).toBe(localBefore + 1);
    expect(await readModelHolds(database.db, caseId, state.seq, await auditSeqs(caseId))).toBe(true);
    expect(await auditSeqs(caseId)).toEqual(Array.from({ length: state.seq }, (_, i) => i + 1));
    await recordHistory(temporal.client, caseId, 'fallback-check-read-model-holds');
  }, 40_000);

  it('writes the case when no answer of the window was written', async () => {
    const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue);
    const before = await auditSeqs(caseId);
    await bare.workflow.getHandle(caseId).executeUpdate(addNoteUpdate, note('không ai ghi'));
    const { state } = await temporal.client.workflow.getHandle(caseId).query(caseStateQuery);
    // Not in the read model yet: nobody wrote the answer.
    expect(await auditSeqs(caseId)).toEqual(before);
    await projectionsSettled(temporal.client, caseId);
    expect(projected.get(caseId)).toEqual([state.seq]);
    expect(await auditSeqs(caseId)).toEqual(Array.from({ length: state.seq }, (_, i) => i + 1));
    const row = await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(Number(row.state_seq)).toBe(state.seq);
  }, 40_000);

  it('writes the case when a later answer was written but an earlier one was not: its events are missing under a current row', async () => {
    const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue);
    await bare.workflow.getHandle(caseId).executeUpdate(addNoteUpdate, note('câu trả lời bị mất'));
    const lost = (await temporal.client.workflow.getHandle(caseId).query(caseStateQuery)).state.seq;
    await temporal.client.workflow.getHandle(caseId).executeUpdate(addNoteUpdate, note('câu trả lời được ghi'));
    const { state } = await temporal.client.workflow.getHandle(caseId).query(caseStateQuery);
    // The row is current, the first note's event is not there.
    const row = await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(Number(row.state_seq)).toBe(state.seq);
    expect(await auditSeqs(caseId)).not.toContain(lost);
    expect(await readModelHolds(database.db, caseId, state.seq, [lost])).toBe(false);
    await projectionsSettled(temporal.client, caseId);
    expect(projected.get(caseId)).toEqual([state.seq]);
    expect(await auditSeqs(caseId)).toEqual(Array.from({ length: state.seq }, (_, i) => i + 1));
    await recordHistory(temporal.client, caseId, 'fallback-check-events-missing');
  }, 40_000);
});

describe('the fallback with an Update in the same workflow task', () => {
  it('projects at once when a handler is running, and the history replays (found by the chaos test)', async () => {
    // A case of its own task queue, whose worker is stopped after the opening: the opening's window
    // timer fires while no worker runs, an Update waits, and a new worker gets both in one task.
    const taskQueue = `test-fallback-${key()}`;
    const stopFirst = await startQueueWorker(taskQueue, { db: database.db, temporal: temporal.client });
    const caseId = await startTestCase(temporal.client, database.db, taskQueue);
    await stopFirst();
    // A step whose completion computes deadlines: its handler awaits a local activity.
    const completing = bare.workflow.getHandle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    await new Promise((r) => setTimeout(r, 11_000));
    const stopSecond = await startQueueWorker(taskQueue, { db: database.db, temporal: temporal.client });
    try {
      await completing;
      await projectionsSettled(temporal.client, caseId);
      const history = await temporal.client.workflow.getHandle(caseId).fetchHistory();
      const events = history.events ?? [];
      const fired = events.findIndex((e) => e.timerFiredEventAttributes);
      const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === completeStepUpdate.name);
      // The scenario: the timer fired and the Update was accepted in one workflow task.
      expect(fired).toBeGreaterThan(0);
      expect(accepted).toBeGreaterThan(fired);
      // (An Update's acceptance is written after the completion of the task that accepted it.)
      expect(events.slice(fired, accepted).filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
      // The handler was running: the fallback projected without the read.
      expect(events.slice(accepted).some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCaseState')).toBe(true);
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: caseId }, history);
      await recordHistory(temporal.client, caseId, 'fallback-check-update-in-the-same-task');
    } finally {
      await stopSecond();
    }
  }, 60_000);
});

describe('readModelHolds', () => {
  it('needs the row at the state or later and every event asked for', async () => {
    const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue);
    const seqs = await auditSeqs(caseId);
    const head = Math.max(...seqs);
    expect(await readModelHolds(database.db, caseId, head, seqs)).toBe(true);
    expect(await readModelHolds(database.db, caseId, head - 1, [])).toBe(true);
    expect(await readModelHolds(database.db, caseId, head + 1, [])).toBe(false);
    expect(await readModelHolds(database.db, caseId, head, [...seqs, head + 1])).toBe(false);
    expect(await readModelHolds(database.db, 'test/case/none', 1, [])).toBe(false);
  });
});
