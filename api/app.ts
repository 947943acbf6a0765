/**
 * The Hono application: one sub-app per resource, one error envelope, request ids.
 * It holds no state of its own between requests, so any number of replicas can serve.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Client } from '@temporalio/client';
import type { Context } from 'hono';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { EvidenceStore } from '../lib/evidence-store.js';
import type { Logger } from '../lib/logger.js';
import { httpError } from './error-translator.js';
import { databaseUnreachable } from './database-errors.js';
import type { TCheck } from './health.js';
import { issueOf, zodIssues } from '../domain/validation-issues.js';
import { AppError, errorBody } from './errors.js';
import { ZValidationIssue } from './schemas.js';
import { bodyLimits } from './body-limit.js';
import { CSP_NONCE_PLACEHOLDER, cspNonce, securityHeaders } from './security-headers.js';
import { sessionMiddleware, type TAppEnv } from './auth.js';
import { clientAddressMiddleware } from './client-address.js';
import { declareIdempotencyKeys, DEFAULT_IDEMPOTENCY, idempotencyMiddleware, type TIdempotencyOptions } from './idempotency.js';
import { rateLimit } from './rate-limit.js';
import { requestIds } from './request-id.js';
import { requestLog } from './request-log.js';
import { requestAudit } from './request-audit.js';
import { bulkActionRoutes } from './routes/bulk-actions.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { escalationRoutes } from './routes/escalations.js';
import { statisticsRoutes } from './routes/statistics.js';
import { authRoutes, type TSignInThrottle } from './routes/auth.js';
import { businessRoutes } from './routes/businesses.js';
import { calendarRoutes } from './routes/calendar.js';
import { campaignRoutes } from './routes/campaigns.js';
import { caseRoutes } from './routes/cases.js';
import { documentRoutes } from './routes/documents.js';
import { documentTemplateRoutes } from './routes/document-templates.js';
import { evidenceRoutes } from './routes/evidence.js';
import { eventRoutes } from './routes/events.js';
import type { CaseEventHub } from '../lib/case-events.js';
import { healthRoutes } from './routes/health.js';
import { legalRoutes } from './routes/legal.js';
import { notificationRoutes } from './routes/notifications.js';
import { paymentRoutes, type TPaymentSettings } from './routes/payments.js';
import { peopleRoutes } from './routes/people.js';
import { delegationRoutes } from './routes/delegations.js';
import { supervisionRoutes } from './routes/supervision.js';
import { publicLookupRoutes } from './routes/public-lookup.js';
import { publicTipRoutes } from './routes/public-tips.js';
import { publicTipPages } from './public/tip-pages.js';
import { DEFAULT_TIP_SETTINGS, type TTipSettings } from './services/public-tips.js';
import { publicPages } from './public/pages.js';
import { disclosurePages } from './public/disclosure-pages.js';
import { unitSitePages } from './public/unit-site-pages.js';
import { verifyPages } from './public/verify-pages.js';
import { publicDisclosureRoutes } from './routes/public-disclosure.js';
import { siteRoutes } from './routes/site.js';
import { DEFAULT_LOOKUP_LIMITS, type TLookupLimits } from './services/case-lookup.js';
import { renderApiReference } from './reference-page.js';
import { procedureWriteOwner } from './services/procedure-scope.js';
import { webFiles } from './web-files.js';

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
  /** Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (`TRUSTED_PROXIES`); none by default. */
  trustedProxies?: readonly string[];
  /** The sign-in throttle's numbers (api/routes/auth.ts defaults; tests shorten the delays). */
  signInThrottle?: Partial<TSignInThrottle>;
  /** Evidence store and limits; `uploadTtlMs`: lifetime of a resumable upload after its last chunk. */
  evidence?: { store: EvidenceStore; maxBytes: number; uploadTtlMs?: number };
  /** Live events (the case event log read while streams are open, docs/adr/0201; LISTEN/NOTIFY for revocations and notifications); without it, /api/v1/events is not served. */
  events?: CaseEventHub;
  /** Under `npm start`: the worker process as its supervisor reports it, for /readyz. */
  workerProcess?: () => TCheck | undefined;
  /** Lease and lifetime of Idempotency-Key records (defaults: 30 s, 24 h). */
  idempotency?: Partial<TIdempotencyOptions>;
  /** Keys and timestamp window of payment callbacks; without it every callback is refused (no key is known). */
  payments?: TPaymentSettings;
  /** The public case lookup's limits per address and per code (api/services/case-lookup.ts defaults). */
  publicLookup?: Partial<TLookupLimits>;
  /** Public tips: limits, proof-of-work difficulty, challenge lifetime (api/services/public-tips.ts defaults). */
  publicTips?: Partial<TTipSettings>;
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<TAppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        // @hono/zod-validator passes what was validated as `data` (its type leaves it out on failure):
        // a value missing there is `required`, not of the wrong type.
        const issues = zodIssues(result.error.issues, { input: (result as { data?: unknown }).data, missingMessage: 'is required' });
        const first = issues[0];
        return c.json(errorBody(c, 'VALIDATION_FAILED', first ? `${first.path || (result.target === 'json' ? 'body' : 'request')}: ${first.message}` : 'Invalid request', undefined, issues), 400);
      }
      return undefined;
    },
  });

  // Referenced by no route's schema (an error's `details` is declared as any JSON): declared for clients.
  app.openAPIRegistry.register('ValidationIssue', ZValidationIssue);

  app.use('*', requestIds());
  // Before the security headers: HSTS is sent only over TLS, which a trusted proxy may vouch for.
  app.use('*', clientAddressMiddleware(deps.trustedProxies ?? []));
  app.use('*', ...securityHeaders());
  app.use('/api/*', requestLog(deps.log));
  app.use('/api/*', requestAudit(deps.db, deps.log));
  // Before anything reads a body (the session lookup included): see api/body-limit.ts.
  app.use('*', bodyLimits());
  app.use('/api/*', sessionMiddleware(deps.db, { secureCookies: deps.secureCookies ?? false }));
  // Run by each route after its access check, with the input guard (api/access.ts).
  const idempotency = idempotencyMiddleware(deps.db, deps.log, { ...DEFAULT_IDEMPOTENCY, ...deps.idempotency });
  const procedureOwner = (procedureId: string) => procedureWriteOwner(deps.db, procedureId);
  app.use('*', async (c, next) => {
    c.set('idempotency', idempotency);
    c.set('procedureOwner', procedureOwner);
    await next();
  });
  const publicLimit = rateLimit(deps.db, { name: 'public', limit: deps.publicRateLimit ?? 120, windowMs: 60_000 });
  app.use('/api/v1/fines/*', publicLimit);
  app.use('/api/v1/calendar/due-date', publicLimit);
  app.use('/api/v1/public/*', publicLimit);

  app.onError((err, c) => {
    // Refusals and Temporal's answers (or its absence) not translated where they were thrown: the one translator.
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    const known = err instanceof AppError ? err : httpError(err, { changes: !read });
    if (known) {
      // A dependency out of reach: what failed, and where, is for the log only.
      if (known.status >= 500) deps.log.warn({ err: known.cause ?? known, requestId: c.get('requestId'), path: c.req.path }, known.message);
      return c.json(errorBody(c, known.code, known.message, known.legalBasis, known.details, known), known.status);
    }
    if (err instanceof HTTPException) {
      // A JSON body sent as something else: bad input like any other, named by its header.
      if (err.status === 415) {
        const message = 'send the body as JSON (Content-Type: application/json)';
        return c.json(errorBody(c, 'VALIDATION_FAILED', `content-type: ${message}`, undefined, [issueOf('content-type', message, 'mediaType', { expected: 'application/json' })]), 400);
      }
      const status = err.status;
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
      return c.json(errorBody(c, code, err.message || 'Request rejected'), status === 500 ? 400 : (status as 400));
    }
    // The database out of reach is not a bug either: the caller is told to try again.
    const down = databaseUnreachable(err);
    if (down) {
      // The reason names the server (its address, the driver's message): logged, never answered.
      deps.log.warn({ err, reason: down.reason, requestId: c.get('requestId'), path: c.req.path }, 'a service the request needs cannot be reached');
      // A lost connection does not say whether a change that was sent arrived: only a read is known to have changed nothing.
      const outcome = read ? 'nothing was changed, try again.' : 'it is not known whether a change was made: check, then try again.';
      return c.json(errorBody(c, 'UNAVAILABLE', `A service this request needs cannot be reached; ${outcome}`), 503);
    }
    deps.log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return c.json(errorBody(c, 'INTERNAL', 'Internal error; quote the request id when reporting it.'), 500);
  });

  app.notFound((c) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404));

  app.route(
    '/',
    healthRoutes({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, log: deps.log, events: deps.events, ...(deps.workerProcess ? { workerProcess: deps.workerProcess } : {}) }),
  );
  app.route('/', calendarRoutes({ db: deps.db }));
  app.route('/', legalRoutes({ db: deps.db }));
  app.route('/', authRoutes(deps.db, { sessionTtlMs: deps.sessionTtlMs ?? 12 * 3_600_000, secureCookies: deps.secureCookies ?? false, throttle: deps.signInThrottle }));
  app.route('/', caseRoutes({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue }));
  app.route('/', documentRoutes({ db: deps.db, temporal: deps.temporal }));
  app.route('/', documentTemplateRoutes({ db: deps.db }));
  app.route('/', adminRoutes({ db: deps.db, temporal: deps.temporal }));
  app.route('/', bulkActionRoutes({ db: deps.db, temporal: deps.temporal, log: deps.log }));
  app.route('/', paymentRoutes({ db: deps.db, temporal: deps.temporal, settings: deps.payments ?? { keys: [], toleranceSeconds: 300 } }));
  app.route('/', peopleRoutes(deps.db));
  app.route('/', delegationRoutes(deps.db));
  app.route('/', notificationRoutes(deps.db));
  app.route('/', escalationRoutes(deps.db));
  app.route('/', supervisionRoutes(deps.db));
  app.route('/', auditRoutes(deps.db));
  app.route('/', businessRoutes(deps.db));
  app.route('/', campaignRoutes({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue }));
  app.route('/', statisticsRoutes(deps.db));
  if (deps.evidence) app.route('/', evidenceRoutes({ db: deps.db, ...deps.evidence }));
  if (deps.events) app.route('/', eventRoutes({ db: deps.db, hub: deps.events }));
  const lookupLimits = { ...DEFAULT_LOOKUP_LIMITS, ...deps.publicLookup };
  app.route('/', publicLookupRoutes({ db: deps.db, limits: lookupLimits }));
  app.route('/', publicDisclosureRoutes(deps.db));
  app.route('/', siteRoutes(deps.db));
  const tips = { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, settings: { ...DEFAULT_TIP_SETTINGS, ...deps.publicTips }, evidence: deps.evidence };
  app.route('/', publicTipRoutes(tips));

  app.get('/api/openapi.json', (c) => c.json(openApiDocument(app)));
  app.get('/api/docs', (c) => c.html(renderApiReference('/api/openapi.json', cspNonce(c))));
  app.all('/api/*', (c) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404));

  // The public pages: rendered here, never the staff app (docs/adr/0122).
  app.route('/', publicPages({ db: deps.db, limits: lookupLimits }));
  app.route('/', disclosurePages({ db: deps.db }));
  app.route('/', unitSitePages({ db: deps.db }));
  app.route('/', verifyPages({ db: deps.db }));
  app.route('/', publicTipPages(tips));

  const built = deps.webDistDir && existsSync(path.join(deps.webDistDir, 'index.html')) ? deps.webDistDir : undefined;
  const webDir = built ?? path.resolve(import.meta.dirname, '../web/fallback');
  // The page carries this response's CSP nonce on its tags (web/vite.config.ts marks them): never
  // stored, not even to revalidate (a copy kept would meet the next response's policy with an old nonce).
  const page = async (c: Context<TAppEnv>) => {
    const html = await readFile(path.join(webDir, 'index.html'), 'utf8');
    c.header('Cache-Control', 'no-store');
    return c.html(html.replaceAll(CSP_NONCE_PLACEHOLDER, cspNonce(c)));
  };
  app.get('/', page);
  app.get('/index.html', page);
  // The hashed assets immutable, the other files revalidated, Brotli or gzip copies when taken (api/web-files.ts).
  app.use('*', webFiles(webDir));
  app.get('*', page);

  return app;
}

export type InsApp = ReturnType<typeof createApp>;

const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'INS API',
    version: '1',
    description: 'Inspections and administrative-violation cases of a provincial market-surveillance department (QLTT).',
  },
};

/** The OpenAPI document of the app's routes (`/api/openapi.json`; `npm run gen:api` writes the web app's types from it). */
export function openApiDocument(app: OpenAPIHono<TAppEnv>) {
  return declareIdempotencyKeys(app.getOpenAPI31Document(OPENAPI_CONFIG));
}
