/**
 * The API process (`npm run api`): Hono on Node, serving the REST API and the web app.
 * Stateless: scale it with more replicas behind a load balancer.
 */
import { serve } from '@hono/node-server';
import { assertDbReachable, createDb } from '../db/database.js';
import { exitOnStartupError, StartupError } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { connectClient } from '../lib/temporal.js';
import { createApp } from './app.js';
import { DiskEvidenceStore, type EvidenceStore } from '../lib/evidence-store.js';
import { S3EvidenceStore } from '../lib/s3-evidence-store.js';
import { CaseEventHub } from '../lib/case-events.js';
import { pruneCaseEventLog } from '../db/repositories/cases.js';
import { evidenceStoreSettings, loadApiConfig } from './config.js';
import { cleanupExpiredUploads } from './services/evidence-uploads.js';
import { pruneExpiredIdempotencyKeys } from '../db/repositories/idempotency.js';
import { REQUEST_AUDIT_SWEEP_MS, sweepRequestAudits } from './request-audit.js';
import { parseProcessMessage, reportReady } from '../lib/process-messages.js';
import type { TCheck } from './health.js';

/** How often each replica looks for abandoned resumable uploads and expired Idempotency-Keys (any replica may; they share the work). */
const UPLOAD_CLEANUP_INTERVAL_MS = 15 * 60_000;

try {
  const config = loadApiConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: 'api' });
  const db = createDb({
    url: config.DATABASE_URL,
    poolSize: config.DB_POOL_SIZE,
    applicationName: 'ins-api',
    onIdleError: (err) => log.warn({ err: err.message }, 'idle database connection lost'),
  });
  await assertDbReachable(db, config.DATABASE_URL, 'DATABASE_URL');
  const temporal = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const storeSettings = evidenceStoreSettings(config);
  let store: EvidenceStore;
  if (storeSettings.kind === 's3') {
    const s3 = new S3EvidenceStore(storeSettings);
    await s3.assertReachable();
    store = s3;
  } else {
    store = new DiskEvidenceStore(storeSettings.dir);
  }
  log.info({ evidenceStore: store.kind }, 'evidence store');
  // Under `npm start`, its supervisor says when the worker process is down (for /readyz).
  let workerProcess: TCheck | undefined;
  process.on('message', (m) => {
    const msg = parseProcessMessage(m);
    if (msg?.ins === 'sibling') workerProcess = { ok: msg.up, detail: msg.detail };
  });
  const events = new CaseEventHub(config.DATABASE_URL, (err) => log.warn({ err: err.message, attempt: events.status().attempt }, 'live events: not listening; reconnecting with backoff'));
  events.onReconnect(() => log.info('live events: listening again'));
  await events.start();
  const app = createApp({
    db,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    log,
    webDistDir: config.WEB_DIST_DIR,
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
    secureCookies: config.COOKIE_SECURE ? config.COOKIE_SECURE === 'true' : config.INS_ENV === 'production',
    publicRateLimit: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
    trustedProxies: config.TRUSTED_PROXIES,
    evidence: { store, maxBytes: config.EVIDENCE_MAX_BYTES, uploadTtlMs: config.EVIDENCE_UPLOAD_TTL_HOURS * 3_600_000 },
    events,
    workerProcess: () => workerProcess,
    idempotency: { leaseMs: config.IDEMPOTENCY_LEASE_SECONDS * 1000, ttlMs: config.IDEMPOTENCY_TTL_HOURS * 3_600_000 },
    payments: { keys: config.PAYMENT_CALLBACK_KEYS, toleranceSeconds: config.PAYMENT_CALLBACK_TOLERANCE_SECONDS },
  });
  // Live events are kept three days for reconnecting clients; any replica may prune, idempotently.
  const prune = (): void => void pruneCaseEventLog(db, new Date(Date.now() - 3 * 24 * 3_600_000)).catch((err: Error) => log.warn({ err: err.message }, 'event log pruning failed'));
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();
  prune();
  // Expired Idempotency-Keys: any replica may prune, at once with others (rows locked SKIP LOCKED).
  const pruneKeys = (): void =>
    void pruneExpiredIdempotencyKeys(db)
      .then((removed) => removed > 0 && log.info({ removed }, 'expired Idempotency-Keys removed'))
      .catch((err: Error) => log.warn({ err: err.message }, 'pruning of expired Idempotency-Keys failed; retrying later'));
  pruneKeys();
  // The request audit's rows are chained after commit; any replica links any unit's (docs/adr/0173).
  const auditSweep = setInterval(() => sweepRequestAudits(db, log), REQUEST_AUDIT_SWEEP_MS);
  auditSweep.unref();
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  server.on('error', (err: NodeJS.ErrnoException) => {
    exitOnStartupError(err.code === 'EADDRINUSE' ? new StartupError(`Port ${config.PORT} is already in use; stop what holds it or set PORT to another port.`) : err);
  });
  server.on('listening', () => {
    log.info({ port: config.PORT, host: config.HOST }, 'api listening');
    reportReady();
  });
  const cleanup = setInterval(() => {
    cleanupExpiredUploads({ db, store })
      .then((removed) => removed > 0 && log.info({ removed }, 'expired evidence uploads removed'))
      .catch((err: Error) => log.warn({ err: err.message }, 'cleanup of expired evidence uploads failed; retrying later'));
    pruneKeys();
  }, UPLOAD_CLEANUP_INTERVAL_MS);
  cleanup.unref();
  let stopping = false;
  const shutdown = (signal: string): void => {
    // A terminal's Ctrl-C can arrive more than once (process group + relays); stop once.
    if (stopping) return;
    stopping = true;
    clearInterval(cleanup);
    log.info({ signal }, 'api stopping');
    clearInterval(pruneTimer);
    clearInterval(auditSweep);
    server.close(() => {
      void Promise.allSettled([temporal.connection.close(), db.destroy(), events.stop()]).then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Started by `npm start`: stop when the orchestrator goes away, however it went.
  process.on('disconnect', () => shutdown('parent exited'));
  // The channel must not keep the process alive on its own (listeners added above ref it).
  process.channel?.unref();
} catch (err) {
  exitOnStartupError(err);
}
