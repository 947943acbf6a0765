import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_upload')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('OPEN'))
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('staging', 'jsonb', (c) => c.notNull())
    .addColumn('slot_cursor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('evidence_upload_status', sql`status in ('OPEN', 'COMPLETED', 'FAILED')`)
    .addCheckConstraint('evidence_upload_received', sql`received >= 0 and received <= size`)
    .execute();
  await db.schema.createIndex('evidence_upload_expires_at').on('evidence_upload').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evidence_upload').execute();
}
