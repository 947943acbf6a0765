import { describe, expect, it } from 'vitest';
import { verifyChain } from '../audit.js';
import { applyAction, checkAction, newCase, type TActor, type TCaseState } from '../engine.js';
import { testInspection } from '../fixtures/test-procedures.js';
import { parseDefinition } from '../procedure-validate.js';

const def = parseDefinition(testInspection());
const lead: TActor = { userId: 'lead', roles: ['TEAM_LEAD'] };
const insp: TActor = { userId: 'insp', roles: ['INSPECTOR'] };
const other: TActor = { userId: 'other', roles: ['INSPECTOR'] };
const T0 = '2026-02-12T02:00:00.000Z';
const photo = { sha256: 'a'.repeat(64), name: 'p.jpg', mime: 'image/jpeg', size: 1 };

/** A case of the test inspection, decided (A1) by the lead: A2 (an inspector's) is open. */
function decided(assignment: 'PERSIST' | undefined): TCaseState {
  const { state } = newCase(def, { caseId: 'c1', kind: 'TEST', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead }, T0);
  if (assignment) state.assignment = assignment;
  applyAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } }, 'r1', T0);
  return state;
}
const assignees = (state: TCaseState) => Object.fromEntries(state.open.map((o) => [o.stepId, o.assigneeId]));
const assigned = (state: TCaseState) => state.pendingAudit.filter((e) => e.action === 'STEP_ASSIGNED').map((e) => e.detail);

describe('assignment that persists (patched assignment-persists)', () => {
  it('gives a step that opens to the officer who did the previous step in one of its roles, and not a step of another role', () => {
    const state = decided('PERSIST');
    // Nobody has done an inspector's step yet: A2 waits in the inspectors' queue.
    expect(assignees(state)).toEqual({ A2: undefined });
    applyAction(def, state, insp, { type: 'CLAIM', stepId: 'A2' }, 'r2', T0);
    applyAction(def, state, insp, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, 'r3', T0);
    // B1 (inspector) goes to the inspector who did A2; S1 is the system's.
    expect(assignees(state)).toMatchObject({ B1: 'insp', S1: undefined });
    expect(assigned(state).at(-1)).toEqual({ stepId: 'B1', from: undefined, to: 'insp', reason: 'PREVIOUS_OFFICER' });
    // The inspector completes it without claiming it again; B2 (the director's) waits for a director.
    applyAction(def, state, insp, { type: 'COMPLETE_STEP', stepId: 'B1', outcome: 'RECORDED', data: { violationDate: '2026-02-11', items: [{ name: 'a', quantity: 1 }] } }, 'r4', T0);
    expect(state.open.find((o) => o.stepId === 'B2')?.assigneeId).toBeUndefined();
    expect(verifyChain(state.pendingAudit)).toBeUndefined();
  });

  it('follows the latest officer: a step reassigned and done by another inspector passes the next one to them', () => {
    const state = decided('PERSIST');
    applyAction(def, state, insp, { type: 'CLAIM', stepId: 'A2' }, 'r2', T0);
    applyAction(def, state, lead, { type: 'ASSIGN', stepId: 'A2', assigneeId: 'other' }, 'r3', T0);
    applyAction(def, state, other, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, 'r4', T0);
    expect(assignees(state).B1).toBe('other');
  });

  it('leaves cases started before the patch as they were: the next step waits in its queue', () => {
    const state = decided(undefined);
    applyAction(def, state, insp, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, 'r3', T0);
    expect(assignees(state).B1).toBeUndefined();
    expect(assigned(state)).toEqual([]);
  });
});

describe('ASSIGN_CASE: a lead gives the whole case to an inspector', () => {
  it('reassigns the open inspector steps and gives the ones that open later to the case’s assignee, audited', () => {
    const state = decided('PERSIST');
    applyAction(def, state, insp, { type: 'CLAIM', stepId: 'A2' }, 'r2', T0);
    expect(checkAction(def, state, lead, { type: 'ASSIGN_CASE', assigneeId: 'other' }, { now: T0 })).toBeUndefined();
    applyAction(def, state, lead, { type: 'ASSIGN_CASE', assigneeId: 'other' }, 'r3', T0);
    expect(state.assigneeId).toBe('other');
    expect(assignees(state)).toEqual({ A2: 'other' });
    const audit = state.pendingAudit.filter((e) => e.action === 'CASE_ASSIGNED' || e.action === 'STEP_ASSIGNED').map((e) => [e.action, e.actorId, e.detail]);
    expect(audit).toEqual([
      ['CASE_ASSIGNED', 'lead', { assigneeId: 'other', from: undefined }],
      ['STEP_ASSIGNED', 'lead', { stepId: 'A2', from: 'insp', to: 'other', reason: 'CASE_ASSIGNEE' }],
    ]);
    // The previous holder may no longer complete it.
    expect(checkAction(def, state, insp, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, { now: T0 })?.rule).toBe('ASSIGNED_TO_ANOTHER');
    // A lead completing A2 for the team does not take the case's later inspector steps away from its assignee.
    applyAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, 'r4', T0);
    expect(assignees(state).B1).toBe('other');
    expect(verifyChain(state.pendingAudit)).toBeUndefined();
  });

  it('is refused to an inspector, without an assignee, and when nothing would change', () => {
    const state = decided('PERSIST');
    expect(checkAction(def, state, insp, { type: 'ASSIGN_CASE', assigneeId: 'insp' }, { now: T0 })?.rule).toBe('ASSIGN_CASE_NOT_SUPERVISOR');
    expect(checkAction(def, state, lead, { type: 'ASSIGN_CASE', assigneeId: '' }, { now: T0 })?.rule).toBe('ASSIGNEE_MISSING');
    applyAction(def, state, lead, { type: 'ASSIGN_CASE', assigneeId: 'insp' }, 'r2', T0);
    const again = checkAction(def, state, lead, { type: 'ASSIGN_CASE', assigneeId: 'insp' }, { now: T0 });
    expect(again).toMatchObject({ rule: 'CASE_ALREADY_ASSIGNED', code: 'CONFLICT', params: { assigneeId: 'insp' } });
  });
});

describe('the step’s own role decides', () => {
  it('does not give an inspector’s next step to the lead who did the last one for the team', () => {
    // The lead (acting as TEAM_LEAD, a role A2 allows besides its own) completes A2: B1, an inspector's, waits in the queue.
    const withLead = parseDefinition({ ...testInspection(), steps: testInspection().steps.map((s) => (s.id === 'A2' || s.id === 'B1' ? { ...s, roles: ['INSPECTOR', 'TEAM_LEAD'] } : s)) });
    const st = newCase(withLead, { caseId: 'c2', kind: 'TEST', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead }, T0).state;
    st.assignment = 'PERSIST';
    applyAction(withLead, st, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } }, 'r1', T0);
    applyAction(withLead, st, lead, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x' }, evidence: [photo] }, 'r2', T0);
    expect(assignees(st).B1).toBeUndefined();
    expect(assigned(st)).toEqual([]);
  });
});
