/**
 * Sessions and permissions at the HTTP edge. A browser session is an httpOnly, SameSite=Strict
 * cookie holding a random token (the database keeps only its hash); every state-changing request
 * made with it must carry the session's CSRF token in `X-CSRF-Token`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import { sessionUser, tokenUser, type TUser } from '../db/repositories/people.js';
import type { TIdempotencyOutcome } from '../db/repositories/idempotency.js';
import type { TActedCase } from '../db/tables/cases.table.js';
import { isUnitWide } from '../domain/roles.js';
import { AppError } from './errors.js';
import type { TProcedureOwner } from './services/procedure-scope.js';

const SESSION_COOKIE = 'ins_session';

/**
 * The session cookie's name: with Secure cookies (HTTPS, production) it carries the `__Host-` prefix,
 * so browsers accept it only from this exact host, over HTTPS, for path `/` and without a Domain —
 * a sibling subdomain cannot plant or overwrite it. Plain HTTP (local development) cannot use the
 * prefix, so the plain name is used there.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export type TAppEnv = {
  Variables: {
    /** The server's id of the request (api/request-id.ts). */
    requestId: string;
    /** The X-Request-Id a client or proxy sent, if short and plain: for correlating logs only. */
    clientRequestId?: string;
    user?: TUser;
    csrfToken?: string;
    /** Set for API-token requests: what the token may do (browser sessions may do all the user may). */
    scopes?: string[];
    /** This response's Content-Security-Policy nonce (api/security-headers.ts). */
    secureHeadersNonce?: string;
    /** The Idempotency-Key handling, installed by the app and run by each route after its access check (api/access.ts). */
    idempotency?: MiddlewareHandler<TAppEnv>;
    /** Whose a procedure (id) is, for the access check of procedure writes (installed by the app, which holds the database; api/access.ts). */
    procedureOwner?: (procedureId: string) => Promise<TProcedureOwner>;
    /** Set by the Idempotency-Key middleware on a POST: the request's id towards Temporal (api/idempotency.ts). */
    idempotentRequestId?: string;
    /**
     * Set by the Idempotency-Key middleware on a POST under `/api/v1/cases/{caseId}/`: what an action
     * needs of the case's row, as read by the statement that claimed the key (undefined: no such
     * case), docs/adr/0172.
     */
    claimedCase?: { caseId: string; row: TActedCase | undefined };
    /**
     * Set by the request audit (api/request-audit.ts) on a request it will record: takes the
     * Idempotency-Key's outcome, to be written by the statement that appends the request's audit row
     * (docs/adr/0180). Unset: the Idempotency-Key middleware writes the outcome itself.
     */
    keyOutcomeSink?: (outcome: TIdempotencyOutcome) => void;
    /** Set by the Idempotency-Key middleware on a POST: who holds the key the request claimed (api/idempotency.ts). */
    keyClaim?: { scope: string; key: string; owner: string };
    /**
     * Set by a route that wrote its answer's audit row and its key's kept answer with its own last
     * statement (docs/adr/0200): the status it answers with. Neither is written again after the route.
     */
    answerWritten?: number;
    /** Set by the Idempotency-Key middleware's `c.json`: the last JSON answer made and its text (api/idempotency.ts). */
    jsonAnswer?: { res: Response; text: string };
    /** The session or API token of the request: its stored SHA-256, and when a session expires. */
    credential?: { tokenHash: string; expiresAt?: Date };
  };
};

/** The scope a token needs for a request; undefined: tokens may not call it (sign-in, admin). */
function scopeFor(method: string, path: string): string | undefined {
  const read = method === 'GET' || method === 'HEAD';
  if (path.startsWith('/api/v1/cases') || path === '/api/v1/inbox' || path === '/api/v1/escalations') return read ? 'cases:read' : path.endsWith('/migrate') ? undefined : 'cases:write';
  if (path === '/api/v1/events') return 'events:read';
  if (path.startsWith('/api/v1/evidence')) return read ? 'cases:read' : 'evidence:write';
  // The business registry, e.g. kept in step with the national business registration system.
  if (path.startsWith('/api/v1/businesses') || path.startsWith('/api/v1/markets') || path.startsWith('/api/v1/hotspots')) return read ? 'registry:read' : 'registry:write';
  if (read && (path.startsWith('/api/v1/procedures') || path.startsWith('/api/v1/calendar') || path.startsWith('/api/v1/violations') || path.startsWith('/api/v1/legal-parameters')))
    return 'reference:read';
  return undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Loads the session's user (if any) and enforces CSRF on state-changing requests made with it. */
export function sessionMiddleware(db: Db, opts: { secureCookies: boolean }): MiddlewareHandler<TAppEnv> {
  const cookieName = sessionCookieName(opts.secureCookies);
  return async (c, next) => {
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      // An integration's API token: no cookie, so no CSRF; limited to the token's scopes.
      const found = await tokenUser(db, auth.slice('Bearer '.length).trim());
      if (!found) throw new AppError('UNAUTHENTICATED', 'The API token is unknown or revoked.');
      // Set first, so that a refusal below is audited under the token's account, not as anonymous.
      c.set('user', found.user);
      c.set('scopes', found.scopes);
      c.set('credential', { tokenHash: found.tokenHash });
      const needed = scopeFor(c.req.method, c.req.path);
      if (!needed || !found.scopes.includes(needed)) {
        throw new AppError('FORBIDDEN', needed ? `The API token lacks the scope ${needed}.` : 'API tokens may not call this route.');
      }
      return next();
    }
    const token = getCookie(c, cookieName);
    if (token) {
      const session = await sessionUser(db, token);
      if (session) {
        c.set('user', session.user);
        c.set('csrfToken', session.csrfToken);
        c.set('credential', { tokenHash: session.tokenHash, expiresAt: session.expiresAt });
        // Signing in starts a new session, so it needs no token of the old one (SameSite=Strict guards it).
        if (UNSAFE.has(c.req.method) && c.req.path !== '/api/v1/auth/login' && c.req.header('x-csrf-token') !== session.csrfToken) {
          throw new AppError('FORBIDDEN', 'The X-CSRF-Token header is missing or wrong; reload the page and try again.', undefined, { reason: 'CSRF' });
        }
      }
    }
    await next();
  };
}

/** The signed-in user, or 401. */
export function currentUser(c: Context<TAppEnv>): TUser {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first (the session is missing or has expired).');
  return user;
}

/** The signed-in user holding one of `roles`, or 403. */
export function requireRole(c: Context<TAppEnv>, roles: readonly string[], what: string): TUser {
  const user = currentUser(c);
  if (!user.roles.some((r) => roles.includes(r))) throw new AppError('FORBIDDEN', `Only ${roles.join(', ')} may ${what}.`);
  return user;
}

/**
 * Object-level check (OWASP API1): may `user` see a case of this unit and team? Answered per
 * object, never from the role alone.
 */
export function canSeeCase(user: TUser, c: { unit_id: string; team_id: string }): boolean {
  if (c.unit_id !== user.unitId) return false;
  if (isUnitWide(user)) return true;
  return user.teamId !== null && c.team_id === user.teamId;
}

/** The SQL form of `canSeeCase` for lists (db/repositories/case-queries.ts): same unit, and same team unless unit-wide. */
export function caseScope(user: TUser): { unitId: string; unitWide: boolean; teamId: string | null } {
  return { unitId: user.unitId, unitWide: isUnitWide(user), teamId: user.teamId };
}
