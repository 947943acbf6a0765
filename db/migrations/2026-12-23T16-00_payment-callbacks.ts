import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Payment callbacks (issue 16, docs/adr/0125-payment-callbacks-complete-compliance.md): every
  // callback received, accepted or not, with its verdict, for reconciliation against the cases. An
  // accepted transaction id is unique (the callback is idempotent by it); refused ones are kept as
  // they came (a forged body may carry any id, or none).
  await db.schema
    .createTable('payment_callback')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('verdict', 'text', (c) =>
      c.notNull().check(sql`verdict in ('ACCEPTED', 'DUPLICATE', 'CONFLICT', 'MISSING_HEADERS', 'UNKNOWN_KEY', 'KEY_EXPIRED', 'STALE', 'BAD_SIGNATURE', 'INVALID', 'CASE_UNKNOWN')`),
    )
    .addColumn('key_id', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('amount', 'bigint')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('channel', 'text')
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text')
    .addColumn('receipt_no', 'text')
    .addColumn('response', 'jsonb')
    .execute();
  await sql`create unique index payment_callback_accepted on payment_callback (transaction_id) where verdict = 'ACCEPTED'`.execute(db);
  await sql`create index payment_callback_received on payment_callback (received_at)`.execute(db);
  await sql`create index payment_callback_case on payment_callback (case_id) where case_id is not null`.execute(db);
}
