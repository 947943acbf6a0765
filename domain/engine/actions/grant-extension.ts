/**
 * Extend a step's deadline, within the limits of its legal basis: the roles that grant it, how many
 * times, by how much, in which cases; never once a hard deadline has passed (the power it limited
 * has lapsed: Art. 66, 65(1)(c)), nor once any deadline that binds the agency has passed (an
 * extension lengthens a running period; one that has ended is not revived: the inspection's
 * limit, Decree 33/2022; the seizure's, Art. 125(8); docs/adr/0208). Answers a pending request for it.
 */
import { z } from 'zod';
import { ISO_DATE, isValidDate, vietnamDateOf } from '../../calendar.js';
import { stepAction, stepIdSchema } from '../action.js';
import { configured, deadlinePassed, deadlineRequestAgain, extensionRule } from '../deadlines.js';
import { resolveEscalations } from '../escalation.js';
import { refuse } from '../refusals.js';
import { actingRole, conditionHolds, emit, lastCompletion } from '../state.js';

/**
 * What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). The
 * date is checked with calendar.ts's own test: the workflow bundle holds no `*-schema.ts` module.
 */
/** The direct superior's written extension: its number, date and signer (docs/adr/0221). */
export const approvalSchema = () =>
  z
    .object({
      documentNo: z.string().trim().min(1).max(100),
      date: z.string().refine((v) => ISO_DATE.test(v) && isValidDate(v), { message: 'must be a date YYYY-MM-DD' }),
      issuer: z.string().trim().min(1).max(300),
    })
    .strict();

const schemas = () => {
  const body = z.object({
    amount: z.number().int().min(1).max(1000),
    reason: z.string().min(1).max(2000),
    /** The direct superior's written extension, where the step's extension is the superior's (`bySuperior`, docs/adr/0221). */
    approval: approvalSchema().optional(),
  });
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
    if (i.approval) {
      if (!ext.bySuperior) return refuse('EXTENSION_APPROVAL_NOT_ASKED', { stepId: step.id }, lb);
      // Dated no later than today, and not before the period it lengthens began (the record's date).
      const earliest = vietnamDateOf(new Date(o.deadline.anchorAt));
      const latest = vietnamDateOf(new Date(now));
      if (i.approval.date < earliest || i.approval.date > latest)
        return refuse('EXTENSION_APPROVAL_DATE', { stepId: step.id, date: i.approval.date, earliest, latest }, { legalBasis: ext.bySuperior.legalBasis, details: { field: 'approval.date' } });
    }
    return undefined;
  },
  apply({ state, actor, now, step, open: o }, i, requestId, t) {
    const ext = extensionRule(state, step)!;
    // Granting answers any pending request.
    resolveEscalations(state, now, step.id, 'EXTENSION_REQUEST');
    // The superior's extension (docs/adr/0221) keeps the due date it lengthened, and the written approval where recorded.
    const superior = ext.bySuperior ? { dueBefore: o.deadline!.due, ...(i.approval ? { approval: i.approval } : {}) } : {};
    o.deadline!.extensions.push({ amount: i.amount, unit: ext.unit, reason: i.reason, by: actor.userId, at: now, ...superior });
    emit(
      state,
      now,
      actor,
      actingRole(actor, ext.grantRoles) ?? '',
      'EXTENSION_GRANTED',
      { stepId: step.id, amount: i.amount, unit: ext.unit, reason: i.reason, ...(i.approval ? { approval: i.approval } : {}) },
      step.id,
      ext.legalBasis,
    );
    t.deadlines.push(deadlineRequestAgain(state, step, o));
    // The decision extending it, where the law makes it a paper (the seizure's, Art. 125(8)) and INS
    // issues it: not where the superior's own written extension is recorded (docs/adr/0221).
    if (ext.document && !i.approval) {
      const role = actingRole(actor, ext.grantRoles) ?? '';
      (t.documents ??= []).push({ type: ext.document, stepId: step.id, requestId, date: vietnamDateOf(new Date(now)), actor, role, extension: o.deadline!.extensions.length - 1 });
    }
  },
});
