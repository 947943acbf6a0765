/**
 * Filters kept in the address (so Back returns to them) and mirrored in state: the router writes
 * the address in a transition, and a control bound to the address alone would snap back until it
 * lands. A change of the address from elsewhere (Back, a link) replaces the mirror.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

export function useUrlState(): [URLSearchParams, (changes: Record<string, string>) => void] {
  const [params, setParams] = useSearchParams();
  const url = params.toString();
  const [state, setState] = useState({ url, local: url });
  let local = state.local;
  if (state.url !== url) {
    setState({ url, local: url });
    local = url;
  }
  const current = useMemo(() => new URLSearchParams(local), [local]);
  const set = (changes: Record<string, string>): void => {
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setState((s) => ({ ...s, local: next.toString() }));
    setParams(next, { replace: true });
  };
  return [current, set];
}
