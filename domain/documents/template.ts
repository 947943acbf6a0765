/**
 * A document template as data (docs/adr/0149): versioned and effective-dated like a procedure, its
 * strings mustache templates over the document's view (./view.ts), its blocks shown under a small
 * typed condition and repeated over a list — no expression language, so an administrator can edit
 * a template and validation can tell what it names.
 */
import Mustache from 'mustache';
import { z } from 'zod';
import { ZIsoDate } from '../calendar-schema.js';
import { DOCUMENT_TYPES } from './types.js';
import { KNOWN_VIEW_PATHS } from './view.js';

/**
 * A block, a line or a signature is shown when the value at `path` equals `equals` (a choice
 * compares by its value), or is present (`present: true`: not empty, not false, not an empty
 * list) or absent (`present: false`).
 */
const ZCondition = z
  .object({ path: z.string().min(1).max(200), equals: z.union([z.string(), z.number(), z.boolean()]).optional(), present: z.boolean().optional() })
  .refine((c) => (c.equals === undefined) !== (c.present === undefined), { message: 'give exactly one of equals, present' });
export type TTemplateCondition = z.infer<typeof ZCondition>;

const ZText = z.string().max(5000);
/** Shown under `when`; `repeat`: one per item of the list at that path, whose fields its text names directly. */
const common = { when: ZCondition.optional(), repeat: z.string().min(1).max(200).optional() };

/** A line of the bases or the recipients: a plain string, or one with its condition or repetition. */
const ZLine = z.union([ZText, z.object({ text: ZText, ...common })]);
export type TTemplateLine = z.infer<typeof ZLine>;

const ZBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: ZText, italic: z.boolean().optional(), bold: z.boolean().optional(), ...common }),
  z.object({ kind: z.literal('article'), label: ZText, text: ZText, ...common }),
  z.object({ kind: z.literal('heading'), text: ZText, ...common }),
  /** A table: the header row, then one row per item of `repeat`. */
  z.object({ kind: z.literal('table'), header: z.array(ZText).min(1), row: z.array(ZText).min(1), repeat: z.string().min(1).max(200), when: ZCondition.optional() }),
]);
export type TTemplateBlock = z.infer<typeof ZBlock>;

const ZDocumentTemplateShape = z.object({
  type: z.enum(DOCUMENT_TYPES),
  version: z.number().int().positive(),
  effectiveFrom: ZIsoDate,
  /** The legal basis of the paper's form and content. */
  source: z.string().min(1).max(1000),
  /** "Mẫu …" in the top right corner; rendered, and left out when empty. Only confirmed codes belong here (./catalogue.ts). */
  formCode: ZText.optional(),
  title: ZText,
  subtitle: ZText.optional(),
  authority: ZText.optional(),
  /** The top left lines (the governing agency, then the issuing one); the unit's as of the paper's date when absent (version 1). */
  header: z.object({ parentAgency: ZText, agency: ZText }).optional(),
  bases: z.array(ZLine),
  body: z.array(ZBlock).min(1),
  signature: z.object({ lines: z.array(ZText).min(1), name: ZText.optional() }),
  otherSignatures: z.array(z.object({ title: ZText, name: ZText, when: ZCondition.optional() })).optional(),
  recipients: z.array(ZLine),
});
export type TDocumentTemplate = z.infer<typeof ZDocumentTemplateShape>;

type TScope = readonly string[];

/** Where a name used in `scope` points, innermost list item first (as mustache looks it up), or undefined. */
function resolve(name: string, scope: TScope, among: Set<string>): string | undefined {
  if (name === '.') return scope.length > 1 && among.has(scope[scope.length - 1]!) ? scope[scope.length - 1] : undefined;
  for (let i = scope.length - 1; i >= 0; i--) {
    const path = scope[i] ? `${scope[i]}.${name}` : name;
    if (among.has(path)) return path;
  }
  return undefined;
}

/** The scope inside a section or a repetition over `path`: a list's item, or the object. */
function enter(path: string): string {
  return KNOWN_VIEW_PATHS.lists.has(path) ? `${path}[]` : path;
}

/** The problems of one mustache string: unknown names, partials, delimiters changes, syntax errors. */
function checkText(text: string, scope: TScope): string[] {
  let tokens: unknown[];
  try {
    tokens = new Mustache.Writer().parse(text);
  } catch (e) {
    return [`not a valid template: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  const walk = (list: unknown[], s: TScope) => {
    for (const token of list as Array<[string, string, number, number, unknown[]?]>) {
      const [kind, name] = token;
      if (kind === 'name' || kind === '&') {
        if (!resolve(name, s, KNOWN_VIEW_PATHS.leaves)) problems.push(`unknown placeholder {{${name}}}`);
      } else if (kind === '#' || kind === '^') {
        const path = resolve(name, s, KNOWN_VIEW_PATHS.all);
        if (!path) problems.push(`unknown section {{${kind}${name}}}`);
        walk(token[4] ?? [], kind === '#' && path ? [...s, enter(path)] : s);
      } else if (kind === '>' || kind === '=') {
        problems.push(`partials and delimiter changes are not allowed ({{${kind}${name}}})`);
      }
    }
  };
  walk(tokens, scope);
  return problems;
}

/** The problems of a template, each with where it is ("body.3.text"). */
function templateProblems(t: TDocumentTemplate): Array<{ path: (string | number)[]; message: string }> {
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  const text = (value: string | undefined, path: (string | number)[], scope: TScope) => {
    if (value !== undefined) for (const message of checkText(value, scope)) problems.push({ path, message });
  };
  const condition = (c: TTemplateCondition | undefined, path: (string | number)[], scope: TScope) => {
    if (c && !resolve(c.path, scope, KNOWN_VIEW_PATHS.all)) problems.push({ path: [...path, 'when', 'path'], message: `unknown path ${c.path}` });
  };
  /** The scope inside a block's repetition, or a problem when it names no list. */
  const repeated = (repeat: string | undefined, path: (string | number)[]): TScope => {
    if (repeat === undefined) return [''];
    const list = resolve(repeat, [''], KNOWN_VIEW_PATHS.lists);
    if (!list) problems.push({ path: [...path, 'repeat'], message: `${repeat} is not a list` });
    return list ? ['', `${list}[]`] : [''];
  };
  const line = (l: TTemplateLine, path: (string | number)[]) => {
    if (typeof l === 'string') return text(l, path, ['']);
    condition(l.when, path, ['']);
    text(l.text, [...path, 'text'], repeated(l.repeat, path));
  };
  for (const key of ['formCode', 'title', 'subtitle', 'authority'] as const) text(t[key], [key], ['']);
  if (t.header) for (const key of ['parentAgency', 'agency'] as const) text(t.header[key], ['header', key], ['']);
  t.bases.forEach((l, i) => line(l, ['bases', i]));
  t.recipients.forEach((l, i) => line(l, ['recipients', i]));
  t.body.forEach((b, i) => {
    const path = ['body', i];
    condition(b.when, path, ['']);
    const scope = repeated(b.repeat, path);
    if (b.kind === 'table') {
      b.header.forEach((h, j) => text(h, [...path, 'header', j], ['']));
      b.row.forEach((c, j) => text(c, [...path, 'row', j], scope));
    } else {
      text(b.text, [...path, 'text'], scope);
      if (b.kind === 'article') text(b.label, [...path, 'label'], scope);
    }
  });
  t.signature.lines.forEach((l, i) => text(l, ['signature', 'lines', i], ['']));
  text(t.signature.name, ['signature', 'name'], ['']);
  t.otherSignatures?.forEach((o, i) => {
    condition(o.when, ['otherSignatures', i], ['']);
    text(o.title, ['otherSignatures', i, 'title'], ['']);
    text(o.name, ['otherSignatures', i, 'name'], ['']);
  });
  return problems;
}

/** A template, checked: its shape, and every placeholder, section, condition and repetition against the view's paths. */
export const ZDocumentTemplate = ZDocumentTemplateShape.superRefine((t, ctx) => {
  for (const p of templateProblems(t)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});
