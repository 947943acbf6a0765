/**
 * Admin edits of the calendar. Every change bumps the revision, which deadlines record.
 */
import type { Kysely } from 'kysely';
import type { TCalendarEntry } from '../../domain/calendar.js';
import type { Database } from '../schema.js';

export async function upsertCalendarDay(db: Kysely<Database>, entry: TCalendarEntry, by: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = { is_working_day: entry.isWorkingDay, reason: entry.reason, status: entry.status, source: entry.source, updated_by: by, updated_at: new Date() };
    await trx
      .insertInto('calendar_day')
      .values({ date: entry.date, ...row })
      .onConflict((oc) => oc.column('date').doUpdateSet(row))
      .execute();
    const rev = await trx
      .updateTable('calendar_revision')
      .set((eb) => ({ revision: eb('revision', '+', 1), changed_at: new Date() }))
      .where('id', '=', 1)
      .returning('revision')
      .executeTakeFirstOrThrow();
    return rev.revision;
  });
}
