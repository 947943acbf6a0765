import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Bulk actions (issue 15, docs/adr/0105-bulk-actions.md): a run per request (its id derived from
  // the caller's Idempotency-Key and request), who ran it and what, and one item per case (or per
  // step of a case) with what became of it. Planned in one transaction before anything is sent, so
  // that the same request again sends only what is not final, with the same per-item request ids.
  await db.schema
    .createTable('bulk_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('target', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('bulk_action_by_creator').on('bulk_action').columns(['created_by', 'created_at']).execute();
  await db.schema
    .createTable('bulk_action_item')
    .addColumn('bulk_id', 'text', (c) => c.notNull().references('bulk_action.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('rule', 'text')
    .addColumn('rule_params', 'jsonb')
    .addColumn('legal_basis', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('bulk_action_item_pk', ['bulk_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulk_action_item').execute();
  await db.schema.dropTable('bulk_action').execute();
}
