/**
 * The supervisor console (team leads, directors, legal officers): the escalations queue — overdue,
 * due soon, flagged complex, extension requests — with filters kept in the address, beside the
 * live feed of the field's activity (steps completed, evidence arriving with thumbnails, deadlines,
 * escalations). From either, a supervisor steps in on the open step: instruct, reassign, extend,
 * stop the clock; an entry of the queue is marked handled with a note. A step's deadline ladder is
 * one entry, at its latest rung, listing the rungs before it. Both follow the live stream; a `reset`
 * from it reloads them.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { Countdown, dueDateOf } from '../components/Deadline.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { EvidenceThumb } from '../components/Evidence.js';
import { Intervene } from '../components/Intervene.js';
import { canResolveEscalation, ResolveEscalationForm } from '../components/ResolveEscalation.js';
import { api, ApiError, caseUrl } from '../lib/api.js';
import { formatDateTime, formatIsoDate } from '../lib/format.js';
import { useGet, useProcedureDefs, useStaff, useTitle } from '../lib/hooks.js';
import { stepTitleIn } from '../i18n.js';
import { isUnitWide } from '../../../domain/roles.js';
import { useUser } from '../lib/session.js';
import { useLiveEvents, type TLiveState } from '../lib/live-events.js';
import { extensionRequest, reasonParts, type TActivity, type TEscalationKind, type TQueueItem } from '../lib/supervision.js';
import { useUrlState, type TSetUrlState } from '../lib/url-state.js';
import '../supervisor.css';

type TQueueFilter = 'all' | TEscalationKind;
const QUEUE_FILTERS: TQueueFilter[] = ['all', 'ESCALATE', 'WARN', 'MANUAL', 'EXTENSION_REQUEST'];
type TFeedFilter = 'all' | 'steps' | 'evidence' | 'deadlines' | 'supervision';
const FEED_FILTERS: TFeedFilter[] = ['all', 'steps', 'evidence', 'deadlines', 'supervision'];
/** The filters' values that the address leaves out. */
const URL_DEFAULTS = { kind: 'all', status: 'OPEN', mine: 'false', feed: 'all' };

/** What the feed shows of the audit actions, and under which filter. */
const SHOWN: Record<string, Exclude<TFeedFilter, 'all'>> = {
  CASE_STARTED: 'steps',
  STEP_COMPLETED: 'steps',
  CASE_CLOSED: 'steps',
  EVIDENCE_ADDED: 'evidence',
  DEADLINE_WARNING: 'deadlines',
  DEADLINE_BREACHED: 'deadlines',
  ESCALATED: 'deadlines',
  ESCALATION_RESOLVED: 'supervision',
  STEP_CLAIMED: 'supervision',
  STEP_RELEASED: 'supervision',
  STEP_ASSIGNED: 'supervision',
  CASE_ASSIGNED: 'supervision',
  EXTENSION_REQUESTED: 'supervision',
  EXTENSION_GRANTED: 'supervision',
  CLOCK_PAUSED: 'supervision',
  CLOCK_RESUMED: 'supervision',
  NOTE_ADDED: 'supervision',
};

/** The tabs of the console. */
export function ConsoleNav() {
  const { t } = useTranslation('supervisor');
  return (
    <nav className="section-tabs" aria-label={t('nav.label')}>
      <NavLink to="/supervision" end>
        {t('nav.console')}
      </NavLink>
      <NavLink to="/supervision/load">{t('nav.load')}</NavLink>
    </nav>
  );
}

type TOpenPanel = { where: 'queue' | 'feed'; what: 'intervene' | 'resolve'; key: string; caseId: string; stepId: string | null } | undefined;

/**
 * An entry's place in the queue: an open breach keeps its place — and a panel open on it — while its
 * step's ladder climbs (each rung supersedes the one before, under a new id); anything else is itself.
 */
const entryKey = (x: TQueueItem): string => (!x.resolvedAt && (x.kind === 'WARN' || x.kind === 'ESCALATE') ? `${x.caseId}#${x.stepId}#ladder` : `${x.caseId}#${x.id}`);

export function SupervisorPage() {
  const { t } = useTranslation('supervisor');
  const user = useUser();
  useTitle(t('title'));
  const [params, set] = useUrlState(URL_DEFAULTS);
  const status = params.get('status') === 'RESOLVED' ? 'RESOLVED' : 'OPEN';
  const mine = params.get('mine') === 'true';
  const queue = useGet('/api/v1/escalations', { query: { status, limit: 200, ...(mine ? { mine: 'true' as const } : {}) } });
  const [panel, setPanel] = useState<TOpenPanel>();
  const [versions, setVersions] = useState<Record<string, number>>({});
  const feed = useActivity();
  const reloadQueue = queue.reload;

  // The queue is a cached read: the live events invalidate it. The feed accumulates, so it asks for what is newer itself.
  const soon = useRef<number | undefined>(undefined);
  const live = useLiveEvents({
    from: feed.from,
    onCase: (e) => {
      setVersions((v) => ({ ...v, [e.caseId]: (v[e.caseId] ?? 0) + 1 }));
      window.clearTimeout(soon.current);
      soon.current = window.setTimeout(() => feed.newer(), 250);
    },
    onReset: () => feed.reload(),
  });
  useEffect(() => () => window.clearTimeout(soon.current), []);

  const toggle = (p: NonNullable<TOpenPanel>): void => setPanel((cur) => (cur && cur.where === p.where && cur.key === p.key && cur.what === p.what ? undefined : p));

  return (
    <div className="page console-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <ConsoleNav />
      </div>
      <div className="console-layout">
        <Queue
          items={queue.data?.items}
          total={queue.data?.total}
          error={queue.error}
          filter={(QUEUE_FILTERS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as TQueueFilter) : 'all'}
          status={status}
          mine={mine}
          team={params.get('team') ?? ''}
          query={params.get('q') ?? ''}
          showTeams={isUnitWide(user)}
          set={set}
          panel={panel}
          toggle={toggle}
          versions={versions}
          onChanged={reloadQueue}
        />
        <Feed
          feed={feed}
          live={live}
          filter={(FEED_FILTERS as string[]).includes(params.get('feed') ?? '') ? (params.get('feed') as TFeedFilter) : 'all'}
          set={set}
          panel={panel}
          toggle={toggle}
          versions={versions}
          onChanged={reloadQueue}
        />
      </div>
    </div>
  );
}

function KindBadge({ kind, overdue }: { kind: TEscalationKind; overdue?: boolean | null }) {
  const { t } = useTranslation('supervisor');
  return <span className={`badge esc-${kind}${overdue ? ' is-overdue' : ''}`}>{t(`queue.kinds.${kind}`)}</span>;
}

function Queue(props: {
  items: TQueueItem[] | undefined;
  total: number | undefined;
  error: ApiError | undefined;
  filter: TQueueFilter;
  status: 'OPEN' | 'RESOLVED';
  mine: boolean;
  team: string;
  query: string;
  showTeams: boolean;
  set: TSetUrlState;
  panel: TOpenPanel;
  toggle: (p: NonNullable<TOpenPanel>) => void;
  versions: Record<string, number>;
  onChanged: () => void;
}) {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation();
  const user = useUser();
  const [status, setStatus] = useState('');
  const { items, filter, set } = props;
  const teams = useGet('/api/v1/teams', props.showTeams ? {} : null);
  const staff = useStaff();
  // The team and the text narrow the view; the counters then tell each kind within it.
  const inView = useMemo(() => {
    const q = props.query.trim().toLocaleLowerCase('vi');
    return (items ?? []).filter((x) => {
      if (props.team && x.teamId !== props.team) return false;
      if (q && ![x.caseId, x.caseTitle, x.stepId, x.stepTitle ?? '', x.reason].some((s) => s.toLocaleLowerCase('vi').includes(q))) return false;
      return true;
    });
  }, [items, props.team, props.query]);
  const counts = useMemo(() => {
    const c: Record<TEscalationKind, number> = { ESCALATE: 0, WARN: 0, MANUAL: 0, EXTENSION_REQUEST: 0 };
    for (const x of inView) c[x.kind]++;
    return c;
  }, [inView]);
  const visible = useMemo(() => inView.filter((x) => filter === 'all' || x.kind === filter), [inView, filter]);
  const reason = (x: TQueueItem | TQueueItem['history'][number]): string => {
    const ext = extensionRequest(x);
    if (ext) return `+${tc(`units.${ext.unit}`, { count: ext.amount })}: ${ext.why}`;
    const known = reasonParts(x);
    return known ? t(known.key, known.values) : x.reason;
  };
  const name = (id: string): string => staff?.get(id)?.displayName ?? id;

  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="section-head">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <dl className="counters" aria-live="polite">
          {(['ESCALATE', 'WARN', 'MANUAL', 'EXTENSION_REQUEST'] as TEscalationKind[]).map((k) => (
            <div key={k} className={`esc-count esc-${k}`}>
              <dt>{t(`queue.kinds.${k}`)}</dt>
              <dd data-testid={`count-${k}`}>{items ? counts[k] : '–'}</dd>
            </div>
          ))}
        </dl>
      </div>
      <form className="filters" role="search" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field inline">
          <label htmlFor="queue-kind" className="field-label">
            {t('queue.kind')}
          </label>
          <select id="queue-kind" value={filter} onChange={(e) => set({ kind: e.target.value })}>
            {QUEUE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {f === 'all' ? t('queue.allKinds') : t(`queue.kinds.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="queue-status" className="field-label">
            {t('queue.status')}
          </label>
          <select id="queue-status" value={props.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="OPEN">{t('queue.open')}</option>
            <option value="RESOLVED">{t('queue.resolved')}</option>
          </select>
        </div>
        {props.showTeams && (
          <div className="field inline">
            <label htmlFor="queue-team" className="field-label">
              {t('queue.team')}
            </label>
            <select id="queue-team" value={props.team} onChange={(e) => set({ team: e.target.value })}>
              <option value="">{t('queue.allTeams')}</option>
              {(teams.data?.teams ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field inline grow">
          <label htmlFor="queue-q" className="field-label">
            {t('queue.search')}
          </label>
          <input id="queue-q" type="search" value={props.query} placeholder={t('queue.searchPlaceholder')} onChange={(e) => set({ q: e.target.value })} />
        </div>
        <label className="check-inline">
          <input type="checkbox" checked={props.mine} onChange={(e) => set({ mine: e.target.checked ? 'true' : 'false' })} />
          <span>{t('queue.mine')}</span>
        </label>
      </form>
      {props.error && !items && <ErrorPanel error={props.error} focus={false} />}
      <p className="status-line" role="status" data-testid="queue-status">
        {status}
      </p>
      <ol className="plain queue-list" aria-busy={!items}>
        {!items && Array.from({ length: 3 }, (_, i) => <li key={i} className="queue-item skeleton-block" aria-hidden="true" />)}
        {items && visible.length === 0 && <li className="queue-empty card muted">{items.length === 0 ? t('queue.empty') : t('queue.emptyFiltered')}</li>}
        {visible.map((x) => {
          const key = entryKey(x);
          const opened = props.panel?.where === 'queue' && props.panel.key === key ? props.panel.what : undefined;
          const actionable = x.caseStatus === 'OPEN' && !x.resolvedAt;
          return (
            <li
              key={key}
              className={`queue-item card esc-${x.kind}${x.overdue ? ' is-overdue' : ''}`}
              data-testid="queue-item"
              data-case={x.caseId}
              data-step={x.stepId}
              data-kind={x.kind}
              data-escalation={x.id}
            >
              <div className="queue-main">
                <p className="queue-kicker">
                  <KindBadge kind={x.kind} overdue={x.overdue} />
                  {/* "Deadline passed" says no more than the badge; other reasons do. */}
                  {x.reason !== 'deadline passed' && <span className="small">{reason(x)}</span>}
                  <span className="small muted">
                    {t('queue.to', { role: tc(`roles.${x.toRole}`, { defaultValue: x.toRole }) })} · <time dateTime={x.createdAt}>{formatDateTime(x.createdAt)}</time>
                  </span>
                </p>
                <Link to={caseUrl(x.caseId)} className="case-title">
                  {x.caseTitle}
                </Link>
                <span className="case-id">
                  {x.caseId} · {tc(`kinds.${x.caseKind}`, { defaultValue: x.caseKind })}
                </span>
                <p className="queue-step">
                  <span className="step-id">{x.stepId}</span> {x.stepTitle ?? t('queue.stepDone')}
                  {x.stepTitle && (
                    <span className="small muted">
                      {' '}
                      · {tc('case.assignee')}: {x.assigneeId ? name(x.assigneeId) : tc('case.unassigned')}
                    </span>
                  )}
                </p>
                {x.history.length > 0 && (
                  <p className="queue-history small muted" data-testid="queue-history">
                    {tc('escalation.earlier')}:{' '}
                    {x.history.map((h, i) => (
                      <span key={h.id}>
                        {i > 0 && ' → '}
                        {t(`queue.kinds.${h.kind}`)} ({h.reasonCode === 'DEADLINE_PASSED' ? '' : `${reason(h)}, `}
                        {t('queue.to', { role: tc(`roles.${h.toRole}`, { defaultValue: h.toRole }) })}, <time dateTime={h.createdAt}>{formatDateTime(h.createdAt)}</time>)
                      </span>
                    ))}
                  </p>
                )}
                {x.resolvedBy && (
                  <p className="queue-resolution small" data-testid="queue-resolution">
                    {tc('escalation.handledBy', { who: name(x.resolvedBy) })}: {x.resolutionNote}
                  </p>
                )}
              </div>
              <div className="queue-side">
                {x.dueAt && x.stepTitle ? (
                  <span className="queue-deadline" data-testid="queue-deadline">
                    <Countdown dueAt={x.dueAt} breached={!!x.overdue} />
                    <span className="due-date">{formatIsoDate(dueDateOf(x.dueAt))}</span>
                  </span>
                ) : (
                  <span className="countdown none">{x.resolvedAt ? t('queue.resolvedAt', { at: formatDateTime(x.resolvedAt) }) : tc('deadline.none')}</span>
                )}
                {actionable && (
                  <div className="queue-actions">
                    {x.stepTitle && (
                      <button
                        type="button"
                        className={`button ${opened === 'intervene' ? 'primary' : 'secondary'}`}
                        aria-expanded={opened === 'intervene'}
                        onClick={() => props.toggle({ where: 'queue', what: 'intervene', key, caseId: x.caseId, stepId: x.stepId })}
                      >
                        {t('intervene.button')}
                        <span className="visually-hidden"> {x.caseTitle}</span>
                      </button>
                    )}
                    {canResolveEscalation(user, x.toRole) && (
                      <button
                        type="button"
                        className={`button ${opened === 'resolve' ? 'primary' : 'secondary'}`}
                        aria-expanded={opened === 'resolve'}
                        onClick={() => props.toggle({ where: 'queue', what: 'resolve', key, caseId: x.caseId, stepId: x.stepId })}
                      >
                        {tc('escalation.resolve')}
                        <span className="visually-hidden"> {x.caseTitle}</span>
                      </button>
                    )}
                  </div>
                )}
              </div>
              {opened === 'intervene' && (
                <div className="queue-panel">
                  <Intervene caseId={x.caseId} stepId={x.stepId} version={props.versions[x.caseId] ?? 0} onDone={props.onChanged} />
                </div>
              )}
              {opened === 'resolve' && actionable && (
                <div className="queue-panel">
                  <ResolveEscalationForm
                    caseId={x.caseId}
                    escalationId={x.id}
                    onDone={(message) => {
                      setStatus(message);
                      props.toggle({ where: 'queue', what: 'resolve', key, caseId: x.caseId, stepId: x.stepId });
                      props.onChanged();
                    }}
                    onCancel={() => props.toggle({ where: 'queue', what: 'resolve', key, caseId: x.caseId, stepId: x.stepId })}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {items && props.total !== undefined && (
        <p className="muted small">{props.total > items.length ? t('queue.countOf', { count: visible.length, total: props.total }) : t('queue.count', { count: visible.length })}</p>
      )}
    </section>
  );
}

interface TFeedData {
  items?: TActivity[];
  error?: ApiError;
  /** Where the live stream starts (undefined until the first page is in). */
  from: string | null | undefined;
  newer(): void;
  reload(): void;
}

/** The feed's data: the newest activity, then what came after it, pulled when the stream says so. */
function useActivity(): TFeedData {
  const [items, setItems] = useState<TActivity[]>();
  const [error, setError] = useState<ApiError>();
  const [from, setFrom] = useState<string | null>();
  const [wanted, setWanted] = useState(0);
  const newest = useRef<string | undefined>(undefined);
  /** A whole reload is due (first load, or a `reset`): not only what came after the newest. */
  const whole = useRef(true);

  useEffect(() => {
    // A newer request supersedes this one; it asks from the same newest id, so nothing is missed.
    let live = true;
    const after = whole.current ? undefined : newest.current;
    api<{ items: TActivity[]; lastEventId: string | null }>('GET', `/api/v1/supervision/activity?limit=${after ? 200 : 40}${after ? `&after=${after}` : ''}`)
      .then((r) => {
        if (!live) return;
        whole.current = false;
        setError(undefined);
        if (r.items[0]) newest.current = r.items[0].id;
        setItems((old) => {
          if (!after || !old) return r.items;
          const known = new Set(old.map((x) => x.id));
          return [...r.items.filter((x) => !known.has(x.id)), ...old].slice(0, 300);
        });
        setFrom((f) => (f === undefined ? r.lastEventId : f));
      })
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err))));
    return () => {
      live = false;
    };
  }, [wanted]);

  return {
    items,
    error,
    from,
    newer: () => setWanted((n) => n + 1),
    reload: () => {
      whole.current = true;
      setWanted((n) => n + 1);
    },
  };
}

function Feed({
  feed,
  live,
  filter,
  set,
  panel,
  toggle,
  versions,
  onChanged,
}: {
  feed: TFeedData;
  live: TLiveState;
  filter: TFeedFilter;
  set: TSetUrlState;
  panel: TOpenPanel;
  toggle: (p: NonNullable<TOpenPanel>) => void;
  versions: Record<string, number>;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('supervisor');
  const { t: tc } = useTranslation();
  const staff = useStaff();
  const defs = useProcedureDefs((feed.items ?? []).map((x) => `${x.procedureId}@${x.procedureVersion}`));
  const name = (id: string): string => (id === 'system' ? tc('roles.SYSTEM') : (staff?.get(id)?.displayName ?? id));

  // One line per action worth a supervisor's eye, in the order they happened (the newest at the
  // bottom, as in a log: what arrives is added below and the list follows it, nothing above moves);
  // a file announced twice (a retried upload) once.
  const entries = useMemo(() => {
    const seen = new Set<string>();
    const out: { key: string; item: TActivity; action: TActivity['actions'][number]; group: Exclude<TFeedFilter, 'all'> }[] = [];
    for (const item of [...(feed.items ?? [])].reverse()) {
      for (const [i, action] of item.actions.entries()) {
        const group = SHOWN[action.action];
        if (!group || (filter !== 'all' && filter !== group)) continue;
        // A step handed on by the engine to the officer of the previous one (ADR 0115) is part of that step's completion, not news.
        if (action.action === 'STEP_ASSIGNED' && action.actorId === 'system') continue;
        if (action.action === 'EVIDENCE_ADDED') {
          const k = `${item.caseId}#${action.evidence.map((e) => e.sha256).join(',')}`;
          if (seen.has(k)) continue;
          seen.add(k);
        }
        out.push({ key: `${item.id}:${i}`, item, action, group });
      }
    }
    return out.slice(-150);
  }, [feed.items, filter]);
  // One way in per case: on its newest entry (stepping in acts on the case as it is now).
  const latestOfCase = useMemo(() => new Map(entries.map((e) => [e.item.caseId, e.key])), [entries]);

  // Follow the newest entry while the reader is at the end of the list; leave them be when they scrolled back.
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const newest = entries[entries.length - 1]?.key;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [newest]);
  // Entries also grow after they are shown (step titles and names arrive, a panel opens): stay at the end.
  useEffect(() => {
    const el = scroller.current;
    const list = el?.firstElementChild;
    if (!el || !list || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  const stepTitle = (item: TActivity, stepId: string | null): string => {
    if (!stepId) return '';
    const title = stepTitleIn(defs, item.procedureId, item.procedureVersion, stepId, i18n.language);
    return `${stepId}${title !== undefined ? ` ${title}` : ''}`;
  };

  const sentence = (item: TActivity, action: TActivity['actions'][number]): string => t(`feed.actions.${action.action}`, { who: name(action.actorId), step: stepTitle(item, action.stepId) });
  const last = entries[entries.length - 1];

  return (
    <section className="feed" aria-labelledby="feed-title">
      <div className="section-head">
        <h2 id="feed-title">{t('feed.title')}</h2>
        <span className={`live-state ${live}`} data-testid="live-state" data-state={live}>
          {t(`feed.state.${live}`)}
        </span>
      </div>
      <div className="field inline feed-filter">
        <label htmlFor="feed-filter" className="field-label">
          {t('feed.show')}
        </label>
        <select id="feed-filter" value={filter} onChange={(e) => set({ feed: e.target.value })}>
          {FEED_FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`feed.filters.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {feed.error && !feed.items && <ErrorPanel error={feed.error} focus={false} />}
      {/* The newest entry, read out by screen readers as it arrives. */}
      <p className="visually-hidden" aria-live="polite">
        {last ? `${sentence(last.item, last.action)} — ${last.item.caseTitle}` : ''}
      </p>
      <div
        className="feed-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        <ol className="plain feed-list" aria-busy={!feed.items} data-testid="feed">
          {!feed.items && Array.from({ length: 4 }, (_, i) => <li key={i} className="feed-item skeleton-block" aria-hidden="true" />)}
          {feed.items && entries.length === 0 && <li className="feed-empty muted">{t('feed.empty')}</li>}
          {entries.map(({ key, item, action, group }) => {
            const open = panel?.where === 'feed' && panel.key === key && panel.what === 'intervene';
            return (
              <li key={key} className={`feed-item feed-${group} act-${action.action}`} data-testid="feed-item" data-case={item.caseId} data-action={action.action} data-step={action.stepId ?? ''}>
                <p className="feed-line">
                  <time dateTime={action.at}>{formatDateTime(action.at)}</time> <span className="feed-what">{sentence(item, action)}</span>
                </p>
                <p className="feed-case">
                  <Link to={caseUrl(item.caseId)}>{item.caseTitle}</Link> <span className="case-id">{item.caseId}</span>
                </p>
                {action.evidence.length > 0 && (
                  <ul className="plain feed-files" aria-label={t('feed.evidence')}>
                    {action.evidence.map((f) => (
                      <li key={f.sha256} data-testid="feed-evidence" data-sha256={f.sha256}>
                        <a href={`/api/v1/evidence/${f.sha256}`} target="_blank" rel="noreferrer">
                          <EvidenceThumb file={f} size="small" />
                          <span className="feed-file">{f.name}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
                {item.status === 'OPEN' && latestOfCase.get(item.caseId) === key && (
                  <button
                    type="button"
                    className={`button subtle ${open ? 'is-open' : ''}`}
                    aria-expanded={open}
                    onClick={() => toggle({ where: 'feed', what: 'intervene', key, caseId: item.caseId, stepId: action.stepId })}
                  >
                    {t('intervene.button')}
                    <span className="visually-hidden"> {item.caseTitle}</span>
                  </button>
                )}
                {open && <Intervene caseId={item.caseId} stepId={action.stepId} version={versions[item.caseId] ?? 0} onDone={onChanged} />}
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
