/**
 * Starts what the service-backed test projects share (integration, browser, e2e), once per run
 * however many of them run (vitest runs a project's global setup per project):
 *  - a real Temporal dev server (in memory, random port, headless) from the same resolver as
 *    `npm start`, with the INS search attributes;
 *  - PostgreSQL: `DATABASE_URL` when set, otherwise an embedded server in a temp folder; a template
 *    database with every migration applied, from which each test file copies a clean database;
 *  - the workflow bundle, built once instead of once per worker.
 * The web app is built by test/web-setup.ts, for the projects that serve it; the unit project
 * starts none of this.
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { startDevServer } from '../lib/dev-server.js';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../lib/embedded-pg.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';
import { buildWorkflowBundle } from '../lib/workflow-bundle.js';

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

interface Services {
  provided: Pick<ProvidedContext, 'temporalAddress' | 'temporalCliPath' | 'dbAdminUrl' | 'dbTemplate' | 'workflowBundlePath'>;
  stop: () => Promise<void>;
}

async function startServices(): Promise<Services> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ins-test-'));
  await chmod(tmp, 0o755);
  const log = (line: string): void => console.error(line);

  const cli = await resolveTemporalCli({ log });
  // A low continue-as-new threshold makes long-lived cases continue-as-new within a test.
  // dieWithParent: a run that fails here (before it hands back its teardown) or is killed leaves no server behind.
  const temporalPromise = startDevServer({ cliPath: cli.path, port: 0, dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 60 }, dieWithParent: true });

  let stopPg: (() => Promise<void>) | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = adminUrlFrom(process.env.DATABASE_URL);
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: 0, database: 'postgres', ephemeral: true, log, dieWithParent: true });
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

  // webpack's cache in node_modules/.cache, as other build tools keep theirs: a later run bundles unchanged code in about two seconds.
  const { path: bundlePath } = await buildWorkflowBundle({ outFile: path.join(tmp, 'workflow-bundle.js'), cacheDir: 'node_modules/.cache/ins-workflows', onError: log });

  const temporal = await temporalPromise;
  return {
    provided: { temporalAddress: temporal.address, temporalCliPath: cli.path, dbAdminUrl: adminUrl, dbTemplate: template, workflowBundlePath: bundlePath },
    stop: async () => {
      await temporal.stop();
      await dropDatabase(adminUrl, template).catch(() => undefined);
      await stopPg?.();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * The services of this run and how many projects use them. Every project's global setup runs in
 * vitest's main process but loads this file afresh, so the share lives on globalThis.
 */
const shared = globalThis as typeof globalThis & { insTestServices?: { services: Promise<Services>; users: number } };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.insTestServices ??= { services: startServices(), users: 0 };
  const entry = shared.insTestServices;
  entry.users++;
  const services = await entry.services;
  for (const [key, value] of Object.entries(services.provided) as [keyof Services['provided'], string][]) project.provide(key, value);
  return async () => {
    if (--entry.users > 0) return;
    delete shared.insTestServices;
    await services.stop();
  };
}
