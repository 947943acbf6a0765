/**
 * A legal parameter's value as a national administrator enters it (docs/adr/0218): checked against
 * the unit the code reads each shipped parameter in. Kept apart from ./legal-params.ts, which the
 * case workflow bundles: the schemas stay out of the workflow's sandbox.
 */
import { LEGAL_PARAMS_SEED, type TLegalParam } from './legal-params.js';
import { legalParamEdit, valueProblem } from './legal-schema.js';

const SHIPPED_UNITS = new Map(LEGAL_PARAMS_SEED.map((p) => [p.key, p.unit]));
export const ZLegalParamEdit = legalParamEdit(SHIPPED_UNITS);

/** A stored value no rule applies (docs/adr/0227): what is stored, and why the code cannot read it. */
export interface TRejectedParam {
  key: string;
  effectiveFrom: string;
  value: number;
  unit: string;
  /** The field and what it must be, as an edit of it would be refused, in both languages. */
  problem: { field: string; vi: string; en: string };
  /** Whether the shipped value of the same key and day applies instead (else the row is left out). */
  shippedApplies: boolean;
}

/**
 * The parameters the law's rules apply, from those stored (docs/adr/0227): a row an edit would be
 * refused with today (ADR 0218's checks; stored before them, or by hand) is not applied. Where the
 * same key and day were shipped, the shipped value applies instead; otherwise the row is left out,
 * so that the value before it stays in force. Each such row is listed, with why, for the national
 * administrator to mend; nothing stored is changed.
 */
export function applicableParams(stored: readonly TLegalParam[]): { params: TLegalParam[]; rejected: TRejectedParam[] } {
  const params: TLegalParam[] = [];
  const rejected: TRejectedParam[] = [];
  for (const p of stored) {
    const r = ZLegalParamEdit.safeParse(p);
    if (r.success) {
      params.push(p);
      continue;
    }
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || 'value';
    // The unit or the value, worded in both languages; any other (a period out of order, a malformed row) as the schema says it.
    const words = valueProblem(p, SHIPPED_UNITS) ?? { field, en: issue.message, vi: issue.message };
    const shipped = LEGAL_PARAMS_SEED.find((s) => s.key === p.key && s.effectiveFrom === p.effectiveFrom);
    if (shipped) params.push(shipped);
    rejected.push({
      key: p.key,
      effectiveFrom: p.effectiveFrom,
      value: p.value,
      unit: p.unit,
      problem: { field: words.field, vi: words.vi, en: words.en },
      shippedApplies: shipped !== undefined,
    });
  }
  return { params, rejected };
}
