/**
 * `Idempotency-Key` on POST requests: the same key with the same request gets the same response
 * (replayed, with `Idempotency-Replayed: true`); the same key with a different request is refused
 * (422); a refused request frees its key; a duplicate that arrives while the first is still running gets 409 — so concurrent
 * duplicates have one effect. Keys are scoped per user and kept in PostgreSQL, so this holds across
 * API replicas. Each route runs it after its access check (api/access.ts), so a caller who may not
 * call the route is refused before their key or body is looked at.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import type { TAppEnv } from './auth.js';
import { claimIdempotencyKey, getIdempotencyRecord, releaseIdempotencyKey, storeIdempotentResponse } from '../db/repositories/idempotency.js';
import { AppError } from './errors.js';

export function idempotencyMiddleware(db: Db): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    // Evidence uploads stream their body and are idempotent by content (SHA-256) already.
    if (c.req.method !== 'POST' || !key || c.req.path === '/api/v1/auth/login' || c.req.path === '/api/v1/evidence') return next();
    if (key.length < 8 || key.length > 200) throw new AppError('VALIDATION_FAILED', 'idempotency-key: must have 8 to 200 characters');
    const scope = c.get('user')?.id ?? 'anonymous';
    // The bytes as sent (Hono caches them for the route): a text decoding here would hide invalid UTF-8 from the route.
    const body = new Uint8Array(await c.req.arrayBuffer());
    const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(body).digest('hex');

    if (!(await claimIdempotencyKey(db, scope, key, requestHash))) {
      const row = await getIdempotencyRecord(db, scope, key);
      if (row.requestHash !== requestHash) {
        throw new AppError('BUSINESS_RULE', 'This Idempotency-Key was already used for a different request; use a new key for a new request.', undefined, { reason: 'IDEMPOTENCY_KEY_REUSED' });
      }
      if (row.status === null) throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry in a moment.');
      c.header('Idempotency-Replayed', 'true');
      return c.body(row.response ?? '', row.status as 200, { 'content-type': 'application/json' });
    }

    try {
      await next();
    } catch (err) {
      // A failure before a response (should not happen: onError answers) frees the key for a retry.
      await releaseIdempotencyKey(db, scope, key);
      throw err;
    }
    // Only successes are kept: a refused request (a wrong form, a step out of order) may be
    // corrected and sent again under the same key.
    if (c.res.status >= 400) {
      await releaseIdempotencyKey(db, scope, key);
      return;
    }
    const response = await c.res.clone().text();
    await storeIdempotentResponse(db, scope, key, c.res.status, response);
  };
}
