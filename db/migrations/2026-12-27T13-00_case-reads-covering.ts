import { sql, type Kysely } from 'kysely';

/**
 * Measured at a million cases (npm run bench:reads, docs/adr/0170): the inbox's counts read the
 * whole inbox up to 1,000 tasks, and the search's trigram index the matches of the whole country.
 * The inbox indexes carry what the counts filter on (an index-only scan), and the search document
 * is indexed with its unit (btree_gin, a trusted extension: the database owner may create it), so
 * that a unit's search intersects its unit's entries rather than filtering the country's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const due = `coalesce(due_at, 'infinity'::timestamptz)`;
  for (const scope of ['unit', 'team'] as const) {
    await db.schema.dropIndex(`case_task_${scope}_due`).execute();
    await sql`create index ${sql.raw(`case_task_${scope}_due`)} on case_task (${sql.raw(`${scope}_id`)}, (${sql.raw(due)}), opened_at, case_id, step_id) include (roles, assignee_id, overdue, paused)`.execute(db);
  }
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`create index case_file_unit_search_doc on case_file using gin (unit_id, search_doc gin_trgm_ops)`.execute(db);
  await db.schema.dropIndex('case_file_search_doc').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index case_file_search_doc on case_file using gin (search_doc gin_trgm_ops)`.execute(db);
  await db.schema.dropIndex('case_file_unit_search_doc').execute();
  const due = `coalesce(due_at, 'infinity'::timestamptz)`;
  for (const scope of ['unit', 'team'] as const) {
    await db.schema.dropIndex(`case_task_${scope}_due`).execute();
    await sql`create index ${sql.raw(`case_task_${scope}_due`)} on case_task (${sql.raw(`${scope}_id`)}, (${sql.raw(due)}), opened_at, case_id, step_id)`.execute(db);
  }
}
