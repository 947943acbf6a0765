/**
 * The penalty procedure's version 14 (docs/adr/0221), on the pure engine with the real calendar:
 * the decision's extension to 2 months is the handler's direct superior's, in writing ("người có
 * thẩm quyền đang giải quyết vụ việc phải báo cáo thủ trưởng trực tiếp của mình bằng văn bản để xin
 * gia hạn; việc gia hạn phải bằng văn bản", Art. 66(1)(c)). A director who grants it without his own
 * superior's written extension grants it as the team lead's superior: he may not then decide himself
 * after the month it lengthened. Version 13, which running cases keep, let a director extend his own
 * time limit and decide in it.
 */
import { describe, expect, it } from 'vitest';
import type { TRejection } from '../engine.js';
import { actor, at, drive, SEED_CALENDAR, shipped, type TDriver, TEST_CATALOGUE } from '../fixtures/case-driver.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR', 'chicuctruong.hai');
const lead = actor('TEAM_LEAD', 'doitruong.cuong');

/** Recorded on 01/10/2026; facts to verify give the decision a month from the record (Art. 66(1)(b)). */
const RECORDED = '2026-10-01';
const MONTH = SEED_CALENDAR.dueDate({ anchorDate: RECORDED, amount: 1, unit: 'months' }).due;
const TWO_MONTHS = SEED_CALENDAR.dueDate({ anchorDate: RECORDED, amount: 2, unit: 'months' }).due;
/** A day after the first month, within the second. */
const IN_SECOND_MONTH = '2026-11-10';
const APPROVAL = { documentNo: '125/SCT-QLTT', date: '2026-10-19', issuer: 'Giám đốc Sở Công Thương tỉnh Ninh Bình' };

const record = {
  recordedAt: RECORDED,
  place: 'Tại cơ sở',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Hộ kinh doanh Trần Văn G',
  offenderType: 'INDIVIDUAL',
  violationDate: '2026-09-30',
  ongoing: false,
  violationPlace: 'Hoa Lư',
  acts: [{ violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' }],
  violatorSigned: true,
};
const decision = (decisionDate: string, signedBy = 'Hoàng Văn Hải') => ({ decisionDate, signedBy, sanction: 'FINE', fineAmount: 7_500_000 });

function refusal(r: TRejection | undefined): [string | undefined, string | undefined] {
  return [r?.code, r?.rule];
}

/** At the decision on 20/10/2026, its month running. */
function atDecision(version: number): TDriver {
  const d = drive(shipped('ins-penalty', version), { now: at('2026-10-05'), catalogue: TEST_CATALOGUE });
  expect(d.complete(inspector, 'B1', 'RECORDED', record)).toBeUndefined();
  expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', { needsVerification: true, verificationNote: 'Định giá hàng hóa (Điều 60)' })).toBeUndefined();
  d.setNow(at('2026-10-20'));
  expect(d.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe(MONTH);
  return d;
}
/** Extended by the director by a month, with or without his superior's written extension. */
function extended(version: number, approval?: typeof APPROVAL): TDriver {
  const d = atDecision(version);
  expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 1, reason: 'Vụ việc phức tạp, phải định giá', ...(approval ? { approval } : {}) })).toBeUndefined();
  expect(d.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe(TWO_MONTHS);
  d.setNow(at(IN_SECOND_MONTH));
  return d;
}
const extensionPapers = (d: TDriver) => d.documents.filter((p) => p.type === 'EXTENSION_DECISION');

describe('penalty version 14: the decision’s 2-month extension is the direct superior’s, in writing (Art. 66(1)(c))', () => {
  it('refuses the director who extended it himself, without his superior’s writing, a decision in the month it added; version 13 took it', () => {
    const r = extended(14).complete(director, 'B6', 'DECIDED', decision(IN_SECOND_MONTH));
    expect(refusal(r)).toEqual(['ROLE_NOT_ALLOWED', 'EXTENDED_BY_SELF']);
    expect(r?.params).toMatchObject({ stepId: 'B6', dueBefore: MONTH, grantedOn: '2026-10-20', field: 'decisionDate' });
    expect(r?.legalBasis).toMatch(/Điều 66\(1\)\(c\).*thủ trưởng trực tiếp/);
    expect(extended(13).complete(director, 'B6', 'DECIDED', decision(IN_SECOND_MONTH))).toBeUndefined();
  });

  it('lets the team lead it was extended for decide in that month, and the director within the first', () => {
    expect(extended(14).complete(lead, 'B6', 'DECIDED', decision(IN_SECOND_MONTH, 'Lê Văn Cường'))).toBeUndefined();
    expect(extended(14).complete(director, 'B6', 'DECIDED', decision(MONTH))).toBeUndefined();
  });

  it('lets the director decide in the added month with his superior’s written extension recorded; INS then issues no extension paper of its own', () => {
    const approved = extended(14, APPROVAL);
    expect(approved.state.open.find((o) => o.stepId === 'B6')!.deadline!.extensions).toEqual([expect.objectContaining({ by: 'chicuctruong.hai', dueBefore: MONTH, approval: APPROVAL })]);
    expect(approved.complete(director, 'B6', 'DECIDED', decision(IN_SECOND_MONTH))).toBeUndefined();
    expect(extensionPapers(approved)).toEqual([]);
    // Without it, the director's grant is the paper INS issues, as before.
    expect(extensionPapers(extended(14))).toEqual([expect.objectContaining({ type: 'EXTENSION_DECISION', stepId: 'B6', extension: 0 })]);
  });

  it('refuses a superior’s writing dated before the record or after today, and one where none is asked (version 13)', () => {
    for (const date of ['2026-09-30', '2026-10-21']) {
      const r = atDecision(14).act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 1, reason: 'x', approval: { ...APPROVAL, date } });
      expect([date, ...refusal(r)]).toEqual([date, 'EXTENSION_NOT_ALLOWED', 'EXTENSION_APPROVAL_DATE']);
      expect(r?.params).toMatchObject({ earliest: RECORDED, latest: '2026-10-20' });
    }
    expect(refusal(atDecision(13).act(director, { type: 'GRANT_EXTENSION', stepId: 'B6', amount: 1, reason: 'x', approval: APPROVAL }))).toEqual(['INVALID_ACTION', 'EXTENSION_APPROVAL_NOT_ASKED']);
  });
});

describe('penalty version 14: the superior’s writing recorded after the grant (docs/adr/0224)', () => {
  const record = (d: TDriver, who = director, approval = APPROVAL) => d.act(who, { type: 'RECORD_EXTENSION_APPROVAL', stepId: 'B6', approval });
  const extensionsOf = (d: TDriver) => d.state.open.find((o) => o.stepId === 'B6')!.deadline!.extensions;

  it('lets the director decide in the added month once his superior’s writing is recorded, and audits it', () => {
    const d = extended(14);
    expect(refusal(d.complete(director, 'B6', 'DECIDED', decision(IN_SECOND_MONTH)))).toEqual(['ROLE_NOT_ALLOWED', 'EXTENDED_BY_SELF']);
    expect(record(d)).toBeUndefined();
    expect(extensionsOf(d)).toEqual([expect.objectContaining({ by: 'chicuctruong.hai', dueBefore: MONTH, approval: APPROVAL })]);
    const audited = d.state.pendingAudit.find((e) => e.action === 'EXTENSION_APPROVAL_RECORDED');
    expect(audited).toMatchObject({ stepId: 'B6', actorId: 'chicuctruong.hai', detail: { stepId: 'B6', grantedBy: 'chicuctruong.hai', approval: APPROVAL } });
    expect(audited!.legalBasis).toMatch(/Điều 66\(1\)\(c\)/);
    // The due date is the extended one still.
    expect(d.state.open.find((o) => o.stepId === 'B6')!.deadline!.due).toBe(TWO_MONTHS);
    expect(d.complete(director, 'B6', 'DECIDED', decision(IN_SECOND_MONTH))).toBeUndefined();
  });

  it('takes a writing dated from the record to the time limit it lengthened, never later, nor after today, nor from a team lead', () => {
    const d = extended(14);
    const late = record(d, director, { ...APPROVAL, date: IN_SECOND_MONTH });
    expect(refusal(late)).toEqual(['EXTENSION_NOT_ALLOWED', 'EXTENSION_APPROVAL_AFTER_PERIOD']);
    expect(late?.params).toMatchObject({ date: IN_SECOND_MONTH, dueBefore: MONTH });
    expect(late?.details).toMatchObject({ field: 'approval.date' });
    expect(refusal(record(d, director, { ...APPROVAL, date: '2026-11-11' }))).toEqual(['EXTENSION_NOT_ALLOWED', 'EXTENSION_APPROVAL_DATE']);
    expect(refusal(record(d, director, { ...APPROVAL, date: '2026-09-30' }))).toEqual(['EXTENSION_NOT_ALLOWED', 'EXTENSION_APPROVAL_DATE']);
    expect(refusal(record(d, lead))).toEqual(['ROLE_NOT_ALLOWED', 'ROLE_MAY_NOT_GRANT_EXTENSION']);
    expect(extensionsOf(d)[0]!.approval).toBeUndefined();
    // On the last day of the month it lengthened: taken, once.
    expect(record(d, director, { ...APPROVAL, date: MONTH })).toBeUndefined();
    expect(refusal(record(d))).toEqual(['INVALID_ACTION', 'EXTENSION_APPROVAL_NONE_WAITING']);
    expect(extensionsOf(d)[0]!.approval).toEqual({ ...APPROVAL, date: MONTH });
  });

  it('has nothing to record where the grant carried the writing or the step was not extended, and none is asked in version 13', () => {
    expect(refusal(record(extended(14, APPROVAL)))).toEqual(['INVALID_ACTION', 'EXTENSION_APPROVAL_NONE_WAITING']);
    expect(refusal(record(atDecision(14)))).toEqual(['INVALID_ACTION', 'EXTENSION_APPROVAL_NONE_WAITING']);
    expect(refusal(record(extended(13)))).toEqual(['INVALID_ACTION', 'EXTENSION_APPROVAL_NOT_ASKED']);
  });
});
