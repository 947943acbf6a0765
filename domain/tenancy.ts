/**
 * Two levels of configuration (docs/adr/0040-tenancy-national-and-unit-configuration.md).
 *
 * - **National** — the holiday calendar, the violation catalogue, the legal parameters and the
 *   national procedures — is the same for every unit and edited only by a national administrator
 *   (`NATIONAL_ADMIN`, held by staff of the national department only). Every unit reads it.
 * - **A unit's own** — its procedure variants, its teams, its business registry — is seen and
 *   changed by that unit only (its ADMIN; the registry also by its directors and team leads).
 *
 * Pure: used by the API and bundled into the web app.
 */

/** The role that edits national configuration; held only by staff of the national unit. */
export const NATIONAL_ADMIN = 'NATIONAL_ADMIN';

/** The national department's unit (created by the migration `2026-12-04T00-00_tenancy`). */
export const NATIONAL_UNIT = { id: 'tw', name: 'Cục Quản lý và Phát triển thị trường trong nước', province: 'Toàn quốc' } as const;

/** Why a write was refused: the reason in a 403's `details.reason`. */
export const TENANCY_REASONS = {
  /** National configuration, changed only by NATIONAL_ADMIN. */
  NATIONAL_CONFIGURATION: 'NATIONAL_CONFIGURATION',
  /** Another unit's own procedure (or a procedure id of another unit's prefix). */
  OTHER_UNIT: 'OTHER_UNIT',
  /** Another unit's own configuration (its agency lines): only that unit's admins change it. */
  OTHER_UNIT_CONFIGURATION: 'OTHER_UNIT_CONFIGURATION',
} as const;

/** What the national configuration is, as named in refusals. */
export const NATIONAL_CONFIGURATION = {
  CALENDAR: 'The holiday calendar',
  VIOLATIONS: 'The violation catalogue',
  LEGAL_PARAMETERS: 'The legal parameters',
  PROCEDURES: 'A national procedure',
  DOCUMENT_TEMPLATES: 'The templates of the papers',
} as const;
export type TNationalConfiguration = keyof typeof NATIONAL_CONFIGURATION;

export function isNationalAdmin(roles: readonly string[]): boolean {
  return roles.includes(NATIONAL_ADMIN);
}

/**
 * The unit a procedure id names by its prefix (`nb` for `nb.ins-penalty`), or undefined for an id
 * without a dot. A new procedure with a dot belongs to that unit; a new one without is national.
 * (Procedures that existed before the tenancy model are national whatever their id: the
 * `procedure` table says whose each one is.)
 */
export function procedureIdUnit(procedureId: string): string | undefined {
  const dot = procedureId.indexOf('.');
  return dot > 0 ? procedureId.slice(0, dot) : undefined;
}

/** Procedure ids: a letter, then letters, digits, _ ' . - (at most 40), as `domain/procedure.ts` has them. */
const PROCEDURE_ID = /^[A-Za-z][A-Za-z0-9_'.-]{0,39}$/;

/** The id a unit's variant of a national procedure is given by default: `<unit>.<national id>`, within 40 characters. */
export function variantProcedureId(unitId: string, nationalId: string): string {
  const id = `${unitId}.${nationalId}`.slice(0, 40);
  return PROCEDURE_ID.test(id) ? id : `${unitId}.variant`.slice(0, 40);
}

/**
 * Who edits a unit's public site (docs/adr/0137): an ADMIN of a provincial unit, or at the national
 * department its NATIONAL_ADMIN (the department's ADMIN manages its accounts only). Each edits their
 * own unit's pages. The API's access check and the staff app's menu both ask this.
 */
export function canEditUnitSite(who: { unitId: string; roles: readonly string[] }): boolean {
  return who.unitId === NATIONAL_UNIT.id ? isNationalAdmin(who.roles) : who.roles.includes('ADMIN');
}
