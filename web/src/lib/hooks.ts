/** Data hooks over the API: a read that can be reloaded, and the shared reference data. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api.js';
import { addCalendarDays, WorkingCalendar, type TCalendarDay } from '../../../domain/calendar.js';
import { todayInVietnam } from './format.js';
import type { TCaseEvent, TColleague, TLegalParam, TProcedure, TViolation } from './types.js';

export interface TLoad<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (none when null); `reload()` fetches again and keeps showing the old data meanwhile. */
export function useApi<T>(path: string | null): TLoad<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({ loading: path !== null, path });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    api<T>('GET', path, { signal: ctrl.signal })
      .then((data) => setState({ data, loading: false, path }))
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setState((s) => ({ ...(s.path === path ? { data: s.data } : {}), error: err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)), loading: false, path }));
      });
    return () => ctrl.abort();
  }, [path, version]);
  // A new path starts empty: never show one case's data under another's address.
  const current: { data?: T; error?: ApiError; loading: boolean } = state.path === path ? state : { loading: path !== null };
  return { data: current.data, error: current.error, loading: current.loading, reload };
}

/** The current time, renewed every minute (countdowns move on while a page stays open). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Loads once per page load and shares the result (reference data that rarely changes). */
function shared<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load().catch((err: unknown) => {
      p = undefined;
      throw err;
    });
    return p;
  };
}

function useShared<T>(get: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    get()
      .then((v) => live && setValue(v))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [get]);
  return value;
}

const calendar = shared(async () => {
  const today = todayInVietnam();
  const { days } = await api<{ days: TCalendarDay[] }>('GET', `/api/v1/calendar/days?from=${addCalendarDays(today, -400)}&to=${addCalendarDays(today, 800)}`);
  return new WorkingCalendar(days, 'api');
});

/** The working-day calendar for countdowns (undefined while loading). */
export function useWorkingDays(): WorkingCalendar | undefined {
  return useShared(calendar);
}

const staff = shared(async () => new Map((await api<{ staff: TColleague[] }>('GET', '/api/v1/staff')).staff.map((s) => [s.id, s])));

/** The colleagues of the unit by id (names for ids). */
export function useStaff(): Map<string, TColleague> | undefined {
  return useShared(staff);
}

/** A user id as the person's name (the system by its role's name, none as "—"; the id while names load). */
export function useStaffName(): (id: string | null) => string {
  const staff = useStaff();
  const { t } = useTranslation();
  return (id) => (id === null ? '—' : id === 'system' ? t('roles.SYSTEM') : (staff?.get(id)?.displayName ?? id));
}

const violations = shared(async () => (await api<{ violations: TViolation[] }>('GET', '/api/v1/violations')).violations);

/** The violation catalogue (undefined while loading): the forms' picker and the rules read it. */
export function useViolations(): TViolation[] | undefined {
  return useShared(violations);
}

const legalParams = shared(async () => (await api<{ parameters: TLegalParam[] }>('GET', '/api/v1/legal-parameters')).parameters);

/** The effective-dated legal parameters (undefined while loading): thresholds, ceilings, day counts. */
export function useLegalParams(): TLegalParam[] | undefined {
  return useShared(legalParams);
}

const procedures = new Map<string, Promise<TProcedure>>();

/** A published procedure version (cached: published versions never change). */
export function loadProcedure(id: string, version: number): Promise<TProcedure> {
  const key = `${id}@${version}`;
  let p = procedures.get(key);
  if (!p) {
    p = api<{ definition: TProcedure }>('GET', `/api/v1/procedures/${encodeURIComponent(id)}/versions/${version}`).then((r) => r.definition);
    p.catch(() => procedures.delete(key));
    procedures.set(key, p);
  }
  return p;
}

/** The procedures of the given `id@version` keys, loaded once each. */
export function useProcedureDefs(keys: string[]): Map<string, TProcedure> {
  const [defs, setDefs] = useState(new Map<string, TProcedure>());
  const wanted = [...new Set(keys)].sort().join(',');
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void Promise.all(
      wanted.split(',').map(async (key) => {
        const [id, v] = key.split('@') as [string, string];
        return [key, await loadProcedure(id, Number(v))] as const;
      }),
    )
      .then((entries) => live && setDefs(new Map(entries)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [wanted]);
  return defs;
}

/**
 * Live case events (server-sent events): `onEvent` runs for each change to a case the user may see.
 * The browser reconnects by itself if the stream drops.
 */
export function useCaseEvents(onEvent: (e: TCaseEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    source.addEventListener('case', (msg) => {
      try {
        handler.current(JSON.parse((msg as MessageEvent<string>).data) as TCaseEvent);
      } catch {
        // A malformed event is ignored; the next reload shows the truth.
      }
    });
    return () => source.close();
  }, []);
}

/** The page's title in the browser tab and history: "<page> — INS". */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — INS`;
  }, [title]);
}
