/**
 * The worker process (`npm run worker`): runs workflows and activities from the task queue.
 * Stateless: scale it with more replicas.
 */
import { assertDbReachable, createDb } from '../db/database.js';
import { exitOnStartupError } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { reportReady } from '../lib/process-messages.js';
import { connectClient, connectWorker } from '../lib/temporal.js';
import { setFlagsFromString } from 'node:v8';
import { loadWorkerConfig, workflowCacheSize, workflowHeapMb } from './config.js';
import { ensureMaintenanceSchedule, ensureNotificationMailSchedule, ensurePartyMessagesSchedule, ensurePaymentReconciliationSchedule } from './maintenance.js';
import { createSmtpMailer } from '../lib/mailer.js';
import { emailPartySender, httpGatewaySender, type TPartySenders } from '../lib/party-senders.js';
import { createInsWorker } from './worker.js';
import { documentFontFiles } from '../lib/documents/pdf.js';
import { loadSigningIdentity } from '../lib/documents/sign.js';
import { rebuildStaleFacts } from '../db/repositories/statistics.js';

try {
  const config = loadWorkerConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: 'worker' });
  // The SDK's own logs (bundler output, worker state) go through pino; INFO is chatty, so WARN unless debugging.
  const sdkLevel: LogLevel = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN';
  const levels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
  Runtime.install({
    logger: new DefaultLogger(sdkLevel, (entry) => log[levels[entry.level]]({ ...entry.meta, sdk: true }, entry.message)),
  });
  const db = createDb({
    url: config.DATABASE_URL,
    poolSize: config.DB_POOL_SIZE,
    applicationName: 'ins-worker',
    onIdleError: (err) => log.warn({ err: err.message }, 'idle database connection lost'),
  });
  await assertDbReachable(db, config.DATABASE_URL, 'DATABASE_URL');
  // The papers INS issues (docs/documents.md): the font checked now, not at the first decision; the unit's certificate if configured.
  documentFontFiles();
  const signer = await loadSigningIdentity(config);
  if (!signer) log.warn('INS_SIGNING_P12 not set: decisions are issued without a digital signature');
  else log.info({ commonName: signer.commonName, notAfter: signer.notAfter.toISOString() }, 'decisions are signed with this certificate');
  const connection = await connectWorker(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  // A client for the maintenance activities (visibility) and the maintenance schedule.
  const temporal = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  await ensureMaintenanceSchedule(temporal, config.TEMPORAL_TASK_QUEUE);
  await ensurePaymentReconciliationSchedule(temporal, config.TEMPORAL_TASK_QUEUE);
  const mailer = config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM) : undefined;
  if (mailer) await ensureNotificationMailSchedule(temporal, config.TEMPORAL_TASK_QUEUE);
  else log.info('SMTP_URL not set: notifications are not e-mailed');
  const partySenders: TPartySenders = {
    ...(mailer ? { EMAIL: emailPartySender(mailer) } : {}),
    ...(config.SMS_GATEWAY_URL && config.MESSAGE_GATEWAY_TOKEN ? { SMS: httpGatewaySender('SMS', config.SMS_GATEWAY_URL, config.MESSAGE_GATEWAY_TOKEN) } : {}),
    ...(config.ZALO_GATEWAY_URL && config.MESSAGE_GATEWAY_TOKEN ? { ZALO: httpGatewaySender('ZALO', config.ZALO_GATEWAY_URL, config.MESSAGE_GATEWAY_TOKEN) } : {}),
  };
  const partyChannels = Object.keys(partySenders);
  if (partyChannels.length) await ensurePartyMessagesSchedule(temporal, config.TEMPORAL_TASK_QUEUE);
  else log.info('no sender for parties (SMTP_URL, SMS_GATEWAY_URL, ZALO_GATEWAY_URL): parties are not messaged');
  // The workflow thread the SDK starts next takes its heap limit from this flag (a thread's isolate
  // reads it when it is created; this process's own heap keeps its limit): the budget bounds the
  // cached workflows' memory and garbage alike (docs/adr/0174).
  setFlagsFromString(`--max-old-space-size=${workflowHeapMb(config)}`);
  const worker = await createInsWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: {
      db,
      temporal,
      documents: { publicBaseUrl: config.PUBLIC_BASE_URL, ...(signer ? { signer } : {}) },
      ...(mailer ? { mail: { mailer, publicBaseUrl: config.PUBLIC_BASE_URL, digestHour: config.DIGEST_HOUR } } : {}),
      ...(partyChannels.length ? { partyMessages: { senders: partySenders, publicBaseUrl: config.PUBLIC_BASE_URL } } : {}),
    },
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxCachedWorkflows: workflowCacheSize(config),
    ...(config.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } } : {}),
  });
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE, cachedWorkflows: workflowCacheSize(config), workflowHeapMb: workflowHeapMb(config) }, 'worker polling');
  // Started by `npm start`: stop when the orchestrator goes away, however it went (then Temporal
  // goes too, so the drain is bounded: after the grace time the process ends regardless).
  process.on('disconnect', () => {
    log.info('orchestrator gone; worker stopping');
    if (worker.getState() === 'RUNNING') worker.shutdown();
    setTimeout(() => process.exit(0), 15_000).unref();
  });
  // The channel must not keep the process alive on its own (the listener above refs it).
  process.channel?.unref();
  reportReady();
  // Cases whose statistics' facts an older derivation wrote (or none: cases from before the
  // statistics) get them again from their stored snapshots, in the background (docs/adr/0159).
  // Safe with several workers doing it at once: each case is rewritten under its row lock.
  void (async () => {
    let total = 0;
    for (let n = await rebuildStaleFacts(db); n > 0; n = await rebuildStaleFacts(db)) total += n;
    if (total) log.info({ cases: total }, "statistics' facts derived again");
  })().catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "statistics' facts not derived again; the next start tries again"));
  // Worker.run() installs its own SIGINT/SIGTERM handling and drains in-flight tasks.
  await worker.run();
  mailer?.close();
  await temporal.connection.close();
  await connection.close();
  await db.destroy();
  log.info('worker stopped');
} catch (err) {
  exitOnStartupError(err);
}
