/**
 * Sign in, sign out, who am I, change password. Failed sign-ins are throttled per username and per
 * client address, counted in PostgreSQL so every API replica sees the same count.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/database.js';
import {
  clearLoginFailures,
  createSession,
  deleteSession,
  findUserForLogin,
  recentLoginFailures,
  recordLoginFailure,
  setPassword,
} from '../../db/repositories/people.js';
import { dummyHash, verifyPassword } from '../../lib/passwords.js';
import { currentUser, sessionCookieName, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { TOKEN_ERRORS, UNSAFE_REQUEST_ERRORS, ZErrorBody } from '../schemas.js';

export interface TAuthOptions {
  sessionTtlMs: number;
  secureCookies: boolean;
  /** Failures allowed per username (and ×4 per client address) in the window before 429. */
  maxFailures?: number;
  failureWindowMs?: number;
}

const ZUser = z
  .object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()), unitId: z.string(), teamId: z.string().nullable() })
  .openapi('User');
const ZSession = z.object({ user: ZUser, csrfToken: z.string() }).openapi('Session');

const loginRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  tags: ['auth'],
  summary: 'Sign in with username and password; sets the session cookie',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }) } } } },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'Signed in', content: { 'application/json': { schema: ZSession } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
    401: { description: 'Wrong username or password', content: { 'application/json': { schema: ZErrorBody } } },
    429: { description: 'Too many failed attempts', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/logout',
  tags: ['auth'],
  summary: 'Sign out (ends this session)',
  responses: { 204: { description: 'Signed out' }, ...TOKEN_ERRORS, ...UNSAFE_REQUEST_ERRORS },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user and the CSRF token of the session',
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'Signed in', content: { 'application/json': { schema: ZSession } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/password',
  tags: ['auth'],
  summary: 'Change one’s password (ends every other session)',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(12, 'must have at least 12 characters').max(200) }) } } } },
  responses: {
    ...TOKEN_ERRORS,
    ...UNSAFE_REQUEST_ERRORS,
    200: { description: 'Changed; a fresh session', content: { 'application/json': { schema: ZSession } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
    401: { description: 'Wrong current password', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoutes(db: Db, opts: TAuthOptions) {
  const maxFailures = opts.maxFailures ?? 5;
  const windowMs = opts.failureWindowMs ?? 15 * 60_000;
  const cookieName = sessionCookieName(opts.secureCookies);
  const issue = async (c: Context<TAppEnv>, userId: string): Promise<string> => {
    const s = await createSession(db, userId, opts.sessionTtlMs);
    setCookie(c, cookieName, s.token, { httpOnly: true, sameSite: 'Strict', secure: opts.secureCookies, path: '/', expires: s.expiresAt });
    return s.csrfToken;
  };

  return new OpenAPIHono<TAppEnv>()
    .openapi(loginRoute, async (c) => {
      const { username, password } = c.req.valid('json');
      const client = clientOf(c);
      const failures = await recentLoginFailures(db, username, client, windowMs);
      if (failures.byUser >= maxFailures || failures.byClient >= maxFailures * 4) {
        c.header('Retry-After', String(Math.ceil(windowMs / 1000)));
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins; wait ${Math.ceil(windowMs / 60_000)} minutes or ask an admin to reset the password.`);
      }
      const user = await findUserForLogin(db, username);
      // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
      if (!user || !ok) {
        await recordLoginFailure(db, username, client);
        throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
      }
      // Any session the browser already had is replaced by a new one (no session fixation).
      const previous = getCookie(c, cookieName);
      if (previous) await deleteSession(db, previous);
      await clearLoginFailures(db, username);
      const csrfToken = await issue(c, user.id);
      const signedIn = { id: user.id, username: user.username, displayName: user.display_name, roles: user.roles, unitId: user.unit_id, teamId: user.team_id };
      // The request audit records the sign-in under the one who signed in, in their unit's chain.
      c.set('user', signedIn);
      return c.json({ user: signedIn, csrfToken }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const token = getCookie(c, cookieName);
      if (token) await deleteSession(db, token);
      deleteCookie(c, cookieName, { path: '/', secure: opts.secureCookies });
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => c.json({ user: currentUser(c), csrfToken: c.get('csrfToken')! }, 200))
    .openapi(passwordRoute, async (c) => {
      const user = currentUser(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const row = await findUserForLogin(db, user.username);
      if (!row || !(await verifyPassword(row.password_hash, currentPassword))) throw new AppError('UNAUTHENTICATED', 'The current password is wrong.');
      if (currentPassword === newPassword) throw new AppError('VALIDATION_FAILED', 'newPassword: must differ from the current password');
      await setPassword(db, user.id, newPassword);
      const csrfToken = await issue(c, user.id);
      return c.json({ user, csrfToken }, 200);
    });
}
