import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseLimits, utf8Bytes } from './case-limits.js';
import { actor, at, drive } from './fixtures/case-driver.js';
import { testInspection } from './fixtures/test-procedures.js';
import { parseDefinition } from './procedure-validate.js';
import { CASE_LIMIT_CEILINGS, DEFAULT_CASE_LIMITS, type TProcedureInput } from './procedure.js';

const ref = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), name: `anh-${n}.jpg`, size: 1000 + n, mime: 'image/jpeg' });
const LEAD = actor('TEAM_LEAD');
const INSPECTOR = actor('INSPECTOR');

/** The test inspection with small bounds: 2 pieces of evidence in A2, 3 in the case, 2 notes, 1 escalation, 2 KiB of form in A2. */
function bounded(): TProcedureInput {
  const def = testInspection(1);
  return {
    ...def,
    limits: { evidencePerCase: 3, notesPerCase: 2, noteBytesPerCase: 64, escalationsPerCase: 1 },
    steps: def.steps.map((s) => (s.id === 'A2' ? { ...s, limits: { evidence: 2, formBytes: 2048 } } : s)),
  };
}

function decided(ruleset?: number) {
  const d = drive(bounded(), { now: at('2026-03-02'), ...(ruleset ? { ruleset } : {}) });
  expect(d.complete(LEAD, 'A1', 'DECIDED', { decisionNo: '01/QĐ', decisionDate: '2026-03-02' })).toBeUndefined();
  return d;
}

describe('utf8Bytes', () => {
  it('counts what UTF-8 takes, Vietnamese and emoji included', () => {
    expect([utf8Bytes(''), utf8Bytes('a'), utf8Bytes('đ'), utf8Bytes('ệ'), utf8Bytes('😀'), utf8Bytes('\ud800')]).toEqual([0, 1, 2, 3, 4, 3]);
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Bytes(s) === Buffer.byteLength(s, 'utf8')));
  });
});

describe('a procedure’s limits', () => {
  it('are its own where set, the defaults elsewhere, and never above the ceilings', () => {
    expect(caseLimits({})).toEqual(DEFAULT_CASE_LIMITS);
    expect(caseLimits({ limits: { notesPerCase: 5 } })).toEqual({ ...DEFAULT_CASE_LIMITS, notesPerCase: 5 });
    expect(() => parseDefinition({ ...testInspection(1), limits: { evidencePerStep: CASE_LIMIT_CEILINGS.evidencePerStep + 1 } })).toThrow(/evidencePerStep/);
    expect(() => parseDefinition({ ...testInspection(1), limits: { photos: 3 } } as never)).toThrow(/photos|Unrecognized/);
    const def = testInspection(1);
    expect(() => parseDefinition({ ...def, steps: def.steps.map((s) => ({ ...s, limits: { formBytes: CASE_LIMIT_CEILINGS.formBytesPerStep * 2 } })) })).toThrow(/formBytes/);
  });
});

describe('a bounded case', () => {
  it('refuses a step with more evidence than the step takes, counting its file fields and its list, and accepts the most it takes', () => {
    const d = decided();
    const over = d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'x', photos: [ref(1)] }, evidence: [ref(2), ref(3)] });
    expect(over).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { rule: 'LIMIT_EXCEEDED', limit: 'step.evidence', max: 2, actual: 3 } });
    expect(d.state.completed.map((c) => c.stepId)).toEqual(['A1']);
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'x', photos: [ref(1)] }, evidence: [ref(2)] })).toBeUndefined();
  });

  it('refuses a step that would bring the case past its evidence, counting what earlier steps hold', () => {
    const d = decided();
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'VIOLATION', data: { findings: 'x', photos: [ref(1)] }, evidence: [ref(2)] })).toBeUndefined();
    const b1 = { violationDate: '2026-03-02', items: [{ name: 'Rượu', quantity: 1 }] };
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'B1', outcome: 'RECORDED', data: b1, evidence: [ref(3), ref(4)] })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'evidencePerCase', max: 3, actual: 4 },
    });
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'B1', outcome: 'RECORDED', data: b1, evidence: [ref(3)] })).toBeUndefined();
  });

  it('refuses a form larger than the step takes, counted in UTF-8 bytes', () => {
    const d = decided();
    const findings = 'ệ'.repeat(700); // 2,100 bytes, 700 characters
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings }, evidence: [ref(1)] })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'step.formBytes', max: 2048 },
    });
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'ệ'.repeat(600) }, evidence: [ref(1)] })).toBeUndefined();
  });

  it('refuses the note, and the escalation, one past the case’s bounds', () => {
    const d = decided();
    expect(d.act(LEAD, { type: 'ADD_NOTE', text: 'một' })).toBeUndefined();
    expect(d.act(LEAD, { type: 'ADD_NOTE', text: 'x'.repeat(70) })).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'noteBytesPerCase', max: 64 } });
    expect(d.act(LEAD, { type: 'ADD_NOTE', text: 'hai' })).toBeUndefined();
    expect(d.act(LEAD, { type: 'ADD_NOTE', text: 'ba' })).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'notesPerCase', max: 2, actual: 3 } });
    expect(d.state.notes).toHaveLength(2);
    expect(d.act(LEAD, { type: 'ESCALATE', stepId: 'A2', reason: 'Chậm' })).toBeUndefined();
    expect(d.act(LEAD, { type: 'ESCALATE', stepId: 'A2', reason: 'Vẫn chậm' })).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'escalationsPerCase' } });
  });

  it('does not bound cases started before the limits (ruleset 2): their histories replay as they ran', () => {
    const d = decided(2);
    for (const text of ['một', 'hai', 'ba']) expect(d.act(LEAD, { type: 'ADD_NOTE', text })).toBeUndefined();
    expect(d.act(INSPECTOR, { type: 'COMPLETE_STEP', stepId: 'A2', outcome: 'NO_VIOLATION', data: { findings: 'x', photos: [ref(1)] }, evidence: [ref(2), ref(3), ref(4)] })).toBeUndefined();
  });
});
