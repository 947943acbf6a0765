import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An account is a person's or an integration's (a machine: the public-service portal, the
  // business-registry sync). An integration has no password — it acts only through API tokens —
  // and API tokens are made only for an integration or for the admin's own account
  // (docs/adr/0020-api-tokens-and-integration-accounts.md).
  await db.schema
    .alterTable('app_user')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('PERSON').check(sql`kind in ('PERSON', 'INTEGRATION')`))
    .execute();
  await db.schema.alterTable('app_user').alterColumn('password_hash', (c) => c.dropNotNull()).execute();
  await db.schema
    .alterTable('app_user')
    .addCheckConstraint('app_user_integration_has_no_password', sql`kind = 'PERSON' or password_hash is null`)
    .execute();
  // Tokens made before this for another person acted in that person's name: they stop now.
  await sql`update api_token set revoked_at = now() where revoked_at is null and user_id <> created_by`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropConstraint('app_user_integration_has_no_password').execute();
  // An integration becomes an account nobody can sign in to ('!' is no Argon2 hash).
  await sql`update app_user set password_hash = '!' where password_hash is null`.execute(db);
  await db.schema.alterTable('app_user').alterColumn('password_hash', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('app_user').dropColumn('kind').execute();
}
