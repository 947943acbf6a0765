/**
 * The public verification of a paper INS issued (issue 17, docs/documents.md): the QR code on every
 * page opens `/xac-thuc/<id>`, which shows the paper's number, date, issuing agency, status and the
 * SHA-256 of the file as issued — never the paper itself (only the case's officers and, through the
 * lookup, its party see that). Anyone holding a copy can send it to the same address: the page says
 * whether it is byte for byte the issued file. Rendered like the other public pages (docs/adr/0122).
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Db } from '../../db/database.js';
import { correctionOf, documentById, unitAsOf, type TDocumentRow } from '../../db/repositories/documents.js';
import { DOCUMENT_TYPE_INFO } from '../../domain/documents/catalogue.js';
import type { TAppEnv } from '../auth.js';
import type { TPublicLang } from './messages.js';
import { day, langOf, layout, withLang, type THtml } from './pages.js';

/** The largest copy the page takes to compare: the papers INS issues are well under 1 MB. */
export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;
export const VERIFY_PATH = /^\/xac-thuc\/[a-z2-9]{16}$/;

const WORDS = {
  vi: {
    title: 'Xác thực văn bản',
    notFound: 'Không có văn bản nào với mã xác thực này. Hãy kiểm tra lại đường dẫn hoặc mã QR.',
    number: 'Số, ký hiệu',
    kind: 'Loại văn bản',
    date: 'Ngày ban hành',
    agency: 'Cơ quan ban hành',
    status: 'Tình trạng',
    ISSUED: 'Đã ban hành, có hiệu lực như đã ban hành',
    CORRECTED: 'Đã được đính chính bởi văn bản số {n} ngày {d}',
    REPLACED: 'Đã được thay thế bởi văn bản số {n} ngày {d}',
    signed: 'Chữ ký số',
    signedYes: 'Có chữ ký số của cơ quan ban hành (kiểm tra trong trình đọc PDF)',
    signedNo: 'Không ký số (văn bản ký tay, đóng dấu)',
    hash: 'Mã băm SHA-256 của tệp đã ban hành',
    checkTitle: 'Kiểm tra một bản sao',
    checkIntro: 'Chọn tệp PDF bạn nhận được: hệ thống so sánh từng byte với tệp đã ban hành. Tệp không được lưu lại.',
    fileLabel: 'Tệp PDF',
    check: 'Kiểm tra',
    match: 'Tệp này đúng là văn bản đã ban hành (mã băm trùng khớp).',
    mismatch: 'Tệp này KHÔNG phải văn bản đã ban hành: nội dung đã bị thay đổi hoặc là một văn bản khác (mã băm {h}).',
    noFile: 'Chưa chọn tệp để kiểm tra.',
    tooLarge: 'Tệp quá lớn để là văn bản này.',
  },
  en: {
    title: 'Verify a document',
    notFound: 'No document has this verification code. Check the address or the QR code.',
    number: 'Number and symbol',
    kind: 'Kind of document',
    date: 'Issued on',
    agency: 'Issued by',
    status: 'Status',
    ISSUED: 'Issued, in force as issued',
    CORRECTED: 'Corrected by document {n} of {d}',
    REPLACED: 'Replaced by document {n} of {d}',
    signed: 'Digital signature',
    signedYes: 'Digitally signed by the issuing agency (check it in a PDF reader)',
    signedNo: 'Not digitally signed (signed and stamped by hand)',
    hash: 'SHA-256 of the file as issued',
    checkTitle: 'Check a copy',
    checkIntro: 'Choose the PDF file you received: it is compared byte for byte with the file issued. The file is not kept.',
    fileLabel: 'PDF file',
    check: 'Check',
    match: 'This file is the document as issued (the hashes match).',
    mismatch: 'This file is NOT the document as issued: it was changed or is another document (its hash is {h}).',
    noFile: 'No file was chosen.',
    tooLarge: 'The file is too large to be this document.',
  },
} as const satisfies Record<TPublicLang, Record<string, string>>;

type TWord = keyof (typeof WORDS)['vi'];
const words =
  (lang: TPublicLang) =>
  (k: TWord, p: Record<string, string> = {}) =>
    WORDS[lang][k].replace(/\{(\w)\}/g, (_, x: string) => p[x] ?? '');

type TCheck = { kind: 'MATCH' } | { kind: 'MISMATCH'; sha256: string } | { kind: 'NO_FILE' } | { kind: 'TOO_LARGE' };

async function documentPage(db: Db, lang: TPublicLang, d: TDocumentRow, check?: TCheck): Promise<THtml> {
  const t = words(lang);
  const info = DOCUMENT_TYPE_INFO[d.type];
  const [unit, correction] = await Promise.all([unitAsOf(db, d.unitId, d.date), d.status === 'ISSUED' ? undefined : correctionOf(db, d.id)]);
  const status = d.status === 'ISSUED' || !correction ? t('ISSUED') : t(d.status, { n: correction.number, d: day(correction.date) });
  const result =
    check === undefined
      ? ''
      : check.kind === 'MATCH'
        ? html`<p class="notice ok" role="status" data-verify="match">${t('match')}</p>`
        : html`<p class="notice error" role="alert" data-verify="${check.kind === 'MISMATCH' ? 'mismatch' : 'no-file'}">
            ${check.kind === 'MISMATCH' ? t('mismatch', { h: check.sha256 }) : check.kind === 'TOO_LARGE' ? t('tooLarge') : t('noFile')}
          </p>`;
  return html`<h1>${t('title')}</h1>
    ${result}
    <article class="card" lang="vi">
      <h2>${info.title.vi} số ${d.number}</h2>
      <dl class="facts" lang="${lang}">
        <div>
          <dt>${t('number')}</dt>
          <dd data-field="number">${d.number}</dd>
        </div>
        <div>
          <dt>${t('kind')}</dt>
          <dd>${info.title[lang]}</dd>
        </div>
        <div>
          <dt>${t('date')}</dt>
          <dd data-field="date">${day(d.date)}</dd>
        </div>
        <div>
          <dt>${t('agency')}</dt>
          <dd data-field="agency">${unit.agency}${unit.parentAgency ? html` — ${unit.parentAgency}` : ''}</dd>
        </div>
        <div>
          <dt>${t('status')}</dt>
          <dd data-field="status">${status}</dd>
        </div>
        <div>
          <dt>${t('signed')}</dt>
          <dd>${d.signed ? t('signedYes') : t('signedNo')}</dd>
        </div>
        <div>
          <dt>${t('hash')}</dt>
          <dd data-field="sha256"><code>${d.sha256}</code></dd>
        </div>
      </dl>
    </article>
    <section class="card" lang="${lang}">
      <h2>${t('checkTitle')}</h2>
      <p>${t('checkIntro')}</p>
      <form method="post" action="${withLang(`/xac-thuc/${d.id}`, lang)}" enctype="multipart/form-data">
        <input type="hidden" name="lang" value="${lang}" />
        <label for="file">${t('fileLabel')}</label>
        <input id="file" name="file" type="file" accept="application/pdf,application/zip,.pdf,.zip" required />
        <button type="submit">${t('check')}</button>
      </form>
    </section>`;
}

export function verifyPages(deps: { db: Db }) {
  const app = new Hono<TAppEnv>();
  const respond = async (c: Context<TAppEnv>, lang: TPublicLang, id: string, check?: (d: TDocumentRow) => Promise<TCheck>) => {
    c.header('Cache-Control', 'no-store');
    const t = words(lang);
    const d = await documentById(deps.db, id);
    if (!d)
      return c.html(
        layout(
          lang,
          t('title'),
          `/xac-thuc/${id}`,
          html`<h1>${t('title')}</h1>
            <p class="notice error" role="alert">${t('notFound')}</p>`,
        ),
        404,
      );
    const result = check ? await check(d) : undefined;
    const status = result && result.kind !== 'MATCH' ? (result.kind === 'MISMATCH' ? 422 : result.kind === 'TOO_LARGE' ? 413 : 400) : 200;
    return c.html(layout(lang, t('title'), `/xac-thuc/${id}`, await documentPage(deps.db, lang, d, result)), status);
  };
  app.get('/xac-thuc/:id{[a-z2-9]{16}}', (c) => respond(c, langOf(c.req.query('lang')), c.req.param('id')));
  app.post('/xac-thuc/:id{[a-z2-9]{16}}', async (c) => {
    const form = await c.req.parseBody();
    const lang = langOf(typeof form.lang === 'string' ? form.lang : c.req.query('lang'));
    const file = form.file;
    return respond(c, lang, c.req.param('id'), async (d) => {
      if (!(file instanceof File) || file.size === 0) return { kind: 'NO_FILE' };
      if (file.size > VERIFY_MAX_BYTES) return { kind: 'TOO_LARGE' };
      const sha256 = createHash('sha256')
        .update(new Uint8Array(await file.arrayBuffer()))
        .digest('hex');
      return sha256 === d.sha256 ? { kind: 'MATCH' } : { kind: 'MISMATCH', sha256 };
    });
  });
  return app;
}
