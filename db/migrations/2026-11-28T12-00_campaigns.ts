import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Versions of a campaign (kế hoạch kiểm tra): drafted by a scheduler, approved by the director.
  // An approved version never changes; a new version supersedes it when approved.
  await db.schema
    .createTable('campaign_version')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addPrimaryKeyConstraint('campaign_version_pk', ['campaign_id', 'version'])
    .execute();
  await db.schema.createIndex('campaign_version_unit').on('campaign_version').columns(['unit_id', 'status']).execute();

  // One run per campaign period: the plan it made (targets, reasons, assignments, findings) and
  // where it stands. The period key makes a repeated run of the same period find this row.
  await db.schema
    .createTable('campaign_run')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('run_date', 'date', (c) => c.notNull())
    .addColumn('moved_because', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan', 'jsonb', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('campaign_run_pk', ['campaign_id', 'period'])
    .execute();
  await db.schema.createIndex('campaign_run_unit').on('campaign_run').columns(['unit_id', 'campaign_id', 'scheduled_at']).execute();

  // The campaign and period a case was started by (null for cases opened by hand).
  await db.schema.alterTable('case_file').addColumn('campaign_id', 'text').addColumn('campaign_period', 'text').execute();
  await db.schema.createIndex('case_file_campaign').on('case_file').columns(['campaign_id', 'campaign_period']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_file').dropColumn('campaign_id').dropColumn('campaign_period').execute();
  await db.schema.dropTable('campaign_run').execute();
  await db.schema.dropTable('campaign_version').execute();
}
