/**
 * The supervisors' queue: warnings, escalations, manual escalations (flagged complex) and extension
 * requests raised by cases, with the case and the step they are about. One entry per open breach: a
 * step's ladder shows as its latest rung, with the earlier rungs it stands for (`history`).
 */
import type { Kysely, Transaction } from 'kysely';
import { LADDER_KINDS, rungsFoldedInto, type TEscalation } from '../../domain/engine.js';
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
    .where('f.unit_id', '=', f.unitId)
    // A rung superseded by a later one of its step is part of that one's entry, not one of its own.
    .where('e.superseded_by', 'is', null)
    // Nor is a rung still open below a later open one of its step: cases that ran before rungs
    // superseded each other kept every rung of a breach open (domain/engine/escalation.ts).
    .where((eb) =>
      eb.not(
        eb.and([
          eb('e.resolved_at', 'is', null),
          eb('e.kind', 'in', LADDER_KINDS),
          eb.exists(
            eb
              .selectFrom('case_escalation as later')
              .select('later.id')
              .whereRef('later.case_id', '=', 'e.case_id')
              .whereRef('later.step_id', '=', 'e.step_id')
              .where('later.kind', 'in', LADDER_KINDS)
              .where('later.resolved_at', 'is', null)
              .where((l) => l.or([l('later.created_at', '>', l.ref('e.created_at')), l.and([l('later.created_at', '=', l.ref('e.created_at')), l('later.id', '>', l.ref('e.id'))])])),
          ),
        ]),
      ),
    );
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
        'e.resolved_by',
        'e.resolution_note',
        'e.superseded_by',
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
  const rungs = await earlierRungs(
    db,
    rows.map((r) => r.case_id),
  );
  return {
    total: Number(count.n),
    items: rows.map((r) => {
      const ofCase = rungs.get(r.case_id) ?? [];
      const folded = new Set(rungsFoldedInto(rung(r), ofCase.map(rung)));
      return { ...withRowReason(r), history: ofCase.filter((x) => folded.has(x.id)) };
    }),
  };
}

/** A row as `rungsFoldedInto` reads it. */
const rung = (r: { id: string; step_id: string; kind: TEscalation['kind']; resolved_at: Date | string | null; superseded_by: string | null }) => ({
  id: r.id,
  stepId: r.step_id,
  kind: r.kind,
  isOpen: r.resolved_at === null,
  supersededBy: r.superseded_by,
});

/** The ladder rungs of these cases that may stand behind a queue entry (superseded, or still open), oldest first, by case. */
async function earlierRungs(db: Q, caseIds: string[]) {
  const rows = caseIds.length
    ? await db
        .selectFrom('case_escalation')
        .select(['id', 'case_id', 'step_id', 'kind', 'to_role', 'reason', 'reason_code', 'reason_params', 'created_at', 'resolved_at', 'superseded_by'])
        .where('case_id', 'in', [...new Set(caseIds)])
        .where('kind', 'in', LADDER_KINDS)
        .where((eb) => eb.or([eb('superseded_by', 'is not', null), eb('resolved_at', 'is', null)]))
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const byCase = new Map<string, ReturnType<typeof withRowReason<(typeof rows)[number]>>[]>();
  for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), withRowReason(r)]);
  return byCase;
}
