/**
 * The hard deadline already running before its step opens: the penalty decision (B6) from the
 * date of the violation record (Art. 66(1)), shown on the case while B3–B5 are open — the very due
 * date the engine gives B6 when it opens.
 */
import { describe, expect, it } from 'vitest';
import { deadlinesAhead } from './deadlines-ahead.js';
import { actor, at, drive, SEED_CALENDAR, type TDriver } from './fixtures/case-driver.js';
import { TEST_VIOLATIONS } from './fixtures/test-catalogue.js';
import { penaltyProcedure } from './procedures/penalty.js';
import { VIOLATION_CATALOGUE_SEED } from './violation-catalogue.js';

const inspector = actor('INSPECTOR');
const legal = actor('LEGAL_OFFICER');
const director = actor('DIRECTOR');
const CATALOGUE = [...VIOLATION_CATALOGUE_SEED, ...TEST_VIOLATIONS];
const TODAY = '2026-12-02';

const record = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  recordNo: '01/BB',
  recordedAt: '2026-11-25',
  place: 'Tại cơ sở',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Nguyễn Thị F',
  offenderType: 'INDIVIDUAL',
  violationDate: '2026-11-24',
  violationPlace: 'Hoa Lư',
  acts: [{ violation: 'ND87/2024:14.1', description: 'Bán cao hơn giá niêm yết' }],
  violatorSigned: true,
  ...overrides,
});

const penaltyCase = (): TDriver => drive(penaltyProcedure(), { now: at(TODAY), catalogue: CATALOGUE });
const ahead = (d: TDriver) => deadlinesAhead(d.def, d.state, SEED_CALENDAR, d.now);
const openB6 = (d: TDriver) => d.state.open.find((o) => o.stepId === 'B6')!.deadline!;

describe('the decision deadline before B6 opens (Art. 66(1))', () => {
  it('runs from the date of the record as soon as it is made: 7 working days, the date B6 then opens with', () => {
    const d = penaltyCase();
    expect(d.complete(inspector, 'B1', 'RECORDED', record())).toBeUndefined();
    expect(d.state.open.map((o) => o.stepId)).toEqual(['B3']);
    const [b6] = ahead(d);
    expect(b6).toMatchObject({
      stepId: 'B6',
      amount: 7,
      unit: 'working_days',
      legalBasis: expect.stringMatching(/Điều 66\(1\)/),
      from: { stepId: 'B1', field: 'recordedAt', date: '2026-11-25' },
      deadline: { due: '2026-12-04' },
    });
    expect(ahead(d)).toHaveLength(1);

    expect(d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {})).toBeUndefined();
    expect(openB6(d)).toMatchObject({ due: b6!.deadline.due, dueAt: b6!.deadline.dueAt });
    // Open now: its own deadline is shown with the step, nothing ahead.
    expect(ahead(d)).toEqual([]);
  });

  it('follows the rule the case is on: 1 month once the party may explain, 10 working days when the file must go to who is competent', () => {
    const d = penaltyCase();
    d.complete(inspector, 'B1', 'RECORDED', record({ acts: [{ violation: 'ND98/2020:11.3', description: 'x' }], explanationNotice: 'Được giải trình trong 05 ngày làm việc' }));
    expect(ahead(d)[0]!.deadline.due).toBe('2026-12-04');
    expect(d.complete(legal, 'B3', 'EXPLANATION_RIGHT', {})).toBeUndefined();
    const [b6] = ahead(d);
    expect(b6).toMatchObject({ stepId: 'B6', amount: 1, unit: 'months', legalBasis: expect.stringMatching(/Điều 66\(1\)\(b\)/) });
    expect(b6!.deadline.due).toBe(SEED_CALENDAR.dueDate({ anchorDate: '2026-11-25', amount: 1, unit: 'months' }).due);
    expect(d.complete(legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: TODAY, explanation: 'Giải trình' })).toBeUndefined();
    expect(openB6(d).due).toBe(b6!.deadline.due);

    const transfer = penaltyCase();
    expect(transfer.complete(inspector, 'B1', 'TRANSFER_NEEDED', record())).toBeUndefined();
    expect(ahead(transfer)[0]).toMatchObject({
      stepId: 'B6',
      amount: 10,
      unit: 'working_days',
      deadline: { due: SEED_CALENDAR.dueDate({ anchorDate: '2026-11-25', amount: 10, unit: 'working_days' }).due },
    });
  });

  it('is not shown before the record, while the file is with the criminal-procedure body, nor once the decision is taken', () => {
    const d = penaltyCase();
    expect(ahead(d)).toEqual([]);
    const criminal = penaltyCase();
    expect(criminal.complete(inspector, 'B1', 'CRIMINAL_SIGNS', record())).toBeUndefined();
    expect(ahead(criminal)).toEqual([]);

    d.complete(inspector, 'B1', 'RECORDED', record({ recordedAt: TODAY, violationDate: TODAY }));
    d.complete(legal, 'B3', 'NO_EXPLANATION_RIGHT', {});
    expect(d.complete(director, 'B6', 'DECIDED', { decisionNo: '15/QĐ-XPHC', decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000 })).toBeUndefined();
    expect(ahead(d)).toEqual([]);
  });
});
