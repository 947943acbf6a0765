/**
 * The one live-events hook: the server-sent events of `GET /api/v1/events` keep the query cache
 * fresh. Each `case` event invalidates the reads that show that case (its detail, procedure and
 * audit log, by its path) and the reads that list cases (case list, inbox, escalations, supervision,
 * a business's history, campaign reports); a `reset` (the server could not fill a gap) invalidates
 * all of those. A `notification` event (the user has a new one) invalidates the notification reads
 * (the bell's badge, the notification centre). Invalidated reads that a page shows are fetched again
 * at once; others when next shown. The browser reconnects by itself (resuming with `Last-Event-ID`). See docs/adr/0065.
 */
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { casePath } from './api.js';

/** What the web app reads of a `case` event (lib/case-events.ts `TCaseEvent` on the server). */
export interface TCaseEvent {
  caseId: string;
}

export type TLiveState = 'connecting' | 'live' | 'reconnecting';

/** The reads whose answer includes cases: any change to a case may change them. */
const CASE_READS = ['/api/v1/cases', '/api/v1/inbox', '/api/v1/escalations', '/api/v1/supervision/', '/api/v1/businesses', '/api/v1/campaigns'];
const ONE_CASE = '/api/v1/cases/{caseId}';

/** The path of a query (keys are `[method, path, init?]`: lib/hooks.ts and openapi-react-query alike). */
function pathOf(query: Query): string | undefined {
  const path = query.queryKey[1];
  return typeof path === 'string' ? path : undefined;
}

/** Whether a query reads cases, and if it reads one case's own data, whether it is one of `caseIds`. */
function showsCase(query: Query, caseIds: Set<string> | 'all'): boolean {
  const path = pathOf(query);
  if (!path || !CASE_READS.some((p) => path.startsWith(p))) return false;
  if (caseIds === 'all') return true;
  if (path.startsWith(ONE_CASE)) {
    const init = query.queryKey[2] as { params?: { path?: { caseId?: string } } } | undefined;
    return caseIds.has(init?.params?.path?.caseId ?? '');
  }
  if (path.startsWith('/api/v1/cases/')) return [...caseIds].some((id) => path === casePath(id) || path.startsWith(`${casePath(id)}/`));
  return true;
}

/** Marks the user's notification reads stale (a new one arrived, or some were marked read). */
export function invalidateNotifications(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => pathOf(q)?.startsWith('/api/v1/notifications') === true });
}

/** Marks the reads that show these cases (or all case reads) stale; those on screen are fetched again. */
function invalidateCases(client: QueryClient, caseIds: Set<string> | 'all'): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => showsCase(q, caseIds) });
}

/** What one subscriber of a stream is told besides the cache's invalidation. */
interface TSubscriber {
  onCase(e: TCaseEvent): void;
  onReset(): void;
  onState(state: TLiveState): void;
}

/**
 * One EventSource per resume point, shared by every component that follows it: the bell in the top
 * bar and the page below it read the same stream (browsers allow a handful of connections per host
 * over HTTP/1.1, and each open stream holds one). It opens with its first subscriber and closes with
 * its last; the cache is invalidated once per event, whoever listens.
 */
interface THub {
  source: EventSource;
  subscribers: Set<TSubscriber>;
  state: TLiveState;
  close(): void;
}
const hubs = new Map<string, THub>();

function openHub(client: QueryClient, from: string | null): THub {
  const source = new EventSource(from ? `/api/v1/events?lastEventId=${encodeURIComponent(from)}` : '/api/v1/events');
  const subscribers = new Set<TSubscriber>();
  // Events come in bursts (a case opens, a step is claimed, completed, escalated): one refetch after the burst.
  let pending = new Set<string>();
  let timer: number | undefined;
  const flush = (): void => {
    const ids = pending;
    pending = new Set();
    timer = undefined;
    void invalidateCases(client, ids);
  };
  const hub: THub = {
    source,
    subscribers,
    state: 'connecting',
    close() {
      window.clearTimeout(timer);
      source.close();
    },
  };
  const setState = (state: TLiveState): void => {
    hub.state = state;
    for (const s of subscribers) s.onState(state);
  };
  source.addEventListener('ready', () => {
    setState('live');
    // Notifications have no catch-up from the log: after a (re)connection, read them again.
    void invalidateNotifications(client);
  });
  source.addEventListener('case', (msg) => {
    let e: TCaseEvent;
    try {
      e = JSON.parse((msg as MessageEvent<string>).data) as TCaseEvent;
    } catch {
      return; // A malformed event is skipped; the next one brings the reads up to date.
    }
    pending.add(e.caseId);
    window.clearTimeout(timer);
    timer = window.setTimeout(flush, 300);
    for (const s of subscribers) s.onCase(e);
  });
  source.addEventListener('notification', () => void invalidateNotifications(client));
  source.addEventListener('reset', () => {
    void invalidateCases(client, 'all');
    for (const s of subscribers) s.onReset();
  });
  source.onerror = () => setState('reconnecting');
  return hub;
}

/**
 * Follows the live stream while the component is mounted. `from`: resume after this event id (null:
 * from now, the stream every such component shares; undefined: not yet known, the stream waits).
 * `onCase` and `onReset` run after the invalidation, for what a page keeps outside the cache (the
 * supervisor's activity feed).
 */
export function useLiveEvents(opts: { from?: string | null | undefined; onCase?: (e: TCaseEvent) => void; onReset?: () => void } = {}): TLiveState {
  const client = useQueryClient();
  const from = 'from' in opts ? opts.from : null;
  const [state, setState] = useState<TLiveState>('connecting');
  const handlers = useRef(opts);
  useEffect(() => {
    handlers.current = opts;
  });
  useEffect(() => {
    if (from === undefined || typeof EventSource === 'undefined') return;
    const key = from ?? '';
    let hub = hubs.get(key);
    if (!hub) {
      hub = openHub(client, from);
      hubs.set(key, hub);
    }
    const me: TSubscriber = { onCase: (e) => handlers.current.onCase?.(e), onReset: () => handlers.current.onReset?.(), onState: setState };
    hub.subscribers.add(me);
    const joined = hub;
    // A stream already open (the bell's) may be live already: say so, once this effect is done.
    queueMicrotask(() => {
      if (joined.subscribers.has(me)) setState(joined.state);
    });
    return () => {
      joined.subscribers.delete(me);
      if (joined.subscribers.size === 0) {
        joined.close();
        if (hubs.get(key) === joined) hubs.delete(key);
      }
    };
  }, [from, client]);
  return state;
}
