/**
 * The inbox: open steps for me and my team (my unit for unit-wide roles), soonest deadline first,
 * with the countdown in working days, overdue and due-soon rows highlighted, filters and search
 * (kept in the address, so Back returns to the same view); take a task or open its case.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Countdown, countdownOf, dueDateOf, useCountdown } from '../components/Deadline.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { tx } from '../i18n.js';
import { api, ApiError, casePath, caseUrl } from '../lib/api.js';
import { formatDateTime, formatIsoDate } from '../lib/format.js';
import { useGet, useNow, useProcedureDefs, useStaff, useStaffName, useTitle, useWorkingDays } from '../lib/hooks.js';
import { useLiveEvents } from '../lib/live-events.js';
import { isUnitWide } from '../../../domain/roles.js';
import { useUser } from '../lib/session.js';
import { useUrlState } from '../lib/url-state.js';
import type { TInboxTask, TPendingApproval } from '../lib/contract/types.js';

type TScope = 'mine' | 'team';
type TFilter = 'all' | 'overdue' | 'soon' | 'unassigned';
/** The filters' values that the address leaves out. */
const URL_DEFAULTS = { scope: 'team', filter: 'all' };

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [params, set] = useUrlState(URL_DEFAULTS);
  const scope: TScope = params.get('scope') === 'mine' ? 'mine' : 'team';
  const filter = (['overdue', 'soon', 'unassigned'].includes(params.get('filter') ?? '') ? params.get('filter') : 'all') as TFilter;
  const kind = params.get('kind') ?? '';
  const query = params.get('q') ?? '';
  useTitle(t('inbox.title'));
  const inbox = useGet('/api/v1/inbox');
  const staff = useStaff();
  const calendar = useWorkingDays();
  const defs = useProcedureDefs((inbox.data?.tasks ?? []).map((x) => `${x.procedure.id}@${x.procedure.version}`));
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();

  useLiveEvents();

  const stepTitle = (task: TInboxTask): string => {
    const step = defs.get(`${task.procedure.id}@${task.procedure.version}`)?.steps.find((s) => s.id === task.stepId);
    return step ? tx(step.title, i18n.language) : task.title;
  };

  const tasks = inbox.data?.tasks;
  const now = useNow();
  const urgency = (task: TInboxTask) => (!task.dueAt || task.paused || !calendar ? 'ok' : countdownOf(calendar, task.dueAt, task.overdue, now).urgency);
  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('vi');
    return (tasks ?? []).filter((task) => {
      if (scope === 'mine' && task.assigneeId !== user.id) return false;
      if (kind && task.kind !== kind) return false;
      if (filter === 'unassigned' && task.assigneeId) return false;
      if ((filter === 'overdue' || filter === 'soon') && urgency(task) !== filter) return false;
      if (q && ![task.caseId, task.caseTitle, task.title, stepTitle(task), task.stepId].some((s) => s.toLocaleLowerCase('vi').includes(q))) return false;
      return true;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- urgency and stepTitle read calendar, defs and the language listed here
  }, [tasks, scope, kind, filter, query, user.id, calendar, defs, i18n.language, now]);
  const counts = useMemo(
    () => ({ total: tasks?.length ?? 0, overdue: (tasks ?? []).filter((x) => urgency(x) === 'overdue').length, soon: (tasks ?? []).filter((x) => urgency(x) === 'soon').length }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- urgency reads the calendar listed here
    [tasks, calendar, now],
  );
  const kinds = useMemo(() => [...new Set((tasks ?? []).map((x) => x.kind))].sort(), [tasks]);

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
            <dd data-testid="count-total">{tasks ? counts.total : '–'}</dd>
          </div>
          <div className="overdue">
            <dt>{t('inbox.summary.overdue')}</dt>
            <dd>{tasks && calendar ? counts.overdue : '–'}</dd>
          </div>
          <div className="soon">
            <dt>{t('inbox.summary.soon')}</dt>
            <dd>{tasks && calendar ? counts.soon : '–'}</dd>
          </div>
        </dl>
      </div>

      <Approvals approvals={inbox.data?.approvals ?? []} />

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
            {kinds.map((k) => (
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
          <input id="inbox-q" type="search" value={query} placeholder={t('inbox.searchPlaceholder')} onChange={(e) => set({ q: e.target.value })} />
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
          {tasks && visible.length === 0 && (
            <tr className="empty-row">
              <td colSpan={5}>{tasks.length === 0 ? t('inbox.empty') : t('inbox.emptyFiltered')}</td>
            </tr>
          )}
          {visible.map((task) => (
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
      {tasks && <p className="muted small">{t('inbox.count', { count: visible.length })}</p>}
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

/** Decisions waiting for me (campaign versions to approve, role changes to confirm), each linking to where it is decided. */
function Approvals({ approvals }: { approvals: TPendingApproval[] }) {
  const { t } = useTranslation();
  const staffName = useStaffName();
  if (approvals.length === 0) return null;
  return (
    <section className="card approvals" aria-labelledby="approvals-title" data-testid="approvals">
      <h2 id="approvals-title">{t('inbox.approvals.title', { count: approvals.length })}</h2>
      <ul className="plain">
        {approvals.map((a) => (
          <li key={`${a.kind}:${a.id}`} data-testid="approval" data-kind={a.kind}>
            <span className="label">{t(`inbox.approvals.kinds.${a.kind}`)}</span> <Link to={a.link}>{a.kind === 'ROLE_REQUEST' ? staffName(a.title) : a.title}</Link>
            <span className="small muted"> · {t('inbox.approvals.requested', { who: staffName(a.requestedBy), when: formatDateTime(a.requestedAt) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
