import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An escalation's reason as data (docs/adr/0060-action-union-engine-layout-refusals.md): a code
  // and its values beside the sentence. Rows written before stay null here and are read through
  // domain/engine/escalation.ts `escalationReason`, which accepts both shapes; a projection of a
  // running case fills them in.
  await db.schema.alterTable('case_escalation').addColumn('reason_code', 'text').addColumn('reason_params', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_escalation').dropColumn('reason_params').dropColumn('reason_code').execute();
}
