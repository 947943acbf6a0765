/**
 * Units, teams, users and their sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { hashPassword } from '../../lib/passwords.js';
import { KEEP_PLAN } from '../database.js';
import type { Database } from '../schema.js';
import type { TAccountKind, TRoleRequestStatus } from '../tables/people.table.js';
import { fixedStatement } from '../fixed-statement.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The signed-in person as the API sees them. */
export interface TUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string;
  teamId: string | null;
  /**
   * A deputy of the DIRECTOR or TEAM_LEAD role held (docs/adr/0197): shown beside the role, and what
   * a decision in a head's title is judged by (a deputy's needs a delegation). Read with the session
   * or the API token on every request, so a change of the mark holds from the next request.
   */
  deputy: boolean;
}

/** A provincial unit (the one national unit is made by the migration `2026-12-04T00-00_tenancy`). */
export async function createUnit(db: Q, u: { id: string; name: string; province: string }): Promise<void> {
  await db
    .insertInto('unit')
    .values(u)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Whether the unit is the national department (docs/adr/0040); false for an unknown unit. */
export async function isNationalUnit(db: Q, unitId: string): Promise<boolean> {
  const row = await db.selectFrom('unit').select('level').where('id', '=', unitId).executeTakeFirst();
  return row?.level === 'NATIONAL';
}

export async function createTeam(db: Q, t: { id: string; unitId: string; name: string }): Promise<void> {
  await db
    .insertInto('team')
    .values({ id: t.id, unit_id: t.unitId, name: t.name })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function createUser(
  db: Q,
  u: { id: string; username: string; displayName: string; password: string; roles: string[]; unitId: string; teamId?: string | null; email?: string | null; deputy?: boolean },
): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      id: u.id,
      username: u.username.toLowerCase(),
      display_name: u.displayName,
      password_hash: await hashPassword(u.password),
      roles: u.roles,
      unit_id: u.unitId,
      team_id: u.teamId ?? null,
      // Only when given: older schemas (the migration tests) have no e-mail column.
      ...(u.email !== undefined ? { email: u.email } : {}),
      // Likewise: only when given (docs/adr/0197).
      ...(u.deputy !== undefined ? { deputy: u.deputy } : {}),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** An integration account: no password, so nobody signs in to it; it acts through API tokens. False when the id or username is taken. */
export async function createIntegrationAccount(db: Q, u: { id: string; displayName: string; roles: string[]; unitId: string; teamId: string | null }): Promise<boolean> {
  const made = await db
    .insertInto('app_user')
    .values({ id: u.id, username: u.id, display_name: u.displayName, password_hash: null, kind: 'INTEGRATION', roles: u.roles, unit_id: u.unitId, team_id: u.teamId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return made !== undefined;
}

/** The active person who may sign in as `username` (never an integration account). */
export async function findUserForLogin(db: Q, username: string) {
  const row = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .where('active', '=', true)
    .where('kind', '=', 'PERSON')
    .where('password_hash', 'is not', null)
    .executeTakeFirst();
  return row ? { ...row, password_hash: row.password_hash! } : undefined;
}

export async function setPassword(db: Kysely<Database>, userId: string, password: string): Promise<void> {
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash, password_changed_at: new Date() }).where('id', '=', userId).execute();
    // A new password ends every other session.
    await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
  });
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A new session with fresh random tokens (never one the client proposes: no session fixation). */
export async function createSession(db: Q, userId: string, ttlMs: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db
    .insertInto('user_session')
    .values({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * How stale `last_seen_at` may grow before a request writes it again (docs/adr/0171): a request
 * reads its session in one statement and writes only when this much has passed since the last
 * write, so a GET, and most writes, cost no write of the session at all.
 */
export const SESSION_TOUCH_SLACK_MS = 5 * 60_000;

/**
 * The session's user, if the token is known, unexpired and the user active. Its expiry is absolute
 * (set at sign-in, never extended); `last_seen_at` is written again only when it is older than
 * {@link SESSION_TOUCH_SLACK_MS}, so it is at most that much behind the last request.
 */
/** A session's user, read with every request (built once: db/fixed-statement.ts). */
export const sessionRead = fixedStatement('session', (db, v: { tokenHash: string; now: Date }) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.unit_id', 'u.team_id', 'u.deputy', 's.csrf_token', 's.token_hash', 's.expires_at', 's.last_seen_at'])
    // Sent with every request, found by its key: PostgreSQL keeps its plan (docs/adr/0181).
    .modifyFront(KEEP_PLAN)
    .where('s.token_hash', '=', v.tokenHash)
    .where('s.expires_at', '>', v.now)
    .where('u.active', '=', true)
    .where('u.kind', '=', 'PERSON'),
);

export async function sessionUser(db: Q, token: string, now = new Date()): Promise<{ user: TUser; csrfToken: string; tokenHash: string; expiresAt: Date } | undefined> {
  const [row] = await sessionRead(db, { tokenHash: sha256(token), now });
  if (!row) return undefined;
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= SESSION_TOUCH_SLACK_MS) {
    // Concurrent requests may both write: the later time wins, never an earlier one.
    await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', row.token_hash).where('last_seen_at', '<', now).execute();
  }
  return {
    user: { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles, unitId: row.unit_id, teamId: row.team_id, deputy: row.deputy },
    csrfToken: row.csrf_token,
    tokenHash: row.token_hash,
    expiresAt: new Date(row.expires_at),
  };
}

/**
 * Whether the session or API token stored under `tokenHash` still lets its user in: unexpired, not
 * revoked, and the user active (what a long-lived event stream re-checks).
 */
export async function credentialActive(db: Q, tokenHash: string): Promise<boolean> {
  const now = new Date();
  const session = db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(sql<number>`1`.as('one'))
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true);
  const token = db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(sql<number>`1`.as('one'))
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.active', '=', true);
  return (await session.unionAll(token).executeTakeFirst()) !== undefined;
}

export async function deleteSession(db: Q, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', sha256(token)).execute();
}

export const TOKEN_SCOPES = ['cases:read', 'cases:write', 'events:read', 'evidence:write', 'reference:read', 'registry:read', 'registry:write'] as const;
export type TTokenScope = (typeof TOKEN_SCOPES)[number];

/** Creates a token; returns it once (only its hash is stored). */
export async function createApiToken(db: Q, t: { name: string; userId: string; scopes: TTokenScope[]; createdBy: string }): Promise<{ id: string; token: string }> {
  const id = randomBytes(8).toString('hex');
  const token = `ins_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_token')
    .values({ id, token_hash: sha256(token), name: t.name, user_id: t.userId, scopes: t.scopes, created_by: t.createdBy })
    .execute();
  return { id, token };
}

/** The token's user and scopes, if the token is known and not revoked. */
export async function tokenUser(db: Q, token: string): Promise<{ user: TUser; scopes: string[]; tokenHash: string } | undefined> {
  const row = await db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.scopes', 't.last_used_at', 'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.unit_id', 'u.team_id', 'u.deputy'])
    .where('t.token_hash', '=', sha256(token))
    .where('t.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  // Like a session's last_seen_at: written again only once it is SESSION_TOUCH_SLACK_MS old (docs/adr/0171).
  const now = new Date();
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= SESSION_TOUCH_SLACK_MS) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return {
    user: { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles, unitId: row.unit_id, teamId: row.team_id, deputy: row.deputy },
    scopes: row.scopes,
    tokenHash: sha256(token),
  };
}

export async function revokeApiToken(db: Q, id: string): Promise<boolean> {
  const r = await db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** An API token as the admin console lists it (never the token or its hash); the names are the API's. */
export interface TApiToken {
  id: string;
  name: string;
  user_id: string;
  scopes: TTokenScope[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** The tokens of the unit's users, oldest first, revoked ones included. */
export async function listApiTokens(db: Q, unitId: string): Promise<TApiToken[]> {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.name', 't.user_id', 't.scopes', 't.created_by', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .where('u.unit_id', '=', unitId)
    .orderBy('t.created_at')
    .execute();
}

/** The unit of the user a token acts as, or undefined when there is no such token. */
export async function apiTokenUnit(db: Q, tokenId: string): Promise<string | undefined> {
  const row = await db.selectFrom('api_token as t').innerJoin('app_user as u', 'u.id', 't.user_id').select('u.unit_id').where('t.id', '=', tokenId).executeTakeFirst();
  return row?.unit_id;
}

/** A staff account as the admin manages it. */
export interface TStaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  teamId: string | null;
  active: boolean;
  kind: TAccountKind;
  /** A deputy of the DIRECTOR or TEAM_LEAD role held (docs/adr/0197). */
  deputy: boolean;
}

/** A colleague as everyone in the unit sees them (no username). */
export type TColleague = Omit<TStaffUser, 'username' | 'kind' | 'deputy'>;

const STAFF_COLUMNS = ['id', 'username', 'display_name', 'roles', 'team_id', 'active', 'kind', 'deputy'] as const;
const toStaffUser = (r: { id: string; username: string; display_name: string; roles: string[]; team_id: string | null; active: boolean; kind: TAccountKind; deputy: boolean }): TStaffUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: r.roles,
  teamId: r.team_id,
  active: r.active,
  kind: r.kind,
  deputy: r.deputy,
});

/** An account as the rules about accounts need it (api/services/accounts.ts). */
export interface TAccount {
  id: string;
  unitId: string;
  kind: TAccountKind;
  roles: string[];
  active: boolean;
}

/** The account, or undefined; `forUpdate` locks its row until the transaction ends. */
export async function getAccount(db: Q, userId: string, opts: { forUpdate?: boolean } = {}): Promise<TAccount | undefined> {
  let q = db.selectFrom('app_user').select(['id', 'unit_id', 'kind', 'roles', 'active']).where('id', '=', userId);
  if (opts.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && { id: r.id, unitId: r.unit_id, kind: r.kind, roles: r.roles, active: r.active };
}

/**
 * Serialises the changes that decide who the unit's admins are (role changes, deactivations), so
 * that two admins removing each other at once cannot both succeed: holds the unit's row until the
 * transaction ends.
 */
export async function lockUnitAccounts(trx: Transaction<Database>, unitId: string): Promise<void> {
  await trx.selectFrom('unit').select('id').where('id', '=', unitId).forUpdate().execute();
}

/** The unit's active people holding ADMIN. */
export async function activeAdmins(db: Q, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .where('kind', '=', 'PERSON')
    .where(sql<boolean>`'ADMIN' = any(roles)`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A user's unit, roles and whether they are active, or undefined when there is no such user. */
export async function staffMember(db: Q, userId: string): Promise<{ id: string; unitId: string; roles: string[]; active: boolean } | undefined> {
  const row = await db.selectFrom('app_user').select(['id', 'unit_id', 'roles', 'active']).where('id', '=', userId).executeTakeFirst();
  return row && { id: row.id, unitId: row.unit_id, roles: row.roles, active: row.active };
}

/** Whether a username is taken, in any unit (usernames are unique across the installation). */
export async function isUsernameTaken(db: Q, username: string): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

/** The unit's users, by username. */
export async function listUnitUsers(db: Q, unitId: string): Promise<TStaffUser[]> {
  const rows = await db.selectFrom('app_user').select(STAFF_COLUMNS).where('unit_id', '=', unitId).orderBy('username').execute();
  return rows.map(toStaffUser);
}

/** The unit's users as colleagues see them, by name. */
export async function listColleagues(db: Q, unitId: string): Promise<TColleague[]> {
  const rows = await db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'team_id', 'active']).where('unit_id', '=', unitId).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: r.roles, teamId: r.team_id, active: r.active }));
}

/**
 * Changes a user's roles, team or active state (what is undefined stays) and ends their sessions;
 * run it in the caller's transaction with the rules (api/services/accounts.ts). The user must exist.
 */
export async function updateUser(
  db: Q,
  userId: string,
  patch: { roles?: string[] | undefined; teamId?: string | null | undefined; active?: boolean | undefined; deputy?: boolean | undefined },
): Promise<TStaffUser> {
  const r = await db
    .updateTable('app_user')
    .set({
      ...(patch.roles ? { roles: patch.roles } : {}),
      ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.deputy !== undefined ? { deputy: patch.deputy } : {}),
    })
    .where('id', '=', userId)
    .returning(STAFF_COLUMNS)
    .executeTakeFirstOrThrow();
  // New roles or a deactivation take effect now: the user signs in again (and their open event
  // streams end: the deletion notifies every API replica, see the credential-revocation migration).
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  return toStaffUser(r);
}

/** A user as the admin sees them (undefined when there is no such user). */
export async function getStaffUser(db: Q, userId: string): Promise<TStaffUser | undefined> {
  const r = await db.selectFrom('app_user').select(STAFF_COLUMNS).where('id', '=', userId).executeTakeFirst();
  return r && toStaffUser(r);
}

/** A role change request as the API shows it. */
export interface TRoleRequest {
  id: string;
  userId: string;
  fromRoles: string[];
  toRoles: string[];
  reason: string;
  status: TRoleRequestStatus;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

const ROLE_REQUEST_COLUMNS = ['id', 'user_id', 'from_roles', 'to_roles', 'reason', 'status', 'requested_by', 'requested_at', 'expires_at', 'decided_by', 'decided_at'] as const;
const toRoleRequest = (r: {
  id: string;
  user_id: string;
  from_roles: string[];
  to_roles: string[];
  reason: string;
  status: TRoleRequestStatus;
  requested_by: string;
  requested_at: Date;
  expires_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}): TRoleRequest => ({
  id: r.id,
  userId: r.user_id,
  fromRoles: r.from_roles,
  toRoles: r.to_roles,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: new Date(r.requested_at),
  expiresAt: new Date(r.expires_at),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at === null ? null : new Date(r.decided_at),
});

/** Marks the unit's pending requests whose time is up as EXPIRED (so that a new one may be asked). */
export async function expireRoleRequests(db: Q, unitId: string): Promise<void> {
  await db.updateTable('role_change_request').set({ status: 'EXPIRED' }).where('unit_id', '=', unitId).where('status', '=', 'PENDING').where('expires_at', '<=', new Date()).execute();
}

/** Records a pending request; undefined when the user has one pending already. */
export async function insertRoleRequest(
  db: Q,
  r: { id: string; unitId: string; userId: string; fromRoles: string[]; toRoles: string[]; reason: string; requestedBy: string; expiresAt: Date },
): Promise<TRoleRequest | undefined> {
  const row = await db
    .insertInto('role_change_request')
    .values({ id: r.id, unit_id: r.unitId, user_id: r.userId, from_roles: r.fromRoles, to_roles: r.toRoles, reason: r.reason, requested_by: r.requestedBy, expires_at: r.expiresAt })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .where(sql<boolean>`status = 'PENDING'`)
        .doNothing(),
    )
    .returning(ROLE_REQUEST_COLUMNS)
    .executeTakeFirst();
  return row && toRoleRequest(row);
}

/** A request of the unit (locked until the transaction ends with `forUpdate`). */
export async function getRoleRequest(db: Q, unitId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<TRoleRequest | undefined> {
  let q = db.selectFrom('role_change_request').select(ROLE_REQUEST_COLUMNS).where('id', '=', id).where('unit_id', '=', unitId);
  if (opts.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toRoleRequest(r);
}

/** The unit's requests, newest first. */
export async function listRoleRequests(db: Q, unitId: string, f: { status?: TRoleRequestStatus | undefined; limit: number }): Promise<TRoleRequest[]> {
  let q = db.selectFrom('role_change_request').select(ROLE_REQUEST_COLUMNS).where('unit_id', '=', unitId).orderBy('requested_at', 'desc').orderBy('id').limit(f.limit);
  if (f.status) q = q.where('status', '=', f.status);
  return (await q.execute()).map(toRoleRequest);
}

/** Records the decision on a pending request. */
export async function decideRoleRequest(db: Q, id: string, d: { status: 'APPROVED' | 'REJECTED'; decidedBy: string }): Promise<TRoleRequest> {
  const row = await db
    .updateTable('role_change_request')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'PENDING')
    .returning(ROLE_REQUEST_COLUMNS)
    .executeTakeFirstOrThrow();
  return toRoleRequest(row);
}

/** The unit of a team, or undefined when there is no such team. */
export async function teamUnit(db: Q, teamId: string): Promise<string | undefined> {
  const row = await db.selectFrom('team').select('unit_id').where('id', '=', teamId).executeTakeFirst();
  return row?.unit_id;
}

/** The unit's teams, by id. */
export async function listUnitTeams(db: Q, unitId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('team').select(['id', 'name']).where('unit_id', '=', unitId).orderBy('id').execute();
}
