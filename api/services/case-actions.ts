/**
 * Sending an officer action to its case as a Temporal Update, and telling the caller how it really
 * ended when Temporal drops out in the middle (issue 13: a 503 said "nothing was changed" after the
 * step had in fact been applied).
 *
 * Once an Update has left the API, a lost connection says nothing about its fate: it may never have
 * arrived, or be running, or be done. Sending it again with the same Update id finds out without
 * doing anything twice: Temporal answers an Update id it knows in the run with that Update's own
 * outcome (waiting for it if it is still running), and the workflow answers a request id it has
 * processed, also across continue-as-new, as a duplicate with the case as it is. An Update that
 * never arrived is applied then — which is what the caller asked for. Only when Temporal stays out
 * of reach is the outcome unknown, and the caller is told exactly that. The same holds for an Update
 * that Temporal lost before accepting it (a server restart): it is sent again. And the same for an
 * Update that Temporal refused because the case's workflow task keeps failing or timing out (a
 * worker killed in the middle of it): refused before it was admitted, it is sent again until a
 * worker has caught up, and if none has within the lookup window the caller is told that nothing
 * was changed.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { Db } from '../../db/database.js';
import { requestAppliedQuery, type TActionEnvelope, type TActionResult } from '../../workflows/case-messages.js';
import { READ_MODEL_WAIT_MS, readModelReached } from '../../db/repositories/read-model-wait.js';
import { writeCaseProjection } from '../../db/repositories/cases.js';
import type { TAnsweredRequest } from '../../db/repositories/request-audit.js';
import { caseShown, startCase, type TStartCaseInput } from './cases.js';
import { AppError } from '../errors.js';
import { temporalUnreachable, workflowNotReady } from '../error-translator.js';

/**
 * An officer action's Update input: the action's input (its module's schema, domain/engine/actions/)
 * with who acts — the signed-in user, never the client — and the request's idempotency key. The one
 * place the API adds them.
 */
export function updateInput<P extends object>(user: { id: string; roles: readonly string[]; deputy: boolean }, requestId: string, input: P): TActionEnvelope & P {
  // The deputy mark as the API judged the action by it: the papers it issues print it (docs/adr/0197).
  return { actor: { userId: user.id, roles: [...user.roles], deputy: user.deputy }, requestId, ...input };
}

/**
 * An officer action as the API sends it: the Update (executeCaseUpdate), then the read model brought
 * to the state the Update answered with, so that the officer's next read shows the action: written
 * here from the projection the answer carries (docs/adr/0176), or — a case started before, which
 * projects every action itself (docs/adr/0175) — waited for. The answer goes out without the projection.
 * With `answering`, the projection's transaction also writes the request's answer (docs/adr/0200).
 */
export async function executeCaseAction<A extends TActionEnvelope>(
  deps: { temporal: Client; db: Db },
  caseId: string,
  update: UpdateDefinition<TActionResult, [A]>,
  args: A,
  updateId: string,
  answering?: TAnswering,
): Promise<TActionResult> {
  let result: TActionResult;
  try {
    result = await executeCaseUpdate(deps.temporal, caseId, update, args, updateId);
  } catch (err) {
    // A retry of an action that closed the case (its first answer lost) finds the case ended: it
    // was applied, and is answered as the duplicate it is, not as "the case is closed".
    const earlier = endedCase(err) ? await appliedEarlier(deps.temporal, caseId, args.requestId) : undefined;
    if (!earlier) throw err;
    result = earlier;
  }
  return readModelUpTo(deps.db, caseId, result, answering);
}

/**
 * The request's answer, written by the projection's transaction (docs/adr/0200): `of` gives, for the
 * answer as the caller will see it, the request's audit row and its key's kept answer (undefined: not
 * written so); `written` is called once they have committed.
 */
export interface TAnswering {
  of: (answer: TActionResult) => { answered: TAnsweredRequest; written: () => void } | undefined;
}

/**
 * Brings the read model up to an action's answer and returns the answer as the caller sees it
 * (without the projection and the started cases): each sub-procedure's case it started waited for,
 * so that its link opens at once; then the projection it carries written (docs/adr/0176), with the
 * request's answer when `answering` gives it (docs/adr/0200), or — a case started before — waited
 * for (docs/adr/0175). Also what the tests' clients do after an Update (test/read-your-writes.ts).
 */
export async function readModelUpTo(db: Db, caseId: string, result: TActionResult, answering?: TAnswering): Promise<TActionResult> {
  const { projection, childCaseIds, ...answer } = result;
  // The sub-procedures' cases first (each projects its own start): the projection's transaction may
  // write the answer itself, after which nothing may fail.
  await Promise.all((childCaseIds ?? []).map((id) => readModelReached(db, id, 0)));
  // A failed write fails the request (the action stands, in the history); the same request again is
  // answered as a duplicate carrying the projection, and the workflow writes it within seconds anyway.
  if (projection) {
    const toWrite = answering?.of(answer);
    await writeCaseProjection(db, projection, toWrite?.answered);
    toWrite?.written();
  } else await readModelReached(db, caseId, answer.seq);
  return answer;
}

/** Whether Temporal said that the case's workflow has ended (the Update reached a closed case, or was cut off by its end). */
function endedCase(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'AcceptedUpdateCompletedWorkflow';
}

/** The duplicate's answer if the case applied `requestId`, asked of its workflow (a closed one is replayed to answer); undefined otherwise or if it cannot say. */
async function appliedEarlier(client: Client, caseId: string, requestId: string): Promise<TActionResult | undefined> {
  try {
    return (await client.workflow.getHandle(caseId).query(requestAppliedQuery, requestId)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** How long the API keeps asking Temporal for an interrupted Update's outcome before saying it is not known. */
const OUTCOME_LOOKUP_MS = 5_000;

/**
 * The pause before asking Temporal again (attempt 0, 1, …): 150 ms doubling up to a second, never
 * past `deadline` (an epoch in ms) when one is given. Also the tests' clients' (test/read-your-writes.ts).
 */
export function pauseBeforeAsking(attempt: number, deadline = Infinity): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.min(1_000, 150 * 2 ** attempt, Math.max(0, deadline - Date.now()))));
}

/**
 * Executes `update` on case `caseId` with `updateId`; an error from Temporal that is not about
 * reaching it (a refusal) is thrown as it is, for the caller to map.
 */
export async function executeCaseUpdate<A extends TActionEnvelope>(
  client: Client,
  caseId: string,
  update: UpdateDefinition<TActionResult, [A]>,
  args: A,
  updateId: string,
  lookupMs = OUTCOME_LOOKUP_MS,
): Promise<TActionResult> {
  const send = (): Promise<TActionResult> => client.workflow.getHandle(caseId).executeUpdate(update, { args: [args], updateId });
  /** Whether every failure so far was a refusal before admission (the workflow not ready): then nothing was applied. */
  let onlyRefusedBeforeAdmission = true;
  /** Whether to send it again: Temporal out of reach, the Update lost before it was accepted, or the workflow not ready for it. */
  const sendAgain = async (err: unknown): Promise<boolean> => {
    if (workflowNotReady(err)) return true;
    const again = !!temporalUnreachable(err) || (await updateLost(client, caseId, err, { ended: false }));
    if (again) onlyRefusedBeforeAdmission = false;
    return again;
  };
  // Why Temporal was out of reach names its address: never in the answer (the API logs 503s).
  try {
    return await send();
  } catch (err) {
    if (!(await sendAgain(err))) throw err;
  }
  const deadline = Date.now() + lookupMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    await pauseBeforeAsking(attempt, deadline);
    try {
      return await client.withDeadline(Math.max(deadline, Date.now() + 500), send);
    } catch (err) {
      if (!(await sendAgain(err))) throw err;
    }
  }
  if (onlyRefusedBeforeAdmission) {
    throw new AppError(
      'UNAVAILABLE',
      "The case's workflow cannot take actions for a moment (the engine is catching up after an interruption); nothing was changed: " +
        'send the same request again in a few seconds, with the same Idempotency-Key.',
    );
  }
  throw new AppError(
    'UNAVAILABLE',
    `Temporal could not be reached while the action was being sent, so it is not known whether it was applied; ` +
      'send the same request again with the same Idempotency-Key: it is applied at most once.',
  );
}

/**
 * Whether `err` says that Temporal lost the Update, not that the case does not exist or has ended:
 * an Update admitted but not yet accepted (written to the history) lives in the server's memory
 * only, and a server restart forgets it; polling for its outcome then answers NOT_FOUND ("update …
 * not found") though the workflow runs. Sending it again with the same id applies it once (found by
 * the chaos script, issue 13). `ended: true` also counts a closed workflow (a case start, whose
 * start is what matters). Temporal out of reach while asking: also worth sending again.
 */
async function updateLost(client: Client, caseId: string, err: unknown, opts: { ended: boolean }): Promise<boolean> {
  if (!(err instanceof WorkflowNotFoundError)) return false;
  try {
    const d = await client.workflow.getHandle(caseId).describe();
    // An Update to a case that has closed is refused as such (CASE_CLOSED), not sent again.
    return opts.ended || d.status.name === 'RUNNING';
  } catch (e) {
    return !!temporalUnreachable(e);
  }
}

/**
 * Opens a case; when Temporal drops out meanwhile, asks it whether the case exists before answering:
 * if it does, it was opened (the case id is this request's, so nobody else opened it); if Temporal
 * says it does not, it was not; if Temporal cannot say, the caller is told that it is not known, and
 * that the same request with the same key is safe (it is given the same case id and joins the case).
 */
export async function startCaseReportingOutcome(client: Client, db: Db, taskQueue: string, input: TStartCaseInput, lookupMs = OUTCOME_LOOKUP_MS, shownMs = READ_MODEL_WAIT_MS): Promise<void> {
  try {
    await startCase(client, db, taskQueue, input);
    return;
  } catch (err) {
    // The start is durable once made; the Update sent with it (ready in the read model) may be lost by a
    // restart, or refused while the new workflow's first tasks time out (its worker killed): the start is what matters.
    if (!temporalUnreachable(err) && !workflowNotReady(err) && !(await updateLost(client, input.caseId, err, { ended: true }))) throw err;
  }
  const deadline = Date.now() + lookupMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    await pauseBeforeAsking(attempt, deadline);
    try {
      await client.withDeadline(Math.max(deadline, Date.now() + 500), () => client.workflow.getHandle(input.caseId).describe());
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new AppError('UNAVAILABLE', `Temporal could not be reached while case ${input.caseId} was being opened; it was not opened: try again.`);
      }
      if (!temporalUnreachable(err)) throw err;
      continue;
    }
    // It exists: opened (by this request, or an earlier attempt of it); answered once it is shown.
    await caseShown(db, input.caseId, 0, shownMs);
    return;
  }
  throw new AppError(
    'UNAVAILABLE',
    `Temporal could not be reached while case ${input.caseId} was being opened, so it is not known whether it was opened; ` +
      'send the same request again with the same Idempotency-Key: the case is opened at most once.',
  );
}
