/**
 * The officer on a step asks the granting role for more time: an escalation (EXTENSION_REQUEST) for
 * that role, within the limits the law sets for the step's extension; not once a period of the
 * agency's has ended, which no grant could revive (docs/adr/0208).
 */
import { z } from 'zod';
import { vietnamDateOf } from '../../calendar.js';
import { escalationBreach } from '../../case-limits.js';
import { stepAction, stepIdSchema } from '../action.js';
import { configured, deadlinePassed, extensionRule } from '../deadlines.js';
import { escalation } from '../escalation.js';
import { limitRefusal, refuse } from '../refusals.js';
import { actingRole, conditionHolds, emit, lastCompletion } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ amount: z.number().int().min(1).max(1000), reason: z.string().min(1).max(2000) });
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const requestExtension = stepAction({
  type: 'REQUEST_EXTENSION',
  update: 'requestExtension',
  schemas,
  check({ def, state, actor, now, ruleset, admitting, step, open: o }, i) {
    const ext = extensionRule(state, step);
    if (!ext) return refuse('EXTENSION_NONE', { stepId: step.id }, { legalBasis: step.deadline?.legalBasis });
    if (!o.deadline) return refuse('EXTENSION_NO_DEADLINE', { stepId: step.id });
    if (!actingRole(actor, step.roles)) return refuse('ROLE_MAY_NOT_REQUEST_EXTENSION', { stepId: step.id, roles: step.roles });
    if (ruleset >= 3) {
      const over = limitRefusal(escalationBreach(def, state));
      if (over) return over;
    }
    const lb = { legalBasis: ext.legalBasis };
    // As the grant (./grant-extension.ts): judged when the request is admitted, so older histories replay.
    if (admitting && deadlinePassed(o, now) && o.deadline.binds !== 'PARTY') return refuse('EXTENSION_AFTER_DEADLINE', { stepId: step.id, due: o.deadline.due }, lb);
    if (ruleset >= 2 && ext.when && !conditionHolds(state, ext.when)) return refuse('EXTENSION_NOT_THIS_CASE', { stepId: step.id }, lb);
    if (o.deadline.extensions.length >= ext.maxCount) return refuse('EXTENSION_USED_UP', { stepId: step.id, maxCount: ext.maxCount }, lb);
    if (state.escalations.some((e) => e.stepId === step.id && e.kind === 'EXTENSION_REQUEST' && !e.resolvedAt)) return refuse('EXTENSION_ALREADY_REQUESTED', { stepId: step.id });
    const max = configured(state, ext.maxAmount, ext.maxAmountParam, vietnamDateOf(new Date(now)));
    if (!Number.isInteger(i.amount) || i.amount < 1 || i.amount > max) return refuse('EXTENSION_AMOUNT', { stepId: step.id, max, unit: ext.unit }, lb);
    if (!i.reason?.trim()) return refuse('EXTENSION_REQUEST_UNEXPLAINED', {}, lb);
    return undefined;
  },
  apply({ state, actor, now, step }, i) {
    const ext = extensionRule(state, step)!;
    // To whoever may grant it: the role the issuer of the decision acted in, where only the issuer may.
    const issuer = ext.grantedBy ? lastCompletion(state, ext.grantedBy) : undefined;
    const toRole = issuer && ext.grantRoles.includes(issuer.role) ? issuer.role : ext.grantRoles[0]!;
    const e = escalation(
      { id: `${step.id}#extension-request-${state.seq + 1}`, stepId: step.id, kind: 'EXTENSION_REQUEST', toRole, at: now },
      { code: 'EXTENSION_REQUESTED', params: { amount: i.amount, unit: ext.unit, text: i.reason } },
    );
    state.escalations.push(e);
    emit(
      state,
      now,
      actor,
      actingRole(actor, step.roles) ?? '',
      'EXTENSION_REQUESTED',
      { stepId: step.id, amount: i.amount, unit: ext.unit, reason: i.reason, escalationId: e.id },
      step.id,
      ext.legalBasis,
    );
  },
});
