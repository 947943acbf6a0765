/**
 * The Vietnamese procedures' deadlines that a test has to wait for, on the time-skipping test
 * server (test/timeskip-support.ts; docs/adr/0080), with the real calendar and deadline activity.
 * Every other path of these procedures is in test/vn-procedures.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCase } from '../api/services/cases.js';
import { latestPublishedVersion } from '../db/repositories/procedures.js';
import { completeStepUpdate } from '../workflows/case-messages.js';
import { INSPECTOR_A, key, newCaseId, TEAM_LEAD, view, waitFor } from './case-support.js';
import { createTestDatabase, type TestDatabase } from './support.js';
import { startTimeSkippingWorker, type TimeSkippingTemporal } from './timeskip-support.js';

let database: TestDatabase;
let temporal: TimeSkippingTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  temporal = await startTimeSkippingWorker({ db: database.db });
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

const PHOTO = { sha256: 'd'.repeat(64), name: 'hang-hoa.jpg', size: 2048, mime: 'image/jpeg' };

async function open(procedureId: string): Promise<string> {
  const caseId = newCaseId();
  const version = (await latestPublishedVersion(database.db, procedureId))!;
  await startCase(temporal.client, database.db, temporal.taskQueue, { caseId, procedureId, version, unitId: 'chi-cuc-ninh-binh', teamId: 'doi-1', title: 'Cửa hàng tạp hóa Minh An', startedBy: TEAM_LEAD });
  return caseId;
}

describe('paper-parallel mode', () => {
  it('escalates a paper case whose digital file is not complete within its deadline', async () => {
    const caseId = await open('ins-paper-file');
    const p1 = (await view(temporal.client, caseId)).state.open[0]!.deadline!;
    expect(p1).toMatchObject({ amount: 2, unit: 'working_days' });
    // An hour past the two working days (the director's rung comes 24 hours after the breach).
    await temporal.sleepUntil(Date.parse(p1.dueAt) + 3_600_000);
    const v = await waitFor(async () => {
      const s = await view(temporal.client, caseId);
      return s.overdue ? s : undefined;
    }, 20_000);
    expect(v.state.escalations.map((e) => `${e.kind}:${e.toRole}`)).toEqual(expect.arrayContaining(['WARN:INSPECTOR', 'ESCALATE:TEAM_LEAD']));
    const done = await temporal.client.workflow
      .getHandle(caseId)
      .executeUpdate(completeStepUpdate, { args: [{ actor: INSPECTOR_A, requestId: key(), stepId: 'P1', outcome: 'COMPLETE', data: { paperCaseRef: 'HS-GIAY-17', digitalCaseId: 'penalty/nb/2026/17' }, evidence: [PHOTO] }] });
    expect(done.status).toBe('CLOSED');
  });
});
