/**
 * The holiday calendar: the exceptions to the Monday–Friday week of one year (holidays,
 * compensatory days off, weekend days worked instead), each with its status (statutory, announced,
 * computed from the lunar calendar, pending) and its source. A saved row makes every open case
 * recompute its deadlines (`PUT /api/v1/calendar/days/{date}`). National configuration: a unit's
 * admin reads it; a national administrator changes it (docs/adr/0040).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput, useDateProblem } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError } from '../lib/api.js';
import { formatIsoDate, parseViDate, todayInVietnam } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { EditableTable, RowButton } from './editable-table.js';
import { NationalNotice, useEditsNational } from './NationalNotice.js';
import { Field } from './simple-form.js';
import './admin.css';
import type { TCalendarDayRow } from '../lib/contract/types.js';

const STATUSES = ['STATUTORY', 'ANNOUNCED', 'COMPUTED', 'EXPECTED', 'PENDING'] as const;

type TDay = TCalendarDayRow;

interface TDraft {
  date: string;
  isWorkingDay: boolean;
  reason: string;
  status: string;
  source: string;
}

const EMPTY: TDraft = { date: '', isWorkingDay: false, reason: '', status: 'ANNOUNCED', source: '' };

function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

export function CalendarPage() {
  const { t } = useTranslation('admin');
  const editable = useEditsNational();
  useTitle(t('calendar.title'));
  const [year, setYear] = useState(() => Number(todayInVietnam().slice(0, 4)));
  const days = useGet('/api/v1/calendar/days', { query: { from: `${year}-01-01`, to: `${year}-12-31` } });
  const [draft, setDraft] = useState<TDraft>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const editor = useRef<HTMLInputElement>(null);

  const dateProblem = useDateProblem();
  const iso = parseViDate(draft.date);
  const problems = {
    date: !draft.date.trim() ? t('validation.required') : (dateProblem(draft.date) ?? ''),
    reason: !draft.reason.trim() ? t('validation.required') : '',
    source: !draft.source.trim() ? t('validation.required') : '',
  };
  const invalid = Object.values(problems).some(Boolean);

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setSubmitted(true);
    if (invalid || !iso) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<{ revision: number; casesNotified: number }>('PUT', `/api/v1/calendar/days/${iso}`, {
        body: { isWorkingDay: draft.isWorkingDay, reason: draft.reason.trim(), status: draft.status, source: draft.source.trim() },
      });
      setStatus(t('calendar.saved', { date: formatIsoDate(iso), count: r.casesNotified }));
      setDraft(EMPTY);
      setSubmitted(false);
      if (iso.slice(0, 4) !== String(year)) setYear(Number(iso.slice(0, 4)));
      else days.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const edit = (d: TDay): void => {
    setDraft({ date: formatIsoDate(d.date), isWorkingDay: d.isWorkingDay, reason: d.reason, status: d.status, source: d.source });
    setSubmitted(false);
    editor.current?.focus();
    editor.current?.scrollIntoView({ block: 'center' });
  };
  const show = (k: keyof typeof problems) => submitted && !!problems[k];

  return (
    <div className="page admin-page">
      <h1>{t('calendar.title')}</h1>
      <p className="muted">{t('calendar.intro')}</p>
      <NationalNotice what="CALENDAR" />
      {editable && (
        <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="cal-form-title">
          <h2 id="cal-form-title">{t('calendar.formTitle')}</h2>
          <div className="form-grid aligned">
            <Field id="cal-date" label={t('calendar.date')} error={show('date') ? problems.date : undefined} required>
              {(p) => <DateInput {...p} ref={editor} value={draft.date} onChange={(date) => setDraft({ ...draft, date })} />}
            </Field>
            <Field id="cal-kind" label={t('calendar.kind')}>
              {(p) => (
                <select {...p} value={draft.isWorkingDay ? 'work' : 'off'} onChange={(e) => setDraft({ ...draft, isWorkingDay: e.target.value === 'work' })}>
                  <option value="off">{t('calendar.dayOff')}</option>
                  <option value="work">{t('calendar.workDay')}</option>
                </select>
              )}
            </Field>
            <Field id="cal-status" label={t('calendar.status')}>
              {(p) => (
                <select {...p} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`calendar.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="cal-reason" label={t('calendar.reason')} error={show('reason') ? problems.reason : undefined} required>
              {(p) => <input {...p} value={draft.reason} maxLength={200} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />}
            </Field>
            <Field id="cal-source" label={t('calendar.source')} help={t('calendar.sourceHelp')} error={show('source') ? problems.source : undefined} required wide>
              {(p) => <input {...p} value={draft.source} maxLength={500} onChange={(e) => setDraft({ ...draft, source: e.target.value })} />}
            </Field>
          </div>
          {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('calendar.save')}
            </button>
            {draft !== EMPTY && (
              <button type="button" className="button secondary" onClick={() => setDraft(EMPTY)}>
                {t('calendar.clear')}
              </button>
            )}
          </div>
        </form>
      )}
      <p className="status-line" role="status" data-testid="calendar-status">
        {status}
      </p>

      <div className="page-head">
        <h2 id="cal-year-title">{t('calendar.year', { year })}</h2>
        <div className="segmented" role="group" aria-label={t('calendar.chooseYear')}>
          {[year - 1, year, year + 1].map((y) => (
            <button key={y} type="button" aria-pressed={y === year} onClick={() => setYear(y)}>
              {y}
            </button>
          ))}
        </div>
      </div>
      <EditableTable
        className="calendar-table"
        labelledBy="cal-year-title"
        columns={[t('calendar.date'), t('calendar.kind'), t('calendar.reason'), t('calendar.status'), t('calendar.source')]}
        loading={!days.data}
        skeletonRows={10}
      >
        {days.data?.days.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              {t('calendar.empty', { year })}
            </td>
          </tr>
        )}
        {days.data?.days.map((d) => (
          <tr key={d.date} className={`status-${d.status}`} data-testid="calendar-day" data-date={d.date}>
            <td>
              {formatIsoDate(d.date)} <span className="muted small">{t(`weekdays.${weekday(d.date)}`)}</span>
            </td>
            <td className="nowrap">{d.isWorkingDay ? t('calendar.workDay') : t('calendar.dayOff')}</td>
            <td className="reason">{d.reason}</td>
            <td>
              <span className={`badge cal-${d.status}`}>{t(`calendar.statuses.${d.status}`)}</span>
            </td>
            <td className="source">{d.source}</td>
            <td className="row-actions">{editable && <RowButton label={t('edit')} rowLabel={t('calendar.edit', { date: formatIsoDate(d.date) })} onClick={() => edit(d)} />}</td>
          </tr>
        ))}
      </EditableTable>
    </div>
  );
}
