/**
 * What the supervisor console reads: the recent field activity of the cases a viewer may see (the
 * live-event log with each case's title and the evidence the events mention), the open tasks of a
 * scope whatever their roles (the team-load view), and the live event of evidence arriving in a
 * case before its step is completed. Each read takes a `TCaseScope` (api/auth.ts `caseScope`).
 */
import type { Kysely, Transaction } from 'kysely';
import type { TCaseEvent } from '../../lib/case-events.js';
import { logCaseEvent, STABLE_BELOW } from './cases.js';
import type { Database } from '../schema.js';
import { tasksWithTheirCase, type TCaseScope } from './case-queries.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The newest live events of the scope (after `afterId` when given), newest first, with their case. */
export async function recentActivity(db: Q, scope: TCaseScope, f: { afterId?: string | undefined; limit: number }) {
  if (!scope.unitWide && scope.teamId === null) return [];
  let q = db
    .selectFrom('case_event_log as l')
    .innerJoin('case_file as f', 'f.case_id', 'l.case_id')
    .select(['l.pos', 'l.at', 'l.payload', 'f.title', 'f.kind', 'f.procedure_id', 'f.procedure_version'])
    .where('l.unit_id', '=', scope.unitId)
    .where('l.pos', '<', STABLE_BELOW as never)
    .orderBy('l.pos', 'desc')
    .limit(f.limit);
  if (!scope.unitWide) q = q.where('l.team_id', '=', scope.teamId!);
  if (f.afterId !== undefined) q = q.where('l.pos', '>', f.afterId as never);
  const rows = await q.execute();
  return rows.map(({ pos, ...r }) => ({ ...r, id: String(pos), payload: r.payload as Omit<TCaseEvent, 'id'> }));
}

/** The newest position in the event log (any unit): where a live stream opened now goes on from. */
export async function newestEventId(db: Q): Promise<string | null> {
  const r = await db
    .selectFrom('case_event_log')
    .select((eb) => eb.fn.max('pos').as('pos'))
    .where('pos', '<', STABLE_BELOW as never)
    .executeTakeFirst();
  return r?.pos == null ? null : String(r.pos);
}

/** Stored evidence of a unit by hash (names and types for the feed's thumbnails). */
export async function evidenceOfUnit(db: Q, unitId: string, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db.selectFrom('evidence').select(['sha256', 'name', 'mime', 'size']).where('unit_id', '=', unitId).where('sha256', 'in', hashes).execute();
}

/** Every open step of the scope's cases, whatever its roles, soonest deadline first (at most `limit`). */
export async function openTasksOfScope(db: Q, scope: TCaseScope, limit: number) {
  if (!scope.unitWide && scope.teamId === null) return [];
  let q = tasksWithTheirCase(db, scope.unitId)
    .where('f.status', '=', 'OPEN')
    .orderBy('t.due_at', (ob) => ob.asc().nullsLast())
    .orderBy('t.opened_at')
    .limit(limit);
  if (!scope.unitWide) q = q.where('t.team_id', '=', scope.teamId!);
  return q.execute();
}

/**
 * Tells the case's watchers that a piece of evidence arrived for it (an inspector's photo reaches
 * the team lead's live feed before the step is completed). It is a live event only — logged for
 * `Last-Event-ID` catch-up like the projection's, with a position readers deliver in commit-safe
 * order (docs/adr/0173) — and not part of the case's audit chain: the evidence row records who uploaded what, and
 * the step that uses the file records it in the audit log.
 */
export async function logEvidenceArrival(db: Kysely<Database>, e: { caseId: string; stepId?: string | undefined; actorId: string; sha256: string; at: Date }): Promise<TCaseEvent | undefined> {
  return db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom('case_file').select(['case_id', 'unit_id', 'team_id', 'kind', 'status', 'overdue', 'state_seq', 'current_steps']).where('case_id', '=', e.caseId).executeTakeFirst();
    if (!f) return undefined;
    const event: Omit<TCaseEvent, 'id'> = {
      caseId: f.case_id,
      unitId: f.unit_id,
      teamId: f.team_id,
      kind: f.kind,
      status: f.status,
      overdue: f.overdue,
      seq: f.state_seq,
      currentSteps: f.current_steps,
      actions: [{ seq: f.state_seq, action: 'EVIDENCE_ADDED', ...(e.stepId ? { stepId: e.stepId } : {}), actorId: e.actorId, at: e.at.toISOString(), evidence: [e.sha256] }],
    };
    const full = { id: await logCaseEvent(trx, event), ...event };
    return full;
  });
}
