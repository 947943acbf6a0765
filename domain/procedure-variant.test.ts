import { describe, expect, it } from 'vitest';
import { checkProcedureScope, checkVariant, type TProcedureScope } from './procedure-variant.js';
import { parseDefinition, validateDefinition } from './procedure-validate.js';
import type { TProcedureDefinition, TStep } from './procedure.js';
import { penaltyProcedure } from './procedures/penalty.js';
import { tipProcedure } from './procedures/tracks.js';
import { procedureIdUnit, variantProcedureId } from './tenancy.js';

const TIP = parseDefinition(tipProcedure());
const PENALTY = parseDefinition(penaltyProcedure());

/** Scopes as a unit `nb` sees them: the shipped procedures are national; `nb.ins-enforcement` is its own variant. */
const scopeOf = (id: string): TProcedureScope =>
  id.startsWith('ins-')
    ? { scope: 'NATIONAL' }
    : id === 'nb.ins-enforcement'
      ? { scope: 'OWN', variantOf: 'ins-enforcement' }
      : id.startsWith('nb.')
        ? { scope: 'OWN', variantOf: null }
        : { scope: 'OTHER' };

/** A unit's copy of `base`, changed by `f`. */
function variant(base: TProcedureDefinition, f: (d: TProcedureDefinition) => void = () => undefined): TProcedureDefinition {
  const d = structuredClone(base);
  d.id = `nb.${base.id}`;
  d.version = 1;
  d.variantOf = { procedureId: base.id, version: base.version };
  f(d);
  return d;
}
const stepOf = (d: TProcedureDefinition, id: string): TStep => d.steps.find((s) => s.id === id)!;
const codes = (base: TProcedureDefinition, v: TProcedureDefinition): string[] => checkVariant(base, v, scopeOf).map((i) => `${i.code} ${i.path}`);

describe('a unit variant keeps to its national procedure', () => {
  it('accepts an unchanged copy', () => {
    expect(checkVariant(TIP, variant(TIP), scopeOf)).toEqual([]);
    expect(checkVariant(PENALTY, variant(PENALTY), scopeOf)).toEqual([]);
  });

  it('accepts what is stricter: narrower roles, a shorter soft deadline, a review step on the way, more fields and rules, reworded titles', () => {
    const v = variant(TIP, (d) => {
      d.title = { vi: 'Xử lý tin báo (Ninh Bình)', en: 'Handling a tip (Ninh Bình)' };
      const c3 = stepOf(d, 'C3');
      c3.roles = ['INSPECTOR'];
      c3.deadline!.amount = 7;
      c3.title = { vi: 'Xác minh tin báo tại chỗ', en: 'Verify the tip on the spot' };
      c3.form.fields.push({ key: 'stallNo', type: 'text', label: { vi: 'Số ki-ốt', en: 'Stall number' }, required: true });
      c3.requiresEvidence = true;
      c3.constraints = [{ when: { kind: 'FIELD_PRESENT', field: 'stallNo' }, code: 'STALL_NEEDED', message: { vi: 'Ghi số ki-ốt', en: 'Give the stall number' }, legalBasis: 'Quy chế nội bộ' }];
      // C2 → (team lead's review) → C3, whichever way the review goes.
      stepOf(d, 'C2').outcomes.find((o) => o.id === 'IN_SCOPE')!.next = ['C2R'];
      d.steps.push({
        id: 'C2R',
        title: { vi: 'Lãnh đạo đội duyệt', en: 'Team lead review' },
        roles: ['TEAM_LEAD'],
        form: { fields: [] },
        outcomes: [
          { id: 'APPROVED', title: { vi: 'Duyệt', en: 'Approved' }, next: ['C3'] },
          { id: 'NOTED', title: { vi: 'Ghi nhận', en: 'Noted' }, next: ['C3'] },
        ],
      });
    });
    expect(validateDefinition(v).issues).toEqual([]);
    expect(checkVariant(TIP, v, scopeOf)).toEqual([]);
  });

  it('refuses a role the national procedure does not allow', () => {
    expect(
      codes(
        TIP,
        variant(TIP, (d) => stepOf(d, 'C2').roles.push('INSPECTOR')),
      ),
    ).toEqual(['VARIANT_RELAXES steps[1].roles[2]']);
  });

  it('refuses a longer deadline, and any change to a deadline the law or a legal parameter sets', () => {
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (stepOf(d, 'C3').deadline!.amount = 15)),
      ),
    ).toEqual(['VARIANT_RELAXES steps[2].deadline.amount']);
    // B6: the decision deadline is hard and from a legal parameter; B4: the party's period.
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B6').deadline!.amount = 5)),
      ),
    ).toEqual(['VARIANT_RELAXES steps[4].deadline.amount']);
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B6').deadline!.hard = false)),
      ),
    ).toEqual(['VARIANT_RELAXES steps[4].deadline.hard']);
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B4').deadline!.anchor = { kind: 'STEP_OPENED' })),
      ),
    ).toContain('VARIANT_RELAXES steps[3].deadline');
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => delete stepOf(d, 'B4').extension),
      ),
    ).toEqual(['VARIANT_RELAXES steps[3].extension']);
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B4').windows = [])),
      ),
    ).toEqual(['VARIANT_RELAXES steps[3].windows']);
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (stepOf(d, 'C4').deadline = { amount: 1, unit: 'working_days', anchor: { kind: 'STEP_OPENED' }, legalBasis: 'x', hard: true })),
      ),
    ).toEqual(['VARIANT_RELAXES steps[3].deadline']);
  });

  it('refuses a dropped rule, guard or required field, and a field with other constraints', () => {
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B3').outcomes[1]!.requires = [])),
      ),
    ).toEqual(['VARIANT_RELAXES steps[2].outcomes[1].requires']);
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => delete stepOf(d, 'B1').guard),
      ),
    ).toEqual(['VARIANT_RELAXES steps[0].guard']);
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (stepOf(d, 'C1').form.fields[0]!.required = false)),
      ),
    ).toEqual(['VARIANT_RELAXES steps[0].form.fields[0]']);
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (stepOf(d, 'C1').form.fields = stepOf(d, 'C1').form.fields.filter((f) => f.key !== 'content'))),
      ),
    ).toEqual(['VARIANT_RELAXES steps[0].form.fields']);
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (stepOf(d, 'C1').form.fields[1] = { ...stepOf(d, 'C1').form.fields[1]!, type: 'number' } as never)),
      ),
    ).toEqual(['VARIANT_RELAXES steps[0].form.fields[1]']);
  });

  it('refuses a missing step, a skipped step, a new way out and an added step that closes the case or leads elsewhere', () => {
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (d.steps = d.steps.filter((s) => s.id !== 'C5'))),
      ),
    ).toContain('VARIANT_STEP_MISSING steps');
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (stepOf(d, 'C2').outcomes[0]!.next = ['C4'])),
      ),
    ).toEqual(['VARIANT_BYPASS steps[1].outcomes[0].next']);
    expect(
      codes(
        TIP,
        variant(TIP, (d) => stepOf(d, 'C4').outcomes.push({ id: 'DROP', title: { vi: 'Bỏ', en: 'Drop' }, next: [], closesCase: true })),
      ),
    ).toEqual(['VARIANT_BYPASS steps[3].outcomes[2]']);
    const review = (outcomes: TStep['outcomes']) =>
      variant(TIP, (d) => {
        stepOf(d, 'C2').outcomes[0]!.next = ['C2R'];
        d.steps.push({ id: 'C2R', title: { vi: 'Duyệt', en: 'Review' }, roles: ['TEAM_LEAD'], form: { fields: [] }, outcomes });
      });
    expect(
      codes(
        TIP,
        review([
          { id: 'OK', title: { vi: 'Được', en: 'OK' }, next: ['C3'] },
          { id: 'STOP', title: { vi: 'Dừng', en: 'Stop' }, next: [], closesCase: true },
        ]),
      ),
    ).toEqual(['VARIANT_BYPASS steps[1].outcomes[0].next']);
    expect(
      codes(
        TIP,
        review([
          { id: 'OK', title: { vi: 'Được', en: 'OK' }, next: ['C3'] },
          { id: 'SKIP', title: { vi: 'Bỏ qua', en: 'Skip' }, next: ['C4'] },
        ]),
      ),
    ).toEqual(['VARIANT_BYPASS steps[1].outcomes[0].next']);
  });

  it('refuses a step before one whose clock starts when it opens (it would delay the clock)', () => {
    const v = variant(PENALTY, (d) => {
      stepOf(d, 'B9').outcomes.find((o) => o.id === 'CRIMINAL_SIGNS')!.next = ['B61'];
      d.steps.push({ id: 'B61', title: { vi: 'Báo cáo', en: 'Report' }, roles: ['TEAM_LEAD'], form: { fields: [] }, outcomes: [{ id: 'DONE', title: { vi: 'Xong', en: 'Done' }, next: ['B62'] }] });
    });
    expect(codes(PENALTY, v)).toEqual(['VARIANT_BYPASS steps[6].outcomes[5].next']);
  });

  it('runs the national sub-procedure or the unit’s own variant of it, nothing else', () => {
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B15').subProcedure!.procedureId = 'nb.ins-enforcement')),
      ),
    ).toEqual([]);
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B15').subProcedure!.procedureId = 'ins-seizure')),
      ),
    ).toEqual(['PROCEDURE_SCOPE steps[11].subProcedure.procedureId']);
    expect(
      codes(
        PENALTY,
        variant(PENALTY, (d) => (stepOf(d, 'B15').subProcedure!.procedureId = 'hn.ins-enforcement')),
      ),
    ).toEqual(['PROCEDURE_SCOPE steps[11].subProcedure.procedureId']);
  });

  it('refuses another kind, and keeps any part of the language it does not know as nationally', () => {
    expect(
      codes(
        TIP,
        variant(TIP, (d) => (d.kind = 'PAPER_FILE')),
      ),
    ).toEqual(['VARIANT_BASE kind']);
    const withLimit = structuredClone(TIP);
    (stepOf(withLimit, 'C3') as unknown as Record<string, unknown>).maxEvidence = 20;
    expect(
      codes(
        withLimit,
        variant(withLimit, (d) => ((stepOf(d, 'C3') as unknown as Record<string, unknown>).maxEvidence = 50)),
      ),
    ).toEqual(['VARIANT_RELAXES steps[2].maxEvidence']);
    expect(codes(withLimit, variant(withLimit))).toEqual([]);
  });
});

describe('which sub-procedures a procedure may run', () => {
  it('a national procedure national ones only; a unit’s procedure national ones and its own', () => {
    const tip = structuredClone(TIP);
    stepOf(tip, 'C4I').subProcedure!.procedureId = 'nb.ins-inspection';
    expect(checkProcedureScope(tip, true, scopeOf).map((i) => i.path)).toEqual(['steps[4].subProcedure.procedureId']);
    expect(checkProcedureScope(tip, false, scopeOf)).toEqual([]);
    stepOf(tip, 'C4I').subProcedure!.procedureId = 'hn.ins-inspection';
    expect(checkProcedureScope(tip, false, scopeOf)).toHaveLength(1);
  });
});

describe('procedure ids of units', () => {
  it('a unit’s own procedure ids start with the unit and a dot', () => {
    expect(procedureIdUnit('nb.ins-penalty')).toBe('nb');
    expect(procedureIdUnit('ins-penalty')).toBeUndefined();
    expect(variantProcedureId('nb', 'ins-penalty-no-record')).toBe('nb.ins-penalty-no-record');
    expect(variantProcedureId('nb0123456789abcdef', 'ins-penalty-no-record-and-more-words')).toHaveLength(40);
  });
});
