/**
 * A team lead or director gives the whole case to an inspector (giao hồ sơ): the case's assignee
 * becomes that inspector, its open steps an inspector may do are reassigned to them, and so are such
 * steps as they open later (domain/engine/state.ts `inheritedAssignee`). Steps of other roles (the
 * decision, the legal officer's review) stay where they are. Whether the inspector may take the case
 * (an active INSPECTOR of the case's unit) is checked by the API against the directory first
 * (api/services/assignment.ts).
 */
import { z } from 'zod';
import { caseAction } from '../action.js';
import { refuse } from '../refusals.js';
import type { TProcedureDefinition } from '../../procedure.js';
import { CASE_ASSIGNEE_ROLE, emit, isSupervisor, SUPERVISORS, type TCaseState, type TOpenStep } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ assigneeId: z.string().min(1).max(100) });
  return { body, input: body };
};

/** The case's open steps an inspector may do. */
function inspectorSteps(def: TProcedureDefinition, state: TCaseState): TOpenStep[] {
  return state.open.filter((o) => def.steps.find((s) => s.id === o.stepId)?.roles.includes(CASE_ASSIGNEE_ROLE));
}

export const assignCase = caseAction({
  type: 'ASSIGN_CASE',
  update: 'assignCase',
  schemas,
  check({ def, state, actor }, i) {
    if (!isSupervisor(actor)) return refuse('ASSIGN_CASE_NOT_SUPERVISOR', {});
    if (typeof i.assigneeId !== 'string' || !i.assigneeId) return refuse('ASSIGNEE_MISSING', {});
    // Nothing would change: said, rather than audited as a non-event.
    if (state.assigneeId === i.assigneeId && inspectorSteps(def, state).every((o) => o.assigneeId === i.assigneeId)) return refuse('CASE_ALREADY_ASSIGNED', { assigneeId: i.assigneeId });
    return undefined;
  },
  apply({ def, state, actor, now }, i) {
    const role = actor.roles.find((r) => SUPERVISORS.includes(r)) ?? '';
    emit(state, now, actor, role, 'CASE_ASSIGNED', { assigneeId: i.assigneeId, from: state.assigneeId });
    state.assigneeId = i.assigneeId;
    for (const o of inspectorSteps(def, state)) {
      if (o.assigneeId === i.assigneeId) continue;
      emit(state, now, actor, role, 'STEP_ASSIGNED', { stepId: o.stepId, from: o.assigneeId, to: i.assigneeId, reason: 'CASE_ASSIGNEE' }, o.stepId);
      o.assigneeId = i.assigneeId;
    }
  },
});
