/**
 * Property tests over the penalty procedure, on the pure engine: whatever officers try, in any
 * order and with any role, the law's order holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, checkAction, completeFromChild, newCase, setDeadline, type TActor, type TCaseState } from '../engine.js';
import { LEGAL_PARAMS_SEED, paramOn } from '../legal-params.js';
import { parseDefinition } from '../procedure-validate.js';
import { penaltyNoRecordProcedure, penaltyProcedure } from './penalty.js';

const def = parseDefinition(penaltyProcedure());
const noRecord = parseDefinition(penaltyNoRecordProcedure());
const NOW = '2026-03-10T03:00:00.000Z';
const TODAY = '2026-03-10';

const ACTORS: TActor[] = ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'ADMIN'].map((r) => ({ userId: r.toLowerCase(), roles: [r] }));

/** Plausible form data per step, some of it wrong on purpose. */
const DATA: Record<string, Record<string, unknown>[]> = {
  B1: [
    { recordNo: '1', recordedAt: TODAY, place: 'x', recorder: 'x', violatorName: 'x', offenderType: 'INDIVIDUAL', violationDate: TODAY, violationPlace: 'x', acts: [{ violationCode: 'ND98/2020:17.1.c', description: 'x' }], bracketMax: 500_000 },
    { recordNo: '2', recordedAt: TODAY, place: 'x', recorder: 'x', violatorName: 'x', offenderType: 'ORGANIZATION', violationDate: TODAY, violationPlace: 'x', acts: [{ violationCode: 'ND98/2020:17.2', description: 'x' }], bracketMax: 40_000_000 },
    { recordNo: '3' },
  ],
  B2: [{ transferLetterNo: '1', receiver: 'x' }],
  B3: [{}, { needsVerification: true }],
  B4: [{}],
  B6: [
    { decisionNo: '1', decisionDate: TODAY, signedBy: 'x', sanction: 'FINE', fineAmount: 400_000 },
    { decisionNo: '2', decisionDate: TODAY, signedBy: 'x', sanction: 'WARNING' },
  ],
  B8: [{ method: 'IN_PERSON', receivedDate: TODAY }],
  B9: [{}, { receiptNo: 'BL', paidAmount: 400_000, paidDate: TODAY }],
  B17: [{ nationalDbUpdated: true, archiveNo: 'A' }],
};

const stepIds = def.steps.map((s) => s.id);
// Most attempts target an open step (so that cases get far), some any step (out of order).
const attempt = fc.record({
  pick: fc.nat(50),
  openOnly: fc.nat(3).map((n) => n !== 0),
  // Often the right person acts; sometimes anyone.
  rightActor: fc.nat(3).map((n) => n !== 0),
  outcome: fc.nat(3),
  actor: fc.constantFrom(...ACTORS),
  data: fc.nat(3),
  childOutcome: fc.nat(3),
});

type TAttempt = { pick: number; openOnly: boolean; rightActor: boolean; outcome: number; actor: TActor; data: number; childOutcome: number };

function run(attempts: TAttempt[]): TCaseState {
  const { state, transition } = newCase(def, { caseId: 'p', kind: 'PENALTY', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: ACTORS[1]!, legalParams: [...LEGAL_PARAMS_SEED] }, NOW);
  const far = { dueAt: '2099-01-01T17:00:00.000Z', due: '2099-01-01', calendarVersion: 'c', explanation: {} };
  const settle = (t: typeof transition): void => {
    for (const d of t.deadlines) setDeadline(state, d, far, NOW, 'test');
  };
  settle(transition);
  attempts.forEach((a, i) => {
    const pool = a.openOnly && state.open.length ? state.open.map((o) => o.stepId) : stepIds;
    const step = def.steps.find((s) => s.id === pool[a.pick % pool.length])!;
    const outcome = step.outcomes[a.outcome % step.outcomes.length]!.id;
    if (step.subProcedure) {
      const t = completeFromChild(def, state, step.id, `child-${i}`, outcome, `child-${i}`, NOW);
      if (t) settle(t);
      return;
    }
    const options = DATA[step.id] ?? [{}];
    const action = { type: 'COMPLETE_STEP' as const, stepId: step.id, outcome, data: options[a.data % options.length]!, evidence: [] };
    const actor = a.rightActor ? (ACTORS.find((x) => step.roles.includes(x.roles[0]!)) ?? a.actor) : a.actor;
    if (checkAction(def, state, actor, action, { now: NOW })) return;
    settle(applyAction(def, state, actor, action, `r-${i}`, NOW));
  });
  return state;
}

const seen = { decided: 0, closedWithFine: 0 };

describe('the penalty procedure under any sequence of attempts', () => {
  it('never reaches a decision without a violation record before it', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 60 }), (attempts) => {
        const state = run(attempts);
        const order = state.completed.map((c) => c.stepId);
        if (order.includes('B6')) seen.decided++;
        if (order.includes('B6')) expect(order.indexOf('B1')).toBeGreaterThanOrEqual(0);
        if (order.includes('B6')) expect(order.indexOf('B1')).toBeLessThan(order.indexOf('B6'));
        if (order.includes('B6')) expect(order.indexOf('B3')).toBeLessThan(order.indexOf('B6'));
      }),
      { numRuns: 1500 },
    );
  });

  it('never closes with an unpaid fine that was not sent to enforcement', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 100 }), (attempts) => {
        const state = run(attempts);
        if (state.status !== 'CLOSED') return;
        const decision = state.completed.find((c) => c.stepId === 'B6');
        if (!decision || decision.data.sanction !== 'FINE') return;
        seen.closedWithFine++;
        const paid = state.completed.some((c) => c.stepId === 'B9' && c.outcome === 'PAID');
        const enforced = state.completed.some((c) => c.stepId === 'B15');
        expect(paid || enforced).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('exercised decisions and closed fined cases (the properties are not vacuous)', () => {
    console.info(`penalty property runs: ${seen.decided} reached a decision, ${seen.closedWithFine} closed with a fine`);
    // The runs above are random; how many reach a decision or a fined closing varies from run to
    // run (5 of 1500 closed with a fine once). That the generator reaches those states at all is
    // shown on a fixed sample, so this check cannot fail by chance.
    const sample = fc.sample(fc.array(attempt, { maxLength: 100 }), { numRuns: 1500, seed: 20_261_128 }).map(run);
    const decided = sample.filter((s) => s.completed.some((c) => c.stepId === 'B6')).length;
    const closedWithFine = sample.filter((s) => s.status === 'CLOSED' && s.completed.find((c) => c.stepId === 'B6')?.data.sanction === 'FINE').length;
    console.info(`fixed sample: ${decided} reached a decision, ${closedWithFine} closed with a fine`);
    expect(decided).toBeGreaterThan(20);
    expect(closedWithFine).toBeGreaterThan(5);
    // And the random runs reached them too (a generator broken outright would not).
    expect(seen.decided).toBeGreaterThan(0);
    expect(seen.closedWithFine).toBeGreaterThan(0);
  });
});

describe('the no-record path', () => {
  it('never decides a fine above the limit in force on the decision date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), fc.constantFrom('INDIVIDUAL', 'ORGANIZATION'), fc.constantFrom('2025-03-01', '2025-08-01'), fc.boolean(), (amount, offender, date, equipment) => {
        const { state } = newCase(noRecord, { caseId: 'n', kind: 'PENALTY_NO_RECORD', procedure: { id: noRecord.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: ACTORS[0]!, legalParams: [...LEGAL_PARAMS_SEED] }, `${date}T03:00:00.000Z`);
        const data = { decisionNo: '1', decisionDate: date, signedBy: 'x', violatorName: 'x', offenderType: offender, violationCode: 'c', place: 'p', sanction: 'FINE', fineAmount: amount, detectedByEquipment: equipment };
        const refused = checkAction(noRecord, state, ACTORS[0]!, { type: 'COMPLETE_STEP', stepId: 'N1', outcome: 'DECIDED', data }, { now: `${date}T03:00:00.000Z` });
        const limit = paramOn(LEGAL_PARAMS_SEED, offender === 'ORGANIZATION' ? 'noRecordMaxOrganization' : 'noRecordMaxIndividual', date).value;
        expect(refused === undefined).toBe(amount <= limit && !equipment);
      }),
      { numRuns: 300 },
    );
  });
});
