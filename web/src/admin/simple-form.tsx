/**
 * Plain labelled fields for the admin and registry forms, and the server's field errors mapped to
 * them: a 400 names the field (`path: message`, and all of them in `details`), shown in place.
 */
import type { ReactNode } from 'react';
import type { ApiError } from '../lib/api.js';

export interface TControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby': string;
}

/**
 * A field: label and optional help, the control (given its accessibility props), its problem line.
 * In a `form-grid aligned` the three line up across a row (CSS subgrid), whatever wraps.
 */
export function Field({ id, label, help, error, wide, required, className, children }: { id: string; label: ReactNode; help?: ReactNode; error?: string; wide?: boolean; required?: boolean; className?: string; children: (props: TControlProps) => ReactNode }) {
  const describedBy = [help ? `${id}-help` : '', `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field ${wide ? 'field-wide' : ''} ${className ?? ''}`}>
      <FieldHead htmlFor={id} label={label} required={required} help={help} helpId={`${id}-help`} />
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), 'aria-describedby': describedBy })}
      <p className="field-error" id={`${id}-error`} {...(error ? { 'data-testid': 'field-error' } : {})}>
        {error ?? ''}
      </p>
    </div>
  );
}

/** A field's label (starred when required) and its help line, if any. */
export function FieldHead({ htmlFor, label, required, help, helpId }: { htmlFor: string; label: ReactNode; required?: boolean | undefined; help?: ReactNode; helpId: string }) {
  return (
    <div className="field-head">
      <label htmlFor={htmlFor} className="field-label">
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label after it. */
export function CheckboxField({ id, label, checked, disabled, onChange }: { id: string; label: ReactNode; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id} className="field-label">
        {label}
      </label>
    </div>
  );
}

/**
 * The server's complaints by field path (`bracket.min`, `address.province`): from `details` when it
 * lists issues (zod issues or `{path, message}`), else from the message's `path: message` form.
 */
export function serverFieldErrors(err: ApiError | undefined): Record<string, string> {
  if (!err || err.status !== 400 && err.status !== 409 && err.status !== 422) return {};
  const out: Record<string, string> = {};
  if (Array.isArray(err.details)) {
    for (const d of err.details as { path?: unknown; message?: unknown }[]) {
      const path = Array.isArray(d.path) ? d.path.join('.') : typeof d.path === 'string' ? d.path : '';
      if (path && typeof d.message === 'string' && !out[path]) out[path] = d.message;
    }
  }
  const m = /^([A-Za-z][\w.]*): ([\s\S]+)$/.exec(err.message);
  if (m && !out[m[1]!]) out[m[1]!] = m[2]!;
  return out;
}
