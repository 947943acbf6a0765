/**
 * The inbox paged in SQL (issue 19, docs/adr/0170): soonest deadline first (none last), then the
 * oldest, a cursor that neither repeats nor skips a task, the filters applied before the page is
 * cut, and the page head's counts of the whole inbox, each capped at 1,000.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_CURSOR, listInbox, type TCaseScope, type TInboxQuery } from '../db/repositories/case-queries.js';
import { decodeRowCursor } from '../db/repositories/paging.js';
import { foldVietnamese } from '../domain/business.js';
import { createTestDatabase, type TestDatabase } from './support.js';

const UNIT = 'inbox-u';
const NOW = new Date('2026-12-15T03:00:00Z');
const SOON_UNTIL = new Date('2026-12-16T17:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
let database: TestDatabase;

/** A case of `team` with one open step. */
async function task(id: string, o: { team?: string; kind?: string; title?: string; roles?: string[]; due?: Date | null; opened?: Date; assignee?: string; paused?: boolean; overdue?: boolean }) {
  const team = o.team ?? `${UNIT}-doi-1`;
  const title = o.title ?? `Vụ việc ${id}`;
  await database.db
    .insertInto('case_file')
    .values({
      case_id: id,
      kind: o.kind ?? 'INSPECTION',
      procedure_id: 'ins-inspection',
      procedure_version: 1,
      status: 'OPEN',
      overdue: false,
      unit_id: UNIT,
      team_id: team,
      title,
      search_text: foldVietnamese(`${id} ${title}`),
      search_doc: foldVietnamese(`${id} ${title}`),
      opened_at: day(-30),
      current_steps: ['A5'],
      state_seq: 1,
      snapshot: '{}',
    })
    .execute();
  await database.db
    .insertInto('case_task')
    .values({
      case_id: id,
      step_id: 'A5',
      title: 'Quyết định kiểm tra',
      roles: o.roles ?? ['INSPECTOR'],
      team_id: team,
      unit_id: UNIT,
      assignee_id: o.assignee ?? null,
      opened_at: o.opened ?? day(-10),
      due_at: o.due === undefined ? day(5) : o.due,
      overdue: o.overdue ?? false,
      paused: o.paused ?? false,
      deadline: null,
    })
    .execute();
}

const TEAM: TCaseScope = { unitId: UNIT, unitWide: false, teamId: `${UNIT}-doi-1` };
const inbox = (over: Partial<TInboxQuery> = {}, scope: TCaseScope = TEAM) => listInbox(database.db, scope, { roles: ['INSPECTOR'], now: NOW, soonUntil: SOON_UNTIL, limit: 50, ...over });

beforeAll(async () => {
  database = await createTestDatabase();
  await task('c-late', { due: day(-2), overdue: true });
  await task('c-late-paused', { due: day(-3), paused: true });
  await task('c-soon', { due: day(1), kind: 'TIP', title: 'Tin báo mỹ phẩm giả' });
  await task('c-later-old', { due: day(5), opened: day(-20), assignee: 'kiemsoat.an' });
  await task('c-later-new', { due: day(5), opened: day(-5) });
  await task('c-none', { due: null });
  await task('c-lead', { due: day(-1), roles: ['TEAM_LEAD'] });
  await task('c-team2', { due: day(-1), team: `${UNIT}-doi-2` });
});
afterAll(async () => {
  await database?.drop();
});

describe('the inbox in SQL', () => {
  it('lists my roles’ steps in my team, soonest deadline first, none last, then the oldest, and pages by a cursor without repeats', async () => {
    const all = await inbox();
    const order = ['c-late-paused', 'c-late', 'c-soon', 'c-later-old', 'c-later-new', 'c-none'];
    expect(all.tasks.map((t) => t.case_id)).toEqual(order);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let after: string[] | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await inbox({ limit: 2, after });
      seen.push(...page.tasks.map((t) => t.case_id));
      if (!page.nextCursor) break;
      after = decodeRowCursor(page.nextCursor, INBOX_CURSOR, 4);
      expect(after).toBeDefined();
    }
    expect(seen).toEqual(order);
  });

  it('sees the whole unit for a unit-wide role, and nothing without a team', async () => {
    const unit = await inbox({}, { unitId: UNIT, unitWide: true, teamId: null });
    expect(unit.tasks.map((t) => t.case_id)).toContain('c-team2');
    expect((await inbox({}, { unitId: UNIT, unitWide: false, teamId: null })).tasks).toEqual([]);
    expect((await inbox({ roles: ['TEAM_LEAD'] })).tasks.map((t) => t.case_id)).toEqual(['c-lead']);
  });

  it('filters by urgency, kind, who took the step and words before the page is cut', async () => {
    const ids = async (over: Partial<TInboxQuery>) => (await inbox({ limit: 1, ...over })).tasks.map((t) => t.case_id);
    // A paused clock is neither overdue nor due soon.
    expect(await ids({ urgency: 'overdue' })).toEqual(['c-late']);
    expect(await ids({ urgency: 'soon' })).toEqual(['c-soon']);
    expect(await ids({ kind: 'TIP' })).toEqual(['c-soon']);
    expect(await ids({ q: 'my pham' })).toEqual(['c-soon']);
    expect(await ids({ q: 'Mỹ phẩm' })).toEqual(['c-soon']);
    expect(await ids({ assigneeId: 'kiemsoat.an' })).toEqual(['c-later-old']);
    expect((await inbox({ unassigned: true })).tasks.map((t) => t.case_id)).not.toContain('c-later-old');
  });

  it('counts the whole inbox, whatever the filters, each count capped at 1,000', async () => {
    expect((await inbox({ kind: 'TIP' })).summary).toEqual({ total: 6, totalCapped: false, overdue: 1, overdueCapped: false, soon: 1, soonCapped: false });
    // An empty page carries no row to hold the counts (docs/adr/0180): they are counted apart, the same.
    const none = await inbox({ q: 'khong-co-buoc-nao' });
    expect(none.tasks).toEqual([]);
    expect(none.summary).toEqual({ total: 6, totalCapped: false, overdue: 1, overdueCapped: false, soon: 1, soonCapped: false });
    await sql`
      insert into case_file (case_id, kind, procedure_id, procedure_version, status, overdue, unit_id, team_id, title, opened_at, current_steps, state_seq, snapshot)
      select 'bulk-' || g, 'INSPECTION', 'ins-inspection', 1, 'OPEN', false, ${UNIT}, ${`${UNIT}-doi-3`}, 'x', now(), '{A5}', 1, '{}' from generate_series(1, 1005) g`.execute(database.db);
    await sql`
      insert into case_task (case_id, step_id, title, roles, team_id, unit_id, opened_at, due_at, overdue, paused)
      select 'bulk-' || g, 'A5', 'x', '{INSPECTOR}', ${`${UNIT}-doi-3`}, ${UNIT}, now(), ${day(-1)}, true, false from generate_series(1, 1005) g`.execute(database.db);
    const team3 = await inbox({ limit: 200 }, { unitId: UNIT, unitWide: false, teamId: `${UNIT}-doi-3` });
    expect(team3.summary).toEqual({ total: 1000, totalCapped: true, overdue: 1000, overdueCapped: true, soon: 0, soonCapped: false });
    expect(team3.tasks).toHaveLength(200);
    expect(team3.nextCursor).not.toBeNull();
  });
});
