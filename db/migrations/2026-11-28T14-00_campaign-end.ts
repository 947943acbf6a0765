import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The end of a campaign (kết thúc / hủy kế hoạch), decided by the director: who, when, why. Its
  // schedule is deleted with it; an ended campaign is read-only (no version, approval or run more).
  // Campaign ids are unique across units (campaign_version refuses another unit's id).
  await db.schema
    .createTable('campaign_end')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('ended_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();

  // The last withdrawal of a submitted version back to draft (by a scheduler, before the decision).
  await db.schema.alterTable('campaign_version').addColumn('withdrawn_by', 'text').addColumn('withdrawn_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign_version').dropColumn('withdrawn_by').dropColumn('withdrawn_at').execute();
  await db.schema.dropTable('campaign_end').execute();
}
