/**
 * The business registry of a unit, its markets and hotspots. Every function takes the unit: a
 * business of another unit is never read or written. Rows are mapped to `TBusiness` here.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { businessSearchText, foldVietnamese, searchTerms, type TBusinessFields, type TBusinessStatus, type TBusinessType } from '../../domain/business.js';
import type { TCaseProjection } from '../../domain/projection.js';
import type { TRuleRef } from '../../domain/validation-issues.js';
import type { Database } from '../schema.js';
import type { BusinessRow, TradePlaceRow } from '../tables/businesses.table.js';
import { afterCursor, containsPattern, cutPage, type TPage, type TPageRequest, type TSortSql } from './paging.js';

type Q = Kysely<Database> | Transaction<Database>;

/** A case's business as the projection reads it, once for every write of it that needs it (db/repositories/cases.ts). */
export interface TCaseBusiness {
  unit_id: string;
  tax_code: string;
  province: string;
  commune: string;
  product_groups: string[];
}

/** The business `businessId` as one JSON value (null: none, or no id), for the projection's one read of what its writes start from. */
export function caseBusinessRead(businessId: string | undefined): RawBuilder<TCaseBusiness | null> {
  if (!businessId) return sql<null>`null::json`;
  return sql<TCaseBusiness | null>`(select json_build_object('unit_id', unit_id, 'tax_code', tax_code, 'province', province, 'commune', commune, 'product_groups', product_groups) from business where id = ${businessId})`;
}

/**
 * The case's business when it is of the case's unit (a business of another unit is never read):
 * as the caller read it in this transaction (`known`, from `caseBusinessRead`), else read here.
 */
export async function unitBusinessOf(trx: Q, p: Pick<TCaseProjection, 'unitId' | 'businessId'>, known?: TCaseBusiness | null): Promise<Pick<TCaseBusiness, 'tax_code' | 'province'> | undefined> {
  if (!p.businessId) return undefined;
  if (known !== undefined) return known?.unit_id === p.unitId ? known : undefined;
  return trx.selectFrom('business').select(['tax_code', 'province']).where('id', '=', p.businessId).where('unit_id', '=', p.unitId).executeTakeFirst();
}

/** A business as the API shows it. */
export interface TBusiness {
  id: string;
  unitId: string;
  taxCode: string;
  name: string;
  type: TBusinessType;
  sector: string | null;
  productGroups: string[];
  address: { province: string; commune: string; line: string | null };
  phone: string | null;
  legalRepresentative: string | null;
  status: TBusinessStatus;
  managingTeamId: string | null;
  marketId: string | null;
  hotspotIds: string[];
  conflictOfInterestUserIds: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** What a business points to in the unit: checked by `checkBusinessRefs` before a write. */
export interface TBusinessRefs {
  managingTeamId: string | null;
  marketId: string | null;
  hotspotIds: string[];
  conflictOfInterestUserIds: string[];
}

function toBusiness(r: BusinessRow): TBusiness {
  return {
    id: r.id,
    unitId: r.unit_id,
    taxCode: r.tax_code,
    name: r.name,
    type: r.type as TBusinessType,
    sector: r.sector,
    productGroups: r.product_groups,
    address: { province: r.province, commune: r.commune, line: r.address_line },
    phone: r.phone,
    legalRepresentative: r.legal_representative,
    status: r.status as TBusinessStatus,
    managingTeamId: r.managing_team_id,
    marketId: r.market_id,
    hotspotIds: r.hotspot_ids,
    conflictOfInterestUserIds: r.conflict_user_ids,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

/** The stored columns of the registry fields, folded keys and search text included. */
function fieldColumns(f: TBusinessFields) {
  return {
    tax_code: f.taxCode,
    name: f.name,
    name_key: foldVietnamese(f.name),
    type: f.type,
    sector: f.sector,
    sector_key: f.sector === null ? null : foldVietnamese(f.sector),
    product_groups: f.productGroups,
    province: f.province,
    commune: f.commune,
    commune_key: foldVietnamese(f.commune),
    address_line: f.addressLine,
    phone: f.phone,
    legal_representative: f.legalRepresentative,
    status: f.status,
    search_text: businessSearchText(f),
  };
}

function refColumns(r: Partial<TBusinessRefs>) {
  return {
    ...(r.managingTeamId !== undefined ? { managing_team_id: r.managingTeamId } : {}),
    ...(r.marketId !== undefined ? { market_id: r.marketId } : {}),
    ...(r.hotspotIds !== undefined ? { hotspot_ids: r.hotspotIds } : {}),
    ...(r.conflictOfInterestUserIds !== undefined ? { conflict_user_ids: r.conflictOfInterestUserIds } : {}),
  };
}

function fieldsOf(r: BusinessRow): TBusinessFields {
  return {
    taxCode: r.tax_code,
    name: r.name,
    type: r.type as TBusinessType,
    sector: r.sector,
    productGroups: r.product_groups,
    province: r.province,
    commune: r.commune,
    addressLine: r.address_line,
    phone: r.phone,
    legalRepresentative: r.legal_representative,
    status: r.status as TBusinessStatus,
  };
}

/** A reference that is not of the unit: the field, the English sentence, the rule and its values. */
export interface TRefIssue extends TRuleRef {
  field: keyof TBusinessRefs;
  message: string;
}

/** The references that are not of the unit. */
export async function checkBusinessRefs(db: Q, unitId: string, refs: Partial<TBusinessRefs>): Promise<TRefIssue[]> {
  const issues: TRefIssue[] = [];
  // Any id given is checked, an empty one too (it would reach the foreign key otherwise).
  if (refs.managingTeamId != null) {
    const team = await db.selectFrom('team').select('id').where('id', '=', refs.managingTeamId).where('unit_id', '=', unitId).executeTakeFirst();
    if (!team) issues.push({ field: 'managingTeamId', message: `${refs.managingTeamId} is not a team of your unit`, rule: 'unknownTeam', params: { team: refs.managingTeamId } });
  }
  if (refs.marketId != null) {
    const m = await db.selectFrom('trade_place').select('id').where('id', '=', refs.marketId).where('unit_id', '=', unitId).where('category', '=', 'MARKET').executeTakeFirst();
    if (!m) issues.push({ field: 'marketId', message: `${refs.marketId} is not a market of your unit`, rule: 'unknownMarket', params: { name: refs.marketId } });
  }
  if (refs.hotspotIds?.length) {
    const found = new Set(
      (await db.selectFrom('trade_place').select('id').where('id', 'in', refs.hotspotIds).where('unit_id', '=', unitId).where('category', '=', 'HOTSPOT').execute()).map((r) => r.id),
    );
    const missing = refs.hotspotIds.filter((id) => !found.has(id));
    if (missing.length) issues.push({ field: 'hotspotIds', message: `not hotspots of your unit: ${missing.join(', ')}`, rule: 'unknownHotspot', params: { names: missing.join(', ') } });
  }
  if (refs.conflictOfInterestUserIds?.length) {
    const found = new Set((await db.selectFrom('app_user').select('id').where('id', 'in', refs.conflictOfInterestUserIds).where('unit_id', '=', unitId).execute()).map((r) => r.id));
    const missing = refs.conflictOfInterestUserIds.filter((id) => !found.has(id));
    if (missing.length) issues.push({ field: 'conflictOfInterestUserIds', message: `not users of your unit: ${missing.join(', ')}`, rule: 'unknownUser', params: { names: missing.join(', ') } });
  }
  return issues;
}

export type TWriteResult = { ok: true; business: TBusiness } | { ok: false; reason: 'DUPLICATE_TAX_CODE'; existingId: string } | { ok: false; reason: 'NOT_FOUND' };

async function sameTaxCode(db: Q, unitId: string, taxCode: string, exceptId?: string): Promise<string | undefined> {
  let q = db.selectFrom('business').select('id').where('unit_id', '=', unitId).where('tax_code', '=', taxCode);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst())?.id;
}

const isUniqueViolation = (err: unknown): boolean => (err as { code?: string }).code === '23505';

export async function createBusiness(db: Q, input: { unitId: string; by: string; fields: TBusinessFields; refs: Partial<TBusinessRefs> }): Promise<TWriteResult> {
  const existing = await sameTaxCode(db, input.unitId, input.fields.taxCode);
  if (existing) return { ok: false, reason: 'DUPLICATE_TAX_CODE', existingId: existing };
  try {
    const row = await db
      .insertInto('business')
      .values({ id: randomUUID(), unit_id: input.unitId, ...fieldColumns(input.fields), ...refColumns(input.refs), created_by: input.by, updated_by: input.by, updated_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, business: toBusiness(row) };
  } catch (err) {
    // Two creations of the same tax code at once: the unique constraint decides.
    if (isUniqueViolation(err)) return { ok: false, reason: 'DUPLICATE_TAX_CODE', existingId: (await sameTaxCode(db, input.unitId, input.fields.taxCode)) ?? '' };
    throw err;
  }
}

/**
 * The search documents of the cases about these businesses, after a change of their search text
 * (a rename, a new tax code): each case's own text and its business's new one (docs/adr/0170).
 */
async function rewriteCaseSearchDocs(trx: Q, unitId: string, businessIds: string[]): Promise<void> {
  if (!businessIds.length) return;
  await sql`
    update case_file f set search_doc = f.search_text || ' ' || b.search_text
    from business b
    where b.unit_id = ${unitId} and b.id in (${sql.join(businessIds)}) and f.business_id = b.id and f.unit_id = b.unit_id`.execute(trx);
}

/** Changes the given fields and references of a business of the unit (row locked while merging). */
export async function updateBusiness(db: Kysely<Database>, input: { unitId: string; id: string; by: string; fields: Partial<TBusinessFields>; refs: Partial<TBusinessRefs> }): Promise<TWriteResult> {
  try {
    return await db.transaction().execute(async (trx): Promise<TWriteResult> => {
      const current = await trx.selectFrom('business').selectAll().where('id', '=', input.id).where('unit_id', '=', input.unitId).forUpdate().executeTakeFirst();
      if (!current) return { ok: false, reason: 'NOT_FOUND' };
      const merged: TBusinessFields = { ...fieldsOf(current), ...input.fields };
      if (merged.taxCode !== current.tax_code) {
        const other = await sameTaxCode(trx, input.unitId, merged.taxCode, input.id);
        if (other) return { ok: false, reason: 'DUPLICATE_TAX_CODE', existingId: other };
      }
      const row = await trx
        .updateTable('business')
        .set({ ...fieldColumns(merged), ...refColumns(input.refs), updated_by: input.by, updated_at: new Date() })
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (row.search_text !== current.search_text) await rewriteCaseSearchDocs(trx, input.unitId, [input.id]);
      return { ok: true, business: toBusiness(row) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'DUPLICATE_TAX_CODE', existingId: (input.fields.taxCode && (await sameTaxCode(db, input.unitId, input.fields.taxCode, input.id))) || '' };
    throw err;
  }
}

export async function getBusiness(db: Q, unitId: string, id: string): Promise<TBusiness | undefined> {
  const row = await db.selectFrom('business').selectAll().where('id', '=', id).where('unit_id', '=', unitId).executeTakeFirst();
  return row && toBusiness(row);
}

/** Whether `userId` is flagged as having a conflict of interest with the business (campaign assignment). */
export async function hasConflictOfInterest(db: Q, businessId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('business')
    .select('id')
    .where('id', '=', businessId)
    .where(sql<boolean>`${userId} = any(conflict_user_ids)`)
    .executeTakeFirst();
  return row !== undefined;
}

export interface TBusinessFilter {
  /** Words that must all appear in the name, tax code or representative (accents and case ignored). */
  q?: string | undefined;
  sector?: string | undefined;
  province?: string | undefined;
  /** The area: a commune, ward or special zone ("Phường Hoa Lư"; accents and case ignored). */
  commune?: string | undefined;
  marketId?: string | undefined;
  hotspotId?: string | undefined;
  status?: TBusinessStatus[] | undefined;
  type?: TBusinessType | undefined;
  managingTeamId?: string | undefined;
}

export const BUSINESS_SORTS = ['name', 'taxCode', 'createdAt', 'updatedAt'] as const;
export type TBusinessSort = (typeof BUSINESS_SORTS)[number];

const BUSINESS_SORT_SQL: Record<TBusinessSort, TSortSql> = {
  name: { expr: sql`business.name_key`, type: sql.raw('text') },
  taxCode: { expr: sql`business.tax_code`, type: sql.raw('text') },
  createdAt: { expr: sql`business.created_at`, type: sql.raw('timestamptz') },
  updatedAt: { expr: sql`business.updated_at`, type: sql.raw('timestamptz') },
};

/** One page of the unit's businesses, filtered and sorted, with the total. */
export async function listBusinesses(db: Q, unitId: string, f: TBusinessFilter, page: TPageRequest<TBusinessSort>): Promise<TPage<TBusiness>> {
  let q = db.selectFrom('business').where('business.unit_id', '=', unitId);
  for (const term of searchTerms(f.q)) q = q.where('business.search_text', 'like', containsPattern(term));
  if (f.sector) q = q.where('business.sector_key', '=', foldVietnamese(f.sector));
  if (f.province) q = q.where('business.province', '=', f.province);
  if (f.commune) q = q.where('business.commune_key', '=', foldVietnamese(f.commune));
  if (f.marketId) q = q.where('business.market_id', '=', f.marketId);
  if (f.hotspotId) q = q.where(sql<boolean>`business.hotspot_ids @> array[${f.hotspotId}]::text[]`);
  if (f.status?.length) q = q.where('business.status', 'in', f.status);
  if (f.type) q = q.where('business.type', '=', f.type);
  if (f.managingTeamId) q = q.where('business.managing_team_id', '=', f.managingTeamId);

  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const sort = BUSINESS_SORT_SQL[page.sort];
  const dir = sql.raw(page.order);
  let rows = q.selectAll('business').select(sql<string>`${sort.expr}::text`.as('sort_value'));
  if (page.after) rows = rows.where(afterCursor(sort, sql`business.id`, page.order, page.after));
  const found = await rows
    .orderBy(sql`${sort.expr} ${dir}`)
    .orderBy(sql`business.id ${dir}`)
    .limit(page.limit + 1)
    .execute();
  const { rows: items, nextCursor } = cutPage(found, page, (r) => ({ value: r.sort_value, id: r.id }));
  // A unit's registry is counted exactly: it holds thousands of businesses, not millions of cases.
  return { items: items.map(toBusiness), total, totalCapped: false, nextCursor };
}

// ---------------------------------------------------------------------------------------------
// CSV import: upsert by tax code, in one transaction

/** One valid row of an import: its fields, references, and which columns the file has. */
export interface TImportRow {
  line: number;
  fields: TBusinessFields;
  refs: Partial<TBusinessRefs>;
}

/** Fields an import leaves alone on an existing business when the file has no column for them. */
export type TImportColumns = Set<keyof TBusinessFields>;

class DryRunRollback extends Error {
  constructor(readonly result: { line: number; status: 'CREATED' | 'UPDATED'; id: string }[]) {
    super('dry run');
  }
}

/**
 * Creates or updates (by tax code) every row in one transaction; a dry run does the same and rolls
 * back, so its report is exactly what the import would do. On update, fields whose column the file
 * lacks keep their stored values.
 */
export async function importBusinesses(
  db: Kysely<Database>,
  input: { unitId: string; by: string; rows: TImportRow[]; columns: TImportColumns; dryRun: boolean },
): Promise<{ line: number; status: 'CREATED' | 'UPDATED'; id: string }[]> {
  try {
    return await db.transaction().execute(async (trx) => {
      // The unit's registry is written by one import at a time; single edits wait for it.
      await sql`select pg_advisory_xact_lock(hashtext(${`business-import:${input.unitId}`}))`.execute(trx);
      const codes = input.rows.map((r) => r.fields.taxCode);
      const existing = new Map<string, BusinessRow>();
      for (let i = 0; i < codes.length; i += 1000) {
        const chunk = codes.slice(i, i + 1000);
        for (const r of await trx.selectFrom('business').selectAll().where('unit_id', '=', input.unitId).where('tax_code', 'in', chunk).forUpdate().execute()) existing.set(r.tax_code, r);
      }
      const now = new Date();
      const result: { line: number; status: 'CREATED' | 'UPDATED'; id: string }[] = [];
      const inserts = [];
      const searchChanged: string[] = [];
      for (const row of input.rows) {
        const current = existing.get(row.fields.taxCode);
        if (current) {
          const kept = fieldsOf(current);
          const merged = Object.fromEntries(
            Object.entries(kept).map(([k, v]) => [k, input.columns.has(k as keyof TBusinessFields) ? row.fields[k as keyof TBusinessFields] : v]),
          ) as unknown as TBusinessFields;
          await trx
            .updateTable('business')
            .set({ ...fieldColumns(merged), ...refColumns(row.refs), updated_by: input.by, updated_at: now })
            .where('id', '=', current.id)
            .execute();
          if (businessSearchText(merged) !== current.search_text) searchChanged.push(current.id);
          result.push({ line: row.line, status: 'UPDATED', id: current.id });
        } else {
          const id = randomUUID();
          inserts.push({ id, unit_id: input.unitId, ...fieldColumns(row.fields), ...refColumns(row.refs), created_by: input.by, updated_by: input.by, updated_at: now });
          result.push({ line: row.line, status: 'CREATED', id });
        }
      }
      for (let i = 0; i < inserts.length; i += 500)
        await trx
          .insertInto('business')
          .values(inserts.slice(i, i + 500))
          .execute();
      for (let i = 0; i < searchChanged.length; i += 1000) await rewriteCaseSearchDocs(trx, input.unitId, searchChanged.slice(i, i + 1000));
      if (input.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Markets and hotspots

/** A market (chợ) or trade hotspot (điểm nóng) as the API shows it. */
export interface TTradePlace {
  id: string;
  name: string;
  kind: string;
  address: { province: string; commune: string | null; line: string | null };
  notes: string | null;
  createdAt: string;
}

const toPlace = (r: TradePlaceRow): TTradePlace => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  address: { province: r.province, commune: r.commune, line: r.address_line },
  notes: r.notes,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listTradePlaces(db: Q, unitId: string, category: 'MARKET' | 'HOTSPOT', q?: string): Promise<TTradePlace[]> {
  let query = db.selectFrom('trade_place').selectAll().where('unit_id', '=', unitId).where('category', '=', category);
  for (const term of searchTerms(q)) query = query.where('name_key', 'like', containsPattern(term));
  return (await query.orderBy('name_key').orderBy('id').execute()).map(toPlace);
}

export async function createTradePlace(
  db: Q,
  p: {
    id?: string;
    unitId: string;
    category: 'MARKET' | 'HOTSPOT';
    name: string;
    kind: string;
    province: string;
    commune: string | null;
    addressLine: string | null;
    notes: string | null;
    by: string;
  },
): Promise<{ ok: true; place: TTradePlace } | { ok: false; reason: 'DUPLICATE_NAME' }> {
  const row = await db
    .insertInto('trade_place')
    .values({
      id: p.id ?? randomUUID(),
      unit_id: p.unitId,
      category: p.category,
      name: p.name,
      name_key: foldVietnamese(p.name),
      kind: p.kind,
      province: p.province,
      commune: p.commune,
      address_line: p.addressLine,
      notes: p.notes,
      created_by: p.by,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? { ok: true, place: toPlace(row) } : { ok: false, reason: 'DUPLICATE_NAME' };
}

/** Names and categories of the unit's places among `ids`. */
export async function tradePlacesByIds(db: Q, unitId: string, ids: string[]): Promise<{ id: string; name: string; category: 'MARKET' | 'HOTSPOT' }[]> {
  if (!ids.length) return [];
  return db.selectFrom('trade_place').select(['id', 'name', 'category']).where('unit_id', '=', unitId).where('id', 'in', ids).execute();
}

/** The unit's markets or hotspots by id and by folded name, for resolving names in an import. */
export async function tradePlaceIndex(db: Q, unitId: string, category: 'MARKET' | 'HOTSPOT'): Promise<Map<string, string>> {
  const rows = await db.selectFrom('trade_place').select(['id', 'name_key']).where('unit_id', '=', unitId).where('category', '=', category).execute();
  const index = new Map<string, string>();
  for (const r of rows) {
    index.set(r.id, r.id);
    index.set(r.name_key, r.id);
  }
  return index;
}
