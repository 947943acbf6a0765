/**
 * The audit verifier finds an edited, a deleted and a reordered event, and names the first broken
 * link; comparing each chain's head with its workflow's, it also finds a lost tail and a case
 * missing from the read model, which leave no broken link behind.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAllAudits } from '../db/repositories/cases.js';
import { caseStateQuery, completeStepUpdate } from '../workflows/case-messages.js';
import { compareAuditHeads } from '../lib/audit-heads.js';
import { A1_FORM, compressedDeadlines, key, projectionsSettled, publishTestProcedures, startTestCase, TEAM_LEAD } from './case-support.js';
import { cleanEnv, runToEnd } from './run-process.js';
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
let temporal: TestTemporal;
const cases: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await publishTestProcedures(database.db);
  temporal = await startTestWorker({ db: database.db }, compressedDeadlines(60_000));
  for (let i = 0; i < 6; i++) {
    const id = await startTestCase(temporal.client, database.db, temporal.taskQueue);
    await temporal.client.workflow.getHandle(id).executeUpdate(completeStepUpdate, { args: [{ actor: TEAM_LEAD, requestId: key(), stepId: 'A1', outcome: 'DECIDED', data: A1_FORM }] });
    cases.push(id);
  }
  // The workflows' own projections land before the read model is tampered with below (else one could write a deleted event again).
  await Promise.all(cases.map((id) => projectionsSettled(temporal.client, id)));
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

describe('the audit verifier', () => {
  it('passes intact chains, then finds an edited, a deleted and a reordered event', async () => {
    const env = cleanEnv({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: temporal.taskQueue });
    const clean = await runToEnd('scripts/audit-verify.ts', env);
    expect(clean.output).toMatch(/6 case audit chain\(s\) checked, 0 broken/);
    expect(clean.output).toMatch(/\b6 chain head\(s\) compared with their workflows, 0 broken, 0 not compared/);
    expect(clean.code).toBe(0);

    const [edited, deleted, reordered, truncated, vanished] = cases as [string, string, string, string, string];
    // Someone changes who completed a step…
    await sql`update audit_event set actor_id = 'someone-else' where case_id = ${edited} and seq = 3`.execute(database.db);
    // …removes an event…
    await sql`delete from audit_event where case_id = ${deleted} and seq = 2`.execute(database.db);
    // …or swaps two events.
    await sql`update audit_event set seq = -1 where case_id = ${reordered} and seq = 3`.execute(database.db);
    await sql`update audit_event set seq = 3 where case_id = ${reordered} and seq = 4`.execute(database.db);
    await sql`update audit_event set seq = 4 where case_id = ${reordered} and seq = -1`.execute(database.db);

    // …or cuts off a chain's tail (its links all still verify), or a whole case's.
    await sql`delete from audit_event where case_id = ${truncated} and seq >= 3`.execute(database.db);
    await sql`delete from audit_event where case_id = ${vanished}`.execute(database.db);
    await sql`delete from case_task where case_id = ${vanished}`.execute(database.db);
    await sql`delete from case_file where case_id = ${vanished}`.execute(database.db);

    const { checked, broken } = await verifyAllAudits(database.db);
    expect(checked).toBe(5);
    const byCase = Object.fromEntries(broken.map((b) => [b.caseId, b]));
    expect(byCase[edited]).toEqual({ caseId: edited, seq: 3, reason: 'its content does not match its hash' });
    expect(byCase[deleted]).toEqual({ caseId: deleted, seq: 2, reason: 'event 2 is missing' });
    expect(byCase[reordered]).toMatchObject({ caseId: reordered, seq: 3 });
    expect(broken).toHaveLength(3);

    const heads = await compareAuditHeads(database.db, temporal.client, { taskQueue: temporal.taskQueue, settleMs: 1_000 });
    const headOf = Object.fromEntries(heads.broken.map((b) => [b.caseId, b]));
    const seq = (await temporal.client.workflow.getHandle(truncated).query(caseStateQuery)).state.seq;
    expect(headOf[truncated]).toEqual({ caseId: truncated, seq: 3, reason: `events 3–${seq} are missing: the workflow's chain ends at ${seq}` });
    expect(headOf[vanished]).toMatchObject({ caseId: vanished, seq: 1 });
    // The edited event is the head of its chain: its hash no longer matches the workflow's.
    expect(Object.keys(headOf).sort()).toEqual([truncated, vanished, ...(headOf[edited] ? [edited] : [])].sort());
    expect(heads.notCompared).toEqual([]);

    const report = await runToEnd('scripts/audit-verify.ts', env);
    expect(report.code).toBe(1);
    expect(report.output).toContain(`BROKEN ${edited}: event 3: its content does not match its hash`);
    expect(report.output).toContain(`BROKEN ${truncated}: event 3: events 3–${seq} are missing`);
    expect(report.output).toMatch(/5 case audit chain\(s\) checked, 3 broken/);
    expect(report.output).toMatch(/6 chain head\(s\) compared with their workflows, [23] broken, 0 not compared/);

    const chainsOnly = await runToEnd('scripts/audit-verify.ts', cleanEnv({ DATABASE_URL: database.url }), 60_000, ['--chains-only']);
    expect(chainsOnly.output).toContain('chain heads not compared with the workflows (--chains-only)');
  });
});
