import type { Kysely } from 'kysely';

/**
 * Whether a delegation also covers the coercion decision (docs/adr/0197): the Law on Handling
 * Administrative Violations, Art. 87(2), lets a head delegate coercion to a deputy only while the
 * head is absent, by a written decision stating its scope, content and term — a narrower power than
 * the sanctioning one of Art. 54, so a delegation gives it only when it says so.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sanction_delegation').addColumn('coercion', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sanction_delegation').dropColumn('coercion').execute();
}
