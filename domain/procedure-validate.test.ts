import { describe, expect, it } from 'vitest';
import { testInspection, testSeizure } from './fixtures/test-procedures.js';
import { validateDefinition } from './procedure-validate.js';
import type { TProcedureInput } from './procedure.js';

function mutate(f: (d: TProcedureInput) => void): TProcedureInput {
  const d = structuredClone(testInspection());
  f(d);
  return d;
}

describe('validating a procedure definition before publish', () => {
  it('accepts the test procedures', () => {
    expect(validateDefinition(testInspection()).issues).toEqual([]);
    expect(validateDefinition(testSeizure()).ok).toBe(true);
  });

  it('reports schema errors with their path', () => {
    const r = validateDefinition(mutate((d) => ((d.steps[0] as { roles: string[] }).roles = [])));
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ path: 'steps[0].roles', code: 'SCHEMA' }));
  });

  it('reports unknown roles, steps and outcomes with their path', () => {
    const r = validateDefinition(
      mutate((d) => {
        d.steps[1]!.roles = ['INSPECTOR', 'JANITOR'];
        d.steps[1]!.outcomes[0]!.next = ['Z9'];
        d.steps[1]!.deadline!.escalation![1]!.toRole = 'MAYOR';
        d.steps[4]!.deadline!.variants = [{ when: { kind: 'OUTCOME', stepId: 'A2', outcome: 'MAYBE' }, amount: 1, unit: 'months', legalBasis: 'x' }];
      }),
    );
    expect(r.issues.map((i) => `${i.code} ${i.path}`)).toEqual(
      expect.arrayContaining([
        'UNKNOWN_ROLE steps[1].roles[1]',
        'UNKNOWN_STEP steps[1].outcomes[0].next[0]',
        'UNKNOWN_ROLE steps[1].deadline.escalation[1].toRole',
        'UNKNOWN_OUTCOME steps[4].deadline.variants[0].when.outcome',
      ]),
    );
  });

  it('finds unreachable steps and dead ends', () => {
    const r = validateDefinition(
      mutate((d) => {
        d.steps.push({ id: 'X1', title: { vi: 'x', en: 'x' }, roles: ['INSPECTOR'], outcomes: [{ id: 'LOOP', title: { vi: 'x', en: 'x' }, next: ['X2'] }] });
        d.steps.push({ id: 'X2', title: { vi: 'y', en: 'y' }, roles: ['INSPECTOR'], outcomes: [{ id: 'LOOP', title: { vi: 'y', en: 'y' }, next: ['X1'] }] });
      }),
    );
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'UNREACHABLE_STEP', path: 'steps[6]' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'DEAD_END', path: 'steps[6]' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'DEAD_END', path: 'steps[7]' }));
  });

  it('finds deadline anchors that never happen', () => {
    const r = validateDefinition(
      mutate((d) => {
        d.steps[1]!.deadline!.anchor = { kind: 'STEP_COMPLETED', stepId: 'B2' };
        d.steps[4]!.deadline!.anchor = { kind: 'EVENT', event: 'NEVER_DECLARED' };
      }),
    );
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: 'steps[1].deadline.anchor.stepId' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: 'steps[4].deadline.anchor.event' }));
  });

  it('finds joins that can never complete and duplicate ids', () => {
    const r = validateDefinition(
      mutate((d) => {
        d.steps[4]!.joinOf = ['B1', 'F1'];
        d.steps[2]!.form!.fields.push({ key: 'violationDate', type: 'text', label: { vi: 'x', en: 'x' } });
      }),
    );
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'JOIN_NEVER_COMPLETES', path: 'steps[4].joinOf[1]' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_ID', path: 'steps[2].form.fields[2].key' }));
  });
});
