import { sql, type Kysely } from 'kysely';

/**
 * Two levels of configuration (docs/adr/0040-tenancy-national-and-unit-configuration.md):
 *
 * - a unit is `NATIONAL` (the national department, Cục Quản lý và Phát triển thị trường trong
 *   nước, one row, id `tw`, created here) or `PROVINCIAL` (every unit so far);
 * - the role NATIONAL_ADMIN, which edits the national configuration (the calendar, the violation
 *   catalogue, the legal parameters, the national procedures), is held only by staff of the
 *   national unit — a trigger refuses it anywhere else, whoever writes the row;
 * - every procedure has an owner: none (national) or the unit whose own procedure (a variant of a
 *   national one) it is. A unit's procedure ids start with its unit id and a dot (`nb.ins-penalty`).
 *   Every procedure that exists now is national: the units' ADMINs keep no right to change it.
 *
 * Frozen: the values here are the migration's own, not imported.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('unit')
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('PROVINCIAL').check(sql`level in ('NATIONAL', 'PROVINCIAL')`))
    .execute();
  // One national department.
  await sql`create unique index unit_one_national on unit ((true)) where level = 'NATIONAL'`.execute(db);
  // A unit's own procedure ids are `<unit id>.<name>`: new unit ids have no dot (rows already there are not checked).
  await sql`alter table unit add constraint unit_id_no_dot check (position('.' in id) = 0) not valid`.execute(db);
  await sql`insert into unit (id, name, province, level) values ('tw', 'Cục Quản lý và Phát triển thị trường trong nước', 'Toàn quốc', 'NATIONAL') on conflict (id) do nothing`.execute(db);

  await sql`
    create function app_user_national_role() returns trigger language plpgsql as $$
    begin
      if 'NATIONAL_ADMIN' = any(new.roles) and not exists (select 1 from unit where id = new.unit_id and level = 'NATIONAL') then
        raise exception 'NATIONAL_ADMIN is held only by staff of the national unit (user %)', new.id using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger app_user_national_role before insert or update of roles, unit_id on app_user for each row execute function app_user_national_role()`.execute(db);

  await db.schema
    .createTable('procedure')
    .addColumn('procedure_id', 'text', (c) => c.primaryKey())
    // Null: a national procedure.
    .addColumn('owner_unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('procedure_unit_prefix', sql`owner_unit_id is null or split_part(procedure_id, '.', 1) = owner_unit_id`)
    .execute();
  await sql`insert into procedure (procedure_id, owner_unit_id, created_by) select distinct procedure_id, null::text, 'migration' from procedure_version`.execute(db);
  await sql`alter table procedure_version add constraint procedure_version_procedure_fk foreign key (procedure_id) references procedure (procedure_id)`.execute(db);
  // The national procedure version a unit's version varies (kept to, checked when published).
  await db.schema.alterTable('procedure_version').addColumn('variant_of_id', 'text').addColumn('variant_of_version', 'integer').execute();
  await sql`alter table procedure_version add constraint procedure_version_variant_of check ((variant_of_id is null) = (variant_of_version is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('procedure_version').dropConstraint('procedure_version_variant_of').execute();
  await db.schema.alterTable('procedure_version').dropColumn('variant_of_id').dropColumn('variant_of_version').execute();
  await db.schema.alterTable('procedure_version').dropConstraint('procedure_version_procedure_fk').execute();
  await db.schema.dropTable('procedure').execute();
  await sql`drop trigger app_user_national_role on app_user`.execute(db);
  await sql`drop function app_user_national_role()`.execute(db);
  await sql`delete from unit where id = 'tw' and level = 'NATIONAL' and not exists (select 1 from app_user where unit_id = 'tw')`.execute(db);
  await sql`drop index unit_one_national`.execute(db);
  await sql`alter table unit drop constraint unit_id_no_dot`.execute(db);
  await db.schema.alterTable('unit').dropColumn('level').execute();
}
