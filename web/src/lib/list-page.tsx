/**
 * A list page over a paged API read (`items`, `total`, `nextCursor`), its filters in the address:
 * the filters named in `filters` (under the API's own query names) and the cursor are read from the
 * address and sent as the query; a changed filter starts again at the first page; the search box
 * follows typing after a short pause; while the next page or search loads, the last results stay.
 * Used by the cases screen and the business registry.
 */
import { useEffect, useState } from 'react';
import { useGet, type TGetOk, type TGetParams, type TGetPath } from './hooks.js';
import { useUrlState } from './url-state.js';

type TPaged = { items: unknown[]; total: number; nextCursor: string | null };

export function useListPage<P extends TGetPath>(path: P, filters: readonly string[], pageSize: number) {
  const [params, setParams] = useUrlState();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const [prev, setPrev] = useState<string[]>([]);

  // Values the API refuses (a hand-edited address) come back as its error, shown by the page.
  const query: Record<string, string | number> = { limit: pageSize };
  for (const k of [...filters, 'cursor']) {
    const v = params.get(k);
    if (v) query[k] = v;
  }
  const list = useGet(path, { query: query as TGetParams<P>['query'] });

  const set = (key: string, value: string): void => {
    if (key !== 'cursor') setPrev([]);
    setParams(key === 'cursor' ? { cursor: value } : { [key]: value, cursor: '' });
  };

  const q = params.get('q') ?? '';
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = window.setTimeout(() => set('q', typed.trim()), 250);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `set` reads the current params
  }, [typed, q]);

  const [last, setLast] = useState<TGetOk<P>>();
  if (list.data && list.data !== last) setLast(list.data);
  const data = (list.data ?? last) as (TGetOk<P> & TPaged) | undefined;

  const pager = {
    shown: !!params.get('cursor') || !!data?.nextCursor,
    atFirst: !params.get('cursor'),
    /** Whether going back reaches an earlier page than the first one seen (else: the first page). */
    hasPrevious: prev.length > 0,
    canNext: !!data?.nextCursor && !list.loading,
    back(): void {
      const back = prev[prev.length - 1];
      setPrev(prev.slice(0, -1));
      set('cursor', back ?? '');
    },
    next(): void {
      setPrev([...prev, params.get('cursor') ?? '']);
      set('cursor', data!.nextCursor!);
    },
  };
  return { params, set, typed, setTyped, list, data, pager };
}

/** The previous/next buttons of a list page. */
export function Pager({ pager, label, previous, next }: { pager: ReturnType<typeof useListPage>['pager']; label: string; previous: string; next: string }) {
  if (!pager.shown) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button secondary" disabled={pager.atFirst} onClick={pager.back}>
        {previous}
      </button>
      <button type="button" className="button secondary" disabled={!pager.canNext} onClick={pager.next}>
        {next}
      </button>
    </nav>
  );
}
