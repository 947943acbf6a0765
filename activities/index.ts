/**
 * Activities: every side effect of the workflows, built by a factory with injected dependencies
 * (only the worker process builds real ones). Every activity is idempotent, keyed by the workflow
 * id, because activities retry.
 */
import { Context } from '@temporalio/activity';
import type { Db } from '../db/database.js';
import type { TCanaryState } from '../workflows/canary.js';

export interface ActivityDeps {
  db: Db;
}

export function createActivities({ db }: ActivityDeps) {
  const workflowId = (): string => {
    const id = Context.current().info.workflowExecution?.workflowId;
    if (!id) throw new Error('activity called outside a workflow');
    return id;
  };
  return {
    /** Upserts the canary's read-model row from the workflow state (idempotent: same state, same row). */
    async projectCanary(state: TCanaryState): Promise<void> {
      const row = {
        started_at: state.startedAt,
        confirmed_by: state.confirmedBy ?? null,
        confirmed_at: state.confirmedAt ?? null,
        note: state.note ?? null,
        status: state.status,
      };
      await db
        .insertInto('canary_run')
        .values({ workflow_id: workflowId(), ...row })
        .onConflict((oc) => oc.column('workflow_id').doUpdateSet({ ...row, updated_at: new Date() }))
        .execute();
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
