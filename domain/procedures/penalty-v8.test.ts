/**
 * The penalty procedure's version 8 (docs/adr/0209), on the pure engine with the real calendar: the
 * decision sanctions only the acts whose limitation period has not ended on its date (Art. 6,
 * 65(1)(b)). An act recorded in time whose period ends before the decision leaves the bracket, the
 * warning and the competence; version 7, which running cases keep, still counted it. A fine is no
 * longer collected after the execution limitation (Art. 74), nor a decision suspended for signs of a
 * crime (Art. 62(2)), unless the party evaded.
 */
import { describe, expect, it } from 'vitest';
import type { TRejection } from '../engine.js';
import { actor, at, drive, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import type { TViolation } from '../legal-schema.js';
import { limitationEnds, VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { penaltyProcedure } from './penalty.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');
const teamLead = actor('TEAM_LEAD');

const ONE_YEAR = TEST_VIOLATIONS.find((v) => v.code === 'ND99/2020:5.1')!;
/** A 1-year act with no warning and a bracket beyond a team lead's competence (60–100 M ₫), for this test only. */
const ONE_YEAR_LARGE: TViolation = { ...ONE_YEAR, code: 'ND99/2020:5.9', bracket: { min: 60_000_000, max: 100_000_000 }, warningPossible: false };
const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS, ONE_YEAR_LARGE];

/** Violated on Tue 02/12/2025: the 1-year acts may be sanctioned until 02/12/2026, the 2-year ones until 02/12/2027. */
const VIOLATED = '2025-12-02';
/** Recorded on Mon 30/11/2026, within both periods; the decision follows within its 7 working days. */
const RECORDED = '2026-11-30';
const NOW = '2026-12-04';

const act = (violation: string) => ({ violation, description: `Hành vi ${violation}` });
/** The 1–2 M ₫ act of 1 year (warning possible) and the 5–10 M ₫ trade act of 2 years (none). */
const TWO_ACTS = [act('ND99/2020:5.1'), act('ND87/2024:14.1')];

function recorded(version: number, acts = TWO_ACTS, explain = false): TDriver {
  const d = drive(penaltyProcedure(version), { now: at(NOW), catalogue: CATALOGUE });
  const record = {
    recordNo: '31/BB',
    recordedAt: RECORDED,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An',
    violatorName: 'Trần Văn G',
    offenderType: 'INDIVIDUAL',
    violationDate: VIOLATED,
    violationPlace: 'Hoa Lư',
    acts,
    violatorSigned: true,
    ...(explain ? { explanationNotice: 'Được giải trình trong 05 ngày làm việc' } : {}),
  };
  expect(d.complete(inspector, 'B1', 'RECORDED', record)).toBeUndefined();
  if (explain) {
    expect(d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {})).toBeUndefined();
    const waiver = [{ sha256: 'd'.repeat(64), name: 'tu-choi.pdf', size: 10, mime: 'application/pdf' }];
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: waiver })).toBeUndefined();
  } else expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
  return d;
}

const decision = (decisionDate: string, rest: Record<string, unknown>) => ({ decisionNo: '40/QĐ-XPHC', decisionDate, signedBy: 'Hoàng Văn Hải', ...rest });

function rules(r: TRejection | undefined): string[] {
  const details = r?.details as { rule?: string; failures?: { rule: string }[] } | undefined;
  return details?.failures?.map((f) => f.rule) ?? (details?.rule ? [details.rule] : r ? [r.code] : []);
}

describe('the decision sanctions the acts still within their limitation period on its date (Art. 6, 65(1)(b))', () => {
  it('counts the 1-year act to the last day of its period', () => {
    expect(limitationEnds(VIOLATED, 1)).toBe('2026-12-02');
    expect(limitationEnds(VIOLATED, 2)).toBe('2027-12-02');
    // On 02/12/2026 both acts: 1–2 M + 5–10 M, midpoint 9 M.
    const d = recorded(8);
    expect(rules(d.complete(director, 'B6', 'DECIDED', decision('2026-12-02', { sanction: 'FINE', fineAmount: 7_500_000 })))).toEqual(['AMOUNT_REASON_MISSING', 'FINE_LOWERED_WITHOUT_MITIGATING']);
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-12-02', { sanction: 'FINE', fineAmount: 9_000_000 }))).toBeUndefined();
  });

  it('the day after it, the 1-year act leaves the bracket: the midpoint is the trade act’s alone, and its maximum caps the fine', () => {
    const d = recorded(8);
    const late = (rest: Record<string, unknown>) => d.complete(director, 'B6', 'DECIDED', decision('2026-12-03', { sanction: 'FINE', ...rest }));
    expect(rules(late({ fineAmount: 9_000_000 }))).toEqual(['AMOUNT_REASON_MISSING', 'FINE_RAISED_WITHOUT_AGGRAVATING']);
    expect(rules(late({ fineAmount: 11_000_000, aggravating: 1, amountReason: 'Tái phạm' }))).toEqual(['FINE_ABOVE_BRACKET']);
    expect(late({ fineAmount: 7_500_000 })).toBeUndefined();
  });

  it('version 7, which running cases keep, still fined on both brackets', () => {
    const d = recorded(7);
    expect(rules(d.complete(director, 'B6', 'DECIDED', decision('2026-12-03', { sanction: 'FINE', fineAmount: 7_500_000 })))).toEqual(['AMOUNT_REASON_MISSING', 'FINE_LOWERED_WITHOUT_MITIGATING']);
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-12-03', { sanction: 'FINE', fineAmount: 9_000_000 }))).toBeUndefined();
  });

  it('a warning is judged on the acts sanctioned: a barred act that allows none no longer stands in its way', () => {
    // ND98/2020:17.1.a (2 years) allows a warning; the barred 1-year act does not.
    const acts = [act('ND99/2020:5.9'), act('ND98/2020:17.1.a')];
    const warning = (version: number, day: string) => recorded(version, acts, true).complete(director, 'B6', 'DECIDED', decision(day, { sanction: 'WARNING' }));
    expect(rules(warning(8, '2026-12-02'))).toEqual(['WARNING_NOT_PROVIDED']);
    expect(warning(8, '2026-12-03')).toBeUndefined();
    expect(rules(warning(7, '2026-12-03'))).toEqual(['WARNING_NOT_PROVIDED']);
  });

  it('competence follows the acts sanctioned: a team lead may fine the trade act once the 60–100 M ₫ act is barred', () => {
    const acts = [act('ND99/2020:5.9'), act('ND87/2024:14.1')];
    const fine = (version: number, day: string, amount: number) => recorded(version, acts, true).complete(teamLead, 'B6', 'DECIDED', decision(day, { sanction: 'FINE', fineAmount: amount }));
    expect(rules(fine(8, '2026-12-02', 87_500_000))).toContain('OUTSIDE_COMPETENCE');
    expect(fine(8, '2026-12-03', 7_500_000)).toBeUndefined();
    expect(rules(fine(7, '2026-12-03', 87_500_000))).toContain('OUTSIDE_COMPETENCE');
  });

  it('when every act is barred the decision may not fine at all: only confiscation and remedial measures remain', () => {
    const d = recorded(8, [act('ND99/2020:5.1')]);
    const r = d.complete(director, 'B6', 'DECIDED', decision('2026-12-03', { sanction: 'FINE', fineAmount: 1_500_000 }));
    expect(r).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-12-02' } });
    expect(d.complete(director, 'B6', 'MEASURES_ONLY', decision('2026-12-03', { sanction: 'NONE', remedialMeasures: 'Buộc niêm yết giá' }))).toBeUndefined();
  });
});

describe('no fine is collected once the execution limitation has ended (Art. 74), and signs of a crime suspend only a decision still executable (Art. 62(2))', () => {
  /** Decided on Tue 25/11/2025 for 7.5 M ₫ and delivered the next day: executable until 25/11/2026. */
  function decided(version: number): TDriver {
    const d = drive(penaltyProcedure(version), { now: at(NOW), catalogue: CATALOGUE });
    const day = '2025-11-24';
    const rec = { recordNo: '12/BB', recordedAt: day, place: 'Tại cơ sở', recorder: 'Nguyễn Văn An', violatorName: 'Lê Thị H', offenderType: 'INDIVIDUAL' };
    expect(d.complete(inspector, 'B1', 'RECORDED', { ...rec, violationDate: day, violationPlace: 'Hoa Lư', acts: [act('ND87/2024:14.1')], violatorSigned: true })).toBeUndefined();
    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
    expect(d.complete(director, 'B6', 'DECIDED', decision('2025-11-25', { sanction: 'FINE', fineAmount: 7_500_000 }))).toBeUndefined();
    expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: '2025-11-26' })).toBeUndefined();
    return d;
  }
  // Paid with its surcharge (0.05 % a day after the 10 days): twice the fine covers a year of it.
  const paid = (paidDate: string, rest: Record<string, unknown> = {}) => ({ receiptNo: 'BL-0042', paidAmount: 15_000_000, paidDate, ...rest });

  it('a payment on the last day of the year is recorded; one the day after is refused, unless the party evaded until later', () => {
    expect(decided(8).complete(legal, 'B9', 'PAID', paid('2026-11-25'))).toBeUndefined();
    const late = decided(8);
    const r = late.complete(legal, 'B9', 'PAID', paid('2026-11-26'));
    expect(rules(r)).toEqual(['PAID_AFTER_EXECUTION_LIMITATION']);
    expect(r?.legalBasis).toMatch(/Điều 74/);
    // An "evasion" that ended before the decision is refused, and restarts nothing.
    expect(rules(late.complete(legal, 'B9', 'PAID', paid('2026-11-26', { evasionEndedOn: '2025-11-20' })))).toEqual(['EVASION_BEFORE_DECISION', 'PAID_AFTER_EXECUTION_LIMITATION']);
    expect(late.complete(legal, 'B9', 'PAID', paid('2026-11-26', { evasionEndedOn: '2026-03-02' }))).toBeUndefined();
    // Version 7 recorded the late payment.
    expect(decided(7).complete(legal, 'B9', 'PAID', paid('2026-11-26'))).toBeUndefined();
  });

  it('after the year the unpaid decision still goes to enforcement, whose outcome records the limitation', () => {
    const d = decided(8);
    expect(d.complete(legal, 'B9', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['B15']);
  });

  it('signs of a crime found after the year no longer suspend the decision; within an evasion’s year they do', () => {
    const d = decided(8);
    expect(rules(d.complete(legal, 'B9', 'CRIMINAL_SIGNS', {}))).toEqual(['SIGNS_AFTER_EXECUTION_LIMITATION']);
    expect(d.complete(legal, 'B9', 'CRIMINAL_SIGNS', { evasionEndedOn: '2026-03-02' })).toBeUndefined();
    expect(decided(7).complete(legal, 'B9', 'CRIMINAL_SIGNS', {})).toBeUndefined();
  });
});
