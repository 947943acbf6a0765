/**
 * Demo data for the embedded default (`npm start` without DATABASE_URL, never in production): one
 * unit, two teams and one user per role, a small business registry in Ninh Bình (the province
 * that took in Hà Nam and Nam Định on 1 July 2025) with a market and a hotspot, and a themed
 * campaign awaiting approval; a second province (Thanh Hóa: an admin, a director, a team lead) and
 * the national department's administrators, to try the two levels of configuration
 * (docs/adr/0040). The logins are in the README.
 */
import { checkBusinessFields, type TBusinessFields } from '../domain/business.js';
import { ZCampaignDefinition } from '../domain/campaign-schema.js';
import type { Db } from './database.js';
import { createBusiness, createTradePlace } from './repositories/businesses.js';
import { listCampaignVersions } from './repositories/campaigns.js';
import { saveCampaignDraft, submitCampaign } from '../api/services/campaign-versions.js';
import { NATIONAL_ADMIN, NATIONAL_UNIT } from '../domain/tenancy.js';
import { createTeam, createUnit, createUser } from './repositories/people.js';
import { insertDelegation } from './repositories/delegations.js';
import { addCalendarDays, vietnamDateOf } from '../domain/calendar.js';

export const DEMO_PASSWORD = 'ins-demo-2026';
/** A demo user's e-mail address, for notifications (`.example` is reserved: nothing is delivered there by mistake). */
export function demoEmail(username: string): string {
  return `${username}@qltt.example`;
}
const DEMO_UNIT = { id: 'nb', name: 'Chi cục Quản lý thị trường tỉnh Ninh Bình', province: 'Ninh Bình' };
const DEMO_TEAMS = [
  { id: 'nb-doi-1', unitId: 'nb', name: 'Đội Quản lý thị trường số 1' },
  { id: 'nb-doi-2', unitId: 'nb', name: 'Đội Quản lý thị trường số 2' },
];
export const DEMO_USERS = [
  { username: 'kiemsoat.an', displayName: 'Nguyễn Văn An', roles: ['INSPECTOR'], teamId: 'nb-doi-1' },
  { username: 'kiemsoat.binh', displayName: 'Trần Thị Bình', roles: ['INSPECTOR'], teamId: 'nb-doi-2' },
  { username: 'doitruong.cuong', displayName: 'Lê Văn Cường', roles: ['TEAM_LEAD'], teamId: 'nb-doi-1' },
  { username: 'doitruong.dung', displayName: 'Phạm Thị Dung', roles: ['TEAM_LEAD'], teamId: 'nb-doi-2' },
  { username: 'chicuctruong.hai', displayName: 'Hoàng Văn Hải', roles: ['DIRECTOR'], teamId: null },
  { username: 'phapche.lan', displayName: 'Vũ Thị Lan', roles: ['LEGAL_OFFICER'], teamId: null },
  { username: 'quantri.minh', displayName: 'Đỗ Văn Minh', roles: ['ADMIN'], teamId: null },
  // A second admin: role grants of ADMIN or DIRECTOR take two (docs/adr/0021-role-changes-by-four-eyes.md).
  { username: 'quantri.oanh', displayName: 'Lý Thị Oanh', roles: ['ADMIN'], teamId: null },
  { username: 'kehoach.nga', displayName: 'Bùi Thị Nga', roles: ['SCHEDULER'], teamId: null },
  { username: 'lanhdao.phong', displayName: 'Ngô Văn Phong', roles: ['LEADER_VIEWER'], teamId: null },
] as const;

/**
 * The national department's demo staff (unit `tw`, made by the migration): a national administrator,
 * who changes the national configuration, and the department's own account administrator, whose
 * ADMIN is about the department's accounts only and gives no national right.
 */
export const DEMO_NATIONAL_USERS = [
  { username: 'quocgia.thu', displayName: 'Đặng Minh Thư', roles: [NATIONAL_ADMIN], teamId: null },
  { username: 'quocgia.vinh', displayName: 'Tạ Quang Vinh', roles: ['ADMIN'], teamId: null },
] as const;

/** A second province, so that a unit's own configuration can be seen to stay its own. */
const DEMO_SECOND_UNIT = { id: 'th', name: 'Chi cục Quản lý thị trường tỉnh Thanh Hóa', province: 'Thanh Hóa' } as const;
/** Its staff (`<unit>-doi-1` is its one team). */
export const DEMO_SECOND_USERS = [
  { username: 'th.quantri', displayName: 'Mai Văn Quân', roles: ['ADMIN'], team: false },
  { username: 'th.chicuctruong', displayName: 'Lò Thị Trang', roles: ['DIRECTOR'], team: false },
  { username: 'th.doitruong', displayName: 'Hà Văn Sơn', roles: ['TEAM_LEAD'], team: true },
] as const;

/** The usernames of `ids` that exist already (so that seeding again hashes no password). */
async function existingUsers(db: Db, ids: readonly string[]): Promise<Set<string>> {
  return new Set((await db.selectFrom('app_user').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
}

/** A demo person: the username is the id, the demo password, an e-mail of the demo domain. */
async function createDemoUser(db: Db, u: { username: string; displayName: string; roles: readonly string[] }, unitId: string, teamId: string | null, extra: { deputy?: boolean } = {}): Promise<void> {
  await createUser(db, { id: u.username, username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, roles: [...u.roles], unitId, teamId, email: demoEmail(u.username), ...extra });
}

/** Seeds the national department's demo staff (once). */
async function seedDemoNationalStaff(db: Db): Promise<void> {
  const have = await existingUsers(
    db,
    DEMO_NATIONAL_USERS.map((u) => u.username),
  );
  for (const u of DEMO_NATIONAL_USERS.filter((x) => !have.has(x.username))) {
    await createDemoUser(db, u, NATIONAL_UNIT.id, null);
  }
}

/**
 * The demo unit's deputy director (docs/adr/0197), for `npm start` only (the tests make their own):
 * she holds DIRECTOR marked deputy, under the director's standing delegation for a year from the day
 * it is seeded, so that her decisions sign "KT. CHI CỤC TRƯỞNG".
 */
export const DEMO_DEPUTY = { username: 'phochicuc.hoa', displayName: 'Đinh Thị Hoa', roles: ['DIRECTOR'] } as const;

/** Seeds {@link DEMO_DEPUTY} in the demo unit with her delegation, once. */
export async function seedDemoDeputy(db: Db, unitId: string = DEMO_UNIT.id): Promise<void> {
  if ((await existingUsers(db, [DEMO_DEPUTY.username])).size) return;
  await createDemoUser(db, DEMO_DEPUTY, unitId, null, { deputy: true });
  const today = vietnamDateOf(new Date());
  await insertDelegation(db, {
    id: `gq-demo-${unitId}`,
    unitId,
    role: 'DIRECTOR',
    grantorId: 'chicuctruong.hai',
    delegateId: DEMO_DEPUTY.username,
    scope: 'STANDING',
    caseId: null,
    decisionNumber: '01/QĐ-GQXP',
    decisionDate: today,
    validFrom: today,
    validTo: addCalendarDays(today, 365),
    content: 'Giao Phó Chi cục trưởng ký quyết định kiểm tra, quyết định xử phạt vi phạm hành chính thuộc thẩm quyền của Chi cục trưởng (bản demo)',
    coercion: false,
    headAbsence: null,
    createdBy: 'quantri.minh',
  });
}

/** Seeds the second demo province as `unitId` (its team `<unitId>-doi-1`), once. */
export async function seedDemoSecondUnit(db: Db, unitId: string = DEMO_SECOND_UNIT.id): Promise<void> {
  await createUnit(db, { ...DEMO_SECOND_UNIT, id: unitId });
  await createTeam(db, { id: `${unitId}-doi-1`, unitId, name: 'Đội Quản lý thị trường số 1' });
  const have = await existingUsers(
    db,
    DEMO_SECOND_USERS.map((u) => u.username),
  );
  for (const u of DEMO_SECOND_USERS.filter((x) => !have.has(x.username))) {
    await createDemoUser(db, u, unitId, u.team ? `${unitId}-doi-1` : null);
  }
}

/** A market and a hotspot of the demo unit (ids prefixed with the unit). Wards after 1 July 2025. */
export const DEMO_PLACES = [
  {
    key: 'cho-rong',
    category: 'MARKET',
    name: 'Chợ Rồng Ninh Bình',
    kind: 'RETAIL',
    commune: 'Phường Hoa Lư',
    addressLine: null,
    notes: 'Chợ lớn nhất tỉnh; nhiều hộ kinh doanh thực phẩm, quần áo, hàng tiêu dùng.',
  },
  {
    key: 'ql1a-tam-diep',
    category: 'HOTSPOT',
    name: 'Tuyến Quốc lộ 1A qua phường Tam Điệp',
    kind: 'FUEL',
    commune: 'Phường Tam Điệp',
    addressLine: 'Quốc lộ 1A',
    notes: 'Cửa hàng xăng dầu dọc tuyến: chất lượng, đo lường, niêm yết giá.',
  },
] as const;

/**
 * Demo businesses: fictitious names; the tax codes have valid check digits but stand for no one
 * in particular.
 */
export const DEMO_BUSINESSES: readonly (Omit<TBusinessFields, 'province'> & { place?: 'cho-rong' | 'ql1a-tam-diep'; team: 1 | 2 })[] = [
  {
    taxCode: '2700123459',
    name: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
    type: 'ENTERPRISE',
    sector: 'Thực phẩm',
    productGroups: ['Thực phẩm chế biến', 'Đồ uống'],
    commune: 'Phường Hoa Lư',
    addressLine: 'Số 12 đường Lương Văn Tụy',
    phone: '02293871234',
    legalRepresentative: 'Nguyễn Văn Toàn',
    status: 'ACTIVE',
    team: 1,
  },
  {
    taxCode: '2700543213',
    name: 'Hộ kinh doanh Phở Bò Tràng An',
    type: 'HOUSEHOLD',
    sector: 'Ăn uống',
    productGroups: ['Thực phẩm tươi sống'],
    commune: 'Phường Hoa Lư',
    addressLine: 'Ki-ốt 25, Chợ Rồng',
    phone: '0912345678',
    legalRepresentative: 'Đinh Thị Hoa',
    status: 'ACTIVE',
    place: 'cho-rong',
    team: 1,
  },
  {
    taxCode: '2700111118-001',
    name: 'Chi nhánh Công ty CP Xăng dầu Tam Điệp - Cửa hàng số 3',
    type: 'BRANCH',
    sector: 'Xăng dầu',
    productGroups: ['Xăng', 'Dầu diesel'],
    commune: 'Phường Tam Điệp',
    addressLine: 'Quốc lộ 1A',
    phone: null,
    legalRepresentative: 'Phạm Quốc Hùng',
    status: 'ACTIVE',
    place: 'ql1a-tam-diep',
    team: 2,
  },
  {
    taxCode: '2700222227',
    name: 'Hợp tác xã Dịch vụ Nông nghiệp Đông A',
    type: 'COOPERATIVE',
    sector: 'Vật tư nông nghiệp',
    productGroups: ['Phân bón', 'Thuốc bảo vệ thực vật'],
    commune: 'Phường Đông A',
    addressLine: null,
    phone: null,
    legalRepresentative: 'Trần Văn Mạnh',
    status: 'ACTIVE',
    team: 2,
  },
  {
    taxCode: '2700333336',
    name: 'Công ty TNHH Dệt may Thành Nam',
    type: 'ENTERPRISE',
    sector: 'Hàng tiêu dùng',
    productGroups: ['Quần áo'],
    commune: 'Phường Nam Định',
    addressLine: null,
    phone: null,
    legalRepresentative: 'Vũ Thị Thu',
    status: 'SUSPENDED',
    team: 2,
  },
];

/** Seeds the demo market, hotspot and businesses of `unitId`; changes nothing already there. */
async function seedDemoRegistry(db: Db, unitId: string): Promise<void> {
  const placeId = (key: string): string => `${unitId}-${key}`;
  for (const p of DEMO_PLACES) {
    await createTradePlace(db, {
      id: placeId(p.key),
      unitId,
      category: p.category,
      name: p.name,
      kind: p.kind,
      province: 'Ninh Bình',
      commune: p.commune,
      addressLine: p.addressLine,
      notes: p.notes,
      by: 'system',
    });
  }
  for (const { place, team, ...b } of DEMO_BUSINESSES) {
    // The same checks as the API and the import, so the demo cannot drift from the rules.
    const { value, issues } = checkBusinessFields({ ...b, province: 'Ninh Bình' }, { partial: false });
    if (issues.length) throw new Error(`demo business ${b.taxCode}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    const isMarket = place === 'cho-rong';
    await createBusiness(db, {
      unitId,
      by: 'system',
      fields: value as TBusinessFields,
      refs: { managingTeamId: `${unitId}-doi-${team}`, marketId: isMarket ? placeId(place) : null, hotspotIds: place && !isMarket ? [placeId(place)] : [] },
    });
  }
}

/** The demo themed campaign: food safety before Tết Đinh Mùi (06/02/2027) in Ninh Bình. */
export const DEMO_CAMPAIGN_ID = 'atvstp-tet-2027';

/**
 * Seeds the demo campaign, drafted and submitted by the demo scheduler and waiting for the demo
 * director's approval — not approved: approving creates its Temporal Schedule (through the API,
 * which `npm start` seeding does not have), and a demo that starts inspections on its own every
 * Monday would surprise whoever runs it. Changes nothing if the campaign is there.
 */
async function seedDemoCampaign(db: Db, unitId: string): Promise<void> {
  if ((await listCampaignVersions(db, unitId, DEMO_CAMPAIGN_ID)).length) return;
  const def = ZCampaignDefinition.parse({
    id: DEMO_CAMPAIGN_ID,
    version: 1,
    kind: 'THEMED',
    title: 'Kiểm tra chuyên đề an toàn thực phẩm dịp Tết Nguyên đán Đinh Mùi 2027',
    theme: 'An toàn thực phẩm: thực phẩm chế biến, đồ uống, thực phẩm tươi sống',
    legalBasis: 'Thông tư 27/2020/TT-BCT (sửa đổi bởi Thông tư 45/2025/TT-BCT), Điều 5 khoản 1 điểm b và Điều 6: kế hoạch kiểm tra chuyên đề',
    planWindow: { from: '2026-12-14', to: '2027-02-05' },
    // Mondays at 08:00 (Vietnam); a Monday off moves to the next working day.
    cadence: { kind: 'CALENDAR', daysOfWeek: [1], hour: 8, minute: 0 },
    targets: { sectors: ['Thực phẩm', 'Ăn uống'] },
    quota: { perRun: 2, perTeam: 1 },
    teamIds: [`${unitId}-doi-1`, `${unitId}-doi-2`],
    procedure: { id: 'ins-inspection', version: 1 },
    guardrails: { maxPlannedPerBusinessPerYear: 1 },
  });
  await saveCampaignDraft(db, unitId, def, 'kehoach.nga');
  await submitCampaign(db, unitId, DEMO_CAMPAIGN_ID, 1, 'kehoach.nga');
}

/**
 * Seeds the demo unit, teams and users (once), and the national department's demo staff. `unitId`
 * renames the unit (its teams become `<unitId>-doi-1/2`): tests that share one Temporal server give
 * each database its own unit, since case ids (workflow ids) contain the unit. The second province
 * is seeded under `secondUnitId` (by default only for the demo's own unit; tests seed it with
 * `seedDemoSecondUnit` when they need it).
 */
export async function seedDemoData(db: Db, unitId: string = DEMO_UNIT.id, secondUnitId: string | null = unitId === DEMO_UNIT.id ? DEMO_SECOND_UNIT.id : null): Promise<number> {
  await seedDemoNationalStaff(db);
  if (secondUnitId) await seedDemoSecondUnit(db, secondUnitId);
  const existing = await db.selectFrom('app_user').select(['id', 'unit_id']).where('id', '=', DEMO_USERS[0].username).executeTakeFirst();
  const team = (id: string | null, unit: string): string | null => (id === null ? null : id.replace(/^nb-/, `${unit}-`));
  const seedUsers = async (unit: string): Promise<void> => {
    const have = new Set(
      (
        await db
          .selectFrom('app_user')
          .select('id')
          .where(
            'id',
            'in',
            DEMO_USERS.map((u) => u.username),
          )
          .execute()
      ).map((r) => r.id),
    );
    for (const u of DEMO_USERS.filter((x) => !have.has(x.username))) {
      await createDemoUser(db, u, unit, team(u.teamId, unit));
    }
  };
  if (existing) {
    // Installations seeded before the second admin, the registry or the campaign existed get them
    // now; seeding twice changes nothing.
    await seedUsers(existing.unit_id);
    await seedDemoRegistry(db, existing.unit_id);
    await seedDemoCampaign(db, existing.unit_id);
    return 0;
  }
  await createUnit(db, { ...DEMO_UNIT, id: unitId });
  for (const t of DEMO_TEAMS) await createTeam(db, { ...t, id: team(t.id, unitId)!, unitId });
  await seedUsers(unitId);
  await seedDemoRegistry(db, unitId);
  await seedDemoCampaign(db, unitId);
  return DEMO_USERS.length;
}
