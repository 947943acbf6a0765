/**
 * The state-agency calendar in PostgreSQL. Dates travel as `YYYY-MM-DD` strings (the `date` column
 * is read as text, never through a JavaScript Date, so no time zone can shift a day).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { WorkingCalendar, type TCalendarEntry } from '../../domain/calendar.js';
import { HOLIDAYS_SEED } from '../../domain/holidays-seed.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function listCalendarEntries(db: Q, range?: { from?: string; to?: string }): Promise<TCalendarEntry[]> {
  let q = db
    .selectFrom('calendar_day')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'is_working_day', 'reason', 'status', 'source'])
    .orderBy('date');
  if (range?.from) q = q.where('date', '>=', range.from);
  if (range?.to) q = q.where('date', '<=', range.to);
  return (await q.execute()).map(entryOf);
}

/** A calendar_day row (its date as text) as the domain's entry. */
function entryOf(r: { date: string; is_working_day: boolean; reason: string; status: string; source: string }): TCalendarEntry {
  return { date: r.date, isWorkingDay: r.is_working_day, reason: r.reason, status: r.status as TCalendarEntry['status'], source: r.source };
}

/**
 * The calendar in force now, versioned by its revision: its days and its revision in one statement,
 * so that both are of the same moment (two statements could label the days before an admin's
 * change with the revision after it, or the other way round).
 */
export async function loadWorkingCalendar(db: Q): Promise<WorkingCalendar> {
  const rows = await db
    .selectFrom('calendar_revision as r')
    .leftJoin('calendar_day as d', (join) => join.onTrue())
    .select(['r.revision', sql<string | null>`to_char(d.date, 'YYYY-MM-DD')`.as('date'), 'd.is_working_day', 'd.reason', 'd.status', 'd.source'])
    .where('r.id', '=', 1)
    .orderBy('d.date')
    .execute();
  if (!rows.length) throw new Error('calendar_revision has no row 1 (the migrations create it)');
  // No day yet: one row, its day's columns null (the left join); otherwise each row is a whole day.
  const entries = rows.filter((r) => r.date !== null).map((r) => entryOf(r as Parameters<typeof entryOf>[0]));
  return new WorkingCalendar(entries, `calendar-r${rows[0]!.revision}`);
}

/** Seeds the 2025–2027 calendar once, into an untouched calendar (revision 0). */
export async function seedCalendar(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rev = await trx.selectFrom('calendar_revision').select('revision').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    if (rev.revision !== 0) return 0;
    await trx
      .insertInto('calendar_day')
      .values(HOLIDAYS_SEED.map((e) => ({ date: e.date, is_working_day: e.isWorkingDay, reason: e.reason, status: e.status, source: e.source, updated_by: 'seed' })))
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
    await trx.updateTable('calendar_revision').set({ revision: 1, changed_at: new Date() }).where('id', '=', 1).execute();
    return HOLIDAYS_SEED.length;
  });
}
