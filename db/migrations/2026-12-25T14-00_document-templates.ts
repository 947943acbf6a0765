import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The papers' templates as national configuration (docs/adr/0157): versioned and effective-dated
  // like procedures, edited as drafts by a national administrator; a published version never
  // changes. The issuing path fills a paper with the published version in force on its date.
  await db.schema
    .createTable('document_template')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('DRAFT'))
    // The template (domain/documents/template.ts ZDocumentTemplate), checked before it is stored.
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('retired_by', 'text')
    .addColumn('retired_at', 'timestamptz')
    .addPrimaryKeyConstraint('document_template_pk', ['type', 'version'])
    .addCheckConstraint('document_template_status_check', sql`status in ('DRAFT', 'PUBLISHED', 'RETIRED')`)
    .addCheckConstraint('document_template_published_check', sql`(status = 'DRAFT') = (published_at is null)`)
    .execute();
  await db.schema.createIndex('document_template_in_force_idx').on('document_template').columns(['type', 'status', 'effective_from']).execute();
  // Who set a unit's agency lines, and when (docs/adr/0158); rows from before have none.
  await db.schema
    .alterTable('unit_agency')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit_agency').dropColumn('created_at').dropColumn('created_by').execute();
  await db.schema.dropTable('document_template').execute();
}
