import { describe, expect, it } from 'vitest';
import { verifyChain } from '../audit.js';
import { applyAction, fireEscalations, newCase, rungsFoldedInto, setDeadline, type TActor, type TCaseState } from '../engine.js';
import { testInspection } from '../fixtures/test-procedures.js';
import type { TProcedureDefinition } from '../procedure.js';
import { parseDefinition } from '../procedure-validate.js';
import { projectCase } from '../projection.js';

const def = parseDefinition(testInspection());
const lead: TActor = { userId: 'lead', roles: ['TEAM_LEAD'] };
const inspector: TActor = { userId: 'insp', roles: ['INSPECTOR'] };
const T0 = '2026-02-12T02:00:00.000Z';
const HOUR = 3_600_000;
const supersede = { supersede: true };

function decided(d: TProcedureDefinition = def): TCaseState {
  const { state } = newCase(d, { caseId: 'c1', kind: 'TEST', procedure: { id: d.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead }, T0);
  const t = applyAction(d, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } }, 'r1', T0);
  setDeadline(state, t.deadlines[0]!, { dueAt: '2026-03-02T17:00:00.000Z', due: '2026-03-02', calendarVersion: 'c', explanation: {} }, T0, 'test');
  return state;
}
const dueOf = (state: TCaseState): number => Date.parse(state.open[0]!.deadline!.dueAt);
const open = (state: TCaseState) => state.escalations.filter((e) => !e.resolvedAt).map((e) => `${e.kind}:${e.toRole}`);

describe('one queue entry per open breach (patched escalation-supersedes)', () => {
  it('keeps one open escalation for a step whose ladder climbed three rungs (the warning, the breach, a day after)', () => {
    const state = decided();
    const due = dueOf(state);
    fireEscalations(def, state, due - 1, supersede);
    fireEscalations(def, state, due, supersede);
    fireEscalations(def, state, due + 25 * HOUR, supersede);
    expect(state.escalations.map((e) => `${e.kind}:${e.toRole}`)).toEqual(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD', 'ESCALATE:DIRECTOR']);
    expect(open(state)).toEqual(['ESCALATE:DIRECTOR']);
    // Each earlier rung names the one that took its place; the audit trail says what each rung superseded.
    const [warn, breach, director] = state.escalations;
    expect(warn).toMatchObject({ supersededBy: breach!.id, resolvedAt: new Date(due).toISOString() });
    expect(breach).toMatchObject({ supersededBy: director!.id, resolvedAt: new Date(due + 25 * HOUR).toISOString() });
    expect(warn!.resolvedBy).toBeUndefined();
    const raised = state.pendingAudit.filter((e) => e.action === 'DEADLINE_WARNING' || e.action === 'ESCALATED').map((e) => e.detail);
    expect(raised).toEqual([
      { stepId: 'A2', toRole: 'INSPECTOR', reason: '50% of the time used', escalationId: warn!.id },
      { stepId: 'A2', toRole: 'TEAM_LEAD', reason: 'deadline passed', escalationId: breach!.id, supersedes: [warn!.id] },
      { stepId: 'A2', toRole: 'DIRECTOR', reason: '24 h after the deadline', escalationId: director!.id, supersedes: [breach!.id] },
    ]);
    expect(verifyChain(state.pendingAudit)).toBeUndefined();
    // The read model gets one open row for the step, the others resolved with what superseded them.
    expect(projectCase(def, state).escalations.map((e) => [e.kind, e.resolvedAt === undefined, e.supersededBy])).toEqual([
      ['WARN', false, breach!.id],
      ['ESCALATE', false, director!.id],
      ['ESCALATE', true, undefined],
    ]);
  });

  it('fires rungs due together in the order of their instants, so the step keeps its highest', () => {
    // A ladder written out of order: a day after the breach first, then the warning; the breach rung is added by the engine.
    const raw = testInspection();
    const a2 = raw.steps.find((s) => s.id === 'A2')!;
    a2.deadline!.escalation = [
      { at: { kind: 'AFTER_BREACH', hours: 24 }, action: 'ESCALATE', toRole: 'DIRECTOR' },
      { at: { kind: 'SHARE', share: 0.5 }, action: 'WARN', toRole: 'INSPECTOR' },
    ];
    const unordered = parseDefinition(raw);
    const state = decided(unordered);
    fireEscalations(unordered, state, dueOf(state) + 25 * HOUR, supersede);
    expect(state.escalations.map((e) => `${e.kind}:${e.toRole}`)).toEqual(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD', 'ESCALATE:DIRECTOR']);
    expect(open(state)).toEqual(['ESCALATE:DIRECTOR']);
    // Without the patch, the ladder's own order, every rung open: as cases started before ran.
    const before = decided(unordered);
    fireEscalations(unordered, before, dueOf(before) + 25 * HOUR);
    expect(open(before)).toEqual(['ESCALATE:DIRECTOR', 'WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD']);
  });

  it('leaves a case that ran before the patch as it was: every rung its own open escalation, the audit unchanged', () => {
    const state = decided();
    fireEscalations(def, state, dueOf(state) + 25 * HOUR);
    expect(open(state)).toEqual(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD', 'ESCALATE:DIRECTOR']);
    expect(state.escalations.some((e) => e.supersededBy)).toBe(false);
    expect(state.pendingAudit.filter((e) => e.action === 'ESCALATED').every((e) => !('supersedes' in e.detail))).toBe(true);
  });

  it('supersedes a breach when the moved deadline’s ladder starts again, and leaves requests and escalations by hand alone', () => {
    const state = decided();
    const due = dueOf(state);
    applyAction(def, state, inspector, { type: 'ESCALATE', stepId: 'A2', reason: 'Chủ cơ sở không hợp tác' }, 'r-esc', T0);
    applyAction(def, state, inspector, { type: 'REQUEST_EXTENSION', stepId: 'A2', amount: 2, reason: 'Chờ giám định' }, 'r-req', T0);
    fireEscalations(def, state, due + HOUR, supersede);
    expect(open(state)).toEqual(['MANUAL:TEAM_LEAD', 'EXTENSION_REQUEST:TEAM_LEAD', 'ESCALATE:TEAM_LEAD']);
    // The deadline moves (say the calendar changed): its ladder starts again, and its warning, already past, takes the breach's place.
    const o = state.open[0]!;
    setDeadline(
      state,
      { stepId: 'A2', spec: { anchorAt: o.deadline!.anchorAt, amount: 5, unit: 'working_days', legalBasis: o.deadline!.legalBasis, extensions: [], pauses: [] }, hard: false },
      { dueAt: new Date(due + 48 * HOUR).toISOString(), due: '2026-03-04', calendarVersion: 'c2', explanation: {} },
      new Date(due + HOUR).toISOString(),
      'CALENDAR_CHANGED',
    );
    fireEscalations(def, state, due + 2 * HOUR, supersede);
    expect(open(state)).toEqual(['MANUAL:TEAM_LEAD', 'EXTENSION_REQUEST:TEAM_LEAD', 'WARN:INSPECTOR']);
  });
});

describe('the queue entry a step’s ladder keeps (rungsFoldedInto)', () => {
  const rung = (id: string, kind: 'WARN' | 'ESCALATE' | 'MANUAL', isOpen: boolean, supersededBy: string | null = null, stepId = 'A2') => ({ id, stepId, kind, isOpen, supersededBy });

  it('stands for the rungs it superseded, and those they superseded in turn', () => {
    const rows = [rung('w', 'WARN', false, 'b'), rung('b', 'ESCALATE', false, 'd'), rung('d', 'ESCALATE', true), rung('m', 'MANUAL', true), rung('x', 'WARN', false, 'y', 'B1')];
    expect(rungsFoldedInto(rows[2]!, rows)).toEqual(['w', 'b']);
    expect(rungsFoldedInto(rows[3]!, rows)).toEqual([]);
  });

  it('stands, when open, for its step’s other rungs still open: a case that ran before rungs superseded each other', () => {
    const rows = [rung('w', 'WARN', true), rung('b', 'ESCALATE', true), rung('d', 'ESCALATE', true), rung('handled', 'ESCALATE', false)];
    expect(rungsFoldedInto(rows[2]!, rows)).toEqual(['w', 'b']);
    // Handled, it keeps those it was handled with (they name it), not the rungs of an earlier breach.
    const after = [rung('old', 'ESCALATE', false), rung('w', 'WARN', false, 'd'), rung('d', 'ESCALATE', false)];
    expect(rungsFoldedInto(after[2]!, after)).toEqual(['w']);
  });
});
