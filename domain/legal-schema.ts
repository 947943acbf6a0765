/**
 * The zod schemas of the national legal data an admin keeps: a row of the violation catalogue
 * (domain/violation-catalogue.ts) and an effective-dated legal parameter (domain/legal-params.ts).
 * Apart from those modules because the workflow bundle imports them for their rules, and builds
 * nothing it does not use: every workflow evaluates its modules again at start (ADR 0178;
 * test/workflow-bundle.test.ts).
 */
import { z } from 'zod';
import { ZIsoDate } from './calendar-schema.js';
import { VIOLATION_CODE } from './violation-catalogue.js';

export const ZViolation = z.object({
  /** `<decree>:<article>.<clause>.<point>`, e.g. `ND98/2020:17.1.c`. */
  code: z.string().regex(VIOLATION_CODE, 'must look like ND98/2020:17.1.c'),
  decree: z.string().min(1),
  article: z.number().int().positive(),
  clause: z.number().int().positive().optional(),
  point: z.string().optional(),
  descriptionVi: z.string().min(1),
  bracket: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }),
  baseSubject: z.enum(['individual', 'organization']),
  warningPossible: z.boolean(),
  additionalSanctions: z.array(z.string()),
  remedialMeasures: z.array(z.string()),
  /** Fields with a 2-year limitation period (trade, counterfeit, price: Law Art. 6). */
  limitationYears: z.union([z.literal(1), z.literal(2)]),
  effectiveFrom: ZIsoDate,
  effectiveTo: ZIsoDate.optional(),
  confidence: z.enum(['V', 'P', 'U']),
  toConfirm: z.boolean(),
  note: z.string().optional(),
});
export type TViolation = z.infer<typeof ZViolation>;

/** A period given by its first and (inclusive) last day: the last is not before the first. */
function periodInOrder(v: { effectiveFrom: string; effectiveTo?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: `must not be before effectiveFrom (${v.effectiveFrom}): the value would never be in force` });
  }
}

/**
 * A row as an admin enters it: besides its shape, a bracket whose minimum is not above its maximum
 * (a fine within it, its midpoint and the right to explain are read from both) and a period in
 * order. Rows already stored are read with `ZViolation`.
 */
export const ZViolationEdit = ZViolation.superRefine((v, ctx) => {
  if (v.bracket.min > v.bracket.max) {
    ctx.addIssue({ code: 'custom', path: ['bracket', 'max'], message: `must not be below the bracket's minimum (${v.bracket.min})` });
  }
  periodInOrder(v, ctx);
});

const ZLegalParam = z.object({
  key: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  value: z.number(),
  /** `VND`, `working_days`, `days`, `months`, `years`, `hours`, `ratio`… */
  unit: z.string().min(1),
  effectiveFrom: ZIsoDate,
  /** Inclusive last day; absent while in force. */
  effectiveTo: ZIsoDate.optional(),
  descriptionVi: z.string().min(1),
  legalBasis: z.string().min(1),
  /** The spec's confidence tag: V verified, P partly verified, U unverified. */
  confidence: z.enum(['V', 'P', 'U']),
  /** Shown to admins as "to confirm" until checked against the official text. */
  toConfirm: z.boolean(),
});
export type TLegalParam = z.infer<typeof ZLegalParam>;

/** A parameter's value as an admin enters it: its period in order (stored values are read as they are). */
/**
 * What a value may be in each unit the code reads (docs/adr/0218): a period or a count a whole
 * number of at least 1, an amount of money whole đồng, a share above 0 and at most 1, the first day
 * of the statistical month 1 to 28 (every month has it). A negative period or a day 31 would move
 * every deadline, or stop the statistics, of every unit.
 */
const VALUE_RULES: Record<string, { min: number; max?: number; integer: boolean; above?: boolean; what: string; whatVi: string }> = {
  VND: { min: 0, integer: true, what: 'a whole number of đồng, 0 or more', whatVi: 'số đồng nguyên, từ 0 trở lên' },
  working_days: { min: 1, integer: true, what: 'a whole number of working days, 1 or more', whatVi: 'số ngày làm việc nguyên, từ 1 trở lên' },
  days: { min: 1, integer: true, what: 'a whole number of days, 1 or more', whatVi: 'số ngày nguyên, từ 1 trở lên' },
  months: { min: 1, integer: true, what: 'a whole number of months, 1 or more', whatVi: 'số tháng nguyên, từ 1 trở lên' },
  years: { min: 1, integer: true, what: 'a whole number of years, 1 or more', whatVi: 'số năm nguyên, từ 1 trở lên' },
  hours: { min: 1, integer: true, what: 'a whole number of hours, 1 or more', whatVi: 'số giờ nguyên, từ 1 trở lên' },
  count: { min: 1, integer: true, what: 'a whole number, 1 or more', whatVi: 'số nguyên, từ 1 trở lên' },
  ratio: { min: 0, max: 1, integer: false, above: true, what: 'a share above 0 and at most 1', whatVi: 'tỉ lệ lớn hơn 0 và không quá 1' },
  day_of_month: { min: 1, max: 28, integer: true, what: 'a day of the month from 1 to 28', whatVi: 'ngày trong tháng, từ 1 đến 28' },
};
const LEGAL_PARAM_UNITS = Object.keys(VALUE_RULES);

/**
 * A value as an admin enters it: its period in order, a unit the code reads and a value that unit
 * allows, and for a parameter the code already reads, its own unit (`units`: the shipped
 * parameters' units by key): the value is read in it (a year is twelve months).
 */
export const legalParamEdit = (units: ReadonlyMap<string, string>) =>
  ZLegalParam.superRefine((p, ctx) => {
    periodInOrder(p, ctx);
    const problem = valueProblem(p, units);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.en });
  });

/** Why the code cannot read a value in its unit (undefined: it can), in both languages: the unit, or the value it allows. */
export function valueProblem(p: { key: string; unit: string; value: number }, units: ReadonlyMap<string, string>): { field: 'unit' | 'value'; en: string; vi: string } | undefined {
  const expected = units.get(p.key);
  if (expected !== undefined && p.unit !== expected)
    return { field: 'unit', en: `${p.key} is read in ${expected}, not ${p.unit}`, vi: `đơn vị phải là ${expected} (${p.key} được đọc theo đơn vị này), không phải ${p.unit}` };
  const r = VALUE_RULES[p.unit];
  if (!r) return { field: 'unit', en: `must be one of ${LEGAL_PARAM_UNITS.join(', ')}`, vi: `đơn vị phải là một trong: ${LEGAL_PARAM_UNITS.join(', ')}` };
  const ok = (!r.integer || Number.isInteger(p.value)) && (r.above ? p.value > r.min : p.value >= r.min) && (r.max === undefined || p.value <= r.max);
  return ok ? undefined : { field: 'value', en: `must be ${r.what}`, vi: `giá trị phải là ${r.whatVi}` };
}
