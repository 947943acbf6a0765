/**
 * Legal parameters (thresholds, day counts) with their periods in force, those still to be checked
 * against the official text highlighted; a value is confirmed, corrected or given a new period
 * (`PUT /api/v1/legal-parameters/{key}/{effectiveFrom}`) by a national administrator (national
 * configuration, docs/adr/0040); a unit's admin reads them. Procedures read their day counts here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput, useDateProblem } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api } from '../lib/api.js';
import { formatIsoDate, formatMoney, parseViDate } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useUrlState } from '../lib/url-state.js';
import { EditableTable, RowButton, RowEditForm, useRowEditor } from './editable-table.js';
import { ConfidenceField } from './legal-fields.js';
import { NationalNotice, useEditsNational } from './NationalNotice.js';
import { CheckboxField, Field } from './simple-form.js';
import './admin.css';
import type { TLegalParameter } from '../lib/contract/types.js';

type TParam = TLegalParameter;

interface TDraft {
  key: string;
  effectiveFrom: string;
  isNew: boolean;
  value: string;
  unit: string;
  effectiveTo: string;
  descriptionVi: string;
  legalBasis: string;
  confidence: string;
  toConfirm: boolean;
}

function valueText(p: Pick<TParam, 'value' | 'unit'>, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (p.unit === 'VND') return formatMoney(p.value);
  if (p.unit === 'ratio') return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(p.value * 100)} %`;
  if (['working_days', 'days', 'months', 'hours'].includes(p.unit)) return t(`translation:units.${p.unit}`, { count: p.value });
  if (p.unit === 'day_of_month') return t('paramDayOfMonth', { day: p.value });
  return `${p.value} ${t(`paramUnits.${p.unit}`, { defaultValue: p.unit })}`;
}

export function LegalParamsPage() {
  const { t, i18n } = useTranslation('admin');
  const editable = useEditsNational();
  useTitle(t('params.title'));
  const [params, setParams] = useUrlState();
  const onlyToConfirm = params.get('toConfirm') === 'true';
  const list = useGet('/api/v1/legal-parameters');
  const [status, setStatus] = useState('');
  const all = list.data?.parameters ?? [];
  const shown = all.filter((p) => !onlyToConfirm || p.toConfirm);
  const toConfirmCount = all.filter((p) => p.toConfirm).length;
  // Stored values the code cannot read: not applied, listed to be mended (docs/adr/0227).
  const rejected = list.data?.rejected ?? [];

  const dateProblem = useDateProblem();
  const local = (d: TDraft): Record<string, string> => {
    const out: Record<string, string> = {};
    const from = parseViDate(d.effectiveFrom);
    const fromProblem = d.effectiveFrom.trim() ? dateProblem(d.effectiveFrom) : t('validation.required');
    if (fromProblem) out.effectiveFrom = fromProblem;
    const toProblem = dateProblem(d.effectiveTo, { min: from });
    if (toProblem) out.effectiveTo = toProblem;
    if (d.value.trim() === '' || !Number.isFinite(Number(d.value.replace(',', '.')))) out.value = t('validation.number');
    if (!d.descriptionVi.trim()) out.descriptionVi = t('validation.required');
    if (!d.legalBasis.trim()) out.legalBasis = t('validation.required');
    return out;
  };
  const editor = useRowEditor<TDraft>({
    check: local,
    save: (d) => {
      const to = d.effectiveTo ? parseViDate(d.effectiveTo) : undefined;
      return api('PUT', `/api/v1/legal-parameters/${encodeURIComponent(d.key)}/${parseViDate(d.effectiveFrom)!}`, {
        body: {
          value: Number(d.value.replace(',', '.')),
          unit: d.unit,
          ...(to ? { effectiveTo: to } : {}),
          descriptionVi: d.descriptionVi.trim(),
          legalBasis: d.legalBasis.trim(),
          confidence: d.confidence,
          toConfirm: d.toConfirm,
        },
      });
    },
    saved: (d) => {
      setStatus(t('params.saved', { key: d.key, from: formatIsoDate(parseViDate(d.effectiveFrom)!) }));
      list.reload();
    },
  });
  const { problems, change: setDraft } = editor;
  const edit = (p: TParam, isNew = false): void =>
    editor.open({
      key: p.key,
      effectiveFrom: isNew ? '' : formatIsoDate(p.effectiveFrom),
      isNew,
      value: String(p.value),
      unit: p.unit,
      effectiveTo: p.effectiveTo ? formatIsoDate(p.effectiveTo) : '',
      descriptionVi: p.descriptionVi,
      legalBasis: p.legalBasis,
      confidence: p.confidence,
      toConfirm: isNew ? true : p.toConfirm,
    });

  return (
    <div className="page admin-page">
      <div className="page-head">
        <div>
          <h1>{t('params.title')}</h1>
          <p className="muted">{t('params.intro')}</p>
        </div>
        <dl className="counters">
          <div className="soon">
            <dt>{t('params.toConfirmCount')}</dt>
            <dd data-testid="to-confirm-count">{list.data ? toConfirmCount : '–'}</dd>
          </div>
        </dl>
      </div>
      <NationalNotice what="LEGAL_PARAMETERS" />
      {rejected.length > 0 && (
        <div className="rule-failures" role="alert" data-testid="rejected-params">
          <p className="field-label">{t('params.rejectedTitle')}</p>
          <ul>
            {rejected.map((r) => {
              const like = all.find((p) => p.key === r.key);
              return (
                <li key={`${r.key}@${r.effectiveFrom}`} data-key={r.key}>
                  {t('params.rejectedRow', {
                    key: r.key,
                    from: formatIsoDate(r.effectiveFrom),
                    value: valueText(r, t),
                    problem: i18n.language === 'en' ? `${r.problem.field}: ${r.problem.en}` : r.problem.vi,
                  })}{' '}
                  {r.shippedApplies ? t('params.shippedApplies') : t('params.earlierApplies')}{' '}
                  {editable && like && (
                    <RowButton
                      label={t('edit')}
                      rowLabel={t('params.edit', { key: r.key, from: formatIsoDate(r.effectiveFrom) })}
                      onClick={() => edit({ ...like, effectiveFrom: r.effectiveFrom, value: r.value, unit: r.unit })}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <div className="filters">
        <div className="field field-checkbox">
          <input id="params-only" type="checkbox" checked={onlyToConfirm} onChange={(e) => setParams({ toConfirm: e.target.checked ? 'true' : '' })} />
          <label htmlFor="params-only" className="field-label">
            {t('params.onlyToConfirm')}
          </label>
        </div>
      </div>
      <p className="status-line" role="status">
        {status}
      </p>

      <RowEditForm
        editor={editor}
        testId="param-form"
        titleId="param-form-title"
        title={(draft) => (draft.isNew ? t('params.newPeriod', { key: draft.key }) : t('params.editTitle', { key: draft.key }))}
      >
        {(draft) => (
          <div className="form-grid aligned">
            <Field id="pf-from" label={t('params.effectiveFrom')} error={problems.effectiveFrom} required>
              {(p) => <DateInput {...p} value={draft.effectiveFrom} readOnly={!draft.isNew} onChange={(effectiveFrom) => setDraft({ ...draft, effectiveFrom })} />}
            </Field>
            <Field id="pf-to" label={t('params.effectiveTo')} help={t('params.effectiveToHelp')} error={problems.effectiveTo}>
              {(p) => <DateInput {...p} value={draft.effectiveTo} min={parseViDate(draft.effectiveFrom)} onChange={(effectiveTo) => setDraft({ ...draft, effectiveTo })} />}
            </Field>
            <Field id="pf-value" label={t('params.value')} help={t('params.unitIs', { unit: t(`paramUnits.${draft.unit}`, { defaultValue: draft.unit }) })} error={problems.value} required>
              {(p) => <input {...p} value={draft.value} inputMode="decimal" onChange={(e) => setDraft({ ...draft, value: e.target.value })} />}
            </Field>
            <ConfidenceField id="pf-confidence" value={draft.confidence} onChange={(confidence) => setDraft({ ...draft, confidence })} />
            <Field id="pf-desc" label={t('params.description')} error={problems.descriptionVi} wide required>
              {(p) => <input {...p} value={draft.descriptionVi} onChange={(e) => setDraft({ ...draft, descriptionVi: e.target.value })} />}
            </Field>
            <Field id="pf-basis" label={t('params.legalBasis')} error={problems.legalBasis} wide required>
              {(p) => <input {...p} value={draft.legalBasis} onChange={(e) => setDraft({ ...draft, legalBasis: e.target.value })} />}
            </Field>
            <CheckboxField id="pf-confirm" label={t('params.toConfirmLabel')} checked={draft.toConfirm} onChange={(toConfirm) => setDraft({ ...draft, toConfirm })} />
          </div>
        )}
      </RowEditForm>

      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <EditableTable
        className="params-table"
        caption={t('params.caption')}
        columns={[t('params.parameter'), t('params.value'), t('params.period'), t('params.legalBasis')]}
        loading={!list.data}
        skeletonRows={12}
      >
        {shown.map((p) => (
          <tr key={`${p.key}@${p.effectiveFrom}`} className={p.toConfirm ? 'to-confirm' : undefined} data-testid="param-row" data-key={p.key} data-to-confirm={p.toConfirm || undefined}>
            <td>
              <span className="label">{p.descriptionVi}</span>
              <span className="case-id">
                <code>{p.key}</code>
              </span>
              {p.toConfirm && <span className="badge to-confirm-badge">{t('params.toConfirm')}</span>}
            </td>
            <td className="nowrap">{valueText(p, t)}</td>
            <td className="nowrap">
              {formatIsoDate(p.effectiveFrom)} – {p.effectiveTo ? formatIsoDate(p.effectiveTo) : t('params.inForce')}
            </td>
            <td>
              {p.legalBasis}
              <span className="case-id">{t(`params.confidences.${p.confidence}`)}</span>
            </td>
            <td className="row-actions">
              {editable && (
                <>
                  <RowButton label={p.toConfirm ? t('params.check') : t('edit')} rowLabel={t('params.edit', { key: p.key, from: formatIsoDate(p.effectiveFrom) })} onClick={() => edit(p)} />
                  <RowButton label={t('params.newValue')} rowLabel={t('params.addPeriod', { key: p.key })} onClick={() => edit(p, true)} />
                </>
              )}
            </td>
          </tr>
        ))}
      </EditableTable>
    </div>
  );
}
