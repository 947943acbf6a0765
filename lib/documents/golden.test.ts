/**
 * Golden papers (issue 17): every document type, filled from its fixture case
 * (domain/documents/fixtures.ts), rendered to a PDF as issued — the text Poppler extracts from it
 * compared with the committed golden text, every font embedded and subset, each page rendered to a
 * PNG (test/artifacts/documents/<type>/, for a person to look at). `UPDATE_GOLDEN=1` rewrites the goldens:
 * read the diff before committing it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FIXTURES } from '../../domain/documents/fixtures.js';
import { layoutOf } from '../../domain/documents/fill.js';
import { pdfFonts, pdfText, pdfToPngs } from '../../test/pdf-tools.js';
import { renderPdf } from './pdf.js';

const GOLDEN = path.join(import.meta.dirname, '__golden__');
const PNG = path.join(import.meta.dirname, '../../test/artifacts/documents');
const ISSUED_AT = new Date('2026-03-15T02:00:00Z');

describe('each paper as issued', () => {
  mkdirSync(PNG, { recursive: true });
  it.each(DOCUMENT_FIXTURES.map((f) => [f.name, f] as const))('%s: its text, its fonts, its pages', async (name, f) => {
    const { layout } = layoutOf(f.ctx, { number: f.number, draft: false, verifyUrl: 'https://ins.example.gov.vn/xac-thuc/abcdefghijkmnpqr' });
    const pdf = await renderPdf(layout, { date: ISSUED_AT });
    const text = await pdfText(pdf);
    const file = path.join(GOLDEN, `${name}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, text);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
    // The number as Decree 30 writes it, on the paper, and the verification address on every page.
    expect(text).toContain(`Số: ${f.number}`);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/LiberationSerif/);
      expect(font.emb && font.sub && font.uni).toBe(true);
    }
    const dir = path.join(PNG, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pages = await pdfToPngs(pdf, dir, 'page', 50);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (let p = 1; p <= pages.length; p++) expect(await pdfText(pdf, p)).toContain('xac-thuc/abcdefghijkmnpqr');
  });
});
