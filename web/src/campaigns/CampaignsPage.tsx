/** The unit's campaigns: each with its plan window, its latest version and the one that runs. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { formatDate, formatIsoDate } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { CAMPAIGN_APPROVERS, CAMPAIGN_PLANNERS } from '../../../domain/roles.js';
import { VersionBadge } from './ui.js';
import '../admin/admin.css';
import './campaigns.css';

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const user = useUser();
  useTitle(t('list.title'));
  const list = useGet('/api/v1/campaigns');
  const campaigns = list.data?.campaigns ?? [];
  const waiting = campaigns.filter((c) => c.latestStatus === 'SUBMITTED' && !c.endedAt).length;
  return (
    <div className="page campaigns-page">
      <header className="page-head">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="muted">{t('list.intro')}</p>
        </div>
        {hasAnyRole(user, CAMPAIGN_PLANNERS) && (
          <Link to="/campaigns/new" className="button primary">
            {t('list.new')}
          </Link>
        )}
      </header>
      {/* Its line is there from the first paint for those who approve (a skeleton while the list loads), so that the table does not jump when it arrives. */}
      {hasAnyRole(user, CAMPAIGN_APPROVERS) && (
        <p className={waiting > 0 ? 'notice' : 'notice quiet'} data-testid="awaiting-approval" aria-busy={!list.data}>
          {!list.data ? <span className="skeleton line" /> : waiting > 0 ? t('list.awaiting', { count: waiting }) : t('list.awaitingNone')}
        </p>
      )}
      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <div className="table-scroll">
        <table className="data-table campaigns" aria-busy={!list.data}>
          <caption className="visually-hidden">{t('list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.campaign')}</th>
              <th scope="col">{t('list.kind')}</th>
              <th scope="col">{t('list.window')}</th>
              <th scope="col">{t('list.latest')}</th>
              <th scope="col">{t('list.running')}</th>
            </tr>
          </thead>
          <tbody>
            {!list.data &&
              Array.from({ length: 4 }, (_, i) => (
                <tr key={i} className="skeleton-row" aria-hidden="true">
                  <td colSpan={5}>
                    <span className="skeleton" />
                  </td>
                </tr>
              ))}
            {list.data && campaigns.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('list.empty')}
                </td>
              </tr>
            )}
            {campaigns.map((c) => (
              <tr key={c.campaignId} data-testid="campaign-row" data-campaign={c.campaignId}>
                <td>
                  <Link to={`/campaigns/${encodeURIComponent(c.campaignId)}`} className="case-title">
                    {c.title}
                  </Link>
                  <span className="case-id">{c.campaignId}</span>
                </td>
                <td>{t(`kinds.${c.kind}`)}</td>
                <td className="nowrap">
                  {formatIsoDate(c.planWindow.from)} – {formatIsoDate(c.planWindow.to)}
                </td>
                <td>
                  <Link to={`/campaigns/${encodeURIComponent(c.campaignId)}/versions/${c.latestVersion}`}>{t('versionNo', { v: c.latestVersion })}</Link> <VersionBadge status={c.latestStatus} />
                </td>
                <td>
                  {c.endedAt ? (
                    <span className="badge cv-ENDED" data-testid="campaign-ended">
                      {t('list.ended', { date: formatDate(c.endedAt) })}
                    </span>
                  ) : c.approvedVersion ? (
                    t('versionNo', { v: c.approvedVersion })
                  ) : (
                    <span className="muted">{t('list.notApproved')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
