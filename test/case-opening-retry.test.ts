/**
 * Opening a case is applied once per intended action, like every other action: a retry of the same
 * request (same user, Idempotency-Key and body) after its first attempt started the case joins that
 * case instead of opening a second one. Found by the chaos script (issue 13): with the API killed,
 * or PostgreSQL lost (its lease not renewed) while a case was being opened, the retry that took the
 * key over — or the retry after "not known whether it was opened" — allocated a new case number,
 * and 17 of 100 intended cases were opened two or three times.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const UNIT = `op${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let closeApp: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close: closeApp } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
});
afterAll(async () => {
  await closeApp?.();
  await temporal?.shutdown();
  await database?.drop();
});

async function casesTitled(title: string): Promise<string[]> {
  const rows = await database.db.selectFrom('case_file').select('case_id').where('title', '=', title).orderBy('case_id').execute();
  return rows.map((r) => r.case_id);
}

describe('a case opening retried with the same Idempotency-Key after its first attempt started the case', () => {
  it('joins the case when the process that held the key died before storing the answer (the retry takes the key over)', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const key = `k-${randomUUID()}`;
    const title = `Tin báo ${randomUUID().slice(0, 8)}`;
    const first = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // As if the API process had died after starting the workflow: no answer stored, the lease run out.
    await database.db
      .updateTable('idempotency_key')
      .set({ status: null, response: null, content_type: null, lease_expires_at: new Date(Date.now() - 1_000) })
      .where('key', '=', key)
      .execute();
    const retry = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body.caseId).toBe(first.body.caseId);
    expect(await casesTitled(title)).toEqual([first.body.caseId]);
  });

  it('joins the case when the first attempt was answered with an error (its key freed) after the case had started', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const key = `k-${randomUUID()}`;
    const title = `Tin báo ${randomUUID().slice(0, 8)}`;
    const first = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    // As if the answer had been a 503 "not known whether it was opened": a failed request frees its key.
    await database.db.deleteFrom('idempotency_key').where('key', '=', key).execute();
    const retry = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body.caseId).toBe(first.body.caseId);
    expect(await casesTitled(title)).toEqual([first.body.caseId]);
  });

  it('still opens a new case for a new key, and for the same key sent by another user', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const director = await signIn(app, 'chicuctruong.hai');
    const key = `k-${randomUUID()}`;
    const title = `Tin báo ${randomUUID().slice(0, 8)}`;
    const a = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title }, { 'idempotency-key': key });
    const b = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title });
    const c = await callAs(app, director, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title, teamId: `${UNIT}-doi-1` }, { 'idempotency-key': key });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.caseId, b.body.caseId, c.body.caseId]).size).toBe(3);
    expect(await casesTitled(title)).toHaveLength(3);
  });
});
