/**
 * `npm start` end to end, as a user runs it: everything up on embedded defaults, the URLs printed,
 * /readyz 200, the Temporal Web UI answering, a workflow run by the system's own worker, a clean
 * stop on Ctrl-C, and a second start that finds the data the first one left.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from '../db/migrate.js';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import { freePort, isPortFree } from '../lib/dev-server.js';
import { canaryStateQuery, canaryWorkflow, confirmCanaryUpdate } from '../workflows/canary.js';
import { cleanEnv, startProcess, type Running } from './run-process.js';

let dataDir: string;
let env: NodeJS.ProcessEnv;
let ports: { app: number; temporal: number; ui: number; pg: number };
let running: Running | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ins-e2e-'));
  // mkdtemp makes the folder private; the embedded PostgreSQL runs as the postgres user and must reach it.
  await chmod(dataDir, 0o755);
  ports = { app: await freePort(), temporal: await freePort(), ui: await freePort(), pg: await freePort() };
  env = cleanEnv({
    DATA_DIR: dataDir,
    PORT: String(ports.app),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    EMBEDDED_PG_PORT: String(ports.pg),
    TEMPORAL_CLI_PATH: inject('temporalCliPath'),
    LOG_LEVEL: 'warn',
  });
});

afterAll(async () => {
  await running?.stop('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

/** A port that another process took between `freePort()` and the server's bind (other test files start servers on free ports too). */
const PORT_TAKEN = /is already in use|could not create any TCP\/IP sockets|address already in use|EADDRINUSE/i;

/** Fresh free ports for everything `npm start` binds. */
async function newPorts(): Promise<void> {
  ports = { app: await freePort(), temporal: await freePort(), ui: await freePort(), pg: await freePort() };
  env = { ...env, PORT: String(ports.app), TEMPORAL_PORT: String(ports.temporal), TEMPORAL_UI_PORT: String(ports.ui), EMBEDDED_PG_PORT: String(ports.pg) };
}

/** `npm start`, until it is ready; started again on new ports (up to three times) when a port it was given was taken meanwhile. */
async function startSystem(): Promise<Running> {
  for (let attempt = 1; ; attempt++) {
    const r = startProcess('scripts/start.ts', env);
    running = r;
    try {
      await r.waitFor(/Press Ctrl-C to stop\./, 180_000);
      return r;
    } catch (err) {
      if (attempt >= 3 || !PORT_TAKEN.test(r.output())) throw err;
      await r.stop('SIGKILL').catch(() => undefined);
      running = undefined;
      await newPorts();
    }
  }
}

async function stopSystem(r: Running): Promise<string> {
  const finished = await r.stop('SIGINT');
  running = undefined;
  expect(finished.code).toBe(0);
  expect(finished.output).toContain('INS stopped.');
  return finished.output;
}

async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
  try {
    return await fn(new Client({ connection }));
  } finally {
    await connection.close();
  }
}

async function canaryRow(workflowId: string): Promise<Record<string, unknown> | undefined> {
  const client = new pg.Client({ connectionString: `postgres://ins:ins-embedded@127.0.0.1:${ports.pg}/ins` });
  await client.connect();
  try {
    return (await client.query('select * from canary_run where workflow_id = $1', [workflowId])).rows[0] as Record<string, unknown> | undefined;
  } finally {
    await client.end();
  }
}

describe('npm start', () => {
  const workflowId = `canary/e2e/${Date.now()}`;

  it('starts everything, prints the URLs, is ready, runs a workflow and stops cleanly', async () => {
    const r = await startSystem();
    const out = r.output();
    const base = `http://127.0.0.1:${ports.app}`;
    expect(out).toContain(`App:          ${base}/`);
    expect(out).toContain(`API docs:     ${base}/api/docs`);
    expect(out).toContain(`Temporal UI:  http://127.0.0.1:${ports.ui}`);
    expect(out).toContain(`${Object.keys(MIGRATIONS).length} migration(s) applied`);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: { ok: true }, temporal: { ok: true }, worker: { ok: true }, events: { ok: true } } });
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    // The README's demo logins: the second admin, the national administrator and the second province's admin included.
    for (const username of ['quantri.minh', 'quantri.oanh', 'quocgia.thu', 'th.quantri']) {
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      expect(login.status, username).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);

    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/livez', '/readyz']));
    const docs = await fetch(`${base}/api/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    const home = await fetch(`${base}/`);
    expect(await home.text()).toContain('Quản lý thị trường');

    const missing = await fetch(`${base}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.requestId).toBe(missing.headers.get('x-request-id'));

    // The system's own worker (a separate process) runs the workflow and writes the read model.
    const state = await withClient(async (client) => {
      const handle = await client.workflow.start(canaryWorkflow, { workflowId, taskQueue: 'ins-cases', args: [{ waitMs: 600_000 }] });
      await handle.executeUpdate(confirmCanaryUpdate, { args: [{ by: 'e2e' }] });
      return handle.result();
    });
    expect(state.status).toBe('CONFIRMED');
    expect(await canaryRow(workflowId)).toMatchObject({ status: 'CONFIRMED', confirmed_by: 'e2e' });

    await stopSystem(r);
    // Everything it started is gone: the ports are free again (something listening on one, HTTP or not, would hold it).
    for (const port of Object.values(ports)) expect(await isPortFree(port), `port ${port}`).toBe(true);
  });

  it('starts again with the data the first run left, in Temporal and in PostgreSQL', async () => {
    // New ports (other test files may have taken the old ones meanwhile): the data lives in DATA_DIR.
    await newPorts();
    const r = await startSystem();
    expect(r.output()).toMatch(/0 migration\(s\) applied/);
    const described = await withClient(async (client) => {
      const handle = client.workflow.getHandle(workflowId);
      return { info: await handle.describe(), state: await handle.query(canaryStateQuery) };
    });
    expect(described.info.status.name).toBe('COMPLETED');
    expect(described.state.confirmedBy).toBe('e2e');
    expect(await canaryRow(workflowId)).toMatchObject({ status: 'CONFIRMED' });
    await stopSystem(r);
  });
});
