/**
 * The business registry of the unit: search by name, tax code or representative (accents need not
 * be typed), filters (status, type, area, market, hotspot, managing team), sorting and pages
 * (`GET /api/v1/businesses`, cursor paging). Filters live in the address, so Back returns to them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { FilterSelect as Select } from '../components/FilterSelect.js';
import { useGet, useTitle, type TGetParams } from '../lib/hooks.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { useUrlState } from '../lib/url-state.js';
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
  const [params, setParams] = useUrlState();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const [prev, setPrev] = useState<string[]>([]);
  const teams = useGet('/api/v1/teams');
  const { markets, hotspots } = usePlaces();
  const canWrite = hasAnyRole(user, REGISTRY_WRITERS);

  // The page's own URL holds the filters; the API's query takes the same names (unknown values it refuses at their field).
  const query: Record<string, string | number> = { limit: PAGE };
  for (const k of [...FILTERS, 'cursor'] as const) {
    const v = params.get(k);
    if (v) query[k] = v;
  }
  const list = useGet('/api/v1/businesses', { query: query as TGetParams<'/api/v1/businesses'>['query'] });

  // A new search starts at its first page.
  const set = (key: string, value: string): void => {
    if (key !== 'cursor') setPrev([]);
    setParams(key === 'cursor' ? { cursor: value } : { [key]: value, cursor: '' });
  };

  // The search follows typing after a short pause (one request per word, not per letter).
  const q = params.get('q') ?? '';
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = window.setTimeout(() => set('q', typed.trim()), 250);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `set` reads the current params
  }, [typed, q]);

  // While the next page or search loads, the last results stay (nothing jumps as one types).
  const [last, setLast] = useState<typeof list.data>();
  if (list.data && list.data !== last) setLast(list.data);
  const data = list.data ?? last;
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
      {(params.get('cursor') || data?.nextCursor) && (
        <nav className="pager" aria-label={t('list.pages')}>
          <button
            type="button"
            className="button secondary"
            disabled={!params.get('cursor')}
            onClick={() => {
              const back = prev[prev.length - 1];
              setPrev(prev.slice(0, -1));
              set('cursor', back ?? '');
            }}
          >
            {prev.length || !params.get('cursor') ? t('list.previous') : t('list.first')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={!data?.nextCursor || list.loading}
            onClick={() => {
              setPrev([...prev, params.get('cursor') ?? '']);
              set('cursor', data!.nextCursor!);
            }}
          >
            {t('list.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
