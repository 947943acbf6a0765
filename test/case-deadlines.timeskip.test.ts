/**
 * The case workflow's deadlines on Temporal's time-skipping test server (test/timeskip-support.ts):
 * the escalation ladder, clock pauses and a hard deadline, on the real working-day calendar and the
 * real deadline activity. The server's clock is let run to the instant each check needs — days in
 * milliseconds — instead of waiting for a compressed test clock (docs/adr/0080).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEscalations } from '../db/repositories/cases.js';
import { loadWorkingCalendar } from '../db/repositories/calendar.js';
import { addCalendarDays, vietnamDateOf } from '../domain/calendar.js';
import { computeDeadline, type TComputedDeadline } from '../domain/deadline.js';
import type { TDeadlineState } from '../domain/engine/state.js';
import { CASE_ACTION_UPDATES, claimStepUpdate, completeStepUpdate, grantExtensionUpdate, pauseClockUpdate, resumeClockUpdate } from '../workflows/case-messages.js';
import { A1_FORM, DIRECTOR, expectReadModelInSync, INSPECTOR_A, key, PHOTO, publishTestProcedures, recordHistory, rejection, startTestCase, TEAM_LEAD, view, waitFor } from './case-support.js';
import { createTestDatabase, type TestDatabase } from './support.js';
import { startTimeSkippingWorker, type TimeSkippingTemporal } from './timeskip-support.js';

let database: TestDatabase;
let temporal: TimeSkippingTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  temporal = await startTimeSkippingWorker({ db: database.db });
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

/** The ladder's timers a case's history started (the fallback projection's 10 s windows apart), the timers it cancelled, and its Updates completed. */
function timerEvents(
  events: {
    timerStartedEventAttributes?: { startToFireTimeout?: { seconds?: unknown } | null } | null;
    timerCanceledEventAttributes?: unknown;
    workflowExecutionUpdateCompletedEventAttributes?: unknown;
  }[],
): Record<'started' | 'cancelled' | 'updates', number> {
  return {
    started: events.filter((e) => e.timerStartedEventAttributes && String(e.timerStartedEventAttributes.startToFireTimeout?.seconds) !== '10').length,
    cancelled: events.filter((e) => e.timerCanceledEventAttributes).length,
    updates: events.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes).length,
  };
}

/**
 * Lets the server's clock run through A2's ladder: a warning to the inspector at half time (not yet
 * overdue), then past the due instant, but not by the 24 hours after which the next rung goes to
 * the director, the breach escalated to the team lead.
 */
async function ladderFires(caseId: string, a2: TDeadlineState): Promise<void> {
  const half = Date.parse(a2.anchorAt) + (Date.parse(a2.dueAt) - Date.parse(a2.anchorAt)) / 2;
  await temporal.sleepUntil(half + HOUR);
  const warned = await waitFor(async () => (await view(temporal.client, caseId)).state.escalations.find((e) => e.kind === 'WARN'), 10_000);
  expect(warned).toMatchObject({ stepId: 'A2', toRole: 'INSPECTOR' });
  expect((await view(temporal.client, caseId)).overdue).toBe(false);
  await temporal.sleepUntil(Date.parse(a2.dueAt) + HOUR);
  const breached = await waitFor(async () => {
    const s = await view(temporal.client, caseId);
    return s.overdue ? s : undefined;
  }, 15_000);
  expect(breached.state.escalations.filter((e) => e.kind === 'ESCALATE').map((e) => e.toRole)).toEqual(['TEAM_LEAD']);
}

const start = (): Promise<string> => startTestCase(temporal.client, database.db, temporal.taskQueue);
const handle = (id: string) => temporal.client.workflow.getHandle(id);
const HOUR = 3_600_000;

async function decide(caseId: string): Promise<void> {
  await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
}

/** What the calendar in force says the step's period is: the deadline the workflow holds must be this. */
async function expected(d: TDeadlineState, more: { extensions?: { amount: number; unit: 'working_days' }[]; pauses?: { from: string; to: string }[] } = {}): Promise<TComputedDeadline> {
  return computeDeadline(await loadWorkingCalendar(database.db), {
    anchorAt: d.anchorAt,
    amount: d.amount,
    unit: d.unit,
    legalBasis: d.legalBasis,
    extensions: more.extensions ?? [],
    pauses: more.pauses ?? [],
  });
}

describe('deadlines on the time-skipping server (days pass in milliseconds)', () => {
  it('fires the escalation ladder: a warning at half time, then a breach escalated to the team lead; extends a period while it runs, not once it has ended', async () => {
    const caseId = await start();
    await decide(caseId);
    const v = await view(temporal.client, caseId);
    const a2 = v.state.open.find((o) => o.stepId === 'A2')!.deadline!;
    // Five working days from the decision, on the calendar in force.
    expect(a2).toMatchObject({ amount: 5, unit: 'working_days' });
    expect(a2.dueAt).toBe((await expected(a2)).dueAt);

    await ladderFires(caseId, a2);

    // The supervisors' queue shows it.
    await expectReadModelInSync(temporal.client, database.db, caseId);
    const queue = await listEscalations(database.db, { teamId: 'team-1', toRole: 'TEAM_LEAD', openOnly: true, caseId });
    expect(queue).toHaveLength(1);

    // The breached period has ended: it is not extended now (docs/adr/0208).
    const late = await rejection(handle(caseId).executeUpdate(grantExtensionUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', amount: 5, reason: 'Chờ kết quả giám định' }] }));
    expect(late).toMatchObject({ code: 'EXTENSION_NOT_ALLOWED', message: expect.stringMatching(/không thể gia hạn sau khi hết hạn/) });

    // While a period runs, an extension moves its deadline.
    const running = await start();
    await decide(running);
    const refused = await rejection(handle(running).executeUpdate(grantExtensionUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', amount: 3, reason: 'cần thêm thời gian' }] }));
    expect(refused).toMatchObject({ code: 'ROLE_NOT_ALLOWED', legalBasis: 'Test extension basis' });
    const tooLong = await rejection(handle(running).executeUpdate(grantExtensionUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', amount: 9, reason: 'x' }] }));
    expect(tooLong.code).toBe('EXTENSION_NOT_ALLOWED');
    await handle(running)
      .executeUpdate(grantExtensionUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', amount: 30, reason: 'x' }] })
      .catch(() => undefined);
    const runningA2 = (await view(temporal.client, running)).state.open.find((o) => o.stepId === 'A2')!.deadline!;
    await handle(running).executeUpdate(grantExtensionUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', amount: 5, reason: 'Chờ kết quả giám định' }] });
    const extended = await expectReadModelInSync(temporal.client, database.db, running);
    const d = extended.state.open.find((o) => o.stepId === 'A2')!.deadline!;
    // Ten working days from the decision now: the five of the rule and the five granted.
    expect(d.dueAt).toBe((await expected(runningA2, { extensions: [{ amount: 5, unit: 'working_days' }] })).dueAt);
    expect(d.extensions).toHaveLength(1);
    expect(extended.overdue).toBe(false);
    const again = await rejection(handle(running).executeUpdate(grantExtensionUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', amount: 1, reason: 'again' }] }));
    expect(again.message).toMatch(/at most 1 time/);
    await recordHistory(temporal.client, running, 'escalation-ladder-and-extension');
  });

  it("keeps the ladder's timer through actions that leave its time where it was, and the ladder still fires on time (docs/adr/0187)", async () => {
    const caseId = await start();
    await decide(caseId);
    const a2 = (await view(temporal.client, caseId)).state.open.find((o) => o.stepId === 'A2')!.deadline!;
    const timersBefore = timerEvents((await handle(caseId).fetchHistory()).events ?? []);
    // Claims and releases of A2 and a note: none moves A2's deadline or its ladder.
    for (let i = 0; i < 3; i++) {
      await handle(caseId).executeUpdate(claimStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2' }] });
      await handle(caseId).executeUpdate(CASE_ACTION_UPDATES.RELEASE, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2' }] });
    }
    await handle(caseId).executeUpdate(CASE_ACTION_UPDATES.ADD_NOTE, { args: [{ actor: INSPECTOR_A, requestId: key(), text: 'Đã liên hệ cơ sở' }] });
    const events = (await handle(caseId).fetchHistory()).events ?? [];
    // The seven Updates started and cancelled no timer: the ladder's, set when A2 opened, stands.
    expect(timerEvents(events)).toEqual({ ...timersBefore, updates: timersBefore.updates + 7 });

    // The ladder fires on that timer.
    await ladderFires(caseId, a2);
    // A claim now (the next rung, the director's, still ahead) keeps that rung's timer too.
    const firedTimers = timerEvents((await handle(caseId).fetchHistory()).events ?? []);
    await handle(caseId).executeUpdate(claimStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2' }] });
    expect(timerEvents((await handle(caseId).fetchHistory()).events ?? [])).toEqual({ ...firedTimers, updates: firedTimers.updates + 1 });
    await expectReadModelInSync(temporal.client, database.db, caseId);
    await recordHistory(temporal.client, caseId, 'escalation-timer-kept');
  });

  it('stops the clock while paused and moves the deadline by the time it stood still', async () => {
    const caseId = await start();
    await decide(caseId);
    const before = (await view(temporal.client, caseId)).state.open[0]!.deadline!;
    const wrong = await rejection(handle(caseId).executeUpdate(pauseClockUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', reason: 'HOLIDAY' }] }));
    expect(wrong.code).toBe('INVALID_ACTION');
    await handle(caseId).executeUpdate(pauseClockUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2', reason: 'AWAITING_EXPERT' }] });
    // Paused past the original deadline: no breach.
    await temporal.sleepUntil(Date.parse(before.dueAt) + 24 * HOUR);
    const paused = await view(temporal.client, caseId);
    expect(paused.overdue).toBe(false);
    expect(paused.actions[0]!.paused).toBe(true);
    await handle(caseId).executeUpdate(resumeClockUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A2' }] });
    const resumed = await expectReadModelInSync(temporal.client, database.db, caseId);
    const after = resumed.state.open[0]!.deadline!;
    const p = after.pauses[0]!;
    // The deadline moved by the working days the clock stood still (the days from the pause's day to the resumption's).
    const calendar = await loadWorkingCalendar(database.db);
    let stoodStill = 0;
    for (let day = vietnamDateOf(new Date(p.from)); day < vietnamDateOf(new Date(p.to!)); day = addCalendarDays(day, 1)) if (calendar.isWorkingDay(day)) stoodStill++;
    expect(stoodStill).toBeGreaterThan(0);
    expect(after.due).toBe(calendar.dueDate({ anchorDate: before.due, amount: stoodStill, unit: 'working_days' }).due);
    expect(after.dueAt).toBe((await expected(before, { pauses: [{ from: p.from, to: p.to! }] })).dueAt);
    expect(resumed.overdue).toBe(false);
    await recordHistory(temporal.client, caseId, 'clock-pause-resume');
  });

  it('refuses completion after a hard deadline', async () => {
    const caseId = await start();
    await decide(caseId);
    await handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [PHOTO] }] });
    await handle(caseId).executeUpdate(completeStepUpdate, {
      args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'B1', outcome: 'RECORDED', data: { violationDate: '2026-11-27', items: [{ name: 'x', quantity: 1 }] } }],
    });
    await handle(`${caseId}/S1`).executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'D1', outcome: 'RELEASED', data: {} }] });
    const b2 = await waitFor(async () => (await view(temporal.client, caseId)).state.open.find((o) => o.stepId === 'B2' && o.deadline));
    await temporal.sleepUntil(Date.parse(b2.deadline!.dueAt) + HOUR);
    const r = await rejection(handle(caseId).executeUpdate(completeStepUpdate, { args: [{ actor: DIRECTOR, requestId: key(), stepId: 'B2', outcome: 'DECIDED', data: { fineAmount: 1 } }] }));
    expect(r).toMatchObject({ code: 'DEADLINE_PASSED', legalBasis: 'Test decision deadline: 7 working days from the record' });
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });
});
