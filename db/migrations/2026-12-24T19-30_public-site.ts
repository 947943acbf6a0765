import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Public disclosure of decided violations (issue 16, docs/adr/0135): one row per penalty case with a
  // sanctioning decision, written by the projection; what is published of it, already minimised.
  await db.schema
    .createTable('disclosure')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('case_file.case_id').onDelete('cascade'))
    // The public id (Atom entry ids, links): never the case id.
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    // No foreign key to `unit`, like `case_file.unit_id`: the projection that writes this row must
    // never fail on it (a retried activity would block the case's read model for ever).
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('offender_type', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text')
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('violation_date', 'text', (c) => c.notNull())
    .addColumn('acts', 'jsonb', (c) => c.notNull())
    .addColumn('sanction', 'text', (c) => c.notNull())
    .addColumn('fine_amount', 'bigint')
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_key', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('listed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_reason', 'text')
    .execute();
  await db.schema.createIndex('disclosure_listed').on('disclosure').columns(['decision_date', 'public_id']).where(sql.ref('withdrawn_at'), 'is', null).execute();
  await db.schema.createIndex('disclosure_updated').on('disclosure').columns(['updated_at']).execute();

  // The unit's public site (docs/adr/0137): pages, each with versions (DRAFT → PUBLISHED → SUPERSEDED).
  await db.schema
    .createTable('site_page')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('site_page_unit').on('site_page').columns(['unit_id', 'kind']).execute();
  await db.schema
    .createTable('site_page_version')
    .addColumn('page_id', 'text', (c) => c.notNull().references('site_page.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_vi', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_vi', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('site_page_version_pk', ['page_id', 'version'])
    .execute();
  // At most one draft and one published version per page, whatever two admins do at once.
  await db.schema.createIndex('site_page_one_draft').on('site_page_version').column('page_id').unique().where(sql.ref('status'), '=', 'DRAFT').execute();
  await db.schema.createIndex('site_page_one_published').on('site_page_version').column('page_id').unique().where(sql.ref('status'), '=', 'PUBLISHED').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_page_version').execute();
  await db.schema.dropTable('site_page').execute();
  await db.schema.dropTable('disclosure').execute();
}
