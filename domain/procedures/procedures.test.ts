import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../procedure-validate.js';
import { LEGAL_PARAMS_SEED } from '../legal-params.js';
import { VN_PROCEDURES } from './index.js';

describe('the Vietnamese procedures', () => {
  it.each(VN_PROCEDURES.map((p) => [p.id, p] as const))('%s passes publish validation', (_id, def) => {
    expect(validateDefinition(def).issues).toEqual([]);
  });

  it('cite a legal basis on every step and every deadline', () => {
    for (const def of VN_PROCEDURES) {
      for (const s of def.steps) {
        if (!s.subProcedure) expect(s.legalBasis, `${def.id}.${s.id}`).toBeTruthy();
        if (s.deadline) expect(s.deadline.legalBasis, `${def.id}.${s.id}`).toBeTruthy();
      }
    }
  });

  it('name only legal parameters that exist', () => {
    const keys = new Set(LEGAL_PARAMS_SEED.map((p) => p.key));
    const text = JSON.stringify(VN_PROCEDURES);
    const named = [...text.matchAll(/"(?:individual|organization|amountParam|maxAmountParam)":"([a-zA-Z]+)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(15);
    for (const key of named) expect(keys.has(key), key).toBe(true);
  });

  it('take day counts the spec leaves unverified from configuration, with the documented value (latest versions)', () => {
    const latest = VN_PROCEDURES.filter((p) => !VN_PROCEDURES.some((q) => q.id === p.id && q.version > p.version));
    for (const def of latest) {
      for (const s of def.steps) {
        for (const d of [s.deadline, ...(s.deadline?.variants ?? []), ...(s.windows ?? [])]) {
          if (!d?.amountParam) continue;
          const p = LEGAL_PARAMS_SEED.find((x) => x.key === d.amountParam && !x.effectiveTo)!;
          // A parameter kept in years counts 12 months each (the execution limitation, Art. 74).
          expect(p.unit === 'years' && d.unit === 'months' ? p.value * 12 : p.value, `${def.id}.${s.id}`).toBe(d.amount);
        }
      }
    }
  });

  it('reference only procedures that ship as sub-procedures', () => {
    const ids = new Set(VN_PROCEDURES.map((p) => p.id));
    for (const def of VN_PROCEDURES) for (const s of def.steps) if (s.subProcedure) expect(ids.has(s.subProcedure.procedureId), `${def.id}.${s.id}`).toBe(true);
  });
});
