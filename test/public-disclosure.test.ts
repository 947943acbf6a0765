/**
 * The public disclosure of decided violations (issue 16, docs/adr/0135, 0136) against the real
 * stack: penalty cases driven through the HTTP API to their decisions — an organisation fined, an
 * individual warned, a case never decided, one decided and then set aside (Art. 62(2)) — and what the
 * public sees of them: the JSON list and its search, the HTML page, the Atom feed, and the withdrawal.
 * The cases start on the latest penalty version, whose papers take their numbers from the unit's
 * register in issue order (docs/documents.md): the records 01–04/BB-VPHC, the decisions 01–03/QĐ-XPHC.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';
import { childrenNamed, childText, parseXml, type TXmlElement } from './xml.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER_UNIT = `th${randomUUID().slice(0, 6)}`;
const TAX_CODE = '2700123459';
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let closeApp: () => Promise<void>;
let s: Record<'lead' | 'inspector' | 'legal' | 'director', TTestSession>;
/** The case decided, delivered, then set aside by the test of the feed. */
let setAside: Awaited<ReturnType<typeof decidedCase>>;

interface TItem {
  id: string;
  partyName: string;
  offenderType: string;
  taxCode?: string;
  province: string;
  decisionNo: string;
  sanction: string;
  fineAmount?: number;
  acts: { code: string; text: string; provision: string }[];
  unit: { id: string; name: string };
}
const list = async (query = '') => {
  const r = await app.request(`/api/v1/public/disclosures${query}`);
  return { status: r.status, body: (await r.json()) as { items: TItem[]; total: number; page: number; pageSize: number } };
};
const feed = async (query = '') => {
  const r = await app.request(`/public/cong-khai/feed.atom${query}`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  return parseXml(await r.text());
};
const entries = (doc: TXmlElement) => childrenNamed(doc, 'entry');
async function until<T>(what: string, f: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function decidedCase(o: {
  title: string;
  businessId?: string;
  violatorName: string;
  offenderType: 'ORGANIZATION' | 'INDIVIDUAL';
  /** The number the unit's register gives its decision (none for the case never decided). */
  decisionNo?: string;
  decision: Record<string, unknown>;
  act: string;
}) {
  const created = await callAs(app, s.lead, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: o.title, ...(o.businessId ? { businessId: o.businessId } : {}) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId: string = created.body.caseId;
  const step = async (who: TTestSession, id: string, outcome: string, data: Record<string, unknown> = {}) => {
    const r = await callAs(app, who, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${id}/complete`, { outcome, data });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await step(s.inspector, 'B1', 'RECORDED', {
    recordedAt: TODAY,
    place: 'Số 5 phố Tràng An, phường Hoa Lư',
    recorder: 'Nguyễn Văn An, kiểm soát viên',
    violatorName: o.violatorName,
    offenderType: o.offenderType,
    violationDate: TODAY,
    violationPlace: 'Số 5 phố Tràng An, phường Hoa Lư',
    acts: [{ violation: o.act, description: 'MÔ TẢ NỘI BỘ của kiểm soát viên' }],
    statements: 'LỜI KHAI NỘI BỘ',
    violatorSigned: true,
  });
  await step(s.legal, 'B3', 'NO_EXPLANATION_RIGHT');
  const decide = async () => {
    await step(s.director, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', ...o.decision });
    // The register's number is in the decision's data, where the disclosure reads it.
    const detail = await callAs(app, s.director, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
    expect(detail.body.case.snapshot.completed.find((c: { stepId: string }) => c.stepId === 'B6').data.decisionNo).toBe(o.decisionNo);
  };
  return { caseId, step, decide };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, OTHER_UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close: closeApp } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  s = {
    lead: await signIn(app, 'doitruong.cuong'),
    inspector: await signIn(app, 'kiemsoat.an'),
    legal: await signIn(app, 'phapche.lan'),
    director: await signIn(app, 'chicuctruong.hai'),
  };
  const business = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();

  const org = await decidedCase({
    title: 'Công ty Hoa Lư',
    businessId: business.id,
    violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
    offenderType: 'ORGANIZATION',
    decisionNo: '01/QĐ-XPHC',
    decision: { sanction: 'FINE', fineAmount: 800_000 },
    act: 'ND98/2020:17.1.c',
  });
  await org.decide();
  const person = await decidedCase({
    title: 'Hộ bà Bích',
    violatorName: 'Trần Thị Bích',
    offenderType: 'INDIVIDUAL',
    decisionNo: '02/QĐ-XPHC',
    decision: { sanction: 'WARNING' },
    act: 'ND98/2020:17.1.a',
  });
  await person.decide();
  // Recorded, never decided: nothing to publish.
  await decidedCase({ title: 'Chưa quyết định', violatorName: 'Công ty CHƯA QUYẾT ĐỊNH', offenderType: 'ORGANIZATION', decision: {}, act: 'ND98/2020:17.1.c' });
  const later = await decidedCase({
    title: 'Công ty Vân Long',
    violatorName: 'Công ty Cổ phần Vân Long',
    offenderType: 'ORGANIZATION',
    decisionNo: '03/QĐ-XPHC',
    decision: { sanction: 'FINE', fineAmount: 700_000, mitigating: 1, amountReason: 'Một tình tiết giảm nhẹ' },
    act: 'ND98/2020:17.1.c',
  });
  await later.decide();
  await later.step(s.inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });
  setAside = later;
  // The read model catches up (the projection is an activity).
  await until('three decisions listed', async () => (await list()).body.total === 3);
}, 180_000);

afterAll(async () => {
  await closeApp?.();
  await temporal?.shutdown();
  await database?.drop();
});

describe('the published decisions', () => {
  it('lists an organisation by name and tax code, with the catalogue’s wording of the act, the sanction, the decision and the unit', async () => {
    const { status, body } = await list('?q=hoa%20lu');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      offenderType: 'ORGANIZATION',
      partyName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      taxCode: TAX_CODE,
      violationDate: TODAY,
      sanction: 'FINE',
      fineAmount: 800_000,
      decisionNo: '01/QĐ-XPHC',
      decisionDate: TODAY,
      acts: [{ code: 'ND98/2020:17.1.c', text: expect.stringContaining('không rõ nguồn gốc'), provision: expect.stringContaining('Điều 17') }],
      unit: { id: UNIT },
    });
  });

  it('minimises an individual: initials and province only, no tax code; the officers’ words and the case never leave', async () => {
    const { body } = await list();
    const person = body.items.find((i) => i.decisionNo === '02/QĐ-XPHC')!;
    expect(person).toMatchObject({ offenderType: 'INDIVIDUAL', partyName: 'T.T.B.', sanction: 'WARNING', province: 'Ninh Bình' });
    expect(person.taxCode).toBeUndefined();
    expect(person.fineAmount).toBeUndefined();
    const text = JSON.stringify(body);
    for (const secret of ['Trần', 'Bích', 'Tràng An', 'MÔ TẢ NỘI BỘ', 'LỜI KHAI', 'Nguyễn Văn An', 'penalty/', 'CHƯA QUYẾT ĐỊNH']) expect(text, secret).not.toContain(secret);
    // Searching an individual's name finds nothing: only the initials are published.
    expect((await list('?q=tran%20thi%20bich')).body.total).toBe(0);
  });

  it('searches by name without accents, tax code prefix, decision number, dates and unit, and pages the result', async () => {
    expect((await list('?q=THUC%20PHAM')).body.items.map((i) => i.decisionNo)).toEqual(['01/QĐ-XPHC']);
    expect((await list('?taxCode=2700')).body.items.map((i) => i.decisionNo)).toEqual(['01/QĐ-XPHC']);
    expect((await list(`?decisionNo=${encodeURIComponent('02/qd')}`)).body.items.map((i) => i.decisionNo)).toEqual(['02/QĐ-XPHC']);
    expect((await list(`?from=${TODAY}&to=${TODAY}`)).body.total).toBe(3);
    expect((await list('?to=2000-01-01')).body.total).toBe(0);
    expect((await list(`?unit=${UNIT}`)).body.total).toBe(3);
    expect((await list(`?unit=${OTHER_UNIT}`)).body.total).toBe(0);
    const first = await list('?pageSize=2');
    const second = await list('?pageSize=2&page=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(second.body.items).toHaveLength(1);
    expect(new Set([...first.body.items, ...second.body.items].map((i) => i.id)).size).toBe(3);
  });

  it('refuses a date that is not one and a range that ends before it starts, naming the field', async () => {
    const bad = await list('?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('"path":"from"');
    const reversed = await list('?from=2026-12-02&to=2026-12-01');
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('"path":"to"');
  });

  it('renders the search page in Vietnamese and English, escaped, with its feed link, and a bad date as a 400 page', async () => {
    const vi = await app.request('/public/cong-khai?q=hoa+lu');
    expect(vi.status).toBe(200);
    const page = await vi.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Công ty TNHH Thương mại Thực phẩm Hoa Lư');
    expect(page).toContain('Tìm thấy 1 quyết định');
    expect(page).toContain('type="application/atom+xml"');
    expect(page).not.toContain('T.T.B.');
    const en = await (await app.request('/public/cong-khai?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Decisions found: 3');
    const bad = await app.request('/public/cong-khai?from=hôm+qua');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-invalid="true"');
  });

  it('feeds the decisions as valid Atom 1.0, each entry with a stable id; a decision set aside is withdrawn from the list and marked in the feed', async () => {
    const before = await feed();
    expect(before.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(childText(before, 'id')).toBe('urn:ins:disclosure');
    expect(childText(before, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(entries(before)).toHaveLength(3);
    const ids = entries(before).map((e) => childText(e, 'id')!);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const entryOf = (doc: TXmlElement) => entries(doc).find((e) => childText(e, 'title')!.includes('03/QĐ-XPHC'))!;
    const listed = entryOf(before);
    expect(childText(listed, 'title')).toBe('Công ty Cổ phần Vân Long — 03/QĐ-XPHC');
    // The feed again, unchanged: the same ids and dates (a retried projection changes nothing).
    expect(entries(await feed()).map((e) => [childText(e, 'id'), childText(e, 'updated')])).toEqual(entries(before).map((e) => [childText(e, 'id'), childText(e, 'updated')]));
    const link = childrenNamed(listed, 'link')[0]!.attrs.href!;
    expect((await app.request(new URL(link).pathname)).status).toBe(200);

    // Signs of a crime after the decision: the director sets it aside and sends the file on (Art. 62(2)).
    await setAside.step(s.legal, 'B9', 'CRIMINAL_SIGNS');
    await setAside.step(s.director, 'B62', 'SUSPENDED', { suspensionNo: '3/QĐ-TĐC' });
    await until('the decision withdrawn', async () => (await list()).body.total === 2);
    expect((await list('?q=van%20long')).body.total).toBe(0);

    const after = await feed();
    const withdrawn = entryOf(after);
    expect(childText(withdrawn, 'id')).toBe(childText(listed, 'id'));
    expect(Date.parse(childText(withdrawn, 'updated')!)).toBeGreaterThan(Date.parse(childText(listed, 'updated')!));
    expect(childrenNamed(withdrawn, 'category').map((c) => c.attrs.term)).toEqual(['withdrawn']);
    expect(childText(withdrawn, 'title')).toBe('Đã rút công khai: quyết định 03/QĐ-XPHC');
    expect(childText(withdrawn, 'summary')).not.toContain('Vân Long');
    expect(childText(after, 'updated')).toBe(childText(withdrawn, 'updated'));
    const gone = await app.request(new URL(link).pathname);
    expect(gone.status).toBe(410);
    expect(await gone.text()).not.toContain('Vân Long');

    // One unit's feed has its own id and only its entries.
    const other = await feed(`?unit=${OTHER_UNIT}`);
    expect(childText(other, 'id')).toBe(`urn:ins:disclosure:${OTHER_UNIT}`);
    expect(entries(other)).toHaveLength(0);
  });
});
