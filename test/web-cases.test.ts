/**
 * The cases screen, and the inbox's approvals, in a real browser (Debian's Chromium via playwright-core): a director finds a
 * case by the decision number written in its first step, and by the business without accents; the
 * search stays in the address; "my cases" narrows to the steps one holds. Photographed at 1280×800
 * and 800×1280, in Vietnamese and English, each checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newPage, screenshots, signIn, startBrowserApp, todayVi, type TRunningApp } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const isoOf = (vi: string): string => `${vi.slice(6, 10)}-${vi.slice(3, 5)}-${vi.slice(0, 2)}`;

describe('the cases screen', () => {
  it('finds a case by its decision number and by its business without accents, and keeps the search in the address', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    // A case whose inspection decision (A5) carries the number the unit's register gives it: its first, 01/QĐ-KT.
    const created = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra cửa hàng điện máy' });
    expect(created.status).toBe(201);
    const caseId = String(created.body.caseId);
    const decision = {
      decisionDate: isoOf(todayVi()),
      signedBy: 'Lê Văn Cường',
      form: 'PLANNED',
      planRef: 'KH 02/2026',
      businessName: 'Điện máy Phúc Lộc',
      address: 'Phường Hoa Lư',
      content: 'Nguồn gốc hàng hóa',
    };
    expect((await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/A5/complete`, { outcome: 'ISSUED', data: decision })).status).toBe(200);
    // Another case that the search must leave out.
    expect((await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra cửa hàng thời trang' })).status).toBe(201);

    await page.getByRole('link', { name: 'Vụ việc', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vụ việc' }).waitFor();
    await page.getByLabel('Tìm kiếm').fill('01/QĐ-KT');
    const rows = page.getByTestId('case-row');
    await expect.poll(async () => rows.count()).toBe(1);
    await expect(rows.first().getAttribute('data-case')).resolves.toBe(caseId);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('01/QĐ-KT');
    await expect(page.getByTestId('case-count').textContent()).resolves.toBe('1 vụ việc');
    // Its current steps by their titles, as the inbox shows them, not by their ids alone.
    const open = (await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)).body.tasks as { stepId: string; title: string }[];
    expect(open.length).toBeGreaterThan(0);
    for (const task of open) await expect.poll(() => rows.first().getByTestId('case-steps').textContent()).toContain(`${task.stepId} ${task.title}`);
    await screenshots(page, 'cases-01-search-decision-number');

    // The business named in the decision, typed without accents.
    await page.getByLabel('Tìm kiếm').fill('phuc loc');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('phuc loc');
    await expect.poll(async () => rows.count()).toBe(1);
    // The search is in the address: reloading keeps it.
    await page.reload();
    await expect.poll(async () => rows.count()).toBe(1);
    await expect(page.getByLabel('Tìm kiếm').inputValue()).resolves.toBe('phuc loc');

    // Opening the row goes to the case.
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra cửa hàng điện máy' }).waitFor();
    await page.goBack();
    await expect.poll(async () => rows.count()).toBe(1);

    // Everything, then filtered by kind; and in English.
    await page.getByLabel('Tìm kiếm').fill('');
    await expect.poll(async () => rows.count()).toBeGreaterThanOrEqual(2);
    await page.getByLabel('Loại').selectOption('TIP');
    await expect.poll(async () => page.getByText('Không có vụ việc nào khớp.').count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await screenshots(page, 'cases-02-filtered-en');
    await context.close();
  });

  it('shows the director, in the inbox, the campaign waiting for approval, and leads to it', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'chicuctruong.hai');
    const approvals = page.locator('[data-testid="approvals"][aria-busy="false"]');
    await approvals.waitFor();
    await expect(approvals.getByRole('heading').textContent()).resolves.toBe('Chờ bạn phê duyệt (1)');
    const item = approvals.locator('[data-testid="approval"][data-kind="CAMPAIGN_VERSION"]');
    await expect(item.textContent()).resolves.toContain('Tết Nguyên đán Đinh Mùi 2027');
    await screenshots(page, 'cases-03-inbox-approval');
    await item.getByRole('link').click();
    await page.waitForURL(/\/campaigns\/[^/]+\/versions\/1$/);
    await page.getByRole('button', { name: 'Phê duyệt' }).first().waitFor();
    // A team lead has nothing to approve: no such section.
    await context.close();
    const lead = await newPage(app);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    await lead.page.getByTestId('count-total').filter({ hasNotText: '–' }).waitFor();
    expect(await lead.page.getByTestId('approvals').count()).toBe(0);
    await lead.context.close();
  });
});
