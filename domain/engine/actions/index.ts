/**
 * The officer actions on a case, one module each (docs/adr/0060-action-union-engine-layout-refusals.md):
 * the union of their inputs is what the engine takes, and each is a case workflow Update.
 */
import type { z } from 'zod';
import type { TActionModule } from '../action.js';
import { addNote } from './add-note.js';
import { assignCase } from './assign-case.js';
import { assignStep } from './assign-step.js';
import { claimStep } from './claim-step.js';
import { completeStep } from './complete-step.js';
import { correctDocument } from './correct-document.js';
import { escalate } from './escalate.js';
import { grantExtension } from './grant-extension.js';
import { pauseClock } from './pause-clock.js';
import { recordExtensionApproval } from './record-extension-approval.js';
import { reissueDocument } from './reissue-document.js';
import { releaseStep } from './release-step.js';
import { requestExtension } from './request-extension.js';
import { resolveEscalation } from './resolve-escalation.js';
import { resumeClock } from './resume-clock.js';

export { migrateProcedure } from './migrate-procedure.js';
/** Every officer action the engine checks and applies, by its type. */
export const CASE_ACTIONS = {
  COMPLETE_STEP: completeStep,
  CLAIM: claimStep,
  RELEASE: releaseStep,
  ASSIGN: assignStep,
  ASSIGN_CASE: assignCase,
  REQUEST_EXTENSION: requestExtension,
  GRANT_EXTENSION: grantExtension,
  RECORD_EXTENSION_APPROVAL: recordExtensionApproval,
  PAUSE_CLOCK: pauseClock,
  RESUME_CLOCK: resumeClock,
  ESCALATE: escalate,
  ADD_NOTE: addNote,
  RESOLVE_ESCALATION: resolveEscalation,
  CORRECT_DOCUMENT: correctDocument,
  REISSUE_DOCUMENT: reissueDocument,
} as const;

type TCaseActions = typeof CASE_ACTIONS;
export type TActionType = keyof TCaseActions;

/** The input of one action, as the engine takes it (and the Update carries it, without the envelope). */
export type TActionInput<K extends TActionType> = z.input<TCaseActions[K]['input']>;

/** One officer action: its type and its input. The union the engine's `checkAction` and `applyAction` take. */
export type TAction = { [K in TActionType]: { type: K } & TActionInput<K> }[TActionType];

/** A module as the generic code (the dispatcher, the workflow's handlers, the API) sees it. */
export type TAnyAction = TActionModule<TActionType>;
