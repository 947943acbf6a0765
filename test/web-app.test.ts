/**
 * The staff web app in a real browser (Debian's Chromium via playwright-core) against the real
 * system: sign-in, the inbox, an inspection carried by a team lead and an inspector through to the
 * violation record of its penalty case, the server's refusals shown in place, the language switch.
 * Each main screen is photographed at 1280×800 and 800×1280 into test/artifacts/screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import { layoutShift, newPage, printed, screenshots, startBrowserApp, todayVi, type TPageWatch, type TRunningApp, call, signIn, switchUser } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

/** A tiny real PNG (1×1 pixel), as a photo of the premises would be uploaded. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The card of an open step on the case page. */
function step(page: Page, stepId: string): Locator {
  return page.locator(`[data-testid="open-step"][data-step="${stepId}"]`);
}

/** Completes the open step with what `fill` typed, and waits until the case has moved past it. */
async function complete(page: Page, stepId: string, outcome: string, fill: (card: Locator) => Promise<void>): Promise<void> {
  const card = step(page, stepId);
  await card.waitFor();
  await fill(card);
  await card.getByRole('radio', { name: outcome, exact: true }).check();
  await card.getByRole('button', { name: 'Hoàn thành bước' }).click();
  await page.locator(`[data-testid="timeline-item"][data-step="${stepId}"]`).waitFor();
  await card.waitFor({ state: 'detached' });
}

describe('the staff web app in a browser', () => {
  it('signs in: a wrong password is refused in Vietnamese, the right one lands on the inbox', async () => {
    const { context, page, watch } = await newPage(app);
    watch.expect(/^GET \/api\/v1\/auth\/me 401$/, /^POST \/api\/v1\/auth\/login 401$/);
    await page.goto('/');
    await page.waitForURL(/\/login/);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Đăng nhập');
    await screenshots(page, '01-login');

    await page.getByLabel('Tên đăng nhập').fill('kiemsoat.an');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByTestId('login-error').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor()).resolves.toBeUndefined();
    expect(await page.getByLabel('Mật khẩu').getAttribute('aria-invalid')).toBe('true');
    await screenshots(page, '02-login-error');

    // Then with the keyboard alone, in the order the form reads.
    await page.reload();
    await page.getByLabel('Tên đăng nhập').waitFor();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate<string>('document.activeElement.id || document.activeElement.textContent'));
    }
    expect(order).toEqual(['Tiếng Việt', 'English', 'username', 'password', 'Đăng nhập']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('kiemsoat.an');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.title()).toBe('Hộp việc — INS');
    await expect(page.getByTestId('signed-in-user').textContent()).resolves.toContain('Nguyễn Văn An');
    await page.getByText('Không có việc nào đang chờ.').waitFor();
    expect(await layoutShift(page)).toBeLessThan(0.1);
    // What an inspector may open, the everyday first: the on-the-spot fine is chosen, the paper file typed in afterwards is last.
    await page.getByRole('link', { name: 'Mở vụ việc' }).click();
    await page.getByLabel('Quy trình').locator('option[value="ins-paper-file"]').waitFor({ state: 'attached' });
    await expect(
      page
        .getByLabel('Quy trình')
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)),
    ).resolves.toEqual(['ins-penalty-no-record', 'ins-tip', 'ins-paper-file']);
    await expect(page.getByLabel('Quy trình').inputValue()).resolves.toBe('ins-penalty-no-record');
    watch.assertClean();
    await context.close();
  });

  it('lets a team lead open an inspection and an inspector carry it through to the violation record', async () => {
    const lead = await newPage(app);
    const { page } = lead;
    await signIn(page, lead.watch, 'doitruong.cuong');
    await page.getByRole('link', { name: 'Mở vụ việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mở vụ việc mới' }).waitFor();
    await page.getByLabel('Quy trình').locator('option[value="ins-inspection"]').waitFor({ state: 'attached' });
    await expect(page.getByLabel('Quy trình').inputValue()).resolves.toBe('ins-inspection');
    await screenshots(page, '04-new-case');
    await page.getByLabel('Tên vụ việc').fill('Cửa hàng tạp hóa Minh An — 12 Trần Hưng Đạo, Hoa Lư');
    await page.getByRole('button', { name: 'Mở vụ việc' }).click();
    await page.waitForURL(new RegExp(`/cases/inspection/${app.unit}/\\d{4}/\\d{4}$`));
    const caseId = new URL(page.url()).pathname.replace('/cases/', '');

    // A5, the decision: an ad hoc inspection without its ground passes the form but not the law.
    await step(page, 'A5').waitFor();
    expect(await layoutShift(page)).toBeLessThan(0.1);
    const a5 = step(page, 'A5');
    // The decision's number is the unit's register's (docs/documents.md): no field for it.
    await a5.getByLabel('Ngày quyết định').waitFor();
    expect(await a5.getByLabel('Số quyết định').count()).toBe(0);
    await a5.getByLabel('Ngày quyết định').fill('31/12/2099');
    await expect(a5.getByTestId('field-error').first().textContent()).resolves.toContain('Không được sau ngày hôm nay');
    await a5.getByLabel('Ngày quyết định').fill(todayVi());
    await a5.getByLabel('Người ký').fill('Lê Văn Cường');
    await a5.getByLabel('Hình thức kiểm tra').selectOption({ label: 'Đột xuất' });
    await a5.getByLabel('Tên cơ sở được kiểm tra').fill('Cửa hàng tạp hóa Minh An');
    await a5.getByLabel('Mã số thuế').fill('01012345');
    await expect(a5.getByTestId('field-error').textContent()).resolves.toBe('Không đúng định dạng.');
    await a5.getByLabel('Mã số thuế').fill('0101234567');
    await a5.getByLabel('Địa chỉ').fill('12 Trần Hưng Đạo, Hoa Lư, Ninh Bình');
    await a5.getByLabel('Nội dung kiểm tra').fill('Niêm yết giá, nhãn hàng hóa, nguồn gốc hàng hóa');
    await a5.getByRole('radio', { name: 'Đã ban hành' }).check();
    // The law's rule is checked in the form as the server checks it: said before anything is sent.
    const rules = a5.getByTestId('rule-failures');
    await expect(rules.textContent()).resolves.toContain('Kiểm tra đột xuất phải có căn cứ');
    await expect(rules.textContent()).resolves.toContain('Thông tư 27/2020/TT-BCT');
    await a5.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await expect(a5.locator('.form-summary').textContent()).resolves.toBe('Luật chưa cho phép kết quả này: xem lưu ý ở trên.');
    await screenshots(page, '05-case-refused-by-rule');
    await a5.getByLabel('Căn cứ kiểm tra đột xuất').selectOption({ label: 'Thông tin, tin báo đã được xác minh' });
    await a5.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await page.locator('[data-testid="timeline-item"][data-step="A5"]').waitFor();
    // The unit's first inspection decision this year.
    await expect(page.locator('[data-testid="timeline-item"][data-step="A5"]').textContent()).resolves.toContain('01/QĐ-KT');

    // A6: the team and the Work Log; a required field emptied again says so at once.
    await complete(page, 'A6', 'Đã ghi sổ trước khi thi hành', async (a6) => {
      await a6.getByRole('textbox', { name: /^Trưởng đoàn/ }).fill('Nguyễn Văn An');
      await a6.getByLabel('Họ tên').fill('Nguyễn Văn An');
      await a6.getByLabel('Số thẻ').fill('QLTT-0101');
      await a6.getByRole('button', { name: 'Thêm dòng' }).click();
      await a6.getByLabel('Họ tên').nth(1).fill('Lê Văn Cường');
      await a6.getByLabel('Số thẻ').nth(1).fill('QLTT-0007');
      await a6.getByLabel('Số/trang Sổ nhật ký công tác').fill('x');
      await a6.getByLabel('Số/trang Sổ nhật ký công tác').fill('');
      await expect(a6.getByTestId('field-error').textContent()).resolves.toBe('Trường này bắt buộc.');
      await a6.getByLabel('Số/trang Sổ nhật ký công tác').fill('Sổ 03, trang 12');
    });
    // The lead gives the announcement to the inspector.
    const a7lead = step(page, 'A7');
    await a7lead.getByRole('button', { name: 'Giao việc' }).click();
    await a7lead.getByLabel('Giao cho').selectOption({ label: 'Nguyễn Văn An — Kiểm soát viên' });
    await a7lead.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(a7lead.getByTestId('assignee').filter({ hasText: 'Nguyễn Văn An' }).waitFor()).resolves.toBeUndefined();
    lead.watch.assertClean();
    await lead.context.close();

    // The inspector finds the task in the inbox, as his own.
    const inspector = await newPage(app);
    const p = inspector.page;
    // The penalty case is opened by the workflow a moment after the inspection shows its number.
    inspector.watch.expect(/^GET \/api\/v1\/cases\/[^ ]+%2FA10P(\/procedure)? 404$/);
    await signIn(p, inspector.watch, 'kiemsoat.an');
    const task = p.locator(`[data-testid="task"][data-case="${caseId}"][data-step="A7"]`);
    await task.waitFor();
    await p.getByRole('button', { name: 'Việc của tôi' }).click();
    await task.waitFor();
    await expect(task.textContent()).resolves.toContain('Tôi');
    expect(await layoutShift(p)).toBeLessThan(0.1);
    await screenshots(p, '06-inbox-mine');
    await task.getByRole('link', { name: `Mở vụ việc ${caseId}` }).click();

    await complete(p, 'A7', 'Đã công bố', async (a7) => {
      await a7.getByLabel('Ngày công bố').fill(todayVi());
      await a7.getByLabel('Người đại diện cơ sở').fill('Trần Văn Minh (chủ cơ sở)');
    });

    // A8 runs against the inspection's time limit, explained; it needs evidence.
    const a8 = step(p, 'A8');
    await a8.waitFor();
    const deadline = a8.getByTestId('deadline');
    await expect(deadline.textContent()).resolves.toMatch(/ngày làm việc/);
    await expect(deadline.textContent()).resolves.toContain('Nghị định 33/2022/NĐ-CP');
    await a8.getByLabel('Kết quả kiểm tra').fill('Bày bán 120 gói bánh không có nhãn phụ tiếng Việt; không niêm yết giá.');
    await a8.getByLabel('Có lấy mẫu').check();
    await a8.getByRole('radio', { name: 'Đã kiểm tra xong' }).check();
    await a8.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await expect(a8.getByTestId('field-error').textContent()).resolves.toBe('Bước này cần ít nhất một chứng cứ.');
    await a8.locator('input[type="file"]').setInputFiles({ name: 'anh-hien-truong.png', mimeType: 'image/png', buffer: PNG });
    await a8.getByRole('link', { name: 'anh-hien-truong.png' }).waitFor();
    await a8.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await p.locator('[data-testid="timeline-item"][data-step="A8"]').getByRole('link', { name: 'anh-hien-truong.png' }).first().waitFor();

    await step(p, 'A9').waitFor();
    await screenshots(p, '07-case-inspection');
    await complete(p, 'A9', 'Có vi phạm: lập biên bản vi phạm, xử phạt', async (a9) => {
      await a9.getByLabel('Đại diện cơ sở ký').check();
    });
    await expect(p.locator('[data-testid="timeline-item"][data-step="A9"]').textContent()).resolves.toContain('01/BB-KT');

    // The violation leads to a penalty case of its own, linked both ways.
    const said = p.getByTestId('case-status-line');
    await said.filter({ hasText: /^Đã hoàn thành bước .*: Có vi phạm: lập biên bản vi phạm, xử phạt\.$/ }).waitFor();
    const a10 = step(p, 'A10P');
    await a10.getByRole('link', { name: `${caseId}/A10P` }).waitFor();
    await a10.getByRole('link', { name: `${caseId}/A10P` }).click();
    await p.waitForURL(new RegExp(`/cases/${caseId}/A10P$`));
    // What was said of the inspection stays with it: the penalty case's page says nothing yet.
    await step(p, 'B1').waitFor();
    await expect(p.getByTestId('case-page').getAttribute('data-case')).resolves.toBe(`${caseId}/A10P`);
    await expect(said.textContent()).resolves.toBe('');
    await complete(p, 'B1', 'Đã lập biên bản, thuộc thẩm quyền', async (b1) => {
      await b1.getByLabel('Ngày lập biên bản').fill(todayVi());
      await b1.getByLabel('Địa điểm lập biên bản').fill('Cửa hàng tạp hóa Minh An, 12 Trần Hưng Đạo');
      await b1.getByLabel('Người lập biên bản').fill('Nguyễn Văn An, Kiểm soát viên thị trường');
      await b1.getByLabel('Tên cá nhân/tổ chức vi phạm').fill('Trần Văn Minh');
      await b1.getByLabel('Đối tượng vi phạm').selectOption({ label: 'Cá nhân' });
      await b1.getByLabel('Thời gian xảy ra vi phạm').fill(todayVi());
      await b1.getByLabel('Địa điểm xảy ra vi phạm').fill('12 Trần Hưng Đạo, Hoa Lư, Ninh Bình');
      // The act is picked from the catalogue, searched without accents; its bracket follows from it.
      await b1.getByRole('combobox', { name: /Hành vi theo danh mục/ }).fill('khong ro nguon goc');
      await b1.getByTestId('violation-option').filter({ hasText: 'ND98/2020:17.1.c' }).click();
      await expect(b1.getByTestId('violation-bracket').textContent()).resolves.toBe('300.000 ₫ – 500.000 ₫ (mức trung bình: 400.000 ₫)');
      await b1.getByLabel('Mô tả hành vi').fill('Bày bán bánh không rõ nguồn gốc, trị giá 800.000 đồng');
      await b1.getByLabel('Người vi phạm / đại diện tổ chức vi phạm đã ký biên bản').check();
      await screenshots(p, '08a-violation-picker');
    });
    const record = p.locator('[data-testid="timeline-item"][data-step="B1"]');
    // The record's number from the unit's register: its first violation record this year.
    await expect(record.textContent()).resolves.toContain('01/BB-VPHC');
    await expect(record.getByTestId('violation-value').textContent()).resolves.toContain('khung 300.000 ₫ – 500.000 ₫, thời hiệu 2 năm');
    await expect(record.textContent()).resolves.toContain('Nguyễn Văn An');
    await p.getByTestId('related-case').filter({ hasText: 'Vụ việc gốc' }).getByRole('link', { name: 'Cửa hàng tạp hóa Minh An — 12 Trần Hưng Đạo, Hoa Lư' }).waitFor();
    await step(p, 'B3').getByTestId('not-your-role').waitFor();
    await screenshots(p, '08-violation-record');
    inspector.watch.assertClean();
    await inspector.context.close();
  });

  it('keeps a note sent again after its answer was lost on the way as one note (the same Idempotency-Key)', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    const opened = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Ghi chú gửi lại' });
    expect(opened.status).toBe(201);
    const caseId = String((opened.body as { caseId: string }).caseId);
    await page.goto(`/cases/${caseId}`);
    // The first answer is lost after the server has saved the note: the browser sees the connection drop.
    const keys: string[] = [];
    let drop = true;
    await page.route('**/notes', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const answer = await route.fetch();
      if (drop) {
        drop = false;
        expect(answer.status()).toBe(200);
        await route.abort('connectionreset');
        return;
      }
      await route.fulfill({ response: answer });
    });
    watch.expectFailures(/^POST \/api\/v1\/cases\/[^ ]+\/notes$/);
    await page.getByLabel('Thêm ghi chú').fill('Đã liên hệ chủ cơ sở, hẹn làm việc thứ Hai');
    await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await page.getByTestId('server-error').filter({ hasText: 'Không kết nối được với máy chủ' }).waitFor();
    // Sent again: the same key, the first answer replayed; one note in the case.
    await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await page.getByText('Đã lưu ghi chú.').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const detail = await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
    expect((detail.body as { case: { snapshot: { notes: { text: string }[] } } }).case.snapshot.notes.map((n) => n.text)).toEqual(['Đã liên hệ chủ cơ sở, hẹn làm việc thứ Hai']);
    watch.assertClean();
    await context.close();
  });

  it('shows the server’s code, message and legal basis when a step is attempted by the wrong role', async () => {
    const { context, page, watch } = await newPage(app);
    watch.expect(/^POST \/api\/v1\/cases\/[^ ]+\/steps\/A5\/complete 403$/);
    const caseId = await openInspection(page, watch, 'doitruong.cuong', 'Cơ sở kinh doanh Hoàng Long');
    await switchUser(page, watch, 'kiemsoat.an');
    await page.goto(`/cases/${caseId}`);
    const a5 = step(page, 'A5');
    await a5.getByTestId('not-your-role').waitFor();
    await a5.getByLabel('Ngày quyết định').fill(todayVi());
    await a5.getByLabel('Người ký').fill('Nguyễn Văn An');
    await a5.getByLabel('Hình thức kiểm tra').selectOption({ label: 'Theo kế hoạch (định kỳ)' });
    await a5.getByLabel('Kế hoạch kiểm tra').fill('KH 01/KH-QLTT ngày 05/01');
    await a5.getByLabel('Tên cơ sở được kiểm tra').fill('Cơ sở kinh doanh Hoàng Long');
    await a5.getByLabel('Địa chỉ').fill('Tam Điệp, Ninh Bình');
    await a5.getByLabel('Nội dung kiểm tra').fill('Hàng giả');
    await a5.getByRole('button', { name: 'Hoàn thành bước' }).click();
    const refusal = a5.getByTestId('server-error');
    await refusal.waitFor();
    await expect(refusal.getByTestId('server-error-code').textContent()).resolves.toBe('ROLE_NOT_ALLOWED');
    await expect(refusal.textContent()).resolves.toContain('Vai trò của bạn không được thực hiện thao tác này.');
    await expect(refusal.getByTestId('server-error-message').textContent()).resolves.toBe('Bước Quyết định kiểm tra do Chi cục trưởng hoặc Đội trưởng thực hiện, không phải Kiểm soát viên.');
    await expect(refusal.getByTestId('server-error-legal-basis').textContent()).resolves.toBe('Pháp lệnh Quản lý thị trường 2016, Điều 21; Nghị định 33/2022/NĐ-CP Điều 4');
    // Nothing was lost: the form still holds what was typed.
    await expect(a5.getByLabel('Kế hoạch kiểm tra').inputValue()).resolves.toBe('KH 01/KH-QLTT ngày 05/01');
    await expect(a5.getByLabel('Người ký').inputValue()).resolves.toBe('Nguyễn Văn An');
    await screenshots(page, '09-case-refused-wrong-role');
    watch.assertClean();
    await context.close();
  });

  it('shows the inbox with working-day countdowns, overdue and due-soon tasks highlighted, filters and search', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    // A seizure made 40 days ago in a case with the right to explain: the decision on the items (1 month) is overdue.
    const seizure = await seizedDaysAgo(page, 40, 'Kho hàng Bình Minh — tạm giữ 300 chai rượu không nhãn', { name: 'Rượu không nhãn', quantity: 300, unit: 'chai' });
    // A tip is logged the same working day: due soon.
    const tip = await openCase(page, 'ins-tip', 'Tin báo: cơ sở Hải Đăng bán mỹ phẩm giả');
    await page.goto('/');
    const overdue = page.locator(`[data-testid="task"][data-case="${seizure}"][data-step="D4"]`);
    const soon = page.locator(`[data-testid="task"][data-case="${tip}"]`);
    // Highlighted once the calendar of working days is in.
    await page.locator(`[data-testid="task"].urgency-overdue[data-case="${seizure}"]`).waitFor();
    await expect(overdue.textContent()).resolves.toMatch(/Quá hạn \d+ ngày làm việc/);
    await page.locator(`[data-testid="task"].urgency-soon[data-case="${tip}"]`).waitFor();
    await expect(soon.textContent()).resolves.toMatch(/Còn 1 ngày làm việc|Hết hạn hôm nay/);
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await screenshots(page, '03-inbox');

    await page.getByLabel('Thời hạn').selectOption({ label: 'Quá hạn' });
    await overdue.waitFor();
    await soon.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('filter')).toBe('overdue');
    await page.getByLabel('Thời hạn').selectOption({ label: 'Tất cả' });
    await page.getByLabel('Tìm kiếm').fill('mỹ phẩm');
    await soon.waitFor();
    await overdue.waitFor({ state: 'detached' });
    await page.getByLabel('Tìm kiếm').fill('');
    await page.getByLabel('Loại vụ việc').selectOption({ label: 'Tạm giữ tang vật' });
    await overdue.waitFor();
    await soon.waitFor({ state: 'detached' });

    // The overdue step, its deadline explained (counted from the seizure date) and escalated. The
    // holding period is counted in calendar days (Art. 125(8)): so is how far past it the case is.
    await overdue.getByRole('link', { name: `Mở vụ việc ${seizure}` }).click();
    const d4 = step(page, 'D4');
    await d4
      .getByTestId('deadline')
      .filter({ hasText: /Quá hạn \d+ ngày(?! làm việc)/ })
      .waitFor();
    await expect(d4.getByTestId('deadline').textContent()).resolves.toContain(`ngày ${isoDay(-40).split('-').reverse().join('/')}`);
    await expect(d4.getByTestId('deadline').textContent()).resolves.toContain('Điều 125(8)');
    await page.getByTestId('escalations').filter({ hasText: 'Chuyển cấp trên' }).waitFor();
    // One entry for the breach, at its highest rung (40 days late: a day after the deadline, the director), not one per rung;
    // the director's to mark handled, not the lead's.
    const breach = page.locator('[data-testid="escalation"][data-kind="ESCALATE"]');
    await expect(breach.count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="escalation"][data-kind="WARN"]').count()).resolves.toBe(0);
    await expect(breach.textContent()).resolves.toContain('gửi Chi cục trưởng');
    await expect(breach.getByRole('button', { name: 'Đã xử lý' }).count()).resolves.toBe(0);
    // A holding period that has ended is not extended (Art. 125(8), docs/adr/0208): no extension is offered.
    await expect(d4.getByRole('button', { name: 'Đề nghị gia hạn' }).count()).resolves.toBe(0);
    await screenshots(page, '12-case-overdue');

    // While it runs, the lead asks the director for the extension the law allows; the request waits in the queue.
    const running = await seizedDaysAgo(page, 2, 'Kho hàng Bình Minh — tạm giữ 40 thùng bia không nhãn', { name: 'Bia không nhãn', quantity: 40, unit: 'thùng' });
    await page.goto(`/cases/${running}`);
    const d4Running = step(page, 'D4');
    await d4Running.getByRole('button', { name: 'Đề nghị gia hạn' }).click();
    await d4Running.getByLabel(/Số tháng gia hạn/).fill('1');
    await d4Running.getByLabel('Lý do').fill('Chờ kết quả giám định nguồn gốc bia');
    await d4Running.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('case-status-line').filter({ hasText: 'Đã thực hiện: Đề nghị gia hạn.' }).waitFor();
    await page.getByTestId('escalations').filter({ hasText: '+1 tháng: Chờ kết quả giám định nguồn gốc bia' }).waitFor();
    await d4Running.getByRole('button', { name: 'Đề nghị gia hạn' }).waitFor({ state: 'detached' });
    watch.assertClean();
    await context.close();
  });

  it('prints a case summary and the inbox in black on white: header, steps, deadlines, escalations and notes, without navigation, buttons or forms', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    // A seizure made 40 days ago: its decision on the items is overdue and escalated; a note on it.
    const seizure = await seizedDaysAgo(page, 40, 'Kho hàng Phú Quý — tạm giữ 120 thùng bia không nhãn', { name: 'Bia không nhãn', quantity: 120, unit: 'thùng' });
    expect((await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(seizure)}/notes`, { text: 'Đã niêm phong kho, chờ kết quả giám định.' })).status).toBe(200);
    await page.goto(`/cases/${seizure}`);
    await page.getByTestId('escalations').filter({ hasText: 'Chuyển cấp trên' }).waitFor();
    await page.getByText('Đã niêm phong kho, chờ kết quả giám định.').waitFor();

    const pdf = await printed(page, '13-case');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // On paper: no navigation, no button, no form; the case, what was done, what runs and what was said.
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.locator('button:visible, form:visible, .button:visible').count()).toBe(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Kho hàng Phú Quý — tạm giữ 120 thùng bia không nhãn' }).isVisible()).resolves.toBe(true);
    // The unit's third seizure decision of the year (the first two are the previous test's), numbered by its register.
    await expect(page.locator('[data-testid="timeline-item"][data-step="D2"]').textContent()).resolves.toContain('03/QĐ-TGTVPT');
    for (const shown of [
      page.locator('[data-testid="timeline-item"][data-step="D2"]'),
      step(page, 'D4').getByTestId('deadline'),
      page.getByTestId('escalations'),
      page.getByText('Đã niêm phong kho, chờ kết quả giám định.'),
    ]) {
      expect(await shown.isVisible()).toBe(true);
    }
    const ink = await page.evaluate<string[]>(`[document.querySelector('h1'), document.querySelector('.badge.overdue'), document.querySelector('.countdown')].map((e) => getComputedStyle(e).color)`);
    expect(ink).toEqual(['rgb(0, 0, 0)', 'rgb(0, 0, 0)', 'rgb(0, 0, 0)']);
    expect(await page.evaluate<string>(`getComputedStyle(document.body).backgroundColor`)).toMatch(/^rgba?\(255, 255, 255|^rgba\(0, 0, 0, 0\)$/);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('navigation').isVisible()).toBe(true);

    // The inbox: the list of tasks, without the filters and the row buttons.
    await page.goto('/');
    const row = page.locator(`[data-testid="task"][data-case="${seizure}"][data-step="D4"]`);
    await page.locator(`[data-testid="task"].urgency-overdue[data-case="${seizure}"]`).waitFor();
    await printed(page, '14-inbox');
    expect(await page.locator('button:visible, form:visible, .button:visible, nav:visible').count()).toBe(0);
    expect(await row.isVisible()).toBe(true);
    await expect(row.textContent()).resolves.toContain('Kho hàng Phú Quý');
    await expect(page.getByRole('heading', { level: 1, name: 'Hộp việc' }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    watch.assertClean();
    await context.close();
  });

  it('switches the language from Vietnamese to English and back, and keeps the choice', async () => {
    const { context, page, watch } = await newPage(app);
    const caseId = await openInspection(page, watch, 'chicuctruong.hai', 'Siêu thị mini Phúc Lộc', `${app.unit}-doi-2`);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'Open a case' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.locator(`[data-testid="task"][data-case="${caseId}"]`).filter({ hasText: 'Decision to inspect' }).waitFor();
    await screenshots(page, '10-inbox-en');
    await page.goto(`/cases/${caseId}`);
    const a5 = step(page, 'A5');
    await a5.getByRole('heading', { name: 'A5 Decision to inspect' }).waitFor();
    await a5.getByLabel('Kind of inspection').waitFor();
    await screenshots(page, '11-case-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await a5.getByRole('heading', { name: 'A5 Quyết định kiểm tra' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.reload();
    await page.getByRole('link', { name: 'Hộp việc' }).waitFor();
    watch.assertClean();
    await context.close();
  });
});

/** Opens a case of `procedureId` as the signed-in user; returns its id. */
async function openCase(page: Page, procedureId: string, title: string, teamId?: string): Promise<string> {
  const res = await call(page, 'POST', '/api/v1/cases', { procedureId, title, ...(teamId ? { teamId } : {}) });
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

/** Opens a seizure case as the signed-in user with its seizure (D2) made 40 days ago, of `item`; returns its id. */
async function seizedDaysAgo(page: Page, days: number, title: string, item: { name: string; quantity: number; unit: string }): Promise<string> {
  const seizure = await openCase(page, 'ins-seizure', title);
  const d2 = await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(seizure)}/steps/D2/complete`, {
    outcome: 'SEIZED',
    data: {
      decisionDate: isoDay(-days),
      signedBy: 'Lê Văn Cường',
      ground: 'VERIFY_FACTS',
      seizedOn: isoDay(-days),
      recordDate: isoDay(-days),
      decisionPeriod: 'EXPLAIN_OR_VERIFY',
      violatorSigned: true,
      items: [item],
    },
  });
  expect(d2.status).toBe(200);
  return seizure;
}

/** Signs `username` in and opens an inspection; returns its id. */
async function openInspection(page: Page, watch: TPageWatch, username: string, title: string, teamId?: string): Promise<string> {
  await signIn(page, watch, username);
  return openCase(page, 'ins-inspection', title, teamId);
}

/** `YYYY-MM-DD` in Vietnam, `days` from today. */
function isoDay(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
