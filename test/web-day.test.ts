/**
 * An officer's whole day (issue 15), in a real browser, once in Vietnamese at 1280×800 and once in
 * English on a 10-inch tablet (800×1280): a team lead gives a case to an inspector; the inspector
 * finds it under "my tasks" and does the whole inspection without taking any step again; the
 * violation opens the penalty case, already the inspector's; the director finds the campaign
 * waiting in the inbox and the case by its decision number. Every label is read from the locale
 * files and the procedure definition in the run's language, so the English run fails on a
 * Vietnamese leftover the same way.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionProcedure } from '../domain/procedures/inspection.js';
import { penaltyProcedure } from '../domain/procedures/penalty.js';
import type { TField, TProcedureInput } from '../domain/procedure.js';
import { call, newPage, screenshots, signIn, startBrowserApp, todayVi, type TRunningApp } from './browser.js';

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

type TLang = 'vi' | 'en';
const LOCALES: Record<TLang, Record<string, unknown>> = {
  vi: JSON.parse(readFileSync(new URL('../web/src/locales/vi.json', import.meta.url), 'utf8')) as Record<string, unknown>,
  en: JSON.parse(readFileSync(new URL('../web/src/locales/en.json', import.meta.url), 'utf8')) as Record<string, unknown>,
};
const NOTIFICATIONS: Record<TLang, Record<string, unknown>> = {
  vi: JSON.parse(readFileSync(new URL('../web/src/locales/vi/notifications.json', import.meta.url), 'utf8')) as Record<string, unknown>,
  en: JSON.parse(readFileSync(new URL('../web/src/locales/en/notifications.json', import.meta.url), 'utf8')) as Record<string, unknown>,
};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The app's own words for `key` (dotted) in `lang` (in the notifications' namespace with `ns`), with `{{x}}` filled from `vars`. */
function tr(lang: TLang, key: string, vars: Record<string, string | number> = {}, ns: 'common' | 'notifications' = 'common'): string {
  const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], (ns === 'common' ? LOCALES : NOTIFICATIONS)[lang]);
  if (typeof value !== 'string') throw new Error(`no ${lang} text for ${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v]));
}

/** A step's field label and outcome title, as the procedure words them in `lang`. */
function words(def: TProcedureInput, lang: TLang) {
  const stepOf = (stepId: string) => def.steps.find((s) => s.id === stepId)!;
  return {
    field: (stepId: string, key: string): string => (stepOf(stepId).form!.fields as TField[]).find((f) => f.key === key)!.label[lang],
    outcome: (stepId: string, id: string): string => stepOf(stepId).outcomes.find((o) => o.id === id)!.title[lang],
  };
}

const cardOf = (page: Page, stepId: string): Locator => page.locator(`[data-testid="open-step"][data-step="${stepId}"]`);
const isoOf = (vi: string): string => `${vi.slice(6, 10)}-${vi.slice(3, 5)}-${vi.slice(0, 2)}`;

async function inLanguage(page: Page, lang: TLang): Promise<void> {
  if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(lang);
}

describe.each([
  { lang: 'vi' as const, viewport: { width: 1280, height: 800 }, device: 'desktop' },
  { lang: 'en' as const, viewport: { width: 800, height: 1280 }, device: 'tablet' },
])('an officer’s whole day ($lang, $device)', ({ lang, viewport }) => {
  const insp = words(inspectionProcedure(), lang);
  const pen = words(penaltyProcedure(), lang);
  const shot = (page: Page, n: string, what: string) => screenshots(page, `day-${lang}-${n}-${what}`);
  // The decision's number is the unit's register's (docs/documents.md): the Vietnamese run's case is the unit's first inspection decision, the English run's its second.
  const decisionNo = lang === 'vi' ? '01/QĐ-KT' : '02/QĐ-KT';
  let caseId = '';

  it('a lead gives a case to an inspector, who does the whole inspection without taking a step again; the penalty case is already theirs', async () => {
    const lead = await newPage(app, { viewport });
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    await inLanguage(lead.page, lang);
    // The case, decided and logged by the lead (the decision and the work log are the lead's steps).
    const business = lang === 'vi' ? 'Cửa hàng điện máy Quang Minh' : 'Quang Minh electronics store';
    const opened = await call(lead.page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: `${business} — kiểm tra` });
    expect(opened.status).toBe(201);
    caseId = String(opened.body.caseId);
    const steps = `/api/v1/cases/${encodeURIComponent(caseId)}/steps`;
    const today = isoOf(todayVi());
    const a5 = {
      decisionDate: today,
      signedBy: 'Lê Văn Cường',
      form: 'AD_HOC',
      adHocGround: 'VERIFIED_TIP',
      businessName: business,
      address: 'Hoa Lư, Ninh Bình',
      content: 'Nguồn gốc hàng hóa',
    };
    expect((await call(lead.page, 'POST', `${steps}/A5/complete`, { outcome: 'ISSUED', data: a5 })).status).toBe(200);
    const a6 = { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-0101' }], workLogEntry: 'Sổ 03, trang 14' };
    expect((await call(lead.page, 'POST', `${steps}/A6/complete`, { outcome: 'LOGGED', data: a6 })).status).toBe(200);

    // "Assign the case": the lead gives it to Nguyễn Văn An from the case page.
    await lead.page.goto(`/cases/${caseId}`);
    const inCharge = lead.page.getByTestId('case-assignee');
    await expect(inCharge.textContent()).resolves.toContain(tr(lang, 'assignCase.none'));
    await inCharge.getByRole('button', { name: tr(lang, 'assignCase.action') }).click();
    await lead.page.getByLabel(tr(lang, 'assignCase.to')).selectOption({ label: 'Nguyễn Văn An' });
    await shot(lead.page, '01', 'assign-case');
    await lead.page
      .locator('#assign-case-panel')
      .getByRole('button', { name: tr(lang, 'assignCase.submit') })
      .click();
    await lead.page
      .getByTestId('case-status-line')
      .filter({ hasText: tr(lang, 'assignCase.done', { name: 'Nguyễn Văn An' }) })
      .waitFor();
    await expect.poll(() => inCharge.textContent()).toContain('Nguyễn Văn An');
    lead.watch.assertClean();
    await lead.context.close();

    // The inspector's inbox: the announcement (A7) is under "my tasks".
    const { context, page, watch } = await newPage(app, { viewport });
    await signIn(page, watch, 'kiemsoat.an');
    await inLanguage(page, lang);
    // The lead's assignment reached the inspector: the bell counts it, the centre words it in the reader's language.
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).not.toBe(tr(lang, 'bell', {}, 'notifications'));
    await bell.click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'title', {}, 'notifications') }).waitFor();
    const told = page.locator(`[data-testid="notification"][data-kind="CASE_ASSIGNED"][data-case="${caseId}"]`);
    await expect.poll(() => told.textContent()).toContain(tr(lang, 'kinds.CASE_ASSIGNED', { title: `${business} — kiểm tra` }, 'notifications'));
    await shot(page, '02a', 'notification');
    await page.getByRole('link', { name: tr(lang, 'nav.inbox'), exact: true }).click();
    await page.getByRole('button', { name: tr(lang, 'inbox.mine') }).click();
    const task = page.locator(`[data-testid="task"][data-case="${caseId}"][data-step="A7"]`);
    await task.waitFor();
    await shot(page, '02', 'inbox-mine');
    await task.getByRole('link', { name: tr(lang, 'inbox.openCase', { id: caseId }) }).click();

    const submit = tr(lang, 'form.submit');
    const take = tr(lang, 'actions.claim');
    /** Each step is already the inspector's when it opens: no "take" to press; then completed. */
    const complete = async (stepId: string, outcome: string, fill: (card: Locator) => Promise<void>): Promise<void> => {
      const card = cardOf(page, stepId);
      await card.waitFor();
      await expect(card.getByTestId('assignee').textContent()).resolves.toBe('Nguyễn Văn An');
      expect(await card.getByRole('button', { name: take, exact: true }).count()).toBe(0);
      await fill(card);
      await card.getByRole('radio', { name: outcome, exact: true }).check();
      await card.getByRole('button', { name: submit }).click();
      await page.locator(`[data-testid="timeline-item"][data-step="${stepId}"]`).waitFor();
      await card.waitFor({ state: 'detached' });
    };
    await complete('A7', insp.outcome('A7', 'ANNOUNCED'), async (c) => {
      await c.getByLabel(insp.field('A7', 'announcedAt')).fill(todayVi());
      await c.getByLabel(insp.field('A7', 'partyRepresentative')).fill('Trần Văn Minh (chủ cơ sở)');
    });
    await complete('A8', insp.outcome('A8', 'INSPECTED'), async (c) => {
      await c.getByLabel(insp.field('A8', 'findings')).fill('Bày bán 30 nồi cơm điện không có hóa đơn, chứng từ.');
      await c.locator('input[type="file"]').setInputFiles({ name: 'anh-hien-truong.png', mimeType: 'image/png', buffer: PNG });
      await c.getByRole('link', { name: 'anh-hien-truong.png' }).waitFor();
      await shot(page, '03', 'inspection-a8');
    });
    await complete('A9', insp.outcome('A9', 'VIOLATION'), async (c) => {
      await c.getByLabel(insp.field('A9', 'partySigned')).check();
    });

    // The penalty case opened by the violation is the inspector's already: its violation record waits for them.
    const a10 = cardOf(page, 'A10P');
    await a10.getByRole('link', { name: `${caseId}/A10P` }).click();
    await page.waitForURL(new RegExp(`/cases/${caseId}/A10P$`));
    const b1 = cardOf(page, 'B1');
    await b1.waitFor();
    await expect(b1.getByTestId('assignee').textContent()).resolves.toBe('Nguyễn Văn An');
    expect(await b1.getByRole('button', { name: take, exact: true }).count()).toBe(0);
    await expect(page.getByTestId('case-assignee').textContent()).resolves.toContain('Nguyễn Văn An');
    await b1.getByLabel(pen.field('B1', 'recordedAt')).waitFor();
    // The record starts from what the inspection recorded (docs/adr/0116): the business, its address, the photo, each saying where from.
    const violator = page.getByLabel(new RegExp(`^${pen.field('B1', 'violatorName').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    await expect(b1.locator(violator).inputValue()).resolves.toBe(business);
    await expect(b1.getByLabel(pen.field('B1', 'violationPlace')).inputValue()).resolves.toBe('Hoa Lư, Ninh Bình');
    await expect(b1.locator('.field', { has: violator }).getByTestId('prefill-source').textContent()).resolves.toBe(
      tr(lang, 'prefill.parent', { step: inspectionProcedure().steps.find((s) => s.id === 'A5')!.title[lang], stepId: 'A5' }),
    );
    await b1.getByRole('link', { name: 'anh-hien-truong.png' }).waitFor();
    await shot(page, '04', 'penalty-record');
    watch.assertClean();
    await context.close();
  });

  it('the director sees the campaign waiting for approval in the inbox, and finds the case by its decision number', async () => {
    const { context, page, watch } = await newPage(app, { viewport });
    await signIn(page, watch, 'chicuctruong.hai');
    await inLanguage(page, lang);
    const approvals = page.locator('[data-testid="approvals"][aria-busy="false"]');
    await approvals.waitFor();
    await expect(approvals.getByRole('heading').textContent()).resolves.toBe(tr(lang, lang === 'vi' ? 'inbox.approvals.title_other' : 'inbox.approvals.title_one', { count: 1 }));
    await expect(approvals.locator('[data-testid="approval"][data-kind="CAMPAIGN_VERSION"]').textContent()).resolves.toContain('Tết Nguyên đán Đinh Mùi 2027');
    await shot(page, '05', 'director-inbox');

    await page.getByRole('link', { name: tr(lang, 'nav.cases'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'nav.cases') }).waitFor();
    await page.getByLabel(tr(lang, 'cases.search')).fill(decisionNo);
    const rows = page.getByTestId('case-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().getAttribute('data-case')).resolves.toBe(caseId);
    await shot(page, '06', 'search-decision');
    watch.assertClean();
    await context.close();
  });
});
