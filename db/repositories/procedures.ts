/**
 * Procedure definitions: drafts that admins edit, published versions that never change again.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { validateDefinition, type TDefinitionIssue } from '../../domain/procedure-validate.js';
import { parseDefinition } from '../../domain/procedure-validate.js';
import type { TProcedureDefinition } from '../../domain/procedure.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export class ProcedureError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_DEFINITION' | 'CONFLICT',
    message: string,
    readonly issues: TDefinitionIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * Saves (or replaces) a draft version. Published versions cannot be overwritten. The procedure's
 * owner is set by its first version: national (`ownerUnitId` null, the default) or a unit's; a
 * version for another owner than the procedure's is refused (the API decides who may write before
 * this, from the path: api/access.ts).
 */
export async function saveDraft(db: Q, definition: unknown, by: string, opts: { ownerUnitId?: string | null } = {}): Promise<TProcedureDefinition> {
  const result = validateDefinition(definition);
  if (!result.definition) throw new ProcedureError('INVALID_DEFINITION', 'The definition does not match the procedure schema.', result.issues);
  const def = result.definition;
  const ownerUnitId = opts.ownerUnitId ?? null;
  await db
    .insertInto('procedure')
    .values({ procedure_id: def.id, owner_unit_id: ownerUnitId, created_by: by })
    .onConflict((oc) => oc.column('procedure_id').doNothing())
    .execute();
  const owner = await procedureOwner(db, def.id);
  if (owner && owner.ownerUnitId !== ownerUnitId)
    throw new ProcedureError(
      'CONFLICT',
      `${def.id} is ${owner.ownerUnitId === null ? 'a national procedure' : `a procedure of unit ${owner.ownerUnitId}`}; its versions stay ${owner.ownerUnitId === null ? 'national' : 'that unit’s'}.`,
    );
  const existing = await db.selectFrom('procedure_version').select('status').where('procedure_id', '=', def.id).where('version', '=', def.version).executeTakeFirst();
  if (existing && existing.status !== 'DRAFT') throw new ProcedureError('CONFLICT', `${def.id}@${def.version} is ${existing.status.toLowerCase()} and can no longer change; save a new version.`);
  const variantOf = { variant_of_id: def.variantOf?.procedureId ?? null, variant_of_version: def.variantOf?.version ?? null };
  await db
    .insertInto('procedure_version')
    .values({ procedure_id: def.id, version: def.version, status: 'DRAFT', kind: def.kind, title_vi: def.title.vi, definition: JSON.stringify(def), created_by: by, ...variantOf })
    .onConflict((oc) =>
      oc
        .columns(['procedure_id', 'version'])
        .doUpdateSet({ definition: JSON.stringify(def), kind: def.kind, title_vi: def.title.vi, ...variantOf })
        .where('procedure_version.status', '=', 'DRAFT'),
    )
    .execute();
  return def;
}

/** Whose a procedure is: `ownerUnitId` null for a national one; undefined when it does not exist. */
export async function procedureOwner(db: Q, procedureId: string): Promise<{ ownerUnitId: string | null } | undefined> {
  const row = await db.selectFrom('procedure').select('owner_unit_id').where('procedure_id', '=', procedureId).executeTakeFirst();
  return row ? { ownerUnitId: row.owner_unit_id } : undefined;
}

/**
 * A unit's own procedures, each with the national procedure its versions vary (that of its latest
 * version; null for a procedure of a kind no national procedure covers).
 */
export async function unitProcedures(db: Q, unitId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('procedure as p')
    .leftJoin('procedure_version as v', 'v.procedure_id', 'p.procedure_id')
    .select(['p.procedure_id', 'v.version', 'v.variant_of_id'])
    .where('p.owner_unit_id', '=', unitId)
    .orderBy('p.procedure_id')
    .orderBy('v.version')
    .execute();
  const out = new Map<string, string | null>();
  for (const r of rows) out.set(r.procedure_id, r.variant_of_id ?? null);
  return out;
}

/** Procedure ids that are national (of those asked). */
export async function nationalProcedureIds(db: Q, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('procedure').select('procedure_id').where('procedure_id', 'in', ids).where('owner_unit_id', 'is', null).execute();
  return new Set(rows.map((r) => r.procedure_id));
}

/** The status and kind of a version of a national procedure (undefined: none, or not national). */
export async function nationalVersion(db: Q, procedureId: string, version: number): Promise<{ status: string; kind: string; definition: TProcedureDefinition } | undefined> {
  return db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.procedure_id', 'v.procedure_id')
    .select(['v.status', 'v.kind', 'v.definition'])
    .where('v.procedure_id', '=', procedureId)
    .where('v.version', '=', version)
    .where('p.owner_unit_id', 'is', null)
    .executeTakeFirst();
}

/** Publishes a draft after full validation; from then on it is immutable. */
export async function publish(db: Q, procedureId: string, version: number, by: string): Promise<TProcedureDefinition> {
  const row = await db.selectFrom('procedure_version').selectAll().where('procedure_id', '=', procedureId).where('version', '=', version).executeTakeFirst();
  if (!row) throw new ProcedureError('NOT_FOUND', `No version ${version} of procedure ${procedureId}.`);
  if (row.status !== 'DRAFT') throw new ProcedureError('CONFLICT', `${procedureId}@${version} is already ${row.status.toLowerCase()}.`);
  const result = validateDefinition(row.definition);
  if (!result.ok) throw new ProcedureError('INVALID_DEFINITION', `${procedureId}@${version} has ${result.issues.length} problem(s) and cannot be published.`, result.issues);
  await db.updateTable('procedure_version').set({ status: 'PUBLISHED', published_by: by, published_at: new Date() }).where('procedure_id', '=', procedureId).where('version', '=', version).execute();
  return result.definition;
}

/**
 * Retires a published version: no new case starts on it (the API opens cases on the latest
 * published version), while cases already running on it keep it to their end.
 */
export async function retire(db: Q, procedureId: string, version: number, by: string): Promise<{ latestPublished: number | undefined }> {
  const row = await db.selectFrom('procedure_version').select('status').where('procedure_id', '=', procedureId).where('version', '=', version).executeTakeFirst();
  if (!row) throw new ProcedureError('NOT_FOUND', `No version ${version} of procedure ${procedureId}.`);
  if (row.status !== 'PUBLISHED') throw new ProcedureError('CONFLICT', `${procedureId}@${version} is ${row.status.toLowerCase()}; only a published version can be retired.`);
  await db
    .updateTable('procedure_version')
    .set({ status: 'RETIRED', retired_by: by, retired_at: new Date() })
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .where('status', '=', 'PUBLISHED')
    .execute();
  return { latestPublished: await latestPublishedVersion(db, procedureId) };
}

/** A published or retired version (what running cases may use). */
/**
 * Published versions never change (`saveDraft` writes drafts only; `publish` and `retire` change the
 * status, not the definition), so each process keeps the ones it has read, per database handle:
 * opening a case, and most reads of one, fetched and parsed the procedure's 50 kB definition at
 * every request (docs/adr/0178). Kept frozen, so that no caller changes what the next one reads; at
 * most `PUBLISHED_KEPT` versions per handle, the least recently read leaving first. A cache of what
 * cannot change: another replica, or a restart, only reads it once more.
 */
const PUBLISHED_KEPT = 64;
const publishedKept = new WeakMap<Q, Map<string, TProcedureDefinition>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A published (or retired) version's definition, frozen; undefined when there is none. */
export async function getPublished(db: Q, procedureId: string, version: number): Promise<TProcedureDefinition | undefined> {
  let kept = publishedKept.get(db);
  if (!kept) publishedKept.set(db, (kept = new Map()));
  const key = `${procedureId}@${version}`;
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const row = await db
    .selectFrom('procedure_version')
    .select('definition')
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .where('status', 'in', ['PUBLISHED', 'RETIRED'])
    .executeTakeFirst();
  if (!row) return undefined;
  const def = deepFreeze(parseDefinition(row.definition));
  kept.set(key, def);
  if (kept.size > PUBLISHED_KEPT) kept.delete(kept.keys().next().value!);
  return def;
}

export async function latestPublishedVersion(db: Q, procedureId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('procedure_version')
    .select(sql<number>`max(version)`.as('v'))
    .where('procedure_id', '=', procedureId)
    .where('status', '=', 'PUBLISHED')
    .executeTakeFirst();
  return row?.v ?? undefined;
}

/**
 * Publishes each shipped procedure version that the installation does not have yet (in the order
 * given, so version 1 before version 2). A version an admin already saved under the same number is
 * left alone.
 */
export async function seedProcedures(db: Kysely<Database>, procedures: readonly unknown[]): Promise<number> {
  // Shipped procedures are national (saveDraft's default owner).
  let published = 0;
  for (const input of procedures) {
    const def = parseDefinition(input);
    const exists = await db.selectFrom('procedure_version').select('version').where('procedure_id', '=', def.id).where('version', '=', def.version).executeTakeFirst();
    if (exists) continue;
    await db.transaction().execute(async (trx) => {
      await saveDraft(trx, def, 'seed');
      await publish(trx, def.id, def.version, 'seed');
    });
    published++;
  }
  return published;
}

/** The status of a procedure version (DRAFT, PUBLISHED, RETIRED), or undefined when it does not exist. */
export async function procedureVersionStatus(db: Q, procedureId: string, version: number): Promise<{ status: string; kind: string } | undefined> {
  return db.selectFrom('procedure_version').select(['status', 'kind']).where('procedure_id', '=', procedureId).where('version', '=', version).executeTakeFirst();
}

/**
 * A procedure version without its definition, as the admin console lists it. The names are the
 * columns' own, because they are the API's (`GET /api/v1/procedures`).
 */
export interface TProcedureVersionSummary {
  procedure_id: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  kind: string;
  title_vi: string;
  created_by: string;
  created_at: Date;
  published_by: string | null;
  published_at: Date | null;
  retired_by: string | null;
  retired_at: Date | null;
  /** Null: a national procedure; else the unit whose own procedure it is. */
  owner_unit_id: string | null;
  /** A unit's version: the national version it varies. */
  variant_of_id: string | null;
  variant_of_version: number | null;
}

/** A procedure version with its definition (a draft's may not validate yet). */
export interface TProcedureVersion extends TProcedureVersionSummary {
  definition: TProcedureDefinition;
}

const SUMMARY_COLUMNS = [
  'v.procedure_id',
  'v.version',
  'v.status',
  'v.kind',
  'v.title_vi',
  'v.created_by',
  'v.created_at',
  'v.published_by',
  'v.published_at',
  'v.retired_by',
  'v.retired_at',
  'p.owner_unit_id',
  'v.variant_of_id',
  'v.variant_of_version',
] as const;

/**
 * The versions of the procedures a unit sees (drafts, published, retired), by procedure and
 * version: the national ones and the unit's own; `everyUnit` (a national administrator's view)
 * adds every unit's own.
 */
export async function listProcedureVersions(db: Q, visible: { unitId: string; everyUnit?: boolean }): Promise<TProcedureVersionSummary[]> {
  return db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.procedure_id', 'v.procedure_id')
    .select(SUMMARY_COLUMNS)
    .$if(!visible.everyUnit, (q) => q.where((eb) => eb.or([eb('p.owner_unit_id', 'is', null), eb('p.owner_unit_id', '=', visible.unitId)])))
    .orderBy('v.procedure_id')
    .orderBy('v.version')
    .execute();
}

/** One version of a procedure, whatever its status, with its definition and owner. */
export async function getProcedureVersion(db: Q, procedureId: string, version: number): Promise<TProcedureVersion | undefined> {
  return db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.procedure_id', 'v.procedure_id')
    .select([...SUMMARY_COLUMNS, 'v.definition'])
    .where('v.procedure_id', '=', procedureId)
    .where('v.version', '=', version)
    .executeTakeFirst();
}

/** The definitions of some versions of a procedure, by version (a version that does not exist is absent). */
export async function procedureDefinitions(db: Q, procedureId: string, versions: number[]): Promise<Map<number, TProcedureDefinition>> {
  const rows = await db.selectFrom('procedure_version').select(['version', 'definition']).where('procedure_id', '=', procedureId).where('version', 'in', versions).execute();
  return new Map(rows.map((r) => [r.version, r.definition]));
}
