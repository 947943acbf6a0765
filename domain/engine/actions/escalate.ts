/** Escalate a step by hand to a supervising role (a case that is complex, a business that does not cooperate). */
import { z } from 'zod';
import { escalationBreach } from '../../case-limits.js';
import { stepAction, stepIdSchema } from '../action.js';
import { escalation } from '../escalation.js';
import { limitRefusal, refuse } from '../refusals.js';
import { emit } from '../state.js';

/** The roles a step is escalated to by hand. */
const ESCALATION_ROLES = ['TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER'] as const;

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ reason: z.string().min(1).max(2000), toRole: z.enum(ESCALATION_ROLES).optional() });
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

export const escalate = stepAction({
  type: 'ESCALATE',
  update: 'escalate',
  schemas,
  check({ def, state, ruleset }, i) {
    if (!i.reason?.trim()) return refuse('ESCALATION_UNEXPLAINED', {});
    if (ruleset >= 3) return limitRefusal(escalationBreach(def, state));
    return undefined;
  },
  apply({ state, actor, now, step }, i) {
    const toRole = i.toRole ?? 'TEAM_LEAD';
    const e = escalation({ id: `${step.id}#manual-${state.seq + 1}`, stepId: step.id, kind: 'MANUAL', toRole, at: now }, { code: 'RAISED_BY_HAND', params: { text: i.reason } });
    state.escalations.push(e);
    emit(state, now, actor, actor.roles[0] ?? '', 'ESCALATED', { stepId: step.id, toRole, reason: i.reason, escalationId: e.id }, step.id);
  },
});
