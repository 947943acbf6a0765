import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // What the case search matches (domain/projection.ts `caseSearchText`): written by every
  // projection. Cases already stored get a first version here, folded in SQL the same way (lower
  // case, Vietnamese accents and đ removed) from the case number, the title and the steps' data;
  // their next projection writes the exact one.
  await db.schema.alterTable('case_file').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`
    update case_file set search_text = left(translate(lower(case_id || ' ' || title || ' ' || coalesce(snapshot->'completed', '[]'::jsonb)::text),
      'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ',
      'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'), 4000)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_file').dropColumn('search_text').execute();
}
