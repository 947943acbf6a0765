/** Shared by the statistics tests: a drill-down read to its end, the figure the other way round. */
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { drillDown } from '../db/repositories/statistics.js';
import type { Database } from '../db/schema.js';

type TDrillQuery = Omit<Parameters<typeof drillDown>[1], 'after' | 'limit'>;

/** Every page of a drill-down (`pageSize` cases a page), summed; each page's total and count must be the whole list's. */
export async function drillAll(db: Kysely<Database>, q: TDrillQuery, pageSize: number): Promise<{ sum: number; cases: string[] }> {
  let after: string | undefined;
  let sum = 0;
  const cases: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const page = await drillDown(db, { ...q, limit: pageSize, after });
    for (const c of page.cases) {
      sum += c.amount;
      cases.push(c.caseId);
    }
    if (!page.next) {
      expect(sum).toBe(page.total);
      expect(cases.length).toBe(page.count);
      return { sum, cases };
    }
    after = page.next;
  }
  throw new Error('the drill-down did not end');
}
