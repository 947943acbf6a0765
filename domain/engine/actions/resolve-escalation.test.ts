import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../audit.js';
import { applyAction, CASE_ACTIONS, checkAction, fireEscalations, newCase, setDeadline, type TActor, type TCaseState } from '../../engine.js';
import { testInspection } from '../../fixtures/test-procedures.js';
import { parseDefinition } from '../../procedure-validate.js';

const def = parseDefinition(testInspection());
const lead: TActor = { userId: 'lead', roles: ['TEAM_LEAD'] };
const director: TActor = { userId: 'dir', roles: ['DIRECTOR'] };
const inspector: TActor = { userId: 'insp', roles: ['INSPECTOR'] };
const legal: TActor = { userId: 'legal', roles: ['LEGAL_OFFICER'] };
const T0 = '2026-02-12T02:00:00.000Z';
const HOUR = 3_600_000;
const NOW = '2026-03-03T02:00:00.000Z';
const ctx = { now: NOW, ruleset: 3 };

/** A case whose A2 breached an hour ago: its warning superseded by the breach, escalated to the team lead. */
function breached(opts: { supersede?: boolean } = { supersede: true }): TCaseState {
  const { state } = newCase(def, { caseId: 'c1', kind: 'TEST', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead }, T0);
  const t = applyAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } }, 'r1', T0);
  setDeadline(state, t.deadlines[0]!, { dueAt: '2026-03-02T17:00:00.000Z', due: '2026-03-02', calendarVersion: 'c', explanation: {} }, T0, 'test');
  fireEscalations(def, state, Date.parse('2026-03-02T17:00:00.000Z') + HOUR, opts);
  return state;
}
const resolve = (escalationId: string, note = 'Đã họp với đoàn, bổ sung người') => ({ type: 'RESOLVE_ESCALATION' as const, escalationId, note });
const breachOf = (state: TCaseState) => state.escalations.find((e) => e.kind === 'ESCALATE')!;

describe('marking an escalation handled (RESOLVE_ESCALATION)', () => {
  it('resolves it with who, when and the note, and audits it', () => {
    const state = breached();
    const e = breachOf(state);
    expect(checkAction(def, state, lead, resolve(e.id), ctx)).toBeUndefined();
    applyAction(def, state, lead, resolve(e.id), 'r-resolve', NOW);
    expect(e).toMatchObject({ resolvedAt: NOW, resolvedBy: 'lead', resolutionNote: 'Đã họp với đoàn, bổ sung người' });
    expect(state.escalations.filter((x) => !x.resolvedAt)).toEqual([]);
    expect(state.pendingAudit.at(-1)).toMatchObject({
      action: 'ESCALATION_RESOLVED',
      actorId: 'lead',
      actorRole: 'TEAM_LEAD',
      stepId: 'A2',
      detail: { escalationId: e.id, kind: 'ESCALATE', toRole: 'TEAM_LEAD', note: 'Đã họp với đoàn, bổ sung người' },
    });
    expect(verifyChain(state.pendingAudit)).toBeUndefined();
    // A second time: refused, saying by whom it was handled.
    expect(checkAction(def, state, lead, resolve(e.id), ctx)).toMatchObject({
      code: 'CONFLICT',
      rule: 'ESCALATION_ALREADY_RESOLVED',
      params: { escalationId: e.id, resolvedAt: NOW, resolvedBy: 'lead', supersededBy: null },
    });
  });

  it('refuses an unknown escalation, one superseded by a later rung, and an empty note', () => {
    const state = breached();
    expect(checkAction(def, state, lead, resolve('A2#nope#9'), ctx)).toMatchObject({ code: 'NOT_FOUND', rule: 'ESCALATION_UNKNOWN', params: { caseId: 'c1', escalationId: 'A2#nope#9' } });
    const warn = state.escalations.find((e) => e.kind === 'WARN')!;
    const r = checkAction(def, state, lead, resolve(warn.id), ctx);
    expect(r).toMatchObject({ code: 'CONFLICT', rule: 'ESCALATION_ALREADY_RESOLVED', params: { supersededBy: breachOf(state).id, resolvedBy: null } });
    expect(r!.message).toMatch(/superseded by .*; handle that one\.$/);
    expect(checkAction(def, state, lead, resolve(breachOf(state).id, '  '), ctx)).toMatchObject({ code: 'INVALID_ACTION', rule: 'RESOLUTION_UNEXPLAINED' });
    expect(CASE_ACTIONS.RESOLVE_ESCALATION.body.safeParse({ note: 'x'.repeat(2001) }).success).toBe(false);
    expect(CASE_ACTIONS.RESOLVE_ESCALATION.body.safeParse({ note: '' }).success).toBe(false);
  });

  it('is for the role it is addressed to or a supervisor above it', () => {
    const state = breached();
    const toLead = breachOf(state);
    expect(checkAction(def, state, inspector, resolve(toLead.id), ctx)).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      rule: 'ROLE_MAY_NOT_RESOLVE_ESCALATION',
      params: { escalationId: toLead.id, roles: ['TEAM_LEAD', 'DIRECTOR'] },
    });
    expect(checkAction(def, state, legal, resolve(toLead.id), ctx)?.code).toBe('ROLE_NOT_ALLOWED');
    expect(checkAction(def, state, director, resolve(toLead.id), ctx)).toBeUndefined();
    // A day after the breach the director is told: the team lead may no longer close it.
    fireEscalations(def, state, Date.parse('2026-03-02T17:00:00.000Z') + 25 * HOUR, { supersede: true });
    const toDirector = state.escalations.at(-1)!;
    expect(toDirector.toRole).toBe('DIRECTOR');
    expect(checkAction(def, state, lead, resolve(toDirector.id), ctx)).toMatchObject({ rule: 'ROLE_MAY_NOT_RESOLVE_ESCALATION', params: { roles: ['DIRECTOR'] } });
    expect(checkAction(def, state, director, resolve(toDirector.id), ctx)).toBeUndefined();
    // An escalation by hand to the legal officer: theirs, or a supervisor's.
    applyAction(def, state, inspector, { type: 'ESCALATE', stepId: 'A2', reason: 'Cần ý kiến pháp chế', toRole: 'LEGAL_OFFICER' }, 'r-esc', NOW);
    const manual = state.escalations.at(-1)!;
    expect(checkAction(def, state, legal, resolve(manual.id), ctx)).toBeUndefined();
    expect(checkAction(def, state, lead, resolve(manual.id), ctx)).toBeUndefined();
    expect(checkAction(def, state, inspector, resolve(manual.id), ctx)?.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('takes with it the earlier open rungs of a case that ran before rungs superseded each other, not the later ones', () => {
    const state = breached({});
    fireEscalations(def, state, Date.parse('2026-03-02T17:00:00.000Z') + 25 * HOUR);
    expect(state.escalations.filter((e) => !e.resolvedAt).map((e) => e.kind + ':' + e.toRole)).toEqual(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD', 'ESCALATE:DIRECTOR']);
    const [warn, breach, toDirector] = state.escalations;
    // The team lead handles the breach: the warning before it goes with it; the director's rung stays.
    applyAction(def, state, lead, resolve(breach!.id), 'r-resolve', NOW);
    expect(warn).toMatchObject({ resolvedAt: NOW, resolvedBy: 'lead', supersededBy: breach!.id });
    expect(toDirector!.resolvedAt).toBeUndefined();
    expect(state.pendingAudit.at(-1)!.detail).toMatchObject({ escalationId: breach!.id, alsoResolved: [warn!.id] });
  });

  it('counts resolution notes toward the case’s bounds on notes', () => {
    const state = breached();
    const bounded = { ...def, limits: { notesPerCase: 1 } };
    applyAction(def, state, lead, { type: 'ADD_NOTE', text: 'Chỉ đạo' }, 'r-note', NOW);
    expect(checkAction(bounded, state, lead, resolve(breachOf(state).id), ctx)).toMatchObject({ code: 'LIMIT_EXCEEDED', params: { limit: 'notesPerCase' } });
    // Cases not yet bounded (ruleset 1 and 2) are not.
    expect(checkAction(bounded, state, lead, resolve(breachOf(state).id), { now: NOW, ruleset: 2 })).toBeUndefined();
  });
});
