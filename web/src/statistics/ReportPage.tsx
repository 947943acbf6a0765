/**
 * The report of a period (báo cáo thống kê): the period picked by kind and key (a statistical month,
 * quarter, half-year or year, or a range of dates), a team (for the unit's leaders) and a grouping,
 * all kept in the address; the official summary table beside the same period last year, every
 * figure that sums cases a link to them; the grouped table; the adjustments of locked periods shown
 * in this one; whether the period is locked, and the director's lock; the exports (CSV, Excel, PDF).
 */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateInput } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError, newIdempotencyKey } from '../lib/api.js';
import { formatDateTime, formatIsoDate, parseViDate } from '../lib/format.js';
import { useGet, useStaffName, useTitle, type TGetParams } from '../lib/hooks.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { useUrlState } from '../lib/url-state.js';
import type { TStatLine, TStatLock, TStatReport } from '../lib/contract/types.js';
import { STATISTICS_LOCKERS } from '../../../domain/roles.js';
import { SCREEN_GROUP_COLUMNS, STAT_DIMENSIONS, type TFactIndicator, type TStatDimension } from '../../../domain/statistics/indicators.js';
import { DEFAULT_PERIOD_START_DAY, periodOf, type TPeriod, type TPeriodKind } from '../../../domain/statistics/periods.js';
import {
  drillHref,
  exportHref,
  formatChange,
  formatMeasure,
  hasEnded,
  isMoney,
  periodLabel,
  periodOfQuery,
  PERIOD_CHOICES,
  queryOfPeriod,
  readStatQuery,
  recentPeriods,
  siblingPeriod,
  statParams,
  unitKey,
  type TStatQuery,
} from './model.js';
import { ScrollBox, StatisticsNav, TeamFilter, useTeams, useToday, useUnitWide } from './ui.js';

/** How many periods of each kind the picker offers, newest first (older ones: a range, or the address). */
const OFFERED: Record<TPeriodKind, number> = { MONTH: 36, QUARTER: 12, HALF: 8, YEAR: 6 };

export function ReportPage() {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  useTitle(t('report.title'));
  const today = useToday();
  const unitWide = useUnitWide();
  const teams = useTeams(unitWide);
  const [params, set] = useUrlState({ period: 'MONTH' });
  // A team in the address is asked for whoever reads it: the server refuses a team lead another team's figures.
  const query = readStatQuery(params);
  // A custom range is read once both dates are given.
  const ready = query.period !== 'CUSTOM' || (!!query.from && !!query.to);
  const report = useGet('/api/v1/statistics/report', ready ? { query: statParams(query) as TGetParams<'/api/v1/statistics/report'>['query'] } : null);
  const locks = useGet('/api/v1/statistics/locks');
  // The last report stays on screen while the next one loads (nothing jumps), dimmed and marked busy.
  const [last, setLast] = useState<TStatReport>();
  if (report.data && report.data !== last) setLast(report.data);
  const shown = report.error ? undefined : (report.data ?? last);
  const startDay = shown?.startDay ?? DEFAULT_PERIOD_START_DAY;
  const period = periodOfQuery(query, today, startDay);

  return (
    <div className="page stat-page report-page">
      <div className="page-head">
        <div>
          <h1>{t('report.title')}</h1>
          <p className="muted stat-scope">{period ? periodLabel(period, lang) : '\u00a0'}</p>
        </div>
        <StatisticsNav />
      </div>
      <Controls query={query} set={set} today={today} startDay={startDay} locks={locks.data?.locks} teams={teams} unitWide={unitWide} />
      {!ready && <p className="notice">{t('report.pickRange')}</p>}
      {report.error && <ErrorPanel error={report.error} focus={false} />}
      {ready && !shown && !report.error && <ReportSkeleton />}
      {shown && <Report report={shown} query={query} busy={report.loading} today={today} />}
    </div>
  );
}

/** The report's filters: the period (kind, then which one or the dates), the team, the grouping. */
function Controls(props: {
  query: TStatQuery;
  set: (changes: Record<string, string>) => void;
  today: string;
  startDay: number;
  locks: TStatLock[] | undefined;
  teams: { id: string; name: string }[] | undefined;
  unitWide: boolean;
}) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const { query, set, today, startDay } = props;
  const kind = query.period;
  const current = periodOfQuery(query, today, startDay);
  const offered = kind === 'CUSTOM' ? [] : recentPeriods(kind, today, OFFERED[kind], startDay);
  // A period from the address that the list does not offer (older, or later) is offered too.
  if (current && kind !== 'CUSTOM' && !offered.some((p) => p.key === current.key)) offered.push(current);
  const locked = new Set((props.locks ?? []).filter((l) => l.kind === kind).map((l) => l.key));
  const changeKind = (k: string): void => {
    if (k === 'CUSTOM') {
      // A range starts as the period shown, to be changed.
      const p = current ?? periodOfQuery({ period: 'MONTH' }, today, startDay)!;
      set({ period: k, key: '', from: p.from, to: p.to });
    } else set({ period: k, key: '', from: '', to: '' });
  };
  const step = (direction: -1 | 1): TPeriod | undefined => (current ? siblingPeriod(current, direction, startDay) : undefined);
  const previous = step(-1);
  const next = step(1);
  return (
    <div className="filters stat-filters">
      <div className="field inline">
        <label className="field-label" htmlFor="stat-kind">
          {t('filters.kind')}
        </label>
        <select id="stat-kind" value={kind} onChange={(e) => changeKind(e.target.value)}>
          {PERIOD_CHOICES.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind !== 'CUSTOM' ? (
        <div className="field grow period-field">
          <label className="field-label" htmlFor="stat-key">
            {t('filters.period')}
          </label>
          <div className="period-picker">
            <button
              type="button"
              className="button subtle"
              disabled={!previous}
              onClick={() => previous && set({ key: previous.key })}
              aria-label={t('filters.previous')}
              title={t('filters.previous')}
            >
              ‹
            </button>
            <select id="stat-key" value={current?.key ?? ''} onChange={(e) => set({ key: e.target.value })}>
              {offered.map((p) => (
                <option key={p.key} value={p.key}>
                  {periodLabel(p, lang)}
                  {locked.has(p.key) ? ` — ${t('filters.locked')}` : ''}
                </option>
              ))}
            </select>
            <button type="button" className="button subtle" disabled={!next} onClick={() => next && set({ key: next.key })} aria-label={t('filters.next')} title={t('filters.next')}>
              ›
            </button>
          </div>
        </div>
      ) : (
        <RangeForm key={`${query.from ?? ''}..${query.to ?? ''}`} from={query.from} to={query.to} today={today} set={set} />
      )}
      {props.unitWide && <TeamFilter value={query.teamId ?? ''} onChange={(v) => set({ teamId: v })} teams={props.teams} />}
      <div className="field inline">
        <label className="field-label" htmlFor="stat-group">
          {t('filters.groupBy')}
        </label>
        <select id="stat-group" value={query.groupBy ?? ''} onChange={(e) => set({ groupBy: e.target.value })}>
          <option value="">{t('filters.noGrouping')}</option>
          {STAT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`dimensions.${d}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A range of dates, typed or picked, applied with its button (a half-typed date asks for nothing). Reset when the address changes. */
function RangeForm({ from, to, today, set }: { from: string | undefined; to: string | undefined; today: string; set: (changes: Record<string, string>) => void }) {
  const { t } = useTranslation('statistics');
  const [first, setFirst] = useState(from ? formatIsoDate(from) : '');
  const [last, setLast] = useState(to ? formatIsoDate(to) : '');
  const apply = (e: FormEvent): void => {
    e.preventDefault();
    set({ from: parseViDate(first) ?? '', to: parseViDate(last) ?? '' });
  };
  return (
    <form className="range-form" onSubmit={apply}>
      <div className="field">
        <label className="field-label" htmlFor="stat-from">
          {t('filters.from')}
        </label>
        <DateInput id="stat-from" value={first} onChange={setFirst} max={today} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="stat-to">
          {t('filters.to')}
        </label>
        <DateInput id="stat-to" value={last} onChange={setLast} />
      </div>
      <button type="submit" className="button secondary">
        {t('filters.apply')}
      </button>
    </form>
  );
}

function ReportSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true">
      <div className="card skeleton-block report-head-skeleton" />
      <div className="card skeleton-block tall" />
      <p className="visually-hidden">{t('app.loading')}</p>
    </div>
  );
}

function Report({ report, query, busy, today }: { report: TStatReport; query: TStatQuery; busy: boolean; today: string }) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const teamId = query.teamId;
  const empty = report.rows.every((r) => !r.value);
  // The query of the report shown (its period as the API read it), for its links.
  const shownQuery: TStatQuery = { ...queryOfPeriod(report.period, { teamId }), groupBy: report.groupBy ?? undefined };
  return (
    <div className={`report${busy ? ' is-busy' : ''}`} aria-busy={busy} data-testid="report" data-period={report.period.key}>
      <section className="card report-head" aria-labelledby="report-heading">
        <div className="report-title">
          <h2 id="report-heading">{t('report.heading')}</h2>
          <p className="report-period" data-testid="report-period">
            {periodLabel(report.period, lang)}
          </p>
          <p className="muted">{report.teamName ? t('scope.team', { unit: report.unitName, team: report.teamName }) : t('scope.unit', { unit: report.unitName })}</p>
        </div>
        <Exports query={shownQuery} />
        <LockPanel report={report} today={today} />
      </section>
      {empty && (
        <p className="notice" data-testid="report-empty">
          {t('empty')}
        </p>
      )}
      <SummaryTable report={report} teamId={teamId} />
      {report.groupBy && <GroupTable report={report} teamId={teamId} />}
      {report.adjustments.length > 0 && <Adjustments report={report} teamId={teamId} />}
    </div>
  );
}

function Exports({ query }: { query: TStatQuery }) {
  const { t } = useTranslation('statistics');
  return (
    <div className="exports" role="group" aria-label={t('report.exports')}>
      <span className="muted small">{t('report.exports')}</span>
      <a className="button secondary" href={exportHref('csv', query)} download data-testid="export-csv">
        CSV
      </a>
      <a className="button secondary" href={exportHref('xlsx', query)} download data-testid="export-xlsx">
        Excel
      </a>
      <a className="button secondary" href={exportHref('pdf', query)} target="_blank" rel="noopener" data-testid="export-pdf">
        {t('report.pdf')}
      </a>
    </div>
  );
}

/** A figure of the table: a link to its cases when it sums some, else the figure alone. */
function Figure({ line, value, href }: { line: TStatLine; value: number | null; href: string | undefined }) {
  const text = formatMeasure(value, line.measure);
  return href && value ? (
    <Link to={href} data-testid="figure-link">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}

function SummaryTable({ report, teamId }: { report: TStatReport; teamId: string | undefined }) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const now = queryOfPeriod(report.period, { teamId });
  const before = queryOfPeriod(report.previousPeriod, { teamId });
  const drill = (line: TStatLine, q: TStatQuery): string | undefined => (line.drillable ? drillHref({ ...q, indicator: line.code as TFactIndicator | 'OUTSTANDING' }) : undefined);
  return (
    <ScrollBox label={t('report.caption', { period: periodLabel(report.period, lang) })}>
      <table className="stat-table" data-testid="summary-table">
        <caption className="visually-hidden">{t('report.caption', { period: periodLabel(report.period, lang) })}</caption>
        <thead>
          <tr>
            <th scope="col" className="no">
              {t('table.no')}
            </th>
            <th scope="col">{t('table.indicator')}</th>
            <th scope="col">{t('table.unit')}</th>
            <th scope="col" className="num">
              {t('table.period')}
            </th>
            <th scope="col" className="num">
              {t('table.lastYear')}
              <span className="th-sub">{periodLabel(report.previousPeriod, lang)}</span>
            </th>
            <th scope="col" className="num">
              {t('table.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.no} className={r.child ? 'child' : 'parent'} data-testid="summary-row" data-no={r.no} data-code={r.code} data-value={r.value ?? ''}>
              <td className="no">{r.no}</td>
              <th scope="row" className="indicator">
                {r.child && <span className="muted">{t('table.ofWhich')} </span>}
                {lang === 'en' ? r.nameEn : r.nameVi}
              </th>
              <td>{t(`units.${unitKey(r.unitVi)}`, { defaultValue: r.unitVi })}</td>
              <td className="num">
                <Figure line={r} value={r.value} href={drill(r, now)} />
              </td>
              <td className="num">
                <Figure line={r} value={r.previousYear} href={drill(r, before)} />
              </td>
              <td className={`num change${r.changePercent && r.changePercent > 0 ? ' up' : r.changePercent && r.changePercent < 0 ? ' down' : ''}`}>{formatChange(r.changePercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** The figures per team, officer, area… of a grouped report, each a link to its cases. */
function GroupTable({ report, teamId }: { report: TStatReport; teamId: string | undefined }) {
  const { t, i18n } = useTranslation('statistics');
  const { t: tc } = useTranslation();
  const dim = report.groupBy as TStatDimension;
  const base = queryOfPeriod(report.period, { teamId });
  const label = (g: TStatReport['groups'][number]): string =>
    g.value === null ? t(dim === 'officer' ? 'groups.noOfficer' : 'groups.unknown') : dim === 'kind' ? tc(`kinds.${g.value}`, { defaultValue: g.label }) : g.label;
  const cell = (indicator: TFactIndicator, value: number, group: string | null | 'total') => {
    const text = formatMeasure(value, isMoney(indicator) ? 'MONEY' : 'COUNT');
    if (!value) return text;
    const href = drillHref({ ...base, indicator, ...(group === 'total' ? {} : { dimension: dim, value: group ?? undefined }) });
    return <Link to={href}>{text}</Link>;
  };
  return (
    <section className="stat-groups" aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t('report.grouped', { dimension: t(`dimensions.${dim}`).toLowerCase() })}</h2>
      <ScrollBox label={t('report.groupedCaption', { dimension: t(`dimensions.${dim}`), period: periodLabel(report.period, i18n.language) })}>
        <table className="stat-table grouped" data-testid="group-table">
          <caption className="visually-hidden">{t('report.groupedCaption', { dimension: t(`dimensions.${dim}`), period: periodLabel(report.period, i18n.language) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`dimensions.${dim}`)}</th>
              {SCREEN_GROUP_COLUMNS.map((c) => (
                <th key={c} scope="col" className="num">
                  {t(`short.${c}`)}
                  <span className="th-sub">{t(isMoney(c) ? 'units.dong' : c === 'TIPS_RECEIVED' ? 'units.tip' : 'units.case')}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.groups.length === 0 && (
              <tr>
                <td colSpan={SCREEN_GROUP_COLUMNS.length + 1} className="muted">
                  {t('empty')}
                </td>
              </tr>
            )}
            {report.groups.map((g) => (
              <tr key={g.value ?? ''} data-testid="group-row" data-group={g.value ?? ''}>
                <th scope="row">{label(g)}</th>
                {SCREEN_GROUP_COLUMNS.map((c) => (
                  <td key={c} className="num">
                    {cell(c, g.totals[c], g.value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {report.groups.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row">{t('table.total')}</th>
                {SCREEN_GROUP_COLUMNS.map((c) => (
                  <td key={c} className="num">
                    {cell(c, report.totals[c], 'total')}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </ScrollBox>
    </section>
  );
}

/** What changed in locked periods after their lock, shown in this period: each change a link to its cases. */
function Adjustments({ report, teamId }: { report: TStatReport; teamId: string | undefined }) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const base = queryOfPeriod(report.period, { teamId });
  const startDay = report.startDay;
  return (
    <section className="card stat-adjustments" aria-labelledby="adjustments-heading" data-testid="adjustments">
      <h2 id="adjustments-heading">{t('adjustments.title')}</h2>
      <p className="muted small">{t('adjustments.intro')}</p>
      {report.adjustments.map((a) => {
        const p = report.period.kind === 'CUSTOM' ? undefined : periodOf(report.period.kind, a.periodKey, startDay);
        const rows = a.rows.filter((r) => r.value);
        return (
          <div key={a.periodKey} className="adjustment" data-testid="adjustment" data-period={a.periodKey}>
            <h3>{p ? periodLabel(p, lang) : a.periodLabel}</h3>
            <ul className="plain">
              {rows.map((r) => {
                const text = `${lang === 'en' ? r.nameEn : r.nameVi}: ${signed(r.value!, r.measure)} ${t(`units.${unitKey(r.unitVi)}`, { defaultValue: r.unitVi })}`;
                return (
                  <li key={r.no} data-no={r.no}>
                    {r.drillable ? <Link to={drillHref({ ...base, indicator: r.code as TFactIndicator, adjustmentOf: a.periodKey })}>{text}</Link> : text}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

const signed = (v: number, measure: TStatLine['measure']): string => `${v > 0 ? '+' : '−'}${formatMeasure(Math.abs(v), measure)}`;

/**
 * Whether the period's figures are locked (when, by whom, their SHA-256), and for the director, on
 * an ended statistical period not yet locked, the lock: confirmed after saying what it means.
 */
function LockPanel({ report, today }: { report: TStatReport; today: string }) {
  const { t, i18n } = useTranslation('statistics');
  const user = useUser();
  const name = useStaffName();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // One key per intended lock: a retry of the same confirmation is the same request to the server.
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const p = report.period;
  if (report.lock)
    return (
      <div className="lock-status locked" data-testid="lock-status" data-locked="true">
        <p>
          <strong>{t('lock.locked')}</strong> {t('lock.lockedOn', { date: formatDateTime(report.lock.lockedAt), by: name(report.lock.lockedBy) })}
        </p>
        <p className="small">
          {t('lock.hash')} <code data-testid="lock-hash">{report.lock.hash}</code>
        </p>
      </div>
    );
  const mayLock = hasAnyRole(user, STATISTICS_LOCKERS) && p.kind !== 'CUSTOM';
  const ended = hasEnded(p, today);
  const lock = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', '/api/v1/statistics/locks', { body: { kind: p.kind, key: p.key }, idempotencyKey: key });
      setConfirming(false);
      await client.invalidateQueries({ predicate: (q) => typeof q.queryKey[1] === 'string' && q.queryKey[1].startsWith('/api/v1/statistics') });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="lock-status" data-testid="lock-status" data-locked="false">
      <p>{t('lock.open')}</p>
      {mayLock && !ended && <p className="small muted">{t('lock.notEnded', { date: formatIsoDate(p.to) })}</p>}
      {mayLock && ended && !confirming && (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setKey(newIdempotencyKey());
            setError(undefined);
            setConfirming(true);
          }}
        >
          {t('lock.lock')}
        </button>
      )}
      {confirming && (
        <div className="confirm lock-confirm" role="group" aria-labelledby="lock-confirm-text" data-testid="lock-confirm">
          <p id="lock-confirm-text">
            <strong>{t('lock.confirmTitle', { period: periodLabel(p, i18n.language) })}</strong>
          </p>
          <p>{t('lock.confirmText')}</p>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void lock()}>
              {t('lock.confirm')}
            </button>
            <button type="button" className="button subtle" disabled={busy} onClick={() => setConfirming(false)}>
              {t('lock.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
    </div>
  );
}
