/**
 * The two levels of configuration in a real browser (Debian's Chromium via playwright-core;
 * docs/adr/0040): a unit's admin sees the national configuration — calendar, violation catalogue,
 * legal parameters, national procedures — read only, with who changes it, and makes the unit's own
 * procedure from a national one, which the server holds to the national rules; the national
 * administrator changes the national configuration and oversees the units' own procedures.
 * Every screen is photographed at 1280×800 and 800×1280 and checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, screenshots, signIn, startBrowserApp, type TRunningApp } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('national and unit configuration in a browser', () => {
  it('shows a unit admin the national configuration read only, and lets them publish the unit’s own stricter procedure', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'quantri.minh');
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quy trình nghiệp vụ' }).waitFor();
    const notice = page.getByTestId('national-notice');
    await expect(notice.getAttribute('data-mode')).resolves.toBe('read-only');
    await expect(notice.textContent()).resolves.toContain('Chỉ quản trị quốc gia (Cục Quản lý và Phát triển thị trường trong nước) được sửa; đơn vị của bạn chỉ xem.');
    await page.locator('[data-testid="procedure-row"][data-procedure="ins-tip"]').waitFor();
    await expect(page.getByTestId('unit-procedures').textContent()).resolves.toContain('Chưa có quy trình riêng.');
    await screenshots(page, 'tenancy-01-procedures-unit-admin');

    // A national procedure: read only, nothing to publish, retire or draft; the unit's own procedure is offered.
    await page.goto('/admin/procedures/ins-tip/1');
    await page.getByTestId('procedure-diagram').waitFor();
    await expect(page.getByTestId('national-notice').getAttribute('data-mode')).resolves.toBe('read-only');
    for (const name of ['Ngừng áp dụng', 'Tạo bản nháp mới từ phiên bản này', 'Kiểm tra']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await screenshots(page, 'tenancy-02-national-procedure-read-only');
    await page.getByRole('button', { name: 'Tạo quy trình riêng của đơn vị từ phiên bản này' }).click();
    await page.waitForURL(new RegExp(`/admin/procedures/${app.unit}\\.ins-tip/1$`));
    await page.getByTestId('version-status').filter({ hasText: 'Bản nháp' }).waitFor();
    await expect(page.getByTestId('unit-notice').textContent()).resolves.toContain('Quy trình riêng của đơn vị bạn');
    await expect(page.getByTestId('variant-of').textContent()).resolves.toBe('Biến thể của ins-tip phiên bản 1');

    // Laxer than the law: a longer verification period is refused, at its place, with why.
    await page.locator('[data-testid="diagram-step"][data-step="C3"]').click();
    const c3 = page.locator('[data-testid="step-editor"][data-step="C3"]');
    await expect(c3.getByLabel('Số lượng').inputValue()).resolves.toBe('10');
    await c3.getByLabel('Số lượng').fill('30');
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const issue = page.locator('[data-testid="issue"][data-path="steps[2].deadline.amount"]');
    await issue.waitFor();
    await expect(issue.textContent()).resolves.toContain('Lỏng hơn quy định quốc gia');
    // The validator's English detail is for English readers and logs (docs/adr/0110).
    await expect(issue.textContent()).resolves.not.toContain('a unit may shorten it, never lengthen it');
    await screenshots(page, 'tenancy-03-variant-relaxes');

    // Stricter: a shorter period; saved, checked clean and published.
    await c3.getByLabel('Số lượng').fill('7');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByTestId('editor-status').filter({ hasText: 'Đã lưu bản nháp.' }).waitFor();
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await page.getByRole('button', { name: 'Ban hành phiên bản 1' }).click();
    await page.getByTestId('editor-status').filter({ hasText: 'Đã ban hành phiên bản 1.' }).waitFor();
    await page.getByRole('link', { name: 'Quy trình nghiệp vụ' }).first().click();
    await page.locator(`[data-testid="procedure-row"][data-procedure="${app.unit}.ins-tip"][data-owner="${app.unit}"]`).filter({ hasText: 'ins-tip phiên bản 1' }).waitFor();
    await screenshots(page, 'tenancy-04-procedures-with-unit-variant');

    // The calendar, the catalogue and the legal parameters: read only, saying who changes them.
    await page.getByRole('link', { name: 'Lịch ngày nghỉ' }).click();
    await page.locator('[data-testid="calendar-day"]').first().waitFor();
    await expect(page.getByTestId('national-notice').textContent()).resolves.toContain('Lịch ngày nghỉ, ngày làm bù là cấu hình quốc gia');
    expect(await page.getByRole('button', { name: 'Lưu ngày' }).count()).toBe(0);
    expect(await page.locator('[data-testid="calendar-day"] button').count()).toBe(0);
    await screenshots(page, 'tenancy-05-calendar-read-only');
    await page.getByRole('link', { name: 'Danh mục hành vi vi phạm' }).click();
    await page.locator('[data-testid="violation-row"]').first().waitFor();
    expect(await page.getByRole('button', { name: 'Thêm hành vi' }).count()).toBe(0);
    expect(await page.locator('[data-testid="violation-row"] button').count()).toBe(0);
    await page.getByRole('link', { name: 'Tham số pháp lý' }).click();
    await page.locator('[data-testid="param-row"]').first().waitFor();
    expect(await page.locator('[data-testid="param-row"] button').count()).toBe(0);
    await expect(page.getByTestId('national-notice').getAttribute('data-mode')).resolves.toBe('read-only');

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('national-notice').filter({ hasText: 'National configuration — read only' }).waitFor();
    await expect(page.getByTestId('national-notice').textContent()).resolves.toContain('The legal parameters: national configuration, the same for every unit. Only a national administrator');
    await screenshots(page, 'tenancy-06-legal-parameters-read-only-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    watch.assertClean();
    await context.close();

    // The unit's team lead opens a case on the unit's own procedure.
    const lead = await newPage(app);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    await lead.page.goto('/cases/new');
    const option = lead.page.locator('#nc-procedure option', { hasText: 'quy trình riêng của đơn vị' });
    await option.waitFor({ state: 'attached' });
    expect(await option.getAttribute('value')).toBe(`${app.unit}.ins-tip`);
    lead.watch.assertClean();
    await lead.context.close();
  });

  it('lets the national administrator change the national configuration and oversee the units’ own procedures', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'quocgia.thu');
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quy trình nghiệp vụ' }).waitFor();
    expect(await page.getByRole('link', { name: 'Người dùng và đội' }).count()).toBe(0);
    await expect(page.getByTestId('national-notice').getAttribute('data-mode')).resolves.toBe('editable');
    // The unit's own procedure of the first test, with its unit.
    await page.locator(`[data-testid="procedure-row"][data-procedure="${app.unit}.ins-tip"]`).filter({ hasText: app.unit }).waitFor();
    await screenshots(page, 'tenancy-07-procedures-national-admin');

    await page.goto('/admin/procedures/ins-tip/1');
    await page.getByTestId('procedure-diagram').waitFor();
    await page.getByRole('button', { name: 'Tạo bản nháp mới từ phiên bản này' }).waitFor();
    await page.goto(`/admin/procedures/${app.unit}.ins-tip/1`);
    await page.getByTestId('procedure-diagram').waitFor();
    await expect(page.getByTestId('unit-notice').textContent()).resolves.toContain(`Quy trình riêng của đơn vị ${app.unit}: chỉ quản trị của đơn vị đó`);
    expect(await page.getByRole('button', { name: 'Ngừng áp dụng' }).count()).toBe(0);

    await page.goto('/admin/calendar');
    await page.locator('[data-testid="calendar-day"]').first().waitFor();
    await expect(page.getByTestId('national-notice').textContent()).resolves.toContain('thay đổi ở đây áp dụng ngay cho mọi đơn vị');
    const year = new Date().getUTCFullYear() + 2;
    await page.getByLabel(/^Ngày( \*)?$/).fill(`04/05/${year}`);
    await page.getByLabel('Lý do').fill('Nghỉ thử nghiệm (quốc gia)');
    await page.getByLabel('Nguồn').fill('Thông báo thử');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page
      .getByTestId('calendar-status')
      .filter({ hasText: `Đã lưu ngày 04/05/${year}` })
      .waitFor();
    await page.locator(`[data-testid="calendar-day"][data-date="${year}-05-04"]`).waitFor();
    await screenshots(page, 'tenancy-08-calendar-national-admin');
    const saved = await app.database.db.selectFrom('calendar_day').select('updated_by').where('date', '=', `${year}-05-04`).executeTakeFirstOrThrow();
    expect(saved.updated_by).toBe('quocgia.thu');

    await page.getByRole('link', { name: 'Tham số pháp lý' }).click();
    await page
      .locator('[data-testid="param-row"]')
      .first()
      .getByRole('button', { name: /Đối chiếu|Sửa/ })
      .first()
      .waitFor();
    watch.assertClean();
    await context.close();
  });
});
