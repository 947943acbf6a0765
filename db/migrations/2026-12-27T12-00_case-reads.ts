import { sql, type Kysely } from 'kysely';

/**
 * The case list and the inbox read through an index at a million cases (issue 19, docs/adr/0170):
 * one index per sort the case list offers, per unit and per team (a team's officers see only their
 * team's cases), and the inbox's order per team and per unit. The deadline sort puts cases without a
 * deadline last by `coalesce(…, 'infinity')`, so that expression is what is indexed; the inbox does
 * the same with a task's due date (nulls last) so that its keyset cursor is a plain row comparison.
 * A task carries its case's unit so that a unit-wide inbox needs no join to be filtered and ordered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_task').addColumn('unit_id', 'text').execute();
  await sql`update case_task t set unit_id = f.unit_id from case_file f where f.case_id = t.case_id`.execute(db);
  await sql`alter table case_task alter column unit_id set not null`.execute(db);

  const deadline = `coalesce(next_deadline_at, 'infinity'::timestamptz)`;
  const due = `coalesce(due_at, 'infinity'::timestamptz)`;
  for (const [name, definition] of [
    ['case_file_team_opened', `case_file (team_id, opened_at, case_id)`],
    ['case_file_unit_deadline_sort', `case_file (unit_id, (${deadline}), case_id)`],
    ['case_file_team_deadline_sort', `case_file (team_id, (${deadline}), case_id)`],
    ['case_file_unit_case_id', `case_file (unit_id, case_id)`],
    ['case_file_team_case_id', `case_file (team_id, case_id)`],
    ['case_task_unit_due', `case_task (unit_id, (${due}), opened_at, case_id, step_id)`],
    ['case_task_team_due', `case_task (team_id, (${due}), opened_at, case_id, step_id)`],
  ] as const) {
    await sql`create index ${sql.raw(name)} on ${sql.raw(definition)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['case_task_team_due', 'case_task_unit_due', 'case_file_team_case_id', 'case_file_unit_case_id', 'case_file_team_deadline_sort', 'case_file_unit_deadline_sort', 'case_file_team_opened']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.alterTable('case_task').dropColumn('unit_id').execute();
}
