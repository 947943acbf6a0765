import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Tips from the public (issue 16, docs/adr/0130–0133). The tip as the reporter wrote it, the case
  // it started, the hash of its tracking code (never the code), and its link key.
  await db.schema
    .createTable('public_tip')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_hash', 'text', (c) => c.notNull().unique())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('business_name', 'text')
    .addColumn('tax_code', 'text')
    .addColumn('link_key', 'text')
    .addColumn('anonymous', 'boolean', (c) => c.notNull())
    .addColumn('wants_reply', 'boolean', (c) => c.notNull())
    .addColumn('photos', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('public_tip_link_idx').on('public_tip').columns(['unit_id', 'link_key']).execute();
  // The reporter's contact, apart from the tip and the case (docs/adr/0131): read only by the unit's
  // director and team leads, through one route; an anonymous tip has no row.
  await db.schema
    .createTable('public_tip_reporter')
    .addColumn('tip_id', 'text', (c) => c.primaryKey().references('public_tip.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .execute();
  // Each proof-of-work challenge is used once (docs/adr/0132); kept until it would be stale anyway.
  await db.schema
    .createTable('tip_challenge_use')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The key challenges are signed with: made by the first replica that needs it, shared by all.
  await db.schema
    .createTable('tip_challenge_key')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tip_challenge_key').execute();
  await db.schema.dropTable('tip_challenge_use').execute();
  await db.schema.dropTable('public_tip_reporter').execute();
  await db.schema.dropTable('public_tip').execute();
}
