/**
 * Writes sent again on a connection go as named prepared statements (db/database.ts, docs/adr/0181):
 * PostgreSQL parses and plans them once per connection. Reads are planned every time, for their
 * values, but for those marked KEEP_PLAN (the session's); a statement that returns `*` is never kept (a migration adding a column would change what it
 * returns, which PostgreSQL refuses for a kept plan).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, isPreparable, KEEP_PLAN } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
/** One connection, so that the statements it keeps can be read (pg_prepared_statements is per connection). */
let one: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  one = createDb({ url: database.url, poolSize: 1, applicationName: 'ins-test-prepared' });
});
afterAll(async () => {
  await one?.destroy();
  await database?.drop();
});

const kept = async (): Promise<string[]> => (await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(one)).rows.map((r) => r.statement);

describe('which statements are kept', () => {
  it('writes, alone or as parts of a statement, that name what they return', () => {
    expect(isPreparable('insert into "request_audit" ("chain_id") values ($1)')).toBe(true);
    expect(isPreparable('update "idempotency_key" set "status" = $1 where "scope" = $2')).toBe(true);
    expect(isPreparable('delete from "case_task" where "case_id" = $1')).toBe(true);
    expect(isPreparable('with "old" as (select "state_seq" from "case_file" where "case_id" = $1 for update) insert into "case_file" ("case_id") values ($1) returning "case_id"')).toBe(true);
    expect(isPreparable('with "closed" as (delete from "case_task" where "case_id" = $1) select (select count(*) from "stat_fact" where "case_id" = $1) as "facts"')).toBe(true);
    expect(isPreparable('delete from idempotency_key where (scope, key) in (select scope, key from idempotency_key where expires_at < now() limit $1 for update skip locked)')).toBe(true);
    // A product is no wildcard: the key's claim computes its lease (it was planned at every request for its `*`).
    expect(isPreparable(`insert into "idempotency_key" ("scope", "lease_expires_at") values ($1, now() + $2 * interval '1 millisecond') returning xmax::text as "xmax"`)).toBe(true);
  });

  it('reads marked to keep their plan (the session’s), as kysely sends them', () => {
    const session = one
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(['u.id', 's.expires_at'])
      .modifyFront(KEEP_PLAN)
      .where('s.token_hash', '=', 'h')
      .compile().sql;
    expect(isPreparable(session)).toBe(true);
    expect(isPreparable(one.selectFrom('user_session').selectAll().modifyFront(KEEP_PLAN).where('token_hash', '=', 'h').compile().sql)).toBe(false);
  });

  it('not reads, writes that return `*`, nor very long statements', () => {
    expect(isPreparable('select * from "case_file" where "case_id" = $1')).toBe(false);
    expect(isPreparable('select "case_id" from "case_file" where "status" = $1 order by "opened_at" limit $2')).toBe(false);
    expect(isPreparable('with "p" as (select 1) select * from "p"')).toBe(false);
    expect(isPreparable('insert into "business" ("id") values ($1) returning *')).toBe(false);
    expect(isPreparable('select distinct * from "case_file"')).toBe(false);
    expect(isPreparable('insert into "business" ("id") values ($1) returning "id", *')).toBe(false);
    expect(isPreparable('with "won" as (insert into "idempotency_key" ("scope") values ($1) returning "xmax") select "won"."xmax", "cf".* from "won" left join "case_file" as "cf" on true')).toBe(
      false,
    );
    expect(isPreparable(`insert into "stat_fact" ("case_id") values ${Array.from({ length: 2000 }, (_, i) => `($${i + 1})`).join(', ')}`)).toBe(false);
  });
});

describe('on a connection', () => {
  it('keeps a write the second time it is sent, and uses it after; reads are not kept', async () => {
    const chain = `prep-${randomUUID().slice(0, 8)}`;
    const append = (n: number) =>
      one
        .insertInto('request_audit')
        .values({
          chain_id: chain,
          at: new Date().toISOString(),
          actor_id: 'quantri.minh',
          actor_roles: ['ADMIN'],
          method: 'POST',
          path: `/p/${n}`,
          status: 200,
          outcome: 'ACCEPTED',
          code: null,
          request_id: `r${n}`,
          idempotency_key: null,
        })
        .execute();
    const read = () => one.selectFrom('request_audit').select(['path']).where('chain_id', '=', chain).orderBy('id').execute();
    await append(1);
    await read();
    expect((await kept()).filter((s) => s.includes('request_audit'))).toEqual([]);
    await append(2);
    await read();
    await append(3);
    await read();
    const writes = (await kept()).filter((s) => s.includes('request_audit'));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^insert into "request_audit"/);
    // Every row is there: the kept statement took each one's values.
    expect((await read()).map((r) => r.path)).toEqual(['/p/1', '/p/2', '/p/3']);
  });

  it('goes on working after a migration changes the table it writes', async () => {
    const table = `prep_${randomUUID().slice(0, 8)}`;
    await sql`create table ${sql.table(table)} (id int primary key, note text)`.execute(one);
    const write = (id: number) => sql`insert into ${sql.table(table)} (id, note) values (${id}, ${`n${id}`}) returning id`.execute(one);
    await write(1);
    await write(2);
    expect((await kept()).some((s) => s.includes(table))).toBe(true);
    await sql`alter table ${sql.table(table)} add column extra text default 'x'`.execute(one);
    expect((await write(3)).rows).toEqual([{ id: 3 }]);
    expect((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(one)).rows[0]!.n).toBe(3);
  });
});
