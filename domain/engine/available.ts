/** Who may act now: the open steps, with their roles, outcomes and what can be done with their clocks. */
import type { TProcedureDefinition } from '../procedure.js';
import { extensionRule } from './deadlines.js';
import { isPaused, stepDef, type TCaseState } from './state.js';

export interface TAvailableAction {
  stepId: string;
  title: { vi: string; en: string };
  roles: string[];
  assigneeId?: string | undefined;
  outcomes: string[];
  canExtend: string[];
  canPause: string[];
  paused: boolean;
  due?: string | undefined;
  dueAt?: string | undefined;
  overdue: boolean;
  awaitingEvent?: string | undefined;
}

export function availableActions(def: TProcedureDefinition, state: TCaseState): TAvailableAction[] {
  return state.open.map((o) => {
    const s = stepDef(def, o.stepId);
    const ext = extensionRule(state, s);
    // A period that has ended (breached, its clock running) is not stopped, nor extended when it is the agency's (docs/adr/0208).
    const ended = !!o.deadline?.breached && !isPaused(o);
    const extendable = !ended || (!o.deadline?.hard && o.deadline?.binds === 'PARTY');
    return {
      stepId: o.stepId,
      title: s.title,
      roles: s.roles,
      assigneeId: o.assigneeId,
      outcomes: s.outcomes.map((x) => x.id),
      canExtend: ext && o.deadline && o.deadline.extensions.length < ext.maxCount && extendable ? ext.grantRoles : [],
      canPause: (!ended && s.pause?.roles) || [],
      paused: isPaused(o),
      due: o.deadline?.due,
      dueAt: o.deadline?.dueAt,
      overdue: !!o.deadline?.breached,
      awaitingEvent: o.awaitingEvent,
    };
  });
}
