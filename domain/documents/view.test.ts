import { describe, expect, it } from 'vitest';
import { DOCUMENT_FIXTURES } from './fixtures.js';
import { dateView, documentView, KNOWN_VIEW_PATHS } from './view.js';

const ctx = DOCUMENT_FIXTURES.find((f) => f.name === 'SANCTION_DECISION')!.ctx;

describe('documentView', () => {
  const view = documentView(ctx) as Record<string, Record<string, unknown>>;

  it('gives money in figures and words, dates short and long, choices with their Vietnamese label', () => {
    expect(view.B6!.fineAmount).toEqual({ figures: '15.500.000 đồng', words: 'Mười lăm triệu năm trăm nghìn đồng', value: 15_500_000 });
    expect(view.B6!.decisionDate).toEqual({ vn: '12/03/2026', long: 'ngày 12 tháng 3 năm 2026', iso: '2026-03-12' });
    expect(view.B6!.sanction).toEqual({ value: 'FINE', label: 'Phạt tiền', is: { FINE: true } });
    expect(view.B1!.offenderType).toMatchObject({ label: 'Tổ chức' });
    expect(view.date).toEqual(dateView('2026-03-12'));
  });

  it('numbers a list’s items and cites each act’s provision; the decrees the acts fall under, once each', () => {
    const acts = view.B1!.acts as Array<Record<string, Record<string, unknown>>>;
    expect(acts.map((a) => [a.stt, a.violation!.reference])).toEqual([
      [1, 'khoản 1 Điều 14'],
      [2, 'khoản 1 Điều 5'],
    ]);
    expect(acts[0]!.violation!.bracketMax).toMatchObject({ figures: '20.000.000 đồng' });
    expect(view.decrees).toEqual([{ decree: 'Nghị định (dòng thử nghiệm)', provisions: 'khoản 1 Điều 14; khoản 1 Điều 5' }]);
  });

  it('a sanction decision lists and cites only the acts it may sanction: not one whose limitation period ended before its date (Art. 65(1)(b))', () => {
    // Violated on 10/03/2025: the 1-year act (ND99/2020:5.1) may be sanctioned until 10/03/2026, the decision is of 12/03/2026.
    const steps = { ...ctx.steps, B1: { ...ctx.steps.B1, violationDate: '2025-03-10' } };
    const codes = (v: Record<string, unknown>) => ((v.B1 as Record<string, unknown>).acts as Array<{ stt: number; violation: { code: string } }>).map((a) => [a.stt, a.violation.code]);
    const decided = documentView({ ...ctx, steps }) as Record<string, unknown>;
    expect(codes(decided)).toEqual([[1, 'ND87/2024:14.1']]);
    expect(decided.decrees).toEqual([{ decree: 'Nghị định (dòng thử nghiệm)', provisions: 'khoản 1 Điều 14' }]);
    // On its last day the act is still sanctioned.
    const lastDay = documentView({ ...ctx, steps: { ...steps, B1: { ...steps.B1, violationDate: '2025-03-12' } } }) as Record<string, unknown>;
    expect(codes(lastDay)).toEqual([
      [1, 'ND87/2024:14.1'],
      [2, 'ND99/2020:5.1'],
    ]);
    // An evasion of the sanction after the record, ended on 11/03/2026 and stated with the decision (penalty version 19, docs/adr/0233): the period counts again from then.
    const evaded = { ...steps, B6: { ...ctx.steps.B6, evasionStartedOn: '2026-03-09', evasionEndedOn: '2026-03-11' } };
    expect(codes(documentView({ ...ctx, steps: evaded }) as Record<string, unknown>)).toEqual([
      [1, 'ND87/2024:14.1'],
      [2, 'ND99/2020:5.1'],
    ]);
    // Measures only (Art. 65) answer every act; the record itself lists every act.
    expect(codes(documentView({ ...ctx, steps, outcome: 'MEASURES_ONLY' }) as Record<string, unknown>)).toHaveLength(2);
    expect(codes(documentView({ ...ctx, steps, type: 'VIOLATION_RECORD' }) as Record<string, unknown>)).toHaveLength(2);
  });

  it('the decision on a returned file lists only the acts it may sanction from the referral’s version 5, counting an act going on from its detection (docs/adr/0216)', () => {
    const returned = DOCUMENT_FIXTURES.find((f) => f.name === 'RETURNED_SANCTION_DECISION')!.ctx;
    const F5 = returned.steps.F5!;
    // Beside the fixture's 2-year counterfeit act, a 1-year act; both ended on 10/06/2024. On the decision's 20/04/2026, the 1-year one is barred.
    const acts = [...(F5.acts as unknown[]), { ...(ctx.steps.B1!.acts as unknown[])[1]!, description: 'Không niêm yết giá' }];
    const steps = { ...returned.steps, F5: { ...F5, acts, violationDate: '2024-06-10' } };
    const codes = (over: Partial<typeof returned>) =>
      ((documentView({ ...returned, steps, ...over }) as Record<string, Record<string, unknown>>).F5!.acts as Array<{ violation: { code: string } }>).map((a) => a.violation.code);
    expect(codes({ procedureVersion: 5 })).toEqual(['ND98/2020:11.3']);
    // Found still going on on 01/03/2026: the period of both counts from then.
    expect(codes({ procedureVersion: 5, steps: { ...steps, F5: { ...steps.F5, ongoing: true, detectedOn: '2026-03-01' } } })).toEqual(['ND98/2020:11.3', 'ND99/2020:5.1']);
    // Version 4 decided them all, and its paper says so; measures only answer every act.
    expect(codes({ procedureVersion: 4 })).toHaveLength(2);
    expect(codes({ procedureVersion: 5, outcome: 'MEASURES_ONLY' })).toHaveLength(2);
  });

  it('the issued papers by type, the record from the form when INS did not issue it, and the party from the record', () => {
    expect(view.issued!.VIOLATION_RECORD).toEqual({ number: '07/BB-VPHC', date: dateView('2026-03-05') });
    const fromForm = documentView({ ...ctx, issued: [] }) as Record<string, Record<string, unknown>>;
    expect(fromForm.issued!.VIOLATION_RECORD).toEqual({ number: '07/BB-VPHC', date: dateView('2026-03-05') });
    expect(view.party).toEqual({
      name: 'Công ty TNHH Thực phẩm Hoa Lư',
      address: 'Số 25 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình',
      identifier: '2700123456',
      representative: 'Phạm Văn Cường',
    });
    expect(view.outcomeIs).toEqual({ DECIDED: true });
    // What the record states (penalty version 6 on) comes first: a party outside the registry had "…" printed.
    const stated = documentView({
      ...ctx,
      business: undefined,
      steps: { ...ctx.steps, B1: { ...ctx.steps.B1, violatorAddress: '45 Lê Hồng Phong, phường Hoa Lư', violatorRepresentative: 'Đỗ Minh Hải, Giám đốc' } },
    }) as Record<string, Record<string, unknown>>;
    expect(stated.party).toMatchObject({ address: '45 Lê Hồng Phong, phường Hoa Lư', representative: 'Đỗ Minh Hải, Giám đốc' });
  });

  it('takes the procedure’s own forms when given (a unit’s variant labels a choice its own way)', () => {
    const own = documentView(ctx, {
      fields: { B6: [{ key: 'sanction', type: 'enum', label: { vi: 'Hình thức', en: 'Sanction' }, options: [{ value: 'FINE', label: { vi: 'Phạt tiền (mức chung)', en: 'Fine' } }] }] },
    }) as Record<string, Record<string, unknown>>;
    expect(own.B6!.sanction).toMatchObject({ label: 'Phạt tiền (mức chung)' });
    // Without the money field's definition the amount stays a number.
    expect(own.B6!.fineAmount).toBe(15_500_000);
  });

  it('leaves files out, and turns an ISO date anywhere (a parent’s fact) into a date', () => {
    const v = documentView({ ...ctx, steps: { ...ctx.steps, B1: { ...ctx.steps.B1, evidence: ['ev-1'] } }, facts: { decisionDate: '2026-03-12', fineAmount: 15_500_000 } }) as Record<
      string,
      Record<string, unknown>
    >;
    expect(v.B1!.evidence).toBeUndefined();
    expect(v.facts).toEqual({ decisionDate: dateView('2026-03-12'), fineAmount: { figures: '15.500.000 đồng', words: 'Mười lăm triệu năm trăm nghìn đồng', value: 15_500_000 } });
  });
});

describe('KNOWN_VIEW_PATHS', () => {
  it('knows the leaves a template prints, and the lists it repeats over', () => {
    for (const leaf of [
      'B6.fineAmount.words',
      'B6.sanction.label',
      'B6.sanction.is.FINE',
      'B1.acts[].violation.reference',
      'B1.acts[].stt',
      'D2.items[].name',
      'issued.SANCTION_DECISION.date.vn',
      'party.name',
      'outcomeIs.MEASURES_ONLY',
      'facts.fineAmount.figures',
    ])
      expect(KNOWN_VIEW_PATHS.leaves.has(leaf), leaf).toBe(true);
    for (const list of ['B1.acts', 'D2.items', 'A6.members', 'decrees']) expect(KNOWN_VIEW_PATHS.lists.has(list), list).toBe(true);
    expect(KNOWN_VIEW_PATHS.leaves.has('B6.fineAmount')).toBe(false);
    expect(KNOWN_VIEW_PATHS.all.has('B6.evidence')).toBe(false);
  });
});
