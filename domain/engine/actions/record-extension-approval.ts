/**
 * Record, after the grant, the direct superior's written extension of a step the law has the
 * superior extend (Art. 66(1)(c): "việc gia hạn phải bằng văn bản", `bySuperior`, docs/adr/0224).
 * A director who granted the decision's second month without typing his own superior's writing may
 * not decide himself after the month it lengthened (`EXTENDED_BY_SELF`); once the writing is
 * recorded here he may. The writing must be dated from the day the period began to the last day of
 * the period it lengthened (an ended period is not extended, docs/adr/0208), and no later than
 * today. Recorded once: a later correction is a note, not a second writing.
 */
import { z } from 'zod';
import { vietnamDateOf } from '../../calendar.js';
import { stepAction, stepIdSchema } from '../action.js';
import { extensionRule } from '../deadlines.js';
import { refuse } from '../refusals.js';
import { actingRole, emit } from '../state.js';
import { approvalSchema } from './grant-extension.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ approval: approvalSchema() });
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const recordExtensionApproval = stepAction({
  type: 'RECORD_EXTENSION_APPROVAL',
  update: 'recordExtensionApproval',
  schemas,
  check({ state, actor, now, step, open: o }, i) {
    const ext = extensionRule(state, step);
    const lb = { legalBasis: ext?.bySuperior?.legalBasis ?? ext?.legalBasis ?? step.legalBasis };
    if (!ext?.bySuperior) return refuse('EXTENSION_APPROVAL_NOT_ASKED', { stepId: step.id }, lb);
    if (!actingRole(actor, ext.grantRoles)) return refuse('ROLE_MAY_NOT_GRANT_EXTENSION', { stepId: step.id, roles: ext.grantRoles }, lb);
    const waiting = o.deadline?.extensions.find((e) => e.dueBefore !== undefined && !e.approval);
    if (!o.deadline || !waiting) return refuse('EXTENSION_APPROVAL_NONE_WAITING', { stepId: step.id }, lb);
    const earliest = vietnamDateOf(new Date(o.deadline.anchorAt));
    const latest = vietnamDateOf(new Date(now));
    const at = { legalBasis: ext.bySuperior.legalBasis, details: { field: 'approval.date' } };
    if (i.approval.date < earliest || i.approval.date > latest) return refuse('EXTENSION_APPROVAL_DATE', { stepId: step.id, date: i.approval.date, earliest, latest }, at);
    if (i.approval.date > waiting.dueBefore!) return refuse('EXTENSION_APPROVAL_AFTER_PERIOD', { stepId: step.id, date: i.approval.date, dueBefore: waiting.dueBefore! }, at);
    return undefined;
  },
  apply({ state, actor, now, step, open: o }, i) {
    const ext = extensionRule(state, step)!;
    const waiting = o.deadline!.extensions.find((e) => e.dueBefore !== undefined && !e.approval)!;
    waiting.approval = i.approval;
    emit(
      state,
      now,
      actor,
      actingRole(actor, ext.grantRoles) ?? '',
      'EXTENSION_APPROVAL_RECORDED',
      { stepId: step.id, grantedBy: waiting.by, grantedAt: waiting.at, approval: i.approval },
      step.id,
      ext.bySuperior!.legalBasis,
    );
  },
});
