/**
 * The calendar in force is read with its revision in one statement, so that the days and the
 * revision recorded with every deadline computed from them are of the same moment; a day changed
 * through another handle (another replica) is in the next read, with its new revision.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/database.js';
import { upsertCalendarDay } from '../db/repositories/calendar-admin.js';
import { listCalendarEntries, loadWorkingCalendar } from '../db/repositories/calendar.js';
import { createTestDatabase, type TestDatabase } from './support.js';

/** Counts the statements sent through the handle it is plugged into. */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let database: TestDatabase;
let other: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  // A second pool on the same database: an admin's change may come from another replica.
  other = createDb({ url: database.url, poolSize: 2, applicationName: 'ins-test-other' });
});

afterAll(async () => {
  await other?.destroy();
  await database?.drop();
});

describe('the working calendar in force', () => {
  it('is its days and its revision read in one statement, and a change made elsewhere is in the next read', async () => {
    const counter = new StatementCounter();
    const db = database.db.withPlugin(counter);
    const first = await loadWorkingCalendar(db);
    expect(counter.count).toBe(1);
    const { revision } = await database.db.selectFrom('calendar_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(first.version).toBe(`calendar-r${revision}`);
    // The same days as the admin page lists (those not pending).
    const days = await listCalendarEntries(database.db);
    expect(days.length).toBeGreaterThan(10);
    for (const d of days) expect(first.entry(d.date)?.isWorkingDay, d.date).toBe(d.status === 'PENDING' ? undefined : d.isWorkingDay);

    // A weekday of 2027 made a day off by another replica.
    const date = '2027-03-10';
    expect(first.isWorkingDay(date)).toBe(true);
    const changed = await upsertCalendarDay(other, { date, isWorkingDay: false, reason: 'Nghỉ thử', status: 'ANNOUNCED', source: 'test' }, 'test');
    expect(changed).toBe(revision + 1);
    const after = await loadWorkingCalendar(db);
    expect(after.version).toBe(`calendar-r${changed}`);
    expect(after.isWorkingDay(date)).toBe(false);
    expect(after.nonWorkingReason(date)).toContain('Nghỉ thử');
    expect(counter.count).toBe(2);
  });
});
