/**
 * One officer action sent from a form or a button: busy while it runs, the refusal kept to show,
 * and one Idempotency-Key kept until the action succeeds — so that sending it again after an answer
 * lost on the way (a timeout, a dropped connection) replays the first answer instead of acting
 * twice; a refused request frees its key on the server (api/idempotency.ts), so the corrected one
 * may use it.
 */
import { useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from './api.js';

export function useAction(): {
  busy: boolean;
  error: ApiError | undefined;
  clearError: () => void;
  /** Runs `send` with the action's key; true when it succeeded (a new key for the next action). */
  run: (send: (idempotencyKey: string) => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const key = useRef(newIdempotencyKey());
  async function run(send: (idempotencyKey: string) => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await send(key.current);
      key.current = newIdempotencyKey();
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, clearError: () => setError(undefined), run };
}
