import { describe, expect, it } from 'vitest';
import { caseNumberScope, decideCaseOpening, type TCaseOpener } from './case-opening.js';
import { ANY_CASE_OPENER, canAdminister, canOpenCases, canOpenKind, isUnitWide } from './roles.js';

const lead: TCaseOpener = { id: 'truongdoi.an', roles: ['TEAM_LEAD'], unitId: 'hn', teamId: 'hn-d1' };
const inspector: TCaseOpener = { id: 'ksv.binh', roles: ['INSPECTOR'], unitId: 'hn', teamId: 'hn-d1' };
const director: TCaseOpener = { id: 'chicuctruong.hai', roles: ['DIRECTOR'], unitId: 'hn', teamId: null };

describe('opening a case', () => {
  it('opens for the opener’s own team when none is named', () => {
    expect(decideCaseOpening({ opener: lead, kind: 'INSPECTION', teamUnitId: 'hn' })).toEqual({ teamId: 'hn-d1' });
  });

  it('lets an inspector open a tip, a penalty without a record or a paper file, but not an inspection', () => {
    for (const kind of ['TIP', 'PENALTY_NO_RECORD', 'PAPER_FILE']) expect(decideCaseOpening({ opener: inspector, kind, teamUnitId: 'hn' })).toEqual({ teamId: 'hn-d1' });
    expect(decideCaseOpening({ opener: inspector, kind: 'INSPECTION', teamUnitId: 'hn' })).toEqual({ refusal: { code: 'FORBIDDEN', message: 'Only TEAM_LEAD, DIRECTOR may open a INSPECTION case.' } });
  });

  it('checks the role first, then the business, then the team', () => {
    const noTeam = { ...inspector, teamId: null };
    expect(decideCaseOpening({ opener: noTeam, kind: 'INSPECTION', business: { id: 'b1', found: false } })).toMatchObject({ refusal: { code: 'FORBIDDEN' } });
    expect(decideCaseOpening({ opener: noTeam, kind: 'TIP', business: { id: 'b1', found: false } })).toEqual({
      refusal: {
        code: 'VALIDATION_FAILED',
        message: 'businessId: no business b1 in your unit',
        issue: { path: 'businessId', message: 'no business b1 in your unit', rule: 'unknownBusiness', params: { businessId: 'b1' } },
      },
    });
    expect(decideCaseOpening({ opener: noTeam, kind: 'TIP', business: { id: 'b1', found: true } })).toEqual({
      refusal: { code: 'VALIDATION_FAILED', message: 'teamId: is required for a user without a team', issue: { path: 'teamId', message: 'is required for a user without a team', rule: 'required' } },
    });
  });

  it('refuses a team of another unit, or no such team', () => {
    expect(decideCaseOpening({ opener: director, kind: 'INSPECTION', requestedTeamId: 'hcm-d1', teamUnitId: 'hcm' })).toEqual({
      refusal: {
        code: 'VALIDATION_FAILED',
        message: 'teamId: hcm-d1 is not a team of your unit',
        issue: { path: 'teamId', message: 'hcm-d1 is not a team of your unit', rule: 'unknownTeam', params: { team: 'hcm-d1' } },
      },
    });
    expect(decideCaseOpening({ opener: director, kind: 'INSPECTION', requestedTeamId: 'nope', teamUnitId: undefined })).toMatchObject({ refusal: { code: 'VALIDATION_FAILED' } });
  });

  it('lets only a unit-wide role open a case for another team', () => {
    expect(decideCaseOpening({ opener: lead, kind: 'INSPECTION', requestedTeamId: 'hn-d2', teamUnitId: 'hn' })).toEqual({
      refusal: { code: 'FORBIDDEN', message: 'You may open cases for your own team only.' },
    });
    expect(decideCaseOpening({ opener: director, kind: 'INSPECTION', requestedTeamId: 'hn-d2', teamUnitId: 'hn' })).toEqual({ teamId: 'hn-d2' });
  });

  it('numbers cases per kind, unit and year in Vietnam: 31 December 17:00 UTC is already the next year there', () => {
    expect(caseNumberScope('PENALTY', 'hn', new Date('2026-12-31T16:59:59Z'))).toBe('penalty/hn/2026');
    expect(caseNumberScope('PENALTY', 'hn', new Date('2026-12-31T17:00:00Z'))).toBe('penalty/hn/2027');
    expect(caseNumberScope('PENALTY_NO_RECORD', 'hn', new Date('2026-06-01T00:00:00Z'))).toBe('penalty-nr/hn/2026');
    expect(caseNumberScope('SOMETHING_NEW', 'hn', new Date('2026-06-01T00:00:00Z'))).toBe('case/hn/2026');
  });
});

describe('roles shared by the server and the web app', () => {
  it('answers who opens cases, who sees the whole unit and who administers', () => {
    expect([...ANY_CASE_OPENER].sort()).toEqual(['DIRECTOR', 'INSPECTOR', 'TEAM_LEAD']);
    expect(canOpenCases({ roles: ['LEGAL_OFFICER'] })).toBe(false);
    expect(canOpenKind({ roles: ['INSPECTOR'] }, 'TIP')).toBe(true);
    expect(canOpenKind({ roles: ['INSPECTOR'] }, 'PENALTY')).toBe(false);
    for (const r of ['DIRECTOR', 'LEGAL_OFFICER', 'LEADER_VIEWER', 'ADMIN']) expect(isUnitWide({ roles: [r] })).toBe(true);
    for (const r of ['INSPECTOR', 'TEAM_LEAD', 'SCHEDULER']) expect(isUnitWide({ roles: [r] })).toBe(false);
    expect(canAdminister({ roles: ['ADMIN'] })).toBe(true);
    expect(canAdminister({ roles: ['NATIONAL_ADMIN'] })).toBe(true);
    expect(canAdminister({ roles: ['DIRECTOR'] })).toBe(false);
  });
});
