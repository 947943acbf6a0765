/**
 * A business: who and where it is, its market and hotspots, and its inspection and violation
 * history (the cases about it the user may see, with fines decided and paid). From here a team
 * lead or director starts an inspection of it, and registry writers edit it.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RecordFailed, RecordSkeleton } from '../components/PageStates.js';
import { caseUrl } from '../lib/api.js';
import { formatDate, formatMoney } from '../lib/format.js';
import { useGet, useStaffName, useTitle } from '../lib/hooks.js';
import { canOpenKind } from '../../../domain/roles.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { REGISTRY_WRITERS } from '../../../domain/roles.js';
import { StatusBadge } from './ui.js';
import './registry.css';

export function BusinessPage() {
  const { t } = useTranslation('registry');
  const { businessId = '' } = useParams();
  const user = useUser();
  const nameOf = useStaffName();
  const page = useGet('/api/v1/businesses/{businessId}', { path: { businessId } });
  const teams = useGet('/api/v1/teams');
  const b = page.data?.business;
  useTitle(b?.name ?? t('business.title'));

  if (page.error && !b) {
    return <RecordFailed error={page.error} backTo="/registry" backLabel={t('business.back')} />;
  }
  if (!b || !page.data) {
    return <RecordSkeleton className="registry-page" />;
  }
  const history = page.data.history;
  const inspections = history.filter((h) => h.kind === 'INSPECTION').length;
  const penalties = history.filter((h) => h.kind === 'PENALTY' || h.kind === 'PENALTY_NO_RECORD');
  const decided = penalties.reduce((n, h) => n + (h.fines.decided ?? 0), 0);
  const teamName = (id: string | null): string => (id ? (teams.data?.teams.find((x) => x.id === id)?.name ?? id) : t('business.none'));

  return (
    <div className="page registry-page business-page" data-testid="business-page" data-business={b.id}>
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/registry">{t('list.title')}</Link> › <span>{b.name}</span>
      </nav>
      <header className="page-head">
        <div>
          <p className="case-kicker">
            <span className="badge kind">{t(`types.${b.type}`)}</span> <StatusBadge status={b.status} />
          </p>
          <h1>{b.name}</h1>
          <p className="muted">
            {t('business.taxCode')}: <code data-testid="business-tax-code">{b.taxCode}</code>
          </p>
        </div>
        <div className="form-actions">
          {canOpenKind(user, 'INSPECTION') && (
            <Link to={`/cases/new?businessId=${encodeURIComponent(b.id)}`} className="button primary">
              {t('business.startInspection')}
            </Link>
          )}
          {hasAnyRole(user, REGISTRY_WRITERS) && (
            <Link to={`/registry/businesses/${encodeURIComponent(b.id)}/edit`} className="button secondary">
              {t('business.edit')}
            </Link>
          )}
        </div>
      </header>

      <div className="business-layout">
        <section className="card" aria-labelledby="biz-facts-title">
          <h2 id="biz-facts-title">{t('business.facts')}</h2>
          <dl className="record">
            <div>
              <dt>{t('business.address')}</dt>
              <dd>{[b.address.line, b.address.commune, b.address.province].filter(Boolean).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('business.representative')}</dt>
              <dd>{b.legalRepresentative ?? t('business.none')}</dd>
            </div>
            <div>
              <dt>{t('business.phone')}</dt>
              <dd>{b.phone ?? t('business.none')}</dd>
            </div>
            <div>
              <dt>{t('business.sector')}</dt>
              <dd>{b.sector ?? t('business.none')}</dd>
            </div>
            <div>
              <dt>{t('business.productGroups')}</dt>
              <dd>{b.productGroups.length ? b.productGroups.join('; ') : t('business.none')}</dd>
            </div>
            <div>
              <dt>{t('business.team')}</dt>
              <dd>{teamName(b.managingTeamId)}</dd>
            </div>
            <div>
              <dt>{t('business.market')}</dt>
              <dd>{page.data.market ? <Link to={`/registry?market=${encodeURIComponent(page.data.market.id)}`}>{page.data.market.name}</Link> : t('business.none')}</dd>
            </div>
            <div>
              <dt>{t('business.hotspots')}</dt>
              <dd>
                {page.data.hotspots.length
                  ? page.data.hotspots.map((h, i) => (
                      <span key={h.id}>
                        {i > 0 && '; '}
                        <Link to={`/registry?hotspot=${encodeURIComponent(h.id)}`}>{h.name}</Link>
                      </span>
                    ))
                  : t('business.none')}
              </dd>
            </div>
            {b.conflictOfInterestUserIds.length > 0 && (
              <div>
                <dt>{t('business.conflicts')}</dt>
                <dd>{b.conflictOfInterestUserIds.map(nameOf).join(', ')}</dd>
              </div>
            )}
            <div>
              <dt>{t('business.updated')}</dt>
              <dd>
                {formatDate(b.updatedAt)} · {nameOf(b.updatedBy)}
              </dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="biz-summary-title">
          <h2 id="biz-summary-title">{t('business.summary')}</h2>
          <dl className="counters stacked">
            <div>
              <dt>{t('business.inspections')}</dt>
              <dd>{inspections}</dd>
            </div>
            <div className={penalties.length ? 'overdue' : undefined}>
              <dt>{t('business.penalties')}</dt>
              <dd>{penalties.length}</dd>
            </div>
            <div>
              <dt>{t('business.finesDecided')}</dt>
              <dd className="money">{formatMoney(decided)}</dd>
            </div>
          </dl>
        </section>
      </div>

      <section aria-labelledby="biz-history-title">
        <h2 id="biz-history-title">{t('business.history')}</h2>
        <div className="table-scroll">
          <table className="data-table history" data-testid="business-history">
            <caption className="visually-hidden">{t('business.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('business.case')}</th>
                <th scope="col">{t('business.kind')}</th>
                <th scope="col">{t('business.opened')}</th>
                <th scope="col">{t('business.state')}</th>
                <th scope="col">{t('business.fines')}</th>
              </tr>
            </thead>
            <tbody>
              {history.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('business.noHistory')}
                  </td>
                </tr>
              )}
              {history.map((h) => (
                <tr key={h.caseId} data-testid="history-case" data-case={h.caseId}>
                  <td>
                    <Link to={caseUrl(h.caseId)} className="case-title">
                      {h.title}
                    </Link>
                    <span className="case-id">
                      {h.caseId} · {t('business.procedure', { id: h.procedure.id, v: h.procedure.version })}
                    </span>
                  </td>
                  <td>{t(`translation:kinds.${h.kind}`, { defaultValue: h.kind })}</td>
                  <td className="nowrap">{formatDate(h.openedAt)}</td>
                  <td>
                    <span className={`badge status-${h.status}`}>{t(`translation:case.status.${h.status}`, { defaultValue: h.status })}</span>
                    {h.overdue && <span className="badge overdue">{t('translation:case.overdue')}</span>}
                    {h.closedAt && <span className="case-id">{t('business.closedOn', { date: formatDate(h.closedAt), outcome: h.outcome ?? '' })}</span>}
                  </td>
                  <td className="nowrap">
                    {h.fines.decided !== undefined ? formatMoney(h.fines.decided) : '—'}
                    {h.fines.paid !== undefined && <span className="case-id">{t('business.paid', { amount: formatMoney(h.fines.paid) })}</span>}
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
