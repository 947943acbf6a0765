/**
 * The one translator from what a call to the engine can throw to the HTTP error envelope
 * (api/errors.ts `AppError`), for every route (docs/adr/0060-action-union-engine-layout-refusals.md):
 *
 *  - a refusal of the case workflow (an Update refused by its validator or handler): the refusal as
 *    data, carried as the ApplicationFailure's detail (workflows/case.ts `reject`) — its code, rule,
 *    params, legal basis and details, never read back from the sentence;
 *  - Temporal's own answers: an Update to a case whose workflow has closed (the case is closed), a
 *    workflow that does not exist, one started twice, an Update whose outcome did not come back;
 *  - Temporal out of reach (gRPC UNAVAILABLE or DEADLINE_EXCEEDED, a refused or reset connection, no
 *    connection before the deadline): 503 UNAVAILABLE with a sentence the caller can act on — never
 *    naming the server or the failure (an address, a gRPC message): the error carries it as its
 *    cause, and the error handler logs it with the request id;
 *  - Temporal refusing an Update for now because the workflow's task keeps failing or timing out
 *    (gRPC FAILED_PRECONDITION, e.g. right after its worker was killed): 503 UNAVAILABLE, nothing was
 *    changed, send it again (api/services/case-actions.ts already does, for a few seconds);
 *  - a campaign repository's refusal (`CampaignError`);
 *  - an AppError already: as it is.
 *
 * Anything else is no refusal and no Temporal answer: `httpError` returns undefined, and the error
 * handler (api/app.ts) answers 500.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { CampaignError } from '../domain/campaign.js';
import type { TRefusalParams } from '../domain/engine.js';
import { AppError, ERROR_STATUS, type TErrorCode } from './errors.js';

/** What the failed call was for, so that the answer can say what it means. */
export interface TCallContext {
  /** What the request was doing, for a 503's sentence ("pause the campaign's schedule"). Without it, a sentence for any request. */
  what?: string | undefined;
  /** Whether the call changes something: a call that timed out may then have made the change. Default true. */
  changes?: boolean | undefined;
  /**
   * An Update sent to a case the read model holds (api/services/case-actions.ts has already sent
   * again an Update Temporal lost while the case runs): Temporal's "not found" then means that the
   * case's workflow has closed.
   */
  caseUpdate?: boolean | undefined;
}

/** The refusal as the case workflow sends it: the ApplicationFailure's first detail. */
interface TWireRefusal {
  code?: string;
  rule?: string;
  params?: TRefusalParams;
  legalBasis?: string;
  details?: unknown;
}

/** The type Temporal gives an accepted Update's failure when the workflow completed before the Update did. */
const UPDATE_OUTLIVED_WORKFLOW = 'AcceptedUpdateCompletedWorkflow';

const CASE_CLOSED = 'The case is closed; nothing more can be done in it.';

/** The HTTP error `err` stands for, or undefined when it is neither a refusal nor an answer (or absence) of Temporal. */
export function httpError(err: unknown, ctx: TCallContext = {}): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof CampaignError) return new AppError(err.code, err.message);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    if (f.type === UPDATE_OUTLIVED_WORKFLOW) return new AppError('CASE_CLOSED', CASE_CLOSED, undefined, undefined, { cause: err });
    const r = (f.details?.[0] ?? {}) as TWireRefusal;
    const known = f.type && f.type in ERROR_STATUS;
    const code = (known ? f.type : 'BUSINESS_RULE') as TErrorCode;
    return new AppError(code, f.message, r.legalBasis, r.details ?? (known ? undefined : { reason: f.type }), { ...(r.rule ? { rule: r.rule, params: r.params ?? {} } : {}) });
  }
  if (err instanceof WorkflowNotFoundError) {
    if (ctx.caseUpdate) return new AppError('CASE_CLOSED', CASE_CLOSED, undefined, undefined, { cause: err });
    return new AppError('NOT_FOUND', `No case ${err.workflowId} runs in the engine.`, undefined, undefined, { cause: err });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new AppError('CONFLICT', `Case ${err.workflowId} already exists.`, undefined, undefined, { cause: err });
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError(
      'UNAVAILABLE',
      'Temporal did not answer in time, so it is not known whether the action was applied; send the same request again with the same Idempotency-Key: it is applied at most once.',
      undefined,
      undefined,
      { cause: err },
    );
  }
  if (workflowNotReady(err)) {
    const what = ctx.caseUpdate ? "The case's workflow cannot take actions for a moment (the engine is catching up after an interruption)" : 'Temporal cannot do this for a moment';
    return new AppError('UNAVAILABLE', `${what}; nothing was changed: send the same request again in a few seconds, with the same Idempotency-Key.`, undefined, undefined, {
      cause: err,
    });
  }
  return unavailable(err, ctx);
}

/** gRPC FAILED_PRECONDITION: how Temporal Server 1.29 refuses an Update (or a query) while the workflow's task keeps failing or timing out. */
const GRPC_FAILED_PRECONDITION = 9;

/**
 * Whether Temporal refused the call because the workflow cannot process it now: its workflow task
 * has failed or timed out three times in a row (history service, updateworkflow/api.go: "Workflow
 * Task in failed state"), which is what a worker killed in the middle of tasks leaves behind until a
 * worker completes the next one (found by the chaos script, issue 13). The Update is refused before
 * it is admitted, so nothing was applied and sending it again with the same id is safe. Told by the
 * gRPC status code, not by the server's words.
 */
export function workflowNotReady(err: unknown): boolean {
  for (const e of chain(err)) if (e.code === GRPC_FAILED_PRECONDITION) return true;
  return false;
}

/** Runs a Temporal call; whatever it throws is translated (and thrown as it is when there is nothing to translate). */
export async function withTemporal<T>(what: string, call: () => Promise<T>, opts?: { changes: boolean }): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw httpError(err, { what, changes: opts?.changes ?? true }) ?? err;
  }
}

// ---------------------------------------------------------------------------------------------
// Temporal out of reach

/** gRPC status codes that mean the server was not reached or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
/** Socket errors on the way to the server. */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** The error, or one of its causes (the client wraps gRPC errors in `ServiceError`), as seen on the wire. */
function* chain(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let e = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    yield e as { code?: unknown; message?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
}

/**
 * How Temporal was out of reach, or undefined when the error is an answer of the server (or no
 * Temporal error at all). For the translator, and for the code that sends an Update again
 * (api/services/case-actions.ts) or logs why a service was out of reach (api/app.ts).
 */
export function temporalUnreachable(err: unknown): { timedOut: boolean; reason: string } | undefined {
  for (const e of chain(err)) {
    const reason = String(e.message ?? '')
      .split('\n')[0]!
      .slice(0, 200);
    if (e.code === GRPC_DEADLINE_EXCEEDED) return { timedOut: true, reason };
    if (e.code === GRPC_UNAVAILABLE || (typeof e.code === 'string' && NET_CODES.has(e.code))) return { timedOut: false, reason };
    // The client's own wait for a connection (Connection.ensureConnected / waitForReady): its own words, not the server's.
    if (reason.includes('Failed to connect before the deadline')) return { timedOut: true, reason };
  }
  return undefined;
}

/**
 * The 503 for Temporal out of reach. A call that timed out may have reached the server: for a
 * change, the caller is told to check before trying again.
 */
function unavailable(err: unknown, ctx: TCallContext): AppError | undefined {
  const u = temporalUnreachable(err);
  if (!u) return undefined;
  const changes = ctx.changes ?? true;
  if (!ctx.what) {
    // No more is known than that a service is out of reach: only a read is known to have changed nothing.
    const outcome = changes ? 'it is not known whether a change was made: check, then try again.' : 'nothing was changed, try again.';
    return new AppError('UNAVAILABLE', `A service this request needs cannot be reached; ${outcome}`, undefined, undefined, { cause: err });
  }
  if (u.timedOut && changes) {
    return new AppError('UNAVAILABLE', `Temporal did not answer in time to ${ctx.what}; the change may or may not have been made: check the campaign, then try again.`, undefined, undefined, {
      cause: err,
    });
  }
  return new AppError('UNAVAILABLE', `Temporal cannot be reached to ${ctx.what}; nothing was changed, try again.`, undefined, undefined, { cause: err });
}
