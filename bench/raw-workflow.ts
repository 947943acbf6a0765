/**
 * The raw baseline of the step benchmark (bench/steps.ts): the least a Temporal Update can do here —
 * a validator and a trivial state change, one workflow task per Update, no activity. Bundled by the
 * benchmark's own Worker on its own task queue (`bench-raw`), against the dev server INS uses.
 */
import { ApplicationFailure, condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/** Adds `by` to the counter; answers the new value. */
export const bumpUpdate = defineUpdate<number, [{ by: number; requestId: string }]>('bump');
/** Ends the workflow (the benchmark's clean-up). */
export const stopSignal = defineSignal('stop');

export async function rawCounterWorkflow(): Promise<number> {
  let count = 0;
  let isStopped = false;
  setHandler(
    bumpUpdate,
    ({ by }) => {
      count += by;
      return count;
    },
    {
      validator: ({ by, requestId }) => {
        if (!Number.isInteger(by) || by < 1 || by > 10) throw ApplicationFailure.nonRetryable('by must be a whole number from 1 to 10', 'INVALID');
        if (typeof requestId !== 'string' || requestId.length < 8) throw ApplicationFailure.nonRetryable('requestId must be at least 8 characters', 'INVALID');
      },
    },
  );
  setHandler(stopSignal, () => {
    isStopped = true;
  });
  await condition(() => isStopped);
  return count;
}
