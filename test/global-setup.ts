/**
 * Starts what the whole suite shares, once per `npm test`:
 *  - a real Temporal dev server (in memory, random port, headless) from the same resolver as
 *    `npm start`, with the INS search attributes;
 *  - PostgreSQL: `DATABASE_URL` when set, otherwise an embedded server in a temp folder; a template
 *    database with every migration applied, from which each test file copies a clean database;
 *  - the workflow bundle, built once instead of once per worker;
 *  - the web app in web/dist (built when missing or older than its sources) for the browser tests.
 */
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { freePort, startDevServer } from '../lib/dev-server.js';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../lib/embedded-pg.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { WORKFLOWS_PATH } from '../worker/worker.js';
import { ensureWebBuilt } from '../lib/web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCliPath: string;
    dbAdminUrl: string;
    dbTemplate: string;
    workflowBundlePath: string;
  }
}

function adminUrlFrom(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.pathname = '/postgres';
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ins-test-'));
  await chmod(tmp, 0o755);
  const log = (line: string): void => console.error(line);

  const cli = await resolveTemporalCli({ log });
  // A low continue-as-new threshold makes long-lived cases continue-as-new within a test.
  // Settled into a value at once, so a failed build is reported below rather than as an unhandled rejection.
  const webPromise = ensureWebBuilt({ log }).then(() => undefined, (err: unknown) => err);
  // dieWithParent: a run that fails here (before it hands back its teardown) or is killed leaves no server behind.
  const temporalPromise = startDevServer({ cliPath: cli.path, port: 0, dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 60 }, dieWithParent: true });

  let stopPg: (() => Promise<void>) | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = adminUrlFrom(process.env.DATABASE_URL);
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'postgres', ephemeral: true, log, dieWithParent: true });
    adminUrl = pg.adminUrl;
    stopPg = () => pg.stop();
  }
  const template = `ins_test_template_${process.pid}`;
  await dropDatabase(adminUrl, template);
  await ensureDatabase(adminUrl, template);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const db = createDb({ url: templateUrl.toString(), poolSize: 1 });
  await migrateToLatest(db);
  await seedReferenceData(db);
  await db.destroy();

  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { info() {}, warn() {}, error: log, debug() {}, trace() {}, log() {} } });
  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  await writeFile(bundlePath, bundle.code);

  const temporal = await temporalPromise;
  const webError = await webPromise;
  if (webError) throw webError;
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalCliPath', cli.path);
  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);
  project.provide('workflowBundlePath', bundlePath);

  return async () => {
    await temporal.stop();
    await dropDatabase(adminUrl, template).catch(() => undefined);
    await stopPg?.();
    await rm(tmp, { recursive: true, force: true });
  };
}
