/**
 * A bulk action's report (`GET /api/v1/bulk-actions/{id}`): what was asked, by whom and when, and
 * per case (and per step) what became of it — done, refused by the case's workflow (what the
 * refusal means in the reader's language, the server's message, its code), skipped and why — with
 * a link to each case the reader may see. It is kept, so the link can be opened again later.
 */
import { useTranslation } from 'react-i18next';
import { refusalSentence } from '../lib/error-text.js';
import { Link, useParams } from 'react-router';
import { RecordFailed, RecordSkeleton } from '../components/PageStates.js';
import { caseUrl } from '../lib/api.js';
import type { TBulkReport } from '../lib/contract/types.js';
import { formatDateTime } from '../lib/format.js';
import { useGet, useStaffName, useTitle } from '../lib/hooks.js';

type TItem = TBulkReport['items'][number];

const RESULTS = ['OK', 'REFUSED', 'SKIPPED', 'ERROR', 'PENDING'] as const;

export function BulkReportPage() {
  const { t, i18n } = useTranslation();
  const id = useParams()['id'] ?? '';
  const name = useStaffName();
  const report = useGet('/api/v1/bulk-actions/{id}', { path: { id } });
  useTitle(t('bulk.report.title'));
  const r = report.data;
  if (report.error && !r) return <RecordFailed error={report.error} backTo="/cases" backLabel={t('bulk.report.back')} />;
  if (!r) return <RecordSkeleton />;

  /** What the result means, in the reader's language: the workflow's refusal worded from its rule (ADR 0110), else by its code, or why the case was skipped. */
  const meaning = (i: TItem): string => {
    const sentence = i.result === 'REFUSED' && i.rule ? refusalSentence({ rule: i.rule, params: i.params }, t, i18n.language) : undefined;
    if (sentence) return sentence;
    if (i.code && i18n.exists(`bulk.codes.${i.code}`)) return t(`bulk.codes.${i.code}`);
    if (i.code && i18n.exists(`errors.codes.${i.code}`)) return t(`errors.codes.${i.code}`);
    return t(`bulk.results.${i.result}`);
  };
  const what = r.action === 'REASSIGN' ? t('bulk.report.reassignedTo', { who: name(String(r.params['toUserId'] ?? '')) }) : t(`bulk.actions.${r.action}`);

  return (
    <div className="page bulk-report">
      <div className="page-head">
        <div>
          <h1>{t('bulk.report.title')}</h1>
          <p className="muted">
            {what} · {t('bulk.report.by', { who: name(r.createdBy), at: formatDateTime(r.createdAt) })}
          </p>
        </div>
        <div className="form-actions">
          <Link to="/cases" className="button secondary">
            {t('bulk.report.back')}
          </Link>
        </div>
      </div>
      <p className="bulk-summary" data-testid="bulk-summary" role="status">
        <strong>{t('bulk.report.cases', { count: r.cases })}</strong>
        {RESULTS.filter((k) => r.counts[k] > 0).map((k) => (
          <span key={k} className={`badge result-${k}`}>
            {t(`bulk.results.${k}`)}: {r.counts[k]}
          </span>
        ))}
      </p>
      {!r.finishedAt && <p className="bulk-error">{t('bulk.report.unfinished')}</p>}
      <table className="tasks bulk-items">
        <caption className="visually-hidden">{t('bulk.report.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bulk.report.columns.case')}</th>
            <th scope="col">{t('bulk.report.columns.step')}</th>
            <th scope="col">{t('bulk.report.columns.result')}</th>
            <th scope="col">{t('bulk.report.columns.message')}</th>
          </tr>
        </thead>
        <tbody>
          {r.items.length === 0 && (
            <tr className="empty-row">
              <td colSpan={4}>{t('bulk.report.empty')}</td>
            </tr>
          )}
          {r.items.map((i) => (
            <tr key={`${i.caseId}:${i.stepId ?? ''}`} data-testid="bulk-item" data-case={i.caseId} data-result={i.result}>
              <td data-label={t('bulk.report.columns.case')}>
                {i.caseTitle === null ? (
                  <span className="case-id">{i.caseId}</span>
                ) : (
                  <>
                    <Link to={caseUrl(i.caseId)} className="case-title">
                      {i.caseTitle}
                    </Link>
                    <span className="case-id">{i.caseId}</span>
                  </>
                )}
              </td>
              <td data-label={t('bulk.report.columns.step')}>{i.stepId ?? '—'}</td>
              <td data-label={t('bulk.report.columns.result')}>
                <span className={`badge result-${i.result}`}>{t(`bulk.results.${i.result}`)}</span>
              </td>
              <td data-label={t('bulk.report.columns.message')}>
                {i.result === 'OK' ? (
                  '—'
                ) : (
                  <div className="bulk-message">
                    <span>{meaning(i)}</span>
                    {i.message && <span className="small muted server-message">{i.message}</span>}
                    {i.code && <code className="small">{i.code}</code>}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
