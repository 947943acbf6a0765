/**
 * The disclosure list and the unit's public site in Chromium (issue 16, docs/adr/0135–0137): the
 * unit's admin writes a page in the staff app, saves it as a draft (not public) and publishes it;
 * the public reads it — a typed `<script>` shown as text — and searches the published decisions, on
 * a phone (390×844) and a laptop (1280×800), in Vietnamese and English, axe-clean, nothing from
 * another origin, the feed parsed by the browser's own XML parser, and the page weight printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newPage, PHONE, screenshots, screenshotsAt, signIn, type TRunningApp, startBrowserApp, weigh } from './browser.js';

const TAX_CODE = '2700123459';
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const LAPTOP = { width: 1280, height: 800 } as const;
/** A public page with its style sheet, uncompressed, loaded with an empty cache. */
const PAGE_WEIGHT_BUDGET = 30 * 1024;
/** The decision's number from the unit's register (docs/documents.md): the unit's first sanction decision of the year. */
const DECISION_NO = '01/QĐ-XPHC';
const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(async () => app?.stop());

describe('the public site and the published decisions in the browser', () => {
  it('lets the unit’s admin draft and publish a page that the public then reads, escaped, beside the unit’s plans and decisions', async () => {
    // A decision to publish: an organisation's case to its decision, by the team lead.
    const lead = await newPage(app);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    const business = await app.database.db.selectFrom('business').select('id').where('unit_id', '=', app.unit).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
    const created = await call(lead.page, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Công ty Hoa Lư', businessId: business.id });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const step = async (id: string, outcome: string, data: Record<string, unknown> = {}) => {
      const r = await call(lead.page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${id}/complete`, { outcome, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await step('B1', 'RECORDED', {
      recordedAt: TODAY,
      place: 'Tại cơ sở',
      recorder: 'Lê Văn Cường, đội trưởng',
      violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      offenderType: 'ORGANIZATION',
      violationDate: TODAY,
      violationPlace: 'Hoa Lư',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
      violatorSigned: true,
    });
    await step('B3', 'NO_EXPLANATION_RIGHT');
    await step('B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Lê Văn Cường', sanction: 'FINE', fineAmount: 800_000 });
    lead.watch.assertClean();
    await lead.context.close();
    // An approved themed plan of the unit.
    await app.database.db
      .insertInto('campaign_version')
      .values({
        campaign_id: 'chuyen-de-tet',
        version: 1,
        unit_id: app.unit,
        status: 'APPROVED',
        created_by: 'kehoach.nga',
        definition: JSON.stringify({
          title: 'Kế hoạch kiểm tra chuyên đề hàng hóa dịp Tết 2027',
          kind: 'THEMED',
          theme: 'Hàng giả, hàng không rõ nguồn gốc',
          legalBasis: 'Thông tư 27/2020/TT-BCT, Điều 5(1)(b)',
          planWindow: { from: '2027-01-05', to: '2027-02-10' },
          targets: { sectors: ['Thực phẩm'], productGroups: ['Bánh kẹo'], areas: ['Phường Hoa Lư', 'Phường Nam Hoa Lư'] },
        }),
      })
      .execute();

    // The admin writes the week's schedule in the staff app.
    const staff = await newPage(app);
    const { page, watch } = staff;
    await signIn(page, watch, 'quantri.minh');
    await page.goto('/admin/site');
    await page.getByRole('heading', { level: 1, name: 'Trang thông tin công khai của đơn vị' }).waitFor();
    await page.getByLabel('Loại trang').selectOption('SCHEDULE');
    await page.getByLabel('Tiêu đề (tiếng Việt)').fill('Lịch công tác tuần 49');
    await page.getByLabel('Tiêu đề (tiếng Anh)').fill('Work schedule, week 49');
    await page.getByLabel('Nội dung (tiếng Việt)').fill(`## Thứ Hai\n- 8:00 Họp giao ban\n- 14:00 Kiểm tra chợ Rồng\n\n## Thứ Ba\nTiếp công dân cả ngày. ${XSS}`);
    await page.getByLabel('Nội dung (tiếng Anh)').fill('## Monday\n- 8:00 Staff meeting\n- 14:00 Inspection at Rồng market\n\n## Tuesday\nReceiving citizens all day.');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect.poll(() => page.getByTestId('site-status').textContent()).toContain('Đã lưu bản nháp');
    await expect.poll(() => page.getByTestId('site-page').first().textContent()).toContain('Bản nháp, chưa đăng');
    await screenshots(page, 'public-site-admin-draft');
    // The draft is nobody's but the admin's.
    const pageId = (await app.database.db.selectFrom('site_page').select('id').where('unit_id', '=', app.unit).executeTakeFirstOrThrow()).id;
    const hidden = await page.request.get(`/public/don-vi/${app.unit}/trang/${pageId}`);
    expect(hidden.status()).toBe(404);

    await page.getByRole('button', { name: 'Đăng', exact: true }).click();
    await expect.poll(() => page.getByTestId('site-status').textContent()).toContain('Đã đăng “Lịch công tác tuần 49”');
    await expect.poll(() => page.getByTestId('site-page-state').textContent()).toMatch(/Đã đăng \(bản 1\) — Đỗ Văn Minh đăng lúc/);
    await screenshots(page, 'public-site-admin-published');
    watch.assertClean();
    await staff.context.close();

    // The public, on a phone: the unit's home, then the page.
    const reader = await newPage(app, { viewport: PHONE, isMobile: true, hasTouch: true });
    const pub = reader.page;
    const homeWeight = await weigh(app, pub, () => pub.goto(`/public/don-vi/${app.unit}`));
    await pub.getByRole('heading', { level: 1, name: 'Chi cục Quản lý thị trường tỉnh Ninh Bình' }).waitFor();
    const main = pub.getByRole('main');
    expect(await main.textContent()).toContain('Kế hoạch kiểm tra chuyên đề hàng hóa dịp Tết 2027');
    expect(await main.textContent()).toContain('Phường Hoa Lư, Phường Nam Hoa Lư');
    await screenshotsAt(pub, 'public-site-unit-vi', [PHONE, LAPTOP]);
    await pub.setViewportSize(PHONE);
    await pub.getByRole('link', { name: 'Lịch công tác tuần 49' }).click();
    await pub.getByRole('heading', { level: 1, name: 'Lịch công tác tuần 49' }).waitFor();
    // What was typed as markup is text on the page: no script ran, no image was made.
    expect(await main.textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await pub.locator('main script, main img').count()).toBe(0);
    expect(await pub.evaluate('window.__xss')).toBeUndefined();
    await screenshotsAt(pub, 'public-site-page-vi', [PHONE, LAPTOP]);
    await pub.setViewportSize(PHONE);
    await pub.getByRole('link', { name: 'English' }).click();
    await pub.getByRole('heading', { level: 1, name: 'Work schedule, week 49' }).waitFor();
    expect(await pub.getAttribute('html', 'lang')).toBe('en');
    await screenshotsAt(pub, 'public-site-page-en', [PHONE, LAPTOP]);
    await pub.goto(`/public/don-vi/${app.unit}?lang=en`);
    await pub.getByRole('heading', { level: 2, name: 'Inspection plans' }).waitFor();
    await screenshotsAt(pub, 'public-site-unit-en', [PHONE, LAPTOP]);

    // The published decisions: searched without accents, on the phone.
    await pub.setViewportSize(PHONE);
    await pub.goto('/public/cong-khai');
    await pub.getByRole('heading', { level: 1, name: 'Công khai quyết định xử phạt vi phạm hành chính' }).waitFor();
    await expect
      .poll(async () => {
        await pub.reload();
        return pub.getByRole('main').textContent();
      })
      .toContain(DECISION_NO);
    await screenshotsAt(pub, 'public-disclosure-list-vi', [PHONE, LAPTOP]);
    await pub.setViewportSize(PHONE);
    await pub.getByLabel('Tên tổ chức, cá nhân').fill('thuc pham hoa lu');
    await pub.getByRole('button', { name: 'Tìm kiếm' }).click();
    await pub.getByRole('heading', { level: 2, name: 'Tìm thấy 1 quyết định' }).waitFor();
    expect(new URL(pub.url()).searchParams.get('q')).toBe('thuc pham hoa lu');
    expect(await main.textContent()).toContain('Công ty TNHH Thương mại Thực phẩm Hoa Lư');
    expect(await main.textContent()).toContain('Phạt tiền 800.000 đ');
    await screenshotsAt(pub, 'public-disclosure-search-vi', [PHONE, LAPTOP]);
    await pub.setViewportSize(PHONE);
    await pub.getByLabel('Tên tổ chức, cá nhân').fill('khong co ai');
    await pub.getByRole('button', { name: 'Tìm kiếm' }).click();
    await pub.getByRole('heading', { level: 2, name: 'Không có quyết định nào phù hợp với điều kiện tìm kiếm.' }).waitFor();
    await pub.goto('/public/cong-khai?q=hoa+lu&lang=en');
    await pub.getByRole('heading', { level: 2, name: 'Decisions found: 1' }).waitFor();
    expect(await main.textContent()).toContain('Fine of 800,000 đ');
    await screenshotsAt(pub, 'public-disclosure-search-en', [PHONE, LAPTOP]);

    // The feed, parsed by the browser's XML parser.
    // (A script as text: it runs in the page, and this file is type-checked without the DOM.)
    const feed = await pub.evaluate<{ error: number; root: string; titles: string[] }>(`(async () => {
      const text = await (await fetch('/public/cong-khai/feed.atom')).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const atom = 'http://www.w3.org/2005/Atom';
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
        titles: [...doc.getElementsByTagNameNS(atom, 'entry')].map((e) => e.getElementsByTagNameNS(atom, 'title')[0].textContent),
      };
    })()`);
    expect(feed).toEqual({ error: 0, root: 'http://www.w3.org/2005/Atom feed', titles: [`Công ty TNHH Thương mại Thực phẩm Hoa Lư — ${DECISION_NO}`] });

    // Weighed with an empty cache: the search and its style sheet.
    const fresh = await newPage(app, { viewport: PHONE });
    const searchWeight = await weigh(app, fresh.page, () => fresh.page.goto('/public/cong-khai?q=hoa+lu'));
    console.log(`public site page weight: disclosure search ${searchWeight} B, unit home ${homeWeight} B, each with every file (budget ${PAGE_WEIGHT_BUDGET} B)`);
    expect(searchWeight).toBeLessThan(PAGE_WEIGHT_BUDGET);
    expect(homeWeight).toBeLessThan(PAGE_WEIGHT_BUDGET);
    fresh.watch.assertClean();
    await fresh.context.close();
    reader.watch.assertClean();
    await reader.context.close();
  }, 180_000);
});
