/**
 * When a change of the papers' configuration — a template's new version, a unit's agency lines —
 * may take effect (docs/adr/0157). The paper already issued is frozen, and what it was filled with
 * must stay what the configuration says for its date: the template version it records, the agency
 * the verification page names as of its date. So a change takes effect from today or later, and
 * never from a date on or before which a paper it would apply to is already issued (a paper may be
 * dated ahead: a record typed with tomorrow's date).
 */
import type { TValidationIssue } from '../validation-issues.js';
import { issueOf } from '../validation-issues.js';

/**
 * The problem with a change taking effect on `from` (yyyy-mm-dd), or undefined: `today` is the
 * Vietnamese date now; `lastIssued` the latest date of a paper it would apply to, if any.
 */
export function effectiveDateIssue(field: string, from: string, today: string, lastIssued: string | undefined): TValidationIssue | undefined {
  if (from < today) return issueOf(field, `must be today (${today}) or later: papers already issued keep what was in force on their date`, 'notBeforeToday', { today });
  if (lastIssued !== undefined && from <= lastIssued)
    return issueOf(field, `must be after ${lastIssued}, the date of the latest paper already issued that it would apply to`, 'afterIssuedPaper', { date: lastIssued });
  return undefined;
}
