import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Who outside the agency asked to be told about a case (issue 16, docs/adr/0145-messages-to-parties.md):
  // subscribed through the public lookup with the case's code and the party's identifier.
  await db.schema
    .createTable('party_subscription')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.case_id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('EMAIL', 'SMS', 'ZALO')`))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('vi', 'en')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  // One live subscription per case, channel and address (a second subscribe changes the language only).
  await sql`create unique index party_subscription_live on party_subscription (case_id, channel, address) where withdrawn_at is null`.execute(db);

  // The outbox: one row per subscriber told one thing, drained by the worker on a schedule.
  await db.schema
    .createTable('party_message')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subscription_id', 'bigint', (c) => c.notNull().references('party_subscription.id').onDelete('cascade'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('PENDING').check(sql`status in ('PENDING', 'SENT', 'FAILED', 'WITHDRAWN')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_at', 'timestamptz')
    .addColumn('error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`create index party_message_pending on party_message (id) where status = 'PENDING'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('party_message').execute();
  await db.schema.dropTable('party_subscription').execute();
}
