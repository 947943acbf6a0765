/**
 * The one code path to PostgreSQL: Kysely over a `pg` pool.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { StartupError } from '../lib/errors.js';

// int8 (count(*), bigint ids) would otherwise arrive as strings; INS values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<Database>;

export interface DbOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  onIdleError?: (err: Error) => void;
}

export function createDb(opts: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    // pg waits forever for a connection by default; fail instead.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: opts.applicationName ?? 'ins',
  });
  // An idle client losing its server (restart, failover) emits 'error' on the pool; unhandled, that
  // would crash the process. The next query reconnects or fails with a proper error.
  pool.on('error', (err) => opts.onIdleError?.(err));
  // The pool listens only while a client is idle (brianc/node-postgres#2439): a connection that
  // breaks while its client is checked out (PostgreSQL killed between two statements of a
  // transaction) emits 'error' on the client, and with no listener that ends the process. Listened
  // to for the client's whole life: its queries fail with the error, which reaches their caller, and
  // the pool discards the client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Describes where a URL points without its password, for error messages and logs. */
function describeDbUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** Checks the database answers; throws one clear sentence otherwise. */
export async function assertDbReachable(db: Db, url: string, source: 'DATABASE_URL' | 'embedded'): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    const reason = (err as Error).message || (err as { code?: string }).code || String(err);
    const fix = source === 'DATABASE_URL' ? 'start that server or fix DATABASE_URL (unset it to use the embedded PostgreSQL)' : 'delete the embedded data directory to start from scratch';
    throw new StartupError(`Cannot reach PostgreSQL at ${describeDbUrl(url)} (${source}): ${reason}; ${fix}.`);
  }
}
