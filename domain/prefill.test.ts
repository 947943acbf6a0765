import { describe, expect, it } from 'vitest';
import { prefillBusiness, resolvePrefill, type TPrefillContext } from './prefill.js';
import { parseDefinition } from './procedure-validate.js';
import type { TProcedureDefinition, TStep } from './procedure.js';
import { inspectionProcedure } from './procedures/inspection.js';
import { penaltyProcedure } from './procedures/penalty.js';
import { t } from './procedures/common.js';

const INSPECTION = parseDefinition(inspectionProcedure(3));
const PENALTY = parseDefinition(penaltyProcedure(3));
const stepOf = (def: TProcedureDefinition, id: string): TStep => def.steps.find((s) => s.id === id)!;

const PHOTO = { sha256: 'a'.repeat(64), name: 'kệ hàng.jpg', size: 1234, mime: 'image/jpeg' };
const BUSINESS = prefillBusiness({
  name: 'Công ty TNHH Hoa Sen',
  taxCode: '0101234567-001',
  address: { line: '12 Tràng Tiền', commune: 'Phường Hoàn Kiếm', province: 'Hà Nội' },
  legalRepresentative: 'Nguyễn Văn An',
});
const base: TPrefillContext = { own: { definition: INSPECTION, completed: [] }, today: '2026-03-10', officerName: 'Trần Thị Bình' };

describe('resolvePrefill', () => {
  it('fills the decision to inspect from the registered business and today', () => {
    const r = resolvePrefill(stepOf(INSPECTION, 'A5'), { ...base, business: BUSINESS });
    expect(r.values).toEqual({ decisionDate: '2026-03-10', businessName: 'Công ty TNHH Hoa Sen', taxCode: '0101234567-001', address: '12 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội' });
    expect(r.sources.businessName).toEqual({ from: 'business', attribute: 'name' });
    expect(r.sources.decisionDate).toEqual({ from: 'today' });
  });

  it('gives nothing from a business the case does not have, and leaves out an attribute the registry lacks', () => {
    expect(resolvePrefill(stepOf(INSPECTION, 'A5'), base).values).toEqual({ decisionDate: '2026-03-10' });
    const noRep = prefillBusiness({ name: 'X', taxCode: '0101234567', address: { line: null, commune: 'Xã Y', province: 'Hà Nội' }, legalRepresentative: null });
    expect(noRep.address).toBe('Xã Y, Hà Nội');
    expect(resolvePrefill(stepOf(INSPECTION, 'A7'), { ...base, business: noRep }).values).toEqual({ announcedAt: '2026-03-10' });
  });

  it('fills the violation record from the inspection that started the penalty case, its evidence included', () => {
    const parent = {
      definition: INSPECTION,
      completed: [
        { stepId: 'A5', data: { businessName: 'Công ty TNHH Hoa Sen', address: '12 Tràng Tiền, Hà Nội' } },
        { stepId: 'A7', data: { announcedAt: '2026-03-02', partyRepresentative: 'Nguyễn Văn An' } },
        { stepId: 'A8', data: { findings: 'Hàng không rõ nguồn gốc', evidence: [PHOTO, { sha256: 'not-a-hash' }] } },
      ],
    };
    const r = resolvePrefill(stepOf(PENALTY, 'B1'), { own: { definition: PENALTY, completed: [] }, parent, today: '2026-03-10', officerName: 'Trần Thị Bình' });
    expect(r.values).toEqual({
      recordedAt: '2026-03-10',
      place: '12 Tràng Tiền, Hà Nội',
      recorder: 'Trần Thị Bình',
      violatorName: 'Công ty TNHH Hoa Sen',
      violationDate: '2026-03-02',
      violationPlace: '12 Tràng Tiền, Hà Nội',
      evidence: [PHOTO],
    });
    expect(r.sources.evidence).toEqual({ from: 'parent', stepId: 'A8', field: 'evidence', stepTitle: { vi: 'Tiến hành kiểm tra, thu thập chứng cứ', en: 'Inspect and collect evidence' } });
    expect(r.sources.recorder).toEqual({ from: 'officer' });
  });

  it('gives a penalty case without a parent only today and the officer', () => {
    const r = resolvePrefill(stepOf(PENALTY, 'B1'), { own: { definition: PENALTY, completed: [] }, today: '2026-03-10', officerName: 'Trần Thị Bình' });
    expect(Object.keys(r.values).sort()).toEqual(['recordedAt', 'recorder']);
  });

  it('takes the latest completion of a step, never a protected field, and only values of the field’s kind', () => {
    const def = parseDefinition({
      id: 'test-prefill',
      version: 1,
      kind: 'TEST',
      title: t('Thử', 'Test'),
      start: ['S1'],
      steps: [
        {
          id: 'S1',
          title: t('Một', 'One'),
          roles: ['INSPECTOR'],
          form: {
            fields: [
              { key: 'who', type: 'text', label: t('Ai', 'Who') },
              { key: 'informant', type: 'text', label: t('Người báo tin', 'Informant'), sensitive: true },
              { key: 'kind', type: 'enum', label: t('Loại', 'Kind'), options: [{ value: 'A', label: t('A', 'A') }] },
              { key: 'amount', type: 'money', label: t('Tiền', 'Amount') },
            ],
          },
          outcomes: [{ id: 'AGAIN', title: t('Lại', 'Again'), next: ['S1', 'S2'] }],
        },
        {
          id: 'S2',
          title: t('Hai', 'Two'),
          roles: ['INSPECTOR'],
          form: {
            fields: [
              { key: 'who', type: 'text', label: t('Ai', 'Who'), prefill: { from: 'step', stepId: 'S1', field: 'who' } },
              { key: 'tipFrom', type: 'text', label: t('Nguồn', 'Source'), prefill: { from: 'step', stepId: 'S1', field: 'informant' } },
              { key: 'kind', type: 'enum', label: t('Loại', 'Kind'), options: [{ value: 'A', label: t('A', 'A') }], prefill: { from: 'step', stepId: 'S1', field: 'kind' } },
              { key: 'amount', type: 'money', label: t('Tiền', 'Amount'), prefill: { from: 'step', stepId: 'S1', field: 'amount' } },
              { key: 'note', type: 'text', label: t('Ghi chú', 'Note'), prefill: { from: 'parent', stepId: 'P1', field: 'count' } },
            ],
          },
          outcomes: [{ id: 'DONE', title: t('Xong', 'Done'), next: [] }],
        },
      ],
    });
    const completed = [
      { stepId: 'S1', data: { who: 'first', informant: 'secret', kind: 'A', amount: 100 } },
      { stepId: 'S1', data: { who: 'second', informant: '[protected]', kind: 'B', amount: '200' } },
    ];
    const parentDef = parseDefinition({
      ...def,
      id: 'test-parent',
      steps: def.steps.map((s) =>
        s.id === 'S1' ? { ...s, id: 'P1', form: { fields: [{ key: 'count', type: 'number', label: t('Số', 'Count') }] }, outcomes: [{ id: 'DONE', title: t('Xong', 'Done'), next: [] }] } : s,
      ),
      start: ['P1'],
    });
    const r = resolvePrefill(stepOf(def, 'S2'), {
      own: { definition: def, completed },
      parent: { definition: parentDef, completed: [{ stepId: 'P1', data: { count: 3 } }] },
      today: '2026-03-10',
      officerName: 'X',
    });
    // `kind` B is not an option, `amount` '200' is not an amount, the parent's count is a number, not text.
    expect(r.values).toEqual({ who: 'second' });
  });
});
