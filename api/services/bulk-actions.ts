/**
 * Bulk actions (issue 15, docs/adr/0105-bulk-actions.md): one officer action over a selection of
 * cases or a filter of the case list, each case sent to its own workflow as the single-case action
 * would be, and judged there; a report per case (and per step) kept in PostgreSQL.
 *
 * - The run's id is derived from the request's id towards Temporal (api/idempotency.ts: the user,
 *   the Idempotency-Key and the request), and each item's request id from the run, the case and
 *   the step. The plan — which cases, which steps, each item's request id — is recorded in one
 *   transaction before anything is sent. The same request again (a retry after Temporal dropped out
 *   mid-run, or after the key's record expired) finds the plan and sends only the items that have no
 *   final result, with the same request ids: an Update that had arrived is answered as a duplicate
 *   (Temporal's Update id, the workflow's processed request ids), nothing is done twice.
 * - Each item goes through what its single-case route does first: the case must be visible to the
 *   caller (else SKIPPED NOT_FOUND, without saying whether it exists), an assignee must be eligible
 *   (api/services/assignment.ts), a migration's dry run must allow it. The workflow is the judge of
 *   the rest; its refusal is recorded as it is (code, rule and params, legal basis, message).
 * - Cases are processed a few at a time ({@link CONCURRENCY}), inside the request: a run has at most
 *   {@link MAX_BULK_CASES} cases.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { bulkActionRoles, isFinal, MAX_BULK_CASES, mayRunBulk, type TBulkAction, type TBulkResult } from '../../domain/bulk-actions.js';
import { isUnitWide } from '../../domain/roles.js';
import type { Db } from '../../db/database.js';
import { bulkItems, finishBulkRun, getBulkRun, insertBulkRun, recordBulkOutcome, type TBulkItemRow, type TBulkPlannedItem, type TBulkRunRow } from '../../db/repositories/bulk-actions.js';
import { listCases, type TCaseFilter } from '../../db/repositories/case-queries.js';
import { getCaseRow, listTasks } from '../../db/repositories/cases.js';
import { staffMember, type TUser } from '../../db/repositories/people.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { CASE_ACTION_UPDATES, migrateProcedureUpdate, type TActionEnvelope, type TActionResult } from '../../workflows/case-messages.js';
import { canSeeCase, caseScope } from '../auth.js';
import { httpError } from '../error-translator.js';
import { AppError } from '../errors.js';
import { checkAssignee } from './assignment.js';
import { executeCaseAction, updateInput } from './case-actions.js';
import { migrationDryRun } from './cases.js';

/** How many cases are sent at a time: Temporal and the database are shared with everyone else's work. */
const CONCURRENCY = 4;

/** What the caller asked for, per action (api/routes/bulk-actions.ts validates the shape). */
type TBulkParams =
  | { action: 'REASSIGN'; params: { toUserId: string; fromUserId?: string | undefined; stepIds?: string[] | undefined } }
  | { action: 'ADD_NOTE'; params: { text: string } }
  | { action: 'REQUEST_EXTENSION'; params: { amount: number; reason: string; stepIds?: string[] | undefined } }
  | { action: 'MIGRATE_VERSION'; params: { toVersion: number } };

type TBulkTarget = { caseIds: string[] } | { filter: Record<string, unknown> };

export interface TBulkRequest {
  /** The request's id towards Temporal (api/idempotency.ts), from which the run's id is derived. */
  requestId: string;
  body: TBulkParams & { target: TBulkTarget };
  /** The filter of the target, as the case list reads it (resolved by the route from `target.filter`). */
  filter?: TCaseFilter;
}

export interface TBulkReport {
  run: TBulkRunRow;
  items: TBulkItemRow[];
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The run of a request: the same request (user, key, body) is the same run. */
function runIdOf(requestId: string): string {
  return `bulk-${sha256(requestId).slice(0, 32)}`;
}

/** An item's request id: the same whenever the item is sent. */
function itemRequestId(bulkId: string, caseId: string, stepId: string | null): string {
  return `bulk:${sha256(JSON.stringify([bulkId, caseId, stepId ?? '']))}`;
}

/** The 403 for a bulk action the caller's roles do not allow. */
function refuseRole(action: TBulkAction): AppError {
  const roles = bulkActionRoles(action) ?? [];
  return new AppError('FORBIDDEN', `Only ${roles.join(', ')} may run the bulk action ${action}.`, undefined, { reason: 'BULK_ACTION_ROLE', action, roles });
}

/** The cases of the target, in order and without repeats; a filter that matches more than the cap is refused. */
async function targetCases(db: Db, user: TUser, req: TBulkRequest): Promise<string[]> {
  const target = req.body.target;
  if ('caseIds' in target) return [...new Set(target.caseIds)];
  const found = await listCases(db, caseScope(user), req.filter ?? {}, { sort: 'openedAt', order: 'desc', limit: MAX_BULK_CASES });
  if (found.total > MAX_BULK_CASES) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      `The filter matches ${found.totalCapped ? 'more than ' : ''}${found.total} cases; a bulk action takes at most ${MAX_BULK_CASES}: narrow the filter (by team, officer, step or deadline) and run it in parts.`,
      undefined,
      { reason: 'BULK_TOO_MANY_CASES', total: found.total, max: MAX_BULK_CASES },
    );
  }
  return found.items.map((i) => i.case_id);
}

/** The items of one case: its steps to act on, or why it is skipped. */
async function planCase(db: Db, user: TUser, bulkId: string, body: TBulkParams, caseId: string): Promise<TBulkPlannedItem[]> {
  const item = (stepId: string | null, result: TBulkResult = 'PENDING', code?: string, message?: string): TBulkPlannedItem => ({
    caseId,
    stepId,
    requestId: itemRequestId(bulkId, caseId, stepId),
    result,
    ...(code ? { code, message: message ?? null } : {}),
  });
  const row = await getCaseRow(db, caseId);
  // Another team's or unit's case is reported like one that does not exist.
  if (!row || !canSeeCase(user, row)) return [item(null, 'SKIPPED', 'NOT_FOUND', `No case ${caseId}.`)];
  const closed = () => [item(null, 'SKIPPED', 'CASE_CLOSED', 'The case is closed; nothing more can be done in it.')];
  const nothing = (what: string) => [item(null, 'SKIPPED', 'NOTHING_TO_DO', what)];
  switch (body.action) {
    case 'ADD_NOTE':
      // A closed case refuses a note itself: the workflow says so.
      return [item(null)];
    case 'MIGRATE_VERSION':
      if (row.procedure_version === body.params.toVersion) return [item(null, 'SKIPPED', 'SAME_VERSION', `The case already runs on version ${body.params.toVersion}.`)];
      return [item(null)];
    case 'REASSIGN': {
      const { fromUserId, toUserId, stepIds } = body.params;
      if (stepIds?.length && !fromUserId) {
        // Named steps of the case's procedure are sent whatever the read model says of them: the workflow judges a step that is not open.
        const def = await getPublished(db, row.procedure_id, row.procedure_version);
        const named = stepIds.filter((s) => def?.steps.some((x) => x.id === s));
        return named.length ? named.map((s) => item(s)) : nothing(`The case's procedure has none of the steps ${stepIds.join(', ')}.`);
      }
      if (row.status === 'CLOSED') return closed();
      const target = await staffMember(db, toUserId);
      const tasks = (await listTasks(db, { caseId })).filter((t) => !stepIds?.length || stepIds.includes(t.step_id));
      const steps = fromUserId ? tasks.filter((t) => t.assignee_id === fromUserId) : tasks.filter((t) => t.assignee_id !== toUserId && !!target && t.roles.some((r) => target.roles.includes(r)));
      if (!steps.length) return nothing(fromUserId ? `No open step of the case is assigned to ${fromUserId}.` : `No open step of the case is for ${toUserId}'s roles.`);
      return steps.map((t) => item(t.step_id));
    }
    case 'REQUEST_EXTENSION': {
      if (row.status === 'CLOSED') return closed();
      const { stepIds } = body.params;
      // The steps with a deadline that the caller's roles do: an extension is asked by the step's officer.
      const tasks = (await listTasks(db, { caseId })).filter((t) => t.due_at !== null && (!stepIds?.length || stepIds.includes(t.step_id)) && t.roles.some((r) => user.roles.includes(r)));
      if (!tasks.length) return nothing('No open step of the case with a deadline is one of your roles.');
      return tasks.map((t) => item(t.step_id));
    }
  }
}

/** Sends one item to its case's workflow; what became of it. */
async function sendItem(deps: { db: Db; temporal: Client }, user: TUser, body: TBulkParams, it: TBulkItemRow): Promise<{ result: TBulkResult; error?: AppError }> {
  const { db, temporal } = deps;
  const send = <K extends keyof typeof CASE_ACTION_UPDATES>(type: K, payload: object) =>
    executeCaseAction(
      { temporal, db },
      it.case_id,
      CASE_ACTION_UPDATES[type] as unknown as UpdateDefinition<TActionResult, [TActionEnvelope]>,
      updateInput(user, it.request_id, payload),
      it.request_id,
    );
  try {
    const row = await getCaseRow(db, it.case_id);
    if (!row || !canSeeCase(user, row)) return { result: 'SKIPPED', error: new AppError('NOT_FOUND', `No case ${it.case_id}.`) };
    switch (body.action) {
      case 'ADD_NOTE':
        await send('ADD_NOTE', { text: body.params.text });
        break;
      case 'REASSIGN':
        await checkAssignee(db, row, it.step_id!, body.params.toUserId);
        await send('ASSIGN', { stepId: it.step_id!, assigneeId: body.params.toUserId });
        break;
      case 'REQUEST_EXTENSION':
        await send('REQUEST_EXTENSION', { stepId: it.step_id!, amount: body.params.amount, reason: body.params.reason });
        break;
      case 'MIGRATE_VERSION': {
        const { toVersion } = body.params;
        // An Update that was applied before (this item sent before Temporal dropped out) finds the case on the version.
        if (row.procedure_version !== toVersion) {
          const plan = await migrationDryRun(temporal, db, it.case_id, toVersion);
          if (!plan.canApply) return { result: 'REFUSED', error: new AppError('MIGRATION_BLOCKED', plan.blockers.join(' ')) };
        }
        await executeCaseAction({ temporal, db }, it.case_id, migrateProcedureUpdate, updateInput(user, it.request_id, { toVersion }), it.request_id);
        break;
      }
    }
    return { result: 'OK' };
  } catch (err) {
    const e = httpError(err, { caseUpdate: true });
    if (!e) return { result: 'ERROR', error: new AppError('INTERNAL', 'The case could not be processed; send the same request again.', undefined, undefined, { cause: err }) };
    // Temporal out of reach or not ready: not known to be done, sent again with the same request.
    return { result: e.code === 'UNAVAILABLE' ? 'ERROR' : 'REFUSED', error: e };
  }
}

/** Runs `fn` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
}

/**
 * Runs a bulk action (or the rest of it, when the same request comes again) and answers its report.
 * A caller whose roles do not allow the action gets 403 before anything is planned.
 */
export async function runBulkAction(deps: { db: Db; temporal: Client }, user: TUser, req: TBulkRequest, log?: (err: unknown, item: TBulkItemRow) => void): Promise<TBulkReport> {
  const { db } = deps;
  const body = req.body;
  if (!mayRunBulk(user, body.action)) throw refuseRole(body.action);
  const bulkId = runIdOf(req.requestId);
  if (!(await getBulkRun(db, bulkId))) {
    const caseIds = await targetCases(db, user, req);
    const planned: TBulkPlannedItem[] = [];
    for (const caseId of caseIds) planned.push(...(await planCase(db, user, bulkId, body, caseId)));
    // Another attempt of the same request may have planned it meanwhile: its plan stands.
    await insertBulkRun(db, { id: bulkId, unitId: user.unitId, createdBy: user.id, action: body.action, params: body.params, target: body.target }, planned);
  }
  const run = (await getBulkRun(db, bulkId))!;
  const todo = (await bulkItems(db, run)).filter((i) => !isFinal(i.result));
  await pool(todo, CONCURRENCY, async (it) => {
    const { result, error } = await sendItem(deps, user, body, it);
    if (result === 'ERROR' && log) log(error?.cause ?? error, it);
    await recordBulkOutcome(db, bulkId, it.seq, {
      result,
      code: error?.code ?? null,
      message: error?.message ?? null,
      rule: error?.rule ?? null,
      ruleParams: error?.params ?? null,
      legalBasis: error?.legalBasis ?? null,
    });
  });
  const items = await bulkItems(db, run);
  if (items.every((i) => isFinal(i.result))) await finishBulkRun(db, bulkId);
  return { run: (await getBulkRun(db, bulkId))!, items };
}

/** A run's report, for its creator or a unit-wide reader of its unit; 404 for anyone else. */
export async function bulkReport(db: Db, user: TUser, id: string): Promise<TBulkReport> {
  const run = await getBulkRun(db, id);
  const mayRead = run && run.unit_id === user.unitId && (run.created_by === user.id || isUnitWide(user));
  if (!run || !mayRead) throw new AppError('NOT_FOUND', `No bulk action ${id}.`);
  return { run, items: await bulkItems(db, run) };
}
