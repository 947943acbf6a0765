/**
 * The unit's agency lines on its papers and where its fines are paid (docs/adr/0190, 0193): what a
 * paper dated today carries — the unit's own row, or the national rule — the unit's rows by the day
 * each takes effect, and a form to add one from a day (today or later, after the unit's latest
 * issued paper, so that no paper already issued says other than its verification page). The lines
 * are upper-cased as Decree 30 prints them; the State Treasury and its account go together.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput, useDateProblem } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError } from '../lib/api.js';
import { formatDateTime, formatIsoDate, parseViDate } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useUser } from '../lib/session.js';
import type { TUnitAgency } from '../lib/contract/types.js';
import { EditableTable, RowButton } from './editable-table.js';
import { Field, serverIssues } from './simple-form.js';
import { issueText } from '../lib/error-text.js';
import './admin.css';

interface TDraft {
  /** As typed (dd/mm/yyyy). */
  validFrom: string;
  parentAgency: string;
  agency: string;
  headTitle: string;
  place: string;
  treasury: string;
  treasuryAccount: string;
}

const LINES = ['parentAgency', 'agency', 'headTitle', 'place'] as const;

/** The day after `iso` (yyyy-mm-dd). */
const nextDay = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function draftFrom(a: TUnitAgency['inForce'] | TUnitAgency['rows'][number], validFrom: string): TDraft {
  return {
    validFrom: formatIsoDate(validFrom),
    parentAgency: a.parentAgency,
    agency: a.agency,
    headTitle: a.headTitle,
    place: a.place,
    treasury: a.treasury ?? '',
    treasuryAccount: a.treasuryAccount ?? '',
  };
}

export function AgencyPage() {
  const { t } = useTranslation('admin');
  const { t: common, i18n } = useTranslation();
  useTitle(t('agency.title'));
  const user = useUser();
  const agency = useGet('/api/v1/units/{unitId}/agency', { path: { unitId: user.unitId } });
  const [draft, setDraft] = useState<TDraft>();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const data = agency.data;
  // The form starts from what a paper dated today carries, from tomorrow.
  const form = draft ?? (data ? draftFrom(data.inForce, nextDay(data.inForce.date)) : undefined);
  // The server's refusals at their fields, in the reader's words (its rule), else as it says them.
  const server: Record<string, string> = Object.fromEntries(
    Object.entries(serverIssues(error)).map(([path, i]) => [path, (i.rule ? issueText({ rule: i.rule, params: i.params, message: i.message }, common, i18n.language) : undefined) ?? i.message]),
  );
  const dateProblem = useDateProblem();
  const validFrom = form ? parseViDate(form.validFrom) : undefined;
  const problems: Partial<Record<keyof TDraft, string>> = form
    ? {
        ...Object.fromEntries(LINES.filter((k) => !form[k].trim()).map((k) => [k, t('validation.required')])),
        ...(!form.validFrom.trim()
          ? { validFrom: t('validation.required') }
          : dateProblem(form.validFrom, { min: data?.inForce.date })
            ? { validFrom: dateProblem(form.validFrom, { min: data?.inForce.date })! }
            : {}),
        ...(form.treasury.trim() && !form.treasuryAccount.trim() ? { treasuryAccount: t('agency.bothOrNeither') } : {}),
        ...(!form.treasury.trim() && form.treasuryAccount.trim() ? { treasury: t('agency.bothOrNeither') } : {}),
      }
    : {};
  const show = (k: keyof TDraft) => (submitted && problems[k]) || server[k];

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!form) return;
    setSubmitted(true);
    setStatus('');
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        validFrom: validFrom!,
        parentAgency: form.parentAgency,
        agency: form.agency,
        headTitle: form.headTitle,
        place: form.place,
        ...(form.treasury.trim() ? { treasury: form.treasury, treasuryAccount: form.treasuryAccount } : {}),
      };
      await api<TUnitAgency>('PUT', `/api/v1/units/${encodeURIComponent(user.unitId)}/agency`, { body });
      agency.reload();
      setDraft(undefined);
      setSubmitted(false);
      setStatus(t('agency.saved', { date: formatIsoDate(validFrom!) }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const set = (k: keyof TDraft, v: string) => form && setDraft({ ...form, [k]: v });
  const input = (k: Exclude<keyof TDraft, 'validFrom'>, opts: { wide?: boolean; required?: boolean; help?: string; maxLength?: number } = {}) => (
    <Field id={`agency-${k}`} label={t(`agency.fields.${k}`)} help={opts.help} error={show(k)} required={opts.required} wide={opts.wide}>
      {(p) => <input {...p} value={form?.[k] ?? ''} maxLength={opts.maxLength} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );

  return (
    <div className="page admin-page">
      <h1>{t('agency.title')}</h1>
      <p className="muted">{t('agency.intro')}</p>
      {agency.error && <ErrorPanel error={agency.error} />}
      {data && (
        <section className="card" aria-labelledby="agency-now-title" data-testid="agency-in-force">
          <h2 id="agency-now-title">{t('agency.nowTitle', { date: formatIsoDate(data.inForce.date) })}</h2>
          <p className="muted small">{data.inForce.own ? t('agency.own') : t('agency.national')}</p>
          <dl className="facts">
            {(['parentAgency', 'agency', 'headTitle', 'place', 'treasury', 'treasuryAccount'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`agency.fields.${k}`)}</dt>
                <dd data-field={k}>{data.inForce[k] ?? t('agency.none')}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {form && (
        <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="agency-form-title">
          <h2 id="agency-form-title">{t('agency.formTitle')}</h2>
          <div className="form-grid aligned">
            <Field id="agency-validFrom" label={t('agency.fields.validFrom')} help={t('agency.validFromHelp')} error={show('validFrom')} required>
              {(p) => <DateInput {...p} value={form.validFrom} min={data?.inForce.date} onChange={(v) => set('validFrom', v)} />}
            </Field>
            {input('parentAgency', { required: true, wide: true, maxLength: 200, help: t('agency.upperHelp') })}
            {input('agency', { required: true, wide: true, maxLength: 200 })}
            {input('headTitle', { required: true, maxLength: 100 })}
            {input('place', { required: true, maxLength: 100, help: t('agency.placeHelp') })}
            {input('treasury', { wide: true, maxLength: 200, help: t('agency.treasuryHelp') })}
            {input('treasuryAccount', { maxLength: 40, help: t('agency.accountHelp') })}
          </div>
          {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('agency.save')}
            </button>
          </div>
        </form>
      )}
      <p className="status-line" role="status" data-testid="agency-status">
        {status}
      </p>

      <h2 id="agency-rows-title">{t('agency.rowsTitle')}</h2>
      <EditableTable
        className="agency-table"
        labelledBy="agency-rows-title"
        columns={[t('agency.fields.validFrom'), t('agency.fields.agency'), t('agency.fields.treasury'), t('agency.by')]}
        loading={!data}
        skeletonRows={2}
      >
        {data?.rows.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {t('agency.noRows')}
            </td>
          </tr>
        )}
        {data?.rows.map((r) => (
          <tr key={r.validFrom} data-testid="agency-row">
            <td>{formatIsoDate(r.validFrom)}</td>
            <td>
              {r.parentAgency}
              <br />
              {r.agency}
              <br />
              <span className="muted small">
                {r.headTitle} · {r.place}
              </span>
            </td>
            <td>{r.treasury ? `${r.treasury} — ${r.treasuryAccount ?? ''}` : '—'}</td>
            <td>{r.createdBy ? `${r.createdBy}, ${formatDateTime(r.createdAt)}` : formatDateTime(r.createdAt)}</td>
            <td className="row-actions">
              <RowButton
                label={t('agency.copy')}
                rowLabel={t('agency.copyRow', { date: formatIsoDate(r.validFrom) })}
                onClick={() => {
                  setDraft(draftFrom(r, form?.validFrom ?? nextDay(data.inForce.date)));
                  setSubmitted(false);
                  setError(undefined);
                }}
              />
            </td>
          </tr>
        ))}
      </EditableTable>
    </div>
  );
}
