import { describe, expect, it } from 'vitest';
import { riskScore } from './campaign.js';
import { riskReasonOf, riskReasonText, type TRiskReason } from './risk-reasons.js';

describe('risk reasons', () => {
  it('read back every sentence riskScore writes, as the data it was written from', () => {
    const reasons: Array<Exclude<TRiskReason, { code: 'TEXT' }>> = [
      { code: 'PRIOR_VIOLATIONS', count: 2, points: 6 },
      { code: 'OPEN_TIPS', count: 1, points: 2 },
      { code: 'NEVER_INSPECTED', points: 2 },
      { code: 'MONTHS_SINCE_INSPECTION', months: 30, points: 2 },
    ];
    for (const r of reasons) expect(riskReasonOf(riskReasonText(r))).toEqual(r);
    const facts = {
      businessId: 'b',
      taxCode: '2700123456',
      name: 'Cửa hàng Minh Khai',
      status: 'ACTIVE' as const,
      sector: null,
      productGroups: [],
      area: { code: null, name: null },
      marketId: null,
      priorViolations: 2,
      lastInspectedOn: '2024-05-01',
      openTips: 1,
      plannedInspectionsThisYear: 0,
      conflictUserIds: [],
    };
    const scored = riskScore(facts, '2026-12-07');
    expect(scored.reasons.map(riskReasonOf).map((r) => r.code)).toEqual(['PRIOR_VIOLATIONS', 'OPEN_TIPS', 'MONTHS_SINCE_INSPECTION']);
    expect(scored.reasons).toEqual(['2 vi phạm trong 3 năm (+6)', '1 tin báo đang xử lý (+2)', '31 tháng chưa kiểm tra (+2)']);
  });

  it('keep a sentence of no known form as written', () => {
    expect(riskReasonOf('ưu tiên theo chỉ đạo của Sở')).toEqual({ code: 'TEXT', text: 'ưu tiên theo chỉ đạo của Sở' });
  });
});
