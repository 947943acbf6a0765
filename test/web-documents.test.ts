/**
 * The papers of a case in a browser (issue 17, docs/documents.md): a penalty case on the version
 * whose steps issue their papers is taken through the API to the decision (B6); the director opens
 * it, fills B6's form, previews the draft (a PDF with no number and "DỰ THẢO" across it), completes
 * the step, sees the decision in the case's Documents with the number the unit's register gave it,
 * downloads it — the very bytes whose SHA-256 the case lists and the copy button copies — and the
 * verification page knows it. An officer not allowed to draft is told why in Vietnamese. In English
 * on a 10-inch tablet the section reads as well. Screenshots of each.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSigningIdentity } from '../lib/documents/test-ca.js';
import { call, newPage, screenshots, screenshotsAt, signIn, startBrowserApp, todayVi, type TRunningApp } from './browser.js';
import { pdfText } from './pdf-tools.js';
import { breakTemplates } from './template-support.js';

let app: TRunningApp;
const VI = JSON.parse(readFileSync(new URL('../web/src/locales/vi.json', import.meta.url), 'utf8')) as { errors: { codes: Record<string, string> } };

beforeAll(async () => {
  // Decisions signed with the test CA's certificate, as a unit's would be.
  const { p12, passphrase, commonName } = testSigningIdentity();
  const signer = { p12, passphrase, commonName, notAfter: new Date(Date.now() + 365 * 86_400_000) };
  app = await startBrowserApp({ documents: { publicBaseUrl: 'https://ins.example.gov.vn', signer } });
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const cardOf = (page: Page, stepId: string): Locator => page.locator(`[data-testid="open-step"][data-step="${stepId}"]`);
const paperOf = (page: Page, type: string): Locator => page.locator(`[data-testid="case-document"][data-type="${type}"]`);

interface TListed {
  id: string;
  type: string;
  number: string;
  sha256: string;
  signed: boolean;
  caseId: string;
}

/** The case's papers as the API lists them to `page`'s user. */
async function listed(page: Page, caseId: string): Promise<{ documents: TListed[]; toCome: { stepId: string; type: string }[] }> {
  const r = await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/documents`);
  expect(r.status).toBe(200);
  return r.body as never;
}

/** A signed-in page for a demo user. */
async function as(username: string, options: Parameters<typeof newPage>[1] = {}) {
  const p = await newPage(app, options);
  await signIn(p.page, p.watch, username);
  return p;
}

/** A penalty case opened by the team lead, its record made (B1, which issues the violation record) and reviewed (B3): B6 is open. */
async function caseAtDecision(title: string): Promise<string> {
  const lead = await as('doitruong.cuong');
  const inspector = await as('kiemsoat.an');
  const legal = await as('phapche.lan');
  const opened = await call(lead.page, 'POST', '/api/v1/cases', { procedureId: 'ins-penalty', title });
  expect(opened.status).toBe(201);
  const caseId = String(opened.body.caseId);
  const steps = `/api/v1/cases/${encodeURIComponent(caseId)}/steps`;
  // The record's number is the register's: no `recordNo` in the form of this version.
  const record = {
    recordedAt: TODAY,
    place: 'Cửa hàng Minh An, phường Hoa Lư',
    recorder: 'Nguyễn Văn An, Kiểm soát viên thị trường',
    violatorName: 'Nguyễn Thị Phương',
    offenderType: 'INDIVIDUAL',
    violationDate: TODAY,
    violationPlace: 'Phường Hoa Lư, Ninh Bình',
    acts: [{ violation: 'ND98/2020:17.1.c', description: 'Bán hàng hóa không rõ nguồn gốc, xuất xứ' }],
    violatorSigned: true,
  };
  expect((await call(inspector.page, 'POST', `${steps}/B1/complete`, { outcome: 'RECORDED', data: record })).status).toBe(200);
  expect((await call(legal.page, 'POST', `${steps}/B3/complete`, { outcome: 'NO_EXPLANATION_RIGHT', data: {} })).status).toBe(200);
  for (const p of [lead, inspector, legal]) {
    p.watch.assertClean();
    await p.context.close();
  }
  return caseId;
}

describe('the papers of a case, in a browser', () => {
  let caseId = '';
  let decision: TListed;

  it('a director previews the draft of the decision, issues it by completing the step, finds it numbered in the case and downloads the very file listed', async () => {
    caseId = await caseAtDecision('Cửa hàng Minh An — xử phạt');
    const { context, page, watch } = await as('chicuctruong.hai');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/cases/${caseId}`);
    const b6 = cardOf(page, 'B6');
    await b6.waitFor();

    // Before: the violation record B1 issued, and the decision B6 will issue.
    const section = page.getByTestId('case-documents');
    await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Văn bản');
    await expect(paperOf(page, 'VIOLATION_RECORD').getByTestId('document-number').textContent()).resolves.toMatch(/^Số: \d+\/BB-VPHC$/);
    await expect(section.locator('[data-testid="paper-to-come"][data-step="B6"][data-type="SANCTION_DECISION"]').textContent()).resolves.toContain('Quyết định');

    // The form has no number to type; it says the system gives it.
    expect(await b6.getByLabel('Số quyết định').count()).toBe(0);
    await expect(b6.getByTestId('issues-papers').textContent()).resolves.toBe('Hoàn thành bước này sẽ ban hành văn bản; số văn bản do hệ thống cấp.');
    await b6.getByLabel('Ngày quyết định').fill(todayVi());
    await b6.getByLabel('Người ký').fill('Hoàng Văn Hải');
    await b6.getByLabel('Hình thức xử phạt chính').selectOption({ label: 'Phạt tiền' });
    await b6.getByTestId('calc-apply').click();
    const fine = await b6.getByLabel('Số tiền phạt').inputValue();
    expect(fine).toMatch(/^[\d.]+$/);
    await b6.getByRole('radio', { name: 'Đã ra quyết định xử phạt', exact: true }).check();

    // The draft: the form as it stands, rendered by the server, opened in a new tab. Its bytes are
    // taken on the way (Chromium does not keep the body of a response the page read as a blob).
    const draft = b6.locator('[data-testid="paper-draft"][data-type="SANCTION_DECISION"]');
    let draftPdf: Buffer = Buffer.alloc(0);
    await page.route('**/steps/B6/documents/SANCTION_DECISION/preview', async (route) => {
      const served = await route.fetch();
      draftPdf = await served.body();
      await route.fulfill({ response: served });
    });
    const [response, tab] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/steps/B6/documents/SANCTION_DECISION/preview')),
      context.waitForEvent('page'),
      draft.getByRole('button', { name: 'Xem trước bản dự thảo' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(draftPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const draftText = await pdfText(draftPdf);
    expect(draftText).toContain('DỰ THẢO');
    expect(draftText).toContain('Nguyễn Thị Phương');
    expect(draftText).toContain(fine);
    // The request carried the form's values and the outcome, and no Idempotency-Key (a preview records nothing).
    const sent = response.request().postDataJSON() as { outcome?: string; data: Record<string, unknown> };
    expect(sent).toMatchObject({ outcome: 'DECIDED', data: { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: Number(fine.replace(/\./g, '')) } });
    expect(response.request().headers()['idempotency-key']).toBeUndefined();
    expect(response.request().headers()['x-csrf-token']).toMatch(/./);
    // The tab shows the very draft: its blob is the PDF the server sent.
    expect(tab.url()).toMatch(/^blob:/);
    await tab.close();
    await draft.getByTestId('draft-ready').waitFor();
    await screenshots(page, 'documents-01-draft-previewed');

    // Issued by completing the step: numbered by the register, listed with its number.
    await b6.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await page.locator('[data-testid="timeline-item"][data-step="B6"]').waitFor();
    const paper = paperOf(page, 'SANCTION_DECISION');
    await paper.waitFor();
    const api = await listed(page, caseId);
    decision = api.documents.find((d) => d.type === 'SANCTION_DECISION')!;
    expect(decision.number).toMatch(/^\d+\/QĐ-XPHC$/);
    expect(decision.signed).toBe(true);
    expect(api.toCome.some((p) => p.stepId === 'B6')).toBe(false);
    await expect(paper.getByTestId('document-number').textContent()).resolves.toBe(`Số: ${decision.number}`);
    await expect(paper.getByTestId('document-signed').textContent()).resolves.toBe('Đã ký số');
    await expect(paper.getByTestId('document-status').textContent()).resolves.toBe('Đã ban hành');
    await expect(paper.getByTestId('document-sha256').getAttribute('data-sha256')).resolves.toBe(decision.sha256);
    // The number went into the step's record too, named as what it is (no form field holds it).
    const b6Done = page.locator('[data-testid="timeline-item"][data-step="B6"]');
    await expect(b6Done.textContent()).resolves.toContain(`Số văn bản (do hệ thống cấp)${decision.number}`);
    await expect(b6Done.textContent()).resolves.not.toContain('decisionNo');
    // B6's paper no longer "to come".
    expect(await page.locator('[data-testid="paper-to-come"][data-step="B6"]').count()).toBe(0);

    // The hash's copy button copies the whole hash.
    await paper.getByRole('button', { name: 'Sao chép' }).click();
    await paper.getByRole('button', { name: 'Đã sao chép' }).waitFor();
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(decision.sha256);

    // Downloaded: the very bytes the case lists.
    const [download] = await Promise.all([page.waitForEvent('download'), paper.getByTestId('document-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^QD-XPHC_\d+-\d{4}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(bytes)).toBe(decision.sha256);
    const issuedText = await pdfText(bytes);
    expect(issuedText).toContain(decision.number);
    expect(issuedText).not.toContain('DỰ THẢO');
    await screenshots(page, 'documents-02-decision-issued');

    // Its verification page, public, names it by its number.
    const href = await paper.getByTestId('document-verify').getAttribute('href');
    expect(href).toBe(`/xac-thuc/${decision.id}`);
    const verify = await newPage(app);
    await verify.page.goto(href!);
    await expect(verify.page.locator('body').textContent()).resolves.toContain(decision.number);
    await expect(verify.page.locator('body').textContent()).resolves.toContain(decision.sha256);
    verify.watch.assertClean();
    await verify.context.close();

    // A mistake found later: the director corrects it — a new decision that refers to it; the decision itself stays as issued.
    await paper.getByTestId('document-correct').locator('summary').click();
    await paper.getByLabel('Lý do').fill('Ghi nhầm địa điểm vi phạm');
    await paper.getByLabel('Nội dung đính chính hoặc thay thế').fill('Địa điểm xảy ra vi phạm là: Chợ Rồng, phường Hoa Lư.');
    await paper.getByRole('button', { name: 'Ban hành quyết định đính chính' }).click();
    const fixing = page.locator('[data-testid="case-document"][data-type="CORRECTION_DECISION"]');
    await fixing.waitFor();
    await expect(fixing.getByTestId('document-number').textContent()).resolves.toBe('Số: 01/QĐ-ĐC');
    await expect(fixing.textContent()).resolves.toContain(`Đính chính, thay thế văn bản số ${decision.number}`);
    await expect(paper.getByTestId('document-status').textContent()).resolves.toBe('Đã được đính chính');
    await expect(paper.getByTestId('document-sha256').getAttribute('data-sha256')).resolves.toBe(decision.sha256);
    expect(await paper.getByTestId('document-correct').count()).toBe(0);
    await screenshots(page, 'documents-06-decision-corrected');

    watch.assertClean();
    await context.close();
  });

  it('tells an officer whose role may not draft the paper why, in Vietnamese', async () => {
    const other = await caseAtDecision('Hộ kinh doanh Lê Thị Hoa — xử phạt');
    const { context, page, watch } = await as('kiemsoat.an');
    watch.expect(/^POST \/api\/v1\/cases\/[^ ]+\/steps\/B6\/documents\/SANCTION_DECISION\/preview 403$/);
    await page.goto(`/cases/${other}`);
    const b6 = cardOf(page, 'B6');
    await b6.waitFor();
    const draft = b6.locator('[data-testid="paper-draft"][data-type="SANCTION_DECISION"]');
    await draft.getByRole('button', { name: 'Xem trước bản dự thảo' }).click();
    const error = draft.getByTestId('server-error');
    await error.waitFor();
    await expect(error.getAttribute('data-code')).resolves.toBe('ROLE_NOT_ALLOWED');
    const words = (await error.textContent()) ?? '';
    expect(words).toContain(VI.errors.codes.ROLE_NOT_ALLOWED);
    expect(words).not.toMatch(/\bOnly\b|\bmay draft\b/);
    expect(await draft.getByTestId('draft-ready').count()).toBe(0);
    await screenshots(page, 'documents-03-preview-refused');
    watch.assertClean();
    await context.close();
  });

  it('lists on an inspection’s page the papers of the penalty case it opened, saying which case, each downloadable from there', async () => {
    const { context, page, watch } = await as('doitruong.cuong');
    // The penalty case is opened by the workflow a moment after the inspection's last step.
    watch.expect(/^GET \/api\/v1\/cases\/[^ ]+%2FA10P 404$/);
    const opened = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Cửa hàng điện máy Quang Minh — kiểm tra' });
    expect(opened.status).toBe(201);
    const inspection = String(opened.body.caseId);
    const steps = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}/steps`;
    const ok = async (caseId: string, stepId: string, outcome: string, data: Record<string, unknown>) =>
      expect((await call(page, 'POST', `${steps(caseId)}/${stepId}/complete`, { outcome, data })).status).toBe(200);
    // The decision's and the record's numbers are the register's: none in the data.
    await ok(inspection, 'A5', 'ISSUED', {
      decisionDate: TODAY,
      signedBy: 'Lê Văn Cường',
      form: 'AD_HOC',
      adHocGround: 'VERIFIED_TIP',
      businessName: 'Cửa hàng điện máy Quang Minh',
      address: 'Hoa Lư, Ninh Bình',
      content: 'Nguồn gốc hàng hóa',
    });
    await ok(inspection, 'A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-0101' }], workLogEntry: 'Sổ 03, trang 14' });
    await ok(inspection, 'A7', 'ANNOUNCED', { announcedAt: TODAY, partyRepresentative: 'Trần Văn Minh (chủ cơ sở)' });
    const photo = await page.evaluate(
      async ({ bytes }) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const res = await fetch('/api/v1/evidence', {
          method: 'POST',
          headers: { 'content-type': 'image/png', 'x-file-name': 'anh-hien-truong.png', 'x-csrf-token': me.csrfToken },
          body: Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)),
        });
        const out = (await res.json()) as { sha256: string; size: number; mime: string };
        return { sha256: out.sha256, name: 'anh-hien-truong.png', size: out.size, mime: out.mime };
      },
      { bytes: PNG.toString('base64') },
    );
    await ok(inspection, 'A8', 'INSPECTED', { findings: 'Bày bán 30 nồi cơm điện không có hóa đơn, chứng từ.', evidence: [photo] });
    await ok(inspection, 'A9', 'VIOLATION', { recordedOn: TODAY, partySigned: true });
    const penalty = `${inspection}/A10P`;
    await expect.poll(async () => (await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(penalty)}`)).status, { timeout: 20_000 }).toBe(200);
    await ok(penalty, 'B1', 'RECORDED', {
      recordedAt: TODAY,
      place: 'Hoa Lư, Ninh Bình',
      recorder: 'Lê Văn Cường, Đội trưởng',
      violatorName: 'Cửa hàng điện máy Quang Minh',
      offenderType: 'INDIVIDUAL',
      violationDate: TODAY,
      violationPlace: 'Hoa Lư, Ninh Bình',
      acts: [{ violation: 'ND98/2020:17.1.c', description: 'Bán hàng hóa không rõ nguồn gốc, xuất xứ' }],
      violatorSigned: true,
    });

    await page.goto(`/cases/${inspection}`);
    const section = page.getByTestId('case-documents');
    await section.waitFor();
    const api = await listed(page, inspection);
    expect(api.documents.map((d) => [d.type, d.caseId])).toEqual([
      ['INSPECTION_DECISION', inspection],
      ['INSPECTION_RECORD', inspection],
      ['VIOLATION_RECORD', penalty],
    ]);
    // The inspection's own papers name no case; the penalty case's says which, with a link to it.
    for (const type of ['INSPECTION_DECISION', 'INSPECTION_RECORD']) {
      await expect(paperOf(page, type).getByTestId('document-number').textContent()).resolves.toMatch(/^Số: \d+\/(QĐ|BB)-KT$/);
      expect(await paperOf(page, type).getByTestId('document-case').count()).toBe(0);
    }
    const child = paperOf(page, 'VIOLATION_RECORD');
    await expect(child.getAttribute('data-case')).resolves.toBe(penalty);
    await expect(child.getByTestId('document-case').textContent()).resolves.toBe(`Của vụ việc ${penalty}`);
    await screenshots(page, 'documents-04-sub-case');
    // Downloaded from the inspection's page: the penalty case's paper, as listed.
    const record = api.documents.find((d) => d.type === 'VIOLATION_RECORD')!;
    const [download] = await Promise.all([page.waitForEvent('download'), child.getByTestId('document-download').click()]);
    expect(sha256(await readFile((await download.path())!))).toBe(record.sha256);
    await child.getByTestId('document-case').getByRole('link', { name: penalty }).click();
    await page.waitForURL(new RegExp(`/cases/${inspection}/A10P$`));
    await expect(paperOf(page, 'VIOLATION_RECORD').getByTestId('document-number').textContent()).resolves.toBe(`Số: ${record.number}`);
    watch.assertClean();
    await context.close();
  });

  it('shows the case’s papers in English on a 10-inch tablet', async () => {
    expect(decision, 'the decision issued by the first test').toBeDefined();
    const tablet = { width: 800, height: 1280 };
    const { context, page, watch } = await as('chicuctruong.hai', { viewport: tablet, hasTouch: true });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`/cases/${caseId}`);
    const section = page.getByTestId('case-documents');
    await section.getByRole('heading', { level: 2, name: 'Documents' }).waitFor();
    const paper = paperOf(page, 'SANCTION_DECISION');
    await expect(paper.getByTestId('document-number').textContent()).resolves.toBe(`No. ${decision.number}`);
    await expect(paper.getByTestId('document-signed').textContent()).resolves.toBe('Digitally signed');
    await expect(paper.getByTestId('document-download').textContent()).resolves.toMatch(/^Download/);
    // The section fits the tablet's width: nothing in it runs past the page.
    const overflow = await page.evaluate<boolean>(`(() => { const el = document.querySelector('[data-testid="case-documents"]'); return el.scrollWidth > el.clientWidth + 1; })()`);
    expect(overflow).toBe(false);
    await screenshotsAt(page, 'documents-05-tablet-en', [tablet]);
    watch.assertClean();
    await context.close();
  });

  it('says on the case page, in words, a paper a completed step could not issue, and issues it again once mended (ADR 0191, 0196)', async () => {
    const db = app.database.db;
    const { context, page, watch } = await as('chicuctruong.hai', { viewport: { width: 800, height: 1280 }, hasTouch: true });
    // Every inspection decision template in force stops validating: a defect only the issuing path finds.
    const mend = await breakTemplates(db, 'INSPECTION_DECISION');
    try {
      const lead = await as('doitruong.cuong');
      const opened = await call(lead.page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Cửa hàng Minh Khai — kiểm tra' });
      expect(opened.status).toBe(201);
      const caseId = String(opened.body.caseId);
      await lead.context.close();
      const a5 = {
        decisionDate: TODAY,
        signedBy: 'Hoàng Văn Hải',
        form: 'AD_HOC',
        adHocGround: 'VERIFIED_TIP',
        businessName: 'Cửa hàng Minh Khai',
        address: 'Phường Hoa Lư',
        content: 'Kiểm tra niêm yết giá',
      };
      const done = await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(caseId)}/steps/A5/complete`, { outcome: 'ISSUED', data: a5 });
      expect(done.status, JSON.stringify(done.body)).toBe(200);

      await page.goto(`/cases/${caseId}`);
      const notice = page.getByTestId('papers-not-issued');
      await expect(notice.getByRole('strong').or(notice.locator('strong')).first().textContent()).resolves.toBe('Có giấy tờ chưa phát hành được');
      const item = notice.locator('[data-testid="paper-not-issued"][data-step="A5"][data-type="INSPECTION_DECISION"]');
      await expect(item.textContent()).resolves.toMatch(
        /^Quyết định kiểm tra việc chấp hành pháp luật \(bước A5 Quyết định kiểm tra, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\): INS không phát hành được giấy tờ này; vụ việc vẫn tiếp tục mà chưa có nó\. Lý do kỹ thuật: .*does not validate/,
      );
      await expect(notice.textContent()).resolves.toContain('Quản trị hệ thống của đơn vị đã được thông báo');
      expect(await paperOf(page, 'INSPECTION_DECISION').count()).toBe(0);
      await screenshotsAt(page, 'documents-06-not-issued', [{ width: 800, height: 1280 }]);

      // Mended, the director whose paper it is issues it again from the case page.
      await mend();
      const again = item.getByTestId('paper-reissue');
      await expect(again.textContent()).resolves.toBe('Phát hành lại');
      await again.click();
      await paperOf(page, 'INSPECTION_DECISION').first().waitFor();
      await notice.waitFor({ state: 'detached' });
      await expect(paperOf(page, 'INSPECTION_DECISION').first().textContent()).resolves.toContain(todayVi());
      await screenshotsAt(page, 'documents-07-issued-again', [{ width: 800, height: 1280 }]);
      watch.assertClean();
    } finally {
      await mend();
      await context.close();
    }
  });

  it('a closed case still offers to issue its decision again, says it waits 90 days, and makes its case file again (ADR 0199)', async () => {
    const db = app.database.db;
    const mend = await breakTemplates(db, 'SANCTION_DECISION');
    const { context, page, watch } = await as('chicuctruong.hai', { viewport: { width: 800, height: 1280 }, hasTouch: true });
    try {
      const caseId = await caseAtDecision('Cửa hàng Minh An — đóng khi chưa có quyết định');
      const steps = `/api/v1/cases/${encodeURIComponent(caseId)}/steps`;
      const complete = async (p: Page, stepId: string, outcome: string, data: Record<string, unknown>) => {
        const r = await call(p, 'POST', `${steps}/${stepId}/complete`, { outcome, data });
        expect(r.status, `${stepId}: ${JSON.stringify(r.body)}`).toBe(200);
      };
      const lead = await as('doitruong.cuong');
      await complete(page, 'B6', 'DECIDED', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000 });
      await complete(lead.page, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });
      await complete(lead.page, 'B9', 'PAID', { receiptNo: 'BL-77', paidAmount: 400_000, paidDate: TODAY });
      await complete(page, 'B17', 'CLOSED', { nationalDbUpdated: true });
      await lead.context.close();

      await page.goto(`/cases/${caseId}`);
      const notice = page.getByTestId('papers-not-issued');
      const item = notice.locator('[data-testid="paper-not-issued"][data-step="B6"][data-type="SANCTION_DECISION"]');
      await item.waitFor();
      await expect(item.textContent()).resolves.toMatch(/^Quyết định xử phạt vi phạm hành chính \(bước B6 .*\): INS không phát hành được giấy tờ này; vụ việc đã đóng mà chưa có nó\./);
      await expect(notice.textContent()).resolves.toContain('Vụ việc đã đóng nhưng vẫn chờ các giấy tờ này trong 90 ngày kể từ ngày đóng');
      expect(await paperOf(page, 'CASE_FILE').count()).toBe(1);
      await screenshotsAt(page, 'documents-08-closed-not-issued', [{ width: 800, height: 1280 }]);

      await mend();
      await item.getByTestId('paper-reissue').click();
      await paperOf(page, 'SANCTION_DECISION').first().waitFor();
      await notice.waitFor({ state: 'detached' });
      // The case file made again, with the decision in it; the first one kept.
      await expect.poll(() => paperOf(page, 'CASE_FILE').count()).toBe(2);
      await screenshotsAt(page, 'documents-09-closed-issued-again', [{ width: 800, height: 1280 }]);
      watch.assertClean();
    } finally {
      await mend();
      await context.close();
    }
  });
});
