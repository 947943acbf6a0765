/** Take an open step as one's own task (one of the step's roles; not a step someone else holds). */
import { z } from 'zod';
import { stepAction, ZStepId } from '../action.js';
import { refuse } from '../refusals.js';
import { actingRole, emit } from '../state.js';

const body = z.object({});
const input = body.extend({ stepId: ZStepId });

export const claimStep = stepAction({
  type: 'CLAIM',
  update: 'claimStep',
  body,
  input,
  check({ actor, step, open }) {
    if (!actingRole(actor, step.roles)) return refuse('ROLE_MAY_NOT_CLAIM', { stepId: step.id, roles: step.roles });
    if (open.assigneeId && open.assigneeId !== actor.userId) return refuse('CLAIMED_BY_ANOTHER', { stepId: step.id, assigneeId: open.assigneeId });
    return undefined;
  },
  apply({ state, actor, now, step, open }) {
    open.assigneeId = actor.userId;
    emit(state, now, actor, actingRole(actor, step.roles) ?? '', 'STEP_CLAIMED', { stepId: step.id }, step.id);
  },
});
