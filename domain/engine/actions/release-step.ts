/** Give a claimed step back to the team (its assignee, or a supervisor). */
import { z } from 'zod';
import { stepAction, ZStepId } from '../action.js';
import { refuse } from '../refusals.js';
import { emit, isSupervisor } from '../state.js';

const body = z.object({});
const input = body.extend({ stepId: ZStepId });

export const releaseStep = stepAction({
  type: 'RELEASE',
  update: 'releaseStep',
  body,
  input,
  check({ actor, step, open }) {
    if (open.assigneeId !== actor.userId && !isSupervisor(actor)) return refuse('RELEASE_BY_ANOTHER', { stepId: step.id, assigneeId: open.assigneeId });
    return undefined;
  },
  apply({ state, actor, now, step, open }) {
    emit(state, now, actor, actor.roles[0] ?? '', 'STEP_RELEASED', { stepId: step.id, was: open.assigneeId }, step.id);
    open.assigneeId = undefined;
  },
});
