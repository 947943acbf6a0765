/**
 * Plain labelled fields for the admin and registry forms, and the server's field errors mapped to
 * them: a 400 (or a 409/422 naming a field) lists its issues in `details`, shown in place.
 */
import type { ReactNode } from 'react';
import { validationIssues, type ApiError } from '../lib/api.js';
import type { TValidationIssue } from '../lib/contract/types.js';

export interface TControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby': string;
}

/**
 * A field: label and optional help, the control (given its accessibility props), its problem line.
 * In a `form-grid aligned` the three line up across a row (CSS subgrid), whatever wraps.
 */
export function Field({
  id,
  label,
  help,
  error,
  wide,
  required,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  wide?: boolean;
  required?: boolean;
  className?: string;
  children: (props: TControlProps) => ReactNode;
}) {
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
            {' '}
            *
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

/** The server's issues by field path (`bracket.min`, `address.province`), the first of a field winning. */
export function serverIssues(err: ApiError | undefined): Record<string, TValidationIssue> {
  const out: Record<string, TValidationIssue> = {};
  for (const i of validationIssues(err)) if (i.path) out[i.path] ??= i;
  return out;
}

/** The server's sentences by field path, for the admin forms (which show them as the server words them). */
export function serverFieldErrors(err: ApiError | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(serverIssues(err)).map(([path, i]) => [path, i.message]));
}
