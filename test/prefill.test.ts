/**
 * Prefill and carry-over through the API (issue 15, docs/adr/0116): an inspection opened from a
 * registered business starts its decision (A5) with the business's name, tax code and address; the
 * penalty case it opens on a violation starts its violation record (B1) with what the inspection
 * found — the business, its address, the inspection's evidence — and the officer and today. Nobody
 * outside the case's team or unit gets any of it, and a case on version 2 gets no defaults.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { startCase } from '../api/services/cases.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { getCaseRow } from '../db/repositories/cases.js';
import { createTeam, createUnit, createUser } from '../db/repositories/people.js';
import { vnDateOf } from '../domain/vn-time.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { waitFor } from './case-support.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `pf${randomUUID().slice(0, 6)}`;
const OTHER = `po${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let evidenceDir: string;
let lead: TTestSession;
let businessId: string;
const TODAY = vnDateOf(new Date());

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT thành phố Hà Nội', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội QLTT số 1' });
  await createUser(database.db, { id: 'hn.doitruong', username: 'hn.doitruong', displayName: 'Đỗ Thị Hà', password: DEMO_PASSWORD, roles: ['TEAM_LEAD'], unitId: OTHER, teamId: `${OTHER}-doi-1` });
  temporal = await startTestWorker({ db: database.db });
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-prefill-'));
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 1_000_000 } }));
  lead = await signIn(app, 'doitruong.cuong');
  businessId = (await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', '2700123459').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

const casePath = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`;

async function complete(caseId: string, stepId: string, outcome: string, data: Record<string, unknown>): Promise<void> {
  const r = await callAs(app, lead, 'POST', `${casePath(caseId)}/steps/${stepId}/complete`, { outcome, data });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function prefill(s: TTestSession, caseId: string, stepId: string): Promise<{ status: number; body: { values: Record<string, unknown>; sources: Record<string, Record<string, unknown>> } }> {
  return callAs(app, s, 'GET', `${casePath(caseId)}/steps/${stepId}/prefill`);
}

/** A small real JPEG, uploaded by the team lead for the unit. */
async function uploadPhoto(): Promise<{ sha256: string; name: string; size: number; mime: string }> {
  const content = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.from(randomUUID()), Buffer.from([0xff, 0xd9])]);
  const res = await app.request('/api/v1/evidence', {
    method: 'POST',
    headers: { cookie: lead.cookie, 'x-csrf-token': lead.csrf, 'content-type': 'image/jpeg', 'x-file-name': encodeURIComponent('kệ hàng.jpg') },
    body: content,
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  const body = (await res.json()) as { size: number; mime: string };
  return { sha256: createHash('sha256').update(content).digest('hex'), name: 'kệ hàng.jpg', size: body.size, mime: body.mime };
}

describe('forms that start from what the case knows', () => {
  let inspectionId: string;
  let penaltyId: string;
  let photo: Awaited<ReturnType<typeof uploadPhoto>>;

  it('starts the decision to inspect a registered business with its name, tax code and address, on the latest version (6, which keeps version 3’s defaults)', async () => {
    const opened = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra Hoa Lư', businessId });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.procedure).toEqual({ id: 'ins-inspection', version: 6 });
    inspectionId = opened.body.caseId;

    const a5 = await prefill(lead, inspectionId, 'A5');
    expect(a5.status).toBe(200);
    expect(a5.body.values).toEqual({
      decisionDate: TODAY,
      businessName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      taxCode: '2700123459',
      address: 'Số 12 đường Lương Văn Tụy, Phường Hoa Lư, Ninh Bình',
    });
    expect(a5.body.sources).toMatchObject({ businessName: { from: 'business', attribute: 'name' }, taxCode: { from: 'business', attribute: 'taxCode' }, decisionDate: { from: 'today' } });

    // Submitted as it came, the defaults pass the server's checks like typed values.
    await complete(inspectionId, 'A5', 'ISSUED', { ...a5.body.values, signedBy: 'Lê Văn Cường', form: 'AD_HOC', adHocGround: 'VERIFIED_TIP', content: 'Nguồn gốc hàng hóa' });
    await complete(inspectionId, 'A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-0101' }], workLogEntry: 'Trang 12' });
    const a7 = await prefill(lead, inspectionId, 'A7');
    expect(a7.body.values).toEqual({ announcedAt: TODAY, partyRepresentative: 'Nguyễn Văn Toàn' });
    await complete(inspectionId, 'A7', 'ANNOUNCED', a7.body.values);
    photo = await uploadPhoto();
    await complete(inspectionId, 'A8', 'INSPECTED', { findings: 'Thực phẩm không rõ nguồn gốc', evidence: [photo] });
    await complete(inspectionId, 'A9', 'VIOLATION', { recordedOn: TODAY, partySigned: true });
  });

  it('starts the penalty case’s violation record with the inspection’s business, address and evidence, the officer and today', async () => {
    penaltyId = `${inspectionId}/A10P`;
    const row = await waitFor(async () => getCaseRow(database.db, penaltyId));
    // The latest penalty version (14: the 2-month extension is the handler's superior's, docs/adr/0221; 13: the decision may give longer than 10 days to comply, docs/adr/0217; 12: the record transfers a barred act with signs of a crime, docs/adr/0216; 11: the limitation starts again when the party's evasion ends, docs/adr/0214; 10: an act going on when found counts its limitation from the detection, docs/adr/0213; 9: signs of a crime at the decision transfer the file, docs/adr/0211; 8: the decision sanctions only the acts within their limitation, docs/adr/0209; 7: the decision waits for the explanation, docs/adr/0205; 6: the fine's direction and the violator's address, docs/adr/0189; 5 issued the papers, docs/documents.md); like version 4 (the surcharge on the unpaid part, docs/adr/0127) it keeps version 3's defaults and adds the party's identifier.
    expect([row.procedure_id, row.procedure_version]).toEqual(['ins-penalty', 19]);

    const b1 = await prefill(lead, penaltyId, 'B1');
    expect(b1.status).toBe(200);
    expect(b1.body.values).toEqual({
      recordedAt: TODAY,
      place: 'Số 12 đường Lương Văn Tụy, Phường Hoa Lư, Ninh Bình',
      recorder: 'Lê Văn Cường',
      violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      // Where the violator is and who represents it, from the inspection (from version 6: the papers print them).
      violatorAddress: 'Số 12 đường Lương Văn Tụy, Phường Hoa Lư, Ninh Bình',
      violatorRepresentative: 'Nguyễn Văn Toàn',
      // The registry's tax code, what the party looks the case up with (from version 4).
      partyIdentifier: '2700123459',
      violationDate: TODAY,
      // The day the act was found, from which an act still going on counts its limitation (from version 10).
      detectedOn: TODAY,
      violationPlace: 'Số 12 đường Lương Văn Tụy, Phường Hoa Lư, Ninh Bình',
      evidence: [photo],
    });
    expect(b1.body.sources.evidence).toEqual({ from: 'parent', stepId: 'A8', field: 'evidence', stepTitle: { vi: 'Tiến hành kiểm tra, thu thập chứng cứ', en: 'Inspect and collect evidence' } });
    expect(b1.body.sources.violatorName).toMatchObject({ from: 'parent', stepId: 'A5', field: 'businessName' });

    // The carried evidence is the unit's own file: the record completes with it.
    await complete(penaltyId, 'B1', 'RECORDED', {
      ...b1.body.values,
      offenderType: 'ORGANIZATION',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Kinh doanh thực phẩm không rõ nguồn gốc' }],
      violatorSigned: true,
    });
    const after = await getCaseRow(database.db, penaltyId);
    expect(after!.snapshot.completed.find((c) => c.stepId === 'B1')!.data.evidence).toEqual([photo]);
  });

  it('gives nothing of this case to another team or unit, and another unit’s case nothing from it', async () => {
    const otherTeam = await signIn(app, 'kiemsoat.binh');
    const otherUnit = await signIn(app, 'hn.doitruong');
    expect((await prefill(otherTeam, penaltyId, 'B1')).status).toBe(404);
    expect((await prefill(otherUnit, inspectionId, 'A5')).status).toBe(404);

    const own = await callAs(app, otherUnit, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Vụ việc Hà Nội' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const b1 = await prefill(otherUnit, own.body.caseId, 'B1');
    expect(b1.body).toEqual({ values: { recordedAt: TODAY, recorder: 'Đỗ Thị Hà' }, sources: { recordedAt: { from: 'today' }, recorder: { from: 'officer' } } });
  });

  it('gives a case running on version 2 no defaults, and refuses a step its procedure does not have', async () => {
    const caseId = `inspection/${UNIT}/v2-${randomUUID().slice(0, 8)}`;
    await startCase(temporal.client, database.db, temporal.taskQueue, {
      caseId,
      procedureId: 'ins-inspection',
      version: 2,
      unitId: UNIT,
      teamId: `${UNIT}-doi-1`,
      title: 'Kiểm tra theo phiên bản 2',
      businessId,
      startedBy: { userId: 'doitruong.cuong', roles: ['TEAM_LEAD'] },
    });
    await waitFor(async () => getCaseRow(database.db, caseId));
    expect((await prefill(lead, caseId, 'A5')).body).toEqual({ values: {}, sources: {} });
    const missing = await prefill(lead, caseId, 'Z9');
    expect(missing.status).toBe(404);
  });
});
