import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The case id each case-opening request was given (docs/adr/0050-chaos-script.md): a retry of
  // the same request gets the same id and joins the case its first attempt started.
  await db.schema
    .createTable('case_open_request')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_open_request').execute();
}
