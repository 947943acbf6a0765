/**
 * The public tip a case was started by (docs/adr/0130): what the reporter wrote, where, which
 * business, the photos, and the unit's other tips about the same business and theme. Never who the
 * reporter is: that is a separate read, offered to the director and team leads only, made when they
 * ask for it (docs/adr/0131). Everything the reporter wrote is text (React escapes it): a tip is
 * written by anyone on the internet.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, casePath, caseUrl } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useGet } from '../lib/hooks.js';
import type { TTipReporter as TReporter, TUser } from '../lib/contract/types.js';
import { EvidenceList } from './Evidence.js';
import { ErrorPanel } from './ErrorPanel.js';

/** Who may ask for the reporter's contact (api/routes/public-tips.ts REPORTER_READERS). */
const REPORTER_READERS = ['DIRECTOR', 'TEAM_LEAD'];

export function PublicTip({ caseId, user }: { caseId: string; user: TUser }) {
  const { t } = useTranslation();
  const r = useGet('/api/v1/cases/{caseId}/tip', { path: { caseId } });
  const [reporter, setReporter] = useState<TReporter | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  if (!r.data) return null;
  const { tip, related } = r.data;
  const showReporter = async () => {
    try {
      setReporter(await api<TReporter>('GET', `${casePath(caseId)}/tip/reporter`));
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };
  return (
    <section className="card public-tip" aria-labelledby="public-tip-title" data-testid="public-tip">
      <h2 id="public-tip-title">{t('publicTip.title')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('publicTip.receivedAt')}</dt>
          <dd>{formatDateTime(tip.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('publicTip.theme')}</dt>
          <dd>{t(`publicTip.themes.${tip.theme}`)}</dd>
        </div>
        <div>
          <dt>{t('publicTip.place')}</dt>
          <dd data-testid="public-tip-place">{tip.place}</dd>
        </div>
        {(tip.businessName || tip.taxCode) && (
          <div>
            <dt>{t('publicTip.business')}</dt>
            <dd>{[tip.businessName, tip.taxCode && t('publicTip.taxCode', { code: tip.taxCode })].filter(Boolean).join(', ')}</dd>
          </div>
        )}
      </dl>
      <h3>{t('publicTip.content')}</h3>
      <p className="public-tip-content" data-testid="public-tip-content">
        {tip.content}
      </p>
      {tip.photos.length > 0 && <EvidenceList files={tip.photos} />}
      <p className="small muted">{tip.anonymous ? t('publicTip.anonymous') : tip.wantsReply ? t('publicTip.wantsReply') : t('publicTip.hasContact')}</p>
      {!tip.anonymous && user.roles.some((role) => REPORTER_READERS.includes(role)) && !reporter && (
        <button type="button" className="button secondary small" onClick={() => void showReporter()}>
          {t('publicTip.showReporter')}
        </button>
      )}
      {error && <ErrorPanel error={error} />}
      {reporter && (
        <dl className="facts" data-testid="public-tip-reporter">
          {(['name', 'phone', 'email'] as const).map((k) =>
            reporter[k] ? (
              <div key={k}>
                <dt>{t(`publicTip.reporter.${k}`)}</dt>
                <dd>{reporter[k]}</dd>
              </div>
            ) : null,
          )}
        </dl>
      )}
      <h3>{t('publicTip.related')}</h3>
      {related.length === 0 ? (
        <p className="muted">{t('publicTip.noRelated')}</p>
      ) : (
        <ul className="plain related" data-testid="public-tip-related">
          {related.map((x) => (
            <li key={x.caseId}>
              <Link to={caseUrl(x.caseId)}>{x.caseId}</Link>
              <span className="small muted">
                {formatDateTime(x.receivedAt)}
                {x.status ? ` · ${t(`case.status.${x.status}`)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
