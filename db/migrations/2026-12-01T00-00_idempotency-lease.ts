import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Issue 13: a key is bound to the whole request (method, path, query string, body), held by one
  // request at a time under a lease (so a key claimed by a process that died can be taken over), and
  // kept until it expires (then pruned). Rows from before have no binding: their request_hash no
  // longer matches any request, so their keys are refused as reused until they expire.
  await db.schema
    .alterTable('idempotency_key')
    .addColumn('method', 'text')
    .addColumn('path', 'text')
    .addColumn('query_hash', 'text')
    .addColumn('body_hash', 'text')
    .addColumn('owner', 'text')
    .addColumn('lease_expires_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now() + interval '24 hours'`))
    .addColumn('content_type', 'text')
    .execute();
  await sql`update idempotency_key set expires_at = created_at + interval '24 hours', lease_expires_at = created_at`.execute(db);
  await db.schema.createIndex('idempotency_key_expires_idx').on('idempotency_key').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('idempotency_key_expires_idx').execute();
  await db.schema
    .alterTable('idempotency_key')
    .dropColumn('method')
    .dropColumn('path')
    .dropColumn('query_hash')
    .dropColumn('body_hash')
    .dropColumn('owner')
    .dropColumn('lease_expires_at')
    .dropColumn('expires_at')
    .dropColumn('content_type')
    .execute();
}
