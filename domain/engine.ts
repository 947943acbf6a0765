/**
 * The procedure interpreter: the state of a case and the pure rules that decide which actions are
 * allowed and what they change. The case workflow holds the state and calls these functions;
 * anything that needs the outside world (the calendar, the database) is returned as a request for
 * the workflow to carry out through an activity.
 *
 * This file is the engine's door: the dispatcher of officer actions and what the rest of the code
 * imports. The engine itself is in ./engine/ (docs/adr/0060-action-union-engine-layout-refusals.md):
 *  - state.ts       the case's types, its initial state, shared queries and bookkeeping
 *  - deadlines.ts   the periods: rules in force, requests to the calendar, extensions, guards
 *  - escalation.ts  the ladder on timers, escalations and their reasons as data
 *  - steps.ts       opening and completing steps, closing the case, facts from outside
 *  - refusals.ts    every refusal: code, rule, params, legal basis, sentence
 *  - action.ts      what an action module is; actions/ has one per officer action
 */
import type { TProcedureDefinition } from './procedure.js';
import type { TCheckContext } from './engine/action.js';
import { CASE_ACTIONS, type TAction, type TAnyAction } from './engine/actions/index.js';
import { refuse, type TRejection } from './engine/refusals.js';
import { noTransition, remember, type TActor, type TCaseState, type TTransition } from './engine/state.js';

export * from './engine/state.js';
export { recomputeAll, setDeadline } from './engine/deadlines.js';
export { escalationReason, fireEscalations, LADDER_KINDS, nextTimerAt, rungsFoldedInto, withReason } from './engine/escalation.js';
export { completeFromChild, judgedLate, newCase, recordEvent, recordMigration } from './engine/steps.js';
export { PAYMENT_EVENT, paymentStatus, settleByPayments, type TPaymentStatus } from './engine/payments.js';
export { REFUSALS, refuse, type TRefusalParams, type TRejection } from './engine/refusals.js';
export { inputRefusal, type TCheckContext, type TEnvelope } from './engine/action.js';
export { CASE_ACTIONS, migrateProcedure, type TAction, type TActionInput, type TActionType, type TAnyAction } from './engine/actions/index.js';

/** The module of an action. */
function moduleOf(action: TAction): TAnyAction {
  return CASE_ACTIONS[action.type] as unknown as TAnyAction;
}

/** Returns why `action` by `actor` is refused, or undefined when it may proceed. Pure; changes nothing. */
export function checkAction(def: TProcedureDefinition, state: TCaseState, actor: TActor, action: TAction, ctx: TCheckContext): TRejection | undefined {
  const module = moduleOf(action);
  if (state.status === 'CLOSED' && !module.onClosedCase) return refuse('CASE_CLOSED', { caseId: state.caseId });
  return module.check({ def, state, actor, now: ctx.now, ruleset: ctx.ruleset ?? 1, admitting: ctx.admitting ?? false }, action);
}

/** Applies `action` (call only after checkAction returned undefined); returns what the workflow must carry out. */
export function applyAction(def: TProcedureDefinition, state: TCaseState, actor: TActor, action: TAction, requestId: string, now: string): TTransition {
  const t = noTransition();
  remember(state, requestId);
  moduleOf(action).apply({ def, state, actor, now, ruleset: 1, admitting: false }, action, requestId, t);
  return t;
}

export { availableActions, type TAvailableAction } from './engine/available.js';
