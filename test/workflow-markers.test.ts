/**
 * The workflow's own markers (a sub-case closing, a calendar revision) live apart from the requests'
 * idempotency keys: a request that carries a marker's name as its key — sent straight to Temporal,
 * since the API derives its keys (api/idempotency.ts) — neither freezes a case waiting for its
 * sub-case nor makes it skip a calendar change.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../db/repositories/cases.js';
import { addNoteUpdate, calendarChangedSignal, completeStepUpdate, externalEventSignal } from '../workflows/case-messages.js';
import { A1_FORM, INSPECTOR_A, key, PHOTO, publishTestProcedures, recordHistory, startTestCase, TEAM_LEAD, view, waitFor } from './case-support.js';
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
let temporal: TestTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  temporal = await startTestWorker({ db: database.db });
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

const handle = (id: string) => temporal.client.workflow.getHandle(id);
const note = (caseId: string, requestId: string) => handle(caseId).executeUpdate(addNoteUpdate, { args: [{ actor: TEAM_LEAD, requestId, text: 'Ghi chú' }] });

async function decided(): Promise<string> {
  const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue);
  await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
  return caseId;
}

describe('the workflow’s markers', () => {
  it('are not reachable by a request: a key named like a sub-case’s closing does not stop the parent from hearing it', async () => {
    const caseId = await decided();
    await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x', photos: [PHOTO] } }] });
    const childId = `${caseId}/S1`;
    await waitFor(async () => (await view(temporal.client, childId).catch(() => undefined))?.state);
    // The attack: a note whose key is the marker the parent records when S1's case closes.
    await note(caseId, `child-closed:${childId}`);
    await handle(childId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'D1', outcome: 'CONFISCATED', data: {} }] });
    const parent = await waitFor(async () => {
      const v = await view(temporal.client, caseId);
      return v.state.completed.some((c) => c.stepId === 'S1') ? v : undefined;
    });
    expect(parent.state.completed.find((c) => c.stepId === 'S1')).toMatchObject({ outcome: 'CONFISCATED', by: 'system' });
    expect(parent.state.notes).toHaveLength(1);
    await recordHistory(temporal.client, caseId, 'markers-child-closing');
  });

  it('are not reachable by an external event either: an event keyed like a sub-case’s closing is recorded as an event only', async () => {
    const caseId = await decided();
    await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x', photos: [PHOTO] } }] });
    const childId = `${caseId}/S1`;
    await waitFor(async () => (await view(temporal.client, childId).catch(() => undefined))?.state);
    await handle(caseId).signal(externalEventSignal, { eventId: 'PAYMENT_RECEIVED', key: `child-closed:${childId}` });
    // The same event again is recorded once (its key is remembered, as an event's).
    await handle(caseId).signal(externalEventSignal, { eventId: 'PAYMENT_RECEIVED', key: `child-closed:${childId}` });
    await handle(childId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'D1', outcome: 'CONFISCATED', data: {} }] });
    const parent = await waitFor(async () => {
      const v = await view(temporal.client, caseId);
      return v.state.completed.some((c) => c.stepId === 'S1') ? v : undefined;
    });
    expect(parent.state.completed.find((c) => c.stepId === 'S1')).toMatchObject({ outcome: 'CONFISCATED', by: 'system' });
    expect(parent.state.events.filter((e) => e.id === 'PAYMENT_RECEIVED')).toHaveLength(1);
  });

  it('are not reachable by a request: a key named like a calendar revision does not make the case skip that change', async () => {
    const caseId = await decided();
    const revision = (await sql<{ revision: number }>`update calendar_revision set revision = revision + 1 where id = 1 returning revision`.execute(database.db)).rows[0]!.revision;
    await note(caseId, `calendar-r${revision}`);
    await handle(caseId).signal(calendarChangedSignal, { revision });
    const recomputed = await waitFor(async () => {
      const events = await auditEvents(database.db, caseId);
      return events.find((e) => e.action === 'DEADLINE_RECOMPUTED' && (e.detail as { reason?: string }).reason === `CALENDAR_CHANGED r${revision}`);
    });
    expect(recomputed.detail).toMatchObject({ stepId: 'A2', calendarVersion: `calendar-r${revision}` });
    // Sent again, the same revision is recorded once.
    await handle(caseId).signal(calendarChangedSignal, { revision });
    await note(caseId, key());
    const again = (await auditEvents(database.db, caseId)).filter((e) => e.action === 'DEADLINE_RECOMPUTED' && (e.detail as { reason?: string }).reason === `CALENDAR_CHANGED r${revision}`);
    expect(again).toHaveLength(1);
    await recordHistory(temporal.client, caseId, 'markers-calendar-change');
  });
});
