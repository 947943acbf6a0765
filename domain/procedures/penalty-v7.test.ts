/**
 * The penalty procedure's version 7 (docs/adr/0205), on the pure engine with the real calendar: the
 * decision waits for the explanation it must consider, a hearing asked for in time is held, the
 * record's limitation is judged act by act, the transfer's 24 hours count from the record's date and
 * the enforcement learns when the voluntary period ended. Each is shown refused (or computed) by
 * version 7 and as it was by version 6, which running cases keep.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar.js';
import type { TRejection } from '../engine.js';
import { actor, at, drive, SEED_CALENDAR, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { withIssuedPapers } from './documents.js';
import { penaltyProcedure } from './penalty.js';

const inspector = actor('INSPECTOR');
const director = actor('DIRECTOR');
const legal = actor('LEGAL_OFFICER');
const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];

const TODAY = '2026-12-02';
/** The record of a case with the right to explain (a bracket of 20–40 M ₫), dated Mon 02/11/2026. */
const RECORDED = '2026-11-02';
const wd = (from: string, n: number): string => SEED_CALENDAR.dueDate({ anchorDate: from, amount: n, unit: 'working_days' }).due;
const FILE = [{ sha256: 'c'.repeat(64), name: 'tu-choi.pdf', size: 10, mime: 'application/pdf' }];

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recordNo: '07/BB',
    recordedAt: RECORDED,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An',
    violatorName: 'Nguyễn Thị F',
    offenderType: 'INDIVIDUAL',
    violationDate: RECORDED,
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND98/2020:11.3', description: 'x' }],
    explanationNotice: 'Được giải trình trong 05 ngày làm việc',
    violatorSigned: true,
    ...overrides,
  };
}
const decision = (decisionDate: string) => ({ decisionNo: '21/QĐ-XPHC', decisionDate, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 30_000_000 });

/** A case of `version` recorded on 02/11/2026 with the right to explain, at B4 on `now`. */
function explaining(version: number, now = TODAY, papers = false): TDriver {
  const d = drive(papers ? withIssuedPapers(penaltyProcedure(version)) : penaltyProcedure(version), { now: at(now), catalogue: CATALOGUE });
  // With its papers, the record's number comes from the unit's register, not the form.
  const { recordNo: _numbered, ...unnumbered } = record();
  expect(d.complete(inspector, 'B1', 'RECORDED', papers ? unnumbered : record())).toBeUndefined();
  expect(d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {})).toBeUndefined();
  return d;
}

function rules(r: TRejection | undefined): string[] {
  const details = r?.details as { rule?: string; failures?: { rule: string }[] } | undefined;
  return details?.failures?.map((f) => f.rule) ?? (details?.rule ? [details.rule] : r ? [r.code] : []);
}

describe('the decision considers the explanation (Art. 61(2)–(3))', () => {
  const explanationDue = wd(RECORDED, 5); // Mon 09/11/2026

  it('after "did not explain": refused within the party’s 5 working days, accepted the day after them', () => {
    expect(explanationDue).toBe('2026-11-09');
    const d = explaining(7);
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', {})).toBeUndefined();
    for (const day of ['2026-11-03', explanationDue]) {
      const r = d.complete(director, 'B6', 'DECIDED', decision(day));
      expect(rules(r)).toEqual(['DECISION_IN_EXPLANATION_PERIOD']);
      expect(r?.legalBasis).toMatch(/Điều 61\(2\)/);
      expect((r?.details as { field?: string }).field).toBe('decisionDate');
    }
    expect(d.complete(director, 'B6', 'DECIDED', decision(addCalendarDays(explanationDue, 1)))).toBeUndefined();
  });

  it('the period counts its extension: a decision on the first day after the 5 working days is refused when the party was given 5 more', () => {
    const d = explaining(7, '2026-11-04');
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'B4', amount: 5, reason: 'Vụ việc phức tạp, người vi phạm đề nghị' })).toBeUndefined();
    const extended = d.state.open.find((o) => o.stepId === 'B4')!.deadline!.due;
    expect(extended).toBe(wd(RECORDED, 10));
    d.setNow(at(TODAY));
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', {})).toBeUndefined();
    expect(rules(d.complete(director, 'B6', 'DECIDED', decision(addCalendarDays(explanationDue, 1))))).toEqual(['DECISION_IN_EXPLANATION_PERIOD']);
    expect(d.complete(director, 'B6', 'DECIDED', decision(addCalendarDays(extended, 1)))).toBeUndefined();
  });

  it('a written waiver lets the decision follow at once', () => {
    const d = explaining(7);
    expect(d.complete(legal, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: FILE })).toBeUndefined();
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-03'))).toBeUndefined();
  });

  it('is dated on or after the written explanation it considers', () => {
    const d = explaining(7);
    expect(d.complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: '2026-11-06', explanation: 'Giải trình' })).toBeUndefined();
    expect(rules(d.complete(director, 'B6', 'DECIDED', decision('2026-11-04')))).toEqual(['DECISION_BEFORE_EXPLANATION']);
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-06'))).toBeUndefined();
  });

  it('is dated on or after the hearing it heard', () => {
    const d = explaining(7);
    expect(d.complete(legal, 'B4', 'HEARING_HELD', { hearingRequestedOn: '2026-11-03', hearingDate: '2026-11-09', hearingMinutesNo: 'BB-GT-7' })).toBeUndefined();
    expect(rules(d.complete(director, 'B6', 'DECIDED', decision('2026-11-05')))).toEqual(['DECISION_BEFORE_HEARING']);
    expect(d.complete(director, 'B6', 'DECIDED', decision('2026-11-09'))).toBeUndefined();
  });

  it('version 6, which running cases keep, accepted each of these dates', () => {
    const none = explaining(6);
    none.complete(legal, 'B4', 'NO_EXPLANATION', {});
    expect(none.complete(director, 'B6', 'DECIDED', decision('2026-11-03'))).toBeUndefined();
    const written = explaining(6);
    written.complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: '2026-11-06', explanation: 'Giải trình' });
    expect(written.complete(director, 'B6', 'DECIDED', decision('2026-11-04'))).toBeUndefined();
  });
});

describe('a hearing asked for in time is held (Art. 61(3))', () => {
  const window = wd(RECORDED, 2); // Wed 04/11/2026

  it('"explained in writing" is refused when the party asked for a hearing within 2 working days of the record and none was held', () => {
    const d = explaining(7);
    const r = d.complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: '2026-11-05', explanation: 'Giải trình', hearingRequestedOn: window });
    expect(rules(r)).toEqual(['HEARING_REQUESTED_NOT_HELD']);
    expect(r?.legalBasis).toMatch(/Điều 61\(3\)/);
    // A request made after the window binds no one; a hearing held answers the request.
    expect(explaining(7).complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: '2026-11-05', explanation: 'x', hearingRequestedOn: addCalendarDays(window, 1) })).toBeUndefined();
    expect(
      d.complete(legal, 'B4', 'HEARING_HELD', { explainedOn: '2026-11-05', explanation: 'x', hearingRequestedOn: window, hearingDate: '2026-11-10', hearingMinutesNo: 'BB-GT-8' }),
    ).toBeUndefined();
    // Version 6 let the written explanation pass over the request.
    expect(explaining(6).complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: '2026-11-05', explanation: 'x', hearingRequestedOn: window })).toBeUndefined();
  });
});

describe('the record’s limitation, act by act (Art. 6)', () => {
  // 20/11/2025: past the 1 year of ND99/2020:5.1 on 02/12/2026, within the 2 years of the trade act ND87/2024:14.1.
  const acts = [
    { violation: 'ND99/2020:5.1', description: 'Hành vi có thời hiệu 01 năm' },
    { violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' },
  ];
  const rec = { recordedAt: TODAY, violationDate: '2025-11-20', acts, explanationNotice: undefined };

  it('refuses a record that joins an act past its own period to one whose period is longer; the lawful act alone is recorded', () => {
    const d = drive(penaltyProcedure(7), { now: at(TODAY), catalogue: CATALOGUE });
    const r = d.complete(inspector, 'B1', 'RECORDED', record(rec));
    expect(r).toMatchObject({ code: 'GUARD_FAILED', details: { guard: 'LIMITATION_EXPIRED', expiredOn: '2026-11-20' } });
    expect((r?.details as { message: { vi: string } }).message.vi).toMatch(/ít nhất một hành vi/);
    expect(d.complete(inspector, 'B1', 'RECORDED', record({ ...rec, acts: [acts[1]] }))).toBeUndefined();
    // Version 6 took the longest period of the two and recorded both.
    expect(drive(penaltyProcedure(6), { now: at(TODAY), catalogue: CATALOGUE }).complete(inspector, 'B1', 'RECORDED', record(rec))).toBeUndefined();
  });
});

describe('the transfer’s 24 hours count from the record (Art. 58(4))', () => {
  it('a record dated 25/11/2026 and entered on 02/12 is due for transfer on 26/11, already passed', () => {
    const rec = record({ recordedAt: '2026-11-25', violationDate: '2026-11-25', acts: [{ violation: 'ND87/2024:14.1', description: 'x' }], explanationNotice: undefined });
    const d = drive(penaltyProcedure(7), { now: at(TODAY), catalogue: CATALOGUE });
    expect(d.complete(inspector, 'B1', 'TRANSFER_NEEDED', rec)).toBeUndefined();
    const b2 = d.state.open.find((o) => o.stepId === 'B2')!;
    expect(b2.deadline).toMatchObject({ due: '2026-11-26', breached: true });
    const v6 = drive(penaltyProcedure(6), { now: at(TODAY), catalogue: CATALOGUE });
    v6.complete(inspector, 'B1', 'TRANSFER_NEEDED', rec);
    expect(v6.state.open.find((o) => o.stepId === 'B2')!.deadline!.due).toBe('2026-12-03');
  });
});

describe('the enforcement learns when the voluntary period ended (Art. 73, 76, 86)', () => {
  function delivered(version: number): TDriver {
    const day = '2026-11-16';
    const d = drive(penaltyProcedure(version), { now: at(TODAY), catalogue: CATALOGUE });
    d.complete(inspector, 'B1', 'RECORDED', record({ recordedAt: day, violationDate: day, acts: [{ violation: 'ND87/2024:14.1', description: 'x' }], explanationNotice: undefined }));
    d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {});
    expect(d.complete(director, 'B6', 'DECIDED', { ...decision(day), fineAmount: 7_500_000 })).toBeUndefined();
    expect(d.complete(inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: day })).toBeUndefined();
    return d;
  }

  it('the 10 days to comply: B9’s last day', () => {
    const d = delivered(7);
    const due = d.state.open.find((o) => o.stepId === 'B9')!.deadline!.due;
    expect(due).toBe('2026-11-26');
    expect(d.complete(legal, 'B9', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(d.children).toEqual([{ stepId: 'B15', procedureId: 'ins-enforcement', facts: { decisionDate: '2026-11-16', executionFrom: '2026-11-16', fineAmount: 7_500_000, complianceDueDate: due } }]);
    // Version 6 handed down no such date.
    const v6 = delivered(6);
    v6.complete(legal, 'B9', 'NOT_COMPLIED', {});
    expect(v6.children[0]!.facts).not.toHaveProperty('complianceDueDate');
  });

  it('a postponement: the end of the postponement', () => {
    const d = delivered(7);
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', {})).toBeUndefined();
    expect(d.complete(director, 'B12', 'POSTPONED', { decisionNo: 'MQĐ03-2', decisionDate: '2026-11-20', signedBy: 'x', hardship: 'Hộ nghèo', postponedUntil: '2027-02-19' })).toBeUndefined();
    d.setNow(at('2027-02-23'));
    expect(d.complete(legal, 'B14', 'NOT_COMPLIED', {})).toBeUndefined();
    expect(d.children.at(-1)).toMatchObject({ stepId: 'B15', facts: { executionFrom: '2027-02-19', complianceDueDate: '2027-02-19' } });
  });
});

describe('signs of a crime found while the penalty is considered (Art. 62(1))', () => {
  it('at the review (B3) or the explanation (B4): the file goes to the criminal-procedure body at once; a returned file is decided within 30 days of its return', () => {
    const review = drive(penaltyProcedure(7), { now: at(TODAY), catalogue: CATALOGUE });
    expect(review.complete(inspector, 'B1', 'RECORDED', record())).toBeUndefined();
    expect(review.complete(legal, 'B3', 'CRIMINAL_SIGNS', {})).toBeUndefined();
    expect(review.state.open.map((o) => o.stepId)).toEqual(['BF']);
    expect(review.children).toEqual([{ stepId: 'BF', procedureId: 'ins-criminal-referral', facts: { returnsToCase: true } }]);

    const explained = explaining(7);
    expect(explained.complete(legal, 'B4', 'CRIMINAL_SIGNS', {})).toBeUndefined();
    expect(explained.state.open.map((o) => o.stepId)).toEqual(['BF']);
    explained.childClosed('BF', 'RETURNED_TO_CASE', { documentNo: 'CV-31', fileReceivedOn: TODAY }, at(TODAY));
    expect(explained.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: TODAY, amount: 30, unit: 'days' }).due);
  });

  it('version 6 had no such outcome there: only the record (B1) and the compliance (B9) could refer', () => {
    const d = drive(penaltyProcedure(6), { now: at(TODAY), catalogue: CATALOGUE });
    d.complete(inspector, 'B1', 'RECORDED', record());
    expect(d.complete(legal, 'B3', 'CRIMINAL_SIGNS', {})?.code).toBe('OUTCOME_UNKNOWN');
  });
});

describe('the decision’s extension is decided in writing (Art. 66(1)(c))', () => {
  it('issues the extension decision on version 7; version 6 recorded it without a paper', () => {
    const issued = (version: number) => {
      const d = explaining(version, '2026-11-20', true);
      expect(d.complete(legal, 'B4', 'NO_EXPLANATION', {})).toBeUndefined();
      expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 1, reason: 'Vụ việc phức tạp, phải giám định' })).toBeUndefined();
      return d.documents.filter((p) => p.type === 'EXTENSION_DECISION');
    };
    expect(issued(7)).toEqual([expect.objectContaining({ type: 'EXTENSION_DECISION', stepId: 'B6', extension: 0 })]);
    expect(issued(6)).toEqual([]);
  });
});

describe('facts to verify lengthen only a period that still runs (Art. 66(1)(b))', () => {
  const small = { acts: [{ violation: 'ND87/2024:14.1', description: 'x' }], explanationNotice: undefined };
  const verify = { needsVerification: true, verificationNote: 'Định giá 20 thùng nước giải khát (Điều 60)' };
  const reviewed = (version: number, now: string) => {
    const d = drive(penaltyProcedure(version), { now: at(now), catalogue: CATALOGUE });
    expect(d.complete(inspector, 'B1', 'RECORDED', record(small))).toBeUndefined();
    return d;
  };

  it('within the 7 working days of the record: the decision gets its month', () => {
    const d = reviewed(7, wd(RECORDED, 7));
    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', verify)).toBeUndefined();
    expect(d.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: RECORDED, amount: 1, unit: 'months' }).due);
  });

  it('after them: refused at the field, the 7 days having ended; version 6 gave the month back', () => {
    const r = reviewed(7, addCalendarDays(wd(RECORDED, 7), 1)).complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', verify);
    expect(rules(r)).toEqual(['VERIFICATION_AFTER_PERIOD']);
    expect(r?.legalBasis).toMatch(/Điều 66\(1\)/);
    expect((r?.details as { field?: string }).field).toBe('needsVerification');
    expect(reviewed(7, TODAY).complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
    expect(reviewed(6, TODAY).complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', verify)).toBeUndefined();
  });
});
