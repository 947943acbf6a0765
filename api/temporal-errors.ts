/**
 * Temporal out of reach, told apart from Temporal's answers: a route whose Temporal call fails
 * because the server cannot be reached (gRPC UNAVAILABLE or DEADLINE_EXCEEDED, a refused or reset
 * connection, no connection before the deadline) answers 503 UNAVAILABLE with a sentence the caller
 * can act on, instead of 500. Answers of the server (a schedule that does not exist, a conflict)
 * keep their own meaning. The sentence never names the server or the failure (an address, a gRPC
 * message): the error carries it as its cause, and the error handler logs it with the request id.
 */
import { AppError } from './errors.js';

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

/** How Temporal was out of reach, or undefined when the error is an answer of the server (or no Temporal error at all). */
export function temporalUnreachable(err: unknown): { timedOut: boolean; reason: string } | undefined {
  for (const e of chain(err)) {
    const reason = String(e.message ?? '').split('\n')[0]!.slice(0, 200);
    if (e.code === GRPC_DEADLINE_EXCEEDED) return { timedOut: true, reason };
    if (e.code === GRPC_UNAVAILABLE || (typeof e.code === 'string' && NET_CODES.has(e.code))) return { timedOut: false, reason };
    // The client's own wait for a connection (Connection.ensureConnected / waitForReady).
    if (/Failed to connect before the deadline/.test(reason)) return { timedOut: true, reason };
  }
  return undefined;
}

/**
 * The 503 for an error that means Temporal was out of reach (undefined otherwise). `what` says what
 * the route was doing ("pause the campaign's schedule"). A call that timed out may have reached the
 * server: for a change, the caller is told to check before trying again.
 */
export function temporalUnavailableError(err: unknown, what: string, opts: { changes: boolean } = { changes: true }): AppError | undefined {
  const u = temporalUnreachable(err);
  if (!u) return undefined;
  if (u.timedOut && opts.changes) {
    return new AppError('UNAVAILABLE', `Temporal did not answer in time to ${what}; the change may or may not have been made: check the campaign, then try again.`, undefined, undefined, { cause: err });
  }
  return new AppError('UNAVAILABLE', `Temporal cannot be reached to ${what}; nothing was changed, try again.`, undefined, undefined, { cause: err });
}

/** Runs a Temporal call; out of reach, it becomes the 503 above; any other error passes through. */
export async function withTemporal<T>(what: string, call: () => Promise<T>, opts?: { changes: boolean }): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw temporalUnavailableError(err, what, opts) ?? err;
  }
}
