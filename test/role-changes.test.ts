/**
 * Roles change by four eyes (docs/adr/0021-role-changes-by-four-eyes.md): an admin never changes
 * their own roles; ADMIN and DIRECTOR are granted only on a request that a second admin of the
 * unit approves — never the one who asked, never the one who gains it; the last active admin of a
 * unit is never demoted or deactivated; and each of these admin actions is audited under the admin
 * who did it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase, type TTestSession } from './support.js';

const UNIT = `rc${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  ({ app, close } = await createTestApp(database.db));
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

const rolesOf = async (id: string): Promise<string[]> => (await database.db.selectFrom('app_user').select('roles').where('id', '=', id).executeTakeFirstOrThrow()).roles;
const as = (username: string): Promise<TTestSession> => signIn(app, username);
const activeAdmins = async (unit: string): Promise<string[]> =>
  (
    await database.db
      .selectFrom('app_user')
      .select('id')
      .where('unit_id', '=', unit)
      .where('active', '=', true)
      .where((eb) => eb(eb.val('ADMIN'), '=', eb.fn.any('roles')))
      .orderBy('id')
      .execute()
  ).map((r) => r.id);

describe('an admin alone', () => {
  it('cannot change their own roles, nor grant ADMIN or DIRECTOR to anyone', async () => {
    const minh = await as('quantri.minh');
    const own = await callAs(app, minh, 'PATCH', '/api/v1/users/quantri.minh', { roles: ['ADMIN', 'DIRECTOR'] });
    expect(own.status).toBe(403);
    expect(own.body.error.details).toMatchObject({ reason: 'OWN_ROLES' });
    expect(await rolesOf('quantri.minh')).toEqual(['ADMIN']);

    const grant = await callAs(app, minh, 'PATCH', '/api/v1/users/kiemsoat.an', { roles: ['INSPECTOR', 'DIRECTOR'] });
    expect(grant.status).toBe(422);
    expect(grant.body.error.details).toMatchObject({ reason: 'APPROVAL_REQUIRED' });
    expect(await rolesOf('kiemsoat.an')).toEqual(['INSPECTOR']);

    const puppet = await callAs(app, minh, 'POST', '/api/v1/users', { username: `${UNIT}.bu-nhin`, displayName: 'Bù nhìn', password: 'mat-khau-rat-dai-1', roles: ['ADMIN'], teamId: null });
    expect(puppet.status).toBe(422);
    expect(puppet.body.error.details).toMatchObject({ reason: 'APPROVAL_REQUIRED' });
    expect(await database.db.selectFrom('app_user').select('id').where('id', '=', `${UNIT}.bu-nhin`).executeTakeFirst()).toBeUndefined();

    // What grants no privilege is one admin's call: another user's ordinary roles, team, own team.
    expect((await callAs(app, minh, 'PATCH', '/api/v1/users/kiemsoat.an', { roles: ['INSPECTOR', 'SCHEDULER'] })).status).toBe(200);
    expect((await callAs(app, minh, 'PATCH', '/api/v1/users/quantri.minh', { roles: ['ADMIN'], teamId: null, active: true })).status).toBe(200);
    expect(await rolesOf('kiemsoat.an')).toEqual(['INSPECTOR', 'SCHEDULER']);
  });
});

describe('a role request', () => {
  it('grants DIRECTOR only when a second admin approves — never the one who asked, never the one who gains it', async () => {
    const minh = await as('quantri.minh');
    const asked = await callAs(app, minh, 'POST', '/api/v1/users/quantri.minh/role-requests', { roles: ['ADMIN', 'DIRECTOR'], reason: 'Kiêm nhiệm chi cục trưởng theo quyết định 12/QĐ' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ userId: 'quantri.minh', fromRoles: ['ADMIN'], toRoles: ['ADMIN', 'DIRECTOR'], status: 'PENDING', requestedBy: 'quantri.minh', decidedBy: null });
    const id: string = asked.body.id;
    // One pending request per user at a time.
    expect((await callAs(app, minh, 'POST', '/api/v1/users/quantri.minh/role-requests', { roles: ['ADMIN', 'SCHEDULER'], reason: 'x' })).status).toBe(409);

    const self = await callAs(app, minh, 'POST', `/api/v1/role-requests/${id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.details).toMatchObject({ reason: 'FOUR_EYES' });
    expect((await callAs(app, await as('chicuctruong.hai'), 'POST', `/api/v1/role-requests/${id}/approve`)).status).toBe(403);
    expect(await rolesOf('quantri.minh')).toEqual(['ADMIN']);

    const oanh = await as('quantri.oanh');
    const pending = await callAs(app, oanh, 'GET', '/api/v1/role-requests?status=PENDING');
    expect(pending.body.requests.map((r: { id: string }) => r.id)).toEqual([id]);
    const approved = await callAs(app, oanh, 'POST', `/api/v1/role-requests/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decidedBy: 'quantri.oanh' });
    expect(await rolesOf('quantri.minh')).toEqual(['ADMIN', 'DIRECTOR']);
    // New roles apply at once: the user signs in again.
    expect((await callAs(app, minh, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await callAs(app, oanh, 'POST', `/api/v1/role-requests/${id}/approve`)).status).toBe(409);

    // The one who gains the role may not approve it either, even as the other admin.
    const minhAgain = await as('quantri.minh');
    const forOanh = await callAs(app, minhAgain, 'POST', '/api/v1/users/quantri.oanh/role-requests', { roles: ['ADMIN', 'DIRECTOR'], reason: 'Thử' });
    expect(forOanh.status).toBe(201);
    const byTarget = await callAs(app, oanh, 'POST', `/api/v1/role-requests/${forOanh.body.id}/approve`);
    expect(byTarget.status).toBe(403);
    expect(byTarget.body.error.details).toMatchObject({ reason: 'FOUR_EYES' });
    const rejected = await callAs(app, minhAgain, 'POST', `/api/v1/role-requests/${forOanh.body.id}/reject`);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decidedBy: 'quantri.minh' });
    expect(await rolesOf('quantri.oanh')).toEqual(['ADMIN']);
  });

  it('expires undecided after its time, and then a new one may be asked', async () => {
    const minh = await as('quantri.minh');
    const first = await callAs(app, minh, 'POST', '/api/v1/users/kehoach.nga/role-requests', { roles: ['SCHEDULER', 'DIRECTOR'], reason: 'Thử' });
    expect(first.status).toBe(201);
    expect(new Date(first.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3_600_000);
    await database.db
      .updateTable('role_change_request')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('id', '=', first.body.id)
      .execute();
    const oanh = await as('quantri.oanh');
    expect((await callAs(app, oanh, 'POST', `/api/v1/role-requests/${first.body.id}/approve`)).status).toBe(409);
    expect(await rolesOf('kehoach.nga')).toEqual(['SCHEDULER']);
    const listed = await callAs(app, oanh, 'GET', '/api/v1/role-requests?status=EXPIRED');
    expect(listed.body.requests.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
    expect((await callAs(app, minh, 'POST', '/api/v1/users/kehoach.nga/role-requests', { roles: ['SCHEDULER', 'DIRECTOR'], reason: 'Lần hai' })).status).toBe(201);
  });

  it('is refused when the user’s roles changed since it was made', async () => {
    const minh = await as('quantri.minh');
    const asked = await callAs(app, minh, 'POST', '/api/v1/users/doitruong.dung/role-requests', { roles: ['TEAM_LEAD', 'DIRECTOR'], reason: 'Quyền chi cục trưởng' });
    expect(asked.status).toBe(201);
    expect((await callAs(app, minh, 'PATCH', '/api/v1/users/doitruong.dung', { roles: ['INSPECTOR'] })).status).toBe(200);
    const stale = await callAs(app, await as('quantri.oanh'), 'POST', `/api/v1/role-requests/${asked.body.id}/approve`);
    expect(stale.status).toBe(409);
    expect(await rolesOf('doitruong.dung')).toEqual(['INSPECTOR']);
  });
});

describe('the last active admin of a unit', () => {
  it('is never demoted nor deactivated, even when two admins remove each other at once', async () => {
    let unit = '';
    for (let round = 0; round < 3; round++) {
      unit = `${UNIT}x${round}`;
      await database.db.insertInto('unit').values({ id: unit, name: 'Chi cục thử', province: 'Ninh Bình' }).execute();
      for (const u of ['a', 'b']) await createUser(database.db, { id: `${unit}.${u}`, username: `${unit}.${u}`, displayName: u, password: DEMO_PASSWORD, roles: ['ADMIN'], unitId: unit });
      const a = await as(`${unit}.a`);
      const b = await as(`${unit}.b`);
      const [ab, ba] = await Promise.all([callAs(app, a, 'PATCH', `/api/v1/users/${unit}.b`, { roles: ['INSPECTOR'] }), callAs(app, b, 'PATCH', `/api/v1/users/${unit}.a`, { roles: ['INSPECTOR'] })]);
      // One wins; the other is refused: the last admin (422), no admin any more (403), or its session
      // already ended by the winner's change (401).
      expect(
        [ab.status, ba.status].filter((s) => s === 200),
        `round ${round}`,
      ).toHaveLength(1);
      expect([401, 403, 422]).toContain([ab, ba].find((r) => r.status !== 200)!.status);
      expect(await activeAdmins(unit), `round ${round}`).toHaveLength(1);
    }

    const [last] = await activeAdmins(unit);
    const other = last === `${unit}.a` ? `${unit}.b` : `${unit}.a`;
    const session = await as(last!);
    const gone = await callAs(app, session, 'PATCH', `/api/v1/users/${last}`, { active: false });
    expect(gone.status).toBe(422);
    expect(gone.body.error.details).toMatchObject({ reason: 'LAST_ADMIN' });
    // With a second admin again, the first may leave the role through a request the other approves…
    const demote = await callAs(app, session, 'POST', `/api/v1/users/${last}/role-requests`, { roles: ['INSPECTOR'], reason: 'Nghỉ hưu' });
    expect(demote.status).toBe(201);
    await database.db
      .updateTable('app_user')
      .set({ roles: ['ADMIN'] })
      .where('id', '=', other)
      .execute();
    const otherSession = await as(other);
    expect((await callAs(app, otherSession, 'POST', `/api/v1/role-requests/${demote.body.id}/approve`)).status).toBe(200);
    expect(await activeAdmins(unit)).toEqual([other]);
    // …and now the other is the last one, and stays.
    expect((await callAs(app, otherSession, 'PATCH', `/api/v1/users/${other}`, { active: false })).status).toBe(422);
    expect(await activeAdmins(unit)).toEqual([other]);
  });
});

describe('the request audit', () => {
  it('records each admin action under the admin who did it, and each sign-in under the one who signed in', async () => {
    const minh = await as('quantri.minh');
    const oanh = await as('quantri.oanh');
    const username = `${UNIT}.moi`;
    expect((await callAs(app, minh, 'POST', '/api/v1/users', { username, displayName: 'Người mới', password: 'mat-khau-rat-dai-1', roles: ['INSPECTOR'], teamId: null })).status).toBe(201);
    const asked = await callAs(app, minh, 'POST', `/api/v1/users/${username}/role-requests`, { roles: ['INSPECTOR', 'DIRECTOR'], reason: 'Phó chi cục trưởng' });
    expect((await callAs(app, oanh, 'POST', `/api/v1/role-requests/${asked.body.id}/approve`)).status).toBe(200);
    expect((await callAs(app, oanh, 'PATCH', `/api/v1/users/${username}`, { active: false })).status).toBe(200);

    const rows = await database.db.selectFrom('request_audit').select(['actor_id', 'method', 'path', 'status']).where('chain_id', '=', UNIT).orderBy('id').execute();
    const of = (method: string, path: string) => rows.filter((r) => r.method === method && r.path === path && r.status < 400).map((r) => r.actor_id);
    expect(of('POST', '/api/v1/users')).toContain('quantri.minh');
    expect(of('POST', `/api/v1/users/${username}/role-requests`)).toEqual(['quantri.minh']);
    expect(of('POST', `/api/v1/role-requests/${asked.body.id}/approve`)).toEqual(['quantri.oanh']);
    expect(of('PATCH', `/api/v1/users/${username}`)).toEqual(['quantri.oanh']);
    expect(of('POST', '/api/v1/auth/login')).toEqual(expect.arrayContaining(['quantri.minh', 'quantri.oanh']));
    // The decision itself keeps both names.
    expect(await database.db.selectFrom('role_change_request').select(['requested_by', 'decided_by', 'status']).where('id', '=', asked.body.id).executeTakeFirstOrThrow()).toEqual({
      requested_by: 'quantri.minh',
      decided_by: 'quantri.oanh',
      status: 'APPROVED',
    });
  });
});
