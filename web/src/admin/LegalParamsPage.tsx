/**
 * Legal parameters (thresholds, day counts) with their periods in force, those still to be checked
 * against the official text highlighted; a value is confirmed, corrected or given a new period
 * (`PUT /api/v1/legal-parameters/{key}/{effectiveFrom}`). Procedures read their day counts here.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError } from '../lib/api.js';
import { formatIsoDate, formatMoney, parseViDate } from '../lib/format.js';
import { useApi, useTitle } from '../lib/hooks.js';
import { useUrlState } from '../lib/url-state.js';
import { Field, serverFieldErrors } from './simple-form.js';
import './admin.css';

interface TParam {
  key: string;
  value: number;
  unit: string;
  effectiveFrom: string;
  effectiveTo?: string;
  descriptionVi: string;
  legalBasis: string;
  confidence: 'V' | 'P' | 'U';
  toConfirm: boolean;
}

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
  return `${p.value} ${t(`paramUnits.${p.unit}`, { defaultValue: p.unit })}`;
}

export function LegalParamsPage() {
  const { t } = useTranslation('admin');
  useTitle(t('params.title'));
  const [params, setParams] = useUrlState();
  const onlyToConfirm = params.get('toConfirm') === 'true';
  const list = useApi<{ parameters: TParam[] }>('/api/v1/legal-parameters');
  const [draft, setDraft] = useState<TDraft>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const formRef = useRef<HTMLFormElement>(null);
  const all = list.data?.parameters ?? [];
  const shown = all.filter((p) => !onlyToConfirm || p.toConfirm);
  const toConfirmCount = all.filter((p) => p.toConfirm).length;

  const edit = (p: TParam, isNew = false): void => {
    setDraft({ key: p.key, effectiveFrom: isNew ? '' : formatIsoDate(p.effectiveFrom), isNew, value: String(p.value), unit: p.unit, effectiveTo: p.effectiveTo ? formatIsoDate(p.effectiveTo) : '', descriptionVi: p.descriptionVi, legalBasis: p.legalBasis, confidence: p.confidence, toConfirm: isNew ? true : p.toConfirm });
    setError(undefined);
    window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input:not([readonly]), select')?.focus());
  };

  const local = (d: TDraft): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!parseViDate(d.effectiveFrom)) out.effectiveFrom = t('validation.date');
    if (d.effectiveTo && !parseViDate(d.effectiveTo)) out.effectiveTo = t('validation.date');
    if (d.value.trim() === '' || !Number.isFinite(Number(d.value.replace(',', '.')))) out.value = t('validation.number');
    if (!d.descriptionVi.trim()) out.descriptionVi = t('validation.required');
    if (!d.legalBasis.trim()) out.legalBasis = t('validation.required');
    return out;
  };
  const [submitted, setSubmitted] = useState(false);
  const problems = draft && submitted ? { ...serverFieldErrors(error), ...local(draft) } : serverFieldErrors(error);

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!draft) return;
    setSubmitted(true);
    if (Object.keys(local(draft)).length) return;
    setBusy(true);
    setError(undefined);
    try {
      const from = parseViDate(draft.effectiveFrom)!;
      const to = draft.effectiveTo ? parseViDate(draft.effectiveTo) : undefined;
      await api('PUT', `/api/v1/legal-parameters/${encodeURIComponent(draft.key)}/${from}`, {
        body: { value: Number(draft.value.replace(',', '.')), unit: draft.unit, ...(to ? { effectiveTo: to } : {}), descriptionVi: draft.descriptionVi.trim(), legalBasis: draft.legalBasis.trim(), confidence: draft.confidence, toConfirm: draft.toConfirm },
      });
      setStatus(t('params.saved', { key: draft.key, from: formatIsoDate(from) }));
      setDraft(undefined);
      setSubmitted(false);
      list.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

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
      <div className="filters">
        <div className="field field-checkbox">
          <input
            id="params-only"
            type="checkbox"
            checked={onlyToConfirm}
            onChange={(e) => setParams({ toConfirm: e.target.checked ? 'true' : '' })}
          />
          <label htmlFor="params-only" className="field-label">
            {t('params.onlyToConfirm')}
          </label>
        </div>
      </div>
      <p className="status-line" role="status">
        {status}
      </p>

      {draft && (
        <form className="card edit-card" ref={formRef} onSubmit={(e) => void save(e)} noValidate aria-labelledby="param-form-title" data-testid="param-form">
          <h2 id="param-form-title">{draft.isNew ? t('params.newPeriod', { key: draft.key }) : t('params.editTitle', { key: draft.key })}</h2>
          <div className="form-grid aligned">
            <Field id="pf-from" label={t('params.effectiveFrom')} error={problems.effectiveFrom} required>
              {(p) => <input {...p} value={draft.effectiveFrom} readOnly={!draft.isNew} placeholder="dd/mm/yyyy" onChange={(e) => setDraft({ ...draft, effectiveFrom: e.target.value })} />}
            </Field>
            <Field id="pf-to" label={t('params.effectiveTo')} help={t('params.effectiveToHelp')} error={problems.effectiveTo}>
              {(p) => <input {...p} value={draft.effectiveTo} placeholder="dd/mm/yyyy" onChange={(e) => setDraft({ ...draft, effectiveTo: e.target.value })} />}
            </Field>
            <Field id="pf-value" label={t('params.value')} help={t('params.unitIs', { unit: t(`paramUnits.${draft.unit}`, { defaultValue: draft.unit }) })} error={problems.value} required>
              {(p) => <input {...p} value={draft.value} inputMode="decimal" onChange={(e) => setDraft({ ...draft, value: e.target.value })} />}
            </Field>
            <Field id="pf-confidence" label={t('params.confidence')}>
              {(p) => (
                <select {...p} value={draft.confidence} onChange={(e) => setDraft({ ...draft, confidence: e.target.value })}>
                  {['V', 'P', 'U'].map((c) => (
                    <option key={c} value={c}>
                      {t(`params.confidences.${c}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="pf-desc" label={t('params.description')} error={problems.descriptionVi} wide required>
              {(p) => <input {...p} value={draft.descriptionVi} onChange={(e) => setDraft({ ...draft, descriptionVi: e.target.value })} />}
            </Field>
            <Field id="pf-basis" label={t('params.legalBasis')} error={problems.legalBasis} wide required>
              {(p) => <input {...p} value={draft.legalBasis} onChange={(e) => setDraft({ ...draft, legalBasis: e.target.value })} />}
            </Field>
            <div className="field field-checkbox">
              <input id="pf-confirm" type="checkbox" checked={draft.toConfirm} onChange={(e) => setDraft({ ...draft, toConfirm: e.target.checked })} />
              <label htmlFor="pf-confirm" className="field-label">
                {t('params.toConfirmLabel')}
              </label>
            </div>
          </div>
          {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('save')}
            </button>
            <button type="button" className="button secondary" onClick={() => setDraft(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}

      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <div className="table-scroll">
        <table className="data-table params-table" aria-busy={!list.data}>
          <caption className="visually-hidden">{t('params.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('params.parameter')}</th>
              <th scope="col">{t('params.value')}</th>
              <th scope="col">{t('params.period')}</th>
              <th scope="col">{t('params.legalBasis')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {!list.data &&
              Array.from({ length: 12 }, (_, i) => (
                <tr key={i} className="skeleton-row" aria-hidden="true">
                  <td colSpan={5}>
                    <span className="skeleton" />
                  </td>
                </tr>
              ))}
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
                  <button type="button" className="button subtle" onClick={() => edit(p)}>
                    {p.toConfirm ? t('params.check') : t('edit')}
                    <span className="visually-hidden"> {t('params.edit', { key: p.key, from: formatIsoDate(p.effectiveFrom) })}</span>
                  </button>
                  <button type="button" className="button subtle" onClick={() => edit(p, true)}>
                    {t('params.newValue')}
                    <span className="visually-hidden"> {t('params.addPeriod', { key: p.key })}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
