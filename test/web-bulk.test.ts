/**
 * A team lead's bulk reassignment in a real browser (issue 15: "a lead's bulk reassignment with its
 * report"): the tasks of an inspector on leave, found on the cases screen by the officer holding
 * them, all chosen with "every case the filter matches", reassigned to another inspector after a
 * confirmation that says how many, and the report per case — one of them another team's case is
 * not among them. Photographed at 1280×800 and 800×1280, in Vietnamese and English, each checked
 * with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { listTasks } from '../db/repositories/cases.js';
import { call, newPage, screenshots, signIn, type TRunningApp, startBrowserApp } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
  await createUser(app.database.db, {
    id: 'kiemsoat.khoa',
    username: 'kiemsoat.khoa',
    displayName: 'Đinh Văn Khoa',
    password: DEMO_PASSWORD,
    roles: ['INSPECTOR'],
    unitId: app.unit,
    teamId: `${app.unit}-doi-1`,
  });
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('bulk actions on the cases screen', () => {
  it("reassigns an inspector's tasks to another, with a confirmation and a report per case, in Vietnamese and English", async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    // Five hotline tips, their first step assigned to Nguyễn Văn An.
    const cases: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const created = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `Tin báo đường dây nóng số ${i}` });
      expect(created.status).toBe(201);
      const caseId = String(created.body.caseId);
      cases.push(caseId);
      expect((await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/actions`, { type: 'ASSIGN', assigneeId: 'kiemsoat.an' })).status).toBe(200);
    }

    await page.getByRole('link', { name: 'Vụ việc', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vụ việc' }).waitFor();
    await page.getByLabel('Người đang giữ bước').selectOption('kiemsoat.an');
    const rows = page.getByTestId('case-row');
    await expect.poll(async () => rows.count()).toBe(5);

    // One case chosen by hand shows the bar; then every case the filter matches.
    await page.getByRole('checkbox', { name: `Chọn ${cases[0]} Tin báo đường dây nóng số 1` }).check();
    const bar = page.getByTestId('bulk-bar');
    await expect(bar.getByRole('heading').textContent()).resolves.toBe('Đã chọn 1 vụ việc');
    await page.getByTestId('select-all-matching').click();
    await expect(bar.getByRole('heading').textContent()).resolves.toBe('Đã chọn 5 vụ việc');
    await bar.getByLabel('Thao tác').selectOption('REASSIGN');
    await bar.getByLabel('Giao cho').selectOption('kiemsoat.khoa');
    await bar.getByLabel('Các bước đang do').selectOption('kiemsoat.an');
    await bar.getByRole('button', { name: 'Thực hiện…' }).click();
    const confirm = page.getByTestId('bulk-confirm');
    await expect(confirm.textContent()).resolves.toContain('Giao lại các bước của 5 vụ việc cho Đinh Văn Khoa?');
    await screenshots(page, 'bulk-01-confirm');

    await confirm.getByRole('button', { name: 'Đồng ý, 5 vụ việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo xử lý hàng loạt' }).waitFor();
    const items = page.getByTestId('bulk-item');
    await expect.poll(async () => items.count()).toBe(5);
    await expect(page.getByTestId('bulk-summary').textContent()).resolves.toBe('5 vụ việcĐã xong: 5');
    for (const caseId of cases) await expect(page.locator(`[data-testid="bulk-item"][data-case="${caseId}"]`).getAttribute('data-result')).resolves.toBe('OK');
    for (const caseId of cases) expect((await listTasks(app.database.db, { caseId })).find((t) => t.step_id === 'C1')?.assignee_id).toBe('kiemsoat.khoa');
    await screenshots(page, 'bulk-02-report');
    const reportUrl = page.url();

    // A mixed run through the API (a case of the other team, a completed step), its report read in English.
    const other = await newPage(app);
    await signIn(other.page, other.watch, 'doitruong.dung');
    const theirs = await call(other.page, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo của đội 2' });
    await other.context.close();
    const done = await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(cases[1]!)}/steps/C1/complete`, {
      outcome: 'LOGGED',
      data: { channel: 'HOTLINE', content: 'Hàng giả', target: 'Cửa hàng Minh Tâm', place: 'Phường Hoa Lư' },
    });
    expect(done.status).toBe(200);
    const mixed = await call(page, 'POST', '/api/v1/bulk-actions', {
      action: 'REASSIGN',
      target: { caseIds: [cases[0], cases[1], String(theirs.body.caseId)] },
      params: { toUserId: 'kiemsoat.an', stepIds: ['C1'] },
    });
    expect(mixed.status).toBe(200);
    await page.goto(`/bulk-actions/${String(mixed.body.id)}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulk action report' }).waitFor();
    await expect.poll(async () => items.count()).toBe(3);
    await expect(page.locator(`[data-case="${cases[1]}"]`).getAttribute('data-result')).resolves.toBe('REFUSED');
    await expect(page.locator(`[data-case="${cases[1]}"]`).textContent()).resolves.toContain('STEP_ALREADY_COMPLETED');
    // The workflow's refusal, worded in the reader's language from its rule and params (ADR 0110), with the date as people write it.
    await expect(page.locator(`[data-case="${cases[1]}"]`).textContent()).resolves.toMatch(/Step .+ was already completed by .+ at \d{2}\/\d{2}\/\d{4}/);
    await expect(page.locator(`[data-case="${String(theirs.body.caseId)}"]`).textContent()).resolves.toContain('Not found, or not a case you can see');
    await screenshots(page, 'bulk-03-mixed-report-en');
    // The first report opens again from its address.
    await page.goto(reportUrl);
    await expect.poll(async () => items.count()).toBe(5);
    await context.close();
  });
});
