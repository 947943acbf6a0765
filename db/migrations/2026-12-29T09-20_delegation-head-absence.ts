import { sql, type Kysely } from 'kysely';

/**
 * The head's absence a delegation of coercion is made for (docs/adr/0197 addendum): the Law on
 * Handling Administrative Violations, Art. 87(2), lets a head delegate the coercion decision only
 * while absent, by a written decision stating its term. A delegation that gives coercion states the
 * absence (`head_absence`) and ends on a day (`valid_to`). The check holds for rows written from now
 * on (NOT VALID): a delegation recorded before keeps what it said.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sanction_delegation').addColumn('head_absence', 'text').execute();
  await sql`alter table sanction_delegation add constraint sanction_delegation_coercion_absent
    check (not coercion or (valid_to is not null and head_absence is not null and btrim(head_absence) <> '')) not valid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sanction_delegation drop constraint sanction_delegation_coercion_absent`.execute(db);
  await db.schema.alterTable('sanction_delegation').dropColumn('head_absence').execute();
}
