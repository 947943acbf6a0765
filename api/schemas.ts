import { z } from '@hono/zod-openapi';
import { ISSUE_RULES, ruleParams } from '../domain/validation-issues.js';

/** A rule a validation issue names (domain/validation-issues.ts `ISSUE_RULES`, where each is described). */
export const ZIssueRule = z
  .enum(ISSUE_RULES)
  .openapi('IssueRule', { description: 'What is wrong, from a fixed vocabulary (docs/adr/0066-validation-issues-as-data.md); clients word the issue from it and its params' });
/** The values a rule's wording is made of. */
export const ZIssueParams = z.record(z.string(), z.union([z.string(), z.number()])).openapi({ description: 'The values the rule is about, e.g. { n: 300 } for maxChars', example: { n: 300 } });

/** One field's problem (domain/validation-issues.ts `TValidationIssue`). */
export const ZValidationIssue = z
  .object({
    path: z.string().openapi({ description: "The field, dotted ('address.province', 'teamIds.1'); '' for the whole request", example: 'address.province' }),
    message: z.string().openapi({ description: 'The English sentence, for logs and API users', example: 'must have at most 300 characters' }),
    rule: ZIssueRule,
    params: ZIssueParams.optional(),
  })
  .openapi('ValidationIssue');

/** The one error envelope (see api/errors.ts). */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'STEP_OUT_OF_ORDER' }),
      message: z.string(),
      legalBasis: z.string().optional().openapi({ description: 'The law the refusal cites' }),
      rule: z.string().optional().openapi({ description: 'The engine’s rule that refused (domain/engine/refusals.ts), e.g. EXTENSION_USED_UP', example: 'STEP_NOT_OPEN' }),
      params: z.record(z.string(), z.unknown()).optional().openapi({ description: 'What the refusal is about (the values its message is made of), e.g. { stepId, open }' }),
      details: z
        .unknown()
        .optional()
        .openapi({ description: 'A VALIDATION_FAILED, and a 409/422 that names a field, lists its issues here: an array of ValidationIssue. Other codes say what they carry (e.g. { reason }).' }),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** An instant as the API sends it: a `Date` through `JSON.stringify`, i.e. ISO 8601 in UTC. */
export const ZDateTime = z.iso.datetime().openapi({ example: '2026-03-02T02:15:00.000Z' });
/** A calendar day, `YYYY-MM-DD` (Vietnam time where it matters). */
export const ZDay = z.iso.date().openapi({ example: '2026-03-02' });
/** A Vietnamese and an English wording. */
export const ZTextOut = z.object({ vi: z.string(), en: z.string() }).openapi('Text');

/**
 * A PATCH body: the fields to change, at least one. An empty body would change nothing but the
 * "updated" stamp (businesses), or fail in SQL as a 500 (users: an UPDATE with no column). `fields`
 * names what may be sent, in the 400.
 */
export function patchBody<T extends z.ZodObject>(schema: T, fields: string) {
  return schema
    .refine((b) => Object.values(b).some((v) => v !== undefined), { message: `give at least one of ${fields} to change`, params: ruleParams('atLeastOne', { fields }) })
    .openapi({ minProperties: 1 });
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: ZErrorBody } } });

/** The error responses of authenticated routes, for OpenAPI declarations. */
export const ERROR_RESPONSES = {
  400: error('Bad input or form'),
  401: error('Not signed in'),
  403: error('Role not allowed'),
  404: error('Not found (or not yours to see)'),
  409: error('Out of order or conflict'),
  422: error('A rule of the law or the procedure forbids it'),
  503: error('A service the request needs (Temporal, the database) cannot be reached; try again'),
};

/**
 * What any route under /api may answer to an API token (`Authorization: Bearer ins_…`): unknown or
 * revoked (401), or without the scope the route needs — some routes take no token at all (403).
 */
export const TOKEN_ERRORS = {
  401: error('Not signed in, or the API token is unknown or revoked'),
  403: error('The API token lacks the scope this route needs, or may not call it'),
};

/** Rate-limited public routes (`api/rate-limit.ts`): 429 with Retry-After. */
export const RATE_LIMITED_RESPONSE = { 429: error('Too many requests; see Retry-After') };

/**
 * What the middleware may answer to any state-changing request made with a session or an
 * `Idempotency-Key`: a wrong key (400), a missing CSRF token (403), the same key still running
 * (409) or reused for another request (422).
 */
export const UNSAFE_REQUEST_ERRORS = {
  400: error('Bad input, or a malformed Idempotency-Key'),
  403: error('The X-CSRF-Token header is missing or wrong'),
  409: error('A request with this Idempotency-Key is still being processed'),
  422: error('This Idempotency-Key was used for a different request'),
};
