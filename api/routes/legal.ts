/**
 * Fines and the legal configuration: the public fine quote, the violation catalogue and the legal
 * parameters (with those still "to confirm" against the official texts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ISO_DATE } from '../../domain/calendar.js';
import { isoDateChecks } from '../../domain/calendar-schema.js';
import { FineInputError, quoteFine, type TBracket } from '../../domain/fines.js';
import { ruleParams } from '../../domain/validation-issues.js';
import type { Db } from '../../db/database.js';
import { getViolation, legalParamsWithRejected, listLegalParams, listViolations } from '../../db/repositories/legal.js';
import { ZViolation } from '../../domain/legal-schema.js';
import { PUBLIC, route } from '../access.js';
import { AppError } from '../errors.js';
import { RATE_LIMITED_RESPONSE, TOKEN_ERRORS, UNSAFE_REQUEST_ERRORS, ZErrorBody } from '../schemas.js';

const ZDate = isoDateChecks(z.string()).openapi({ pattern: ISO_DATE.source });
const ZSubject = z.enum(['individual', 'organization']);
const ZMoney = z.number().int('must be a whole amount of đồng').min(0, 'must not be negative').max(100_000_000_000);
const ZCount = z.number().int('must be a whole number').min(0).max(20);

const ZQuoteBody = z
  .object({
    violationCode: z.string().min(1).max(40).optional().openapi({ example: 'ND98/2020:17.1.c' }),
    bracket: z.object({ min: ZMoney, max: ZMoney, baseSubject: ZSubject }).optional(),
    offender: ZSubject,
    date: ZDate.openapi({ example: '2026-03-02' }),
    mitigating: ZCount.optional(),
    aggravating: ZCount.optional(),
    detectedByEquipment: z.boolean().optional(),
    transferred: z.boolean().optional(),
    needsVerification: z.boolean().optional(),
  })
  .refine((b) => (b.violationCode === undefined) !== (b.bracket === undefined), {
    message: 'give either violationCode or bracket, not both',
    path: ['violationCode'],
    params: ruleParams('exactlyOne', { fields: 'violationCode, bracket' }),
  })
  .refine((b) => !b.bracket || b.bracket.min <= b.bracket.max, { message: 'min must not exceed max', path: ['bracket'], params: ruleParams('order', { first: 'bracket.min', second: 'bracket.max' }) })
  .openapi('FineQuoteRequest');

const ZQuote = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
    proposed: z.number().int(),
    rightToExplain: z.boolean(),
    noRecordEligible: z.boolean(),
    decisionDeadline: z.object({ amount: z.number().int(), unit: z.enum(['working_days', 'months']), legalBasis: z.string() }),
    legalBasis: z.array(z.string()),
    violation: z
      .object({ code: z.string(), descriptionVi: z.string(), warningPossible: z.boolean(), additionalSanctions: z.array(z.string()), remedialMeasures: z.array(z.string()), toConfirm: z.boolean() })
      .optional(),
  })
  .openapi('FineQuote');

const quoteRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/fines/quote',
  tags: ['fines'],
  summary: 'Fine quote: the bracket for this offender, the proposed amount, right to explain, no-record eligibility',
  request: { body: { required: true, content: { 'application/json': { schema: ZQuoteBody } } } },
  responses: {
    ...TOKEN_ERRORS,
    ...UNSAFE_REQUEST_ERRORS,
    200: { description: 'Amounts in VND for this offender', content: { 'application/json': { schema: ZQuote } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
    404: { description: 'Unknown violation code', content: { 'application/json': { schema: ZErrorBody } } },
    422: { description: 'The violation is not in force on that date, or the Idempotency-Key was used for another request', content: { 'application/json': { schema: ZErrorBody } } },
    ...RATE_LIMITED_RESPONSE,
  },
});

/** One effective-dated value of a legal parameter. */
export const ZLegalParameter = z
  .object({
    key: z.string(),
    value: z.number(),
    unit: z.string(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().optional(),
    descriptionVi: z.string(),
    legalBasis: z.string(),
    confidence: z.enum(['V', 'P', 'U']),
    toConfirm: z.boolean(),
  })
  .openapi('LegalParameter');

/** A stored value no rule applies (docs/adr/0227), for the national administrator to mend. */
const ZRejectedParameter = z
  .object({
    key: z.string(),
    effectiveFrom: z.string(),
    value: z.number(),
    unit: z.string(),
    problem: z.object({ field: z.string(), vi: z.string(), en: z.string() }).openapi({ description: 'The field and what it must be, in both languages, as an edit of it is refused (docs/adr/0218)' }),
    shippedApplies: z.boolean().openapi({ description: 'The shipped value of the same key and day applies instead; otherwise the value before it stays in force' }),
  })
  .openapi('RejectedLegalParameter');

/**
 * A row of the violation catalogue (`domain/violation-catalogue.ts`). Rebuilt from its shape: a zod
 * schema made before `@hono/zod-openapi` loads has no `.openapi()` (zod 4 adds methods per instance).
 */
export const ZViolationOut = z.object(ZViolation.shape).openapi('Violation');

const paramsRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/legal-parameters',
  tags: ['legal'],
  summary:
    'Effective-dated legal parameters as the rules apply them; `toConfirm=true` lists those still to be checked against the official text. `rejected`: stored values the code cannot read, not applied',
  request: { query: z.object({ toConfirm: z.enum(['true', 'false']).optional() }) },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'Parameters', content: { 'application/json': { schema: z.object({ parameters: z.array(ZLegalParameter), rejected: z.array(ZRejectedParameter) }) } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const violationsRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/violations',
  tags: ['legal'],
  summary: 'The violation catalogue',
  responses: { ...TOKEN_ERRORS, 200: { description: 'Catalogue rows', content: { 'application/json': { schema: z.object({ violations: z.array(ZViolationOut) }) } } } },
});

export function legalRoutes({ db }: { db: Db }) {
  return new OpenAPIHono()
    .openapi(quoteRoute, async (c) => {
      const body = c.req.valid('json');
      let bracket: TBracket;
      let violation;
      if (body.violationCode) {
        violation = await getViolation(db, body.violationCode);
        if (!violation) throw new AppError('NOT_FOUND', `violationCode: ${body.violationCode} is not in the violation catalogue`);
        if (body.date < violation.effectiveFrom || (violation.effectiveTo && body.date > violation.effectiveTo)) {
          throw new AppError(
            'BUSINESS_RULE',
            `${violation.code} is not in force on ${body.date} (in force ${violation.effectiveFrom}${violation.effectiveTo ? ` to ${violation.effectiveTo}` : ' onwards'}).`,
            violation.decree,
          );
        }
        bracket = { ...violation.bracket, baseSubject: violation.baseSubject };
      } else {
        bracket = body.bracket!;
      }
      try {
        const q = quoteFine({ ...body, bracket }, await listLegalParams(db));
        const legalBasis = violation
          ? [`${violation.decree}, Điều ${violation.article}${violation.clause ? ` khoản ${violation.clause}` : ''}${violation.point ? ` điểm ${violation.point}` : ''}`, ...q.legalBasis]
          : q.legalBasis;
        return c.json(
          {
            ...q,
            legalBasis,
            ...(violation
              ? {
                  violation: {
                    code: violation.code,
                    descriptionVi: violation.descriptionVi,
                    warningPossible: violation.warningPossible,
                    additionalSanctions: violation.additionalSanctions,
                    remedialMeasures: violation.remedialMeasures,
                    toConfirm: violation.toConfirm,
                  },
                }
              : {}),
          },
          200,
        );
      } catch (err) {
        if (err instanceof FineInputError) throw new AppError('VALIDATION_FAILED', err.message, undefined, [err.issue]);
        if (err instanceof RangeError) throw new AppError('VALIDATION_FAILED', err.message);
        throw err;
      }
    })
    .openapi(paramsRoute, async (c) => {
      const { toConfirm } = c.req.valid('query');
      const { params, rejected } = await legalParamsWithRejected(db, toConfirm === undefined ? {} : { toConfirm: toConfirm === 'true' });
      return c.json({ parameters: params, rejected }, 200);
    })
    .openapi(violationsRoute, async (c) => c.json({ violations: await listViolations(db) }, 200));
}
