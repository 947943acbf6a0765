/**
 * The API with PostgreSQL out of reach for a moment (a restart: "the database system is starting
 * up", a connection terminated by the server or cut): it answers 503 UNAVAILABLE and says whether a
 * change may have been made, never 500 INTERNAL, which means a bug. Found by the chaos script
 * (issue 13): requests that met a PostgreSQL restart got 500 "Internal error".
 */
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { databaseUnreachable } from '../api/database-errors.js';
import type { Db } from '../db/database.js';
import { seedDemoData } from '../db/demo-data.js';
import type { Database } from '../db/schema.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase } from './support.js';

const UNIT = `dd${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let realPool: pg.Pool;
let db: Db;
let app: InsApp;
let close: () => Promise<void>;
/** While set, every new use of the database fails with it, as during a PostgreSQL restart. */
let failWith: Error | undefined;

function serverError(code: string, message: string): Error {
  const e = new pg.DatabaseError(message, message.length, 'error');
  e.code = code;
  e.severity = 'FATAL';
  return e;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  realPool = new pg.Pool({ connectionString: database.url, max: 3 });
  realPool.on('error', () => undefined);
  const pool = {
    connect: async () => {
      if (failWith) throw failWith;
      return realPool.connect();
    },
    end: () => realPool.end(),
  };
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  ({ app, close } = await createTestApp(db));
});
afterAll(async () => {
  failWith = undefined;
  await close?.();
  await db?.destroy();
  await database?.drop();
});

describe('the API while PostgreSQL restarts', () => {
  const faults: [string, () => Error][] = [
    ['the database system is starting up (57P03)', () => serverError('57P03', 'the database system is starting up')],
    ['the connection terminated by the server (57P01)', () => serverError('57P01', 'terminating connection due to unexpected postmaster exit')],
    ['a connection cut without a code', () => new Error('Connection terminated unexpectedly')],
    ['no connection within the pool’s timeout', () => new Error('timeout exceeded when trying to connect')],
  ];

  for (const [what, fault] of faults) {
    it(`answers 503, not 500, to a read and to a change when it meets ${what}`, async () => {
      const lead = await signIn(app, 'doitruong.cuong');
      failWith = fault();
      try {
        const read = await callAs(app, lead, 'GET', '/api/v1/cases');
        expect([read.status, read.body.error.code]).toEqual([503, 'UNAVAILABLE']);
        expect(read.body.error.message).toMatch(/nothing was changed, try again/);
        const change = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo khi PostgreSQL khởi động lại' });
        expect([change.status, change.body.error.code]).toEqual([503, 'UNAVAILABLE']);
        expect(change.body.error.message).toMatch(/not known whether a change was made/);
        // The driver's message stays in the log.
        expect(JSON.stringify(change.body)).not.toMatch(/57P0|postmaster|starting up|terminated|timeout exceeded/);
      } finally {
        failWith = undefined;
      }
      const again = await callAs(app, lead, 'GET', '/api/v1/cases');
      expect(again.status).toBe(200);
    });
  }

  it('tells PostgreSQL out of reach apart from its answers (a constraint, a syntax error)', () => {
    expect(databaseUnreachable(serverError('57P03', 'the database system is not yet accepting connections'))).toBeDefined();
    expect(databaseUnreachable(serverError('08006', 'connection failure'))).toBeDefined();
    expect(databaseUnreachable(new Error('Client has encountered a connection error and is not queryable'))).toBeDefined();
    expect(databaseUnreachable(serverError('23505', 'duplicate key value violates unique constraint'))).toBeUndefined();
    expect(databaseUnreachable(serverError('42601', 'syntax error at or near "selec"'))).toBeUndefined();
    expect(databaseUnreachable(new Error('something else'))).toBeUndefined();
  });
});
