import { describe, expect, it } from 'vitest';
import { testInspection, testSeizure } from './fixtures/test-procedures.js';
import { validateDefinition } from './procedure-validate.js';
import type { TField, TProcedureInput } from './procedure.js';
import { penaltyProcedure } from './procedures/penalty.js';

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

  it('accepts fields’ defaults from earlier steps, the business, today, the officer and a parent case', () => {
    const r = validateDefinition(
      mutate((d) => {
        const b1 = d.steps[2]!.form!.fields as TField[];
        b1[0] = { ...b1[0]!, prefill: { from: 'step', stepId: 'A1', field: 'decisionDate' } } as TField;
        b1.push({ key: 'who', type: 'text', label: { vi: 'x', en: 'x' }, prefill: { from: 'officer' } });
        b1.push({ key: 'party', type: 'text', label: { vi: 'x', en: 'x' }, prefill: { from: 'business', attribute: 'name' } });
        b1.push({ key: 'seen', type: 'date', label: { vi: 'x', en: 'x' }, prefill: { from: 'today' } });
        b1.push({ key: 'fromParent', type: 'number', label: { vi: 'x', en: 'x' }, prefill: { from: 'parent', stepId: 'Q7', field: 'anything' } });
        b1.push({ key: 'photos', type: 'file', label: { vi: 'x', en: 'x' }, prefill: { from: 'step', stepId: 'A2', field: 'photos' } });
      }),
    );
    expect(r.issues).toEqual([]);
  });

  it('reports a field’s default that cannot be given, with its path', () => {
    const r = validateDefinition(
      mutate((d) => {
        (d.steps[1]!.form!.fields as TField[]).push({ key: 'secret', type: 'text', label: { vi: 'x', en: 'x' }, sensitive: true });
        const b1 = d.steps[2]!.form!.fields as TField[];
        const add = (f: Record<string, unknown>): number => b1.push({ type: 'text', label: { vi: 'x', en: 'x' }, ...f } as TField) - 1;
        add({ key: 'later', prefill: { from: 'step', stepId: 'B2', field: 'fineAmount' } });
        add({ key: 'nowhere', prefill: { from: 'step', stepId: 'Z9', field: 'x' } });
        add({ key: 'noField', prefill: { from: 'step', stepId: 'A2', field: 'nope' } });
        add({ key: 'typed', type: 'date', prefill: { from: 'step', stepId: 'A2', field: 'findings' } });
        add({ key: 'todayText', prefill: { from: 'today' } });
        add({ key: 'nameDate', type: 'date', prefill: { from: 'business', attribute: 'name' } });
        add({ key: 'leak', prefill: { from: 'step', stepId: 'A2', field: 'secret' } });
        const items = b1[1] as Extract<TField, { type: 'group' }>;
        b1[1] = { ...items, prefill: { from: 'parent', stepId: 'A1', field: 'items' }, fields: [{ ...items.fields[0]!, prefill: { from: 'officer' } }, ...items.fields.slice(1)] } as TField;
      }),
    );
    const f = 'steps[2].form.fields';
    expect(r.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual(
      [
        `STEP_CANNOT_PRECEDE ${f}[2].prefill.stepId`,
        `UNKNOWN_STEP ${f}[3].prefill.stepId`,
        `UNKNOWN_FIELD ${f}[4].prefill.field`,
        `WRONG_TYPE ${f}[5].prefill`,
        `WRONG_TYPE ${f}[6].prefill`,
        `WRONG_TYPE ${f}[7].prefill`,
        `BAD_PREFILL ${f}[8].prefill.field`,
        `BAD_PREFILL ${f}[1].prefill`,
        `BAD_PREFILL ${f}[1].fields[0].prefill`,
      ].sort(),
    );
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

  it('lengthens a period only by a whole number an earlier step gives (penalty version 13, docs/adr/0217)', () => {
    const def = structuredClone(penaltyProcedure(13));
    expect(validateDefinition(def).issues).toEqual([]);
    const i = def.steps.findIndex((s) => s.id === 'B9');
    const variant = def.steps[i]!.deadline!.variants![0]!;
    const path = `steps[${i}].deadline.variants[0].amountFrom`;
    const issues = (from: { stepId: string; field: string }) => {
      variant.amountFrom = from;
      return validateDefinition(def).issues.map((x) => [x.code, x.path]);
    };
    expect(issues({ stepId: 'B6', field: 'fineAmount' })).toEqual([['UNKNOWN_FIELD', `${path}.field`]]);
    expect(issues({ stepId: 'B6', field: 'nothing' })).toEqual([['UNKNOWN_FIELD', `${path}.field`]]);
    expect(issues({ stepId: 'B17', field: 'complianceDays' })).toEqual([['ANCHOR_NEVER_HAPPENS', `${path}.stepId`]]);
    expect(issues({ stepId: 'Z9', field: 'complianceDays' })).toEqual([['UNKNOWN_STEP', `${path}.stepId`]]);
  });

  it('compares the role acting with the role that completed a step that can precede it (penalty version 15, docs/adr/0225)', () => {
    const def = structuredClone(penaltyProcedure(15));
    expect(validateDefinition(def).issues).toEqual([]);
    const i = def.steps.findIndex((s) => s.id === 'B12');
    const rule = def.steps[i]!.constraints!.find((c) => c.code === 'NOT_THE_DECIDER')!;
    const path = `steps[${i}].constraints[0].when.right`;
    const issues = (stepId: string) => {
      rule.when = { kind: 'CMP', op: 'EQ', left: { kind: 'ROLE' }, right: { kind: 'ROLE', stepId } };
      return validateDefinition(def).issues.map((x) => [x.code, x.path]);
    };
    expect(issues('B6')).toEqual([]);
    expect(issues('B17')).toEqual([['STEP_CANNOT_PRECEDE', `${path}.stepId`]]);
    expect(issues('Z9')).toEqual([['UNKNOWN_STEP', `${path}.stepId`]]);
    // A role compared with a date is a wrong type.
    rule.when = { kind: 'CMP', op: 'EQ', left: { kind: 'ROLE' }, right: { kind: 'TODAY' } };
    expect(validateDefinition(def).issues.map((x) => x.code)).toEqual(['WRONG_TYPE']);
  });

  it('counts from an optional date when every outcome that leads to the step asks for it (penalty version 9, docs/adr/0211)', () => {
    const def = structuredClone(penaltyProcedure(9));
    const b6 = def.steps.find((s) => s.id === 'B6')!;
    const b8 = `steps[${def.steps.findIndex((s) => s.id === 'B8')}].deadline.anchor.field`;
    expect((b6.form!.fields as TField[]).find((f) => f.key === 'decisionDate')!.required).toBe(false);
    // DECIDED and MEASURES_ONLY lead to the delivery (B8) and ask for the date; the transfer comes back to B6 before B8 can open.
    expect(validateDefinition(def).issues.filter((i) => i.code === 'ANCHOR_NEVER_HAPPENS')).toEqual([]);
    const measures = b6.outcomes.find((o) => o.id === 'MEASURES_ONLY')!;
    measures.requires = measures.requires!.filter((r) => r.code !== 'DECISION_DATE_MISSING');
    expect(validateDefinition(def).issues).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: b8 }));
    // A transfer that went straight on to the delivery would open it with no date.
    // A copy: the procedure's outcomes are shared constants.
    const def2 = structuredClone(penaltyProcedure(9));
    def2.steps.find((s) => s.id === 'B6')!.outcomes.find((o) => o.id === 'CRIMINAL_SIGNS')!.next = ['B8'];
    expect(validateDefinition(def2).issues).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: b8 }));
  });

  it('counts a deadline variant from an optional date asked for in the case the variant is for, and only then (penalty version 18, docs/adr/0232)', () => {
    const def = structuredClone(penaltyProcedure(18));
    const b9 = def.steps.find((s) => s.id === 'B9')!;
    const atSea = `steps[${def.steps.findIndex((s) => s.id === 'B18')}].deadline.variants[0].anchor.field`;
    const collected = b9.outcomes.find((o) => o.id === 'COLLECTED')!;
    const ashore = collected.requires!.find((r) => r.code === 'ASHORE_MISSING')!;
    // At sea (the variant's case), the day ashore is asked for: ANY(NOT(collection = AT_SEA), PRESENT(ashoreOn)).
    expect(validateDefinition(def).issues).toEqual([]);
    // Asked for in another case only, the period at sea may never start.
    ashore.when = {
      kind: 'ANY',
      of: [
        { kind: 'NOT', of: { kind: 'FIELD_EQUALS', field: 'collection', equals: 'AFTER_HOURS' } },
        { kind: 'FIELD_PRESENT', field: 'ashoreOn' },
      ],
    };
    expect(validateDefinition(def).issues).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: atSea }));
    // Nor is an alternative that is not the variant's negation enough.
    ashore.when = {
      kind: 'ANY',
      of: [
        { kind: 'FIELD_PRESENT', field: 'receiptNo' },
        { kind: 'FIELD_PRESENT', field: 'ashoreOn' },
      ],
    };
    expect(validateDefinition(def).issues).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: atSea }));
    // Asked for always, it is there whichever the case.
    ashore.when = { kind: 'FIELD_PRESENT', field: 'ashoreOn' };
    expect(validateDefinition(def).issues).toEqual([]);
  });

  it('types the date a guard counts from when given as a value (penalty version 10, docs/adr/0213)', () => {
    const def = structuredClone(penaltyProcedure(10));
    expect(validateDefinition(def).issues).toEqual([]);
    const i = def.steps.findIndex((s) => s.id === 'B1');
    def.steps[i]!.guard!.fromExpr = { kind: 'CONST', value: 12 };
    expect(validateDefinition(def).issues).toContainEqual(expect.objectContaining({ code: 'WRONG_TYPE', path: `steps[${i}].guard.fromExpr` }));
  });

  it('counts from the end of an earlier step’s time limit only where that step has one (docs/adr/0206)', () => {
    const from = (stepId: string) => validateDefinition(mutate((d) => (d.steps[4]!.deadline!.anchor = { kind: 'STEP_DUE', stepId }))).issues;
    expect(from('A2')).toEqual([]);
    expect(from('B1')).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: 'steps[4].deadline.anchor.stepId' }));
    expect(from('F1')).toContainEqual(expect.objectContaining({ code: 'ANCHOR_NEVER_HAPPENS', path: 'steps[4].deadline.anchor.stepId' }));
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

  it('checks the surcharge on the unpaid part: its payments are an event the procedure declares, its operands typed', () => {
    expect(validateDefinition(penaltyProcedure(4)).issues).toEqual([]);
    const noEvent = { ...penaltyProcedure(4), events: [] };
    const codes = validateDefinition(noEvent)
      .issues.filter((i) => i.path.endsWith('.event'))
      .map((i) => `${i.code} ${i.path}`);
    expect(codes).toEqual([
      expect.stringMatching(/^UNKNOWN_EVENT steps\[\d+\]\.outcomes\[0\]\.requires\[3\]\.when\.right\.right\.event$/),
      expect.stringMatching(/^UNKNOWN_EVENT steps\[\d+\].*\.event$/),
    ]);
    const text = JSON.parse(JSON.stringify(penaltyProcedure(4)).replaceAll('"paidOn":{"kind":"FIELD","field":"paidDate"}', '"paidOn":{"kind":"FIELD","field":"receiptNo"}')) as TProcedureInput;
    expect(validateDefinition(text).issues.filter((i) => i.code === 'WRONG_TYPE' && i.path.endsWith('.paidOn'))).toHaveLength(2);
  });

  it('types the acts’ limitation filter: from a date, judged on a date, a period in years read from the group', () => {
    expect(validateDefinition(penaltyProcedure(8)).issues).toEqual([]);
    const json = JSON.stringify(penaltyProcedure(8));
    const filters = json.split('"withinLimitation"').length - 1;
    // B6's decision: the bracket's minimum and maximum, its midpoint three times (the reason, and the fine raised or
    // lowered from it), the warning and the competence.
    expect(filters).toBe(7);
    const broken = JSON.parse(
      json
        .replaceAll('"years":"violation.limitationYears"', '"years":"violation.descriptionVi"')
        .replaceAll('"on":{"kind":"FIELD","field":"decisionDate"}', '"on":{"kind":"FIELD","field":"decisionNo"}')
        .replaceAll('"since":{"kind":"FIELD","field":"violationDate","stepId":"B1"}', '"since":{"kind":"FIELD","field":"nope","stepId":"B1"}'),
    ) as TProcedureInput;
    const issues = validateDefinition(broken).issues.filter((i) => i.path.includes('.withinLimitation'));
    const by = (suffix: string) => issues.filter((i) => i.path.endsWith(suffix)).map((i) => i.code);
    expect(by('.withinLimitation.years')).toEqual(Array(filters).fill('WRONG_TYPE'));
    expect(by('.withinLimitation.on')).toEqual(Array(filters).fill('WRONG_TYPE'));
    expect(by('.withinLimitation.since.field')).toEqual(Array(filters).fill('UNKNOWN_FIELD'));
  });
});
