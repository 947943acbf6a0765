/** Restart a stopped clock; the deadline moves by the excluded time (computed again by the calendar). */
import { z } from 'zod';
import { stepAction, stepIdSchema } from '../action.js';
import { deadlineRequestAgain } from '../deadlines.js';
import { refuse } from '../refusals.js';
import { actingRole, emit, isPaused } from '../state.js';
import { clockRefusal } from './pause-clock.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({});
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const resumeClock = stepAction({
  type: 'RESUME_CLOCK',
  update: 'resumeClock',
  schemas,
  check(a) {
    const refused = clockRefusal(a);
    if (refused) return refused;
    if (!isPaused(a.open)) return refuse('CLOCK_RUNNING', { stepId: a.step.id });
    return undefined;
  },
  apply({ state, actor, now, step, open }, _i, _requestId, t) {
    const pause = open.deadline!.pauses.find((p) => p.to === undefined)!;
    pause.to = now;
    emit(state, now, actor, actingRole(actor, step.pause!.roles) ?? '', 'CLOCK_RESUMED', { stepId: step.id, pausedFrom: pause.from }, step.id, step.pause!.legalBasis);
    t.deadlines.push(deadlineRequestAgain(state, step, open));
  },
});
