/**
 * The papers INS issues, on the real Temporal server and PostgreSQL (issue 17, docs/documents.md):
 * numbered per unit, type and year without gaps or duplicates even when the issuing activity is
 * retried — before its transaction (the worker died) or after it (the answer was lost) — frozen
 * with their SHA-256 in the case's audit chain, decisions signed (PAdES, checked with pdfsig
 * against the test CA), verifiable on the public page, the draft previewed, the closed case's file
 * archived with its manifest.
 */
import { createHash, randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { createActivities } from '../activities/index.js';
import { verifyChain, type TAuditEvent } from '../domain/audit.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { up as shareNumberRegister } from '../db/migrations/2026-12-29T09-40_shared-number-register.js';
import { issueDocument } from '../db/repositories/documents.js';
import { DOCUMENT_TYPE_INFO } from '../domain/documents/catalogue.js';
import type { TDocumentType } from '../domain/documents/types.js';
import type { TIssueDocumentInput } from '../lib/documents/issue.js';
import { testSigningIdentity } from '../lib/documents/test-ca.js';
import { pdfFonts, pdfSigVerify, pdfText } from './pdf-tools.js';
import { recordHistory } from './case-support.js';
import { breakTemplates } from './template-support.js';
import { createTestApp, createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const UNIT2 = `th${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let caPem: string;

/** Attempts of the issuing activity per key, and how the first attempt of each failed. */
const attempts = new Map<string, number>();
const injected = { before: 0, after: 0 };
let firstCalls = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, UNIT2);
  const identity = await testSigningIdentity();
  caPem = identity.caPem;
  const documents = {
    publicBaseUrl: 'https://ins.example.gov.vn',
    signer: { p12: identity.p12, passphrase: identity.passphrase, commonName: identity.commonName, notAfter: new Date(Date.now() + 365 * 86_400_000) },
  };
  const real = createActivities({ db: database.db, documents });
  temporal = await startTestWorker(
    { db: database.db, documents },
    {
      // Injected faults of the issuing activity: every third first attempt dies before it issues,
      // every third after its transaction committed (the answer lost); Temporal retries both.
      async issueDocument(input: TIssueDocumentInput) {
        const n = (attempts.get(input.key) ?? 0) + 1;
        attempts.set(input.key, n);
        const fault = n === 1 ? ['before', 'after', 'none'][firstCalls++ % 3] : 'none';
        if (fault === 'before') {
          injected.before++;
          throw new Error('injected: the worker died before issuing');
        }
        const doc = await real.issueDocument(input);
        if (fault === 'after') {
          injected.after++;
          throw new Error('injected: the answer was lost after the commit');
        }
        return doc;
      },
    },
  );
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

interface TSession {
  cookie: string;
  csrf: string;
}

async function as(username: string): Promise<TSession> {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

/** A response: JSON bodies are checked field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
type TResponse = { status: number; body: any; bytes: Uint8Array; type: string };

async function call(s: TSession | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TResponse> {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type, bytes, body: type.includes('json') ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined };
}

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const enc = encodeURIComponent;
const post = (s: TSession, path: string, body: unknown) => call(s, 'POST', path, body, { 'idempotency-key': `k-${randomUUID()}` });
const step = (s: TSession, caseId: string, stepId: string, outcome: string, data: Record<string, unknown> = {}) => post(s, `/api/v1/cases/${enc(caseId)}/steps/${stepId}/complete`, { outcome, data });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function open(s: TSession, procedureId: string, title: string): Promise<string> {
  const created = await post(s, '/api/v1/cases', { procedureId, title });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.caseId as string;
}

const auditOf = async (s: TSession, caseId: string) => (await call(s, 'GET', `/api/v1/cases/${enc(caseId)}/audit`)).body.events as TAuditEvent[];

const RECORD = {
  recordedAt: TODAY,
  place: 'Tại cơ sở',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Nguyễn Thị Phương',
  offenderType: 'INDIVIDUAL',
  violationDate: TODAY,
  violationPlace: 'Chợ Hoa Lư, Ninh Bình',
  acts: [{ violation: 'ND98/2020:17.1.c', description: 'Kinh doanh 40 hộp bánh không rõ nguồn gốc, xuất xứ' }],
  violatorSigned: true,
};

describe('numbering', () => {
  it('gives 50 decisions issued at once, each attempt retried once, the numbers 1..50 of the unit’s register without gaps', async () => {
    const inspector = await as('kiemsoat.an');
    const cases: string[] = [];
    for (let b = 0; b < 5; b++) cases.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => open(inspector, 'ins-penalty-no-record', `Quầy hàng ${b * 10 + i + 1}`)))));
    // As a client does: a 503 (Temporal busy: nothing or the whole change was made) is sent again
    // with the same Idempotency-Key, which must not number the decision twice (checked below).
    const decide = async (caseId: string, i: number) => {
      const key = `k-${randomUUID()}`;
      const body = {
        outcome: 'DECIDED',
        data: {
          decisionDate: TODAY,
          signedBy: 'Nguyễn Văn An',
          violatorName: `Người bán hàng ${i + 1}`,
          offenderType: 'INDIVIDUAL',
          violationDate: TODAY,
          violation: 'ND98/2020:17.1.a',
          place: 'Chợ Rồng',
          sanction: 'FINE',
          fineAmount: 400_000,
        },
      };
      let res = await call(inspector, 'POST', `/api/v1/cases/${enc(caseId)}/steps/N1/complete`, body, { 'idempotency-key': key });
      for (let again = 0; res.status === 503 && again < 3; again++) res = await call(inspector, 'POST', `/api/v1/cases/${enc(caseId)}/steps/N1/complete`, body, { 'idempotency-key': key });
      return res;
    };
    const decided = await Promise.all(cases.map(decide));
    expect(decided.map((d) => d.status)).toEqual(cases.map(() => 200));
    // Both kinds of fault happened, and every retried key was attempted again.
    expect(injected.before).toBeGreaterThanOrEqual(16);
    expect(injected.after).toBeGreaterThanOrEqual(16);
    expect([...attempts.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(33);
    // Kept for the replay test (INS_RECORD_HISTORIES=1): a decision issued through a retried activity.
    await recordHistory(temporal.client, cases[0]!, 'v3-no-record-decision-issued-retried');

    const rows = await database.db.selectFrom('document').select(['case_id', 'seq', 'number', 'year', 'type']).where('unit_id', '=', UNIT).where('type', '=', 'SANCTION_DECISION_NO_RECORD').execute();
    expect(rows).toHaveLength(50);
    // Fifty numbers in a row, none skipped, none twice, from the register every sanction decision shares (…/QĐ-XPHC, docs/adr/0205).
    const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => seqs[0]! + i));
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(50);
    const register = await database.db.selectFrom('document_register').selectAll().where('unit_id', '=', UNIT).where('type', 'in', ['SANCTION_DECISION', 'SANCTION_DECISION_NO_RECORD']).execute();
    expect(register).toMatchObject([{ type: 'SANCTION_DECISION', year: Number(TODAY.slice(0, 4)), last_seq: seqs.at(-1) }]);
    // Each case holds its own number in its decision and one DOCUMENT_ISSUED in its chain.
    const director = await as('chicuctruong.hai');
    for (const caseId of cases.slice(0, 5)) {
      const row = rows.find((r) => r.case_id === caseId)!;
      const detail = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}`);
      const n1 = detail.body.case.snapshot.completed.find((c: { stepId: string }) => c.stepId === 'N1');
      expect(n1.data.decisionNo).toBe(row.number);
      const issued = (await auditOf(director, caseId)).filter((e) => e.action === 'DOCUMENT_ISSUED');
      expect(issued).toHaveLength(1);
      expect(issued[0]!.detail).toMatchObject({ number: row.number, type: 'SANCTION_DECISION_NO_RECORD' });
    }
    // The statistics follow the workflow's projection (docs/adr/0159): this month's figures hold the
    // 50 decisions and their fines, and the drill-down lists the 50 cases.
    const month = await call(director, 'GET', '/api/v1/statistics/report');
    expect(month.status).toBe(200);
    expect(month.body.totals).toMatchObject({ VIOLATION_CASES: 50, FINES_IMPOSED: 50 * 400_000 });
    const behind = await call(director, 'GET', '/api/v1/statistics/cases?indicator=FINES_IMPOSED&limit=200');
    expect(behind.body).toMatchObject({ total: 50 * 400_000, count: 50 });
    expect(new Set(behind.body.cases.map((c: { caseId: string }) => c.caseId))).toEqual(new Set(cases));
  });
});

describe('a penalty case’s papers', () => {
  it('issues the record and the signed decision, freezes them in the audit chain, and verifies them publicly', async () => {
    const lead = await as('doitruong.cuong');
    const inspector = await as('kiemsoat.an');
    const legal = await as('phapche.lan');
    const director = await as('chicuctruong.hai');
    const caseId = await open(lead, 'ins-penalty', 'Cửa hàng bánh kẹo Phương');
    const docsOf = async () => (await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body;

    // Before B1: the record is a paper to come; its draft has no number and says so.
    expect((await docsOf()).toCome).toContainEqual(expect.objectContaining({ stepId: 'B1', type: 'VIOLATION_RECORD' }));
    const draft = await post(inspector, `/api/v1/cases/${enc(caseId)}/steps/B1/documents/VIOLATION_RECORD/preview`, { outcome: 'RECORDED', data: RECORD });
    expect(draft.status).toBe(200);
    expect(draft.type).toBe('application/pdf');
    const draftText = await pdfText(draft.bytes);
    expect(draftText).toMatch(/DỰ THẢO/);
    expect(draftText).toMatch(/Nguyễn Thị Phương/);
    expect(draftText).not.toMatch(/\d+\/BB-VPHC/);
    // Not open yet: B6's draft is refused; an inspector may not draft the director's decision.
    expect((await post(director, `/api/v1/cases/${enc(caseId)}/steps/B6/documents/SANCTION_DECISION/preview`, { data: {} })).body.error.code).toBe('STEP_OUT_OF_ORDER');

    expect((await step(inspector, caseId, 'B1', 'RECORDED', RECORD)).status).toBe(200);
    expect((await step(legal, caseId, 'B3', 'NO_EXPLANATION_RIGHT')).status).toBe(200);
    expect((await post(inspector, `/api/v1/cases/${enc(caseId)}/steps/B6/documents/SANCTION_DECISION/preview`, { data: {} })).body.error.code).toBe('ROLE_NOT_ALLOWED');
    const b6 = await step(director, caseId, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 });
    expect(b6.status).toBe(200);

    const { documents } = await docsOf();
    expect(documents.map((d: { type: string }) => d.type)).toEqual(['VIOLATION_RECORD', 'SANCTION_DECISION']);
    const [record, sanction] = documents as Array<{ id: string; number: string; sha256: string; signed: boolean; date: string }>;
    expect(record!.number).toBe('01/BB-VPHC');
    // The unit's sanction decisions share one register (…/QĐ-XPHC, docs/adr/0205): after the 50 without a record above, the 51st.
    expect(sanction!.number).toBe('51/QĐ-XPHC');
    expect(record!.signed).toBe(false);
    expect(sanction!.signed).toBe(true);

    // The files are the ones whose hashes the audit chain holds; the chain holds.
    const events = await auditOf(director, caseId);
    expect(verifyChain(events)).toBeUndefined();
    const issued = events.filter((e) => e.action === 'DOCUMENT_ISSUED').map((e) => e.detail);
    expect(issued).toEqual([
      expect.objectContaining({ documentId: record!.id, number: record!.number, sha256: record!.sha256 }),
      expect.objectContaining({ documentId: sanction!.id, number: sanction!.number, sha256: sanction!.sha256, signed: true }),
    ]);
    const file = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${sanction!.id}/file`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(sha(file.bytes)).toBe(sanction!.sha256);
    // The number is in the decision's data, as the officer's next read shows.
    const detail = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}`);
    expect(detail.body.case.snapshot.completed.find((c: { stepId: string }) => c.stepId === 'B6').data.decisionNo).toBe(sanction!.number);

    // The paper: its number, the party, the amount in figures and words, every font embedded.
    // Words as read, whatever the line breaks.
    const text = (await pdfText(file.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain(`Số: ${sanction!.number}`);
    expect(text).toMatch(/CHI CỤC QUẢN LÝ THỊ TRƯỜNG/);
    expect(text).toMatch(/Nguyễn Thị Phương/);
    expect(text).toMatch(/400\.000/);
    expect(text).toMatch(/[Bb]ốn trăm nghìn đồng/);
    expect(text).toMatch(/[Bb]iên bản vi phạm hành chính số 01\/BB-VPHC/);
    const fonts = await pdfFonts(file.bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.emb && f.sub)).toBe(true);
    // Signed by the unit’s certificate, valid against the test CA; the record is not signed.
    const [sig] = await pdfSigVerify(file.bytes, caPem);
    expect(sig, 'one signature').toBeDefined();
    expect(sig!.signatureType).toBe('ETSI.CAdES.detached');
    expect(sig!.signatureValidation).toBe('Signature is Valid.');
    expect(sig!.certificateValidation).toBe('Certificate is Trusted.');

    // The public verification page: what the paper is, never the paper; a copy compared byte for byte.
    const page = await app.request(`/xac-thuc/${sanction!.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(sanction!.number);
    expect(html).toContain(sanction!.sha256);
    expect(html).not.toContain('%PDF');
    const upload = async (bytes: Uint8Array) => {
      const form = new FormData();
      form.set('file', new File([bytes], 'quyet-dinh.pdf', { type: 'application/pdf' }));
      return app.request(`/xac-thuc/${sanction!.id}`, { method: 'POST', body: form });
    };
    const same = await upload(file.bytes);
    expect(same.status).toBe(200);
    expect(await same.text()).toContain('data-verify="match"');
    const changed = new Uint8Array(file.bytes);
    // One byte of the signed part changed (the page's content: early in the file, before the signature).
    const at = 700;
    changed[at] = changed[at]! ^ 0x01;
    const forged = await upload(changed);
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain('data-verify="mismatch"');
    expect((await pdfSigVerify(changed, caPem))[0]!.signatureValidation).not.toBe('Signature is Valid.');
    expect((await app.request('/xac-thuc/aaaaaaaaaaaaaaaa')).status).toBe(404);

    // Frozen in the database itself: no edit, no deletion, whoever connects.
    const tamper = database.db.updateTable('document').set({ content: changed }).where('id', '=', sanction!.id).execute();
    await expect(tamper).rejects.toThrow(/only its status changes/);
    await expect(database.db.updateTable('document').set({ number: '99/QĐ-XPHC' }).where('id', '=', sanction!.id).execute()).rejects.toThrow(/only its status changes/);
    await expect(database.db.deleteFrom('document').where('id', '=', record!.id).execute()).rejects.toThrow(/never deleted/);

    // A mistake found later: the decision is corrected by a new decision that refers to it, never edited.
    const corrections = `/api/v1/cases/${enc(caseId)}/documents/${sanction!.id}/corrections`;
    const correction = { kind: 'CORRECT', reason: 'Ghi nhầm địa điểm vi phạm', text: 'Địa điểm xảy ra vi phạm là: Chợ Rồng, phường Hoa Lư, tỉnh Ninh Bình.' };
    expect((await post(inspector, corrections, correction)).body.error).toMatchObject({ code: 'ROLE_NOT_ALLOWED', rule: 'ROLE_MAY_NOT_CORRECT' });
    expect((await post(director, corrections, { ...correction, kind: 'EDIT' })).status).toBe(400);
    expect((await post(director, corrections, correction)).status).toBe(200);
    const after = (await docsOf()).documents as Array<{ id: string; type: string; number: string; status: string; correctsId: string | null; sha256: string }>;
    const fixing = after.find((d) => d.type === 'CORRECTION_DECISION')!;
    expect(fixing).toMatchObject({ number: '01/QĐ-ĐC', correctsId: sanction!.id, status: 'ISSUED' });
    // The corrected decision is unchanged, byte for byte, and says it was corrected.
    expect(after.find((d) => d.id === sanction!.id)).toMatchObject({ status: 'CORRECTED', sha256: sanction!.sha256 });
    expect(sha((await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${sanction!.id}/file`)).bytes)).toBe(sanction!.sha256);
    const fixingText = (await pdfText((await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${fixing.id}/file`)).bytes)).replace(/\s+/g, ' ');
    expect(fixingText).toContain(sanction!.number);
    expect(fixingText).toContain('Chợ Rồng, phường Hoa Lư');
    expect(await (await app.request(`/xac-thuc/${sanction!.id}`)).text()).toContain('Đã được đính chính bởi văn bản số 01/QĐ-ĐC');
    const corrected = (await auditOf(director, caseId)).filter((e) => e.action === 'DOCUMENT_CORRECTION_DECIDED' || (e.action === 'DOCUMENT_ISSUED' && e.detail.corrects));
    expect(corrected.map((e) => e.action)).toEqual(['DOCUMENT_CORRECTION_DECIDED', 'DOCUMENT_ISSUED']);
    expect(corrected[1]!.detail).toMatchObject({ corrects: sanction!.id, kind: 'CORRECT', number: '01/QĐ-ĐC', sha256: fixing.sha256 });
    // Once corrected, the new decision is the one to correct.
    expect((await post(director, corrections, correction)).body.error).toMatchObject({ code: 'CONFLICT', rule: 'DOCUMENT_ALREADY_CORRECTED' });
    await recordHistory(temporal.client, caseId, 'v5-penalty-papers-issued-and-corrected');

    // The papers are the case's: another unit's director does not see them.
    const other = await as('th.chicuctruong');
    expect((await call(other, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).status).toBe(404);
    expect((await call(other, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${sanction!.id}/file`)).status).toBe(404);
  });

  it('numbers each unit’s papers in its own register, and archives a closed case with its manifest', async () => {
    const lead = await as('th.doitruong');
    const director = await as('th.chicuctruong');
    const caseId = await open(lead, 'ins-penalty', 'Hộ kinh doanh Lò Văn Sáng');
    expect((await step(lead, caseId, 'B1', 'RECORDED', { ...RECORD, violatorName: 'Lò Văn Sáng' })).status).toBe(200);
    expect((await step(director, caseId, 'B3', 'NO_EXPLANATION_RIGHT')).status).toBe(200);
    expect((await step(director, caseId, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Lò Thị Trang', sanction: 'FINE', fineAmount: 400_000 })).status).toBe(200);
    expect((await step(lead, caseId, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY })).status).toBe(200);
    expect((await step(lead, caseId, 'B9', 'PAID', { receiptNo: 'BL-1', paidAmount: 400_000, paidDate: TODAY })).status).toBe(200);
    const closed = await step(director, caseId, 'B17', 'CLOSED', { nationalDbUpdated: true });
    expect(closed).toMatchObject({ status: 200, body: { status: 'CLOSED' } });

    const { documents } = (await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body as { documents: Array<{ id: string; type: string; number: string; sha256: string }> };
    // The second unit's own register starts at 1 whatever the first unit issued.
    expect(documents.map((d) => `${d.type} ${d.number}`)).toEqual(['VIOLATION_RECORD 01/BB-VPHC', 'SANCTION_DECISION 01/QĐ-XPHC', expect.stringMatching(/^CASE_FILE 01\/HS/)]);
    const pack = documents[2]!;
    const zip = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${pack.id}/file`);
    expect(zip.type).toBe('application/zip');
    expect(sha(zip.bytes)).toBe(pack.sha256);
    const files = unzipSync(zip.bytes);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest).toMatchObject({ format: 'ins-case-file/1', archiveNumber: pack.number, case: { id: caseId, closeOutcome: 'CLOSED' } });
    expect(manifest.documents.map((d: { number: string; sha256: string }) => `${d.number} ${d.sha256}`)).toEqual(documents.slice(0, 2).map((d) => `${d.number} ${d.sha256}`));
    for (const d of manifest.documents as Array<{ file: string; sha256: string }>) expect(sha(files[d.file]!)).toBe(d.sha256);
    const audit = JSON.parse(strFromU8(files['nhat-ky.json']!)) as Array<{ action: string; hash: string }>;
    expect(audit.some((e) => e.action === 'STEP_COMPLETED')).toBe(true);
    expect(manifest.audit.head).toBe(audit.at(-1)!.hash);
    // B17's archive number is the register's.
    const detail = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}`);
    expect(detail.body.case.snapshot.completed.find((c: { stepId: string }) => c.stepId === 'B17').data.archiveNo).toBe(pack.number);
    await recordHistory(temporal.client, caseId, 'v5-penalty-closed-and-archived');
  });
});

describe('a paper INS cannot issue', () => {
  it('is said on the case’s papers with its step and reason, the administrators are told, the case goes on, and once mended it is issued again (ADR 0156, 0191, 0196)', async () => {
    const director = await as('chicuctruong.hai');
    const lead = await as('doitruong.cuong');
    const admin = await as('quantri.minh');
    const inspector = await as('kiemsoat.an');
    const papersOf = async (caseId: string) => (await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body;
    const reissue = (s: TSession, caseId: string, seq: number) => post(s, `/api/v1/cases/${enc(caseId)}/documents/not-issued/${seq}/reissue`, undefined);
    // Every published inspection decision template stops validating (an administrator's defect that only the issuing path finds).
    const mend = await breakTemplates(database.db, 'INSPECTION_DECISION');
    try {
      const caseId = await open(lead, 'ins-inspection', 'Kiểm tra cửa hàng Minh Khai');
      const a5 = await step(director, caseId, 'A5', 'ISSUED', {
        decisionDate: TODAY,
        signedBy: 'Hoàng Văn Hải',
        form: 'AD_HOC',
        adHocGround: 'VERIFIED_TIP',
        businessName: 'Cửa hàng Minh Khai',
        address: 'Phường Hoa Lư, Ninh Bình',
        content: 'Kiểm tra niêm yết giá',
      });
      expect(a5.status, JSON.stringify(a5.body)).toBe(200);
      // The case went on: A6 is open.
      expect(((await call(director, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.tasks as Array<{ stepId: string }>).map((t) => t.stepId)).toContain('A6');
      const papers = await papersOf(caseId);
      expect(papers.documents).toEqual([]);
      const failed = (await auditOf(director, caseId)).filter((e) => e.action === 'DOCUMENT_NOT_ISSUED');
      expect(failed).toHaveLength(1);
      const first = failed[0]!.seq;
      expect(papers.notIssued).toEqual([
        {
          seq: first,
          stepId: 'A5',
          type: 'INSPECTION_DECISION',
          title: { vi: 'Quyết định kiểm tra việc chấp hành pháp luật', en: 'Inspection decision' },
          at: expect.any(String),
          reason: expect.stringMatching(/does not validate/),
          officerId: failed[0]!.actorId,
        },
      ]);
      // The unit's administrator is told, and so is the director whose paper it is.
      for (const s of [admin, director]) {
        const notes = (await call(s, 'GET', '/api/v1/notifications')).body.items as Array<{ kind: string; caseId: string | null; params: Record<string, unknown> }>;
        expect(notes.filter((n) => n.kind === 'DOCUMENT_NOT_ISSUED' && n.caseId === caseId)).toEqual([
          expect.objectContaining({ params: expect.objectContaining({ title: 'Kiểm tra cửa hàng Minh Khai', paper: 'Quyết định kiểm tra việc chấp hành pháp luật', paperEn: 'Inspection decision' }) }),
        ]);
      }

      // The template is national configuration: the national administrators are told too, with a link to their screens, not to the unit's case.
      const national = (await call(await as('quocgia.thu'), 'GET', '/api/v1/notifications')).body.items as Array<{
        kind: string;
        caseId: string | null;
        link: string;
        params: Record<string, unknown>;
      }>;
      expect(national.filter((n) => n.kind === 'DOCUMENT_NOT_ISSUED' && n.caseId === caseId)).toEqual([
        expect.objectContaining({ link: '/admin', params: expect.objectContaining({ paper: 'Quyết định kiểm tra việc chấp hành pháp luật', reason: expect.stringMatching(/does not validate/) }) }),
      ]);

      // Issued again before the template is mended: it fails again, said as a new failure in place of the first.
      expect((await reissue(director, caseId, first)).status).toBe(200);
      const again = (await papersOf(caseId)).notIssued as Array<{ seq: number }>;
      expect(again).toHaveLength(1);
      const second = again[0]!.seq;
      expect(second).toBeGreaterThan(first);
      expect((await auditOf(director, caseId)).find((e) => e.seq === second)?.detail).toMatchObject({ type: 'INSPECTION_DECISION', retries: first });

      await mend();
      // Not by an inspector (the paper is the director's); not the first failure, answered already.
      const other = await reissue(inspector, caseId, second);
      expect(other.status, JSON.stringify(other.body)).toBe(403);
      expect(other.body.error).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringMatching(/team lead or the director/) });
      const old = await reissue(director, caseId, first);
      expect(old.status, JSON.stringify(old.body)).toBe(404);
      expect(old.body.error.code).toBe('NOT_FOUND');

      // Mended: issued with the date and the officer the step recorded, numbered now; nothing left unissued.
      const ok = await reissue(director, caseId, second);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const after = await papersOf(caseId);
      expect(after.notIssued).toEqual([]);
      expect(after.documents).toEqual([expect.objectContaining({ type: 'INSPECTION_DECISION', date: TODAY, number: expect.stringMatching(/^\d+\/QĐ-KT/) })]);
      const issued = (await auditOf(director, caseId)).filter((e) => e.action === 'DOCUMENT_ISSUED');
      expect(issued).toEqual([expect.objectContaining({ actorId: failed[0]!.actorId, actorRole: 'DIRECTOR', stepId: 'A5', detail: expect.objectContaining({ reissues: second }) })]);
      const pdf = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${after.documents[0].id}/file`);
      expect(await pdfText(pdf.bytes)).toContain('Hoàng Văn Hải');
      // Once only.
      expect((await reissue(director, caseId, second)).status).toBe(404);
      // The step's data carries the number, as a paper issued at once does.
      const detail = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}`);
      expect(detail.body.case.snapshot.completed.find((c: { stepId: string }) => c.stepId === 'A5').data.decisionNo).toBe(after.documents[0].number);
    } finally {
      await mend();
    }
  });

  it('on a closed case is issued again while the case waits for it, the archive package made again with it; then the case ends (ADR 0199)', async () => {
    const lead = await as('th.doitruong');
    const director = await as('th.chicuctruong');
    const papersOf = async (caseId: string) => (await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body;
    // Every published sanction decision template stops validating, as in the test above.
    const mend = await breakTemplates(database.db, 'SANCTION_DECISION');
    try {
      const caseId = await open(lead, 'ins-penalty', 'Hộ kinh doanh Quàng Văn Sinh');
      expect((await step(lead, caseId, 'B1', 'RECORDED', { ...RECORD, violatorName: 'Quàng Văn Sinh' })).status).toBe(200);
      expect((await step(director, caseId, 'B3', 'NO_EXPLANATION_RIGHT')).status).toBe(200);
      expect((await step(director, caseId, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Lò Thị Trang', sanction: 'FINE', fineAmount: 400_000 })).status).toBe(200);
      expect((await step(lead, caseId, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY })).status).toBe(200);
      expect((await step(lead, caseId, 'B9', 'PAID', { receiptNo: 'BL-2', paidAmount: 400_000, paidDate: TODAY })).status).toBe(200);
      expect(await step(director, caseId, 'B17', 'CLOSED', { nationalDbUpdated: true })).toMatchObject({ status: 200, body: { status: 'CLOSED' } });

      // Closed without its decision: the archive package holds the record only, and the case waits for the decision.
      const closed = await papersOf(caseId);
      expect(closed.documents.map((d: { type: string }) => d.type)).toEqual(['VIOLATION_RECORD', 'CASE_FILE']);
      expect(closed.notIssued).toEqual([expect.objectContaining({ stepId: 'B6', type: 'SANCTION_DECISION' })]);
      expect(closed.reissueOpen).toBe(true);
      expect((await temporal.client.workflow.getHandle(caseId).describe()).status.name).toBe('RUNNING');
      // Nothing else is done in a closed case, though its workflow still runs.
      const note = await post(lead, `/api/v1/cases/${enc(caseId)}/notes`, { text: 'Ghi chú sau khi đóng' });
      expect(note.status, JSON.stringify(note.body)).toBe(409);
      // The same answer as once the workflow has ended.
      expect(note.body.error).toMatchObject({ code: 'CASE_CLOSED' });

      await mend();
      const ok = await post(director, `/api/v1/cases/${enc(caseId)}/documents/not-issued/${closed.notIssued[0].seq as number}/reissue`, undefined);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const after = await papersOf(caseId);
      expect(after.notIssued).toEqual([]);
      const docs = after.documents as Array<{ id: string; type: string; number: string; sha256: string; date: string }>;
      expect(docs.map((d) => d.type)).toEqual(['VIOLATION_RECORD', 'CASE_FILE', 'SANCTION_DECISION', 'CASE_FILE']);
      const decision = docs[2]!;
      expect(decision).toMatchObject({ date: TODAY, number: expect.stringMatching(/\/QĐ-XPHC$/) });
      // The new archive package lists the decision; the first one stays as it was issued.
      const zip = await call(director, 'GET', `/api/v1/cases/${enc(caseId)}/documents/${docs[3]!.id}/file`);
      const manifest = JSON.parse(strFromU8(unzipSync(zip.bytes)['manifest.json']!));
      expect(manifest.documents.map((d: { number: string; sha256: string }) => `${d.number} ${d.sha256}`)).toEqual([docs[0]!, decision].map((d) => `${d.number} ${d.sha256}`));
      expect(docs[3]!.number).not.toBe(docs[1]!.number);
      const issued = (await auditOf(director, caseId)).filter((e) => e.action === 'DOCUMENT_ISSUED').map((e) => e.detail.type);
      expect(issued).toEqual(['VIOLATION_RECORD', 'CASE_FILE', 'SANCTION_DECISION', 'CASE_FILE']);

      // Nothing left to wait for: the case's workflow ends, and a closed case offers nothing more.
      const result = (await temporal.client.workflow.getHandle(caseId).result()) as { closeOutcome: string };
      expect(result.closeOutcome).toBe('CLOSED');
      expect((await papersOf(caseId)).reissueOpen).toBe(false);
      await recordHistory(temporal.client, caseId, 'v5-penalty-paper-issued-after-close');
    } finally {
      await mend();
    }
  });
});

describe('the number register', () => {
  it('gives the sanction decisions of every kind one sequence a unit and year: never the same …/QĐ-XPHC twice; other papers keep their own', async () => {
    const issued = async (type: TDocumentType, n: number) =>
      (
        await issueDocument(
          database.db,
          {
            key: `register-${randomUUID()}`,
            caseId: `penalty/${UNIT2}/2024/${n}`,
            unitId: UNIT2,
            type,
            symbol: DOCUMENT_TYPE_INFO[type].symbol,
            stepId: 'X',
            date: '2024-06-03',
            title: type,
            issuedBy: 'chicuctruong.hai',
          },
          async () => ({ bytes: new TextEncoder().encode(`%PDF-1.7\n% ${n}\n%%EOF\n`), mime: 'application/pdf', templateVersion: 1, signed: false }),
        )
      ).row.number;
    expect([await issued('SANCTION_DECISION', 1), await issued('SANCTION_DECISION_NO_RECORD', 2), await issued('RETURNED_SANCTION_DECISION', 3), await issued('SANCTION_DECISION', 4)]).toEqual([
      '01/QĐ-XPHC',
      '02/QĐ-XPHC',
      '03/QĐ-XPHC',
      '04/QĐ-XPHC',
    ]);
    expect(await issued('SEIZURE_DECISION', 5)).toBe('01/QĐ-TGTVPT');
  });

  it('merges, on migration, the registers each kind kept before into the shared one, going on from the highest number given', async () => {
    await database.db
      .insertInto('document_register')
      .values([
        { unit_id: UNIT2, type: 'SANCTION_DECISION', year: 2023, last_seq: 7 },
        { unit_id: UNIT2, type: 'SANCTION_DECISION_NO_RECORD', year: 2023, last_seq: 12 },
        { unit_id: UNIT2, type: 'RETURNED_SANCTION_DECISION', year: 2022, last_seq: 2 },
      ])
      .execute();
    await shareNumberRegister(database.db);
    const rows = await database.db.selectFrom('document_register').select(['type', 'year', 'last_seq']).where('unit_id', '=', UNIT2).where('year', 'in', [2022, 2023]).orderBy('year').execute();
    expect(rows).toEqual([
      { type: 'SANCTION_DECISION', year: 2022, last_seq: 2 },
      { type: 'SANCTION_DECISION', year: 2023, last_seq: 12 },
    ]);
  });
});
