import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A change of a user's roles asked by one admin and decided by another
  // (docs/adr/0021-role-changes-by-four-eyes.md): who asked, who decided, from what to what, why.
  await db.schema
    .createTable('role_change_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('from_roles', sql`text[]`, (c) => c.notNull())
    .addColumn('to_roles', sql`text[]`, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('PENDING').check(sql`status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')`))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint('role_change_request_four_eyes', sql`decided_by is null or status = 'REJECTED' or (decided_by <> requested_by and decided_by <> user_id)`)
    .execute();
  // One open request per user at a time.
  await sql`create unique index role_change_request_one_pending on role_change_request (user_id) where status = 'PENDING'`.execute(db);
  await db.schema.createIndex('role_change_request_unit').on('role_change_request').columns(['unit_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('role_change_request').execute();
}
