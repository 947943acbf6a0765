/**
 * The penalty procedure, version 2, on the pure engine with the real calendar: the law in
 * substance — brackets from the catalogue, competence, earliest times, clocks counted from the
 * dates on the papers, the after-deadline path, postponement, instalments and the surcharge.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar.js';
import type { TRejection } from '../engine.js';
import { actor, at, drive, SEED_CALENDAR, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { penaltyNoRecordProcedure, penaltyProcedure } from './penalty.js';
import { inspectionProcedure } from './inspection.js';
import { criminalReferralProcedure, enforcementProcedure, seizureProcedure } from './tracks.js';

const inspector = actor('INSPECTOR');
const lead = actor('TEAM_LEAD');
const director = actor('DIRECTOR');
const legal = actor('LEGAL_OFFICER');

const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];

const TODAY = '2026-12-02';
const wd = (from: string, n: number): string => SEED_CALENDAR.dueDate({ anchorDate: from, amount: n, unit: 'working_days' }).due;
const daysAgo = (n: number): string => addCalendarDays(TODAY, -n);

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recordNo: '01/BB',
    recordedAt: TODAY,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An',
    violatorName: 'Nguyễn Thị F',
    offenderType: 'INDIVIDUAL',
    violationDate: TODAY,
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' }],
    violatorSigned: true,
    ...overrides,
  };
}
const decision = (overrides: Record<string, unknown> = {}) => ({ decisionNo: '15/QĐ-XPHC', decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000, ...overrides });

/** A case with B1 completed (and B3, when `reviewed`). */
function opened(rec: Record<string, unknown> = {}, opts: { now?: string; reviewed?: boolean; version?: number } = {}): TDriver {
  const d = drive(penaltyProcedure(opts.version), { now: at(opts.now ?? TODAY), catalogue: CATALOGUE });
  expect(d.complete(inspector, 'B1', 'RECORDED', record(rec))).toBeUndefined();
  if (opts.reviewed !== false) expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
  return d;
}

function rule(r: TRejection | undefined): string | undefined {
  return (r?.details as { rule?: string } | undefined)?.rule ?? r?.code;
}

describe('the violation record (B1)', () => {
  it('takes the act from the catalogue: the bracket for the offender, never typed by hand', () => {
    const d = opened({ offenderType: 'ORGANIZATION' });
    const act = (d.state.completed[0]!.data.acts as { violation: Record<string, unknown> }[])[0]!.violation;
    expect(act).toMatchObject({ code: 'ND87/2024:14.1', offender: 'ORGANIZATION', bracketMin: 10_000_000, bracketMax: 20_000_000, bracketMid: 15_000_000, limitationYears: 2 });
  });

  it('refuses a code that is not in the catalogue, at its field', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    const r = d.complete(inspector, 'B1', 'RECORDED', record({ acts: [{ violation: 'ND98/2020:99.9.z', description: 'x' }] }));
    expect(r).toMatchObject({ code: 'FORM_INVALID', details: [{ path: 'acts.0.violation', message: expect.stringMatching(/not in the violation catalogue/) }] });
  });

  it('refuses a record nobody signed, and a violation dated after the record', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    expect(rule(d.complete(inspector, 'B1', 'RECORDED', record({ violatorSigned: false })))).toBe('RECORD_NOT_SIGNED');
    expect(d.complete(inspector, 'B1', 'RECORDED', record({ violatorSigned: false }))?.legalBasis).toMatch(/Điều 58\(3\)/);
    expect(rule(d.complete(inspector, 'B1', 'RECORDED', record({ recordedAt: daysAgo(2), violationDate: daysAgo(1) })))).toBe('VIOLATION_AFTER_RECORD');
    expect(d.complete(inspector, 'B1', 'RECORDED', record({ violatorSigned: false, witnessName: 'Trần Văn G, công an xã' }))).toBeUndefined();
  });

  it('refuses a record made after the limitation period of the act (1 or 2 years, from the catalogue)', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    const r = d.complete(inspector, 'B1', 'RECORDED', record({ violationDate: '2025-11-20', acts: [{ violation: 'ND99/2020:5.1', description: 'x' }] }));
    expect(r).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-11-20' } });
    // The same date is within the 2 years of a trade violation.
    expect(d.complete(inspector, 'B1', 'RECORDED', record({ violationDate: '2025-11-20' }))).toBeUndefined();
  });
});

describe('clocks counted from the dates on the papers', () => {
  it('the decision deadline runs from the record date: a record dated 25/11/2026 entered on 02/12 is due 04/12, not 11/12', () => {
    const d = opened({ recordedAt: '2026-11-25', violationDate: '2026-11-24' });
    const b6 = d.state.open.find((o) => o.stepId === 'B6')!;
    expect(b6.deadline).toMatchObject({ due: '2026-12-04', anchorAt: at('2026-11-25').replace('02:00', '05:00') });
  });

  it('a record entered after its decision deadline opens B6 already breached and escalated', () => {
    const d = opened({ recordedAt: '2026-11-10', violationDate: '2026-11-09' });
    const b6 = d.state.open.find((o) => o.stepId === 'B6')!;
    expect(b6.deadline).toMatchObject({ due: wd('2026-11-10', 7), breached: true });
    expect(d.state.escalations.some((e) => e.stepId === 'B6' && e.reason === 'deadline passed')).toBe(true);
  });

  it('a decision dated within the deadline is lawful even when entered late; one dated after it is not', () => {
    const d = opened({ recordedAt: '2026-11-10', violationDate: '2026-11-09' });
    const due = wd('2026-11-10', 7);
    expect(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: addCalendarDays(due, 1) }))).toMatchObject({ code: 'DEADLINE_PASSED', details: { field: 'decisionDate' } });
    expect(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: due }))).toBeUndefined();
    const audit = d.state.pendingAudit.find((e) => e.action === 'STEP_COMPLETED' && e.stepId === 'B6')!;
    expect(audit.detail).toMatchObject({ documentDate: due, enteredAt: at(TODAY), late: false });
  });

  it('a decision dated after the deadline but within it on the clock is refused too (dated late)', () => {
    const d = opened({ recordedAt: TODAY });
    const due = wd(TODAY, 7);
    // Entered on the day of the record, but dated after the due date: a misdated paper.
    const r = d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: addCalendarDays(due, 1) }));
    expect(r).toMatchObject({ code: 'FORM_INVALID' }); // a date in the future is refused by the form first
    d.setNow(at(addCalendarDays(due, 3)));
    expect(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: addCalendarDays(due, 1) }))?.code).toBe('DEADLINE_PASSED');
  });

  it('the delivery period runs from the decision date, the 10 days to comply from the date received', () => {
    const d = opened({ recordedAt: daysAgo(6), violationDate: daysAgo(7) });
    expect(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: daysAgo(5) }))).toBeUndefined();
    expect(d.state.open.find((o) => o.stepId === 'B8')!.deadline!.due).toBe(wd(daysAgo(5), 2));
    expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: daysAgo(4) })).toBeUndefined();
    const b9 = d.state.open.find((o) => o.stepId === 'B9')!.deadline!;
    expect(b9.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: daysAgo(4), amount: 10, unit: 'days', binds: 'PARTY' }).due);
    expect(b9.binds).toBe('PARTY');
  });

  it('refuses a delivery dated before the decision', () => {
    const d = opened();
    d.complete(director, 'B6', 'DECIDED', decision());
    expect(rule(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: daysAgo(1) }))).toBe('DELIVERY_BEFORE_DECISION');
  });
});

describe('the decision (B6): bracket, reason, competence', () => {
  it('refuses 50,000,000 ₫ against a bracket whose maximum is 10,000,000 ₫, at the fine’s field', () => {
    const d = opened();
    const r = d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 50_000_000 }));
    expect(r).toMatchObject({
      code: 'GUARD_FAILED',
      legalBasis: expect.stringMatching(/Điều 23\(4\)/),
      details: { rule: 'FINE_ABOVE_BRACKET', field: 'fineAmount', message: { vi: expect.any(String), en: expect.any(String) } },
    });
    // Every rule broken is listed: the amount is also not the midpoint and has no reason.
    expect((r!.details as { failures: { rule: string }[] }).failures.map((f) => f.rule)).toEqual(['FINE_ABOVE_BRACKET', 'AMOUNT_REASON_MISSING']);
  });

  it('refuses an amount below the bracket, and one off the midpoint without a reason; accepts the midpoint', () => {
    const d = opened();
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 4_000_000 })))).toBe('FINE_BELOW_BRACKET');
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 9_000_000 })))).toBe('AMOUNT_REASON_MISSING');
    expect(d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 9_000_000, amountReason: '2 tình tiết tăng nặng' }))).toBeUndefined();
  });

  it('from version 6, moves the amount from the midpoint only the way its circumstances allow (Art. 23(4))', () => {
    // Bracket 5–10 million, midpoint 7.5 million. Seen in a walkthrough: 2 mitigating circumstances and the fine raised.
    const d = opened({}, { version: 6 });
    const raised = { fineAmount: 9_000_000, amountReason: 'Có 2 tình tiết giảm nhẹ' };
    expect(d.complete(director, 'B6', 'DECIDED', decision({ ...raised, mitigating: 2, aggravating: 0 }))).toMatchObject({
      code: 'GUARD_FAILED',
      legalBasis: expect.stringMatching(/Điều 10, 23\(4\)/),
      details: { rule: 'FINE_RAISED_WITHOUT_AGGRAVATING', field: 'fineAmount' },
    });
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision(raised)))).toBe('FINE_RAISED_WITHOUT_AGGRAVATING');
    const lowered = { fineAmount: 6_000_000, amountReason: 'Tình tiết tăng nặng' };
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ ...lowered, aggravating: 1 })))).toBe('FINE_LOWERED_WITHOUT_MITIGATING');
    // The midpoint needs nothing; each direction with its kind of circumstance is the officer's, with the reason.
    expect(opened({}, { version: 6 }).complete(director, 'B6', 'DECIDED', decision())).toBeUndefined();
    expect(opened({}, { version: 6 }).complete(director, 'B6', 'DECIDED', decision({ ...lowered, mitigating: 1 }))).toBeUndefined();
    expect(opened({}, { version: 6 }).complete(director, 'B6', 'DECIDED', decision({ ...raised, mitigating: 2, aggravating: 1 }))).toBeUndefined();
    // Cases on version 5 and before keep their rules.
    expect(opened({}, { version: 5 }).complete(director, 'B6', 'DECIDED', decision({ ...raised, mitigating: 2 }))).toBeUndefined();
  });

  it('from version 6, asks what is to be verified when B3 gives the decision a month for it (Art. 59, 66(1))', () => {
    const d = opened({}, { reviewed: false, version: 6 });
    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', { needsVerification: true })).toMatchObject({ details: { rule: 'VERIFICATION_NOT_STATED', field: 'verificationNote' } });
    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', { needsVerification: true, verificationNote: 'Định giá tang vật (Điều 60)' })).toBeUndefined();
    expect(opened({}, { reviewed: false, version: 5 }).complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', { needsVerification: true })).toBeUndefined();
  });

  it('doubles the bracket for an organisation', () => {
    const d = opened({ offenderType: 'ORGANIZATION' });
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 12_000_000 })))).toBe('AMOUNT_REASON_MISSING');
    expect(d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 15_000_000 }))).toBeUndefined();
  });

  it('refuses a warning where the decree provides none, and a fine with a warning', () => {
    const d = opened();
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ sanction: 'WARNING', fineAmount: undefined })))).toBe('WARNING_NOT_PROVIDED');
    const w = opened({ acts: [{ violation: 'ND98/2020:17.1.c', description: 'x' }] });
    expect(rule(w.complete(director, 'B6', 'DECIDED', decision({ sanction: 'WARNING', fineAmount: 400_000 })))).toBe('FINE_WITH_WARNING');
    expect(w.complete(director, 'B6', 'DECIDED', decision({ sanction: 'WARNING', fineAmount: undefined }))).toBeUndefined();
  });

  it('lets a team lead fine up to their ceiling only: a bracket maximum of 40,000,000 ₫ is the director’s (Art. 52)', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    d.complete(inspector, 'B1', 'RECORDED', record({ acts: [{ violation: 'ND98/2020:11.3', description: 'x' }], explanationNotice: 'Quyền giải trình trong 05 ngày làm việc' }));
    d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {});
    d.complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: TODAY, explanation: 'Giải trình' });
    const byLead = d.complete(lead, 'B6', 'DECIDED', decision({ fineAmount: 30_000_000 }));
    expect(byLead).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'OUTSIDE_COMPETENCE' }, legalBasis: expect.stringMatching(/Điều 52/) });
    expect((byLead!.details as { message: { vi: string } }).message.vi).toMatch(/40\.000\.000 ₫ vượt thẩm quyền phạt tiền của TEAM_LEAD.*25\.000\.000 ₫/);
    // A warning needs no fining competence; the director may fine.
    expect(d.complete(director, 'B6', 'DECIDED', decision({ fineAmount: 30_000_000 }))).toBeUndefined();
  });

  it('refuses a decision dated before the record', () => {
    const d = opened({ recordedAt: daysAgo(3), violationDate: daysAgo(3) });
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: daysAgo(4) })))).toBe('DECISION_BEFORE_RECORD');
  });
});

describe('the after-deadline path (Art. 65(1)(c), 66)', () => {
  it('offers confiscation and remedial measures without a fine once the deadline has passed, never before', () => {
    const early = opened();
    const measures = { decisionNo: '16/QĐ-TTTV', decisionDate: TODAY, signedBy: 'x', sanction: 'NONE', additionalSanctions: 'Tịch thu 120 chai rượu' };
    expect(rule(early.complete(director, 'B6', 'MEASURES_ONLY', measures))).toBe('DEADLINE_NOT_PASSED');
    const late = opened({ recordedAt: '2026-11-10', violationDate: '2026-11-09' });
    expect(rule(late.complete(director, 'B6', 'MEASURES_ONLY', { ...measures, fineAmount: 1_000_000 }))).toBe('NO_FINE_AFTER_DEADLINE');
    expect(rule(late.complete(director, 'B6', 'MEASURES_ONLY', { ...measures, additionalSanctions: undefined }))).toBe('MEASURES_MISSING');
    expect(late.complete(director, 'B6', 'MEASURES_ONLY', measures)).toBeUndefined();
    const audit = late.state.pendingAudit.find((e) => e.action === 'STEP_COMPLETED' && e.stepId === 'B6')!;
    expect(audit.detail).toMatchObject({ outcome: 'MEASURES_ONLY', afterDeadline: true, late: true });
    expect(late.state.open.map((o) => o.stepId)).toEqual(['B8']);
  });

  it('cannot extend a deadline that has passed', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    d.complete(inspector, 'B1', 'RECORDED', record({ recordedAt: '2026-10-01', violationDate: '2026-10-01', acts: [{ violation: 'ND98/2020:11.3', description: 'x' }], explanationNotice: 'x' }));
    d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {});
    d.complete(legal, 'B4', 'NO_EXPLANATION', {});
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 1, reason: 'Vụ việc phức tạp' })).toMatchObject({
      code: 'EXTENSION_NOT_ALLOWED',
      message: expect.stringMatching(/không thể gia hạn sau khi hết hạn/),
    });
    // Cases started before this rule (ruleset 1) replay as they were (a replay is checked by the handler alone, not admitted).
    const old = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE, ruleset: 1, admitting: false });
    old.complete(inspector, 'B1', 'RECORDED', record({ recordedAt: '2026-10-01', violationDate: '2026-10-01', acts: [{ violation: 'ND98/2020:11.3', description: 'x' }], explanationNotice: 'x' }));
    old.complete(legal, 'B3', 'EXPLANATION_RIGHT', {});
    old.complete(legal, 'B4', 'NO_EXPLANATION', {});
    expect(old.act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 1, reason: 'x' })).toBeUndefined();
  });
});

describe('the right to explain (B3, B4: Art. 61)', () => {
  function explaining(rec: Record<string, unknown> = {}): TDriver {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    expect(
      d.complete(inspector, 'B1', 'RECORDED', record({ acts: [{ violation: 'ND98/2020:11.3', description: 'x' }], explanationNotice: 'Được giải trình trong 05 ngày làm việc', ...rec })),
    ).toBeUndefined();
    expect(d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {})).toBeUndefined();
    return d;
  }

  it('applies from the bracket maximum, and also to a licence withdrawal or suspension whatever the amount', () => {
    const small = opened({}, { reviewed: false });
    expect(rule(small.complete(legal, 'B3', 'EXPLANATION_RIGHT', {}))).toBe('NO_RIGHT_TO_EXPLAIN');
    const licence = opened({ licenceMeasure: true, explanationNotice: 'x' }, { reviewed: false });
    expect(rule(licence.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {}))).toBe('RIGHT_TO_EXPLAIN_APPLIES');
    expect(licence.complete(legal, 'B3', 'EXPLANATION_RIGHT', {})).toBeUndefined();
  });

  it('requires the record to state the right to explain when it applies', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    expect(rule(d.complete(inspector, 'B1', 'RECORDED', record({ acts: [{ violation: 'ND98/2020:11.3', description: 'x' }] })))).toBe('EXPLANATION_NOTICE_MISSING');
  });

  it('refuses "no explanation" while the 5 working days run, unless waived in writing; the decision then gets 1 month from the record', () => {
    const d = explaining();
    const b4 = d.state.open.find((o) => o.stepId === 'B4')!;
    expect(b4.deadline).toMatchObject({ due: SEED_CALENDAR.dueDate({ anchorDate: TODAY, amount: 5, unit: 'working_days', binds: 'PARTY' }).due, binds: 'PARTY' });
    expect(b4.windows!.hearingRequest!.due).toBe(wd(TODAY, 2));
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', {})).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'EXPLANATION_WINDOW_OPEN' }, legalBasis: expect.stringMatching(/Điều 61\(2\)/) });
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: [{ sha256: 'a'.repeat(64), name: 'tu-choi.pdf', size: 10, mime: 'application/pdf' }] })).toBeUndefined();
    expect(d.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: TODAY, amount: 1, unit: 'months' }).due);
  });

  it('still extends the party’s own explanation period after it ended (the period binds the party, not the agency)', () => {
    const d = explaining();
    d.setNow(at(addCalendarDays(d.state.open.find((o) => o.stepId === 'B4')!.deadline!.due, 1)));
    expect(d.act(lead, { type: 'GRANT_EXTENSION', stepId: 'B4', amount: 2, reason: 'Vụ việc phức tạp, theo đề nghị' })).toBeUndefined();
  });

  it('accepts "no explanation" once the window has closed', () => {
    const d = explaining();
    d.setNow(at(addCalendarDays(d.state.open.find((o) => o.stepId === 'B4')!.deadline!.due, 1)));
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', {})).toBeUndefined();
  });

  it('holds a hearing only when it was asked for within 2 working days of the record', () => {
    const d = explaining();
    const window = wd(TODAY, 2);
    const late = addCalendarDays(window, 1);
    d.setNow(at(addCalendarDays(window, 5)));
    expect(rule(d.complete(legal, 'B4', 'HEARING_HELD', { hearingRequestedOn: late, hearingDate: late, hearingMinutesNo: 'BB-GT-1' }))).toBe('HEARING_REQUEST_LATE');
    const skipped = d.complete(legal, 'B4', 'NO_EXPLANATION', { hearingRequestedOn: window });
    expect((skipped?.details as { failures: { rule: string }[] }).failures.map((f) => f.rule)).toContain('HEARING_REQUESTED_NOT_HELD');
    expect(d.complete(legal, 'B4', 'HEARING_HELD', { hearingRequestedOn: window, hearingDate: late, hearingMinutesNo: 'BB-GT-1' })).toBeUndefined();
  });
});

/**
 * A case decided on `decided` (a fine of `fine` for one act, 5–10 M ₫ unless another is given) and
 * delivered (received on `received`); a bracket with the right to explain goes through a written waiver.
 */
function delivered(decided: string, received: string, fine = 7_500_000, act = 'ND87/2024:14.1'): TDriver {
  const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
  expect(d.complete(inspector, 'B1', 'RECORDED', record({ recordedAt: decided, violationDate: decided, acts: [{ violation: act, description: 'x' }], explanationNotice: 'x' }))).toBeUndefined();
  if (d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})) {
    expect(d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {})).toBeUndefined();
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: [{ sha256: 'b'.repeat(64), name: 'w.pdf', size: 1, mime: 'application/pdf' }] })).toBeUndefined();
  }
  expect(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: decided, fineAmount: fine, amountReason: 'x' }))).toBeUndefined();
  expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: received })).toBeUndefined();
  return d;
}

describe('compliance and payment (B9: Arts. 73, 78)', () => {
  it('refuses "paid" for less than the fine, or without a receipt', () => {
    const d = delivered(TODAY, TODAY);
    expect(d.complete(legal, 'B9', 'PAID', { receiptNo: 'BL-1', paidAmount: 3_750_000, paidDate: TODAY })).toMatchObject({
      code: 'GUARD_FAILED',
      details: { rule: 'PAID_LESS_THAN_DUE', field: 'paidAmount' },
    });
    expect(rule(d.complete(legal, 'B9', 'PAID', { paidAmount: 7_500_000, paidDate: TODAY }))).toBe('PAYMENT_MISSING');
    expect(rule(d.complete(legal, 'B9', 'COMPLIED', {}))).toBe('FINE_UNPAID');
    expect(d.complete(legal, 'B9', 'PAID', { receiptNo: 'BL-1', paidAmount: 7_500_000, paidDate: TODAY })).toBeUndefined();
  });

  it('refuses enforcement on day 0 of the 10 days to comply (Art. 73(1), 86); allows it once they have run', () => {
    const d = delivered(TODAY, TODAY);
    expect(d.complete(legal, 'B9', 'NOT_COMPLIED', {})).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'VOLUNTARY_PERIOD_RUNNING' }, legalBasis: expect.stringMatching(/Điều 73\(1\), 86/) });
    const due = d.state.open.find((o) => o.stepId === 'B9')!.deadline!.due;
    d.setNow(at(due));
    expect(rule(d.complete(legal, 'B9', 'NOT_COMPLIED', {}))).toBe('VOLUNTARY_PERIOD_RUNNING');
    d.setNow(at(addCalendarDays(due, 1)));
    expect(d.complete(legal, 'B9', 'NOT_COMPLIED', {})).toBeUndefined();
    // The enforcement case counts its limitation from the decision.
    expect(d.children).toEqual([{ stepId: 'B15', procedureId: 'ins-enforcement', facts: { decisionDate: TODAY, executionFrom: TODAY, fineAmount: 7_500_000 } }]);
  });

  it('adds the 0.05 %/day surcharge from the day after the time limit to the day before payment', () => {
    const received = daysAgo(30);
    const d = delivered(received, received, 10_000_000);
    const due = d.state.open.find((o) => o.stepId === 'B9')!.deadline!.due;
    const days = Math.round((Date.parse(TODAY) - Date.parse(due)) / 86_400_000) - 1;
    const owed = 10_000_000 + Math.round(10_000_000 * 0.0005 * days);
    expect(days).toBeGreaterThan(15);
    expect(rule(d.complete(legal, 'B9', 'PAID', { receiptNo: 'BL-2', paidAmount: 10_000_000, paidDate: TODAY }))).toBe('PAID_LESS_THAN_DUE');
    expect(rule(d.complete(legal, 'B9', 'PAID', { receiptNo: 'BL-2', paidAmount: owed - 1, paidDate: TODAY }))).toBe('PAID_LESS_THAN_DUE');
    expect(d.complete(legal, 'B9', 'PAID', { receiptNo: 'BL-2', paidAmount: owed, paidDate: TODAY })).toBeUndefined();
  });

  it('postpones for at most 3 months from the postponement decision, and counts the limitation from its end', () => {
    const d = delivered(daysAgo(2), daysAgo(1));
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', {})).toBeUndefined();
    const ask = { decisionNo: 'MQĐ03-1', decisionDate: TODAY, signedBy: 'x', hardship: 'Hộ nghèo có xác nhận của UBND xã' };
    expect(rule(d.complete(director, 'B12', 'POSTPONED', { ...ask, postponedUntil: '2027-03-03' }))).toBe('POSTPONEMENT_TOO_LONG');
    expect(d.complete(director, 'B12', 'POSTPONED', { ...ask, postponedUntil: '2027-03-02' })).toBeUndefined();
    expect(d.state.open.find((o) => o.stepId === 'B14')!.deadline!.due).toBe('2027-03-02');
    d.setNow(at('2027-03-03'));
    expect(d.complete(legal, 'B14', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(d.children.at(-1)).toMatchObject({ stepId: 'B15', facts: { decisionDate: daysAgo(2), executionFrom: '2027-03-02' } });
  });

  it('grants instalments with a first payment of at least 40 %, at most 3, over at most 6 months from the decision', () => {
    const small = delivered(TODAY, TODAY);
    expect(rule(small.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', {}))).toBe('INSTALMENT_THRESHOLD');
    const d = delivered(TODAY, TODAY, 30_000_000, 'ND98/2020:11.3');
    expect(d.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', {})).toBeUndefined();
    const ask = { decisionNo: 'NP-1', decisionDate: TODAY, signedBy: 'x', instalments: 3, firstAmount: 12_000_000, lastDueDate: '2027-06-02' };
    expect(rule(d.complete(director, 'B13', 'INSTALMENTS_GRANTED', { ...ask, firstAmount: 11_999_999 }))).toBe('FIRST_INSTALMENT_TOO_SMALL');
    expect(rule(d.complete(director, 'B13', 'INSTALMENTS_GRANTED', { ...ask, instalments: 4 }))).toBe('TOO_MANY_INSTALMENTS');
    expect(rule(d.complete(director, 'B13', 'INSTALMENTS_GRANTED', { ...ask, lastDueDate: '2027-06-03' }))).toBe('INSTALMENTS_TOO_LONG');
    expect(d.complete(director, 'B13', 'INSTALMENTS_GRANTED', ask)).toBeUndefined();
  });

  it('refuses closing the file before the national database is updated', () => {
    const d = delivered(TODAY, TODAY);
    d.complete(legal, 'B9', 'PAID', { receiptNo: 'BL-1', paidAmount: 7_500_000, paidDate: TODAY });
    expect(rule(d.complete(legal, 'B17', 'CLOSED', { nationalDbUpdated: false, archiveNo: 'LT-1' }))).toBe('NATIONAL_DB_NOT_UPDATED');
    expect(d.complete(legal, 'B17', 'CLOSED', { nationalDbUpdated: true, archiveNo: 'LT-1' })).toBeUndefined();
    expect(d.state.status).toBe('CLOSED');
  });
});

describe('a criminal referral that comes back (Art. 63)', () => {
  it('goes back to the decision, with 30 days from the receipt of the returned file (45 with the extension)', () => {
    const d = drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    expect(d.complete(inspector, 'B1', 'CRIMINAL_SIGNS', record())).toBeUndefined();
    expect(d.children).toEqual([{ stepId: 'BF', procedureId: 'ins-criminal-referral', facts: { returnsToCase: true } }]);
    d.childClosed('BF', 'RETURNED_TO_CASE', { documentNo: 'CV-12', fileReceivedOn: '2026-12-20' }, at('2026-12-21'));
    const b6 = d.state.open.find((o) => o.stepId === 'B6')!;
    expect(b6.deadline).toMatchObject({ due: '2027-01-19', legalBasis: expect.stringMatching(/Điều 63\(2\)/) });
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 16, reason: 'Xác minh thêm' })).toMatchObject({ code: 'EXTENSION_NOT_ALLOWED' });
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 15, reason: 'Xác minh thêm' })).toBeUndefined();
    expect(d.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe('2027-02-03');
    expect(rule(d.complete(director, 'B6', 'DECIDED', decision({ decisionDate: '2026-12-19' }), at('2026-12-22')))).toBe('DECISION_BEFORE_RETURN');
  });

  it('the referral case sends the file back to the penalty case only when there is one', () => {
    const child = drive(criminalReferralProcedure(), { now: at(TODAY), start: { facts: { returnsToCase: true } } });
    child.complete(director, 'F1', 'TRANSFERRED', { transferNo: 'CV-1', receiver: 'Công an tỉnh', handoverRecordNo: 'BG-1', violatorNotified: true });
    expect(rule(child.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-1', fileReceivedOn: TODAY }))).toBe('RETURNS_TO_CASE');
    expect(child.complete(legal, 'F4', 'RETURNED_TO_CASE', { documentNo: 'QĐ-1', fileReceivedOn: TODAY })).toBeUndefined();
    const standalone = drive(criminalReferralProcedure(), { now: at(TODAY) });
    expect(rule(standalone.complete(director, 'F1', 'TRANSFERRED', { transferNo: 'CV-1', receiver: 'x', handoverRecordNo: 'BG-1', violatorNotified: false }))).toBe('VIOLATOR_NOT_NOTIFIED');
  });

  it('F5 also has the after-deadline path', () => {
    const d = drive(criminalReferralProcedure(), { now: at(TODAY) });
    d.complete(director, 'F1', 'TRANSFERRED', { transferNo: 'CV-1', receiver: 'x', handoverRecordNo: 'BG-1', violatorNotified: true });
    d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-1', fileReceivedOn: daysAgo(40) });
    expect(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', { decisionNo: 'QĐ-5', decisionDate: TODAY, signedBy: 'x', fineAmount: 1 })?.code).toBe('DEADLINE_PASSED');
    expect(d.complete(director, 'F5', 'MEASURES_ONLY', { decisionDate: TODAY, measures: 'Tịch thu tang vật' })).toBeUndefined();
  });
});

describe('enforcement, seizure and the no-record path', () => {
  it('counts the execution limitation (1 year) from the date handed down, not from when enforcement opened', () => {
    const e = drive(enforcementProcedure(), { now: at(TODAY), start: { facts: { decisionDate: '2026-03-02', executionFrom: '2026-03-02', fineAmount: 1_000_000 } } });
    expect(e.state.open[0]!.deadline).toMatchObject({ due: '2027-03-02', amount: 12, unit: 'months' });
    expect(rule(e.complete(director, 'E2', 'LIMITATION_EXPIRED', {}))).toBe('LIMITATION_RUNNING');
    expect(rule(e.complete(director, 'E2', 'ISSUED', {}))).toBe('DECISION_MISSING');
    expect(rule(e.complete(director, 'E2', 'ISSUED', { decisionNo: 'CC-1', decisionDate: '2026-03-01', signedBy: 'x', measure: 'DEDUCT_ACCOUNT' }, at('2026-12-03')))).toBe('COERCION_BEFORE_DECISION');
  });

  it('keeps a seizure within 7 working days of the actual seizure, and never beyond the decision deadline from the record', () => {
    const base = { decisionNo: 'TG-1', decisionDate: TODAY, signedBy: 'x', ground: 'VERIFY_FACTS', seizedOn: TODAY, items: [{ name: 'Rượu', quantity: 120, unit: 'chai' }], violatorSigned: true };
    const s = drive(seizureProcedure(), { now: at(TODAY) });
    expect(s.complete(lead, 'D2', 'SEIZED', { ...base, recordDate: TODAY, decisionPeriod: 'STANDARD' })).toBeUndefined();
    expect(s.state.open[0]!.deadline!.due).toBe(wd(TODAY, 7));
    const capped = drive(seizureProcedure(), { now: at(TODAY) });
    expect(capped.complete(lead, 'D2', 'SEIZED', { ...base, recordDate: daysAgo(5), decisionPeriod: 'STANDARD' })).toBeUndefined();
    expect(capped.state.open[0]!.deadline!.due).toBe(wd(daysAgo(5), 7));
    const month = drive(seizureProcedure(), { now: at(TODAY) });
    month.complete(lead, 'D2', 'SEIZED', { ...base, recordDate: TODAY, decisionPeriod: 'EXPLAIN_OR_VERIFY' });
    expect(month.state.open[0]!.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: TODAY, amount: 1, unit: 'months' }).due);
    expect(month.act(director, { type: 'GRANT_EXTENSION', stepId: 'D4', amount: 2, reason: 'x' })?.code).toBe('EXTENSION_NOT_ALLOWED');
    expect(month.act(director, { type: 'GRANT_EXTENSION', stepId: 'D4', amount: 1, reason: 'Gia hạn thời hạn ra quyết định' })).toBeUndefined();
    expect(month.state.open[0]!.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: TODAY, amount: 2, unit: 'months' }).due);
    expect(s.act(director, { type: 'GRANT_EXTENSION', stepId: 'D4', amount: 1, reason: 'x' })?.code).toBe('EXTENSION_NOT_ALLOWED');
  });

  it('refuses to extend a seizure once its period has ended: the items are held no longer than Art. 125(8) allows', () => {
    const base = { decisionNo: 'TG-1', decisionDate: TODAY, signedBy: 'x', ground: 'VERIFY_FACTS', seizedOn: TODAY, items: [{ name: 'Rượu', quantity: 120, unit: 'chai' }], violatorSigned: true };
    const month = drive(seizureProcedure(), { now: at(TODAY) });
    month.complete(lead, 'D2', 'SEIZED', { ...base, recordDate: TODAY, decisionPeriod: 'EXPLAIN_OR_VERIFY' });
    const due = month.state.open[0]!.deadline!.due;
    const late = month.act(director, { type: 'GRANT_EXTENSION', stepId: 'D4', amount: 1, reason: 'Gia hạn thời hạn ra quyết định' }, at(addCalendarDays(due, 1)));
    expect([late?.code, late?.rule, late?.params]).toEqual(['EXTENSION_NOT_ALLOWED', 'EXTENSION_AFTER_DEADLINE', { stepId: 'D4', due }]);
    expect(late?.legalBasis).toMatch(/Điều 125\(8\)/);
    expect(month.state.open[0]!.deadline!.extensions).toEqual([]);
    // On its last day it still may be extended.
    expect(month.act(director, { type: 'GRANT_EXTENSION', stepId: 'D4', amount: 1, reason: 'Gia hạn thời hạn ra quyết định' }, at(due))).toBeUndefined();
  });

  it('decides on the spot within the bracket, the no-record limit and the inspector’s competence; a warning only where provided', () => {
    const n = (data: Record<string, unknown>, outcome = 'DECIDED', who = inspector) => {
      const d = drive(penaltyNoRecordProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
      return rule(
        d.complete(
          who,
          'N1',
          outcome,
          {
            decisionNo: 'QĐ-1',
            decisionDate: TODAY,
            signedBy: 'x',
            violatorName: 'x',
            offenderType: 'INDIVIDUAL',
            violationDate: TODAY,
            violation: 'ND98/2020:17.1.c',
            place: 'x',
            sanction: 'FINE',
            fineAmount: 400_000,
            ...data,
          },
          undefined,
        ),
      );
    };
    expect(n({})).toBeUndefined();
    expect(n({ fineAmount: 600_000 })).toBe('FINE_ABOVE_BRACKET');
    expect(n({ violation: 'ND87/2024:13.1', fineAmount: 750_000 })).toBe('NO_RECORD_THRESHOLD');
    expect(n({ violation: 'ND87/2024:13.1', offenderType: 'ORGANIZATION', fineAmount: 900_000, amountReason: 'x' })).toBe('FINE_BELOW_BRACKET');
    // An organisation's bracket here reaches 2,000,000 ₫: above an inspector's fining competence for it (1,000,000 ₫).
    expect(n({ violation: 'ND87/2024:13.1', offenderType: 'ORGANIZATION', fineAmount: 1_000_000, amountReason: 'x' })).toBe('OUTSIDE_COMPETENCE');
    expect(n({ violation: 'ND87/2024:14.1', fineAmount: 7_500_000 })).toBe('NO_RECORD_THRESHOLD');
    expect(n({ violation: 'ND87/2024:14.1', fineAmount: 7_500_000 }, 'DECIDED', lead)).toBe('NO_RECORD_THRESHOLD');
    expect(n({ detectedByEquipment: true })).toBe('RECORD_REQUIRED_EQUIPMENT');
    expect(n({ sanction: 'WARNING', fineAmount: undefined }, 'WARNED')).toBeUndefined();
    expect(n({ violation: 'ND87/2024:13.1', sanction: 'WARNING', fineAmount: undefined }, 'WARNED')).toBe('WARNING_NOT_PROVIDED');
    expect(n({ violationDate: '2024-06-01' })).toBe('LIMITATION_EXPIRED');
  });

  it('a no-record fine is paid with its receipt, counted from the decision date', () => {
    const d = drive(penaltyNoRecordProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
    d.complete(inspector, 'N1', 'DECIDED', {
      decisionNo: 'QĐ-1',
      decisionDate: daysAgo(1),
      signedBy: 'x',
      violatorName: 'x',
      offenderType: 'INDIVIDUAL',
      violationDate: daysAgo(1),
      violation: 'ND98/2020:17.1.c',
      place: 'x',
      sanction: 'FINE',
      fineAmount: 400_000,
    });
    expect(d.state.open[0]!.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: daysAgo(1), amount: 10, unit: 'days', binds: 'PARTY' }).due);
    expect(rule(d.complete(inspector, 'N2', 'PAID', {}))).toBe('PAYMENT_MISSING');
    expect(rule(d.complete(inspector, 'N2', 'PAID', { receiptNo: 'BL', paidAmount: 300_000, paidDate: TODAY }))).toBe('PAID_LESS_THAN_DUE');
    expect(rule(d.complete(inspector, 'N2', 'NOT_COMPLIED', {}))).toBe('VOLUNTARY_PERIOD_RUNNING');
    expect(d.complete(inspector, 'N2', 'PAID', { receiptNo: 'BL', paidAmount: 400_000, paidDate: TODAY })).toBeUndefined();
  });
});

describe('the inspection (version 2)', () => {
  it('counts the inspection period from the announcement’s date and refuses an announcement before the decision', () => {
    const d = drive(inspectionProcedure(), { now: at(TODAY) });
    expect(
      d.complete(director, 'A5', 'ISSUED', {
        decisionNo: 'QĐ-KT-1',
        decisionDate: daysAgo(10),
        signedBy: 'x',
        form: 'AD_HOC',
        adHocGround: 'VERIFIED_TIP',
        businessName: 'x',
        address: 'x',
        content: 'x',
      }),
    ).toBeUndefined();
    expect(d.complete(lead, 'A6', 'LOGGED', { teamHead: 'x', members: [{ name: 'x', cardNo: '1' }], workLogEntry: 'x' })).toBeUndefined();
    expect(rule(d.complete(inspector, 'A7', 'ANNOUNCED', { announcedAt: daysAgo(11), partyRepresentative: 'x' }))).toBe('ANNOUNCED_BEFORE_DECISION');
    expect(d.complete(inspector, 'A7', 'ANNOUNCED', { announcedAt: daysAgo(8), partyRepresentative: 'x' })).toBeUndefined();
    expect(d.state.open[0]!.deadline!.due).toBe(wd(daysAgo(8), 5));
    expect(d.complete(inspector, 'A8', 'INSPECTED', { findings: 'x' }, undefined)?.code).toBe('EVIDENCE_REQUIRED');
  });

  it('refuses an inspection record neither the party nor a witness signed', () => {
    const d = drive(inspectionProcedure(), { now: at(TODAY) });
    d.complete(director, 'A5', 'ISSUED', { decisionNo: '1', decisionDate: TODAY, signedBy: 'x', form: 'AD_HOC', adHocGround: 'VERIFIED_TIP', businessName: 'x', address: 'x', content: 'x' });
    d.complete(lead, 'A6', 'LOGGED', { teamHead: 'x', members: [{ name: 'x', cardNo: '1' }], workLogEntry: 'x' });
    d.complete(inspector, 'A7', 'ANNOUNCED', { announcedAt: TODAY, partyRepresentative: 'x' });
    expect(
      d.act(inspector, { type: 'COMPLETE_STEP', stepId: 'A8', outcome: 'INSPECTED', data: { findings: 'x' }, evidence: [{ sha256: 'f'.repeat(64), name: 'a.jpg', size: 1, mime: 'image/jpeg' }] }),
    ).toBeUndefined();
    expect(rule(d.complete(inspector, 'A9', 'NO_VIOLATION', { recordNo: '1', partySigned: false }))).toBe('RECORD_NOT_SIGNED');
    expect(d.complete(inspector, 'A9', 'NO_VIOLATION', { recordNo: '1', partySigned: false, witnesses: 'Tổ trưởng dân phố' })).toBeUndefined();
  });
});
