/**
 * The step form in the browser: its state as typed, checked as the officer types against the same
 * field definition the server checks (domain/forms.ts), with messages from the translation files,
 * and turned into the data the API expects. The server checks again and has the last word.
 */
import { VIOLATION_CODE } from '../../../domain/violation-catalogue.js';
import { formatIsoDate, formatMoney, parseViDate } from '../lib/format.js';
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

/** `1.500.000` or `1 500 000` → 1500000; undefined when it is not a whole amount. */
export function parseMoney(text: string): number | undefined {
  const digits = text.replace(/[.\s\u00a0₫]/g, '');
  if (!/^\d{1,16}$/.test(digits)) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `1,5` or `1.5` → 1.5. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

function check(field: TField, value: TFieldValue, path: string, today: string, issues: Record<string, TIssue>, data: Record<string, unknown>): void {
  const add = (key: string, params?: TIssue['params']): void => {
    issues[path] ??= { key, ...(params ? { params } : {}) };
  };
  const isEmpty = (field.type === 'file' || field.type === 'group') ? (value as unknown[]).length === 0 : field.type === 'boolean' ? false : String(value).trim() === '';
  if (isEmpty) {
    if (field.required) add('required');
    return;
  }
  switch (field.type) {
    case 'text': {
      const v = value as string;
      if (field.minLength !== undefined && v.length < field.minLength) add('minLength', { n: field.minLength });
      if (field.maxLength !== undefined && v.length > field.maxLength) add('maxLength', { n: field.maxLength });
      if (field.pattern !== undefined && !new RegExp(field.pattern).test(v)) add('pattern');
      data[field.key] = v;
      return;
    }
    case 'number': {
      const n = parseNumber(value as string);
      if (n === undefined) return add('number');
      if (field.integer && !Number.isInteger(n)) add('integer');
      if (field.min !== undefined && n < field.min) add('min', { n: field.min });
      if (field.max !== undefined && n > field.max) add('max', { n: field.max });
      data[field.key] = n;
      return;
    }
    case 'money': {
      const n = parseMoney(value as string);
      if (n === undefined) return add('money');
      if (field.min !== undefined && n < field.min) add('moneyMin', { n: formatMoney(field.min) });
      if (field.max !== undefined && n > field.max) add('moneyMax', { n: formatMoney(field.max) });
      data[field.key] = n;
      return;
    }
    case 'date': {
      const iso = parseViDate(value as string);
      if (!iso) return add('date');
      if (field.notInFuture && iso > today) add('dateFuture', { today: formatIsoDate(today) });
      data[field.key] = iso;
      return;
    }
    case 'enum':
      if (!(field.options ?? []).some((o) => o.value === value)) return add('enum');
      data[field.key] = value;
      return;
    case 'boolean':
      data[field.key] = value;
      return;
    case 'violation':
      // A catalogue code, picked from the list (the server stores the catalogue's facts with it).
      if (!VIOLATION_CODE.test(value as string)) return add('violation');
      data[field.key] = value;
      return;
    case 'file': {
      const files = value as TFileRef[];
      if (field.minFiles !== undefined && files.length < field.minFiles) add('minFiles', { n: field.minFiles });
      if (field.maxFiles !== undefined && files.length > field.maxFiles) add('maxFiles', { n: field.maxFiles });
      data[field.key] = files;
      return;
    }
    case 'group': {
      const rows = value as TGroupRow[];
      if (field.minItems !== undefined && rows.length < field.minItems) add('minItems', { n: field.minItems });
      if (field.maxItems !== undefined && rows.length > field.maxItems) add('maxItems', { n: field.maxItems });
      data[field.key] = rows.map((row, i) => {
        const rowData: Record<string, unknown> = {};
        for (const sub of field.fields ?? []) check(sub, row[sub.key] ?? emptyValue(sub), `${path}.${i}.${sub.key}`, today, issues, rowData);
        return rowData;
      });
      return;
    }
  }
}

/**
 * Checks the form as typed; returns the API's data (empty fields left out, as the server expects)
 * and the problems by field path (`acts.0.description`). `today` is Vietnam's date, YYYY-MM-DD.
 */
export function validateValues(fields: TField[], values: TFormValues, today: string): { data: Record<string, unknown>; issues: Record<string, TIssue> } {
  const data: Record<string, unknown> = {};
  const issues: Record<string, TIssue> = {};
  for (const field of fields) check(field, values[field.key] ?? emptyValue(field), field.key, today, issues, data);
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
