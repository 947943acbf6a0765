/**
 * Prefill and carry-over in a browser (issue 15, docs/adr/0116): the decision to inspect a
 * registered business starts with its name, tax code and address from the registry, and the
 * violation record of the penalty case the inspection opens starts with the business, its address,
 * the officer, today and the inspection's evidence — each field saying where its value came from,
 * in Vietnamese and in English; the officer changes what needs changing and completes the step.
 * Screenshots at 1280×800 and 800×1280 (axe-checked) into test/artifacts/screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { call, newPage, screenshots, signIn, startBrowserApp, todayVi, type TRunningApp } from './browser.js';

let app: TRunningApp;
let businessId: string;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const NAME = 'Công ty TNHH Thương mại Thực phẩm Hoa Lư';
const ADDRESS = 'Số 12 đường Lương Văn Tụy, Phường Hoa Lư, Ninh Bình';

beforeAll(async () => {
  app = await startBrowserApp();
  businessId = (await app.database.db.selectFrom('business').select('id').where('unit_id', '=', app.unit).where('tax_code', '=', '2700123459').executeTakeFirstOrThrow()).id;
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

function step(page: Page, stepId: string): Locator {
  return page.locator(`[data-testid="open-step"][data-step="${stepId}"]`);
}

/** The line under a field saying where its default came from. */
function sourceOf(card: Locator, label: string | RegExp): Locator {
  return card.locator('.field', { has: card.page().getByLabel(label) }).getByTestId('prefill-source');
}

async function language(page: Page, name: 'English' | 'Tiếng Việt'): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(name === 'English' ? 'en' : 'vi')}`);
}

/** Uploads a photo as the signed-in page would (the unit's evidence store). */
async function upload(page: Page, name: string): Promise<{ sha256: string; name: string; size: number; mime: string }> {
  return page.evaluate(
    async ({ bytes, name }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const body = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      const res = await fetch('/api/v1/evidence', {
        method: 'POST',
        headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent(name), 'x-csrf-token': me.csrfToken, 'idempotency-key': `up-${Date.now()}-${Math.random()}` },
        body,
      });
      const out = (await res.json()) as { sha256: string; size: number; mime: string };
      return { sha256: out.sha256, name, size: out.size, mime: out.mime };
    },
    { bytes: PNG.toString('base64'), name },
  );
}

describe('forms that start from what the case knows, in a browser', () => {
  it('prefills the decision from the registry and the penalty record from the inspection, each saying where from', async () => {
    const { page, watch, context } = await newPage(app);
    // The penalty case is opened by the workflow a moment after the inspection's last step.
    watch.expect(/^GET \/api\/v1\/cases\/[^ ]+%2FA10P 404$/);
    await signIn(page, watch, 'doitruong.cuong');
    const opened = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: `${NAME} — kiểm tra đột xuất`, businessId });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const api = `/api/v1/cases/${encodeURIComponent(caseId)}/steps`;

    // A5: the business as the registry has it, today as the decision's date; all editable.
    await page.goto(`/cases/${caseId}`);
    const a5 = step(page, 'A5');
    await a5.waitFor();
    await expect(a5.getByLabel('Tên cơ sở được kiểm tra').inputValue()).resolves.toBe(NAME);
    await expect(a5.getByLabel('Mã số thuế').inputValue()).resolves.toBe('2700123459');
    await expect(a5.getByLabel(/^Địa chỉ/).inputValue()).resolves.toBe(ADDRESS);
    await expect(a5.getByLabel('Ngày quyết định').inputValue()).resolves.toBe(todayVi());
    await expect(sourceOf(a5, 'Tên cơ sở được kiểm tra').textContent()).resolves.toBe('Từ sổ đăng ký cơ sở');
    await expect(sourceOf(a5, 'Ngày quyết định').textContent()).resolves.toBe('Hôm nay');
    await expect(a5.getByTestId('prefill-source').count()).resolves.toBe(4);
    // The decision's number is the unit's register's (docs/documents.md): no field to fill.
    await expect(a5.getByLabel('Số quyết định').count()).resolves.toBe(0);
    await screenshots(page, 'prefill-01-decision-vi');
    await language(page, 'English');
    await expect(sourceOf(a5, 'Business inspected').textContent()).resolves.toBe('From the business registry');
    await expect(sourceOf(a5, 'Decision date').textContent()).resolves.toBe('Today');
    await screenshots(page, 'prefill-02-decision-en');
    await language(page, 'Tiếng Việt');

    // The officer adds what the case cannot know and changes the address; the rest goes as it came.
    await a5.getByLabel('Người ký').fill('Lê Văn Cường');
    await a5.getByLabel('Hình thức kiểm tra').selectOption({ label: 'Đột xuất' });
    await a5.getByLabel('Căn cứ kiểm tra đột xuất').selectOption({ label: 'Thông tin, tin báo đã được xác minh' });
    await a5.getByLabel(/^Địa chỉ/).fill(`Kho hàng, ${ADDRESS}`);
    // A changed value no longer says it came from the registry.
    await expect(a5.getByTestId('prefill-source').count()).resolves.toBe(3);
    await expect(sourceOf(a5, /^Địa chỉ/).count()).resolves.toBe(0);
    await a5.getByLabel('Nội dung kiểm tra').fill('Nguồn gốc hàng hóa');
    await a5.getByRole('radio', { name: 'Đã ban hành' }).check();
    await a5.getByRole('button', { name: 'Hoàn thành bước' }).click();
    const decided = page.locator('[data-testid="timeline-item"][data-step="A5"]');
    await decided.waitFor();
    await expect(decided.textContent()).resolves.toContain(NAME);
    await expect(decided.textContent()).resolves.toContain(`Kho hàng, ${ADDRESS}`);
    await expect(decided.textContent()).resolves.toContain('01/QĐ-KT');

    // A6–A9 through the API: the inspection finds a violation, with a photo as evidence.
    const ok = async (stepId: string, outcome: string, data: Record<string, unknown>) => expect((await call(page, 'POST', `${api}/${stepId}/complete`, { outcome, data })).status).toBe(200);
    await ok('A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-0101' }], workLogEntry: 'Sổ 03, trang 12' });
    await ok('A7', 'ANNOUNCED', { announcedAt: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), partyRepresentative: 'Nguyễn Văn Toàn' });
    const photo = await upload(page, 'kho-hang.png');
    await ok('A8', 'INSPECTED', { findings: 'Thực phẩm không rõ nguồn gốc', evidence: [photo] });
    await ok('A9', 'VIOLATION', { recordedOn: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), partySigned: true });
    const penalty = `${caseId}/A10P`;
    await expect.poll(async () => (await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(penalty)}`)).status, { timeout: 20_000 }).toBe(200);

    // B1: the violator, the places and the evidence from the inspection; the officer and today.
    await page.goto(`/cases/${penalty}`);
    const b1 = step(page, 'B1');
    await b1.waitFor();
    await expect(b1.getByLabel('Tên cá nhân/tổ chức vi phạm').inputValue()).resolves.toBe(NAME);
    await expect(b1.getByLabel('Địa điểm lập biên bản').inputValue()).resolves.toBe(`Kho hàng, ${ADDRESS}`);
    await expect(b1.getByLabel('Địa điểm xảy ra vi phạm').inputValue()).resolves.toBe(`Kho hàng, ${ADDRESS}`);
    await expect(b1.getByLabel(/^Người lập biên bản/).inputValue()).resolves.toBe('Lê Văn Cường');
    await expect(b1.getByLabel('Ngày lập biên bản').inputValue()).resolves.toBe(todayVi());
    await expect(sourceOf(b1, 'Tên cá nhân/tổ chức vi phạm').textContent()).resolves.toBe('Từ vụ việc gốc: Quyết định kiểm tra (A5)');
    await expect(sourceOf(b1, /^Người lập biên bản/).textContent()).resolves.toBe('Tên người đang đăng nhập');
    const evidence = b1.locator('.field', { has: page.getByRole('link', { name: 'kho-hang.png' }) });
    await expect(evidence.getByTestId('prefill-source').textContent()).resolves.toBe('Từ vụ việc gốc: Tiến hành kiểm tra, thu thập chứng cứ (A8)');
    await screenshots(page, 'prefill-03-violation-record-vi');
    await language(page, 'English');
    await expect(sourceOf(b1, /^Violator/).textContent()).resolves.toBe('From the originating case: Decision to inspect (A5)');
    await expect(evidence.getByTestId('prefill-source').textContent()).resolves.toBe('From the originating case: Inspect and collect evidence (A8)');
    await screenshots(page, 'prefill-04-violation-record-en');
    await language(page, 'Tiếng Việt');

    // The rest is typed; the carried photo goes with the record.
    await b1.getByLabel('Đối tượng vi phạm').selectOption({ label: 'Tổ chức' });
    await b1.getByRole('combobox', { name: /Hành vi theo danh mục/ }).fill('khong ro nguon goc');
    await b1.getByTestId('violation-option').filter({ hasText: 'ND98/2020:17.1.c' }).click();
    await b1.getByLabel('Mô tả hành vi').fill('Kinh doanh thực phẩm không rõ nguồn gốc');
    await b1.getByLabel('Người vi phạm / đại diện tổ chức vi phạm đã ký biên bản').check();
    await b1.getByRole('radio', { name: 'Đã lập biên bản, thuộc thẩm quyền', exact: true }).check();
    await b1.getByRole('button', { name: 'Hoàn thành bước' }).click();
    const record = page.locator('[data-testid="timeline-item"][data-step="B1"]');
    await record.getByRole('link', { name: 'kho-hang.png' }).first().waitFor();
    await expect(record.textContent()).resolves.toContain(NAME);
    await expect(record.textContent()).resolves.toContain('01/BB-VPHC');
    watch.assertClean();
    await context.close();
  });
});
