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

export type TFormData = Record<string, unknown>;

function isFileRef(v: unknown): v is TFileRef {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256) &&
    typeof f.name === 'string' && f.name.length > 0 && f.name.length <= 255 &&
    typeof f.size === 'number' && Number.isInteger(f.size) && f.size >= 0 &&
    typeof f.mime === 'string' && f.mime.length > 0
  );
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function validateValue(field: TField, value: unknown, path: string, today: string, issues: TFormIssue[]): void {
  const add = (message: string): void => {
    issues.push({ path, message });
  };
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return add('must be text');
      if (field.minLength !== undefined && value.length < field.minLength) add(`must have at least ${field.minLength} characters`);
      if (field.maxLength !== undefined && value.length > field.maxLength) add(`must have at most ${field.maxLength} characters`);
      if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) add('has the wrong format');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return add('must be a number');
      if (field.integer && !Number.isInteger(value)) add('must be a whole number');
      if (field.min !== undefined && value < field.min) add(`must be at least ${field.min}`);
      if (field.max !== undefined && value > field.max) add(`must be at most ${field.max}`);
      return;
    case 'money':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return add('must be a whole, non-negative amount of đồng');
      if (field.min !== undefined && value < field.min) add(`must be at least ${field.min} đồng`);
      if (field.max !== undefined && value > field.max) add(`must be at most ${field.max} đồng`);
      return;
    case 'date':
      if (typeof value !== 'string' || !isValidDate(value)) return add('must be a date YYYY-MM-DD');
      if (field.notInFuture && value > today) add(`must not be after today (${today})`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !field.options.some((o) => o.value === value)) {
        add(`must be one of ${field.options.map((o) => o.value).join(', ')}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') add('must be true or false');
      return;
    case 'file': {
      if (!Array.isArray(value)) return add('must be a list of file references');
      value.forEach((f, i) => {
        if (!isFileRef(f)) issues.push({ path: `${path}.${i}`, message: 'must be a file reference {sha256, name, size, mime}' });
      });
      if (field.minFiles !== undefined && value.length < field.minFiles) add(`needs at least ${field.minFiles} file(s)`);
      if (field.maxFiles !== undefined && value.length > field.maxFiles) add(`takes at most ${field.maxFiles} file(s)`);
      return;
    }
    case 'violation':
      // A catalogue code (the case stores the row's facts with it; see domain/violation-catalogue.ts).
      if (!VIOLATION_CODE.test(violationCodeOf(value) ?? '')) add('must be a violation code of the catalogue, such as ND98/2020:17.1.c');
      return;
    case 'group': {
      if (!Array.isArray(value)) return add('must be a list');
      if (field.minItems !== undefined && value.length < field.minItems) add(`needs at least ${field.minItems} item(s)`);
      if (field.maxItems !== undefined && value.length > field.maxItems) add(`takes at most ${field.maxItems} item(s)`);
      value.forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          issues.push({ path: `${path}.${i}`, message: 'must be an object' });
          return;
        }
        validateFields(field.fields, item as TFormData, `${path}.${i}.`, today, issues);
      });
      return;
    }
  }
}

function validateFields(fields: TField[], data: TFormData, prefix: string, today: string, issues: TFormIssue[]): void {
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ path: `${prefix}${key}`, message: 'is not a field of this form' });
  }
  for (const field of fields) {
    const value = data[field.key];
    if (empty(value) && !(field.type === 'boolean' && value === false)) {
      if (field.required) issues.push({ path: `${prefix}${field.key}`, message: 'is required' });
      continue;
    }
    validateValue(field, value, `${prefix}${field.key}`, today, issues);
  }
}

/**
 * Checks `data` against `fields`. `today` (YYYY-MM-DD, Vietnam) judges `notInFuture` dates.
 * Returns the issues, empty when the data is valid.
 */
export function validateForm(fields: TField[], data: unknown, today: string): TFormIssue[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ path: '', message: 'form data must be an object' }];
  const issues: TFormIssue[] = [];
  validateFields(fields, data as TFormData, '', today, issues);
  return issues;
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
