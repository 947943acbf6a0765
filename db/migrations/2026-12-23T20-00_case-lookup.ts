import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The public case lookup (issue 16, docs/adr/0120-case-lookup-code.md): one code per penalty case,
  // and a salted hash of the party's identifier (never the identifier itself); null while none is known.
  await db.schema
    .createTable('case_lookup')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('case_file.case_id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('identifier_salt', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_lookup').execute();
}
