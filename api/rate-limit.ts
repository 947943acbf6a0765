/**
 * Rate limiting for public endpoints: a fixed window per route and client address (the forwarded
 * one behind a trusted proxy, api/client-address.ts), counted in PostgreSQL so that every API
 * replica shares the count. Over the limit: 429 with Retry-After.
 */
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import type { TAppEnv } from './auth.js';
import { clientAddress } from './client-address.js';
import { countRequest, pruneRateLimits } from '../db/repositories/rate-limit.js';
import { AppError } from './errors.js';

export function rateLimit(db: Db, opts: { name: string; limit: number; windowMs: number }): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    // A signed-in user is counted by account, anyone else by address.
    const who = c.get('user')?.id ?? clientAddress(c);
    const windowStart = new Date(Math.floor(Date.now() / opts.windowMs) * opts.windowMs);
    const count = await countRequest(db, `${opts.name}:${who}`, windowStart);
    if (Math.random() < 0.01) await pruneRateLimits(db, new Date(Date.now() - 3_600_000));
    if (count > opts.limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + opts.windowMs - Date.now()) / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new AppError('RATE_LIMITED', `Too many requests; try again in ${retryAfter} s.`);
    }
    await next();
  };
}
