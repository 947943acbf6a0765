/**
 * The Hono application: one sub-app per resource, one error envelope, request ids.
 * It holds no state of its own between requests, so any number of replicas can serve.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Client } from '@temporalio/client';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { EvidenceStore } from '../lib/evidence-store.js';
import type { Logger } from '../lib/logger.js';
import { temporalUnreachable } from './temporal-errors.js';
import { AppError, errorBody } from './errors.js';
import { sessionMiddleware, type TAppEnv } from './auth.js';
import { clientAddressMiddleware } from './client-address.js';
import { idempotencyMiddleware } from './idempotency.js';
import { rateLimit } from './rate-limit.js';
import { requestLog } from './request-log.js';
import { requestAudit } from './request-audit.js';
import { textGuard } from './text-guard.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { escalationRoutes } from './routes/escalations.js';
import { authRoutes, type TSignInThrottle } from './routes/auth.js';
import { businessImportBodyLimit, businessRoutes } from './routes/businesses.js';
import { calendarRoutes } from './routes/calendar.js';
import { campaignRoutes } from './routes/campaigns.js';
import { caseRoutes } from './routes/cases.js';
import { evidenceRoutes } from './routes/evidence.js';
import { eventRoutes } from './routes/events.js';
import type { CaseEventHub } from '../lib/case-events.js';
import { healthRoutes } from './routes/health.js';
import { legalRoutes } from './routes/legal.js';
import { peopleRoutes } from './routes/people.js';
import { supervisionRoutes } from './routes/supervision.js';
import { renderApiReference } from './reference-page.js';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  /** Built web app (`web/dist`); when missing, the placeholder page in `web/fallback` is served. */
  webDistDir?: string;
  sessionTtlMs?: number;
  secureCookies?: boolean;
  /** Requests per minute per client on public endpoints. */
  publicRateLimit?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (`TRUSTED_PROXIES`); none by default. */
  trustedProxies?: readonly string[];
  /** The sign-in throttle's numbers (api/routes/auth.ts defaults; tests shorten the delays). */
  signInThrottle?: Partial<TSignInThrottle>;
  /** Evidence store and limits; `uploadTtlMs`: lifetime of a resumable upload after its last chunk. */
  evidence?: { store: EvidenceStore; maxBytes: number; uploadTtlMs?: number };
  /** Live events (LISTEN/NOTIFY); without it, /api/v1/events is not served. */
  events?: CaseEventHub;
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<TAppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: /received undefined$/.test(i.message) ? 'is required' : i.message,
        }));
        const first = issues[0];
        return c.json(
          errorBody(c, 'VALIDATION_FAILED', first ? `${first.path || 'request'}: ${first.message}` : 'Invalid request', undefined, issues),
          400,
        );
      }
      return undefined;
    },
  });

  app.use('*', requestId());
  app.use('*', clientAddressMiddleware(deps.trustedProxies ?? []));
  app.use('*', secureHeaders());
  app.use('/api/*', requestLog(deps.log));
  app.use('/api/*', requestAudit(deps.db, deps.log));
  // Before anything reads the body (the text guard, the Idempotency-Key middleware).
  app.use('/api/v1/businesses/import', businessImportBodyLimit());
  app.use('/api/*', textGuard());
  app.use('/api/*', sessionMiddleware(deps.db, { secureCookies: deps.secureCookies ?? false }));
  app.use('/api/*', idempotencyMiddleware(deps.db));
  const publicLimit = rateLimit(deps.db, { name: 'public', limit: deps.publicRateLimit ?? 120, windowMs: 60_000 });
  app.use('/api/v1/fines/*', publicLimit);
  app.use('/api/v1/calendar/due-date', publicLimit);

  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json(errorBody(c, err.code, err.message, err.legalBasis, err.details), err.status);
    }
    if (err instanceof HTTPException) {
      // A JSON body sent as something else: bad input like any other, named by its header.
      if (err.status === 415) return c.json(errorBody(c, 'VALIDATION_FAILED', 'content-type: send the body as JSON (Content-Type: application/json)'), 400);
      const status = err.status;
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
      return c.json(errorBody(c, code, err.message || 'Request rejected'), status === 500 ? 400 : (status as 400));
    }
    // Temporal (or the database) out of reach is not a bug: the caller is told to try again.
    const down = temporalUnreachable(err);
    if (down) {
      deps.log.warn({ err, requestId: c.get('requestId'), path: c.req.path }, 'a service the request needs cannot be reached');
      const outcome = down.timedOut && c.req.method !== 'GET' ? 'a change may or may not have been made: check, then try again.' : 'nothing was changed, try again.';
      return c.json(errorBody(c, 'UNAVAILABLE', `A service this request needs cannot be reached (${down.reason}); ${outcome}`), 503);
    }
    deps.log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return c.json(errorBody(c, 'INTERNAL', 'Internal error; quote the request id when reporting it.'), 500);
  });

  app.notFound((c) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404));

  app.route('/', healthRoutes({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, events: deps.events }));
  app.route('/', calendarRoutes({ db: deps.db }));
  app.route('/', legalRoutes({ db: deps.db }));
  app.route('/', authRoutes(deps.db, { sessionTtlMs: deps.sessionTtlMs ?? 12 * 3_600_000, secureCookies: deps.secureCookies ?? false, throttle: deps.signInThrottle }));
  app.route('/', caseRoutes({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue }));
  app.route('/', adminRoutes({ db: deps.db, temporal: deps.temporal }));
  app.route('/', peopleRoutes(deps.db));
  app.route('/', escalationRoutes(deps.db));
  app.route('/', supervisionRoutes(deps.db));
  app.route('/', auditRoutes(deps.db));
  app.route('/', businessRoutes(deps.db));
  app.route('/', campaignRoutes({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue }));
  if (deps.evidence) app.route('/', evidenceRoutes({ db: deps.db, ...deps.evidence }));
  if (deps.events) app.route('/', eventRoutes({ db: deps.db, hub: deps.events }));

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'INS API',
      version: '1',
      description: 'Inspections and administrative-violation cases of a provincial market-surveillance department (QLTT).',
    },
  });
  app.get('/api/docs', (c) => c.html(renderApiReference('/api/openapi.json')));
  app.all('/api/*', (c) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404));

  const built = deps.webDistDir && existsSync(path.join(deps.webDistDir, 'index.html')) ? deps.webDistDir : undefined;
  const webRoot = path.relative(process.cwd(), built ?? path.resolve(import.meta.dirname, '../web/fallback'));
  app.use('/assets/*', serveStatic({ root: webRoot, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root: webRoot }));
  app.get('*', serveStatic({ path: path.join(webRoot, 'index.html') }));

  return app;
}

export type InsApp = ReturnType<typeof createApp>;
