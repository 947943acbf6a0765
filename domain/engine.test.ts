import { describe, expect, it } from 'vitest';
import { verifyChain } from './audit.js';
import { WorkingCalendar } from './calendar.js';
import { computeDeadline } from './deadline.js';
import { applyAction, CASE_ACTIONS, checkAction, escalationReason, fireEscalations, newCase, nextTimerAt, REFUSALS, setDeadline, withReason, type TActor, type TCaseState } from './engine.js';
import { testInspection } from './fixtures/test-procedures.js';
import { HOLIDAYS_SEED } from './holidays-seed.js';
import { parseDefinition } from './procedure-validate.js';
import { projectCase } from './projection.js';

const def = parseDefinition(testInspection());
const lead: TActor = { userId: 'lead', roles: ['TEAM_LEAD'] };
const inspector: TActor = { userId: 'insp', roles: ['INSPECTOR'] };
const T0 = '2026-02-12T02:00:00.000Z';
const start = { caseId: 'c1', kind: 'TEST', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead };

function decided(): TCaseState {
  const { state } = newCase(def, start, T0);
  const t = applyAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } }, 'r1', T0);
  expect(t.deadlines).toHaveLength(1);
  setDeadline(state, t.deadlines[0]!, { dueAt: '2026-03-02T17:00:00.000Z', due: '2026-03-02', calendarVersion: 'c', explanation: {} }, T0, 'test');
  return state;
}

describe('the interpreter', () => {
  it('opens the start steps and chains every change into the audit log', () => {
    const state = decided();
    expect(state.open.map((o) => o.stepId)).toEqual(['A2']);
    expect(state.pendingAudit.map((e) => e.action)).toEqual(['CASE_STARTED', 'STEP_OPENED', 'STEP_COMPLETED', 'STEP_OPENED', 'DEADLINE_SET']);
    expect(verifyChain(state.pendingAudit)).toBeUndefined();
    const tampered = state.pendingAudit.map((e) => ({ ...e }));
    tampered[2]!.detail = { ...tampered[2]!.detail, outcome: 'SOMETHING_ELSE' };
    expect(verifyChain(tampered)).toEqual({ seq: 3, reason: 'its content does not match its hash' });
  });

  it('answers each refusal with its code', () => {
    const state = decided();
    const now = { now: T0 };
    expect(checkAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: {} }, now)?.code).toBe('STEP_ALREADY_COMPLETED');
    expect(checkAction(def, state, inspector, { type: 'COMPLETE_STEP', stepId: 'B2', outcome: 'DECIDED', data: {} }, now)?.code).toBe('STEP_OUT_OF_ORDER');
    expect(checkAction(def, state, inspector, { type: 'COMPLETE_STEP', stepId: 'ZZ', outcome: 'X', data: {} }, now)?.code).toBe('STEP_OUT_OF_ORDER');
    expect(checkAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' } }, now)?.code).toBe('ROLE_NOT_ALLOWED');
    expect(checkAction(def, state, inspector, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' } }, now)?.code).toBe('EVIDENCE_REQUIRED');
    expect(checkAction(def, state, inspector, { type: 'GRANT_EXTENSION', stepId: 'A2', amount: 1, reason: 'x' }, now)?.code).toBe('ROLE_NOT_ALLOWED');
    expect(checkAction(def, state, lead, { type: 'RESUME_CLOCK', stepId: 'A2' }, now)?.code).toBe('CLOCK_STATE');
    expect(checkAction(def, state, lead, { type: 'ADD_NOTE', text: ' ' }, now)?.code).toBe('INVALID_ACTION');
  });

  it('opens a join only when every branch has completed', () => {
    const state = decided();
    const photo = { sha256: 'c'.repeat(64), name: 'a.jpg', size: 1, mime: 'image/jpeg' };
    const t = applyAction(def, state, inspector, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, 'r2', T0);
    expect(state.open.map((o) => o.stepId)).toEqual(['B1', 'S1']);
    expect(t.children).toEqual([{ stepId: 'S1', procedureId: 'test-seizure', version: undefined }]);
    applyAction(def, state, inspector, { type: 'COMPLETE_STEP', stepId: 'B1', outcome: 'RECORDED', data: { violationDate: '2026-02-11', items: [{ name: 'a', quantity: 1 }] } }, 'r3', T0);
    expect(state.open.map((o) => o.stepId)).toEqual(['S1']);
  });

  it('schedules the ladder: half time, the breach, a day after it', () => {
    const state = decided();
    const d = state.open[0]!.deadline!;
    const anchor = Date.parse(d.anchorAt);
    const due = Date.parse(d.dueAt);
    expect(nextTimerAt(def, state)).toBe(anchor + 0.5 * (due - anchor));
    expect(fireEscalations(def, state, due - 1)).toBe(true);
    expect(state.escalations.map((e) => e.kind)).toEqual(['WARN']);
    expect(nextTimerAt(def, state)).toBe(due);
    fireEscalations(def, state, due);
    expect(state.open[0]!.deadline!.breached).toBe(true);
    expect(state.escalations.map((e) => `${e.kind}:${e.toRole}`)).toEqual(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD']);
    expect(nextTimerAt(def, state)).toBe(due + 24 * 3_600_000);
  });
});

describe('refusals and escalations as data (docs/adr/0060)', () => {
  it('refuses with the rule, what it is about and the law, the sentence made from them', () => {
    const state = decided();
    const r = checkAction(def, state, inspector, { type: 'COMPLETE_STEP', stepId: 'B2', outcome: 'DECIDED', data: {} }, { now: T0 });
    expect(r).toMatchObject({ code: 'STEP_OUT_OF_ORDER', rule: 'STEP_NOT_OPEN', params: { stepId: 'B2', open: ['A2'] } });
    expect(r!.message).toBe(REFUSALS.STEP_NOT_OPEN.message(r!.params as never));
    expect(r!.message).toMatch(/the open step\(s\): A2\.$/);
    const done = checkAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: {} }, { now: T0 });
    expect(done).toMatchObject({ code: 'STEP_ALREADY_COMPLETED', rule: 'STEP_COMPLETED', params: { stepId: 'A1', by: 'lead', outcome: 'DECIDED' } });
    expect(checkAction(def, state, lead, { type: 'ADD_NOTE', text: ' ' }, { now: T0 })).toMatchObject({ code: 'INVALID_ACTION', rule: 'NOTE_EMPTY', params: {}, message: 'A note needs text.' });
  });

  it('gives each escalation its reason as a code and values, and keeps the sentence', () => {
    const state = decided();
    const d = state.open[0]!.deadline!;
    fireEscalations(def, state, Date.parse(d.dueAt) + 25 * 3_600_000);
    expect(state.escalations.map((e) => [e.reasonCode, e.reasonParams, e.reason])).toEqual([
      ['TIME_SHARE_USED', { percent: 50 }, '50% of the time used'],
      ['DEADLINE_PASSED', {}, 'deadline passed'],
      ['HOURS_AFTER_DEADLINE', { hours: 24 }, '24 h after the deadline'],
    ]);
    applyAction(def, state, inspector, { type: 'ESCALATE', stepId: 'A2', reason: 'Chủ cơ sở vắng mặt' }, 'r-esc', T0);
    expect(state.escalations.at(-1)).toMatchObject({ kind: 'MANUAL', reasonCode: 'RAISED_BY_HAND', reasonParams: { text: 'Chủ cơ sở vắng mặt' }, reason: 'Chủ cơ sở vắng mặt' });
  });

  it('reads an escalation raised before reasons were data (a running case’s state, the read model) as data too', () => {
    const old = (kind: 'WARN' | 'ESCALATE' | 'MANUAL' | 'EXTENSION_REQUEST', reason: string) => escalationReason({ kind, reason });
    expect(old('WARN', '75% of the time used')).toEqual({ code: 'TIME_SHARE_USED', params: { percent: 75 } });
    expect(old('ESCALATE', 'deadline passed')).toEqual({ code: 'DEADLINE_PASSED', params: {} });
    expect(old('ESCALATE', '1.5 h after the deadline')).toEqual({ code: 'HOURS_AFTER_DEADLINE', params: { hours: 1.5 } });
    expect(old('EXTENSION_REQUEST', '+2 working_days: Chờ kết quả: giám định')).toEqual({ code: 'EXTENSION_REQUESTED', params: { amount: 2, unit: 'working_days', text: 'Chờ kết quả: giám định' } });
    // People's words are theirs, whatever they say.
    expect(old('MANUAL', 'deadline passed')).toEqual({ code: 'RAISED_BY_HAND', params: { text: 'deadline passed' } });
    expect(withReason({ id: 'x', stepId: 'A2', kind: 'WARN', toRole: 'INSPECTOR', at: T0, reason: '50% of the time used' })).toMatchObject({
      reasonCode: 'TIME_SHARE_USED',
      reasonParams: { percent: 50 },
    });
  });

  it('has one schema per action: the route body, within the Update input with who acts and the key', () => {
    const complete = CASE_ACTIONS.COMPLETE_STEP;
    const body = { outcome: 'DECIDED', data: { decisionNo: '1' } };
    expect(complete.body.parse(body)).toEqual(body);
    const update = { actor: lead, requestId: 'req-12345678', stepId: 'A1', ...body };
    expect(complete.updateInput.parse(update)).toEqual(update);
    expect(complete.updateInput.safeParse({ ...update, actor: undefined }).success).toBe(false);
    for (const a of Object.values(CASE_ACTIONS)) expect(Object.keys(a.updateInput.shape)).toEqual(expect.arrayContaining(['actor', 'requestId', ...Object.keys(a.body.shape)]));
  });
});

describe('a case opened by a campaign run for an inspector', () => {
  const campaign = { campaignId: 'atvstp-tet-2027', version: 2, period: '20261207' };

  it('records the campaign, and gives the inspector each step an inspector may do as it opens, not the team lead’s decision', () => {
    const { state } = newCase(def, { ...start, campaign, assigneeId: 'insp' }, T0);
    expect(state.campaign).toEqual(campaign);
    // A1 is the team lead's or director's decision: it stays with their roles.
    expect(state.open).toEqual([{ stepId: 'A1', openedAt: T0 }]);
    expect(state.pendingAudit.map((e) => e.action)).toEqual(['CASE_STARTED', 'CASE_ASSIGNED', 'STEP_OPENED']);
    expect(state.pendingAudit[0]!.detail).toMatchObject({ campaign });
    expect(state.pendingAudit[1]!.detail).toEqual({ assigneeId: 'insp', campaignId: 'atvstp-tet-2027', period: '20261207' });
    applyAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } }, 'r1', T0);
    expect(state.open.map((o) => [o.stepId, o.assigneeId])).toEqual([['A2', 'insp']]);
    expect(state.pendingAudit.at(-1)).toMatchObject({ action: 'STEP_ASSIGNED', actorId: 'system', stepId: 'A2', detail: { stepId: 'A2', to: 'insp', reason: 'CASE_ASSIGNEE' } });
    expect(verifyChain(state.pendingAudit)).toBeUndefined();
    // Another inspector may not complete the assigned step; a team lead still may.
    const photo = { sha256: 'c'.repeat(64), name: 'a.jpg', size: 1, mime: 'image/jpeg' };
    const complete = { type: 'COMPLETE_STEP' as const, stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'ok' }, evidence: [photo] };
    expect(checkAction(def, state, { userId: 'other', roles: ['INSPECTOR'] }, complete, { now: T0 })?.code).toBe('NOT_ASSIGNEE');
    expect(checkAction(def, state, inspector, complete, { now: T0 })).toBeUndefined();
    const p = projectCase(def, state);
    expect([p.campaignId, p.campaignPeriod]).toEqual(['atvstp-tet-2027', '20261207']);
    expect(p.tasks[0]!.assigneeId).toBe('insp');
  });

  it('leaves a case opened without them exactly as before', () => {
    const { state } = newCase(def, start, T0);
    expect('campaign' in state || 'assigneeId' in state).toBe(false);
    expect(state.pendingAudit.map((e) => e.action)).toEqual(['CASE_STARTED', 'STEP_OPENED']);
    expect(state.pendingAudit[0]!.detail).toEqual({ procedure: 'test-inspection@1', title: 'x', unitId: 'u', teamId: 't' });
    const p = projectCase(def, state);
    expect([p.campaignId, p.campaignPeriod]).toEqual([undefined, undefined]);
  });
});

describe('deadlines with extensions and pauses on the real calendar', () => {
  const cal = new WorkingCalendar(HOLIDAYS_SEED, 'seed');
  it('adds an extension in working days after the original due date', () => {
    const r = computeDeadline(cal, { anchorAt: '2026-02-12T03:00:00.000Z', amount: 7, unit: 'working_days', legalBasis: 'Art. 66', extensions: [{ amount: 3, unit: 'working_days' }], pauses: [] });
    expect(r.explanation.extensions[0]).toMatchObject({ dueBefore: '2026-03-02', dueAfter: '2026-03-05' });
    expect(r.due).toBe('2026-03-05');
    expect(r.dueAt).toBe('2026-03-05T17:00:00.000Z');
    expect(r.explanation.summaryVi).toContain('Gia hạn: +3 ngày làm việc → 05/03/2026');
  });
  it('excludes the working days a pause lasted', () => {
    // Paused Mon 23/02 to Wed 25/02 (Vietnam time): two working days excluded.
    const r = computeDeadline(cal, {
      anchorAt: '2026-02-12T03:00:00.000Z',
      amount: 7,
      unit: 'working_days',
      legalBasis: 'x',
      extensions: [],
      pauses: [{ from: '2026-02-23T02:00:00.000Z', to: '2026-02-25T02:00:00.000Z' }],
    });
    expect(r.explanation.pauses[0]).toMatchObject({ daysAdded: 2, dueAfter: '2026-03-04' });
  });
  it('counts hours as hours', () => {
    const r = computeDeadline(cal, { anchorAt: '2026-02-14T10:00:00.000Z', amount: 24, unit: 'hours', legalBasis: 'x', extensions: [], pauses: [] });
    expect(r.dueAt).toBe('2026-02-15T10:00:00.000Z');
    // Said in Vietnam's time and dd/mm/yyyy, never as ISO instants.
    expect(r.explanation.summaryVi).toBe('Hạn 17:00 ngày 15/02/2026: 24 giờ từ 17:00 ngày 14/02/2026; x.');
  });
});
