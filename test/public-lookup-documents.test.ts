/**
 * The party's own papers through the public lookup (issue 17, docs/adr/0154) against the real
 * database and API: a penalty case of one unit with a violation record, a sanction decision, a
 * seizure record of its sub-procedure's case and its archive package; a case of a second unit about
 * the same business, and a case of the first unit whose id the first's is a prefix of, each with a
 * paper of its own. The papers go through the real register (`issueDocument`) with small fixed
 * bytes for their files; the cases are opened by the pure engine and written by the projection, as
 * the workflow would. The last part drives a case of the version that issues its papers through
 * the worker, the real templates and renderer, and downloads them as its party.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_BUSINESSES, seedDemoData, seedDemoSecondUnit } from '../db/demo-data.js';
import { createBusiness } from '../db/repositories/businesses.js';
import { caseLookupOf } from '../db/repositories/case-lookup.js';
import { applyProjection } from '../db/repositories/cases.js';
import { issueDocument, type TDocumentRow } from '../db/repositories/documents.js';
import { getPublished } from '../db/repositories/procedures.js';
import type { TDocumentType } from '../domain/documents/types.js';
import { newCase } from '../domain/engine.js';
import { formatLookupCode, generateLookupCode, LOOKUP_CODE_RANDOM_BYTES } from '../domain/lookup-code.js';
import { projectCase } from '../domain/projection.js';
import { pdfText } from './pdf-tools.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const UNIT = `pd${randomUUID().slice(0, 6)}`;
const UNIT2 = `pe${randomUUID().slice(0, 6)}`;
const TAX_CODE = '2700123459';
const YEAR = new Date().getFullYear();
const DATE = `${YEAR}-03-02`;
/** The case of the first unit; another of the same unit whose id extends it (not its sub-procedure's: no slash). */
const CASE_A = `penalty/${UNIT}/${YEAR}/1`;
const CASE_A_SIBLING = `penalty/${UNIT}/${YEAR}/10`;
const CASE_B = `penalty/${UNIT2}/${YEAR}/1`;

let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;
let codeA: string;
let codeB: string;

const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label}\n%%EOF\n`);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Each paper issued, with the bytes its file holds. */
const papers: Record<string, { row: TDocumentRow; bytes: Uint8Array }> = {};

async function issue(name: string, caseId: string, unitId: string, type: TDocumentType, symbol: string, stepId: string, mime = 'application/pdf') {
  const bytes = mime === 'application/pdf' ? pdf(name) : new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  const { row } = await issueDocument(database.db, { key: `${caseId}:${name}`, caseId, unitId, type, symbol, stepId, date: DATE, title: name, issuedBy: 'chicuctruong.hai' }, async () => ({
    bytes,
    mime,
    templateVersion: 1,
    signed: false,
  }));
  papers[name] = { row, bytes };
  return row;
}

/** A penalty case about `businessId`, opened and projected as the workflow does (its lookup code and the identifier's hash with it). */
async function openCase(caseId: string, unitId: string, businessId: string): Promise<string> {
  const def = await getPublished(database.db, 'ins-penalty', 4);
  if (!def) throw new Error('ins-penalty v4 is not published');
  const { state } = newCase(
    def,
    {
      caseId,
      kind: 'PENALTY',
      procedure: { id: 'ins-penalty', version: 4 },
      unitId,
      teamId: `${unitId}-doi-1`,
      title: 'Công ty Hoa Lư',
      businessId,
      startedBy: { userId: 'doitruong.cuong', roles: ['TEAM_LEAD'] },
    },
    new Date().toISOString(),
  );
  await applyProjection(database.db, projectCase(def, state), []);
  const lookup = await caseLookupOf(database.db, caseId);
  if (!lookup) throw new Error(`no lookup code for ${caseId}`);
  return formatLookupCode(lookup.code);
}

const json = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const form = (path: string, fields: Record<string, string>) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const download = (documentId: string, body: unknown) => json(`/api/v1/public/case-lookup/documents/${documentId}`, body);

type TListed = { id: string; type: string; title: { vi: string; en: string }; number: string; date: string; status: string; sha256: string; verifyPath: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await seedDemoSecondUnit(database.db, UNIT2);
  const businessA = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
  // The same company, registered in the second province too.
  const { place: _place, team: _team, ...fields } = DEMO_BUSINESSES.find((b) => b.taxCode === TAX_CODE)!;
  const createdB = await createBusiness(database.db, { unitId: UNIT2, by: 'test', fields: { ...fields, province: 'Ninh Bình' }, refs: {} });
  if (!createdB.ok) throw new Error(`business of ${UNIT2}: ${createdB.reason}`);
  codeA = await openCase(CASE_A, UNIT, businessA.id);
  codeB = await openCase(CASE_B, UNIT2, createdB.business.id);

  await issue('record', CASE_A, UNIT, 'VIOLATION_RECORD', 'BB-VPHC', 'B1');
  await issue('decision', CASE_A, UNIT, 'SANCTION_DECISION', 'QĐ-XPHC', 'B6');
  await issue('seizure', `${CASE_A}/B4`, UNIT, 'SEIZURE_RECORD', 'BB-TGTVPT', 'S2');
  await issue('archive', CASE_A, UNIT, 'CASE_FILE', 'HS', 'B17', 'application/zip');
  await issue('sibling', CASE_A_SIBLING, UNIT, 'SANCTION_DECISION', 'QĐ-XPHC', 'B6');
  await issue('other unit', CASE_B, UNIT2, 'SANCTION_DECISION', 'QĐ-XPHC', 'B6');

  ({ app, close } = await createTestApp(database.db, { publicLookup: { perAddress: 10_000, perCode: 10_000 } }));
}, 120_000);

afterAll(async () => {
  await close?.();
  await database?.drop();
});

describe('the party’s papers through the public lookup', () => {
  it('lists, with the code and the identifier, the papers of the case and of its sub-procedure’s case — not the archive package, not another case’s', async () => {
    const res = await json('/api/v1/public/case-lookup', { code: codeA, identifier: TAX_CODE });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { documents: TListed[] };
    const listed = (name: string): TListed => {
      const { row, bytes } = papers[name]!;
      return {
        id: row.id,
        type: row.type,
        title: expect.objectContaining({ vi: expect.any(String), en: expect.any(String) }),
        number: row.number,
        date: DATE,
        status: 'ISSUED',
        sha256: sha256(bytes),
        verifyPath: `/xac-thuc/${row.id}`,
      };
    };
    expect(body.documents).toEqual([listed('record'), listed('decision'), listed('seizure')]);
    expect(body.documents.map((d) => d.number)).toEqual(['01/BB-VPHC', '01/QĐ-XPHC', '01/BB-TGTVPT']);
    expect(body.documents[1]!.title.en).toBe('Sanction decision');
    // Nothing of the case's ids, the steps or who issued.
    const text = JSON.stringify(body.documents);
    for (const secret of [UNIT, 'penalty/', 'chicuctruong', 'B6', 'S2']) expect(text).not.toContain(secret);

    // The second unit's case, about the same company, lists its own paper only.
    const other = (await (await json('/api/v1/public/case-lookup', { code: codeB, identifier: TAX_CODE })).json()) as { documents: TListed[] };
    expect(other.documents.map((d) => d.id)).toEqual([papers['other unit']!.row.id]);
  });

  it('gives a listed paper byte for byte as issued, as an attachment, by the code and the identifier, with no Idempotency-Key', async () => {
    for (const name of ['decision', 'seizure']) {
      const res = await download(papers[name]!.row.id, { code: codeA.toLowerCase(), identifier: ` ${TAX_CODE} ` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9-]+_01-\d{4}\.pdf"$/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(papers[name]!.bytes);
    }
    // The OpenAPI document asks no key of it, as of the other public-lookup reads.
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, { post?: { parameters?: { name: string }[] } }> };
    const op = doc.paths['/api/v1/public/case-lookup/documents/{documentId}']?.post;
    expect(op).toBeDefined();
    expect((op!.parameters ?? []).map((p) => p.name)).not.toContain('idempotency-key');
  });

  it('answers a wrong identifier and an unknown code with the lookup’s one "no match", and no file', async () => {
    const noMatch = await (await json('/api/v1/public/case-lookup', { code: codeA, identifier: '001090012345' })).text();
    const id = papers.decision!.row.id;
    const unknownCode = formatLookupCode(generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)));
    for (const body of [
      { code: codeA, identifier: '001090012345' },
      { code: unknownCode, identifier: TAX_CODE },
      // The other unit's code and the right tax code: its case, not this paper's.
      { code: codeB, identifier: TAX_CODE },
    ]) {
      const res = await download(id, body);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(text).not.toContain('%PDF');
      if (body.code !== codeB) expect(text).toBe(noMatch);
    }
    // Malformed: refused by its shape, naming the field.
    const bad = await download(id, { code: 'nope', identifier: TAX_CODE });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['code']);
  });

  it('refuses, with the right code and identifier, the archive package, another case’s paper and an id that is none, alike', async () => {
    const answers = new Set<string>();
    for (const id of [papers.archive!.row.id, papers['other unit']!.row.id, papers.sibling!.row.id, 'abcdefghijkmnpqr']) {
      const res = await download(id, { code: codeA, identifier: TAX_CODE });
      expect(res.status, id).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('%PDF');
      expect(text).not.toContain('PK');
      answers.add(text);
    }
    expect(answers.size).toBe(1);
    expect((await download('NOT-AN-ID', { code: codeA, identifier: TAX_CODE })).status).toBe(400);
  });

  it('shows the papers on the result page, each downloaded by the page’s token in a POSTed field and verified at its public page', async () => {
    const res = await form('/public/tra-cuu', { code: codeA, identifier: TAX_CODE, lang: 'vi' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Văn bản của vụ việc');
    const token = /data-live-token="([^"]+)"/.exec(page)![1]!;
    for (const name of ['record', 'decision', 'seizure']) {
      const { row } = papers[name]!;
      expect(page).toContain(`data-paper="${row.id}"`);
      expect(page).toContain(`<input type="hidden" name="id" value="${row.id}" />`);
      expect(page).toContain(`href="/xac-thuc/${row.id}"`);
    }
    expect(page).toContain('01/QĐ-XPHC');
    expect(page).toContain('02/03/' + YEAR);
    for (const name of ['archive', 'sibling', 'other unit']) expect(page).not.toContain(papers[name]!.row.id);
    // The token goes in the form's body, never in an address.
    expect(page).toContain('<form method="post" action="/public/van-ban" class="inline">');
    expect(page).toContain(`<input type="hidden" name="token" value="${token}" />`);
    expect(page).not.toMatch(/href="[^"]*token/);

    const got = await form('/public/van-ban', { token, id: papers.record!.row.id, lang: 'vi' });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="BB-VPHC_01-\d{4}\.pdf"$/);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(papers.record!.bytes);

    // In English, the same list.
    const en = await (await form('/public/tra-cuu', { code: codeA, identifier: TAX_CODE, lang: 'en' })).text();
    expect(en).toContain('Documents of the case to download');
    expect(en).toContain('Sanction decision, no. 01/QĐ-XPHC');
    expect(en).toContain(`href="/xac-thuc/${papers.decision!.row.id}?lang=en"`);
  });

  it('answers an expired or forged token with the lookup form and its reason, and a valid token with another case’s paper with a 404', async () => {
    const page = await (await form('/public/tra-cuu', { code: codeA, identifier: TAX_CODE })).text();
    const token = /data-live-token="([^"]+)"/.exec(page)![1]!;
    const [c, exp, sig] = token.split('.') as [string, string, string];
    const id = papers.decision!.row.id;
    for (const t of [`${c}.${Math.floor(Date.now() / 1000) - 1}.${sig}`, `${c}.${exp}.${sig.slice(0, -2)}AA`, `${c}.${Number(exp) + 3600}.${sig}`, 'x.1.y', '']) {
      const res = await form('/public/van-ban', { token: t, id, lang: 'vi' });
      expect(res.status, t).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('Phiên xem hồ sơ đã hết hạn. Hãy tra cứu lại để tải văn bản.');
      expect(html).toContain('action="/public/tra-cuu"');
      expect(html).not.toContain('%PDF');
    }
    const en = await form('/public/van-ban', { token: 'x.1.y', id, lang: 'en' });
    expect(await en.text()).toContain('Look the case up again to download its documents.');

    // The second unit's case's token cannot take the first's paper, nor the first's its archive package.
    const pageB = await (await form('/public/tra-cuu', { code: codeB, identifier: TAX_CODE })).text();
    const tokenB = /data-live-token="([^"]+)"/.exec(pageB)![1]!;
    for (const [t, other] of [
      [tokenB, id],
      [token, papers['other unit']!.row.id],
      [token, papers.archive!.row.id],
    ] as const) {
      const res = await form('/public/van-ban', { token: t, id: other, lang: 'vi' });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('Hồ sơ của bạn không có văn bản này');
      expect(html).not.toContain('%PDF');
    }
  });

  it('adds a paper issued while the result page is open when the page follows its case (docs/adr/0128)', async () => {
    const page = await (await form('/public/tra-cuu', { code: codeA, identifier: TAX_CODE })).text();
    const token = /data-live-token="([^"]+)"/.exec(page)![1]!;
    const etag = /data-live-etag="([^"]+)"/.exec(page)![1]!.replaceAll('&quot;', '"');
    const live = () => app.request('/public/tra-cuu/live', { headers: { 'x-lookup-token': token, 'if-none-match': etag } });
    expect((await live()).status).toBe(304);
    const postponement = await issue('postponement', CASE_A, UNIT, 'POSTPONEMENT_DECISION', 'QĐ-HTHQĐ', 'B12');
    const changed = await live();
    expect(changed.status).toBe(200);
    const fragment = await changed.text();
    expect(fragment).toContain(`data-paper="${postponement.id}"`);
    expect(fragment).toContain(`<input type="hidden" name="token" value="${token}" />`);
  });
});

describe('the papers the workflow issued, as the party gets them', () => {
  let temporal: TestTemporal;
  let worked: InsApp;
  let closeWorked: () => Promise<void>;
  const PERSON = '001090012345';
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    temporal = await startTestWorker({ db: database.db, documents: { publicBaseUrl: 'https://ins.example.gov.vn' } });
    ({ app: worked, close: closeWorked } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, publicLookup: { perAddress: 10_000, perCode: 10_000 } }));
  }, 120_000);
  afterAll(async () => {
    await closeWorked?.();
    await temporal?.shutdown();
  });

  it('lists the record and the decision the steps issued, and gives each as issued: the file the verification page recognises', async () => {
    const lead = await signIn(worked, 'doitruong.cuong');
    const inspector = await signIn(worked, 'kiemsoat.an');
    const legal = await signIn(worked, 'phapche.lan');
    const director = await signIn(worked, 'chicuctruong.hai');
    const created = await callAs(worked, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Bà Nguyễn Thị Phương, bán bánh kẹo' });
    expect(created.status).toBe(201);
    const path = `/api/v1/cases/${encodeURIComponent(created.body.caseId as string)}`;
    const step = async (s: typeof lead, id: string, outcome: string, data: Record<string, unknown> = {}) => {
      const r = await callAs(worked, s, 'POST', `${path}/steps/${id}/complete`, { outcome, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await step(inspector, 'B1', 'RECORDED', {
      recordedAt: today,
      place: 'Tại quầy hàng',
      recorder: 'Nguyễn Văn An',
      violatorName: 'Nguyễn Thị Phương',
      offenderType: 'INDIVIDUAL',
      partyIdentifier: PERSON,
      violationDate: today,
      violationPlace: 'Chợ Rồng, Ninh Bình',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Kinh doanh 40 hộp bánh không rõ nguồn gốc, xuất xứ' }],
      violatorSigned: true,
    });
    await step(legal, 'B3', 'NO_EXPLANATION_RIGHT');
    await step(director, 'B6', 'DECIDED', { decisionDate: today, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 });
    const detail = await callAs(worked, lead, 'GET', path);
    expect(detail.body.lookupReady).toBe(true);
    const code = formatLookupCode(String(detail.body.lookupCode).replaceAll('-', ''));
    // What the case's officers see issued: the party's list is the same papers.
    const issued = (await callAs(worked, lead, 'GET', `${path}/documents`)).body.documents as { id: string; type: string; number: string; sha256: string }[];
    expect(issued.map((d) => d.type)).toEqual(['VIOLATION_RECORD', 'SANCTION_DECISION']);

    const found = await worked.request('/api/v1/public/case-lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, identifier: PERSON }) });
    expect(found.status).toBe(200);
    const { documents } = (await found.json()) as { documents: TListed[] };
    expect(documents.map((d) => [d.id, d.type, d.number, d.sha256])).toEqual(issued.map((d) => [d.id, d.type, d.number, d.sha256]));
    expect(documents.map((d) => d.number)).toEqual([expect.stringMatching(/^\d{2,}\/BB-VPHC$/), expect.stringMatching(/^\d{2,}\/QĐ-XPHC$/)]);
    for (const d of documents) {
      const res = await worked.request(`/api/v1/public/case-lookup/documents/${d.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, identifier: PERSON }),
      });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(sha256(bytes)).toBe(d.sha256);
      // Every page tells the party where, and with what, to look the case up (docs/adr/0120).
      const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
      expect(text.split(`Tra cứu hồ sơ: https://ins.example.gov.vn/tra-cuu, mã tra cứu ${code}`).length - 1).toBe((await pdfText(bytes)).split('\f').filter((p) => p.trim()).length);
      // The copy the party downloaded is the paper as issued, for anyone it shows it to.
      const check = new FormData();
      check.set('file', new File([bytes], 'copy.pdf', { type: 'application/pdf' }));
      const verified = await worked.request(d.verifyPath, { method: 'POST', body: check });
      expect(verified.status).toBe(200);
      expect(await verified.text()).toContain('data-verify="match"');
    }
  }, 120_000);

  it('prints no lookup code on the record of a party the lookup cannot find: no identifier stated, no registry business', async () => {
    const lead = await signIn(worked, 'doitruong.cuong');
    const inspector = await signIn(worked, 'kiemsoat.an');
    const created = await callAs(worked, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Người bán hàng rong, chợ Rồng' });
    expect(created.status).toBe(201);
    const path = `/api/v1/cases/${encodeURIComponent(created.body.caseId as string)}`;
    const recorded = await callAs(worked, inspector, 'POST', `${path}/steps/B1/complete`, {
      outcome: 'RECORDED',
      data: {
        recordedAt: today,
        place: 'Tại chợ',
        recorder: 'Nguyễn Văn An',
        violatorName: 'Không rõ danh tính',
        offenderType: 'INDIVIDUAL',
        violationDate: today,
        violationPlace: 'Chợ Rồng, Ninh Bình',
        acts: [{ violation: 'ND98/2020:17.1.c', description: 'Bán 5 hộp bánh không rõ nguồn gốc, xuất xứ' }],
        violatorSigned: true,
      },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    // The case has its code (on the staff page, marked not usable yet), but no lookup could match it: the paper does not send the party to it.
    expect((await callAs(worked, lead, 'GET', path)).body).toMatchObject({ lookupCode: expect.any(String), lookupReady: false });
    const [record] = (await callAs(worked, lead, 'GET', `${path}/documents`)).body.documents as { id: string; type: string }[];
    expect(record?.type).toBe('VIOLATION_RECORD');
    const file = await worked.request(`${path}/documents/${record!.id}/file`, { headers: { cookie: lead.cookie } });
    expect(file.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await file.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Tra cứu, xác thực: https://ins.example.gov.vn/xac-thuc/');
    expect(text).not.toContain('Tra cứu hồ sơ');
  }, 120_000);
});
