/**
 * `Idempotency-Key` records (api/idempotency.ts): a key per scope (the user), bound to one request,
 * held by one request at a time under a lease, with the response once there is one, until it
 * expires. Every change is one statement, so concurrent requests and API replicas agree on who
 * holds a key.
 */
import { sql, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import { fixedStatement } from '../fixed-statement.js';
import type { Database } from '../schema.js';
import { ACTED_CASE_COLUMNS, type TActedCase } from '../tables/cases.table.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The request a key is bound to: the hash of the whole, and its parts for a precise refusal. */
export interface TIdempotentRequest {
  requestHash: string;
  method: string;
  path: string;
  queryHash: string;
  bodyHash: string;
}

/** A key's record as another request finds it. */
export interface TIdempotencyRecord {
  requestHash: string;
  /** Null on records from before requests were bound in parts. */
  method: string | null;
  path: string | null;
  queryHash: string | null;
  bodyHash: string | null;
  /** Null while the request holding the key is still running (or died, until its lease runs out). */
  status: number | null;
  contentType: string | null;
  response: string | null;
  leaseExpiresAt: Date;
}

/**
 * `caseRow`: with a claim that named a case, what the action needs of the case's row
 * (`ACTED_CASE_COLUMNS`) as the claiming statement read it
 * (undefined: no such case), so that a case action claims its key and reads the case it acts on in
 * one round trip (docs/adr/0172).
 */
export type TClaim = { claimed: true; tookOver: boolean; caseRow?: TActedCase } | { claimed: false; record: TIdempotencyRecord };

/**
 * Claims `key` for a request. It is claimed when it is new, when its record has expired (a new
 * request), or when the same request holds it without an answer and its lease ran out (the process
 * that held it died): then this request takes it over. Of concurrent claims exactly one wins; the
 * others get the record as it is. `record` is undefined only when the key was released meanwhile
 * (try again).
 */
export async function claimIdempotencyKey(
  db: Q,
  claim: { scope: string; key: string; request: TIdempotentRequest; owner: string; leaseMs: number; ttlMs: number; caseId?: string },
): Promise<TClaim | undefined> {
  const { scope, key, request: r, owner } = claim;
  const values = { scope, key, requestHash: r.requestHash, method: r.method, path: r.path, queryHash: r.queryHash, bodyHash: r.bodyHash, owner, leaseMs: claim.leaseMs, ttlMs: claim.ttlMs };
  if (claim.caseId !== undefined) {
    const [got] = await claimWithCase(db, { ...values, caseId: claim.caseId });
    if (got) {
      const { xmax, ...row } = got;
      return { claimed: true, tookOver: xmax !== '0', caseRow: row.case_id === null ? undefined : (row as TActedCase) };
    }
    return existingClaim(db, scope, key);
  }
  const [won] = await claimAlone(db, values);
  if (won) return { claimed: true, tookOver: won.xmax !== '0' };
  return existingClaim(db, scope, key);
}

type TClaimValues = { scope: string; key: string; requestHash: string; method: string; path: string; queryHash: string; bodyHash: string; owner: string; leaseMs: number; ttlMs: number };

/**
 * Read with each row a claim writes: its transaction (the claim's own statement) commits without
 * waiting for its WAL to reach the disk (docs/adr/0202). Nothing is lost that matters: a claim lost
 * in a crash was a request still running (its answer's transaction, synchronous, would have flushed
 * the claim with it), and its retry claims the key again and is answered once by the workflow.
 */
const asynchronousCommit = sql<string>`set_config('synchronous_commit', 'off', true)`;

/** The claim's insert (or take-over), returning whether it took a key over. */
function claimInsert(q: QueryCreator<Database>, v: TClaimValues) {
  const lease = sql<Date>`now() + ${v.leaseMs} * interval '1 millisecond'`;
  const expiry = sql<Date>`now() + ${v.ttlMs} * interval '1 millisecond'`;
  // What the claim writes, on a fresh key and on one it takes over alike.
  const claimed = {
    request_hash: v.requestHash,
    method: v.method,
    path: v.path,
    query_hash: v.queryHash,
    body_hash: v.bodyHash,
    owner: v.owner,
    lease_expires_at: lease,
    expires_at: expiry,
  };
  return (
    q
      .insertInto('idempotency_key')
      .values({ scope: v.scope, key: v.key, ...claimed })
      .onConflict((oc) =>
        oc
          .columns(['scope', 'key'])
          .doUpdateSet({
            ...claimed,
            status: null,
            content_type: null,
            response: null,
            created_at: sql`now()`,
          })
          .where((eb) =>
            eb.or([
              eb('idempotency_key.expires_at', '<', sql<Date>`now()`),
              eb.and([eb('idempotency_key.status', 'is', null), eb('idempotency_key.lease_expires_at', '<', sql<Date>`now()`), eb('idempotency_key.request_hash', '=', v.requestHash)]),
            ]),
          ),
      )
      // xmax is 0 on a row this statement inserted, and set on a row it updated (taken over).
      .returning([sql<string>`xmax::text`.as('xmax'), asynchronousCommit.as('async_commit')])
  );
}

/** The claim alone (a request that acts on no case). Sent with every POST: built once (db/fixed-statement.ts). */
export const claimAlone = fixedStatement('idempotency claim', (db, v: TClaimValues) => claimInsert(db, v));

/** The claim and the case's row in one statement: the row is read only when the key is won. */
export const claimWithCase = fixedStatement('idempotency claim with its case', (db, v: TClaimValues & { caseId: string }) =>
  db
    .with('won', (q) => claimInsert(q as unknown as QueryCreator<Database>, v))
    .selectFrom('won')
    .leftJoin('case_file as cf', (j) => j.on('cf.case_id', '=', v.caseId))
    .select(['won.xmax', 'won.async_commit'])
    // By name, not `cf.*`: PostgreSQL may then keep the claim's plan (docs/adr/0181). What the action needs, not the snapshot.
    .select(ACTED_CASE_COLUMNS.map((c) => `cf.${c}` as const)),
);
/** The record another request holds `key` under; undefined when it was released meanwhile. */
async function existingClaim(db: Q, scope: string, key: string): Promise<TClaim | undefined> {
  const row = await db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'method', 'path', 'query_hash', 'body_hash', 'status', 'content_type', 'response', 'lease_expires_at'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    claimed: false,
    record: {
      requestHash: row.request_hash,
      method: row.method,
      path: row.path,
      queryHash: row.query_hash,
      bodyHash: row.body_hash,
      status: row.status,
      contentType: row.content_type,
      response: row.response,
      leaseExpiresAt: new Date(row.lease_expires_at),
    },
  };
}

/** Extends the lease of a key its owner still holds; false when another request took it over. */
export async function renewIdempotencyLease(db: Q, scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
  const r = await db
    .updateTable('idempotency_key')
    .set({ lease_expires_at: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('owner', '=', owner)
    .where('status', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * What becomes of a key its owner holds once the request is answered: a success's answer is kept,
 * to be replayed; a refused or failed request frees the key, so that the same key may be sent again.
 */
export type TIdempotencyOutcome = { scope: string; key: string; owner: string } & ({ kind: 'store'; response: { status: number; contentType: string | null; body: string } } | { kind: 'release' });

/**
 * The statement of an outcome (one statement, or a part, WITH, of another: the request audit's row
 * carries it, db/repositories/request-audit.ts). Only a key its owner still holds without an answer
 * changes.
 */
export function idempotencyOutcomeQuery(db: QueryCreator<Database>, o: TIdempotencyOutcome) {
  if (o.kind === 'release') {
    return db.deleteFrom('idempotency_key').where('scope', '=', o.scope).where('key', '=', o.key).where('owner', '=', o.owner).where('status', 'is', null).returning('key');
  }
  return (
    db
      .updateTable('idempotency_key')
      // The lease ends with the answer.
      .set({ status: o.response.status, content_type: o.response.contentType, response: o.response.body, lease_expires_at: sql<Date>`now()` })
      .where('scope', '=', o.scope)
      .where('key', '=', o.key)
      .where('owner', '=', o.owner)
      .where('status', 'is', null)
      .returning('key')
  );
}

/** Records an outcome on its own; false when the owner no longer holds the key. */
export async function writeIdempotencyOutcome(db: Q, o: TIdempotencyOutcome): Promise<boolean> {
  return (await idempotencyOutcomeQuery(db, o).execute()).length > 0;
}

/**
 * Deletes expired records whose lease has also run out, `batch` at a time; returns how many. Safe on
 * several replicas at once: rows another pruner has locked are skipped, so each is deleted once.
 */
export async function pruneExpiredIdempotencyKeys(db: Kysely<Database>, batch = 500): Promise<number> {
  let removed = 0;
  for (;;) {
    const r = await sql`
      delete from idempotency_key where (scope, key) in (
        select scope, key from idempotency_key
        where expires_at < now() and lease_expires_at < now()
        limit ${batch} for update skip locked)`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    removed += n;
    if (n < batch) return removed;
  }
}
