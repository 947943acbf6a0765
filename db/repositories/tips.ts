/**
 * Tips from the public (docs/adr/0130–0133): the tip and its reporter's contact (apart), the
 * challenges used, the key they are signed with, and the tips linked to one another.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import type { TTipPhoto } from '../tables/tip.table.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The secret challenges are signed with: the one stored, or a new one stored by whichever replica asks first. */
export async function tipChallengeSecret(db: Q): Promise<string> {
  await db
    .insertInto('tip_challenge_key')
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await db.selectFrom('tip_challenge_key').select('secret').where('id', '=', 1).executeTakeFirstOrThrow()).secret;
}

/** Whether challenge `id` was used already. */
export async function challengeUsed(db: Q, id: string): Promise<boolean> {
  return !!(await db.selectFrom('tip_challenge_use').select('id').where('id', '=', id).executeTakeFirst());
}

/** Records challenge `id` as used; false when it was already (another request used it first). */
export async function useChallenge(db: Q, id: string): Promise<boolean> {
  const row = await db
    .insertInto('tip_challenge_use')
    .values({ id })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** Forgets the challenges used before `before` (they are stale by then: docs/adr/0132). */
export async function pruneUsedChallenges(db: Q, before: Date): Promise<void> {
  await db.deleteFrom('tip_challenge_use').where('used_at', '<', before).execute();
}

export interface TNewTip {
  id: string;
  unitId: string;
  caseId: string;
  trackingHash: string;
  theme: string;
  content: string;
  place: string;
  businessName: string | undefined;
  taxCode: string | undefined;
  linkKey: string | undefined;
  wantsReply: boolean;
  photos: TTipPhoto[];
  receivedAt: Date;
  /** Undefined: anonymous (no row of contact at all). */
  contact: { name: string | undefined; phone: string | undefined; email: string | undefined } | undefined;
}

/** Stores a tip and, apart, its reporter's contact. */
export async function insertTip(trx: Q, t: TNewTip): Promise<void> {
  await trx
    .insertInto('public_tip')
    .values({
      id: t.id,
      unit_id: t.unitId,
      case_id: t.caseId,
      tracking_hash: t.trackingHash,
      theme: t.theme,
      content: t.content,
      place: t.place,
      business_name: t.businessName ?? null,
      tax_code: t.taxCode ?? null,
      link_key: t.linkKey ?? null,
      anonymous: !t.contact,
      wants_reply: t.wantsReply,
      photos: JSON.stringify(t.photos),
      received_at: t.receivedAt,
    })
    .execute();
  if (t.contact)
    await trx
      .insertInto('public_tip_reporter')
      .values({ tip_id: t.id, name: t.contact.name ?? null, phone: t.contact.phone ?? null, email: t.contact.email ?? null })
      .execute();
}

/** A tip by the hash of its tracking code, with its case's status and steps done (the same query whether it exists or not). */
export async function findTipByTracking(db: Q, trackingHash: string) {
  return db
    .selectFrom('public_tip')
    .leftJoin('case_file', 'case_file.case_id', 'public_tip.case_id')
    .select(['public_tip.received_at', 'public_tip.theme', 'case_file.status', 'case_file.snapshot', 'case_file.closed_at'])
    .where('public_tip.tracking_hash', '=', trackingHash)
    .executeTakeFirst();
}

/** The tip that started case `caseId`, without its reporter's contact. */
export async function tipOfCase(db: Q, caseId: string) {
  return db.selectFrom('public_tip').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The other tips of the unit with the same link key (same business and theme), newest first, with their cases' status. */
export async function relatedTips(db: Q, unitId: string, linkKey: string, exceptTipId: string) {
  return db
    .selectFrom('public_tip')
    .leftJoin('case_file', 'case_file.case_id', 'public_tip.case_id')
    .select(['public_tip.case_id', 'public_tip.received_at', 'public_tip.theme', 'case_file.status', 'case_file.team_id'])
    .where('public_tip.unit_id', '=', unitId)
    .where('public_tip.link_key', '=', linkKey)
    .where('public_tip.id', '!=', exceptTipId)
    .orderBy('public_tip.received_at', 'desc')
    .limit(50)
    .execute();
}

/** The reporter's contact of tip `tipId` (undefined: anonymous). */
export async function tipReporter(db: Q, tipId: string) {
  return db.selectFrom('public_tip_reporter').select(['name', 'phone', 'email']).where('tip_id', '=', tipId).executeTakeFirst();
}

/** The units a tip may be sent to, by name: the provincial units that have a team to take it. */
export async function listUnits(db: Q): Promise<{ id: string; name: string; province: string }[]> {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'province'])
    .where('level', '=', 'PROVINCIAL')
    .where((eb) => eb.exists(eb.selectFrom('team').select('team.id').whereRef('team.unit_id', '=', 'unit.id')))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The team a public tip's case is given to: the unit's first team by id (the team lead reassigns it). */
export async function tipIntakeTeam(db: Q, unitId: string): Promise<string | undefined> {
  return (await db.selectFrom('team').select('id').where('unit_id', '=', unitId).orderBy('id').limit(1).executeTakeFirst())?.id;
}
