import { sql, type Kysely } from 'kysely';

/**
 * Where a unit's fines are paid, on its papers from a date (docs/adr/0193): the State Treasury
 * ("Kho bạc Nhà nước khu vực …") and the account number it collects the fines of the unit's
 * decisions into. Set with the unit's agency lines (one effective-dated row); both or neither.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit_agency').addColumn('treasury', 'text').addColumn('treasury_account', 'text').execute();
  await db.schema
    .alterTable('unit_agency')
    .addCheckConstraint('unit_agency_treasury_check', sql`(treasury is null) = (treasury_account is null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit_agency').dropConstraint('unit_agency_treasury_check').execute();
  await db.schema.alterTable('unit_agency').dropColumn('treasury_account').dropColumn('treasury').execute();
}
