/**
 * The projection's transaction (db/repositories/cases.ts `applyProjection`) in as few statements as
 * its guarantees allow (issue 19, docs/adr/0179 and 0180): two statements for a step. The audit
 * events with the case's row; then the open tasks, the escalations and the live event, with the read
 * of what the other writes start from (the lookup row, whether a decision is listed, the statistical
 * facts, the business); nothing is withdrawn when nothing is listed. And
 * what that must not change: the read is made after the case's row is locked, so a projection of the
 * same case committed while this one waited is seen (its facts are not counted twice); tasks no
 * longer open go; an escalation's resolution is updated.
 */
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../db/demo-data.js';
import { applyProjection, logCaseEvent, projectionFirst, projectionFirstOf, projectionSecond, projectionSecondOf } from '../db/repositories/cases.js';
import type { TAnsweredRequest } from '../db/repositories/request-audit.js';
import { isPreparable } from '../db/database.js';
import { getPublished } from '../db/repositories/procedures.js';
import { writeCaseFacts } from '../db/repositories/statistics.js';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, type TAuditEvent } from '../domain/audit.js';
import { newCase } from '../domain/engine.js';
import { projectCase, type TCaseProjection } from '../domain/projection.js';
import { createTestDatabase, type TestDatabase } from './support.js';

const UNIT = `ps${randomUUID().slice(0, 6)}`;
const TEAM = `${UNIT}-doi-1`;
let database: TestDatabase;
/** The same database through a Kysely that records every statement it sends. */
let counting: Kysely<Database>;
let statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  counting = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
    log: (e) => {
      if (e.level === 'query') statements.push(e.query.sql);
    },
  });
});
afterAll(async () => {
  await counting?.destroy();
  await database?.drop();
});

/** The statements sent, each as its first words and the tables it names, without the transaction's own. */
const sent = (): string[] =>
  statements
    .filter((s) => !/^(begin|commit|rollback)\b/i.test(s.trim()))
    .map((s) => [...new Set([...s.matchAll(/(?:into|from)\s+"?([a-z_]+)"?|update\s+"([a-z_]+)"/gi)].map((m) => (m[1] ?? m[2])!.toLowerCase()).filter((t) => !CTE_NAMES.has(t)))].join(','));
/** The names the statements give their own parts (WITH), not tables. */
const CTE_NAMES = new Set(['old', 'recorded', 'closed', 'open_tasks', 'escalated', 'logged', 'added']);

function note(caseId: string, seq: number): TAuditEvent {
  return { caseId, seq, at: new Date().toISOString(), actorId: 'kiemsoat.an', actorRole: 'INSPECTOR', action: 'NOTE_ADDED', detail: { note: 'Ghi chú' }, prevHash: GENESIS_HASH, hash: 'e'.repeat(64) };
}

/** A penalty case about a registry business, opened by the pure engine and projected as the workflow does. */
async function openPenaltyCase(): Promise<TCaseProjection> {
  const def = await getPublished(database.db, 'ins-penalty', 4);
  if (!def) throw new Error('ins-penalty v4 is not published');
  // A business of the demo data (its tax code gives the lookup its identifier's hash).
  const { id: businessId } = await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).where('tax_code', '=', '2700123459').executeTakeFirstOrThrow();
  const caseId = `penalty/${UNIT}/${randomUUID().slice(0, 8)}`;
  const { state } = newCase(
    def,
    {
      caseId,
      kind: 'PENALTY',
      procedure: { id: 'ins-penalty', version: 4 },
      unitId: UNIT,
      teamId: TEAM,
      title: 'Công ty Hoa Lư',
      businessId,
      startedBy: { userId: 'doitruong.cuong', roles: ['TEAM_LEAD'] },
    },
    new Date().toISOString(),
  );
  const p = projectCase(def, state);
  await applyProjection(database.db, p, []);
  return p;
}

describe("the projection's statements", () => {
  it('a step on a penalty case about a business: two statements, the audit with the case; the tasks and the live event with one read of what the writes start from', async () => {
    const opened = await openPenaltyCase();
    const lookup = await database.db.selectFrom('case_lookup').select(['code', 'identifier_hash']).where('case_id', '=', opened.caseId).executeTakeFirstOrThrow();
    expect(lookup.identifier_hash).toMatch(/^[0-9a-f]{64}$/);
    statements = [];
    const step = { ...opened, stateSeq: opened.stateSeq + 1 };
    await applyProjection(counting, step, [note(opened.caseId, opened.stateSeq + 1)]);
    // Two statements (docs/adr/0180): the audit and the case (which locks its row); then the tasks and the live event, with the read of what the other writes start from.
    // Before ADR 0179: ten, a read each of the lookup row, the business (twice), the facts; a withdrawal with nothing listed; the tasks deleted, then inserted. Before ADR 0180: five.
    expect(sent()).toEqual(['case_file,audit_event,business', 'case_task,case_event_log,case_lookup,disclosure,stat_fact,business']);
    // What the read carried was used: the code and the hash stand, the task is there, the case moved on.
    expect(await database.db.selectFrom('case_lookup').select(['code', 'identifier_hash']).where('case_id', '=', opened.caseId).executeTakeFirstOrThrow()).toEqual(lookup);
    expect((await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', opened.caseId).executeTakeFirstOrThrow()).state_seq).toBe(opened.stateSeq + 1);
    const tasks = await database.db.selectFrom('case_task').select('step_id').where('case_id', '=', opened.caseId).execute();
    expect(tasks.map((t) => t.step_id)).toEqual(opened.tasks.map((t) => t.stepId));
    expect(tasks.length).toBeGreaterThan(0);
  });

  it('tasks no longer open go, those still open are rewritten; escalations are written in the same statement and their resolution updated', async () => {
    const opened = await openPenaltyCase();
    const [first] = opened.tasks;
    if (!first) throw new Error('the penalty case opens with a task');
    const at = new Date().toISOString();
    const escalation = (id: string, resolvedAt?: string): TCaseProjection['escalations'][number] => ({
      id,
      stepId: first.stepId,
      kind: 'WARN',
      toRole: 'TEAM_LEAD',
      at,
      reason: 'r',
      reasonCode: 'TIME_SHARE_USED',
      reasonParams: { percent: 70 },
      ...(resolvedAt ? { resolvedAt } : {}),
    });
    const other = { ...first, stepId: 'B9', title: 'Bước khác', assigneeId: undefined };
    await applyProjection(database.db, { ...opened, stateSeq: opened.stateSeq + 1, tasks: [first, other], escalations: [escalation('e1'), escalation('e2')] }, []);
    statements = [];
    await applyProjection(counting, { ...opened, stateSeq: opened.stateSeq + 2, tasks: [{ ...other, assigneeId: 'kiemsoat.an' }], escalations: [escalation('e1', at), escalation('e2')] }, []);
    // The tasks and the escalations are parts of the second statement, each written once.
    expect(sent()).toEqual(['case_file,business', 'case_task,case_escalation,case_event_log,case_lookup,disclosure,stat_fact,business']);
    const tasks = await database.db.selectFrom('case_task').select(['step_id', 'assignee_id']).where('case_id', '=', opened.caseId).execute();
    expect(tasks).toEqual([{ step_id: 'B9', assignee_id: 'kiemsoat.an' }]);
    const escalations = await database.db.selectFrom('case_escalation').select(['id', 'resolved_at']).where('case_id', '=', opened.caseId).orderBy('id').execute();
    expect(escalations.map((e) => [e.id, e.resolved_at === null ? null : new Date(e.resolved_at).toISOString()])).toEqual([
      ['e1', at],
      ['e2', null],
    ]);
    // And no task at all: the last one goes.
    await applyProjection(database.db, { ...opened, stateSeq: opened.stateSeq + 3, tasks: [], escalations: [] }, []);
    expect(await database.db.selectFrom('case_task').select('step_id').where('case_id', '=', opened.caseId).execute()).toEqual([]);
  });

  it('the same action projected twice at once (the API and the fallback): the one that waited for the row logs no second live event', async () => {
    const opened = await openPenaltyCase();
    const step = { ...opened, stateSeq: opened.stateSeq + 1 };
    const event = note(opened.caseId, step.stateSeq);
    const logged = async (): Promise<number> => Number((await sql<{ n: number }>`select count(*)::int as n from case_event_log where case_id = ${opened.caseId}`.execute(database.db)).rows[0]!.n);
    const before = await logged();
    let later: Promise<void> | undefined;
    await database.db.transaction().execute(async (trx) => {
      // The first projection of the action holds the case's row…
      await trx.selectFrom('case_file').select('state_seq').where('case_id', '=', opened.caseId).forUpdate().execute();
      // …the second of the same action waits for it…
      later = applyProjection(database.db, step, [event]);
      for (let i = 0; i < 100; i++) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
        if (waiting.rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // …while the first records the event, writes the state and logs its live event, then commits.
      await trx
        .insertInto('audit_event')
        .values({
          case_id: event.caseId,
          seq: event.seq,
          at: event.at,
          actor_id: event.actorId,
          actor_role: event.actorRole,
          action: event.action,
          detail: JSON.stringify(event.detail),
          prev_hash: event.prevHash,
          hash: event.hash,
        })
        .execute();
      await trx.updateTable('case_file').set({ state_seq: step.stateSeq }).where('case_id', '=', opened.caseId).execute();
      await logCaseEvent(trx, {
        caseId: step.caseId,
        unitId: step.unitId,
        teamId: step.teamId,
        kind: step.kind,
        status: step.status,
        overdue: step.overdue,
        seq: step.stateSeq,
        currentSteps: step.currentSteps,
        actions: [],
      });
    });
    await later;
    // One live event for the action: the waiting projection read the row as the first committed it (not as its statement began), found the same state and its event recorded.
    expect(await logged()).toBe(before + 1);
  });

  it("reads what it starts from after the case's row is locked: facts committed while it waited are not counted twice", async () => {
    const caseId = `tip/${UNIT}/${randomUUID().slice(0, 8)}`;
    const openedAt = new Date().toISOString();
    const tip = (seq: number, closed: boolean): TCaseProjection =>
      ({
        caseId,
        kind: 'TIP',
        procedureId: 'ins-tip',
        procedureVersion: 1,
        status: closed ? 'CLOSED' : 'OPEN',
        overdue: false,
        unitId: UNIT,
        teamId: TEAM,
        title: 'Tin báo',
        openedAt,
        ...(closed ? { closedAt: openedAt, closeOutcome: 'HANDLED' } : {}),
        currentSteps: [],
        stateSeq: seq,
        tasks: [],
        escalations: [],
        snapshot: { completed: [], events: [] },
      }) as unknown as TCaseProjection;
    const handled = async (): Promise<number> =>
      Number((await sql<{ facts: number }>`select coalesce(sum(facts), 0)::int as facts from stat_daily where unit_id = ${UNIT} and indicator = 'TIPS_HANDLED'`.execute(database.db)).rows[0]!.facts);
    await applyProjection(database.db, tip(1, false), []);
    const before = await handled();
    let later: Promise<void> | undefined;
    await database.db.transaction().execute(async (trx) => {
      // Another projection of the same case holds its row: the closing (seq 2) is being written.
      await trx.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).forUpdate().execute();
      // A newer projection of the same state (seq 3, the workflow's fallback) waits for the row…
      later = applyProjection(database.db, tip(3, true), []);
      for (let i = 0; i < 100; i++) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
        if (waiting.rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // …while the first writes the closing's facts and commits.
      await writeCaseFacts(trx, tip(2, true));
      await trx.updateTable('case_file').set({ state_seq: 2, status: 'CLOSED' }).where('case_id', '=', caseId).execute();
    });
    await later;
    // The tip was handled once: the waiting projection found the closing's facts and changed nothing.
    expect(await handled()).toBe(before + 1);
    const facts = await database.db.selectFrom('stat_fact').select('indicator').where('case_id', '=', caseId).orderBy('ord').execute();
    expect(facts.map((f) => f.indicator)).toEqual(['TIPS_RECEIVED', 'TIPS_HANDLED', 'CASES_CLOSED']);
  });

  it('each statement is built once per shape (db/fixed-statement.ts) and sends what kysely builds for the projection', async () => {
    const opened = await openPenaltyCase();
    const escalation = {
      id: 'e1',
      stepId: opened.currentSteps[0]!,
      kind: 'WARN' as const,
      toRole: 'TEAM_LEAD',
      at: new Date().toISOString(),
      reason: 'due soon',
      reasonCode: 'DUE_SOON' as never,
      reasonParams: {} as never,
    };
    const event = { caseId: opened.caseId, unitId: UNIT, teamId: TEAM, kind: opened.kind, status: opened.status, overdue: false, seq: 2, currentSteps: opened.currentSteps, actions: [] };
    const variants: [TCaseProjection, TAuditEvent[], typeof event | undefined][] = [
      [opened, [], event],
      [{ ...opened, stateSeq: 2 }, [note(opened.caseId, 2)], event],
      [
        { ...opened, stateSeq: 3, businessId: undefined, tasks: [], escalations: [escalation, { ...escalation, id: 'e2', resolvedAt: new Date().toISOString(), resolvedBy: 'x' }] },
        [note(opened.caseId, 2), note(opened.caseId, 3)],
        undefined,
      ],
      [{ ...opened, kind: 'TIP', closedAt: new Date().toISOString(), closeOutcome: 'HANDLED' as never }, [note(opened.caseId, 4)], event],
    ];
    // The request that sent the action, answered by the projection's transaction (docs/adr/0200).
    const answered: TAnsweredRequest = {
      chainId: UNIT,
      at: new Date().toISOString(),
      actorId: 'kiemsoat.an',
      actorRoles: ['INSPECTOR'],
      method: 'POST',
      path: `/api/v1/cases/${opened.caseId}/notes`,
      status: 200,
      outcome: 'ACCEPTED',
      code: null,
      requestId: 'req-1',
      idempotencyKey: 'k-12345678',
      scope: 'kiemsoat.an',
      key: 'k-12345678',
      owner: 'api-1/o',
      answerStatus: 200,
      contentType: 'application/json',
      body: '{"ok":true}',
    };
    for (const [p, audit, e] of variants) {
      for (const request of [undefined, answered]) {
        const first = projectionFirstOf(p, audit, request);
        const second = projectionSecondOf(p, e);
        for (const { fixed, built } of [projectionFirst.compare(database.db, first.shape, first.values), projectionSecond.compare(database.db, second.shape, second.values)]) {
          expect(fixed.sql).toBe(built.sql);
          expect(fixed.parameters).toEqual(built.parameters);
          // Kept prepared by PostgreSQL (docs/adr/0181), the request's parts included.
          expect(isPreparable(fixed.sql)).toBe(true);
        }
        if (request)
          expect(projectionFirst.compare(database.db, first.shape, first.values).fixed.sql).toMatch(
            /insert into "request_audit".*update "idempotency_key"|update "idempotency_key".*insert into "request_audit"/s,
          );
      }
    }
  });
});
