/**
 * Configuration through the HTTP API: procedure drafts, validation with paths, diff, publish (then
 * immutable), migrating a running case with a dry run first; calendar edits. National configuration
 * is changed by the national administrator (`quocgia.thu`), never a unit's admin (test/tenancy.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { tipProcedure } from '../domain/procedures/tracks.js';
import { seedDemoData } from '../db/demo-data.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

/** This file's own unit: case ids contain it, and test files share one Temporal server. */
const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
const sessions = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  for (const u of ['quantri.minh', 'quocgia.thu', 'chicuctruong.hai', 'kiemsoat.an', 'doitruong.cuong']) {
    sessions.set(u, await signIn(app, u));
  }
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function call(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const s = sessions.get(user)!;
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `k-${randomUUID()}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

describe('procedure versions', () => {
  it('are drafted, validated with paths, diffed, published once, and running cases migrate after a dry run', async () => {
    const tipCase = await call('doitruong.cuong', 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo thử' });
    expect(tipCase.status).toBe(201);
    const caseId: string = tipCase.body.caseId;

    // Version 2 is shipped (docs/adr/0206): the admin drafts version 3 from it.
    const v3 = tipProcedure(3);
    v3.steps[1]!.deadline!.amount = 3;
    expect((await call('kiemsoat.an', 'PUT', '/api/v1/procedures/ins-tip/versions/3', v3)).status).toBe(403);

    const broken = structuredClone(v3);
    broken.steps[1]!.outcomes[0]!.next = ['NOWHERE'];
    const check = await call('quocgia.thu', 'POST', '/api/v1/procedures/validate', broken);
    expect(check.body.ok).toBe(false);
    expect(check.body.issues).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_STEP', path: 'steps[1].outcomes[0].next[0]' }));

    expect((await call('quocgia.thu', 'PUT', '/api/v1/procedures/ins-tip/versions/3', v3)).body).toEqual({ saved: true, issues: [] });
    const diff = await call('quocgia.thu', 'GET', '/api/v1/procedures/ins-tip/diff?from=2&to=3');
    expect(diff.body).toEqual({ added: [], removed: [], changed: [{ stepId: 'C2', parts: ['deadline'] }] });

    // A draft cannot run cases: the dry run says so.
    expect((await call('chicuctruong.hai', 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/migrate`, { toVersion: 3, dryRun: true })).status).toBe(404);

    expect((await call('quocgia.thu', 'POST', '/api/v1/procedures/ins-tip/versions/3/publish')).status).toBe(200);
    expect((await call('quocgia.thu', 'POST', '/api/v1/procedures/ins-tip/versions/3/publish')).status).toBe(409);
    expect((await call('quocgia.thu', 'PUT', '/api/v1/procedures/ins-tip/versions/3', v3)).status).toBe(409);

    const dry = await call('chicuctruong.hai', 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/migrate`, { toVersion: 3, dryRun: true });
    expect(dry.body).toMatchObject({ applied: false, plan: { from: 2, to: 3, canApply: true } });
    expect((await call('chicuctruong.hai', 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)).body.case.procedure.version).toBe(2);
    const applied = await call('chicuctruong.hai', 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/migrate`, { toVersion: 3, dryRun: false });
    expect(applied.body).toMatchObject({ applied: true });
    expect((await call('chicuctruong.hai', 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)).body.case.procedure.version).toBe(3);
    expect((await call('kiemsoat.an', 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/migrate`, { toVersion: 1, dryRun: true })).status).toBe(403);
  });
});

describe('the holiday calendar', () => {
  it('is edited by the national administrator only, with a clear error on a bad date, and every open case is told', async () => {
    const day = { isWorkingDay: false, reason: 'Nghỉ thử nghiệm', status: 'ANNOUNCED', source: 'Thông báo thử' };
    expect((await call('kiemsoat.an', 'PUT', '/api/v1/calendar/days/2027-03-03', day)).status).toBe(403);
    expect((await call('quantri.minh', 'PUT', '/api/v1/calendar/days/2027-03-03', day)).status).toBe(403);
    const bad = await call('quocgia.thu', 'PUT', '/api/v1/calendar/days/2027-02-30', day);
    expect(bad).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^date: is not a real calendar date/) } } });
    const ok = await call('quocgia.thu', 'PUT', '/api/v1/calendar/days/2027-03-03', day);
    expect(ok.status).toBe(200);
    expect(ok.body.revision).toBeGreaterThan(1);
    expect(ok.body.casesNotified).toBeGreaterThanOrEqual(1);
    const listed = await app.request('/api/v1/calendar/days?from=2027-03-01&to=2027-03-31');
    expect(((await listed.json()) as { days: { date: string }[] }).days.map((d) => d.date)).toContain('2027-03-03');
  });
});

describe('legal parameters and the violation catalogue', () => {
  it('are edited by the national administrator: confirming a value takes it off the "to confirm" list', async () => {
    const before = await app.request('/api/v1/legal-parameters?toConfirm=true');
    const keys = ((await before.json()) as { parameters: { key: string; effectiveFrom: string }[] }).parameters;
    const inspection = keys.find((p) => p.key === 'inspectionWorkingDays')!;
    const body = { value: 5, unit: 'working_days', descriptionVi: 'Thời hạn kiểm tra', legalBasis: 'Nghị định 33/2022/NĐ-CP (đã đối chiếu)', confidence: 'V', toConfirm: false };
    expect((await call('kiemsoat.an', 'PUT', `/api/v1/legal-parameters/inspectionWorkingDays/${inspection.effectiveFrom}`, body)).status).toBe(403);
    expect((await call('quocgia.thu', 'PUT', `/api/v1/legal-parameters/inspectionWorkingDays/${inspection.effectiveFrom}`, body)).status).toBe(200);
    const after = await app.request('/api/v1/legal-parameters?toConfirm=true');
    expect(((await after.json()) as { parameters: { key: string }[] }).parameters.map((p) => p.key)).not.toContain('inspectionWorkingDays');
    const bad = await call('quocgia.thu', 'PUT', '/api/v1/legal-parameters/inspectionWorkingDays/2026-02-30', body);
    expect(bad).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^effectiveFrom: /) } } });
    // A value the code cannot read is refused at its field and stored nowhere: the statistical month from the 31st once answered every dashboard 500 (ADR 0218).
    const startDay = { value: 31, unit: 'day_of_month', descriptionVi: 'Ngày bắt đầu kỳ báo cáo', legalBasis: 'Nghị định 09/2019/NĐ-CP', confidence: 'U', toConfirm: true };
    const day31 = await call('quocgia.thu', 'PUT', '/api/v1/legal-parameters/statisticsPeriodStartDay/2026-01-01', startDay);
    expect([day31.status, day31.body.error.details]).toEqual([400, [expect.objectContaining({ path: 'value', message: 'must be a day of the month from 1 to 28' })]]);
    const negative = await call('quocgia.thu', 'PUT', `/api/v1/legal-parameters/inspectionWorkingDays/${inspection.effectiveFrom}`, { ...body, value: -5 });
    expect([negative.status, negative.body.error.details]).toEqual([400, [expect.objectContaining({ path: 'value' })]]);
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/statistics/dashboard')).status).toBe(200);
    const stored = (await (await app.request('/api/v1/legal-parameters')).json()) as { parameters: { key: string; value: number }[] };
    expect(stored.parameters.filter((p) => p.key === 'statisticsPeriodStartDay').map((p) => p.value)).toEqual([15]);

    // Such a value stored before those checks (or by hand) is not applied: the shipped value of its day, or the one before it,
    // applies; the administrator sees it listed with why, and mends it with an edit (ADR 0227).
    await database.db.updateTable('legal_parameter').set({ value: 31 }).where('key', '=', 'statisticsPeriodStartDay').where('effective_from', '=', '2019-03-01').execute();
    await database.db
      .insertInto('legal_parameter')
      .values({ key: 'complianceDays', effective_from: '2026-01-01', value: -5, unit: 'days', description_vi: 'sửa tay', legal_basis: 'x', confidence: 'U', to_confirm: true, updated_by: 'tay' })
      .execute();
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/statistics/dashboard')).status).toBe(200);
    const read = (await (await app.request('/api/v1/legal-parameters')).json()) as { parameters: { key: string; value: number }[]; rejected: Record<string, unknown>[] };
    expect(read.parameters.filter((p) => p.key === 'statisticsPeriodStartDay' || p.key === 'complianceDays').map((p) => [p.key, p.value])).toEqual([
      ['complianceDays', 10],
      ['statisticsPeriodStartDay', 15],
    ]);
    expect(read.rejected).toEqual([
      {
        key: 'complianceDays',
        effectiveFrom: '2026-01-01',
        value: -5,
        unit: 'days',
        problem: { field: 'value', en: 'must be a whole number of days, 1 or more', vi: 'giá trị phải là số ngày nguyên, từ 1 trở lên' },
        shippedApplies: false,
      },
      {
        key: 'statisticsPeriodStartDay',
        effectiveFrom: '2019-03-01',
        value: 31,
        unit: 'day_of_month',
        problem: { field: 'value', en: 'must be a day of the month from 1 to 28', vi: 'giá trị phải là ngày trong tháng, từ 1 đến 28' },
        shippedApplies: true,
      },
    ]);
    const mended = await call('quocgia.thu', 'PUT', '/api/v1/legal-parameters/statisticsPeriodStartDay/2019-03-01', { ...startDay, value: 15 });
    expect(mended.status).toBe(200);
    await database.db.deleteFrom('legal_parameter').where('key', '=', 'complianceDays').where('effective_from', '=', '2026-01-01').execute();
    const again = (await (await app.request('/api/v1/legal-parameters')).json()) as { parameters: { key: string; value: number }[]; rejected: unknown[] };
    expect([again.rejected, again.parameters.find((p) => p.key === 'statisticsPeriodStartDay')]).toEqual([[], expect.objectContaining({ value: 15, legalBasis: startDay.legalBasis })]);

    const list = await app.request('/api/v1/violations');
    const row = ((await list.json()) as { violations: Record<string, unknown>[] }).violations.find((v) => v.code === 'ND98/2020:17.2')!;
    const confirmed = { ...row, confidence: 'V', toConfirm: false };
    expect((await call('quocgia.thu', 'PUT', `/api/v1/violations/${encodeURIComponent('ND98/2020:17.2')}`, confirmed)).status).toBe(200);
    const wrong = await call('quocgia.thu', 'PUT', `/api/v1/violations/${encodeURIComponent('ND98/2020:17.2')}`, { ...confirmed, bracket: { min: 'a' } });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^bracket\.min: /) } } });
  });
});

describe('API tokens for integrations', () => {
  it('act as their integration account within their scopes, are shown once, and stop working when revoked', async () => {
    expect((await call('kiemsoat.an', 'POST', '/api/v1/tokens', { name: 'x', userId: 'quantri.minh', scopes: ['cases:read'] })).status).toBe(403);
    const portal = await call('quantri.minh', 'POST', '/api/v1/integrations', { username: `${UNIT}.cong-dvc`, displayName: 'Cổng dịch vụ công', roles: ['TEAM_LEAD'], teamId: `${UNIT}-doi-1` });
    expect(portal.status).toBe(201);
    expect((await call('quantri.minh', 'POST', '/api/v1/tokens', { name: 'x', userId: portal.body.id, scopes: ['everything'] })).status).toBe(400);
    const created = await call('quantri.minh', 'POST', '/api/v1/tokens', { name: 'Cổng dịch vụ công', userId: portal.body.id, scopes: ['cases:read', 'reference:read'] });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token}` };

    expect((await app.request('/api/v1/inbox', { headers: bearer })).status).toBe(200);
    expect((await app.request('/api/v1/procedures', { headers: bearer })).status).toBe(200);
    const write = await app.request('/api/v1/cases', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ procedureId: 'ins-tip', title: 'x' }) });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: { message: string } }).error.message).toMatch(/lacks the scope cases:write/);
    expect((await app.request('/api/v1/tokens', { headers: bearer })).status).toBe(403);
    expect((await app.request('/api/v1/businesses', { headers: bearer })).status).toBe(403);

    // A registry integration reads and imports businesses, and nothing else.
    const syncAccount = await call('quantri.minh', 'POST', '/api/v1/integrations', { username: `${UNIT}.dong-bo-dkkd`, displayName: 'Đồng bộ đăng ký kinh doanh', roles: ['TEAM_LEAD'], teamId: null });
    const registry = await call('quantri.minh', 'POST', '/api/v1/tokens', { name: 'Đồng bộ đăng ký kinh doanh', userId: syncAccount.body.id, scopes: ['registry:read', 'registry:write'] });
    const sync = { authorization: `Bearer ${registry.body.token}` };
    expect((await app.request('/api/v1/businesses?q=pho', { headers: sync })).status).toBe(200);
    const imported = await app.request('/api/v1/businesses/import?dryRun=true', {
      method: 'POST',
      headers: { ...sync, 'content-type': 'text/csv', 'idempotency-key': `k-${randomUUID()}` },
      body: 'tax_code,name,type,province,commune\n0314409058-077,Chi nhánh đồng bộ,BRANCH,Ninh Bình,Phường Hoa Lư\n',
    });
    expect(imported.status).toBe(200);
    expect((await app.request('/api/v1/inbox', { headers: sync })).status).toBe(403);

    const listed = await call('quantri.minh', 'GET', '/api/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await call('quantri.minh', 'DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    expect((await app.request('/api/v1/inbox', { headers: bearer })).status).toBe(401);
    expect((await app.request('/api/v1/inbox', { headers: { authorization: 'Bearer ins_made-up' } })).status).toBe(401);
  });
});

describe('users and teams', () => {
  it('are managed by admins of the unit; new roles and deactivation end the user’s sessions', async () => {
    expect((await call('doitruong.cuong', 'GET', '/api/v1/users')).status).toBe(403);
    const users = await call('quantri.minh', 'GET', '/api/v1/users');
    expect(users.body.users.map((u: { username: string }) => u.username)).toContain('kiemsoat.an');
    expect(JSON.stringify(users.body)).not.toContain('argon2');

    expect((await call('quantri.minh', 'POST', '/api/v1/teams', { id: `${UNIT}-doi-3`, name: 'Đội QLTT số 3' })).status).toBe(201);
    const weak = await call('quantri.minh', 'POST', '/api/v1/users', { username: 'kiemsoat.moi', displayName: 'Mới', password: 'short', roles: ['INSPECTOR'], teamId: `${UNIT}-doi-3` });
    expect(weak).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^password: must have at least 12/) } } });
    const made = await call('quantri.minh', 'POST', '/api/v1/users', {
      username: 'kiemsoat.moi',
      displayName: 'Kiểm soát viên mới',
      password: 'mat-khau-dai-du-12',
      roles: ['INSPECTOR'],
      teamId: `${UNIT}-doi-3`,
    });
    expect(made.status).toBe(201);
    expect((await call('quantri.minh', 'POST', '/api/v1/users', { username: 'kiemsoat.moi', displayName: 'x', password: 'mat-khau-dai-du-12', roles: ['INSPECTOR'] })).status).toBe(409);

    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kiemsoat.moi', password: 'mat-khau-dai-du-12' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
    const off = await call('quantri.minh', 'PATCH', '/api/v1/users/kiemsoat.moi', { active: false });
    expect(off.body).toMatchObject({ active: false });
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await call('quantri.minh', 'PATCH', '/api/v1/users/quantri.minh', { active: false })).status).toBe(422);
  });
});
