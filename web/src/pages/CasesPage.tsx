/**
 * The cases I may see (my team's, or my unit's for unit-wide roles): search over the case number,
 * its title, the business and what the officers wrote in its steps — parties, decision and record
 * numbers — without needing the accents; filters by kind, status, team, officer, overdue and next
 * deadline; sorting and cursor pages (`GET /api/v1/cases`). Everything lives in the address, so a
 * search can be bookmarked and Back returns to it. Cases can be chosen one by one, or all that the
 * filter matches, for a bulk action (components/BulkActions.tsx).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dueDateOf } from '../components/Deadline.js';
import { BulkActions } from '../components/BulkActions.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { FilterSelect as Select } from '../components/FilterSelect.js';
import { caseUrl } from '../lib/api.js';
import { formatDateTime, formatIsoDate, groupedCount } from '../lib/format.js';
import { useGet, useProcedureDefs, useStaff, useTitle } from '../lib/hooks.js';
import { stepTitleIn } from '../i18n.js';
import { Pager, useListPage } from '../lib/list-page.js';
import { useUser } from '../lib/session.js';
import { bulkActionsFor } from '../../../domain/bulk-actions.js';
import { CASE_KINDS } from '../../../domain/procedure.js';

const FILTERS = ['q', 'kind', 'status', 'team', 'assignee', 'overdue', 'deadlineFrom', 'deadlineTo', 'sort'] as const;
const PAGE = 25;

export function CasesPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  useTitle(t('cases.title'));
  const { params, set, typed, setTyped, list, data, pager } = useListPage('/api/v1/cases', FILTERS, PAGE);
  const teams = useGet('/api/v1/teams');
  const staff = useStaff();
  const items = data?.items;
  // The current steps by their titles in the procedure version each case runs, as the inbox shows them (the id until it is loaded).
  const defs = useProcedureDefs((items ?? []).map((c) => `${c.procedure.id}@${c.procedure.version}`));
  const teamName = (id: string): string => teams.data?.teams.find((x) => x.id === id)?.name ?? id;
  const people = [...(staff?.values() ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
  const canBulk = bulkActionsFor(user).length > 0;
  const [chosen, setChosen] = useState<string[]>([]);
  /** The filter (as the address has it) whose every match is chosen; none chosen that way when the filter has changed since. */
  const filterKey = FILTERS.filter((k) => k !== 'sort')
    .map((k) => `${k}=${params.get(k) ?? ''}`)
    .join('&');
  const [allOf, setAllOf] = useState<string>();
  const allMatching = allOf === filterKey && !!data;
  const pageIds = items?.map((c) => c.caseId) ?? [];
  const pageChosen = pageIds.length > 0 && pageIds.every((id) => chosen.includes(id));
  const toggle = (id: string, on: boolean): void => {
    setAllOf(undefined);
    setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  };
  const filter: Record<string, string> = {};
  for (const k of FILTERS) if (k !== 'sort' && params.get(k)) filter[k] = params.get(k)!;
  const clear = (): void => {
    setChosen([]);
    setAllOf(undefined);
  };
  const cols = canBulk ? 6 : 5;

  return (
    <div className="page cases-page">
      <div className="page-head">
        <div>
          <h1>{t('cases.title')}</h1>
          <p className="muted">{t('cases.intro')}</p>
        </div>
        <div className="form-actions">
          <button type="button" className="button secondary" aria-pressed={params.get('assignee') === user.id} onClick={() => set('assignee', params.get('assignee') === user.id ? '' : user.id)}>
            {t('cases.mine')}
          </button>
        </div>
      </div>

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field inline grow">
          <label htmlFor="cases-q" className="field-label">
            {t('cases.search')}
          </label>
          <input id="cases-q" type="search" value={typed} placeholder={t('cases.searchPlaceholder')} aria-describedby="cases-q-help" onChange={(e) => setTyped(e.target.value)} />
          <span id="cases-q-help" className="visually-hidden">
            {t('cases.searchHelp')}
          </span>
        </div>
        <Select
          id="cases-kind"
          label={t('cases.kind')}
          value={params.get('kind') ?? ''}
          onChange={(v) => set('kind', v)}
          all={t('cases.all')}
          options={CASE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <Select
          id="cases-status"
          label={t('cases.status')}
          value={params.get('status') ?? ''}
          onChange={(v) => set('status', v)}
          all={t('cases.all')}
          options={(['OPEN', 'CLOSED'] as const).map((s) => ({ value: s, label: t(`case.status.${s}`) }))}
        />
        <Select
          id="cases-team"
          label={t('cases.team')}
          value={params.get('team') ?? ''}
          onChange={(v) => set('team', v)}
          all={t('cases.all')}
          options={(teams.data?.teams ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <Select
          id="cases-assignee"
          label={t('cases.assignee')}
          value={params.get('assignee') ?? ''}
          onChange={(v) => set('assignee', v)}
          all={t('cases.all')}
          options={people.map((p) => ({ value: p.id, label: p.displayName }))}
        />
        <Select
          id="cases-overdue"
          label={t('cases.overdue')}
          value={params.get('overdue') ?? ''}
          onChange={(v) => set('overdue', v)}
          all={t('cases.all')}
          options={[
            { value: 'true', label: t('cases.overdueYes') },
            { value: 'false', label: t('cases.overdueNo') },
          ]}
        />
        <Select
          id="cases-sort"
          label={t('cases.sort')}
          value={params.get('sort') ?? ''}
          onChange={(v) => set('sort', v)}
          all={t('cases.sorts.openedAt')}
          options={(['nextDeadlineAt', 'caseNumber'] as const).map((s) => ({ value: s, label: t(`cases.sorts.${s}`) }))}
        />
      </form>

      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <div className="result-line">
        <p className="muted small result-count" aria-live="polite" data-testid="case-count">
          {data ? (data.totalCapped ? t('cases.countCapped', { count: groupedCount(data.total) }) : t('cases.count', { count: data.total })) : '\u00a0'}
        </p>
        {canBulk && data && data.total > 0 && !data.totalCapped && !allMatching && (
          <button type="button" className="button subtle small" onClick={() => setAllOf(filterKey)} data-testid="select-all-matching">
            {t('bulk.selectAllMatching', { count: data.total })}
          </button>
        )}
      </div>
      {canBulk && (allMatching || chosen.length > 0) && <BulkActions selection={allMatching ? { filter, count: data.total } : { caseIds: chosen }} staff={people} onClear={clear} />}
      <table className="tasks cases" aria-busy={list.loading}>
        <caption className="visually-hidden">{t('cases.caption')}</caption>
        <thead>
          <tr>
            {canBulk && (
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t('bulk.selectPage')}
                  checked={allMatching || pageChosen}
                  disabled={allMatching || !pageIds.length}
                  onChange={(e) => {
                    setAllOf(undefined);
                    setChosen(e.target.checked ? [...new Set([...chosen, ...pageIds])] : chosen.filter((x) => !pageIds.includes(x)));
                  }}
                />
              </th>
            )}
            <th scope="col">{t('cases.columns.case')}</th>
            <th scope="col">{t('cases.columns.status')}</th>
            <th scope="col">{t('cases.columns.steps')}</th>
            <th scope="col">{t('cases.columns.deadline')}</th>
            <th scope="col">{t('cases.columns.team')}</th>
          </tr>
        </thead>
        <tbody>
          {!items &&
            Array.from({ length: 5 }, (_, i) => (
              <tr key={i} className="skeleton-row" aria-hidden="true">
                <td colSpan={cols}>
                  <span className="skeleton" />
                </td>
              </tr>
            ))}
          {items && items.length === 0 && (
            <tr className="empty-row">
              <td colSpan={cols}>{t('cases.empty')}</td>
            </tr>
          )}
          {items?.map((c) => (
            <tr key={c.caseId} data-testid="case-row" data-case={c.caseId} className={c.overdue ? 'overdue' : undefined}>
              {canBulk && (
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={t('bulk.selectCase', { title: c.title, caseId: c.caseId })}
                    checked={allMatching || chosen.includes(c.caseId)}
                    disabled={allMatching}
                    onChange={(e) => toggle(c.caseId, e.target.checked)}
                  />
                </td>
              )}
              <td data-label={t('cases.columns.case')}>
                <Link to={caseUrl(c.caseId)} className="case-title">
                  {c.title}
                </Link>
                <span className="case-id">
                  {c.caseId} · {t(`kinds.${c.kind}`, { defaultValue: c.kind })}
                  {c.business ? ` · ${c.business.name} (${c.business.taxCode})` : ''} · {t('cases.opened', { date: formatDateTime(c.openedAt) })}
                </span>
              </td>
              <td data-label={t('cases.columns.status')}>
                {t(`case.status.${c.status}`, { defaultValue: c.status })}
                {c.overdue && <span className="badge overdue">{t('cases.overdueYes')}</span>}
              </td>
              <td data-label={t('cases.columns.steps')} data-testid="case-steps">
                {c.currentSteps.length === 0
                  ? '—'
                  : c.currentSteps.map((id) => (
                      <div key={id} className="case-step">
                        <span className="step-id">{id}</span> {stepTitleIn(defs, c.procedure.id, c.procedure.version, id, i18n.language)}
                      </div>
                    ))}
              </td>
              <td data-label={t('cases.columns.deadline')} className="nowrap">
                {c.nextDeadlineAt ? formatIsoDate(dueDateOf(c.nextDeadlineAt)) : '—'}
              </td>
              <td data-label={t('cases.columns.team')}>{teamName(c.teamId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pager={pager} label={t('cases.pages')} previous={t('cases.previous')} next={t('cases.next')} />
    </div>
  );
}
