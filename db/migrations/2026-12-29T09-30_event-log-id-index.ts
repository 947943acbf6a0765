import { sql, type Kysely } from 'kysely';

/**
 * The live-event log loses its index on (unit_id, id). Since docs/adr/0173 every reader of the log
 * goes by position (`pos`, and `case_event_log_unit_position` on (unit_id, pos)); nothing reads it by
 * id but the primary key. Every officer action logs an event, and each index of the log is one more
 * entry written with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists case_event_log_unit_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('case_event_log_unit_id').on('case_event_log').columns(['unit_id', 'id']).execute();
}
