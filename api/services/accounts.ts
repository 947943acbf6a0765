/**
 * The rules about accounts that keep one admin from acting as someone else
 * (docs/adr/0020-api-tokens-and-integration-accounts.md, docs/adr/0021-role-changes-by-four-eyes.md):
 *
 * - an API token acts in its account's name, so it is made only for the admin's own account or for
 *   an integration account of the unit — never for another person;
 * - an integration account has no password and never holds ADMIN or DIRECTOR;
 * - an admin never changes their own roles; ADMIN and DIRECTOR are granted only on a request that
 *   a second admin approves (neither the one who asked nor the one who gains the role);
 * - the unit keeps at least one active admin: the checks run under a lock on the unit's row, so
 *   two admins removing each other at once cannot both succeed;
 * - NATIONAL_ADMIN, which changes the national configuration, is held only by staff of the national
 *   unit and granted like ADMIN, by four eyes (docs/adr/0040).
 */
import { randomUUID } from 'node:crypto';
import { STAFF_ROLES } from '../../domain/procedure.js';
import { NATIONAL_ADMIN } from '../../domain/tenancy.js';
import type { Db } from '../../db/database.js';
import {
  activeAdmins,
  createIntegrationAccount,
  createUser,
  decideRoleRequest,
  expireRoleRequests,
  getAccount,
  getRoleRequest,
  getStaffUser,
  insertRoleRequest,
  isNationalUnit,
  isUsernameTaken,
  lockUnitAccounts,
  updateUser,
  type TAccount,
  type TRoleRequest,
  type TStaffUser,
  type TUser,
} from '../../db/repositories/people.js';
import { AppError, invalidField } from '../errors.js';

/** Roles that decide (penalties, campaign plans, who the admins are, the national configuration): granted only by four eyes. */
const PRIVILEGED_ROLES: readonly string[] = ['ADMIN', 'DIRECTOR', NATIONAL_ADMIN];
/** Roles a person may be given (NATIONAL_ADMIN in the national unit only). */
export const STAFF_ROLE_CHOICES: readonly string[] = [...STAFF_ROLES.filter((r) => r !== 'SYSTEM'), NATIONAL_ADMIN];
/** Roles an integration account may hold: every staff role that does not decide. */
export const INTEGRATION_ROLES = STAFF_ROLE_CHOICES.filter((r) => !PRIVILEGED_ROLES.includes(r));
/** How long a role change request waits for its second admin. */
const ROLE_REQUEST_TTL_MS = 7 * 24 * 3_600_000;

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((r) => b.includes(r)) && b.every((r) => a.includes(r));
const privilegedIn = (roles: readonly string[]): string[] => roles.filter((r) => PRIVILEGED_ROLES.includes(r));
const usernameTaken = (username: string): AppError => invalidField('username', `${username} is taken`, 'taken', { value: username }, 'CONFLICT');

/** Refuses a token for `userId` unless it is the admin's own account or an integration account of the unit. */
export async function assertTokenHolder(db: Db, admin: TUser, userId: string): Promise<void> {
  const holder = await getAccount(db, userId);
  if (!holder || holder.unitId !== admin.unitId) throw invalidField('userId', `no user ${userId} in your unit`, 'unknownUser', { names: userId });
  if (holder.kind !== 'INTEGRATION' && holder.id !== admin.id) {
    throw new AppError(
      'FORBIDDEN',
      `A token acts in its account's name: make it for your own account or for an integration account (POST /api/v1/integrations), never for another person (${userId}).`,
      undefined,
      { reason: 'TOKEN_FOR_ANOTHER_PERSON' },
    );
  }
}

function approvalRequired(userId: string, roles: string[]): AppError {
  return new AppError(
    'BUSINESS_RULE',
    `Granting ${roles.join(' and ')} needs a second admin: ask for it with POST /api/v1/users/${userId}/role-requests, and another admin of the unit approves.`,
    undefined,
    { reason: 'APPROVAL_REQUIRED', roles },
  );
}

/** NATIONAL_ADMIN asked for someone outside the national unit (a trigger on `app_user` refuses it too). */
async function assertNationalRoleInNationalUnit(db: Parameters<typeof isNationalUnit>[0], unitId: string, roles: readonly string[]): Promise<void> {
  if (!roles.includes(NATIONAL_ADMIN) || (await isNationalUnit(db, unitId))) return;
  throw new AppError(
    'BUSINESS_RULE',
    `${NATIONAL_ADMIN} changes the national configuration (calendar, violation catalogue, legal parameters, national procedures) and is held only by staff of the national department, never in a provincial unit.`,
    undefined,
    { reason: 'NATIONAL_ROLE_OUTSIDE_NATIONAL_UNIT', roles: [NATIONAL_ADMIN] },
  );
}

function integrationRole(roles: string[]): AppError {
  return new AppError('BUSINESS_RULE', `An integration account never holds ${roles.join(' or ')}.`, undefined, { reason: 'INTEGRATION_ROLE', roles });
}

/** Under the unit lock: the actor must still be an active admin of the unit (another admin may have just removed them). */
async function stillAdmin(trx: Parameters<typeof lockUnitAccounts>[0], actor: TUser): Promise<void> {
  const a = await getAccount(trx, actor.id);
  if (!a || !a.active || a.unitId !== actor.unitId || !a.roles.includes('ADMIN')) throw new AppError('FORBIDDEN', 'You are no longer an admin of this unit.');
}

/** After a change, in its transaction: refuses it (rolling it back) when the unit would have no active admin. */
async function keepAnAdmin(trx: Parameters<typeof lockUnitAccounts>[0], unitId: string, target: TAccount): Promise<void> {
  if ((await activeAdmins(trx, unitId)).length === 0) {
    throw new AppError('BUSINESS_RULE', `${target.id} is the last active admin of the unit: make another admin first.`, undefined, { reason: 'LAST_ADMIN' });
  }
}

/** A person created by an admin, with ordinary roles; ADMIN and DIRECTOR come by a request afterwards. */
export async function createPerson(
  db: Db,
  admin: TUser,
  b: { username: string; displayName: string; password: string; roles: string[]; teamId: string | null; deputy?: boolean | undefined },
): Promise<TStaffUser> {
  await assertNationalRoleInNationalUnit(db, admin.unitId, b.roles);
  const privileged = privilegedIn(b.roles);
  if (privileged.length) throw approvalRequired(b.username, privileged);
  if (await isUsernameTaken(db, b.username)) throw usernameTaken(b.username);
  await createUser(db, {
    id: b.username,
    username: b.username,
    displayName: b.displayName,
    password: b.password,
    roles: b.roles,
    unitId: admin.unitId,
    teamId: b.teamId,
    ...(b.deputy ? { deputy: true } : {}),
  });
  return (await getStaffUser(db, b.username))!;
}

/** An integration account of the admin's unit: no password, never a privileged role. */
export async function createIntegration(db: Db, admin: TUser, b: { username: string; displayName: string; roles: string[]; teamId: string | null }): Promise<TStaffUser> {
  const privileged = privilegedIn(b.roles);
  if (privileged.length) throw integrationRole(privileged);
  if (await isUsernameTaken(db, b.username)) throw usernameTaken(b.username);
  // Checked again by the insert itself: two admins may ask for the same name at once.
  if (!(await createIntegrationAccount(db, { id: b.username, displayName: b.displayName, roles: b.roles, unitId: admin.unitId, teamId: b.teamId }))) throw usernameTaken(b.username);
  return (await getStaffUser(db, b.username))!;
}

/**
 * Changes another user's roles, team or active state, as one admin may: what grants no privilege.
 * Ends the user's sessions when anything changes.
 */
export async function changeUser(
  db: Db,
  admin: TUser,
  userId: string,
  patch: { roles?: string[] | undefined; teamId?: string | null | undefined; active?: boolean | undefined; deputy?: boolean | undefined },
): Promise<TStaffUser> {
  return db.transaction().execute(async (trx) => {
    await lockUnitAccounts(trx, admin.unitId);
    const target = await getAccount(trx, userId, { forUpdate: true });
    if (!target || target.unitId !== admin.unitId) throw new AppError('NOT_FOUND', `No user ${userId} in your unit.`);
    await stillAdmin(trx, admin);
    const roles = patch.roles && !sameRoles(patch.roles, target.roles) ? patch.roles : undefined;
    const active = patch.active !== undefined && patch.active !== target.active ? patch.active : undefined;
    const current = (await getStaffUser(trx, userId))!;
    const teamId = patch.teamId !== undefined && patch.teamId !== current.teamId ? patch.teamId : undefined;
    if (roles && target.id === admin.id) {
      throw new AppError('FORBIDDEN', 'You cannot change your own roles: another admin of the unit does, on your request (POST /api/v1/users/{id}/role-requests).', undefined, { reason: 'OWN_ROLES' });
    }
    if (roles && target.kind === 'INTEGRATION' && privilegedIn(roles).length) throw integrationRole(privilegedIn(roles));
    if (roles)
      await assertNationalRoleInNationalUnit(
        trx,
        admin.unitId,
        roles.filter((r) => !target.roles.includes(r)),
      );
    const granted = privilegedIn((roles ?? []).filter((r) => !target.roles.includes(r)));
    if (granted.length) throw approvalRequired(userId, granted);
    // Reactivating an account that holds ADMIN or DIRECTOR gives that power back: four eyes too.
    const reactivated = active === true ? privilegedIn(roles ?? target.roles) : [];
    if (reactivated.length) throw approvalRequired(userId, reactivated);
    const deputy = patch.deputy !== undefined && patch.deputy !== current.deputy ? patch.deputy : undefined;
    // A deputy who holds DIRECTOR made the head gets the unit's sanctioning power without a
    // delegation (docs/adr/0197): four eyes, as granting DIRECTOR takes. Drop DIRECTOR, clear the
    // mark, then ask for DIRECTOR again. A team lead's mark changes at once, as the team does.
    const raised = deputy === false && (roles ?? target.roles).includes('DIRECTOR') ? ['DIRECTOR'] : [];
    if (raised.length)
      throw invalidField(
        'deputy',
        `making a deputy who holds ${raised.join(' and ')} the head gives the head's power: a second admin decides. Remove ${raised.join(' and ')}, clear "deputy", then ask for ${raised.join(' and ')} with POST /api/v1/users/${userId}/role-requests`,
        'deputyHeadApproval',
        { roles: raised.join(', ') },
        'BUSINESS_RULE',
      );
    if (roles === undefined && active === undefined && teamId === undefined && deputy === undefined) return current;
    const updated = await updateUser(trx, userId, { roles, active, teamId, deputy });
    await keepAnAdmin(trx, admin.unitId, target);
    if (active === false && target.id === admin.id) throw new AppError('BUSINESS_RULE', 'You cannot deactivate yourself.', undefined, { reason: 'OWN_ACCOUNT' });
    return updated;
  });
}

/** Asks for a change of a user's roles (one's own too); another admin decides. */
export async function requestRoleChange(db: Db, admin: TUser, userId: string, b: { roles: string[]; reason: string }): Promise<TRoleRequest> {
  const target = await getAccount(db, userId);
  if (!target || target.unitId !== admin.unitId) throw new AppError('NOT_FOUND', `No user ${userId} in your unit.`);
  if (!target.active) throw new AppError('BUSINESS_RULE', `${userId} is deactivated: reactivate the account first.`, undefined, { reason: 'INACTIVE' });
  if (target.kind === 'INTEGRATION' && privilegedIn(b.roles).length) throw integrationRole(privilegedIn(b.roles));
  await assertNationalRoleInNationalUnit(
    db,
    admin.unitId,
    b.roles.filter((r) => !target.roles.includes(r)),
  );
  if (sameRoles(b.roles, target.roles)) throw new AppError('BUSINESS_RULE', `${userId} has exactly these roles already.`, undefined, { reason: 'NO_CHANGE' });
  await expireRoleRequests(db, admin.unitId);
  const made = await insertRoleRequest(db, {
    id: randomUUID(),
    unitId: admin.unitId,
    userId,
    fromRoles: target.roles,
    toRoles: b.roles,
    reason: b.reason,
    requestedBy: admin.id,
    expiresAt: new Date(Date.now() + ROLE_REQUEST_TTL_MS),
  });
  if (!made) throw new AppError('CONFLICT', `${userId} has a role change request pending already: decide it first.`);
  return made;
}

/**
 * Approves or rejects a pending request. Approval takes a second admin — neither the one who
 * asked nor the one who gains the roles — and the user's roles as they were when it was asked;
 * the roles then change and the user's sessions end. Any admin of the unit may reject (the one who
 * asked: withdraw).
 */
export async function decideRoleChange(db: Db, admin: TUser, id: string, approve: boolean): Promise<TRoleRequest> {
  return db.transaction().execute(async (trx) => {
    await lockUnitAccounts(trx, admin.unitId);
    const request = await getRoleRequest(trx, admin.unitId, id, { forUpdate: true });
    if (!request) throw new AppError('NOT_FOUND', `No role change request ${id} in your unit.`);
    await stillAdmin(trx, admin);
    if (request.status !== 'PENDING')
      throw new AppError('CONFLICT', request.decidedBy ? `The request was ${request.status.toLowerCase()} by ${request.decidedBy} already.` : `The request is ${request.status.toLowerCase()}.`);
    if (!approve) return decideRoleRequest(trx, id, { status: 'REJECTED', decidedBy: admin.id });
    if (admin.id === request.requestedBy || admin.id === request.userId) {
      throw new AppError('FORBIDDEN', 'A second admin approves: neither the one who asked nor the one who gains the roles.', undefined, { reason: 'FOUR_EYES' });
    }
    if (request.expiresAt.getTime() <= Date.now()) throw new AppError('CONFLICT', `The request expired on ${request.expiresAt.toISOString()} undecided; ask again.`);
    const target = await getAccount(trx, request.userId, { forUpdate: true });
    if (!target || !target.active || !sameRoles(target.roles, request.fromRoles)) {
      throw new AppError('CONFLICT', `${request.userId}'s account changed since the request was made (roles or active state); ask again.`);
    }
    await assertNationalRoleInNationalUnit(
      trx,
      admin.unitId,
      request.toRoles.filter((r) => !target.roles.includes(r)),
    );
    await updateUser(trx, request.userId, { roles: request.toRoles });
    await keepAnAdmin(trx, admin.unitId, target);
    return decideRoleRequest(trx, id, { status: 'APPROVED', decidedBy: admin.id });
  });
}
