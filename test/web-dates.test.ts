/**
 * The date input in a browser (web/src/components/DateInput.tsx): a date typed without slashes
 * reads dd/mm/yyyy once the field is left, a day that does not exist is said so at its field (in
 * Vietnamese and in English), "Hôm nay" gives today in Vietnam, and the browser's own calendar
 * fills the field; the same input in the campaign form. Screenshots at 1280×800 and 800×1280.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDateOf } from '../domain/calendar.js';
import { call, newPage, screenshots, signIn, startBrowserApp, todayVi, type TRunningApp } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('dates in the browser', () => {
  it('reads a date typed without slashes, says a day that does not exist at its field, gives today and takes a date picked on the calendar', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    const opened = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Cửa hàng Bình Minh — ngày tháng' });
    expect(opened.status).toBe(201);
    await page.goto(`/cases/${opened.body.caseId as string}`);
    const a5 = page.locator('[data-testid="open-step"][data-step="A5"]');
    await a5.waitFor();
    // The field by its id: its label changes with the language below.
    const date = page.locator('#s-A5-decisionDate');
    await expect(a5.getByLabel('Ngày quyết định').getAttribute('id')).resolves.toBe('s-A5-decisionDate');
    const field = a5.locator('.field-date').filter({ has: page.locator('#s-A5-decisionDate') });
    const error = page.locator('#s-A5-decisionDate-error');

    // The decision's date starts from today (the procedure's prefill, version 3); the officer types over it.
    await expect(date.inputValue()).resolves.toBe(todayVi());
    await date.fill('');
    // Eight digits, no slashes: dd/mm/yyyy once the officer moves on.
    await date.pressSequentially('25112026');
    await date.press('Tab');
    await expect(date.inputValue()).resolves.toBe('25/11/2026');
    await expect(error.textContent()).resolves.toBe('');
    expect(await date.getAttribute('aria-invalid')).toBeNull();
    // d/m/yyyy and dots too.
    await date.fill('5.11.2026');
    await date.blur();
    await expect(date.inputValue()).resolves.toBe('05/11/2026');

    // 31/02 is written like a date, but there is no such day: said so, not "write dd/mm/yyyy".
    await date.fill('31/02/2026');
    await date.blur();
    await expect(error.textContent()).resolves.toBe('Không có ngày 31/02/2026.');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect((await date.getAttribute('aria-describedby'))?.split(' ')).toContain('s-A5-decisionDate-error');
    await date.fill('3102202');
    await date.blur();
    await expect(error.textContent()).resolves.toBe('Nhập ngày theo dạng dd/mm/yyyy.');
    await date.fill('31022026');
    await date.blur();
    await expect(date.inputValue()).resolves.toBe('31/02/2026');
    await expect(error.textContent()).resolves.toBe('Không có ngày 31/02/2026.');
    await screenshots(page, 'dates-01-no-such-date');

    // "Hôm nay": today in Vietnam, and the problem is gone.
    await field.getByRole('button', { name: 'Hôm nay' }).click();
    await expect(date.inputValue()).resolves.toBe(todayVi());
    // Back to the prefilled value: its field says where it came from again, and no problem.
    await expect(field.getByTestId('field-error').count()).resolves.toBe(0);

    // The calendar: the browser's own date picker, which offers no day after today for a date "not in the future".
    const native = field.getByTestId('date-native');
    await expect(native.getAttribute('max')).resolves.toBe(vietnamDateOf(new Date()));
    await field.getByRole('button', { name: 'Chọn ngày trên lịch' }).click();
    // Opened with showPicker() (headless Chromium draws no popup), or shown in place where that cannot open.
    await native.fill('2026-11-20');
    await expect(date.inputValue()).resolves.toBe('20/11/2026');
    await expect(error.textContent()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await screenshots(page, 'dates-02-picked');

    // The same words in English.
    await page.getByRole('button', { name: 'English' }).click();
    await date.fill('31/04/2026');
    await date.blur();
    await expect(error.textContent()).resolves.toBe('There is no such date as 31/04/2026.');
    await expect(field.getByRole('button', { name: 'Today' }).count()).resolves.toBe(1);
    await expect(field.getByRole('button', { name: 'Pick the date on a calendar' }).count()).resolves.toBe(1);
    watch.assertClean();
    await context.close();
  });

  it('uses the same input for the plan window of a campaign, the end not before the start', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'kehoach.nga');
    await page.goto('/campaigns/new');
    await page.getByRole('heading', { level: 1, name: 'Lập kế hoạch kiểm tra mới' }).waitFor();
    const from = page.getByLabel('Từ ngày');
    const to = page.getByLabel('Đến ngày');
    await from.fill('01122026');
    await from.blur();
    await expect(from.inputValue()).resolves.toBe('01/12/2026');
    await to.fill('30-11-2026');
    await to.blur();
    await expect(to.inputValue()).resolves.toBe('30/11/2026');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.locator('[id="cf-planWindow.to-error"]').textContent()).resolves.toBe('Không được trước ngày 01/12/2026.');
    // The end's picker starts at the start.
    await expect(page.locator('.field').filter({ has: to }).getByTestId('date-native').getAttribute('min')).resolves.toBe('2026-12-01');
    await to.fill('31/02/2027');
    await to.blur();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    // The field's message is replaced once the form is judged again: wait for it rather than read the one still shown.
    await page.locator('[id="cf-planWindow.to-error"]').filter({ hasText: '31/02/2027' }).waitFor();
    await expect(page.locator('[id="cf-planWindow.to-error"]').textContent()).resolves.toBe('Không có ngày 31/02/2027.');
    await screenshots(page, 'dates-03-campaign-window');
    watch.assertClean();
    await context.close();
  });
});
