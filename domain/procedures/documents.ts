/**
 * The papers the procedures issue (issue 17, docs/documents.md): from these versions on, INS
 * numbers, renders and freezes the decision or record a step makes, instead of recording the number
 * an officer typed. The number field leaves the form (the unit's register gives it) and the rules
 * that asked for it to be present stop asking. Earlier versions are unchanged.
 */
import type { TCondition, TField, TProcedureInput, TStepDocument } from '../procedure.js';

/**
 * A step's paper, issued from version `since` of its procedure when set (earlier versions keep the
 * typed number), up to version `until` when set (a later version issues it differently).
 */
type TIssuedPaper = TStepDocument & { since?: number; until?: number };
type TIssued = Record<string, TIssuedPaper[]>;

/** What each step issues, per procedure. */
export const ISSUED_PAPERS: Record<string, TIssued> = {
  'ins-inspection': {
    A5: [{ type: 'INSPECTION_DECISION', outcomes: ['ISSUED'], numberField: 'decisionNo', dateField: 'decisionDate' }],
    // Dated by `recordedOn` from version 5 (docs/adr/0192); before, the day it was entered.
    A9: [{ type: 'INSPECTION_RECORD', numberField: 'recordNo', dateField: 'recordedOn' }],
  },
  'ins-penalty': {
    B1: [{ type: 'VIOLATION_RECORD', numberField: 'recordNo', dateField: 'recordedAt' }],
    B6: [
      { type: 'SANCTION_DECISION', numberField: 'decisionNo', dateField: 'decisionDate', until: 8 },
      // From version 9 the step may transfer the file for signs of a crime instead of deciding (docs/adr/0211): no decision is issued then.
      { type: 'SANCTION_DECISION', outcomes: ['DECIDED', 'MEASURES_ONLY'], numberField: 'decisionNo', dateField: 'decisionDate', since: 9 },
    ],
    B12: [{ type: 'POSTPONEMENT_DECISION', outcomes: ['POSTPONED'], numberField: 'decisionNo', dateField: 'decisionDate' }],
    B13: [{ type: 'INSTALMENT_DECISION', outcomes: ['INSTALMENTS_GRANTED'], numberField: 'decisionNo', dateField: 'decisionDate' }],
    B17: [{ type: 'CASE_FILE', numberField: 'archiveNo' }],
  },
  'ins-penalty-no-record': {
    N1: [{ type: 'SANCTION_DECISION_NO_RECORD', numberField: 'decisionNo', dateField: 'decisionDate' }],
  },
  'ins-seizure': {
    D2: [
      { type: 'SEIZURE_DECISION', numberField: 'decisionNo', dateField: 'decisionDate' },
      { type: 'SEIZURE_RECORD', dateField: 'seizedOn' },
    ],
  },
  'ins-enforcement': {
    E2: [{ type: 'COERCION_DECISION', outcomes: ['ISSUED'], numberField: 'decisionNo', dateField: 'decisionDate' }],
  },
  'ins-criminal-referral': {
    // Dated by `transferDate` from version 4 (docs/adr/0206); before, the day it was entered.
    F1: [{ type: 'CRIMINAL_TRANSFER_DECISION', numberField: 'transferNo', dateField: 'transferDate' }],
    // The decision on the returned file, from version 4 (docs/adr/0206): numbered, signed, its signer and delegation checked as B6's.
    F5: [{ type: 'RETURNED_SANCTION_DECISION', outcomes: ['RETURNED_AND_DECIDED', 'MEASURES_ONLY'], numberField: 'decisionNo', dateField: 'decisionDate', since: 4 }],
    // The postponement and the instalments of the fine decided on it, from version 8 (docs/adr/0223), as B12's and B13's.
    F10: [{ type: 'POSTPONEMENT_DECISION', outcomes: ['POSTPONED'], numberField: 'decisionNo', dateField: 'decisionDate', since: 8 }],
    F11: [{ type: 'INSTALMENT_DECISION', outcomes: ['INSTALMENTS_GRANTED'], numberField: 'decisionNo', dateField: 'decisionDate', since: 8 }],
  },
};

/**
 * The extensions decided in writing (a paper), by step, from the procedure version that issues it:
 * the seizure's (Art. 125(8)); the inspection's (Decree 33/2022, from its version 6) and the
 * penalty decision's (Art. 66(1)(c): "việc gia hạn phải bằng văn bản", from its version 7) — their
 * earlier versions, which running cases keep, recorded the extension without a paper (docs/adr/0205).
 */
const EXTENSION_PAPERS: Record<string, Record<string, number>> = { 'ins-seizure': { D4: 1 }, 'ins-inspection': { A8: 6 }, 'ins-penalty': { B6: 7 } };

function withoutKey<T extends object>(o: T, key: keyof T): T {
  const { [key]: _drop, ...rest } = o;
  return rest as T;
}

/** The condition without the `present(key)` terms of this step (an ALL keeps its other terms). */
function withoutPresent(c: TCondition, key: string): TCondition | undefined {
  const x = c as { kind: string; field?: string; stepId?: string; of?: TCondition | TCondition[] };
  if (x.kind === 'FIELD_PRESENT' && x.field === key && !x.stepId) return undefined;
  if ((x.kind === 'ALL' || x.kind === 'ANY') && Array.isArray(x.of)) {
    const of = x.of.map((y) => withoutPresent(y, key)).filter((y): y is TCondition => y !== undefined);
    if (of.length === 0) return undefined;
    return { ...c, of } as TCondition;
  }
  return c;
}

type TReq = { when: TCondition; field?: string | undefined };

function strip<T extends TReq>(reqs: T[] | undefined, key: string, dateField: string | undefined): T[] | undefined {
  if (!reqs) return reqs;
  return reqs.flatMap((r) => {
    const when = withoutPresent(r.when, key);
    if (!when) return [];
    const field = r.field === key ? dateField : r.field;
    const { field: _f, ...rest } = r;
    return [{ ...rest, when, ...(field ? { field } : {}) } as T];
  });
}

/** The definition with its steps' papers issued by INS (their number fields taken out of the forms). */
export function withIssuedPapers(def: TProcedureInput): TProcedureInput {
  const issued = ISSUED_PAPERS[def.id] ?? {};
  const extensions = Object.entries(EXTENSION_PAPERS[def.id] ?? {})
    .filter(([, from]) => def.version >= from)
    .map(([stepId]) => stepId);
  return {
    ...def,
    steps: def.steps.map((s) => {
      let step = s.extension && extensions.includes(s.id) ? { ...s, extension: { ...s.extension, document: 'EXTENSION_DECISION' as const } } : s;
      // A paper's date field where the version's form has it (a later version may add one).
      const fieldKeys = new Set((s.form?.fields ?? []).map((f) => (f as TField).key));
      const papers = issued[s.id]
        ?.filter((p) => (p.since ?? 1) <= def.version && def.version <= (p.until ?? def.version))
        .map(({ since: _since, until: _until, ...p }) => (p.dateField && !fieldKeys.has(p.dateField) ? withoutKey(p, 'dateField') : p));
      if (!papers?.length) return step;
      step = { ...step, documents: papers };
      for (const p of papers) {
        if (!p.numberField) continue;
        const key = p.numberField;
        step = {
          ...step,
          form: step.form ? { ...step.form, fields: (step.form.fields as TField[]).filter((f) => f.key !== key) } : step.form,
          constraints: strip(step.constraints as TReq[] | undefined, key, p.dateField) as typeof step.constraints,
          outcomes: step.outcomes.map((o) => ({ ...o, requires: strip(o.requires as TReq[] | undefined, key, p.dateField) as typeof o.requires })),
        };
      }
      return step;
    }),
  };
}
