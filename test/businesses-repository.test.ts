/**
 * The business registry's repository against real PostgreSQL with the real migrations: writes
 * scoped by unit, accent-insensitive search, keyset pages that neither repeat nor skip rows while
 * the registry changes, the import's single transaction and its dry run, conflict-of-interest flags.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBusinessFields, taxCodeCheckDigit, type TBusinessFields } from '../domain/business.js';
import { DEMO_BUSINESSES, DEMO_PLACES, seedDemoData } from '../db/demo-data.js';
import { createBusiness, getBusiness, hasConflictOfInterest, importBusinesses, listBusinesses, listTradePlaces, updateBusiness, type TBusiness } from '../db/repositories/businesses.js';
import { decodeCursor } from '../db/repositories/paging.js';
import { createTeam, createUnit } from '../db/repositories/people.js';
import { createTestDatabase, type TestDatabase } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER = `hn${randomUUID().slice(0, 6)}`;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT thành phố Hà Nội', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội 1' });
});
afterAll(async () => {
  await database?.drop();
});

/** A valid tax code: `27` + 7 digits of `n` + its check digit (serials whose check would be 10 are skipped). */
function taxCode(n: number): string {
  for (let k = n; ; k += 100_000) {
    const nine = `27${String(k).padStart(7, '0')}`;
    const check = taxCodeCheckDigit(nine);
    if (check) return `${nine}${check}`;
  }
}

function fields(over: Partial<Record<keyof TBusinessFields, string | string[] | null>>): TBusinessFields {
  const { value, issues } = checkBusinessFields({ name: 'Cửa hàng', type: 'HOUSEHOLD', province: 'Ninh Bình', commune: 'Phường Hoa Lư', ...over }, { partial: false });
  expect(issues).toEqual([]);
  return value as TBusinessFields;
}

async function all(unitId: string, filter: Parameters<typeof listBusinesses>[2], sort: 'name' | 'createdAt' = 'name', limit = 100): Promise<TBusiness[]> {
  return (await listBusinesses(database.db, unitId, filter, { sort, order: 'asc', limit })).items;
}

describe('demo registry', () => {
  it('seeds the Ninh Bình market, hotspot and businesses once, however often it runs', async () => {
    const before = await listBusinesses(database.db, UNIT, {}, { sort: 'name', order: 'asc', limit: 100 });
    expect(before.total).toBe(DEMO_BUSINESSES.length);
    await seedDemoData(database.db, UNIT);
    await seedDemoData(database.db, UNIT);
    expect((await listBusinesses(database.db, UNIT, {}, { sort: 'name', order: 'asc', limit: 100 })).total).toBe(DEMO_BUSINESSES.length);
    const markets = await listTradePlaces(database.db, UNIT, 'MARKET');
    const hotspots = await listTradePlaces(database.db, UNIT, 'HOTSPOT');
    expect(markets.map((m) => m.name)).toEqual([DEMO_PLACES[0].name]);
    expect(hotspots.map((h) => h.address.commune)).toEqual(['Phường Tam Điệp']);
    const pho = before.items.find((b) => b.name.includes('Phở'))!;
    expect(pho).toMatchObject({ marketId: markets[0]!.id, address: { province: 'Ninh Bình', commune: 'Phường Hoa Lư' } });
  });
});

describe('writes', () => {
  it('refuses a second business with the same tax code in a unit, but not in another unit', async () => {
    const code = taxCode(9001);
    const first = await createBusiness(database.db, { unitId: UNIT, by: 't', fields: fields({ taxCode: code, name: 'A' }), refs: {} });
    expect(first.ok).toBe(true);
    const again = await createBusiness(database.db, { unitId: UNIT, by: 't', fields: fields({ taxCode: code, name: 'B' }), refs: {} });
    expect(again).toEqual({ ok: false, reason: 'DUPLICATE_TAX_CODE', existingId: first.ok ? first.business.id : '' });
    const elsewhere = await createBusiness(database.db, { unitId: OTHER, by: 't', fields: fields({ taxCode: code, name: 'A', province: 'Hà Nội', commune: 'Phường Ba Đình' }), refs: {} });
    expect(elsewhere.ok).toBe(true);
  });

  it('never reads or writes a business of another unit', async () => {
    const r = await createBusiness(database.db, { unitId: OTHER, by: 't', fields: fields({ taxCode: taxCode(9002), name: 'Hà Nội Co', province: 'Hà Nội', commune: 'Phường Hoàn Kiếm' }), refs: {} });
    if (!r.ok) throw new Error('not created');
    expect(await getBusiness(database.db, UNIT, r.business.id)).toBeUndefined();
    expect(await updateBusiness(database.db, { unitId: UNIT, id: r.business.id, by: 't', fields: { name: 'Taken' }, refs: {} })).toEqual({ ok: false, reason: 'NOT_FOUND' });
    expect((await getBusiness(database.db, OTHER, r.business.id))?.name).toBe('Hà Nội Co');
    expect((await all(UNIT, { q: 'ha noi co' })).length).toBe(0);
  });

  it('keeps the search text in step with a renamed business', async () => {
    const r = await createBusiness(database.db, { unitId: UNIT, by: 't', fields: fields({ taxCode: taxCode(9003), name: 'Tạp hoá Cũ' }), refs: {} });
    if (!r.ok) throw new Error('not created');
    await updateBusiness(database.db, { unitId: UNIT, id: r.business.id, by: 'u', fields: { name: 'Bánh mì Mới' }, refs: {} });
    expect((await all(UNIT, { q: 'banh mi moi' })).map((b) => b.id)).toEqual([r.business.id]);
    expect(await all(UNIT, { q: 'tap hoa cu' })).toEqual([]);
  });

  it('flags conflicts of interest per user', async () => {
    const r = await createBusiness(database.db, { unitId: UNIT, by: 't', fields: fields({ taxCode: taxCode(9004), name: 'Người nhà' }), refs: { conflictOfInterestUserIds: ['kiemsoat.an'] } });
    if (!r.ok) throw new Error('not created');
    expect(await hasConflictOfInterest(database.db, r.business.id, 'kiemsoat.an')).toBe(true);
    expect(await hasConflictOfInterest(database.db, r.business.id, 'kiemsoat.binh')).toBe(false);
  });
});

describe('search', () => {
  it('ignores accents, đ and case in names, and finds tax codes with or without the dash', async () => {
    expect((await all(UNIT, { q: 'pho' })).map((b) => b.name)).toContain('Hộ kinh doanh Phở Bò Tràng An');
    expect((await all(UNIT, { q: 'PHỞ BÒ' })).map((b) => b.name)).toEqual(['Hộ kinh doanh Phở Bò Tràng An']);
    expect((await all(UNIT, { q: 'dong a' })).map((b) => b.taxCode)).toEqual(['2700222227']);
    expect((await all(UNIT, { q: '2700111118001' })).map((b) => b.taxCode)).toEqual(['2700111118-001']);
    expect((await all(UNIT, { q: '2700111118-001' })).map((b) => b.taxCode)).toEqual(['2700111118-001']);
    // LIKE's own characters are searched for literally.
    expect(await all(UNIT, { q: '%' })).toEqual([]);
  });

  it('filters by sector, area, market, hotspot and status, accents ignored', async () => {
    expect((await all(UNIT, { sector: 'xang dau' })).map((b) => b.taxCode)).toEqual(['2700111118-001']);
    const hoaLu = await all(UNIT, { commune: 'phuong hoa lu' });
    expect(hoaLu.map((b) => b.taxCode)).toEqual(expect.arrayContaining(['2700123459', '2700543213']));
    expect(new Set(hoaLu.map((b) => b.address.commune))).toEqual(new Set(['Phường Hoa Lư']));
    expect((await all(UNIT, { commune: 'Phường Tam Điệp' })).map((b) => b.taxCode)).toEqual(['2700111118-001']);
    expect((await all(UNIT, { marketId: `${UNIT}-cho-rong` })).map((b) => b.taxCode)).toEqual(['2700543213']);
    expect((await all(UNIT, { hotspotId: `${UNIT}-ql1a-tam-diep` })).map((b) => b.taxCode)).toEqual(['2700111118-001']);
    expect((await all(UNIT, { status: ['SUSPENDED'] })).map((b) => b.taxCode)).toEqual(['2700333336']);
  });
});

describe('keyset pages', () => {
  it('go through every business once, in order, while businesses are added between pages', async () => {
    const unit = `pg${randomUUID().slice(0, 6)}`;
    await createUnit(database.db, { id: unit, name: 'Chi cục thử phân trang', province: 'Ninh Bình' });
    // Equal names force the id tie-breaker.
    for (let i = 0; i < 23; i++) await createBusiness(database.db, { unitId: unit, by: 't', fields: fields({ taxCode: taxCode(100 + i), name: `Cơ sở ${String(i % 5)}` }), refs: {} });
    const seen: TBusiness[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: ReturnType<typeof decodeCursor> = cursor ? decodeCursor(cursor, 'name', 'asc') : undefined;
      const page = await listBusinesses(database.db, unit, {}, { sort: 'name', order: 'asc', limit: 5, after });
      expect(page.total).toBe(23 + pages);
      seen.push(...page.items);
      cursor = page.nextCursor;
      // One that sorts before everything seen so far: it must not push earlier rows into the next page.
      await createBusiness(database.db, { unitId: unit, by: 't', fields: fields({ taxCode: taxCode(500 + pages), name: `A mới ${pages}` }), refs: {} });
      pages++;
    } while (cursor);
    // The ones added sort before the cursor, so no later page shows them or shifts because of them.
    expect(seen).toHaveLength(23);
    expect(new Set(seen.map((b) => b.id)).size).toBe(23);
    const digits = seen.map((b) => Number(b.name.slice(-1)));
    expect(digits).toEqual([...digits].sort((a, b) => a - b));
  });

  it('pages by creation time to the microsecond without repeating rows', async () => {
    const unit = `pt${randomUUID().slice(0, 6)}`;
    await createUnit(database.db, { id: unit, name: 'Chi cục thử thời gian', province: 'Ninh Bình' });
    for (let i = 0; i < 9; i++) await createBusiness(database.db, { unitId: unit, by: 't', fields: fields({ taxCode: taxCode(700 + i), name: `B ${i}` }), refs: {} });
    const ids: string[] = [];
    let after: ReturnType<typeof decodeCursor>;
    for (;;) {
      const page = await listBusinesses(database.db, unit, {}, { sort: 'createdAt', order: 'desc', limit: 2, after });
      ids.push(...page.items.map((b) => b.id));
      if (!page.nextCursor) break;
      after = decodeCursor(page.nextCursor, 'createdAt', 'desc');
    }
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
  });

  it('refuses a cursor of another sort order', async () => {
    const page = await listBusinesses(database.db, UNIT, {}, { sort: 'name', order: 'asc', limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!, 'taxCode', 'asc')).toBeUndefined();
    expect(decodeCursor(page.nextCursor!, 'name', 'desc')).toBeUndefined();
    expect(decodeCursor('not-a-cursor', 'name', 'asc')).toBeUndefined();
  });
});

describe('import transaction', () => {
  it('creates and updates by tax code, and a dry run reports the same without changing anything', async () => {
    const unit = `im${randomUUID().slice(0, 6)}`;
    await createUnit(database.db, { id: unit, name: 'Chi cục thử nhập', province: 'Ninh Bình' });
    const existing = await createBusiness(database.db, { unitId: unit, by: 't', fields: fields({ taxCode: taxCode(800), name: 'Cũ', phone: '0912345678' }), refs: {} });
    if (!existing.ok) throw new Error('not created');
    const rows = [
      { line: 2, fields: fields({ taxCode: taxCode(800), name: 'Đổi tên' }), refs: {} },
      { line: 3, fields: fields({ taxCode: taxCode(801), name: 'Mới' }), refs: {} },
    ];
    const columns = new Set<keyof TBusinessFields>(['taxCode', 'name', 'type', 'province', 'commune']);
    const dry = await importBusinesses(database.db, { unitId: unit, by: 'i', rows, columns, dryRun: true });
    expect(dry.map((r) => [r.line, r.status])).toEqual([
      [2, 'UPDATED'],
      [3, 'CREATED'],
    ]);
    expect((await listBusinesses(database.db, unit, {}, { sort: 'name', order: 'asc', limit: 10 })).items.map((b) => b.name)).toEqual(['Cũ']);

    const done = await importBusinesses(database.db, { unitId: unit, by: 'i', rows, columns, dryRun: false });
    expect(done.map((r) => [r.line, r.status])).toEqual(dry.map((r) => [r.line, r.status]));
    const after = await getBusiness(database.db, unit, existing.business.id);
    // The file had no phone column: the stored phone stays.
    expect(after).toMatchObject({ name: 'Đổi tên', phone: '0912345678', updatedBy: 'i' });
    expect((await listBusinesses(database.db, unit, {}, { sort: 'name', order: 'asc', limit: 10 })).total).toBe(2);
  });
});
