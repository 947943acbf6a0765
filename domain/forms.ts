/**
 * Validation of the data submitted to a step against the step's form definition. The UI renders
 * the same definition and validates as the officer types; the workflow validates again, since the
 * server is the one that must not be fooled.
 */
import { isValidDate } from './calendar.js';
import type { TField } from './procedure.js';
import { VIOLATION_CODE, violationCodeOf } from './violation-catalogue.js';

/** A reference to a stored file (evidence), content-addressed. */
export interface TFileRef {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

export interface TFormIssue {
  /** e.g. `items.2.quantity` */
  path: string;
  message: string;
}

/**
 * What is wrong with one value, as data: the web app words it from its translation files
 * (`validation.<code>`), the server in English ({@link formIssueMessage}).
 */
export type TFormIssueCode =
  | 'notObject'
  | 'unknownField'
  | 'required'
  | 'text'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'number'
  | 'integer'
  | 'min'
  | 'max'
  | 'money'
  | 'moneyMin'
  | 'moneyMax'
  | 'date'
  | 'dateFuture'
  | 'enum'
  | 'boolean'
  | 'files'
  | 'fileRef'
  | 'minFiles'
  | 'maxFiles'
  | 'violation'
  | 'list'
  | 'object'
  | 'minItems'
  | 'maxItems';

export interface TFormCheck {
  /** e.g. `items.2.quantity` */
  path: string;
  code: TFormIssueCode;
  /** `n` for a bound, `today` for a date in the future, `options` for a choice. */
  params?: { n?: number; today?: string; options?: string[] };
}

export type TFormData = Record<string, unknown>;

/**
 * What the checks read of a field: the procedure's `TField` (domain/procedure.ts), or the same
 * definition as the web app receives it.
 */
export interface TCheckedField {
  key: string;
  type: string;
  required?: boolean | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  integer?: boolean | undefined;
  notInFuture?: boolean | undefined;
  options?: readonly { value: string }[] | undefined;
  minFiles?: number | undefined;
  maxFiles?: number | undefined;
  minItems?: number | undefined;
  maxItems?: number | undefined;
  fields?: readonly TCheckedField[] | undefined;
}

function isFileRef(v: unknown): v is TFileRef {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256) &&
    typeof f.name === 'string' &&
    f.name.length > 0 &&
    f.name.length <= 255 &&
    typeof f.size === 'number' &&
    Number.isInteger(f.size) &&
    f.size >= 0 &&
    typeof f.mime === 'string' &&
    f.mime.length > 0
  );
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function checkValue(field: TCheckedField, value: unknown, path: string, today: string, issues: TFormCheck[]): void {
  const add = (code: TFormIssueCode, params?: TFormCheck['params']): void => {
    issues.push({ path, code, ...(params ? { params } : {}) });
  };
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return add('text');
      if (field.minLength !== undefined && value.length < field.minLength) add('minLength', { n: field.minLength });
      if (field.maxLength !== undefined && value.length > field.maxLength) add('maxLength', { n: field.maxLength });
      if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) add('pattern');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return add('number');
      if (field.integer && !Number.isInteger(value)) add('integer');
      if (field.min !== undefined && value < field.min) add('min', { n: field.min });
      if (field.max !== undefined && value > field.max) add('max', { n: field.max });
      return;
    case 'money':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return add('money');
      if (field.min !== undefined && value < field.min) add('moneyMin', { n: field.min });
      if (field.max !== undefined && value > field.max) add('moneyMax', { n: field.max });
      return;
    case 'date':
      if (typeof value !== 'string' || !isValidDate(value)) return add('date');
      if (field.notInFuture && value > today) add('dateFuture', { today });
      return;
    case 'enum': {
      const options = (field.options ?? []).map((o) => o.value);
      if (typeof value !== 'string' || !options.includes(value)) add('enum', { options });
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') add('boolean');
      return;
    case 'file': {
      if (!Array.isArray(value)) return add('files');
      value.forEach((f, i) => {
        if (!isFileRef(f)) issues.push({ path: `${path}.${i}`, code: 'fileRef' });
      });
      if (field.minFiles !== undefined && value.length < field.minFiles) add('minFiles', { n: field.minFiles });
      if (field.maxFiles !== undefined && value.length > field.maxFiles) add('maxFiles', { n: field.maxFiles });
      return;
    }
    case 'violation':
      // A catalogue code (the case stores the row's facts with it; see domain/violation-catalogue.ts).
      if (!VIOLATION_CODE.test(violationCodeOf(value) ?? '')) add('violation');
      return;
    case 'group': {
      if (!Array.isArray(value)) return add('list');
      if (field.minItems !== undefined && value.length < field.minItems) add('minItems', { n: field.minItems });
      if (field.maxItems !== undefined && value.length > field.maxItems) add('maxItems', { n: field.maxItems });
      value.forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          issues.push({ path: `${path}.${i}`, code: 'object' });
          return;
        }
        checkFields(field.fields ?? [], item as TFormData, `${path}.${i}.`, today, issues);
      });
      return;
    }
  }
}

function checkFields(fields: readonly TCheckedField[], data: TFormData, prefix: string, today: string, issues: TFormCheck[]): void {
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ path: `${prefix}${key}`, code: 'unknownField' });
  }
  for (const field of fields) {
    const value = data[field.key];
    if (empty(value) && !(field.type === 'boolean' && value === false)) {
      if (field.required) issues.push({ path: `${prefix}${field.key}`, code: 'required' });
      continue;
    }
    checkValue(field, value, `${prefix}${field.key}`, today, issues);
  }
}

/**
 * Checks `data` against `fields`, the same in the browser and on the server. `today`
 * (YYYY-MM-DD, Vietnam) judges `notInFuture` dates. Returns the issues, empty when the data is
 * valid; a path may have more than one, the first being the one to show.
 */
export function checkForm(fields: readonly TCheckedField[], data: unknown, today: string): TFormCheck[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ path: '', code: 'notObject' }];
  const issues: TFormCheck[] = [];
  checkFields(fields, data as TFormData, '', today, issues);
  return issues;
}

/** An issue in the server's words (the API's refusal details). */
export function formIssueMessage(issue: TFormCheck): string {
  const { n, today, options } = issue.params ?? {};
  switch (issue.code) {
    case 'notObject':
      return 'form data must be an object';
    case 'unknownField':
      return 'is not a field of this form';
    case 'required':
      return 'is required';
    case 'text':
      return 'must be text';
    case 'minLength':
      return `must have at least ${n} characters`;
    case 'maxLength':
      return `must have at most ${n} characters`;
    case 'pattern':
      return 'has the wrong format';
    case 'number':
      return 'must be a number';
    case 'integer':
      return 'must be a whole number';
    case 'min':
      return `must be at least ${n}`;
    case 'max':
      return `must be at most ${n}`;
    case 'money':
      return 'must be a whole, non-negative amount of đồng';
    case 'moneyMin':
      return `must be at least ${n} đồng`;
    case 'moneyMax':
      return `must be at most ${n} đồng`;
    case 'date':
      return 'must be a date YYYY-MM-DD';
    case 'dateFuture':
      return `must not be after today (${today})`;
    case 'enum':
      return `must be one of ${(options ?? []).join(', ')}`;
    case 'boolean':
      return 'must be true or false';
    case 'files':
      return 'must be a list of file references';
    case 'fileRef':
      return 'must be a file reference {sha256, name, size, mime}';
    case 'minFiles':
      return `needs at least ${n} file(s)`;
    case 'maxFiles':
      return `takes at most ${n} file(s)`;
    case 'violation':
      return 'must be a violation code of the catalogue, such as ND98/2020:17.1.c';
    case 'list':
      return 'must be a list';
    case 'object':
      return 'must be an object';
    case 'minItems':
      return `needs at least ${n} item(s)`;
    case 'maxItems':
      return `takes at most ${n} item(s)`;
  }
}

/**
 * Checks `data` against `fields`. `today` (YYYY-MM-DD, Vietnam) judges `notInFuture` dates.
 * Returns the issues in English, empty when the data is valid.
 */
export function validateForm(fields: TField[], data: unknown, today: string): TFormIssue[] {
  return checkForm(fields, data, today).map((i) => ({ path: i.path, message: formIssueMessage(i) }));
}

/** Every file reference in a form's data (for the case's evidence list). */
export function fileRefsIn(fields: TField[], data: TFormData): TFileRef[] {
  return fileRefsAt(fields, data).map((x) => x.ref);
}

/** Every file reference in a form's data with its path (`photos.0`, `items.2.scan.0`), in form order. */
export function fileRefsAt(fields: TField[], data: TFormData, prefix = ''): { path: string; ref: TFileRef }[] {
  const out: { path: string; ref: TFileRef }[] = [];
  for (const field of fields) {
    const v = data[field.key];
    if (!Array.isArray(v)) continue;
    if (field.type === 'file') v.forEach((ref, i) => isFileRef(ref) && out.push({ path: `${prefix}${field.key}.${i}`, ref }));
    if (field.type === 'group') v.forEach((item, i) => item && typeof item === 'object' && out.push(...fileRefsAt(field.fields, item as TFormData, `${prefix}${field.key}.${i}.`)));
  }
  return out;
}

/** The form data with every sensitive field replaced by a marker (for the read model and the audit log). */
export function redactForm(fields: TField[], data: TFormData): TFormData {
  const out: TFormData = { ...data };
  for (const field of fields) {
    const v = data[field.key];
    if (v === undefined) continue;
    if (field.sensitive) out[field.key] = '[protected]';
    else if (field.type === 'group' && Array.isArray(v)) out[field.key] = v.map((item) => (item && typeof item === 'object' ? redactForm(field.fields, item as TFormData) : item));
  }
  return out;
}
