/**
 * Approvals waiting for someone show in their inbox beside their tasks (issue 15: "Approvals waiting
 * for a director show in the director's inbox"): a campaign version submitted for approval, to
 * those who approve campaigns; a role change another admin asked for, to the unit's other admins —
 * never to the one who asked, nor to anyone else.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  // The demo data holds the Tết campaign, drafted and submitted by the scheduler, waiting for the director.
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

const approvalsOf = async (username: string): Promise<{ kind: string; id: string; title: string; requestedBy: string; link: string }[]> => {
  const r = await callAs(app, await signIn(app, username), 'GET', '/api/v1/inbox');
  expect(r.status).toBe(200);
  return r.body.approvals;
};

describe('approvals in the inbox', () => {
  it('shows the director the campaign version waiting for approval, with where to decide it', async () => {
    const approvals = await approvalsOf('chicuctruong.hai');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ kind: 'CAMPAIGN_VERSION', requestedBy: 'kehoach.nga' });
    expect(approvals[0]!.title).toContain('Tết Nguyên đán Đinh Mùi 2027');
    expect(approvals[0]!.link).toMatch(/^\/campaigns\/[^/]+\/versions\/1$/);
    // Not to a team lead, an inspector or the scheduler who submitted it.
    for (const u of ['doitruong.cuong', 'kiemsoat.an', 'kehoach.nga']) expect(await approvalsOf(u), u).toEqual([]);
  });

  it('shows a role change asked by one admin to the other admin only, and not once it is decided', async () => {
    const minh = await signIn(app, 'quantri.minh');
    const asked = await callAs(app, minh, 'POST', '/api/v1/users/kiemsoat.an/role-requests', { roles: ['INSPECTOR', 'DIRECTOR'], reason: 'Phó chi cục trưởng phụ trách theo quyết định 20/QĐ' });
    expect(asked.status).toBe(201);
    const oanh = await approvalsOf('quantri.oanh');
    expect(oanh.filter((a) => a.kind === 'ROLE_REQUEST')).toEqual([expect.objectContaining({ id: asked.body.id, title: 'kiemsoat.an', requestedBy: 'quantri.minh', link: '/admin/people' })]);
    expect((await approvalsOf('quantri.minh')).filter((a) => a.kind === 'ROLE_REQUEST')).toEqual([]);
    expect((await approvalsOf('chicuctruong.hai')).filter((a) => a.kind === 'ROLE_REQUEST')).toEqual([]);
    expect((await callAs(app, await signIn(app, 'quantri.oanh'), 'POST', `/api/v1/role-requests/${asked.body.id}/reject`)).status).toBe(200);
    expect((await approvalsOf('quantri.oanh')).filter((a) => a.kind === 'ROLE_REQUEST')).toEqual([]);
  });
});
