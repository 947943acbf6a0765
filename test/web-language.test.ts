/**
 * No English, no internal code in the Vietnamese screens (docs/adr/0110, 0111). Each main role signs
 * in in Vietnamese and walks its main screens at 1280×800 and 800×1280; the visible text (and the
 * title, aria-label and placeholder attributes) is held to a deny-list: the server's English
 * sentences, raw enums (derived from the enums' own word tables), procedure ids, ISO dates, and —
 * outside the admin's legal-parameter and calendar pages — the legal data's doubts about its
 * sources. The refusals the issue names are triggered and read in Vietnamese: the wrong role, a
 * file type the server does not take (without a useless retry), and the server out of reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CAMPAIGN_ID } from '../db/demo-data.js';
import vi from '../web/src/locales/vi.json' with { type: 'json' };
import viAdmin from '../web/src/locales/vi/admin.json' with { type: 'json' };
import viCampaigns from '../web/src/locales/vi/campaigns.json' with { type: 'json' };
import viRegistry from '../web/src/locales/vi/registry.json' with { type: 'json' };
import { call, newPage, screenshots, signIn, startBrowserApp, todayVi, type TPageWatch, type TRunningApp } from './browser.js';

/** The enums whose values must show as words: every value that has words in the Vietnamese tables. */
const ENUM_VALUES = [
  ...Object.keys(vi.roles),
  ...Object.keys(vi.kinds),
  ...Object.keys(vi.case.status),
  ...Object.keys(viAdmin.calendar.statuses),
  ...Object.keys(viRegistry.types),
  ...Object.keys(viRegistry.statuses),
  ...Object.keys(viCampaigns.lineStatus),
  ...['PENDING', 'SUBMITTED', 'APPROVED', 'REJECTED', 'DRAFT', 'PUBLISHED', 'RETIRED', 'OVERDUE', 'ISSUED', 'PLANNED'],
].filter((v) => /^[A-Z][A-Z_]+$/.test(v));

/** What no Vietnamese screen may show. */
const DENIED: { name: string; re: RegExp }[] = [
  {
    name: 'English server sentence',
    re: /is completed by|expected string|Too small|Too big|is not accepted|Failed to fetch|NetworkError|\bmust be\b|\bInvalid\b|\bis required\b|not open yet|already completed|Only [A-Z_]+ (can|may)|\bsend one of\b/,
  },
  { name: 'raw enum', re: new RegExp(`(?<![\\w-])(${[...new Set(ENUM_VALUES)].join('|')})(?![\\w-])`) },
  { name: 'procedure id', re: /\bins-[a-z-]+@\d/ },
  { name: 'ISO date', re: /\b\d{4}-\d{2}-\d{2}(T|\b)/ },
];
/** The legal data's doubts about its sources: only on the admin's legal-parameter and calendar pages. */
const DOUBTS = { name: 'source doubt', re: /cần xác nhận|theo một nguồn|một nguồn nêu|\[H\d+\]|chưa thấy văn bản/i };

/** What a screen shows a reader: its visible text and the words of its titles, labels and placeholders. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const attrs = [...document.querySelectorAll('[title], [aria-label], [placeholder]')]
      .flatMap((e) => ['title', 'aria-label', 'placeholder'].map((a) => e.getAttribute(a)).filter(Boolean));
    return [document.title, document.body.innerText, ...attrs].join('\\n');
  })()`);
}

/** The lines of `text` that the deny-list refuses, each with why. */
function deniedLines(text: string, { doubtsAllowed = false } = {}): string[] {
  const rules = doubtsAllowed ? DENIED : [...DENIED, DOUBTS];
  return text.split('\n').flatMap((line) => rules.filter((r) => r.re.test(line)).map((r) => `${r.name}: ${line.trim().slice(0, 200)}`));
}

/** Photographs the screen at both sizes and holds what it shows to the deny-list. */
async function check(page: Page, name: string, opts: { doubtsAllowed?: boolean } = {}): Promise<void> {
  await page
    .locator('.skeleton, [aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await screenshots(page, `lang-${name}`);
  for (const size of [
    { width: 800, height: 1280 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    expect(deniedLines(await visibleText(page), opts), `${name} at ${size.width}×${size.height}`).toEqual([]);
  }
}

async function visit(page: Page, path: string, heading: string | RegExp, name: string, opts: { doubtsAllowed?: boolean } = {}): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await check(page, name, opts);
}

const isoOf = (d: string): string => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`;

describe('the deny-list', () => {
  it('catches the English, the raw enums, the procedure ids, the ISO dates and the doubts the issue saw, and lets Vietnamese through', () => {
    for (const bad of [
      'Step A5 (Quyết định kiểm tra) is completed by LEGAL_OFFICER or TEAM_LEAD, not by INSPECTOR.',
      'Sai cấu trúc: Too small: expected string to have >=1 characters',
      'mime: text/plain is not accepted; send one of image/jpeg',
      'Failed to fetch',
      'CLOSED',
      'Quy trình: ins-inspection@1',
      'Ngày mở: 2026-11-25',
      '2026-11-25T03:00:00.000Z',
      'Điều 61(2) — 05 ngày làm việc (cần xác nhận)',
      'Công văn 12729/VPCP-KGVX [H6]',
    ])
      expect(deniedLines(bad), bad).not.toEqual([]);
    expect(deniedLines('Điều 61(2) (cần xác nhận)', { doubtsAllowed: true })).toEqual([]);
    for (const good of [
      'Bước Quyết định kiểm tra do Chi cục trưởng hoặc Đội trưởng thực hiện, không phải Kiểm soát viên.',
      'Mã lỗi ROLE_NOT_ALLOWED',
      'Đã kết thúc · 25/11/2026 08:30',
      'Kiểm tra việc chấp hành pháp luật, phiên bản 1',
      'inspection/nb1a2b3c/2026/0001',
      'Ảnh JPEG, PNG hoặc PDF; tối đa 50 MB',
    ])
      expect(deniedLines(good), good).toEqual([]);
  });
});

describe('the Vietnamese screens in a browser', () => {
  let app: TRunningApp;
  let openCase: string;
  let doneCase: string;

  beforeAll(async () => {
    app = await startBrowserApp();
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  async function as(username: string): Promise<{ page: Page; watch: TPageWatch; close: () => Promise<void> }> {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, username);
    return {
      page,
      watch,
      close: async () => {
        watch.assertClean();
        await context.close();
      },
    };
  }

  it('shows a team lead the inbox, the cases, a case with a step done and one open, supervision and the registry in Vietnamese words', async () => {
    const { page, close } = await as('doitruong.cuong');
    openCase = String((await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Cơ sở kinh doanh Hoàng Long' })).body.caseId);
    doneCase = String((await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Cửa hàng điện máy Phúc Lộc' })).body.caseId);
    const decision = {
      decisionDate: isoOf(todayVi()),
      signedBy: 'Lê Văn Cường',
      form: 'PLANNED',
      planRef: 'KH 02/2026',
      businessName: 'Điện máy Phúc Lộc',
      address: 'Phường Hoa Lư',
      content: 'Nguồn gốc hàng hóa',
    };
    expect((await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(doneCase)}/steps/A5/complete`, { outcome: 'ISSUED', data: decision })).status).toBe(200);
    await check(page, 'lead-inbox');
    await visit(page, '/cases', 'Vụ việc', 'lead-cases');
    await visit(page, `/cases/${doneCase}`, 'Cửa hàng điện máy Phúc Lộc', 'lead-case-done-and-open');
    await page.locator('[data-testid="timeline-item"][data-step="A5"]').waitFor();
    await visit(page, '/cases?status=CLOSED', 'Vụ việc', 'lead-cases-closed');
    await visit(page, '/supervision', /Giám sát|Điều hành/, 'lead-supervision');
    await visit(page, '/registry', /.+/, 'lead-registry');
    await page.getByTestId('business-row').first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'lead-business');
    await close();
  });

  it('words the wrong role, a form problem and an unreachable server in Vietnamese for an inspector, and keeps what was typed', async () => {
    const { page, watch, close } = await as('kiemsoat.an');
    watch.expect(/^POST \/api\/v1\/cases\/[^ ]+\/steps\/A5\/complete 403$/);
    await check(page, 'inspector-inbox');
    await page.goto(`/cases/${openCase}`);
    const a5 = page.locator('[data-testid="open-step"][data-step="A5"]');
    await a5.getByTestId('not-your-role').waitFor();
    await a5.getByLabel('Ngày quyết định').fill(todayVi());
    await a5.getByLabel('Người ký').fill('Nguyễn Văn An');
    await a5.getByLabel('Hình thức kiểm tra').selectOption({ label: 'Theo kế hoạch (định kỳ)' });
    await a5.getByLabel('Kế hoạch kiểm tra').fill('KH 01/KH-QLTT ngày 05/01');
    await a5.getByLabel('Tên cơ sở được kiểm tra').fill('Cơ sở kinh doanh Hoàng Long');
    await a5.getByLabel('Địa chỉ').fill('Tam Điệp, Ninh Bình');
    await a5.getByLabel('Nội dung kiểm tra').fill('Hàng giả');
    await a5.getByLabel('Mã số thuế').fill('01012345');
    await expect(a5.getByTestId('field-error').first().textContent()).resolves.toBe('Không đúng định dạng.');
    await a5.getByLabel('Mã số thuế').fill('');
    await a5.getByRole('button', { name: 'Hoàn thành bước' }).click();
    const refusal = a5.getByTestId('server-error');
    await refusal.waitFor();
    await expect(refusal.getByTestId('server-error-message').textContent()).resolves.toMatch(
      /^Bước Quyết định kiểm tra do (Chi cục trưởng|Đội trưởng) hoặc (Chi cục trưởng|Đội trưởng) thực hiện, không phải Kiểm soát viên\.$/,
    );
    await check(page, 'inspector-refused-wrong-role');

    // The connection gone: the action says the server cannot be reached, and the form keeps its text.
    watch.expectFailures(/^POST \/api\/v1\/cases\/[^ ]+\/steps\/A5\/complete$/);
    await page.context().setOffline(true);
    await a5.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await refusal.filter({ hasText: 'Không kết nối được với máy chủ' }).waitFor();
    await expect(refusal.textContent()).resolves.toContain('Những gì bạn đã nhập vẫn còn nguyên.');
    await expect(a5.getByLabel('Kế hoạch kiểm tra').inputValue()).resolves.toBe('KH 01/KH-QLTT ngày 05/01');
    await expect(a5.getByLabel('Người ký').inputValue()).resolves.toBe('Nguyễn Văn An');
    await check(page, 'inspector-offline');
    await page.context().setOffline(false);
    await visit(page, `/cases/${doneCase}`, 'Cửa hàng điện máy Phúc Lộc', 'inspector-case');
    await close();
  });

  it('refuses a text file as evidence in Vietnamese, without offering to send it again', async () => {
    const { page, watch, close } = await as('kiemsoat.an');
    watch.expect(/^(POST|PUT|PATCH) \/api\/v1\/evidence[^ ]* 415$/);
    const paper = String((await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-paper-file', title: 'Hồ sơ giấy số 12/2026' })).body.caseId);
    await page.goto(`/cases/${paper}`);
    const p1 = page.locator('[data-testid="open-step"][data-step="P1"]');
    await p1
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('ghi chú') });
    const upload = p1.locator('[data-testid="upload"][data-phase="failed"]');
    await upload.waitFor();
    await expect(upload.textContent()).resolves.toContain('Loại tệp này không được nhận');
    await expect(upload.getByRole('button', { name: /Gửi tiếp/ }).count()).resolves.toBe(0);
    await check(page, 'inspector-upload-refused');
    await close();
  });

  // One test per officer: each visits six or eight screens and checks every word on them.
  it.each([
    ['the legal officer', 'phapche.lan', 'legal'],
    ['the director', 'chicuctruong.hai', 'director'],
  ] as const)('shows %s (%s) their screens in Vietnamese words', async (_who, user, name) => {
    const { page, close } = await as(user);
    await check(page, `${name}-inbox`);
    await visit(page, '/cases', 'Vụ việc', `${name}-cases`);
    await visit(page, `/cases/${doneCase}`, 'Cửa hàng điện máy Phúc Lộc', `${name}-case`);
    await visit(page, '/supervision', /Giám sát|Điều hành/, `${name}-supervision`);
    if (name === 'director') {
      await visit(page, '/supervision/load', /.+/, `${name}-load`);
      await visit(page, '/campaigns', /Kế hoạch/, `${name}-campaigns`);
      await visit(page, `/campaigns/${DEMO_CAMPAIGN_ID}`, /.+/, `${name}-campaign`);
    }
    await close();
  });

  it('shows the admin the configuration in Vietnamese words, with the doubts only on the legal parameters, the calendar and the catalogue', async () => {
    const { page, close } = await as('quantri.minh');
    await check(page, 'admin-inbox');
    await visit(page, '/admin/procedures', /.+/, 'admin-procedures');
    // The catalogue's rows to confirm are the admin's to check, like the legal parameters.
    await visit(page, '/admin/violations', /.+/, 'admin-violations', { doubtsAllowed: true });
    await visit(page, '/admin/people', /.+/, 'admin-people');
    await visit(page, '/admin/legal-parameters', /.+/, 'admin-legal-parameters', { doubtsAllowed: true });
    await visit(page, '/admin/calendar', /.+/, 'admin-calendar', { doubtsAllowed: true });
    await visit(page, '/admin/site', /.+/, 'admin-site');
    await visit(page, '/registry', /.+/, 'admin-registry');
    await close();
  });
});
