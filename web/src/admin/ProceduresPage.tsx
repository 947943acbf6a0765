/**
 * The procedures and their versions (draft, published, retired), each version a link to its editor:
 * the national procedures (the same for every unit, changed by a national administrator) and the
 * units' own (variants of national ones: the user's unit's; every unit's for a national
 * administrator, who oversees them). docs/adr/0040.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { formatDateTime } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { isNationalAdmin } from '../../../domain/tenancy.js';
import { useUser } from '../lib/session.js';
import type { TVersionRow } from './model.js';
import { NationalNotice } from './NationalNotice.js';
import './admin.css';

function ProcedureTable({ id, rows, loading, unitColumns }: { id: string; rows: Map<string, TVersionRow[]>; loading: boolean; unitColumns: 'none' | 'variant' | 'unit' }) {
  const { t } = useTranslation('admin');
  const columns = 4 + (unitColumns === 'none' ? 0 : unitColumns === 'unit' ? 2 : 1);
  return (
    <table className="data-table procedures" aria-busy={loading} aria-labelledby={id}>
      <thead>
        <tr>
          <th scope="col">{t('procedures.procedure')}</th>
          {unitColumns === 'unit' && <th scope="col">{t('tenancy.owner')}</th>}
          {unitColumns !== 'none' && <th scope="col">{t('tenancy.variantOfColumn')}</th>}
          <th scope="col">{t('procedures.kind')}</th>
          <th scope="col">{t('procedures.versions')}</th>
          <th scope="col">{t('procedures.lastPublished')}</th>
        </tr>
      </thead>
      <tbody>
        {loading &&
          Array.from({ length: 8 }, (_, i) => (
            <tr key={i} className="skeleton-row" aria-hidden="true">
              <td colSpan={columns}>
                <span className="skeleton" />
              </td>
            </tr>
          ))}
        {[...rows].map(([procedureId, versions]) => {
          const latest = versions[versions.length - 1]!;
          const published = versions.filter((v) => v.status === 'PUBLISHED').pop();
          const base = (published ?? latest).variant_of_id;
          return (
            <tr key={procedureId} data-testid="procedure-row" data-procedure={procedureId} data-owner={latest.owner_unit_id ?? 'national'}>
              <td data-label={t('procedures.procedure')}>
                <Link to={`/admin/procedures/${encodeURIComponent(procedureId)}/${(published ?? latest).version}`} className="case-title">
                  {latest.title_vi}
                </Link>
                <span className="case-id">{procedureId}</span>
              </td>
              {unitColumns === 'unit' && <td data-label={t('tenancy.owner')}>{latest.owner_unit_id}</td>}
              {unitColumns !== 'none' && (
                <td data-label={t('tenancy.variantOfColumn')}>
                  {base ? (
                    <Link to={`/admin/procedures/${encodeURIComponent(base)}/${(published ?? latest).variant_of_version ?? 1}`}>
                      {t('tenancy.variantOfShort', { id: base, v: (published ?? latest).variant_of_version })}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              )}
              <td data-label={t('procedures.kind')}>{t(`translation:kinds.${latest.kind}`)}</td>
              <td data-label={t('procedures.versions')}>
                <ul className="plain version-chips">
                  {versions.map((v) => (
                    <li key={v.version}>
                      <Link to={`/admin/procedures/${encodeURIComponent(procedureId)}/${v.version}`} className={`version-link version-${v.status}`}>
                        <span className="visually-hidden">{procedureId} </span>
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
  );
}

export function ProceduresPage() {
  const { t } = useTranslation('admin');
  const user = useUser();
  useTitle(t('procedures.title'));
  const list = useGet('/api/v1/procedures');
  const national = new Map<string, TVersionRow[]>();
  const units = new Map<string, TVersionRow[]>();
  for (const v of list.data?.versions ?? []) {
    const into = v.owner_unit_id === null ? national : units;
    into.set(v.procedure_id, [...(into.get(v.procedure_id) ?? []), v]);
  }
  const overseer = isNationalAdmin(user.roles);
  return (
    <div className="page admin-page">
      <h1>{t('procedures.title')}</h1>
      <p className="muted">{t('procedures.intro')}</p>
      {list.error && <ErrorPanel error={list.error} focus={false} />}

      <section className="procedure-section" aria-labelledby="national-procedures">
        <h2 id="national-procedures">
          <span className="badge national">{t('tenancy.nationalBadge')}</span> {t('tenancy.nationalSection')}
        </h2>
        <NationalNotice what="PROCEDURES">{!overseer && user.roles.includes('ADMIN') && <p>{t('tenancy.variantHint')}</p>}</NationalNotice>
        <ProcedureTable id="national-procedures" rows={national} loading={!list.data} unitColumns="none" />
      </section>

      <section className="procedure-section" aria-labelledby="unit-procedures" data-testid="unit-procedures">
        <h2 id="unit-procedures">
          <span className="badge unit-own">{t('tenancy.unitBadge')}</span> {t('tenancy.unitSection')}
        </h2>
        <p className="muted">{t('tenancy.unitSectionIntro')}</p>
        {list.data && units.size === 0 ? (
          overseer ? (
            <p className="muted">—</p>
          ) : (
            <p className="notice">{t('tenancy.noUnitProcedures')}</p>
          )
        ) : (
          <ProcedureTable id="unit-procedures" rows={units} loading={!list.data} unitColumns={overseer ? 'unit' : 'variant'} />
        )}
      </section>
    </div>
  );
}
