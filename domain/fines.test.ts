import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FineInputError, lateSurcharge, quoteFine, quoteFines, surchargeOnUnpaid } from './fines.js';
import { ZLegalParamEdit } from './legal-param-edit.js';
import { LEGAL_PARAMS_SEED, paramOn } from './legal-params.js';
import { ZViolation, ZViolationEdit } from './legal-schema.js';
import { VIOLATION_CATALOGUE_SEED } from './violation-catalogue.js';

const P = LEGAL_PARAMS_SEED;
const unknownOrigin = { min: 300_000, max: 500_000, baseSubject: 'individual' as const };

describe('worked example A (vn-law.md §2.2): goods of unknown origin worth 800,000 VND', () => {
  it('an individual: midpoint 400,000, no right to explain, 7 working days, no-record allowed from 01/07/2025', () => {
    const q = quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2025-07-01' }, P);
    expect(q).toMatchObject({ min: 300_000, max: 500_000, proposed: 400_000, rightToExplain: false, noRecordEligible: true });
    expect(q.decisionDeadline).toMatchObject({ amount: 7, unit: 'working_days' });
    // Said as the officer reads dates (dd/mm/yyyy), not as ISO.
    expect(q.legalBasis).toContain('Xử phạt không lập biên bản khi phạt tiền đến 500.000 đồng vào ngày 01/07/2025: được (Luật 88/2025/QH15 sửa Điều 56)');
  });

  it('an organisation: bracket doubled to 600,000–1,000,000, midpoint 800,000; no-record only under the 2025 limits', () => {
    const after = quoteFine({ bracket: unknownOrigin, offender: 'organization', date: '2025-07-01' }, P);
    expect(after).toMatchObject({ min: 600_000, max: 1_000_000, proposed: 800_000, noRecordEligible: true });
    const before = quoteFine({ bracket: unknownOrigin, offender: 'organization', date: '2025-06-30' }, P);
    expect(before.noRecordEligible).toBe(false);
    expect(before.legalBasis.join(' ')).toMatch(/gấp 2 lần/);
  });

  it('mitigating circumstances lower it toward the minimum, aggravating ones raise it toward the maximum', () => {
    expect(quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-01-01', mitigating: 1 }, P).proposed).toBe(350_000);
    expect(quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-01-01', mitigating: 5 }, P).proposed).toBe(300_000);
    expect(quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-01-01', aggravating: 2 }, P).proposed).toBe(500_000);
    expect(quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-01-01', aggravating: 1, mitigating: 1 }, P).proposed).toBe(400_000);
  });

  it('never allows the no-record path when detected with technical equipment', () => {
    const q = quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-01-01', detectedByEquipment: true }, P);
    expect(q.noRecordEligible).toBe(false);
    expect(q.legalBasis.join(' ')).toMatch(/Điều 56\(2\)/);
  });
});

describe('the right to explain and the decision deadline', () => {
  it('turn on at a bracket maximum of 15,000,000 (individual) or 30,000,000 (organisation)', () => {
    const b = { min: 10_000_000, max: 15_000_000, baseSubject: 'individual' as const };
    const ind = quoteFine({ bracket: b, offender: 'individual', date: '2026-03-01' }, P);
    expect(ind.rightToExplain).toBe(true);
    expect(ind.decisionDeadline).toMatchObject({ amount: 1, unit: 'months' });
    const below = quoteFine({ bracket: { ...b, max: 14_999_000 }, offender: 'individual', date: '2026-03-01' }, P);
    expect(below.rightToExplain).toBe(false);
    // An organisation pays 20–30M for the same act: right to explain at 30M.
    expect(quoteFine({ bracket: b, offender: 'organization', date: '2026-03-01' }, P).rightToExplain).toBe(true);
    expect(quoteFine({ bracket: { min: 1_000_000, max: 14_000_000, baseSubject: 'individual' }, offender: 'organization', date: '2026-03-01' }, P).rightToExplain).toBe(false);
  });

  it('gives 10 working days after a transfer, 1 month when facts need verifying', () => {
    expect(quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-03-01', transferred: true }, P).decisionDeadline.amount).toBe(10);
    expect(quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-03-01', needsVerification: true }, P).decisionDeadline.unit).toBe('months');
  });

  it('sums several acts and judges no-record eligibility on the total', () => {
    const r = quoteFines(
      [
        { bracket: unknownOrigin, offender: 'individual', date: '2026-03-01' },
        { bracket: { min: 500_000, max: 1_000_000, baseSubject: 'individual' }, offender: 'individual', date: '2026-03-01' },
      ],
      P,
    );
    expect(r.total).toBe(400_000 + 750_000);
    expect(r.noRecordEligible).toBe(false);
  });

  it('refuses bad input', () => {
    expect(() => quoteFine({ bracket: { min: 5, max: 1, baseSubject: 'individual' }, offender: 'individual', date: '2026-01-01' }, P)).toThrow(FineInputError);
    expect(() => quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2026-01-01', mitigating: -1 }, P)).toThrow(/mitigating/);
    expect(() => quoteFine({ bracket: unknownOrigin, offender: 'individual', date: '2010-01-01' }, P)).toThrow(/No legal parameter/);
  });

  it('keeps every proposal inside the offender’s bracket (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom('individual' as const, 'organization' as const),
        fc.constantFrom('individual' as const, 'organization' as const),
        fc.nat(20),
        fc.nat(20),
        (a, b, base, offender, mitigating, aggravating) => {
          const bracket = { min: Math.min(a, b), max: Math.max(a, b), baseSubject: base };
          const q = quoteFine({ bracket, offender, date: '2026-01-01', mitigating, aggravating }, P);
          expect(q.proposed).toBeGreaterThanOrEqual(q.min);
          expect(q.proposed).toBeLessThanOrEqual(q.max);
          if (mitigating === aggravating) expect(q.proposed).toBe(Math.round((q.min + q.max) / 2));
        },
      ),
    );
  });
});

describe('the seeded configuration', () => {
  it('marks every unverified parameter "to confirm" and picks the rule in force on a date', () => {
    for (const p of P) expect(p.toConfirm).toBe(p.confidence !== 'V');
    expect(paramOn(P, 'deliveryWorkingDays', '2025-06-30').value).toBe(2);
    // One source reports 3 working days after Law 88/2025: the stricter 2 stays, to confirm.
    expect(paramOn(P, 'deliveryWorkingDays', '2025-07-01')).toMatchObject({ value: 2, toConfirm: true, descriptionVi: expect.stringMatching(/03 ngày/) });
    // Fining competence: the Law's amounts until 30/06/2025; Decree 189/2025's, to confirm, since.
    expect(paramOn(P, 'fineCompetenceTeamLeadIndividual', '2025-06-30')).toMatchObject({ value: 25_000_000, toConfirm: false });
    expect(paramOn(P, 'fineCompetenceTeamLeadOrganization', '2026-12-02')).toMatchObject({ value: 50_000_000, toConfirm: true });
  });
  it('has catalogue rows that satisfy the schema', () => {
    for (const v of VIOLATION_CATALOGUE_SEED) expect(ZViolation.safeParse(v).success).toBe(true);
    for (const v of VIOLATION_CATALOGUE_SEED) expect(ZViolationEdit.safeParse(v).success).toBe(true);
    for (const p of P) expect(ZLegalParamEdit.safeParse(p).success).toBe(true);
  });
  it('refuses an admin’s row whose bracket is upside down, or whose period ends before it begins, at the field', () => {
    const row = VIOLATION_CATALOGUE_SEED[0]!;
    const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues(ZViolationEdit.safeParse({ ...row, bracket: { min: 20_000_000, max: 10_000_000 } }))).toEqual([['bracket.max', expect.stringMatching(/below the bracket's minimum \(20000000\)/)]]);
    expect(issues(ZViolationEdit.safeParse({ ...row, effectiveFrom: '2026-01-01', effectiveTo: '2025-12-31' }))).toEqual([['effectiveTo', expect.stringMatching(/never be in force/)]]);
    expect(ZViolationEdit.safeParse({ ...row, bracket: { min: 10_000_000, max: 10_000_000 }, effectiveFrom: '2026-01-01', effectiveTo: '2026-01-01' }).success).toBe(true);
    expect(issues(ZLegalParamEdit.safeParse({ ...P[0]!, effectiveFrom: '2026-07-01', effectiveTo: '2026-06-30' }))).toEqual([['effectiveTo', expect.stringMatching(/never be in force/)]]);
    // What is stored already is read as it is.
    expect(ZViolation.safeParse({ ...row, bracket: { min: 20_000_000, max: 10_000_000 } }).success).toBe(true);
  });
  it('refuses a value the code cannot read: a period not a whole number of at least 1, a share above 1, a statistical month from the 31st, a shipped key in another unit (docs/adr/0218)', () => {
    const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    const edit = (key: string, over: Record<string, unknown>) => ZLegalParamEdit.safeParse({ ...P.find((p) => p.key === key)!, ...over });
    expect(issues(edit('complianceDays', { value: -5 }))).toEqual([['value', 'must be a whole number of days, 1 or more']]);
    expect(issues(edit('complianceDays', { value: 2.5 }))).toEqual([['value', 'must be a whole number of days, 1 or more']]);
    expect(issues(edit('complianceDays', { value: 30, unit: 'months' }))).toEqual([['unit', 'complianceDays is read in days, not months']]);
    expect(issues(edit('statisticsPeriodStartDay', { value: 31 }))).toEqual([['value', 'must be a day of the month from 1 to 28']]);
    expect(issues(edit('statisticsPeriodStartDay', { value: 0 }))).toEqual([['value', 'must be a day of the month from 1 to 28']]);
    expect(issues(edit('fineStepShare', { value: 1.5 }))).toEqual([['value', 'must be a share above 0 and at most 1']]);
    expect(issues(edit('fineStepShare', { value: 0 }))).toEqual([['value', 'must be a share above 0 and at most 1']]);
    expect(issues(edit('fineCompetenceTeamLeadIndividual', { value: 25_000_000.5 }))).toEqual([['value', 'must be a whole number of đồng, 0 or more']]);
    // A key no code reads yet takes a unit the code knows.
    expect(issues(ZLegalParamEdit.safeParse({ ...P[0]!, key: 'newThing', unit: 'fortnights', value: 1 }))).toEqual([['unit', expect.stringMatching(/^must be one of VND, working_days/)]]);
    expect(edit('statisticsPeriodStartDay', { value: 28 }).success).toBe(true);
    expect(edit('complianceDays', { value: 15 }).success).toBe(true);
  });
});

describe('the late-payment surcharge', () => {
  it('charges 0.05 % a calendar day from the day after the deadline to the day before payment', async () => {
    const { lateSurcharge } = await import('./fines.js');
    // Deadline Mon 23/02/2026; paid Fri 27/02: 24, 25, 26 → 3 days.
    expect(lateSurcharge({ unpaid: 400_000, lastDayToPay: '2026-02-23', paidOn: '2026-02-27' }, P)).toMatchObject({ days: 3, amount: 600 });
    // Paid on the last day or the day after: nothing.
    expect(lateSurcharge({ unpaid: 400_000, lastDayToPay: '2026-02-23', paidOn: '2026-02-23' }, P).amount).toBe(0);
    expect(lateSurcharge({ unpaid: 400_000, lastDayToPay: '2026-02-23', paidOn: '2026-02-24' }, P).amount).toBe(0);
    // Weekends and holidays count: Tết 2026.
    expect(lateSurcharge({ unpaid: 10_000_000, lastDayToPay: '2026-02-13', paidOn: '2026-02-23' }, P)).toMatchObject({ days: 9, amount: 45_000 });
  });
});

describe('the late-payment surcharge over the payments’ schedule (Art. 78(1)(a): on the unpaid part, each day late)', () => {
  const fine = 400_000;
  const lastDayToPay = '2026-03-13';
  const on = (paidOn: string, payments: { on: string; amount: number }[]) => surchargeOnUnpaid({ fine, lastDayToPay, payments, paidOn }, P);

  it('charges nothing for a fine paid in full by the last day, or on the day after it', () => {
    expect(on('2026-03-13', [{ on: '2026-03-13', amount: fine }])).toMatchObject({ days: 0, amount: 0, periods: [] });
    expect(on('2026-03-14', [{ on: '2026-03-14', amount: fine }])).toMatchObject({ days: 0, amount: 0 });
    // Paid on time, then asked about a later day: nothing was unpaid on any late day.
    expect(on('2026-04-30', [{ on: '2026-03-10', amount: fine }])).toMatchObject({ days: 0, amount: 0 });
  });

  it('charges the whole fine each day when all of it is late: the single-payment surcharge of before', () => {
    const all = on('2026-03-24', [{ on: '2026-03-24', amount: fine }]);
    // 14 to 23 March: 10 days × 0.05 % × 400,000 = 2,000.
    expect(all).toMatchObject({ days: 10, amount: 2_000, ratePerDay: 0.0005, periods: [{ from: '2026-03-14', to: '2026-03-23', days: 10, unpaid: fine }] });
    expect(all.amount).toBe(lateSurcharge({ unpaid: fine, lastDayToPay, paidOn: '2026-03-24' }, P).amount);
  });

  it('charges only the part still unpaid when half was paid on time and the rest late', () => {
    const s = on('2026-03-24', [{ on: '2026-03-10', amount: 200_000 }]);
    // 10 days × 0.05 % × 200,000 = 1,000, not the 2,000 the whole fine would cost.
    expect(s).toMatchObject({ days: 10, amount: 1_000, periods: [{ from: '2026-03-14', to: '2026-03-23', unpaid: 200_000 }] });
  });

  it('charges each late day on what was unpaid that day when several late payments follow each other', () => {
    const s = on('2026-03-30', [
      { on: '2026-03-24', amount: 100_000 },
      { on: '2026-03-18', amount: 100_000 },
    ]);
    // 14–17 March on 400,000 (4 days: 800); 18–23 on 300,000 (6 days: 900); 24–29 on 200,000 (6 days: 600).
    expect(s.periods).toEqual([
      { from: '2026-03-14', to: '2026-03-17', days: 4, unpaid: 400_000, ratePerDay: 0.0005 },
      { from: '2026-03-18', to: '2026-03-23', days: 6, unpaid: 300_000, ratePerDay: 0.0005 },
      { from: '2026-03-24', to: '2026-03-29', days: 6, unpaid: 200_000, ratePerDay: 0.0005 },
    ]);
    expect(s).toMatchObject({ days: 16, amount: 2_300 });
  });

  it('ignores payments dated on or after the day it is asked for, and stops once the fine is paid (overpayment included)', () => {
    expect(on('2026-03-20', [{ on: '2026-03-25', amount: fine }]).amount).toBe(on('2026-03-20', []).amount);
    const over = on('2026-04-30', [{ on: '2026-03-16', amount: 500_000 }]);
    // 14 and 15 March only.
    expect(over).toMatchObject({ days: 2, amount: 400, periods: [{ from: '2026-03-14', to: '2026-03-15' }] });
  });

  it('starts after a due date moved by a postponement or the last instalment: nothing is charged during the period granted', () => {
    const postponed = surchargeOnUnpaid({ fine, lastDayToPay: '2026-06-30', payments: [{ on: '2026-05-01', amount: 100_000 }], paidOn: '2026-06-30' }, P);
    expect(postponed).toMatchObject({ days: 0, amount: 0 });
    // Instalments: 100,000 in April, 100,000 in May, the rest due by 30 June and paid on 5 July: 1–4 July on 200,000.
    const instalments = surchargeOnUnpaid(
      {
        fine,
        lastDayToPay: '2026-06-30',
        payments: [
          { on: '2026-04-15', amount: 100_000 },
          { on: '2026-05-15', amount: 100_000 },
          { on: '2026-07-05', amount: 200_000 },
        ],
        paidOn: '2026-07-05',
      },
      P,
    );
    expect(instalments).toMatchObject({ days: 4, amount: 400, periods: [{ from: '2026-07-01', to: '2026-07-04', unpaid: 200_000 }] });
  });

  it('counts weekends and holidays (Tết 2026) and uses the rate in force on each day', () => {
    expect(surchargeOnUnpaid({ fine: 10_000_000, lastDayToPay: '2026-02-13', payments: [], paidOn: '2026-02-23' }, P)).toMatchObject({ days: 9, amount: 45_000 });
    const params = [
      ...P.filter((x) => x.key !== 'lateSurchargePerDay'),
      { ...paramOn(P, 'lateSurchargePerDay', '2026-01-01'), effectiveTo: '2026-03-15' },
      { ...paramOn(P, 'lateSurchargePerDay', '2026-01-01'), value: 0.001, effectiveFrom: '2026-03-16' },
    ];
    const s = surchargeOnUnpaid({ fine, lastDayToPay, payments: [], paidOn: '2026-03-18' }, params);
    // 14, 15 March at 0.05 % (400 in all), 16, 17 at 0.1 % (800 in all).
    expect(s).toMatchObject({ days: 4, amount: 1_200, ratePerDay: 0.001 });
    expect(s.periods.map((p) => [p.from, p.to, p.ratePerDay])).toEqual([
      ['2026-03-14', '2026-03-15', 0.0005],
      ['2026-03-16', '2026-03-17', 0.001],
    ]);
  });

  it('refuses amounts and dates it cannot work with, naming the field', () => {
    expect(() => on('2026-03-20', [{ on: '2026-03-15', amount: 0 }])).toThrow(FineInputError);
    expect(() => on('2026-03-20', [{ on: '2026-03-15', amount: 1.5 }])).toThrow(/payments\[0\]\.amount/);
    expect(() => on('2026-02-30', [])).toThrow(/paidOn/);
    expect(() => surchargeOnUnpaid({ fine: -1, lastDayToPay, payments: [], paidOn: '2026-03-20' }, P)).toThrow(/fine/);
  });

  it('sums the days exactly: 50 days of 0.05 % on 49,999,980 đồng are 1,249,999.5, rounded up, day by day as at once', () => {
    // Found by the property below (seed -1858202856): in floating point the daily sum came to 1,249,999.4999….
    const paidOn = new Date(Date.parse(lastDayToPay) + 51 * 86_400_000).toISOString().slice(0, 10);
    expect(lateSurcharge({ unpaid: 49_999_980, lastDayToPay, paidOn }, P)).toMatchObject({ days: 50, amount: 1_250_000 });
    expect(surchargeOnUnpaid({ fine: 49_999_980, lastDayToPay, payments: [], paidOn }, P)).toMatchObject({ days: 50, amount: 1_250_000 });
    // One đồng less of fine is 1,249,999.475: rounded down, both ways.
    expect(lateSurcharge({ unpaid: 49_999_979, lastDayToPay, paidOn }, P).amount).toBe(1_249_999);
    expect(surchargeOnUnpaid({ fine: 49_999_979, lastDayToPay, payments: [], paidOn }, P).amount).toBe(1_249_999);
  });

  it('never charges more than the whole fine would, nor less than the last unpaid part alone (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.array(fc.record({ day: fc.integer({ min: -20, max: 60 }), amount: fc.integer({ min: 1, max: 20_000_000 }) }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 80 }),
        (fineAmount, raw, paidDay) => {
          const d = (n: number) => new Date(Date.parse(lastDayToPay) + n * 86_400_000).toISOString().slice(0, 10);
          const payments = raw.map((p) => ({ on: d(p.day), amount: p.amount }));
          const paidOn = d(paidDay);
          const s = surchargeOnUnpaid({ fine: fineAmount, lastDayToPay, payments, paidOn }, P);
          const whole = lateSurcharge({ unpaid: fineAmount, lastDayToPay, paidOn }, P).amount;
          expect(s.amount).toBeLessThanOrEqual(whole);
          const paidBefore = payments.filter((p) => p.on < paidOn).reduce((a, p) => a + p.amount, 0);
          expect(s.amount).toBeGreaterThanOrEqual(lateSurcharge({ unpaid: Math.max(0, fineAmount - paidBefore), lastDayToPay, paidOn }, P).amount);
          if (paidBefore >= fineAmount && payments.every((p) => p.on <= lastDayToPay)) expect(s.amount).toBe(0);
          if (payments.length === 0) expect(s.amount).toBe(whole);
        },
      ),
    );
  });
});
