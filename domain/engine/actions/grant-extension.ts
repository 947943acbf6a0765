/**
 * Extend a step's deadline, within the limits of its legal basis: the roles that grant it, how many
 * times, by how much, in which cases; never once a hard deadline has passed (the power it limited
 * has lapsed: Art. 66, 65(1)(c)), nor once any deadline that binds the agency has passed (an
 * extension lengthens a running period; one that has ended is not revived: the inspection's
 * limit, Decree 33/2022; the seizure's, Art. 125(8); docs/adr/0208). Answers a pending request for it.
 */
import { z } from 'zod';
import { vietnamDateOf } from '../../calendar.js';
import { stepAction, stepIdSchema } from '../action.js';
import { configured, deadlinePassed, deadlineRequestAgain, extensionRule } from '../deadlines.js';
import { resolveEscalations } from '../escalation.js';
import { refuse } from '../refusals.js';
import { actingRole, conditionHolds, emit, lastCompletion } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ amount: z.number().int().min(1).max(1000), reason: z.string().min(1).max(2000) });
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const grantExtension = stepAction({
  type: 'GRANT_EXTENSION',
  update: 'grantExtension',
  schemas,
  check({ state, actor, now, ruleset, admitting, step, open: o }, i) {
    const ext = extensionRule(state, step);
    if (!ext) return refuse('EXTENSION_NONE', { stepId: step.id }, { legalBasis: step.deadline?.legalBasis });
    if (!o.deadline) return refuse('EXTENSION_NO_DEADLINE', { stepId: step.id });
    const lb = { legalBasis: ext.legalBasis };
    if (!actingRole(actor, ext.grantRoles)) return refuse('ROLE_MAY_NOT_GRANT_EXTENSION', { stepId: step.id, roles: ext.grantRoles }, lb);
    const issuer = ext.grantedBy ? lastCompletion(state, ext.grantedBy) : undefined;
    if (issuer && issuer.by !== actor.userId) return refuse('EXTENSION_BY_ISSUER_ONLY', { stepId: step.id, issuerStepId: issuer.stepId, issuerId: issuer.by }, lb);
    // A hard deadline since the law-in-substance rules (in the handler too); any deadline of the
    // agency's for a request admitted now (a validator's refusal: older histories replay, docs/adr/0208).
    if (deadlinePassed(o, now) && ((ruleset >= 2 && o.deadline.hard) || (admitting && o.deadline.binds !== 'PARTY')))
      return refuse('EXTENSION_AFTER_DEADLINE', { stepId: step.id, due: o.deadline.due }, lb);
    if (ext.when && !conditionHolds(state, ext.when)) return refuse('EXTENSION_NOT_THIS_CASE', { stepId: step.id }, lb);
    if (o.deadline.extensions.length >= ext.maxCount) return refuse('EXTENSION_USED_UP', { stepId: step.id, maxCount: ext.maxCount }, lb);
    const max = configured(state, ext.maxAmount, ext.maxAmountParam, vietnamDateOf(new Date(now)));
    if (!Number.isInteger(i.amount) || i.amount < 1 || i.amount > max) return refuse('EXTENSION_AMOUNT', { stepId: step.id, max, unit: ext.unit }, lb);
    if (!i.reason?.trim()) return refuse('EXTENSION_UNEXPLAINED', {}, lb);
    return undefined;
  },
  apply({ state, actor, now, step, open: o }, i, requestId, t) {
    const ext = extensionRule(state, step)!;
    // Granting answers any pending request.
    resolveEscalations(state, now, step.id, 'EXTENSION_REQUEST');
    o.deadline!.extensions.push({ amount: i.amount, unit: ext.unit, reason: i.reason, by: actor.userId, at: now });
    emit(state, now, actor, actingRole(actor, ext.grantRoles) ?? '', 'EXTENSION_GRANTED', { stepId: step.id, amount: i.amount, unit: ext.unit, reason: i.reason }, step.id, ext.legalBasis);
    t.deadlines.push(deadlineRequestAgain(state, step, o));
    // The decision extending it, where the law makes it a paper (the seizure's, Art. 125(8)).
    if (ext.document) {
      const role = actingRole(actor, ext.grantRoles) ?? '';
      (t.documents ??= []).push({ type: ext.document, stepId: step.id, requestId, date: vietnamDateOf(new Date(now)), actor, role, extension: o.deadline!.extensions.length - 1 });
    }
  },
});
