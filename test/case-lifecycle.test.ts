/**
 * Long-lived cases on the real Temporal server: migration to a newer procedure version (dry run,
 * then apply), continue-as-new that keeps the state and the idempotency keys, a calendar change
 * that recomputes open deadlines from the real holiday calendar, and search attributes the
 * Temporal CLI can query.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationDryRun } from '../api/services/cases.js';
import { notifyCalendarChanged } from '../api/services/calendar.js';
import { vietnamDateOf, addCalendarDays } from '../domain/calendar.js';
import { testInspection } from '../domain/fixtures/test-procedures.js';
import { auditEvents } from '../db/repositories/cases.js';
import { upsertCalendarDay } from '../db/repositories/calendar-admin.js';
import { loadWorkingCalendar } from '../db/repositories/calendar.js';
import { publish, saveDraft } from '../db/repositories/procedures.js';
import { addNoteUpdate, completeStepUpdate, migrateProcedureUpdate } from '../workflows/case-messages.js';
import {
  A1_FORM,
  ADMIN,
  compressedDeadlines,
  expectReadModelInSync,
  INSPECTOR_A,
  key,
  publishTestProcedures,
  recordHistory,
  rejection,
  startTestCase,
  TEAM_LEAD,
  UNIT_MS,
  view,
  waitFor,
} from './case-support.js';
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const execFileAsync = promisify(execFile);

let database: TestDatabase;
let compressed: TestTemporal;
let real: TestTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  // v2: the on-site step may also be done by a team lead and gets 8 units; v3 renames it (no A2 any more).
  const v2 = testInspection(2);
  v2.steps[1]!.roles = ['INSPECTOR', 'TEAM_LEAD'];
  v2.steps[1]!.deadline!.amount = 8;
  const v3 = JSON.parse(JSON.stringify(testInspection(3)).replaceAll('"A2"', '"A2X"')) as ReturnType<typeof testInspection>;
  for (const def of [v2, v3]) {
    await saveDraft(database.db, def, 'admin-1');
    await publish(database.db, def.id, def.version, 'admin-1');
  }
  compressed = await startTestWorker({ db: database.db }, compressedDeadlines());
  real = await startTestWorker({ db: database.db });
});
afterAll(async () => {
  await compressed?.shutdown();
  await real?.shutdown();
  await database?.drop();
});

describe('migrating a running case to a newer procedure version', () => {
  it('shows a dry run, then applies it, audited; a version without the open step is refused', async () => {
    const caseId = await startTestCase(compressed.client, database.db, compressed.taskQueue);
    const h = compressed.client.workflow.getHandle(caseId);
    await h.executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });

    const plan = await migrationDryRun(compressed.client, database.db, caseId, 2);
    expect(plan).toMatchObject({ from: 1, to: 2, canApply: true, blockers: [] });
    expect(plan.openSteps).toEqual([{ stepId: 'A2', existsInTarget: true, rolesChanged: true, formChanged: false, deadlineChanged: true, outcomesChanged: false }]);
    expect(plan.changes).toEqual(expect.arrayContaining(['Step A2: now completed by INSPECTOR, TEAM_LEAD.']));
    // A dry run changes nothing.
    expect((await view(compressed.client, caseId)).state.procedure.version).toBe(1);

    const blocked = await migrationDryRun(compressed.client, database.db, caseId, 3);
    expect(blocked.canApply).toBe(false);
    expect(blocked.blockers).toEqual(['Open step A2 does not exist in version 3.']);
    const refused = await rejection(h.executeUpdate(migrateProcedureUpdate, { args: [{ actor: ADMIN, requestId: key(), toVersion: 3 }] }));
    expect(refused.code).toBe('MIGRATION_BLOCKED');
    const notAllowed = await rejection(h.executeUpdate(migrateProcedureUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), toVersion: 2 }] }));
    expect(notAllowed.code).toBe('ROLE_NOT_ALLOWED');

    const applied = await h.executeUpdate(migrateProcedureUpdate, { args: [{ actor: ADMIN, requestId: key(), toVersion: 2 }] });
    expect(applied.procedure).toEqual({ id: 'test-inspection', version: 2 });
    const v = await expectReadModelInSync(compressed.client, database.db, caseId);
    const d = v.state.open[0]!.deadline!;
    expect(Date.parse(d.dueAt) - Date.parse(d.anchorAt)).toBe(8 * UNIT_MS);
    const migrated = (await auditEvents(database.db, caseId)).find((e) => e.action === 'PROCEDURE_MIGRATED');
    expect(migrated).toMatchObject({ actorId: 'admin-1', detail: { from: 1, to: 2 } });

    // Under v2 a team lead may do the on-site step.
    const done = await h.executeUpdate(completeStepUpdate, {
      args: [
        { actor: TEAM_LEAD, requestId: key(), stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'ok' }, evidence: [{ sha256: 'b'.repeat(64), name: 'p.jpg', size: 1, mime: 'image/jpeg' }] },
      ],
    });
    expect(done.status).toBe('CLOSED');
    await recordHistory(compressed.client, caseId, 'migration-v1-to-v2');
  });
});

describe('continue-as-new', () => {
  it('keeps the state, the audit chain and the idempotency keys across runs', async () => {
    const caseId = await startTestCase(compressed.client, database.db, compressed.taskQueue);
    const h = compressed.client.workflow.getHandle(caseId);
    const firstKey = key();
    await h.executeUpdate(addNoteUpdate, { args: [{ actor: TEAM_LEAD, requestId: firstKey, text: 'Ghi chú 0' }] });
    for (let i = 1; i < 16; i++) await h.executeUpdate(addNoteUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), text: `Ghi chú ${i}` }] });
    // The test server suggests continue-as-new after 60 events.
    const v = await waitFor(async () => {
      const s = await view(compressed.client, caseId);
      return s.runNumber > 1 ? s : undefined;
    });
    expect(v.state.notes.map((n) => n.text)).toEqual(Array.from({ length: 16 }, (_, i) => `Ghi chú ${i}`));
    expect(v.processedCount).toBe(16);
    // A request applied in the first run is still recognised (the server's own dedup is per run).
    const again = await h.executeUpdate(addNoteUpdate, { args: [{ actor: TEAM_LEAD, requestId: firstKey, text: 'Ghi chú 0' }] });
    expect(again.duplicate).toBe(true);
    expect((await view(compressed.client, caseId)).state.notes).toHaveLength(16);
    // The case still works in the new run, and the read model follows it.
    await h.executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    const after = await expectReadModelInSync(compressed.client, database.db, caseId);
    expect(after.state.open.map((o) => o.stepId)).toEqual(['A2']);
    const description = await h.describe();
    expect(description.raw.workflowExecutionInfo?.firstRunId).not.toBe(description.runId);
    await recordHistory(compressed.client, caseId, 'continue-as-new-first-run', description.raw.workflowExecutionInfo?.firstRunId ?? undefined);
  });
});

describe('a calendar change', () => {
  it('recomputes open deadlines from the real holiday calendar, with an audit entry', async () => {
    const caseId = await startTestCase(real.client, database.db, real.taskQueue);
    const h = real.client.workflow.getHandle(caseId);
    await h.executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    const before = (await view(real.client, caseId)).state.open[0]!.deadline!;
    expect(before.calendarVersion).toBe('calendar-r1');
    const calendar = await loadWorkingCalendar(database.db);
    expect(before.due).toBe(calendar.dueDate({ anchorDate: vietnamDateOf(new Date(before.anchorAt)), amount: 5, unit: 'working_days' }).due);

    // An announced day off inside the period (the working day before the due date).
    let dayOff = addCalendarDays(before.due, -1);
    while (!calendar.isWorkingDay(dayOff)) dayOff = addCalendarDays(dayOff, -1);
    const revision = await upsertCalendarDay(database.db, { date: dayOff, isWorkingDay: false, reason: 'Nghỉ thử nghiệm', status: 'ANNOUNCED', source: 'test' }, 'admin-1');
    expect(await notifyCalendarChanged(real.client, database.db, revision)).toBeGreaterThanOrEqual(1);

    const moved = await waitFor(async () => {
      const d = (await view(real.client, caseId)).state.open[0]!.deadline!;
      return d.calendarVersion === `calendar-r${revision}` ? d : undefined;
    });
    const updated = await loadWorkingCalendar(database.db);
    expect(moved.due).toBe(updated.dueDate({ anchorDate: vietnamDateOf(new Date(before.anchorAt)), amount: 5, unit: 'working_days' }).due);
    expect(moved.due > before.due).toBe(true);
    // Signals are asynchronous: wait until the projection has written the change.
    const event = await waitFor(async () => (await auditEvents(database.db, caseId)).find((e) => e.action === 'DEADLINE_RECOMPUTED'));
    expect(event).toMatchObject({ stepId: 'A2', detail: { previousDueAt: before.dueAt, dueAt: moved.dueAt, calendarVersion: `calendar-r${revision}` } });
    await expectReadModelInSync(real.client, database.db, caseId);

    // The same notification again changes nothing.
    const seq = (await view(real.client, caseId)).state.seq;
    await notifyCalendarChanged(real.client, database.db, revision);
    await new Promise((r) => setTimeout(r, 500));
    expect((await view(real.client, caseId)).state.seq).toBe(seq);
    await recordHistory(real.client, caseId, 'calendar-change');
  });
});

describe('search attributes', () => {
  it('let the Temporal CLI find cases by kind, status, current step and procedure version, without personal data', async () => {
    const caseId = await startTestCase(compressed.client, database.db, compressed.taskQueue);
    await compressed.client.workflow.getHandle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    const query = `WorkflowId = '${caseId}' AND CaseKind = 'TEST' AND CurrentStep = 'A2' AND ProcedureVersion = 'test-inspection@1' AND CaseStatus = 'OPEN' AND TeamId = 'team-1'`;
    const listed = await waitFor(async () => {
      const { stdout } = await execFileAsync(inject('temporalCliPath'), ['workflow', 'list', '--address', inject('temporalAddress'), '--query', query, '--output', 'json']);
      const rows = stdout.trim() ? (JSON.parse(stdout) as { execution: { workflowId: string }; searchAttributes?: { indexedFields?: Record<string, unknown> } }[]) : [];
      return rows.length ? rows : undefined;
    });
    expect(listed.map((r) => r.execution.workflowId)).toEqual([caseId]);
    // The case's title (a business name) is not among the search attributes.
    expect(JSON.stringify(listed[0]!.searchAttributes ?? {})).not.toContain('Cửa hàng');
  });
});
