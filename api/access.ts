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
import type { Context, MiddlewareHandler } from 'hono';
import { canEditUnitSite, isNationalAdmin, NATIONAL_ADMIN, NATIONAL_CONFIGURATION, NATIONAL_UNIT, TENANCY_REASONS, variantProcedureId, type TNationalConfiguration } from '../domain/tenancy.js';
import { currentUser, requireRole, type TAppEnv } from './auth.js';
import { AppError } from './errors.js';
import { ZErrorBody } from './schemas.js';
import { inputGuard } from './text-guard.js';

/** Who may call a route. */
export type TAccess =
  /** Anyone, signed in or not (sign-in, the public fine quote and calendar, health). */
  | { kind: 'public' }
  /** Any signed-in user; what they may see or do is then decided per object. */
  | { kind: 'signedIn' }
  /** A signed-in user holding one of `roles`; `what` completes "Only … may …" in the 403. */
  | { kind: 'roles'; roles: readonly string[]; what: string }
  /** National configuration (docs/adr/0040): a national administrator (NATIONAL_ADMIN) only; every other caller gets a 403 that says so. */
  | { kind: 'national'; configuration: TNationalConfiguration }
  /**
   * The procedure named by the path's `procedureId`: a national one is changed by a national
   * administrator, a unit's own by an ADMIN of that unit (docs/adr/0040). Decided from the path
   * (and the procedure's recorded owner) before the body is read.
   */
  | { kind: 'procedure' }
  /**
   * What a unit administers for itself (its public site, docs/adr/0137): an ADMIN of a provincial
   * unit; at the national department its NATIONAL_ADMIN — the department's ADMIN manages its
   * accounts only (docs/adr/0040). The object is then the caller's own unit's.
   */
  | {
      kind: 'unitAdmin';
      what: string;
      /** The path parameter naming the unit (`/units/{unitId}/…`): another unit's is refused (403 OTHER_UNIT_CONFIGURATION) before the body is read. */
      ownUnitParam?: string;
    };

export const PUBLIC: TAccess = { kind: 'public' };
export const SIGNED_IN: TAccess = { kind: 'signedIn' };
/** Signed-in users holding one of `roles`. */
export function roles(list: readonly string[], what: string): TAccess {
  return { kind: 'roles', roles: list, what };
}

/** National configuration: only a national administrator changes it. */
export function national(configuration: TNationalConfiguration): TAccess {
  return { kind: 'national', configuration };
}
/** A unit's ADMIN, or the national department's NATIONAL_ADMIN, for their own unit's `what`. */
export function unitAdmin(what: string, opts: { ownUnitParam?: string } = {}): TAccess {
  return { kind: 'unitAdmin', what, ...opts };
}
/** The procedure of the path: national (NATIONAL_ADMIN) or a unit's own (ADMIN of that unit). */
export const PROCEDURE_OWNER: TAccess = { kind: 'procedure' };

/** The 403 for a write of national configuration by someone who is not a national administrator. */
function nationalConfigurationRefusal(configuration: TNationalConfiguration, extra = '', details: Record<string, unknown> = {}): AppError {
  return new AppError(
    'FORBIDDEN',
    `${NATIONAL_CONFIGURATION[configuration]} is national configuration, the same for every unit: only a national administrator (role ${NATIONAL_ADMIN}, at the national department) changes it; your unit reads it.${extra}`,
    undefined,
    { reason: TENANCY_REASONS.NATIONAL_CONFIGURATION, configuration, editableBy: NATIONAL_ADMIN, ...details },
  );
}

async function authorizeProcedureWrite(c: Context<TAppEnv>): Promise<void> {
  const user = currentUser(c);
  const ownerOf = c.get('procedureOwner');
  if (!ownerOf) throw new Error('the procedure owner lookup is not installed (api/app.ts sets c.var.procedureOwner)');
  const procedureId = c.req.param('procedureId') ?? '';
  const owner = await ownerOf(procedureId);
  if (owner.kind === 'NATIONAL') {
    if (isNationalAdmin(user.roles)) return;
    const variantId = variantProcedureId(user.unitId, procedureId);
    throw nationalConfigurationRefusal(
      'PROCEDURES',
      ` Your unit may publish its own variant of it: a procedure whose id starts with “${user.unitId}.” (such as ${variantId}) and whose variantOf names the national version it keeps to.`,
      { procedureId, variantId },
    );
  }
  if (owner.unitId !== user.unitId) {
    throw new AppError(
      'FORBIDDEN',
      `Procedures whose id starts with “${owner.unitId}.” are another unit's own: only that unit's admins change them. Your unit's own procedures start with “${user.unitId}.”.`,
      undefined,
      { reason: TENANCY_REASONS.OTHER_UNIT },
    );
  }
  requireRole(c, ['ADMIN'], "change your unit's own procedures");
}

function authorize(access: TAccess): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    if (access.kind === 'signedIn') currentUser(c);
    else if (access.kind === 'roles') requireRole(c, access.roles, access.what);
    else if (access.kind === 'national') {
      if (!isNationalAdmin(currentUser(c).roles)) throw nationalConfigurationRefusal(access.configuration);
    } else if (access.kind === 'procedure') await authorizeProcedureWrite(c);
    else if (access.kind === 'unitAdmin') {
      const user = currentUser(c);
      if (!canEditUnitSite(user) && user.unitId === NATIONAL_UNIT.id)
        throw new AppError('FORBIDDEN', `At the national department only a national administrator (role ${NATIONAL_ADMIN}) may ${access.what}.`, undefined, {
          reason: TENANCY_REASONS.NATIONAL_CONFIGURATION,
          editableBy: NATIONAL_ADMIN,
        });
      if (!canEditUnitSite(user)) requireRole(c, ['ADMIN'], access.what);
      if (access.ownUnitParam !== undefined && c.req.param(access.ownUnitParam) !== user.unitId)
        throw new AppError('FORBIDDEN', `That is another unit's own configuration: only its admins ${access.what}. Your unit is ${user.unitId}.`, undefined, {
          reason: TENANCY_REASONS.OTHER_UNIT_CONFIGURATION,
        });
    }
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
