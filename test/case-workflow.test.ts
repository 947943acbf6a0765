/**
 * The case workflow on the real Temporal server: order, roles, forms, deadlines and their variants,
 * extensions asked for, idempotency, concurrent officers, sub-procedures and joins — with the
 * read model checked against the workflow's own view after each scenario. The tests that wait for
 * a deadline to pass (the escalation ladder, clock pauses, a hard deadline) run on the
 * time-skipping server: test/case-deadlines.timeskip.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCaseAction } from '../api/services/case-actions.js';
import { listEscalations, listTasks, verifyCaseAudit, auditEvents } from '../db/repositories/cases.js';
import { addNoteUpdate, claimStepUpdate, completeStepUpdate, assignStepUpdate, escalateUpdate, externalEventSignal, grantExtensionUpdate, requestExtensionUpdate } from '../workflows/case-messages.js';
import {
  A1_FORM,
  DIRECTOR,
  expectReadModelInSync,
  INSPECTOR_A,
  INSPECTOR_B,
  key,
  LEGAL,
  newCaseId,
  PHOTO,
  publishTestProcedures,
  recordHistory,
  rejection,
  startTestCase,
  TEAM_LEAD,
  UNIT_MS,
  view,
  waitFor,
  compressedDeadlines,
} from './case-support.js';
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
let temporal: TestTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  temporal = await startTestWorker({ db: database.db }, compressedDeadlines());
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

const start = (): Promise<string> => startTestCase(temporal.client, database.db, temporal.taskQueue);
const handle = (id: string) => temporal.client.workflow.getHandle(id);

async function decide(caseId: string): Promise<void> {
  await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
}

describe('step order, roles and forms', () => {
  it('refuses a step that is not open yet, naming the open step and the legal basis, and writes nothing', async () => {
    const caseId = await start();
    const r = await rejection(
      handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'ok' }, evidence: [PHOTO] }] }),
    );
    expect(r.code).toBe('STEP_OUT_OF_ORDER');
    expect(r.message).toMatch(/Step A2 .* is not open yet; the open step\(s\): A1/);
    expect(r.legalBasis).toBe('Test basis A2');
    // Rejected in the validator: no update reached the history, and the case did not change.
    const history = await handle(caseId).fetchHistory();
    const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name);
    expect(accepted).toEqual(['caseReady']);
    expect((await view(temporal.client, caseId)).state.seq).toBe(2);
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });

  it('refuses the wrong role', async () => {
    const caseId = await start();
    const r = await rejection(handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] }));
    expect(r).toMatchObject({ code: 'ROLE_NOT_ALLOWED', legalBasis: 'Test basis A1' });
    expect(r.message).toMatch(/completed by TEAM_LEAD or DIRECTOR, not by INSPECTOR/);
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });

  it('validates the form against the step definition, field by field', async () => {
    const caseId = await start();
    const r = await rejection(
      handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: { decisionDate: '2099-01-01', extra: 1 } }] }),
    );
    expect(r.code).toBe('FORM_INVALID');
    expect(r.details).toEqual(
      expect.arrayContaining([
        { path: 'extra', message: 'is not a field of this form' },
        { path: 'decisionNo', message: 'is required' },
        { path: 'decisionDate', message: expect.stringMatching(/must not be after today/) },
      ]),
    );
    expect((await rejection(handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'MAYBE', data: A1_FORM }] }))).code).toBe(
      'OUTCOME_UNKNOWN',
    );

    await decide(caseId);
    const noEvidence = await rejection(
      handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'ok' } }] }),
    );
    expect(noEvidence.code).toBe('EVIDENCE_REQUIRED');
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });

  it('refuses a violation record after the limitation period (a guard)', async () => {
    const caseId = await start();
    await decide(caseId);
    await handle(caseId).executeUpdate(completeStepUpdate, {
      args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'hàng không rõ nguồn gốc' }, evidence: [PHOTO] }],
    });
    const r = await rejection(
      handle(caseId).executeUpdate(completeStepUpdate, {
        args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'B1', outcome: 'RECORDED', data: { violationDate: '2025-01-15', items: [{ name: 'Rượu', quantity: 3 }] } }],
      }),
    );
    expect(r).toMatchObject({ code: 'GUARD_FAILED', legalBasis: 'Test limitation basis (1 year)' });
    expect(r.message).toMatch(/LIMITATION_EXPIRED: hết hạn 2026-01-15/);
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });
});

describe('a full path with a parallel seizure track as a child case and a join', () => {
  it('runs to the end, with the read model and the audit chain matching the workflow', async () => {
    const caseId = await start();
    await decide(caseId);
    await handle(caseId).executeUpdate(claimStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2' }] });
    const notMine = await rejection(
      handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_B, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [PHOTO] }] }),
    );
    expect(notMine.code).toBe('NOT_ASSIGNEE');
    const afterA2 = await handle(caseId).executeUpdate(completeStepUpdate, {
      args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'Hàng không rõ nguồn gốc', goodsValue: 800_000, photos: [PHOTO] } }],
    });
    expect(afterA2.open.map((o) => o.stepId).sort()).toEqual(['B1', 'S1']);

    // The inspector's own read of the inbox already shows the change.
    const inbox = await listTasks(database.db, { teamId: 'team-1', role: 'INSPECTOR', caseId });
    expect(inbox.map((t) => t.step_id)).toEqual(['B1']);
    await expectReadModelInSync(temporal.client, database.db, caseId);

    // The seizure track runs as a child case of its own procedure.
    const childId = `${caseId}/S1`;
    const child = await waitFor(async () => (await view(temporal.client, childId).catch(() => undefined))?.state);
    expect(child.procedure).toEqual({ id: 'test-seizure', version: 1 });
    expect(child.kind).toBe('SEIZURE');
    await handle(childId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'D1', outcome: 'CONFISCATED', data: {} }] });
    await waitFor(async () => (await view(temporal.client, caseId)).state.completed.some((c) => c.stepId === 'S1') || undefined);

    // The join B2 waits for B1 as well.
    expect((await view(temporal.client, caseId)).state.open.map((o) => o.stepId)).toEqual(['B1']);
    const afterB1 = await handle(caseId).executeUpdate(completeStepUpdate, {
      args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'B1', outcome: 'RECORDED', data: { violationDate: '2026-11-27', items: [{ name: 'Rượu không nhãn', quantity: 12 }] } }],
    });
    expect(afterB1.open.map((o) => o.stepId)).toEqual(['B2']);
    const s1 = (await view(temporal.client, caseId)).state.completed.find((c) => c.stepId === 'S1');
    expect(s1).toMatchObject({ outcome: 'CONFISCATED', by: 'system' });

    const done = await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: DIRECTOR, requestId: key(), stepId: 'B2', outcome: 'DECIDED', data: { fineAmount: 400_000 } }] });
    expect(done.status).toBe('CLOSED');
    expect(await handle(caseId).result()).toMatchObject({ caseId, closeOutcome: 'DECIDED' });

    const final = await expectReadModelInSync(temporal.client, database.db, caseId);
    expect(final.state.completed.map((c) => c.stepId)).toEqual(['A1', 'A2', 'S1', 'B1', 'B2']);
    expect(await verifyCaseAudit(database.db, caseId)).toBeUndefined();
    const actions = (await auditEvents(database.db, caseId)).map((e) => e.action);
    expect(actions[0]).toBe('CASE_STARTED');
    expect(actions.at(-1)).toBe('CASE_CLOSED');
    await expectReadModelInSync(temporal.client, database.db, childId);
    await recordHistory(temporal.client, caseId, 'full-path-with-seizure-child');
    await recordHistory(temporal.client, childId, 'seizure-child');
  });

  it('closes the whole case on a criminal referral', async () => {
    const caseId = await start();
    await decide(caseId);
    await handle(caseId).executeUpdate(completeStepUpdate, {
      args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'CRIMINAL_SIGNS', data: { findings: 'dấu hiệu buôn lậu' }, evidence: [PHOTO] }],
    });
    const closing = { actor: DIRECTOR, requestId: key(), stepId: 'F1', outcome: 'REFERRED', data: {} };
    const r = await handle(caseId).executeUpdate(completeStepUpdate, { args: [closing] });
    expect(r.status).toBe('CLOSED');
    expect(await handle(caseId).result()).toMatchObject({ closeOutcome: 'REFERRED' });
    // The workflow has ended: the server itself refuses anything more.
    await expect(handle(caseId).executeUpdate(addNoteUpdate, { args: [{ actor: DIRECTOR, requestId: key(), text: 'late' }] })).rejects.toThrow(/completed/);
    // Through the API: a retry of the closing action (its answer lost) is answered as the duplicate it
    // is, from the closed case; another request is refused as the case is closed.
    const deps = { temporal: temporal.client, db: database.db };
    await expect(executeCaseAction(deps, caseId, completeStepUpdate, closing, `retry-${closing.requestId}`)).resolves.toMatchObject({ caseId, status: 'CLOSED', duplicate: true });
    await expect(executeCaseAction(deps, caseId, addNoteUpdate, { actor: DIRECTOR, requestId: key(), text: 'late' }, key())).rejects.toThrow(/completed/);
    const v = await expectReadModelInSync(temporal.client, database.db, caseId);
    expect(v.state).toMatchObject({ status: 'CLOSED', closeOutcome: 'REFERRED' });
  });
});

describe('supervision and external facts', () => {
  it('lets a team lead reassign, an officer ask for more time, and anyone escalate by hand', async () => {
    const caseId = await start();
    await decide(caseId);
    const h = handle(caseId);
    expect((await rejection(h.executeUpdate(assignStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', assigneeId: 'inspector-a' }] }))).code).toBe('ROLE_NOT_ALLOWED');
    await h.executeUpdate(assignStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', assigneeId: 'inspector-b' }] });
    const mine = await listTasks(database.db, { assigneeId: 'inspector-b', caseId });
    expect(mine.map((t) => t.step_id)).toEqual(['A2']);

    await h.executeUpdate(requestExtensionUpdate, { args: [{ actor: INSPECTOR_B, requestId: key(), stepId: 'A2', amount: 2, reason: 'Chờ giám định mẫu' }] });
    const twice = await rejection(h.executeUpdate(requestExtensionUpdate, { args: [{ actor: INSPECTOR_B, requestId: key(), stepId: 'A2', amount: 2, reason: 'again' }] }));
    expect(twice.code).toBe('CLOCK_STATE');
    // The refusal as data: its rule and what it is about, beside the sentence (docs/adr/0060).
    expect(twice).toMatchObject({ rule: 'EXTENSION_ALREADY_REQUESTED', params: { stepId: 'A2' }, message: 'An extension of step A2 has already been requested and awaits a decision.' });
    const requests = await listEscalations(database.db, { caseId, toRole: 'TEAM_LEAD', openOnly: true });
    expect(requests.map((e) => [e.kind, e.reason_code, e.reason_params])).toEqual([['EXTENSION_REQUEST', 'EXTENSION_REQUESTED', { amount: 2, unit: 'working_days', text: 'Chờ giám định mẫu' }]]);
    await h.executeUpdate(grantExtensionUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', amount: 2, reason: 'Đồng ý' }] });
    expect(await listEscalations(database.db, { caseId, openOnly: true })).toEqual([]);

    await h.executeUpdate(escalateUpdate, { args: [{ actor: INSPECTOR_B, requestId: key(), stepId: 'A2', reason: 'Chủ cơ sở không hợp tác', toRole: 'DIRECTOR' }] });
    expect((await listEscalations(database.db, { caseId, toRole: 'DIRECTOR', openOnly: true })).map((e) => [e.kind, e.reason_code, e.reason_params])).toEqual([
      ['MANUAL', 'RAISED_BY_HAND', { text: 'Chủ cơ sở không hợp tác' }],
    ]);
    await expectReadModelInSync(temporal.client, database.db, caseId);
    // Escalations with their reasons as data, in history: replayed by test/replay.test.ts from now on.
    await recordHistory(temporal.client, caseId, 'reasons-as-data-reassign-extend-escalate');
  });

  it('chooses the deadline variant from an earlier outcome', async () => {
    const lengths: Record<string, number> = {};
    for (const outcome of ['EXPLAIN', 'NO_EXPLAIN']) {
      const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue, newCaseId(), 'test-payment');
      await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: LEGAL, requestId: key(), stepId: 'P0', outcome, data: {} }] });
      const d = (await view(temporal.client, caseId)).state.open[0]!.deadline!;
      lengths[outcome] = Date.parse(d.dueAt) - Date.parse(d.anchorAt);
      expect(d.legalBasis).toBe(outcome === 'EXPLAIN' ? 'Test: 1 month with an explanation' : 'Test: 7 working days');
    }
    // A month is 30 units on the compressed clock.
    expect(lengths).toEqual({ EXPLAIN: 30 * UNIT_MS, NO_EXPLAIN: 7 * UNIT_MS });
  });

  it('starts a deadline from an external event, recorded once however often it is reported', async () => {
    const caseId = await startTestCase(temporal.client, database.db, temporal.taskQueue, newCaseId(), 'test-payment');
    const h = handle(caseId);
    await h.executeUpdate(completeStepUpdate, { args: [{ actor: LEGAL, requestId: key(), stepId: 'P0', outcome: 'NO_EXPLAIN', data: {} }] });
    await h.executeUpdate(completeStepUpdate, { args: [{ actor: DIRECTOR, requestId: key(), stepId: 'P1', outcome: 'DECIDED', data: {} }] });
    const waiting = await view(temporal.client, caseId);
    expect(waiting.state.open[0]).toMatchObject({ stepId: 'P2', awaitingEvent: 'PAYMENT_RECEIVED' });
    expect(waiting.state.open[0]!.deadline).toBeUndefined();

    const paidAt = new Date().toISOString();
    await h.signal(externalEventSignal, { eventId: 'PAYMENT_RECEIVED', key: 'treasury-receipt-0001', at: paidAt, data: { amount: 400000 } });
    await h.signal(externalEventSignal, { eventId: 'PAYMENT_RECEIVED', key: 'treasury-receipt-0001', at: paidAt, data: { amount: 400000 } });
    const d = await waitFor(async () => (await view(temporal.client, caseId)).state.open[0]!.deadline);
    expect(d.anchorAt).toBe(paidAt);
    expect(Date.parse(d.dueAt) - Date.parse(paidAt)).toBe(2 * UNIT_MS);
    const v = await expectReadModelInSync(temporal.client, database.db, caseId);
    expect(v.state.events).toHaveLength(1);
  });
});

describe('idempotency and concurrency', () => {
  it('applies a repeated request once, whether the server or the workflow deduplicates it', async () => {
    const caseId = await start();
    const requestId = key();
    const input = { actor: TEAM_LEAD, requestId, stepId: 'A1', outcome: 'DECIDED', data: A1_FORM };
    const first = await handle(caseId).executeUpdate(completeStepUpdate, { args: [input], updateId: requestId });
    const sameUpdateId = await handle(caseId).executeUpdate(completeStepUpdate, { args: [input], updateId: requestId });
    const newUpdateId = await handle(caseId).executeUpdate(completeStepUpdate, { args: [input] });
    expect(sameUpdateId).toEqual(first);
    expect(newUpdateId.duplicate).toBe(true);
    expect(newUpdateId.seq).toBe(first.seq);
    const completions = (await view(temporal.client, caseId)).state.completed.filter((c) => c.stepId === 'A1');
    expect(completions).toHaveLength(1);
    await expectReadModelInSync(temporal.client, database.db, caseId);
    await recordHistory(temporal.client, caseId, 'duplicate-requests');
  });

  it('lets exactly one of two officers complete the same step at once; the other gets a clear conflict', async () => {
    const caseId = await start();
    await decide(caseId);
    const attempt = (actor: typeof INSPECTOR_A) =>
      handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: `by ${actor.userId}` }, evidence: [PHOTO] }] });
    const results = await Promise.allSettled([attempt(INSPECTOR_A), attempt(INSPECTOR_B)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected')!;
    const r = await rejection(Promise.reject((failed as PromiseRejectedResult).reason));
    expect(r.code).toBe('STEP_ALREADY_COMPLETED');
    expect(r.message).toMatch(/was already completed by inspector-[ab]/);
    const v = await expectReadModelInSync(temporal.client, database.db, caseId);
    expect(v.state.completed.filter((c) => c.stepId === 'A2')).toHaveLength(1);
    expect((await auditEvents(database.db, caseId)).filter((e) => e.action === 'STEP_COMPLETED' && e.stepId === 'A2')).toHaveLength(1);
    await recordHistory(temporal.client, caseId, 'two-officers-same-step');
  });
});
