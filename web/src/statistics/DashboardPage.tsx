/**
 * The leaders' dashboard: this statistical month's key figures, each a link to the cases behind it;
 * twelve months of fines imposed against what was paid into the budget, and of inspections against
 * violation cases; the year by team (by officer for a team lead), each bar a link to its cases.
 * A unit's leaders may look at one team.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { formatMoney } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useUrlState } from '../lib/url-state.js';
import type { TStatDashboard, TStatReport } from '../lib/contract/types.js';
import type { TFactIndicator } from '../../../domain/statistics/indicators.js';
import { periodContaining } from '../../../domain/statistics/periods.js';
import { chartFormat, RankChart, TimeChart, type TTimePoint } from './charts.js';
import { drillHref, formatChange, formatCompactMoney, formatCount, isMoney, monthTick, periodLabel, queryOfPeriod } from './model.js';
import { StatisticsNav, TeamFilter, useTeams, useToday, useUnitWide } from './ui.js';

/** The figures the year's chart may rank teams (officers) by. */
const RANKED = ['FINES_IMPOSED', 'BUDGET_COLLECTED', 'VIOLATION_CASES', 'INSPECTIONS'] as const satisfies readonly TFactIndicator[];
type TRanked = (typeof RANKED)[number];

/** The month's cards: an indicator's figure with its cases a click away, or the steps overdue now. */
const CARDS = ['INSPECTIONS', 'VIOLATION_CASES', 'FINES_IMPOSED', 'BUDGET_COLLECTED', 'OUTSTANDING', 'OVERDUE', 'TIPS_RECEIVED', 'CASES_CLOSED'] as const;
type TCard = (typeof CARDS)[number];

export function DashboardPage() {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  useTitle(t('dashboard.title'));
  const today = useToday();
  const unitWide = useUnitWide();
  const [params, set] = useUrlState({ rank: 'FINES_IMPOSED' });
  // A team in the address is asked for whoever reads it: the server refuses a team lead another team's figures.
  const teamId = params.get('teamId') ?? '';
  const rank: TRanked = (RANKED as readonly string[]).includes(params.get('rank') ?? '') ? (params.get('rank') as TRanked) : 'FINES_IMPOSED';
  const teams = useTeams(unitWide);
  const dash = useGet('/api/v1/statistics/dashboard', { query: teamId ? { teamId } : {} });
  const data = dash.data;
  // Before the figures arrive, the month is the one holding today (its first day is the 15th unless the unit says otherwise).
  const month = data?.month.period ?? periodContaining('MONTH', today);

  return (
    <div className="page stat-page dashboard-page">
      <div className="page-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="muted stat-scope">{data ? scopeText(data.month, t) : '\u00a0'}</p>
        </div>
        <div className="stat-head-tools">
          {unitWide && <TeamFilter value={teamId} onChange={(v) => set({ teamId: v })} teams={teams} />}
          <StatisticsNav />
        </div>
      </div>
      {dash.error && <ErrorPanel error={dash.error} focus={false} />}
      {!dash.error && (
        <>
          <section aria-labelledby="stat-month" className="stat-month">
            <h2 id="stat-month">{t('dashboard.month', { period: periodLabel(month, lang) })}</h2>
            <dl className="stat-cards" aria-busy={!data}>
              {CARDS.map((card) => (
                <Card key={card} card={card} data={data} teamId={teamId} />
              ))}
            </dl>
          </section>
          <div className="chart-pair">
            {data ? <MoneyChart data={data} /> : <ChartSkeleton height={240} />}
            {data ? <CountChart data={data} /> : <ChartSkeleton height={240} />}
          </div>
          <section aria-labelledby="stat-year" className="stat-year">
            <div className="stat-section-head">
              <h2 id="stat-year">
                {data ? t(data.year.groupBy === 'officer' ? 'dashboard.yearByOfficer' : 'dashboard.yearByTeam', { period: periodLabel(data.year.period, lang) }) : t('dashboard.yearLoading')}
              </h2>
              <div className="segmented" role="group" aria-label={t('dashboard.rankBy')}>
                {RANKED.map((r) => (
                  <button key={r} type="button" aria-pressed={rank === r} onClick={() => set({ rank: r })}>
                    {t(`short.${r}`)}
                  </button>
                ))}
              </div>
            </div>
            {data ? <YearChart year={data.year} indicator={rank} teamId={teamId} teams={teams} /> : <ChartSkeleton height={160} />}
          </section>
        </>
      )}
    </div>
  );
}

/** "Chi cục QLTT tỉnh Ninh Bình — Đội QLTT số 1". */
function scopeText(r: TStatReport, t: (k: string, o?: Record<string, unknown>) => string): string {
  return r.teamName ? t('scope.team', { unit: r.unitName, team: r.teamName }) : t('scope.unit', { unit: r.unitName });
}

function ChartSkeleton({ height }: { height: number }) {
  // The height of a loaded chart: its padding, title and legend (about 89px) and the drawing.
  return <div className="card chart chart-skeleton skeleton-block" style={{ minHeight: height + 89 }} aria-hidden="true" />;
}

function Card({ card, data, teamId }: { card: TCard; data: TStatDashboard | undefined; teamId: string }) {
  const { t, i18n } = useTranslation('statistics');
  const money = card !== 'OVERDUE' && isMoney(card);
  const value = !data ? undefined : card === 'OVERDUE' ? data.overdueNow.steps : card === 'OUTSTANDING' ? data.month.outstanding : data.month.totals[card];
  const row = data?.month.rows.find((r) => r.code === card);
  const href = card === 'OVERDUE' ? '/supervision/load' : data ? drillHref({ ...queryOfPeriod(data.month.period, { teamId: teamId || undefined }), indicator: card }) : undefined;
  const figure = value === undefined ? '' : money ? formatCompactMoney(value, i18n.language) : formatCount(value);
  return (
    <div className={`stat-card${card === 'OVERDUE' && value ? ' is-overdue' : ''}`} data-testid="stat-card" data-card={card} data-value={value}>
      <dt>{t(`cards.${card}`)}</dt>
      <dd>
        {value === undefined || !href ? (
          <span className="skeleton stat-figure-skeleton" />
        ) : (
          <Link to={href} className="stat-figure">
            <span className="visually-hidden">{t(`cards.${card}`)}: </span>
            {figure}
            {money && <span className="stat-unit">{'\u00a0₫'}</span>}
          </Link>
        )}
        <span className="stat-detail small">
          {value === undefined ? '\u00a0' : card === 'OVERDUE' ? t('cards.overdueCases', { count: data!.overdueNow.cases }) : money ? formatMoney(value) : '\u00a0'}
        </span>
        <span className="stat-compare small muted">
          {row && row.previousYear !== null
            ? t(row.changePercent === null ? 'cards.compareOnly' : 'cards.compare', {
                value: money ? `${formatCompactMoney(row.previousYear, i18n.language)}\u00a0₫` : formatCount(row.previousYear),
                change: formatChange(row.changePercent),
              })
            : card === 'OVERDUE' && value !== undefined
              ? t('cards.overdueNow')
              : '\u00a0'}
        </span>
      </dd>
    </div>
  );
}

function usePoints(data: TStatDashboard): TTimePoint[] {
  const { i18n } = useTranslation();
  return data.series.map((s) => ({ tick: monthTick(s.period.key, false), short: monthTick(s.period.key, true), label: periodLabel(s.period, i18n.language) }));
}

/** The chart's figures of the last month, for its spoken summary. */
function latest(data: TStatDashboard, indicators: TFactIndicator[], names: string[], full: (v: number) => string): string {
  const last = data.series[data.series.length - 1];
  return indicators.map((i, n) => `${names[n]} ${full(last?.totals[i] ?? 0)}`).join(', ');
}

function MoneyChart({ data }: { data: TStatDashboard }) {
  const { t, i18n } = useTranslation('statistics');
  const points = usePoints(data);
  const format = chartFormat(true, i18n.language);
  const names = [t('short.FINES_IMPOSED'), t('short.BUDGET_COLLECTED')];
  return (
    <TimeChart
      testId="money"
      emptyTop={1_000_000}
      title={t('charts.money')}
      summary={t('charts.summary', { from: points[0]?.label ?? '', to: points[points.length - 1]?.label ?? '', latest: latest(data, ['FINES_IMPOSED', 'BUDGET_COLLECTED'], names, format.full) })}
      periodHeader={t('charts.period')}
      points={points}
      format={format}
      series={[
        { key: 'fines', name: names[0]!, kind: 'bar', values: data.series.map((s) => s.totals.FINES_IMPOSED) },
        { key: 'budget', name: names[1]!, kind: 'bar', values: data.series.map((s) => s.totals.BUDGET_COLLECTED) },
      ]}
    />
  );
}

function CountChart({ data }: { data: TStatDashboard }) {
  const { t, i18n } = useTranslation('statistics');
  const points = usePoints(data);
  const format = chartFormat(false, i18n.language);
  const names = [t('short.INSPECTIONS'), t('short.VIOLATION_CASES')];
  return (
    <TimeChart
      testId="counts"
      title={t('charts.counts')}
      summary={t('charts.summary', { from: points[0]?.label ?? '', to: points[points.length - 1]?.label ?? '', latest: latest(data, ['INSPECTIONS', 'VIOLATION_CASES'], names, format.full) })}
      periodHeader={t('charts.period')}
      points={points}
      format={format}
      series={[
        { key: 'inspections', name: names[0]!, kind: 'bar', values: data.series.map((s) => s.totals.INSPECTIONS) },
        { key: 'violations', name: names[1]!, kind: 'line', values: data.series.map((s) => s.totals.VIOLATION_CASES) },
      ]}
    />
  );
}

function YearChart({ year, indicator, teamId, teams }: { year: TStatReport; indicator: TRanked; teamId: string; teams: { id: string; name: string }[] | undefined }) {
  const { t, i18n } = useTranslation('statistics');
  const format = chartFormat(isMoney(indicator), i18n.language);
  const byOfficer = year.groupBy === 'officer';
  // Every team of the unit has its bar, those with nothing yet this year too (at zero).
  const idle = year.groupBy === 'team' ? (teams ?? []).filter((x) => !year.groups.some((g) => g.value === x.id)).map((x) => ({ value: x.id, label: x.name, totals: undefined })) : [];
  const rows = [...year.groups, ...idle]
    // What no officer did (the system's, a tip logged) shows only when it counts for the figure ranked.
    .filter((g) => g.value !== null || (g.totals?.[indicator] ?? 0) > 0)
    .map((g) => ({
      key: g.value ?? '',
      label: g.value === null ? t(byOfficer ? 'groups.noOfficer' : 'groups.unknown') : g.label,
      value: g.totals?.[indicator] ?? 0,
      href: drillHref({ ...queryOfPeriod(year.period, { teamId: teamId || undefined }), indicator, dimension: year.groupBy ?? undefined, value: g.value ?? undefined }),
    }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'vi'));
  const title = t(byOfficer ? 'charts.yearByOfficer' : 'charts.yearByTeam', { indicator: t(`short.${indicator}`) });
  const first = rows[0];
  return (
    <RankChart
      testId="year"
      title={title}
      summary={first ? t('charts.rankSummary', { count: rows.length, first: first.label, value: format.full(first.value) }) : t('empty')}
      nameHeader={t(byOfficer ? 'dimensions.officer' : 'dimensions.team')}
      valueHeader={t(`short.${indicator}`)}
      rows={rows}
      format={format}
      empty={t('empty')}
      linkHint={t('charts.seeCases')}
    />
  );
}
