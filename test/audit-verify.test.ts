/**
 * The audit verifier finds an edited, a deleted and a reordered event, and names the first broken link.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAllAudits } from '../db/repositories/cases.js';
import { completeStepUpdate } from '../workflows/case-messages.js';
import { A1_FORM, compressedDeadlines, key, publishTestProcedures, startTestCase, TEAM_LEAD } from './case-support.js';
import { cleanEnv, runToEnd } from './run-process.js';
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
let temporal: TestTemporal;
const cases: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  temporal = await startTestWorker({ db: database.db }, compressedDeadlines(60_000));
  for (let i = 0; i < 4; i++) {
    const id = await startTestCase(temporal.client, database.db, temporal.taskQueue);
    await temporal.client.workflow.getHandle(id).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    cases.push(id);
  }
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

describe('the audit verifier', () => {
  it('passes intact chains, then finds an edited, a deleted and a reordered event', async () => {
    const clean = await runToEnd('scripts/audit-verify.ts', cleanEnv({ DATABASE_URL: database.url }));
    expect(clean.code).toBe(0);
    expect(clean.output).toMatch(/4 case audit chain\(s\) checked, 0 broken/);

    const [edited, deleted, reordered] = cases as [string, string, string];
    // Someone changes who completed a step…
    await sql`update audit_event set actor_id = 'someone-else' where case_id = ${edited} and seq = 3`.execute(database.db);
    // …removes an event…
    await sql`delete from audit_event where case_id = ${deleted} and seq = 2`.execute(database.db);
    // …or swaps two events.
    await sql`update audit_event set seq = -1 where case_id = ${reordered} and seq = 3`.execute(database.db);
    await sql`update audit_event set seq = 3 where case_id = ${reordered} and seq = 4`.execute(database.db);
    await sql`update audit_event set seq = 4 where case_id = ${reordered} and seq = -1`.execute(database.db);

    const { checked, broken } = await verifyAllAudits(database.db);
    expect(checked).toBe(4);
    const byCase = Object.fromEntries(broken.map((b) => [b.caseId, b]));
    expect(byCase[edited]).toEqual({ caseId: edited, seq: 3, reason: 'its content does not match its hash' });
    expect(byCase[deleted]).toEqual({ caseId: deleted, seq: 2, reason: 'event 2 is missing' });
    expect(byCase[reordered]).toMatchObject({ caseId: reordered, seq: 3 });
    expect(broken).toHaveLength(3);

    const report = await runToEnd('scripts/audit-verify.ts', cleanEnv({ DATABASE_URL: database.url }));
    expect(report.code).toBe(1);
    expect(report.output).toContain(`BROKEN ${edited}: event 3: its content does not match its hash`);
    expect(report.output).toMatch(/4 case audit chain\(s\) checked, 3 broken/);
  });
});
