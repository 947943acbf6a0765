/**
 * The case reads use their indexes (issue 19, docs/adr/0170), checked on generated data
 * (bench/generate.ts) with EXPLAIN ANALYZE of the very statements the repository sends, captured
 * as it sends them: the case list by opening and by deadline, a search, and the inbox of a team and
 * of a unit. None reads case_file or case_task whole (no Seq Scan), no sort spills to disk, and the
 * ordered reads are an index scan feeding the page's Limit (no Sort at all).
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { listCases, listInbox, type TCaseScope } from '../db/repositories/case-queries.js';
import { TOTAL_CAP } from '../db/repositories/paging.js';
import type { Database } from '../db/schema.js';
import { createTestDatabase, type TestDatabase } from './support.js';

/** A plan node of EXPLAIN (FORMAT JSON). */
interface TPlan {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Space Type'?: string;
  'Sort Method'?: string;
  'Actual Rows'?: number;
  Plans?: TPlan[];
}

let database: TestDatabase;
let pool: pg.Pool;
/** The database as the repository uses it, recording every statement it sends. */
let db: Kysely<Database>;
const sent: CompiledQuery[] = [];
let unit: string;
let team: string;
let word: string;
let casesGenerated: number;

beforeAll(async () => {
  database = await createTestDatabase();
  await generate(database.db, { cases: 20_000, seed: 19 });
  await sql`analyze`.execute(database.db);
  casesGenerated = (await sql<{ n: number }>`select count(*)::int as n from case_file`.execute(database.db)).rows[0]!.n;
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void sent.push(e.query) });
  // The unit with the most cases, its team with the most, and a business name's word of that unit.
  unit = (await sql<{ unit_id: string }>`select unit_id from case_file group by 1 order by count(*) desc, 1 limit 1`.execute(database.db)).rows[0]!.unit_id;
  team = (await sql<{ team_id: string }>`select team_id from case_file where unit_id = ${unit} group by 1 order by count(*) desc, 1 limit 1`.execute(database.db)).rows[0]!.team_id;
  word = (await sql<{ name_key: string }>`select name_key from business where unit_id = ${unit} order by id limit 1`.execute(database.db)).rows[0]!.name_key.split(' ').at(-1)!;
}, 600_000);
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/**
 * The statements `read` sends, each with its plan as it ran; with `orderOnly`, the plan the
 * planner makes when it may neither sort nor build a bitmap: the plan that reads the rows in the
 * list's order from an index, if an index gives that order (see `expectIndexed`).
 */
async function plansOf(read: () => Promise<unknown>, o: { orderOnly?: boolean } = {}): Promise<{ sql: string; plan: TPlan }[]> {
  sent.length = 0;
  await read();
  const client = await pool.connect();
  try {
    if (o.orderOnly) await client.query('set enable_sort = off; set enable_bitmapscan = off');
    const out = [];
    for (const q of [...sent]) {
      const r = await client.query<{ 'QUERY PLAN': { Plan: TPlan }[] }>(`explain (analyze, format json) ${q.sql}`, q.parameters as unknown[]);
      out.push({ sql: q.sql, plan: r.rows[0]!['QUERY PLAN'][0]!.Plan });
    }
    return out;
  } finally {
    await client.query('reset all');
    client.release();
  }
}

/** The plan as indented lines: node, relation or index, rows (for the assertions' messages). */
function outline(p: TPlan, depth = 0): string {
  const name = [p['Node Type'], p['Relation Name'], p['Index Name'], `rows=${p['Actual Rows']}`].filter(Boolean).join(' ');
  return [`${'  '.repeat(depth)}${name}`, ...(p.Plans ?? []).map((c) => outline(c, depth + 1))].join('\n');
}

function nodes(p: TPlan): TPlan[] {
  return [p, ...(p.Plans ?? []).flatMap(nodes)];
}

const TABLES = ['case_file', 'case_task'];
const isSort = (n: TPlan) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort';

/**
 * A read of the lists is indexed: no whole read of case_file or case_task (no Seq Scan), no sort
 * on disk, and a sort, if any, of less than a tenth of the cases (the rows one unit's or team's
 * index entries or a search matched, never the table). At 20,000 cases a team has a few dozen open
 * steps and a unit under two thousand cases: sorting those in memory is the planner's right choice,
 * where at a million (a hundred thousand open cases in one unit) only an index read in order stops
 * after the page. So an `ordered` read is checked again as the planner plans it when it may not
 * sort (`plansOf`'s `orderOnly`): then an index must give the order of every statement the read
 * sends, the page and its capped counts, feeding their Limit with no Sort at all.
 */
async function expectIndexed(read: () => Promise<unknown>, o: { ordered: boolean }): Promise<{ sql: string; plan: TPlan }[]> {
  const plans = await plansOf(read);
  expect(plans.length).toBeGreaterThan(0);
  for (const { sql: text, plan } of plans) {
    const all = nodes(plan);
    const where = `${text}\n${outline(plan)}`;
    expect(
      all.filter((n) => n['Node Type'] === 'Seq Scan' && TABLES.includes(n['Relation Name'] ?? '')),
      where,
    ).toEqual([]);
    expect(
      all.filter((n) => n['Sort Space Type'] === 'Disk'),
      where,
    ).toEqual([]);
    expect(
      all.filter((n) => isSort(n) && (n.Plans ?? []).some((c) => (c['Actual Rows'] ?? 0) * 10 > casesGenerated)),
      where,
    ).toEqual([]);
  }
  if (o.ordered) {
    for (const { sql: text, plan } of await plansOf(read, { orderOnly: true })) expect(nodes(plan).filter(isSort), `${text}\n${outline(plan)}`).toEqual([]);
  }
  return plans;
}

const UNIT_WIDE = (): TCaseScope => ({ unitId: unit, unitWide: true, teamId: null });
const TEAM = (): TCaseScope => ({ unitId: unit, unitWide: false, teamId: team });
const INBOX = { now: new Date('2026-12-15T00:00:00+07:00'), soonUntil: new Date('2026-12-17T00:00:00+07:00'), limit: 50 };

describe('the case reads on 20,000 generated cases', () => {
  it('generated search documents that hold each case’s business', async () => {
    const r = await sql<{ n: number; wrong: number; capped: number }>`
      select count(*)::int as n, count(*) filter (where f.search_doc <> f.search_text || ' ' || b.search_text)::int as wrong
      from case_file f join business b on b.id = f.business_id and b.unit_id = f.unit_id`.execute(database.db);
    expect(r.rows[0]!.n).toBeGreaterThan(19_000);
    expect(r.rows[0]!.wrong).toBe(0);
  });

  it('lists a unit’s cases newest first and by deadline through an index, with a capped total', async () => {
    for (const sort of ['openedAt', 'nextDeadlineAt', 'caseNumber'] as const) {
      const order = sort === 'openedAt' ? 'desc' : 'asc';
      const page = await listCases(db, UNIT_WIDE(), {}, { sort, order, limit: 50 });
      expect(page.items).toHaveLength(50);
      expect(page.totalCapped).toBe(true);
      expect(page.total).toBe(TOTAL_CAP);
      await expectIndexed(() => listCases(db, UNIT_WIDE(), {}, { sort, order, limit: 50 }), { ordered: true });
    }
    // A page after the last carries no row to hold the count (docs/adr/0180): it is counted apart, the same.
    const past = await listCases(db, UNIT_WIDE(), {}, { sort: 'openedAt', order: 'desc', limit: 50, after: { sort: 'openedAt', order: 'desc', value: '1970-01-01T00:00:00Z', id: '' } });
    expect(past).toMatchObject({ items: [], total: TOTAL_CAP, totalCapped: true, nextCursor: null });
    // The open cases by deadline (the supervisors' view), and a team's cases.
    await expectIndexed(() => listCases(db, UNIT_WIDE(), { status: 'OPEN' }, { sort: 'nextDeadlineAt', order: 'asc', limit: 50 }), { ordered: true });
    await expectIndexed(() => listCases(db, TEAM(), {}, { sort: 'openedAt', order: 'desc', limit: 50 }), { ordered: true });
    await expectIndexed(() => listCases(db, TEAM(), { status: 'OPEN' }, { sort: 'nextDeadlineAt', order: 'asc', limit: 50 }), { ordered: true });
  });

  it('searches a business’s name through the search document’s trigram index', async () => {
    const page = await listCases(db, UNIT_WIDE(), { q: word }, { sort: 'openedAt', order: 'desc', limit: 50 });
    expect(page.items.length).toBeGreaterThan(0);
    const plans = await expectIndexed(() => listCases(db, UNIT_WIDE(), { q: word }, { sort: 'openedAt', order: 'desc', limit: 50 }), { ordered: false });
    expect(
      plans.some((p) => nodes(p.plan).some((n) => n['Index Name'] === 'case_file_unit_search_doc')),
      JSON.stringify(plans, null, 1),
    ).toBe(true);
  });

  it('reads an inspector’s team inbox and a unit’s inbox through the inbox indexes, counts included', async () => {
    const team = await listInbox(db, TEAM(), { roles: ['INSPECTOR'], ...INBOX });
    expect(team.tasks.length).toBeGreaterThan(0);
    await expectIndexed(() => listInbox(db, TEAM(), { roles: ['INSPECTOR'], ...INBOX }), { ordered: true });
    // A unit-wide reader of the team leads' steps (a generated step is an inspector's or a team lead's).
    const unitInbox = await listInbox(db, UNIT_WIDE(), { roles: ['TEAM_LEAD'], ...INBOX });
    expect(unitInbox.tasks.length).toBeGreaterThan(0);
    await expectIndexed(() => listInbox(db, UNIT_WIDE(), { roles: ['TEAM_LEAD'], ...INBOX }), { ordered: true });
    await expectIndexed(() => listInbox(db, UNIT_WIDE(), { roles: ['TEAM_LEAD'], urgency: 'overdue', ...INBOX }), { ordered: true });
  });
});
