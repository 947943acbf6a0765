/**
 * Draws a {@link TDocumentLayout} as a PDF in the layout of Decree 30/2020/NĐ-CP, Appendix I
 * (docs/documents.md, docs/adr/0146): A4, margins 20 mm top and bottom, 30 mm left, 15 mm right,
 * Liberation Serif (Times-metric, every Vietnamese glyph) embedded and subsetted, the agency under
 * its parent on the left and the motto on the right, the page number from page 2 on, and on every
 * page the QR code of the public verification page — or, for a draft, "DỰ THẢO" across the page.
 *
 * The same layout and date give the same bytes (golden tests, content hashes).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { TBlock, TDocumentLayout } from '../../domain/documents/layout.js';
import { StartupError } from '../errors.js';

export interface TRenderOptions {
  /** CreationDate and ModDate of the PDF (and so its /ID); default: the Unix epoch, so the same layout gives the same bytes. */
  date?: Date | undefined;
  /** The folder of LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf; default: {@link documentFontDir}. */
  fontDir?: string | undefined;
}

// Debian's fonts-liberation2 (2.x): fonts-liberation in bookworm is still 1.07, which has no Vietnamese.
const DEBIAN_FONT_DIR = '/usr/share/fonts/truetype/liberation2';
const FONT_PACKAGE = 'fonts-liberation2';
const FONT_FILES = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
} as const;
type TFace = keyof typeof FONT_FILES;

/** The documents' font folder: `INS_DOCUMENT_FONT_DIR`, else Debian's fonts-liberation2. */
function documentFontDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INS_DOCUMENT_FONT_DIR ? path.resolve(env.INS_DOCUMENT_FONT_DIR) : DEBIAN_FONT_DIR;
}

/** The four font files, or a {@link StartupError} naming the missing one and the fix (a worker checks this when it starts). */
export function documentFontFiles(dir: string = documentFontDir()): Record<TFace, string> {
  const files = Object.fromEntries(Object.entries(FONT_FILES).map(([face, file]) => [face, path.join(dir, file)])) as Record<TFace, string>;
  for (const file of Object.values(files)) {
    if (!existsSync(file)) {
      throw new StartupError(
        `the documents' font ${file} is missing: install the Debian package ${FONT_PACKAGE}, or set INS_DOCUMENT_FONT_DIR to a folder holding ${Object.values(FONT_FILES).join(', ')}`,
      );
    }
  }
  return files;
}

const MM = 72 / 25.4;
// Decree 30/2020/NĐ-CP, Appendix I, §II.1: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// §II: text 13–14 pt; the header's agency lines 12–13 pt; "Nơi nhận" 12 pt, its list 11 pt.
const SIZE = { body: 13, header: 12, motto: 13, title: 14, small: 11, table: 12, formCode: 10, footer: 8, page: 13, draft: 110 };
const LINE_GAP = 1.5;
const PARAGRAPH_GAP = 6;
const INDENT = 10 * MM;
const QR_SIZE = 20 * MM;
const FOOTER_HEIGHT = QR_SIZE + 4;
const LEFT_HEADER_WIDTH = 82 * MM;
const TABLE_PADDING = 3;

type TDoc = PDFKit.PDFDocument;

/** Renders the paper. Fonts missing → {@link StartupError}. */
export async function renderPdf(layout: TDocumentLayout, options: TRenderOptions = {}): Promise<Uint8Array> {
  const fonts = documentFontFiles(options.fontDir ?? documentFontDir());
  const date = options.date ?? new Date(0);
  const number = layout.number === null ? `…/${layout.symbol}` : layout.number.includes('/') ? layout.number : `${layout.number}/${layout.symbol}`;
  const qr = layout.verifyUrl && !layout.draft ? QRCode.create(layout.verifyUrl, { errorCorrectionLevel: 'M' }) : undefined;
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    font: fonts.regular,
    bufferPages: true,
    // The QR code and its line sit above the bottom margin; the text flows above them.
    margins: { ...MARGIN, bottom: MARGIN.bottom + (qr ? FOOTER_HEIGHT : 0) },
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(layout.meta.title),
      Subject: layout.meta.type,
      Keywords: [layout.meta.type, layout.draft ? 'DỰ THẢO' : number, layout.meta.caseId].join(', '),
      Author: nfc(layout.agency),
      Creator: 'INS',
      Producer: 'INS (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const [face, file] of Object.entries(fonts)) {
    doc.registerFont(face, file);
    assertVietnamese(doc.font(face), file);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  drawHeader(doc, layout, number);
  drawTitle(doc, layout);
  for (const basis of layout.bases) paragraph(doc, basis, { face: 'italic' });
  if (layout.bases.length) doc.moveDown(0.3);
  layout.body.forEach((block, i) => {
    // The signature never stands alone on a page: the last block goes over with it when both do not fit.
    if (i === layout.body.length - 1) keepWithSignatures(doc, block, layout);
    drawBlock(doc, block);
  });
  drawSignatures(doc, layout);

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    if (i > start) pageNumber(doc, i - start + 1);
    if (qr) footer(doc, qr, layout.verifyUrl ?? '', layout.lookup);
    if (layout.draft) draftMark(doc);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// Every precomposed Vietnamese letter (NFC): the vowels with their marks and tones, and đ.
const VIETNAMESE = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';

/** A font without Vietnamese (Liberation 1.x) would print blanks: refuse it by name. */
function assertVietnamese(doc: TDoc, file: string): void {
  // pdfkit keeps the fontkit font of the current face here; its cmap answers per code point.
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })._font?.font;
  if (!font?.hasGlyphForCodePoint) return;
  const letters = VIETNAMESE + VIETNAMESE.toLocaleUpperCase('vi');
  const missing = [...letters].filter((ch) => !font.hasGlyphForCodePoint?.(ch.codePointAt(0) ?? 0));
  if (missing.length) {
    throw new StartupError(
      `the documents' font ${file} has no glyph for ${missing.slice(0, 8).join(' ')}${missing.length > 8 ? ' …' : ''}: use Liberation Serif 2 (Debian package ${FONT_PACKAGE}) or set INS_DOCUMENT_FONT_DIR`,
    );
  }
}

function nfc(s: string): string {
  return s.normalize('NFC');
}

function style(doc: TDoc, face: TFace, size: number): TDoc {
  return doc.font(face).fontSize(size).fillColor('black');
}

/** Text in a column at the current y, moving y down; a long line wraps within the column. */
function columnText(doc: TDoc, text: string, x: number, width: number, face: TFace, size: number, align: 'left' | 'center' | 'right' = 'center'): number {
  style(doc, face, size).text(nfc(text), x, doc.y, { width, align, lineGap: LINE_GAP });
  return doc.y;
}

/**
 * One line of text anchored at x (its left end, centre or right end), outside the text flow: with no
 * width pdfkit does not wrap, so a line in a margin never starts a new page.
 */
function placeText(doc: TDoc, text: string, x: number, y: number, align: 'left' | 'center' | 'right', face: TFace, size: number): void {
  const s = nfc(text);
  const w = style(doc, face, size).widthOfString(s);
  const left = align === 'left' ? x : align === 'center' ? x - w / 2 : x - w;
  doc.text(s, left, y, { lineBreak: false });
}

function rule(doc: TDoc, centre: number, width: number, y: number): void {
  doc
    .moveTo(centre - width / 2, y)
    .lineTo(centre + width / 2, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke();
}

// Decree 30, Appendix I, §II.3–4 and the model "Mẫu 1.4": the agency under its parent (left), the
// national name and the motto (right), each underlined; the number under the agency and the place
// and date under the motto, on one line.
function drawHeader(doc: TDoc, layout: TDocumentLayout, number: string): void {
  let top = MARGIN.top;
  if (layout.formCode) {
    placeText(doc, layout.formCode, PAGE.width - MARGIN.right, top, 'right', 'regular', SIZE.formCode);
    top += SIZE.formCode + 6;
  }
  const leftX = MARGIN.left - 6 * MM;
  const leftW = LEFT_HEADER_WIDTH;
  const rightX = leftX + leftW;
  const rightW = PAGE.width - MARGIN.right - rightX + 4 * MM;

  doc.y = top;
  if (layout.parentAgency) columnText(doc, layout.parentAgency.toLocaleUpperCase('vi'), leftX, leftW, 'regular', SIZE.header);
  columnText(doc, layout.agency, leftX, leftW, 'bold', SIZE.header);
  const agencyRule = doc.y + 1;
  rule(doc, leftX + leftW / 2, Math.min(leftW * 0.35, 25 * MM), agencyRule);
  const leftBottom = agencyRule + 6;

  doc.y = top;
  columnText(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightW, 'bold', SIZE.header);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  columnText(doc, motto, rightX, rightW, 'bold', SIZE.motto);
  const mottoRule = doc.y + 1;
  rule(doc, rightX + rightW / 2, style(doc, 'bold', SIZE.motto).widthOfString(motto), mottoRule);
  const rightBottom = mottoRule + 6;

  const lineY = Math.max(leftBottom, rightBottom);
  doc.y = lineY;
  const numberBottom = columnText(doc, `Số: ${number}`, leftX, leftW, 'regular', SIZE.body);
  doc.y = lineY;
  const dateBottom = columnText(doc, layout.placeAndDate, rightX, rightW, 'italic', SIZE.body);
  doc.x = MARGIN.left;
  doc.y = Math.max(numberBottom, dateBottom) + 14;
}

function drawTitle(doc: TDoc, layout: TDocumentLayout): void {
  columnText(doc, layout.title, MARGIN.left, CONTENT_WIDTH, 'bold', SIZE.title);
  if (layout.subtitle) columnText(doc, layout.subtitle, MARGIN.left, CONTENT_WIDTH, 'bold', SIZE.title);
  doc.moveDown(0.6);
  if (layout.authority) {
    columnText(doc, layout.authority, MARGIN.left, CONTENT_WIDTH, 'bold', SIZE.body);
    doc.moveDown(0.5);
  }
}

/** A justified paragraph with its first line indented; "\n" in the text starts a new paragraph. */
function paragraph(doc: TDoc, text: string, opts: { face?: TFace; label?: string; align?: 'justify' | 'center' | 'left' } = {}): void {
  const face = opts.face ?? 'regular';
  const lines = nfc(text).split('\n');
  lines.forEach((line, i) => {
    const textOpts = { width: CONTENT_WIDTH, align: opts.align ?? 'justify', lineGap: LINE_GAP, paragraphGap: PARAGRAPH_GAP, indent: INDENT } as const;
    if (i === 0 && opts.label) {
      keepLines(doc, 2, SIZE.body);
      style(doc, 'bold', SIZE.body).text(`${nfc(opts.label)} `, MARGIN.left, doc.y, { ...textOpts, continued: true });
      style(doc, face, SIZE.body).text(line, { ...textOpts, continued: false });
    } else {
      style(doc, face, SIZE.body).text(line, MARGIN.left, doc.y, textOpts);
    }
  });
}

/** Starts a new page unless `n` lines of `size` fit (a heading or a label is not left alone at the foot). */
function keepLines(doc: TDoc, n: number, size: number): void {
  if (doc.y + n * (size * 1.2 + LINE_GAP) > maxY(doc)) doc.addPage();
}

function maxY(doc: TDoc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function drawBlock(doc: TDoc, block: TBlock): void {
  switch (block.kind) {
    case 'paragraph':
      paragraph(doc, block.text, { face: block.bold ? (block.italic ? 'boldItalic' : 'bold') : block.italic ? 'italic' : 'regular' });
      return;
    case 'article':
      paragraph(doc, block.text, { label: block.label });
      return;
    case 'heading':
      keepLines(doc, 3, SIZE.body);
      style(doc, 'bold', SIZE.body).text(nfc(block.text), MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center', lineGap: LINE_GAP, paragraphGap: PARAGRAPH_GAP });
      return;
    case 'table':
      drawTable(doc, block.rows);
      return;
  }
}

/**
 * A bordered table: the first row is the header (bold, centred) and is repeated on each page the
 * table continues on; columns are as wide as their text asks, within the text width.
 */
function drawTable(doc: TDoc, raw: string[][]): void {
  const rows = raw.map((r) => r.map(nfc));
  const columns = Math.max(0, ...rows.map((r) => r.length));
  if (!columns) return;
  const widths = columnWidths(doc, rows, columns);
  const rowHeight = (row: string[], face: TFace): number =>
    Math.max(...widths.map((w, c) => style(doc, face, SIZE.table).heightOfString(row[c] ?? '', { width: w - 2 * TABLE_PADDING, lineGap: LINE_GAP }) + 2 * TABLE_PADDING));
  const drawRow = (row: string[], face: TFace, align: 'left' | 'center'): void => {
    const h = rowHeight(row, face);
    const y = doc.y;
    let x = MARGIN.left;
    widths.forEach((w, c) => {
      doc.lineWidth(0.5).strokeColor('black').rect(x, y, w, h).stroke();
      style(doc, face, SIZE.table).text(row[c] ?? '', x + TABLE_PADDING, y + TABLE_PADDING, { width: w - 2 * TABLE_PADDING, align, lineGap: LINE_GAP });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  const [header, ...body] = rows;
  if (!header) return;
  doc.moveDown(0.2);
  if (doc.y + rowHeight(header, 'bold') + (body[0] ? rowHeight(body[0], 'regular') : 0) > maxY(doc)) doc.addPage();
  drawRow(header, 'bold', 'center');
  for (const row of body) {
    if (doc.y + rowHeight(row, 'regular') > maxY(doc)) {
      doc.addPage();
      drawRow(header, 'bold', 'center');
    }
    drawRow(row, 'regular', 'left');
  }
  doc.y += PARAGRAPH_GAP;
}

function columnWidths(doc: TDoc, rows: string[][], columns: number): number[] {
  const inner = (w: number): number => w + 2 * TABLE_PADDING + 1;
  const natural: number[] = [];
  const minimum: number[] = [];
  for (let c = 0; c < columns; c++) {
    let nat = 0;
    let min = 0;
    rows.forEach((row, r) => {
      const text = row[c] ?? '';
      style(doc, r === 0 ? 'bold' : 'regular', SIZE.table);
      nat = Math.max(nat, doc.widthOfString(text));
      for (const word of text.split(/\s+/)) min = Math.max(min, doc.widthOfString(word));
    });
    natural.push(inner(nat));
    minimum.push(inner(Math.min(min, CONTENT_WIDTH / columns)));
  }
  const totalNatural = natural.reduce((a, b) => a + b, 0);
  if (totalNatural <= CONTENT_WIDTH) return natural.map((n) => (n * CONTENT_WIDTH) / totalNatural);
  const totalMinimum = minimum.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, CONTENT_WIDTH - totalMinimum);
  const wanted = natural.map((n, c) => n - (minimum[c] ?? 0));
  const totalWanted = wanted.reduce((a, b) => a + b, 0) || 1;
  const widths = minimum.map((m, c) => m + (spare * (wanted[c] ?? 0)) / totalWanted);
  const scale = CONTENT_WIDTH / widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w * scale);
}

/** The height `text` takes in a column `width` wide, as columnText and the paragraphs draw it. */
function textHeight(doc: TDoc, text: string, width: number, face: TFace, size: number, extra: { lineGap?: number; indent?: number; paragraphGap?: number } = {}): number {
  return style(doc, face, size).heightOfString(nfc(text), { width, lineGap: extra.lineGap ?? LINE_GAP, indent: extra.indent ?? 0, paragraphGap: extra.paragraphGap ?? 0 });
}

/** The signature column's height: its title lines, the space to sign and seal, the name (measured, not guessed: a name on a line below the page would split the block). */
function signatureHeight(doc: TDoc, s: { lines: string[]; name: string }, width: number): number {
  return s.lines.reduce((h, line) => h + textHeight(doc, line, width, 'bold', SIZE.body), 0) + 22 * MM + textHeight(doc, s.name, width, 'bold', SIZE.body);
}

/** "Nơi nhận:" and its list. */
function recipientsHeight(doc: TDoc, recipients: string[], width: number): number {
  if (!recipients.length) return 0;
  return textHeight(doc, 'Nơi nhận:', width, 'boldItalic', 12, { lineGap: 1 }) + recipients.reduce((h, r) => h + textHeight(doc, r, width, 'regular', SIZE.small, { lineGap: 1 }), 0);
}

const SIGNATURES_GAP = 0.5;

/** The height of the whole closing: the signatures (side by side, or beside the recipients) and the recipients. */
function signaturesHeight(doc: TDoc, layout: TDocumentLayout): number {
  const others = layout.otherSignatures ?? [];
  const gap = SIGNATURES_GAP * doc.currentLineHeight(true);
  if (others.length) {
    const all = [...others.map((o) => ({ lines: [o.title], name: o.name })), layout.signature];
    const colW = CONTENT_WIDTH / all.length;
    return gap + Math.max(...all.map((x) => signatureHeight(doc, x, colW))) + 10 + recipientsHeight(doc, layout.recipients, CONTENT_WIDTH / 2);
  }
  const rightW = CONTENT_WIDTH * 0.55;
  return gap + Math.max(signatureHeight(doc, layout.signature, rightW), recipientsHeight(doc, layout.recipients, CONTENT_WIDTH - rightW - 6));
}

/** The height a body block takes (a table: 0, it splits across pages on its own). */
function blockHeight(doc: TDoc, block: TBlock): number {
  const body = { lineGap: LINE_GAP, paragraphGap: PARAGRAPH_GAP, indent: INDENT };
  switch (block.kind) {
    case 'paragraph':
      return textHeight(doc, block.text, CONTENT_WIDTH, block.bold ? 'bold' : 'regular', SIZE.body, body);
    case 'article':
      return textHeight(doc, `${block.label} ${block.text}`, CONTENT_WIDTH, 'regular', SIZE.body, body);
    case 'heading':
      return textHeight(doc, block.text, CONTENT_WIDTH, 'bold', SIZE.body, { paragraphGap: PARAGRAPH_GAP });
    case 'table':
      return 0;
  }
}

/**
 * Starts a new page before the last body block when it and the closing do not fit together but
 * would on a fresh page: the page that is signed carries text of the paper, not a signature alone.
 */
function keepWithSignatures(doc: TDoc, block: TBlock, layout: TDocumentLayout): void {
  const last = blockHeight(doc, block);
  if (last === 0) return;
  const closing = signaturesHeight(doc, layout);
  const room = maxY(doc) - doc.page.margins.top;
  if (doc.y + last + closing > maxY(doc) && last + closing <= room) doc.addPage();
}

// Decree 30, Appendix I, §II.8–9: the signer's authority and title in bold, the space for the
// signature and seal, the name in bold; "Nơi nhận:" (bold italic, 12 pt) and its list (11 pt) at
// the left, level with the signature. A record's other signatures stand side by side with it.
function drawSignatures(doc: TDoc, layout: TDocumentLayout): void {
  const others = layout.otherSignatures ?? [];
  doc.moveDown(SIGNATURES_GAP);
  if (others.length) {
    const all = [...others.map((o) => ({ lines: [o.title], name: o.name })), layout.signature];
    const colW = CONTENT_WIDTH / all.length;
    if (doc.y + Math.max(...all.map((x) => signatureHeight(doc, x, colW))) > maxY(doc)) doc.addPage();
    const top = doc.y;
    // The titles first (one may wrap onto two lines), then every name on one line below the tallest.
    let titlesBottom = top;
    all.forEach((s, i) => {
      doc.y = top;
      for (const line of s.lines) columnText(doc, line, MARGIN.left + i * colW, colW, 'bold', SIZE.body);
      titlesBottom = Math.max(titlesBottom, doc.y);
    });
    let bottom = titlesBottom;
    all.forEach((s, i) => {
      doc.y = titlesBottom + 22 * MM;
      bottom = Math.max(bottom, columnText(doc, s.name, MARGIN.left + i * colW, colW, 'bold', SIZE.body));
    });
    doc.y = bottom + 10;
    if (layout.recipients.length) {
      if (doc.y + recipientsHeight(doc, layout.recipients, CONTENT_WIDTH / 2) > maxY(doc)) doc.addPage();
      recipientsColumn(doc, layout.recipients, MARGIN.left, CONTENT_WIDTH / 2);
    }
    return;
  }
  const rightW = CONTENT_WIDTH * 0.55;
  if (doc.y + Math.max(signatureHeight(doc, layout.signature, rightW), recipientsHeight(doc, layout.recipients, CONTENT_WIDTH - rightW - 6)) > maxY(doc)) doc.addPage();
  const top = doc.y;
  const signBottom = signatureColumn(doc, layout.signature, MARGIN.left + CONTENT_WIDTH - rightW, rightW);
  doc.y = top;
  const recipientsBottom = layout.recipients.length ? recipientsColumn(doc, layout.recipients, MARGIN.left, CONTENT_WIDTH - rightW - 6) : top;
  doc.x = MARGIN.left;
  doc.y = Math.max(signBottom, recipientsBottom);
}

function signatureColumn(doc: TDoc, s: { lines: string[]; name: string }, x: number, width: number): number {
  for (const line of s.lines) columnText(doc, line, x, width, 'bold', SIZE.body);
  doc.y += 22 * MM;
  return columnText(doc, s.name, x, width, 'bold', SIZE.body);
}

function recipientsColumn(doc: TDoc, recipients: string[], x: number, width: number): number {
  style(doc, 'boldItalic', 12).text('Nơi nhận:', x, doc.y, { width, lineGap: 1 });
  for (const r of recipients) style(doc, 'regular', SIZE.small).text(nfc(r), x, doc.y, { width, lineGap: 1 });
  return doc.y;
}

// Decree 30, Appendix I, §II.10: the page number from the second page, centred in the top margin.
function pageNumber(doc: TDoc, n: number): void {
  placeText(doc, String(n), MARGIN.left + CONTENT_WIDTH / 2, MARGIN.top / 2, 'center', 'regular', SIZE.page);
}

/**
 * The QR code of the verification page (vector squares, no image) and its address beside it, above
 * the bottom margin; below the address, on a paper the party of a penalty case receives, the case's
 * lookup code and where to use it.
 */
function footer(doc: TDoc, qr: QRCode.QRCode, url: string, lookup: TDocumentLayout['lookup']): void {
  const size = qr.modules.size;
  const module = QR_SIZE / (size + 2);
  const x0 = MARGIN.left + module;
  const y0 = PAGE.height - MARGIN.bottom - QR_SIZE + module;
  doc.save();
  for (let r = 0; r < size; r++) {
    // One rectangle per run of dark modules in the row: fewer operators, the same picture.
    let c = 0;
    while (c < size) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const from = c;
      while (c < size && qr.modules.get(r, c)) c++;
      doc.rect(x0 + from * module, y0 + r * module, (c - from) * module, module);
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
  const textX = MARGIN.left + QR_SIZE + 3 * MM;
  const lines = [`Tra cứu, xác thực: ${url}`, ...(lookup ? [`Tra cứu hồ sơ: ${lookup.url}, mã tra cứu ${lookup.code}`, '(nhập cùng số định danh cá nhân hoặc mã số thuế của người vi phạm)'] : [])];
  const lineHeight = SIZE.footer + 2;
  const top = PAGE.height - MARGIN.bottom - QR_SIZE / 2 - (lines.length * lineHeight - 2) / 2;
  lines.forEach((line, k) => placeText(doc, line, textX, top + k * lineHeight, 'left', 'regular', SIZE.footer));
}

/**
 * "DỰ THẢO" across the page, light grey and translucent over the text, and boxed in the top left
 * corner (where a reader — and pdftotext, which breaks diagonal text apart — finds it on each page).
 */
function draftMark(doc: TDoc): void {
  const text = 'DỰ THẢO';
  style(doc, 'bold', SIZE.small);
  const labelW = doc.widthOfString(text);
  const labelY = MARGIN.top / 2;
  placeText(doc, text, MARGIN.left, labelY, 'left', 'bold', SIZE.small);
  doc
    .rect(MARGIN.left - 3, labelY - 3, labelW + 6, SIZE.small + 5)
    .lineWidth(0.8)
    .strokeColor('black')
    .stroke();
  style(doc, 'bold', SIZE.draft);
  const w = doc.widthOfString(text);
  const h = doc.currentLineHeight();
  doc.save();
  doc.translate(PAGE.width / 2, PAGE.height / 2).rotate(-Math.atan(PAGE.height / PAGE.width) * (180 / Math.PI));
  doc.fillColor('#9a9a9a').fillOpacity(0.25);
  doc.text(text, -w / 2, -h / 2, { lineBreak: false });
  doc.restore();
}
