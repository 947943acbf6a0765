/**
 * The rules of the law a step's completion must satisfy, evaluated (pure): the outcome's
 * requirements, the step's constraints for that outcome, and the competence of the role acting
 * (Art. 52). The workflow's validator refuses with them; the web app's form shows them at their
 * fields as the officer types — the same function on both sides.
 */
import { formatVi } from './calendar.js';
import type { TOutcome, TRequirement, TStep } from './procedure.js';
import { evaluate, holds, type TRuleScope } from './rules.js';

/** A rule of the law that an action breaks: its code, the field it belongs to, what it says in both languages. */
export interface TRuleFailure {
  rule: string;
  field?: string | undefined;
  message: { vi: string; en: string };
  legalBasis: string;
}

function money(n: number): string {
  return `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** The rules that apply to completing `step` with `outcome`: the outcome's own, then the step's. */
function rulesFor(step: TStep, outcome: TOutcome): TRequirement[] {
  return [...(outcome.requires ?? []), ...(step.constraints ?? []).filter((c) => !c.outcomes || c.outcomes.includes(outcome.id))];
}

/**
 * Every rule the completion breaks, in order; or `error` when a rule cannot be evaluated (a legal
 * parameter missing: a configuration error, not the officer's).
 */
export function lawFailures(step: TStep, outcome: TOutcome, given: TRuleScope, actingRole: string): { failures: TRuleFailure[] } | { error: string; legalBasis: string } {
  const scope: TRuleScope = { ...given, actingRole };
  const failures: TRuleFailure[] = [];
  for (const r of rulesFor(step, outcome)) {
    try {
      if (!holds(r.when, scope)) failures.push({ rule: r.code, field: r.field, message: r.message, legalBasis: r.legalBasis });
    } catch (err) {
      return { error: `${r.code}: ${(err as Error).message}`, legalBasis: r.legalBasis };
    }
  }
  const c = outcome.competence;
  try {
    if (c && (!c.when || holds(c.when, scope))) {
      const ceiling = c.ceilings[actingRole];
      if (!ceiling) {
        failures.push({
          rule: 'OUTSIDE_COMPETENCE',
          message: { vi: `Chức danh ${actingRole || '—'} không có thẩm quyền ra quyết định này`, en: `The ${actingRole || '—'} has no competence to take this decision` },
          legalBasis: c.legalBasis,
        });
      } else {
        const amount = evaluate(c.amount, scope);
        const date = evaluate(c.date, scope);
        const subject = evaluate({ kind: 'FIELD', stepId: c.subject.stepId, field: c.subject.field }, scope);
        if (typeof amount === 'number' && typeof date === 'string') {
          const limit = evaluate({ kind: 'PARAM', param: subject === 'ORGANIZATION' ? ceiling.organization : ceiling.individual, on: { kind: 'CONST', value: date } }, scope) as number;
          if (amount > limit) {
            const who = subject === 'ORGANIZATION' ? { vi: 'tổ chức', en: 'an organisation' } : { vi: 'cá nhân', en: 'an individual' };
            failures.push({
              rule: 'OUTSIDE_COMPETENCE',
              message: {
                vi: `Mức tối đa của khung phạt ${money(amount)} vượt thẩm quyền phạt tiền của ${actingRole} đối với ${who.vi} (${money(limit)}, ngày ${formatVi(date)}): chuyển hồ sơ cho người có thẩm quyền`,
                en: `The bracket maximum of ${amount} VND is above the ${actingRole}'s fining competence for ${who.en} (${limit} VND on ${date}): the file goes to whoever has it`,
              },
              legalBasis: c.legalBasis,
            });
          }
        }
      }
    }
  } catch (err) {
    return { error: `competence: ${(err as Error).message}`, legalBasis: c!.legalBasis };
  }
  return { failures };
}

/**
 * The optional fields of a step that the law asks for now: a rule at the field (the outcome's, or
 * the step's for it) would fail were the field left empty, on the case and form as they stand — a
 * decision's date when deciding but not when transferring the file (docs/adr/0211), the date an act
 * going on was found once it is said to be going on (docs/adr/0213). The form marks them required.
 */
export function fieldsAskedNow(step: TStep, outcome: TOutcome | undefined, scope: TRuleScope): Set<string> {
  const asked = new Set<string>();
  if (!outcome) return asked;
  const rules = rulesFor(step, outcome);
  for (const f of step.form.fields) {
    if (f.required || !rules.some((r) => r.field === f.key)) continue;
    const { [f.key]: _left, ...without } = scope.data;
    const empty = { ...scope, data: without };
    try {
      if (rules.some((r) => r.field === f.key && !holds(r.when, empty))) asked.add(f.key);
    } catch {
      // A rule that cannot be evaluated here (a parameter not loaded) asks for nothing: the server judges it.
    }
  }
  return asked;
}
