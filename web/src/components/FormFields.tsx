/**
 * A step's form rendered from its definition: every field labelled, required fields marked,
 * problems shown beside the field as the officer types (after the first change or a submit) and
 * tied to it for screen readers. Money shows the amount in figures and in Vietnamese words.
 */
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import { formatMoney, formatThousands, todayInVietnam } from '../lib/format.js';
import { amountInWords } from '../../../domain/money-words.js';
import type { TField, TFileRef } from '../lib/contract/types.js';
import { DateInput } from './DateInput.js';
import { EvidenceField } from './EvidenceField.js';
import { ViolationField } from './ViolationField.js';
import { emptyValue, initialValues, parseMoney, type TFieldValue, type TFormValues, type TGroupRow, type TIssue } from '../forms/validate.js';

export interface TFieldContext {
  idPrefix: string;
  issues: Record<string, TIssue>;
  /** Whether a field's problem is shown yet (after it changed, or after a submit). */
  shown(path: string): boolean;
  touch(path: string): void;
  disabled: boolean;
  /** The case and step the form's evidence is collected for. */
  evidence?: { caseId: string; stepId: string } | undefined;
  /** Told how many files a field is still sending. */
  uploading?: ((path: string, count: number) => void) | undefined;
  /** The form's values at its top level (a violation field reads the offender and the date there). */
  values?: TFormValues | undefined;
  /** Something shown under a field (e.g. the fine calculator under the amount), by path. */
  extras?: Record<string, ReactNode> | undefined;
  /** A short line in the field's problem line while it has none (where a default came from, docs/adr/0116), by path. */
  notes?: Record<string, ReactNode> | undefined;
}

function domId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The problem of a field; its line is always there (empty when fine), so nothing jumps as one types. */
function IssueText({ id, issue }: { id: string; issue: TIssue | undefined }) {
  const { t } = useTranslation();
  return (
    <p className="field-error" id={id} {...(issue ? { 'data-testid': 'field-error' } : {})}>
      {issue ? (issue.text ?? t(`validation.${issue.key}`, issue.params ?? {})) : ''}
    </p>
  );
}

function Label({ htmlFor, field, lang }: { htmlFor: string; field: TField; lang: string }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor} className="field-label">
      {tx(field.label, lang)}
      {field.required && (
        <>
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
          <span className="visually-hidden"> ({t('form.required')})</span>
        </>
      )}
    </label>
  );
}

export function FieldInput({ field, path, value, onChange, ctx }: { field: TField; path: string; value: TFieldValue; onChange: (v: TFieldValue) => void; ctx: TFieldContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = domId(ctx.idPrefix, path);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const issue = ctx.shown(path) ? ctx.issues[path] : undefined;
  const describedBy = [issue ? errorId : '', field.help ? helpId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: path,
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    disabled: ctx.disabled,
  } as const;
  const change = (v: TFieldValue): void => {
    ctx.touch(path);
    onChange(v);
  };
  const help = field.help ? (
    <p className="field-help" id={helpId}>
      {tx(field.help, lang)}
    </p>
  ) : null;
  let control: ReactNode;

  switch (field.type) {
    case 'text':
      control = field.multiline ? (
        <textarea {...common} rows={3} value={value as string} onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type="text" value={value as string} onChange={(e) => change(e.target.value)} autoComplete="off" />
      );
      break;
    case 'number':
      control = <input {...common} type="text" inputMode="decimal" value={value as string} onChange={(e) => change(e.target.value)} autoComplete="off" />;
      break;
    case 'money': {
      const amount = parseMoney(value as string);
      control = (
        <>
          <div className="money-input">
            <input
              {...common}
              type="text"
              inputMode="numeric"
              value={value as string}
              onChange={(e) => change(e.target.value)}
              onBlur={() => amount !== undefined && onChange(formatThousands(amount))}
              autoComplete="off"
              aria-describedby={[describedBy, `${id}-words`].filter(Boolean).join(' ')}
            />
            <span className="suffix" aria-hidden="true">
              ₫
            </span>
          </div>
          <p className="money-words" id={`${id}-words`} aria-live="polite" data-testid="money-words">
            {amount !== undefined ? (
              <>
                <span className="label">{t('form.moneyWords')}:</span> {amountInWords(amount)} <span className="muted">({formatMoney(amount)})</span>
              </>
            ) : (
              ' '
            )}
          </p>
        </>
      );
      break;
    }
    case 'date':
      // A date "not in the future" cannot be picked after today either.
      control = <DateInput {...common} value={value as string} onChange={change} max={field.notInFuture ? todayInVietnam() : undefined} />;
      break;
    case 'enum':
      control = (
        <select {...common} value={value as string} onChange={(e) => change(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {tx(o.label, lang)}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      return (
        <div className="field field-checkbox">
          <input {...common} type="checkbox" checked={value as boolean} onChange={(e) => change(e.target.checked)} />
          <Label htmlFor={id} field={field} lang={lang} />
          {help}
          <IssueText id={errorId} issue={issue} />
        </div>
      );
    case 'violation': {
      const offender = field.subjectField ? ctx.values?.[field.subjectField] : undefined;
      const date = field.dateField ? ctx.values?.[field.dateField] : undefined;
      control = (
        <ViolationField
          id={id}
          value={value as string}
          onChange={(code) => change(code)}
          disabled={ctx.disabled}
          offender={typeof offender === 'string' ? offender : undefined}
          date={typeof date === 'string' ? date : undefined}
          describedBy={describedBy}
          invalid={!!issue}
        />
      );
      break;
    }
    case 'file':
      return <FileField field={field} path={path} value={value as TFileRef[]} onChange={change} ctx={ctx} />;
    case 'group':
      return <GroupField field={field} path={path} value={value as TGroupRow[]} onChange={change} ctx={ctx} />;
  }
  return (
    <div className={`field field-${field.type}${(field.type === 'text' && field.multiline) || field.type === 'violation' ? ' field-wide' : ''}`}>
      <Label htmlFor={id} field={field} lang={lang} />
      {help}
      {control}
      {(issue || !ctx.notes?.[path]) && <IssueText id={errorId} issue={issue} />}
      {ctx.notes?.[path]}
      {ctx.extras?.[path]}
    </div>
  );
}

function GroupField({ field, path, value, onChange, ctx }: { field: TField; path: string; value: TGroupRow[]; onChange: (v: TFieldValue) => void; ctx: TFieldContext }) {
  const { t, i18n } = useTranslation();
  const issue = ctx.shown(path) ? ctx.issues[path] : undefined;
  const errorId = `${domId(ctx.idPrefix, path)}-error`;
  const subFields = field.type === 'group' ? field.fields : [];
  return (
    <fieldset className="field field-group field-wide" aria-describedby={issue ? errorId : undefined}>
      <legend className="field-label">
        {tx(field.label, i18n.language)}
        {field.required && (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {value.map((row, i) => (
        <fieldset className="group-row" key={i}>
          <legend className="visually-hidden">{t('form.row', { n: i + 1 })}</legend>
          <span className="row-number" aria-hidden="true">
            {i + 1}
          </span>
          <div className="group-fields">
            {subFields.map((sub) => (
              <FieldInput
                key={sub.key}
                field={sub}
                path={`${path}.${i}.${sub.key}`}
                value={row[sub.key] ?? emptyValue(sub)}
                onChange={(v) => onChange(value.map((r, j) => (j === i ? { ...r, [sub.key]: v } : r)))}
                ctx={ctx}
              />
            ))}
          </div>
          <button type="button" className="button subtle" onClick={() => onChange(value.filter((_, j) => j !== i))} disabled={ctx.disabled} aria-label={t('form.removeRow', { n: i + 1 })}>
            ✕
          </button>
        </fieldset>
      ))}
      <button type="button" className="button secondary" onClick={() => onChange([...value, initialValues(subFields)])} disabled={ctx.disabled}>
        + {t('form.addRow')}
      </button>
      <IssueText id={errorId} issue={issue} />
    </fieldset>
  );
}

function FileField({ field, path, value, onChange, ctx }: { field: TField; path: string; value: TFileRef[]; onChange: (v: TFieldValue) => void; ctx: TFieldContext }) {
  const id = domId(ctx.idPrefix, path);
  const issue = ctx.shown(path) ? ctx.issues[path] : undefined;
  const { uploading } = ctx;
  const onPending = useCallback((n: number) => uploading?.(path, n), [uploading, path]);
  return (
    <EvidenceField
      field={field}
      id={id}
      value={value}
      onChange={onChange}
      disabled={ctx.disabled}
      context={ctx.evidence}
      onPending={onPending}
      issue={
        <>
          <IssueText id={`${id}-error`} issue={issue} />
          {ctx.notes?.[path]}
        </>
      }
    />
  );
}
