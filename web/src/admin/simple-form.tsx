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
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
          {required && (
            <span className="req" aria-hidden="true">
              {' '}*
            </span>
          )}
        </label>
        {help && (
          <p className="field-help" id={`${id}-help`}>
            {help}
          </p>
        )}
      </div>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), 'aria-describedby': describedBy })}
      <p className="field-error" id={`${id}-error`} {...(error ? { 'data-testid': 'field-error' } : {})}>
        {error ?? ''}
      </p>
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
