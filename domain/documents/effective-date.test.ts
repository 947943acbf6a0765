import { describe, expect, it } from 'vitest';
import { effectiveDateIssue, paperDateFailure, templateStates, unstatedValueFailure } from './effective-date.js';
import { DOCUMENT_TEMPLATES, templateFor } from './templates.js';

describe('effectiveDateIssue', () => {
  it('admits today or a later day when no paper is dated on or after it', () => {
    expect(effectiveDateIssue('effectiveFrom', '2026-12-25', '2026-12-25', undefined)).toBeUndefined();
    expect(effectiveDateIssue('effectiveFrom', '2027-01-01', '2026-12-25', '2026-12-31')).toBeUndefined();
  });

  it('refuses a day before today, naming today', () => {
    expect(effectiveDateIssue('validFrom', '2026-12-24', '2026-12-25', undefined)).toMatchObject({ path: 'validFrom', rule: 'notBeforeToday', params: { today: '2026-12-25' } });
  });

  it('admits a day before today only where asked (a template mended for past dates) and no paper it would apply to is dated on or after it', () => {
    expect(effectiveDateIssue('effectiveFrom', '2026-12-01', '2026-12-25', '2026-11-30', { past: true })).toBeUndefined();
    expect(effectiveDateIssue('effectiveFrom', '2026-12-01', '2026-12-25', undefined, { past: true })).toBeUndefined();
    expect(effectiveDateIssue('effectiveFrom', '2026-12-01', '2026-12-25', '2026-12-01', { past: true })).toMatchObject({ rule: 'afterIssuedPaper', params: { date: '2026-12-01' } });
    expect(effectiveDateIssue('effectiveFrom', '2026-12-01', '2026-12-25', '2026-11-30')).toMatchObject({ rule: 'notBeforeToday' });
  });

  it('refuses a day on or before the latest paper it would apply to, naming that paper’s date', () => {
    for (const from of ['2026-12-30', '2026-12-31'])
      expect(effectiveDateIssue('effectiveFrom', from, '2026-12-25', '2026-12-31')).toMatchObject({ path: 'effectiveFrom', rule: 'afterIssuedPaper', params: { date: '2026-12-31' } });
  });
});

describe('paperDateFailure', () => {
  const paper = { type: 'INSPECTION_DECISION', title: { vi: 'Quyết định kiểm tra', en: 'Inspection decision' } };
  const first = { effectiveFrom: '2025-07-01', source: 'Pháp lệnh Quản lý thị trường số 11/2016/UBTVQH14, Điều 18, 21' };
  const field = { key: 'decisionDate', label: { vi: 'Ngày quyết định', en: 'Decision date' } };

  it('refuses a paper dated before the first template in force, at its date field, citing the template’s source', () => {
    expect(paperDateFailure(paper, '2020-03-02', first, field)).toEqual({
      rule: 'NO_TEMPLATE_IN_FORCE',
      field: 'decisionDate',
      message: {
        vi: 'Không có mẫu quyết định kiểm tra nào có hiệu lực vào ngày 02/03/2020: mẫu sớm nhất có hiệu lực từ ngày 01/07/2025, nên INS không phát hành được giấy tờ ghi ngày này. Kiểm tra lại “Ngày quyết định”.',
        en: 'No template of the inspection decision is in force on 02/03/2020: the first is in force from 01/07/2025, so INS cannot issue a paper of that date. Check “Decision date”.',
      },
      legalBasis: first.source,
    });
    expect(paperDateFailure(paper, '2025-06-30', first, field)?.rule).toBe('NO_TEMPLATE_IN_FORCE');
  });

  it('accepts the first day in force and later; says a type with no template at all is the administrator’s to mend', () => {
    expect(paperDateFailure(paper, '2025-07-01', first, field)).toBeUndefined();
    expect(paperDateFailure(paper, '2026-12-06', first, undefined)).toBeUndefined();
    const none = paperDateFailure(paper, '2026-12-06', undefined, undefined);
    expect([none?.rule, none?.field, none?.message.vi]).toEqual(['NO_TEMPLATE_IN_FORCE', undefined, expect.stringContaining('Báo quản trị hệ thống')]);
  });
});

describe('templateStates and unstatedValueFailure (docs/adr/0219)', () => {
  it('knows which shipped version of the sanction decision prints the time to comply it gives', () => {
    const v3 = DOCUMENT_TEMPLATES.find((t) => t.type === 'SANCTION_DECISION' && t.version === 3);
    const v5 = DOCUMENT_TEMPLATES.find((t) => t.type === 'SANCTION_DECISION' && t.version === 5);
    expect(templateStates(v3, 'B6', 'complianceDays')).toBe(false);
    expect(templateStates(v5, 'B6', 'complianceDays')).toBe(true);
    // Another step's field of the same name is another value.
    expect(templateStates(v5, 'F5', 'complianceDays')).toBe(false);
    expect(templateStates(undefined, 'B6', 'complianceDays')).toBe(false);
    // The version in force on each side of the day version 5 takes effect.
    expect(templateStates(templateFor('SANCTION_DECISION', '2026-12-07'), 'B6', 'complianceDays')).toBe(false);
    expect(templateStates(templateFor('SANCTION_DECISION', '2026-12-08'), 'B6', 'complianceDays')).toBe(true);
  });

  it('refuses at the field, citing the form, and says from which day a template prints it', () => {
    const field = { key: 'complianceDays', label: { vi: 'Thời hạn chấp hành', en: 'Time to comply' } };
    const f = unstatedValueFailure({ title: { vi: 'Quyết định xử phạt', en: 'Sanction decision' } }, '2026-12-07', field, 'Mẫu MQĐ02', 'decisionDate', '2026-12-08');
    expect(f).toMatchObject({ rule: 'PAPER_CANNOT_STATE', field: 'complianceDays', legalBasis: 'Mẫu MQĐ02' });
    expect(f.message.vi).toContain('Mẫu quyết định xử phạt áp dụng vào ngày 07/12/2026 không ghi được “Thời hạn chấp hành” (mẫu ghi được áp dụng từ ngày 08/12/2026)');
    expect(f.message.vi).toContain('kiểm tra lại ngày của giấy tờ');
    const none = unstatedValueFailure({ title: { vi: 'Quyết định xử phạt', en: 'Sanction decision' } }, '2026-12-07', field, 'Mẫu MQĐ02', undefined, undefined);
    expect(none.message.vi).toContain('chưa có mẫu nào ghi được');
    expect(none.message.vi).not.toContain('ngày của giấy tờ');
  });
});
