import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanctionDecisionLayout, VIETNAMESE_LETTERS } from '../../test/document-fixture.js';
import { pdfFonts, pdfGray, pdfInfo, pdfText, pdfToPngs } from '../../test/pdf-tools.js';
import { StartupError } from '../errors.js';
import { layoutOf } from '../../domain/documents/fill.js';
import { DOCUMENT_FIXTURES } from '../../domain/documents/fixtures.js';
import { documentFontFiles, renderPdf } from './pdf.js';

const DATE = new Date('2026-03-15T02:30:00Z');
const squash = (s: string): string => s.replace(/\s+/g, ' ');
const pages = (text: string): string[] => text.split('\f').filter((p) => p.trim());
/** Where the QR code goes, in pixels at `mm` pixels a millimetre: x 28–52 mm, y 256–279 mm of the A4 page. */
const QR_AREA = (mm: number): { x: number; y: number; width: number; height: number } => ({
  x: Math.round(28 * mm),
  y: Math.round(256 * mm),
  width: Math.round(24 * mm),
  height: Math.round(23 * mm),
});
/** Pixels of the diagonal mark's grey (neither paper nor ink) in the middle of page `n`. */
async function markPixels(pdf: Uint8Array, n: number): Promise<number> {
  const mm = 50 / 25.4;
  const image = await pdfGray(pdf, n, 50, { x: Math.round(80 * mm), y: Math.round(120 * mm), width: Math.round(50 * mm), height: Math.round(50 * mm) });
  let grey = 0;
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (image.at(x, y) > 150 && image.at(x, y) < 250) grey++;
  return grey;
}

let issued: Uint8Array;
let draft: Uint8Array;
let dir: string;
const layout = sanctionDecisionLayout();
const url = layout.verifyUrl ?? '';

beforeAll(async () => {
  issued = await renderPdf(layout, { date: DATE });
  draft = await renderPdf(sanctionDecisionLayout({ draft: true, number: null, verifyUrl: undefined }), { date: DATE });
  dir = await mkdtemp(path.join(os.tmpdir(), 'ins-pdf-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderPdf: an issued decision in the layout of Decree 30', () => {
  it('gives back every Vietnamese word as written: header, motto, number, title, bases, body, table, signature, recipients', async () => {
    const text = squash(await pdfText(issued));
    for (const expected of [
      'Mẫu MQĐ02',
      'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH',
      'CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/QĐ-XPHC',
      'Ninh Bình, ngày 15 tháng 3 năm 2026',
      'QUYẾT ĐỊNH',
      'Xử phạt vi phạm hành chính',
      'CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      'Căn cứ Biên bản vi phạm hành chính số 3/BB-VPHC lập ngày 10 tháng 3 năm 2026;',
      'Điều 1. Xử phạt vi phạm hành chính đối với hộ kinh doanh Nguyễn Thị Hường,',
      'Chữ có dấu: Quyết định xử phạt vi phạm hành chính; Nghị định; Đội; ưởng; ỗ ặ ữ ỹ; Hưởng, Thưởng, Nguyễn, Phượng, Quỳnh, Đặng.',
      ...VIETNAMESE_LETTERS,
      'Điều 2. Mức phạt tiền: 15.000.000 đồng (Bằng chữ: Mười lăm triệu đồng chẵn).',
      'Giao cho ông Đặng Văn Thưởng, Đội trưởng Đội Quản lý thị trường số 1, tổ chức thực hiện Quyết định này.',
      'Nơi nhận:',
      '- Sở Công Thương (để b/c);',
      'Trần Quốc Hưởng',
    ]) {
      expect(text).toContain(expected);
    }
    // The text is NFC, as typed: no decomposed marks came back.
    expect(text).toBe(text.normalize('NFC'));
  });

  it('embeds Liberation Serif, subsetted with a Unicode map, in its four faces and nothing else', async () => {
    const fonts = await pdfFonts(issued);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['LiberationSerif', 'LiberationSerif-Bold', 'LiberationSerif-BoldItalic', 'LiberationSerif-Italic']);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ emb: true, sub: true, uni: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+LiberationSerif/);
    }
  });

  it('runs over several pages, each rendered as an A4 image, numbered from page 2 and carrying the verification line', async () => {
    const texts = pages(await pdfText(issued));
    expect(texts.length).toBeGreaterThanOrEqual(3);
    const pngs = await pdfToPngs(issued, dir, 'issued');
    expect(pngs).toHaveLength(texts.length);
    for (const png of pngs) {
      const bytes = await readFile(png);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      // A4 at 60 dpi: 496.1 × 701.6 pixels (IHDR), rounded up.
      expect(bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(496);
      expect(bytes.readUInt32BE(16)).toBeLessThanOrEqual(497);
      expect(bytes.readUInt32BE(20)).toBe(702);
    }
    for (let n = 1; n <= texts.length; n++) {
      const page = await pdfText(issued, n);
      const firstLine = page
        .split('\n')
        .find((l) => l.trim())
        ?.trim();
      expect(firstLine, `page ${n}`).toBe(n === 1 ? 'Mẫu MQĐ02' : String(n));
      expect(squash(page), `page ${n}`).toContain(`Tra cứu, xác thực: ${url}`);
    }
  });

  it('splits the table between pages, repeating its header row, and loses no row', async () => {
    const texts = pages(await pdfText(issued));
    expect(texts.filter((p) => /STT\s+Tên tang vật/.test(p)).length).toBeGreaterThanOrEqual(2);
    const all = squash(texts.join(' '));
    for (let i = 0; i < 28; i++) expect(all).toContain(i % 3 === 0 ? `lô số ${100 + i}` : `Bánh kẹo nhập khẩu lô ${i + 1}`);
  });

  it('draws on each page the QR code of the verification address, module for module', async () => {
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    const dpi = 300;
    const mm = dpi / 25.4;
    // Below the text and above the bottom margin (20 mm), left of the verification line: nothing but the code is drawn there.
    const crop = QR_AREA(mm);
    for (let n = 1; n <= pages(await pdfText(issued)).length; n++) {
      const image = await pdfGray(issued, n, dpi, crop);
      let [minX, minY, maxX, maxY] = [image.width, image.height, -1, -1];
      for (let y = 0; y < image.height; y++)
        for (let x = 0; x < image.width; x++) if (image.at(x, y) < 128) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      // The finder patterns sit in three corners, so the dark pixels' box is the symbol.
      const side = maxX - minX + 1;
      expect(side / mm, `page ${n}: the code is at least 18 mm wide`).toBeGreaterThanOrEqual(18 - 0.1);
      expect(Math.abs(maxY - minY + 1 - side)).toBeLessThanOrEqual(2);
      const module = side / size;
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          const dark = image.at(Math.floor(minX + (c + 0.5) * module), Math.floor(minY + (r + 0.5) * module)) < 128;
          if (dark !== Boolean(qr.modules.get(r, c))) expect.fail(`page ${n}: module (${r}, ${c}) is ${dark ? 'dark' : 'light'}`);
        }
      }
    }
  });

  it("prints on each page of a party's paper, under the verification line, the case's lookup code and page, within the right margin", async () => {
    const lookup = { code: 'QCJF-YHKH-VHSG', url: 'https://ins.example.gov.vn/tra-cuu' };
    const withLookup = await renderPdf(sanctionDecisionLayout({ lookup }), { date: DATE });
    const n = pages(await pdfText(withLookup)).length;
    expect(n).toBeGreaterThanOrEqual(3);
    const dpi = 150;
    const mm = dpi / 25.4;
    for (let p = 1; p <= n; p++) {
      const text = squash(await pdfText(withLookup, p));
      expect(text, `page ${p}`).toContain(`Tra cứu, xác thực: ${url} Tra cứu hồ sơ: ${lookup.url}, mã tra cứu ${lookup.code} (nhập cùng số định danh cá nhân hoặc mã số thuế của người vi phạm)`);
      // The footer's lines stop before the right margin (15 mm): nothing is drawn there.
      const margin = await pdfGray(withLookup, p, dpi, { x: Math.round(195 * mm), y: Math.round(250 * mm), width: Math.round(14 * mm), height: Math.round(30 * mm) });
      let ink = 0;
      for (let y = 0; y < margin.height; y++) for (let x = 0; x < margin.width; x++) if (margin.at(x, y) < 200) ink++;
      expect(ink, `page ${p}: ink in the right margin`).toBe(0);
    }
    // A paper without a lookup keeps the one verification line.
    expect(squash(await pdfText(issued, 1))).not.toContain('Tra cứu hồ sơ');
  });

  it('writes the same bytes for the same layout and date, its dates and words into the metadata', async () => {
    const again = await renderPdf(layout, { date: DATE });
    expect(Buffer.from(again).equals(Buffer.from(issued))).toBe(true);
    const later = await renderPdf(layout, { date: new Date('2026-03-16T00:00:00Z') });
    expect(Buffer.from(later).equals(Buffer.from(issued))).toBe(false);
    const info = await pdfInfo(issued);
    expect(info).toMatchObject({
      Title: 'Quyết định xử phạt vi phạm hành chính số 15/QĐ-XPHC',
      Subject: 'SANCTION_DECISION',
      Keywords: 'SANCTION_DECISION, 15/QĐ-XPHC, penalty/nb-01/2026/15',
      'Page size': '595.28 x 841.89 pts (A4)',
    });
    expect(info.CreationDate).toMatch(/^2026-03-15T02:30:00/);
    expect(info.ModDate).toMatch(/^2026-03-15T02:30:00/);
  });
});

describe('renderPdf: a draft', () => {
  it('says "DỰ THẢO" on every page, shows "Số: …/" with the symbol, and has no verification line', async () => {
    const texts = pages(await pdfText(draft));
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const page of texts) {
      expect(page).toContain('DỰ THẢO');
      expect(page).not.toContain('Tra cứu');
      expect(page).not.toContain(url);
    }
    expect(squash(texts[0] ?? '')).toContain('Số: …/QĐ-XPHC');
    expect(squash(texts.join(' '))).not.toContain('15/QĐ-XPHC');
  });

  it('draws the grey mark across every page, which an issued paper has not, and no QR code', async () => {
    for (let n = 1; n <= pages(await pdfText(draft)).length; n++) expect(await markPixels(draft, n), `page ${n}`).toBeGreaterThan(200);
    expect(await markPixels(issued, 1)).toBe(0);
    // A one-page draft leaves the QR code's place empty.
    const short = await renderPdf(sanctionDecisionLayout({ draft: true, number: null, verifyUrl: undefined, body: [] }), { date: DATE });
    const mm = 150 / 25.4;
    const image = await pdfGray(short, 1, 150, QR_AREA(mm));
    let dark = 0;
    for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (image.at(x, y) < 128) dark++;
    expect(dark).toBe(0);
  });
});

describe('renderPdf: the closing keeps together, with text of the paper', () => {
  /** The fixture paper with `n` more paragraphs before its closing, rendered: its pages' text (whitespace squashed). */
  async function pagesWith(name: string, n: number): Promise<string[]> {
    const f = DOCUMENT_FIXTURES.find((x) => x.name === name)!;
    const base = layoutOf(f.ctx, { number: f.number, verifyUrl: url, draft: false }).layout;
    const filler = Array.from({ length: n }, (_, i) => ({ kind: 'paragraph' as const, text: `Đoạn văn bổ sung số ${i + 1} đẩy phần ký xuống cuối trang.` }));
    return pages(await pdfText(await renderPdf({ ...base, body: [...base.body, ...filler] }, { date: DATE }))).map(squash);
  }

  // Around the length at which the closing first leaves the paper's last page (found by bisection, so
  // that the test follows the fixture's wording): before the fix a decision's name went to the next
  // page without its title, and a closing stood alone on a page.
  it.each(['SANCTION_DECISION', 'VIOLATION_RECORD'])(
    '%s: the title, the space to sign, the name and the recipients on one page, with the last paragraph',
    async (name) => {
      const f = DOCUMENT_FIXTURES.find((x) => x.name === name)!;
      const base = layoutOf(f.ctx, { number: f.number, verifyUrl: url, draft: false }).layout;
      const start = (await pagesWith(name, 0)).length;
      let lo = 0;
      let hi = 40;
      expect((await pagesWith(name, hi)).length).toBeGreaterThan(start);
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if ((await pagesWith(name, mid)).length > start) hi = mid;
        else lo = mid;
      }
      const closing = [...(base.otherSignatures ?? []).map((o) => o.name), base.signature.lines.at(-1)!, base.signature.name, ...(base.recipients.length ? ['Nơi nhận:'] : [])];
      for (let n = Math.max(1, hi - 3); n <= hi + 6; n++) {
        const texts = await pagesWith(name, n);
        const last = texts.length - 1;
        for (const words of closing) expect([n, words, texts[last]!.includes(words)]).toEqual([n, words, true]);
        expect([n, texts[last]!.includes(`Đoạn văn bổ sung số ${n} `)]).toEqual([n, true]);
      }
    },
    120_000,
  );
});

describe('the documents font', () => {
  it('names the Debian package and the variable when the font is missing', async () => {
    const missing = path.join(dir, 'no-fonts');
    expect(() => documentFontFiles(missing)).toThrow(StartupError);
    await expect(renderPdf(layout, { fontDir: missing })).rejects.toThrow(/LiberationSerif-Regular\.ttf is missing: install the Debian package fonts-liberation2, or set INS_DOCUMENT_FONT_DIR/);
  });

  const liberation1 = '/usr/share/fonts/truetype/liberation';
  it.skipIf(!existsSync(path.join(liberation1, 'LiberationSerif-Regular.ttf')))('refuses Liberation 1.x, which has no Vietnamese, rather than print blanks', async () => {
    await expect(renderPdf(layout, { fontDir: liberation1 })).rejects.toThrow(/has no glyph for .*fonts-liberation2/);
  });
});
