/**
 * The API with Temporal out of reach (a port where nothing listens): what needs the engine answers
 * 503 UNAVAILABLE, never 500, and changes nothing; what the read model holds is
 * still served. (The campaign routes' own 503 messages are tested in test/campaigns.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { freePort } from '../lib/dev-server.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase } from './support.js';

const UNIT = `td${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  port = await freePort();
  ({ app, close } = await createTestApp(database.db, { temporalAddress: `127.0.0.1:${port}` }));
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

describe('the API with Temporal out of reach', () => {
  it('answers 503 to opening a case, says it is not known whether it was opened (never "nothing was changed") without naming the server’s address, opens nothing, and still lists the cases of the read model', async () => {
    const lead = await signIn(app, 'doitruong.cuong');
    const opened = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo khi Temporal không kết nối được' });
    expect([opened.status, opened.body.error.code]).toEqual([503, 'UNAVAILABLE']);
    // A lost connection cannot tell whether the start reached Temporal; Temporal could not be asked afterwards either.
    expect(opened.body.error.message).toMatch(
      /^Temporal could not be reached while case tip\/.+ was being opened, so it is not known whether it was opened; send the same request again with the same Idempotency-Key: the case is opened at most once\.$/,
    );
    // What failed and where (the server's address) goes to the log only.
    for (const leak of ['127.0.0.1', String(port), 'ECONNREFUSED', 'UNAVAILABLE:']) expect(JSON.stringify(opened.body), leak).not.toContain(leak);
    expect(opened.body.error.requestId).toEqual(expect.any(String));
    expect(await database.db.selectFrom('case_file').select('case_id').where('unit_id', '=', UNIT).execute()).toEqual([]);

    const list = await callAs(app, lead, 'GET', '/api/v1/cases');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });
});
