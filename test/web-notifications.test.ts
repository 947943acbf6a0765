/**
 * Notifications in a real browser (Debian's Chromium via playwright-core): an inspector's bell shows
 * a step a lead assigns to them without a reload, the notification centre words it in the reader's
 * language and opens the case, marking it read; the e-mail preferences are kept. Photographed at
 * 1280×800 and 800×1280, in Vietnamese and English, each checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newPage, screenshots, signIn, startBrowserApp, type TRunningApp } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('the notification centre', () => {
  it('shows the inspector a step assigned to them live on the bell, and opens its case from the centre', async () => {
    const lead = await newPage(app);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    // A tip the lead opens: its first step, nobody's yet.
    const opened = await call(lead.page, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo: rượu không nhãn ở chợ Non Nước' });
    expect(opened.status).toBe(201);
    const caseId = String(opened.body.caseId);

    const { context, page, watch } = await newPage(app);
    // The bell and the inbox below it follow one event stream between them (a browser allows few connections per host).
    const streams: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/events') streams.push(r.url());
    });
    await signIn(page, watch, 'kiemsoat.an');
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Thông báo');

    // The lead assigns the step; the inspector's bell counts it without a reload.
    expect((await call(lead.page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/actions`, { type: 'ASSIGN', assigneeId: 'kiemsoat.an' })).status).toBe(200);
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Thông báo: 1 chưa đọc');
    await expect(bell.locator('.bell-badge').textContent()).resolves.toBe('1');
    expect(streams).toHaveLength(1);
    // The inbox below follows the same change: the step is now the inspector's.
    await expect.poll(() => page.getByText('Chưa nhận').count()).toBe(0);
    await screenshots(page, 'notifications-01-bell');

    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const item = page.getByTestId('notification').first();
    await expect(item.textContent()).resolves.toContain('Bạn được giao bước “Tiếp nhận tin báo” của hồ sơ “Tin báo: rượu không nhãn ở chợ Non Nước”');
    await expect(page.getByTestId('unread-summary').textContent()).resolves.toBe('1 thông báo chưa đọc');
    await screenshots(page, 'notifications-02-centre');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expect(item.textContent()).resolves.toContain('Step “Receive the tip” of case “Tin báo: rượu không nhãn ở chợ Non Nước” was assigned to you');
    await screenshots(page, 'notifications-03-centre-en');

    // Opening it goes to the case and marks it read.
    await item.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Tin báo: rượu không nhãn ở chợ Non Nước' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await context.close();
    await lead.context.close();
  });

  it('keeps a lead’s e-mail address and preferences, the daily digest among them', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    await page.getByTestId('notification-bell').click();
    await page.getByRole('heading', { level: 2, name: 'Nhận thông báo qua thư điện tử' }).waitFor();
    const address = page.getByLabel('Địa chỉ thư điện tử');
    await expect(address.inputValue()).resolves.toBe('doitruong.cuong@qltt.example');
    await address.fill('cuong.le@qltt.example');
    const instruction = page.getByLabel('Chỉ đạo về hồ sơ');
    const digest = page.getByLabel('Thư tóm tắt hằng ngày của đội', { exact: false });
    await expect(instruction.isChecked()).resolves.toBe(true);
    await instruction.uncheck();
    await digest.uncheck();
    await page.getByRole('button', { name: 'Lưu tùy chọn' }).click();
    await page.getByText('Đã lưu tùy chọn thông báo.').waitFor();
    await screenshots(page, 'notifications-04-preferences');
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Nhận thông báo qua thư điện tử' }).waitFor();
    await expect(page.getByLabel('Địa chỉ thư điện tử').inputValue()).resolves.toBe('cuong.le@qltt.example');
    await expect(page.getByLabel('Chỉ đạo về hồ sơ').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Thư tóm tắt hằng ngày của đội', { exact: false }).isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Quá hạn', { exact: true }).isChecked()).resolves.toBe(true);
    // A team lead approves no campaign: not offered that kind.
    expect(await page.getByLabel('Chờ phê duyệt').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Notifications by e-mail' }).waitFor();
    await screenshots(page, 'notifications-05-preferences-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await context.close();
  });
});
