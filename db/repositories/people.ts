/**
 * Units, teams, users and their sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { hashPassword } from '../../lib/passwords.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The signed-in person as the API sees them. */
export interface TUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string;
  teamId: string | null;
}

export async function createUnit(db: Q, u: { id: string; name: string; province: string }): Promise<void> {
  await db.insertInto('unit').values(u).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export async function createTeam(db: Q, t: { id: string; unitId: string; name: string }): Promise<void> {
  await db.insertInto('team').values({ id: t.id, unit_id: t.unitId, name: t.name }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export async function createUser(db: Q, u: { id: string; username: string; displayName: string; password: string; roles: string[]; unitId: string; teamId?: string | null }): Promise<void> {
  await db
    .insertInto('app_user')
    .values({ id: u.id, username: u.username.toLowerCase(), display_name: u.displayName, password_hash: await hashPassword(u.password), roles: u.roles, unit_id: u.unitId, team_id: u.teamId ?? null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findUserForLogin(db: Q, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username.toLowerCase()).where('active', '=', true).executeTakeFirst();
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
  await db.insertInto('user_session').values({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

/** The session's user, if the token is known, unexpired and the user active; touches last_seen. */
export async function sessionUser(db: Q, token: string): Promise<{ user: TUser; csrfToken: string } | undefined> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.unit_id', 'u.team_id', 's.csrf_token', 's.token_hash'])
    .where('s.token_hash', '=', sha256(token))
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('token_hash', '=', row.token_hash).execute();
  return { user: { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles, unitId: row.unit_id, teamId: row.team_id }, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Q, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', sha256(token)).execute();
}

export async function recordLoginFailure(db: Q, username: string, client: string): Promise<void> {
  await db.insertInto('login_attempt').values({ username: username.toLowerCase(), client }).execute();
}

export async function recentLoginFailures(db: Q, username: string, client: string, windowMs: number): Promise<{ byUser: number; byClient: number }> {
  const since = new Date(Date.now() - windowMs);
  const row = await db
    .selectFrom('login_attempt')
    .select([
      sql<number>`count(*) filter (where username = ${username.toLowerCase()})`.as('by_user'),
      sql<number>`count(*) filter (where client = ${client})`.as('by_client'),
    ])
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { byUser: Number(row.by_user), byClient: Number(row.by_client) };
}

export async function clearLoginFailures(db: Q, username: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('username', '=', username.toLowerCase()).execute();
}

export const TOKEN_SCOPES = ['cases:read', 'cases:write', 'events:read', 'evidence:write', 'reference:read', 'registry:read', 'registry:write'] as const;
export type TTokenScope = (typeof TOKEN_SCOPES)[number];

/** Creates a token; returns it once (only its hash is stored). */
export async function createApiToken(db: Q, t: { name: string; userId: string; scopes: TTokenScope[]; createdBy: string }): Promise<{ id: string; token: string }> {
  const id = randomBytes(8).toString('hex');
  const token = `ins_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_token').values({ id, token_hash: sha256(token), name: t.name, user_id: t.userId, scopes: t.scopes, created_by: t.createdBy }).execute();
  return { id, token };
}

/** The token's user and scopes, if the token is known and not revoked. */
export async function tokenUser(db: Q, token: string): Promise<{ user: TUser; scopes: string[] } | undefined> {
  const row = await db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.scopes', 'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.unit_id', 'u.team_id'])
    .where('t.token_hash', '=', sha256(token))
    .where('t.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.token_id).execute();
  return { user: { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles, unitId: row.unit_id, teamId: row.team_id }, scopes: row.scopes };
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
}

/** A colleague as everyone in the unit sees them (no username). */
export type TColleague = Omit<TStaffUser, 'username'>;

const toStaffUser = (r: { id: string; username: string; display_name: string; roles: string[]; team_id: string | null; active: boolean }): TStaffUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: r.roles,
  teamId: r.team_id,
  active: r.active,
});

/** The unit of a user, or undefined when there is no such user. */
export async function userUnit(db: Q, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_user').select('unit_id').where('id', '=', userId).executeTakeFirst();
  return row?.unit_id;
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
  const rows = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'roles', 'team_id', 'active']).where('unit_id', '=', unitId).orderBy('username').execute();
  return rows.map(toStaffUser);
}

/** The unit's users as colleagues see them, by name. */
export async function listColleagues(db: Q, unitId: string): Promise<TColleague[]> {
  const rows = await db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'team_id', 'active']).where('unit_id', '=', unitId).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: r.roles, teamId: r.team_id, active: r.active }));
}

/**
 * Changes a user's roles, team or active state (what is undefined stays) and ends their sessions,
 * in one transaction. The user must exist.
 */
export async function updateUser(db: Kysely<Database>, userId: string, patch: { roles?: string[] | undefined; teamId?: string | null | undefined; active?: boolean | undefined }): Promise<TStaffUser> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('app_user')
      .set({ ...(patch.roles ? { roles: patch.roles } : {}), ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}) })
      .where('id', '=', userId)
      .returning(['id', 'username', 'display_name', 'roles', 'team_id', 'active'])
      .executeTakeFirstOrThrow();
    // New roles or a deactivation take effect now: the user signs in again.
    await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
    return toStaffUser(r);
  });
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
