/**
 * Compares each case's audit chain in PostgreSQL with the chain its workflow wrote. A chain whose
 * links all verify can still have lost its tail — the last events never written (a projection that
 * failed for ever), or deleted with nobody to notice — and a whole case can be missing from the
 * read model. The workflow holds its chain's head (`seq`, `lastHash`): in its state (a query, while
 * it runs) and in its result (once closed). A head in the database that differs from the
 * workflow's, after a short wait for projections in flight, is reported.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { caseStateQuery } from '../workflows/case-messages.js';
import type { TCaseResult } from '../workflows/case.js';

interface THead {
  seq: number;
  hash: string;
}

export interface THeadReport {
  /** Cases whose head was compared with their workflow's. */
  compared: number;
  /** A head behind, ahead of or different from the workflow's: the first event concerned. */
  broken: { caseId: string; seq: number; reason: string }[];
  /** Cases that could not be compared, and why (a workflow past the namespace's retention, no worker to answer a query…). */
  notCompared: { caseId: string; reason: string }[];
}

export interface THeadOptions {
  /** The task queue of this installation's case workflows (TEMPORAL_TASK_QUEUE): the namespace may hold others'. */
  taskQueue: string;
  /** How long a running case's head may lag behind its workflow's (projections in flight). Default 10 s. */
  settleMs?: number;
  /** Cases compared at once. Default 8. */
  concurrency?: number;
  /** How long a query may take (a closed workflow is replayed by a worker to answer it). Default 10 s. */
  queryTimeoutMs?: number;
}

/** The head of every case's chain in the database (the event with the highest seq). */
async function databaseHeads(db: Db, caseIds?: string[]): Promise<Map<string, THead>> {
  const rows = await sql<{ case_id: string; seq: number; hash: string }>`
    select distinct on (case_id) case_id, seq, hash from audit_event
    ${caseIds ? sql`where case_id = any(${caseIds})` : sql``}
    order by case_id, seq desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.case_id, { seq: Number(r.seq), hash: r.hash }]));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

type TWorkflowHead = { head: THead; running: boolean } | { unknown: string };

async function workflowHead(client: Client, caseId: string, queryTimeoutMs: number): Promise<TWorkflowHead> {
  const handle = client.workflow.getHandle(caseId);
  let described: WorkflowExecutionDescription;
  try {
    described = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { unknown: 'its workflow is unknown to Temporal (past the namespace’s retention?)' };
    throw err;
  }
  const running = described.status.name === 'RUNNING';
  if (described.status.name === 'COMPLETED') {
    const r = (await handle.result()) as TCaseResult;
    if (typeof r.seq === 'number' && typeof r.lastHash === 'string') return { head: { seq: r.seq, hash: r.lastHash }, running };
  }
  try {
    const v = await withTimeout(handle.query(caseStateQuery), queryTimeoutMs, 'the workflow’s query');
    return { head: { seq: v.state.seq, hash: v.state.lastHash }, running };
  } catch (err) {
    return { unknown: `its workflow (${described.status.name.toLowerCase()}) did not answer a query: ${(err as Error).message.split('\n')[0]}` };
  }
}

function difference(caseId: string, db: THead | undefined, wf: THead): THeadReport['broken'][number] | undefined {
  const have = db?.seq ?? 0;
  if (have < wf.seq) {
    return {
      caseId,
      seq: have + 1,
      reason: have + 1 === wf.seq ? `event ${wf.seq} is missing: the workflow's chain ends there` : `events ${have + 1}–${wf.seq} are missing: the workflow's chain ends at ${wf.seq}`,
    };
  }
  if (have > wf.seq) return { caseId, seq: wf.seq + 1, reason: `events ${wf.seq + 1}–${have} were never written by the workflow, whose chain ends at ${wf.seq}` };
  if (db && db.hash !== wf.hash) return { caseId, seq: db.seq, reason: 'the chain head differs from the workflow’s' };
  return undefined;
}

/** The ids of every case workflow of `taskQueue` that Temporal knows (its visibility store). */
async function caseWorkflowIds(client: Client, taskQueue: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const w of client.workflow.list({ query: `WorkflowType = 'caseWorkflow' AND TaskQueue = '${taskQueue.replaceAll("'", "''")}'` })) ids.add(w.workflowId);
  return ids;
}

/**
 * Compares every case's chain head in `db` with its workflow's: the cases in the read model, and the
 * case workflows of the installation's task queue that Temporal lists (a case that never reached
 * the read model has no head at all).
 */
export async function compareAuditHeads(db: Db, client: Client, opts: THeadOptions): Promise<THeadReport> {
  const settleMs = opts.settleMs ?? 10_000;
  const queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
  const heads = await databaseHeads(db);
  const known = (await db.selectFrom('case_file').select('case_id').execute()).map((r) => r.case_id);
  const ids = [...new Set([...heads.keys(), ...known, ...(await caseWorkflowIds(client, opts.taskQueue))])].sort();
  const report: THeadReport = { compared: 0, broken: [], notCompared: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const caseId = ids[next++];
      if (caseId === undefined) return;
      let wf = await workflowHead(client, caseId, queryTimeoutMs);
      if ('unknown' in wf) {
        report.notCompared.push({ caseId, reason: wf.unknown });
        continue;
      }
      let found = difference(caseId, heads.get(caseId), wf.head);
      // The case may have moved on since the heads were read: read its head again.
      if (found) found = difference(caseId, (await databaseHeads(db, [caseId])).get(caseId), wf.head);
      // A running case may be ahead by a projection in flight: look again until it settles.
      for (const until = Date.now() + settleMs; found && wf.running && Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 250));
        const again = await workflowHead(client, caseId, queryTimeoutMs);
        if ('unknown' in again) break;
        wf = again;
        found = difference(caseId, (await databaseHeads(db, [caseId])).get(caseId), wf.head);
      }
      report.compared++;
      if (found) report.broken.push(found);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
  report.broken.sort((a, b) => a.caseId.localeCompare(b.caseId));
  report.notCompared.sort((a, b) => a.caseId.localeCompare(b.caseId));
  return report;
}
