/**
 * Request counts per bucket and fixed window (api/rate-limit.ts), shared by every API replica.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Counts one request in the bucket's window and returns the window's count so far. */
export async function countRequest(db: Q, bucket: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('rate_limit')
    .values({ bucket, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`rate_limit.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Deletes the windows that started before `before`. */
export async function pruneRateLimits(db: Q, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit').where('window_start', '<', before).execute();
}
