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

/** Saves (or replaces) a draft version. Published versions cannot be overwritten. */
export async function saveDraft(db: Q, definition: unknown, by: string): Promise<TProcedureDefinition> {
  const result = validateDefinition(definition);
  if (!result.definition) throw new ProcedureError('INVALID_DEFINITION', 'The definition does not match the procedure schema.', result.issues);
  const def = result.definition;
  const existing = await db.selectFrom('procedure_version').select('status').where('procedure_id', '=', def.id).where('version', '=', def.version).executeTakeFirst();
  if (existing && existing.status !== 'DRAFT') throw new ProcedureError('CONFLICT', `${def.id}@${def.version} is ${existing.status.toLowerCase()} and can no longer change; save a new version.`);
  await db
    .insertInto('procedure_version')
    .values({ procedure_id: def.id, version: def.version, status: 'DRAFT', kind: def.kind, title_vi: def.title.vi, definition: JSON.stringify(def), created_by: by })
    .onConflict((oc) => oc.columns(['procedure_id', 'version']).doUpdateSet({ definition: JSON.stringify(def), kind: def.kind, title_vi: def.title.vi }).where('procedure_version.status', '=', 'DRAFT'))
    .execute();
  return def;
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
  await db.updateTable('procedure_version').set({ status: 'RETIRED', retired_by: by, retired_at: new Date() }).where('procedure_id', '=', procedureId).where('version', '=', version).where('status', '=', 'PUBLISHED').execute();
  return { latestPublished: await latestPublishedVersion(db, procedureId) };
}

/** A published or retired version (what running cases may use). */
export async function getPublished(db: Q, procedureId: string, version: number): Promise<TProcedureDefinition | undefined> {
  const row = await db
    .selectFrom('procedure_version')
    .select('definition')
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .where('status', 'in', ['PUBLISHED', 'RETIRED'])
    .executeTakeFirst();
  return row ? parseDefinition(row.definition) : undefined;
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
}

/** A procedure version with its definition (a draft's may not validate yet). */
export interface TProcedureVersion extends TProcedureVersionSummary {
  definition: TProcedureDefinition;
}

const SUMMARY_COLUMNS = ['procedure_id', 'version', 'status', 'kind', 'title_vi', 'created_by', 'created_at', 'published_by', 'published_at', 'retired_by', 'retired_at'] as const;

/** Every version of every procedure (drafts, published, retired), by procedure and version. */
export async function listProcedureVersions(db: Q): Promise<TProcedureVersionSummary[]> {
  return db.selectFrom('procedure_version').select(SUMMARY_COLUMNS).orderBy('procedure_id').orderBy('version').execute();
}

/** One version of a procedure, whatever its status, with its definition. */
export async function getProcedureVersion(db: Q, procedureId: string, version: number): Promise<TProcedureVersion | undefined> {
  return db.selectFrom('procedure_version').selectAll().where('procedure_id', '=', procedureId).where('version', '=', version).executeTakeFirst();
}

/** The definitions of some versions of a procedure, by version (a version that does not exist is absent). */
export async function procedureDefinitions(db: Q, procedureId: string, versions: number[]): Promise<Map<number, TProcedureDefinition>> {
  const rows = await db.selectFrom('procedure_version').select(['version', 'definition']).where('procedure_id', '=', procedureId).where('version', 'in', versions).execute();
  return new Map(rows.map((r) => [r.version, r.definition]));
}
