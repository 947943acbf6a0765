/**
 * Records every state-changing request (POST, PUT, PATCH, DELETE) of a signed-in user (or an API
 * token), accepted or rejected, in the hash-chained request audit of the user's unit: the actor, the
 * method and path, the status, the error code of a rejection, the server's request id and the
 * Idempotency-Key. Bodies are never recorded (they may hold personal data). Runs outside the
 * session middleware, so a signed-in user's CSRF refusals are recorded too.
 *
 * Anonymous requests are not audited: they have no actor and no unit, and anyone could fill a
 * chain with them. A refused anonymous write is logged instead (with the request line of
 * api/request-log.ts); sign-in attempts are counted in `login_attempt` as before.
 *
 * The row is appended before the answer, in one statement and without a lock (a case action's by
 * its projection's transaction, `answerToWrite`, docs/adr/0200); it is chained
 * (`seq`, `prev_hash`, `hash`) after its commit, by the linker started shortly after it (not
 * awaited; one per chain and replica for the requests of a short window, docs/adr/0177) or by the
 * sweep every API replica runs (docs/adr/0173).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import type { TIdempotencyOutcome } from '../db/repositories/idempotency.js';
import { answeredRequest, appendRequestAudit, linkAllRequestAudits, linkRequestAudit, type TAnsweredRequest, type TRequestAuditInput } from '../db/repositories/request-audit.js';
import type { Logger } from '../lib/logger.js';
import type { TUser } from '../db/repositories/people.js';
import type { TAppEnv } from './auth.js';
import { jsonAnswerText, writeKeyOutcome } from './idempotency.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** How often each API replica links the rows of every chain that its requests' own linkers left (docs/adr/0173). */
export const REQUEST_AUDIT_SWEEP_MS = 10_000;

/**
 * How long after a request's row the replica links its chain: the requests of this window are
 * linked by one linking transaction (six round trips), not one each (docs/adr/0177). What a
 * replica that stops meanwhile leaves, the sweep links.
 */
const REQUEST_AUDIT_LINK_DELAY_MS = 200;

/**
 * Links a chain's rows shortly after a request's row was committed, not awaited: one linker per
 * chain and window on this replica (`pending`); it gives way to a linker already at work on the
 * chain (another replica's), and what it leaves the next window or the sweep links.
 */
function linkRequestAuditSoon(db: Db, log: Logger, pending: Set<string>, chainId: string): void {
  if (pending.has(chainId)) return;
  pending.add(chainId);
  const timer = setTimeout(() => {
    pending.delete(chainId);
    linkRequestAudit(db, chainId, { wait: false }).catch((err: Error) => log.warn({ err: err.message, chainId }, 'request audit rows could not be linked now; the sweep links them'));
  }, REQUEST_AUDIT_LINK_DELAY_MS);
  timer.unref();
}

/** The sweep: links every chain's linkable rows, on any replica, at once with others. */
export function sweepRequestAudits(db: Db, log: Logger): void {
  linkAllRequestAudits(db).catch((err: Error) => log.warn({ err: err.message }, 'request audit sweep failed; retrying later'));
}

/** The request's audit row, answered with `status` (and the error `code` of a refusal). */
function auditRowOf(c: Context<TAppEnv>, user: TUser, status: number, code: string | null): TRequestAuditInput {
  return {
    chainId: user.unitId,
    at: new Date().toISOString(),
    actorId: user.id,
    actorRoles: [...user.roles],
    method: c.req.method,
    path: c.req.path,
    status,
    outcome: status >= 400 ? 'REJECTED' : 'ACCEPTED',
    code,
    requestId: c.get('requestId'),
    idempotencyKey: c.req.header('idempotency-key') ?? null,
  };
}

/**
 * A success answer that a route writes with its own last statement (docs/adr/0200: a case action,
 * with its projection), instead of the statement this middleware sends after the route: the
 * request's audit row and its Idempotency-Key's kept answer, as they would be written here.
 * Undefined when they would not be written together (no signed-in caller, no key claimed, the
 * request audit not running, `res` not the JSON answer the route made). `written()`, once that statement has committed: then neither is
 * written again after the route. The route must answer with `res` and nothing after it may fail.
 */
export function answerToWrite(c: Context<TAppEnv>, res: Response): { answered: TAnsweredRequest; written: () => void } | undefined {
  const user = c.get('user');
  const claim = c.get('keyClaim');
  const body = jsonAnswerText(c, res);
  if (!user || !claim || !c.get('keyOutcomeSink') || res.status >= 400 || body === undefined) return undefined;
  const response = { status: res.status, contentType: res.headers.get('content-type'), body };
  return {
    answered: answeredRequest(auditRowOf(c, user, res.status, null), { kind: 'store', ...claim, response }),
    written: () => c.set('answerWritten', res.status),
  };
}

export function requestAudit(db: Db, log: Logger): MiddlewareHandler<TAppEnv> {
  /** The chains whose linker is due on this replica. */
  const pending = new Set<string>();
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    // The Idempotency-Key's outcome is written with this request's row, in one statement (docs/adr/0180).
    let keyOutcome: TIdempotencyOutcome | undefined;
    c.set('keyOutcomeSink', (o) => {
      keyOutcome = o;
    });
    await next();
    const user = c.get('user');
    const status = c.res.status;
    // Written already, with the route's last statement (docs/adr/0200): linked like any other.
    if (user && c.get('answerWritten') === status) {
      linkRequestAuditSoon(db, log, pending, user.unitId);
      return;
    }
    let code: string | null = null;
    if (status >= 400) {
      try {
        code = ((await c.res.clone().json()) as { error?: { code?: string } }).error?.code ?? null;
      } catch {
        code = null;
      }
    }
    if (!user) {
      if (status >= 400) log.warn({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status, code }, 'anonymous write refused (not in the request audit)');
      // Never so (a key is claimed only for a signed-in caller); written on its own if it were.
      if (keyOutcome) await writeKeyOutcome(db, log, keyOutcome, c.get('requestId'));
      return;
    }
    try {
      await appendRequestAudit(db, auditRowOf(c, user, status, code), keyOutcome);
      linkRequestAuditSoon(db, log, pending, user.unitId);
    } catch (err) {
      // The request has been answered; a lost audit record is an operational alarm, not the caller's error.
      // The key stays claimed until its lease runs out; then a retry of the same request takes it over.
      log.error({ err, requestId: c.get('requestId'), keyOutcome: keyOutcome?.kind }, 'request audit could not be written');
    }
  };
}
