/**
 * Filters kept in the address (so Back returns to them) and mirrored in state: the router writes
 * the address in a transition, and a control bound to the address alone would snap back until it
 * lands. A change of the address from elsewhere (Back, a link) replaces the mirror.
 *
 * A filter left empty, or set to its default (`defaults`), is taken out of the address, so the
 * plain page's address stays plain.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/** Changes to the address's filters: each key set to a value, or taken out when empty or at its default. */
export type TSetUrlState = (changes: Record<string, string>) => void;

export function useUrlState(defaults: Readonly<Record<string, string>> = {}): [URLSearchParams, TSetUrlState] {
  const [params, setParams] = useSearchParams();
  const url = params.toString();
  const [state, setState] = useState({ url, local: url });
  let local = state.local;
  if (state.url !== url) {
    setState({ url, local: url });
    local = url;
  }
  const current = useMemo(() => new URLSearchParams(local), [local]);
  const set: TSetUrlState = (changes) => {
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(changes)) {
      if (v && v !== defaults[k]) next.set(k, v);
      else next.delete(k);
    }
    setState((s) => ({ ...s, local: next.toString() }));
    setParams(next, { replace: true });
  };
  return [current, set];
}
