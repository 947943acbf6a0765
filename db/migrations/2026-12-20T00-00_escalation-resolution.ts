import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Escalations handled once (issue 15): who marked one handled and their note, and the later rung of
  // the same step's ladder that superseded it (or the escalation it was handled with). Rows written
  // before stay null: resolved by the procedure (the step completed, the case closed, an extension
  // granted) or still open.
  await db.schema.alterTable('case_escalation').addColumn('resolved_by', 'text').addColumn('resolution_note', 'text').addColumn('superseded_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_escalation').dropColumn('superseded_by').dropColumn('resolution_note').dropColumn('resolved_by').execute();
}
