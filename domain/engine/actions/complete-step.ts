/**
 * Complete an open step with an outcome and the step's form (and evidence): the officer's main act.
 * Refused when the role, the assignee, the outcome, the form, the law's rules for the outcome, the
 * evidence, a hard deadline or a guard period (the limitation period) say no.
 */
import { z } from 'zod';
import { vietnamDateOf } from '../../calendar.js';
import { completionBreach } from '../../case-limits.js';
import { fileRefsIn, validateForm, type TFileRef, type TFormIssue } from '../../forms.js';
import { lawFailures, type TRuleFailure } from '../../law-rules.js';
import type { TStep } from '../../procedure.js';
import { resolveViolations, type TViolation } from '../../violation-catalogue.js';
import { stepAction, stepIdSchema } from '../action.js';
import { guardExpiry } from '../deadlines.js';
import { lawRefusal, limitRefusal, refuse, type TRejection } from '../refusals.js';
import { completeStep as complete } from '../steps.js';
import { actingRole, isPaused, isSupervisor, scopeOf, type TPending } from '../state.js';

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  /** A stored file the completion cites as evidence, by its SHA-256 (uploaded first). */
  const evidenceRef = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().min(1).max(255), size: z.number().int().min(0), mime: z.string().min(1).max(100) });
  /** What the officer sends. */
  const body = z.object({
    outcome: z.string().min(1).max(40),
    data: z.record(z.string(), z.unknown()).default({}),
    evidence: z.array(evidenceRef).max(200).optional(),
  });
  /**
   * The engine's input: the body on a step, with what the API looked up in the database (never the
   * client's): the catalogue rows its `violation` fields name, and the failures of the law's rules
   * that need the database to judge (a template in force on the paper's date, the signer is the
   * officer: docs/adr/0195), judged here after the order, the role and the form.
   */
  const input = body.extend({
    stepId: stepIdSchema(),
    resolved: z
      .object({
        violations: z.array(z.custom<TViolation>(isObject)).optional(),
        failures: z.array(z.custom<TRuleFailure>(isObject)).max(20).optional(),
      })
      .optional(),
  });
  return { body, input };
};

type TInput = z.input<ReturnType<typeof schemas>['input']>;

/** The form as submitted, checked against its fields, with `violation` codes replaced by the catalogue's facts. */
function prepareForm(step: TStep, i: TInput, now: string): { data: Record<string, unknown> } | { rejection: TRejection } {
  const raw = i.data ?? {};
  const issues: TFormIssue[] = validateForm(step.form.fields, raw, vietnamDateOf(new Date(now)));
  const resolved = issues.length ? { data: raw, issues: [] } : resolveViolations(step.form.fields, raw, i.resolved?.violations ?? []);
  const all = [...issues, ...resolved.issues];
  if (all.length) return { rejection: refuse('FORM_INVALID', { stepId: step.id, issues: all.map((x) => ({ path: x.path, message: x.message })) }, { legalBasis: step.legalBasis, details: all }) };
  return { data: resolved.data };
}

export const completeStep = stepAction({
  type: 'COMPLETE_STEP',
  update: 'completeStep',
  schemas,
  check({ def, state, actor, now, ruleset, step, open: o }, i) {
    if (step.subProcedure) return refuse('STEP_COMPLETED_BY_SUB_PROCEDURE', { stepId: step.id, childCaseId: o.childCaseId ?? '' });
    const role = actingRole(actor, step.roles);
    if (!role)
      return refuse('ROLE_MAY_NOT_COMPLETE', { stepId: step.id, stepTitle: step.title, roles: step.roles, actingAs: actor.actingRole ?? actor.roles.join('/') }, { legalBasis: step.legalBasis });
    if (o.assigneeId && o.assigneeId !== actor.userId && !isSupervisor(actor)) return refuse('ASSIGNED_TO_ANOTHER', { stepId: step.id, assigneeId: o.assigneeId });
    const outcome = step.outcomes.find((x) => x.id === i.outcome);
    if (!outcome) return refuse('OUTCOME_UNKNOWN', { stepId: step.id, outcome: i.outcome, outcomes: step.outcomes.map((x) => x.id) });
    if (ruleset >= 3) {
      const over = limitRefusal(completionBreach(def, state, step, i.data ?? {}, i.evidence ?? []));
      if (over) return over;
    }
    const prepared = prepareForm(step, i, now);
    if ('rejection' in prepared) return prepared.rejection;
    const data = prepared.data;
    const pending: TPending = { stepId: step.id, outcome: outcome.id, data };
    const law = lawFailures(step, outcome, scopeOf(state, now, pending), actingRole(actor, step.roles) ?? '');
    if ('error' in law) return refuse('RULE_NOT_EVALUABLE', { outcome: outcome.id, error: law.error }, { legalBasis: law.legalBasis });
    const failures = [...law.failures, ...(i.resolved?.failures ?? [])];
    if (failures.length) return lawRefusal(failures, outcome.id);
    const evidence = [...(i.evidence ?? []), ...fileRefsIn(step.form.fields, data)];
    if (step.requiresEvidence && evidence.length === 0) return refuse('EVIDENCE_REQUIRED', { stepId: step.id, stepTitle: step.title }, { legalBasis: step.legalBasis });
    const d = o.deadline;
    if (d?.hard && !outcome.afterDeadline) {
      // Judged on the date on the paper when the procedure names it (Art. 66: a decision signed in
      // time but entered late is lawful; one entered in time but dated late is not).
      const judgedOn = step.deadline?.judgedOn;
      const paperDate = judgedOn ? data[judgedOn] : undefined;
      if (typeof paperDate === 'string') {
        if (paperDate > d.due) {
          return refuse(
            'DOCUMENT_DATED_LATE',
            { stepId: step.id, field: judgedOn!, due: d.due, documentDate: paperDate },
            { legalBasis: d.legalBasis, details: { rule: 'DEADLINE_PASSED', field: judgedOn, due: d.due, documentDate: paperDate } },
          );
        }
      } else if (!isPaused(o) && Date.parse(now) > Date.parse(d.dueAt)) {
        return refuse('TIME_LIMIT_PASSED', { stepId: step.id, due: d.due }, { legalBasis: d.legalBasis });
      }
      // An extension granted as the handler's direct superior is not the granter's own (Art. 66(1)(c), docs/adr/0221).
      const judged = typeof paperDate === 'string' ? paperDate : vietnamDateOf(new Date(now));
      const own = d.extensions.find((e) => e.dueBefore !== undefined && !e.approval && e.by === actor.userId && judged > e.dueBefore);
      if (own)
        return refuse(
          'EXTENDED_BY_SELF',
          { stepId: step.id, dueBefore: own.dueBefore!, grantedOn: vietnamDateOf(new Date(own.at)), ...(judgedOn ? { field: judgedOn } : {}) },
          { legalBasis: step.extension?.bySuperior?.legalBasis ?? d.legalBasis, details: { rule: 'EXTENDED_BY_SELF', ...(judgedOn ? { field: judgedOn } : {}) } },
        );
    }
    if (step.guard && (!step.guard.outcomes || step.guard.outcomes.includes(outcome.id))) {
      const expiry = guardExpiry(def, state, step, data, now);
      const judged = step.guard.judgedOn ? data[step.guard.judgedOn] : undefined;
      const expired = expiry && (typeof judged === 'string' ? judged > expiry.date : Date.parse(now) > Date.parse(expiry.at));
      if (expired) {
        const g = step.guard;
        return refuse(
          'GUARD_EXPIRED',
          { guard: g.code, text: g.message, expiredOn: expiry.date, ...(g.judgedOn ? { field: g.judgedOn } : {}) },
          { legalBasis: g.legalBasis, details: { guard: g.code, rule: g.code, expiredOn: expiry.date, message: g.message, ...(g.judgedOn ? { field: g.judgedOn } : {}) } },
        );
      }
    }
    return undefined;
  },
  apply({ def, state, actor, now, step, open }, i, requestId, t) {
    const role = actingRole(actor, step.roles) ?? 'SYSTEM';
    const prepared = prepareForm(step, i, now);
    const data = 'data' in prepared ? prepared.data : (i.data ?? {});
    const evidence: TFileRef[] = [...(i.evidence ?? []), ...fileRefsIn(step.form.fields, data)];
    complete(def, state, step, open, i.outcome, data, evidence, actor, role, requestId, now, t);
  },
});
