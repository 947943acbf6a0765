/**
 * Assignment that persists, on the real Temporal server (issue 15: "a step opened by the same role
 * goes to the officer who did the previous one (or the case's assignee) unless someone chooses
 * otherwise; 'assign the case' for leads"): the inspector who did the inspection gets its violation
 * record and the seizure track's case without claiming them; a lead gives the whole case to another
 * inspector; the read model's tasks say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, listTasks } from '../db/repositories/cases.js';
import { CASE_ACTION_UPDATES, claimStepUpdate, completeStepUpdate } from '../workflows/case-messages.js';
import { A1_FORM, expectReadModelInSync, INSPECTOR_A, INSPECTOR_B, key, PHOTO, publishTestProcedures, rejection, startTestCase, TEAM_LEAD, view, waitFor } from './case-support.js';
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

/** A case decided by the lead, its inspection (A2) claimed and found a violation by inspector A: B1 and the seizure track open. */
async function inspected(): Promise<string> {
  const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue);
  await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
  await handle(caseId).executeUpdate(claimStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2' }] });
  await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [PHOTO] }] });
  return caseId;
}

describe('assignment that persists', () => {
  it('gives the violation record, and the seizure track’s case, to the inspector who did the inspection', async () => {
    const caseId = await inspected();
    const v = await view(temporal.client, caseId);
    expect(v.state.open.find((o) => o.stepId === 'B1')?.assigneeId).toBe(INSPECTOR_A.userId);
    // The sub-procedure's case is the inspector's: its first step (D1, an inspector's) is theirs.
    const child = `${caseId}/S1`;
    const childView = await waitFor(async () => {
      const cv = await view(temporal.client, child).catch(() => undefined);
      return cv?.state.open.length ? cv : undefined;
    });
    expect(childView.state.assigneeId).toBe(INSPECTOR_A.userId);
    expect(childView.state.open.find((o) => o.stepId === 'D1')?.assigneeId).toBe(INSPECTOR_A.userId);
    // The read model's task (the inbox reads it) and the audit trail say so.
    await expectReadModelInSync(temporal.client, database.db, caseId);
    expect((await listTasks(database.db, { caseId })).find((t) => t.step_id === 'B1')?.assignee_id).toBe(INSPECTOR_A.userId);
    const assigned = (await auditEvents(database.db, caseId)).filter((e) => e.action === 'STEP_ASSIGNED').map((e) => e.detail);
    expect(assigned).toContainEqual({ stepId: 'B1', to: INSPECTOR_A.userId, reason: 'PREVIOUS_OFFICER' });
    // Inspector A completes B1 without claiming it; inspector B may not.
    const b1 = { stepId: 'B1', outcome: 'RECORDED', data: { violationDate: '2026-11-19', items: [{ name: 'a', quantity: 1 }] } };
    expect((await rejection(handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_B, requestId: key(), ...b1 }] }))).code).toBe('NOT_ASSIGNEE');
    await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), ...b1 }] });
  });

  it('lets a lead give the whole case to another inspector: the open inspector steps move, and the next ones follow', async () => {
    const caseId = await inspected();
    const r = await handle(caseId).executeUpdate(CASE_ACTION_UPDATES.ASSIGN_CASE, { args: [{ actor: TEAM_LEAD, requestId: key(), assigneeId: INSPECTOR_B.userId }] });
    expect(r.duplicate).toBe(false);
    const v = await view(temporal.client, caseId);
    expect(v.state.assigneeId).toBe(INSPECTOR_B.userId);
    expect(v.state.open.find((o) => o.stepId === 'B1')?.assigneeId).toBe(INSPECTOR_B.userId);
    // An inspector may not; the same assignment again changes nothing and says so.
    expect((await rejection(handle(caseId).executeUpdate(CASE_ACTION_UPDATES.ASSIGN_CASE, { args: [{ actor: INSPECTOR_A, requestId: key(), assigneeId: INSPECTOR_A.userId }] }))).code).toBe('ROLE_NOT_ALLOWED');
    expect((await rejection(handle(caseId).executeUpdate(CASE_ACTION_UPDATES.ASSIGN_CASE, { args: [{ actor: TEAM_LEAD, requestId: key(), assigneeId: INSPECTOR_B.userId }] }))).code).toBe('CONFLICT');
    await expectReadModelInSync(temporal.client, database.db, caseId);
    const audit = await auditEvents(database.db, caseId);
    expect(audit.filter((e) => e.action === 'CASE_ASSIGNED').map((e) => [e.actorId, e.detail])).toEqual([[TEAM_LEAD.userId, { assigneeId: INSPECTOR_B.userId }]]);
  });
});
