/**
 * Fills a document's template from its context: the layout the PDF renderer draws (./layout.ts).
 * Pure: the draft preview and the issued paper are filled the same way. Mustache prints plain text
 * here (no HTML escaping), and a value the case does not have prints as "…", the dotted blank of
 * a paper form, never "undefined".
 */
import Mustache from 'mustache';
import type { TField } from '../procedure.js';
import { DOCUMENT_TYPE_INFO } from './catalogue.js';
import type { TDocumentContext } from './context.js';
import type { TBlock, TDocumentLayout } from './layout.js';
import type { TDocumentTemplate, TTemplateCondition, TTemplateLine } from './template.js';
import { templateFor } from './templates.js';
import { dateView, documentView } from './view.js';

/** What a missing value prints as. */
export const BLANK = '…';

/** Mustache's writer, printing plain text, and a blank for a missing or empty value. */
class PlainWriter extends Mustache.Writer {
  override escapedValue(token: string[], context: Mustache.Context): string {
    return this.unescapedValue(token, context);
  }
  override unescapedValue(token: string[], context: Mustache.Context): string {
    const value: unknown = context.lookup(token[1]!);
    if (value === undefined || value === null || value === '') return BLANK;
    return typeof value === 'object' ? BLANK : String(value);
  }
}

type TView = Record<string, unknown>;

function lookup(view: TView, item: unknown, path: string): unknown {
  const walk = (from: unknown) => path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), from);
  const inItem = item && typeof item === 'object' ? walk(item) : undefined;
  return inItem !== undefined ? inItem : walk(view);
}

function holds(c: TTemplateCondition | undefined, view: TView, item?: unknown): boolean {
  if (!c) return true;
  let value = lookup(view, item, c.path);
  if (value && typeof value === 'object' && 'value' in value) value = (value as { value: unknown }).value;
  if (c.equals !== undefined) return value === c.equals;
  const present = !(value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0));
  return present === c.present;
}

/** Renders template strings against one view, item by item for repetitions. */
function renderer(view: TView) {
  const writer = new PlainWriter();
  const context = new Mustache.Context(view);
  const render = (text: string, item?: unknown) => writer.render(text, item === undefined ? context : context.push(item)).trim();
  /** The items of a repetition (or one pass without an item), numbered from 1. */
  const items = (repeat: string | undefined): unknown[] => {
    if (repeat === undefined) return [undefined];
    const list = lookup(view, undefined, repeat);
    return Array.isArray(list) ? list : [];
  };
  const lines = (list: TTemplateLine[]) =>
    list
      .flatMap((l) => {
        if (typeof l === 'string') return [render(l)];
        if (!holds(l.when, view)) return [];
        return items(l.repeat).map((item) => render(l.text, item));
      })
      .filter((s) => s !== '');
  return { render, items, lines };
}

function fillBody(t: TDocumentTemplate, view: TView): TBlock[] {
  const { render, items } = renderer(view);
  const blocks: TBlock[] = [];
  for (const b of t.body) {
    if (!holds(b.when, view)) continue;
    if (b.kind === 'table') {
      const rows = items(b.repeat).map((item) => b.row.map((cell) => render(cell, item)));
      if (rows.length > 0) blocks.push({ kind: 'table', rows: [b.header.map((h) => render(h)), ...rows] });
      continue;
    }
    for (const item of items(b.repeat)) {
      const text = render(b.text, item);
      if (text === '') continue;
      if (b.kind === 'article') blocks.push({ kind: 'article', label: render(b.label, item), text });
      else if (b.kind === 'heading') blocks.push({ kind: 'heading', text });
      else blocks.push({ kind: 'paragraph', text, ...(b.italic ? { italic: true } : {}), ...(b.bold ? { bold: true } : {}) });
    }
  }
  return blocks;
}

export interface TFillOptions {
  /** "15/QĐ-XPHC" once issued; null in a draft. */
  number: string | null;
  /** The public verification page the QR code opens (issued papers only). */
  verifyUrl?: string | undefined;
  /** The case's lookup code and the public lookup page, for a paper its party receives (issued papers only). */
  lookup?: { code: string; url: string } | undefined;
  draft: boolean;
  /** The template to use; by default the version in force on the document's date. */
  template?: TDocumentTemplate | undefined;
  /** The forms of the case's procedure by step id (./view.ts); the shipped procedures' by default. */
  fields?: Record<string, readonly TField[]> | undefined;
}

/** The layout of a document, and the version of the template that filled it (recorded with the issued paper). */
export function layoutOf(ctx: TDocumentContext, opts: TFillOptions): { layout: TDocumentLayout; templateVersion: number } {
  const t = opts.template ?? templateFor(ctx.type, ctx.date);
  if (t.type !== ctx.type) throw new Error(`template of ${t.type} used for a ${ctx.type}`);
  const info = DOCUMENT_TYPE_INFO[ctx.type];
  const view = documentView(ctx, { fields: opts.fields, doc: { number: opts.number, symbol: info.symbol, title: info.title.vi } });
  const { render, lines } = renderer(view);
  // A template's own form code line wins, even empty; else the catalogue's code, when confirmed.
  const formCode = t.formCode !== undefined ? render(t.formCode) : info.formCode?.confirmed ? `Mẫu ${info.formCode.code}` : '';
  const subtitle = t.subtitle !== undefined ? render(t.subtitle) : '';
  const authority = t.authority !== undefined ? render(t.authority).toLocaleUpperCase('vi') : '';
  const otherSignatures = t.otherSignatures?.filter((o) => holds(o.when, view)).map((o) => ({ title: render(o.title), name: render(o.name) }));
  const layout: TDocumentLayout = {
    parentAgency: (t.header ? render(t.header.parentAgency) : ctx.unit.parentAgency).toLocaleUpperCase('vi'),
    agency: (t.header ? render(t.header.agency) : ctx.unit.agency).toLocaleUpperCase('vi'),
    number: opts.number,
    symbol: info.symbol,
    placeAndDate: `${ctx.unit.place}, ${dateView(ctx.date).long}`,
    ...(formCode ? { formCode } : {}),
    title: render(t.title),
    ...(subtitle ? { subtitle } : {}),
    ...(authority ? { authority } : {}),
    bases: lines(t.bases),
    body: fillBody(t, view),
    signature: { lines: t.signature.lines.map((l) => render(l)).filter((l) => l !== ''), name: render(t.signature.name ?? '{{signer.name}}') },
    ...(otherSignatures && otherSignatures.length > 0 ? { otherSignatures } : {}),
    recipients: lines(t.recipients),
    ...(opts.verifyUrl && !opts.draft ? { verifyUrl: opts.verifyUrl } : {}),
    ...(opts.lookup && opts.verifyUrl && !opts.draft ? { lookup: opts.lookup } : {}),
    draft: opts.draft,
    meta: { title: opts.number ? `${info.title.vi} số ${opts.number}` : info.title.vi, caseId: ctx.caseId, type: ctx.type },
  };
  return { layout, templateVersion: t.version };
}

/** The layout as plain text, line by line, in reading order: what the golden tests compare (and close to what `pdftotext` extracts). */
export function layoutText(l: TDocumentLayout): string {
  const out: string[] = [];
  if (l.parentAgency) out.push(l.parentAgency);
  out.push(l.agency, `Số: ${l.number ?? '…'}${l.number ? '' : `/${l.symbol}`}`, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', l.placeAndDate);
  if (l.formCode) out.push(l.formCode);
  out.push('', l.title);
  if (l.subtitle) out.push(l.subtitle);
  if (l.authority) out.push('', l.authority);
  if (l.bases.length > 0) out.push('', ...l.bases);
  out.push('');
  for (const b of l.body) {
    if (b.kind === 'table') out.push(...b.rows.map((r) => `| ${r.join(' | ')} |`));
    else if (b.kind === 'article') out.push(`${b.label} ${b.text}`);
    else out.push(b.text);
  }
  out.push('', ...l.signature.lines, l.signature.name);
  for (const o of l.otherSignatures ?? []) out.push('', o.title, o.name);
  if (l.recipients.length > 0) out.push('', 'Nơi nhận:', ...l.recipients);
  return `${out.join('\n')}\n`;
}
