/**
 * When a change of the papers' configuration — a template's new version, a unit's agency lines —
 * may take effect (docs/adr/0157). The paper already issued is frozen, and what it was filled with
 * must stay what the configuration says for its date: the template version it records, the agency
 * the verification page names as of its date. So a change takes effect from today or later, and
 * never from a date on or before which a paper it would apply to is already issued (a paper may be
 * dated ahead: a record typed with tomorrow's date).
 */
import { formatVi } from '../calendar.js';
import type { TRuleFailure } from '../law-rules.js';
import type { TValidationIssue } from '../validation-issues.js';
import { issueOf } from '../validation-issues.js';

/**
 * The problem with a change taking effect on `from` (yyyy-mm-dd), or undefined: `today` is the
 * Vietnamese date now; `lastIssued` the latest date of a paper it would apply to, if any.
 */
export function effectiveDateIssue(field: string, from: string, today: string, lastIssued: string | undefined, opts: { past?: boolean } = {}): TValidationIssue | undefined {
  // `past`: a day before today too, where no paper it would apply to is dated on or after it (a
  // template mended for the dates a broken version could not fill: docs/adr/0198).
  if (from < today && !opts.past) return issueOf(field, `must be today (${today}) or later: papers already issued keep what was in force on their date`, 'notBeforeToday', { today });
  if (lastIssued !== undefined && from <= lastIssued)
    return issueOf(field, `must be after ${lastIssued}, the date of the latest paper already issued that it would apply to`, 'afterIssuedPaper', { date: lastIssued });
  return undefined;
}

/**
 * Why a step may not issue its paper dated `date` (yyyy-mm-dd), or undefined (docs/adr/0191): no
 * version of the paper's template is in force on that date — `first` is the first day one is (and
 * its source), undefined when none is published at all. INS issues every paper a step makes from
 * the template in force on the paper's own date; a date before any is a typing error (a decision
 * "dated" six years back) or a paper INS cannot make, and accepting the step would leave the case
 * without the paper the law requires.
 */
export function paperDateFailure(
  paper: { type: string; title: { vi: string; en: string } },
  date: string,
  first: { effectiveFrom: string; source: string } | undefined,
  field: { key: string; label: { vi: string; en: string } } | undefined,
): TRuleFailure | undefined {
  if (first !== undefined && first.effectiveFrom <= date) return undefined;
  const lower = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
  const check = field ? { vi: ` Kiểm tra lại “${field.label.vi}”.`, en: ` Check “${field.label.en}”.` } : { vi: '', en: '' };
  const message = first
    ? {
        vi: `Không có mẫu ${lower(paper.title.vi)} nào có hiệu lực vào ngày ${formatVi(date)}: mẫu sớm nhất có hiệu lực từ ngày ${formatVi(first.effectiveFrom)}, nên INS không phát hành được giấy tờ ghi ngày này.${check.vi}`,
        en: `No template of the ${lower(paper.title.en)} is in force on ${formatVi(date)}: the first is in force from ${formatVi(first.effectiveFrom)}, so INS cannot issue a paper of that date.${check.en}`,
      }
    : {
        vi: `Chưa có mẫu ${lower(paper.title.vi)} nào được ban hành: INS chưa phát hành được giấy tờ này. Báo quản trị hệ thống.`,
        en: `No template of the ${lower(paper.title.en)} is published: INS cannot issue this paper yet. Tell the system administrator.`,
      };
  return { rule: 'NO_TEMPLATE_IN_FORCE', ...(field ? { field: field.key } : {}), message, legalBasis: first?.source ?? 'Nghị định số 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản)' };
}

/** Whether a template's definition prints the value of `stepId`'s field `key` (names `{{stepId.key}}`, in a section or as text). */
export function templateStates(definition: unknown, stepId: string, key: string): boolean {
  return JSON.stringify(definition ?? null).includes(`${stepId}.${key}}}`);
}

/**
 * Why a step may not issue its paper dated `date` stating the value of `field` (docs/adr/0219): the
 * template in force that day does not print it, so the paper would say otherwise than the case (the
 * 10 days to comply where the decision gives 30). `printableFrom` is the first later day a version
 * that prints it takes effect, if one is published; `source` the legal source of the version in
 * force.
 */
export function unstatedValueFailure(
  paper: { title: { vi: string; en: string } },
  date: string,
  field: { key: string; label: { vi: string; en: string } },
  source: string,
  dateField: string | undefined,
  printableFrom: string | undefined,
): TRuleFailure {
  const lower = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
  const later = printableFrom
    ? { vi: `mẫu ghi được áp dụng từ ngày ${formatVi(printableFrom)}`, en: `a template that does applies from ${formatVi(printableFrom)}` }
    : { vi: 'chưa có mẫu nào ghi được', en: 'no template that does is published yet' };
  return {
    rule: 'PAPER_CANNOT_STATE',
    field: field.key,
    message: {
      vi: `Mẫu ${lower(paper.title.vi)} áp dụng vào ngày ${formatVi(date)} không ghi được “${field.label.vi}” (${later.vi}): INS không phát hành giấy tờ nói khác với hồ sơ. Để trống trường này${dateField ? ', hoặc kiểm tra lại ngày của giấy tờ' : ''}.`,
      en: `The ${lower(paper.title.en)} template in force on ${formatVi(date)} cannot print “${field.label.en}” (${later.en}): INS issues no paper that says otherwise than the case. Leave the field empty${dateField ? ', or check the paper’s date' : ''}.`,
    },
    legalBasis: source,
  };
}
