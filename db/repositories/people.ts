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
