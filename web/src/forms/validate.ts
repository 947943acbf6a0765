/**
 * The step form in the browser: its state as typed, checked as the officer types against the same
 * field definition the server checks (domain/forms.ts), with messages from the translation files,
 * and turned into the data the API expects. The server checks again and has the last word.
 */
import { checkForm, formIssueMessage, type TFormCheck, type TFormIssueCode } from '../../../domain/forms.js';
import { formatIsoDate, formatMoney, formatThousands, readViDate } from '../lib/format.js';
import type { TField, TFileRef } from '../lib/contract/types.js';

export type TGroupRow = { [key: string]: TFieldValue };
export type TFieldValue = string | boolean | TFileRef[] | TGroupRow[];
export type TFormValues = Record<string, TFieldValue>;

/** A problem with one field: a key of `validation.*` and its parameters. */
export interface TIssue {
  key: string;
  params?: Record<string, string | number>;
  /** The server's own words, for a problem only the server found. */
  text?: string;
}

export function emptyValue(field: TField): TFieldValue {
  switch (field.type) {
    case 'boolean':
      return false;
    case 'file':
      return [];
    case 'group':
      // A required list starts with the rows it needs, so the officer sees what to fill in.
      return Array.from({ length: field.required ? Math.max(1, field.minItems ?? 1) : 0 }, () => initialValues(field.fields ?? []));
    default:
      return '';
  }
}

export function initialValues(fields: TField[]): TFormValues {
  return Object.fromEntries(fields.map((f) => [f.key, emptyValue(f)]));
}

/** A default as the API's form data holds it (YYYY-MM-DD, đồng, file references), as the officer would have typed it. */
function typedValue(field: TField, v: unknown): TFieldValue | undefined {
  switch (field.type) {
    case 'text':
    case 'enum':
      return typeof v === 'string' ? v : undefined;
    case 'date':
      return typeof v === 'string' ? formatIsoDate(v) : undefined;
    case 'money':
      return typeof v === 'number' ? formatThousands(v) : undefined;
    case 'number':
      return typeof v === 'number' ? String(v) : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'file':
      return Array.isArray(v) ? (v as TFileRef[]) : undefined;
    default:
      return undefined;
  }
}

/**
 * The form as it starts when the case already knows some of it (the step's defaults, docs/adr/0116):
 * each default as if typed, every other field empty. The officer may change any of them.
 */
export function prefilledValues(fields: TField[], defaults: Record<string, unknown>): TFormValues {
  const values = initialValues(fields);
  for (const f of fields) {
    const typed = defaults[f.key] === undefined ? undefined : typedValue(f, defaults[f.key]);
    if (typed !== undefined) values[f.key] = typed;
  }
  return values;
}

/** `1.500.000` or `1 500 000` → 1500000; undefined when it is not a whole amount. */
export function parseMoney(text: string): number | undefined {
  const digits = text.replace(/[.\s\u00a0₫]/g, '');
  if (!/^\d{1,16}$/.test(digits)) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `1,5` or `1.5` → 1.5. */
function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * The form as typed turned into the API's data (empty fields left out, as the server expects),
 * with a problem for each value that cannot be read (a number, an amount, a date dd/mm/yyyy).
 */
function readValue(field: TField, value: TFieldValue, path: string, issues: Record<string, TIssue>, data: Record<string, unknown>): void {
  const isEmpty = field.type === 'file' || field.type === 'group' ? (value as unknown[]).length === 0 : field.type === 'boolean' ? false : String(value).trim() === '';
  if (isEmpty) return;
  const unreadable = (key: string): void => {
    issues[path] ??= { key };
  };
  switch (field.type) {
    case 'number': {
      const n = parseNumber(value as string);
      if (n === undefined) return unreadable('number');
      data[field.key] = n;
      return;
    }
    case 'money': {
      const n = parseMoney(value as string);
      if (n === undefined) return unreadable('money');
      data[field.key] = n;
      return;
    }
    case 'date': {
      const typed = readViDate(value as string);
      if (typed.kind !== 'date') {
        issues[path] ??= dateIssue(value as string) ?? { key: 'date' };
        return;
      }
      data[field.key] = typed.iso;
      return;
    }
    case 'group':
      data[field.key] = (value as TGroupRow[]).map((row, i) => {
        const rowData: Record<string, unknown> = {};
        for (const sub of field.fields ?? []) readValue(sub, row[sub.key] ?? emptyValue(sub), `${path}.${i}.${sub.key}`, issues, rowData);
        return rowData;
      });
      return;
    default:
      data[field.key] = value;
  }
}

/**
 * The problem of a date as typed, in the words of `validation.*`: not written as a date (`date`),
 * a day that does not exist (`noSuchDate`, "Không có ngày 31/02/2026"), before `min` or after
 * `max` (`dateMin`, `dateMax`; YYYY-MM-DD). Undefined when the field is empty or the date is fine.
 */
export function dateIssue(text: string, bounds: { min?: string | undefined; max?: string | undefined } = {}): TIssue | undefined {
  const typed = readViDate(text);
  switch (typed.kind) {
    case 'empty':
      return undefined;
    case 'format':
      return { key: 'date' };
    case 'noSuchDate':
      return { key: 'noSuchDate', params: { date: typed.typed } };
    case 'date':
      if (bounds.min && typed.iso < bounds.min) return { key: 'dateMin', params: { date: formatIsoDate(bounds.min) } };
      if (bounds.max && typed.iso > bounds.max) return { key: 'dateMax', params: { date: formatIsoDate(bounds.max) } };
      return undefined;
  }
}

/** The words of the translation files (`validation.*`) for a problem the shared check found. */
const MESSAGE_KEYS: ReadonlySet<TFormIssueCode> = new Set<TFormIssueCode>([
  'required',
  'text',
  'minLength',
  'maxLength',
  'pattern',
  'number',
  'integer',
  'min',
  'max',
  'money',
  'moneyMin',
  'moneyMax',
  'date',
  'dateFuture',
  'enum',
  'minFiles',
  'maxFiles',
  'minItems',
  'maxItems',
  'violation',
]);

function issueOf(check: TFormCheck): TIssue {
  if (!MESSAGE_KEYS.has(check.code)) return { key: 'rule', params: { text: formIssueMessage(check) } };
  const { n, today } = check.params ?? {};
  // Amounts and dates as Vietnamese documents write them.
  if (n !== undefined) return { key: check.code, params: { n: check.code === 'moneyMin' || check.code === 'moneyMax' ? formatMoney(n) : n } };
  if (today !== undefined) return { key: check.code, params: { today: formatIsoDate(today) } };
  return { key: check.code };
}

/**
 * Checks the form as typed with the server's own check (domain/forms.ts); returns the API's data
 * (empty fields left out, as the server expects) and the first problem by field path
 * (`acts.0.description`). `today` is Vietnam's date, YYYY-MM-DD.
 */
export function validateValues(fields: TField[], values: TFormValues, today: string): { data: Record<string, unknown>; issues: Record<string, TIssue> } {
  const data: Record<string, unknown> = {};
  const issues: Record<string, TIssue> = {};
  for (const field of fields) readValue(field, values[field.key] ?? emptyValue(field), field.key, issues, data);
  for (const check of checkForm(fields, data, today)) issues[check.path] ??= issueOf(check);
  return { data, issues };
}

/** Every file reference in the form as typed (a step that requires evidence needs one). */
export function filesIn(fields: TField[], values: TFormValues): TFileRef[] {
  const out: TFileRef[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'file' && Array.isArray(v)) out.push(...(v as TFileRef[]));
    if (f.type === 'group' && Array.isArray(v)) for (const row of v as TGroupRow[]) out.push(...filesIn(f.fields ?? [], row));
  }
  return out;
}
