/**
 * Who may call a route, declared with the route: every route of `api/routes/` is made with
 * {@link route} (a `createRoute` that requires `access`), never with `createRoute` itself (lint
 * forbids it there). In front of the route's own validators `route` puts, in this order:
 *
 *   1. the access check: 401 for an anonymous caller of a route that needs a signed-in user, 403
 *      for a role the route does not admit;
 *   2. the input guard (api/text-guard.ts): the path, the query and a JSON body checked for text
 *      PostgreSQL cannot store, the body decoded as strict UTF-8;
 *   3. the Idempotency-Key of a POST (api/idempotency.ts).
 *
 * So a caller who may not call a route gets 401 or 403 whatever they sent — never a 400 that shows
 * the route's schema — and nothing of a request is read beyond its headers before its caller is
 * known to be admitted. (Refusals that depend on the object — a case of another team, a step of
 * other roles — are decided later, by the handler or the workflow.) The body size limit comes
 * before all of this, for every request (api/body-limit.ts).
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { currentUser, requireRole, type TAppEnv } from './auth.js';
import { ZErrorBody } from './schemas.js';
import { inputGuard } from './text-guard.js';

/** Who may call a route. */
export type TAccess =
  /** Anyone, signed in or not (sign-in, the public fine quote and calendar, health). */
  | { kind: 'public' }
  /** Any signed-in user; what they may see or do is then decided per object. */
  | { kind: 'signedIn' }
  /** A signed-in user holding one of `roles`; `what` completes "Only … may …" in the 403. */
  | { kind: 'roles'; roles: readonly string[]; what: string };

export const PUBLIC: TAccess = { kind: 'public' };
export const SIGNED_IN: TAccess = { kind: 'signedIn' };
/** Signed-in users holding one of `roles`. */
export function roles(list: readonly string[], what: string): TAccess {
  return { kind: 'roles', roles: list, what };
}

function authorize(access: TAccess): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    if (access.kind === 'signedIn') currentUser(c);
    else if (access.kind === 'roles') requireRole(c, access.roles, access.what);
    await next();
  };
}

/**
 * The Idempotency-Key handling the app installs (`c.var.idempotency`, set in api/app.ts, which
 * holds the database it needs), run here: after the access check, before the validators.
 */
const idempotent: MiddlewareHandler<TAppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const handle = c.get('idempotency');
  if (!handle) throw new Error('the Idempotency-Key middleware is not installed (api/app.ts sets c.var.idempotency)');
  return handle(c, next);
};

const TOO_LARGE = { description: 'The body is larger than the route takes (api/body-limit.ts)', content: { 'application/json': { schema: ZErrorBody } } };

/**
 * `createRoute` with the route's access declared: the access check, the input guard and the
 * Idempotency-Key handling run before its validators; a route that takes a body declares 413.
 */
export function route<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P; access: TAccess }>(spec: R) {
  const { access, ...config } = spec;
  const takesJson = config.request?.body?.content?.['application/json'] !== undefined;
  const takesBody = ['post', 'put', 'patch', 'delete'].includes(config.method);
  const middleware: MiddlewareHandler<TAppEnv>[] = [authorize(access), inputGuard({ json: takesJson }), idempotent];
  return createRoute({
    ...config,
    responses: (takesBody ? { ...config.responses, 413: TOO_LARGE } : config.responses) as R['responses'],
    middleware,
  });
}
