import { describe, expect, it } from 'vitest';
import { disclosureOf, minimiseName, type TCompletedFacts } from './disclosure.js';

const act = { code: 'ND98/2020:17.1.c', decree: 'Nghị định 98/2020/NĐ-CP', article: 17, clause: 1, point: 'c', descriptionVi: 'Kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ' };
const record = (offenderType: string, violatorName: string): TCompletedFacts => ({
  stepId: 'B1',
  outcome: 'RECORDED',
  data: {
    violatorName,
    offenderType,
    violationDate: '2026-12-01',
    violationPlace: 'Số 5 phố Tràng An, phường Hoa Lư',
    acts: [{ violation: act, description: 'MÔ TẢ RIÊNG của kiểm soát viên' }],
    statements: 'lời khai',
  },
});
const decision = (data: Record<string, unknown> = {}): TCompletedFacts => ({
  stepId: 'B6',
  outcome: 'DECIDED',
  data: { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-12-03', signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 400_000, ...data },
});
const party = { taxCode: '2700123459', province: 'Ninh Bình' };

describe('minimising an individual’s name', () => {
  it('keeps the initials, as the press does', () => {
    expect(minimiseName('Nguyễn Văn An')).toBe('N.V.A.');
    expect(minimiseName('  đặng   thị  (bé) Ánh ')).toBe('Đ.T.B.Á.');
    expect(minimiseName('')).toBe('—');
  });
});

describe('what of a case is disclosed', () => {
  it('publishes an organisation by its name and tax code, with the catalogue’s wording of the act, never the officer’s', () => {
    const s = disclosureOf([record('ORGANIZATION', 'Công ty TNHH Hoa Lư'), decision()], party);
    expect(s).toEqual({
      kind: 'LISTED',
      disclosure: {
        offenderType: 'ORGANIZATION',
        partyName: 'Công ty TNHH Hoa Lư',
        taxCode: '2700123459',
        province: 'Ninh Bình',
        violationDate: '2026-12-01',
        acts: [{ code: 'ND98/2020:17.1.c', text: act.descriptionVi, provision: 'Điểm c khoản 1 Điều 17 Nghị định 98/2020/NĐ-CP' }],
        sanction: 'FINE',
        fineAmount: 400_000,
        decisionNo: '15/QĐ-XPHC',
        decisionDate: '2026-12-03',
      },
    });
    expect(JSON.stringify(s)).not.toContain('MÔ TẢ RIÊNG');
    expect(JSON.stringify(s)).not.toContain('Tràng An');
  });

  it('minimises an individual: initials, no tax code, no address finer than the province', () => {
    const s = disclosureOf([record('INDIVIDUAL', 'Trần Thị Bích'), decision({ sanction: 'WARNING', fineAmount: 0 })], party);
    expect(s.kind).toBe('LISTED');
    if (s.kind === 'NONE') return;
    expect(s.disclosure).toMatchObject({ offenderType: 'INDIVIDUAL', partyName: 'T.T.B.', province: 'Ninh Bình', sanction: 'WARNING' });
    expect(s.disclosure.taxCode).toBeUndefined();
    expect(s.disclosure.fineAmount).toBeUndefined();
    expect(JSON.stringify(s)).not.toMatch(/Trần|Bích|Tràng An/);
  });

  it('publishes the acts the decision sanctioned: not one whose limitation period ended before its date (Art. 6, 65(1)(b))', () => {
    const oneYear = { code: 'ND99/2020:5.1', decree: 'Nghị định 99/2020/NĐ-CP', article: 5, clause: 1, descriptionVi: 'Hành vi có thời hiệu 01 năm', limitationYears: 1 };
    const twoYears = { ...act, limitationYears: 2 };
    const rec = record('ORGANIZATION', 'Công ty TNHH Hoa Lư');
    const both = { ...rec, data: { ...rec.data, violationDate: '2025-12-02', acts: [{ violation: oneYear }, { violation: twoYears }] } };
    const published = (decisionDate: string) => {
      const s = disclosureOf([both, decision({ decisionDate })], party);
      return s.kind === 'LISTED' ? s.disclosure.acts.map((a) => a.code) : [];
    };
    expect(published('2026-12-02')).toEqual(['ND99/2020:5.1', 'ND98/2020:17.1.c']);
    expect(published('2026-12-03')).toEqual(['ND98/2020:17.1.c']);
  });

  it('publishes nothing before the decision, nor a decision without a sanction (Art. 65: measures only)', () => {
    expect(disclosureOf([record('ORGANIZATION', 'X')], party)).toEqual({ kind: 'NONE' });
    expect(disclosureOf([record('ORGANIZATION', 'X'), { ...decision({ sanction: 'NONE', fineAmount: 0 }), outcome: 'MEASURES_ONLY' }], party)).toEqual({ kind: 'NONE' });
  });

  it('withdraws a decision set aside by a later step (Art. 62(2)), and lists the new one decided after the file came back', () => {
    const setAside: TCompletedFacts = { stepId: 'B62', outcome: 'SUSPENDED', data: { suspensionNo: '2/QĐ-TĐC' } };
    const withdrawn = disclosureOf([record('ORGANIZATION', 'Công ty X'), decision(), { stepId: 'B8', outcome: 'DELIVERED', data: {} }, setAside], party);
    expect(withdrawn).toMatchObject({ kind: 'WITHDRAWN', reason: 'DECISION_SET_ASIDE', disclosure: { decisionNo: '15/QĐ-XPHC' } });
    const again = disclosureOf([record('ORGANIZATION', 'Công ty X'), decision(), setAside, { stepId: 'BF', outcome: 'RETURNED_TO_CASE', data: {} }, decision({ decisionNo: '20/QĐ-XPHC' })], party);
    expect(again).toMatchObject({ kind: 'LISTED', disclosure: { decisionNo: '20/QĐ-XPHC' } });
  });

  it('reads the on-the-spot decision, which names the violator and the act itself (N1)', () => {
    const n1: TCompletedFacts = {
      stepId: 'N1',
      outcome: 'WARNED',
      data: { decisionNo: '3/QĐ-XPKLBB', decisionDate: '2026-12-02', violatorName: 'Lê Văn Cường', offenderType: 'INDIVIDUAL', sanction: 'WARNING', violation: act },
    };
    expect(disclosureOf([n1], { province: 'Thanh Hóa' })).toMatchObject({
      kind: 'LISTED',
      disclosure: { partyName: 'L.V.C.', sanction: 'WARNING', acts: [{ code: act.code }], violationDate: '2026-12-02' },
    });
  });
});
