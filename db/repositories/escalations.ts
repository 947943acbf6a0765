/**
 * The supervisors' queue: warnings, escalations, manual escalations (flagged complex) and extension
 * requests raised by cases, with the case and the step they are about.
 */
import type { Kysely, Transaction } from 'kysely';
import type { TEscalation } from '../../domain/engine.js';
import { withRowReason } from './cases.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface TEscalationQueueFilter {
  unitId: string;
  /** Restricts to one team (users who see their team's cases only). */
  teamId?: string | undefined;
  kinds?: TEscalation['kind'][] | undefined;
  toRoles?: string[] | undefined;
  /** true: unresolved only; false: resolved only; undefined: both. */
  open?: boolean | undefined;
  caseId?: string | undefined;
  limit: number;
  offset: number;
}

export async function listEscalationQueue(db: Q, f: TEscalationQueueFilter) {
  let q = db
    .selectFrom('case_escalation as e')
    .innerJoin('case_file as f', 'f.case_id', 'e.case_id')
    .leftJoin('case_task as t', (j) => j.onRef('t.case_id', '=', 'e.case_id').onRef('t.step_id', '=', 'e.step_id'))
    .where('f.unit_id', '=', f.unitId);
  if (f.teamId !== undefined) q = q.where('e.team_id', '=', f.teamId);
  if (f.kinds?.length) q = q.where('e.kind', 'in', f.kinds);
  if (f.toRoles?.length) q = q.where('e.to_role', 'in', f.toRoles);
  if (f.open === true) q = q.where('e.resolved_at', 'is', null);
  if (f.open === false) q = q.where('e.resolved_at', 'is not', null);
  if (f.caseId) q = q.where('e.case_id', '=', f.caseId);
  const [rows, count] = await Promise.all([
    q
      .select([
        'e.id',
        'e.case_id',
        'e.step_id',
        'e.kind',
        'e.to_role',
        'e.team_id',
        'e.reason',
        'e.reason_code',
        'e.reason_params',
        'e.created_at',
        'e.resolved_at',
        'f.title as case_title',
        'f.kind as case_kind',
        'f.status as case_status',
        't.title as step_title',
        't.due_at',
        't.overdue',
        't.assignee_id',
      ])
      // Unresolved first, then the oldest: what has waited longest is handled first.
      .orderBy((eb) => eb.case().when('e.resolved_at', 'is', null).then(0).else(1).end())
      .orderBy('e.created_at')
      .orderBy('e.case_id')
      .orderBy('e.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map(withRowReason) };
}
