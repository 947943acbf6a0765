/**
 * A team lead or director assigns (or reassigns) a step to an officer. Whether that officer may do
 * the step (an active user of the case's unit with one of its roles) is checked by the API against
 * the directory (api/services/assignment.ts) before the action is sent.
 */
import { z } from 'zod';
import { stepAction, stepIdSchema } from '../action.js';
import { refuse } from '../refusals.js';
import { emit, isSupervisor, SUPERVISORS } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ assigneeId: z.string().min(1).max(100) });
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const assignStep = stepAction({
  type: 'ASSIGN',
  update: 'assignStep',
  schemas,
  check({ actor }, i) {
    if (!isSupervisor(actor)) return refuse('ASSIGN_NOT_SUPERVISOR', {});
    if (typeof i.assigneeId !== 'string' || !i.assigneeId) return refuse('ASSIGNEE_MISSING', {});
    return undefined;
  },
  apply({ state, actor, now, step, open }, i) {
    emit(state, now, actor, actor.roles.find((r) => SUPERVISORS.includes(r)) ?? '', 'STEP_ASSIGNED', { stepId: step.id, from: open.assigneeId, to: i.assigneeId }, step.id);
    open.assigneeId = i.assigneeId;
  },
});
