/**
 * Sign-in throttles and known devices (api/routes/auth.ts, docs/adr/0022-sign-in-throttling.md).
 * An attempt is claimed before its password is checked, by one statement that takes the key's row
 * lock: concurrent attempts queue on the row, and once the free attempts are used up the row is
 * blocked until a delay that doubles with each further attempt, up to a cap.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** How a key is throttled. */
export interface TThrottlePolicy {
  /** Attempts without delay; the one that uses the last of them sets the first delay. */
  freeAttempts: number;
  /** The first delay; each further attempt doubles it. */
  baseDelayMs: number;
  /** The longest delay: never a lock for good. */
  maxDelayMs: number;
  /** Failures are forgotten after this long without an attempt. */
  forgetAfterMs: number;
}

export type TClaim = { allowed: true } | { allowed: false; retryAfterMs: number };

/** The delay set by the claim that brings `failures` (a SQL expression) to its value, in ms. */
function delayMs(failures: ReturnType<typeof sql>, p: TThrottlePolicy) {
  return sql`(case when ${failures} < ${p.freeAttempts}::int then 0 else least(${p.maxDelayMs}::float8, ${p.baseDelayMs}::float8 * power(2, ${failures} - ${p.freeAttempts}::int)) end)`;
}

/**
 * Claims one attempt for `key` in one statement: allowed when the key is not blocked (its failures
 * then count one more, and the delay they earn starts now); refused with the time left otherwise.
 */
export async function claimAttempt(db: Q, key: string, p: TThrottlePolicy): Promise<TClaim> {
  const next = sql`case when t.last_attempt_at < now() - interval '1 millisecond' * ${p.forgetAfterMs}::float8 then 1 else t.failures + 1 end`;
  const { rows } = await sql<{ claimed: number | null; wait_ms: number | null }>`
    with claim as (
      insert into login_throttle as t (key, failures, blocked_until, last_attempt_at)
      values (${key}, 1, now() + interval '1 millisecond' * ${delayMs(sql`1`, p)}, now())
      on conflict (key) do update set
        failures = ${next},
        blocked_until = now() + interval '1 millisecond' * ${delayMs(next, p)},
        last_attempt_at = now()
      where t.blocked_until <= now()
      returning failures
    )
    select (select failures from claim) as claimed,
           (select greatest(0, extract(epoch from blocked_until - now()) * 1000)::float8 from login_throttle where key = ${key}) as wait_ms`.execute(db);
  const row = rows[0]!;
  return row.claimed !== null ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, Math.ceil(row.wait_ms ?? 1)) };
}

/** Gives back a claim that was not a failure (the password was right, or another key refused it). */
export async function releaseAttempt(db: Q, key: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('key', '=', key)
    .execute();
}

/** Forgets the key's failures (a successful sign-in of the account). */
export async function clearAttempts(db: Q, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Deletes throttles idle since before `before` (and no longer blocking) and expired known devices. */
export async function pruneSignInState(db: Q, before: Date): Promise<void> {
  await db.deleteFrom('login_throttle').where('last_attempt_at', '<', before).where('blocked_until', '<', new Date()).execute();
  await db.deleteFrom('known_device').where('expires_at', '<', new Date()).execute();
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** How many known devices an account keeps (the least recently used go first). */
const DEVICES_PER_ACCOUNT = 20;

/** The hash of `token` when it is a known device of the account `username`, unexpired. */
export async function knownDevice(db: Q, token: string, username: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('known_device as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .select('d.token_hash')
    .where('d.token_hash', '=', sha256(token))
    .where('u.username', '=', username.toLowerCase())
    .where('d.expires_at', '>', new Date())
    .executeTakeFirst();
  return row?.token_hash;
}

/**
 * Remembers the browser a user just signed in from: renews its token when it is known (by
 * `token`), else makes a new one. Returns the token for the cookie.
 */
export async function rememberDevice(db: Kysely<Database>, userId: string, ttlMs: number, token?: string): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlMs);
  return db.transaction().execute(async (trx) => {
    if (token) {
      const renewed = await trx
        .updateTable('known_device')
        .set({ last_used_at: new Date(), expires_at: expiresAt })
        .where('token_hash', '=', sha256(token))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (Number(renewed.numUpdatedRows) > 0) return { token, expiresAt };
    }
    const fresh = randomBytes(32).toString('base64url');
    await trx
      .insertInto('known_device')
      .values({ token_hash: sha256(fresh), user_id: userId, expires_at: expiresAt })
      .execute();
    const stale = await trx.selectFrom('known_device').select('token_hash').where('user_id', '=', userId).orderBy('last_used_at', 'desc').offset(DEVICES_PER_ACCOUNT).limit(1_000).execute();
    if (stale.length)
      await trx
        .deleteFrom('known_device')
        .where(
          'token_hash',
          'in',
          stale.map((s) => s.token_hash),
        )
        .execute();
    return { token: fresh, expiresAt };
  });
}
