import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Notifications (issue 15, docs/adr/0100-notifications-from-the-projection.md): an address to write
  // to; null for whom none is known (then nothing is e-mailed to them).
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();
  // One row per person told something: written in the transaction of what caused it (the projection,
  // a campaign version submitted), kind and parameters only (worded in the reader's language when
  // read), with its e-mail's outbox state. `dedupe_key` makes a retried projection write nothing twice.
  await db.schema
    .createTable('notification')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('step_id', 'text')
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('email_status', 'text', (c) => c.notNull().defaultTo('NONE').check(sql`email_status in ('NONE', 'PENDING', 'SENT', 'FAILED')`))
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_next_at', 'timestamptz')
    .addColumn('email_sent_at', 'timestamptz')
    .addColumn('email_error', 'text')
    .execute();
  await sql`create index notification_user on notification (user_id, id desc)`.execute(db);
  await sql`create index notification_unread on notification (user_id) where read_at is null`.execute(db);
  await sql`create index notification_outbox on notification (email_next_at) where email_status = 'PENDING'`.execute(db);
  // What a person wants e-mailed (in-app is always on); a missing row is the defaults.
  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('email_off', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('digest', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A team lead's daily digest: one row per lead and Vietnamese day, claimed before sending, so a
  // day's digest goes once however many workers or retries there are.
  await db.schema
    .createTable('notification_digest')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('PENDING').check(sql`status in ('PENDING', 'SENT', 'EMPTY')`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('notification_digest_pk', ['user_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_digest').execute();
  await db.schema.dropTable('notification_preference').execute();
  await db.schema.dropTable('notification').execute();
  await db.schema.alterTable('app_user').dropColumn('email').execute();
}
