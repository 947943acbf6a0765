/** Give a claimed step back to the team (its assignee, or a supervisor). */
import { z } from 'zod';
import { stepAction, stepIdSchema } from '../action.js';
import { refuse } from '../refusals.js';
import { emit, isSupervisor } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({});
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const releaseStep = stepAction({
  type: 'RELEASE',
  update: 'releaseStep',
  schemas,
  check({ actor, step, open }) {
    if (open.assigneeId !== actor.userId && !isSupervisor(actor)) return refuse('RELEASE_BY_ANOTHER', { stepId: step.id, assigneeId: open.assigneeId });
    return undefined;
  },
  apply({ state, actor, now, step, open }) {
    emit(state, now, actor, actor.roles[0] ?? '', 'STEP_RELEASED', { stepId: step.id, was: open.assigneeId }, step.id);
    open.assigneeId = undefined;
  },
});
