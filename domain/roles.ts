/**
 * Who may do what, by role, where both the server (which decides) and the web app (which offers
 * only what will be allowed) need the same answer. Pure: bundled into the web app.
 */
import { isNationalAdmin } from './tenancy.js';

/** Anyone holding roles. */
export interface THasRoles {
  roles: readonly string[];
}

/** Staff roles of INS. `SYSTEM` is the workflow itself (automatic steps, timers). */
export const STAFF_ROLES = ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'ADMIN', 'SCHEDULER', 'LEADER_VIEWER', 'SYSTEM'] as const;

const holdsAny = (who: THasRoles, roles: readonly string[]): boolean => who.roles.some((r) => roles.includes(r));

/** Roles that see every case of their unit; the others see their team's only. */
const UNIT_WIDE_ROLES = ['DIRECTOR', 'LEGAL_OFFICER', 'LEADER_VIEWER', 'ADMIN'];

/** Who reads campaigns, their runs and reports: planning and the unit's leadership. */
export const CAMPAIGN_READERS = ['SCHEDULER', 'DIRECTOR', 'LEADER_VIEWER'] as const;
/** Who drafts and submits campaign versions. */
export const CAMPAIGN_PLANNERS = ['SCHEDULER'] as const;
/** Who approves or rejects a submitted campaign version, and ends a campaign. */
export const CAMPAIGN_APPROVERS = ['DIRECTOR'] as const;
/**
 * Who withdraws a submitted version back to draft: any scheduler of the unit, not only the one who
 * submitted it (planning is one desk; the submitter may be away when a fix is due). Withdrawing
 * decides nothing, and who withdrew is kept on the version and in the request audit.
 */
export const CAMPAIGN_WITHDRAWERS = [...CAMPAIGN_PLANNERS] as const;
/** Who operates a campaign's schedule (pause, resume, trigger, backfill) and previews runs. */
export const CAMPAIGN_OPERATORS = ['SCHEDULER', 'DIRECTOR'] as const;

/** Who may change the business registry: the unit's leadership and team leads (and its administrator). */
export const REGISTRY_WRITERS = ['ADMIN', 'DIRECTOR', 'TEAM_LEAD'] as const;

/** The roles that supervise a team's work, lowest first: they reassign, escalate by hand and act for a team. */
export const SUPERVISOR_ROLES = ['TEAM_LEAD', 'DIRECTOR'] as const;

/**
 * Who marks an escalation handled (đã xử lý): the role it is addressed to, or a supervisor above
 * that role — a team lead or the director for what goes to an inspector or a legal officer, the
 * director for what goes to a team lead, and the director alone for what goes to the director (a
 * team lead does not close what was raised above them).
 */
export function escalationResolvers(toRole: string): string[] {
  return [toRole, ...SUPERVISOR_ROLES.slice(SUPERVISOR_ROLES.indexOf(toRole as (typeof SUPERVISOR_ROLES)[number]) + 1)];
}

/** Who uses the supervisor console. */
export const CONSOLE_ROLES = ['TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'LEADER_VIEWER'];

/** Who may open a case of a kind that names its openers; any other kind: {@link DEFAULT_CASE_OPENERS}. */
const CASE_OPENERS: Readonly<Record<string, readonly string[]>> = {
  TIP: ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'],
  PENALTY_NO_RECORD: ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'],
  PAPER_FILE: ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'],
};
const DEFAULT_CASE_OPENERS: readonly string[] = ['TEAM_LEAD', 'DIRECTOR'];
/** Who may open a case of some kind. */
export const ANY_CASE_OPENER: readonly string[] = [...new Set([...DEFAULT_CASE_OPENERS, ...Object.values(CASE_OPENERS).flat()])];

/** The roles that open a case of `kind`. */
export function caseOpenersOf(kind: string): readonly string[] {
  return CASE_OPENERS[kind] ?? DEFAULT_CASE_OPENERS;
}

export function canOpenKind(who: THasRoles, kind: string): boolean {
  return holdsAny(who, caseOpenersOf(kind));
}

export function canOpenCases(who: THasRoles): boolean {
  return holdsAny(who, ANY_CASE_OPENER);
}

/** Whether `who` sees every case of the unit, not only the team's. */
export function isUnitWide(who: THasRoles): boolean {
  return holdsAny(who, UNIT_WIDE_ROLES);
}

/** Who sees the admin area: a unit's administrator (its own configuration, users and teams) or a national one. */
export function canAdminister(who: THasRoles): boolean {
  return who.roles.includes('ADMIN') || isNationalAdmin(who.roles);
}

/** Who reads the unit's statistics (LEADER_VIEWER and above); a team lead sees their own team's. */
export const STATISTICS_READERS = ['LEADER_VIEWER', 'DIRECTOR', 'TEAM_LEAD'] as const;
/** Who locks a reported period: the head of the unit, who signs the report. */
export const STATISTICS_LOCKERS = ['DIRECTOR'] as const;
