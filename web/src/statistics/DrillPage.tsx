/**
 * The cases behind a figure (drill-down): which figure, of which period, team and group (or which
 * locked period's adjustment), its total and how many cases make it, and the cases with their share
 * of it, each a link to its page; "Xem thêm" loads the next page (the sum of all pages is the figure).
 */
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { ApiError, caseUrl } from '../lib/api.js';
import { $api } from '../lib/contract/client.js';
import { formatIsoDate, formatMoney } from '../lib/format.js';
import { useStaffName, useTitle, type TGetParams } from '../lib/hooks.js';
import type { TStatCase, TStatCasesPage } from '../lib/contract/types.js';
import { periodOf } from '../../../domain/statistics/periods.js';
import { formatCount, formatShare, indicatorName, isMoney, periodLabel, readDrillQuery, reportHref, statParams, type TDrillQuery } from './model.js';
import { ScrollBox, StatisticsNav, useTeams, useUnitWide } from './ui.js';

/** Cases per page: a screenful on a tablet. */
const PAGE = 50;

export function DrillPage() {
  const { t } = useTranslation('statistics');
  const [params] = useSearchParams();
  const query = readDrillQuery(params);
  useTitle(query ? undefined : t('drill.title'));
  if (!query)
    return (
      <div className="page stat-page">
        <div className="page-head">
          <h1>{t('drill.title')}</h1>
          <StatisticsNav />
        </div>
        <p className="notice">{t('drill.noFigure')}</p>
        <Link to="/statistics/report">{t('drill.toReport')}</Link>
      </div>
    );
  return <Drill query={query} />;
}

function Drill({ query }: { query: TDrillQuery }) {
  const { t, i18n } = useTranslation('statistics');
  const { t: tc } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const lang = i18n.language;
  const unitWide = useUnitWide();
  const teams = useTeams(!!query.teamId || query.dimension === 'team');
  const staffName = useStaffName();
  const name = indicatorName(query.indicator, lang);
  useTitle(name);
  const list = $api.useInfiniteQuery(
    'get',
    '/api/v1/statistics/cases',
    { params: { query: { ...statParams(query), limit: PAGE } as NonNullable<TGetParams<'/api/v1/statistics/cases'>['query']> } },
    {
      pageParamName: 'after',
      initialPageParam: undefined,
      getNextPageParam: (last: TStatCasesPage) => last.next ?? undefined,
    },
  );
  const pages = list.data?.pages;
  const first = pages?.[0];
  const cases = pages?.flatMap((p) => p.cases) ?? [];
  const error = list.error ? (list.error instanceof ApiError ? list.error : new ApiError(0, 'NETWORK', String(list.error))) : undefined;
  const money = isMoney(query.indicator);
  const amount = (v: number): string => (money ? formatMoney(v) : formatCount(v));
  const teamName = (id: string): string => teams?.find((x) => x.id === id)?.name ?? id;
  const groupValue = (): string => {
    const v = query.value;
    if (!v) return t(query.dimension === 'officer' ? 'groups.noOfficer' : 'groups.unknown');
    if (query.dimension === 'team') return teamName(v);
    if (query.dimension === 'officer') return staffName(v);
    if (query.dimension === 'kind') return tc(`kinds.${v}`, { defaultValue: v });
    return v;
  };
  const adjusted = query.adjustmentOf && query.period !== 'CUSTOM' ? safePeriod(query.period, query.adjustmentOf) : undefined;
  const back = reportHref({ period: query.period, key: query.key, from: query.from, to: query.to, teamId: query.teamId, groupBy: query.dimension });
  // Back where the reader came from (the overview or the report) when the app brought them here; to the report when the page was opened by its address.
  const cameFromApp = location.key !== 'default';

  return (
    <div className="page stat-page drill-page">
      <div className="page-head">
        <div>
          <p className="breadcrumb-line">
            {cameFromApp ? (
              <a
                href={back}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(-1);
                }}
              >
                {t('drill.backPrevious')}
              </a>
            ) : (
              <Link to={back}>{t('drill.back')}</Link>
            )}
          </p>
          <h1 data-testid="drill-title">{name}</h1>
        </div>
        <StatisticsNav />
      </div>
      <dl className="drill-facts card">
        <div>
          <dt>{t('drill.period')}</dt>
          <dd data-testid="drill-period">{first ? periodLabel(first.period, lang) : '\u00a0'}</dd>
        </div>
        <div>
          <dt>{t('drill.scope')}</dt>
          <dd>{query.teamId ? teamName(query.teamId) : unitWide ? t('filters.allTeams') : t('drill.ownTeam')}</dd>
        </div>
        {query.dimension && (
          <div>
            <dt>{t(`dimensions.${query.dimension}`)}</dt>
            <dd data-testid="drill-group">{groupValue()}</dd>
          </div>
        )}
        {query.adjustmentOf && (
          <div>
            <dt>{t('drill.adjustmentOf')}</dt>
            <dd>{adjusted ? periodLabel(adjusted, lang) : query.adjustmentOf}</dd>
          </div>
        )}
        <div>
          <dt>{t('drill.total')}</dt>
          <dd className="drill-total" data-testid="drill-total" data-value={first?.total}>
            {first ? amount(first.total) : '\u00a0'}
          </dd>
        </div>
        <div>
          <dt>{t('drill.count')}</dt>
          <dd data-testid="drill-count" data-value={first?.count}>
            {first ? t('drill.cases', { count: first.count }) : '\u00a0'}
          </dd>
        </div>
      </dl>
      {error && <ErrorPanel error={error} focus={false} />}
      {!error && (
        <ScrollBox label={t('drill.caption', { indicator: name })}>
          <table className="stat-table drill-table" aria-busy={!first} data-testid="drill-table">
            <caption className="visually-hidden">{t('drill.caption', { indicator: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('drill.case')}</th>
                <th scope="col">{t('drill.kind')}</th>
                <th scope="col">{t('drill.status')}</th>
                <th scope="col" className="num">
                  {money ? t('drill.amount') : t('drill.number')}
                </th>
                <th scope="col" className="num">
                  {t('drill.share')}
                </th>
                <th scope="col">{t('drill.dates')}</th>
              </tr>
            </thead>
            <tbody>
              {!first &&
                Array.from({ length: 3 }, (_, i) => (
                  <tr key={i} className="skeleton-row" aria-hidden="true">
                    <td colSpan={6}>
                      <span className="skeleton" />
                    </td>
                  </tr>
                ))}
              {first && cases.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted" data-testid="drill-empty">
                    {t('empty')}
                  </td>
                </tr>
              )}
              {cases.map((c) => (
                <CaseRow key={c.caseId} c={c} amount={amount} total={first!.total} />
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {list.hasNextPage && (
        <p className="more">
          <button type="button" className="button secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="drill-more">
            {t('drill.more', { count: (first?.count ?? 0) - cases.length })}
          </button>
        </p>
      )}
    </div>
  );
}

function safePeriod(kind: Exclude<TDrillQuery['period'], 'CUSTOM'>, key: string) {
  try {
    return periodOf(kind, key);
  } catch {
    return undefined;
  }
}

function CaseRow({ c, amount, total }: { c: TStatCase; amount: (v: number) => string; total: number }) {
  const { t } = useTranslation('statistics');
  const { t: tc } = useTranslation();
  return (
    <tr data-testid="drill-case" data-case={c.caseId} data-amount={c.amount}>
      <td>
        <Link to={caseUrl(c.caseId)} className="case-title">
          {c.title}
        </Link>
        <span className="case-id">{c.caseId}</span>
      </td>
      <td>{c.kind ? tc(`kinds.${c.kind}`, { defaultValue: c.kind }) : '—'}</td>
      <td>{c.status ? tc(`case.status.${c.status}`, { defaultValue: c.status }) : '—'}</td>
      <td className="num">{amount(c.amount)}</td>
      <td className="num">{formatShare(c.amount, total)}</td>
      <td className="nowrap">{c.firstOn === c.lastOn ? formatIsoDate(c.firstOn) : t('drill.range', { from: formatIsoDate(c.firstOn), to: formatIsoDate(c.lastOn) })}</td>
    </tr>
  );
}
