import { sql, type Kysely } from 'kysely';

/**
 * Live events ordered without a global lock (docs/adr/0173): each logged event gets a position
 * `pos` from the id of the transaction that logged it, `(xid << 20) + its rank in that
 * transaction`, set by a trigger (so every writer gets one). Readers deliver only positions below
 * `case_event_log_stable_below()`, that of the current snapshot's xmin: every transaction that
 * could still log a lower position has ended, so a reader that has seen position N never later
 * finds a committed lower one. Events logged before this migration keep their ids as positions,
 * below every new one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_event_log add column pos bigint`.execute(db);
  // Old events: below any transaction id to come (they were committed, in id order).
  await sql`update case_event_log set pos = id`.execute(db);
  await sql`alter table case_event_log alter column pos set not null`.execute(db);
  await sql`create unique index case_event_log_position on case_event_log (pos)`.execute(db);
  await sql`create index case_event_log_unit_position on case_event_log (unit_id, pos)`.execute(db);
  await sql`
    create function case_event_log_position() returns trigger language plpgsql as $$
    declare
      base bigint := (pg_current_xact_id()::text::bigint) << 20;
    begin
      new.pos := base + (select count(*) from case_event_log where pos >= base and pos < base + 1048576);
      return new;
    end $$`.execute(db);
  await sql`create trigger case_event_log_position before insert on case_event_log for each row execute function case_event_log_position()`.execute(db);
  // The first position no reader may deliver yet: that of the oldest transaction still running.
  await sql`
    create function case_event_log_stable_below() returns bigint language sql stable as $$
      select (pg_snapshot_xmin(pg_current_snapshot())::text::bigint) << 20
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function case_event_log_stable_below()`.execute(db);
  await sql`drop trigger case_event_log_position on case_event_log`.execute(db);
  await sql`drop function case_event_log_position()`.execute(db);
  await sql`drop index case_event_log_unit_position`.execute(db);
  await sql`drop index case_event_log_position`.execute(db);
  await sql`alter table case_event_log drop column pos`.execute(db);
}
