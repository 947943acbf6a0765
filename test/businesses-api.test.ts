/**
 * The business registry and the case list over HTTP (`app.request()`), with the real database and a
 * real Temporal worker: validation with clear 400s, roles, unit scoping (another unit's business is
 * 404), the CSV import report, a case opened about a business showing in its history and found by
 * the case list's search, and the case list's team scoping, filters and pages.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { IMPORT_MAX_BYTES } from '../api/services/business-import.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createTeam, createUnit, createUser } from '../db/repositories/people.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

/** This file's own unit: case ids contain it, and test files share one Temporal server. */
const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER = `hn${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
const sessions = new Map<string, TTestSession>();

const USERS = ['chicuctruong.hai', 'doitruong.cuong', 'doitruong.dung', 'kiemsoat.an', 'kiemsoat.binh', 'kehoach.nga', 'lanhdao.phong', 'quantri.minh', 'hn.chicuctruong'] as const;
type TUserName = (typeof USERS)[number];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT thành phố Hà Nội', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội QLTT số 1' });
  await createUser(database.db, { id: 'hn.chicuctruong', username: 'hn.chicuctruong', displayName: 'x', password: DEMO_PASSWORD, roles: ['DIRECTOR'], unitId: OTHER });
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  for (const u of USERS) sessions.set(u, await signIn(app, u));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function call(user: TUserName, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const s = sessions.get(user)!;
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, ...(method === 'POST' ? { 'idempotency-key': `k-${randomUUID()}` } : {}), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

const csv = (user: TUserName, text: string | Uint8Array, query = '') => call(user, 'POST', `/api/v1/businesses/import${query}`, text, { 'content-type': 'text/csv; charset=utf-8' });

async function businessByTaxCode(taxCode: string): Promise<{ id: string; name: string; taxCode: string }> {
  const r = await call('chicuctruong.hai', 'GET', `/api/v1/businesses?q=${encodeURIComponent(taxCode)}`);
  expect(r.status).toBe(200);
  const found = r.body.items.find((b: { taxCode: string }) => b.taxCode === taxCode);
  expect(found).toBeDefined();
  return found;
}

const NEW_BUSINESS = {
  taxCode: '0314409058002',
  name: 'Chi nhánh Công ty Phở Việt tại Ninh Bình',
  type: 'BRANCH',
  sector: 'Ăn uống',
  productGroups: ['Thực phẩm'],
  address: { province: 'tỉnh Ninh Bình', commune: 'phường Hoa Lư', line: 'Số 5 đường Trần Hưng Đạo' },
  phone: '+84 912 000 111',
  legalRepresentative: 'Lê Thị Mai',
};

describe('registering and changing businesses', () => {
  it('registers a business with its canonical tax code, province and ward', async () => {
    const r = await call('doitruong.cuong', 'POST', '/api/v1/businesses', {
      ...NEW_BUSINESS,
      managingTeamId: `${UNIT}-doi-1`,
      marketId: `${UNIT}-cho-rong`,
      conflictOfInterestUserIds: ['kiemsoat.an'],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      taxCode: '0314409058-002',
      type: 'BRANCH',
      status: 'ACTIVE',
      address: { province: 'Ninh Bình', commune: 'Phường Hoa Lư', line: 'Số 5 đường Trần Hưng Đạo' },
      phone: '0912000111',
      unitId: UNIT,
      managingTeamId: `${UNIT}-doi-1`,
      marketId: `${UNIT}-cho-rong`,
      conflictOfInterestUserIds: ['kiemsoat.an'],
      createdBy: 'doitruong.cuong',
    });
  });

  it.each([
    ['12345', 'must be 10 digits'],
    ['0314409058-0021', 'must be 10 digits'],
    ['03144O9058', 'must be 10 digits'],
    ['0314409059', 'check digit'],
    ['0314409058-000', 'branch number'],
  ])('refuses the tax code %j with a 400 naming taxCode', async (taxCode, reason) => {
    const r = await call('chicuctruong.hai', 'POST', '/api/v1/businesses', { ...NEW_BUSINESS, taxCode });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.message).toMatch(new RegExp(`^taxCode: .*${reason}`));
  });

  it('refuses an address with a district, a merged province, and references outside the unit', async () => {
    const district = await call('chicuctruong.hai', 'POST', '/api/v1/businesses', {
      ...NEW_BUSINESS,
      taxCode: '0100233488',
      type: 'ENTERPRISE',
      address: { province: 'Ninh Bình', commune: 'Huyện Hoa Lư' },
    });
    expect(district.status).toBe(400);
    expect(district.body.error.message).toMatch(/^address\.commune: .*no longer exist/);
    const merged = await call('chicuctruong.hai', 'POST', '/api/v1/businesses', {
      ...NEW_BUSINESS,
      taxCode: '0100233488',
      type: 'ENTERPRISE',
      address: { province: 'Hà Nam', commune: 'Phường Phủ Lý' },
    });
    expect(merged.body.error.message).toMatch(/^address\.province: Hà Nam was merged into Ninh Bình/);
    expect(merged.body.error.details).toEqual([
      { path: 'address.province', message: expect.stringMatching(/^Hà Nam was merged/), rule: 'provinceMerged', params: { old: 'Hà Nam', now: 'Ninh Bình' } },
    ]);
    const refs = await call('chicuctruong.hai', 'POST', '/api/v1/businesses', {
      ...NEW_BUSINESS,
      taxCode: '0100233488',
      type: 'ENTERPRISE',
      managingTeamId: `${OTHER}-doi-1`,
      conflictOfInterestUserIds: ['hn.chicuctruong'],
    });
    expect(refs.status).toBe(400);
    expect(refs.body.error.details.map((d: { path: string }) => d.path)).toEqual(['managingTeamId', 'conflictOfInterestUserIds']);
    expect(refs.body.error.details[0]).toMatchObject({ rule: 'unknownTeam', params: { team: `${OTHER}-doi-1` } });
    expect(refs.body.error.details[1]).toMatchObject({ rule: 'unknownUser', params: { names: 'hn.chicuctruong' } });
    // An empty reference is a reference to nothing, said at its field (it once reached the foreign key: a 500).
    const empty = await call('chicuctruong.hai', 'POST', '/api/v1/businesses', { ...NEW_BUSINESS, taxCode: '0100233488', type: 'ENTERPRISE', marketId: '', managingTeamId: '', hotspotIds: [''] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((d: { path: string }) => d.path)).toEqual(['managingTeamId', 'marketId', 'hotspotIds.0']);
    // Nothing was registered by the refused requests.
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/businesses?q=0100233488')).body.total).toBe(0);
  });

  it('refuses a second business with the same tax code (409)', async () => {
    const r = await call('chicuctruong.hai', 'POST', '/api/v1/businesses', { ...NEW_BUSINESS, taxCode: '0314409058-002' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/^taxCode: /);
    expect(r.body.error.details).toEqual([{ path: 'taxCode', message: expect.stringMatching(/^a business with this tax code/), rule: 'taxCodeTaken', params: { existingId: expect.any(String) } }]);
  });

  it('lets ADMIN, DIRECTOR and TEAM_LEAD write and every staff member of the unit read', async () => {
    for (const u of ['kiemsoat.an', 'kehoach.nga', 'lanhdao.phong'] as const) {
      expect((await call(u, 'POST', '/api/v1/businesses', { ...NEW_BUSINESS, taxCode: '0100233488', type: 'ENTERPRISE' })).status).toBe(403);
      expect((await call(u, 'GET', '/api/v1/businesses')).status).toBe(200);
    }
    const b = await businessByTaxCode('2700543213');
    expect((await call('kiemsoat.an', 'PATCH', `/api/v1/businesses/${b.id}`, { status: 'CLOSED' })).status).toBe(403);
    expect((await call('quantri.minh', 'PATCH', `/api/v1/businesses/${b.id}`, { phone: null })).status).toBe(200);
  });

  it('changes only the fields sent, checked against the stored ones', async () => {
    const b = await businessByTaxCode('0314409058-002');
    const r = await call('doitruong.dung', 'PATCH', `/api/v1/businesses/${b.id}`, { status: 'SUSPENDED', address: { line: null }, hotspotIds: [`${UNIT}-ql1a-tam-diep`] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'SUSPENDED',
      name: NEW_BUSINESS.name,
      address: { commune: 'Phường Hoa Lư', line: null },
      hotspotIds: [`${UNIT}-ql1a-tam-diep`],
      updatedBy: 'doitruong.dung',
    });
    // A branch keeps its 13-digit code: turning it into an ENTERPRISE alone does not fit.
    const wrongType = await call('doitruong.dung', 'PATCH', `/api/v1/businesses/${b.id}`, { type: 'ENTERPRISE' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/^type: /);
    expect((await call('doitruong.dung', 'PATCH', `/api/v1/businesses/${b.id}`, { marketId: 'nowhere' })).body.error.message).toMatch(/^marketId: /);
  });
});

describe('the API reference', () => {
  it('declares the registry routes and the case list with their schemas', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const [path, method, status] of [
      ['/api/v1/businesses', 'get', '200'],
      ['/api/v1/businesses', 'post', '201'],
      ['/api/v1/businesses/{businessId}', 'get', '200'],
      ['/api/v1/businesses/{businessId}', 'patch', '200'],
      ['/api/v1/businesses/import', 'post', '200'],
      ['/api/v1/markets', 'post', '201'],
      ['/api/v1/hotspots', 'get', '200'],
      ['/api/v1/cases', 'get', '200'],
    ] as const) {
      expect(Object.keys(spec.paths[path]?.[method]?.responses ?? {}), `${method} ${path}`).toEqual(expect.arrayContaining([status, '400', '401']));
    }
    expect(Object.keys(spec.components.schemas)).toEqual(expect.arrayContaining(['Business', 'BusinessCase', 'BusinessImportReport', 'TradePlace', 'CaseListItem']));
  });
});

describe('another unit', () => {
  it('never sees or changes our businesses (404), and its list does not show them', async () => {
    const b = await businessByTaxCode('2700123459');
    expect((await call('hn.chicuctruong', 'GET', `/api/v1/businesses/${b.id}`)).status).toBe(404);
    expect((await call('hn.chicuctruong', 'PATCH', `/api/v1/businesses/${b.id}`, { name: 'x' })).status).toBe(404);
    const list = await call('hn.chicuctruong', 'GET', '/api/v1/businesses?q=2700123459');
    expect(list.body).toEqual({ items: [], total: 0, totalCapped: false, nextCursor: null });
    expect((await call('hn.chicuctruong', 'GET', '/api/v1/markets')).body.items).toEqual([]);
  });
});

describe('listing businesses', () => {
  it('finds "Phở" when searching for "pho", and filters by area, sector, market and status', async () => {
    const pho = await call('kiemsoat.binh', 'GET', '/api/v1/businesses?q=pho');
    expect(pho.body.items.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(['Hộ kinh doanh Phở Bò Tràng An', NEW_BUSINESS.name]));
    const area = await call('kiemsoat.binh', 'GET', `/api/v1/businesses?area=${encodeURIComponent('phuong tam diep')}&sector=${encodeURIComponent('Xăng dầu')}`);
    expect(area.body.items.map((b: { taxCode: string }) => b.taxCode)).toEqual(['2700111118-001']);
    const market = await call('kiemsoat.binh', 'GET', `/api/v1/businesses?market=${UNIT}-cho-rong&sort=taxCode`);
    expect(market.body.items.map((b: { taxCode: string }) => b.taxCode)).toEqual(['0314409058-002', '2700543213']);
    const suspended = await call('kiemsoat.binh', 'GET', '/api/v1/businesses?status=SUSPENDED,CLOSED&sort=taxCode');
    expect(suspended.body.items.map((b: { taxCode: string }) => b.taxCode)).toEqual(['0314409058-002', '2700333336']);
  });

  it('pages with a cursor and the total, and refuses bad paging input with a 400 naming the field', async () => {
    const first = await call('kiemsoat.an', 'GET', '/api/v1/businesses?limit=2&sort=name');
    expect(first.body.items).toHaveLength(2);
    const ids = first.body.items.map((b: { id: string }) => b.id);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await call('kiemsoat.an', 'GET', `/api/v1/businesses?limit=2&sort=name&cursor=${cursor}`);
      expect(next.body.total).toBe(first.body.total);
      ids.push(...next.body.items.map((b: { id: string }) => b.id));
      cursor = next.body.nextCursor;
    }
    expect(ids).toHaveLength(first.body.total);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await call('kiemsoat.an', 'GET', `/api/v1/businesses?limit=2&sort=taxCode&cursor=${first.body.nextCursor}`)).body.error.message).toMatch(/^cursor: /);
    expect((await call('kiemsoat.an', 'GET', '/api/v1/businesses?limit=500')).body.error.message).toMatch(/^limit: /);
    expect((await call('kiemsoat.an', 'GET', '/api/v1/businesses?status=OPEN')).body.error.message).toMatch(/^status: /);
    expect((await call('kiemsoat.an', 'GET', '/api/v1/businesses?province=Nam%20%C4%90%E1%BB%8Bnh')).body.error.message).toMatch(/^province: .*merged into Ninh Bình/);
  });
});

describe('markets and hotspots', () => {
  it('lists and adds them, refusing duplicates and unknown kinds', async () => {
    expect((await call('kiemsoat.an', 'GET', '/api/v1/hotspots')).body.items.map((h: { name: string }) => h.name)).toEqual(['Tuyến Quốc lộ 1A qua phường Tam Điệp']);
    const added = await call('chicuctruong.hai', 'POST', '/api/v1/markets', { name: 'Chợ Đông A', kind: 'RETAIL', address: { province: 'Ninh Bình', commune: 'phường Đông A' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Chợ Đông A', kind: 'RETAIL', address: { province: 'Ninh Bình', commune: 'Phường Đông A', line: null } });
    expect((await call('chicuctruong.hai', 'POST', '/api/v1/markets', { name: 'chợ  đông a', kind: 'RETAIL', address: { province: 'Ninh Bình' } })).status).toBe(409);
    expect((await call('chicuctruong.hai', 'POST', '/api/v1/hotspots', { name: 'Lối mở', kind: 'VOLCANO', address: { province: 'Ninh Bình' } })).body.error.message).toMatch(/^kind: /);
    expect((await call('kiemsoat.an', 'POST', '/api/v1/hotspots', { name: 'Lối mở', kind: 'BORDER_TRAIL', address: { province: 'Ninh Bình' } })).status).toBe(403);
    expect((await call('kiemsoat.an', 'GET', '/api/v1/markets?q=dong a')).body.items.map((m: { name: string }) => m.name)).toEqual(['Chợ Đông A']);
  });
});

describe('CSV import', () => {
  const BOM = '\uFEFF';
  const FILE = [
    'Mã số thuế,Tên,Loại hình,Tỉnh,Xã/Phường,Địa chỉ,Nhóm hàng,Chợ,Trạng thái',
    '2700100010,Tạp hoá Bình Minh,hộ kinh doanh,Ninh Bình,Phường Hoa Lư,"Ki-ốt 7, Chợ Rồng",Hàng tiêu dùng;Đồ uống,Chợ Rồng Ninh Bình,',
    '12345,Sai mã,ENTERPRISE,Ninh Bình,Phường Hoa Lư,,,,',
    '2700100028,"Cửa hàng ""Vàng bạc""',
    'Kim Thành",ENTERPRISE,Ninh Bình,Phường Phủ Lý,,Vàng,,',
    '',
    '2700100035,Quận cũ,ENTERPRISE,Ninh Bình,Quận Ba Đình,,,,',
    '2700222227,Hợp tác xã Dịch vụ Nông nghiệp Đông A (đổi tên),HTX,Ninh Bình,Phường Đông A,,,,tạm ngừng',
    '2700100010,Trùng mã,HOUSEHOLD,Ninh Bình,Phường Hoa Lư,,,,',
    '2700100042,Thiếu ô,HOUSEHOLD',
    '2700100067,Chợ lạ,HOUSEHOLD,Ninh Bình,Phường Hoa Lư,,,Chợ Không Có,',
    ',,,,,,,,',
  ].join('\r\n');

  const expected = [
    { line: 2, status: 'CREATED', taxCode: '2700100010' },
    { line: 3, status: 'FAILED', columns: ['tax_code'] },
    { line: 4, status: 'CREATED', taxCode: '2700100028' },
    { line: 7, status: 'FAILED', columns: ['commune'] },
    { line: 8, status: 'UPDATED', taxCode: '2700222227' },
    { line: 9, status: 'FAILED', columns: ['tax_code'] },
    { line: 10, status: 'FAILED', columns: ['(row)'] },
    { line: 11, status: 'FAILED', columns: ['market'] },
  ];
  const shape = (rows: { line: number; status: string; taxCode?: string; errors: { column: string }[] }[]) =>
    rows.map((r) => (r.status === 'FAILED' ? { line: r.line, status: r.status, columns: r.errors.map((e) => e.column) } : { line: r.line, status: r.status, taxCode: r.taxCode }));

  it('reports every line in a dry run and changes nothing', async () => {
    const before = (await call('chicuctruong.hai', 'GET', '/api/v1/businesses')).body.total;
    const r = await csv('chicuctruong.hai', BOM + FILE, '?dryRun=true');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, created: 2, updated: 1, failed: 5 });
    expect(shape(r.body.rows)).toEqual(expected);
    expect(r.body.rows.find((x: { line: number }) => x.line === 2).businessId).toBeUndefined();
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/businesses')).body.total).toBe(before);
    expect((await businessByTaxCode('2700222227')).name).toBe('Hợp tác xã Dịch vụ Nông nghiệp Đông A');
  });

  it('imports the valid rows, with the same report, and leaves out only the invalid ones', async () => {
    const r = await csv('doitruong.cuong', BOM + FILE);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: false, created: 2, updated: 1, failed: 5 });
    expect(shape(r.body.rows)).toEqual(expected);
    // The refused cell is repeated in the report (it is kept nowhere else).
    expect(r.body.rows.find((x: { line: number }) => x.line === 3).errors[0]).toMatchObject({ message: expect.stringMatching(/must be 10 digits/), rule: 'taxCodeFormat', value: '12345' });
    const created = await call('doitruong.cuong', 'GET', `/api/v1/businesses/${r.body.rows[0].businessId}`);
    expect(created.body.business).toMatchObject({ name: 'Tạp hoá Bình Minh', type: 'HOUSEHOLD', productGroups: ['Hàng tiêu dùng', 'Đồ uống'], address: { line: 'Ki-ốt 7, Chợ Rồng' } });
    expect(created.body.market).toEqual({ id: `${UNIT}-cho-rong`, name: 'Chợ Rồng Ninh Bình' });
    // A line break inside a quoted name becomes a space.
    expect((await businessByTaxCode('2700100028')).name).toBe('Cửa hàng "Vàng bạc" Kim Thành');
    const updated = await call('doitruong.cuong', 'GET', `/api/v1/businesses/${(await businessByTaxCode('2700222227')).id}`);
    // The file has no sector column: the stored sector stays; its status column changed the status.
    expect(updated.body.business).toMatchObject({ name: 'Hợp tác xã Dịch vụ Nông nghiệp Đông A (đổi tên)', sector: 'Vật tư nông nghiệp', status: 'SUSPENDED' });
    expect((await call('doitruong.cuong', 'GET', '/api/v1/businesses?q=2700100035')).body.total).toBe(0);
  });

  it('reads a file separated by semicolons, as Excel writes "CSV" with Vietnamese regional settings', async () => {
    const file = [
      'Mã số thuế;Tên;Loại hình;Tỉnh;Xã/Phường;Địa chỉ;Nhóm hàng',
      '2700100194;Tạp hoá Chấm Phẩy;hộ kinh doanh;Ninh Bình;Phường Hoa Lư;Ki-ốt 9, Chợ Rồng;"Hàng tiêu dùng;Đồ uống"',
      '2700100193;Sai số kiểm tra;ENTERPRISE;Ninh Bình;Phường Hoa Lư;;',
    ].join('\r\n');
    const r = await csv('chicuctruong.hai', BOM + file, '?dryRun=true');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, created: 1, failed: 1 });
    expect(r.body.rows[0]).toMatchObject({ line: 2, status: 'CREATED', taxCode: '2700100194' });
    expect(r.body.rows[1]).toMatchObject({ line: 3, status: 'FAILED', errors: [{ column: 'tax_code', rule: 'taxCodeCheckDigit', value: '2700100193' }] });
  });

  it('fails a row with a NUL character (U+0000) at its cell, and imports the others; a NUL in the header refuses the file naming the column', async () => {
    const file = [
      'tax_code,name,type,province,commune,address',
      '2700100042,Một\u0000lần,HOUSEHOLD,Ninh Bình,Phường Hoa Lư,Ki-ốt\u00002',
      '2700100194,Tạp hoá Không Lỗi,HOUSEHOLD,Ninh Bình,Phường Hoa Lư,',
    ].join('\n');
    for (const query of ['?dryRun=true', '']) {
      const r = await csv('doitruong.cuong', file, query);
      expect(r.status, query).toBe(200);
      expect(r.body).toMatchObject({ created: 1, failed: 1 });
      // The cell is shown with U+FFFD where the NUL was: PostgreSQL keeps the report (the key's answer).
      expect(r.body.rows[0]).toEqual({
        line: 2,
        status: 'FAILED',
        errors: [
          { column: 'name', rule: 'unstorableText', value: 'Một\uFFFDlần' },
          { column: 'address', rule: 'unstorableText', value: 'Ki-ốt\uFFFD2' },
        ],
      });
      expect(r.body.rows[1]).toMatchObject({ line: 3, status: 'CREATED', taxCode: '2700100194' });
    }
    const header = await csv('doitruong.cuong', 'tax_code,na\u0000me,type,province,commune\n2700100042,A,HOUSEHOLD,Ninh Bình,Phường Hoa Lư\n');
    expect(header.status).toBe(400);
    expect(header.body.error.details).toEqual([expect.objectContaining({ path: 'header', rule: 'unstorableText', params: { column: 2 } })]);
  });

  it('answers a repeated request with the same Idempotency-Key with the first report, importing once', async () => {
    const key = `k-${randomUUID()}`;
    const file = 'tax_code,name,type,province,commune\n2700100042,Một lần,HOUSEHOLD,Ninh Bình,Phường Hoa Lư\n';
    const first = await call('chicuctruong.hai', 'POST', '/api/v1/businesses/import', file, { 'content-type': 'text/csv', 'idempotency-key': key });
    const again = await app.request('/api/v1/businesses/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: sessions.get('chicuctruong.hai')!.cookie, 'x-csrf-token': sessions.get('chicuctruong.hai')!.csrf, 'idempotency-key': key },
      body: file,
    });
    expect(first.body).toMatchObject({ created: 1, updated: 0 });
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.json()).toEqual(first.body);
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/businesses?q=2700100042')).body.total).toBe(1);
  });

  it('reads a file without a BOM the same way, and refuses bad files with a clear status', async () => {
    const plain = await csv('chicuctruong.hai', 'tax_code,name,type,province,commune\n2700100074,Không BOM,HOUSEHOLD,Ninh Bình,Phường Hoa Lư\n');
    expect(plain.body).toMatchObject({ created: 1, failed: 0, rows: [{ line: 2, status: 'CREATED', taxCode: '2700100074' }] });
    const broken = await csv('chicuctruong.hai', 'tax_code,name,type,province,commune\n"bad"q,x,HOUSEHOLD,Ninh Bình,Phường Hoa Lư\n');
    expect(broken.body).toMatchObject({
      created: 0,
      failed: 1,
      rows: [
        {
          line: 2,
          status: 'FAILED',
          errors: expect.arrayContaining([{ column: '(row)', message: expect.stringContaining('not valid CSV'), rule: 'csvSyntax', params: { detail: expect.any(String) } }]),
        },
      ],
    });
    const unknownColumn = await csv('chicuctruong.hai', 'tax_code,name,type,province,commune,district\n');
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.error.message).toMatch(/^header: unknown column\(s\) "district"/);
    expect(unknownColumn.body.error.details).toEqual([{ path: 'header', message: expect.stringMatching(/^unknown column/), rule: 'unknownColumn', params: { columns: 'district' } }]);
    expect((await csv('chicuctruong.hai', 'tax_code,name\n1,2\n')).body.error.message).toMatch(/^header: the required column\(s\) type, province, commune are missing/);
    expect((await csv('chicuctruong.hai', '')).body.error.message).toMatch(/^body: the file is empty/);
    // Windows-1258 / Latin-1 bytes are not UTF-8.
    const latin1 = await csv('chicuctruong.hai', new Uint8Array([0x74, 0x61, 0x78, 0xe0, 0x0a]));
    expect(latin1.status).toBe(400);
    expect(latin1.body.error.message).toMatch(/not UTF-8/);
    const keyed = await call('chicuctruong.hai', 'POST', '/api/v1/businesses/import', new Uint8Array([0x74, 0x61, 0x78, 0xe0, 0x0a]), {
      'content-type': 'text/csv',
      'idempotency-key': `k-${randomUUID()}`,
    });
    expect(keyed.body.error.message).toMatch(/not UTF-8/);
    const json = await call('chicuctruong.hai', 'POST', '/api/v1/businesses/import', { a: 1 });
    expect(json.body.error.message).toMatch(/^content-type: /);
    const tooLarge = await csv('chicuctruong.hai', `tax_code,name,type,province,commune\n${'x'.repeat(IMPORT_MAX_BYTES)}`);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await csv('kiemsoat.an', 'tax_code,name,type,province,commune\n')).status).toBe(403);
  });
});

describe('cases about a business', () => {
  let caseTeam1: string;
  let caseTeam2: string;
  let biz: { id: string; name: string; taxCode: string };

  beforeAll(async () => {
    biz = await businessByTaxCode('2700123459');
    const r1 = await call('doitruong.cuong', 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Kinh doanh thực phẩm không rõ nguồn gốc', businessId: biz.id });
    expect(r1.status).toBe(201);
    caseTeam1 = r1.body.caseId;
    const r2 = await call('doitruong.dung', 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Vụ việc đội 2', businessId: biz.id });
    expect(r2.status).toBe(201);
    caseTeam2 = r2.body.caseId;
  });

  it('refuses a business that is unknown or of another unit', async () => {
    const other = await call('hn.chicuctruong', 'POST', '/api/v1/businesses', {
      taxCode: '0100233488',
      name: 'Công ty Hà Nội',
      type: 'ENTERPRISE',
      address: { province: 'Hà Nội', commune: 'Phường Hoàn Kiếm' },
    });
    expect(other.status).toBe(201);
    for (const businessId of [other.body.id, 'no-such-business']) {
      const r = await call('doitruong.cuong', 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'x', businessId });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/^businessId: /);
    }
  });

  it('shows the cases in the business’s history, each reader seeing only the cases they may see', async () => {
    const director = await call('chicuctruong.hai', 'GET', `/api/v1/businesses/${biz.id}`);
    expect(director.status).toBe(200);
    expect(director.body.history.map((h: { caseId: string }) => h.caseId).sort()).toEqual([caseTeam1, caseTeam2].sort());
    expect(director.body.history.find((h: { caseId: string }) => h.caseId === caseTeam1)).toMatchObject({
      kind: 'PENALTY',
      status: 'OPEN',
      outcome: null,
      closedAt: null,
      teamId: `${UNIT}-doi-1`,
      fines: {},
    });
    const team2 = await call('kiemsoat.binh', 'GET', `/api/v1/businesses/${biz.id}`);
    expect(team2.body.history.map((h: { caseId: string }) => h.caseId)).toEqual([caseTeam2]);
    const scheduler = await call('kehoach.nga', 'GET', `/api/v1/businesses/${biz.id}`);
    expect(scheduler.body.history).toEqual([]);
  });

  it('carries the business into the read model and the case page', async () => {
    const r = await call('doitruong.cuong', 'GET', `/api/v1/cases/${encodeURIComponent(caseTeam1)}`);
    expect(r.body.case.businessId).toBe(biz.id);
  });

  it('finds the case by tax code, by the business name without accents, and by case number', async () => {
    const byTax = await call('chicuctruong.hai', 'GET', `/api/v1/cases?q=${biz.taxCode}`);
    expect(byTax.body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([caseTeam1, caseTeam2].sort());
    expect(byTax.body.items[0].business).toEqual({ id: biz.id, name: biz.name, taxCode: biz.taxCode });
    const byName = await call('chicuctruong.hai', 'GET', `/api/v1/cases?q=${encodeURIComponent('thuc pham hoa lu')}`);
    expect(byName.body.total).toBe(2);
    const byNumber = await call('chicuctruong.hai', 'GET', `/api/v1/cases?q=${encodeURIComponent(caseTeam1.split('/').slice(-2).join('/'))}`);
    expect(byNumber.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseTeam1]);
  });

  it('never shows an inspector of team 2 the cases of team 1', async () => {
    const list = await call('kiemsoat.binh', 'GET', '/api/v1/cases?limit=100');
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseTeam2]);
    expect(list.body.total).toBe(1);
    // Asking for team 1 explicitly, or searching for the case number, changes nothing.
    expect((await call('kiemsoat.binh', 'GET', `/api/v1/cases?team=${UNIT}-doi-1`)).body).toEqual({ items: [], total: 0, totalCapped: false, nextCursor: null });
    expect((await call('kiemsoat.binh', 'GET', `/api/v1/cases?q=${encodeURIComponent(caseTeam1)}`)).body.total).toBe(0);
    expect((await call('kiemsoat.an', 'GET', '/api/v1/cases')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseTeam1]);
    expect((await call('lanhdao.phong', 'GET', '/api/v1/cases')).body.total).toBe(2);
    // No team and no unit-wide role: nothing, as for reading a case.
    expect((await call('kehoach.nga', 'GET', '/api/v1/cases')).body.total).toBe(0);
    expect((await call('hn.chicuctruong', 'GET', '/api/v1/cases')).body.total).toBe(0);
  });

  it('filters by status, step, team, business, kind, procedure, overdue and deadline range', async () => {
    const ids = async (query: string): Promise<string[]> => {
      const r = await call('chicuctruong.hai', 'GET', `/api/v1/cases?${query}`);
      expect(r.status).toBe(200);
      return r.body.items.map((i: { caseId: string }) => i.caseId).sort();
    };
    const both = [caseTeam1, caseTeam2].sort();
    expect(await ids('status=OPEN')).toEqual(both);
    expect(await ids('status=CLOSED')).toEqual([]);
    const page = await call('chicuctruong.hai', 'GET', `/api/v1/cases/${encodeURIComponent(caseTeam1)}`);
    const step = page.body.case.currentSteps[0];
    expect(await ids(`step=${step}`)).toEqual(both);
    expect(await ids('step=NO_SUCH_STEP')).toEqual([]);
    expect(await ids(`team=${UNIT}-doi-2`)).toEqual([caseTeam2]);
    expect(await ids(`business=${biz.id}`)).toEqual(both);
    expect(await ids('kind=PENALTY&procedure=ins-penalty')).toEqual(both);
    expect(await ids('kind=TIP')).toEqual([]);
    expect(await ids('overdue=true')).toEqual([]);
    expect(await ids('assignee=kiemsoat.an')).toEqual([]);
    // B1 has no deadline yet: a deadline range leaves these cases out.
    expect(page.body.case.nextDeadlineAt).toBeNull();
    expect(await ids('deadlineFrom=2000-01-01')).toEqual([]);
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/cases?deadlineFrom=tomorrow')).body.error.message).toMatch(/^deadlineFrom: /);
    expect((await call('chicuctruong.hai', 'GET', '/api/v1/cases?limit=101')).body.error.message).toMatch(/^limit: /);
  });

  it('sorts by case number and pages one case at a time without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { caseId: string }[]; total: number; nextCursor: string | null } } = await call(
        'chicuctruong.hai',
        'GET',
        `/api/v1/cases?sort=caseNumber&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(r.body.total).toBe(2);
      seen.push(...r.body.items.map((i) => i.caseId));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([caseTeam1, caseTeam2].sort());
    const desc = await call('chicuctruong.hai', 'GET', '/api/v1/cases?sort=caseNumber&order=desc');
    expect(desc.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseTeam1, caseTeam2].sort().reverse());
    const byDeadline = await call('chicuctruong.hai', 'GET', '/api/v1/cases?sort=nextDeadlineAt');
    expect(byDeadline.status).toBe(200);
    expect(byDeadline.body.total).toBe(2);
  });

  it('keeps the inbox as it was: the open steps of my roles and team', async () => {
    const r = await call('doitruong.cuong', 'GET', '/api/v1/inbox');
    expect(r.status).toBe(200);
    expect(r.body.tasks.map((t: { caseId: string }) => t.caseId)).toContain(caseTeam1);
    expect(r.body.tasks.map((t: { caseId: string }) => t.caseId)).not.toContain(caseTeam2);
  });

  it('lets a hotline tip name a business, and finds it by its deadline range', async () => {
    const tip = await call('kiemsoat.an', 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo: bán thực phẩm hết hạn', businessId: biz.id });
    expect(tip.status).toBe(201);
    const page = await call('kiemsoat.an', 'GET', `/api/v1/cases/${encodeURIComponent(tip.body.caseId)}`);
    const deadline = page.body.case.nextDeadlineAt as string;
    // C1 must be logged within a working day of the case start.
    expect(deadline).toEqual(expect.any(String));
    const ids = async (query: string): Promise<string[]> => (await call('kiemsoat.an', 'GET', `/api/v1/cases?${query}`)).body.items.map((i: { caseId: string }) => i.caseId);
    const day = new Date(new Date(deadline).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(await ids(`deadlineFrom=${day}&deadlineTo=${day}`)).toEqual([tip.body.caseId]);
    expect(await ids(`deadlineFrom=${encodeURIComponent(deadline)}&kind=TIP`)).toEqual([tip.body.caseId]);
    expect(await ids(`deadlineTo=${encodeURIComponent(new Date(new Date(deadline).getTime() - 1).toISOString())}`)).toEqual([]);
    // Soonest deadline first; cases without one come last.
    expect((await ids('sort=nextDeadlineAt'))[0]).toBe(tip.body.caseId);
    const history = await call('kiemsoat.an', 'GET', `/api/v1/businesses/${biz.id}`);
    expect(history.body.history.map((h: { caseId: string; kind: string }) => [h.caseId, h.kind])).toEqual([
      [tip.body.caseId, 'TIP'],
      [caseTeam1, 'PENALTY'],
    ]);
  });
});
