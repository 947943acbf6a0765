/**
 * The units' public sites (issue 16, docs/adr/0137) against the real API and database: an admin
 * writes a page (a draft nobody else sees), publishes it (the public reads it, escaped), edits it
 * (the published version stays until the new draft is published); another unit's admin cannot see
 * or touch it; the national department's pages are a national administrator's; the unit's home shows
 * its approved inspection plans and nothing of their targets.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { callAs, createTestApp, createTestDatabase, signIn, type TestDatabase, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER_UNIT = `th${randomUUID().slice(0, 6)}`;
const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;
let admin: TTestSession;
let otherAdmin: TTestSession;

const content = (vi: string, body: string, en = '') => ({ title: { vi, en }, body: { vi: body, en: '' } });
const publicPage = async (path: string) => {
  const r = await app.request(path);
  return { status: r.status, text: await r.text() };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, OTHER_UNIT);
  ({ app, close } = await createTestApp(database.db));
  admin = await signIn(app, 'quantri.minh');
  otherAdmin = await signIn(app, 'th.quantri');
}, 60_000);

afterAll(async () => {
  await close?.();
  await database?.drop();
});

describe('a unit’s public site', () => {
  it('keeps a draft from the public, shows the page once published — escaped, whatever was typed — and records who published it', async () => {
    const created = await callAs(app, admin, 'POST', '/api/v1/site/pages', {
      kind: 'SCHEDULE',
      ...content(`Lịch công tác tuần ${XSS}`, `## Thứ Hai\n- Họp giao ban ${XSS}\n- Kiểm tra chợ Rồng\n\n${XSS}`, 'Work schedule'),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = created.body as { id: string; draft: { version: number }; published?: unknown };
    expect(page.draft.version).toBe(1);
    expect(page.published).toBeUndefined();
    const url = `/public/don-vi/${UNIT}/trang/${page.id}`;
    expect((await publicPage(url)).status).toBe(404);
    expect((await publicPage(`/public/don-vi/${UNIT}`)).text).not.toContain('Lịch công tác tuần');

    const published = await callAs(app, admin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 1 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.published).toMatchObject({ version: 1, status: 'PUBLISHED', published: { by: 'Đỗ Văn Minh', at: expect.any(String) } });
    expect(published.body.draft).toBeUndefined();

    const home = await publicPage(`/public/don-vi/${UNIT}`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Lịch công tác tuần &lt;script&gt;');
    const shown = await publicPage(url);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<h2>Thứ Hai</h2>');
    expect(shown.text).toContain('<li>Kiểm tra chợ Rồng</li>');
    // Stored XSS is inert: the markup comes back as text, never as a tag.
    expect(shown.text).not.toMatch(/<script>alert|<img src=x/);
    expect(shown.text).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    // In English: the English title, and the body (written in Vietnamese only) said to be so.
    const en = await publicPage(`${url}?lang=en`);
    expect(en.text).toContain('This content is in Vietnamese only.');
  });

  it('keeps the published version public while a new draft is edited, publishes the draft the admin saw, and only that one', async () => {
    const page = (await callAs(app, admin, 'POST', '/api/v1/site/pages', { kind: 'NEWS', ...content('Kết quả kiểm tra tháng 11', 'Bản đầu tiên.') })).body as { id: string };
    expect((await callAs(app, admin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 1 })).status).toBe(200);
    const url = `/public/don-vi/${UNIT}/trang/${page.id}`;

    const edited = await callAs(app, admin, 'PUT', `/api/v1/site/pages/${page.id}/draft`, content('Kết quả kiểm tra tháng 11', 'Bản sửa, chưa đăng.'));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ draft: { version: 2, status: 'DRAFT' }, published: { version: 1 } });
    expect((await publicPage(url)).text).toContain('Bản đầu tiên.');
    expect((await publicPage(url)).text).not.toContain('Bản sửa');
    // Saved again: the same draft, still version 2.
    expect((await callAs(app, admin, 'PUT', `/api/v1/site/pages/${page.id}/draft`, content('Kết quả kiểm tra tháng 11', 'Bản sửa lần hai.'))).body.draft.version).toBe(2);

    const stale = await callAs(app, admin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.reason).toBe('STALE_VERSION');
    expect((await callAs(app, admin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 2 })).status).toBe(200);
    expect((await publicPage(url)).text).toContain('Bản sửa lần hai.');
    const again = await callAs(app, admin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('NO_DRAFT');
    const versions = await database.db.selectFrom('site_page_version').select(['version', 'status', 'published_by']).where('page_id', '=', page.id).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, status: 'SUPERSEDED', published_by: 'quantri.minh' },
      { version: 2, status: 'PUBLISHED', published_by: 'quantri.minh' },
    ]);
  });

  it('is its unit’s own: another unit’s admin neither sees nor edits nor publishes it, and staff who are not admins are refused', async () => {
    const page = (await callAs(app, admin, 'POST', '/api/v1/site/pages', { kind: 'GUIDANCE', ...content('Hướng dẫn khiếu nại', 'Nội dung.') })).body as { id: string };
    expect((await callAs(app, otherAdmin, 'GET', `/api/v1/site/pages/${page.id}`)).status).toBe(404);
    expect((await callAs(app, otherAdmin, 'PUT', `/api/v1/site/pages/${page.id}/draft`, content('Bị sửa', 'Bị sửa'))).status).toBe(404);
    expect((await callAs(app, otherAdmin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 1 })).status).toBe(404);
    expect(((await callAs(app, otherAdmin, 'GET', '/api/v1/site/pages')).body.items as { id: string }[]).map((p) => p.id)).not.toContain(page.id);
    const mine = await callAs(app, admin, 'GET', `/api/v1/site/pages/${page.id}`);
    expect(mine.body.draft.title.vi).toBe('Hướng dẫn khiếu nại');
    const inspector = await signIn(app, 'kiemsoat.an');
    expect((await callAs(app, inspector, 'GET', '/api/v1/site/pages')).status).toBe(403);
    expect((await callAs(app, inspector, 'POST', '/api/v1/site/pages', { kind: 'NEWS', ...content('x', 'y') })).status).toBe(403);
    // The other unit's site does not show it either, once published.
    await callAs(app, admin, 'POST', `/api/v1/site/pages/${page.id}/publish`, { version: 1 });
    expect((await publicPage(`/public/don-vi/${OTHER_UNIT}/trang/${page.id}`)).status).toBe(404);
    expect((await publicPage(`/public/don-vi/${OTHER_UNIT}`)).text).not.toContain('Hướng dẫn khiếu nại');
    expect((await publicPage(`/public/don-vi/${UNIT}`)).text).toContain('Hướng dẫn khiếu nại');
  });

  it('gives the national department’s pages to a national administrator, not to the department’s account admin', async () => {
    const national = await signIn(app, 'quocgia.thu');
    const accounts = await signIn(app, 'quocgia.vinh');
    const refused = await callAs(app, accounts, 'POST', '/api/v1/site/pages', { kind: 'LEGAL_DOCUMENT', ...content('Nghị định', 'x') });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.reason).toBe('NATIONAL_CONFIGURATION');
    const page = await callAs(app, national, 'POST', '/api/v1/site/pages', { kind: 'LEGAL_DOCUMENT', ...content('Nghị định 98/2020/NĐ-CP', '- Điều 17: hàng không rõ nguồn gốc') });
    expect(page.status).toBe(201);
    expect(page.body.unitId).toBe('tw');
    await callAs(app, national, 'POST', `/api/v1/site/pages/${page.body.id}/publish`, { version: 1 });
    expect((await publicPage('/public/don-vi/tw')).text).toContain('Nghị định 98/2020/NĐ-CP');
  });

  it('refuses a page without a title or with an unknown kind, naming the field', async () => {
    const noTitle = await callAs(app, admin, 'POST', '/api/v1/site/pages', { kind: 'NEWS', ...content('  ', 'x') });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.details[0].path).toBe('title.vi');
    expect((await callAs(app, admin, 'POST', '/api/v1/site/pages', { kind: 'BLOG', ...content('x', 'y') })).body.error.details[0].path).toBe('kind');
  });

  it('shows the unit’s approved inspection plans — title, kind, theme, period, sectors, area — and nothing of their targets or drafts', async () => {
    const def = (title: string) => ({
      id: 'chuyen-de-tet',
      version: 1,
      kind: 'THEMED',
      title,
      theme: 'Hàng giả, hàng không rõ nguồn gốc dịp Tết',
      legalBasis: 'Thông tư 27/2020/TT-BCT, Điều 5(1)(b)',
      planWindow: { from: '2027-01-05', to: '2027-02-10' },
      targets: { sectors: ['Thực phẩm'], productGroups: ['Bánh kẹo'], areas: ['Phường Hoa Lư'], marketIds: [] },
      quota: { perRun: 5, perTeam: 5 },
      teamIds: [`${UNIT}-doi-1`],
    });
    await database.db
      .insertInto('campaign_version')
      .values([
        { campaign_id: 'chuyen-de-tet', version: 1, unit_id: UNIT, status: 'APPROVED', definition: JSON.stringify(def('Kế hoạch kiểm tra chuyên đề Tết 2027')), created_by: 'kehoach.nga' },
        { campaign_id: 'chuyen-de-tet', version: 2, unit_id: UNIT, status: 'DRAFT', definition: JSON.stringify(def('BẢN NHÁP chưa duyệt')), created_by: 'kehoach.nga' },
      ])
      .execute();
    await database.db
      .insertInto('campaign_run')
      .values({
        campaign_id: 'chuyen-de-tet',
        period: '2027-01-05',
        version: 1,
        unit_id: UNIT,
        workflow_id: 'w',
        scheduled_at: new Date(),
        due_date: '2027-01-05',
        run_date: '2027-01-05',
        moved_because: null,
        status: 'PLANNED',
        plan: JSON.stringify({ targets: [{ businessName: 'CƠ SỞ BỊ KIỂM TRA BẤT NGỜ', taxCode: '2700999999' }] }),
      })
      .execute();
    const home = (await publicPage(`/public/don-vi/${UNIT}`)).text;
    for (const shown of [
      'Kế hoạch kiểm tra chuyên đề Tết 2027',
      'Kế hoạch kiểm tra chuyên đề',
      'Hàng giả, hàng không rõ nguồn gốc dịp Tết',
      '05/01/2027',
      '10/02/2027',
      'Thực phẩm, Bánh kẹo',
      'Phường Hoa Lư',
    ])
      expect(home, shown).toContain(shown);
    for (const hidden of ['BẢN NHÁP', 'CƠ SỞ BỊ KIỂM TRA', '2700999999', `${UNIT}-doi-1`]) expect(home, hidden).not.toContain(hidden);
    expect((await publicPage(`/public/don-vi/${OTHER_UNIT}`)).text).not.toContain('Tết 2027');
  });

  it('answers an unknown unit or page with a 404 page, and lists every unit', async () => {
    expect((await publicPage('/public/don-vi/khong-co')).status).toBe(404);
    expect((await publicPage(`/public/don-vi/${UNIT}/trang/khong-co`)).status).toBe(404);
    const units = await publicPage('/public/don-vi?lang=en');
    expect(units.text).toContain(`/public/don-vi/${UNIT}?lang=en`);
    expect(units.text).toContain(`/public/don-vi/${OTHER_UNIT}?lang=en`);
  });
});
