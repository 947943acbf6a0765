import { sql, type Kysely } from 'kysely';

/**
 * The sanction decisions share one number register per unit and year (docs/adr/0205): with a record
 * (SANCTION_DECISION), without one (SANCTION_DECISION_NO_RECORD) and on a file returned by the
 * criminal-procedure body (RETURNED_SANCTION_DECISION) are all numbered "…/QĐ-XPHC", and each kept a
 * register of its own, so two decisions of a unit could carry the same number in a year. The shared
 * register is the sanction decision's; it goes on from the highest number any of the three has
 * given, so no number given already is given again. The list is frozen here as it was on this day
 * (domain/documents/catalogue.ts `registerTypeOf` decides from now on).
 */
const SHARED = ['SANCTION_DECISION_NO_RECORD', 'RETURNED_SANCTION_DECISION'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into document_register (unit_id, type, year, last_seq)
    select unit_id, 'SANCTION_DECISION', year, max(last_seq) from document_register
    where type in ('SANCTION_DECISION', ${sql.join(SHARED)})
    group by unit_id, year
    on conflict (unit_id, type, year) do update set last_seq = greatest(document_register.last_seq, excluded.last_seq)
  `.execute(db);
  await db.deleteFrom('document_register').where('type', 'in', SHARED).execute();
}

export async function down(): Promise<void> {
  // The numbers given from the shared register cannot be told apart by kind again: nothing to undo.
}
