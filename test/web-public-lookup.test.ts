/**
 * The public case lookup in Chromium (issue 16): the code shown on the staff case page, then the
 * public pages without a session — the form, its errors, the result — on a phone (390×844) and a
 * laptop (1280×800), in Vietnamese and English, axe-clean, no request to anyone but us, and the
 * page weight printed and held to a budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newPage, PHONE, screenshotsAt, signIn, startBrowserApp, type TRunningApp, weigh } from './browser.js';

const TAX_CODE = '2700123459';
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const LAPTOP = { width: 1280, height: 800 } as const;
/** The result page with its style sheet, uncompressed: a phone on a slow link loads it at once. */
const PAGE_WEIGHT_BUDGET = 30 * 1024;
let app: TRunningApp;
let caseId: string;

beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(async () => app?.stop());

describe('the public case lookup in the browser', () => {
  it('shows the code on the staff case page, and the party finds its fine with it, on a phone and a laptop, in Vietnamese and English', async () => {
    // A case to its decision, by the team lead (who may do each of these steps).
    const staff = await newPage(app);
    await signIn(staff.page, staff.watch, 'doitruong.cuong');
    const business = await app.database.db.selectFrom('business').select('id').where('unit_id', '=', app.unit).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
    const created = await call(staff.page, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Công ty Hoa Lư', businessId: business.id });
    expect(created.status).toBe(201);
    caseId = created.body.caseId as string;
    const step = async (id: string, outcome: string, data: Record<string, unknown> = {}) => {
      const r = await call(staff.page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${id}/complete`, { outcome, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await step('B1', 'RECORDED', {
      recordedAt: TODAY,
      place: 'Tại cơ sở',
      recorder: 'Nguyễn Văn An, kiểm soát viên thị trường',
      violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      offenderType: 'INDIVIDUAL',
      violationDate: TODAY,
      violationPlace: 'Hoa Lư',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
      violatorSigned: true,
    });
    await step('B3', 'NO_EXPLANATION_RIGHT');
    await step('B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Lê Văn Cường', sanction: 'FINE', fineAmount: 400_000 });
    await step('B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });

    await staff.page.goto(`/cases/${caseId}`);
    const shown = staff.page.getByTestId('lookup-code');
    await shown.waitFor();
    const code = (await shown.textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The case's business is in the registry: the lookup finds the case, and no note says otherwise.
    expect(await staff.page.getByTestId('lookup-not-ready').count()).toBe(0);
    await expect.poll(async () => (await staff.page.locator('dt', { hasText: 'Mã tra cứu' }).count()) > 0).toBe(true);
    staff.watch.assertClean();
    await staff.context.close();

    // The party, on its phone, without a session.
    const party = await newPage(app, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { page, watch } = party;
    await page.goto('/tra-cuu');
    expect(new URL(page.url()).pathname).toBe('/public/tra-cuu');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await screenshotsAt(page, 'public-lookup-form-vi', [PHONE, LAPTOP]);

    // Nothing typed: both fields named in the summary, linked, and marked invalid.
    watch.expect(/^POST \/public\/tra-cuu 400$/);
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Mã tra cứu').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').getByRole('link').count()).toBe(2);
    await screenshotsAt(page, 'public-lookup-errors-vi', [PHONE, LAPTOP]);

    // A wrong identifier: the one "no match" message.
    watch.expect(/^POST \/public\/tra-cuu 404$/);
    await page.setViewportSize(PHONE);
    await page.getByLabel('Mã tra cứu').fill(code);
    await page.getByLabel('Số định danh cá nhân hoặc mã số thuế').fill('001090012345');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('alert').getByText('Không tìm thấy hồ sơ').waitFor();

    // The right one: the result, weighed.
    await page.getByLabel('Mã tra cứu').fill(code.toLowerCase());
    await page.getByLabel('Số định danh cá nhân hoặc mã số thuế').fill(TAX_CODE);
    const weight = await weigh(app, page, async () => {
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ xử phạt của bạn' }).waitFor();
    });
    // The style sheet is cached by then: weigh a fresh load of the result as well, with an empty cache.
    const fresh = await newPage(app, { viewport: PHONE });
    await fresh.page.goto('/public/tra-cuu');
    await fresh.page.getByLabel('Mã tra cứu').fill(code);
    await fresh.page.getByLabel('Số định danh cá nhân hoặc mã số thuế').fill(TAX_CODE);
    const cold = await weigh(app, fresh.page, async () => {
      await fresh.page.reload();
      await fresh.page.getByLabel('Mã tra cứu').fill(code);
      await fresh.page.getByLabel('Số định danh cá nhân hoặc mã số thuế').fill(TAX_CODE);
      await fresh.page.getByRole('button', { name: 'Tra cứu' }).click();
      await fresh.page.getByRole('heading', { level: 1, name: 'Hồ sơ xử phạt của bạn' }).waitFor();
    });
    console.log(`public lookup page weight: result ${weight} B after the form; form and result with every file ${cold} B (budget ${PAGE_WEIGHT_BUDGET} B)`);
    expect(cold).toBeLessThan(PAGE_WEIGHT_BUDGET);
    fresh.watch.assertClean();
    await fresh.context.close();

    const main = page.getByRole('main');
    await expect.poll(() => main.textContent()).toContain('400.000 đ');
    // The decision's number from the unit's register: the unit's first sanction decision this year.
    expect(await main.textContent()).toContain('01/QĐ-XPHC');
    // Who signed the decision (the team lead who took it: docs/adr/0194), not who made the record (staff only).
    expect(await main.textContent()).toContain('Lê Văn Cường');
    expect(await main.textContent()).not.toContain('Nguyễn Văn An');
    await screenshotsAt(page, 'public-lookup-result-vi', [PHONE, LAPTOP]);

    // Be told of the news by SMS: a wrong number is said at its field and kept; the right one is confirmed and listed, masked.
    await page.setViewportSize(PHONE);
    watch.expect(/^POST \/public\/tra-cuu\/thong-bao 400$/);
    await page.getByLabel('Số điện thoại hoặc địa chỉ thư điện tử').fill('0912 345');
    await page.getByRole('button', { name: 'Đăng ký nhận thông báo' }).click();
    await page.getByText('Nhập số di động Việt Nam gồm 10 chữ số').waitFor();
    expect(await page.getByLabel('Số điện thoại hoặc địa chỉ thư điện tử').inputValue()).toBe('0912 345');
    expect(await page.getByLabel('Số điện thoại hoặc địa chỉ thư điện tử').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Số điện thoại hoặc địa chỉ thư điện tử').fill('0912 345 678');
    await page.getByRole('button', { name: 'Đăng ký nhận thông báo' }).click();
    await page.getByRole('status').getByText('Đã đăng ký').waitFor();
    expect(await page.locator('.subscriptions').textContent()).toContain('Tin nhắn SMS: …678');
    await screenshotsAt(page, 'public-lookup-subscribed-vi', [PHONE, LAPTOP]);

    // In English, by the link on the page.
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByLabel('Lookup code').fill(code);
    await page.getByLabel('Personal ID number or tax code').fill(TAX_CODE);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your penalty case' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Issue the penalty decision');
    await screenshotsAt(page, 'public-lookup-result-en', [PHONE, LAPTOP]);
    await page.goto('/public/tra-cuu?lang=en');
    await screenshotsAt(page, 'public-lookup-form-en', [PHONE, LAPTOP]);
    watch.assertClean();
    await party.context.close();
  }, 120_000);
});
