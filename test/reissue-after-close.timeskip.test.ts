/**
 * A closed case waits 90 days for the papers it could not issue (docs/adr/0199), on the
 * time-skipping test server (test/timeskip-support.ts): within them a paper is issued again
 * (test/documents.test.ts shows it with the archive package made again); after them the case's
 * workflow ends by itself, the API no longer offers to issue it, and asking is refused as on any
 * ended case.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { createActivities } from '../activities/index.js';
import { vietnamDateOf } from '../domain/calendar.js';
import { seedDemoData } from '../db/demo-data.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase, type TTestSession } from './support.js';
import { breakTemplates } from './template-support.js';
import { startTimeSkippingWorker, type TimeSkippingTemporal } from './timeskip-support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const DAY = 86_400_000;
let database: TestDatabase;
let temporal: TimeSkippingTemporal;
let api: { app: InsApp; close: () => Promise<void> };
let lead: TTestSession;
let director: TTestSession;
/** While set, the archive package fails as a template that cannot be filled does (the closing step's own paper). */
let archiveFails = false;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  // The real activities, made once the worker's client exists (the override runs only later).
  const real: { activities?: ReturnType<typeof createActivities> } = {};
  temporal = await startTimeSkippingWorker(
    { db: database.db },
    {
      async issueDocument(input) {
        if (archiveFails && input.type === 'CASE_FILE') throw ApplicationFailure.nonRetryable('injected: the archive package could not be made', 'DOCUMENT_TEMPLATE');
        return real.activities!.issueDocument(input);
      },
    },
  );
  real.activities = createActivities({ db: database.db, temporal: temporal.client });
  api = await createTestApp(database.db, { taskQueue: temporal.taskQueue, temporal: temporal.client });
  lead = await signIn(api.app, 'doitruong.cuong');
  director = await signIn(api.app, 'chicuctruong.hai');
});
afterAll(async () => {
  await api?.close();
  await temporal?.shutdown();
  await database?.drop();
});

const enc = encodeURIComponent;
const papersOf = async (caseId: string) =>
  (await callAs(api.app, director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body as {
    documents: Array<{ type: string }>;
    notIssued: Array<{ seq: number; type: string }>;
    reissueOpen: boolean;
  };

/** A penalty case of the team lead's, taken to its close (B17) on `today`; its id. */
async function closedPenalty(today: string, name: string): Promise<string> {
  const created = await callAs(api.app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: `Hộ kinh doanh ${name}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.caseId as string;
  const step = async (s: TTestSession, stepId: string, outcome: string, data: Record<string, unknown> = {}) => {
    const r = await callAs(api.app, s, 'POST', `/api/v1/cases/${enc(caseId)}/steps/${stepId}/complete`, { outcome, data });
    expect(r.status, `${stepId}: ${JSON.stringify(r.body)}`).toBe(200);
  };
  await step(lead, 'B1', 'RECORDED', {
    recordedAt: today,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An',
    violatorName: name,
    offenderType: 'INDIVIDUAL',
    violationDate: today,
    violationPlace: 'Chợ Hoa Lư, Ninh Bình',
    acts: [{ violation: 'ND98/2020:17.1.c', description: 'Kinh doanh 40 hộp bánh không rõ nguồn gốc, xuất xứ' }],
    violatorSigned: true,
  });
  await step(director, 'B3', 'NO_EXPLANATION_RIGHT');
  await step(director, 'B6', 'DECIDED', { decisionDate: today, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 });
  await step(lead, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: today });
  await step(lead, 'B9', 'PAID', { receiptNo: 'BL-9', paidAmount: 400_000, paidDate: today });
  await step(director, 'B17', 'CLOSED', { nationalDbUpdated: true });
  return caseId;
}

describe('a closed case’s paper not issued', () => {
  it('can be issued again for 90 days after the close; then the case ends and it is made by hand', async () => {
    const today = vietnamDateOf(new Date(await temporal.now()));
    // Every published sanction decision template stops validating (an administrator's defect that only issuing finds).
    const mend = await breakTemplates(database.db, 'SANCTION_DECISION');
    let caseId: string;
    try {
      caseId = await closedPenalty(today, 'Vì Văn Khoa');
    } finally {
      await mend();
    }

    const papers = () => papersOf(caseId);
    const waiting = await papers();
    expect(waiting.notIssued).toEqual([expect.objectContaining({ type: 'SANCTION_DECISION' })]);
    expect(waiting.reissueOpen).toBe(true);
    const handle = temporal.client.workflow.getHandle(caseId);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // 89 days on it still waits; past the 90th it has ended by itself, the paper still listed as not issued.
    const closedAt = await temporal.now();
    await temporal.sleepUntil(closedAt + 89 * DAY);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await temporal.sleepUntil(closedAt + 91 * DAY);
    const result = (await handle.result()) as { closeOutcome: string };
    expect(result.closeOutcome).toBe('CLOSED');
    const ended = await papers();
    expect(ended.notIssued).toEqual(waiting.notIssued);
    expect(ended.reissueOpen).toBe(false);
    const late = await callAs(api.app, director, 'POST', `/api/v1/cases/${enc(caseId)}/documents/not-issued/${waiting.notIssued[0]!.seq}/reissue`);
    expect(late.status, JSON.stringify(late.body)).toBe(409);
    expect(late.body.error.code).toBe('CASE_CLOSED');
  });

  it('is known when the closing step’s own paper fails: the archive package that could not be made at the close is made once mended', async () => {
    const today = vietnamDateOf(new Date(await temporal.now()));
    archiveFails = true;
    let caseId: string;
    try {
      caseId = await closedPenalty(today, 'Lò Thị Mai');
    } finally {
      archiveFails = false;
    }
    const handle = temporal.client.workflow.getHandle(caseId);
    const waiting = await papersOf(caseId);
    expect(waiting.notIssued).toEqual([expect.objectContaining({ stepId: 'B17', type: 'CASE_FILE' })]);
    expect(waiting.reissueOpen).toBe(true);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const again = await callAs(api.app, director, 'POST', `/api/v1/cases/${enc(caseId)}/documents/not-issued/${waiting.notIssued[0]!.seq}/reissue`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    await handle.result();
    const done = await papersOf(caseId);
    expect(done.notIssued).toEqual([]);
    expect(done.documents.map((d) => d.type)).toEqual(['VIOLATION_RECORD', 'SANCTION_DECISION', 'CASE_FILE']);
  });
});
