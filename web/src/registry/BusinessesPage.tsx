/**
 * The business registry of the unit: search by name, tax code or representative (accents need not
 * be typed), filters (status, type, area, market, hotspot, managing team), sorting and pages
 * (`GET /api/v1/businesses`, cursor paging). Filters live in the address, so Back returns to them.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { FilterSelect as Select } from '../components/FilterSelect.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { Pager, useListPage } from '../lib/list-page.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { BUSINESS_STATUSES, BUSINESS_TYPES } from './rules.js';
import { REGISTRY_WRITERS } from '../../../domain/roles.js';
import { StatusBadge, usePlaces } from './ui.js';
import './registry.css';

const FILTERS = ['q', 'status', 'type', 'area', 'market', 'hotspot', 'team', 'sort'] as const;
const PAGE = 20;

export function BusinessesPage() {
  const { t } = useTranslation('registry');
  const user = useUser();
  useTitle(t('list.title'));
  const { params, set, typed, setTyped, list, data, pager } = useListPage('/api/v1/businesses', FILTERS, PAGE);
  const teams = useGet('/api/v1/teams');
  const { markets, hotspots } = usePlaces();
  const canWrite = hasAnyRole(user, REGISTRY_WRITERS);

  const items = data?.items;
  const teamName = (id: string | null): string => (id ? (teams.data?.teams.find((x) => x.id === id)?.name ?? id) : '');

  return (
    <div className="page registry-page">
      <div className="page-head">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="muted">{t('list.intro')}</p>
        </div>
        <div className="form-actions">
          <Link to="/registry/places" className="button secondary">
            {t('nav.places')}
          </Link>
          {canWrite && (
            <>
              <Link to="/registry/import" className="button secondary">
                {t('nav.import')}
              </Link>
              <Link to="/registry/businesses/new" className="button primary">
                {t('list.add')}
              </Link>
            </>
          )}
        </div>
      </div>

      <form className="filters registry-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field inline grow">
          <label htmlFor="biz-q" className="field-label">
            {t('list.search')}
          </label>
          <input id="biz-q" type="search" value={typed} placeholder={t('list.searchPlaceholder')} aria-describedby="biz-q-help" onChange={(e) => setTyped(e.target.value)} />
          <span id="biz-q-help" className="visually-hidden">
            {t('list.searchHelp')}
          </span>
        </div>
        <Select
          id="biz-status"
          label={t('list.status')}
          value={params.get('status') ?? ''}
          onChange={(v) => set('status', v)}
          all={t('list.all')}
          options={BUSINESS_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
        <Select
          id="biz-type"
          label={t('list.type')}
          value={params.get('type') ?? ''}
          onChange={(v) => set('type', v)}
          all={t('list.all')}
          options={BUSINESS_TYPES.map((s) => ({ value: s, label: t(`types.${s}`) }))}
        />
        <div className="field inline">
          <label htmlFor="biz-area" className="field-label">
            {t('list.area')}
          </label>
          <input
            id="biz-area"
            type="search"
            defaultValue={params.get('area') ?? ''}
            placeholder={t('list.areaPlaceholder')}
            onBlur={(e) => set('area', e.target.value.trim())}
            onKeyDown={(e) => e.key === 'Enter' && set('area', (e.target as HTMLInputElement).value.trim())}
          />
        </div>
        <Select
          id="biz-market"
          label={t('list.market')}
          value={params.get('market') ?? ''}
          onChange={(v) => set('market', v)}
          all={t('list.all')}
          options={(markets ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <Select
          id="biz-hotspot"
          label={t('list.hotspot')}
          value={params.get('hotspot') ?? ''}
          onChange={(v) => set('hotspot', v)}
          all={t('list.all')}
          options={(hotspots ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <Select
          id="biz-team"
          label={t('list.team')}
          value={params.get('team') ?? ''}
          onChange={(v) => set('team', v)}
          all={t('list.all')}
          options={(teams.data?.teams ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <Select
          id="biz-sort"
          label={t('list.sort')}
          value={params.get('sort') ?? ''}
          onChange={(v) => set('sort', v)}
          all={t('list.sorts.name')}
          options={(['taxCode', 'createdAt', 'updatedAt'] as const).map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
        />
      </form>

      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <p className="muted small result-count" aria-live="polite" data-testid="business-count">
        {data ? t('list.count', { count: data.total }) : '\u00a0'}
      </p>
      <table className="tasks businesses" aria-busy={list.loading}>
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.name')}</th>
            <th scope="col">{t('list.columns.taxCode')}</th>
            <th scope="col">{t('list.columns.address')}</th>
            <th scope="col">{t('list.columns.status')}</th>
            <th scope="col">{t('list.columns.team')}</th>
          </tr>
        </thead>
        <tbody>
          {!items &&
            Array.from({ length: 5 }, (_, i) => (
              <tr key={i} className="skeleton-row" aria-hidden="true">
                <td colSpan={5}>
                  <span className="skeleton" />
                </td>
              </tr>
            ))}
          {items && items.length === 0 && (
            <tr className="empty-row">
              <td colSpan={5}>{t('list.empty')}</td>
            </tr>
          )}
          {items?.map((b) => (
            <tr key={b.id} data-testid="business-row" data-business={b.id}>
              <td data-label={t('list.columns.name')}>
                <Link to={`/registry/businesses/${encodeURIComponent(b.id)}`} className="case-title">
                  {b.name}
                </Link>
                <span className="case-id">
                  {t(`types.${b.type}`)}
                  {b.legalRepresentative ? ` · ${b.legalRepresentative}` : ''}
                  {b.sector ? ` · ${b.sector}` : ''}
                </span>
              </td>
              <td data-label={t('list.columns.taxCode')} className="nowrap">
                <code>{b.taxCode}</code>
              </td>
              <td data-label={t('list.columns.address')}>{[b.address.line, b.address.commune, b.address.province].filter(Boolean).join(', ')}</td>
              <td data-label={t('list.columns.status')}>
                <StatusBadge status={b.status} />
              </td>
              <td data-label={t('list.columns.team')}>{teamName(b.managingTeamId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pager={pager} label={t('list.pages')} previous={pager.hasPrevious || pager.atFirst ? t('list.previous') : t('list.first')} next={t('list.next')} />
    </div>
  );
}
