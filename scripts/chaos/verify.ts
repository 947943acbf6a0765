/**
 * After a round, with every component up again: each case (and its seizure sub-case) is compared
 * with what its script leads to, in Temporal (the workflow's own state, by Query) and in PostgreSQL
 * (the read model and the audit log). Four verdicts per case:
 *
 * - lost: the script did not finish, or the workflow did not reach the scripted end (closed with
 *   the scripted outcome after exactly the scripted steps, the sub-case likewise);
 * - doubled: anything applied twice — a second case opened for one intended case (found by its
 *   unique title in Temporal and in the read model), a step completed twice, a second note, claim,
 *   start or closing in the audit log, a second sub-case, an escalation recorded twice;
 * - mismatched: the read model differs from the workflow — the case row, tasks, escalations
 *   (db/repositories/read-model-check.ts) or the stored snapshot — once the projection has had
 *   `settleMs` to catch up;
 * - broken chains: a case's audit chain does not verify, or its head is not the workflow's own
 *   sequence and hash (a missing tail is broken); plus every request-audit chain of the database.
 */
import type { Client } from '@temporalio/client';
import { verifyChain, canonicalJson, type TAuditEvent } from '../../domain/audit.js';
import { redactForm } from '../../domain/forms.js';
import type { Db } from '../../db/database.js';
import { auditEvents, getCaseRow } from '../../db/repositories/cases.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { checkReadModel } from '../../db/repositories/read-model-check.js';
import { settleRequestAudit, verifyRequestAudits } from '../../db/repositories/request-audit.js';
import { caseStateQuery, type TCaseView } from '../../workflows/case-messages.js';
import { CHAOS_PROCEDURE_ID } from './procedures.js';
import { expectedEnd, type TCaseRun } from './scenario.js';

interface TCaseVerdict {
  caseId: string | undefined;
  title: string;
  lost?: string | undefined;
  doubled?: string | undefined;
  mismatched?: string | undefined;
  /** Chains (the case's, the sub-case's) that do not verify, with why. */
  broken: string[];
  continuedAsNew: number;
  warnings: number;
}

export interface TRoundVerdict {
  cases: number;
  ended: number;
  lost: number;
  doubled: number;
  mismatched: number;
  brokenChains: number;
  /** The problems, one line each. */
  problems: string[];
  /** Cases (and sub-cases) whose workflow continued as new at least once during the round. */
  continuedAsNew: number;
  /** Deadline warnings fired by the workflows' timers (the on-site step's 1 % and 2 % rungs). */
  warnings: number;
}

type TState = TCaseView['state'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function query(temporal: Client, workflowId: string): Promise<TCaseView | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await temporal.workflow.getHandle(workflowId).query(caseStateQuery);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
      if (attempt >= 5) throw err;
      await sleep(1_000);
    }
  }
}

function duplicates(items: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const i of items) (seen.has(i) ? twice : seen).add(i);
  return [...twice];
}

const ONCE_PER_CASE = ['CASE_STARTED', 'CASE_CLOSED', 'NOTE_ADDED'];
const ONCE_PER_STEP = ['STEP_COMPLETED', 'STEP_CLAIMED'];

/** What was applied twice in one case (workflow state and audit log). */
function doubledIn(label: string, state: TState, audit: TAuditEvent[]): string[] {
  const found: string[] = [];
  const steps = duplicates(state.completed.map((c) => c.stepId));
  if (steps.length) found.push(`${label}: step(s) ${steps.join(', ')} completed twice in the workflow`);
  if (state.notes.length > 1) found.push(`${label}: ${state.notes.length} notes in the workflow`);
  const esc = duplicates(state.escalations.map((e) => e.id));
  if (esc.length) found.push(`${label}: escalation(s) ${esc.join(', ')} recorded twice`);
  const keyed = audit.filter((e) => ONCE_PER_CASE.includes(e.action) || ONCE_PER_STEP.includes(e.action)).map((e) => (ONCE_PER_STEP.includes(e.action) ? `${e.action} ${e.stepId}` : e.action));
  const twice = duplicates(keyed);
  if (twice.length) found.push(`${label}: ${twice.join(', ')} twice in the audit log`);
  return found;
}

/** Where the read model differs from the workflow (chain checks aside: they are {@link brokenIn}'s). */
async function mismatchIn(db: Db, label: string, state: TState): Promise<string[]> {
  const diffs = (await checkReadModel(db, state)).filter((d) => !['audit events', 'audit head', 'audit chain'].includes(d.what));
  const found = diffs.map((d) => `${label}: ${d.what} is ${JSON.stringify(d.readModel)} in the read model, ${JSON.stringify(d.workflow)} in the workflow`);
  const row = await getCaseRow(db, state.caseId);
  if (row) {
    const def = await getPublished(db, state.procedure.id, state.procedure.version);
    const expected = { ...state, completed: state.completed.map((c) => ({ ...c, data: redactForm(def?.steps.find((s) => s.id === c.stepId)?.form.fields ?? [], c.data) })) };
    if (canonicalJson(row.snapshot) !== canonicalJson(expected)) found.push(`${label}: the stored snapshot differs from the workflow's state`);
  }
  return found;
}

function brokenIn(label: string, state: TState, audit: TAuditEvent[]): string[] {
  const r = verifyChain(audit);
  if (r) return [`${label}: audit chain broken at event ${r.seq}: ${r.reason}`];
  const head = audit.at(-1);
  if ((head?.seq ?? 0) !== state.seq || (head?.hash ?? state.lastHash) !== state.lastHash) {
    return [`${label}: audit chain ends at event ${head?.seq ?? 0}, the workflow at ${state.seq} (a missing tail)`];
  }
  return [];
}

/** Checks one case once. */
async function verifyCase(db: Db, temporal: Client, run: TCaseRun, extraCaseIds: string[]): Promise<TCaseVerdict> {
  const { plan } = run;
  const v: TCaseVerdict = { caseId: run.caseId, title: plan.title, broken: [], continuedAsNew: 0, warnings: 0 };
  const lost: string[] = [];
  const doubled: string[] = [];
  const mismatched: string[] = [];
  const rows = await db.selectFrom('case_file').select('case_id').where('title', '=', plan.title).where('parent_case_id', 'is', null).execute();
  const ids = new Set([...rows.map((r) => r.case_id), ...extraCaseIds, ...(run.caseId ? [run.caseId] : [])]);
  if (ids.size > 1) doubled.push(`${ids.size} cases opened for it: ${[...ids].join(', ')}`);
  const caseId = run.caseId ?? [...ids][0];
  v.caseId = caseId;
  if (!run.finished) lost.push(`the script did not finish: ${run.error ?? 'unknown'}`);
  if (!caseId) {
    lost.push('no case was opened');
  } else {
    const exp = expectedEnd(plan);
    const view = await query(temporal, caseId);
    if (!view) {
      lost.push(`no workflow ${caseId}`);
    } else {
      const s = view.state;
      const steps = s.completed.map((c) => c.stepId);
      if (s.status !== 'CLOSED' || s.closeOutcome !== exp.closeOutcome || canonicalJson([...new Set(steps)].sort()) !== canonicalJson([...exp.steps].sort())) {
        lost.push(`${caseId} is ${s.status} (${s.closeOutcome ?? '-'}) after ${steps.join(', ') || 'no step'}; expected CLOSED (${exp.closeOutcome}) after ${exp.steps.join(', ')}`);
      }
      const audit = await auditEvents(db, caseId);
      if (view.runNumber > 1) v.continuedAsNew++;
      v.warnings += audit.filter((e) => e.action === 'DEADLINE_WARNING').length;
      doubled.push(...doubledIn(caseId, s, audit));
      mismatched.push(...(await mismatchIn(db, caseId, s)));
      v.broken.push(...brokenIn(caseId, s, audit));
      const children = await db.selectFrom('case_file').select('case_id').where('parent_case_id', '=', caseId).execute();
      if (children.length > (exp.child ? 1 : 0)) doubled.push(`${children.length} sub-cases: ${children.map((c) => c.case_id).join(', ')}`);
      if (exp.child) {
        const childId = `${caseId}/${exp.child.stepId}`;
        const s1 = s.completed.find((c) => c.stepId === exp.child!.stepId);
        if (s1 && s1.outcome !== exp.child.closeOutcome) lost.push(`${caseId}: step S1 completed with ${s1.outcome}, the sub-case was to end ${exp.child.closeOutcome}`);
        const cv = await query(temporal, childId);
        if (!cv) {
          lost.push(`no sub-case workflow ${childId}`);
        } else {
          const cs = cv.state;
          const csteps = cs.completed.map((c) => c.stepId);
          if (cs.status !== 'CLOSED' || cs.closeOutcome !== exp.child.closeOutcome || canonicalJson([...new Set(csteps)].sort()) !== canonicalJson(exp.child.steps)) {
            lost.push(`${childId} is ${cs.status} (${cs.closeOutcome ?? '-'}) after ${csteps.join(', ') || 'no step'}; expected CLOSED (${exp.child.closeOutcome})`);
          }
          const caudit = await auditEvents(db, childId);
          if (cv.runNumber > 1) v.continuedAsNew++;
          doubled.push(...doubledIn(childId, cs, caudit));
          mismatched.push(...(await mismatchIn(db, childId, cs)));
          v.broken.push(...brokenIn(childId, cs, caudit));
        }
      }
    }
  }
  if (lost.length) v.lost = lost.join('; ');
  if (doubled.length) v.doubled = doubled.join('; ');
  if (mismatched.length) v.mismatched = mismatched.join('; ');
  return v;
}

/**
 * Cases of the chaos procedure that Temporal knows and no script recorded, by the title they
 * carry: a second case opened for one intended case shows here even if it never reached the read
 * model. `known` are the ids already accounted for (this round's and earlier rounds').
 */
async function unrecordedCases(temporal: Client, known: Set<string>): Promise<Map<string, string[]>> {
  const byTitle = new Map<string, string[]>();
  const ids = new Set<string>();
  for await (const w of temporal.workflow.list({ query: `WorkflowType = 'caseWorkflow' AND ProcedureId = '${CHAOS_PROCEDURE_ID}'` })) ids.add(w.workflowId);
  for (const id of ids) {
    if (known.has(id)) continue;
    const view = await query(temporal, id);
    const title = view?.state.title ?? '(unknown)';
    byTitle.set(title, [...(byTitle.get(title) ?? []), id]);
  }
  return byTitle;
}

/**
 * Verifies a round; repeats the checks for up to `settleMs` while a read model or a chain differs,
 * since the read model may still be catching up with the workflows (a projection retried after a
 * fault).
 */
export async function verifyRound(deps: { db: Db; temporal: Client }, runs: TCaseRun[], known: Set<string>, settleMs: number): Promise<TRoundVerdict> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const recorded = new Set([...known, ...runs.flatMap((r) => (r.caseId ? [r.caseId] : []))]);
    const extra = await unrecordedCases(deps.temporal, recorded);
    const verdicts: TCaseVerdict[] = [];
    for (const run of runs) verdicts.push(await verifyCase(deps.db, deps.temporal, run, extra.get(run.plan.title) ?? []));
    const titles = new Set(runs.map((r) => r.plan.title));
    const orphans = [...extra.entries()].filter(([title]) => !titles.has(title));
    // Rows are chained after commit (docs/adr/0173): link what the killed replicas left, then check.
    await settleRequestAudit(deps.db, undefined, 5_000);
    const requests = await verifyRequestAudits(deps.db);
    const problems: string[] = [];
    for (const v of verdicts) {
      const name = `${v.title} (${v.caseId ?? 'no case'})`;
      if (v.lost) problems.push(`LOST ${name}: ${v.lost}`);
      if (v.doubled) problems.push(`DOUBLED ${name}: ${v.doubled}`);
      if (v.mismatched) problems.push(`MISMATCHED ${name}: ${v.mismatched}`);
      for (const b of v.broken) problems.push(`BROKEN ${name}: ${b}`);
    }
    for (const [title, ids] of orphans) problems.push(`DOUBLED: case(s) ${ids.join(', ')} titled "${title}" belong to no script`);
    for (const b of requests.broken) problems.push(`BROKEN request-audit chain ${b.chainId} at event ${b.seq}: ${b.reason}`);
    if (requests.unlinked > 0) problems.push(`UNLINKED: ${requests.unlinked} request-audit row(s) still not chained`);
    const verdict: TRoundVerdict = {
      cases: runs.length,
      ended: verdicts.filter((v) => !v.lost).length,
      lost: verdicts.filter((v) => v.lost).length,
      doubled: verdicts.filter((v) => v.doubled).length + orphans.length,
      mismatched: verdicts.filter((v) => v.mismatched).length,
      brokenChains: verdicts.reduce((n, v) => n + v.broken.length, 0) + requests.broken.length + (requests.unlinked > 0 ? 1 : 0),
      problems,
      continuedAsNew: verdicts.reduce((n, v) => n + v.continuedAsNew, 0),
      warnings: verdicts.reduce((n, v) => n + v.warnings, 0),
    };
    // Only the read model and the chains catch up with time (a projection still being retried);
    // a case lost or applied twice stays so.
    const settling = verdict.mismatched > 0 || verdict.brokenChains > 0;
    if (!settling || Date.now() > deadline) {
      for (const v of verdicts) if (v.caseId) known.add(v.caseId);
      for (const ids of extra.values()) for (const id of ids) known.add(id);
      return verdict;
    }
    await sleep(2_000);
  }
}
