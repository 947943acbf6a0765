/**
 * The violation catalogue (hành vi vi phạm): decree, article, clause and point, the fine bracket,
 * warnings, additional sanctions and remedies, the period in force; rows still to be checked
 * against the official text highlighted. Rows are added or changed with `PUT /api/v1/violations/{code}`
 * by a national administrator (national configuration, docs/adr/0040); a unit's admin reads them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput, useDateProblem } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api } from '../lib/api.js';
import { formatIsoDate, formatMoney, parseViDate } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { EditableTable, RowButton, RowEditForm, useRowEditor } from './editable-table.js';
import { ConfidenceField } from './legal-fields.js';
import { NationalNotice, useEditsNational } from './NationalNotice.js';
import { CheckboxField, Field } from './simple-form.js';
import './admin.css';
import type { TViolationRow } from '../lib/contract/types.js';

type TViolation = TViolationRow;

type TDraft = Record<
  | 'code'
  | 'decree'
  | 'article'
  | 'clause'
  | 'point'
  | 'descriptionVi'
  | 'min'
  | 'max'
  | 'baseSubject'
  | 'limitationYears'
  | 'effectiveFrom'
  | 'effectiveTo'
  | 'confidence'
  | 'note'
  | 'additionalSanctions'
  | 'remedialMeasures',
  string
> & { warningPossible: boolean; toConfirm: boolean; isNew: boolean };

const BLANK: TDraft = {
  code: '',
  decree: '',
  article: '',
  clause: '',
  point: '',
  descriptionVi: '',
  min: '',
  max: '',
  baseSubject: 'individual',
  limitationYears: '1',
  effectiveFrom: '',
  effectiveTo: '',
  confidence: 'U',
  note: '',
  additionalSanctions: '',
  remedialMeasures: '',
  warningPossible: false,
  toConfirm: true,
  isNew: true,
};

function draftOf(v: TViolation): TDraft {
  return {
    code: v.code,
    decree: v.decree,
    article: String(v.article),
    clause: v.clause ? String(v.clause) : '',
    point: v.point ?? '',
    descriptionVi: v.descriptionVi,
    min: String(v.bracket.min),
    max: String(v.bracket.max),
    baseSubject: v.baseSubject,
    limitationYears: String(v.limitationYears),
    effectiveFrom: formatIsoDate(v.effectiveFrom),
    effectiveTo: v.effectiveTo ? formatIsoDate(v.effectiveTo) : '',
    confidence: v.confidence,
    note: v.note ?? '',
    additionalSanctions: v.additionalSanctions.join('\n'),
    remedialMeasures: v.remedialMeasures.join('\n'),
    warningPossible: v.warningPossible,
    toConfirm: v.toConfirm,
    isNew: false,
  };
}

const digits = (s: string): number => Number(s.replace(/[.\s₫]/g, ''));
const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export function ViolationsPage() {
  const { t } = useTranslation('admin');
  const editable = useEditsNational();
  useTitle(t('violations.title'));
  const list = useGet('/api/v1/violations');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const needle = q.trim().toLocaleLowerCase('vi');
  const shown = (list.data?.violations ?? []).filter((v) => !needle || `${v.code} ${v.descriptionVi}`.toLocaleLowerCase('vi').includes(needle));

  const dateProblem = useDateProblem();
  const local = (d: TDraft): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!/^[A-Z]+\d+\/\d{4}:\d+(\.\d+)?(\.[a-zđ])?$/.test(d.code)) out.code = t('violations.codeFormat');
    if (!d.decree.trim()) out.decree = t('validation.required');
    if (!/^\d+$/.test(d.article)) out.article = t('validation.number');
    if (d.clause && !/^\d+$/.test(d.clause)) out.clause = t('validation.number');
    if (!d.descriptionVi.trim()) out.descriptionVi = t('validation.required');
    if (!Number.isInteger(digits(d.min)) || d.min.trim() === '') out['bracket.min'] = t('validation.number');
    if (!Number.isInteger(digits(d.max)) || d.max.trim() === '') out['bracket.max'] = t('validation.number');
    else if (digits(d.max) < digits(d.min)) out['bracket.max'] = t('violations.maxBelowMin');
    const fromProblem = d.effectiveFrom.trim() ? dateProblem(d.effectiveFrom) : t('validation.required');
    if (fromProblem) out.effectiveFrom = fromProblem;
    const toProblem = dateProblem(d.effectiveTo, { min: parseViDate(d.effectiveFrom) });
    if (toProblem) out.effectiveTo = toProblem;
    return out;
  };

  const save = (d: TDraft) => {
    const body = {
      code: d.code,
      decree: d.decree.trim(),
      article: Number(d.article),
      ...(d.clause ? { clause: Number(d.clause) } : {}),
      ...(d.point.trim() ? { point: d.point.trim() } : {}),
      descriptionVi: d.descriptionVi.trim(),
      bracket: { min: digits(d.min), max: digits(d.max) },
      baseSubject: d.baseSubject,
      warningPossible: d.warningPossible,
      additionalSanctions: lines(d.additionalSanctions),
      remedialMeasures: lines(d.remedialMeasures),
      limitationYears: Number(d.limitationYears),
      effectiveFrom: parseViDate(d.effectiveFrom),
      ...(d.effectiveTo ? { effectiveTo: parseViDate(d.effectiveTo) } : {}),
      confidence: d.confidence,
      toConfirm: d.toConfirm,
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    };
    return api('PUT', `/api/v1/violations/${encodeURIComponent(d.code)}`, { body });
  };
  const editor = useRowEditor<TDraft>({
    check: local,
    save,
    saved: (d) => {
      setStatus(t('violations.saved', { code: d.code }));
      list.reload();
    },
  });
  const { problems, change: setDraft, open } = editor;

  const input =
    (draft: TDraft, key: keyof TDraft, props: Record<string, unknown> = {}) =>
    (p: object) => <input {...p} {...props} value={String(draft[key])} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />;

  return (
    <div className="page admin-page">
      <div className="page-head">
        <div>
          <h1>{t('violations.title')}</h1>
          <p className="muted">{t('violations.intro')}</p>
        </div>
        {editable && (
          <button type="button" className="button primary" onClick={() => open(BLANK)}>
            {t('violations.add')}
          </button>
        )}
      </div>
      <NationalNotice what="VIOLATIONS" />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field inline grow">
          <label htmlFor="vio-q" className="field-label">
            {t('violations.search')}
          </label>
          <input id="vio-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      </form>
      <p className="status-line" role="status">
        {status}
      </p>

      <RowEditForm editor={editor} testId="violation-form" titleId="vio-form-title" title={(draft) => (draft.isNew ? t('violations.newTitle') : t('violations.editTitle', { code: draft.code }))}>
        {(draft) => (
          <div className="form-grid aligned">
            <Field id="vf-code" label={t('violations.code')} help={t('violations.codeHelp')} error={problems.code} required>
              {input(draft, 'code', { readOnly: !draft.isNew, className: 'mono' })}
            </Field>
            <Field id="vf-article" label={t('violations.article')} error={problems.article} required>
              {input(draft, 'article', { inputMode: 'numeric' })}
            </Field>
            <Field id="vf-clause" label={t('violations.clause')} error={problems.clause}>
              {input(draft, 'clause', { inputMode: 'numeric' })}
            </Field>
            <Field id="vf-point" label={t('violations.point')} error={problems.point}>
              {input(draft, 'point')}
            </Field>
            <Field id="vf-decree" label={t('violations.decree')} error={problems.decree} required wide>
              {input(draft, 'decree')}
            </Field>
            <Field id="vf-desc" label={t('violations.description')} error={problems.descriptionVi} wide required>
              {(p) => <textarea {...p} rows={2} value={draft.descriptionVi} onChange={(e) => setDraft({ ...draft, descriptionVi: e.target.value })} />}
            </Field>
            <Field
              id="vf-min"
              label={t('violations.min')}
              help={draft.min && Number.isInteger(digits(draft.min)) ? formatMoney(digits(draft.min)) : undefined}
              error={problems['bracket.min']}
              required
            >
              {input(draft, 'min', { inputMode: 'numeric' })}
            </Field>
            <Field
              id="vf-max"
              label={t('violations.max')}
              help={draft.max && Number.isInteger(digits(draft.max)) ? formatMoney(digits(draft.max)) : undefined}
              error={problems['bracket.max']}
              required
            >
              {input(draft, 'max', { inputMode: 'numeric' })}
            </Field>
            <Field id="vf-subject" label={t('violations.subject')}>
              {(p) => (
                <select {...p} value={draft.baseSubject} onChange={(e) => setDraft({ ...draft, baseSubject: e.target.value })}>
                  <option value="individual">{t('violations.individual')}</option>
                  <option value="organization">{t('violations.organization')}</option>
                </select>
              )}
            </Field>
            <Field id="vf-limit" label={t('violations.limitation')}>
              {(p) => (
                <select {...p} value={draft.limitationYears} onChange={(e) => setDraft({ ...draft, limitationYears: e.target.value })}>
                  <option value="1">{t('violations.years', { count: 1 })}</option>
                  <option value="2">{t('violations.years', { count: 2 })}</option>
                </select>
              )}
            </Field>
            <Field id="vf-from" label={t('violations.effectiveFrom')} error={problems.effectiveFrom} required>
              {(p) => <DateInput {...p} value={draft.effectiveFrom} onChange={(effectiveFrom) => setDraft({ ...draft, effectiveFrom })} />}
            </Field>
            <Field id="vf-to" label={t('violations.effectiveTo')} error={problems.effectiveTo}>
              {(p) => <DateInput {...p} value={draft.effectiveTo} min={parseViDate(draft.effectiveFrom)} onChange={(effectiveTo) => setDraft({ ...draft, effectiveTo })} />}
            </Field>
            <Field id="vf-sanctions" label={t('violations.sanctions')} help={t('violations.oneALine')} wide>
              {(p) => <textarea {...p} rows={2} value={draft.additionalSanctions} onChange={(e) => setDraft({ ...draft, additionalSanctions: e.target.value })} />}
            </Field>
            <Field id="vf-remedies" label={t('violations.remedies')} help={t('violations.oneALine')} wide>
              {(p) => <textarea {...p} rows={2} value={draft.remedialMeasures} onChange={(e) => setDraft({ ...draft, remedialMeasures: e.target.value })} />}
            </Field>
            <ConfidenceField id="vf-confidence" value={draft.confidence} onChange={(confidence) => setDraft({ ...draft, confidence })} />
            <Field id="vf-note" label={t('violations.note')}>
              {input(draft, 'note')}
            </Field>
            <CheckboxField id="vf-warning" label={t('violations.warningPossible')} checked={draft.warningPossible} onChange={(warningPossible) => setDraft({ ...draft, warningPossible })} />
            <CheckboxField id="vf-confirm" label={t('params.toConfirmLabel')} checked={draft.toConfirm} onChange={(toConfirm) => setDraft({ ...draft, toConfirm })} />
          </div>
        )}
      </RowEditForm>

      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <EditableTable
        className="violations-table"
        caption={t('violations.caption')}
        columns={[t('violations.code'), t('violations.description'), t('violations.bracket'), t('violations.period')]}
        loading={!list.data}
        skeletonRows={8}
      >
        {shown.map((v) => (
          <tr key={v.code} className={v.toConfirm ? 'to-confirm' : undefined} data-testid="violation-row" data-code={v.code}>
            <td>
              <code className="nowrap">{v.code}</code>
              {v.toConfirm && <span className="badge to-confirm-badge">{t('params.toConfirm')}</span>}
            </td>
            <td className="description">
              {v.descriptionVi}
              <span className="case-id">
                {v.decree}, {t('violations.articleRef', { article: v.article })}
                {v.clause ? ` ${t('violations.clauseRef', { clause: v.clause })}` : ''}
                {v.point ? ` ${t('violations.pointRef', { point: v.point })}` : ''}
              </span>
            </td>
            <td>
              <span className="nowrap">{formatMoney(v.bracket.min)} –</span> <span className="nowrap">{formatMoney(v.bracket.max)}</span>
              <span className="case-id">
                {t(`violations.${v.baseSubject}`)}
                {v.warningPossible ? ` · ${t('violations.warning')}` : ''}
              </span>
            </td>
            <td>
              <span className="nowrap">{formatIsoDate(v.effectiveFrom)} –</span> <span className="nowrap">{v.effectiveTo ? formatIsoDate(v.effectiveTo) : t('params.inForce')}</span>
            </td>
            <td className="row-actions">{editable && <RowButton label={v.toConfirm ? t('params.check') : t('edit')} rowLabel={v.code} onClick={() => open(draftOf(v))} />}</td>
          </tr>
        ))}
      </EditableTable>
    </div>
  );
}
