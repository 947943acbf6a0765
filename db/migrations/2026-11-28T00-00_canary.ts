import { sql, type Kysely } from 'kysely';

// Frozen: migrations never change once merged; they use Kysely<any> so later schema edits cannot break them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('canary_run')
    .addColumn('workflow_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('canary_run').execute();
}
