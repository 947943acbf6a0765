/** Who may do what, mirrored from the server for what the interface offers; the server decides. */
import { NATIONAL_ADMIN } from '../../../domain/tenancy.js';
import type { TUser } from './contract/types.js';

/** Kinds of case an inspector may open too (api/routes/cases.ts OPENERS). */
const OPENED_BY_INSPECTORS = ['TIP', 'PENALTY_NO_RECORD', 'PAPER_FILE'];

export function canOpenKind(user: TUser, kind: string): boolean {
  const roles = OPENED_BY_INSPECTORS.includes(kind) ? ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'] : ['TEAM_LEAD', 'DIRECTOR'];
  return user.roles.some((r) => roles.includes(r));
}

export function canOpenCases(user: TUser): boolean {
  return user.roles.some((r) => ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR'].includes(r));
}

/** Roles that see every case of their unit (api/auth.ts UNIT_WIDE_ROLES). */
export function isUnitWide(user: TUser): boolean {
  return user.roles.some((r) => ['DIRECTOR', 'LEGAL_OFFICER', 'LEADER_VIEWER', 'ADMIN'].includes(r));
}

/** A national administrator: changes the national configuration (docs/adr/0040). */
export function isNationalAdmin(user: TUser): boolean {
  return user.roles.includes(NATIONAL_ADMIN);
}

/** Who sees the admin area: a unit's administrator (its own configuration, users and teams) or a national one. */
export function canAdminister(user: TUser): boolean {
  return user.roles.includes('ADMIN') || isNationalAdmin(user);
}
