import { sql, type Kysely } from 'kysely';

/**
 * Deputies and the delegation of sanctioning power (docs/adr/0197). `app_user.deputy` marks a
 * holder of DIRECTOR or TEAM_LEAD who is the head's deputy (Phó Chi cục trưởng, Phó Đội trưởng);
 * `sanction_delegation` records the head's decision giving a deputy the head's power (giao quyền,
 * Law on Handling Administrative Violations Art. 54; Ordinance on Market Surveillance Art. 21):
 * standing (thường xuyên, for a term) or for one case (theo vụ việc), from a day, ended early by a
 * revocation from a day. Rows are never deleted: a decision a deputy took is judged, and its paper
 * printed, by the row in force on its date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('deputy', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema
    .createTable('sanction_delegation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('DIRECTOR', 'TEAM_LEAD')`))
    .addColumn('grantor_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('delegate_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('STANDING', 'CASE')`))
    .addColumn('case_id', 'text')
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'date', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('revoked_from', 'date')
    .addColumn('revoked_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('revoke_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('sanction_delegation_scope_case_check', sql`(scope = 'CASE') = (case_id is not null) and (scope = 'CASE' or valid_to is not null)`)
    .addCheckConstraint('sanction_delegation_dates_check', sql`decision_date <= valid_from and (valid_to is null or valid_from <= valid_to)`)
    .addCheckConstraint('sanction_delegation_people_check', sql`grantor_id <> delegate_id`)
    .addCheckConstraint('sanction_delegation_revoked_check', sql`(revoked_from is null) = (revoked_by is null)`)
    .execute();
  await db.schema.createIndex('sanction_delegation_delegate_idx').on('sanction_delegation').columns(['delegate_id', 'role', 'valid_from']).execute();
  await db.schema.createIndex('sanction_delegation_unit_idx').on('sanction_delegation').columns(['unit_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sanction_delegation').execute();
  await db.schema.alterTable('app_user').dropColumn('deputy').execute();
}
