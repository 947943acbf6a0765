/**
 * The tracks beside a case, version 4 (tip 2, docs/adr/0206), as shipped (papers issued) on the pure
 * engine with the real calendar: coercion only after the voluntary period, confiscation with its
 * decision and after the year of claims, the notices counted from the end of the seizure period,
 * the returned file's decision within the brackets and the decider's competence, the file never back
 * before it left, the tip logged the day it comes and replied to when asked. Each test shows the
 * version before accepting what it refuses.
 */
import { describe, expect, it } from 'vitest';
import type { TRejection } from '../engine.js';
import { actor, at, drive, SEED_CALENDAR, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { planMigration } from '../migration.js';
import { parseDefinition } from '../procedure-validate.js';
import { VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { VN_PROCEDURES } from './index.js';

const lead = actor('TEAM_LEAD');
const director = actor('DIRECTOR');
const legal = actor('LEGAL_OFFICER');
const inspector = actor('INSPECTOR');

const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];

const shipped = (id: string, version: number) => VN_PROCEDURES.find((p) => p.id === id && p.version === version)!;
const wd = (from: string, n: number): string => SEED_CALENDAR.dueDate({ anchorDate: from, amount: n, unit: 'working_days' }).due;
const openDue = (d: TDriver, stepId: string) => d.state.open.find((o) => o.stepId === stepId)?.deadline?.due;

function rule(r: TRejection | undefined): string | undefined {
  return (r?.details as { rule?: string } | undefined)?.rule ?? r?.code;
}

describe('enforcement version 4: coercion only after the voluntary period (Art. 73, 76, 86)', () => {
  // Decided Mon 02/03/2026, received the same day: the 10 days end on Thu 12/03/2026.
  const facts = { decisionDate: '2026-03-02', executionFrom: '2026-03-02', fineAmount: 7_500_000, complianceDueDate: '2026-03-12' };
  const coerce = (version: number, start: Record<string, string | number>, decisionDate: string) =>
    drive(shipped('ins-enforcement', version), { now: at('2026-06-10'), start: { facts: start } }).complete(director, 'E2', 'ISSUED', {
      decisionDate,
      signedBy: 'director',
      measure: 'DEDUCT_ACCOUNT',
    });

  it('refuses a coercion decision dated up to the last day of the period, at its date; version 3 took it', () => {
    expect(coerce(3, facts, '2026-03-03')).toBeUndefined();
    for (const date of ['2026-03-03', '2026-03-12']) {
      const r = coerce(4, facts, date);
      expect(r).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'COERCION_IN_COMPLIANCE_PERIOD', field: 'decisionDate' }, legalBasis: expect.stringMatching(/Điều 73\(1\), 79, 86\(1\)/) });
    }
    expect(coerce(4, facts, '2026-03-13')).toBeUndefined();
  });

  it('refuses one dated within a postponement (the execution counts from its end), and takes one after it', () => {
    const postponed = { ...facts, executionFrom: '2026-06-01', complianceDueDate: '2026-06-01' };
    expect(coerce(3, postponed, '2026-03-05')).toBeUndefined();
    // Without the voluntary period's last day (a parent that does not hand it yet), the postponement alone still holds.
    const { complianceDueDate: _none, ...withoutDue } = postponed;
    expect(rule(coerce(4, withoutDue, '2026-03-05'))).toBe('COERCION_DURING_POSTPONEMENT');
    expect(rule(coerce(4, withoutDue, '2026-06-01'))).toBe('COERCION_DURING_POSTPONEMENT');
    expect(coerce(4, withoutDue, '2026-06-02')).toBeUndefined();
    expect(rule(coerce(4, postponed, '2026-05-20'))).toBe('COERCION_IN_COMPLIANCE_PERIOD');
  });

  it('still lets the limitation outcome close without a decision date', () => {
    const d = drive(shipped('ins-enforcement', 4), { now: at('2027-04-01'), start: { facts } });
    expect(d.complete(director, 'E2', 'LIMITATION_EXPIRED', {})).toBeUndefined();
  });
});

const seizure = {
  decisionDate: '2026-03-02',
  signedBy: 'lead',
  ground: 'VERIFY_FACTS',
  seizedOn: '2026-03-02',
  recordDate: '2026-03-02',
  decisionPeriod: 'STANDARD',
  items: [{ name: 'Rượu', quantity: 120, unit: 'chai' }],
  violatorSigned: true,
};

function seized(version: number, now = '2026-03-02'): TDriver {
  const d = drive(shipped('ins-seizure', version), { now: at(now) });
  expect(d.complete(lead, 'D2', 'SEIZED', seizure)).toBeUndefined();
  return d;
}

describe('seizure version 4', () => {
  it('confiscates only with the decision’s number and date, never dated before the seizure; version 3 confiscated with none', () => {
    const v3 = seized(3);
    expect(v3.complete(lead, 'D4', 'CONFISCATED', {})).toBeUndefined();
    expect(v3.complete(lead, 'D6', 'CONFISCATED', { confiscatedValue: 50_000_000 })).toBeUndefined();

    const d = seized(4);
    expect(d.complete(lead, 'D4', 'CONFISCATED', {})).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'CONFISCATION_DECISION_MISSING', field: 'decisionNo' } });
    expect(rule(d.complete(lead, 'D4', 'CONFISCATED', { decisionNo: '15/QĐ-XPHC' }))).toBe('CONFISCATION_DECISION_MISSING');
    expect(d.complete(lead, 'D4', 'CONFISCATED', { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-03-01' })).toMatchObject({ details: { rule: 'DECISION_BEFORE_SEIZURE', field: 'decisionDate' } });
    expect(d.complete(lead, 'D4', 'CONFISCATED', { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-03-02' })).toBeUndefined();
    // Returning the items needs no decision date.
    expect(seized(4).complete(lead, 'D4', 'RETURNED', {})).toBeUndefined();
  });

  it('counts the 1st notice from the end of the seizure period, not from when D4 was entered, and the 2nd from the 1st’s date', () => {
    const v3 = seized(3);
    v3.setNow(at('2026-04-01'));
    expect(v3.complete(lead, 'D4', 'OWNER_UNKNOWN', {})).toBeUndefined();
    expect(openDue(v3, 'D7A')).toBe(wd('2026-04-01', 3));

    const d = seized(4);
    // 7 working days from Mon 02/03/2026: Wed 11/03; the 1st notice by 3 working days after: Mon 16/03.
    const periodEnds = openDue(d, 'D4')!;
    expect(periodEnds).toBe('2026-03-11');
    d.setNow(at('2026-04-01'));
    expect(d.complete(lead, 'D4', 'OWNER_UNKNOWN', {})).toBeUndefined();
    expect(openDue(d, 'D7A')).toBe(wd(periodEnds, 3));
    expect(openDue(d, 'D7A')).toBe('2026-03-16');
    expect(d.complete(lead, 'D7A', 'NOTIFIED', { noticeRef: 'TB-1', noticeDate: '2026-03-20' })).toBeUndefined();
    expect(openDue(d, 'D7B')).toBe(wd('2026-03-20', 7));
    expect(d.complete(lead, 'D7B', 'UNCLAIMED', { noticeRef: 'TB-2', noticeDate: '2026-03-20' })).toMatchObject({ details: { rule: 'NOTICE_BEFORE_FIRST', field: 'noticeDate' } });
  });

  it('counts the 1st notice from the seizure period as extended', () => {
    const d = drive(shipped('ins-seizure', 4), { now: at('2026-03-02') });
    expect(d.complete(lead, 'D2', 'SEIZED', { ...seizure, decisionPeriod: 'EXPLAIN_OR_VERIFY' })).toBeUndefined();
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'D4', amount: 1, reason: 'Vụ việc phức tạp' })).toBeUndefined();
    const extended = openDue(d, 'D4')!;
    expect(extended).toBe('2026-05-04');
    expect(d.complete(lead, 'D4', 'OWNER_UNKNOWN', {})).toBeUndefined();
    expect(openDue(d, 'D7A')).toBe(wd(extended, 3));
  });

  it('confiscates unclaimed items only after the year from the 2nd notice, within 5 working days of its end; version 3 did so on the day of the notice', () => {
    const v3 = seized(3);
    expect(v3.complete(lead, 'D4', 'OWNER_UNKNOWN', {})).toBeUndefined();
    expect(v3.complete(lead, 'D7A', 'NOTIFIED', { noticeRef: 'TB-1' })).toBeUndefined();
    expect(v3.complete(lead, 'D7B', 'UNCLAIMED', { noticeRef: 'TB-2' })).toBeUndefined();
    expect(v3.complete(director, 'D8', 'CONFISCATED', { decisionNo: '01/QĐ-TT', confiscatedValue: 5_000_000 })).toBeUndefined();

    const d = seized(4);
    d.setNow(at('2026-03-16'));
    expect(d.complete(lead, 'D4', 'OWNER_UNKNOWN', {})).toBeUndefined();
    expect(d.complete(lead, 'D7A', 'NOTIFIED', { noticeRef: 'TB-1', noticeDate: '2026-03-16' })).toBeUndefined();
    d.setNow(at('2026-03-20'));
    expect(d.complete(lead, 'D7B', 'UNCLAIMED', { noticeRef: 'TB-2', noticeDate: '2026-03-20' })).toBeUndefined();
    // The year ends on Sat 20/03/2027, so on Mon 22/03/2027 (Civil Code Art. 148); the decision is due 5 working days later.
    const d8 = d.state.open.find((o) => o.stepId === 'D8')!;
    expect(d8.windows?.claimYear?.due).toBe('2027-03-22');
    expect(d8.deadline?.due).toBe(wd('2027-03-22', 5));
    expect(d8.deadline?.due).toBe('2027-03-29');

    const confiscate = (decisionDate: string) => d.complete(director, 'D8', 'CONFISCATED', { decisionNo: '01/QĐ-TT', decisionDate, confiscatedValue: 5_000_000 }, at('2027-03-25'));
    expect(confiscate('2026-03-20')).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'CLAIM_YEAR_RUNNING', field: 'decisionDate' }, legalBasis: expect.stringMatching(/Điều 126/) });
    expect(rule(confiscate('2027-03-22'))).toBe('CLAIM_YEAR_RUNNING');
    expect(confiscate('2027-03-23')).toBeUndefined();
  });
});

describe('seizure version 5: the owner who comes forward within the year (Art. 126)', () => {
  /** Unclaimed at the 2nd notice of Fri 20/03/2026: the owner's year ends on Mon 22/03/2027. */
  function waiting(version: number): TDriver {
    const d = seized(version);
    d.setNow(at('2026-03-20'));
    expect(d.complete(lead, 'D4', 'OWNER_UNKNOWN', {})).toBeUndefined();
    expect(d.complete(lead, 'D7A', 'NOTIFIED', { noticeRef: 'TB-1', noticeDate: '2026-03-16' })).toBeUndefined();
    expect(d.complete(lead, 'D7B', 'UNCLAIMED', { noticeRef: 'TB-2', noticeDate: '2026-03-20' })).toBeUndefined();
    return d;
  }
  const claim = (claimedOn?: string) => ({ ...(claimedOn ? { claimedOn } : {}), claimant: 'Trần Văn B, hóa đơn mua hàng số 0012' });

  it('returns the goods to an owner who came forward by the year’s last day; version 4 could only confiscate', () => {
    const d = waiting(5);
    const when = at('2027-03-25');
    expect(rule(d.complete(director, 'D8', 'CLAIMED', claim(), when))).toBe('CLAIM_DATE_MISSING');
    expect(d.complete(director, 'D8', 'CLAIMED', claim('2026-03-19'), when)).toMatchObject({ details: { rule: 'CLAIM_BEFORE_NOTICE', field: 'claimedOn' } });
    expect(d.complete(director, 'D8', 'CLAIMED', claim('2027-03-23'), when)).toMatchObject({
      details: { rule: 'CLAIM_AFTER_YEAR', field: 'claimedOn' },
      legalBasis: expect.stringMatching(/Điều 126/),
    });
    expect(d.complete(director, 'D8', 'CLAIMED', claim('2027-03-22'), when)).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['D5']);
    expect(rule(waiting(4).complete(director, 'D8', 'CLAIMED', claim('2026-06-01'), when))).toBe('OUTCOME_UNKNOWN');
  });

  it('a version 4 case waiting at D8 can be moved to version 5 (the claim then recorded)', () => {
    const d = waiting(4);
    const plan = planMigration(parseDefinition(shipped('ins-seizure', 4)), parseDefinition(shipped('ins-seizure', 5)), d.state);
    expect(plan.canApply).toBe(true);
    expect(plan.openSteps).toEqual([expect.objectContaining({ stepId: 'D8', existsInTarget: true, formChanged: true, outcomesChanged: true })]);
  });

  it('still confiscates after the year, with the decision’s number, date and value', () => {
    const d = waiting(5);
    const when = at('2027-03-25');
    expect(d.complete(director, 'D8', 'CONFISCATED', { confiscatedValue: 5_000_000 }, when)).toMatchObject({ details: { rule: 'CONFISCATION_DECISION_MISSING', field: 'decisionNo' } });
    expect(d.complete(director, 'D8', 'CONFISCATED', { decisionNo: '01/QĐ-TT', decisionDate: '2027-03-23' }, when)).toMatchObject({
      details: { rule: 'CONFISCATED_VALUE_MISSING', field: 'confiscatedValue' },
    });
    expect(rule(d.complete(director, 'D8', 'CONFISCATED', { decisionNo: '01/QĐ-TT', decisionDate: '2027-03-22', confiscatedValue: 5_000_000 }, when))).toBe('CLAIM_YEAR_RUNNING');
    expect(d.complete(director, 'D8', 'CONFISCATED', { decisionNo: '01/QĐ-TT', decisionDate: '2027-03-23', confiscatedValue: 5_000_000 }, when)).toBeUndefined();
  });
});

describe('criminal referral version 4', () => {
  const transfer = { receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: 'BG-01', violatorNotified: true };

  function returned(version: number, received = '2026-03-10'): TDriver {
    const d = drive(shipped('ins-criminal-referral', version), { now: at('2026-03-10'), catalogue: CATALOGUE });
    expect(d.complete(director, 'F1', 'TRANSFERRED', { ...transfer, ...(version >= 4 ? { transferDate: '2026-03-02' } : {}) })).toBeUndefined();
    expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: received })).toBeUndefined();
    return d;
  }

  it('takes the file back no earlier than the day it was transferred; version 3 took a date months before', () => {
    returned(3, '2025-12-01');
    const d = drive(shipped('ins-criminal-referral', 4), { now: at('2026-03-10'), catalogue: CATALOGUE });
    expect(rule(d.complete(director, 'F1', 'TRANSFERRED', transfer))).toBe('FORM_INVALID');
    expect(d.complete(director, 'F1', 'TRANSFERRED', { ...transfer, transferDate: '2026-03-02' })).toBeUndefined();
    expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2025-12-01' })).toMatchObject({
      code: 'GUARD_FAILED',
      details: { rule: 'RETURN_BEFORE_TRANSFER', field: 'fileReceivedOn' },
    });
    expect(d.complete(legal, 'F4', 'RETURNED', { documentNo: 'QĐ-01', fileReceivedOn: '2026-03-02' })).toBeUndefined();
  });

  // Version 4 issues the decision (its number comes from the register).
  const decided = (overrides: Record<string, unknown> = {}) => ({
    decisionDate: '2026-03-10',
    signedBy: 'x',
    violatorName: 'Nguyễn Văn H',
    offenderType: 'INDIVIDUAL',
    violationDate: '2026-02-20',
    acts: [{ violation: 'ND98/2020:11.3', description: 'Buôn bán hàng giả' }],
    sanction: 'FINE',
    fineAmount: 30_000_000,
    ...overrides,
  });

  it('holds the returned file’s fine to the bracket and to the decider’s competence; version 3 let a team lead fine 500,000,000 ₫', () => {
    expect(returned(3).complete(lead, 'F5', 'RETURNED_AND_DECIDED', { decisionNo: 'QĐ-5', decisionDate: '2026-03-10', signedBy: 'lead', fineAmount: 500_000_000 })).toBeUndefined();

    const d = returned(4);
    expect(rule(d.complete(lead, 'F5', 'RETURNED_AND_DECIDED', { decisionDate: '2026-03-10', signedBy: 'lead', fineAmount: 500_000_000 }))).toBe('VIOLATION_MISSING');
    expect(rule(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ fineAmount: 500_000_000 })))).toBe('FINE_ABOVE_BRACKET');
    // 20–40 M ₫: above a team lead's fining competence (25 M ₫ for an individual), within the director's.
    const byLead = d.complete(lead, 'F5', 'RETURNED_AND_DECIDED', decided());
    expect(byLead).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'OUTSIDE_COMPETENCE' }, legalBasis: expect.stringMatching(/Điều 52/) });
    expect(rule(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ fineAmount: 35_000_000 })))).toBe('AMOUNT_REASON_MISSING');
    expect(rule(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', decided({ sanction: 'WARNING', fineAmount: undefined })))).toBe('WARNING_NOT_PROVIDED');
    expect(d.complete(director, 'F5', 'RETURNED_AND_DECIDED', decided())).toBeUndefined();
  });

  it('lets a team lead decide a case within his or her competence, and close a file with no sanction', () => {
    const small = decided({ acts: [{ violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' }], fineAmount: 7_500_000 });
    expect(returned(4).complete(lead, 'F5', 'RETURNED_AND_DECIDED', small)).toBeUndefined();
    expect(returned(4).complete(lead, 'F5', 'RETURNED_NOT_SANCTIONED', { decisionDate: '2026-03-10' })).toBeUndefined();
  });
});

describe('hotline tip version 2', () => {
  const tip = { channel: 'HOTLINE', content: 'Bán hàng giả', target: 'Cửa hàng X', place: 'Hà Nội', wantsReply: true };

  it('is logged by the end of the day it is received, a Friday’s too; version 1 gave it until Monday', () => {
    // Fri 04/12/2026.
    expect(drive(shipped('ins-tip', 1), { now: at('2026-12-04') }).state.open[0]?.deadline?.due).toBe('2026-12-07');
    const d = drive(shipped('ins-tip', 2), { now: at('2026-12-04') });
    expect(d.state.open[0]?.deadline).toMatchObject({ due: '2026-12-04', legalBasis: expect.stringMatching(/trong ngày/) });
    // A tip from the portal on Saturday: the end of the next working day (Civil Code Art. 148).
    expect(drive(shipped('ins-tip', 2), { now: at('2026-12-05') }).state.open[0]?.deadline?.due).toBe('2026-12-07');
  });

  it('closes only once the informant who asked for a reply has one; version 1 closed without', () => {
    const run = (version: number, wantsReply: boolean, replied: boolean) => {
      const d = drive(shipped('ins-tip', version), { now: at('2026-12-04') });
      expect(d.complete(inspector, 'C1', 'LOGGED', { ...tip, wantsReply })).toBeUndefined();
      expect(d.complete(lead, 'C2', 'IN_SCOPE', {})).toBeUndefined();
      expect(d.complete(inspector, 'C3', 'VERIFIED', { verificationReport: 'Không có cơ sở' })).toBeUndefined();
      expect(d.complete(lead, 'C4', 'CLOSE', { reason: 'Không có vi phạm' })).toBeUndefined();
      return d.complete(inspector, 'C6', 'CLOSED', { replied });
    };
    expect(run(1, true, false)).toBeUndefined();
    expect(run(2, true, false)).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'REPLY_MISSING', field: 'replied' } });
    expect(run(2, true, true)).toBeUndefined();
    expect(run(2, false, false)).toBeUndefined();
  });
});
