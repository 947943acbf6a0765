/**
 * One run of a campaign: when it was due and when it ran (moved off a day off, and why), the
 * plan with its guardrail findings (targets, reasons, assignments, what was left out) and where each
 * planned inspection stands — case, team, inspector, open or closed, overdue, violation, fines.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RecordFailed, RecordSkeleton } from '../components/PageStates.js';
import { caseUrl } from '../lib/api.js';
import { dayOffText, formatDateTime, formatIsoDate, formatMoney } from '../lib/format.js';
import { useGet, useStaff, useTitle } from '../lib/hooks.js';
import { periodLabel } from './model.js';
import { PlanView, RunBadge, TotalsView } from './ui.js';
import '../admin/admin.css';
import './campaigns.css';

export function RunPage() {
  const { t } = useTranslation('campaigns');
  const { campaignId = '', period = '' } = useParams();
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;
  const page = useGet('/api/v1/campaigns/{campaignId}/runs/{period}', { path: { campaignId, period } });
  const list = useGet('/api/v1/campaigns');
  const teams = useGet('/api/v1/teams');
  const staff = useStaff();
  const title = list.data?.campaigns.find((c) => c.campaignId === campaignId)?.title ?? campaignId;
  useTitle(t('run.title', { period: periodLabel(period) }));

  if (page.error && !page.data) {
    return <RecordFailed error={page.error} backTo={`/campaigns/${encodeURIComponent(campaignId)}`} backLabel={t('run.back')} />;
  }
  if (!page.data) {
    return <RecordSkeleton />;
  }
  const { run, plan, workflowId } = page.data;
  const teamName = (id: string): string => teams.data?.teams.find((x) => x.id === id)?.name ?? id;

  return (
    <div className="page campaign-run-page" data-testid="campaign-run" data-period={period}>
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/campaigns">{t('list.title')}</Link> › <Link to={`/campaigns/${encodeURIComponent(campaignId)}`}>{title}</Link> › <span>{t('run.title', { period: periodLabel(period) })}</span>
      </nav>
      <header className="page-head">
        <div>
          <p className="case-kicker">
            <RunBadge status={run.status} /> <span className="badge kind">{t('versionNo', { v: run.version })}</span>
          </p>
          <h1>{t('run.title', { period: periodLabel(period) })}</h1>
          <p className="muted">
            {t('run.dates', { due: formatIsoDate(run.dueDate), run: formatIsoDate(run.runDate), started: formatDateTime(run.startedAt) })}
            {run.finishedAt && <> · {t(run.status === 'BLOCKED' ? 'run.blockedAt' : 'run.finished', { at: formatDateTime(run.finishedAt) })}</>}
          </p>
          {run.movedBecause && (
            <p className="notice" data-testid="moved-because">
              {t('plan.moved', { date: formatIsoDate(run.runDate), why: dayOffText(run.dueDate, run.movedBecause, (n) => t(`admin:weekdays.${n}`)) })}
            </p>
          )}
        </div>
        <a className="button subtle" href={`${base}/report.csv?period=${encodeURIComponent(period)}`} download data-testid="run-csv">
          {t('progress.csv')}
        </a>
      </header>

      <section className="card" aria-labelledby="run-progress">
        <h2 id="run-progress">{t('progress.title')}</h2>
        <TotalsView totals={run.totals} testId="run-totals" />
      </section>

      <section className="card" aria-labelledby="run-lines">
        <h2 id="run-lines">{t('run.lines')}</h2>
        <div className="table-scroll">
          <table className="data-table run-lines" data-testid="run-lines">
            <caption className="visually-hidden">{t('run.linesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.rank')}</th>
                <th scope="col">{t('plan.business')}</th>
                <th scope="col">{t('plan.assignedTo')}</th>
                <th scope="col">{t('run.case')}</th>
                <th scope="col">{t('progress.status')}</th>
                <th scope="col">{t('run.fines')}</th>
              </tr>
            </thead>
            <tbody>
              {run.lines.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('run.noLines')}
                  </td>
                </tr>
              )}
              {run.lines.map((l) => (
                <tr key={l.caseId} data-testid="run-line" data-case={l.caseId} data-status={l.status}>
                  <td>{l.rank}</td>
                  <td>
                    <Link to={`/registry/businesses/${encodeURIComponent(l.businessId)}`} className="case-title">
                      {l.businessName}
                    </Link>
                    <span className="case-id">{l.taxCode}</span>
                  </td>
                  <td>
                    {teamName(l.teamId)}
                    <span className="case-id">{staff?.get(l.assigneeId)?.displayName ?? l.assigneeId}</span>
                  </td>
                  <td>
                    {l.status === 'NOT_STARTED' || l.status === 'BLOCKED' ? (
                      <span className="muted">{t(l.status === 'BLOCKED' ? 'run.notOpened' : 'run.notStarted')}</span>
                    ) : (
                      <Link to={caseUrl(l.caseId)}>{l.caseId}</Link>
                    )}
                  </td>
                  <td>
                    <span className={`badge line-${l.status}`}>{t(`lineStatus.${l.status}`, { defaultValue: l.status })}</span>
                    {l.overdue && <span className="badge overdue">{t('translation:case.overdue')}</span>}
                    {l.violation && <span className="badge violation">{t('run.violation')}</span>}
                  </td>
                  <td className="nowrap">
                    {l.fineDecided ? formatMoney(l.fineDecided) : '—'}
                    {l.finePaid > 0 && <span className="case-id">{t('run.paid', { amount: formatMoney(l.finePaid) })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="run-plan">
        <h2 id="run-plan">{t('run.plan')}</h2>
        <PlanView plan={plan} staff={staff} teams={teams.data?.teams} />
        <p className="small muted">
          {t('run.workflow')}: <code data-testid="run-workflow">{workflowId}</code>
        </p>
      </section>
    </div>
  );
}
