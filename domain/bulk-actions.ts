/**
 * Bulk actions over cases (issue 15): one officer action sent to each case of a selection or a
 * filter, each case's workflow judging it as if it had been sent alone. Who may start which bulk
 * action is one rule here, read by the API (which decides) and the web app (which offers only what
 * will be allowed). Pure: bundled into the web app.
 */
import { SUPERVISOR_ROLES, type THasRoles } from './roles.js';

/** The bulk actions, each one officer action per case (or per open step of a case). */
export const BULK_ACTIONS = ['REASSIGN', 'ADD_NOTE', 'REQUEST_EXTENSION', 'MIGRATE_VERSION'] as const;
export type TBulkAction = (typeof BULK_ACTIONS)[number];

/**
 * Who may start each bulk action. REASSIGN is a supervisor's (the workflow's ASSIGN takes a team
 * lead or director; a lead sees only the team's cases); MIGRATE_VERSION an administrator's. A note
 * and an extension request may be asked by any staff member: whether they may in a given case is
 * the workflow's to say, case by case.
 */
const BULK_ACTION_ROLES: Readonly<Record<TBulkAction, readonly string[] | 'staff'>> = {
  REASSIGN: SUPERVISOR_ROLES,
  ADD_NOTE: 'staff',
  REQUEST_EXTENSION: 'staff',
  MIGRATE_VERSION: ['ADMIN'],
};

/** The roles that may start `action`, or undefined when every staff member may. */
export function bulkActionRoles(action: TBulkAction): readonly string[] | undefined {
  const r = BULK_ACTION_ROLES[action];
  return r === 'staff' ? undefined : r;
}

/** Whether `who` may start `action`. */
export function mayRunBulk(who: THasRoles, action: TBulkAction): boolean {
  const roles = bulkActionRoles(action);
  return who.roles.length > 0 && (!roles || who.roles.some((r) => roles.includes(r)));
}

/** The bulk actions `who` may start. */
export function bulkActionsFor(who: THasRoles): TBulkAction[] {
  return BULK_ACTIONS.filter((a) => mayRunBulk(who, a));
}

/** The most cases one bulk action takes: a larger filter is refused, to be narrowed. */
export const MAX_BULK_CASES = 200;

/** What became of one case (or one step of it) in a bulk action. */
export const BULK_RESULTS = ['OK', 'REFUSED', 'SKIPPED', 'ERROR', 'PENDING'] as const;
export type TBulkResult = (typeof BULK_RESULTS)[number];

/** Whether a result is final: PENDING and ERROR items are sent (again) when the same request comes again. */
export function isFinal(result: TBulkResult): boolean {
  return result === 'OK' || result === 'REFUSED' || result === 'SKIPPED';
}
