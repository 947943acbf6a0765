/**
 * API tokens act in someone's name, so an admin may make one only for their own account or for an
 * integration account of the unit (kind INTEGRATION: no password, never ADMIN or DIRECTOR), never
 * for another person: a token for the director would complete the director's steps as the director.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { auditEvents } from '../db/repositories/cases.js';
import { createApiToken } from '../db/repositories/people.js';
import * as identityMigration from '../db/migrations/2026-12-03T00-00_integration-accounts.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `tk${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let admin: TTestSession;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  admin = await signIn(app, 'quantri.minh');
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

const tokensOf = (userId: string) => database.db.selectFrom('api_token').select(['id', 'revoked_at']).where('user_id', '=', userId).execute();

describe('API tokens', () => {
  it('are never made for another person: a token for the director would act as the director', async () => {
    for (const userId of ['chicuctruong.hai', 'kiemsoat.an', 'quantri.oanh']) {
      const r = await callAs(app, admin, 'POST', '/api/v1/tokens', { name: 'Cổng dịch vụ công', userId, scopes: ['cases:read', 'cases:write'] });
      expect(r.status, userId).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'TOKEN_FOR_ANOTHER_PERSON' } });
      expect(await tokensOf(userId)).toEqual([]);
    }
  });

  it('are made for the admin’s own account', async () => {
    const own = await callAs(app, admin, 'POST', '/api/v1/tokens', { name: 'Kịch bản của tôi', userId: 'quantri.minh', scopes: ['reference:read'] });
    expect(own.status).toBe(201);
    expect((await app.request('/api/v1/procedures', { headers: { authorization: `Bearer ${own.body.token}` } })).status).toBe(200);
  });

  it('are made for an integration account, which acts under its own name and cannot sign in', async () => {
    const id = `${UNIT}.cong-dvc`;
    const made = await callAs(app, admin, 'POST', '/api/v1/integrations', { username: id, displayName: 'Cổng dịch vụ công tỉnh', roles: ['INSPECTOR'], teamId: `${UNIT}-doi-1` });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id, kind: 'INTEGRATION', roles: ['INSPECTOR'], active: true });
    const users = await callAs(app, admin, 'GET', '/api/v1/users');
    expect(users.body.users.find((u: { id: string }) => u.id === id)).toMatchObject({ kind: 'INTEGRATION' });
    expect(users.body.users.find((u: { id: string }) => u.id === 'kiemsoat.an')).toMatchObject({ kind: 'PERSON' });

    // No password: it cannot sign in, whatever is tried.
    for (const password of ['', 'x', 'ins-demo-2026']) {
      const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: id, password: password || 'y' }) });
      expect(login.status).toBe(401);
    }

    const token = await callAs(app, admin, 'POST', '/api/v1/tokens', { name: 'Tin báo từ cổng', userId: id, scopes: ['cases:read', 'cases:write'] });
    expect(token.status).toBe(201);
    const bearer = { authorization: `Bearer ${token.body.token}` };
    const opened = await app.request('/api/v1/cases', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json', 'idempotency-key': `k-${randomUUID()}` },
      body: JSON.stringify({ procedureId: 'ins-tip', title: 'Tin báo qua cổng' }),
    });
    expect(opened.status).toBe(201);
    const { caseId } = (await opened.json()) as { caseId: string };
    // Recorded under the integration's own name, in the case's audit and in the request audit.
    await expect.poll(async () => (await auditEvents(database.db, caseId)).find((e) => e.action === 'CASE_STARTED')?.actorId, { timeout: 10_000, interval: 100 }).toBe(id);
    // A call the token may not make is refused, and recorded under the same name.
    const refused = await app.request('/api/v1/users', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json', 'idempotency-key': `k-${randomUUID()}` },
      body: JSON.stringify({ username: 'x.y.z', displayName: 'x', password: 'mat-khau-rat-dai-1', roles: ['INSPECTOR'] }),
    });
    expect(refused.status).toBe(403);
    const audited = await database.db
      .selectFrom('request_audit')
      .select(['actor_id', 'path', 'status'])
      .where('chain_id', '=', UNIT)
      .where('path', 'in', ['/api/v1/cases', '/api/v1/users'])
      .where('method', '=', 'POST')
      .orderBy('id')
      .execute();
    expect(audited).toEqual([
      { actor_id: id, path: '/api/v1/cases', status: 201 },
      { actor_id: id, path: '/api/v1/users', status: 403 },
    ]);
  });

  it('never give an integration account ADMIN or DIRECTOR', async () => {
    const id = `${UNIT}.dong-bo`;
    const privileged = await callAs(app, admin, 'POST', '/api/v1/integrations', { username: id, displayName: 'Đồng bộ', roles: ['DIRECTOR'], teamId: null });
    expect(privileged.status).toBe(400);
    expect(await database.db.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect((await callAs(app, admin, 'POST', '/api/v1/integrations', { username: id, displayName: 'Đồng bộ', roles: ['TEAM_LEAD'], teamId: null })).status).toBe(201);
    for (const roles of [['ADMIN'], ['TEAM_LEAD', 'DIRECTOR']]) {
      const patched = await callAs(app, admin, 'PATCH', `/api/v1/users/${id}`, { roles });
      expect(patched.status, roles.join()).toBe(422);
      expect(patched.body.error.details).toMatchObject({ reason: 'INTEGRATION_ROLE' });
      const asked = await callAs(app, admin, 'POST', `/api/v1/users/${id}/role-requests`, { roles, reason: 'Đồng bộ cần quyền' });
      expect(asked.status, roles.join()).toBe(422);
    }
    expect((await database.db.selectFrom('app_user').select('roles').where('id', '=', id).executeTakeFirstOrThrow()).roles).toEqual(['TEAM_LEAD']);
  });
});

describe('the identity migration', () => {
  it('revokes the tokens made before it for another person, and keeps an admin’s own', async () => {
    await identityMigration.down(database.db);
    const foreign = await createApiToken(database.db, { name: 'cũ', userId: 'chicuctruong.hai', scopes: ['cases:write'], createdBy: 'quantri.minh' });
    const own = await createApiToken(database.db, { name: 'cũ của tôi', userId: 'quantri.minh', scopes: ['cases:read'], createdBy: 'quantri.minh' });
    await identityMigration.up(database.db);
    const rows = await database.db.selectFrom('api_token').select(['id', 'revoked_at']).where('id', 'in', [foreign.id, own.id]).execute();
    expect(rows.find((r) => r.id === foreign.id)?.revoked_at).not.toBeNull();
    expect(rows.find((r) => r.id === own.id)?.revoked_at).toBeNull();
  });
});
