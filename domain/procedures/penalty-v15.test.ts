/**
 * The request to postpone a fine or to pay it in instalments, and the decision on it (penalty
 * version 15, criminal referral version 9, docs/adr/0225), on the pure engine with the real
 * calendar. "Cá nhân phải có đơn đề nghị hoãn … gửi cơ quan của người đã ra quyết định xử phạt.
 * Trong thời hạn 05 ngày, kể từ ngày nhận được đơn, người đã ra quyết định xử phạt xem xét quyết
 * định hoãn" (Art. 76(2), as in its 2012 text): the day the request was received is recorded, the
 * postponement is decided within 5 days of it, by the title that made the decision, and neither
 * decision on a request is dated before it. Versions 14 and 8, which running cases keep, recorded
 * no day and let any director or team lead decide, whenever. Penalty version 16 and referral
 * version 10 (docs/adr/0228) grant either only for a hardship certified, and say by whom.
 */
import { describe, expect, it } from 'vitest';
import { at, refusals, SEED_CALENDAR, shipped, type TDriver } from '../fixtures/case-driver.js';
import { DECIDED, deliveredPenalty as delivered, director, dueDay as due, lead, legal, openSteps as open, returnedFile } from '../fixtures/penalty-case.js';

const postponement = { decisionDate: '2026-10-09', signedBy: 'x', hardship: 'Hộ nghèo có xác nhận của UBND xã', postponedUntil: '2027-01-05' };

describe('penalty version 15: the request’s day, and the postponement decided on it by the title that made the decision', () => {
  it('records the day the request was received: required, not before the decision, not in the future; version 14 took a request without it', () => {
    const d = delivered(15);
    expect(refusals(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', {}))).toEqual(['REQUEST_DATE_MISSING@requestReceivedOn']);
    expect(refusals(d.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', {}))).toContain('REQUEST_DATE_MISSING@requestReceivedOn');
    expect(refusals(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: '2026-10-02' }))).toEqual(['REQUEST_BEFORE_DECISION@requestReceivedOn']);
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: '2026-10-06' })?.code).toBe('FORM_INVALID');
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    expect(open(d)).toEqual(['B12']);
    expect(delivered(14).complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', {})).toBeUndefined();
  });

  it('gives the postponement 5 days from the request’s receipt, ending on the next working day when the fifth is a day off; version 14 gave none', () => {
    const d = delivered(15);
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    // Monday 05/10 + 5 days is Saturday 10/10: the period ends on Monday 12/10 (Civil Code Art. 148).
    expect(due(d, 'B12')).toBe('2026-10-12');
    expect(due(d, 'B12')).toBe(SEED_CALENDAR.dueDate({ anchorDate: DECIDED, amount: 5, unit: 'days' }).due);
    const deadline = d.state.open.find((o) => o.stepId === 'B12')!.deadline!;
    expect([deadline.hard, deadline.binds ?? 'AGENCY', deadline.legalBasis]).toEqual([false, 'AGENCY', expect.stringMatching(/Điều 76\(2\): 05 ngày kể từ ngày nhận được đơn/)]);
    const v14 = delivered(14);
    expect(v14.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', {})).toBeUndefined();
    expect(due(v14, 'B12')).toBeUndefined();
  });

  it('lets only the title that made the decision grant or refuse its postponement; version 14 let the other', () => {
    const byDirector = delivered(15);
    expect(byDirector.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    byDirector.setNow(at('2026-10-09'));
    expect(refusals(byDirector.complete(lead, 'B12', 'POSTPONED', postponement))).toEqual(['NOT_THE_DECIDER@']);
    expect(refusals(byDirector.complete(lead, 'B12', 'REFUSED', { postponedUntil: '2027-01-05' }))).toEqual(['NOT_THE_DECIDER@']);
    expect(byDirector.complete(director, 'B12', 'POSTPONED', postponement)).toBeUndefined();
    expect(open(byDirector)).toEqual(['B14']);

    const byLead = delivered(15, lead);
    expect(byLead.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    byLead.setNow(at('2026-10-09'));
    expect(refusals(byLead.complete(director, 'B12', 'POSTPONED', postponement))).toEqual(['NOT_THE_DECIDER@']);
    expect(byLead.complete(lead, 'B12', 'POSTPONED', postponement)).toBeUndefined();

    const v14 = delivered(14);
    expect(v14.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', {})).toBeUndefined();
    v14.setNow(at('2026-10-09'));
    expect(v14.complete(lead, 'B12', 'POSTPONED', postponement)).toBeUndefined();
  });

  it('dates neither decision before the request was received', () => {
    const d = delivered(15);
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: '2026-10-05' })).toBeUndefined();
    d.setNow(at('2026-10-09'));
    // A refusal a day after the request; the next request, received on 08/10, cannot be decided on 07/10.
    expect(d.complete(director, 'B12', 'REFUSED', { decisionDate: '2026-10-06', postponedUntil: '2027-01-05' })).toBeUndefined();
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: '2026-10-08' })).toBeUndefined();
    expect(refusals(d.complete(director, 'B12', 'POSTPONED', { ...postponement, decisionDate: '2026-10-07' }))).toEqual(['DECIDED_BEFORE_REQUEST@decisionDate']);
    expect(d.complete(director, 'B12', 'POSTPONED', { ...postponement, decisionDate: '2026-10-08' })).toBeUndefined();

    const large = delivered(15, director, 'ND98/2020:11.3', 30_000_000);
    expect(large.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: '2026-10-05' })).toBeUndefined();
    expect(open(large)).toEqual(['B13']);
    // The instalment decision has no period of its own here (not found in the law's text obtained).
    expect(due(large, 'B13')).toBeUndefined();
    large.setNow(at('2026-10-09'));
    const grant = { decisionDate: '2026-10-04', signedBy: 'x', instalments: 3, firstAmount: 12_000_000, lastDueDate: '2027-04-05' };
    expect(refusals(large.complete(director, 'B13', 'INSTALMENTS_GRANTED', grant))).toEqual(['INSTALMENTS_BEFORE_DECISION@decisionDate', 'DECIDED_BEFORE_REQUEST@decisionDate']);
    expect(large.complete(director, 'B13', 'INSTALMENTS_GRANTED', { ...grant, decisionDate: '2026-10-05' })).toBeUndefined();
  });
});

describe('criminal referral version 9: the same on the returned file’s fine (F7, F10, F11)', () => {
  const returned = returnedFile;
  const asked = { decisionDate: '2026-03-18', signedBy: 'x', hardship: 'Hộ nghèo có xác nhận của UBND xã', postponedUntil: '2026-06-17' };

  it('records the request’s day at F7, gives F10 five days from it, and lets only the title that made F5 decide', () => {
    const d = returned(9, lead);
    expect(refusals(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-03-16')))).toEqual(['REQUEST_DATE_MISSING@requestReceivedOn']);
    expect(refusals(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: '2026-03-11' }, at('2026-03-16')))).toEqual(['REQUEST_BEFORE_DECISION@requestReceivedOn']);
    expect(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: '2026-03-16' }, at('2026-03-16'))).toBeUndefined();
    // Monday 16/03 + 5 days: Saturday 21/03, so Monday 23/03.
    expect(due(d, 'F10')).toBe('2026-03-23');
    expect(refusals(d.complete(director, 'F10', 'POSTPONED', asked, at('2026-03-18')))).toEqual(['NOT_THE_DECIDER@']);
    expect(refusals(d.complete(lead, 'F10', 'POSTPONED', { ...asked, decisionDate: '2026-03-15', postponedUntil: '2026-06-15' }, at('2026-03-18')))).toEqual(['DECIDED_BEFORE_REQUEST@decisionDate']);
    expect(d.complete(lead, 'F10', 'POSTPONED', asked, at('2026-03-18'))).toBeUndefined();
    expect(open(d)).toEqual(['F12']);
  });

  it('version 8, which running cases keep, records no day and lets either title decide', () => {
    const d = returned(8, lead);
    expect(d.complete(legal, 'F7', 'POSTPONEMENT_REQUESTED', {}, at('2026-03-16'))).toBeUndefined();
    expect(due(d, 'F10')).toBeUndefined();
    expect(d.complete(director, 'F10', 'POSTPONED', asked, at('2026-03-18'))).toBeUndefined();
  });
});

describe('penalty version 16 and criminal referral version 10: the hardship certified, and by whom (Art. 76(1), 79(1)(b); docs/adr/0228)', () => {
  const certifiedBy = 'UBND phường Đông Thành';

  it('grants a postponement only with the body that certified the hardship; version 15 granted it without', () => {
    const d = delivered(16);
    expect(d.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    d.setNow(at('2026-10-09'));
    const r = d.complete(director, 'B12', 'POSTPONED', postponement);
    expect(refusals(r)).toEqual(['HARDSHIP_NOT_CERTIFIED@certifiedBy']);
    expect(r?.legalBasis).toMatch(/Điều 76\(1\) \(văn bản 2012; cần xác nhận\)/);
    expect(d.complete(director, 'B12', 'POSTPONED', { ...postponement, certifiedBy })).toBeUndefined();
    const v15 = delivered(15);
    expect(v15.complete(legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    v15.setNow(at('2026-10-09'));
    expect(v15.complete(director, 'B12', 'POSTPONED', postponement)).toBeUndefined();
  });

  it('grants instalments only for a hardship stated and certified, as a postponement; version 15 asked for neither', () => {
    const grant = { decisionDate: '2026-10-09', signedBy: 'x', instalments: 3, firstAmount: 12_000_000, lastDueDate: '2027-04-05' };
    const d = delivered(16, director, 'ND98/2020:11.3', 30_000_000);
    expect(d.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    d.setNow(at('2026-10-09'));
    expect(refusals(d.complete(director, 'B13', 'INSTALMENTS_GRANTED', grant))).toEqual(['HARDSHIP_MISSING@hardship', 'HARDSHIP_NOT_CERTIFIED@certifiedBy']);
    expect(refusals(d.complete(director, 'B13', 'REFUSED', { lastDueDate: '2027-04-05' }))).toEqual([]);
    const v15 = delivered(15, director, 'ND98/2020:11.3', 30_000_000);
    expect(v15.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    v15.setNow(at('2026-10-09'));
    expect(v15.complete(director, 'B13', 'INSTALMENTS_GRANTED', grant)).toBeUndefined();
    const again = delivered(16, director, 'ND98/2020:11.3', 30_000_000);
    expect(again.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    again.setNow(at('2026-10-09'));
    expect(again.complete(director, 'B13', 'INSTALMENTS_GRANTED', { ...grant, hardship: 'Cơ sở bị hỏa hoạn ngày 01/10/2026', certifiedBy: 'Chi cục Thuế khu vực Ninh Bình' })).toBeUndefined();
  });

  it('asks the same on a returned file’s F10 and F11', () => {
    const shippedF = (version: number, stepId: string) => shipped('ins-criminal-referral', version).steps.find((s) => s.id === stepId)!;
    const keys = (version: number, stepId: string) => (shippedF(version, stepId).form?.fields ?? []).map((f) => (f as { key: string }).key);
    for (const stepId of ['F10', 'F11']) {
      expect(keys(10, stepId)).toEqual(expect.arrayContaining(['hardship', 'certifiedBy']));
      expect(keys(9, stepId)).not.toContain('certifiedBy');
    }
    const codes = (version: number, stepId: string, outcome: string) =>
      shippedF(version, stepId)
        .outcomes.find((o) => o.id === outcome)!
        .requires!.map((r) => r.code);
    expect(codes(10, 'F10', 'POSTPONED')).toContain('HARDSHIP_NOT_CERTIFIED');
    expect(codes(10, 'F11', 'INSTALMENTS_GRANTED')).toEqual(expect.arrayContaining(['HARDSHIP_MISSING', 'HARDSHIP_NOT_CERTIFIED']));
  });
});

describe('penalty version 17 and criminal referral version 11: instalments decided by the title that made the fine’s decision (Art. 79; docs/adr/0229)', () => {
  const grant = {
    decisionDate: '2026-10-09',
    signedBy: 'x',
    instalments: 3,
    firstAmount: 12_000_000,
    lastDueDate: '2027-04-05',
    hardship: 'Cơ sở bị hỏa hoạn ngày 01/10/2026',
    certifiedBy: 'UBND phường Đông Thành',
  };
  /** A counterfeit-goods fine of 30 million ₫ decided by `decider`, its instalments asked for on the day it was delivered. */
  function asked(version: number, decider: typeof director): TDriver {
    const d = delivered(version, decider, 'ND98/2020:11.3', 30_000_000);
    expect(d.complete(legal, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: DECIDED })).toBeUndefined();
    d.setNow(at('2026-10-09'));
    return d;
  }

  it('lets only the director decide on instalments of the director’s fine; version 16 let a team lead (a team lead’s own fines, 25 million ₫ at most for an individual, hardly reach the 20 million ₫ of Art. 79)', () => {
    const byDirector = asked(17, director);
    const r = byDirector.complete(lead, 'B13', 'INSTALMENTS_GRANTED', grant);
    expect(refusals(r)).toEqual(['NOT_THE_DECIDER@']);
    expect(r?.legalBasis).toMatch(/Điều 79 \(văn bản 2012: "người đã ra quyết định phạt tiền có quyền quyết định việc nộp tiền phạt nhiều lần"; cần xác nhận\)/);
    expect(refusals(byDirector.complete(lead, 'B13', 'REFUSED', { lastDueDate: '2027-04-05' }))).toEqual(['NOT_THE_DECIDER@']);
    expect(byDirector.complete(director, 'B13', 'INSTALMENTS_GRANTED', grant)).toBeUndefined();
    expect(open(byDirector)).toEqual(['B14']);

    expect(asked(16, director).complete(lead, 'B13', 'INSTALMENTS_GRANTED', grant)).toBeUndefined();
  });

  it('holds the returned file’s F11 to the title that made F5; referral version 10 did not', () => {
    const hasDecider = (version: number) =>
      (shipped('ins-criminal-referral', version).steps.find((s) => s.id === 'F11')!.constraints ?? []).map((c) => [c.code, JSON.stringify(c.when).includes('"stepId":"F5"')]);
    expect(hasDecider(11)).toEqual([
      ['NOT_THE_DECIDER', true],
      ['DECIDED_BEFORE_REQUEST', false],
    ]);
    expect(hasDecider(10)).toEqual([['DECIDED_BEFORE_REQUEST', false]]);
  });
});
