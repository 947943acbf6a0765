/**
 * The inbox: open steps for me and my team (my unit for unit-wide roles), soonest deadline first,
 * with the countdown in working days, overdue and due-soon rows highlighted, filters and search
 * (kept in the address, so Back returns to the same view, and applied by the server, which pages
 * the inbox: "Load more" fetches the next page); take a task or open its case.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Countdown, dueDateOf, useCountdown } from '../components/Deadline.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError, casePath, caseUrl } from '../lib/api.js';
import { formatDateTime, formatIsoDate, groupedCount } from '../lib/format.js';
import { useGet, useProcedureDefs, useStaff, useStaffName, useTitle, type TGetOk, type TGetParams } from '../lib/hooks.js';
import { stepTitleIn } from '../i18n.js';
import { useLiveEvents } from '../lib/live-events.js';
import { CAMPAIGN_APPROVERS, isUnitWide } from '../../../domain/roles.js';
import { CASE_KINDS } from '../../../domain/procedure.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { useUrlState } from '../lib/url-state.js';
import type { TInboxTask, TPendingApproval } from '../lib/contract/types.js';

type TScope = 'mine' | 'team';
type TFilter = 'all' | 'overdue' | 'soon' | 'unassigned';
/** The filters' values that the address leaves out. */
const URL_DEFAULTS = { scope: 'team', filter: 'all' };

const PAGE = 50;
type TInboxPage = TGetOk<'/api/v1/inbox'>;

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [params, set] = useUrlState(URL_DEFAULTS);
  const scope: TScope = params.get('scope') === 'mine' ? 'mine' : 'team';
  const filter = (['overdue', 'soon', 'unassigned'].includes(params.get('filter') ?? '') ? params.get('filter') : 'all') as TFilter;
  const kind = params.get('kind') ?? '';
  const query = params.get('q') ?? '';
  const [typed, setTyped] = useState(query);
  useTitle(t('inbox.title'));
  // The filters are the server's (issue 19): the inbox is paged, so a filter on the rows loaded would miss the others.
  const filters: Record<string, string> = {
    ...(scope === 'mine' ? { mine: 'true' } : {}),
    ...(kind ? { kind } : {}),
    ...(filter === 'unassigned' ? { unassigned: 'true' } : {}),
    ...(filter === 'overdue' || filter === 'soon' ? { urgency: filter } : {}),
    ...(query ? { q: query } : {}),
  };
  const inbox = useGet('/api/v1/inbox', { query: { ...filters, limit: PAGE } as TGetParams<'/api/v1/inbox'>['query'] });
  // The pages after the first ("Load more"), kept while the first page is the one they follow.
  const [more, setMore] = useState<{ after: TInboxPage; tasks: TInboxTask[]; nextCursor: string | null }>();
  const extra = more && inbox.data && more.after === inbox.data ? more : undefined;
  const [loadingMore, setLoadingMore] = useState(false);
  const staff = useStaff();
  const tasks = useMemo(() => (inbox.data ? [...inbox.data.tasks, ...(extra?.tasks ?? [])] : undefined), [inbox.data, extra]);
  const nextCursor = extra ? extra.nextCursor : inbox.data?.nextCursor;
  const summary = inbox.data?.summary;
  const defs = useProcedureDefs((tasks ?? []).map((x) => `${x.procedure.id}@${x.procedure.version}`));
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();

  useLiveEvents();

  // The search follows typing after a short pause; a filter changed meanwhile restarts the pause,
  // so that the search is set on top of it (`set` writes the whole address as it was when made).
  useEffect(() => {
    if (typed.trim() === query) return;
    const timer = window.setTimeout(() => set({ q: typed.trim() }), 250);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `set` is new on each render; `params` stands for what it writes
  }, [typed, query, params]);

  const stepTitle = (task: TInboxTask): string => stepTitleIn(defs, task.procedure.id, task.procedure.version, task.stepId, i18n.language) ?? task.title;
  const filtered = Object.keys(filters).some((k) => k !== 'mine');

  async function loadMore(): Promise<void> {
    const first = inbox.data;
    if (!first || !nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api<TInboxPage>('GET', `/api/v1/inbox?${new URLSearchParams({ ...filters, limit: String(PAGE), cursor: nextCursor }).toString()}`);
      setMore({ after: first, tasks: [...(extra?.tasks ?? []), ...page.tasks], nextCursor: page.nextCursor });
    } catch (err) {
      if (err instanceof ApiError) setActionError(err);
      else throw err;
    } finally {
      setLoadingMore(false);
    }
  }

  async function claim(task: TInboxTask): Promise<void> {
    setBusy(`${task.caseId}#${task.stepId}`);
    setActionError(undefined);
    try {
      await api('POST', `${casePath(task.caseId)}/steps/${encodeURIComponent(task.stepId)}/claim`);
      setStatus(t('inbox.claimed', { step: stepTitle(task) }));
      inbox.reload();
    } catch (err) {
      if (err instanceof ApiError) setActionError(err);
      else throw err;
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="page inbox-page">
      <div className="page-head">
        <h1>{t('inbox.title')}</h1>
        <dl className="counters" aria-live="polite">
          <div>
            <dt>{t('inbox.summary.total')}</dt>
            <dd data-testid="count-total">{summary ? countText(summary.total, summary.totalCapped) : '–'}</dd>
          </div>
          <div className="overdue">
            <dt>{t('inbox.summary.overdue')}</dt>
            <dd>{summary ? countText(summary.overdue, summary.overdueCapped) : '–'}</dd>
          </div>
          <div className="soon">
            <dt>{t('inbox.summary.soon')}</dt>
            <dd>{summary ? countText(summary.soon, summary.soonCapped) : '–'}</dd>
          </div>
        </dl>
      </div>

      <Approvals approvals={inbox.data?.approvals} approver={hasAnyRole(user, APPROVERS)} />

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="segmented" role="group" aria-label={t('inbox.scope')}>
          {(['team', 'mine'] as TScope[]).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} onClick={() => set({ scope: s })}>
              {s === 'mine' ? t('inbox.mine') : isUnitWide(user) ? t('inbox.unit') : t('inbox.team')}
            </button>
          ))}
        </div>
        <div className="field inline">
          <label htmlFor="inbox-filter" className="field-label">
            {t('inbox.urgency')}
          </label>
          <select id="inbox-filter" value={filter} onChange={(e) => set({ filter: e.target.value })}>
            {(['all', 'overdue', 'soon', 'unassigned'] as TFilter[]).map((f) => (
              <option key={f} value={f}>
                {t(`inbox.filters.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="inbox-kind" className="field-label">
            {t('inbox.kind')}
          </label>
          <select id="inbox-kind" value={kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t('inbox.allKinds')}</option>
            {CASE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline grow">
          <label htmlFor="inbox-q" className="field-label">
            {t('inbox.search')}
          </label>
          <input id="inbox-q" type="search" value={typed} placeholder={t('inbox.searchPlaceholder')} onChange={(e) => setTyped(e.target.value)} />
        </div>
      </form>

      <p className="status-line" role="status">
        {status}
      </p>
      {actionError && <ErrorPanel error={actionError} onDismiss={() => setActionError(undefined)} />}
      {inbox.error && !tasks && <ErrorPanel error={inbox.error} focus={false} />}

      <table className="tasks" aria-busy={inbox.loading && !tasks}>
        <caption className="visually-hidden">{t('inbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.columns.case')}</th>
            <th scope="col">{t('inbox.columns.step')}</th>
            <th scope="col">{t('inbox.columns.deadline')}</th>
            <th scope="col">{t('inbox.columns.assignee')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('inbox.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!tasks &&
            Array.from({ length: 4 }, (_, i) => (
              <tr key={i} className="skeleton-row" aria-hidden="true">
                <td colSpan={5}>
                  <span className="skeleton" />
                </td>
              </tr>
            ))}
          {tasks && tasks.length === 0 && (
            <tr className="empty-row">
              <td colSpan={5}>{filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</td>
            </tr>
          )}
          {(tasks ?? []).map((task) => (
            <TaskRow
              key={`${task.caseId}#${task.stepId}`}
              task={task}
              stepTitle={stepTitle(task)}
              assignee={task.assigneeId ? (task.assigneeId === user.id ? t('inbox.me') : (staff?.get(task.assigneeId)?.displayName ?? task.assigneeId)) : undefined}
              canClaim={!task.assigneeId && user.roles.some((r) => task.roles.includes(r))}
              busy={busy === `${task.caseId}#${task.stepId}`}
              onClaim={() => void claim(task)}
            />
          ))}
        </tbody>
      </table>
      {tasks && <p className="muted small">{t('inbox.count', { count: tasks.length })}</p>}
      {nextCursor && (
        <button type="button" className="button secondary" onClick={() => void loadMore()} disabled={loadingMore} data-testid="inbox-more">
          {t('inbox.more')}
        </button>
      )}
    </div>
  );
}

function TaskRow({ task, stepTitle, assignee, canClaim, busy, onClaim }: { task: TInboxTask; stepTitle: string; assignee?: string; canClaim: boolean; busy: boolean; onClaim: () => void }) {
  const { t } = useTranslation();
  const { urgency } = useCountdown(task.paused ? null : task.dueAt, task.overdue);
  return (
    <tr className={`task urgency-${urgency ?? 'ok'}`} data-testid="task" data-case={task.caseId} data-step={task.stepId}>
      <td data-label={t('inbox.columns.case')}>
        <Link to={caseUrl(task.caseId)} className="case-title">
          {task.caseTitle}
        </Link>
        <span className="case-id">
          {task.caseId} · {t(`kinds.${task.kind}`)}
        </span>
      </td>
      <td data-label={t('inbox.columns.step')}>
        <span className="step-id">{task.stepId}</span> {stepTitle}
      </td>
      <td data-label={t('inbox.columns.deadline')}>
        <Countdown dueAt={task.dueAt} breached={task.overdue} paused={task.paused} />
        {task.dueAt && <span className="due-date">{formatIsoDate(dueDateOf(task.dueAt))}</span>}
      </td>
      <td data-label={t('inbox.columns.assignee')}>{assignee ?? <span className="muted">{t('inbox.unassigned')}</span>}</td>
      <td className="row-actions">
        {canClaim && (
          <button type="button" className="button secondary" onClick={onClaim} disabled={busy}>
            {t('inbox.claim')}
          </button>
        )}
        <Link to={caseUrl(task.caseId)} className="button primary" aria-label={t('inbox.openCase', { id: task.caseId })}>
          {t('inbox.open')}
        </Link>
      </td>
    </tr>
  );
}

/** A count of the page head: `1 000+` once it reaches the server's cap. */
function countText(n: number, capped: boolean): string {
  return capped ? `${groupedCount(n)}+` : String(n);
}

/** Who may have decisions waiting (campaign versions to approve, role changes to confirm: api/services/approvals.ts). */
const APPROVERS = [...CAMPAIGN_APPROVERS, 'ADMIN'] as const;

/**
 * Decisions waiting for me (campaign versions to approve, role changes to confirm), each linking to
 * where it is decided. For those who approve, the card is there from the first paint (a skeleton line
 * while the inbox loads, a line saying so when nothing waits), so that the task list below does not
 * jump when the inbox arrives; for others, nothing.
 */
function Approvals({ approvals, approver }: { approvals: TPendingApproval[] | undefined; approver: boolean }) {
  const { t } = useTranslation();
  const staffName = useStaffName();
  if (!approver && !approvals?.length) return null;
  return (
    <section className="card approvals" aria-labelledby="approvals-title" data-testid="approvals" aria-busy={!approvals}>
      <h2 id="approvals-title">{approvals ? t('inbox.approvals.title', { count: approvals.length }) : t('inbox.approvals.loading')}</h2>
      {!approvals?.length ? (
        <p className="muted">{approvals ? t('inbox.approvals.none') : <span className="skeleton line" aria-hidden="true" />}</p>
      ) : (
        <ul className="plain">
          {approvals.map((a) => (
            <li key={`${a.kind}:${a.id}`} data-testid="approval" data-kind={a.kind}>
              <span className="label">{t(`inbox.approvals.kinds.${a.kind}`)}</span> <Link to={a.link}>{a.kind === 'ROLE_REQUEST' ? staffName(a.title) : a.title}</Link>
              <span className="small muted"> · {t('inbox.approvals.requested', { who: staffName(a.requestedBy), when: formatDateTime(a.requestedAt) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
