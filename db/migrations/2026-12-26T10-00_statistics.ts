import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** The columns a statistical fact carries (domain/statistics/facts.ts `TStatFact`, with its case's dimensions). */
function factColumns(t: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return t
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('matter_id', 'text', (c) => c.notNull())
    .addColumn('violation_code', 'text')
    .addColumn('product_group', 'text')
    .addColumn('province', 'text')
    .addColumn('commune', 'text')
    .addColumn('campaign_id', 'text');
}

export async function up(db: Kysely<any>): Promise<void> {
  // The statistics' facts (docs/adr/0159): what each case contributes to each indicator, on the
  // date the law names, with the dimensions a report groups by. Written by the projection in the
  // transaction that stores the case, replaced whole each time; `facts_version` on the case says
  // which derivation wrote them, so a newer one is backfilled by the worker.
  await factColumns(db.schema.createTable('stat_fact'))
    .addPrimaryKeyConstraint('stat_fact_pk', ['case_id', 'ord'])
    .execute();
  // Every report reads one unit's facts over a date range; the INCLUDE makes it an index-only scan.
  await sql`create index stat_fact_unit_date_idx on stat_fact (unit_id, occurred_on) include (indicator, amount, team_id)`.execute(db);
  await sql`create index stat_fact_indicator_date_idx on stat_fact (indicator, occurred_on) include (amount, unit_id)`.execute(db);
  // What the facts add up to per unit, day and indicator (docs/adr/0161): kept by the projection with
  // the facts (by difference), read by the reports that neither group nor filter by team.
  await db.schema
    .createTable('stat_daily')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('facts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stat_daily_pk', ['unit_id', 'occurred_on', 'indicator'])
    .execute();
  await sql`create index stat_daily_date_idx on stat_daily (occurred_on) include (indicator, amount)`.execute(db);
  // Each matter (a penalty case with its enforcement) and when its fines were decided and settled:
  // what is outstanding on a day is read from the matters not settled by then (docs/adr/0161).
  await db.schema
    .createTable('stat_matter')
    .addColumn('matter_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'date', (c) => c.notNull())
    .addColumn('settled_on', 'date')
    .execute();
  await sql`create index stat_matter_open_idx on stat_matter (unit_id, settled_on, decided_on)`.execute(db);
  await sql`create index stat_fact_matter_idx on stat_fact (matter_id, occurred_on) include (indicator, amount, team_id) where indicator in ('FINES_IMPOSED', 'BUDGET_COLLECTED')`.execute(db);
  await db.schema.alterTable('case_file').addColumn('facts_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('case_file_facts_version_idx').on('case_file').columns(['facts_version', 'case_id']).execute();

  // A reported period, frozen: its facts as they were, and their hash. Never updated or deleted.
  await db.schema
    .createTable('stat_period_lock')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('figures', 'jsonb', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('stat_period_lock_period_uq', ['unit_id', 'period_kind', 'period_key'])
    .addCheckConstraint('stat_period_lock_kind_check', sql`period_kind in ('MONTH', 'QUARTER', 'HALF', 'YEAR')`)
    .execute();
  // The facts a locked period accounts for: those it was locked with (in_lock_id = lock_id), and
  // the adjustments a later period's lock took over (in_lock_id = that later lock).
  await factColumns(db.schema.createTable('stat_locked_fact').addColumn('lock_id', 'bigint', (c) => c.notNull().references('stat_period_lock.id')).addColumn('in_lock_id', 'bigint', (c) => c.notNull().references('stat_period_lock.id')))
    .execute();
  await db.schema.createIndex('stat_locked_fact_lock_idx').on('stat_locked_fact').columns(['lock_id', 'indicator']).execute();
  await sql`
    create function stat_locked_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'a locked period is frozen: % is never changed', tg_table_name using errcode = 'check_violation';
    end $$;
    create trigger stat_period_lock_frozen before update or delete on stat_period_lock for each row execute function stat_locked_frozen();
    create trigger stat_locked_fact_frozen before update or delete on stat_locked_fact for each row execute function stat_locked_frozen();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stat_locked_fact').execute();
  await db.schema.dropTable('stat_period_lock').execute();
  await db.schema.dropTable('stat_matter').execute();
  await db.schema.dropTable('stat_daily').execute();
  await sql`drop function stat_locked_frozen()`.execute(db);
  await db.schema.alterTable('case_file').dropColumn('facts_version').execute();
  await db.schema.dropTable('stat_fact').execute();
}
