/**
 * The statistics in a real browser (Debian's Chromium via playwright-core) against the real system:
 * the figures come from cases taken through their steps on the real workflows, whose projection
 * writes the facts — an on-the-spot fine decided and paid in each team, an inspection announced,
 * a tip logged. The director reads the dashboard (its cards equal the API's figures, its charts are
 * drawn), follows the fines to the cases behind them and on to a case, reads the report in the
 * official table, groups it by team, downloads it as Excel (read back: its "3.1" row is the fines)
 * and locks the month that has ended. A team lead sees their own team's figures only; an inspector
 * has no statistics at all. Each screen is photographed at 1280×800 and 800×1280 and checked with axe-core.
 */
import readXlsxFile from 'read-excel-file/node';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, layoutShift, newPage, screenshots, signIn, startBrowserApp, switchUser, type TRunningApp } from './browser.js';

let app: TRunningApp;

/** Today in Vietnam, YYYY-MM-DD: the decisions are dated today, so their figures are this month's. */
const isoToday = (): string => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const FINE_TEAM_1 = 400_000;
const FINE_TEAM_2 = 800_000;
const TITLE_TEAM_1 = 'Quầy bánh kẹo bà Hoa — phạt tại chỗ';
const TITLE_TEAM_2 = 'Công ty TNHH Bia Tam Điệp — phạt tại chỗ';
const TITLE_LATE = 'Sạp hàng ông Tâm — quyết định ghi nhận muộn';

async function complete(page: Page, caseId: string, stepId: string, outcome: string, data: Record<string, unknown>): Promise<void> {
  const r = await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${stepId}/complete`, { outcome, data });
  expect(r.status, `${stepId}: ${JSON.stringify(r.body)}`).toBe(200);
}

async function open(page: Page, procedureId: string, title: string): Promise<string> {
  const r = await call(page, 'POST', '/api/v1/cases', { procedureId, title });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.caseId as string;
}

/**
 * As the signed-in team lead: a fine on the spot without a record (N1, within the bracket of
 * ND98/2020 Art. 17(1)(c) at its midpoint and under the no-record limit) and its payment in full (N2).
 */
async function fineOnTheSpot(page: Page, title: string, who: { signedBy: string; violator: string; offenderType: 'INDIVIDUAL' | 'ORGANIZATION'; fine: number }): Promise<string> {
  const caseId = await open(page, 'ins-penalty-no-record', title);
  const today = isoToday();
  await complete(page, caseId, 'N1', 'DECIDED', {
    decisionDate: today,
    signedBy: who.signedBy,
    violatorName: who.violator,
    offenderType: who.offenderType,
    violationDate: today,
    violation: 'ND98/2020:17.1.c',
    place: 'Chợ Rồng, Ninh Bình',
    sanction: 'FINE',
    fineAmount: who.fine,
  });
  await complete(page, caseId, 'N2', 'PAID', { receiptNo: `BL-${who.fine}`, paidAmount: who.fine, paidDate: today });
  return caseId;
}

type TTotals = Record<string, number>;
interface TDashboard {
  month: { period: { key: string }; totals: TTotals; outstanding: number };
  overdueNow: { steps: number; cases: number };
  year: { groups: { value: string | null; totals: TTotals }[] };
}

let fineCase1 = '';

beforeAll(async () => {
  app = await startBrowserApp();
  const { context, page, watch } = await newPage(app);
  // Team 1's lead: an inspection announced at the business (A5–A7), a fine on the spot paid, a tip logged.
  await signIn(page, watch, 'doitruong.cuong');
  const today = isoToday();
  const inspection = await open(page, 'ins-inspection', 'Cửa hàng thực phẩm Minh Anh — kiểm tra');
  await complete(page, inspection, 'A5', 'ISSUED', {
    decisionDate: today,
    signedBy: 'Lê Văn Cường',
    form: 'AD_HOC',
    adHocGround: 'VERIFIED_TIP',
    businessName: 'Cửa hàng thực phẩm Minh Anh',
    address: 'Hoa Lư, Ninh Bình',
    content: 'Nguồn gốc hàng hóa',
  });
  await complete(page, inspection, 'A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-0101' }], workLogEntry: 'Sổ 03, trang 15' });
  await complete(page, inspection, 'A7', 'ANNOUNCED', { announcedAt: today, partyRepresentative: 'Chủ cơ sở' });
  fineCase1 = await fineOnTheSpot(page, TITLE_TEAM_1, { signedBy: 'Lê Văn Cường', violator: 'Trần Thị Hoa', offenderType: 'INDIVIDUAL', fine: FINE_TEAM_1 });
  await open(page, 'ins-tip', 'Tin báo: bánh kẹo không rõ nguồn gốc ở chợ Rồng');
  // Team 2's lead: a company fined on the spot (an organisation: twice the bracket), paid.
  await switchUser(page, watch, 'doitruong.dung');
  await fineOnTheSpot(page, TITLE_TEAM_2, { signedBy: 'Phạm Thị Dung', violator: 'Công ty TNHH Bia Tam Điệp', offenderType: 'ORGANIZATION', fine: FINE_TEAM_2 });
  // The projection writes the facts with each case: the unit's month holds them all once it has caught up.
  await switchUser(page, watch, 'chicuctruong.hai');
  const want = { INSPECTIONS: 1, VIOLATION_CASES: 2, FINES_IMPOSED: FINE_TEAM_1 + FINE_TEAM_2, BUDGET_COLLECTED: FINE_TEAM_1 + FINE_TEAM_2, TIPS_RECEIVED: 1 };
  let totals: TTotals = {};
  for (let i = 0; i < 60 && !Object.entries(want).every(([k, v]) => totals[k] === v); i++) {
    if (i) await page.waitForTimeout(500);
    totals = ((await call(page, 'GET', '/api/v1/statistics/dashboard')).body as unknown as TDashboard).month.totals;
  }
  expect(totals).toMatchObject(want);
  watch.assertClean();
  await context.close();
}, 240_000);
afterAll(async () => {
  await app?.stop();
});

describe('the statistics in a browser', () => {
  it('shows the director the month’s figures and charts, the cases behind the fines down to a case, the official report, its Excel file, and locks the month that has ended', async () => {
    const t0 = Date.now();
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'chicuctruong.hai');
    await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thống kê' }).waitFor();
    const api = (await call(page, 'GET', '/api/v1/statistics/dashboard')).body as unknown as TDashboard;

    // Each card is the API's figure (the month's), and a link to the cases behind it.
    const card = (name: string) => page.locator(`[data-testid="stat-card"][data-card="${name}"]`);
    await card('FINES_IMPOSED').locator('a').waitFor();
    const expected: Record<string, number> = {
      INSPECTIONS: api.month.totals.INSPECTIONS!,
      VIOLATION_CASES: api.month.totals.VIOLATION_CASES!,
      FINES_IMPOSED: api.month.totals.FINES_IMPOSED!,
      BUDGET_COLLECTED: api.month.totals.BUDGET_COLLECTED!,
      OUTSTANDING: api.month.outstanding,
      OVERDUE: api.overdueNow.steps,
      TIPS_RECEIVED: api.month.totals.TIPS_RECEIVED!,
      CASES_CLOSED: api.month.totals.CASES_CLOSED!,
    };
    for (const [name, value] of Object.entries(expected)) expect(Number(await card(name).getAttribute('data-value')), name).toBe(value);
    expect(expected.FINES_IMPOSED).toBe(FINE_TEAM_1 + FINE_TEAM_2);
    await expect(card('FINES_IMPOSED').textContent()).resolves.toContain('1.200.000 ₫');
    await expect(card('FINES_IMPOSED').getByRole('link').textContent()).resolves.toContain('1,2 triệu\u00a0₫');

    // Three charts, each an image with a name and its figures in a table; their bars drawn from the same figures.
    const charts = page.getByTestId('chart');
    await expect(charts.count()).resolves.toBe(3);
    for (const chart of await charts.all()) {
      await expect(chart.locator('svg[role="img"]').getAttribute('aria-label')).resolves.toBeTruthy();
      await expect(chart.locator('table').count()).resolves.toBe(1);
    }
    const money = page.locator('[data-chart="money"]');
    await expect(money.locator('rect.bar').count()).resolves.toBe(24);
    await expect(money.locator('rect.bar.series-fines').last().getAttribute('data-value')).resolves.toBe(String(FINE_TEAM_1 + FINE_TEAM_2));
    await expect(money.locator('rect.bar.series-budget').last().getAttribute('data-value')).resolves.toBe(String(FINE_TEAM_1 + FINE_TEAM_2));
    // The axis reads money the Vietnamese way, in full in the table.
    await expect(money.locator('svg').textContent()).resolves.toMatch(/triệu/);
    await expect(money.locator('table').textContent()).resolves.toContain('1.200.000 ₫');
    const counts = page.locator('[data-chart="counts"]');
    await expect(counts.locator('rect.bar.series-inspections').last().getAttribute('data-value')).resolves.toBe('1');
    await expect(counts.locator('circle').last().getAttribute('data-value')).resolves.toBe('2');
    // The year by team: each team a bar and a link to the cases behind its figure.
    const year = page.locator('[data-chart="year"]');
    await expect(year.getByTestId('rank-link').count()).resolves.toBe(2);
    await expect(year.locator(`[data-testid="rank-link"][data-group="${app.unit}-doi-2"]`).textContent()).resolves.toContain('800.000 ₫');
    const bars = await year.locator('rect.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(bars).toEqual([FINE_TEAM_2, FINE_TEAM_1]);
    expect(await layoutShift(page)).toBeLessThan(0.1);
    // The two charts of months write their months alike ("1/2026" in both, or "1/26" in both), at every width.
    for (const vp of [
      { width: 1280, height: 800 },
      { width: 800, height: 1280 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(vp);
      await expect
        .poll(async () => {
          const forms = await Promise.all([money, counts].map((c) => c.locator('text.chart-tick').allTextContents()));
          return forms.map((ticks) => [...new Set(ticks.map((x) => (/^\d{1,2}\/\d{4}$/.test(x) ? 'long' : /^\d{1,2}\/\d{2}$/.test(x) ? 'short' : x)))]);
        })
        .toSatisfy((f: string[][]) => f[0]!.length === 1 && JSON.stringify(f[0]) === JSON.stringify(f[1]));
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshots(page, 'statistics-01-dashboard');

    // The fines, drilled: the two decisions, each with its share; the sum is the figure.
    await card('FINES_IMPOSED').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Tiền xử phạt vi phạm hành chính' }).waitFor();
    expect(page.url()).toContain(`indicator=FINES_IMPOSED`);
    expect(page.url()).toContain(`key=${api.month.period.key}`);
    await page.locator('[data-testid="drill-total"][data-value]').waitFor();
    await expect(page.getByTestId('drill-total').getAttribute('data-value')).resolves.toBe(String(FINE_TEAM_1 + FINE_TEAM_2));
    await expect(page.getByTestId('drill-count').textContent()).resolves.toBe('2 vụ việc');
    const rows = page.getByTestId('drill-case');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const sum = (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-amount'))))).reduce((a, b) => a + b, 0);
    expect(sum).toBe(FINE_TEAM_1 + FINE_TEAM_2);
    const row1 = page.locator(`[data-testid="drill-case"][data-case="${fineCase1}"]`);
    await expect(row1.textContent()).resolves.toContain('33,3%');
    await expect(row1.textContent()).resolves.toContain('Xử phạt không lập biên bản');
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await screenshots(page, 'statistics-02-drill-down');
    // …and on to the case itself; Back returns to the same figure.
    await row1.getByRole('link', { name: TITLE_TEAM_1 }).click();
    await page.getByRole('heading', { level: 1, name: TITLE_TEAM_1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Tiền xử phạt vi phạm hành chính' }).waitFor();
    await rows.first().waitFor();

    // A team's bar on the dashboard leads to that team's cases only. The drill-down's own link goes
    // back where the reader came from (the overview, not the report).
    await page.getByRole('link', { name: '← Quay lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thống kê' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/statistics');
    await page.locator(`[data-chart="year"] [data-testid="rank-link"][data-group="${app.unit}-doi-2"]`).click();
    await page.getByTestId('drill-group').filter({ hasText: /Đội/ }).waitFor();
    await page.locator('[data-testid="drill-case"]').first().waitFor();
    await expect(page.getByTestId('drill-case').count()).resolves.toBe(1);
    await expect(page.getByTestId('drill-case').textContent()).resolves.toContain(TITLE_TEAM_2);

    // The report of the month: the official table, its figures the same; grouped by team.
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo thống kê' }).waitFor();
    const row = (no: string) => page.locator(`[data-testid="summary-row"][data-no="${no}"]`);
    await row('3.1').waitFor();
    await expect(row('3.1').getAttribute('data-value')).resolves.toBe(String(FINE_TEAM_1 + FINE_TEAM_2));
    await expect(row('3.1').textContent()).resolves.toContain('Trong đó:');
    await expect(row('1').getAttribute('data-value')).resolves.toBe('1');
    await expect(row('4').getAttribute('data-value')).resolves.toBe(String(FINE_TEAM_1 + FINE_TEAM_2));
    const headers = await page.getByTestId('summary-table').locator('thead th').allTextContents();
    expect(headers.map((h) => h.split('Tháng')[0]!.trim())).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kỳ báo cáo', 'Cùng kỳ năm trước', 'Tăng (+), giảm (−)']);
    await expect(page.getByTestId('report-period').textContent()).resolves.toMatch(/^Tháng \d{1,2}\/\d{4} \(\d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}\)$/);
    await page.getByLabel('Nhóm theo').selectOption('team');
    await page.getByTestId('group-table').waitFor();
    expect(new URL(page.url()).searchParams.get('groupBy')).toBe('team');
    await expect(page.getByTestId('group-row').count()).resolves.toBe(2);
    await expect(page.getByTestId('lock-status').getAttribute('data-locked')).resolves.toBe('false');
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await screenshots(page, 'statistics-03-report');

    // The Excel file of the report: sheet "Tổng hợp", whose row 3.1 is the fines imposed.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheets = await readXlsxFile((await download.path())!);
    expect(sheets.map((s) => s.sheet)).toEqual(['Tổng hợp', 'Theo đội']);
    const fines = sheets[0]!.data.find((r) => r[0] === '3.1');
    expect(fines?.[3]).toBe(api.month.totals.FINES_IMPOSED);

    // Last month has ended: the director locks it, after being told what locking means.
    await page.getByRole('button', { name: 'Kỳ trước' }).click();
    await page.locator('[data-testid="lock-status"][data-locked="false"]').getByRole('button', { name: 'Khóa số liệu kỳ này' }).click();
    const confirm = page.getByTestId('lock-confirm');
    await expect(confirm.textContent()).resolves.toContain('điều chỉnh trong kỳ kế tiếp chưa khóa');
    await screenshots(page, 'statistics-04-lock-confirm');
    await confirm.getByRole('button', { name: 'Xác nhận khóa' }).click();
    const locked = page.locator('[data-testid="lock-status"][data-locked="true"]');
    await locked.waitFor();
    const locks = (await call(page, 'GET', '/api/v1/statistics/locks')).body.locks as { key: string; hash: string }[];
    expect(locks).toHaveLength(1);
    await expect(locked.getByTestId('lock-hash').textContent()).resolves.toBe(locks[0]!.hash);
    await expect(locked.textContent()).resolves.toContain('Hoàng Văn Hải');
    expect(new URL(page.url()).searchParams.get('key')).toBe(locks[0]!.key);

    // A decision dated in the locked month but recorded after its lock: the locked figures stay; the change shows in
    // this month's report as an adjustment of the locked one, with the case behind it.
    const locked1 = (await call(page, 'GET', '/api/v1/statistics/locks')).body.locks as { key: string; from: string }[];
    const lead = await newPage(app);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    const late = await open(lead.page, 'ins-penalty-no-record', TITLE_LATE);
    await complete(lead.page, late, 'N1', 'DECIDED', {
      decisionDate: locked1[0]!.from,
      signedBy: 'Lê Văn Cường',
      violatorName: 'Đinh Văn Tâm',
      offenderType: 'INDIVIDUAL',
      violationDate: locked1[0]!.from,
      violation: 'ND98/2020:17.1.c',
      place: 'Chợ Rồng, Ninh Bình',
      sanction: 'FINE',
      fineAmount: FINE_TEAM_1,
    });
    lead.watch.assertClean();
    await lead.context.close();
    await page.getByRole('button', { name: 'Kỳ sau' }).click();
    const adjustment = page.locator(`[data-testid="adjustment"][data-period="${locked1[0]!.key}"]`);
    // The projection writes the late decision's facts: the report shows them once reloaded.
    for (let i = 0; i < 40 && !(await adjustment.count()); i++) {
      await page.waitForTimeout(500);
      if (i % 4 === 3) await page.reload();
    }
    await adjustment.waitFor();
    await expect(page.getByTestId('adjustments').getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Điều chỉnh số liệu kỳ đã khóa');
    await expect(adjustment.textContent()).resolves.toContain('Tiền xử phạt vi phạm hành chính: +400.000 đồng');
    // The locked month keeps its figures.
    const novReport = (await call(page, 'GET', `/api/v1/statistics/report?period=MONTH&key=${locked1[0]!.key}`)).body as { totals: TTotals; lock: unknown };
    expect(novReport.lock).not.toBeNull();
    expect(novReport.totals.FINES_IMPOSED).toBe(0);
    await screenshots(page, 'statistics-07-report-adjustment');
    await adjustment.getByRole('link', { name: /Tiền xử phạt/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiền xử phạt vi phạm hành chính' }).waitFor();
    expect(new URL(page.url()).searchParams.get('adjustmentOf')).toBe(locked1[0]!.key);
    await page.locator(`[data-testid="drill-case"][data-case="${late}"]`).waitFor();
    await expect(page.getByTestId('drill-case').count()).resolves.toBe(1);
    await page.goBack();
    await adjustment.waitFor();

    // In English, the same report.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistical report' }).waitFor();
    await expect(page.getByTestId('summary-table').locator('thead th').nth(1).textContent()).resolves.toBe('Indicator');
    await screenshots(page, 'statistics-06-report-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    watch.assertClean();
    await context.close();
    console.log(`statistics: the director's walk took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 150_000);

  it('shows a team lead their own team’s figures only, by officer, and refuses another team’s', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thống kê' }).waitFor();
    const fines = page.locator('[data-testid="stat-card"][data-card="FINES_IMPOSED"]');
    await fines.locator('a').waitFor();
    await expect(fines.getAttribute('data-value')).resolves.toBe(String(FINE_TEAM_1));
    // No team to pick; the year is by officer.
    await expect(page.locator('#stat-team').count()).resolves.toBe(0);
    await page.getByRole('heading', { level: 2, name: /^Năm nay theo cán bộ/ }).waitFor();
    await expect(page.locator('[data-chart="year"] [data-testid="rank-link"][data-group="doitruong.cuong"]').textContent()).resolves.toContain('Lê Văn Cường');
    await expect(page.locator('.stat-scope').textContent()).resolves.toContain('Đội');
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await screenshots(page, 'statistics-05-team-lead');

    // Another team's figures: refused by the server, said on the page.
    watch.expect(/^GET \/api\/v1\/statistics\/report 403$/);
    expect((await call(page, 'GET', `/api/v1/statistics/report?teamId=${app.unit}-doi-2`)).status).toBe(403);
    await page.goto(`/statistics/report?teamId=${app.unit}-doi-2`);
    await page.locator('[data-testid="server-error"][data-code="FORBIDDEN"]').waitFor();
    watch.assertClean();
    await context.close();
  }, 60_000);

  it('gives an inspector no statistics: no link, and the section refused on its address', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'kiemsoat.an');
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thống kê' }).count()).resolves.toBe(0);
    await page.goto('/statistics');
    await expect(page.getByTestId('forbidden').textContent()).resolves.toBe('Chỉ lãnh đạo Chi cục, Chi cục trưởng và Đội trưởng được xem thống kê.');
    await page.goto('/statistics/report?period=YEAR');
    await page.getByTestId('forbidden').waitFor();
    watch.assertClean();
    await context.close();
  }, 60_000);
});
