/**
 * The canary workflow: a minimal end-to-end probe of the running system (API → Temporal → worker →
 * PostgreSQL). Operators run it after a deployment; the smoke test runs it against the real server.
 * It exercises the same message shapes the case workflows use: an Update with a validator, a Query,
 * and idempotent activities writing the read model.
 */
import { ApplicationFailure, allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';

const { projectCanary } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** State of a canary run, returned by {@link canaryStateQuery} and the update. */
export interface TCanaryState {
  status: 'WAITING' | 'CONFIRMED' | 'EXPIRED';
  startedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
  note?: string;
}

export interface TCanaryConfirmInput {
  by: string;
  note?: string;
}

/** Confirms the canary; rejected (nothing written to history) when already confirmed or `by` is empty. */
export const confirmCanaryUpdate = defineUpdate<TCanaryState, [TCanaryConfirmInput]>('confirmCanary');
/** Snapshot of the canary run. */
export const canaryStateQuery = defineQuery<TCanaryState>('canaryState');

export async function canaryWorkflow(input: { waitMs?: number } = {}): Promise<TCanaryState> {
  const state: TCanaryState = { status: 'WAITING', startedAt: new Date().toISOString() };

  setHandler(canaryStateQuery, () => state);
  setHandler(
    confirmCanaryUpdate,
    async ({ by, note }) => {
      const confirmedAt = new Date().toISOString();
      state.status = 'CONFIRMED';
      state.confirmedBy = by;
      state.confirmedAt = confirmedAt;
      if (note !== undefined) state.note = note;
      await projectCanary(state);
      return { ...state };
    },
    {
      validator: ({ by }) => {
        if (state.status !== 'WAITING') {
          throw ApplicationFailure.nonRetryable(`The canary is already ${state.status.toLowerCase()}.`, 'ALREADY_CONFIRMED');
        }
        if (typeof by !== 'string' || by.trim() === '') {
          throw ApplicationFailure.nonRetryable('`by` must name who confirms the canary.', 'FORM_INVALID');
        }
      },
      description: 'Confirm the canary run',
    },
  );

  await projectCanary(state);
  const confirmed = await condition(() => state.status === 'CONFIRMED', input.waitMs ?? 60 * 60 * 1000);
  if (!confirmed) {
    state.status = 'EXPIRED';
    await projectCanary(state);
  }
  await condition(allHandlersFinished);
  return state;
}
