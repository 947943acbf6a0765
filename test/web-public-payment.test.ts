/**
 * The fine paid while the party watches (issue 16, acceptance): a violation and a decision whose
 * time to pay ran out ten days ago; the party opens its case on the public lookup page (amount and
 * due date); the treasury reports half of the fine, paid in time, by a signed callback (signed by
 * the simulator's own code, api/payment-signature.ts) — the open page shows, without a reload, the
 * rest and the surcharge on that unpaid half only (penalty version 4, docs/adr/0127); a callback for
 * the rest and the surcharge completes the compliance step (B9) by itself, and the open page says
 * so. Phone (390×844) and laptop screenshots, axe-checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_HEADERS, signPayment, type TPaymentKey } from '../api/payment-signature.js';
import { addCalendarDays, formatVi, vietnamDateOf } from '../domain/calendar.js';
import { surchargeOnUnpaid } from '../domain/fines.js';
import { LEGAL_PARAMS_SEED } from '../domain/legal-params.js';
import { call, newPage, PHONE, screenshotsAt, signIn, startBrowserApp, type TRunningApp } from './browser.js';

const TAX_CODE = '2700123459';
const TODAY = vietnamDateOf(new Date());
const daysAgo = (n: number): string => addCalendarDays(TODAY, -n);
const FINE = 400_000;
/** The decision's number from the unit's register (docs/documents.md): the unit's first sanction decision of the year. */
const DECISION_NO = '01/QĐ-XPHC';
const LAPTOP = { width: 1280, height: 800 } as const;
const KEY: TPaymentKey = { id: 'kb-test', secret: 'k'.repeat(48), notAfter: '2099-01-01T00:00:00Z' };
let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp({ payments: { keys: [KEY], toleranceSeconds: 300 } });
}, 120_000);
afterAll(async () => app?.stop());

/** One callback as the treasury sends it: the body signed with its timestamp. */
async function callback(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${app.baseUrl}/api/v1/public/payments/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PAYMENT_HEADERS.keyId]: KEY.id, [PAYMENT_HEADERS.timestamp]: ts, [PAYMENT_HEADERS.signature]: signPayment(KEY.secret, ts, raw) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;

describe('a fine paid in two callbacks while the lookup page is open', () => {
  it('shows the amount and due date, then the rest and the surcharge on the unpaid half, then the fine settled and the compliance step done, without a reload', async () => {
    // Staff: a case decided 20 days ago and delivered the same day; the 10 days to pay ended 10 days ago.
    const staff = await newPage(app);
    await signIn(staff.page, staff.watch, 'doitruong.cuong');
    const business = await app.database.db.selectFrom('business').select('id').where('unit_id', '=', app.unit).where('tax_code', '=', TAX_CODE).executeTakeFirstOrThrow();
    const created = await call(staff.page, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title: 'Công ty Hoa Lư', businessId: business.id });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const step = async (id: string, outcome: string, data: Record<string, unknown> = {}) => {
      const r = await call(staff.page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${id}/complete`, { outcome, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await step('B1', 'RECORDED', {
      recordedAt: daysAgo(20),
      place: 'Tại cơ sở',
      recorder: 'Lê Văn Cường, đội trưởng',
      violatorName: 'Công ty TNHH Thương mại Thực phẩm Hoa Lư',
      offenderType: 'INDIVIDUAL',
      violationDate: daysAgo(21),
      violationPlace: 'Hoa Lư',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
      violatorSigned: true,
    });
    await step('B3', 'NO_EXPLANATION_RIGHT');
    await step('B6', 'DECIDED', { decisionDate: daysAgo(20), signedBy: 'Lê Văn Cường', sanction: 'FINE', fineAmount: FINE });
    await step('B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: daysAgo(20) });
    const detail = await call(staff.page, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
    const theCase = detail.body.case as { procedure: unknown; snapshot: { open: { stepId: string; deadline?: { due: string } }[] } };
    // The latest version (8; from 5 on the papers issued by INS) keeps version 4's surcharge on the unpaid part.
    expect(theCase.procedure).toMatchObject({ id: 'ins-penalty', version: 19 });
    const code = detail.body.lookupCode as string;
    const b9 = theCase.snapshot.open.find((o) => o.stepId === 'B9')!;
    const due = b9.deadline!.due;
    expect(due < TODAY).toBe(true);

    // The party opens its case on a phone and leaves the page open.
    const party = await newPage(app, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { page, watch } = party;
    await page.goto('/public/tra-cuu');
    await page.getByLabel('Mã tra cứu').fill(code);
    await page.getByLabel('Số định danh cá nhân hoặc mã số thuế').fill(TAX_CODE);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ xử phạt của bạn' }).waitFor();
    const sum = (label: string) => page.locator('dl.sums > div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
    expect(await sum('Số tiền phạt').textContent()).toContain(money(FINE));
    expect(await sum('Hạn nộp').textContent()).toContain(formatVi(due));
    const unpaidAll = surchargeOnUnpaid({ fine: FINE, lastDayToPay: due, payments: [], paidOn: TODAY }, LEGAL_PARAMS_SEED).amount;
    expect(await sum('Tổng phải nộp hôm nay').textContent()).toContain(money(FINE + unpaidAll));
    // A mark on the page: gone if it were reloaded.
    await page.evaluate('window.__stillOpen = true');
    const opened = page.url();
    await screenshotsAt(page, 'public-payment-due-vi', [PHONE, LAPTOP]);
    await page.setViewportSize(PHONE);

    // Half the fine, paid the day after the decision (in time), reported by the treasury now.
    const paidInTime = `${addCalendarDays(daysAgo(20), 1)}T09:00:00+07:00`;
    const half = await callback({ transactionId: 'KB-HALF-1', caseId, amount: FINE / 2, paidAt: paidInTime, channel: 'KHO_BAC' });
    expect(half.status, JSON.stringify(half.body)).toBe(200);
    // Each late day on the unpaid half only (version 4): not the whole fine.
    const surcharge = surchargeOnUnpaid({ fine: FINE, lastDayToPay: due, payments: [{ on: addCalendarDays(daysAgo(20), 1), amount: FINE / 2 }], paidOn: TODAY }, LEGAL_PARAMS_SEED).amount;
    expect(surcharge).toBeGreaterThan(0);
    expect(surcharge * 2).toBe(unpaidAll);
    await expect.poll(async () => sum('Tiền phạt còn thiếu').textContent(), { timeout: 30_000, interval: 500 }).toContain(money(FINE / 2));
    expect(await sum('Tiền chậm nộp').textContent()).toContain(money(surcharge));
    expect(await sum('Tổng phải nộp hôm nay').textContent()).toContain(money(FINE / 2 + surcharge));
    expect(await page.getByRole('status').textContent()).toContain('Đã cập nhật lúc');
    expect(await page.evaluate('window.__stillOpen')).toBe(true);
    await screenshotsAt(page, 'public-payment-half-vi', [PHONE, LAPTOP]);
    await page.setViewportSize(PHONE);

    // The rest and the surcharge: the compliance step completes by itself, and the open page says so.
    const rest = await callback({ transactionId: 'KB-REST-1', caseId, amount: FINE / 2 + surcharge, paidAt: new Date().toISOString(), channel: 'NPP' });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    await expect.poll(async () => page.getByRole('main').textContent(), { timeout: 30_000, interval: 500 }).toContain('Bạn đã nộp đủ tiền phạt.');
    expect(await sum('Tổng phải nộp hôm nay').textContent()).toContain(money(0));
    const complianceRow = page.getByRole('row', { name: /Theo dõi chấp hành, nộp phạt/ });
    expect(await complianceRow.locator('td').first().textContent()).toContain(formatVi(TODAY));
    expect(await page.evaluate('window.__stillOpen')).toBe(true);
    expect(page.url()).toBe(opened);
    await screenshotsAt(page, 'public-payment-settled-vi', [PHONE, LAPTOP]);
    await page.setViewportSize(PHONE);

    // The receipts: by the code and the identifier (JSON), and printable from the open page.
    const receipts = await fetch(`${app.baseUrl}/api/v1/public/payments/receipt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, identifier: TAX_CODE }),
    });
    expect(receipts.status).toBe(200);
    expect(await receipts.json()).toMatchObject({
      case: { lookupCode: code, decisionNo: DECISION_NO, decisionDate: daysAgo(20) },
      receipts: [
        { transactionId: 'KB-HALF-1', amount: FINE / 2, paidOn: addCalendarDays(daysAgo(20), 1), channel: 'KHO_BAC', recorded: true, receiptNo: expect.stringMatching(/^BL-\d{4}-\d{8}$/) },
        { transactionId: 'KB-REST-1', amount: FINE / 2 + surcharge, paidOn: TODAY, channel: 'NPP', recorded: true },
      ],
      fine: { paid: FINE + surcharge, toPay: 0, settled: true },
    });
    await page.getByRole('button', { name: 'Xem và in biên lai nộp phạt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Biên lai nộp tiền phạt' }).waitFor();
    const receiptPage = (await page.getByRole('main').textContent())!;
    for (const text of ['KB-HALF-1', 'KB-REST-1', money(FINE / 2), money(FINE / 2 + surcharge), DECISION_NO, code, 'Bạn đã nộp đủ tiền phạt.']) expect(receiptPage).toContain(text);
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(2);
    await screenshotsAt(page, 'public-payment-receipts-vi', [PHONE, LAPTOP]);
    // Printed: the header, the buttons and the links are left out.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'In biên lai' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 2 }).first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The staff side agrees: B9 completed as paid, by the system.
    const after = await call(staff.page, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
    const completed = ((after.body.case as { snapshot: unknown }).snapshot as { completed: { stepId: string; outcome: string; by: string; data: Record<string, unknown> }[] }).completed.find(
      (c) => c.stepId === 'B9',
    );
    expect(completed).toMatchObject({ outcome: 'PAID', by: 'system', data: { receiptNo: 'KB-REST-1', paidAmount: FINE + surcharge, paidDate: TODAY } });
    watch.assertClean();
    staff.watch.assertClean();
    await party.context.close();
    await staff.context.close();
  }, 180_000);
});
