import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When a session ends (sign-out, a new password, new roles, a deactivation, an operator's DELETE),
  // an API token is revoked or a user is deactivated, every API replica hears it on one channel and
  // closes the live-event streams that used it (api/routes/events.ts). Triggers, so that no path
  // that ends a credential — the API's or an operator's SQL — can forget to say so. The payload is
  // the credential's SHA-256 (as stored) or the user's id: nothing that lets anyone sign in.
  await sql`
    create function ins_notify_credential_revoked() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'user_session' then
        perform pg_notify('ins_credentials_revoked', json_build_object('tokenHash', old.token_hash)::text);
      elsif tg_table_name = 'api_token' then
        if new.revoked_at is not null and old.revoked_at is null then
          perform pg_notify('ins_credentials_revoked', json_build_object('tokenHash', new.token_hash)::text);
        end if;
      elsif tg_table_name = 'app_user' then
        if old.active and not new.active then
          perform pg_notify('ins_credentials_revoked', json_build_object('userId', new.id)::text);
        end if;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger user_session_revoked after delete on user_session for each row execute function ins_notify_credential_revoked()`.execute(db);
  await sql`create trigger api_token_revoked after update of revoked_at on api_token for each row execute function ins_notify_credential_revoked()`.execute(db);
  await sql`create trigger app_user_deactivated after update of active on app_user for each row execute function ins_notify_credential_revoked()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger app_user_deactivated on app_user`.execute(db);
  await sql`drop trigger api_token_revoked on api_token`.execute(db);
  await sql`drop trigger user_session_revoked on user_session`.execute(db);
  await sql`drop function ins_notify_credential_revoked()`.execute(db);
}
