/**
 * The public lookup codes of penalty cases and criminal referrals (docs/adr/0120-case-lookup-code.md,
 * 0220): created by the
 * projection in its transaction when the case is first written, with a salted hash of the party's
 * identifier once one is known; read by the public lookup (api/routes/public-lookup.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { generateLookupCode, LOOKUP_CODE_RANDOM_BYTES, partyIdentifierFrom } from '../../domain/lookup-code.js';
import type { TCaseProjection } from '../../domain/projection.js';
import type { Database } from '../schema.js';
import { unitBusinessOf, type TCaseBusiness } from './businesses.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The kinds of case that have a lookup code: a penalty case (the party has a record and a
 * decision), and a criminal referral, whose returned file is decided and paid in it from its
 * version 7 (docs/adr/0220).
 */
const LOOKUP_KINDS: ReadonlySet<string> = new Set(['PENALTY', 'CRIMINAL_REFERRAL']);

/** SHA-256 of salt and normalised identifier, hex. */
function identifierHash(salt: string, identifier: string): string {
  return createHash('sha256').update(`${salt}:${identifier}`).digest('hex');
}

/** Whether `identifier` hashes to `hash` with `salt`, in time independent of where they differ. */
export function identifierMatches(salt: string, hash: string, identifier: string): boolean {
  const a = Buffer.from(identifierHash(salt, identifier), 'hex');
  const b = Buffer.from(hash.padEnd(64, '0').slice(0, 64), 'hex');
  return timingSafeEqual(a, b);
}

/** The party's identifier a case names (`partyIdentifierFrom`): its registry business's tax code, else the record's. */
async function partyIdentifierOf(trx: Q, p: Pick<TCaseProjection, 'unitId' | 'businessId' | 'snapshot'>, known?: { business: TCaseBusiness | null }): Promise<string | undefined> {
  const business = p.businessId ? await unitBusinessOf(trx, p, known?.business) : undefined;
  const recorded = (p.snapshot.completed ?? []).findLast((c) => c.stepId === 'B1')?.data.partyIdentifier;
  return partyIdentifierFrom(business?.tax_code, recorded);
}

/** What `ensureCaseLookup` starts from: the case's lookup row (null: it has none yet). */
export interface TLookupRow {
  identifier_salt: string;
  identifier_hash: string | null;
}

/**
 * The case's lookup row as one JSON value (null when it has none, or when its kind has no code):
 * for the projection's one read of what its writes start from (db/repositories/cases.ts).
 */
export function lookupRowRead(p: Pick<TCaseProjection, 'caseId' | 'kind'>): RawBuilder<TLookupRow | null> {
  if (!LOOKUP_KINDS.has(p.kind)) return sql<null>`null::json`;
  return sql<TLookupRow | null>`(select json_build_object('identifier_salt', identifier_salt, 'identifier_hash', identifier_hash) from case_lookup where case_id = ${p.caseId})`;
}

/**
 * Gives a penalty case (or a criminal referral) its code the first time it is projected, and the hash of its party's
 * identifier once the case names one (the registry business's tax code, or the record's
 * identifier). Idempotent: a projection retried, or a newer one, keeps the code and the hash it has.
 * `known`: the row and the case's business as the caller read them in this transaction
 * (`lookupRowRead`, `caseBusinessRead`), not read again.
 */
export async function ensureCaseLookup(
  trx: Q,
  p: Pick<TCaseProjection, 'caseId' | 'kind' | 'unitId' | 'businessId' | 'snapshot'>,
  known?: { row: TLookupRow | null; business: TCaseBusiness | null },
): Promise<void> {
  if (!LOOKUP_KINDS.has(p.kind)) return;
  let row = known ? (known.row ?? undefined) : await trx.selectFrom('case_lookup').select(['identifier_salt', 'identifier_hash']).where('case_id', '=', p.caseId).executeTakeFirst();
  if (!row) {
    const fresh = { case_id: p.caseId, code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)).replaceAll('-', ''), identifier_salt: randomBytes(16).toString('hex'), identifier_hash: null };
    await trx
      .insertInto('case_lookup')
      .values(fresh)
      .onConflict((oc) => oc.column('case_id').doNothing())
      .execute();
    row = await trx.selectFrom('case_lookup').select(['identifier_salt', 'identifier_hash']).where('case_id', '=', p.caseId).executeTakeFirstOrThrow();
  }
  if (row.identifier_hash !== null) return;
  const identifier = await partyIdentifierOf(trx, p, known);
  if (!identifier) return;
  await trx
    .updateTable('case_lookup')
    .set({ identifier_hash: identifierHash(row.identifier_salt, identifier) })
    .where('case_id', '=', p.caseId)
    .execute();
}

/** The case's lookup code (stored form, no dashes), for the staff case page and the party's papers, and whether a lookup can find the case yet (its party's identifier is known). */
export async function caseLookupOf(db: Q, caseId: string): Promise<{ code: string; ready: boolean } | undefined> {
  const row = await db.selectFrom('case_lookup').select(['code', 'identifier_hash']).where('case_id', '=', caseId).executeTakeFirst();
  return row ? { code: row.code, ready: row.identifier_hash !== null } : undefined;
}

/** A code's row and its case's snapshot, in one query (the same work whether the code exists or not). */
export async function findLookup(db: Q, code: string) {
  return db
    .selectFrom('case_lookup')
    .innerJoin('case_file', 'case_file.case_id', 'case_lookup.case_id')
    .select([
      'case_lookup.case_id',
      'case_lookup.code',
      'case_lookup.identifier_salt',
      'case_lookup.identifier_hash',
      'case_file.unit_id',
      'case_file.procedure_id',
      'case_file.procedure_version',
      'case_file.snapshot',
    ])
    .where('case_lookup.code', '=', code)
    .executeTakeFirst();
}
