/**
 * Moving a running case to another version of its procedure: what would change, and whether it
 * can be done (every open step must exist in the target version).
 */
import { canonicalJson } from './audit.js';
import type { TCaseState } from './engine.js';
import type { TProcedureDefinition } from './procedure.js';

export interface TMigrationPlan {
  procedureId: string;
  from: number;
  to: number;
  canApply: boolean;
  /** Why it cannot be applied. */
  blockers: string[];
  /** Human-readable list of what changes for this case. */
  changes: string[];
  openSteps: { stepId: string; existsInTarget: boolean; rolesChanged: boolean; formChanged: boolean; deadlineChanged: boolean; outcomesChanged: boolean }[];
  addedSteps: string[];
  removedSteps: string[];
}

export function planMigration(from: TProcedureDefinition, to: TProcedureDefinition, state: Pick<TCaseState, 'open' | 'status'>): TMigrationPlan {
  const blockers: string[] = [];
  const changes: string[] = [];
  if (from.id !== to.id) blockers.push(`Version ${to.version} belongs to procedure ${to.id}, not ${from.id}.`);
  if (state.status === 'CLOSED') blockers.push('The case is closed.');
  const fromIds = new Set(from.steps.map((s) => s.id));
  const toIds = new Set(to.steps.map((s) => s.id));
  const openSteps = state.open.map((o) => {
    const a = from.steps.find((s) => s.id === o.stepId);
    const b = to.steps.find((s) => s.id === o.stepId);
    if (!b) {
      blockers.push(`Open step ${o.stepId} does not exist in version ${to.version}.`);
      return { stepId: o.stepId, existsInTarget: false, rolesChanged: false, formChanged: false, deadlineChanged: false, outcomesChanged: false };
    }
    const same = (x: unknown, y: unknown): boolean => canonicalJson(x) === canonicalJson(y);
    const r = {
      stepId: o.stepId,
      existsInTarget: true,
      rolesChanged: !same(a?.roles, b.roles),
      formChanged: !same(a?.form, b.form),
      deadlineChanged: !same(a?.deadline, b.deadline),
      outcomesChanged: !same(a?.outcomes, b.outcomes),
    };
    if (r.rolesChanged) changes.push(`Step ${o.stepId}: now completed by ${b.roles.join(', ')}.`);
    if (r.formChanged) changes.push(`Step ${o.stepId}: its form changes.`);
    if (r.deadlineChanged) changes.push(`Step ${o.stepId}: its deadline rule changes and will be recomputed.`);
    if (r.outcomesChanged) changes.push(`Step ${o.stepId}: its outcomes change (${b.outcomes.map((x) => x.id).join(', ')}).`);
    return r;
  });
  const addedSteps = [...toIds].filter((id) => !fromIds.has(id));
  const removedSteps = [...fromIds].filter((id) => !toIds.has(id));
  if (addedSteps.length) changes.push(`New steps: ${addedSteps.join(', ')}.`);
  if (removedSteps.length) changes.push(`Removed steps: ${removedSteps.join(', ')}.`);
  return { procedureId: from.id, from: from.version, to: to.version, canApply: blockers.length === 0, blockers, changes, openSteps, addedSteps, removedSteps };
}
