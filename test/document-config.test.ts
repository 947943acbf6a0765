/**
 * The papers' configuration on a real PostgreSQL (docs/documents.md "Configuration: templates and
 * the agency lines", ADRs 0157 and 0158): the templates are national data in the database — the
 * shipped version 1 published by the reference data, a new version drafted, previewed and
 * published by a national administrator from a date, the papers filled with the version in force
 * on their own date — and a unit's agency lines are its admin's, printed on its papers only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { vietnamDateOf } from '../domain/calendar.js';
import { DOCUMENT_FIXTURES } from '../domain/documents/fixtures.js';
import { DOCUMENT_TEMPLATES, LIMITATION_LINES_FROM, SIGNER_TITLES_FROM, templateFor } from '../domain/documents/templates.js';
import { dateView } from '../domain/documents/view.js';
import type { TDocumentType } from '../domain/documents/types.js';
import { seedDemoData } from '../db/demo-data.js';
import { seedDocumentTemplates } from '../db/repositories/document-templates.js';
import { documentBytes, documentById, unitAsOf } from '../db/repositories/documents.js';
import { DocumentTemplateError, issue, templateOf } from '../lib/documents/issue.js';
import { pdfText } from './pdf-tools.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const UNIT2 = `th${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, UNIT2);
  ({ app, close } = await createTestApp(database.db));
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

const sessions = new Map<string, TTestSession>();
async function as(username: string): Promise<TTestSession> {
  if (!sessions.has(username)) sessions.set(username, await signIn(app, username));
  return sessions.get(username)!;
}
const call = async (who: string, method: string, path: string, body?: unknown) => callAs(app, await as(who), method, path, body);

const TODAY = vietnamDateOf(new Date());
/** The day `n` days from today (yyyy-mm-dd). */
const inDays = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Issues a paper of `type` for `unitId` dated `date`, filled from the fixture case of its type, through the issuing path. */
async function paper(unitId: string, type: TDocumentType, date: string, actor?: { id: string; role: string }, record: Record<string, unknown> = {}) {
  const { ctx } = DOCUMENT_FIXTURES.find((f) => f.ctx.type === type)!;
  const doc = await issue(
    database.db,
    { publicBaseUrl: 'https://ins.example.gov.vn' },
    {
      key: `test:${randomUUID()}`,
      caseId: `penalty/${unitId}/2026/${randomUUID().slice(0, 4)}`,
      unitId,
      teamId: `${unitId}-doi-1`,
      caseTitle: ctx.caseTitle,
      procedure: { id: ctx.procedureId, version: ctx.procedureVersion },
      type,
      stepId: ctx.stepId,
      outcome: ctx.outcome,
      date,
      steps: ctx.steps.B1 ? { ...ctx.steps, B1: { ...ctx.steps.B1, ...record } } : ctx.steps,
      facts: ctx.facts,
      issued: ctx.issued,
      actorId: actor?.id ?? (unitId.startsWith('th') ? 'th.chicuctruong' : 'chicuctruong.hai'),
      actorRole: actor?.role ?? 'DIRECTOR',
    },
  );
  const row = (await documentById(database.db, doc.id))!;
  const text = (await pdfText((await documentBytes(database.db, doc.id))!)).normalize('NFC').replace(/\s+/g, ' ');
  return { row, text };
}

const shipped = (type: TDocumentType) => DOCUMENT_TEMPLATES.find((t) => t.type === type)!;
/** The version an administrator drafts next after the shipped ones (a decision ships version 2 too: docs/adr/0190). */
const nextVersion = (type: TDocumentType, plus = 1) => Math.max(...DOCUMENT_TEMPLATES.filter((t) => t.type === type).map((t) => t.version)) + plus;

describe('a unit’s agency lines', () => {
  const lines = { parentAgency: 'ủy ban nhân dân tỉnh ninh bình', agency: 'Chi cục QLTT Hoa Lư', headTitle: 'chi cục trưởng', place: 'Hoa Lư' };

  it('are set by the unit’s admin from a date and printed on its papers from that date, never on another unit’s', async () => {
    const from = inDays(3);
    const national = await paper(UNIT, 'VIOLATION_RECORD', inDays(2));
    expect(national.text).toContain('SỞ CÔNG THƯƠNG TỈNH NINH BÌNH');

    const set = await call('quantri.minh', 'PUT', `/api/v1/units/${UNIT}/agency`, { validFrom: from, ...lines });
    expect(set.status).toBe(200);
    // Upper case, as Decree 30 prints the agency lines; the place as written.
    expect(set.body.rows).toEqual([
      {
        validFrom: from,
        parentAgency: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
        agency: 'CHI CỤC QLTT HOA LƯ',
        headTitle: 'CHI CỤC TRƯỞNG',
        place: 'Hoa Lư',
        treasury: null,
        treasuryAccount: null,
        createdBy: 'quantri.minh',
        createdAt: expect.any(String),
      },
    ]);
    expect(set.body.inForce).toMatchObject({ date: TODAY, parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH', own: false });
    expect((await call('quantri.minh', 'GET', `/api/v1/units/${UNIT}/agency`)).body.rows).toHaveLength(1);

    const own = await paper(UNIT, 'VIOLATION_RECORD', from);
    expect(own.text).toContain('ỦY BAN NHÂN DÂN TỈNH NINH BÌNH');
    expect(own.text).toContain('CHI CỤC QLTT HOA LƯ');
    expect(own.text).toContain(`Hoa Lư, ${dateView(from).long}`);
    expect(own.text).not.toContain('SỞ CÔNG THƯƠNG');
    // Before the date, and in the other unit, the national rule.
    const other = await paper(UNIT2, 'VIOLATION_RECORD', from);
    expect(other.text).toContain('SỞ CÔNG THƯƠNG TỈNH THANH HÓA');
    expect(other.text).not.toContain('HOA LƯ,');
    expect(other.text).not.toContain('ỦY BAN NHÂN DÂN');
    expect((await call('th.quantri', 'GET', `/api/v1/units/${UNIT2}/agency`)).body).toMatchObject({ rows: [], inForce: { parentAgency: 'SỞ CÔNG THƯƠNG TỈNH THANH HÓA', own: false } });
  });

  it('are another unit’s admins’ to read or change: 403 before the body, and nothing changes', async () => {
    for (const who of ['th.quantri', 'quocgia.thu', 'quocgia.vinh', 'chicuctruong.hai', 'kiemsoat.an']) {
      const put = await call(who, 'PUT', `/api/v1/units/${UNIT}/agency`, { validFrom: inDays(40), ...lines, agency: 'KHÁC' });
      expect([who, put.status]).toEqual([who, 403]);
      expect((await call(who, 'GET', `/api/v1/units/${UNIT}/agency`)).status).toBe(403);
    }
    const refused = await call('th.quantri', 'PUT', `/api/v1/units/${UNIT}/agency`, { validFrom: 'not a date' });
    expect([refused.status, refused.body.error.details]).toEqual([403, { reason: 'OTHER_UNIT_CONFIGURATION' }]);
    expect((await call('quantri.minh', 'GET', `/api/v1/units/${UNIT}/agency`)).body.rows.map((r: { agency: string }) => r.agency)).toEqual(['CHI CỤC QLTT HOA LƯ']);
  });

  it('refuse empty lines, a date that is not one, a date before today or on or before the unit’s latest paper', async () => {
    const put = (body: unknown) => call('quantri.minh', 'PUT', `/api/v1/units/${UNIT}/agency`, body);
    const empty = await put({ validFrom: inDays(10), ...lines, agency: '  ' });
    expect([empty.status, empty.body.error.details]).toEqual([400, [expect.objectContaining({ path: 'agency' })]]);
    expect((await put({ validFrom: '2026-02-30', ...lines })).body.error.details).toEqual([expect.objectContaining({ path: 'validFrom', rule: 'format' })]);
    const past = await put({ validFrom: inDays(-1), ...lines });
    expect([past.status, past.body.error.details]).toEqual([422, [expect.objectContaining({ path: 'validFrom', rule: 'notBeforeToday' })]]);
    // The unit's latest paper (the violation record above) is dated 3 days ahead.
    const issued = await put({ validFrom: inDays(3), ...lines, agency: 'KHÁC' });
    expect([issued.status, issued.body.error.details]).toEqual([422, [expect.objectContaining({ path: 'validFrom', rule: 'afterIssuedPaper', params: { date: inDays(3) } })]]);
    expect((await call('quantri.minh', 'GET', `/api/v1/units/${UNIT}/agency`)).body.rows).toHaveLength(1);
  });
});

describe('the templates in the database', () => {
  it('are published from the shipped versions by the reference data, which never publishes one twice', async () => {
    const list = await call('kiemsoat.an', 'GET', '/api/v1/document-templates');
    expect(list.status).toBe(200);
    const sanction = (list.body.types as Array<{ type: string; versions: Array<{ version: number; status: string; effectiveFrom: string; publishedBy: string }> }>).find(
      (t) => t.type === 'SANCTION_DECISION',
    );
    expect(sanction?.versions).toEqual([
      expect.objectContaining({ version: 1, status: 'PUBLISHED', effectiveFrom: '2025-07-01', publishedBy: 'seed' }),
      expect.objectContaining({ version: 2, status: 'PUBLISHED', effectiveFrom: SIGNER_TITLES_FROM, publishedBy: 'seed' }),
      // Version 3 (a deputy's "KT.", ADR 0197) takes effect the same day: it fills every paper from then on.
      expect.objectContaining({ version: 3, status: 'PUBLISHED', effectiveFrom: SIGNER_TITLES_FROM, publishedBy: 'seed' }),
      // Version 4 says what the limitation counted from (ADR 0215).
      expect.objectContaining({ version: 4, status: 'PUBLISHED', effectiveFrom: LIMITATION_LINES_FROM, publishedBy: 'seed' }),
      // Version 5 (the time to comply the decision gives, ADR 0217) the same day.
      expect.objectContaining({ version: 5, status: 'PUBLISHED', effectiveFrom: LIMITATION_LINES_FROM, publishedBy: 'seed' }),
    ]);
    expect(list.body.types.map((t: { type: string }) => t.type).sort()).toEqual([...new Set(DOCUMENT_TEMPLATES.map((t) => t.type))].sort());
    const one = await call('kiemsoat.an', 'GET', '/api/v1/document-templates/SANCTION_DECISION/versions/1');
    expect([one.status, one.body.definition]).toEqual([200, JSON.parse(JSON.stringify(shipped('SANCTION_DECISION')))]);
    expect(await seedDocumentTemplates(database.db, DOCUMENT_TEMPLATES)).toBe(0);
  });

  it('publish a shipped version whose number the installation’s own draft holds under the next free number, once; a number an earlier release holds stays (ADR 0231)', async () => {
    const type = 'SEIZURE_RECORD';
    const N = nextVersion(type);
    const versions = async () =>
      ((await call('kiemsoat.an', 'GET', '/api/v1/document-templates')).body.types as Array<{ type: string; versions: Array<{ version: number; status: string; createdBy?: string }> }>)
        .find((t) => t.type === type)!
        .versions.map((v) => [v.version, v.status]);
    // The national administrator drafts version N before the release that ships one.
    const own = { ...shipped(type), version: N, effectiveFrom: inDays(70), subtitle: 'Mẫu của địa phương' };
    expect((await call('quocgia.thu', 'PUT', `/api/v1/document-templates/${type}/versions/${N}`, own)).status).toBe(200);
    const release = { ...shipped(type), version: N, effectiveFrom: inDays(60), subtitle: 'Mẫu phát hành' };

    // Two replicas starting at once publish it once.
    const [one, other] = await Promise.all([seedDocumentTemplates(database.db, [...DOCUMENT_TEMPLATES, release]), seedDocumentTemplates(database.db, [...DOCUMENT_TEMPLATES, release])]);
    expect(one + other).toBe(1);
    expect((await versions()).slice(-2)).toEqual([
      [N, 'DRAFT'],
      [N + 1, 'PUBLISHED'],
    ]);
    const published = await call('kiemsoat.an', 'GET', `/api/v1/document-templates/${type}/versions/${N + 1}`);
    expect([published.body.definition.version, published.body.definition.subtitle, published.body.definition.effectiveFrom, published.body.publishedBy]).toEqual([
      N + 1,
      'Mẫu phát hành',
      inDays(60),
      'seed',
    ]);
    const draft = await call('kiemsoat.an', 'GET', `/api/v1/document-templates/${type}/versions/${N}`);
    expect([draft.body.status, draft.body.definition.subtitle]).toEqual(['DRAFT', 'Mẫu của địa phương']);
    expect((await templateOf(database.db, type, inDays(60))).subtitle).toBe('Mẫu phát hành');

    // Every later start finds it there, under its new number.
    expect(await seedDocumentTemplates(database.db, [...DOCUMENT_TEMPLATES, release])).toBe(0);
    // A number an earlier release published is never published again, whatever a later one ships under it.
    expect(await seedDocumentTemplates(database.db, [{ ...shipped(type), subtitle: 'Mẫu sửa lại' }])).toBe(0);
    expect((await versions()).length).toBe(N + 1);
  });

  it('ship no two versions of a type alike but for their number: the seed knows a shipped version by its content (ADR 0231)', () => {
    const keys = DOCUMENT_TEMPLATES.map(({ version: _version, ...rest }) => JSON.stringify(rest));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fill a paper dated before a new version’s date with the version before, and one dated on or after it with the new one', async () => {
    const from = inDays(30);
    const N = nextVersion('SANCTION_DECISION');
    const v2 = { ...shipped('SANCTION_DECISION'), version: N, effectiveFrom: from, subtitle: 'Xử phạt vi phạm hành chính theo mẫu năm sau' };
    const saved = await call('quocgia.thu', 'PUT', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}`, v2);
    expect([saved.status, saved.body.status, saved.body.effectiveFrom, saved.body.createdBy]).toEqual([200, 'DRAFT', from, 'quocgia.thu']);

    // The draft previews on the fixture case, and fills no paper yet.
    const preview = await app.request(`/api/v1/document-templates/SANCTION_DECISION/versions/${N}/preview`, {
      method: 'POST',
      headers: { cookie: (await as('quocgia.thu')).cookie, 'x-csrf-token': (await as('quocgia.thu')).csrf },
    });
    expect([preview.status, preview.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const previewText = (await pdfText(new Uint8Array(await preview.arrayBuffer()))).normalize('NFC');
    expect(previewText).toContain('theo mẫu năm sau');
    expect(previewText).toContain('DỰ THẢO');
    expect((await templateOf(database.db, 'SANCTION_DECISION', from)).version).toBe(N - 1);

    const published = await call('quocgia.thu', 'POST', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}/publish`);
    expect([published.status, published.body.status, published.body.publishedBy]).toEqual([200, 'PUBLISHED', 'quocgia.thu']);

    const before = await paper(UNIT, 'SANCTION_DECISION', inDays(29));
    const on = await paper(UNIT, 'SANCTION_DECISION', from);
    const after = await paper(UNIT2, 'SANCTION_DECISION', inDays(31));
    expect([before.row.templateVersion, on.row.templateVersion, after.row.templateVersion]).toEqual([templateFor('SANCTION_DECISION', inDays(29)).version, N, N]);
    expect(before.text).not.toContain('theo mẫu năm sau');
    expect(on.text).toContain('Xử phạt vi phạm hành chính theo mẫu năm sau');
    expect(after.text).toContain('Xử phạt vi phạm hành chính theo mẫu năm sau');

    // A published version never changes, nor is published twice.
    expect((await call('quocgia.thu', 'PUT', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}`, { ...v2, title: 'KHÁC' })).status).toBe(409);
    expect((await call('quocgia.thu', 'POST', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}/publish`)).status).toBe(409);
    const still = await call('quocgia.thu', 'GET', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}`);
    expect(still.body.definition.title).toBe('QUYẾT ĐỊNH');
  });

  it('refuse a version taking effect on or before a paper of its type already issued (a day before today too), and publish it later', async () => {
    const N = nextVersion('SANCTION_DECISION', 2);
    const put = (version: number, effectiveFrom: string) =>
      call('quocgia.thu', 'PUT', `/api/v1/document-templates/SANCTION_DECISION/versions/${version}`, { ...shipped('SANCTION_DECISION'), version, effectiveFrom });
    expect((await put(N, inDays(-1))).status).toBe(200);
    const past = await call('quocgia.thu', 'POST', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}/publish`);
    expect([past.status, past.body.error.code, past.body.error.details]).toEqual([
      422,
      'BUSINESS_RULE',
      [expect.objectContaining({ path: 'effectiveFrom', rule: 'afterIssuedPaper', params: { date: inDays(31) } })],
    ]);
    // The test above issued a sanction decision dated 31 days ahead.
    expect((await put(N, inDays(31))).status).toBe(200);
    const issued = await call('quocgia.thu', 'POST', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}/publish`);
    expect([issued.status, issued.body.error.details]).toEqual([422, [expect.objectContaining({ path: 'effectiveFrom', rule: 'afterIssuedPaper', params: { date: inDays(31) } })]]);
    expect((await call('quocgia.thu', 'GET', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}`)).body.status).toBe('DRAFT');
    expect((await put(N, inDays(32))).status).toBe(200);
    expect((await call('quocgia.thu', 'POST', `/api/v1/document-templates/SANCTION_DECISION/versions/${N}/publish`)).status).toBe(200);
  });

  it('publish a version mending a template for past dates where no paper of its type is dated on or after its day (ADR 0198)', async () => {
    // No criminal-transfer decision is issued in this file: a mend from a month back changes no paper.
    const type = 'CRIMINAL_TRANSFER_DECISION';
    const N = nextVersion(type, 2);
    const mend = { ...shipped(type), version: N, effectiveFrom: inDays(-30), subtitle: 'Chuyển hồ sơ vụ vi phạm hành chính có dấu hiệu tội phạm (bản sửa)' };
    expect((await call('quocgia.thu', 'PUT', `/api/v1/document-templates/${type}/versions/${N}`, mend)).status).toBe(200);
    const published = await call('quocgia.thu', 'POST', `/api/v1/document-templates/${type}/versions/${N}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ version: N, effectiveFrom: inDays(-30), status: 'PUBLISHED' });
  });

  it('answer a template that does not validate with 400 and each problem at its path, saving nothing', async () => {
    const t = shipped('VIOLATION_RECORD');
    // A version the installation does not have.
    const V = nextVersion('VIOLATION_RECORD');
    const put = (body: unknown) => call('quocgia.thu', 'PUT', `/api/v1/document-templates/VIOLATION_RECORD/versions/${V}`, body);
    const typo = await put({ ...t, version: V, effectiveFrom: inDays(60), body: [{ kind: 'paragraph', text: 'Tên: {{party.nmae}}' }, ...t.body] });
    expect([typo.status, typo.body.error.code, typo.body.error.details]).toEqual([
      400,
      'VALIDATION_FAILED',
      [expect.objectContaining({ path: 'body.0.text', message: 'unknown placeholder {{party.nmae}}' })],
    ]);
    const { title: _title, ...untitled } = t;
    expect((await put({ ...untitled, version: V })).body.error.details).toEqual([expect.objectContaining({ path: 'title', rule: 'required' })]);
    const unknownKind = await put({ ...t, version: V, body: [{ kind: 'poem', text: 'x' }] });
    expect([unknownKind.status, unknownKind.body.error.details[0].path]).toEqual([400, 'body.0.kind']);
    // The path's type and version are the template's.
    const other = await call('quocgia.thu', 'PUT', `/api/v1/document-templates/VIOLATION_RECORD/versions/${V}`, { ...t, version: V + 1 });
    expect([other.status, other.body.error.details[0].path]).toEqual([400, 'version']);
    expect((await call('quocgia.thu', 'GET', `/api/v1/document-templates/VIOLATION_RECORD/versions/${V}`)).status).toBe(404);
  });

  it('are changed by a national administrator only: a unit’s admin is refused 403 before the body is read', async () => {
    const t = { ...shipped('INSPECTION_RECORD'), version: 2, effectiveFrom: inDays(90) };
    for (const who of ['quantri.minh', 'quocgia.vinh', 'chicuctruong.hai']) {
      const put = await call(who, 'PUT', '/api/v1/document-templates/INSPECTION_RECORD/versions/2', t);
      expect([who, put.status, put.body.error.details]).toEqual([who, 403, { reason: 'NATIONAL_CONFIGURATION', configuration: 'DOCUMENT_TEMPLATES', editableBy: 'NATIONAL_ADMIN' }]);
      expect((await call(who, 'POST', '/api/v1/document-templates/SANCTION_DECISION/versions/1/preview')).status).toBe(403);
    }
    expect((await call('quocgia.thu', 'GET', '/api/v1/document-templates/INSPECTION_RECORD/versions/2')).status).toBe(404);
    expect((await call('quocgia.thu', 'PUT', '/api/v1/document-templates/INSPECTION_RECORD/versions/2', t)).status).toBe(200);
    // Publishing is the national administrator's too.
    expect((await call('quantri.minh', 'POST', '/api/v1/document-templates/INSPECTION_RECORD/versions/2/publish')).status).toBe(403);
    expect((await call('quocgia.thu', 'GET', '/api/v1/document-templates/INSPECTION_RECORD/versions/2')).body.status).toBe('DRAFT');
  });

  it('head and sign a team lead’s decision from version 2 (now 3) as the Đội trưởng of the lead’s own team, a director’s as the Chi cục trưởng (ADR 0190)', async () => {
    const date = inDays(5) > SIGNER_TITLES_FROM ? inDays(5) : SIGNER_TITLES_FROM;
    const lead = await paper(UNIT, 'SEIZURE_DECISION', date, { id: 'doitruong.dung', role: 'TEAM_LEAD' });
    expect(lead.row.templateVersion).toBe(3);
    // The unit's line (its admin's, set above) with the province, then the Đội; the Chi cục's parent is not printed.
    const unit = await unitAsOf(database.db, UNIT, date);
    expect(lead.text.startsWith(`${unit.agency.toLocaleUpperCase('vi')} TỈNH NINH BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 2 `)).toBe(true);
    expect(lead.text).not.toContain(unit.parentAgency.toLocaleUpperCase('vi'));
    expect(lead.text).toContain('ĐỘI TRƯỞNG ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 2');
    expect(lead.text).not.toContain('CHI CỤC TRƯỞNG');
    const director = await paper(UNIT2, 'SEIZURE_DECISION', date);
    expect([director.row.templateVersion, director.text.includes('CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG'), director.text.includes('ĐỘI TRƯỞNG')]).toEqual([3, true, false]);
  });

  it('print on the record and the decision, from the versions shipped for it, that the act was going on when found and when the party’s evasion ended (ADR 0215)', async () => {
    const date = inDays(5) > LIMITATION_LINES_FROM ? inDays(5) : LIMITATION_LINES_FROM;
    const record = { violationDate: '2023-06-01', ongoing: true, detectedOn: '2026-03-04', evasionEndedOn: '2026-03-05' };
    const recorded = await paper(UNIT, 'VIOLATION_RECORD', date, { id: 'kiemsoat.an', role: 'INSPECTOR' }, record);
    const decided = await paper(UNIT2, 'SANCTION_DECISION', date, undefined, record);
    expect([recorded.row.templateVersion, decided.row.templateVersion]).toEqual([2, 5]);
    expect(recorded.text).toContain('Hành vi vi phạm đang được thực hiện khi bị phát hiện ngày 04 tháng 3 năm 2026.');
    expect(recorded.text).toContain('hành vi trốn tránh, cản trở chấm dứt ngày 05 tháng 3 năm 2026.');
    expect(decided.text).toContain('thời hiệu xử phạt tính từ ngày phát hiện (điểm b khoản 1 Điều 6 Luật Xử lý vi phạm hành chính).');
    expect(decided.text).toContain('Thời hiệu xử phạt được tính lại từ ngày 05 tháng 3 năm 2026');
    // A finished act's decision in the same unit says none of it.
    const finished = await paper(UNIT2, 'SANCTION_DECISION', date);
    expect([finished.row.templateVersion, /đang được thực hiện|tính lại/.test(finished.text)]).toEqual([5, false]);
  });

  it('print the treasury account a unit’s admin set with its lines where its decisions say where to pay, from that date (ADR 0193)', async () => {
    const put = (body: Record<string, unknown>) => call('th.quantri', 'PUT', `/api/v1/units/${UNIT2}/agency`, body);
    const lines = { parentAgency: 'Sở Công Thương tỉnh Thanh Hóa', agency: 'Chi cục Quản lý thị trường', headTitle: 'Chi cục trưởng', place: 'Thanh Hóa' };
    const from = inDays(40);
    const half = await put({ validFrom: from, ...lines, treasury: 'Kho bạc Nhà nước khu vực X' });
    expect([half.status, half.body.error.details]).toEqual([400, [expect.objectContaining({ path: 'treasuryAccount', message: 'is required with treasury' })]]);
    const typo = await put({ validFrom: from, ...lines, treasury: 'Kho bạc Nhà nước khu vực X', treasuryAccount: 'số 3949' });
    expect([typo.status, typo.body.error.details]).toEqual([400, [expect.objectContaining({ path: 'treasuryAccount' })]]);
    const set = await put({ validFrom: from, ...lines, treasury: ' Kho bạc Nhà nước khu vực X ', treasuryAccount: '3949.0.1054321.00000' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.rows.at(-1)).toMatchObject({ validFrom: from, treasury: 'Kho bạc Nhà nước khu vực X', treasuryAccount: '3949.0.1054321.00000' });
    expect(set.body.inForce).toMatchObject({ treasury: null, treasuryAccount: null });

    const before = await paper(UNIT2, 'INSTALMENT_DECISION', inDays(39));
    const after = await paper(UNIT2, 'INSTALMENT_DECISION', inDays(41));
    // Version 6 (from 09/12/2026, docs/adr/0230): version 5's text (version 3 read for a returned file's fine too, docs/adr/0223), naming the certifying body where there is one.
    expect([before.row.templateVersion, after.row.templateVersion]).toEqual([6, 6]);
    expect(before.text).toContain('nộp tiền phạt tại Kho bạc Nhà nước, ngân hàng thương mại nơi Kho bạc Nhà nước mở tài khoản');
    expect(after.text).toContain('nộp tiền phạt vào tài khoản số 3949.0.1054321.00000 của Kho bạc Nhà nước khu vực X, hoặc qua Cổng Dịch vụ công quốc gia');
    expect(after.text).toContain('- Kho bạc Nhà nước khu vực X (để thu tiền phạt);');
    // The other unit's papers name no account.
    expect((await paper(UNIT, 'INSTALMENT_DECISION', inDays(41))).text).not.toContain('tài khoản số');
  });

  it('leave a paper dated before any version in force unissued, with a template error and no number taken', async () => {
    await expect(paper(UNIT, 'COERCION_DECISION', '2025-06-30')).rejects.toThrow(DocumentTemplateError);
    await expect(paper(UNIT, 'COERCION_DECISION', '2025-06-30')).rejects.toThrow(/no published template of COERCION_DECISION is in force on 2025-06-30/);
    expect(await database.db.selectFrom('document_register').selectAll().where('unit_id', '=', UNIT).where('type', '=', 'COERCION_DECISION').execute()).toEqual([]);
  });
});
