/**
 * Validation issues as data: what is wrong with one field of a request, as a `rule` from a small
 * vocabulary and the `params` its wording needs, beside the English `message` kept for logs and API
 * users. The server answers them in the `details` of a 400 VALIDATION_FAILED (and of the 409/422
 * refusals that name a field); the web app words them in the reader's language from the rule and
 * its params, never from the message. See docs/adr/0066-validation-issues-as-data.md.
 *
 * Pure: zod's issues are mapped here, and the domain's own checks (domain/business.ts,
 * domain/campaign.ts) name their rules with the same vocabulary.
 */
import type { z } from 'zod';

/**
 * The rules an issue may name. The first group comes from the shape of a request (zod's issues);
 * the others from the domain's and the API's own checks. A rule's params are listed beside it.
 * Never rename one: clients key their wording on it.
 */
export const ISSUE_RULES = [
  // The shape of a value (mostly zod's issues).
  /** A value is missing, or a text that must not be empty is empty. */
  'required',
  /** A value of the wrong type. `{ expected }` (number, string, object, array, boolean…). */
  'type',
  /** A number that must be whole. */
  'integer',
  /** A number below its least value. `{ n }` */
  'min',
  /** A number above its greatest value. `{ n }` */
  'max',
  /** A number that must be greater than `n`. `{ n }` */
  'greaterThan',
  /** A number that must be less than `n`. `{ n }` */
  'lessThan',
  /** A number that must be a multiple of `n`. `{ n }` */
  'multipleOf',
  /** A text shorter than `n` characters. `{ n }` */
  'minChars',
  /** A text longer than `n` characters. `{ n }` */
  'maxChars',
  /** A list (or a set of fields) of which at least one is needed. `{ fields }` when it is fields. */
  'atLeastOne',
  /** A list with fewer than `n` items. `{ n }` */
  'minItems',
  /** A list with more than `n` items. `{ n }` */
  'maxItems',
  /** Each item of a list has at most `n` characters. `{ n }` */
  'maxItemChars',
  /** Not one of the allowed values. `{ values }` (comma-separated). */
  'oneOf',
  /** Not in the required form. `{ format }` (date, datetime, email, uuid, regex, cursor, url-encoded…). */
  'format',
  /** Properties the object does not have. `{ keys }` (comma-separated). */
  'unknownKey',
  /** Anything else; the message says what. */
  'invalid',
  // Between values.
  /** `first` must not come after `second` (dates, or a minimum and a maximum). `{ first, second }` */
  'order',
  /** Exactly one of the fields is given. `{ fields }` */
  'exactlyOne',
  /** Must differ from another field. `{ other }` */
  'mustDiffer',
  /** A list holds a value twice. `{ value }` when one is named. */
  'repeated',
  /** The name or id is already in use. `{ value }` */
  'taken',
  /** A range longer than allowed. `{ days }` */
  'maxSpan',
  /** A date outside the years INS counts in. `{ min, max }` (dates, YYYY-MM-DD) */
  'dateRange',
  /** Only past periods may be asked for. */
  'pastOnly',
  /** A date from which a change takes effect must be today or later. `{ today }` */
  'notBeforeToday',
  /** A date from which a change takes effect must be after the latest paper it would apply to. `{ date }` */
  'afterIssuedPaper',
  // References to what the unit has.
  /** Not a team of the caller's unit. `{ team }` */
  'unknownTeam',
  /** Not a market of the caller's unit. `{ name }` */
  'unknownMarket',
  /** Not hotspots of the caller's unit. `{ names }` */
  'unknownHotspot',
  /** Not users of the caller's unit. `{ names }` */
  'unknownUser',
  /** Not a business of the caller's unit. `{ businessId }` */
  'unknownBusiness',
  /** Not a case of the caller's unit. `{ caseId }` */
  'unknownCase',
  // Delegations of sanctioning power (api/routes/delegations.ts, docs/adr/0197).
  /** Not the head (an active holder of the role, not a deputy). `{ role }` */
  'notHead',
  /** Not a deputy holding the role. `{ role }` */
  'notDeputy',
  /** A team lead's deputy of another team. */
  'otherTeam',
  /** A date after today. `{ today }` */
  'notAfterToday',
  /** Coercion is delegated only while the head is absent, for a stated term (Art. 87(2)): the absence and the last day are required. */
  'coercionWhileAbsent',
  /** Clearing the deputy mark of a holder of DIRECTOR gives the head's power: four eyes. `{ roles }` (DIRECTOR) */
  'deputyHeadApproval',
  // How the request was sent.
  /** The body's media type. `{ expected }` */
  'mediaType',
  /** The body's text encoding. `{ expected }` */
  'encoding',
  /** Text PostgreSQL cannot store (U+0000, an unpaired surrogate). */
  'unstorableText',
  /** JSON nested deeper than `n` levels. `{ n }` */
  'maxDepth',
  // The business registry (domain/business.ts).
  /** A tax code neither 10 digits nor 13 (10, a dash and 3). */
  'taxCodeFormat',
  /** A tax code whose serial (digits 3–9) is all zeros. */
  'taxCodeSerial',
  /** A branch number 000. */
  'taxCodeBranchZero',
  /** A tax code whose check digit does not match. */
  'taxCodeCheckDigit',
  /** A BRANCH with a 10-digit tax code. */
  'branchNeeds13',
  /** An ENTERPRISE or COOPERATIVE with a 13-digit tax code. `{ type }` */
  'needs10',
  /** A tax code already registered in the unit. `{ existingId }` */
  'taxCodeTaken',
  /** A province merged away on 1 July 2025. `{ old, now }` */
  'provinceMerged',
  /** Not one of the 34 provinces and cities. `{ name }` */
  'provinceUnknown',
  /** A district, town or township, abolished on 1 July 2025. */
  'communeDistrict',
  /** A commune written without its kind (Xã, Phường, Đặc khu). */
  'communeKind',
  /** Not a Vietnamese phone number. */
  'phone',
  /** Not a business type. `{ values }` */
  'businessType',
  /** Not a business status. `{ values }` */
  'businessStatus',
  // The registry's CSV import (api/services/business-import.ts).
  /** A tax code already on an earlier line of the file. `{ taxCode, line }` */
  'duplicateTaxCode',
  /** A row with another number of cells than the header. `{ cells, header }` */
  'cellCount',
  /** A row that is not valid CSV. `{ detail }` (csv-parse's words) */
  'csvSyntax',
  /** Header columns the import does not know. `{ columns }` */
  'unknownColumn',
  /** Required header columns missing. `{ columns }` */
  'missingColumn',
  // Campaigns (domain/campaign.ts, api/services/campaigns.ts).
  /** A campaign id that is not a slug (2–60 lower-case letters, digits or -, starting with a letter). */
  'slug',
  /** A routine plan outside 01/01–15/11 of one year (TT 27/2020/TT-BCT Art. 5(1)(a)). */
  'routineWindow',
  /** More per run than quota.perTeam × number of teams. `{ n }` (that product) */
  'perRunMax',
  /** Not a published procedure version the unit may use. `{ procedure }` (`id@version`) */
  'procedureNotPublished',
  /** A procedure of another kind than the campaign opens. `{ procedure, kind }` */
  'procedureKind',
  /** A unit's variant of a national version no longer published. `{ procedure, base }` */
  'procedureBaseNotPublished',
] as const;

/** A rule an issue names (see `ISSUE_RULES`). */
export type TIssueRule = (typeof ISSUE_RULES)[number];

/** The values a rule's wording is made of. */
export type TIssueParams = Record<string, string | number>;

/** What is wrong with one field: where, the rule and its values, and the English sentence. */
export interface TValidationIssue {
  /** The field, dotted (`address.province`, `teamIds.1`); '' for the whole request. */
  path: string;
  /** The English sentence, for logs and API users (the same words as before rules existed). */
  message: string;
  rule: TIssueRule;
  params?: TIssueParams;
}

/**
 * Text PostgreSQL cannot store: U+0000 anywhere, or a UTF-16 surrogate without its pair (not
 * Unicode text; jsonb and text columns refuse both). api/text-guard.ts refuses it in every request
 * declared with `route()`; schemas that other doors share (the server-rendered public forms) refuse
 * it with {@link STORABLE_TEXT}.
 */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
export const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL can store the text (no U+0000, no unpaired surrogate). */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE_TEXT.test(s);
}

/** The refinement of a text field: `.refine(isStorableText, STORABLE_TEXT)` (rule `unstorableText`). */
export const STORABLE_TEXT = { message: 'must not contain the NUL character (\\u0000) or an unpaired surrogate', params: { rule: 'unstorableText' as const } };

/** A rule and its params, as a domain check returns them beside its message. */
export interface TRuleRef {
  rule: TIssueRule;
  params?: TIssueParams;
}

const KNOWN = new Set<string>(ISSUE_RULES);

function isIssueRule(s: unknown): s is TIssueRule {
  return typeof s === 'string' && KNOWN.has(s);
}

/** One issue; `params` left out when there are none. */
export function issueOf(path: string, message: string, rule: TIssueRule, params?: TIssueParams): TValidationIssue {
  return { path, message, rule, ...(params && Object.keys(params).length ? { params } : {}) };
}

/**
 * The `params` of a zod refinement that names its rule, for `.refine(fn, { message, params: ruleParams('slug') })`
 * or `ctx.addIssue({ code: 'custom', message, path, params: ruleParams('order', { first, second }) })`.
 */
export function ruleParams(rule: TIssueRule, params?: TIssueParams): { rule: TIssueRule } & TIssueParams {
  return { ...params, rule };
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
};

const list = (values: readonly unknown[]): string => values.map((v) => String(v)).join(', ');

/** A zod issue's rule and params (`input` is what was parsed, to tell a missing value from a wrong one). */
function ruleOfZodIssue(i: z.core.$ZodIssue, input: unknown, hasInput: boolean): TRuleRef & { missing?: true } {
  switch (i.code) {
    case 'invalid_type': {
      const value = hasInput ? valueAt(input, i.path) : null;
      if (hasInput && value === undefined) return { rule: 'required', missing: true };
      if (i.expected === 'int' && typeof value === 'number' && Number.isFinite(value)) return { rule: 'integer' };
      return { rule: 'type', params: { expected: i.expected === 'int' ? 'number' : i.expected } };
    }
    case 'too_small': {
      const n = Number(i.minimum);
      if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint') return i.inclusive === false ? { rule: 'greaterThan', params: { n } } : { rule: 'min', params: { n } };
      if (i.origin === 'string') return n <= 1 ? { rule: 'required' } : { rule: 'minChars', params: { n } };
      if (i.origin === 'array' || i.origin === 'set') return n <= 1 ? { rule: 'atLeastOne' } : { rule: 'minItems', params: { n } };
      return { rule: 'invalid' };
    }
    case 'too_big': {
      const n = Number(i.maximum);
      if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint') return i.inclusive === false ? { rule: 'lessThan', params: { n } } : { rule: 'max', params: { n } };
      if (i.origin === 'string') return { rule: 'maxChars', params: { n } };
      if (i.origin === 'array' || i.origin === 'set') return { rule: 'maxItems', params: { n } };
      return { rule: 'invalid' };
    }
    case 'invalid_format':
      return { rule: 'format', params: { format: i.format } };
    case 'invalid_value':
      return { rule: 'oneOf', params: { values: list(i.values) } };
    case 'not_multiple_of':
      return { rule: 'multipleOf', params: { n: Number(i.divisor) } };
    case 'unrecognized_keys':
      return { rule: 'unknownKey', params: { keys: list(i.keys) } };
    case 'invalid_union': {
      // A discriminated union names the values its discriminator may take.
      const options = (i as { options?: unknown }).options;
      return Array.isArray(options) ? { rule: 'oneOf', params: { values: list(options) } } : { rule: 'invalid' };
    }
    case 'custom': {
      const { rule, ...rest } = (i.params ?? {}) as Record<string, unknown>;
      if (!isIssueRule(rule)) return { rule: 'invalid' };
      const params: TIssueParams = {};
      for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      return { rule, params };
    }
    default:
      return { rule: 'invalid' };
  }
}

/**
 * zod's issues as validation issues. Give `input` (what was parsed) so that a missing value is
 * told from a wrong one (`required` vs `type`); `missingMessage` replaces zod's sentence for a
 * missing value ("Invalid input: expected string, received undefined").
 */
export function zodIssues(issues: readonly z.core.$ZodIssue[], opts: { input?: unknown; missingMessage?: string } = {}): TValidationIssue[] {
  const hasInput = 'input' in opts;
  return issues.map((i) => {
    const { rule, params, missing } = ruleOfZodIssue(i, opts.input, hasInput);
    return issueOf(i.path.map(String).join('.'), missing && opts.missingMessage ? opts.missingMessage : i.message, rule, params);
  });
}
