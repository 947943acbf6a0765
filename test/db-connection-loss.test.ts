/**
 * A PostgreSQL connection that breaks while a pool client is checked out (PostgreSQL killed or
 * restarted in the middle of a transaction) must fail that transaction, not the process. Found by
 * the chaos script (issue 13): the worker and the API died with "Unhandled 'error' event" on a pg
 * Client, because the pool listens for errors only on idle clients (brianc/node-postgres#2439).
 * Run in a child process: an unhandled 'error' event ends the process that owns the pool.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, runToEnd } from './run-process.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // Inside the checkout (git-ignored), so that the script finds the project's node_modules.
  await mkdir(path.join(ROOT, 'test', 'artifacts'), { recursive: true });
  dir = await mkdtemp(path.join(ROOT, 'test', 'artifacts', 'db-loss-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

it('fails the transaction whose connection is terminated between two of its statements, and the process goes on with a new connection', async () => {
  const script = path.join(dir, 'terminate.mts');
  await writeFile(
    script,
    `import { sql } from 'kysely';
import { createDb } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'db/database.ts')).href)};
const db = createDb({ url: process.env.TEST_DB_URL!, poolSize: 2 });
const admin = createDb({ url: process.env.TEST_DB_URL!, poolSize: 1 });
let outcome = 'committed';
try {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>\`select pg_backend_pid() as pid\`.execute(trx);
    await sql\`select pg_terminate_backend(\${rows[0]!.pid})\`.execute(admin);
    // The server's FATAL message and the end of the socket arrive while no statement is in flight.
    await new Promise((r) => setTimeout(r, 500));
    await sql\`select 1\`.execute(trx);
  });
} catch (err) {
  outcome = 'failed: ' + (err as Error).message;
}
const after = await sql<{ one: number }>\`select 1 as one\`.execute(db);
console.log(JSON.stringify({ outcome, after: after.rows[0] }));
await db.destroy();
await admin.destroy();
`,
  );
  const run = await runToEnd(script, { ...process.env, TEST_DB_URL: database.url }, 30_000);
  expect(run.output, run.output).not.toMatch(/Unhandled 'error' event/);
  expect(run.code, run.output).toBe(0);
  const result = JSON.parse(run.output.trim().split('\n').at(-1)!) as { outcome: string; after: { one: number } };
  expect(result.outcome).toMatch(/^failed: /);
  expect(result.after).toEqual({ one: 1 });
});
