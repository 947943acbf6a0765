import { sql, type Kysely } from 'kysely';

/**
 * One search document per case (issue 19, docs/adr/0170): the case's own search text and its
 * business's (name, tax code, representative; both already folded), so that the case search is
 * one trigram index scan instead of an OR across the case and the business that neither index
 * serves. The projection writes it with every case; a business's change rewrites its cases'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_file').addColumn('search_doc', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`
    update case_file f set search_doc = f.search_text || coalesce((select ' ' || b.search_text from business b where b.id = f.business_id and b.unit_id = f.unit_id), '')
  `.execute(db);
  await sql`create index case_file_search_doc on case_file using gin (search_doc gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_file').dropColumn('search_doc').execute();
}
