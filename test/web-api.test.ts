/**
 * The reads the web app needs beyond the case itself: the procedure version a case runs on (to
 * render its forms), the colleagues of one's unit (who did what, whom to assign), and the
 * procedure of each inbox task (titles in both languages) — each scoped like the case.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { createUnit, createUser } from '../db/repositories/people.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  // Someone of another unit, who must see none of this unit.
  await createUnit(database.db, { id: `${UNIT}x`, name: 'Chi cục khác', province: 'Khác' });
  await createUser(database.db, { id: `${UNIT}-outsider`, username: `${UNIT}-outsider`, displayName: 'Người ngoài', password: DEMO_PASSWORD, roles: ['DIRECTOR'], unitId: `${UNIT}x`, teamId: null });
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function get(s: TTestSession | undefined, path: string): Promise<{ status: number; body: any }> {
  const res = await app.request(path, { headers: s ? { cookie: s.cookie } : {} });
  return { status: res.status, body: await res.json() };
}

describe('reads for the web app', () => {
  it('gives the procedure version a case runs on to those who may see the case, and to no one else', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const res = await app.request('/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: lead.cookie, 'x-csrf-token': lead.csrf, 'idempotency-key': `k-${randomUUID()}` },
      body: JSON.stringify({ procedureId: 'ins-inspection', title: 'Cửa hàng Hòa Bình' }),
    });
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const path = `/api/v1/cases/${encodeURIComponent(caseId)}/procedure`;

    const own = await get(await signIn(app, 'kiemsoat.an'), path);
    expect(own.status).toBe(200);
    // New cases open on the latest version: 6 (its extension is a paper: docs/adr/0205; from 5 the decision's issuer extends the inspection, the record states its date: docs/adr/0192); from 4 A5 issues its decision (docs/documents.md) and fields say where their defaults come from (docs/adr/0116).
    expect(own.body.procedure).toMatchObject({ id: 'ins-inspection', version: 6, kind: 'INSPECTION', start: ['A5'] });
    const a5 = own.body.procedure.steps.find((s: { id: string }) => s.id === 'A5');
    expect(a5.form.fields.find((f: { key: string }) => f.key === 'businessName')).toMatchObject({ prefill: { from: 'business', attribute: 'name' } });
    expect(a5.outcomes[0]).toMatchObject({ id: 'ISSUED', title: { vi: 'Đã ban hành', en: 'Issued' } });

    expect((await get(await signIn(app, 'chicuctruong.hai'), path)).status).toBe(200);
    expect((await get(await signIn(app, 'kiemsoat.binh'), path)).body.error.code).toBe('NOT_FOUND');
    expect((await get(await signIn(app, `${UNIT}-outsider`), path)).body.error.code).toBe('NOT_FOUND');
    expect((await get(undefined, path)).status).toBe(401);

    const inbox = await get(lead, '/api/v1/inbox');
    expect(inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId)).toMatchObject({ stepId: 'A5', procedure: { id: 'ins-inspection', version: 6 }, caseTitle: 'Cửa hàng Hòa Bình' });
  });

  it('lists the colleagues of one’s own unit with their roles and teams, never another unit’s', async () => {
    const staff = await get(await signIn(app, 'kiemsoat.an'), '/api/v1/staff');
    expect(staff.status).toBe(200);
    expect(staff.body.staff).toContainEqual({ id: 'doitruong.cuong', displayName: 'Lê Văn Cường', roles: ['TEAM_LEAD'], teamId: `${UNIT}-doi-1`, active: true });
    expect(staff.body.staff.map((s: { id: string }) => s.id)).not.toContain(`${UNIT}-outsider`);
    expect(Object.keys(staff.body.staff[0]).sort()).toEqual(['active', 'displayName', 'id', 'roles', 'teamId']);
    expect((await get(undefined, '/api/v1/staff')).status).toBe(401);
  });

  it('describes both routes in the OpenAPI document with their response schemas', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(spec.paths['/api/v1/cases/{caseId}/procedure']?.get?.responses['200']).toBeDefined();
    expect(JSON.stringify(spec.paths['/api/v1/staff']?.get?.responses['200'])).toContain('Colleague');
  });
});
