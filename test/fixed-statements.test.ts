/**
 * The statements built once (db/fixed-statement.ts) send what kysely builds for the same values,
 * and a builder that would make the cached text wrong for the next call is refused at its first
 * build.
 */
import { randomUUID } from 'node:crypto';
import { sql, WithSchemaPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPreparable } from '../db/database.js';
import { fixedStatement, shapedStatement, SHAPES_PER_STATEMENT } from '../db/fixed-statement.js';
import { claimAlone, claimWithCase } from '../db/repositories/idempotency.js';
import { sessionRead } from '../db/repositories/people.js';
import { appendAlone, appendReleasing, appendStoring } from '../db/repositories/request-audit.js';
import { seedDemoData } from '../db/demo-data.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
const UNIT = `fs${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
});
afterAll(async () => {
  await database?.drop();
});

const claim = {
  scope: 'u-1',
  key: 'k-12345678',
  requestHash: 'rh',
  method: 'POST',
  path: '/api/v1/cases/x/steps/B1/claim',
  queryHash: 'qh',
  bodyHash: 'bh',
  owner: 'api-1/o',
  leaseMs: 30_000,
  ttlMs: 86_400_000,
};
const audit = {
  chainId: UNIT,
  at: '2026-12-05T09:00:00.000Z',
  actorId: null,
  actorRoles: ['INSPECTOR', 'TEAM_LEAD'],
  method: 'POST',
  path: '/api/v1/cases',
  status: 201,
  outcome: 'ACCEPTED' as const,
  code: null,
  requestId: 'req-1',
  idempotencyKey: null,
};

describe('a fixed statement', () => {
  it.each([
    ['the session', () => sessionRead.compare(database.db, { tokenHash: 'a'.repeat(64), now: new Date('2026-12-05T09:00:00Z') })],
    ['the claim alone', () => claimAlone.compare(database.db, claim)],
    ['the claim with its case', () => claimWithCase.compare(database.db, { ...claim, caseId: 'penalty/nb/2026/0001' })],
    ['the request audit', () => appendAlone.compare(database.db, { ...audit, actorId: 'u-1', code: 'VALIDATION', idempotencyKey: 'k-12345678' })],
    ['the request audit freeing its key', () => appendReleasing.compare(database.db, { ...audit, scope: 'u-1', key: 'k-12345678', owner: 'api-1/o' })],
    [
      'the request audit keeping its key’s answer',
      () => appendStoring.compare(database.db, { ...audit, scope: 'u-1', key: 'k-12345678', owner: 'api-1/o', answerStatus: 200, contentType: null, body: '{"ok":true}' }),
    ],
  ])('%s sends the text and parameters kysely builds for the same values', (_name, compare) => {
    const { fixed, built } = compare();
    expect(fixed.sql).toBe(built.sql);
    expect(fixed.parameters).toEqual(built.parameters);
    expect(fixed.parameters.length).toBeGreaterThan(3);
  });

  it('the ones that write, and the session, are kept prepared by PostgreSQL (docs/adr/0181)', () => {
    const texts = [
      sessionRead.compare(database.db, { tokenHash: 'a', now: new Date() }).fixed.sql,
      claimAlone.compare(database.db, claim).fixed.sql,
      claimWithCase.compare(database.db, { ...claim, caseId: 'c' }).fixed.sql,
      appendAlone.compare(database.db, audit).fixed.sql,
      appendStoring.compare(database.db, { ...audit, scope: 's', key: 'k', owner: 'o', answerStatus: 200, contentType: null, body: '' }).fixed.sql,
    ];
    expect(texts.map(isPreparable)).toEqual(texts.map(() => true));
  });

  it('runs: the session of a signed-in user is found, with the values of each call', async () => {
    const user = await database.db.selectFrom('app_user').select('id').where('unit_id', '=', UNIT).executeTakeFirstOrThrow();
    await database.db
      .insertInto('user_session')
      .values({ token_hash: 'f'.repeat(64), user_id: user.id, csrf_token: 'c', expires_at: new Date(Date.now() + 60_000), last_seen_at: new Date() })
      .execute();
    expect(await sessionRead(database.db, { tokenHash: 'f'.repeat(64), now: new Date() })).toEqual([expect.objectContaining({ id: user.id, csrf_token: 'c' })]);
    expect(await sessionRead(database.db, { tokenHash: 'e'.repeat(64), now: new Date() })).toEqual([]);
    // The same session, asked after it expired.
    expect(await sessionRead(database.db, { tokenHash: 'f'.repeat(64), now: new Date(Date.now() + 120_000) })).toEqual([]);
  });

  it('refuses, at its first build, a builder that computes from a value, writes one into the text, or uses the clock', async () => {
    const computed = fixedStatement('computed', (db, v: { name: string }) => db.selectFrom('app_user').select('id').where('username', '=', v.name.toUpperCase()));
    await expect(computed(database.db, { name: 'x' })).rejects.toThrow(/fixed statement computed: "name" is read but not sent as it is|sent changed/);
    const derived = fixedStatement('derived', (db, v: { name: string }) => db.selectFrom('app_user').select('id').where('username', '=', v.name).where('display_name', '=', `${v.name.length}`));
    await expect(derived(database.db, { name: 'x' })).rejects.toThrow(/fixed statement derived: parameter 2 is made from a value/);
    const inlined = fixedStatement('inlined', (db, v: { column: string }) => db.selectFrom('app_user').select(sql.ref(v.column).as('c')));
    await expect(inlined(database.db, { column: 'id' })).rejects.toThrow(/fixed statement inlined: a value is written into the SQL text/);
    const clock = fixedStatement('clock', (db) =>
      db
        .selectFrom('user_session')
        .select('token_hash')
        .where('expires_at', '>', new Date(Date.now() + Math.random() * 1e6)),
    );
    await expect(clock(database.db, {})).rejects.toThrow(/fixed statement clock: parameter 1 is made from a value/);
  });

  it('is built once for a database and its transactions, and again for a database with other plugins: the text each one’s plugins make', async () => {
    let builds = 0;
    const byName = fixedStatement('by name', (db, v: { name: string }) => {
      builds++;
      return db.selectFrom('app_user').select('username').where('username', '=', v.name);
    });
    const { username } = await database.db.selectFrom('app_user').select('username').where('unit_id', '=', UNIT).executeTakeFirstOrThrow();
    expect(await byName(database.db, { name: username })).toEqual([{ username }]);
    await database.db.transaction().execute(async (trx) => {
      expect(await byName(trx, { name: username })).toEqual([{ username }]);
    });
    // One build (twice, with two kinds of markers): the transaction's executor holds a copy of the database's plugin list.
    expect(builds).toBe(2);

    // Before: the text compiled for the first database's plugins (none) went to this one too.
    const inSchema = database.db.withPlugin(new WithSchemaPlugin('public'));
    const { fixed, built } = byName.compare(inSchema, { name: username });
    expect(fixed.sql).toContain('from "public"."app_user"');
    expect(fixed.sql).toBe(built.sql);
    expect(await byName(inSchema, { name: username })).toEqual([{ username }]);
    expect(byName.compare(database.db, { name: username }).fixed.sql).not.toContain('"public"');
  });

  it('sends a call with an undefined value as kysely builds it (the column left to its default)', async () => {
    const caseId = `fs/${randomUUID()}`;
    const insert = fixedStatement('insert', (db, v: { caseId: string; seq: number; stepId: string | undefined }) =>
      db
        .insertInto('audit_event')
        .values({
          case_id: v.caseId,
          seq: v.seq,
          at: new Date(0).toISOString(),
          actor_id: 'x',
          actor_role: 'INSPECTOR',
          action: 'NOTE_ADDED',
          step_id: v.stepId,
          detail: '{}',
          prev_hash: 'p',
          hash: 'h',
        })
        .returning(['seq', 'step_id']),
    );
    expect(insert.compare(database.db, { caseId, seq: 1, stepId: undefined }).fixed.sql).toMatch(/"action", "detail"/);
    expect(await insert(database.db, { caseId, seq: 1, stepId: 'B1' })).toEqual([{ seq: 1, step_id: 'B1' }]);
    expect(await insert(database.db, { caseId, seq: 2, stepId: undefined })).toEqual([{ seq: 2, step_id: null }]);
    expect(await insert(database.db, { caseId, seq: 3, stepId: 'B2' })).toEqual([{ seq: 3, step_id: 'B2' }]);
  });

  it('keeps at most SHAPES_PER_STATEMENT shapes of a statement built; the others are built at each call, and every shape answers right', async () => {
    const shaped = shapedStatement('columns', (db, v: { x: number }, s: number) => db.selectNoFrom(Array.from({ length: s }, (_, i) => sql<number>`${v.x}::int + ${i}`.as(`c${i}`))));
    for (let s = 1; s <= SHAPES_PER_STATEMENT + 6; s++) {
      const [row] = await shaped(database.db, s, { x: 10 * s });
      expect(Object.values(row!).map(Number)).toEqual(Array.from({ length: s }, (_, i) => 10 * s + i));
    }
    expect(shaped.kept()).toBe(SHAPES_PER_STATEMENT);
    // A kept shape is still sent with each call's values.
    expect(await shaped(database.db, 2, { x: 7 })).toEqual([{ c0: 7, c1: 8 }]);
  });
});
