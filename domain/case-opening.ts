/**
 * The rules of opening a case (mở hồ sơ vụ việc), as a pure function of what the service read:
 * who may open a case of the procedure's kind, which team it belongs to, and the numbering scope
 * of its id (`<prefix>/<unit>/<year>/<seq>`, the year in Vietnam's time).
 */
import { caseOpenersOf, isUnitWide } from './roles.js';
import { issueOf, type TIssueParams, type TIssueRule, type TValidationIssue } from './validation-issues.js';
import { vnYearOf } from './vn-time.js';

/** The first part of a case id, by procedure kind. */
const CASE_ID_PREFIX: Readonly<Record<string, string>> = {
  INSPECTION: 'inspection',
  PENALTY: 'penalty',
  PENALTY_NO_RECORD: 'penalty-nr',
  SEIZURE: 'seizure',
  ENFORCEMENT: 'enforcement',
  CRIMINAL_REFERRAL: 'referral',
  TIP: 'tip',
  PAPER_FILE: 'paper',
  TEST: 'test',
};

/** Who opens the case. */
export interface TCaseOpener {
  id: string;
  roles: readonly string[];
  unitId: string;
  teamId: string | null;
}

/** What the service read for one request to open a case. */
export interface TCaseOpeningFacts {
  opener: TCaseOpener;
  /** The procedure's kind. */
  kind: string;
  /** The team asked for in the request, if any. */
  requestedTeamId?: string | undefined;
  /** The unit of the team the case would belong to (undefined: no such team). */
  teamUnitId?: string | undefined;
  /** The business asked for, and whether the opener's unit has it. */
  business?: { id: string; found: boolean } | undefined;
}

/** Why a case may not be opened: an error code of the API's envelope and the message (and, naming a field, the issue). */
export interface TCaseOpeningRefusal {
  code: 'FORBIDDEN' | 'VALIDATION_FAILED';
  message: string;
  issue?: TValidationIssue;
}

/** The team a case is opened for: the one asked for, else the opener's own (undefined: none). */
export function openingTeamId(opener: Pick<TCaseOpener, 'teamId'>, requestedTeamId?: string): string | undefined {
  return requestedTeamId ?? opener.teamId ?? undefined;
}

/**
 * The team the case is opened for, or why it may not be opened, checked in this order: the
 * opener's role for the kind; the business is one of the unit's; a team is named (a user without a
 * team must name one) and is one of the unit's; only a unit-wide role opens cases for another team
 * than its own.
 */
export function decideCaseOpening(f: TCaseOpeningFacts): { teamId: string } | { refusal: TCaseOpeningRefusal } {
  const refuse = (code: TCaseOpeningRefusal['code'], message: string) => ({ refusal: { code, message } });
  const invalid = (path: string, message: string, rule: TIssueRule, params?: TIssueParams) => ({
    refusal: { code: 'VALIDATION_FAILED' as const, message: `${path}: ${message}`, issue: issueOf(path, message, rule, params) },
  });
  const openers = caseOpenersOf(f.kind);
  if (!f.opener.roles.some((r) => openers.includes(r))) return refuse('FORBIDDEN', `Only ${openers.join(', ')} may open a ${f.kind} case.`);
  if (f.business && !f.business.found) return invalid('businessId', `no business ${f.business.id} in your unit`, 'unknownBusiness', { businessId: f.business.id });
  const teamId = openingTeamId(f.opener, f.requestedTeamId);
  if (!teamId) return invalid('teamId', 'is required for a user without a team', 'required');
  if (f.teamUnitId !== f.opener.unitId) return invalid('teamId', `${teamId} is not a team of your unit`, 'unknownTeam', { team: teamId });
  if (!isUnitWide(f.opener) && teamId !== f.opener.teamId) return refuse('FORBIDDEN', 'You may open cases for your own team only.');
  return { teamId };
}

/** The numbering scope of a case of `kind` opened at `now`: `<prefix>/<unit>/<year in Vietnam>`. */
export function caseNumberScope(kind: string, unitId: string, now: Date): string {
  return `${CASE_ID_PREFIX[kind] ?? 'case'}/${unitId}/${vnYearOf(now)}`;
}
