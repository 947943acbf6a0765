/**
 * Two levels of configuration, with two provinces and the national department
 * (docs/adr/0040-tenancy-national-and-unit-configuration.md): the calendar, the violation catalogue,
 * the legal parameters and the national procedures are changed by a national administrator only —
 * no unit's admin, whichever unit (the finding of issue 13: a second unit's admin edited them) —
 * and every unit reads them; a unit's own procedure variants, teams and registry are its own.
 */
import { randomUUID } from 'node:crypto';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { InsApp } from '../api/app.js';
import { campaignRefIssues } from '../api/services/campaigns.js';
import { createDb } from '../db/database.js';
import { DEMO_PASSWORD, seedDemoData, seedDemoSecondUnit } from '../db/demo-data.js';
import { MIGRATIONS, migrateToLatest } from '../db/migrate.js';
import { createUser } from '../db/repositories/people.js';
import { ZCampaignDefinition } from '../domain/campaign-schema.js';
import { NATIONAL_UNIT } from '../domain/tenancy.js';
import { dropDatabase, ensureDatabase } from '../lib/embedded-pg.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER = `th${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
const sessions = new Map<string, TTestSession>();

/** A request as one of the signed-in demo users. */
const call = (username: string, method: string, path: string, body?: unknown) => callAs(app, sessions.get(username)!, method, path, body);

const A_ADMIN = 'quantri.minh';
const B_ADMIN = 'th.quantri';
const NATIONAL = 'quocgia.thu';
/** The national department's account administrator: ADMIN there gives no national right. */
const NATIONAL_UNIT_ADMIN = 'quocgia.vinh';
const VARIANT = `${UNIT}.ins-tip`;

const DAY = { isWorkingDay: true, reason: 'Làm bù thử', status: 'ANNOUNCED', source: 'Thử nghiệm' };
const PARAM = { value: 9, unit: 'working_days', descriptionVi: 'Tham số thử', legalBasis: 'Thử nghiệm', confidence: 'U', toConfirm: true };
const VIOLATION = {
  code: 'ND98/2020:98.1.a',
  decree: 'Thử nghiệm',
  article: 98,
  clause: 1,
  point: 'a',
  descriptionVi: 'Hành vi thử',
  bracket: { min: 100_000, max: 200_000 },
  baseSubject: 'individual',
  warningPossible: false,
  additionalSanctions: [],
  remedialMeasures: [],
  limitationYears: 1,
  effectiveFrom: '2026-01-01',
  confidence: 'U',
  toConfirm: true,
};

const calendarDay = (date: string) => database.db.selectFrom('calendar_day').selectAll().where('date', '=', date).executeTakeFirst();
const legalParam = (key: string) => database.db.selectFrom('legal_parameter').selectAll().where('key', '=', key).executeTakeFirst();
const violation = (code: string) => database.db.selectFrom('violation').selectAll().where('code', '=', code).executeTakeFirst();
const versionOf = (id: string, version: number) =>
  database.db.selectFrom('procedure_version').select(['status', 'definition']).where('procedure_id', '=', id).where('version', '=', version).executeTakeFirst();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions are changed as plain JSON here
type TJson = Record<string, any>;

/** ins-tip@1 as a unit's variant: a stricter copy (fewer roles at C3, a shorter verification period, a stall number). */
async function tipVariant(id: string, version = 1, change: (d: TJson) => void = () => undefined): Promise<TJson> {
  const national = (await call(A_ADMIN, 'GET', '/api/v1/procedures/ins-tip/versions/1')).body.definition;
  const d = structuredClone(national);
  d.id = id;
  d.version = version;
  d.variantOf = { procedureId: 'ins-tip', version: 1 };
  d.title = { vi: 'Xử lý tin báo (quy trình của đơn vị)', en: 'Handling a tip (the unit’s procedure)' };
  const c3 = d.steps.find((s: { id: string }) => s.id === 'C3');
  c3.roles = ['INSPECTOR'];
  c3.deadline.amount = 7;
  c3.form.fields.push({ key: 'stallNo', type: 'text', label: { vi: 'Số ki-ốt', en: 'Stall number' } });
  change(d);
  return d;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await seedDemoSecondUnit(database.db, OTHER);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  for (const u of [A_ADMIN, B_ADMIN, NATIONAL, NATIONAL_UNIT_ADMIN, 'doitruong.cuong', 'chicuctruong.hai', 'th.chicuctruong', 'th.doitruong', 'kiemsoat.an']) sessions.set(u, await signIn(app, u));
}, 120_000);
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

describe('national configuration (the finding: a second unit’s admin edited every unit’s configuration)', () => {
  it.each([
    ['the first unit’s admin', A_ADMIN],
    ['a second unit’s admin', B_ADMIN],
    ['the national department’s account admin', NATIONAL_UNIT_ADMIN],
  ])('%s cannot change the calendar, the catalogue, the legal parameters or a national procedure, and nothing changes', async (_who, admin) => {
    const before = { day: await calendarDay('2030-05-05'), param: await legalParam('tenancyParam'), violation: await violation(VIOLATION.code), tip: await versionOf('ins-tip', 1) };
    const refusals = [
      await call(admin, 'PUT', '/api/v1/calendar/days/2030-05-05', DAY),
      await call(admin, 'PUT', '/api/v1/legal-parameters/tenancyParam/2026-01-01', PARAM),
      await call(admin, 'PUT', `/api/v1/violations/${encodeURIComponent(VIOLATION.code)}`, VIOLATION),
      await call(admin, 'PUT', '/api/v1/procedures/ins-tip/versions/60', { ...(await tipVariant('ins-tip', 60)), variantOf: undefined }),
      await call(admin, 'POST', '/api/v1/procedures/ins-tip/versions/1/retire'),
      // Refused before the body is looked at: no schema in the answer.
      await call(admin, 'PUT', '/api/v1/calendar/days/not-a-date', { isWorkingDay: 'maybe' }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.body.error.details).toMatchObject({ reason: 'NATIONAL_CONFIGURATION', editableBy: 'NATIONAL_ADMIN' });
      expect(r.body.error.message).toMatch(/is national configuration, the same for every unit: only a national administrator \(role NATIONAL_ADMIN/);
    }
    const ownUnit = admin === B_ADMIN ? OTHER : admin === A_ADMIN ? UNIT : NATIONAL_UNIT.id;
    expect(refusals[3]!.body.error.message).toContain(`a procedure whose id starts with “${ownUnit}.”`);
    expect({ day: await calendarDay('2030-05-05'), param: await legalParam('tenancyParam'), violation: await violation(VIOLATION.code), tip: await versionOf('ins-tip', 1) }).toEqual(before);
    expect(await versionOf('ins-tip', 60)).toBeUndefined();
  });

  it('every unit reads the national configuration', async () => {
    for (const admin of [A_ADMIN, B_ADMIN]) {
      expect((await call(admin, 'GET', '/api/v1/calendar/days?from=2026-01-01&to=2026-12-31')).status).toBe(200);
      expect((await call(admin, 'GET', '/api/v1/legal-parameters')).status).toBe(200);
      expect((await call(admin, 'GET', '/api/v1/violations')).status).toBe(200);
      expect((await call(admin, 'GET', '/api/v1/procedures/ins-tip/versions/1')).body).toMatchObject({ procedure_id: 'ins-tip', owner_unit_id: null, variant_of_id: null });
    }
  });

  it('the national administrator changes it, audited under their own name', async () => {
    const day = await call(NATIONAL, 'PUT', '/api/v1/calendar/days/2030-05-05', DAY);
    expect(day.status).toBe(200);
    expect(await calendarDay('2030-05-05')).toMatchObject({ is_working_day: true, updated_by: NATIONAL });
    expect((await call(NATIONAL, 'PUT', '/api/v1/legal-parameters/tenancyParam/2026-01-01', PARAM)).status).toBe(200);
    expect(await legalParam('tenancyParam')).toMatchObject({ value: 9, updated_by: NATIONAL });
    expect((await call(NATIONAL, 'PUT', `/api/v1/violations/${encodeURIComponent(VIOLATION.code)}`, VIOLATION)).status).toBe(200);
    expect(await violation(VIOLATION.code)).toMatchObject({ updated_by: NATIONAL });
    const tip3: TJson = { ...(await tipVariant('ins-tip', 3)), variantOf: undefined, title: { vi: 'Xử lý tin báo', en: 'Handling a tip' } };
    expect((await call(NATIONAL, 'PUT', '/api/v1/procedures/ins-tip/versions/3', tip3)).body).toEqual({ saved: true, issues: [] });
    expect((await call(NATIONAL, 'POST', '/api/v1/procedures/ins-tip/versions/3/publish')).status).toBe(200);
    expect((await call(NATIONAL, 'POST', '/api/v1/procedures/ins-tip/versions/3/retire')).status).toBe(200);
    // The request audit of the national department's chain names the national administrator.
    const audited = await database.db.selectFrom('request_audit').select(['actor_id', 'method', 'path', 'status']).where('chain_id', '=', NATIONAL_UNIT.id).where('actor_id', '=', NATIONAL).execute();
    expect(audited).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'PUT', path: '/api/v1/calendar/days/2030-05-05', status: 200 }),
        expect.objectContaining({ method: 'POST', path: '/api/v1/procedures/ins-tip/versions/3/publish', status: 200 }),
      ]),
    );
    // A national procedure runs national sub-procedures only.
    const tip4 = structuredClone(tip3);
    tip4.version = 4;
    tip4.steps.find((s: { id: string }) => s.id === 'C4I').subProcedure.procedureId = `${UNIT}.ins-inspection`;
    const saved = await call(NATIONAL, 'PUT', '/api/v1/procedures/ins-tip/versions/4', tip4);
    expect(saved.body.issues).toEqual([expect.objectContaining({ code: 'PROCEDURE_SCOPE', path: 'steps[4].subProcedure.procedureId' })]);
    expect((await call(NATIONAL, 'POST', '/api/v1/procedures/ins-tip/versions/4/publish')).status).toBe(422);
  });

  it('NATIONAL_ADMIN is held only by staff of the national department', async () => {
    const asked = await call(A_ADMIN, 'POST', '/api/v1/users/kiemsoat.an/role-requests', { roles: ['INSPECTOR', 'NATIONAL_ADMIN'], reason: 'Thử' });
    expect(asked).toMatchObject({ status: 422, body: { error: { details: { reason: 'NATIONAL_ROLE_OUTSIDE_NATIONAL_UNIT' } } } });
    expect(
      (await call(A_ADMIN, 'POST', '/api/v1/users', { username: `${UNIT}.quocgia`, displayName: 'x', password: 'mat-khau-rat-dai-2026', roles: ['NATIONAL_ADMIN'], teamId: null })).body.error.details
        .reason,
    ).toBe('NATIONAL_ROLE_OUTSIDE_NATIONAL_UNIT');
    // Whoever writes the row: the database refuses it too.
    await expect(createUser(database.db, { id: `${UNIT}.x`, username: `${UNIT}.x`, displayName: 'x', password: DEMO_PASSWORD, roles: ['NATIONAL_ADMIN'], unitId: UNIT })).rejects.toThrow(
      /NATIONAL_ADMIN is held only by staff of the national unit/,
    );
    // In the national department it is asked for like ADMIN, for a second admin to approve.
    const national = await call(NATIONAL_UNIT_ADMIN, 'POST', `/api/v1/users/${NATIONAL_UNIT_ADMIN}/role-requests`, { roles: ['ADMIN', 'NATIONAL_ADMIN'], reason: 'Kiêm quản trị quốc gia' });
    expect(national.status).toBe(201);
  });
});

describe('a unit’s own procedure variants', () => {
  it('a unit admin publishes a stricter variant of a national procedure, recorded as its variant', async () => {
    const saved = await call(A_ADMIN, 'PUT', `/api/v1/procedures/${VARIANT}/versions/1`, await tipVariant(VARIANT));
    expect(saved.body).toEqual({ saved: true, issues: [] });
    expect((await call(A_ADMIN, 'POST', `/api/v1/procedures/${VARIANT}/versions/1/publish`)).status).toBe(200);
    const listed = (await call(A_ADMIN, 'GET', '/api/v1/procedures')).body.versions;
    expect(listed).toContainEqual(
      expect.objectContaining({ procedure_id: VARIANT, version: 1, status: 'PUBLISHED', owner_unit_id: UNIT, variant_of_id: 'ins-tip', variant_of_version: 1, published_by: A_ADMIN }),
    );
    expect(listed).toContainEqual(expect.objectContaining({ procedure_id: 'ins-tip', owner_unit_id: null }));
  });

  it('another unit neither sees nor uses it, and cannot write over it or retire it', async () => {
    const listed = (await call(B_ADMIN, 'GET', '/api/v1/procedures')).body.versions as { procedure_id: string }[];
    expect(listed.some((v) => v.procedure_id === VARIANT)).toBe(false);
    expect(listed.some((v) => v.procedure_id === 'ins-tip')).toBe(true);
    expect((await call(B_ADMIN, 'GET', `/api/v1/procedures/${VARIANT}/versions/1`)).status).toBe(404);
    expect((await call('th.doitruong', 'GET', `/api/v1/procedures/${VARIANT}/versions/1`)).status).toBe(404);
    expect((await call(B_ADMIN, 'GET', `/api/v1/procedures/${VARIANT}/diff?from=1&to=1`)).status).toBe(404);
    const before = await versionOf(VARIANT, 1);
    for (const [method, path, body] of [
      ['PUT', `/api/v1/procedures/${VARIANT}/versions/2`, await tipVariant(VARIANT, 2)],
      ['PUT', `/api/v1/procedures/${VARIANT}/versions/1`, await tipVariant(VARIANT, 1)],
      ['POST', `/api/v1/procedures/${VARIANT}/versions/1/publish`, undefined],
      ['POST', `/api/v1/procedures/${VARIANT}/versions/1/retire`, undefined],
    ] as const) {
      const r = await call(B_ADMIN, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.details).toEqual({ reason: 'OTHER_UNIT' });
    }
    expect(await versionOf(VARIANT, 1)).toEqual(before);
    expect(await versionOf(VARIANT, 2)).toBeUndefined();
    // Opening a case on it: as if it did not exist.
    const opened = await call('th.doitruong', 'POST', '/api/v1/cases', { procedureId: VARIANT, title: 'Tin báo', teamId: `${OTHER}-doi-1` });
    expect(opened).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('the national administrator oversees the variants (reads them) but does not change them', async () => {
    expect((await call(NATIONAL, 'GET', '/api/v1/procedures')).body.versions).toContainEqual(expect.objectContaining({ procedure_id: VARIANT, owner_unit_id: UNIT }));
    expect((await call(NATIONAL, 'GET', `/api/v1/procedures/${VARIANT}/versions/1`)).status).toBe(200);
    expect((await call(NATIONAL, 'POST', `/api/v1/procedures/${VARIANT}/versions/1/retire`)).body.error.details).toEqual({ reason: 'OTHER_UNIT' });
  });

  it('its own cases open on it; running cases keep their version', async () => {
    const opened = await call('doitruong.cuong', 'POST', '/api/v1/cases', { procedureId: VARIANT, title: 'Tin báo về ki-ốt 25', teamId: `${UNIT}-doi-1` });
    expect(opened).toMatchObject({ status: 201, body: { procedure: { id: VARIANT, version: 1 } } });
    const procedure = await call('doitruong.cuong', 'GET', `/api/v1/cases/${encodeURIComponent(opened.body.caseId)}/procedure`);
    expect(procedure.body.procedure.steps.find((s: { id: string }) => s.id === 'C3').roles).toEqual(['INSPECTOR']);
  });

  it('a variant that relaxes the law is saved as a draft with its problems and never published', async () => {
    const id = `${UNIT}.ins-tip-lax`;
    const lax = await tipVariant(id, 1, (d) => {
      const c2 = d.steps.find((s: { id: string }) => s.id === 'C2');
      c2.roles.push('INSPECTOR');
      d.steps.find((s: { id: string }) => s.id === 'C3').deadline.amount = 30;
    });
    const saved = await call(A_ADMIN, 'PUT', `/api/v1/procedures/${id}/versions/1`, lax);
    expect(saved.body.saved).toBe(true);
    expect(saved.body.issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`)).toEqual(['VARIANT_RELAXES steps[1].roles[2]', 'VARIANT_RELAXES steps[2].deadline.amount']);
    const validated = await call(A_ADMIN, 'POST', '/api/v1/procedures/validate', lax);
    expect(validated.body).toMatchObject({ ok: false, issues: saved.body.issues });
    const refused = await call(A_ADMIN, 'POST', `/api/v1/procedures/${id}/versions/1/publish`);
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'BUSINESS_RULE', details: saved.body.issues } } });
    expect((await versionOf(id, 1))?.status).toBe('DRAFT');
  });

  it('a unit’s own procedure of a kind the law covers must be a variant of a national one', async () => {
    const id = `${UNIT}.tin-bao`;
    const own = await tipVariant(id, 1, (d) => delete d.variantOf);
    expect((await call(A_ADMIN, 'PUT', `/api/v1/procedures/${id}/versions/1`, own)).body.issues).toEqual([expect.objectContaining({ code: 'VARIANT_BASE', path: 'variantOf' })]);
    expect((await call(A_ADMIN, 'POST', `/api/v1/procedures/${id}/versions/1/publish`)).status).toBe(422);
    // A variant of a version that is not national (another unit's or a draft): refused the same way.
    const ofVariant = await tipVariant(`${UNIT}.ins-tip-2`, 1, (d) => (d.variantOf = { procedureId: VARIANT, version: 1 }));
    expect((await call(A_ADMIN, 'PUT', `/api/v1/procedures/${UNIT}.ins-tip-2/versions/1`, ofVariant)).body.issues).toEqual([expect.objectContaining({ code: 'VARIANT_BASE', path: 'variantOf' })]);
  });

  it('a unit cannot name its procedure after another unit, nor make a national one', async () => {
    const r = await call(B_ADMIN, 'PUT', `/api/v1/procedures/${UNIT}.moi/versions/1`, await tipVariant(`${UNIT}.moi`));
    expect(r).toMatchObject({ status: 403, body: { error: { details: { reason: 'OTHER_UNIT' } } } });
    expect(r.body.error.message).toContain(`start with “${OTHER}.”`);
    const national = await call(B_ADMIN, 'PUT', '/api/v1/procedures/quy-trinh-moi/versions/1', { ...(await tipVariant('quy-trinh-moi')), variantOf: undefined });
    expect(national.body.error.details.reason).toBe('NATIONAL_CONFIGURATION');
    expect(
      await database.db
        .selectFrom('procedure')
        .select('procedure_id')
        .where('procedure_id', 'in', [`${UNIT}.moi`, 'quy-trinh-moi'])
        .execute(),
    ).toEqual([]);
  });

  it('a campaign pins a national inspection procedure or its own unit’s variant, never another unit’s', async () => {
    const inspection = (await call(A_ADMIN, 'GET', '/api/v1/procedures/ins-inspection/versions/2')).body.definition;
    const id = `${UNIT}.ins-inspection`;
    expect((await call(A_ADMIN, 'PUT', `/api/v1/procedures/${id}/versions/1`, { ...inspection, id, version: 1, variantOf: { procedureId: 'ins-inspection', version: 2 } })).body.issues).toEqual([]);
    expect((await call(A_ADMIN, 'POST', `/api/v1/procedures/${id}/versions/1/publish`)).status).toBe(200);
    const campaign = (unit: string) =>
      ZCampaignDefinition.parse({
        id: 'ct-thu',
        version: 1,
        kind: 'THEMED',
        title: 'Thử',
        theme: 'Thử',
        legalBasis: 'Thử',
        planWindow: { from: '2027-01-04', to: '2027-02-05' },
        cadence: { kind: 'CALENDAR', daysOfWeek: [1], hour: 8, minute: 0 },
        targets: {},
        quota: { perRun: 1, perTeam: 1 },
        teamIds: [`${unit}-doi-1`],
        procedure: { id, version: 1 },
        guardrails: { maxPlannedPerBusinessPerYear: 1 },
      });
    expect(await campaignRefIssues(database.db, UNIT, campaign(UNIT))).toEqual([]);
    expect(await campaignRefIssues(database.db, OTHER, campaign(OTHER))).toEqual([
      { path: 'procedure', message: `${id}@1 is not a published procedure version`, rule: 'procedureNotPublished', params: { procedure: `${id}@1` } },
    ]);
  });

  it('a variant starts no new case once its national version is retired', async () => {
    expect((await call(NATIONAL, 'POST', '/api/v1/procedures/ins-tip/versions/1/retire')).status).toBe(200);
    const opened = await call('doitruong.cuong', 'POST', '/api/v1/cases', { procedureId: VARIANT, title: 'Tin báo', teamId: `${UNIT}-doi-1` });
    expect(opened).toMatchObject({ status: 422, body: { error: { code: 'BUSINESS_RULE', details: { reason: 'VARIANT_BASE_RETIRED' } } } });
    // A new version of the variant on a retired national version is not published either.
    expect((await call(A_ADMIN, 'PUT', `/api/v1/procedures/${VARIANT}/versions/2`, await tipVariant(VARIANT, 2))).body.issues).toEqual([expect.objectContaining({ code: 'VARIANT_BASE' })]);
  });
});

describe('what else a unit has of its own', () => {
  it('teams and the business registry are the unit’s', async () => {
    const teams = (await call(B_ADMIN, 'GET', '/api/v1/teams')).body.teams as { id: string }[];
    expect(teams.map((t) => t.id)).toEqual([`${OTHER}-doi-1`]);
    const business = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).executeTakeFirstOrThrow();
    expect((await call('th.chicuctruong', 'GET', `/api/v1/businesses/${business.id}`)).status).toBe(404);
    expect((await call('th.chicuctruong', 'GET', '/api/v1/businesses')).body.items).toEqual([]);
    expect((await call('chicuctruong.hai', 'GET', `/api/v1/businesses/${business.id}`)).status).toBe(200);
    expect((await call(B_ADMIN, 'POST', '/api/v1/teams', { id: `${UNIT}-doi-9`, name: 'Đội thử' })).status).toBe(201);
    expect(await database.db.selectFrom('team').select('unit_id').where('id', '=', `${UNIT}-doi-9`).executeTakeFirstOrThrow()).toEqual({ unit_id: OTHER });
  });
});

describe('the migration', () => {
  it('makes every existing procedure national, keeps units’ admins out of it, and can be undone and redone', async () => {
    const adminUrl = inject('dbAdminUrl');
    const name = `ins_t_mig_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await ensureDatabase(adminUrl, name);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const db = createDb({ url: u.toString(), poolSize: 2 });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, migrationTableName: 'ins_migration', migrationLockTableName: 'ins_migration_lock' });
      expect((await migrator.migrateTo('2026-12-03T03-00_credential-revocation-notify')).error).toBeUndefined();
      // An installation as it was: one unit, its admin, a procedure its admin drafted.
      await db
        .insertInto('unit')
        .values({ id: 'nb', name: 'Chi cục', province: 'Ninh Bình' } as never)
        .execute();
      await createUser(db, { id: 'admin', username: 'admin', displayName: 'x', password: DEMO_PASSWORD, roles: ['ADMIN'], unitId: 'nb' });
      await db
        .insertInto('procedure_version')
        .values({ procedure_id: 'quy-trinh.rieng', version: 1, status: 'DRAFT', kind: 'TEST', title_vi: 'x', definition: '{}', created_by: 'admin' } as never)
        .execute();
      await migrateToLatest(db);
      expect(await db.selectFrom('procedure').select(['procedure_id', 'owner_unit_id']).execute()).toEqual([{ procedure_id: 'quy-trinh.rieng', owner_unit_id: null }]);
      expect(await db.selectFrom('unit').select(['id', 'level']).orderBy('id').execute()).toEqual([
        { id: 'nb', level: 'PROVINCIAL' },
        { id: NATIONAL_UNIT.id, level: 'NATIONAL' },
      ]);
      expect((await db.selectFrom('app_user').select('roles').where('id', '=', 'admin').executeTakeFirstOrThrow()).roles).toEqual(['ADMIN']);
      // A unit's own procedure ids start with its id and a dot: a new unit id has none.
      await expect(db.insertInto('unit').values({ id: 'ha.noi', name: 'x', province: 'Hà Nội' }).execute()).rejects.toThrow(/unit_id_no_dot/);
      expect((await migrator.migrateDown()).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await db.selectFrom('procedure').select('owner_unit_id').execute()).toEqual([{ owner_unit_id: null }]);
    } finally {
      await db.destroy();
      await dropDatabase(adminUrl, name);
    }
  });
});
