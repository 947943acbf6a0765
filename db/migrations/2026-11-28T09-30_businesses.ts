import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Trigram indexes serve the registry's and the case list's "contains" searches (LIKE '%…%').
  // pg_trgm is a trusted extension (PostgreSQL ≥ 13): the database owner may create it.
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('trade_place')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('MARKET','HOTSPOT')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('commune', 'text')
    .addColumn('address_line', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('trade_place_name_unique', ['unit_id', 'category', 'name_key'])
    .execute();

  await db.schema
    .createTable('business')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('tax_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('ENTERPRISE','HOUSEHOLD','COOPERATIVE','BRANCH')`))
    .addColumn('sector', 'text')
    .addColumn('sector_key', 'text')
    .addColumn('product_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('commune', 'text', (c) => c.notNull())
    .addColumn('commune_key', 'text', (c) => c.notNull())
    .addColumn('address_line', 'text')
    .addColumn('phone', 'text')
    .addColumn('legal_representative', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ACTIVE','SUSPENDED','CLOSED')`))
    .addColumn('managing_team_id', 'text', (c) => c.references('team.id'))
    .addColumn('market_id', 'text', (c) => c.references('trade_place.id'))
    .addColumn('hotspot_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('conflict_user_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One registry entry per tax code and unit: the CSV import upserts on it.
    .addUniqueConstraint('business_tax_code_unique', ['unit_id', 'tax_code'])
    .execute();
  await db.schema.createIndex('business_unit_name').on('business').columns(['unit_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('business_unit_created').on('business').columns(['unit_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('business_unit_updated').on('business').columns(['unit_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('business_unit_status').on('business').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('business_unit_sector').on('business').columns(['unit_id', 'sector_key']).execute();
  await db.schema.createIndex('business_unit_commune').on('business').columns(['unit_id', 'commune_key']).execute();
  await db.schema.createIndex('business_market').on('business').column('market_id').execute();
  await sql`create index business_hotspots on business using gin (hotspot_ids)`.execute(db);
  await sql`create index business_search on business using gin (search_text gin_trgm_ops)`.execute(db);

  // Cases name the business they are about; the case list filters, sorts and searches on these.
  await db.schema.alterTable('case_file').addColumn('business_id', 'text').execute();
  await db.schema.createIndex('case_file_business').on('case_file').columns(['business_id', 'opened_at']).execute();
  await db.schema.createIndex('case_file_unit_opened').on('case_file').columns(['unit_id', 'opened_at', 'case_id']).execute();
  await db.schema.createIndex('case_file_unit_deadline').on('case_file').columns(['unit_id', 'next_deadline_at', 'case_id']).execute();
  await sql`create index case_file_current_steps on case_file using gin (current_steps)`.execute(db);
  await sql`create index case_file_case_id_search on case_file using gin (lower(case_id) gin_trgm_ops)`.execute(db);
  await db.schema.createIndex('case_task_assignee').on('case_task').columns(['assignee_id', 'case_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_task_assignee').execute();
  for (const i of ['case_file_case_id_search', 'case_file_current_steps', 'case_file_unit_deadline', 'case_file_unit_opened', 'case_file_business']) await db.schema.dropIndex(i).execute();
  await db.schema.alterTable('case_file').dropColumn('business_id').execute();
  await db.schema.dropTable('business').execute();
  await db.schema.dropTable('trade_place').execute();
}
