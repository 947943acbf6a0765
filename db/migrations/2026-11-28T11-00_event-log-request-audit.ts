import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Live events kept for a while, so an SSE client that reconnects with Last-Event-ID gets what it
  // missed. Ids are assigned in commit order (see applyProjection), so "id > last" loses nothing.
  await db.schema
    .createTable('case_event_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_event_log_unit_id').on('case_event_log').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('case_event_log_at').on('case_event_log').column('at').execute();

  // Every state-changing request, accepted or rejected, in one hash chain per unit: who asked for
  // what and what the answer was. Rejected requests never reach a case's own chain (the workflow
  // refuses them before anything is written), so they are recorded here.
  await db.schema
    .createTable('request_audit')
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_roles', sql`text[]`, (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_audit_pk', ['chain_id', 'seq'])
    .execute();

  // Retiring a procedure version: no new case starts on it; running cases keep it.
  await db.schema.alterTable('procedure_version').addColumn('retired_by', 'text').addColumn('retired_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('procedure_version').dropColumn('retired_by').dropColumn('retired_at').execute();
  await db.schema.dropTable('request_audit').execute();
  await db.schema.dropTable('case_event_log').execute();
}
