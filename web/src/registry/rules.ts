/**
 * The registry's rules, the very ones the server applies (`domain/business.ts` is pure: no I/O, no
 * server code), so a tax code is checked as it is typed exactly as the server will check it; and
 * their issues (also in the server's refusals and the CSV report) worded in the reader's language
 * from the rule and its params.
 */
import { BUSINESS_FIELD_PATHS, BUSINESS_STATUSES, BUSINESS_TYPES, checkBusinessFields, HOTSPOT_KINDS, MARKET_KINDS, parseTaxCode, PROVINCES, type TBusinessFields } from '../../../domain/business.js';
import type { TIssueRule } from '../lib/contract/types.js';

export { BUSINESS_FIELD_PATHS, BUSINESS_STATUSES, BUSINESS_TYPES, checkBusinessFields, HOTSPOT_KINDS, MARKET_KINDS, parseTaxCode, PROVINCES };
export type { TBusinessFields };

/** An issue's rule as a translation key of the `registry` namespace (`rules.*`) and its values. */
export interface TRuleText {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * The registry's wording of each rule its forms and the CSV report meet (domain/business.ts, the
 * references checked by the server, the import): the key under `rules.`, given the rule's params as
 * they are.
 */
const KEYS: Partial<Record<TIssueRule, string>> = {
  required: 'required',
  taxCodeFormat: 'taxCodeFormat',
  taxCodeSerial: 'taxCodeSerial',
  taxCodeBranchZero: 'taxCodeBranchZero',
  taxCodeCheckDigit: 'taxCodeCheckDigit',
  branchNeeds13: 'branchNeeds13',
  needs10: 'needs10',
  provinceMerged: 'provinceMerged',
  provinceUnknown: 'provinceUnknown',
  communeDistrict: 'communeDistrict',
  communeKind: 'communeKind',
  phone: 'phone',
  maxChars: 'maxChars',
  maxItems: 'maxGroups',
  maxItemChars: 'groupChars',
  businessType: 'type',
  businessStatus: 'status',
  taxCodeTaken: 'taxCodeTaken',
  unknownMarket: 'noMarket',
  unknownHotspot: 'noHotspot',
  unknownTeam: 'noTeam',
  duplicateTaxCode: 'duplicateLine',
  cellCount: 'cells',
  csvSyntax: 'csv',
};

/** The translation of an issue (the shared rules' or the server's), or undefined for a rule the registry has no words for. */
export function ruleText(issue: { rule: TIssueRule; params?: Record<string, string | number> | undefined }): TRuleText | undefined {
  const key = KEYS[issue.rule];
  return key ? { key: `rules.${key}`, ...(issue.params ? { params: issue.params } : {}) } : undefined;
}
