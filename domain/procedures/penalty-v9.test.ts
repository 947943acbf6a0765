/**
 * The penalty procedure's version 9 (docs/adr/0211), on the pure engine with the real calendar:
 * signs of a crime found at the decision step itself (Art. 62(1): "trong quá trình xem xét ra quyết
 * định xử phạt") transfer the file instead of deciding. Version 8, which running cases keep, could
 * transfer only at the review (B3) or the explanation (B4), before the decision step opened. The
 * decision's paper and sanction move from the form's `required` to the outcomes that decide.
 */
import { describe, expect, it } from 'vitest';
import type { TRejection } from '../engine.js';
import { scopeOf } from '../engine/state.js';
import { fieldsAskedNow } from '../law-rules.js';
import { planMigration } from '../migration.js';
import { parseDefinition } from '../procedure-validate.js';
import { actor, at, drive, SEED_CALENDAR, type TDriver } from '../fixtures/case-driver.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { VIOLATION_CATALOGUE_SEED } from '../violation-catalogue.js';
import { withIssuedPapers } from './documents.js';
import { VN_PROCEDURES } from './index.js';
import { penaltyProcedure } from './penalty.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');

const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];

/** Recorded on Mon 30/11/2026: the decision is due within 7 working days, by Wed 09/12/2026. */
const RECORDED = '2026-11-30';
const NOW = '2026-12-04';

function atDecision(version: number, opts: { recordedAt?: string; issued?: boolean } = {}): TDriver {
  const def = opts.issued ? withIssuedPapers(penaltyProcedure(version)) : penaltyProcedure(version);
  const d = drive(def, { now: at(NOW), catalogue: CATALOGUE });
  const day = opts.recordedAt ?? RECORDED;
  const record = {
    ...(opts.issued ? {} : { recordNo: '31/BB' }),
    recordedAt: day,
    place: 'Tại cơ sở',
    recorder: 'Nguyễn Văn An',
    violatorName: 'Trần Văn G',
    offenderType: 'INDIVIDUAL',
    violationDate: day,
    violationPlace: 'Hoa Lư',
    acts: [{ violation: 'ND87/2024:14.1', description: 'Kinh doanh hàng hóa không rõ nguồn gốc' }],
    violatorSigned: true,
  };
  expect(d.complete(inspector, 'B1', 'RECORDED', record)).toBeUndefined();
  expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
  expect(d.state.open.map((o) => o.stepId)).toEqual(['B6']);
  return d;
}

const decision = { decisionNo: '40/QĐ-XPHC', decisionDate: NOW, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000 };

/** The rules that refused, each with the field it is shown at. */
function refusals(r: TRejection | undefined): string[] {
  const details = r?.details as { failures?: { rule: string; field?: string }[] } | undefined;
  return details?.failures?.map((f) => `${f.rule}@${f.field ?? ''}`) ?? (r ? [r.code] : []);
}

describe('signs of a crime found at the decision step (Art. 62(1))', () => {
  it('the director transfers the file instead of deciding; the referral starts and the returned file is decided within 30 days of its return', () => {
    const d = atDecision(9);
    expect(d.complete(director, 'B6', 'CRIMINAL_SIGNS', {})).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['BF']);
    expect(d.children).toEqual([{ stepId: 'BF', procedureId: 'ins-criminal-referral', facts: { returnsToCase: true } }]);
    d.childClosed('BF', 'RETURNED_TO_CASE', { documentNo: 'CV-31', fileReceivedOn: '2026-12-21' }, at('2026-12-21'));
    const b6 = d.state.open.find((o) => o.stepId === 'B6')!;
    expect(b6.deadline!.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: '2026-12-21', amount: 30, unit: 'days' }).due);
    // The returned file is then decided as any other.
    expect(d.complete(director, 'B6', 'DECIDED', { ...decision, decisionDate: '2026-12-22' }, at('2026-12-22'))).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['B8']);
  });

  it('a transfer carries no decision: a date, a sanction or a fine given with it is refused at its field', () => {
    const d = atDecision(9);
    expect(refusals(d.complete(director, 'B6', 'CRIMINAL_SIGNS', { decisionDate: NOW, sanction: 'FINE', fineAmount: 7_500_000 }))).toEqual([
      'NO_DECISION_WITH_TRANSFER@sanction',
      'NO_DECISION_WITH_TRANSFER@fineAmount',
      'NO_DECISION_WITH_TRANSFER@decisionDate',
    ]);
    expect(d.state.open.map((o) => o.stepId)).toEqual(['B6']);
  });

  it('the transfer is due even once the decision’s period has passed, when no decision may be made', () => {
    // Recorded on Mon 16/11/2026: the 7 working days ended on Wed 25/11/2026.
    const d = atDecision(9, { recordedAt: '2026-11-16' });
    expect(d.state.open[0]!.deadline!.due).toBe('2026-11-25');
    expect(d.complete(director, 'B6', 'DECIDED', decision)?.code).toBe('DEADLINE_PASSED');
    expect(d.complete(director, 'B6', 'CRIMINAL_SIGNS', {})).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['BF']);
  });

  it('a team lead may transfer too (the step’s roles); an inspector may not', () => {
    expect(atDecision(9).complete(inspector, 'B6', 'CRIMINAL_SIGNS', {})?.code).toBe('ROLE_NOT_ALLOWED');
    expect(atDecision(9).complete(actor('TEAM_LEAD'), 'B6', 'CRIMINAL_SIGNS', {})).toBeUndefined();
  });

  it('version 8, which running cases keep, has no such outcome at the decision step; a case waiting there can move to version 9', () => {
    const d = atDecision(8, { issued: true });
    expect(d.complete(director, 'B6', 'CRIMINAL_SIGNS', {})?.code).toBe('OUTCOME_UNKNOWN');
    const shipped = (version: number) => parseDefinition(VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === version)!);
    const plan = planMigration(shipped(8), shipped(9), d.state);
    expect(plan.canApply).toBe(true);
    expect(plan.openSteps).toEqual([expect.objectContaining({ stepId: 'B6', existsInTarget: true, formChanged: true, outcomesChanged: true })]);
  });
});

describe('the decision’s paper and sanction are asked by the outcomes that decide', () => {
  it('a decision without its number, date, signer or sanction is refused at each field', () => {
    expect(refusals(atDecision(9).complete(director, 'B6', 'DECIDED', {}))).toEqual(
      expect.arrayContaining(['DECISION_NO_MISSING@decisionNo', 'DECISION_DATE_MISSING@decisionDate', 'SIGNER_MISSING@signedBy', 'SANCTION_MISSING@sanction']),
    );
    expect(atDecision(9).complete(director, 'B6', 'DECIDED', decision)).toBeUndefined();
    // Version 8's form required them before any rule.
    expect(atDecision(8).complete(director, 'B6', 'DECIDED', {})?.code).toBe('FORM_INVALID');
  });

  it('the decision without a penalty (Art. 65) still needs its date and signer', () => {
    const d = atDecision(9, { recordedAt: '2026-11-16' });
    expect(refusals(d.complete(director, 'B6', 'MEASURES_ONLY', { sanction: 'NONE', remedialMeasures: 'Buộc tiêu hủy hàng hóa' }))).toEqual(
      expect.arrayContaining(['DECISION_DATE_MISSING@decisionDate', 'SIGNER_MISSING@signedBy']),
    );
    expect(
      d.complete(director, 'B6', 'MEASURES_ONLY', { decisionNo: '41/QĐ-KXP', decisionDate: NOW, signedBy: 'Hoàng Văn Hải', sanction: 'NONE', remedialMeasures: 'Buộc tiêu hủy hàng hóa' }),
    ).toBeUndefined();
  });

  it('INS issues the decision’s paper only when the step decides: none for a transfer, and the number is the register’s', () => {
    const transferred = atDecision(9, { issued: true });
    expect(transferred.complete(director, 'B6', 'CRIMINAL_SIGNS', {})).toBeUndefined();
    expect(transferred.documents.map((p) => p.type)).toEqual(['VIOLATION_RECORD']);

    const decided = atDecision(9, { issued: true });
    const { decisionNo: _typed, ...withoutNumber } = decision;
    expect(decided.complete(director, 'B6', 'DECIDED', withoutNumber)).toBeUndefined();
    expect(decided.documents.map((p) => [p.type, p.date])).toEqual([
      ['VIOLATION_RECORD', RECORDED],
      ['SANCTION_DECISION', NOW],
    ]);
  });
});

describe('the form marks what the law asks for with the outcome chosen', () => {
  const askedAt = (d: TDriver, stepId: string, outcome: string, data: Record<string, unknown>) => {
    const step = d.def.steps.find((s) => s.id === stepId)!;
    return [
      ...fieldsAskedNow(
        step,
        step.outcomes.find((o) => o.id === outcome),
        scopeOf(d.state, d.now, { stepId, outcome, data }),
      ),
    ].sort();
  };

  it('the decision’s paper and sanction for a decision, nothing for a transfer', () => {
    const d = atDecision(9, { issued: true });
    expect(askedAt(d, 'B6', 'DECIDED', {})).toEqual(['decisionDate', 'sanction', 'signedBy']);
    // "Measures only" asks for its date and signer, "no penalty" as the sanction, and the measures.
    expect(askedAt(d, 'B6', 'MEASURES_ONLY', {})).toEqual(['decisionDate', 'remedialMeasures', 'sanction', 'signedBy']);
    expect(askedAt(d, 'B6', 'MEASURES_ONLY', { additionalSanctions: 'Tịch thu hàng hóa' })).toEqual(['decisionDate', 'sanction', 'signedBy']);
    expect(askedAt(d, 'B6', 'CRIMINAL_SIGNS', {})).toEqual([]);
    expect(askedAt(d, 'B6', 'NONE_SUCH', {})).toEqual([]);
    // Version 8's form required them itself.
    expect(askedAt(atDecision(8, { issued: true }), 'B6', 'DECIDED', {})).toEqual([]);
  });

  it('the date an act was found once it is said to be still going on (version 10)', () => {
    const d = drive(penaltyProcedure(10), { now: at(NOW), catalogue: CATALOGUE });
    const ended = askedAt(d, 'B1', 'RECORDED', { violationDate: '2023-01-10', violatorSigned: true });
    expect(ended).not.toContain('detectedOn');
    expect(askedAt(d, 'B1', 'RECORDED', { violationDate: '2023-01-10', violatorSigned: true, ongoing: true })).toEqual([...ended, 'detectedOn'].sort());
    // The signature is asked until a witness signs instead (Art. 58(3)).
    expect(askedAt(d, 'B1', 'RECORDED', {})).toContain('violatorSigned');
    expect(askedAt(d, 'B1', 'RECORDED', { witnessName: 'Trần Văn K' })).not.toContain('violatorSigned');
  });
});
