import { describe, expect, it } from 'vitest';
import { effectiveDateIssue } from './effective-date.js';

describe('effectiveDateIssue', () => {
  it('admits today or a later day when no paper is dated on or after it', () => {
    expect(effectiveDateIssue('effectiveFrom', '2026-12-25', '2026-12-25', undefined)).toBeUndefined();
    expect(effectiveDateIssue('effectiveFrom', '2027-01-01', '2026-12-25', '2026-12-31')).toBeUndefined();
  });

  it('refuses a day before today, naming today', () => {
    expect(effectiveDateIssue('validFrom', '2026-12-24', '2026-12-25', undefined)).toMatchObject({ path: 'validFrom', rule: 'notBeforeToday', params: { today: '2026-12-25' } });
  });

  it('refuses a day on or before the latest paper it would apply to, naming that paper’s date', () => {
    for (const from of ['2026-12-30', '2026-12-31'])
      expect(effectiveDateIssue('effectiveFrom', from, '2026-12-25', '2026-12-31')).toMatchObject({ path: 'effectiveFrom', rule: 'afterIssuedPaper', params: { date: '2026-12-31' } });
  });
});
