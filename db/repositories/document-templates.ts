/**
 * The papers' templates as data (docs/adr/0157): drafts a national administrator edits, published
 * versions that never change, the version in force on a paper's date. Like procedures
 * (./procedures.ts), but effective-dated: a paper is filled with the published version of its type
 * whose `effective_from` is the latest not after the paper's date.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { effectiveDateIssue } from '../../domain/documents/effective-date.js';
import { ZDocumentTemplate, type TDocumentTemplate } from '../../domain/documents/template.js';
import type { TDocumentType } from '../../domain/documents/types.js';
import { zodIssues, type TValidationIssue } from '../../domain/validation-issues.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export class TemplateVersionError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID' | 'CONFLICT' | 'EFFECTIVE_DATE',
    message: string,
    readonly issues: TValidationIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * The advisory lock between publishing a type's template (exclusive) and issuing a paper of that
 * type (shared, in the issuing transaction): a publication waits for the papers being issued, and
 * sees them when it checks that none is dated on or after its effective date.
 */
export const templateLockKey = (type: TDocumentType): string => `document-template:${type}`;

/** A version without its definition, as the list shows it. */
export interface TTemplateVersionSummary {
  type: TDocumentType;
  version: number;
  effectiveFrom: string;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}
export interface TTemplateVersion extends TTemplateVersionSummary {
  definition: TDocumentTemplate;
}

const SUMMARY = [
  'type',
  'version',
  sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
  'status',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'published_by',
  'published_at',
] as const;

type TRaw = {
  type: TDocumentType;
  version: number;
  effective_from: string;
  status: TTemplateVersionSummary['status'];
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  published_by: string | null;
  published_at: Date | null;
};

const toSummary = (r: TRaw): TTemplateVersionSummary => ({
  type: r.type,
  version: r.version,
  effectiveFrom: r.effective_from,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
  publishedBy: r.published_by,
  publishedAt: r.published_at?.toISOString() ?? null,
});

/** Every version of every type, by type and version. */
export async function listTemplateVersions(db: Q): Promise<TTemplateVersionSummary[]> {
  const rows = await db.selectFrom('document_template').select(SUMMARY).orderBy('type').orderBy('version').execute();
  return rows.map((r) => toSummary(r as TRaw));
}

export async function getTemplateVersion(db: Q, type: TDocumentType, version: number): Promise<TTemplateVersion | undefined> {
  const r = await db
    .selectFrom('document_template')
    .select([...SUMMARY, 'definition'])
    .where('type', '=', type)
    .where('version', '=', version)
    .executeTakeFirst();
  return r ? { ...toSummary(r as TRaw), definition: r.definition } : undefined;
}

/** The first day a published version of `type` is in force (yyyy-mm-dd) and that version's legal source, or undefined when none is published. */
export async function firstTemplateInForce(db: Q, type: TDocumentType): Promise<{ effectiveFrom: string; source: string } | undefined> {
  const r = await db
    .selectFrom('document_template')
    .select([sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'), sql<string>`definition->>'source'`.as('source')])
    .where('type', '=', type)
    .where('status', '=', 'PUBLISHED')
    .orderBy('effective_from')
    .orderBy('version')
    .limit(1)
    .executeTakeFirst();
  return r ? { effectiveFrom: r.effective_from, source: r.source } : undefined;
}

/** The first day after `date` a published version of `type` that prints a deputy's delegation takes effect (docs/adr/0197), or undefined. */
export async function printableDelegationFrom(db: Q, type: TDocumentType, date: string): Promise<string | undefined> {
  return firstLaterMentioning(db, type, date, 'signer.delegation');
}

/** The first day after `date` a published version of `type` that prints `stepId`'s field `key` takes effect (docs/adr/0219), or undefined. */
export async function printableValueFrom(db: Q, type: TDocumentType, date: string, stepId: string, key: string): Promise<string | undefined> {
  return firstLaterMentioning(db, type, date, `${stepId}.${key}}}`);
}

async function firstLaterMentioning(db: Q, type: TDocumentType, date: string, text: string): Promise<string | undefined> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const r = await db
    .selectFrom('document_template')
    .select(sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('d'))
    .where('type', '=', type)
    .where('status', '=', 'PUBLISHED')
    .where('effective_from', '>', date)
    .where(sql<boolean>`definition::text like ${pattern}`)
    .orderBy('effective_from')
    .limit(1)
    .executeTakeFirst();
  return r?.d;
}

/**
 * The definition of the published version of `type` in force on `date` (yyyy-mm-dd), unchecked
 * (the caller validates it), or undefined when none is.
 */
export async function templateInForce(db: Q, type: TDocumentType, date: string): Promise<unknown> {
  const r = await db
    .selectFrom('document_template')
    .select('definition')
    .where('type', '=', type)
    .where('status', '=', 'PUBLISHED')
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.definition;
}

/** Saves (or replaces) a draft version of a checked template; a published or retired version never changes. */
export async function saveTemplateDraft(db: Q, t: TDocumentTemplate, by: string): Promise<void> {
  const existing = await db.selectFrom('document_template').select('status').where('type', '=', t.type).where('version', '=', t.version).executeTakeFirst();
  if (existing && existing.status !== 'DRAFT')
    throw new TemplateVersionError('CONFLICT', `Version ${t.version} of the ${t.type} template is ${existing.status.toLowerCase()} and can no longer change; save a new version.`);
  const definition = JSON.stringify(t);
  await db
    .insertInto('document_template')
    .values({ type: t.type, version: t.version, effective_from: t.effectiveFrom, status: 'DRAFT', definition, created_by: by, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['type', 'version']).doUpdateSet({ effective_from: t.effectiveFrom, definition, updated_by: by, updated_at: new Date() }).where('document_template.status', '=', 'DRAFT'),
    )
    .execute();
}

/**
 * Publishes a draft: checked again (the view's paths may have changed since it was saved), and —
 * unless `today` is omitted (the shipped templates' seed) — in force from today or later and after
 * every paper of its type already issued (domain/documents/effective-date.ts). From then on it
 * never changes.
 */
export async function publishTemplate(db: Kysely<Database>, type: TDocumentType, version: number, by: string, opts: { today?: string } = {}): Promise<TDocumentTemplate> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${templateLockKey(type)}, 0))`.execute(trx);
    const row = await trx.selectFrom('document_template').select(['status', 'definition']).where('type', '=', type).where('version', '=', version).forUpdate().executeTakeFirst();
    if (!row) throw new TemplateVersionError('NOT_FOUND', `No version ${version} of the ${type} template.`);
    if (row.status !== 'DRAFT') throw new TemplateVersionError('CONFLICT', `Version ${version} of the ${type} template is already ${row.status.toLowerCase()}.`);
    const parsed = ZDocumentTemplate.safeParse(row.definition);
    if (!parsed.success)
      throw new TemplateVersionError('INVALID', `Version ${version} of the ${type} template does not validate and cannot be published.`, zodIssues(parsed.error.issues, { input: row.definition }));
    if (opts.today !== undefined) {
      const last = await trx
        .selectFrom('document')
        .select(sql<string | null>`to_char(max(doc_date), 'YYYY-MM-DD')`.as('d'))
        .where('type', '=', type)
        .executeTakeFirst();
      // A day before today too, where no paper of the type is dated on or after it: nothing issued changes (docs/adr/0198).
      const issue = effectiveDateIssue('effectiveFrom', parsed.data.effectiveFrom, opts.today, last?.d ?? undefined, { past: true });
      if (issue) throw new TemplateVersionError('EFFECTIVE_DATE', `Version ${version} of the ${type} template cannot take effect on ${parsed.data.effectiveFrom}: it ${issue.message}.`, [issue]);
    }
    await trx.updateTable('document_template').set({ status: 'PUBLISHED', published_by: by, published_at: new Date() }).where('type', '=', type).where('version', '=', version).execute();
    return parsed.data;
  });
}

/**
 * Publishes each shipped template version (domain/documents/templates.ts) the installation does not
 * have: a version already there, whatever its status, is left alone (never overwritten). One
 * statement per version, so replicas seeding at once publish it once.
 *
 * A shipped version whose number the installation's own version holds (a national administrator
 * drafted that number before the release that ships it) is published under the type's next free
 * number, its definition renumbered, rather than dropped (docs/adr/0231); a seed row with its
 * content, whatever its number, means it is already there. A number held by an earlier seed row is
 * still left alone: a shipped version never changes, and publishing it again would fill papers
 * already issued.
 */
export async function seedDocumentTemplates(db: Q, templates: readonly TDocumentTemplate[]): Promise<number> {
  let published = 0;
  for (const input of templates) {
    const t = ZDocumentTemplate.parse(input);
    const definition = JSON.stringify(t);
    const r = await sql<{ version: number }>`
      with shipped as (select ${t.type}::text as type, ${t.version}::int as version, ${definition}::jsonb as def),
      held as (select d.created_by from document_template d join shipped s on d.type = s.type and d.version = s.version),
      slot as (
        select case
          when not exists (select 1 from held) then s.version
          when exists (select 1 from held where created_by = 'seed') then null
          else (select max(d.version) + 1 from document_template d where d.type = s.type)
        end as version
        from shipped s
      )
      insert into document_template (type, version, effective_from, status, definition, created_by, updated_by, published_by, published_at)
      select s.type, slot.version, ${t.effectiveFrom}::date, 'PUBLISHED', jsonb_set(s.def, '{version}', to_jsonb(slot.version)), 'seed', 'seed', 'seed', now()
      from shipped s cross join slot
      where slot.version is not null
        and not exists (select 1 from document_template d where d.type = s.type and d.created_by = 'seed' and d.definition - 'version' = s.def - 'version')
      on conflict (type, version) do nothing
      returning version`.execute(db);
    published += r.rows.length;
  }
  return published;
}
