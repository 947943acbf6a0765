import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A case whose workflow was closed without the procedure's end (terminated or cancelled by an
  // operator, timed out, failed): how Temporal closed it and when, found by the reconciliation of
  // campaign cases (activities/campaign-reconcile.ts). It never reports its own closing, so without
  // this it would stay OPEN in the read model and its campaign run would never complete.
  await db.schema.alterTable('case_file').addColumn('abandoned_status', 'text').addColumn('abandoned_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_file').dropColumn('abandoned_status').dropColumn('abandoned_at').execute();
}
