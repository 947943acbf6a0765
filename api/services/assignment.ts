/**
 * Who a step of a case may be assigned to (ASSIGN, `POST /api/v1/cases/{caseId}/steps/{stepId}/actions`):
 * an active user of the case's unit who holds one of the roles the step allows in the procedure
 * version the case runs on. Anything else — a made-up id, another unit's user, a deactivated one, a
 * role the step does not take — is refused with 422 ASSIGNEE_NOT_ELIGIBLE before the case's
 * workflow is asked, so nothing is recorded. Whether the caller may assign, and whether the step is
 * open, is still the workflow's to say.
 */
import type { Db } from '../../db/database.js';
import { staffMember } from '../../db/repositories/people.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { AppError } from '../errors.js';

export async function checkAssignee(db: Db, caseRow: { unit_id: string; procedure_id: string; procedure_version: number }, stepId: string, assigneeId: string): Promise<void> {
  const def = await getPublished(db, caseRow.procedure_id, caseRow.procedure_version);
  const step = def?.steps.find((s) => s.id === stepId);
  // No such step in the case's procedure: the workflow answers that (the step is not open).
  if (!step) return;
  const user = await staffMember(db, assigneeId);
  // Another unit's user is reported like a made-up id: their existence is none of this unit's business.
  const reason =
    !user || user.unitId !== caseRow.unit_id
      ? 'is not a user of the case’s unit'
      : !user.active
        ? 'is deactivated'
        : !user.roles.some((r) => step.roles.includes(r))
          ? `holds none of the roles of step ${stepId} (${step.roles.join(', ')})`
          : undefined;
  if (reason) {
    throw new AppError('ASSIGNEE_NOT_ELIGIBLE', `assigneeId: ${assigneeId} ${reason}; a step is assigned to an active user of the case’s unit who holds one of its roles.`, undefined, {
      assigneeId,
      stepRoles: step.roles,
    });
  }
}
