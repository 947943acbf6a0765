/**
 * Property tests over the penalty procedures (version 2), on the pure engine with the real legal
 * calendar: whatever officers try — in any order, by any role, with lawful and unlawful amounts and
 * dates, while the days go by — no case ends with a fine outside its bracket or paid less than
 * decided, enforcement never opens inside the voluntary period, and every deadline is the calendar
 * function applied to the date on the paper the law names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, vietnamDateOf } from '../calendar.js';
import type { TActor } from '../engine.js';
import { actor, at, drive, SEED_CALENDAR, type TDriver } from '../fixtures/case-driver.js';
import { LEGAL_PARAMS_SEED, paramOn } from '../legal-params.js';
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { VIOLATION_CATALOGUE_SEED, type TViolationFacts } from '../violation-catalogue.js';
import { penaltyNoRecordProcedure, penaltyProcedure } from './penalty.js';

const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];
const ACTS = ['ND98/2020:17.1.c', 'ND87/2024:14.1', 'ND98/2020:11.3'];
const ROLES = ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'ADMIN'];
const START = '2026-11-16';

/** One attempt: which step, outcome, data choices, who, and how far the clock moves first. */
const attempt = fc.record({
  pick: fc.nat(50),
  openOnly: fc.nat(4).map((n) => n !== 0),
  outcome: fc.nat(7),
  rightActor: fc.nat(3).map((n) => n !== 0),
  role: fc.constantFrom(...ROLES),
  choice: fc.array(fc.nat(9), { minLength: 8, maxLength: 8 }),
  advance: fc.constantFrom(0, 0, 0, 1, 2, 5, 9, 12),
});
type TAttempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;

const pickOf = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/** Form data for a step, lawful or not, from the attempt's choices and the case so far. */
function dataFor(d: TDriver, stepId: string, c: number[]): Record<string, unknown> {
  const today = vietnamDateOf(new Date(d.now));
  const done = (id: string) => [...d.state.completed].reverse().find((x) => x.stepId === id)?.data ?? {};
  const b1 = done('B1');
  const b6 = done('B6');
  const recordedAt = typeof b1.recordedAt === 'string' ? b1.recordedAt : today;
  const decisionDate = typeof b6.decisionDate === 'string' ? b6.decisionDate : today;
  const acts = (b1.acts as { violation: TViolationFacts }[] | undefined) ?? [];
  const min = acts.reduce((s, a) => s + a.violation.bracketMin, 0);
  const max = acts.reduce((s, a) => s + a.violation.bracketMax, 0);
  const mid = acts.reduce((s, a) => s + a.violation.bracketMid, 0);
  const fine = typeof b6.fineAmount === 'number' ? b6.fineAmount : 0;
  const file = [{ sha256: 'c'.repeat(64), name: 'w.pdf', size: 1, mime: 'application/pdf' }];
  switch (stepId) {
    case 'B1': {
      const rec = pickOf([today, addCalendarDays(today, -3), addCalendarDays(today, -12), addCalendarDays(today, -40)], c[0]!);
      return {
        recordNo: '1',
        recordedAt: rec,
        place: 'x',
        recorder: 'x',
        violatorName: 'x',
        offenderType: pickOf(['INDIVIDUAL', 'ORGANIZATION'], c[1]!),
        violationDate: pickOf([rec, addCalendarDays(rec, -1), addCalendarDays(rec, 1)], c[2]!),
        violationPlace: 'x',
        acts: pickOf([[ACTS[0]], [ACTS[1]], [ACTS[2]], [ACTS[0], ACTS[1]], ['ND98/2020:99.9.z']], c[3]!).map((v) => ({ violation: v, description: 'x' })),
        violatorSigned: c[4]! % 4 !== 0,
        ...(c[5]! % 3 !== 0 ? { explanationNotice: 'Quyền giải trình' } : {}),
        ...(c[6]! % 5 === 0 ? { licenceMeasure: true } : {}),
      };
    }
    case 'B2':
      return { transferLetterNo: '1', receiver: 'x' };
    case 'B3':
      return { needsVerification: c[0]! % 2 === 0 };
    case 'B4':
      return pickOf<Record<string, unknown>>(
        [
          {},
          { explainedOn: today, explanation: 'x' },
          { waivedInWriting: true, waiverDocument: file },
          { hearingRequestedOn: addCalendarDays(recordedAt, 1), hearingDate: today, hearingMinutesNo: 'x' },
        ],
        c[0]!,
      );
    case 'B6': {
      const sanction = pickOf(['FINE', 'FINE', 'FINE', 'WARNING', 'NONE'], c[1]!);
      const amount = pickOf([mid, mid, min, max, max + 1, min - 1, 50_000_000, 0], c[2]!);
      return {
        decisionNo: '1',
        decisionDate: pickOf([today, recordedAt, addCalendarDays(recordedAt, -1)], c[0]!),
        signedBy: 'x',
        sanction,
        ...(sanction === 'FINE' || c[3]! % 3 === 0 ? { fineAmount: amount } : {}),
        ...(c[4]! % 2 === 0 ? { amountReason: 'x' } : {}),
        ...(c[5]! % 2 === 0 ? { remedialMeasures: 'x' } : {}),
      };
    }
    case 'B8':
      return { method: 'IN_PERSON', receivedDate: pickOf([decisionDate, today, addCalendarDays(decisionDate, -1)], c[0]!) };
    case 'B9':
    case 'B14':
      return pickOf<Record<string, unknown>>(
        [
          {},
          { receiptNo: 'BL', paidAmount: fine, paidDate: today },
          { receiptNo: 'BL', paidAmount: Math.round(fine / 2), paidDate: today },
          { receiptNo: 'BL', paidAmount: fine * 2, paidDate: today },
          { paidAmount: fine, paidDate: today },
        ],
        c[0]!,
      );
    case 'B12':
      return { decisionNo: '1', decisionDate: today, signedBy: 'x', hardship: 'x', postponedUntil: addCalendarDays(today, pickOf([30, 90, 120], c[0]!)) };
    case 'B13':
      return {
        decisionNo: '1',
        decisionDate: today,
        signedBy: 'x',
        instalments: pickOf([2, 3, 4], c[0]!),
        firstAmount: Math.round(fine * pickOf([0.3, 0.4, 0.5], c[1]!)),
        lastDueDate: addCalendarDays(today, pickOf([60, 170, 200], c[2]!)),
      };
    case 'B62':
      return { suspensionNo: '1' };
    case 'B17':
      return { nationalDbUpdated: c[0]! % 3 !== 0, archiveNo: 'x' };
    default:
      return {};
  }
}

/** The due date the law gives an open step, from the date on the paper (no extension is granted in these runs). */
function expectedDue(d: TDriver, stepId: string): string | undefined {
  const done = (id: string) => [...d.state.completed].reverse().find((x) => x.stepId === id);
  const cal = (anchorDate: string, amount: number, unit: 'working_days' | 'days' | 'months', binds?: 'PARTY') => SEED_CALENDAR.dueDate({ anchorDate, amount, unit, binds }).due;
  const recordedAt = done('B1')?.data.recordedAt as string;
  switch (stepId) {
    case 'B4':
      return cal(recordedAt, 5, 'working_days', 'PARTY');
    case 'B6': {
      if (done('BF')?.outcome === 'RETURNED_TO_CASE') return cal(done('BF')!.data.fileReceivedOn as string, 30, 'days');
      const b3 = done('B3');
      if (b3 && (b3.outcome === 'EXPLANATION_RIGHT' || b3.data.needsVerification === true)) return cal(recordedAt, 1, 'months');
      if (done('B1')?.outcome === 'TRANSFER_NEEDED') return cal(recordedAt, 10, 'working_days');
      return cal(recordedAt, 7, 'working_days');
    }
    case 'B8':
      return cal(done('B6')!.data.decisionDate as string, 2, 'working_days');
    case 'B9':
      return cal(done('B8')!.data.receivedDate as string, 10, 'days', 'PARTY');
    default:
      return undefined;
  }
}

interface TRun {
  d: TDriver;
  /** Enforcement opened while the period to comply voluntarily was still running. */
  enforcementInsideVoluntaryPeriod: boolean;
  /** Deadlines that were not the calendar function of the paper's date. */
  wrongDeadlines: string[];
}

function run(attempts: TAttempt[]): TRun {
  const d = drive(penaltyProcedure(), { now: at(START), catalogue: CATALOGUE });
  const out: TRun = { d, enforcementInsideVoluntaryPeriod: false, wrongDeadlines: [] };
  const stepIds = d.def.steps.map((s) => s.id);
  const checkDeadlines = (): void => {
    for (const o of d.state.open) {
      const want = expectedDue(d, o.stepId);
      if (want && o.deadline && o.deadline.due !== want) out.wrongDeadlines.push(`${o.stepId}: ${o.deadline.due} ≠ ${want}`);
    }
  };
  attempts.forEach((a, i) => {
    if (a.advance) d.setNow(at(addCalendarDays(vietnamDateOf(new Date(d.now)), a.advance)));
    const pool = a.openOnly && d.state.open.length ? d.state.open.map((o) => o.stepId) : stepIds;
    const step = d.def.steps.find((s) => s.id === pickOf(pool, a.pick))!;
    const outcome = pickOf(step.outcomes, a.outcome).id;
    if (step.subProcedure) {
      if (!d.state.open.some((o) => o.stepId === step.id)) return;
      d.childClosed(step.id, outcome, step.id === 'BF' ? { fileReceivedOn: vietnamDateOf(new Date(d.now)) } : {});
      checkDeadlines();
      return;
    }
    const who: TActor = a.rightActor ? actor(step.roles.find((r) => r !== 'SYSTEM') ?? a.role, `u${i % 3}`) : actor(a.role);
    const before = d.children.length;
    const voluntary = ['B9', 'B14'].map((id) => d.state.open.find((o) => o.stepId === id)?.deadline).find(Boolean);
    const refused = d.complete(who, step.id, outcome, dataFor(d, step.id, a.choice));
    if (refused) return;
    if (d.children.slice(before).some((c) => c.stepId === 'B15') && voluntary && Date.parse(d.now) <= Date.parse(voluntary.dueAt)) out.enforcementInsideVoluntaryPeriod = true;
    checkDeadlines();
  });
  return out;
}

/** The bracket for the case's offender over its recorded acts. */
function bracketOf(d: TDriver): { min: number; max: number } {
  const b1 = [...d.state.completed].reverse().find((c) => c.stepId === 'B1')!;
  const acts = b1.data.acts as { violation: TViolationFacts }[];
  return { min: acts.reduce((s, a) => s + a.violation.bracketMin, 0), max: acts.reduce((s, a) => s + a.violation.bracketMax, 0) };
}

const runs = fc.array(attempt, { minLength: 5, maxLength: 90 });

describe('the penalty procedure (version 2) under any sequence of attempts', () => {
  it('never decides a fine outside the recorded bracket for the offender, nor pays less than decided', () => {
    fc.assert(
      fc.property(runs, (attempts) => {
        const { d } = run(attempts);
        for (const c of d.state.completed) {
          if (c.stepId === 'B6' && c.outcome === 'DECIDED' && c.data.sanction === 'FINE') {
            const { min, max } = bracketOf(d);
            expect(c.data.fineAmount as number).toBeGreaterThanOrEqual(min);
            expect(c.data.fineAmount as number).toBeLessThanOrEqual(max);
          }
          if ((c.stepId === 'B9' || c.stepId === 'B14') && c.outcome === 'PAID') {
            const decided = [...d.state.completed].reverse().find((x) => x.stepId === 'B6')!;
            expect(c.data.paidAmount as number).toBeGreaterThanOrEqual(decided.data.fineAmount as number);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never opens enforcement inside the voluntary period, and counts every deadline from the paper’s date', () => {
    fc.assert(
      fc.property(runs, (attempts) => {
        const r = run(attempts);
        expect(r.enforcementInsideVoluntaryPeriod).toBe(false);
        expect(r.wrongDeadlines).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('reaches decisions, fines paid, enforcement and closings (the properties are not vacuous)', () => {
    // Counted on a fixed sample, so this check cannot fail by chance.
    const sample = fc.sample(runs, { numRuns: 600, seed: 20_261_202 }).map(run);
    const count = (f: (r: TRun) => boolean) => sample.filter(f).length;
    const fined = count((r) => r.d.state.completed.some((c) => c.stepId === 'B6' && c.outcome === 'DECIDED' && c.data.sanction === 'FINE'));
    const paid = count((r) => r.d.state.completed.some((c) => (c.stepId === 'B9' || c.stepId === 'B14') && c.outcome === 'PAID'));
    const enforced = count((r) => r.d.children.some((c) => c.stepId === 'B15'));
    const measures = count((r) => r.d.state.completed.some((c) => c.outcome === 'MEASURES_ONLY'));
    const closed = count((r) => r.d.state.status === 'CLOSED');
    const deadlines = count((r) => r.d.state.completed.some((c) => c.stepId === 'B9'));
    console.info(`fixed sample of ${sample.length}: ${fined} fined, ${paid} paid, ${enforced} enforced, ${measures} after-deadline, ${deadlines} past B9, ${closed} closed`);
    expect(fined).toBeGreaterThan(20);
    expect(paid).toBeGreaterThan(3);
    expect(enforced).toBeGreaterThan(3);
    expect(measures).toBeGreaterThan(3);
    expect(closed).toBeGreaterThan(3);
  });
});

describe('the no-record path (version 2)', () => {
  it('never decides on the spot a fine outside the bracket, above the limit in force, or out of competence; and never pays less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.constantFrom('INDIVIDUAL', 'ORGANIZATION'),
        fc.constantFrom('2025-03-01', '2025-08-01', '2026-11-30'),
        fc.boolean(),
        fc.constantFrom(...ACTS.slice(0, 2), 'ND87/2024:13.1'),
        fc.constantFrom('INSPECTOR', 'TEAM_LEAD'),
        fc.integer({ min: 0, max: 2_000_000 }),
        (amount, offender, date, equipment, code, role, paid) => {
          const d = drive(penaltyNoRecordProcedure(), { now: at(date), catalogue: CATALOGUE });
          const data = {
            decisionNo: '1',
            decisionDate: date,
            signedBy: 'x',
            violatorName: 'x',
            offenderType: offender,
            violationDate: date,
            violation: code,
            place: 'p',
            sanction: 'FINE',
            fineAmount: amount,
            amountReason: 'x',
            detectedByEquipment: equipment,
          };
          const refused = d.complete(actor(role), 'N1', 'DECIDED', data);
          const row = CATALOGUE.find((v) => v.code === code)!;
          const k = offender === 'ORGANIZATION' ? 2 : 1;
          const limit = paramOn(LEGAL_PARAMS_SEED, offender === 'ORGANIZATION' ? 'noRecordMaxOrganization' : 'noRecordMaxIndividual', date).value;
          const ceiling = paramOn(LEGAL_PARAMS_SEED, `fineCompetence${role === 'INSPECTOR' ? 'Inspector' : 'TeamLead'}${offender === 'ORGANIZATION' ? 'Organization' : 'Individual'}`, date).value;
          const lawful = !equipment && amount > 0 && amount >= row.bracket.min * k && amount <= row.bracket.max * k && amount <= limit && row.bracket.max * k <= ceiling;
          expect(refused === undefined).toBe(lawful);
          if (!lawful) return;
          const payRefused = d.complete(actor('INSPECTOR'), 'N2', 'PAID', { receiptNo: 'BL', paidAmount: paid, paidDate: date });
          expect(payRefused === undefined).toBe(paid >= amount);
        },
      ),
      { numRuns: 500 },
    );
  });
});
