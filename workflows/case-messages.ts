/**
 * The messages of the case workflow. Officer actions are Updates with validators (rejected before
 * anything is written to history, with a code, a message and the legal basis); facts from outside
 * are Signals; reads are a Query. Their name strings never change.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TAction, TActor, TAvailableAction, TCaseState } from '../domain/engine.js';
import type { TFileRef } from '../domain/forms.js';
import type { TViolation } from '../domain/violation-catalogue.js';

/** Common to every officer action: who acts, and the idempotency key of the request. */
export interface TActionEnvelope {
  actor: TActor;
  /** Idempotency key: the same key applies once, even across continue-as-new. */
  requestId: string;
}

export type TCompleteStepInput = TActionEnvelope & {
  stepId: string;
  outcome: string;
  data: Record<string, unknown>;
  evidence?: TFileRef[];
  /** The catalogue rows the form's `violation` fields name, looked up by the API (never taken from the client). */
  resolved?: { violations?: TViolation[] };
};
export type TStepInput = TActionEnvelope & { stepId: string };
export type TAssignInput = TStepInput & { assigneeId: string };
export type TExtensionInput = TStepInput & { amount: number; reason: string };
export type TPauseInput = TStepInput & { reason: string };
export type TEscalateInput = TStepInput & { reason: string; toRole?: string };
export type TNoteInput = TActionEnvelope & { text: string };
export type TMigrateInput = TActionEnvelope & { toVersion: number };

/** What every action returns: the case as it now stands. */
export interface TActionResult {
  caseId: string;
  status: 'OPEN' | 'CLOSED';
  seq: number;
  procedure: { id: string; version: number };
  open: TAvailableAction[];
  /** True when the request id had already been applied: nothing was done again. */
  duplicate: boolean;
}

/** The case state for reads. */
export interface TCaseView {
  state: Omit<TCaseState, 'pendingAudit' | 'processed' | 'markers' | 'legalParams'>;
  actions: TAvailableAction[];
  overdue: boolean;
  /** How many idempotency keys the case remembers (carried across continue-as-new). */
  processedCount: number;
  runNumber: number;
}

/** Returns once the new case is set up and in the read model (sent with the start: update-with-start). */
export const caseReadyUpdate = defineUpdate<TActionResult, []>('caseReady');
/** Complete the open step `stepId` with an outcome and the step's form data. */
export const completeStepUpdate = defineUpdate<TActionResult, [TCompleteStepInput]>('completeStep');
/** Take an open step as one's own task. */
export const claimStepUpdate = defineUpdate<TActionResult, [TStepInput]>('claimStep');
/** Give a claimed step back to the team. */
export const releaseStepUpdate = defineUpdate<TActionResult, [TStepInput]>('releaseStep');
/** A team lead or director assigns (or reassigns) a step to an officer. */
export const assignStepUpdate = defineUpdate<TActionResult, [TAssignInput]>('assignStep');
/** The officer on a step asks the granting role for more time (an escalation task for that role). */
export const requestExtensionUpdate = defineUpdate<TActionResult, [TExtensionInput]>('requestExtension');
/** Extend a step's deadline, within the limits of its legal basis. */
export const grantExtensionUpdate = defineUpdate<TActionResult, [TExtensionInput]>('grantExtension');
/** Stop a step's clock for a lawful reason (time excluded from the period). */
export const pauseClockUpdate = defineUpdate<TActionResult, [TPauseInput]>('pauseClock');
/** Restart a stopped clock; the deadline moves by the excluded time. */
export const resumeClockUpdate = defineUpdate<TActionResult, [TStepInput]>('resumeClock');
/** Escalate a step by hand to a supervising role. */
export const escalateUpdate = defineUpdate<TActionResult, [TEscalateInput]>('escalate');
/** Add a note to the case file. */
export const addNoteUpdate = defineUpdate<TActionResult, [TNoteInput]>('addNote');
/** Move the case to another published version of its procedure (after a dry run). */
export const migrateProcedureUpdate = defineUpdate<TActionResult, [TMigrateInput]>('migrateProcedure');

/** An external fact (payment received, goods handed over…), idempotent by `key`. */
export const externalEventSignal = defineSignal<[{ eventId: string; key: string; at?: string; data?: Record<string, unknown> }]>('externalEvent');
/** The holiday calendar changed: recompute open deadlines. */
export const calendarChangedSignal = defineSignal<[{ revision: number }]>('calendarChanged');
/** A sub-procedure's child case closed; `data` is its closing step's form (the parent keeps the fields its step declares). */
export const childCaseClosedSignal = defineSignal<[{ stepId: string; childCaseId: string; outcome: string; data?: Record<string, unknown> }]>('childCaseClosed');

/** The case: current steps, who may act, deadlines with explanations, history. */
export const caseStateQuery = defineQuery<TCaseView>('caseState');

export type { TAction };
