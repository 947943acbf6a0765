/**
 * The case search (`GET /api/v1/cases?q=`): a case is found by what its papers say — the decision
 * number, the business named in the decision, the title — typed with or without accents, and only
 * by those who may see the case (issue 15: "the case search finding a case by its decision number").
 * The number is the one the unit's register gave the decision when it was issued (docs/documents.md).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { getCaseRow } from '../db/repositories/cases.js';
import { vnDateOf } from '../domain/vn-time.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let caseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  const lead = await signIn(app, 'doitruong.cuong');
  const created = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra định kỳ quý IV' });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  // The decision's number is the unit's register's (docs/documents.md): the first inspection decision of this new unit.
  const decision = {
    decisionDate: vnDateOf(new Date()),
    signedBy: 'Lê Văn Cường',
    form: 'PLANNED',
    planRef: 'KH 01/2026',
    businessName: 'Cửa hàng Đức Thịnh',
    address: 'Phường Hoa Lư',
    content: 'Niêm yết giá',
  };
  const done = await callAs(app, lead, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/A5/complete`, { outcome: 'ISSUED', data: decision });
  expect(done.status).toBe(200);
  const papers = await callAs(app, lead, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/documents`);
  expect(papers.body.documents.map((d: { type: string; number: string }) => [d.type, d.number])).toEqual([['INSPECTION_DECISION', '01/QĐ-KT']]);
  expect((await getCaseRow(database.db, caseId))!.snapshot.completed.find((c) => c.stepId === 'A5')!.data.decisionNo).toBe('01/QĐ-KT');
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

const found = async (s: TTestSession, q: string): Promise<string[]> => {
  const r = await callAs(app, s, 'GET', `/api/v1/cases?q=${encodeURIComponent(q)}`);
  expect(r.status).toBe(200);
  return r.body.items.map((i: { caseId: string }) => i.caseId);
};

describe('the case search', () => {
  it('finds a case by its decision number, the business its decision names and its title, accents optional', async () => {
    const director = await signIn(app, 'chicuctruong.hai');
    expect(await found(director, '01/QĐ-KT')).toEqual([caseId]);
    expect(await found(director, '01/qd-kt')).toEqual([caseId]);
    expect(await found(director, 'duc thinh')).toEqual([caseId]);
    expect(await found(director, 'Đức Thịnh')).toEqual([caseId]);
    expect(await found(director, 'dinh ky quy iv')).toEqual([caseId]);
    // Every word must match.
    expect(await found(director, '01/qd-kt hong phat')).toEqual([]);
    expect(await found(director, '02/QĐ-KT')).toEqual([]);
  });

  it('finds nothing for those who may not see the case', async () => {
    expect(await found(await signIn(app, 'kiemsoat.binh'), '01/QĐ-KT')).toEqual([]);
  });
});

describe('the search document of a case about a business (docs/adr/0170)', () => {
  let bizCase: string;
  let bizId: string;

  beforeAll(async () => {
    const director = await signIn(app, 'chicuctruong.hai');
    const biz = await callAs(app, director, 'POST', '/api/v1/businesses', {
      taxCode: '2700123466',
      name: 'Công ty TNHH Bánh kẹo Hương Giang',
      type: 'ENTERPRISE',
      address: { province: 'tỉnh Ninh Bình', commune: 'phường Hoa Lư' },
    });
    expect(biz.status).toBe(201);
    bizId = biz.body.id;
    const created = await callAs(app, await signIn(app, 'doitruong.cuong'), 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Kinh doanh hàng không rõ nguồn gốc', businessId: bizId });
    expect(created.status).toBe(201);
    bizCase = created.body.caseId;
  });

  it('finds the case by its number, by its business’s name without accents and by its tax code', async () => {
    const director = await signIn(app, 'chicuctruong.hai');
    expect(await found(director, bizCase)).toEqual([bizCase]);
    expect(await found(director, 'banh keo huong giang')).toEqual([bizCase]);
    expect(await found(director, 'Bánh kẹo Hương Giang')).toEqual([bizCase]);
    expect(await found(director, '2700123466')).toEqual([bizCase]);
    // The business and the case's own words together: both are in its one search document.
    expect(await found(director, 'huong giang nguon goc')).toEqual([bizCase]);
  });

  it('finds the case by the business’s new name after a rename, and no longer by the old one', async () => {
    const director = await signIn(app, 'chicuctruong.hai');
    const renamed = await callAs(app, director, 'PATCH', `/api/v1/businesses/${encodeURIComponent(bizId)}`, { name: 'Công ty TNHH Thực phẩm Sông Đáy' });
    expect(renamed.status).toBe(200);
    expect(await found(director, 'song day')).toEqual([bizCase]);
    expect(await found(director, 'huong giang')).toEqual([]);
    expect(await found(director, '2700123466')).toEqual([bizCase]);
    expect((await database.db.selectFrom('case_file').select('search_doc').where('case_id', '=', bizCase).executeTakeFirstOrThrow()).search_doc).toContain('cong ty tnhh thuc pham song day');
  });

  it('finds the case about a business for no one outside its team', async () => {
    expect(await found(await signIn(app, 'kiemsoat.binh'), 'song day')).toEqual([]);
  });
});
