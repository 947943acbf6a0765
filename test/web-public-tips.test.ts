/**
 * Tips from the public in Chromium (issue 16, docs/adr/0130–0133): the form on a phone (390×844)
 * and a laptop (1280×800), in Vietnamese and English — its errors keeping what was typed, the
 * proof of work solved by the page's one script, the confirmation with the tracking code, the
 * tracking page — axe-clean, no request to anyone but us, the page weight printed and held to a
 * budget. Then the staff app: the tip written as an attack (a script tag, an onerror handler, a
 * javascript: link) shows as text on the case page and in its first step's form — no dialog, no
 * injected element — and the reporter's contact is there for the team lead who asks, not for the
 * inspector.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, PHONE, screenshotsAt, signIn, startBrowserApp, type TRunningApp, weigh } from './browser.js';

const LAPTOP = { width: 1280, height: 800 } as const;
/** The form and the confirmation with the style sheet, uncompressed. */
const PAGE_WEIGHT_BUDGET = 40 * 1024;
const ATTACK = '<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;alert(2)"> <a href="javascript:alert(3)">bấm vào đây</a> Hàng lậu bán công khai.';
const REPORTER = { name: 'Đinh Thị Bí Mật', phone: '0388 765 432', email: 'nguoi.bao.tin@example.vn' };
let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp({ publicTips: { difficulty: 12 } });
}, 180_000);
afterAll(async () => app?.stop());

async function caseOfCode(code: string): Promise<string> {
  const hash = createHash('sha256').update(code.replaceAll('-', '')).digest('hex');
  return (await app.database.db.selectFrom('public_tip').select('case_id').where('tracking_hash', '=', hash).executeTakeFirstOrThrow()).case_id;
}

/** Fails the test on any dialog (an alert() that ran). */
function noDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

describe('tips from the public in the browser', () => {
  it('sends a tip from a phone with its errors, confirmation and tracking, in Vietnamese and English; the staff app shows an attack as text', async () => {
    const reporter = await newPage(app, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { page, watch } = reporter;
    const dialogs = noDialogs(page);
    let code = '';
    const weight = await weigh(app, page, async () => {
      await page.goto('/phan-anh');
      expect(new URL(page.url()).pathname).toBe('/public/phan-anh');
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      await page.getByRole('heading', { level: 1, name: 'Phản ánh vi phạm' }).waitFor();
    });
    await page.getByRole('status').getByText('Sẵn sàng gửi.').waitFor();
    await screenshotsAt(page, 'public-tip-form-vi', [PHONE, LAPTOP]);

    // Nothing to go on: the summary names the fields, and what was typed stays.
    watch.expect(/^POST \/public\/phan-anh 400$/);
    await page.setViewportSize(PHONE);
    await page.getByLabel('Chủ đề *').selectOption('COUNTERFEIT');
    await page.getByLabel('Tên cơ sở, cửa hàng').fill('Cửa hàng <b>Minh</b> Châu');
    await page.getByLabel('Mã số thuế').fill('123');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      'Nội dung cần từ 10 đến 4.000 ký tự.',
      'Ghi địa điểm (từ 3 đến 300 ký tự).',
      'Mã số thuế chưa đúng (10 chữ số, hoặc 13 chữ số viết 0101234565-001); có thể để trống.',
    ]);
    expect(await page.getByLabel('Nội dung phản ánh *').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Tên cơ sở, cửa hàng').inputValue()).toBe('Cửa hàng <b>Minh</b> Châu');
    expect(await page.getByLabel('Chủ đề *').inputValue()).toBe('COUNTERFEIT');
    await screenshotsAt(page, 'public-tip-errors-vi', [PHONE, LAPTOP]);

    // The tip, written as an attack, with a contact: the code comes back once.
    await page.setViewportSize(PHONE);
    await page.getByLabel('Nội dung phản ánh *').fill(ATTACK);
    await page.getByLabel('Địa điểm *').fill('Chợ Rồng, <i>Nam Định</i>');
    await page.getByLabel('Mã số thuế').fill('');
    await page.getByLabel('Họ và tên', { exact: true }).fill(REPORTER.name);
    await page.getByLabel('Số điện thoại', { exact: true }).fill(REPORTER.phone);
    await page.getByLabel('Thư điện tử', { exact: true }).fill(REPORTER.email);
    await page.getByLabel('Tôi muốn được thông báo kết quả').check();
    await page.getByRole('status').getByText('Sẵn sàng gửi.').waitFor();
    const sent = await weigh(app, page, async () => {
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await page.getByRole('heading', { level: 1, name: 'Đã nhận phản ánh của bạn' }).waitFor();
    });
    code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    console.log(`public tip page weight: form ${weight} B with every file; the confirmation ${sent} B (budget ${PAGE_WEIGHT_BUDGET} B)`);
    expect(weight + sent).toBeLessThan(PAGE_WEIGHT_BUDGET);
    await screenshotsAt(page, 'public-tip-received-vi', [PHONE, LAPTOP]);

    // Tracking, by the link on the page.
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Theo dõi phản ánh' }).click();
    await page.getByLabel('Mã theo dõi').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Xem tình trạng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tình trạng phản ánh' }).waitFor();
    const stages = page.locator('.stages li');
    expect(await stages.count()).toBe(3);
    expect(await page.locator('.stages li[aria-current="step"]').textContent()).toContain('Đã tiếp nhận');
    expect(await page.getByRole('main').textContent()).not.toContain('Hàng lậu');
    await screenshotsAt(page, 'public-tip-track-vi', [PHONE, LAPTOP]);

    // In English.
    await page.setViewportSize(PHONE);
    await page.goto('/public/phan-anh?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('status').getByText('Ready to send.').waitFor();
    await screenshotsAt(page, 'public-tip-form-en', [PHONE, LAPTOP]);
    await page.setViewportSize(PHONE);
    await page.getByLabel('Send to unit *').selectOption(app.unit);
    await page.getByLabel('Topic *').selectOption('PRICE');
    await page.getByLabel('What you saw *').fill('Prices are not displayed and the seller charges tourists double.');
    await page.getByLabel('Place *').fill('Night market, Ninh Bình');
    await page.getByLabel('Send anonymously').check();
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your report has been received' }).waitFor();
    const codeEn = (await page.getByTestId('tracking-code').textContent())!.trim();
    await screenshotsAt(page, 'public-tip-received-en', [PHONE, LAPTOP]);
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Follow a report' }).click();
    await page.getByLabel('Tracking code').fill(codeEn);
    await page.getByRole('button', { name: 'Show the status' }).click();
    await page.getByRole('heading', { level: 1, name: 'Status of your report' }).waitFor();
    await screenshotsAt(page, 'public-tip-track-en', [PHONE, LAPTOP]);
    expect(dialogs).toEqual([]);
    watch.assertClean();
    await reporter.context.close();

    // The staff app: the team lead of the intake team opens the tip's case.
    const caseId = await caseOfCode(code);
    const lead = await newPage(app);
    const leadDialogs = noDialogs(lead.page);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    await lead.page.goto(`/cases/${caseId}`);
    const panel = lead.page.getByTestId('public-tip');
    await panel.waitFor();
    expect(await lead.page.getByTestId('public-tip-content').textContent()).toBe(ATTACK);
    expect(await lead.page.getByTestId('public-tip-place').textContent()).toBe('Chợ Rồng, <i>Nam Định</i>');
    // The first step's form starts from the tip: the same words, as text in a text box.
    const c1 = lead.page.locator('[data-testid="open-step"][data-step="C1"]');
    await expect.poll(async () => c1.locator('textarea').first().inputValue()).toBe(ATTACK);
    // Nothing the reporter wrote became an element or ran.
    expect(await lead.page.locator('img[src="x"], [onerror], a[href^="javascript:"]').count()).toBe(0);
    expect(await lead.page.evaluate('window.__xss')).toBeUndefined();
    expect(await lead.page.getByRole('main').textContent()).not.toContain(REPORTER.name);
    await lead.page.getByRole('button', { name: 'Xem thông tin người phản ánh' }).click();
    await expect.poll(async () => lead.page.getByTestId('public-tip-reporter').textContent()).toContain(REPORTER.name);
    expect(await lead.page.getByTestId('public-tip-reporter').textContent()).toContain(REPORTER.email);
    await screenshotsAt(lead.page, 'case-public-tip', [LAPTOP]);
    expect(leadDialogs).toEqual([]);
    lead.watch.assertClean();
    await lead.context.close();

    // The inspector of that team sees the tip, never the reporter, and is not offered to.
    const inspector = await newPage(app);
    const inspectorDialogs = noDialogs(inspector.page);
    await signIn(inspector.page, inspector.watch, 'kiemsoat.an');
    await inspector.page.goto(`/cases/${caseId}`);
    await inspector.page.getByTestId('public-tip').waitFor();
    expect(await inspector.page.getByTestId('public-tip-content').textContent()).toBe(ATTACK);
    expect(await inspector.page.getByRole('button', { name: 'Xem thông tin người phản ánh' }).count()).toBe(0);
    const text = (await inspector.page.content()) + (await inspector.page.getByRole('main').textContent());
    for (const x of [REPORTER.name, REPORTER.phone, REPORTER.email]) expect(text).not.toContain(x);
    expect(inspectorDialogs).toEqual([]);
    inspector.watch.assertClean();
    await inspector.context.close();
  }, 240_000);
});
