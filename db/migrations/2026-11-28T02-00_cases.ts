import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedure_version')
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT','PUBLISHED','RETIRED')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_vi', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('procedure_version_pk', ['procedure_id', 'version'])
    .execute();

  await db.schema
    .createTable('case_file')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('parent_case_id', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('close_outcome', 'text')
    .addColumn('current_steps', sql`text[]`, (c) => c.notNull())
    .addColumn('next_deadline_at', 'timestamptz')
    .addColumn('state_seq', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_file_team_status').on('case_file').columns(['team_id', 'status']).execute();
  await db.schema.createIndex('case_file_next_deadline').on('case_file').column('next_deadline_at').execute();

  await db.schema
    .createTable('case_task')
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.case_id').onDelete('cascade'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('overdue', 'boolean', (c) => c.notNull())
    .addColumn('paused', 'boolean', (c) => c.notNull())
    .addColumn('deadline', 'jsonb')
    .addPrimaryKeyConstraint('case_task_pk', ['case_id', 'step_id'])
    .execute();
  await db.schema.createIndex('case_task_inbox').on('case_task').columns(['team_id', 'assignee_id']).execute();

  await db.schema
    .createTable('case_escalation')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.case_id').onDelete('cascade'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_role', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addPrimaryKeyConstraint('case_escalation_pk', ['case_id', 'id'])
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_event_pk', ['case_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_event', 'case_escalation', 'case_task', 'case_file', 'procedure_version']) await db.schema.dropTable(t).execute();
}
