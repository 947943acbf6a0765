/**
 * Request ids are the server's own: a random UUID per request, in `c.var.requestId`, the
 * `X-Request-Id` response header, every error envelope, the request log and the request audit. A
 * client (or a proxy) may send its own `X-Request-Id` for correlation; it is kept apart, as
 * `clientRequestId`, only when it is short and plain (at most 64 letters, digits and `._:-`), and
 * only ever logged — never taken as the request's id, never written to the audit. (Hono's own
 * request-id middleware adopts the client's header as the request id, which let a client choose the
 * id recorded in the hash-chained audit.)
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { TAppEnv } from './auth.js';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIds(): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    const claimed = c.req.header('x-request-id');
    if (claimed && CLIENT_ID.test(claimed)) c.set('clientRequestId', claimed);
    c.header('X-Request-Id', id);
    await next();
  };
}
