/**
 * Legal parameters and the violation catalogue in PostgreSQL (seeded once, then kept by admins).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { applicableParams, type TRejectedParam, ZLegalParamEdit } from '../../domain/legal-param-edit.js';
import { LEGAL_PARAMS_SEED, type TLegalParam } from '../../domain/legal-params.js';
import { ZViolation, ZViolationEdit } from '../../domain/legal-schema.js';
import { VIOLATION_CATALOGUE_SEED, type TViolation } from '../../domain/violation-catalogue.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

function paramColumns(p: TLegalParam, by: string) {
  return {
    effective_to: p.effectiveTo ?? null,
    value: p.value,
    unit: p.unit,
    description_vi: p.descriptionVi,
    legal_basis: p.legalBasis,
    confidence: p.confidence,
    to_confirm: p.toConfirm,
    updated_by: by,
  };
}

/**
 * The legal parameters the rules apply (docs/adr/0227): a stored value the code cannot read is not
 * applied (the shipped value of its key and day instead, where there is one); `rejected` lists them.
 */
export async function legalParamsWithRejected(db: Q, filter: { toConfirm?: boolean } = {}): Promise<{ params: TLegalParam[]; rejected: TRejectedParam[] }> {
  const { params, rejected } = applicableParams(await storedLegalParams(db));
  return { params: filter.toConfirm === undefined ? params : params.filter((p) => p.toConfirm === filter.toConfirm), rejected };
}

/** The legal parameters the rules apply (see `legalParamsWithRejected`). */
export async function listLegalParams(db: Q, filter: { toConfirm?: boolean } = {}): Promise<TLegalParam[]> {
  return (await legalParamsWithRejected(db, filter)).params;
}

/** Every stored row, as stored. */
async function storedLegalParams(db: Q): Promise<TLegalParam[]> {
  const q = db
    .selectFrom('legal_parameter')
    .select([
      'key',
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
      sql<string | null>`to_char(effective_to, 'YYYY-MM-DD')`.as('effective_to'),
      'value',
      'unit',
      'description_vi',
      'legal_basis',
      'confidence',
      'to_confirm',
    ])
    .orderBy('key')
    .orderBy('effective_from');
  const rows = await q.execute();
  return rows.map((r) => ({
    key: r.key,
    value: r.value,
    unit: r.unit,
    effectiveFrom: r.effective_from,
    ...(r.effective_to ? { effectiveTo: r.effective_to } : {}),
    descriptionVi: r.description_vi,
    legalBasis: r.legal_basis,
    confidence: r.confidence,
    toConfirm: r.to_confirm,
  }));
}

export async function listViolations(db: Q): Promise<TViolation[]> {
  const rows = await db.selectFrom('violation').select('definition').orderBy('code').execute();
  return rows.map((r) => ZViolation.parse(r.definition));
}

/** The catalogue rows with these codes (those that exist). */
export async function violationsByCode(db: Q, codes: readonly string[]): Promise<TViolation[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('violation')
    .select('definition')
    .where('code', 'in', [...codes])
    .orderBy('code')
    .execute();
  return rows.map((r) => ZViolation.parse(r.definition));
}

export async function getViolation(db: Q, code: string): Promise<TViolation | undefined> {
  const row = await db.selectFrom('violation').select('definition').where('code', '=', code).executeTakeFirst();
  return row ? ZViolation.parse(row.definition) : undefined;
}

/** Seeds parameters and catalogue rows that are not there yet (never overwrites an admin's edit). */
export async function seedLegalData(db: Kysely<Database>): Promise<{ params: number; violations: number }> {
  const params = await db
    .insertInto('legal_parameter')
    .values(LEGAL_PARAMS_SEED.map((p) => ({ key: p.key, effective_from: p.effectiveFrom, ...paramColumns(p, 'seed') })))
    .onConflict((oc) => oc.columns(['key', 'effective_from']).doNothing())
    .returning('key')
    .execute();
  const violations = await db
    .insertInto('violation')
    .values(VIOLATION_CATALOGUE_SEED.map((v) => ({ code: v.code, definition: JSON.stringify(v), to_confirm: v.toConfirm, updated_by: 'seed' })))
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return { params: params.length, violations: violations.length };
}

/** An admin's edit of a catalogue row (validated; the code is the key). */
export async function upsertViolation(db: Q, input: unknown, by: string): Promise<TViolation> {
  const v = ZViolationEdit.parse(input);
  const row = { definition: JSON.stringify(v), to_confirm: v.toConfirm, updated_by: by, updated_at: new Date() };
  await db
    .insertInto('violation')
    .values({ code: v.code, ...row })
    .onConflict((oc) => oc.column('code').doUpdateSet(row))
    .execute();
  return v;
}

/** An admin's edit of one effective-dated parameter value (e.g. confirming a "to confirm" value). */
export async function upsertLegalParam(db: Q, input: unknown, by: string): Promise<TLegalParam> {
  const p = ZLegalParamEdit.parse(input);
  const row = { ...paramColumns(p, by), updated_at: new Date() };
  await db
    .insertInto('legal_parameter')
    .values({ key: p.key, effective_from: p.effectiveFrom, ...row })
    .onConflict((oc) => oc.columns(['key', 'effective_from']).doUpdateSet(row))
    .execute();
  return p;
}
