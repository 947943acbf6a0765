/**
 * Compares the read model of a case with the workflow's own view of it (the Query). Used by tests
 * after every scenario and by operators to check PostgreSQL against Temporal.
 */
import { isPaused, type TCaseState } from '../../domain/engine.js';
import type { Db } from '../database.js';
import { auditEvents, getCaseRow, listEscalations, listTasks } from './cases.js';
import { verifyChain } from '../../domain/audit.js';

export interface TReadModelDifference {
  what: string;
  workflow: unknown;
  readModel: unknown;
}

type TViewState = Omit<TCaseState, 'pendingAudit' | 'processed' | 'legalParams'>;

const iso = (d: Date | string | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

export async function checkReadModel(db: Db, state: TViewState): Promise<TReadModelDifference[]> {
  const diffs: TReadModelDifference[] = [];
  const same = (what: string, workflow: unknown, readModel: unknown): void => {
    if (JSON.stringify(workflow) !== JSON.stringify(readModel)) diffs.push({ what, workflow, readModel });
  };
  const row = await getCaseRow(db, state.caseId);
  if (!row) return [{ what: 'case row', workflow: state.caseId, readModel: undefined }];
  same('status', state.status, row.status);
  same(
    'overdue',
    state.open.some((o) => o.deadline?.breached),
    row.overdue,
  );
  same('procedure', `${state.procedure.id}@${state.procedure.version}`, `${row.procedure_id}@${row.procedure_version}`);
  same('state seq', state.seq, row.state_seq);
  same('current steps', state.open.map((o) => o.stepId).sort(), [...row.current_steps].sort());
  same('close outcome', state.closeOutcome ?? null, row.close_outcome);
  same('business', state.businessId ?? null, row.business_id);
  same('campaign', state.campaign ? `${state.campaign.campaignId}/${state.campaign.period}` : null, row.campaign_id === null ? null : `${row.campaign_id}/${row.campaign_period}`);

  const tasks = await listTasks(db, { caseId: state.caseId });
  const wfTasks = state.open
    .map((o) => ({ step: o.stepId, assignee: o.assigneeId ?? null, dueAt: o.deadline?.dueAt ?? null, overdue: !!o.deadline?.breached, paused: isPaused(o) }))
    .sort((a, b) => a.step.localeCompare(b.step));
  const rmTasks = tasks.map((t) => ({ step: t.step_id, assignee: t.assignee_id, dueAt: iso(t.due_at) ?? null, overdue: t.overdue, paused: t.paused })).sort((a, b) => a.step.localeCompare(b.step));
  same('tasks', wfTasks, rmTasks);

  const escalations = await listEscalations(db, { caseId: state.caseId });
  same(
    'escalations',
    state.escalations.map((e) => `${e.id}:${e.toRole}:${e.resolvedAt ? 'resolved' : 'open'}`).sort(),
    escalations.map((e) => `${e.id}:${e.to_role}:${e.resolved_at ? 'resolved' : 'open'}`).sort(),
  );

  const audit = await auditEvents(db, state.caseId);
  same('audit events', state.seq, audit.length);
  same('audit head', state.lastHash, audit.at(-1)?.hash);
  const broken = verifyChain(audit);
  if (broken) diffs.push({ what: 'audit chain', workflow: 'intact', readModel: broken });
  return diffs;
}
