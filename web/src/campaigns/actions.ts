/** One action of a page at a time: busy while it runs, the server's refusal kept, a line saying what happened. */
import { useState } from 'react';
import { ApiError } from '../lib/api.js';

export interface TAction {
  busy: string | undefined;
  error: ApiError | undefined;
  done: string | undefined;
  /** Runs `work` as the action `name`; `message` says what happened when it succeeds. */
  run(name: string, work: () => Promise<unknown>, message: string): Promise<boolean>;
  clear(): void;
}

export function useAction(): TAction {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  return {
    busy,
    error,
    done,
    async run(name, work, message) {
      setBusy(name);
      setError(undefined);
      setDone(undefined);
      try {
        await work();
        setDone(message);
        return true;
      } catch (err) {
        setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
        return false;
      } finally {
        setBusy(undefined);
      }
    },
    clear() {
      setError(undefined);
      setDone(undefined);
    },
  };
}
