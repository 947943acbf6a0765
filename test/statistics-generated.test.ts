/**
 * The statistics' two ways agree on generated data (issue 18): the national synthetic read model of
 * bench/generate.ts at a small size (34 units, ten years, their facts), and for every indicator and
 * every statistical period of a year — months, quarters, halves, the year — for a large unit, a
 * small one and the whole country, the report's figure equals the sum of its drill-down's case list;
 * so do the grouped figures (by team, violation, product group, commune) and what is outstanding.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { statisticsReport } from '../db/repositories/statistics.js';
import { drillAll } from './statistics-support.js';
import { FACT_INDICATORS, type TFactIndicator, type TStatDimension } from '../domain/statistics/indicators.js';
import { customPeriod, periodOf, type TPeriod } from '../domain/statistics/periods.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
let units: { big: string; small: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await generate(database.db, { cases: 4_000, seed: 18 });
  // The units with the most and the fewest facts in 2025.
  const rows = await sql<{ unit_id: string; n: number }>`
    select unit_id, count(*)::int as n from stat_fact where occurred_on between '2024-12-15' and '2025-12-14' group by unit_id order by n desc, unit_id`.execute(database.db);
  units = { big: rows.rows[0]!.unit_id, small: rows.rows[rows.rows.length - 1]!.unit_id };
}, 300_000);
afterAll(async () => {
  await database?.drop();
});

const PERIODS: TPeriod[] = [
  ...Array.from({ length: 12 }, (_, i) => periodOf('MONTH', `2025-${String(i + 1).padStart(2, '0')}`)),
  ...[1, 2, 3, 4].map((q) => periodOf('QUARTER', `2025-Q${q}`)),
  periodOf('HALF', '2025-H1'),
  periodOf('HALF', '2025-H2'),
  periodOf('YEAR', '2025'),
];

async function drilled(unitId: string | null, period: TPeriod, indicator: TFactIndicator | 'OUTSTANDING', dimension?: TStatDimension, value?: string | null): Promise<number> {
  return (await drillAll(database.db, { unitId, period, indicator, dimension, value }, 200)).sum;
}

describe('the report and the sum of its drill-down, on generated data', () => {
  it('generated a national read model with facts of every indicator over its ten years', async () => {
    const r = await statisticsReport(database.db, { unitId: null, period: customPeriod('2016-12-15', '2026-12-14') });
    for (const i of FACT_INDICATORS) expect(r.totals[i], i).toBeGreaterThan(0);
    expect(units.big).not.toBe(units.small);
  });

  it.each([
    ['a large unit', (): string | null => units.big],
    ['a small unit', (): string | null => units.small],
    ['the whole country', (): string | null => null],
  ] as const)('agree for every indicator and period of 2025, for %s', async (_name, unit) => {
    const unitId = unit();
    let compared = 0;
    for (const period of PERIODS) {
      const r = await statisticsReport(database.db, { unitId, period });
      for (const i of FACT_INDICATORS) {
        expect(await drilled(unitId, period, i), `${period.key} ${i}`).toBe(r.totals[i]);
        compared++;
      }
      expect(await drilled(unitId, period, 'OUTSTANDING'), `${period.key} outstanding`).toBe(r.outstanding);
    }
    expect(compared).toBe(PERIODS.length * FACT_INDICATORS.length);
  });

  it('keeps, in bulk, the same daily sums and matters as the facts give: the sums equal, what is outstanding equal to a scan of every matter', async () => {
    const db = database.db;
    const diff = await sql<{ n: number }>`
      select count(*)::int as n from (
        select unit_id, occurred_on, indicator, sum(amount) as amount, count(*)::int as facts from stat_fact group by 1, 2, 3
        except select unit_id, occurred_on, indicator, amount, facts from stat_daily) d`.execute(db);
    expect(diff.rows[0]!.n).toBe(0);
    for (const unitId of [units.big, null]) {
      for (const day of ['2019-06-30', '2024-12-14', '2025-06-14', '2025-12-14', '2026-12-14']) {
        const scan = await sql<{ n: number }>`
          select coalesce(sum(o), 0)::bigint as n from (select greatest(0, sum(case when indicator = 'FINES_IMPOSED' then amount else -amount end)) as o
          from stat_fact where (${unitId}::text is null or unit_id = ${unitId}) and occurred_on <= ${day}::date and indicator in ('FINES_IMPOSED', 'BUDGET_COLLECTED') group by matter_id) m`.execute(
          db,
        );
        const r = await statisticsReport(db, { unitId, period: customPeriod('2016-12-15', day) });
        expect(r.outstanding, `${unitId ?? 'national'} ${day}`).toBe(scan.rows[0]!.n);
      }
    }
  });

  it.each(['team', 'violation', 'productGroup', 'commune'] as const)('agree for every group by %s of the large unit’s year', async (dimension) => {
    const period = periodOf('YEAR', '2025');
    const r = await statisticsReport(database.db, { unitId: units.big, period, groupBy: dimension });
    expect(r.groups!.length).toBeGreaterThan(1);
    for (const g of r.groups!) {
      for (const i of ['INSPECTIONS', 'FINES_IMPOSED', 'BUDGET_COLLECTED', 'STEPS_LATE'] as const) {
        expect(await drilled(units.big, period, i, dimension, g.value), `${dimension}=${g.value} ${i}`).toBe(g.totals[i]);
      }
    }
    // The groups add up to the whole.
    for (const i of FACT_INDICATORS) expect(r.groups!.reduce((s, g) => s + g.totals[i], 0)).toBe(r.totals[i]);
  });
});
