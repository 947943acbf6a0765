import { describe, expect, it } from 'vitest';
import { applyAction, checkAction, newCase, type TActor } from '../../engine.js';
import { testInspection } from '../../fixtures/test-procedures.js';
import type { TRuleFailure } from '../../law-rules.js';
import { parseDefinition } from '../../procedure-validate.js';

const def = parseDefinition(testInspection());
const lead: TActor = { userId: 'lead', roles: ['TEAM_LEAD'] };
const NOW = '2026-02-12T02:00:00.000Z';
const ctx = { now: NOW, ruleset: 3 };
const signer: TRuleFailure = {
  rule: 'SIGNER_NOT_OFFICER',
  field: 'signedBy',
  message: { vi: 'Người ký phải là người hoàn thành bước.', en: 'The signer must be the officer.' },
  legalBasis: 'Luật Xử lý vi phạm hành chính, Điều 68(1)',
};
const fresh = () => newCase(def, { caseId: 'c1', kind: 'TEST', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead }, NOW).state;
const A1 = { type: 'COMPLETE_STEP' as const, stepId: 'A1', outcome: 'DECIDED', data: { decisionNo: '1', decisionDate: '2026-02-12' } };

describe('failures of the law judged by the API (resolved.failures: docs/adr/0195)', () => {
  it('are refused as the law’s rules are, after the step’s order, its role and its form', () => {
    const state = fresh();
    // On the open step, lawful otherwise: refused for the API's failure, with its rule, field and basis.
    expect(checkAction(def, state, lead, { ...A1, resolved: { failures: [signer] } }, ctx)).toMatchObject({
      code: 'GUARD_FAILED',
      legalBasis: signer.legalBasis,
      details: { rule: 'SIGNER_NOT_OFFICER', field: 'signedBy', outcome: 'DECIDED', failures: [signer] },
    });
    expect(checkAction(def, state, lead, A1, ctx)).toBeUndefined();
    // The form first: a missing field is said, not the API's failure.
    expect(checkAction(def, state, lead, { ...A1, data: { decisionNo: '1' }, resolved: { failures: [signer] } }, ctx)).toMatchObject({ code: 'FORM_INVALID' });
    // The role first.
    expect(checkAction(def, state, { userId: 'x', roles: ['PUBLIC_RELATIONS'] }, { ...A1, resolved: { failures: [signer] } }, ctx)).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    // The order first: a step not open yet.
    applyAction(def, state, lead, A1, 'r1', NOW);
    const next = def.steps.find((s) => !state.open.some((o) => o.stepId === s.id) && s.id !== 'A1')!;
    expect(checkAction(def, state, lead, { type: 'COMPLETE_STEP', stepId: next.id, outcome: next.outcomes[0]!.id, data: {}, resolved: { failures: [signer] } }, ctx)).toMatchObject({
      code: 'STEP_OUT_OF_ORDER',
    });
  });
});
