/**
 * The messages of the case workflow. Officer actions are Updates with validators (rejected before
 * anything is written to history, with a code, a message and the legal basis); facts from outside
 * are Signals; reads are a Query. Their name strings never change.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import { CASE_ACTIONS, type TActionType, type TAvailableAction, type TCaseState, type TEnvelope, type TPaymentStatus } from '../domain/engine.js';
import type { migrateProcedure } from '../domain/engine/actions/index.js';
import type { TCaseProjectionInput } from '../domain/projection.js';

/** Common to every officer action: who acts, and the idempotency key of the request (domain/engine/action.ts `ZEnvelope`). */
export type TActionEnvelope = TEnvelope;

/**
 * An officer action's Update input: the envelope and the action's input, as its module's schema
 * says (domain/engine/actions/; the workflow's validator parses it with the module's `updateInput`).
 */
type TUpdateInput<M extends { input: z.ZodObject }> = TActionEnvelope & z.input<M['input']>;

type TActions = typeof CASE_ACTIONS;
export type TMigrateInput = TUpdateInput<typeof migrateProcedure>;

/** What every action returns: the case as it now stands. */
export interface TActionResult {
  caseId: string;
  status: 'OPEN' | 'CLOSED';
  seq: number;
  procedure: { id: string; version: number };
  open: TAvailableAction[];
  /** True when the request id had already been applied: nothing was done again. */
  duplicate: boolean;
  /**
   * The case as the read model is to show it after this action, for whoever sent the Update to
   * write before it answers (docs/adr/0176): the projection and the audit events the action chained
   * (a duplicate: every event not yet projected by the workflow). Absent from cases started before,
   * whose workflow writes every projection itself. Never part of the API's answer.
   */
  projection?: TCaseProjectionInput;
  /**
   * The cases of the sub-procedures this action started, which write their own first projection:
   * the sender waits for them to be in the read model before it answers, so that the officer can
   * open them at once. Never part of the API's answer.
   */
  childCaseIds?: string[];
}

/** The case state for reads. */
export interface TCaseView {
  state: Omit<TCaseState, 'pendingAudit' | 'processed' | 'markers' | 'legalParams'>;
  actions: TAvailableAction[];
  overdue: boolean;
  /** How many idempotency keys the case remembers (carried across continue-as-new). */
  processedCount: number;
  runNumber: number;
  /**
   * Whether the workflow has not yet written the case to the read model itself: an action's answer
   * carried it (docs/adr/0176) and the fallback projection is to come, or a projection is in flight.
   */
  projectionPending: boolean;
}

/** Returns once the new case is set up and in the read model (sent with the start: update-with-start). */
export const caseReadyUpdate = defineUpdate<TActionResult, []>('caseReady');
/** The Update of each officer action, by the action's type: its name is the module's `update` (names never change). */
export type TCaseActionUpdates = { [K in TActionType]: UpdateDefinition<TActionResult, [TUpdateInput<TActions[K]>], string> };
export const CASE_ACTION_UPDATES = Object.fromEntries(Object.entries(CASE_ACTIONS).map(([type, a]) => [type, defineUpdate(a.update)])) as TCaseActionUpdates;

/** Complete the open step `stepId` with an outcome and the step's form data. */
export const completeStepUpdate = CASE_ACTION_UPDATES.COMPLETE_STEP;
/** Take an open step as one's own task. */
export const claimStepUpdate = CASE_ACTION_UPDATES.CLAIM;
/** A team lead or director assigns (or reassigns) a step to an officer. */
export const assignStepUpdate = CASE_ACTION_UPDATES.ASSIGN;
/** The officer on a step asks the granting role for more time (an escalation task for that role). */
export const requestExtensionUpdate = CASE_ACTION_UPDATES.REQUEST_EXTENSION;
/** Extend a step's deadline, within the limits of its legal basis. */
export const grantExtensionUpdate = CASE_ACTION_UPDATES.GRANT_EXTENSION;
/** Stop a step's clock for a lawful reason (time excluded from the period). */
export const pauseClockUpdate = CASE_ACTION_UPDATES.PAUSE_CLOCK;
/** Restart a stopped clock; the deadline moves by the excluded time. */
export const resumeClockUpdate = CASE_ACTION_UPDATES.RESUME_CLOCK;
/** Escalate a step by hand to a supervising role. */
export const escalateUpdate = CASE_ACTION_UPDATES.ESCALATE;
/** Add a note to the case file. */
export const addNoteUpdate = CASE_ACTION_UPDATES.ADD_NOTE;
/** Move the case to another published version of its procedure (after a dry run). */
export const migrateProcedureUpdate = defineUpdate<TActionResult, [TMigrateInput]>('migrateProcedure');

/** An external fact (payment received, goods handed over…), idempotent by `key`. */
export const externalEventSignal = defineSignal<[{ eventId: string; key: string; at?: string; data?: Record<string, unknown> }]>('externalEvent');
/** The holiday calendar changed: recompute open deadlines. */
export const calendarChangedSignal = defineSignal<[{ revision: number }]>('calendarChanged');
/** A sub-procedure's child case closed; `data` is its closing step's form (the parent keeps the fields its step declares). */
export const childCaseClosedSignal = defineSignal<[{ stepId: string; childCaseId: string; outcome: string; data?: Record<string, unknown> }]>('childCaseClosed');

/** The fine's payments: paid, due (fine + surcharge to the last payment), outstanding (domain/engine/payments.ts). */
export const paymentStatusQuery = defineQuery<TPaymentStatus>('paymentStatus');

/** The case: current steps, who may act, deadlines with explanations, history. */
export const caseStateQuery = defineQuery<TCaseView>('caseState');
/**
 * Whether the case applied the request `requestId` (an Idempotency-Key's request id), and if so the
 * case as it is, as a duplicate's answer; null otherwise. Asked of a closed case by the API when a
 * retried action finds the case ended (api/services/case-actions.ts, `executeCaseAction`).
 */
export const requestAppliedQuery = defineQuery<TActionResult | null, [string]>('requestApplied');
