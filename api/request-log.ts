/**
 * One structured log line per request: method, route path, status, duration, request id (and the
 * client's own X-Request-Id, if it sent one, to correlate with its logs or a proxy's) and the user
 * id — never bodies, cookies, tokens or query strings (they may carry personal data).
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../lib/logger.js';
import type { TAppEnv } from './auth.js';

export function requestLog(log: Logger): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      requestId: c.get('requestId'),
      clientRequestId: c.get('clientRequestId'),
      method: c.req.method,
      path: c.req.routePath === '/*' ? c.req.path.replace(/\/api\/v1\/cases\/[^/]+/, '/api/v1/cases/:caseId') : c.req.routePath,
      status,
      ms: Math.round(performance.now() - started),
      userId: c.get('user')?.id,
    };
    if (status >= 500) log.error(line, 'request');
    else if (status >= 400) log.warn(line, 'request');
    else log.info(line, 'request');
  };
}
