/**
 * The procedure editor's model: the definition as the API stores it (domain/procedure.ts; parts the
 * forms do not edit are kept as they are), where each validation issue is shown, and the readable
 * lines of a step for the side-by-side comparison of two versions. Pure functions, tested beside.
 */
import type { TDefinitionIssue, TDiff, TProcedureVersion as TVersionRow } from '../lib/contract/types.js';

/** The API's shapes the editor reads (generated from the OpenAPI document: lib/contract/types.ts). */
export type { TDefinitionIssue, TDiff, TVersionRow };

/*
 * The draft the editor edits. Not the API's type on purpose: a draft under edit holds states the
 * definition's type forbids (an anchor switched from FIELD_DATE to EVENT keeps its stepId until it is
 * saved; a field's type is any string while typed), so these are looser mirrors of
 * domain/procedure.ts, and the server validates the draft against the real type when it is saved
 * (`POST /api/v1/procedures/validate`, `PUT …/draft`). What the API sends is read as
 * `TProcedureDefinition` (lib/contract/types.ts `TProcedure`).
 */

interface TText {
  vi: string;
  en: string;
}

export const DEADLINE_UNITS = ['working_days', 'days', 'months', 'hours'] as const;
export const ANCHOR_KINDS = ['CASE_START', 'STEP_OPENED', 'STEP_COMPLETED', 'STEP_DUE', 'FIELD_DATE', 'EVENT', 'FACT_DATE'] as const;
export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'enum', 'boolean', 'file', 'group'] as const;

export type TAnchorKind = (typeof ANCHOR_KINDS)[number];
export interface TAnchorDef {
  kind: TAnchorKind;
  stepId?: string;
  field?: string;
  event?: string;
  /** FACT_DATE: the case fact whose date the deadline runs from (domain/procedure.ts). */
  fact?: string;
}

interface TDeadlineDef {
  amount: number;
  amountParam?: string;
  unit: string;
  anchor: TAnchorDef;
  legalBasis: string;
  hard?: boolean;
  variants?: unknown[];
  escalation?: unknown[];
  [k: string]: unknown;
}

export interface TFieldDef {
  key: string;
  type: string;
  label: TText;
  required?: boolean;
  [k: string]: unknown;
}

export interface TOutcomeDef {
  id: string;
  title: TText;
  next: string[];
  closesCase?: boolean;
  legalBasis?: string;
  [k: string]: unknown;
}

export interface TStepDef {
  id: string;
  title: TText;
  roles: string[];
  legalBasis?: string;
  form: { fields: TFieldDef[] };
  outcomes: TOutcomeDef[];
  joinOf?: string[];
  deadline?: TDeadlineDef;
  subProcedure?: { procedureId: string; version?: number };
  requiresEvidence?: boolean;
  [k: string]: unknown;
}

export interface TDefinition {
  id: string;
  version: number;
  kind: string;
  title: TText;
  description?: string;
  legalBasis?: string;
  /** A unit's own procedure: the national version it varies and keeps to (docs/adr/0040). */
  variantOf?: { procedureId: string; version: number };
  events: { id: string; title: TText }[];
  /** Facts a parent case hands to this procedure (deadline anchors of kind FACT_DATE). */
  facts?: { key: string; type: string; title: TText }[];
  start: string[];
  steps: TStepDef[];
  [k: string]: unknown;
}

/** The id of the element that shows the problems of `path` (ids cannot hold brackets or dots). */
export function domIdOf(path: string): string {
  return `pe-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '') || 'definition'}`;
}

const STEP_EDITED = new Set(['id', 'title.vi', 'title.en', 'roles', 'legalBasis', 'requiresEvidence']);
const OUTCOME_EDITED = new Set(['id', 'title.vi', 'title.en', 'next', 'closesCase', 'legalBasis']);
const DEADLINE_EDITED = new Set(['amount', 'unit', 'legalBasis', 'hard', 'anchor']);
const FIELD_EDITED = new Set(['key', 'type', 'label.vi', 'label.en', 'required']);
const TOP_EDITED = new Set(['title.vi', 'title.en', 'legalBasis', 'description', 'start']);

/**
 * The path of the form element where an issue is shown: the input it names, or the nearest part
 * of the form that holds it (an outcome's `next[2]` → its list of next steps; a deadline variant →
 * the deadline; anything else of a step → the step). '' is the definition as a whole.
 */
export function anchorOf(path: string): string {
  const strip = (p: string): string => p.replace(/\[\d+\]$/, '');
  const m = /^steps\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (!m) {
    const top = strip(path);
    return TOP_EDITED.has(top) ? top : '';
  }
  const step = `steps[${m[1]}]`;
  const rest = m[2] ?? '';
  if (!rest) return step;
  const o = /^outcomes\[(\d+)\](?:\.(.*))?$/.exec(rest);
  if (o) {
    const at = `${step}.outcomes[${o[1]}]`;
    const part = (o[2] ?? '').replace(/^next\[\d+\].*$/, 'next');
    return OUTCOME_EDITED.has(part) ? `${at}.${part}` : at;
  }
  const d = /^deadline(?:\.(.*))?$/.exec(rest);
  if (d) {
    const part = (d[1] ?? '').replace(/^anchor\..*$/, 'anchor');
    return DEADLINE_EDITED.has(part) ? `${step}.deadline.${part}` : `${step}.deadline`;
  }
  const f = /^form\.fields\[(\d+)\](?:\.(.*))?$/.exec(rest);
  if (f) {
    const at = `${step}.form.fields[${f[1]}]`;
    return FIELD_EDITED.has(f[2] ?? '') ? `${at}.${f[2]}` : at;
  }
  const part = strip(rest);
  return STEP_EDITED.has(part) ? `${step}.${part}` : step;
}

/** Issues grouped by the element that shows them. */
export function issuesByAnchor(issues: readonly TDefinitionIssue[]): Map<string, TDefinitionIssue[]> {
  const map = new Map<string, TDefinitionIssue[]>();
  for (const i of issues) {
    const a = anchorOf(i.path);
    map.set(a, [...(map.get(a) ?? []), i]);
  }
  return map;
}

/** The definition with a new version number, as the start of the next draft. */
export function nextDraft(def: TDefinition, version: number): TDefinition {
  return { ...structuredClone(def), version };
}

/**
 * The first draft of a unit's own procedure from a national version: the same definition under the
 * unit's id, naming the version it varies (the server checks, when it is published, that it keeps
 * to it: domain/procedure-variant.ts).
 */
export function unitVariantDraft(national: TDefinition, variantId: string, version: number): TDefinition {
  return { ...structuredClone(national), id: variantId, version, variantOf: { procedureId: national.id, version: national.version } };
}

/** A new step with an id not used yet, completed by a team lead, ending its branch. */
export function newStep(def: TDefinition): TStepDef {
  const ids = new Set(def.steps.map((s) => s.id));
  let n = def.steps.length + 1;
  while (ids.has(`S${n}`)) n++;
  return { id: `S${n}`, title: { vi: `Bước ${n}`, en: `Step ${n}` }, roles: ['TEAM_LEAD'], form: { fields: [] }, outcomes: [{ id: 'DONE', title: { vi: 'Hoàn thành', en: 'Done' }, next: [] }] };
}

/** A step's deadline with its anchor reduced to what the anchor kind needs. */
export function withAnchorKind(anchor: TAnchorDef, kind: TAnchorKind, firstStep: string): TAnchorDef {
  if (kind === 'STEP_COMPLETED' || kind === 'STEP_DUE') return { kind, stepId: anchor.stepId ?? firstStep };
  if (kind === 'FIELD_DATE') return { kind, stepId: anchor.stepId ?? firstStep, field: anchor.field ?? '' };
  if (kind === 'EVENT') return { kind, event: anchor.event ?? '' };
  if (kind === 'FACT_DATE') return { kind, fact: anchor.fact ?? '' };
  return { kind };
}

// ---------------------------------------------------------------------------------------------
// The diagram: steps and the transitions their outcomes open.

export interface TGraphEdge {
  from: string;
  to: string;
  /** The outcomes that take this transition (several outcomes may lead to the same step). */
  outcomes: { id: string; title: TText }[];
}

export const START_NODE = '__start';
export const END_NODE = '__end';

/** Nodes (the steps, a start and an end) and edges (outcomes), merged per pair of nodes. */
export function procedureGraph(def: Pick<TDefinition, 'start' | 'steps'>): { edges: TGraphEdge[]; hasEnd: boolean } {
  const edges = new Map<string, TGraphEdge>();
  const known = new Set(def.steps.map((s) => s.id));
  const add = (from: string, to: string, outcome?: { id: string; title: TText }): void => {
    const key = `${from}\u0000${to}`;
    const e = edges.get(key) ?? { from, to, outcomes: [] };
    if (outcome) e.outcomes.push(outcome);
    edges.set(key, e);
  };
  for (const s of def.start) if (known.has(s)) add(START_NODE, s);
  let hasEnd = false;
  for (const s of def.steps) {
    for (const o of s.outcomes) {
      const next = o.next.filter((n) => known.has(n));
      for (const n of next) add(s.id, n, { id: o.id, title: o.title });
      if (o.closesCase || o.next.length === 0) {
        add(s.id, END_NODE, { id: o.id, title: o.title });
        hasEnd = true;
      }
    }
  }
  return { edges: [...edges.values()], hasEnd };
}

/** Words of `text` in at most `lines` lines of at most `width` characters; the last ends in … if cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${w}` : w;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    if (line) out.push(line);
    line = w.length > width ? `${w.slice(0, width - 1)}…` : w;
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = last.length >= width ? `${last.slice(0, width - 1)}…` : `${last}…`;
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Side by side: each step as labelled lines, compared line by line.

export interface TLine {
  /** Stable key of the line (the same part in both versions). */
  key: string;
  /** Translation key of the label (admin namespace) and its parameters. */
  label: string;
  params?: Record<string, string>;
  value: string;
}

/** The words a line needs from the interface (units, roles, anchors), in the current language. */
/** A rung of an escalation ladder (domain/procedure.ts ZEscalationRung). */
export interface TRung {
  at: { kind: 'SHARE'; share: number } | { kind: 'BREACH' } | { kind: 'AFTER_BREACH'; hours: number };
  action: string;
  toRole: string;
}

export interface TWords {
  lang: string;
  unit(unit: string, amount: number): string;
  role(role: string): string;
  anchor(anchor: TAnchorDef): string;
  fieldType(type: string): string;
  /** One rung of an escalation ladder, e.g. "60 %: warn → Inspector". */
  rung(rung: TRung): string;
  yes: string;
  required: string;
  closes: string;
  end: string;
  /** A field's other property in words (`diff.extras.<key>` with its values), or undefined for one it has no words for. */
  extra?(key: string, params: Record<string, string | number>): string | undefined;
}

const text = (t: TText | undefined, lang: string): string => (!t ? '' : lang === 'en' ? t.en : t.vi);
const compact = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));

const CORE_FIELD_KEYS = ['key', 'type', 'label', 'required'];

/** A prefill's source as values for its words (`diff.extras.prefill_<from>`). */
function prefillParams(p: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
}

/**
 * The other properties of a field, readable: in the interface's words when it has them ("tối đa 200
 * ký tự", "không sau hôm nay", the help text, the options' labels), else compactly (`k: v`).
 */
function extrasOf(f: TFieldDef, w: TWords): string {
  const said = (key: string, params: Record<string, string | number> = {}): string | undefined => w.extra?.(key, params);
  return Object.entries(f)
    .filter(([k]) => !CORE_FIELD_KEYS.includes(k))
    .map(([k, v]) => {
      if (k === 'help' && typeof v === 'object' && v !== null) return said('help', { text: text(v as TText, w.lang) }) ?? `${k}: ${text(v as TText, w.lang)}`;
      if (k === 'prefill' && typeof v === 'object' && v !== null) {
        const p = v as Record<string, unknown>;
        return said(`prefill_${String(p.from)}`, prefillParams(p)) ?? `${k}: ${JSON.stringify(v)}`;
      }
      if (k === 'options' && Array.isArray(v)) {
        const labels = v.map((o) => (typeof o === 'object' && o !== null && 'label' in o ? text((o as { label: TText }).label, w.lang) : String((o as { value?: unknown }).value ?? o)));
        return said('options', { list: labels.join(', ') }) ?? `${k}: ${labels.join(', ')}`;
      }
      if (k === 'fields' && Array.isArray(v)) {
        const labels = (v as TFieldDef[]).map((x) => text(x.label, w.lang) || x.key);
        return said('fields', { list: labels.join(', ') }) ?? `${k}: ${labels.join(', ')}`;
      }
      if (v === true) return said(k) ?? k;
      if (typeof v === 'number' || typeof v === 'string') return said(k, { n: v, value: v }) ?? `${k}: ${String(v)}`;
      if (Array.isArray(v)) return said(k, { list: v.map(String).join(', ') }) ?? `${k}: ${v.map(String).join(', ')}`;
      if (typeof v === 'object' && v !== null) return `${k}: ${JSON.stringify(v)}`;
      return `${k}: ${String(v)}`;
    })
    .join('; ');
}

function fieldLine(f: TFieldDef, w: TWords): string {
  const extras = extrasOf(f, w);
  return `${text(f.label, w.lang)} (${w.fieldType(f.type)}${f.required ? `, ${w.required}` : ''})${extras ? ` — ${extras}` : ''}`;
}

/** A step as lines people read: title, roles, deadline, form, outcomes, and the rest compactly. */
export function stepLines(s: TStepDef, w: TWords): TLine[] {
  const lines: TLine[] = [
    { key: 'title', label: 'diff.lines.title', value: text(s.title, w.lang) },
    { key: 'roles', label: 'diff.lines.roles', value: s.roles.map((r) => w.role(r)).join(', ') },
  ];
  if (s.legalBasis) lines.push({ key: 'legalBasis', label: 'diff.lines.legalBasis', value: s.legalBasis });
  if (s.deadline) {
    const d = s.deadline;
    lines.push({
      key: 'deadline',
      label: 'diff.lines.deadline',
      value: `${w.unit(d.unit, d.amount)}${d.amountParam ? ` [${d.amountParam}]` : ''}, ${w.anchor(d.anchor)}${d.hard ? ` · ${w.yes}` : ''}`,
    });
    lines.push({ key: 'deadline.legalBasis', label: 'diff.lines.deadlineBasis', value: d.legalBasis });
    if (d.variants?.length) lines.push({ key: 'deadline.variants', label: 'diff.lines.variants', value: compact(d.variants) });
    if (d.escalation?.length) lines.push({ key: 'deadline.escalation', label: 'diff.lines.escalation', value: (d.escalation as TRung[]).map((r) => w.rung(r)).join('; ') });
  }
  s.form.fields.forEach((f) => lines.push({ key: `field:${f.key}`, label: 'diff.lines.field', params: { key: f.key }, value: fieldLine(f, w) }));
  s.outcomes.forEach((o) =>
    lines.push({
      key: `outcome:${o.id}`,
      label: 'diff.lines.outcome',
      params: { id: o.id },
      value: `${text(o.title, w.lang)} → ${o.next.length ? o.next.join(', ') : w.end}${o.closesCase ? ` (${w.closes})` : ''}${o.legalBasis ? ` · ${o.legalBasis}` : ''}${o.requires ? ` ${compact(o.requires)}` : ''}`,
    }),
  );
  if (s.joinOf?.length) lines.push({ key: 'joinOf', label: 'diff.lines.joinOf', value: s.joinOf.join(', ') });
  if (s.subProcedure) lines.push({ key: 'subProcedure', label: 'diff.lines.subProcedure', value: `${s.subProcedure.procedureId}${s.subProcedure.version ? `@${s.subProcedure.version}` : ''}` });
  if (s.requiresEvidence) lines.push({ key: 'requiresEvidence', label: 'diff.lines.requiresEvidence', value: w.yes });
  for (const k of ['extension', 'pause', 'guard'] as const) if (s[k] !== undefined) lines.push({ key: k, label: `diff.lines.${k}`, value: compact(s[k]) });
  return lines;
}

/** The procedure's own lines (title, legal basis, start steps, events). */
export function headLines(d: TDefinition, w: TWords): TLine[] {
  return [
    { key: 'title', label: 'diff.lines.title', value: text(d.title, w.lang) },
    { key: 'legalBasis', label: 'diff.lines.legalBasis', value: d.legalBasis ?? '' },
    { key: 'start', label: 'diff.lines.start', value: d.start.join(', ') },
    { key: 'events', label: 'diff.lines.events', value: d.events.map((e) => `${e.id} (${text(e.title, w.lang)})`).join(', ') },
  ];
}

export interface TSideRow {
  key: string;
  label: string;
  params?: Record<string, string>;
  before?: string;
  after?: string;
  changed: boolean;
}

/** The lines of both versions side by side, in the order of the newer one, then those it dropped. */
export function sideBySide(before: TLine[] | undefined, after: TLine[] | undefined): TSideRow[] {
  const a = new Map((before ?? []).map((l) => [l.key, l]));
  const b = new Map((after ?? []).map((l) => [l.key, l]));
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return keys.map((key) => {
    const x = a.get(key);
    const y = b.get(key);
    const l = (y ?? x)!;
    return { key, label: l.label, ...(l.params ? { params: l.params } : {}), ...(x ? { before: x.value } : {}), ...(y ? { after: y.value } : {}), changed: x?.value !== y?.value };
  });
}

/** Step ids of both versions: the newer one's order, then the removed ones. */
export function stepIdsOf(before: TDefinition, after: TDefinition): string[] {
  const ids = after.steps.map((s) => s.id);
  return [...ids, ...before.steps.map((s) => s.id).filter((id) => !ids.includes(id))];
}
