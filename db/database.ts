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
  /** Whether a statement that may keep its plan, sent again on a connection, goes as a named prepared statement (docs/adr/0181); default true. */
  preparedStatements?: boolean;
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
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    heldBegins.set(client, sendEfficiently(client, { prepared: opts.preparedStatements !== false }));
  });
  // A client given back with its `begin` still held (none should be: a transaction ends with
  // `commit` or `rollback`) must not send it with its next holder's first statement.
  pool.on('release', (_err, client) => heldBegins.get(client)?.());
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

/** The most named statements one connection keeps (each holds its plan in its PostgreSQL backend). */
const PREPARED_PER_CONNECTION = 100;
/** The most statements one connection remembers having sent once (one is named the second time it is sent). */
const SEEN_PER_CONNECTION = 1000;
/** Longer statements (bulk inserts of many rows) are never named: each size is another text, seldom sent again. */
const PREPARED_MAX_LENGTH = 8000;

/**
 * The mark of a read that may keep its plan (`.modifyFront(KEEP_PLAN)` on a select): a lookup by
 * key whose plan does not depend on the values it is sent with, and that names every column it
 * returns (the session's read, sent with every request).
 */
export const KEEP_PLAN = sql`/* ins:keep-plan */`;
const KEPT_READ = 'select /* ins:keep-plan */ ';

/**
 * Whether PostgreSQL may keep a statement's plan (docs/adr/0181): a write (an insert, update or
 * delete, alone or as a part, WITH, of a statement), or a read marked with KEEP_PLAN, that names
 * every column it returns (no `*`: a column added by a migration while the statement is kept would
 * change what it returns, which PostgreSQL refuses for a kept plan). The writes find their rows by
 * keys (the projection's, the Idempotency-Key's, the request audit's): the generic plan PostgreSQL
 * settles on is the plan. Other reads (the lists, the search, the inbox) are planned every time,
 * for the values they are sent with.
 */
export function isPreparable(text: string): boolean {
  if (text.length > PREPARED_MAX_LENGTH) return false;
  const head = text.slice(0, 7).toLowerCase();
  const writes = head.startsWith('insert ') || head.startsWith('update ') || head.startsWith('delete ') || (head.startsWith('with ') && /\b(insert into|update "|delete from)\b/i.test(text));
  return (writes || text.startsWith(KEPT_READ)) && !WILDCARD.test(text.replace(/\/\* ins:keep-plan \*\//gi, ''));
}

/** A `*` that stands for every column (`select *`, `returning *`, `"cf".*`, `, *`); not `count(*)` nor a product (`$9 * interval '1 millisecond'`). */
const WILDCARD = /(?:\bselect\s+(?:distinct\s+)?|\breturning\s+|,\s*|\.)\*/i;

/** The name under which each connection keeps `begin` prepared, to send it with the statement after it (docs/adr/0203). */
const BEGIN_STATEMENT = 'ins_begin';

/** What `pg` keeps of a connection and of a query, beyond its published types. */
type TPgConnection = { parsedStatements: Record<string, string>; bind(c: { statement: string; values: unknown[] }): void; execute(c: { portal: string }): void };
type TPgResults = { command?: string } | { command?: string }[];

/**
 * A statement sent with the `begin` before it, in one write and one round trip (docs/adr/0203): the
 * `begin` (prepared on the connection before) is bound and executed, then the statement is, then
 * one Sync. PostgreSQL runs them in order; the explicit transaction stays open after the Sync.
 * `pg` hears two results, the begin's first, and the caller gets the statement's.
 */
class AfterBegin extends pg.Query {
  prepare(connection: TPgConnection): void {
    connection.bind({ statement: BEGIN_STATEMENT, values: [] });
    connection.execute({ portal: '' });
    (pg.Query.prototype as unknown as { prepare(c: TPgConnection): void }).prepare.call(this, connection);
  }

  handleReadyForQuery(connection: unknown): void {
    const self = this as unknown as { _results: TPgResults };
    if (Array.isArray(self._results) && self._results.length === 2 && self._results[0]!.command === 'BEGIN') self._results = self._results[1]!;
    (pg.Query.prototype as unknown as { handleReadyForQuery(c: unknown): void }).handleReadyForQuery.call(this, connection);
  }
}

const emptyResult = (command: string) => ({ command, rowCount: null, rows: [], fields: [] });

/** Each connection's way to forget a `begin` it holds (`sendEfficiently`). */
const heldBegins = new WeakMap<pg.PoolClient, () => void>();

/**
 * Sends a connection's statements with fewer round trips, each unseen by kysely and the callers:
 *
 * - **A transaction's `begin` goes with its first statement** (docs/adr/0203). Kysely sends
 *   `begin`, waits for its answer, then sends the transaction's first statement: two round trips,
 *   each a write to the socket and a wake-up of the server, which cost here about as much as a
 *   short statement's work. The `begin` is held (answered at once, as PostgreSQL would) and sent in
 *   the same write as the next statement. A transaction that sends nothing before its `commit` or
 *   `rollback` sends nothing at all. When the next statement cannot go that way (no values: `pg`
 *   sends it as a simple query, which may hold several statements), the `begin` goes before it as
 *   before. The first transaction on a connection prepares the `begin` (its own round trip).
 * - **A statement this connection already sent once goes as a named prepared statement** (docs/adr/0181),
 *   when it may keep its plan (`isPreparable`) and `prepared` is set: PostgreSQL then parses and
 *   plans it once per connection instead of at every execution, which was about a third of its CPU
 *   per officer action (the projection's statements are long). Kysely and `pg` send every statement
 *   unnamed; `pg` keeps a named one's preparation per connection by itself (`parsedStatements`).
 *
 * Returns a function that forgets a `begin` held and not sent.
 */
export function sendEfficiently(client: pg.PoolClient | pg.Client, opts: { prepared: boolean }): () => void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const connection = (client as unknown as { connection: TPgConnection }).connection;
  const named = new Map<string, string>();
  const seen = new Set<string>();
  /** Whether a `begin` was asked for and not sent yet. */
  let beginHeld = false;
  const nameOf = (text: string): string | undefined => {
    let name = named.get(text);
    if (name === undefined && opts.prepared && isPreparable(text)) {
      if (seen.has(text) && named.size < PREPARED_PER_CONNECTION) {
        name = `ins_${named.size + 1}`;
        named.set(text, name);
      } else {
        if (seen.size >= SEEN_PER_CONNECTION) seen.clear();
        seen.add(text);
      }
    }
    return name;
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    const plain = typeof text === 'string' && Array.isArray(values) && callback === undefined;
    if (plain && values.length === 0 && (text === 'begin' || (beginHeld && (text === 'commit' || text === 'rollback')))) {
      // Held, or ended before it was sent: nothing to send.
      beginHeld = text === 'begin';
      return Promise.resolve(emptyResult(text.toUpperCase()));
    }
    if (beginHeld) {
      beginHeld = false;
      if (plain && values.length > 0 && connection.parsedStatements[BEGIN_STATEMENT] === 'begin') {
        const name = nameOf(text);
        const q = new AfterBegin(name === undefined ? { text, values } : { name, text, values });
        return new Promise((resolve, reject) => {
          (q as unknown as { callback: (err: unknown, res: unknown) => void }).callback = (err, res) => (err ? reject(err) : resolve(res));
          query(q);
        });
      }
      // The `begin` first, as its own statement (queued: `pg` sends it before what follows). It
      // fails only with its connection, and then so does what follows, which reports it.
      (query({ name: BEGIN_STATEMENT, text: 'begin', values: [] }) as Promise<unknown>).catch(() => undefined);
    }
    if (plain) {
      const name = nameOf(text);
      if (name !== undefined) return query({ name, text, values });
    }
    return query(text, values, callback);
  };
  return () => {
    beginHeld = false;
  };
}
