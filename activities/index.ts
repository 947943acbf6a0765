/**
 * Activities: every side effect of the workflows, built by a factory with injected dependencies
 * (only the worker process builds real ones). Every activity is idempotent, keyed by the workflow
 * id and the data it carries, because activities retry.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { TAuditEvent } from '../domain/audit.js';
import { computeDeadline as compute, type TComputedDeadline, type TDeadlineSpec } from '../domain/deadline.js';
import type { TProcedureDefinition } from '../domain/procedure.js';
import type { TCaseProjection } from '../domain/projection.js';
import type { Db } from '../db/database.js';
import { loadWorkingCalendar } from '../db/repositories/calendar.js';
import { applyProjection } from '../db/repositories/cases.js';
import { getPublished, latestPublishedVersion } from '../db/repositories/procedures.js';
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

    /** A published (or retired) procedure version; the result lands in history, pinning the case to it. */
    async loadProcedure(ref: { id: string; version: number }): Promise<TProcedureDefinition> {
      const def = await getPublished(db, ref.id, ref.version);
      if (!def) throw ApplicationFailure.nonRetryable(`Procedure ${ref.id}@${ref.version} is not published.`, 'PROCEDURE_NOT_FOUND');
      return def;
    },

    async latestProcedureVersion(procedureId: string): Promise<number> {
      const v = await latestPublishedVersion(db, procedureId);
      if (v === undefined) throw ApplicationFailure.nonRetryable(`Procedure ${procedureId} has no published version.`, 'PROCEDURE_NOT_FOUND');
      return v;
    },

    /** A deadline from the calendar in force (its revision is recorded with the result). */
    async computeDeadline(spec: TDeadlineSpec): Promise<TComputedDeadline> {
      return compute(await loadWorkingCalendar(db), spec);
    },

    /** Writes the case, its open tasks, escalations and new audit events (idempotent, monotonic). */
    async projectCaseState(input: { projection: TCaseProjection; audit: TAuditEvent[] }): Promise<void> {
      await applyProjection(db, input.projection, input.audit);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
