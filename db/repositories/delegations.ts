/**
 * Delegations of sanctioning power to deputies (docs/adr/0197): recorded, revoked from a day, never
 * deleted; found in force for a deputy, a role, a case and a day.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { delegationCovers, type TDelegableRole } from '../../domain/delegation.js';
import type { Database } from '../schema.js';
import type { TDelegationScope } from '../tables/people.table.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface TDelegation {
  id: string;
  unitId: string;
  role: TDelegableRole;
  grantorId: string;
  grantorName: string;
  delegateId: string;
  delegateName: string;
  scope: TDelegationScope;
  caseId: string | null;
  decisionNumber: string;
  decisionDate: string;
  validFrom: string;
  validTo: string | null;
  content: string;
  /** Also the coercion decision, while the head is absent (Art. 87(2)). */
  coercion: boolean;
  /** With coercion: the head's absence it is made for (Art. 87(2)). */
  headAbsence: string | null;
  revokedFrom: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  createdBy: string;
  createdAt: Date;
}

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function select(db: Q) {
  return db
    .selectFrom('sanction_delegation as d')
    .innerJoin('app_user as g', 'g.id', 'd.grantor_id')
    .innerJoin('app_user as u', 'u.id', 'd.delegate_id')
    .select([
      'd.id',
      'd.unit_id',
      'd.role',
      'd.grantor_id',
      'g.display_name as grantor_name',
      'd.delegate_id',
      'u.display_name as delegate_name',
      'd.scope',
      'd.case_id',
      'd.decision_number',
      day('d.decision_date').as('decision_date'),
      day('d.valid_from').as('valid_from'),
      day('d.valid_to').as('valid_to'),
      'd.content',
      'd.coercion',
      'd.head_absence',
      day('d.revoked_from').as('revoked_from'),
      'd.revoked_by',
      'd.revoke_reason',
      'd.created_by',
      'd.created_at',
    ]);
}

type TRow = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const toDelegation = (r: TRow): TDelegation => ({
  id: r.id,
  unitId: r.unit_id,
  role: r.role,
  grantorId: r.grantor_id,
  grantorName: r.grantor_name,
  delegateId: r.delegate_id,
  delegateName: r.delegate_name,
  scope: r.scope,
  caseId: r.case_id,
  decisionNumber: r.decision_number,
  decisionDate: r.decision_date!,
  validFrom: r.valid_from!,
  validTo: r.valid_to,
  content: r.content,
  coercion: r.coercion,
  headAbsence: r.head_absence,
  revokedFrom: r.revoked_from,
  revokedBy: r.revoked_by,
  revokeReason: r.revoke_reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The unit's delegations, newest first. */
export async function listDelegations(db: Q, unitId: string): Promise<TDelegation[]> {
  return (await select(db).where('d.unit_id', '=', unitId).orderBy('d.created_at', 'desc').orderBy('d.id').limit(500).execute()).map(toDelegation);
}

export async function getDelegation(db: Q, id: string): Promise<TDelegation | undefined> {
  const r = await select(db).where('d.id', '=', id).executeTakeFirst();
  return r && toDelegation(r);
}

export async function insertDelegation(db: Q, d: Omit<TDelegation, 'grantorName' | 'delegateName' | 'revokedFrom' | 'revokedBy' | 'revokeReason' | 'createdAt'>): Promise<void> {
  await db
    .insertInto('sanction_delegation')
    .values({
      id: d.id,
      unit_id: d.unitId,
      role: d.role,
      grantor_id: d.grantorId,
      delegate_id: d.delegateId,
      scope: d.scope,
      case_id: d.caseId,
      decision_number: d.decisionNumber,
      decision_date: d.decisionDate,
      valid_from: d.validFrom,
      valid_to: d.validTo,
      content: d.content,
      coercion: d.coercion,
      head_absence: d.headAbsence,
      created_by: d.createdBy,
    })
    .execute();
}

/** Ends a delegation from `from` (not in force that day and after); false when it was revoked already. */
export async function revokeDelegation(db: Q, id: string, r: { from: string; by: string; reason: string }): Promise<boolean> {
  const done = await db
    .updateTable('sanction_delegation')
    .set({ revoked_from: r.from, revoked_by: r.by, revoke_reason: r.reason })
    .where('id', '=', id)
    .where('revoked_from', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/**
 * The delegation under which `delegateId` exercises the head's power in `role` for `caseId` on
 * `date` (yyyy-mm-dd) — for a coercion decision, one that gives that power too — the most recent
 * decision in force that day, or undefined.
 */
export async function delegationInForce(
  db: Q,
  q: { unitId: string; delegateId: string; role: string; caseId: string; date: string; coercion?: boolean | undefined },
): Promise<TDelegation | undefined> {
  const rows = await select(db)
    .where('d.unit_id', '=', q.unitId)
    .where('d.delegate_id', '=', q.delegateId)
    .where('d.role', '=', q.role as TDelegableRole)
    .where('d.valid_from', '<=', q.date)
    .orderBy('d.decision_date', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();
  return rows.map(toDelegation).find((d) => delegationCovers(d, q.role, q.caseId, q.date, q.coercion));
}

/** Whether a user is a deputy, and his or her display name, unit and team (undefined: no such user). */
export async function personOf(
  db: Q,
  userId: string,
): Promise<{ id: string; displayName: string; unitId: string; teamId: string | null; roles: string[]; active: boolean; deputy: boolean } | undefined> {
  const r = await db.selectFrom('app_user').select(['id', 'display_name', 'unit_id', 'team_id', 'roles', 'active', 'deputy']).where('id', '=', userId).executeTakeFirst();
  return r && { id: r.id, displayName: r.display_name, unitId: r.unit_id, teamId: r.team_id, roles: r.roles, active: r.active, deputy: r.deputy };
}
