/**
 * Published procedure versions read once per process and database handle (db/repositories/procedures.ts
 * `getPublished`, docs/adr/0178): what cannot change is not fetched and parsed again, a draft is
 * never kept (it is found once published), and what is kept cannot be changed by a caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublished, publish, saveDraft } from '../db/repositories/procedures.js';
import { testInspection } from '../domain/fixtures/test-procedures.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a?.drop(), b?.drop()]);
});

describe('published procedure versions, kept', () => {
  it('reads a published version once, then answers the same frozen definition', async () => {
    const def = { ...testInspection(1), id: 'kept-once' };
    await saveDraft(a.db, def, 'admin-1');
    await publish(a.db, def.id, 1, 'admin-1');
    const first = await getPublished(a.db, def.id, 1);
    expect(first?.id).toBe('kept-once');
    // Gone from the database: only what was kept can answer now.
    await a.db.deleteFrom('procedure_version').where('procedure_id', '=', def.id).execute();
    const again = await getPublished(a.db, def.id, 1);
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    expect(Object.isFrozen(again!.steps[0]!.outcomes)).toBe(true);
    expect(() => {
      (again!.steps as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('keeps no draft: a version is found once it is published', async () => {
    const def = { ...testInspection(1), id: 'kept-draft' };
    await saveDraft(a.db, def, 'admin-1');
    expect(await getPublished(a.db, def.id, 1)).toBeUndefined();
    await publish(a.db, def.id, 1, 'admin-1');
    expect((await getPublished(a.db, def.id, 1))?.id).toBe('kept-draft');
  });

  it('keeps per database: the same id and version in another database is read from it', async () => {
    const inA = { ...testInspection(1), id: 'kept-per-db' };
    const inB = { ...testInspection(1), id: 'kept-per-db', title: { vi: 'Quy trình của cơ sở dữ liệu B', en: 'Database B' } };
    for (const [db, def] of [
      [a.db, inA],
      [b.db, inB],
    ] as const) {
      await saveDraft(db, def, 'admin-1');
      await publish(db, def.id, 1, 'admin-1');
    }
    expect((await getPublished(a.db, 'kept-per-db', 1))?.title.vi).toBe(inA.title.vi);
    expect((await getPublished(b.db, 'kept-per-db', 1))?.title.vi).toBe('Quy trình của cơ sở dữ liệu B');
  });
});
