/**
 * The evidence a step's completion names is the evidence stored for the case's unit: a made-up
 * SHA-256, a file another unit uploaded or a reference whose size or type differs from the stored
 * file's is refused before anything reaches the workflow. And a case is bounded: a step takes at
 * most its procedure's number of references (100 by default), so a step with a hundred photos is
 * accepted and reaches the read model and the live stream (its event passed PostgreSQL's
 * NOTIFY limit before, and froze the case's read model), and the 101st is refused.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createTeam, createUnit, createUser } from '../db/repositories/people.js';
import { getCaseRow } from '../db/repositories/cases.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { caseStateQuery } from '../workflows/case-messages.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';
import { waitFor } from './case-support.js';

const UNIT = `ev${randomUUID().slice(0, 6)}`;
const OTHER = `eo${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let evidenceDir: string;
const sessions = new Map<string, TTestSession>();
const as = (username: string) => sessions.get(username)!;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT thành phố Hà Nội', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội QLTT số 1' });
  await createUser(database.db, { id: 'hn.kiemsoat', username: 'hn.kiemsoat', displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: OTHER, teamId: `${OTHER}-doi-1` });
  temporal = await startTestWorker({ db: database.db });
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-evidence-refs-'));
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 1_000_000 } }));
  for (const u of ['kiemsoat.an', 'doitruong.cuong', 'hn.kiemsoat']) sessions.set(u, await signIn(app, u));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

/** A small real JPEG (the store sniffs the type from the bytes). */
function jpeg(seed: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.from(seed), Buffer.from([0xff, 0xd9])]);
}

async function upload(username: string, content: Buffer, name: string): Promise<{ sha256: string; name: string; size: number; mime: string }> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const s = as(username);
  const res = await app.request('/api/v1/evidence', {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'image/jpeg', 'x-file-name': encodeURIComponent(name) },
    body: content,
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  const body = (await res.json()) as { sha256: string; size: number; mime: string };
  expect(body.sha256).toBe(sha256);
  return { sha256, name, size: body.size, mime: body.mime };
}

/** A tip, logged and found in scope: step C3 (verification, with evidence) is open for the inspector. */
async function tipAtVerification(): Promise<string> {
  const opened = await callAs(app, as('kiemsoat.an'), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo: kho hàng giả' });
  expect(opened.status).toBe(201);
  const caseId = opened.body.caseId as string;
  const c1 = await callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/complete`, {
    outcome: 'LOGGED',
    data: { channel: 'HOTLINE', content: 'Kho chứa rượu giả', target: 'Kho số 3', place: 'Tam Điệp' },
  });
  expect(c1.status, JSON.stringify(c1.body)).toBe(200);
  const c2 = await callAs(app, as('doitruong.cuong'), 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C2/complete`, { outcome: 'IN_SCOPE', data: {} });
  expect(c2.status, JSON.stringify(c2.body)).toBe(200);
  return caseId;
}

const verify = (caseId: string, data: Record<string, unknown>, evidence?: unknown[]) =>
  callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C3/complete`, {
    outcome: 'VERIFIED',
    data: { verificationReport: 'Đã xác minh tại kho', ...data },
    ...(evidence ? { evidence } : {}),
  });

async function completedSteps(caseId: string): Promise<string[]> {
  const v = await temporal.client.workflow.getHandle(caseId).query(caseStateQuery);
  return v.state.completed.map((c) => c.stepId);
}

describe('evidence references', () => {
  it('are refused when no such file is stored, another unit stored it, or it differs from the stored file; nothing changes', async () => {
    const caseId = await tipAtVerification();
    const own = await upload('kiemsoat.an', jpeg(`own-${randomUUID()}`), 'kho-hang.jpg');
    const foreign = await upload('hn.kiemsoat', jpeg(`foreign-${randomUUID()}`), 'kho-ha-noi.jpg');

    const madeUp = await verify(caseId, { evidence: [own, { ...own, sha256: 'c'.repeat(64) }] });
    expect(madeUp.status).toBe(422);
    expect(madeUp.body.error).toMatchObject({ code: 'EVIDENCE_UNKNOWN', details: [{ path: 'data.evidence.1', message: expect.stringMatching(/upload the file first/) }] });

    const otherUnit = await verify(caseId, {}, [foreign]);
    expect(otherUnit.status).toBe(422);
    expect(otherUnit.body.error).toMatchObject({ code: 'EVIDENCE_UNKNOWN', details: [{ path: 'evidence.0' }] });

    const resized = await verify(caseId, {}, [{ ...own, size: own.size + 1 }]);
    expect(resized.status).toBe(422);
    expect(resized.body.error.message).toMatch(/^evidence\.0: does not match the stored file/);
    const retyped = await verify(caseId, {}, [{ ...own, mime: 'application/pdf' }]);
    expect(retyped.body.error.code).toBe('EVIDENCE_UNKNOWN');

    expect(await completedSteps(caseId)).toEqual(['C1', 'C2']);
    const done = await verify(caseId, { evidence: [own] }, [own]);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await completedSteps(caseId)).toEqual(['C1', 'C2', 'C3']);
  });

  it('are at most 100 in a step: 100 photos reach the read model, 101 are refused with LIMIT_EXCEEDED', async () => {
    const caseId = await tipAtVerification();
    const photo = await upload('kiemsoat.an', jpeg(`many-${randomUUID()}`), 'hien-truong.jpg');
    const over = await verify(caseId, { evidence: Array(50).fill(photo) }, Array(51).fill(photo));
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'step.evidence', max: 100, actual: 101 } });
    const done = await verify(caseId, { evidence: Array(50).fill(photo) }, Array(50).fill(photo));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const row = await waitFor(async () => {
      const r = await getCaseRow(database.db, caseId);
      return r?.current_steps.includes('C4') ? r : undefined;
    });
    expect(row.state_seq).toBe((await temporal.client.workflow.getHandle(caseId).query(caseStateQuery)).state.seq);
  });
});
