/**
 * A case's live event may be larger than PostgreSQL lets a NOTIFY carry (8000 bytes): a step with a
 * hundred pieces of evidence is one. The projection notifies the event's id only and every replica's
 * listener reads the event from the log; before, such a projection failed for ever (its activity
 * retried without end and the case's read model stood still).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type TAuditEvent } from '../domain/audit.js';
import type { TCaseProjection } from '../domain/projection.js';
import { seedDemoData } from '../db/demo-data.js';
import { applyProjection, getCaseRow } from '../db/repositories/cases.js';
import { CaseEventHub, type TCaseEvent } from '../lib/case-events.js';
import { createTestDatabase, type TestDatabase } from './support.js';
import { waitFor } from './case-support.js';

const UNIT = `pn${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let hubs: CaseEventHub[];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  // Two replicas' listeners.
  hubs = [new CaseEventHub(database.url), new CaseEventHub(database.url)];
  for (const h of hubs) await h.start();
});
afterAll(async () => {
  for (const h of hubs ?? []) await h.stop();
  await database?.drop();
});

function projection(caseId: string, seq: number): TCaseProjection {
  return {
    caseId,
    kind: 'INSPECTION',
    procedureId: 'ins-inspection',
    procedureVersion: 2,
    status: 'OPEN',
    overdue: false,
    unitId: UNIT,
    teamId: `${UNIT}-doi-1`,
    title: 'Kiểm tra cửa hàng',
    openedAt: new Date().toISOString(),
    currentSteps: ['K3'],
    stateSeq: seq,
    tasks: [],
    escalations: [],
    snapshot: {} as TCaseProjection['snapshot'],
  };
}

/** A step completed with `n` pieces of evidence, as its audit event records them. */
function completedWithEvidence(caseId: string, seq: number, n: number): TAuditEvent {
  const evidence = Array.from({ length: n }, (_, i) => ({ sha256: randomUUID().replaceAll('-', '').repeat(2), name: `anh-hien-truong-${i}.jpg`, size: 2_000_000 + i, mime: 'image/jpeg' }));
  return {
    caseId,
    seq,
    at: new Date().toISOString(),
    actorId: 'kiemsoat.an',
    actorRole: 'INSPECTOR',
    action: 'STEP_COMPLETED',
    stepId: 'K2',
    detail: { outcome: 'DONE', evidence },
    prevHash: GENESIS_HASH,
    hash: 'f'.repeat(64),
  };
}

describe('a projection whose live event is larger than a NOTIFY may carry', () => {
  it('is stored, and every replica delivers the whole event, read from the log, in commit order', async () => {
    const received: TCaseEvent[][] = hubs.map(() => []);
    hubs.forEach((h, i) => h.subscribe((e) => received[i]!.push(e)));
    const caseId = `test/notify/${randomUUID().slice(0, 8)}`;
    const big = completedWithEvidence(caseId, 1, 150);
    expect(JSON.stringify(big).length).toBeGreaterThan(8000);
    await applyProjection(database.db, projection(caseId, 1), [big]);
    await applyProjection(database.db, projection(caseId, 2), [{ ...completedWithEvidence(caseId, 2, 1), action: 'NOTE_ADDED' }]);
    expect((await getCaseRow(database.db, caseId))?.state_seq).toBe(2);
    for (const events of received) {
      await waitFor(async () => (events.filter((e) => e.caseId === caseId).length === 2 ? true : undefined));
      const mine = events.filter((e) => e.caseId === caseId);
      expect(mine.map((e) => e.seq)).toEqual([1, 2]);
      expect(mine[0]!.actions[0]!.evidence).toHaveLength(150);
      expect(Number(mine[1]!.id)).toBeGreaterThan(Number(mine[0]!.id));
    }
  });
});

describe('the same projection written twice (by the API from the answer, then by the workflow’s fallback, docs/adr/0176)', () => {
  const logged = async (caseId: string) =>
    (await database.db.selectFrom('case_event_log').select(['pos', 'payload']).where('case_id', '=', caseId).orderBy('pos').execute()).map((r) => r.payload as Omit<TCaseEvent, 'id'>);

  it('logs one live event: the second finds its actions recorded and the case as it was, and adds no feed line', async () => {
    const caseId = `test/twice/${randomUUID().slice(0, 8)}`;
    const done = completedWithEvidence(caseId, 1, 1);
    await applyProjection(database.db, projection(caseId, 1), [done]);
    await applyProjection(database.db, projection(caseId, 1), [done]);
    const events = await logged(caseId);
    expect(events).toHaveLength(1);
    expect(events[0]!.actions.map((a) => a.seq)).toEqual([1]);
  });

  it('logs what changed: a later projection carrying a recorded action and a new one shows the new one only', async () => {
    const caseId = `test/twice/${randomUUID().slice(0, 8)}`;
    const first = completedWithEvidence(caseId, 1, 1);
    const second = { ...completedWithEvidence(caseId, 2, 1), action: 'NOTE_ADDED' };
    await applyProjection(database.db, projection(caseId, 1), [first]);
    await applyProjection(database.db, projection(caseId, 2), [first, second]);
    const events = await logged(caseId);
    expect(events.map((e) => e.actions.map((a) => a.seq))).toEqual([[1], [2]]);
  });

  it('still logs a change of the case with no new action (overdue now), and a projection with no action at all', async () => {
    const caseId = `test/twice/${randomUUID().slice(0, 8)}`;
    const done = completedWithEvidence(caseId, 1, 1);
    await applyProjection(database.db, projection(caseId, 1), [done]);
    await applyProjection(database.db, { ...projection(caseId, 1), overdue: true }, [done]);
    await applyProjection(database.db, { ...projection(caseId, 1), overdue: true }, []);
    const events = await logged(caseId);
    expect(events.map((e) => [e.overdue, e.actions.length])).toEqual([
      [false, 1],
      [true, 0],
      [true, 0],
    ]);
  });
});
