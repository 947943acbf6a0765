/**
 * The scheduler's pages in a real browser (Debian's Chromium via playwright-core) against the real
 * system and its Temporal server: a scheduler drafts a themed campaign, sees the server's refusal at
 * its field, previews the next run and submits; the director approves it, which creates the real
 * Temporal Schedule shown on the page; pausing and resuming say why; "run once now" opens the
 * inspections, whose progress, run report, cases and CSV export follow. The director rejects the
 * demo campaign with a reason and the scheduler starts its next version, submits and withdraws it;
 * a leader reads without being offered any action; the director ends the campaign. Every screen is photographed at 1280×800 and 800×1280 and checked
 * with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../db/demo-data.js';
import { call, layoutShift, newPage, screenshots, signIn, startBrowserApp, todayVi, type TRunningApp } from './browser.js';

let app: TRunningApp;
const CAMPAIGN = 'atvstp-web-test';

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  // The schedules this file's approvals created belong to its unit: removed with it.
  if (app) {
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection, namespace: 'default' });
    for await (const s of client.schedule.list()) if (s.scheduleId.startsWith(`campaign/${app.unit}/`)) await client.schedule.getHandle(s.scheduleId).delete();
    await connection.close();
  }
  await app?.stop();
});

describe('the scheduler pages in a browser', () => {
  it("keeps the director's inbox, the plans and a plan's page still when their data arrives late", async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'chicuctruong.hai');
    // Every read of the inbox and the plans answers a second late, as on a slow connection or a busy
    // server: later than the half second after a click within which the browser forgives a shift.
    await context.route(/\/api\/v1\/(inbox|campaigns)/, async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    });
    await page.reload();
    await page.locator('[data-testid="approvals"][aria-busy="false"]').waitFor();
    await page.getByTestId('count-total').filter({ hasNotText: '–' }).waitFor();
    expect.soft(await layoutShift(page), 'the inbox').toBeLessThan(0.03);

    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByTestId('awaiting-approval').filter({ hasText: 'kế hoạch đang chờ Chi cục trưởng phê duyệt.' }).waitFor();
    await page.locator(`[data-testid="campaign-row"][data-campaign="${DEMO_CAMPAIGN_ID}"]`).waitFor();
    expect.soft(await layoutShift(page), 'the plans').toBeLessThan(0.03);

    await page.locator(`[data-testid="campaign-row"][data-campaign="${DEMO_CAMPAIGN_ID}"] a.case-title`).click();
    await page.locator('[data-testid="campaign-totals"][aria-busy="false"]').waitFor();
    expect.soft(await layoutShift(page), "a plan's page").toBeLessThan(0.03);
    await context.close();
  });

  it('lets a scheduler draft, preview and submit a campaign, and the director approve it; its schedule is operated from the page and a run opens the inspections, whose progress, report and CSV follow', async () => {
    const { page, watch } = await newPage(app);
    await signIn(page, watch, 'kehoach.nga');
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kế hoạch kiểm tra' }).waitFor();
    const demoRow = page.locator(`[data-testid="campaign-row"][data-campaign="${DEMO_CAMPAIGN_ID}"]`);
    await demoRow.waitFor();
    await expect(demoRow.textContent()).resolves.toContain('Chờ phê duyệt');
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await screenshots(page, 'campaigns-01-list');

    // A new themed campaign: more businesses per run than two teams of one each can take is refused at its field.
    await page.getByRole('link', { name: 'Lập kế hoạch mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lập kế hoạch kiểm tra mới' }).waitFor();
    await page.getByLabel('Mã kế hoạch').fill(CAMPAIGN);
    await page.getByLabel('Tên kế hoạch').fill('Kiểm tra chuyên đề an toàn thực phẩm cuối năm 2026');
    await page.getByLabel('Chuyên đề, nội dung kiểm tra').fill('Thực phẩm chế biến, ăn uống');
    await page.getByLabel('Từ ngày').fill(todayVi());
    await page.getByLabel('Đến ngày').fill('31/12/2027');
    await page.getByLabel('Lĩnh vực').fill('Thực phẩm; Ăn uống');
    await page.getByLabel('Số cơ sở mỗi đợt').fill('5');
    // Runs on days off too, so that "run now" opens the inspections whatever day the test runs on
    // (a run moved off a day off is tested on the API: test/campaigns.test.ts).
    await page.getByLabel('Khi đến hạn vào ngày nghỉ').selectOption('RUN_ANYWAY');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    watch.expect(/^GET \/api\/v1\/campaigns\/atvstp-web-test 404$/, /^PUT \/api\/v1\/campaigns\/atvstp-web-test\/versions\/1 400$/);
    const perRunError = page.locator('[id="cf-quota.perRun-error"]');
    await perRunError.filter({ hasText: 'Không quá số cơ sở mỗi đội × số đội (2).' }).waitFor();
    expect(await page.getByLabel('Số cơ sở mỗi đợt').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByTestId('server-error').getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    // Nothing typed was lost.
    await expect(page.getByLabel('Tên kế hoạch').inputValue()).resolves.toBe('Kiểm tra chuyên đề an toàn thực phẩm cuối năm 2026');
    await screenshots(page, 'campaigns-02-draft-refused');

    await page.getByLabel('Số cơ sở mỗi đợt').fill('2');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(new RegExp(`/campaigns/${CAMPAIGN}/versions/1$`));
    await page.getByTestId('draft-status').filter({ hasText: 'Đã lưu bản nháp.' }).waitFor();
    await expect.poll(() => page.getByTestId('campaign-version').getAttribute('data-status')).toBe('DRAFT');

    // The preview of the draft: both food businesses of the demo registry, one to each team, with their reasons.
    await page.getByRole('button', { name: 'Xem trước đợt tới' }).click();
    const targets = page.getByTestId('preview-result').getByTestId('plan-target');
    await expect.poll(() => targets.count()).toBe(2);
    await expect(page.getByTestId('preview-result').textContent()).resolves.toContain('Công ty TNHH Thương mại Thực phẩm Hoa Lư');
    await expect(page.getByTestId('preview-result').textContent()).resolves.toContain('chưa từng được kiểm tra (+2)');
    const assigned = await targets.getByTestId('assignment').allTextContents();
    expect(assigned.some((a) => a.startsWith('Đội Quản lý thị trường số 1'))).toBe(true);
    expect(assigned.some((a) => a.startsWith('Đội Quản lý thị trường số 2'))).toBe(true);
    await screenshots(page, 'campaigns-03-draft-preview');
    // Said in the reader's language: the plan keeps the Vietnamese sentence, the page reads it back.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('preview-result').textContent()).toContain('never inspected (+2)');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.getByTestId('preview-result').textContent()).toContain('chưa từng được kiểm tra (+2)');

    await page.getByRole('button', { name: 'Gửi Chi cục trưởng phê duyệt' }).click();
    await page.getByTestId('draft-status').filter({ hasText: 'Đã gửi Chi cục trưởng phê duyệt.' }).waitFor();
    await expect.poll(() => page.getByTestId('campaign-version').getAttribute('data-status')).toBe('SUBMITTED');
    // Submitted: read only, waiting for the director.
    await page.getByTestId('definition').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu bản nháp' }).count()).toBe(0);

    // The director: two plans wait; the new one is read, previewed and approved with a comment.
    const director = await newPage(app);
    await signIn(director.page, director.watch, 'chicuctruong.hai');
    const d = director.page;
    await d.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await d.getByTestId('awaiting-approval').filter({ hasText: '2 kế hoạch đang chờ Chi cục trưởng phê duyệt.' }).waitFor();
    await d.locator(`[data-testid="campaign-row"][data-campaign="${CAMPAIGN}"]`).getByRole('link', { name: 'Phiên bản 1' }).click();
    await d.getByRole('heading', { name: 'Phê duyệt kế hoạch' }).waitFor();
    await expect.poll(() => d.getByTestId('preview-result').getByTestId('plan-target').count()).toBe(2);
    await screenshots(d, 'campaigns-04-approval');
    await d.getByLabel('Ý kiến (bắt buộc khi từ chối)').fill('Đồng ý, triển khai từ tuần này.');
    await d.getByRole('button', { name: 'Phê duyệt', exact: true }).click();

    // The campaign page: the real Temporal Schedule, running, with legible id and its next runs.
    await d.waitForURL(new RegExp(`/campaigns/${CAMPAIGN}$`));
    const schedule = d.getByTestId('schedule');
    await expect(d.getByTestId('schedule-id').textContent()).resolves.toBe(`campaign/${app.unit}/${CAMPAIGN}`);
    await expect(d.getByTestId('schedule-state').textContent()).resolves.toBe('Đang chạy theo lịch');
    await expect.poll(() => d.getByTestId('next-runs').locator('li').count()).toBeGreaterThan(0);
    await expect(d.getByTestId('cadence-text').textContent()).resolves.toBe('Thứ Hai · hằng tuần, 08:00');

    // Pause says why; resume.
    await d.getByLabel('Lý do tạm dừng').fill('Chờ ý kiến Cục về danh mục hàng hóa');
    await d.getByRole('button', { name: 'Tạm dừng', exact: true }).click();
    await d.getByTestId('schedule-note').filter({ hasText: 'Chờ ý kiến Cục về danh mục hàng hóa' }).waitFor();
    await expect(d.getByTestId('schedule-state').textContent()).resolves.toBe('Tạm dừng');
    await expect(schedule.getAttribute('data-paused')).resolves.toBe('true');
    await d.getByRole('button', { name: 'Tiếp tục chạy theo lịch' }).click();
    await d.getByTestId('schedule-state').filter({ hasText: 'Đang chạy theo lịch' }).waitFor();

    // Run once now (after confirming): the run appears, opens both inspections.
    await d.getByRole('button', { name: 'Chạy ngay một đợt' }).click();
    await d.getByRole('button', { name: 'Xác nhận chạy' }).click();
    await d.getByTestId('schedule-status').filter({ hasText: 'Đã yêu cầu chạy một đợt' }).waitFor();
    const runRow = d.getByTestId('run-row').first();
    await runRow.waitFor({ timeout: 30_000 });
    await expect.poll(() => runRow.getByTestId('run-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('STARTED');
    await expect.poll(async () => d.getByTestId('campaign-totals').locator('[data-total="started"] dd').textContent(), { timeout: 30_000 }).toBe('2');
    await expect(d.getByTestId('campaign-totals').locator('[data-total="planned"] dd').textContent()).resolves.toBe('2');
    expect(await layoutShift(d)).toBeLessThan(0.1);
    await screenshots(d, 'campaigns-05-campaign');

    // The run's report: a line per inspection with its case, team and inspector.
    await runRow.getByRole('link').first().click();
    await d.getByTestId('campaign-run').waitFor();
    const lines = d.getByTestId('run-line');
    await expect.poll(() => lines.count()).toBe(2);
    await expect(lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).resolves.toEqual(['OPEN', 'OPEN']);
    const caseIds = await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')!));
    for (const id of caseIds) expect(id).toMatch(new RegExp(`^inspection/${app.unit}/${CAMPAIGN}/`));
    await screenshots(d, 'campaigns-06-run');

    // The CSV of the whole campaign: a header and one line per planned inspection.
    const csv = await d.evaluate(
      async (url) => {
        const res = await fetch(url);
        return { type: res.headers.get('content-type'), body: await res.text() };
      },
      (await d.getByTestId('run-csv').getAttribute('href'))!,
    );
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const csvLines = csv.body.trim().split(/\r?\n/);
    expect(csvLines).toHaveLength(3);
    for (const id of caseIds) expect(csv.body).toContain(id);

    // A line leads to the inspection case itself.
    await lines.first().getByRole('link', { name: caseIds[0]! }).click();
    await d.waitForURL(/\/cases\/inspection\//);
    await d.getByRole('heading', { level: 1 }).filter({ hasText: 'Kiểm tra chuyên đề an toàn thực phẩm cuối năm 2026' }).waitFor();

    watch.assertClean();
    director.watch.assertClean();
  });

  it('lets the director reject a version only with a reason, the scheduler start the next version from it and withdraw it once submitted, a leader read without any action, and the director end a campaign', async () => {
    const director = await newPage(app);
    const d = director.page;
    await signIn(d, director.watch, 'chicuctruong.hai');
    await d.goto(`/campaigns/${DEMO_CAMPAIGN_ID}/versions/1`);
    await d.getByRole('heading', { name: 'Phê duyệt kế hoạch' }).waitFor();
    await d.getByRole('button', { name: 'Từ chối' }).click();
    await d.locator('#decision-note-error').filter({ hasText: 'Nêu lý do từ chối.' }).waitFor();
    await expect(d.getByLabel('Ý kiến (bắt buộc khi từ chối)').getAttribute('aria-invalid')).resolves.toBe('true');
    await d.getByLabel('Ý kiến (bắt buộc khi từ chối)').fill('Bổ sung địa bàn các chợ đầu mối trước khi trình lại.');
    await d.getByRole('button', { name: 'Từ chối' }).click();
    await expect.poll(() => d.getByTestId('campaign-version').getAttribute('data-status')).toBe('REJECTED');
    await d.getByTestId('decision').filter({ hasText: 'Bổ sung địa bàn các chợ đầu mối trước khi trình lại.' }).waitFor();

    // The scheduler starts version 2 from the rejected one: the form holds its content.
    const scheduler = await newPage(app);
    const s = scheduler.page;
    await signIn(s, scheduler.watch, 'kehoach.nga');
    await s.goto(`/campaigns/${DEMO_CAMPAIGN_ID}/versions/1`);
    await s.getByTestId('decision').waitFor();
    await s.getByRole('button', { name: 'Lập phiên bản mới từ phiên bản này' }).click();
    await s.waitForURL(new RegExp(`/campaigns/${DEMO_CAMPAIGN_ID}/versions/2$`));
    await expect(s.getByLabel('Tên kế hoạch').inputValue()).resolves.toBe('Kiểm tra chuyên đề an toàn thực phẩm dịp Tết Nguyên đán Đinh Mùi 2027');
    await expect(s.getByLabel('Lĩnh vực').inputValue()).resolves.toBe('Thực phẩm; Ăn uống');
    await s.getByRole('checkbox', { name: 'Chợ Rồng Ninh Bình' }).check();
    await s.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await s.getByTestId('draft-status').filter({ hasText: 'Đã lưu bản nháp.' }).waitFor();
    const v2 = await call(s, 'GET', `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/versions/2`);
    expect(v2.status).toBe(200);
    expect((v2.body.definition as { targets: { marketIds: string[] } }).targets.marketIds).toHaveLength(1);
    await screenshots(s, 'campaigns-07-new-version');

    // Submitted, then withdrawn before the director decides: a draft again, editable.
    await s.getByRole('button', { name: 'Gửi Chi cục trưởng phê duyệt' }).click();
    await expect.poll(() => s.getByTestId('campaign-version').getAttribute('data-status')).toBe('SUBMITTED');
    await s.getByRole('button', { name: 'Rút lại để sửa' }).click();
    await expect.poll(() => s.getByTestId('campaign-version').getAttribute('data-status')).toBe('DRAFT');
    await s.getByTestId('draft-status').filter({ hasText: 'Đã rút lại; phiên bản trở về bản nháp.' }).waitFor();
    await s.getByLabel('Tên kế hoạch').waitFor();

    // A leader follows the figures: no drafting, no approving, no schedule actions.
    const leader = await newPage(app);
    const l = leader.page;
    await signIn(l, leader.watch, 'lanhdao.phong');
    await l.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await l.locator(`[data-testid="campaign-row"][data-campaign="${CAMPAIGN}"]`).getByRole('link', { name: 'Kiểm tra chuyên đề an toàn thực phẩm cuối năm 2026' }).click();
    await l.getByTestId('schedule').waitFor();
    await l.getByTestId('run-row').first().waitFor();
    expect(await l.getByRole('link', { name: 'Lập kế hoạch mới' }).count()).toBe(0);
    for (const name of ['Tạm dừng', 'Chạy ngay một đợt', 'Xem trước']) expect(await l.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await screenshots(l, 'campaigns-08-leader');

    // The director ends the campaign, saying why and confirming: its schedule goes, its runs and cases stay.
    await d.goto(`/campaigns/${CAMPAIGN}`);
    await d.getByTestId('schedule').waitFor();
    await d.getByLabel('Lý do kết thúc').fill('Đã hoàn thành đợt cao điểm cuối năm');
    // The button, enabled now, is red on white and readable without a pointer over it; its confirmation white on red.
    await screenshots(d, 'campaigns-08b-end');
    await d.getByRole('button', { name: 'Kết thúc kế hoạch' }).click();
    await d.getByRole('button', { name: 'Xác nhận kết thúc' }).waitFor();
    await screenshots(d, 'campaigns-08c-end-confirm');
    await d.getByRole('button', { name: 'Xác nhận kết thúc' }).click();
    await d.getByTestId('ended-notice').filter({ hasText: 'Đã hoàn thành đợt cao điểm cuối năm' }).waitFor();
    await d.getByTestId('no-schedule').filter({ hasText: 'Kế hoạch đã kết thúc' }).waitFor();
    await d.getByTestId('run-row').first().waitFor();
    for (const name of ['Tạm dừng', 'Chạy ngay một đợt', 'Xem trước', 'Kết thúc kế hoạch']) expect(await d.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await screenshots(d, 'campaigns-09-ended');
    await d.getByRole('link', { name: 'Kế hoạch kiểm tra', exact: true }).first().click();
    await d.locator(`[data-testid="campaign-row"][data-campaign="${CAMPAIGN}"] [data-testid="campaign-ended"]`).waitFor();

    director.watch.assertClean();
    scheduler.watch.assertClean();
    leader.watch.assertClean();
  });
});
