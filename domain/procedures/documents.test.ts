import { describe, expect, it } from 'vitest';
import { parseDefinition, validateDefinition } from '../procedure-validate.js';
import { LEGAL_PARAMS_SEED } from '../legal-params.js';
import type { TField } from '../procedure.js';
import { ISSUED_PAPERS, withIssuedPapers } from './documents.js';
import { VN_PROCEDURES } from './index.js';

const latest = (id: string) => VN_PROCEDURES.filter((p) => p.id === id).sort((a, b) => b.version - a.version)[0]!;
const keys = (fields: unknown) => (fields as TField[]).map((f) => f.key);
const paramKeys = LEGAL_PARAMS_SEED.map((p) => p.key);

describe('the procedure versions whose steps issue their papers', () => {
  it('are the latest of each procedure that has papers, valid, and without the number fields in their forms', () => {
    for (const id of Object.keys(ISSUED_PAPERS)) {
      const def = latest(id);
      const v = validateDefinition(def, { paramKeys });
      expect(v.issues, id).toEqual([]);
      for (const [stepId, papers] of Object.entries(ISSUED_PAPERS[id]!)) {
        const step = def.steps.find((s) => s.id === stepId)!;
        // A paper issued from a later version (`since`) is listed without it; one issued up to an earlier version (`until`) not at all.
        const current = papers.filter((p) => (p.since ?? 1) <= def.version && def.version <= (p.until ?? def.version));
        expect(step.documents, `${id} ${stepId}`).toEqual(current.map(({ since: _since, until: _until, ...p }) => p));
        for (const p of papers) if (p.numberField) expect(keys(step.form?.fields ?? [])).not.toContain(p.numberField);
      }
    }
    expect(latest('ins-penalty').version).toBe(19);
    expect(latest('ins-inspection').version).toBe(6);
  });

  it('issue the penalty decision on the outcomes that decide: from version 9 a transfer for signs of a crime issues none', () => {
    const b6 = (version: number) => VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === version)!.steps.find((s) => s.id === 'B6')!;
    expect(b6(8).documents).toEqual([{ type: 'SANCTION_DECISION', numberField: 'decisionNo', dateField: 'decisionDate' }]);
    expect(b6(9).documents).toEqual([{ type: 'SANCTION_DECISION', outcomes: ['DECIDED', 'MEASURES_ONLY'], numberField: 'decisionNo', dateField: 'decisionDate' }]);
    // The number's rule leaves with the number field, as in the earlier versions.
    expect(
      b6(9)
        .outcomes.find((o) => o.id === 'DECIDED')!
        .requires!.map((r) => r.code),
    ).not.toContain('DECISION_NO_MISSING');
  });

  it('date the inspection record by the date its version 5 states, and version 4’s by the day it is entered', () => {
    const a9 = (version: number) => VN_PROCEDURES.find((p) => p.id === 'ins-inspection' && p.version === version)!.steps.find((s) => s.id === 'A9')!;
    expect(a9(5).documents).toEqual([{ type: 'INSPECTION_RECORD', numberField: 'recordNo', dateField: 'recordedOn' }]);
    expect(a9(4).documents).toEqual([{ type: 'INSPECTION_RECORD', numberField: 'recordNo' }]);
    expect(keys(a9(4).form!.fields)).not.toContain('recordedOn');
  });

  it('date the transfer to the criminal body by the date its version 4 states, and version 3’s by the day it is entered', () => {
    const f1 = (version: number) => VN_PROCEDURES.find((p) => p.id === 'ins-criminal-referral' && p.version === version)!.steps.find((s) => s.id === 'F1')!;
    expect(f1(4).documents).toEqual([{ type: 'CRIMINAL_TRANSFER_DECISION', numberField: 'transferNo', dateField: 'transferDate' }]);
    expect(f1(3).documents).toEqual([{ type: 'CRIMINAL_TRANSFER_DECISION', numberField: 'transferNo' }]);
    expect(keys(f1(3).form!.fields)).not.toContain('transferDate');
  });

  it('issue the decision on a returned file from the criminal referral’s version 4; version 3’s officer types its number', () => {
    const f5 = (version: number) => VN_PROCEDURES.find((p) => p.id === 'ins-criminal-referral' && p.version === version)!.steps.find((s) => s.id === 'F5')!;
    expect(f5(4).documents).toEqual([{ type: 'RETURNED_SANCTION_DECISION', outcomes: ['RETURNED_AND_DECIDED', 'MEASURES_ONLY'], numberField: 'decisionNo', dateField: 'decisionDate' }]);
    expect(keys(f5(4).form!.fields)).not.toContain('decisionNo');
    expect(f5(3).documents).toBeUndefined();
    expect(keys(f5(3).form!.fields)).toContain('decisionNo');
  });

  it('leave the earlier versions as they were: the officer still types the number there', () => {
    const v4 = VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === 4)!;
    expect(v4.steps.some((s) => s.documents)).toBe(false);
    expect(keys(v4.steps.find((s) => s.id === 'B6')!.form!.fields)).toContain('decisionNo');
  });

  it('stop asking for the number where a rule did, and keep the rule’s other conditions', () => {
    const b12 = latest('ins-penalty').steps.find((s) => s.id === 'B12')!;
    const missing = b12.outcomes.find((o) => o.id === 'POSTPONED')!.requires!.find((r) => r.code === 'DECISION_MISSING')!;
    expect(missing.field).toBe('decisionDate');
    expect(JSON.stringify(missing.when)).not.toContain('decisionNo');
    expect(JSON.stringify(missing.when)).toContain('decisionDate');
  });

  it('refuse a number typed in the form, and an archive package on a step that never closes the case', () => {
    const def = withIssuedPapers(latest('ins-penalty'));
    const b6 = def.steps.find((s) => s.id === 'B6')!;
    const typed = {
      ...def,
      steps: def.steps.map((s) => (s === b6 ? { ...s, form: { fields: [...(s.form!.fields as TField[]), { key: 'decisionNo', type: 'text', label: { vi: 'Số', en: 'No' } }] } } : s)),
    };
    expect(validateDefinition(parseDefinition(typed), { paramKeys }).issues).toContainEqual(
      expect.objectContaining({ code: 'BAD_DOCUMENT', path: expect.stringMatching(/documents\[0\]\.numberField$/) }),
    );
    const archived = { ...def, steps: def.steps.map((s) => (s === b6 ? { ...s, documents: [{ type: 'CASE_FILE' }] } : s)) };
    expect(validateDefinition(archived, { paramKeys }).issues).toContainEqual(expect.objectContaining({ code: 'BAD_DOCUMENT' }));
  });
});
