/**
 * Inputs of the admin forms: each labelled, with the problems the server found at its path shown
 * beneath it and tied to it for screen readers (the line is always there, so nothing jumps).
 */
import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionIssueText } from '../lib/error-text.js';
import { domIdOf, type TDefinitionIssue } from './model.js';
import { FieldHead } from './simple-form.js';

/** Issues of the last validation, by the path of the element that shows them (see `anchorOf`). */
export const IssuesContext = createContext<Map<string, TDefinitionIssue[]>>(new Map());

export function useIssuesAt(path: string): TDefinitionIssue[] {
  return useContext(IssuesContext).get(path) ?? [];
}

/** The problems at `path`, one per line (`data-testid="issue-at"`, `data-path`). */
export function IssuesAt({ path, id, reserve = true }: { path: string; id?: string; reserve?: boolean }) {
  const { i18n } = useTranslation('admin');
  const { t: tr } = useTranslation();
  const issues = useIssuesAt(path);
  if (!issues.length && !reserve) return null;
  return (
    <div className="field-error issue-lines" id={id}>
      {issues.map((i, k) => (
        <p key={k} data-testid="issue-at" data-path={i.path} data-code={i.code}>
          {definitionIssueText(i, tr, i18n.language)}
        </p>
      ))}
    </div>
  );
}

interface TCommon {
  path: string;
  label: ReactNode;
  help?: ReactNode;
  wide?: boolean;
  className?: string;
}

function useField(path: string) {
  const id = domIdOf(path);
  const errorId = `${id}-issues`;
  const invalid = useIssuesAt(path).length > 0;
  return { id, errorId, invalid };
}

/** The id of a field's help line and what describes its control: the help, if any, and the problems. */
function useDescription(help: ReactNode, errorId: string) {
  const helpId = useId();
  return { helpId, describedBy: [help ? helpId : '', errorId].filter(Boolean).join(' ') };
}

export function TextInput({
  path,
  label,
  help,
  wide,
  className,
  value,
  onChange,
  multiline,
  required,
  readOnly,
  mono,
  autoComplete,
}: TCommon & { value: string; onChange: (v: string) => void; multiline?: boolean; required?: boolean; readOnly?: boolean; mono?: boolean; autoComplete?: string }) {
  const { id, errorId, invalid } = useField(path);
  const { helpId, describedBy } = useDescription(help, errorId);
  const props = { id, value, readOnly, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, 'aria-required': required || undefined, className: mono ? 'mono' : undefined };
  return (
    <div className={`field ${wide ? 'field-wide' : ''} ${className ?? ''}`}>
      <FieldHead htmlFor={id} label={label} required={required} help={help} helpId={helpId} />
      {multiline ? (
        <textarea {...props} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...props} type="text" autoComplete={autoComplete ?? 'off'} onChange={(e) => onChange(e.target.value)} />
      )}
      <IssuesAt path={path} id={errorId} />
    </div>
  );
}

export function NumberInput({
  path,
  label,
  help,
  className,
  value,
  onChange,
  min,
  required,
}: TCommon & { value: number | undefined; onChange: (v: number | undefined) => void; min?: number; required?: boolean }) {
  const { id, errorId, invalid } = useField(path);
  const { helpId, describedBy } = useDescription(help, errorId);
  return (
    <div className={`field ${className ?? ''}`}>
      <FieldHead htmlFor={id} label={label} required={required} help={help} helpId={helpId} />
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        value={value ?? ''}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <IssuesAt path={path} id={errorId} />
    </div>
  );
}

export function SelectInput({ path, label, help, className, value, onChange, options }: TCommon & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const { id, errorId, invalid } = useField(path);
  const { helpId, describedBy } = useDescription(help, errorId);
  return (
    <div className={`field ${className ?? ''}`}>
      <FieldHead htmlFor={id} label={label} help={help} helpId={helpId} />
      <select id={id} value={value} aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <IssuesAt path={path} id={errorId} />
    </div>
  );
}

export function CheckboxInput({ path, label, className, checked, onChange }: { path: string; label: ReactNode; className?: string; checked: boolean; onChange: (v: boolean) => void }) {
  const { id, errorId, invalid } = useField(path);
  return (
    <div className={`field field-checkbox ${className ?? ''}`}>
      <input id={id} type="checkbox" checked={checked} aria-invalid={invalid || undefined} aria-describedby={errorId} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <IssuesAt path={path} id={errorId} reserve={false} />
    </div>
  );
}

/** A set of choices as checkboxes in a fieldset (roles, start steps). */
export function CheckboxGroup({
  path,
  legend,
  options,
  value,
  onChange,
}: {
  path: string;
  legend: ReactNode;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const { id, errorId } = useField(path);
  const base = useId();
  // In the order of the choices (a definition compares equal when nothing but the order changed); unknown values kept last.
  const rank = (v: string): number => {
    const i = options.findIndex((o) => o.value === v);
    return i < 0 ? options.length : i;
  };
  const ordered = (list: string[]): string[] => [...list].sort((a, b) => rank(a) - rank(b));
  return (
    <fieldset className="checkbox-group field-wide" id={id} tabIndex={-1} aria-describedby={errorId}>
      <legend className="field-label">{legend}</legend>
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              id={`${base}-${o.value}`}
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => onChange(ordered(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value)))}
            />
            {o.label}
          </label>
        ))}
      </div>
      <IssuesAt path={path} id={errorId} />
    </fieldset>
  );
}
