/**
 * The registry's rules, the very ones the server applies (`domain/business.ts` is pure: no I/O, no
 * server code), so a tax code is checked as it is typed exactly as the server will check it; and
 * their English messages (also in the server's refusals and the CSV report) turned into the
 * reader's language.
 */
import { BUSINESS_FIELD_PATHS, BUSINESS_STATUSES, BUSINESS_TYPES, checkBusinessFields, HOTSPOT_KINDS, MARKET_KINDS, parseTaxCode, PROVINCES, type TBusinessFields, type TBusinessRaw } from '../../../domain/business.js';

export { BUSINESS_FIELD_PATHS, BUSINESS_STATUSES, BUSINESS_TYPES, checkBusinessFields, HOTSPOT_KINDS, MARKET_KINDS, parseTaxCode, PROVINCES };
export type { TBusinessFields, TBusinessRaw };

/** A rule's message as a translation key of the `registry` namespace (`rules.*`) and its values. */
export interface TRuleText {
  key: string;
  params?: Record<string, string>;
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => TRuleText][] = [
  [/^is required$/, () => ({ key: 'rules.required' })],
  [/^must be 10 digits, or 13/, () => ({ key: 'rules.taxCodeFormat' })],
  [/^digits 3 to 9/, () => ({ key: 'rules.taxCodeSerial' })],
  [/^the branch number/, () => ({ key: 'rules.taxCodeBranchZero' })],
  [/^the check digit/, () => ({ key: 'rules.taxCodeCheckDigit' })],
  [/^a BRANCH has a 13-digit/, () => ({ key: 'rules.branchNeeds13' })],
  [/^an (ENTERPRISE|COOPERATIVE) has a 10-digit/, (m) => ({ key: 'rules.needs10', params: { type: m[1]! } })],
  [/^(.+) was merged into (.+) on 1 July 2025/, (m) => ({ key: 'rules.provinceMerged', params: { old: m[1]!, now: m[2]! } })],
  [/^(.+) is not one of the 34 provinces/, (m) => ({ key: 'rules.provinceUnknown', params: { name: m[1]! } })],
  [/^districts, towns and townships/, () => ({ key: 'rules.communeDistrict' })],
  [/^must start with its kind/, () => ({ key: 'rules.communeKind' })],
  [/^must be a Vietnamese phone number/, () => ({ key: 'rules.phone' })],
  [/^must have at most (\d+) characters/, (m) => ({ key: 'rules.maxChars', params: { n: m[1]! } })],
  [/^must list at most (\d+) groups/, (m) => ({ key: 'rules.maxGroups', params: { n: m[1]! } })],
  [/^each group must have at most (\d+) characters/, (m) => ({ key: 'rules.groupChars', params: { n: m[1]! } })],
  [/^must be one of ENTERPRISE/, () => ({ key: 'rules.type' })],
  [/^must be one of ACTIVE/, () => ({ key: 'rules.status' })],
  [/^a business with this tax code is already registered in your unit/, () => ({ key: 'rules.taxCodeTaken' })],
  [/^no market "(.*)" in your unit/, (m) => ({ key: 'rules.noMarket', params: { name: m[1]! } })],
  [/^no hotspot (.*) in your unit/, (m) => ({ key: 'rules.noHotspot', params: { names: m[1]! } })],
  [/^(.+) is not a team of your unit/, (m) => ({ key: 'rules.noTeam', params: { team: m[1]! } })],
  [/^the tax code (\S+) is already on line (\d+)/, (m) => ({ key: 'rules.duplicateLine', params: { taxCode: m[1]!, line: m[2]! } })],
  [/^has (\d+) cells; the header has (\d+)/, (m) => ({ key: 'rules.cells', params: { cells: m[1]!, header: m[2]! } })],
  [/^not valid CSV: (.*)$/, (m) => ({ key: 'rules.csv', params: { detail: m[1]! } })],
];

/** The translation of a rule's message, or undefined when it is not one of the known rules. */
export function ruleText(message: string): TRuleText | undefined {
  for (const [re, f] of PATTERNS) {
    const m = re.exec(message);
    if (m) return f(m);
  }
  return undefined;
}
