/**
 * Sign in, sign out, who am I, change password. Sign-in attempts are throttled per account and per
 * client address (docs/adr/0022-sign-in-throttling.md): each attempt claims its place in
 * PostgreSQL before the password is checked, so every API replica and every concurrent request
 * sees the same count; past the free attempts an account waits an exponential, capped delay, and a
 * browser that signed in to it before (its known-device cookie) is counted on its own instead.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/database.js';
import { createSession, deleteSession, setPassword } from '../../db/repositories/people.js';
import { PUBLIC, route, SIGNED_IN } from '../access.js';
import { currentUser, sessionCookieName, type TAppEnv } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { invalidField } from '../errors.js';
import { TOKEN_ERRORS, UNSAFE_REQUEST_ERRORS, ZErrorBody } from '../schemas.js';
import { signInChecker, SignInThrottled, type TSignInThrottle } from '../services/sign-in.js';

export type { TSignInThrottle } from '../services/sign-in.js';
const DEVICE_COOKIE = 'ins_device';

export interface TAuthOptions {
  sessionTtlMs: number;
  secureCookies: boolean;
  throttle?: Partial<TSignInThrottle> | undefined;
}

const ZUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    unitId: z.string(),
    teamId: z.string().nullable(),
    deputy: z.boolean().optional().openapi({ description: 'A deputy of the DIRECTOR or TEAM_LEAD role held (docs/adr/0197)' }),
  })
  .openapi('User');
const ZSession = z.object({ user: ZUser, csrfToken: z.string() }).openapi('Session');

const loginRoute = route({
  access: PUBLIC,
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
    429: {
      description: 'Too many attempts: for the account (`details.reason` ACCOUNT), from this browser (DEVICE) or from this address (ADDRESS); see Retry-After',
      content: { 'application/json': { schema: ZErrorBody } },
    },
  },
});

const logoutRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/auth/logout',
  tags: ['auth'],
  summary: 'Sign out (ends this session)',
  responses: { 204: { description: 'Signed out' }, ...TOKEN_ERRORS, ...UNSAFE_REQUEST_ERRORS },
});

const meRoute = route({
  access: SIGNED_IN,
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

const passwordRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/auth/password',
  tags: ['auth'],
  summary: 'Change one’s password (ends every other session)',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(12, 'must have at least 12 characters').max(200) }) } },
    },
  },
  responses: {
    ...TOKEN_ERRORS,
    ...UNSAFE_REQUEST_ERRORS,
    200: { description: 'Changed; a fresh session', content: { 'application/json': { schema: ZSession } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
    401: { description: 'Wrong current password', content: { 'application/json': { schema: ZErrorBody } } },
    429: { description: 'Too many wrong current passwords for the account (the sign-in throttle); see Retry-After', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

export function authRoutes(db: Db, opts: TAuthOptions) {
  const { checkSignIn, checkCurrentPassword } = signInChecker(db, opts.throttle);
  const withRetryAfter =
    (c: Context) =>
    (err: unknown): never => {
      if (err instanceof SignInThrottled) c.header('Retry-After', String(err.retryAfterSeconds));
      throw err;
    };
  const cookieName = sessionCookieName(opts.secureCookies);
  const deviceCookieName = opts.secureCookies ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
  const issue = async (c: Context<TAppEnv>, userId: string): Promise<string> => {
    const s = await createSession(db, userId, opts.sessionTtlMs);
    setCookie(c, cookieName, s.token, { httpOnly: true, sameSite: 'Strict', secure: opts.secureCookies, path: '/', expires: s.expiresAt });
    return s.csrfToken;
  };

  return new OpenAPIHono<TAppEnv>()
    .openapi(loginRoute, async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await checkSignIn({ username, password, clientAddress: clientAddress(c), deviceToken: getCookie(c, deviceCookieName) }).catch(withRetryAfter(c));
      // Any session the browser already had is replaced by a new one (no session fixation).
      const previous = getCookie(c, cookieName);
      if (previous) await deleteSession(db, previous);
      const csrfToken = await issue(c, user.id);
      setCookie(c, deviceCookieName, user.device.token, { httpOnly: true, sameSite: 'Strict', secure: opts.secureCookies, path: '/', expires: user.device.expiresAt });
      const signedIn = { id: user.id, username: user.username, displayName: user.display_name, roles: user.roles, unitId: user.unit_id, teamId: user.team_id, deputy: user.deputy };
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
      await checkCurrentPassword({ username: user.username, password: currentPassword }).catch(withRetryAfter(c));
      if (currentPassword === newPassword) throw invalidField('newPassword', 'must differ from the current password', 'mustDiffer', { other: 'currentPassword' });
      await setPassword(db, user.id, newPassword);
      const csrfToken = await issue(c, user.id);
      return c.json({ user, csrfToken }, 200);
    });
}
