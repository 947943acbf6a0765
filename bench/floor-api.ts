/**
 * The floor of the step benchmark (bench/steps.ts): the least an HTTP service in front of Temporal
 * can do per action, on this stack, measured beside INS's API and raw Temporal in the same run. It is
 * not INS; it answers "how close to raw can any API get here?", so that INS's ratio is read against
 * what is reachable, not only against raw Temporal (issue 19).
 *
 * One process (a child of the benchmark, its CPU counted as `floor`), Hono on @hono/node-server as
 * INS's API is, a Temporal client, a `pg` pool with prepared statements:
 *
 * - `POST /bare/:workflowId`: the raw workflow's Update (bench/raw-workflow.ts), its answer as JSON.
 *   The HTTP layer alone.
 * - `POST /kept/:workflowId`: the same with what no design of INS can drop: the caller's session read
 *   (one indexed statement: who acts, and that the session holds), then, after the Update, its answer
 *   written in one statement (auto-committed, synchronous commit): the durable record that the
 *   caller's next read is served from. INS makes five round trips per action (the session, the
 *   key's claim with the case's visibility, then the projection's transaction: its `begin` with the
 *   first statement, which also writes the request audit and the key's answer, the second, `commit`:
 *   bench/README.md); this makes two.
 * - `POST /seven/:workflowId`: the same, sending the statements of INS's API in their shape and order
 *   since docs/adr/0200–0202 — the session read, the key's claim (committed without waiting for the
 *   disk), then after the Update a transaction (`begin`, the audit event with the case row, the
 *   request's audit row and the key's answer, the open task with a live event, no NOTIFY, `commit`)
 *   — on tables of the same kind, with an answer of INS's size. What those round trips cost, apart
 *   from INS's own request handling. Its `begin` goes on its own: since docs/adr/0203 INS sends it
 *   with the first statement, so this makes one round trip more than INS.
 *
 * Environment: FLOOR_PORT, TEMPORAL_ADDRESS, DATABASE_URL. Reports ready over IPC as the API does.
 */
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { Hono } from 'hono';
import pg from 'pg';
import { reportReady } from '../lib/process-messages.js';
import { FLOOR_SESSION } from './floor-session.js';
import { bumpUpdate } from './raw-workflow.js';

const port = Number(process.env.FLOOR_PORT);
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
const client = new Client({ connection, namespace: 'default' });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'ins-bench-floor' });
await pool.query(`create table if not exists bench_floor_session (token text primary key, user_id text not null, expires_at timestamptz not null)`);
await pool.query(
  `create table if not exists bench_floor_answer (request_id text primary key, workflow_id text not null, user_id text not null, answer jsonb not null, at timestamptz not null default now())`,
);
await pool.query(`insert into bench_floor_session values ($1, 'kiemsoat.an', now() + interval '1 day') on conflict (token) do update set expires_at = excluded.expires_at`, [FLOOR_SESSION]);

const SESSION = { name: 'floor_session', text: 'select user_id from bench_floor_session where token = $1 and expires_at > now()' };
const ANSWER = { name: 'floor_answer', text: 'insert into bench_floor_answer (request_id, workflow_id, user_id, answer) values ($1, $2, $3, $4)' };

await pool.query(`create table if not exists bench_floor_key (key text primary key, owner text not null, answer jsonb, at timestamptz not null default now())`);
await pool.query(`create table if not exists bench_floor_case (case_id text primary key, seq int not null, snapshot jsonb not null)`);
await pool.query(`create table if not exists bench_floor_event (case_id text not null, seq int not null, detail jsonb not null, primary key (case_id, seq))`);
await pool.query(`create table if not exists bench_floor_task (case_id text not null, step text not null, assignee text, primary key (case_id, step))`);
await pool.query(`create table if not exists bench_floor_live (pos bigserial primary key, case_id text not null, payload jsonb not null)`);
await pool.query(`create table if not exists bench_floor_audit (id bigserial primary key, request_id text not null, user_id text not null, status int not null)`);
const CLAIM = {
  name: 'f7_claim',
  text: "insert into bench_floor_key (key, owner) values ($1, $2) on conflict (key) do nothing returning key, set_config('synchronous_commit', 'off', true)",
};
const FIRST = {
  name: 'f7_first',
  text:
    'with k as (update bench_floor_key set answer = $8 where key = $5), a as (insert into bench_floor_audit (request_id, user_id, status) values ($5, $6, $7)), e as (insert into bench_floor_event values ($1, $2, $3)) ' +
    'insert into bench_floor_case values ($1, $2, $4) on conflict (case_id) do update set seq = excluded.seq, snapshot = excluded.snapshot returning seq',
};
const SECOND = {
  name: 'f7_second',
  text: "with t as (insert into bench_floor_task values ($1, 'B1', $2) on conflict (case_id, step) do update set assignee = excluded.assignee) insert into bench_floor_live (case_id, payload) values ($1, $3) returning pos",
};

/** The user of the session the `s` cookie names, if it holds: one indexed statement. */
async function sessionUser(cookie: string | undefined): Promise<string | undefined> {
  const token = /(?:^|;\s*)s=([^;]+)/.exec(cookie ?? '')?.[1];
  return token ? (await pool.query<{ user_id: string }>({ ...SESSION, values: [token] })).rows[0]?.user_id : undefined;
}

/** The raw workflow's Update, as the benchmark's raw clients send it. */
const bump = (workflowId: string, requestId: string): Promise<number> => client.workflow.getHandle(workflowId).executeUpdate(bumpUpdate, { args: [{ by: 1, requestId }], updateId: requestId });

const app = new Hono();
app.post('/seven/:workflowId', async (c) => {
  const userId = await sessionUser(c.req.header('cookie'));
  if (!userId) return c.json({ error: 'UNAUTHENTICATED' }, 401);
  const workflowId = c.req.param('workflowId');
  const requestId = crypto.randomUUID();
  await pool.query({ ...CLAIM, values: [requestId, userId] });
  const count = await bump(workflowId, requestId);
  const snapshot = JSON.stringify({ count, padding: 'x'.repeat(2500) });
  const conn = await pool.connect();
  try {
    await conn.query('begin');
    await conn.query({ ...FIRST, values: [workflowId, count, JSON.stringify({ action: 'CLAIM', requestId }), snapshot, requestId, userId, 200, JSON.stringify({ count })] });
    await conn.query({ ...SECOND, values: [workflowId, userId, JSON.stringify({ seq: count })] });
    await conn.query('commit');
  } catch (e) {
    await conn.query('rollback');
    throw e;
  } finally {
    conn.release();
  }
  return c.json({ count });
});
app.post('/bare/:workflowId', async (c) => {
  const requestId = crypto.randomUUID();
  const count = await bump(c.req.param('workflowId'), requestId);
  return c.json({ count });
});
app.post('/kept/:workflowId', async (c) => {
  const userId = await sessionUser(c.req.header('cookie'));
  if (!userId) return c.json({ error: 'UNAUTHENTICATED' }, 401);
  const workflowId = c.req.param('workflowId');
  const requestId = crypto.randomUUID();
  const count = await bump(workflowId, requestId);
  await pool.query({ ...ANSWER, values: [requestId, workflowId, userId, JSON.stringify({ count })] });
  return c.json({ count });
});

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => reportReady());
