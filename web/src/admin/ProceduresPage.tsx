/** The procedures and their versions (draft, published, retired), each version a link to its editor. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { formatDateTime } from '../lib/format.js';
import { useApi, useTitle } from '../lib/hooks.js';
import type { TVersionRow } from './model.js';
import './admin.css';

export function ProceduresPage() {
  const { t } = useTranslation('admin');
  useTitle(t('procedures.title'));
  const list = useApi<{ versions: TVersionRow[] }>('/api/v1/procedures');
  const byProcedure = new Map<string, TVersionRow[]>();
  for (const v of list.data?.versions ?? []) byProcedure.set(v.procedure_id, [...(byProcedure.get(v.procedure_id) ?? []), v]);
  return (
    <div className="page admin-page">
      <h1>{t('procedures.title')}</h1>
      <p className="muted">{t('procedures.intro')}</p>
      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <table className="data-table procedures" aria-busy={!list.data}>
        <caption className="visually-hidden">{t('procedures.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procedures.procedure')}</th>
            <th scope="col">{t('procedures.kind')}</th>
            <th scope="col">{t('procedures.versions')}</th>
            <th scope="col">{t('procedures.lastPublished')}</th>
          </tr>
        </thead>
        <tbody>
          {!list.data &&
            Array.from({ length: 8 }, (_, i) => (
              <tr key={i} className="skeleton-row" aria-hidden="true">
                <td colSpan={4}>
                  <span className="skeleton" />
                </td>
              </tr>
            ))}
          {[...byProcedure].map(([id, versions]) => {
            const latest = versions[versions.length - 1]!;
            const published = versions.filter((v) => v.status === 'PUBLISHED').pop();
            return (
              <tr key={id} data-testid="procedure-row" data-procedure={id}>
                <td data-label={t('procedures.procedure')}>
                  <Link to={`/admin/procedures/${encodeURIComponent(id)}/${(published ?? latest).version}`} className="case-title">
                    {latest.title_vi}
                  </Link>
                  <span className="case-id">{id}</span>
                </td>
                <td data-label={t('procedures.kind')}>{t(`translation:kinds.${latest.kind}`)}</td>
                <td data-label={t('procedures.versions')}>
                  <ul className="plain version-chips">
                    {versions.map((v) => (
                      <li key={v.version}>
                        <Link to={`/admin/procedures/${encodeURIComponent(id)}/${v.version}`} className={`version-link version-${v.status}`}>
                          <span className="visually-hidden">{id} </span>
                          {t('versionLabel', { v: v.version, status: t(`status.${v.status}`) })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label={t('procedures.lastPublished')}>{published?.published_at ? formatDateTime(published.published_at) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
