/**
 * Deputies and the delegation of sanctioning power (docs/adr/0197). Pure: the API judges with it,
 * the paper prints from it, the web app shows it.
 *
 * Law on Handling Administrative Violations, Art. 54 (2020 text): a head with sanctioning power (a
 * Chi cục trưởng, a Đội trưởng of QLTT) may give it to a deputy (cấp phó); the delegation is
 * standing or for one case, and is made by a decision stating its scope, content and term; the
 * deputy answers for his or her decisions and may not pass the power on. The Ordinance on Market
 * Surveillance, Art. 21(2)–(3), lets the head delegate the inspection decision likewise. A deputy
 * signs "KT. CHI CỤC TRƯỞNG / PHÓ CHI CỤC TRƯỞNG" (Decree 30/2020/NĐ-CP, Art. 13(3)).
 */
import { formatVi } from './calendar.js';
import type { TDocumentType } from './documents/types.js';
import type { TRuleFailure } from './law-rules.js';

/** The roles whose holder may delegate (a head) or act under a delegation (a deputy). */
export const DELEGABLE_ROLES = ['DIRECTOR', 'TEAM_LEAD'] as const;
export type TDelegableRole = (typeof DELEGABLE_ROLES)[number];

export const isDelegableRole = (role: string): role is TDelegableRole => (DELEGABLE_ROLES as readonly string[]).includes(role);

const DELEGATION_BASIS = 'Luật Xử lý vi phạm hành chính, Điều 54 (giao quyền xử phạt); Pháp lệnh Quản lý thị trường, Điều 21(2)–(3)';

/**
 * The papers signed in a head's title, which a deputy signs only under a delegation: every decision
 * INS signs but the on-the-spot one, which the officer who fines signs in his or her own name.
 */
export function signsForTheHead(type: TDocumentType): boolean {
  return type.endsWith('_DECISION');
}

/** A delegation as it is judged on a day. */
export interface TDelegationTerm {
  role: string;
  /** Also the coercion decision (Art. 87(2): only while the head is absent). */
  coercion: boolean;
  scope: 'STANDING' | 'CASE';
  caseId: string | null;
  validFrom: string;
  validTo: string | null;
  revokedFrom: string | null;
}

/**
 * Whether `d` gives its deputy the head's power in `role` for `caseId` on `date` (yyyy-mm-dd);
 * for a coercion decision (`coercion`), only a delegation that says so (Art. 87(2)).
 */
export function delegationCovers(d: TDelegationTerm, role: string, caseId: string, date: string, coercion = false): boolean {
  return d.role === role && (!coercion || d.coercion) && (d.scope === 'STANDING' || d.caseId === caseId) && delegationInForceOn(d, date);
}

/** Whether `d` is in force on `date` (yyyy-mm-dd): within its term, and not ended by a revocation from that day or before. */
export function delegationInForceOn(d: Pick<TDelegationTerm, 'validFrom' | 'validTo' | 'revokedFrom'>, date: string): boolean {
  return d.validFrom <= date && (d.validTo === null || date <= d.validTo) && (d.revokedFrom === null || date < d.revokedFrom);
}

/** The head's title of `role` as the paper prints it ("CHI CỤC TRƯỞNG", "ĐỘI TRƯỞNG"), from the unit's head title. */
export function headTitleOf(role: string, unitHeadTitle: string): string {
  return role === 'TEAM_LEAD' ? 'ĐỘI TRƯỞNG' : unitHeadTitle.toLocaleUpperCase('vi-VN');
}

/** The deputy's title: "PHÓ CHI CỤC TRƯỞNG", "PHÓ ĐỘI TRƯỞNG". */
export function deputyTitleOf(role: string, unitHeadTitle: string): string {
  return `PHÓ ${headTitleOf(role, unitHeadTitle)}`;
}

const ROLE_NAMES: Record<TDelegableRole, { vi: string; en: string }> = {
  DIRECTOR: { vi: 'Chi cục trưởng', en: 'director' },
  TEAM_LEAD: { vi: 'Đội trưởng', en: 'team lead' },
};

/**
 * The failure of a deputy's decision with no delegation in force on its date (rule
 * NO_DELEGATION, at the paper's date field): judged by the workflow with the completion's other
 * database-judged failures (docs/adr/0195).
 */
export function noDelegationFailure(role: TDelegableRole, paper: { vi: string; en: string }, date: string, field: string | undefined, coercion = false): TRuleFailure {
  const head = ROLE_NAMES[role];
  const kind = coercion ? { vi: ' có giao cả quyền cưỡng chế (chỉ khi cấp trưởng vắng mặt)', en: ' that gives the power of coercion too (only while the head is absent)' } : { vi: '', en: '' };
  return {
    rule: 'NO_DELEGATION',
    ...(field ? { field } : {}),
    message: {
      vi: `Cấp phó chỉ ký ${paper.vi.toLocaleLowerCase('vi-VN')} khi được ${head.vi} giao quyền bằng quyết định${kind.vi} còn hiệu lực vào ngày ${formatVi(date)} (thường xuyên, hoặc theo vụ việc này). Chưa có quyết định giao quyền như vậy: ${head.vi} tự ký, hoặc ghi quyết định giao quyền trước.`,
      en: `A deputy signs the ${paper.en.toLowerCase()} only under the ${head.en}'s delegation${kind.en} in force on ${date} (standing, or for this case). There is none: the ${head.en} signs it, or the delegation is recorded first.`,
    },
    legalBasis: coercion ? `${DELEGATION_BASIS}; Luật Xử lý vi phạm hành chính, Điều 87(2) (giao quyền cưỡng chế khi cấp trưởng vắng mặt)` : DELEGATION_BASIS,
  };
}

/**
 * The failure of a deputy's paper whose template in force on its date cannot say the delegation
 * (no "KT." line, no basis naming the delegation decision): the paper would read as the head's.
 */
export function delegationNotPrintableFailure(paper: { vi: string; en: string }, date: string, field: string | undefined, printableFrom?: string): TRuleFailure {
  const when = printableFrom
    ? { vi: `mẫu ghi được áp dụng từ ngày ${formatVi(printableFrom)}`, en: `a template that can applies from ${printableFrom}` }
    : { vi: 'chưa có mẫu nào ghi được', en: 'no template that can is published yet' };
  return {
    rule: 'DELEGATION_NOT_PRINTABLE',
    ...(field ? { field } : {}),
    message: {
      vi: `Mẫu ${paper.vi.toLocaleLowerCase('vi-VN')} áp dụng vào ngày ${formatVi(date)} không ghi được việc ký thay (KT.) và quyết định giao quyền (${when.vi}): cấp trưởng ký văn bản ngày này.`,
      en: `The ${paper.en.toLowerCase()} template in force on ${date} cannot print the signature on the head's behalf ("KT.") and the delegation decision (${when.en}): the head signs a paper of that date.`,
    },
    legalBasis: `${DELEGATION_BASIS}; Nghị định số 30/2020/NĐ-CP, Điều 13(3)`,
  };
}

/** Whether a template's definition prints the delegation (it names `signer.delegation`). */
export function templatePrintsDelegation(definition: unknown): boolean {
  return JSON.stringify(definition ?? null).includes('signer.delegation');
}
