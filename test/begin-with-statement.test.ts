/**
 * A transaction's `begin` goes with its first statement, in one round trip (db/database.ts,
 * docs/adr/0203), and the transaction is what it was: atomic, rolled back on error, its connection
 * usable after.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sendEfficiently } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
/** One connection: every transaction below runs on the same one, after the first. */
let one: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  one = createDb({ url: database.url, poolSize: 1, applicationName: 'ins-test-begin' });
  await sql`create table begin_probe (id int primary key, note text not null)`.execute(one);
});
afterAll(async () => {
  await one?.destroy();
  await database?.drop();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A row of the probe table, written as kysely writes (a statement with values). */
const insert = (trx: Transaction<Database>, id: number, note: string) =>
  trx
    .insertInto('begin_probe' as never)
    .values({ id, note } as never)
    .execute();
const notes = async (): Promise<string[]> => (await sql<{ note: string }>`select note from begin_probe order by id`.execute(one)).rows.map((r) => r.note);
/** When the transaction began and when its statement started, as PostgreSQL saw them (ms apart). */
const probe = sql<{ gap_ms: number; in_tx: boolean }>`select extract(epoch from statement_timestamp() - transaction_timestamp()) * 1000 as gap_ms, ${1}::int = 1 as in_tx`;

describe('begin with the first statement', () => {
  it('a transaction of one statement takes two round trips, not three', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      sendEfficiently(client, { prepared: true });
      // Each round trip ends with PostgreSQL ready for the next query.
      let roundTrips = 0;
      (client as unknown as { connection: { on(e: string, f: () => void): void } }).connection.on('readyForQuery', () => roundTrips++);
      const transaction = async (id: number): Promise<void> => {
        await client.query('begin', []);
        await client.query('insert into begin_probe values ($1, $2)', [id, 'by one client']);
        await client.query('commit', []);
      };
      await transaction(100); // the first on a connection prepares its begin: three
      const before = roundTrips;
      await transaction(101);
      expect(roundTrips - before).toBe(2);
    } finally {
      await client.query('delete from begin_probe where id >= $1', [100]);
      await client.end();
    }
  });

  it('begins the transaction when its first statement arrives, not when kysely asked for it', async () => {
    // The first transaction on a connection prepares the begin (its own round trip).
    await one.transaction().execute(async (trx) => void (await probe.execute(trx)));
    const [row] = (
      await one.transaction().execute(async (trx) => {
        await pause(300);
        return probe.execute(trx);
      })
    ).rows;
    // Sent apart, the begin would have started the transaction 300 ms before the statement.
    expect(Number(row!.gap_ms)).toBeLessThan(100);
    expect(row!.in_tx).toBe(true);
  });

  it('is one transaction: statements after the first see its writes, a failure rolls all back', async () => {
    await one.transaction().execute(async (trx) => {
      await insert(trx, 1, 'kept');
      await insert(trx, 2, 'kept too');
    });
    await expect(
      one.transaction().execute(async (trx) => {
        await insert(trx, 3, 'undone');
        const seen = await sql<{ n: number }>`select count(*)::int as n from begin_probe where id = ${3}`.execute(trx);
        expect(seen.rows[0]!.n).toBe(1);
        throw new Error('refused after the write');
      }),
    ).rejects.toThrow('refused after the write');
    expect(await notes()).toEqual(['kept', 'kept too']);
  });

  it('a first statement that fails fails the transaction, and the connection goes on', async () => {
    // The same write three times as a first statement: sent unnamed, then named with its parse, then named alone.
    for (let i = 0; i < 3; i++) {
      await expect(
        one.transaction().execute(async (trx) => {
          await insert(trx, 1, 'a duplicate');
        }),
      ).rejects.toMatchObject({ code: '23505' });
    }
    await one.transaction().execute(async (trx) => {
      await insert(trx, 4, 'after the failures');
    });
    expect(await notes()).toEqual(['kept', 'kept too', 'after the failures']);
  });

  it('a transaction that sends nothing, or first a statement without values, is a transaction as before', async () => {
    await one.transaction().execute(async () => undefined);
    await expect(
      one.transaction().execute(async (trx) => {
        await sql`insert into begin_probe values (5, 'no values')`.execute(trx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const [row] = (await one.transaction().execute(async (trx) => probe.execute(trx))).rows;
    expect(row!.in_tx).toBe(true);
    expect(await notes()).toEqual(['kept', 'kept too', 'after the failures']);
    // Outside a transaction nothing is held: each statement commits alone.
    await sql`insert into begin_probe values (${6}, ${'alone'})`.execute(one);
    expect(await notes()).toEqual(['kept', 'kept too', 'after the failures', 'alone']);
  });
});
