/**
 * Who a step of a case may be assigned to (ASSIGN, `POST /api/v1/cases/{caseId}/steps/{stepId}/actions`):
 * an active user of the case's unit who holds one of the roles the step allows in the procedure
 * version the case runs on. Anything else — a made-up id, another unit's user, a deactivated one, a
 * role the step does not take — is refused with 422 ASSIGNEE_NOT_ELIGIBLE before the case's
 * workflow is asked, so nothing is recorded. Whether the caller may assign, and whether the step is
 * open, is still the workflow's to say.
 */
import { CASE_ASSIGNEE_ROLE } from '../../domain/engine.js';
import type { Db } from '../../db/database.js';
import { staffMember } from '../../db/repositories/people.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { AppError } from '../errors.js';

export async function checkAssignee(db: Db, caseRow: { unit_id: string; procedure_id: string; procedure_version: number }, stepId: string, assigneeId: string): Promise<void> {
  const def = await getPublished(db, caseRow.procedure_id, caseRow.procedure_version);
  const step = def?.steps.find((s) => s.id === stepId);
  // No such step in the case's procedure: the workflow answers that (the step is not open).
  if (!step) return;
  await checkEligible(db, caseRow, step.roles, assigneeId, `step ${stepId}`, 'a step is assigned to an active user of the case’s unit who holds one of its roles.');
}

/**
 * Who a whole case may be given to (ASSIGN_CASE, `POST /api/v1/cases/{caseId}/assignee`): an active
 * inspector of the case's unit — the case's assignee takes its inspector steps as they open.
 */
export async function checkCaseAssignee(db: Db, caseRow: { unit_id: string }, assigneeId: string): Promise<void> {
  await checkEligible(db, caseRow, [CASE_ASSIGNEE_ROLE], assigneeId, 'the case', 'a case is assigned to an active inspector of its unit.');
}

async function checkEligible(db: Db, caseRow: { unit_id: string }, roles: readonly string[], assigneeId: string, what: string, rule: string): Promise<void> {
  const user = await staffMember(db, assigneeId);
  // Another unit's user is reported like a made-up id: their existence is none of this unit's business.
  const reason =
    !user || user.unitId !== caseRow.unit_id
      ? 'is not a user of the case’s unit'
      : !user.active
        ? 'is deactivated'
        : !user.roles.some((r) => roles.includes(r))
          ? `holds none of the roles of ${what} (${roles.join(', ')})`
          : undefined;
  if (reason) throw new AppError('ASSIGNEE_NOT_ELIGIBLE', `assigneeId: ${assigneeId} ${reason}; ${rule}`, undefined, { assigneeId, stepRoles: [...roles] });
}
