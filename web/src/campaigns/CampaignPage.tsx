/**
 * One campaign: what it is and when it runs; its Temporal Schedule (running or paused, the next
 * and the last runs) with pause, resume, run now and backfill for schedulers and the director; a
 * preview of the next run; progress per run with the CSV report; and its versions.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Field } from '../admin/simple-form.js';
import { DateInput, useDateProblem } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { RecordFailed, RecordSkeleton } from '../components/PageStates.js';
import { api } from '../lib/api.js';
import { dayOffText, formatDate, formatDateTime, formatIsoDate, parseViDate, todayInVietnam } from '../lib/format.js';
import { useGet, useStaff, useStaffName, useTitle, useWorkingDays } from '../lib/hooks.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import type { TTeam } from '../lib/contract/types.js';
import { useAction } from './actions.js';
import { periodLabel, runNowOutsideWindow } from './model.js';
import { CAMPAIGN_APPROVERS, CAMPAIGN_OPERATORS, CAMPAIGN_PLANNERS } from '../../../domain/roles.js';
import type { TCampaignDefinition, TSchedule } from '../lib/contract/types.js';
import { PlanView, RunBadge, TotalsView, useCadenceText, useProcedureName, VersionBadge } from './ui.js';
import '../admin/admin.css';
import './campaigns.css';

/** How often the page reads the runs again while it is open (a run starts by the clock). */
const REFRESH_MS = 5_000;

export function CampaignPage() {
  const { t } = useTranslation('campaigns');
  const { campaignId = '' } = useParams();
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;
  const user = useUser();
  const nameOf = useStaffName();
  const campaign = useGet('/api/v1/campaigns/{campaignId}', { path: { campaignId } });
  const report = useGet('/api/v1/campaigns/{campaignId}/report', { path: { campaignId } });
  const teams = useGet('/api/v1/teams');
  const cadenceText = useCadenceText();
  const reloadReport = report.reload;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reloadReport();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reloadReport]);

  const versions = campaign.data?.versions ?? [];
  const approved = versions.find((v) => v.status === 'APPROVED');
  const shown = approved ?? versions.at(-1);
  useTitle(shown?.definition.title ?? t('campaign.title'));

  if (campaign.error && !campaign.data) {
    return <RecordFailed error={campaign.error} backTo="/campaigns" backLabel={t('campaign.back')} />;
  }
  if (!campaign.data || !shown) {
    return <RecordSkeleton />;
  }
  const d = shown.definition;
  const ended = campaign.data.ended;
  const canOperate = hasAnyRole(user, CAMPAIGN_OPERATORS) && !ended;
  const reloadAll = (): void => {
    campaign.reload();
    report.reload();
  };

  return (
    <div className="page campaign-page" data-testid="campaign-page" data-campaign={campaignId}>
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/campaigns">{t('list.title')}</Link> › <span>{d.title}</span>
      </nav>
      <header className="page-head">
        <div>
          <p className="case-kicker">
            <span className="badge kind">{t(`kinds.${d.kind}`)}</span>{' '}
            {ended ? (
              <span className="badge cv-ENDED">{t('list.ended', { date: formatDate(ended.at) })}</span>
            ) : approved ? (
              <span className="badge cv-APPROVED">{t('campaign.runningVersion', { v: approved.version })}</span>
            ) : (
              <span className="badge cv-DRAFT">{t('list.notApproved')}</span>
            )}
          </p>
          <h1>{d.title}</h1>
          <p className="muted">{d.theme}</p>
        </div>
        {hasAnyRole(user, CAMPAIGN_PLANNERS) && !ended && (
          <Link to={`/campaigns/${encodeURIComponent(campaignId)}/versions/${versions.at(-1)!.version}`} className="button secondary">
            {versions.at(-1)!.status === 'DRAFT' ? t('campaign.openDraft', { v: versions.at(-1)!.version }) : t('campaign.viewDefinition')}
          </Link>
        )}
      </header>

      {ended && (
        <p className="notice ended-notice" data-testid="ended-notice">
          {t('end.endedBy', { at: formatDateTime(ended.at), by: nameOf(ended.by) })} “{ended.note}”
        </p>
      )}

      <div className="campaign-layout">
        <section className="card" aria-labelledby="cp-facts">
          <h2 id="cp-facts">{t('campaign.facts')}</h2>
          <dl className="record">
            <div>
              <dt>{t('form.window')}</dt>
              <dd>
                {formatIsoDate(d.planWindow.from)} – {formatIsoDate(d.planWindow.to)}
              </dd>
            </div>
            <div>
              <dt>{t('form.cadence')}</dt>
              <dd data-testid="cadence-text">{cadenceText(d.cadence)}</dd>
            </div>
            <div>
              <dt>{t('form.holidayPolicy')}</dt>
              <dd>{t(`holidayPolicies.${d.holidayPolicy}`)}</dd>
            </div>
            <div>
              <dt>{t('form.quota')}</dt>
              <dd>{t('campaign.quota', { perRun: d.quota.perRun, perTeam: d.quota.perTeam })}</dd>
            </div>
            <div>
              <dt>{t('form.teams')}</dt>
              <dd>{d.teamIds.map((id) => teams.data?.teams.find((x) => x.id === id)?.name ?? id).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('form.procedure')}</dt>
              <dd>
                <ProcedureName procedure={d.procedure} />
              </dd>
            </div>
            <div>
              <dt>{t('form.legalBasis')}</dt>
              <dd>{d.legalBasis}</dd>
            </div>
          </dl>
        </section>
        <SchedulePanel
          campaignId={campaignId}
          schedule={campaign.data.schedule}
          hasApproved={!!approved}
          approvedDef={approved?.definition}
          ended={!!ended}
          canOperate={canOperate}
          onChanged={reloadAll}
        />
      </div>

      <section className="card" aria-labelledby="cp-progress">
        <div className="section-head">
          <h2 id="cp-progress">{t('progress.title')}</h2>
          <a className="button subtle" href={`${base}/report.csv`} download data-testid="report-csv">
            {t('progress.csv')}
          </a>
        </div>
        {report.error && <ErrorPanel error={report.error} focus={false} />}
        {!report.error && <TotalsView totals={report.data?.totals} testId="campaign-totals" />}
        <div className="table-scroll">
          <table className="data-table runs" data-testid="runs">
            <caption className="visually-hidden">{t('progress.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('progress.period')}</th>
                <th scope="col">{t('progress.status')}</th>
                <th scope="col">{t('progress.runDate')}</th>
                <th scope="col">{t('totals.planned')}</th>
                <th scope="col">{t('totals.started')}</th>
                <th scope="col">{t('totals.done')}</th>
                <th scope="col">{t('totals.violations')}</th>
                <th scope="col">{t('totals.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data && report.data.runs.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    {approved ? t('progress.noRuns') : t('progress.notApproved')}
                  </td>
                </tr>
              )}
              {report.data?.runs.map((r) => (
                <tr key={r.period} data-testid="run-row" data-period={r.period}>
                  <td>
                    <Link to={`/campaigns/${encodeURIComponent(campaignId)}/runs/${r.period}`} className="case-title">
                      {t('progress.run', { period: periodLabel(r.period) })}
                    </Link>
                    <span className="case-id">{t('versionNo', { v: r.version })}</span>
                  </td>
                  <td>
                    <RunBadge status={r.status} />
                  </td>
                  <td>
                    <span className="nowrap">{formatIsoDate(r.runDate)}</span>
                    {r.movedBecause && (
                      <span className="case-id">{t('progress.movedFrom', { date: formatIsoDate(r.dueDate), why: dayOffText(r.dueDate, r.movedBecause, (n) => t(`admin:weekdays.${n}`)) })}</span>
                    )}
                  </td>
                  <td className="num">{r.totals.planned}</td>
                  <td className="num">{r.totals.started}</td>
                  <td className="num">{r.totals.done}</td>
                  <td className="num">{r.totals.violations}</td>
                  <td className={`num ${r.totals.overdue ? 'overdue-text' : ''}`}>{r.totals.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canOperate && <PreviewPanel campaignId={campaignId} approvedVersion={approved?.version} teams={teams.data?.teams} />}
      {!ended && hasAnyRole(user, CAMPAIGN_APPROVERS) && <EndPanel campaignId={campaignId} onEnded={reloadAll} />}

      <section className="card" aria-labelledby="cp-versions">
        <h2 id="cp-versions">{t('versions.title')}</h2>
        <div className="table-scroll">
          <table className="data-table versions" data-testid="versions">
            <caption className="visually-hidden">{t('versions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('versions.version')}</th>
                <th scope="col">{t('versions.drafted')}</th>
                <th scope="col">{t('versions.submitted')}</th>
                <th scope="col">{t('versions.decided')}</th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((v) => (
                <tr key={v.version} data-testid="version-row" data-version={v.version} data-status={v.status}>
                  <td>
                    <Link to={`/campaigns/${encodeURIComponent(campaignId)}/versions/${v.version}`}>{t('versionNo', { v: v.version })}</Link> <VersionBadge status={v.status} />
                  </td>
                  <td>
                    {nameOf(v.createdBy)}
                    <span className="case-id">{formatDateTime(v.createdAt)}</span>
                  </td>
                  <td>
                    {v.submittedBy ? nameOf(v.submittedBy) : '—'}
                    {v.submittedAt && <span className="case-id">{formatDateTime(v.submittedAt)}</span>}
                  </td>
                  <td>
                    {v.decidedBy ? nameOf(v.decidedBy) : '—'}
                    {v.decidedAt && <span className="case-id">{formatDateTime(v.decidedAt)}</span>}
                    {v.decisionNote && <span className="decision-note">“{v.decisionNote}”</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** The day a run due on `date` happens when days off move it (for the next runs listed). */
function useRunDay(): (date: string) => string | undefined {
  const wd = useWorkingDays();
  return (date) => {
    if (!wd || wd.isWorkingDay(date)) return undefined;
    return wd.nextWorkingDayOnOrAfter(date);
  };
}

function SchedulePanel({
  campaignId,
  schedule,
  hasApproved,
  approvedDef,
  ended,
  canOperate,
  onChanged,
}: {
  campaignId: string;
  schedule: TSchedule | null;
  hasApproved: boolean;
  /** The approved version's plan window and holiday policy: a run now outside the window is blocked (domain/campaign.ts planRun), so it is not offered. */
  approvedDef: Pick<TCampaignDefinition, 'planWindow' | 'holidayPolicy'> | undefined;
  ended: boolean;
  canOperate: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation('campaigns');
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;
  const action = useAction();
  const runDay = useRunDay();
  const calendar = useWorkingDays();
  const [pauseNote, setPauseNote] = useState('');
  const [confirmRun, setConfirmRun] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [backfillProblems, setBackfillProblems] = useState<Record<string, string>>({});
  const dateProblem = useDateProblem();

  if (!schedule) {
    return (
      <section className="card" aria-labelledby="cp-schedule">
        <h2 id="cp-schedule">{t('schedule.title')}</h2>
        <p className="muted" data-testid="no-schedule">
          {ended ? t('schedule.ended') : hasApproved ? t('schedule.missing') : t('schedule.none')}
        </p>
      </section>
    );
  }

  const pause = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await action.run('pause', () => api('POST', `${base}/pause`, { body: { note: pauseNote.trim() } }), t('schedule.paused'))) {
      setPauseNote('');
      onChanged();
    }
  };
  const resume = async (): Promise<void> => {
    if (await action.run('resume', () => api('POST', `${base}/resume`, { body: {} }), t('schedule.resumed'))) onChanged();
  };
  const today = todayInVietnam();
  const outsideWindow = approvedDef !== undefined && calendar !== undefined && runNowOutsideWindow(approvedDef, calendar, today);
  const trigger = async (): Promise<void> => {
    setConfirmRun(false);
    if (await action.run('trigger', () => api('POST', `${base}/trigger`), t('schedule.triggered'))) onChanged();
  };
  const backfill = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const f = parseViDate(from);
    const tt = parseViDate(to);
    // A backfill makes up past runs: it starts today at the latest (the server refuses a later start).
    const problems: Record<string, string> = {};
    const fromProblem = from.trim() ? dateProblem(from, { max: todayInVietnam() }) : t('rules.required');
    const toProblem = to.trim() ? dateProblem(to, { min: f }) : t('rules.required');
    if (fromProblem) problems.from = fromProblem;
    if (toProblem) problems.to = toProblem;
    setBackfillProblems(problems);
    if (!f || !tt || fromProblem || toProblem) {
      document.getElementById(fromProblem ? 'backfill-from' : 'backfill-to')?.focus();
      return;
    }
    if (await action.run('backfill', () => api('POST', `${base}/backfill`, { body: { from: f, to: tt } }), t('schedule.backfilled', { from: formatIsoDate(f), to: formatIsoDate(tt) }))) onChanged();
  };

  return (
    <section className="card schedule-card" aria-labelledby="cp-schedule" data-testid="schedule" data-paused={schedule.paused}>
      <div className="section-head">
        <h2 id="cp-schedule">{t('schedule.title')}</h2>
        <span className={`badge ${schedule.paused ? 'sched-paused' : 'sched-active'}`} data-testid="schedule-state">
          {schedule.paused ? t('schedule.statePaused') : t('schedule.stateActive')}
        </span>
      </div>
      {schedule.paused && schedule.note && (
        <p className="notice" data-testid="schedule-note">
          {schedule.note}
        </p>
      )}
      <h3>{t('schedule.next')}</h3>
      {schedule.nextActionTimes.length ? (
        <ul className="plain next-runs" data-testid="next-runs">
          {schedule.nextActionTimes.slice(0, 5).map((at) => {
            const day = todayInVietnam(new Date(at));
            const moved = runDay(day);
            return (
              <li key={at}>
                {formatDateTime(at)}
                {moved && <span className="case-id">{t('schedule.movesTo', { date: formatIsoDate(moved) })}</span>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{schedule.paused ? t('schedule.noneWhilePaused') : t('schedule.noMore')}</p>
      )}
      {/* Shown even before the first run (saying so), so that the first run's line does not push the actions and the progress down. */}
      <h3>{t('schedule.recent')}</h3>
      {schedule.recentActions.length === 0 ? (
        <p className="muted" data-testid="no-recent-runs">
          {t('schedule.noRecent')}
        </p>
      ) : (
        <ul className="plain recent-runs">
          {schedule.recentActions
            .slice(-5)
            .reverse()
            .map((a) => (
              // The Temporal workflow's id (its time in UTC) is for operators: the line's title, not shown beside the time in Vietnam.
              <li key={a.workflowId} title={a.workflowId}>
                {formatDateTime(a.scheduledAt)}
              </li>
            ))}
        </ul>
      )}
      <p className="small muted">
        {t('schedule.id')}: <code data-testid="schedule-id">{schedule.scheduleId}</code> · {t(`overlapPolicies.${schedule.overlapPolicy}`, { defaultValue: schedule.overlapPolicy })}
      </p>

      {canOperate && (
        <div className="schedule-actions">
          <p className="status-line" role="status" data-testid="schedule-status">
            {action.done ?? ''}
          </p>
          {action.error && <ErrorPanel error={action.error} onDismiss={action.clear} />}
          {schedule.paused ? (
            <button type="button" className="button primary" disabled={!!action.busy} onClick={() => void resume()}>
              {t('schedule.resume')}
            </button>
          ) : (
            <form className="inline-form" onSubmit={(e) => void pause(e)}>
              <div className="field">
                <label className="field-label" htmlFor="pause-note">
                  {t('schedule.pauseNote')}
                </label>
                <input id="pause-note" type="text" value={pauseNote} maxLength={500} required onChange={(e) => setPauseNote(e.target.value)} />
              </div>
              <button type="submit" className="button secondary" disabled={!!action.busy || !pauseNote.trim()}>
                {t('schedule.pause')}
              </button>
            </form>
          )}
          {outsideWindow ? (
            <p className="notice" data-testid="run-now-outside-window">
              {t('schedule.outsideWindow', { today: formatIsoDate(today), from: formatIsoDate(approvedDef!.planWindow.from), to: formatIsoDate(approvedDef!.planWindow.to) })}
            </p>
          ) : confirmRun ? (
            <div className="confirm" role="group" aria-labelledby="confirm-run-text">
              <p id="confirm-run-text">{t('schedule.confirmRun')}</p>
              <button type="button" className="button primary" disabled={!!action.busy} onClick={() => void trigger()}>
                {t('schedule.confirmRunYes')}
              </button>{' '}
              <button type="button" className="button subtle" onClick={() => setConfirmRun(false)}>
                {t('schedule.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="button secondary" disabled={!!action.busy} onClick={() => setConfirmRun(true)}>
              {t('schedule.runNow')}
            </button>
          )}
          <details className="backfill">
            <summary>{t('schedule.backfill')}</summary>
            <p className="field-help">{t('schedule.backfillHelp')}</p>
            <form className="inline-form" onSubmit={(e) => void backfill(e)}>
              <Field id="backfill-from" label={t('schedule.from')} error={backfillProblems.from} required>
                {(p) => <DateInput {...p} value={from} max={todayInVietnam()} onChange={setFrom} />}
              </Field>
              <Field id="backfill-to" label={t('schedule.to')} error={backfillProblems.to} required>
                {(p) => <DateInput {...p} value={to} min={parseViDate(from)} onChange={setTo} />}
              </Field>
              <button type="submit" className="button secondary" disabled={!!action.busy}>
                {t('schedule.backfillRun')}
              </button>
            </form>
          </details>
        </div>
      )}
    </section>
  );
}

function PreviewPanel({ campaignId, approvedVersion, teams }: { campaignId: string; approvedVersion: number | undefined; teams: TTeam[] | undefined }) {
  const { t } = useTranslation('campaigns');
  const staff = useStaff();
  const [requested, setRequested] = useState(false);
  const preview = useGet('/api/v1/campaigns/{campaignId}/dry-run', requested && approvedVersion ? { path: { campaignId } } : null);
  return (
    <section className="card" aria-labelledby="cp-preview" data-testid="preview">
      <div className="section-head">
        <h2 id="cp-preview">{t('preview.title')}</h2>
        <button type="button" className="button secondary" disabled={!approvedVersion || preview.loading} onClick={() => (requested ? preview.reload() : setRequested(true))}>
          {requested ? t('preview.again') : t('preview.show')}
        </button>
      </div>
      <p className="muted">{approvedVersion ? t('preview.help') : t('preview.needsApproval')}</p>
      {preview.error && <ErrorPanel error={preview.error} focus={false} />}
      {preview.data && (
        <div data-testid="preview-result" data-period={preview.data.period}>
          <p>
            {t('preview.run', { period: periodLabel(preview.data.period), at: formatDateTime(preview.data.scheduledAt), v: preview.data.version })}{' '}
            <span className="badge">{t(`preview.sources.${preview.data.scheduledAtSource}`)}</span>
          </p>
          {preview.data.alreadyRan && <p className="notice">{t('preview.alreadyRan')}</p>}
          <PlanView plan={preview.data.plan} staff={staff} teams={teams} />
        </div>
      )}
    </section>
  );
}

/**
 * Ending the campaign (director): its schedule is deleted, no run starts any more and it cannot be
 * changed; the inspections it opened go on. Said why, and confirmed, since it cannot be undone.
 */
function EndPanel({ campaignId, onEnded }: { campaignId: string; onEnded: () => void }) {
  const { t } = useTranslation('campaigns');
  const action = useAction();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const end = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    if (await action.run('end', () => api('POST', `/api/v1/campaigns/${encodeURIComponent(campaignId)}/end`, { body: { note: note.trim() } }), t('end.done'))) onEnded();
  };
  return (
    <section className="card end-card" aria-labelledby="cp-end">
      <h2 id="cp-end">{t('end.title')}</h2>
      <p className="field-help">{t('end.help')}</p>
      {action.error && <ErrorPanel error={action.error} onDismiss={action.clear} />}
      <form className="inline-form" onSubmit={(e) => void end(e)}>
        <div className="field">
          <label className="field-label" htmlFor="end-note">
            {t('end.note')}
          </label>
          <input id="end-note" type="text" value={note} maxLength={500} required onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit" className={`button ${confirming ? 'danger-fill primary' : 'secondary danger'}`} disabled={!!action.busy || !note.trim()}>
          {confirming ? t('end.confirm') : t('end.end')}
        </button>
        {confirming && (
          <button type="button" className="button subtle" onClick={() => setConfirming(false)}>
            {t('schedule.cancel')}
          </button>
        )}
      </form>
      {confirming && <p className="notice">{t('end.warning')}</p>}
    </section>
  );
}

function ProcedureName({ procedure }: { procedure: { id: string; version: number } }) {
  return <>{useProcedureName(procedure)}</>;
}
