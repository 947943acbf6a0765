/**
 * Shared by the case-workflow tests: test procedures published in a clean database, a worker
 * whose deadlines run on a compressed clock ("1 working day = 1 s"), and small helpers.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { expect } from 'vitest';
import type { Activities } from '../activities/index.js';
import { startCase } from '../api/services/cases.js';
import { testInspection, testPayment, testSeizure } from '../domain/fixtures/test-procedures.js';
import type { TComputedDeadline, TDeadlineSpec } from '../domain/deadline.js';
import type { TActor } from '../domain/engine.js';
import type { Db } from '../db/database.js';
import { publish, saveDraft } from '../db/repositories/procedures.js';
import { checkReadModel } from '../db/repositories/read-model-check.js';
import { caseStateQuery, type TCaseView } from '../workflows/case-messages.js';

export const TEAM_LEAD: TActor = { userId: 'lead-1', roles: ['TEAM_LEAD'] };
export const DIRECTOR: TActor = { userId: 'director-1', roles: ['DIRECTOR'] };
export const INSPECTOR_A: TActor = { userId: 'inspector-a', roles: ['INSPECTOR'] };
export const INSPECTOR_B: TActor = { userId: 'inspector-b', roles: ['INSPECTOR'] };
export const ADMIN: TActor = { userId: 'admin-1', roles: ['ADMIN'] };
export const LEGAL: TActor = { userId: 'legal-1', roles: ['LEGAL_OFFICER'] };

/** Milliseconds one unit of a test deadline lasts on the compressed clock. */
export const UNIT_MS = 1_000;

/**
 * The deadline activity on a compressed clock: every unit (working day, day, month, hour) lasts
 * `unitMs`. A period counted from an instant (a step's completion, an event) starts at that instant.
 * A period counted from a date on a paper (the engine anchors those at noon of the Vietnamese day,
 * `…T05:00:00.000Z`) starts as many units before now as the date lies days before today: the
 * compressed clock maps calendar days to units around now, so "a record dated 20 days ago" has had
 * 20 units, and one dated today starts when the period is first computed that day. The due date
 * (`due`) is the Vietnamese date of the compressed instant. A month lasts 30 units.
 */
export function compressedDeadlines(unitMs = UNIT_MS): Partial<Activities> {
  const DAY = 86_400_000;
  const startOf = (anchorAt: string): number => {
    if (!anchorAt.endsWith('T05:00:00.000Z')) return Date.parse(anchorAt);
    const today = Date.parse(`${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}T05:00:00.000Z`);
    const daysAgo = Math.round((today - Date.parse(anchorAt)) / DAY);
    return daysAgo === 0 ? Math.min(Date.now(), Date.parse(anchorAt) + DAY) : Date.now() - daysAgo * unitMs;
  };
  const one = (spec: TDeadlineSpec): TComputedDeadline => {
    // A month is 30 units, as the days it maps to: a year counted from a paper dated 40 days ago has not run out.
    const scale = (amount: number, unit: string) => (unit === 'months' ? 30 * amount : amount);
    const units = scale(spec.amount, spec.unit) + spec.extensions.reduce((n, e) => n + scale(e.amount, e.unit), 0);
    const paused = spec.pauses.reduce((ms, p) => ms + (Date.parse(p.to) - Date.parse(p.from)), 0);
    // A period of 0 days ends with its day (a tip logged the day it comes in): one unit on the clock.
    const dueMs = startOf(spec.anchorAt) + Math.max(units, 1) * unitMs + paused;
    const dueAt = new Date(dueMs).toISOString();
    // The due day of a period counted from a paper's date is that date plus its units as days (a paper dated n days ago
    // has had n units), so that a date compared with it (a coercion after the 10 days to comply) reads as on the calendar.
    const paperDate = spec.anchorAt.endsWith('T05:00:00.000Z') ? spec.anchorAt.slice(0, 10) : undefined;
    return {
      dueAt,
      due: paperDate && paused === 0 ? new Date(Date.parse(paperDate) + units * DAY).toISOString().slice(0, 10) : new Date(dueMs + 7 * 3_600_000).toISOString().slice(0, 10),
      calendarVersion: 'compressed-test-clock',
      explanation: {
        base: { unit: 'hours', amount: spec.amount, anchorAt: spec.anchorAt, dueAt, legalBasis: spec.legalBasis },
        extensions: [],
        pauses: [],
        summaryVi: `test clock: ${units} × ${unitMs} ms`,
      },
    };
  };
  return {
    // Cases started before one-task updates ask for each deadline; later ones for a transition's at once (docs/adr/0175).
    computeDeadline: async (spec: TDeadlineSpec): Promise<TComputedDeadline> => one(spec),
    computeDeadlines: async (specs: TDeadlineSpec[]): Promise<TComputedDeadline[]> => specs.map(one),
  };
}

export async function publishTestProcedures(db: Db): Promise<void> {
  for (const def of [testInspection(1), testSeizure(1), testPayment(1)]) {
    await saveDraft(db, def, 'test');
    await publish(db, def.id, def.version, 'test');
  }
}

export function newCaseId(): string {
  return `test/case/${randomUUID().slice(0, 8)}`;
}

export async function startTestCase(client: Client, db: Db, taskQueue: string, caseId = newCaseId(), procedureId = 'test-inspection'): Promise<string> {
  await startCase(client, db, taskQueue, { caseId, procedureId, version: 1, unitId: 'unit-nb', teamId: 'team-1', title: 'Cửa hàng thử nghiệm', startedBy: TEAM_LEAD });
  return caseId;
}

/**
 * Waits until case `caseId`'s workflow has written the case to the read model itself (its fallback
 * projection, docs/adr/0176): a test that then changes the read model behind its back is not undone
 * by a projection still to come. Usable outside a test (a `beforeAll`), unlike `expect.poll`.
 */
export async function projectionsSettled(client: Client, caseId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await view(client, caseId)).projectionPending) {
    if (Date.now() > deadline) throw new Error(`case ${caseId}: its workflow's projections had not landed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function key(): string {
  return `req-${randomUUID()}`;
}

/** The failure of a rejected update: its code, message and legal basis, and the rule that refused with what it is about. */
export async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; legalBasis?: string; details?: unknown; rule?: string; params?: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    const d = (cause.details?.[0] ?? {}) as { legalBasis?: string; details?: unknown; rule?: string; params?: Record<string, unknown> };
    return { code: cause.type ?? '', message: cause.message, legalBasis: d.legalBasis, details: d.details, rule: d.rule, params: d.params };
  }
  throw new Error('expected the update to be rejected');
}

export async function view(client: Client, caseId: string): Promise<TCaseView> {
  return client.workflow.getHandle(caseId).query(caseStateQuery);
}

/**
 * The read model must say what the workflow says. After an Update it does at once; after a timer
 * or a signal the projection follows within moments, so this waits up to `waitMs` for it.
 */
export async function expectReadModelInSync(client: Client, db: Db, caseId: string, waitMs = 5_000): Promise<TCaseView> {
  let v: TCaseView | undefined;
  await expect
    .poll(
      async () => {
        v = await view(client, caseId);
        return checkReadModel(db, v.state);
      },
      { timeout: waitMs, interval: 100 },
    )
    .toEqual([]);
  return v!;
}

/** Polls `fn` (expect.poll) until it returns something other than undefined or false, and returns that. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  let value: T | undefined;
  await expect.poll(async () => (value = await fn()), { timeout: timeoutMs, interval: 100, message: 'condition not met in time' }).toSatisfy((v) => v !== undefined && v !== false);
  return value as T;
}

export const A1_FORM = { decisionNo: '12/QĐ-KT', decisionDate: '2026-11-20' };
export const PHOTO = { sha256: 'a'.repeat(64), name: 'shelf.jpg', size: 1234, mime: 'image/jpeg' };

/**
 * Saves a case's history as a replay fixture (test/histories) when INS_RECORD_HISTORIES=1.
 * The replay test then checks that today's workflow code still replays every committed history.
 */
export async function recordHistory(client: Client, caseId: string, name: string, runId?: string): Promise<void> {
  if (process.env.INS_RECORD_HISTORIES !== '1') return;
  // Every page of it, as proto3 JSON (the Temporal CLI's `workflow show` gave only the first event of a history with large Update results).
  const history = await client.workflow.getHandle(caseId, runId).fetchHistory();
  const dir = path.resolve(import.meta.dirname, 'histories');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify(JSON.parse(historyToJSON(history)), null, 1));
}
