/**
 * `Idempotency-Key` records (api/idempotency.ts): a key claimed per scope (the user), the hash of
 * the request it was claimed for, and the response once there is one.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** A claimed key: `status` and `response` are null while its request is still running. */
export interface TIdempotencyRecord {
  requestHash: string;
  status: number | null;
  response: string | null;
}

/** Claims the key for a request; false when the key was already claimed (by this or another request). */
export async function claimIdempotencyKey(db: Q, scope: string, key: string, requestHash: string): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_key')
    .values({ scope, key, request_hash: requestHash })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The record of a claimed key; it must exist. */
export async function getIdempotencyRecord(db: Q, scope: string, key: string): Promise<TIdempotencyRecord> {
  const row = await db.selectFrom('idempotency_key').select(['request_hash', 'status', 'response']).where('scope', '=', scope).where('key', '=', key).executeTakeFirstOrThrow();
  return { requestHash: row.request_hash, status: row.status, response: row.response };
}

/** Frees a key, so that the same key may be sent again. */
export async function releaseIdempotencyKey(db: Q, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_key').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Keeps the response of the key's request, to be replayed. */
export async function storeIdempotentResponse(db: Q, scope: string, key: string, status: number, response: string): Promise<void> {
  await db.updateTable('idempotency_key').set({ status, response }).where('scope', '=', scope).where('key', '=', key).execute();
}
