/**
 * The supervisor console's reads — the field activity and the team workload — scoped like cases,
 * and evidence that announces its arrival in a case: on the live stream and in the activity, with
 * its name and type, before any step uses it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { CaseEventHub } from '../lib/case-events.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { callAs, createTestApp, createTestDatabase, readCaseEvents as readEvents, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let hub: CaseEventHub;
let app: InsApp;
let close: () => Promise<void>;
let evidenceDir: string;
const sessions = new Map<string, TTestSession>();
const as = (username: string) => sessions.get(username)!;

interface TActivity {
  id: string;
  caseId: string;
  caseTitle: string;
  actions: { action: string; stepId: string | null; actorId: string; evidence: { sha256: string; name: string; mime: string; size: number }[] }[];
}
interface TWorkTask {
  caseId: string;
  stepId: string;
  roles: string[];
  teamId: string;
  assigneeId: string | null;
  overdue: boolean;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  hub = new CaseEventHub(database.url);
  await hub.start();
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-supervision-'));
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, events: hub, evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 1_000_000 } }));
  for (const u of ['kiemsoat.an', 'kiemsoat.binh', 'doitruong.cuong', 'doitruong.dung', 'chicuctruong.hai', 'phapche.lan']) sessions.set(u, await signIn(app, u));
});
afterAll(async () => {
  await hub?.stop();
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

async function openTip(username: string, title: string): Promise<string> {
  const r = await callAs(app, as(username), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title });
  expect(r.status).toBe(201);
  return r.body.caseId as string;
}

async function activity(username: string, query = ''): Promise<{ status: number; items: TActivity[]; lastEventId: string | null }> {
  const r = await callAs(app, as(username), 'GET', `/api/v1/supervision/activity${query}`);
  return { status: r.status, items: r.body.items, lastEventId: r.body.lastEventId };
}

/** A whole file sent through the resumable protocol in one chunk; `finalize` is the finalize query. */
async function upload(username: string, content: Buffer, name: string, mime: string, finalize = ''): Promise<{ id: string; sha256: string; finalized: Awaited<ReturnType<typeof callAs>> }> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const created = await callAs(app, as(username), 'POST', '/api/v1/evidence/uploads', { name, mime, size: content.length, sha256 });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const s = as(username);
  const chunk = await app.request(`/api/v1/evidence/uploads/${id}`, {
    method: 'PATCH',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(content.length) },
    body: content,
  });
  expect(chunk.status).toBe(200);
  const finalized = await callAs(app, s, 'POST', `/api/v1/evidence/uploads/${id}/finalize${finalize}`);
  return { id, sha256, finalized };
}

async function eventually<T>(fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the supervisor console’s reads', () => {
  it('shows a team lead the activity of the team’s cases only, a director the unit’s, and refuses inspectors', async () => {
    const own = await openTip('kiemsoat.an', 'Tin báo: quầy thuốc lá lậu ở chợ Rồng');
    const other = await openTip('kiemsoat.binh', 'Tin báo: kho hàng giả ở Tam Điệp');
    const done = await callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/cases/${encodeURIComponent(own)}/steps/C1/complete`, {
      outcome: 'LOGGED',
      data: { channel: 'HOTLINE', content: 'Bán thuốc lá không tem', target: 'Quầy số 12', place: 'Chợ Rồng' },
    });
    expect(done.status).toBe(200);

    const lead = await eventually(async () => {
      const a = await activity('doitruong.cuong');
      return a.items.some((i) => i.caseId === own && i.actions.some((x) => x.action === 'STEP_COMPLETED' && x.stepId === 'C1')) ? a : undefined;
    });
    expect(lead.status).toBe(200);
    expect(lead.items.every((i) => i.caseId !== other)).toBe(true);
    const completed = lead.items.find((i) => i.actions.some((x) => x.action === 'STEP_COMPLETED'))!;
    expect(completed.caseTitle).toBe('Tin báo: quầy thuốc lá lậu ở chợ Rồng');
    expect(completed.actions.find((x) => x.action === 'STEP_COMPLETED')!.actorId).toBe('kiemsoat.an');
    // Newest first, and the stream goes on from the newest id in the log.
    expect(lead.items.map((i) => BigInt(i.id))).toEqual([...lead.items.map((i) => BigInt(i.id))].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(BigInt(lead.lastEventId!)).toBeGreaterThanOrEqual(BigInt(lead.items[0]!.id));

    const director = await activity('chicuctruong.hai');
    expect(new Set(director.items.map((i) => i.caseId))).toEqual(new Set([own, other]));
    expect((await activity('kiemsoat.an')).status).toBe(403);
    // Only what came after a known event.
    const newest = lead.items[0]!.id;
    expect((await activity('doitruong.cuong', `?after=${newest}`)).items).toEqual([]);
    const bad = await callAs(app, as('doitruong.cuong'), 'GET', '/api/v1/supervision/activity?after=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^after: /);
  });

  it('announces evidence uploaded for a case to those who supervise it, with its name and type, and to no one else', async () => {
    const caseId = await openTip('kiemsoat.an', 'Tin báo: mỹ phẩm không rõ nguồn gốc');
    const lead = as('doitruong.cuong');
    const otherLead = as('doitruong.dung');
    const ownStream = await app.request('/api/v1/events', { headers: { cookie: lead.cookie } });
    const otherStream = await app.request('/api/v1/events', { headers: { cookie: otherLead.cookie } });
    const photo = Buffer.from(`\xff\xd8\xff\xe0 ảnh hiện trường ${randomUUID()}`, 'latin1');
    const { sha256, finalized } = await upload('kiemsoat.an', photo, 'ke-hang.jpg', 'image/jpeg', `?caseId=${encodeURIComponent(caseId)}&stepId=C1`);
    expect(finalized.status).toBe(201);
    expect(finalized.body.evidence.sha256).toBe(sha256);

    const seen = await readEvents(ownStream, (es) => es.some((e) => e.caseId === caseId && e.actions.some((a) => a.action === 'EVIDENCE_ADDED')), 10_000);
    const arrival = seen.find((e) => e.caseId === caseId && e.actions.some((a) => a.action === 'EVIDENCE_ADDED'))!;
    expect(arrival.actions[0]).toMatchObject({ action: 'EVIDENCE_ADDED', stepId: 'C1', actorId: 'kiemsoat.an', evidence: [sha256] });
    expect(await readEvents(otherStream, (es) => es.some((e) => e.caseId === caseId), 1_500)).toEqual([]);

    const feed = await activity('doitruong.cuong');
    const item = feed.items.find((i) => i.caseId === caseId && i.actions.some((a) => a.action === 'EVIDENCE_ADDED'))!;
    expect(item.actions[0]!.evidence).toEqual([{ sha256, name: 'ke-hang.jpg', mime: 'image/jpeg', size: photo.length }]);
    expect((await activity('doitruong.dung')).items.some((i) => i.caseId === caseId)).toBe(false);
  });

  it('refuses to announce evidence in a case the uploader may not see, and keeps the upload open for another try', async () => {
    const otherTeams = await openTip('kiemsoat.binh', 'Tin báo của đội 2');
    const { id, finalized } = await upload('kiemsoat.an', Buffer.from(`%PDF-1.4 ${randomUUID()}`), 'bien-ban.pdf', 'application/pdf', `?caseId=${encodeURIComponent(otherTeams)}`);
    expect(finalized.status).toBe(404);
    expect(finalized.body.error.message).toBe(`caseId: no case ${otherTeams}.`);
    const status = await callAs(app, as('kiemsoat.an'), 'GET', `/api/v1/evidence/uploads/${id}`);
    expect(status.body.status).toBe('OPEN');
    // Without a case, the same upload is finalized as before.
    const plain = await callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/evidence/uploads/${id}/finalize`);
    expect(plain.status).toBe(201);
    expect(plain.body.status).toBe('COMPLETED');
    const bad = await callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/evidence/uploads/${id}/finalize?caseId=`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^caseId: /);
  });

  it('lists every open step of the scope whatever its roles, for the team-load view', async () => {
    const own = await openTip('kiemsoat.an', 'Tin báo: tải công việc đội 1');
    const other = await openTip('kiemsoat.binh', 'Tin báo: tải công việc đội 2');
    const inspection = await callAs(app, as('doitruong.cuong'), 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra: tải công việc' });
    expect(inspection.status).toBe(201);
    const inspectionId = inspection.body.caseId as string;
    const claim = await callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/cases/${encodeURIComponent(own)}/steps/C1/claim`);
    expect(claim.status).toBe(200);

    const lead = await callAs(app, as('doitruong.cuong'), 'GET', '/api/v1/supervision/workload');
    expect(lead.status).toBe(200);
    const leadTasks = lead.body.tasks as TWorkTask[];
    expect(leadTasks.find((t) => t.caseId === own && t.stepId === 'C1')).toMatchObject({ assigneeId: 'kiemsoat.an', teamId: `${UNIT}-doi-1`, overdue: false });
    expect(leadTasks.some((t) => t.caseId === other)).toBe(false);
    expect(lead.body.truncated).toBe(false);

    // A legal officer sees the unit's steps, also those of roles other than theirs (the inbox does not list those).
    const legal = (await callAs(app, as('phapche.lan'), 'GET', '/api/v1/supervision/workload')).body.tasks as TWorkTask[];
    expect(legal.some((t) => t.caseId === other && t.stepId === 'C1')).toBe(true);
    const a5 = legal.find((t) => t.caseId === inspectionId && t.stepId === 'A5')!;
    expect(a5.roles).not.toContain('LEGAL_OFFICER');
    const inbox = (await callAs(app, as('phapche.lan'), 'GET', '/api/v1/inbox')).body.tasks as { caseId: string }[];
    expect(inbox.some((t) => t.caseId === inspectionId)).toBe(false);

    expect((await callAs(app, as('kiemsoat.an'), 'GET', '/api/v1/supervision/workload')).status).toBe(403);
  });
});
