/** Take an open step as one's own task (one of the step's roles; not a step someone else holds). */
import { z } from 'zod';
import { stepAction, stepIdSchema } from '../action.js';
import { refuse } from '../refusals.js';
import { actingRole, emit } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({});
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const claimStep = stepAction({
  type: 'CLAIM',
  update: 'claimStep',
  schemas,
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
