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
export const ZLegalParamEdit = ZLegalParam.superRefine(periodInOrder);
