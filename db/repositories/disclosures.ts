/**
 * The published decided violations (công khai, docs/adr/0135-disclosure-of-decisions.md): written by
 * the projection in its transaction (`syncDisclosure`), read by the public pages, the JSON API and
 * the Atom feed. A row is never deleted: a decision set aside is withdrawn (no longer listed; its
 * feed entry updated), and so is one whose case was cancelled (`case_file.abandoned_status`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { foldVietnamese, searchTerms } from '../../domain/business.js';
import { disclosureOf, disclosureSearchKeys, type TCompletedFacts, type TDisclosure, type TWithdrawalReason } from '../../domain/disclosure.js';
import type { TCaseProjection } from '../../domain/projection.js';
import type { Database } from '../schema.js';
import type { TAbandonedStatus } from '../tables/cases.table.js';
import { unitBusinessOf, type TCaseBusiness } from './businesses.js';
import { containsPattern } from './paging.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The kinds of case whose decisions are published: the penalty procedures, with and without a record. */
const DISCLOSED_KINDS: ReadonlySet<string> = new Set(['PENALTY', 'PENALTY_NO_RECORD']);
/** How Temporal closed a workflow that counts as the case cancelled (not a crash or a timeout). */
const CANCELLED: readonly TAbandonedStatus[] = ['TERMINATED', 'CANCELED'];

/** A published (or withdrawn) decision, as the public side reads it. */
export interface TDisclosureRow extends TDisclosure {
  /** The public id (never the case id). */
  id: string;
  unit: { id: string; name: string };
  listedAt: Date;
  updatedAt: Date;
  withdrawn?: { at: Date; reason: TWithdrawalReason } | undefined;
}

function contentHash(d: TDisclosure, withdrawn: TWithdrawalReason | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([d, withdrawn ?? null]))
    .digest('hex');
}

/**
 * Whether the case has a decision listed (published, not withdrawn); null for a kind never
 * published: for the projection's one read of what its writes start from (db/repositories/cases.ts).
 */
export function listedRead(p: Pick<TCaseProjection, 'caseId' | 'kind'>): RawBuilder<boolean | null> {
  if (!DISCLOSED_KINDS.has(p.kind)) return sql<null>`null::boolean`;
  return sql<boolean>`exists (select 1 from disclosure where case_id = ${p.caseId} and withdrawn_at is null)`;
}

/**
 * Writes what the case's standing decision publishes, or withdraws it; idempotent (a retried or
 * unchanged projection changes nothing, not even `updated_at`). Called by `applyProjection`.
 * `known`: whether the case has a decision listed, and its business, as the caller read them in this
 * transaction (`listedRead`, `caseBusinessRead`): with none listed, a case without a decision has
 * nothing to withdraw (no statement).
 */
export async function syncDisclosure(
  trx: Q,
  p: Pick<TCaseProjection, 'caseId' | 'kind' | 'unitId' | 'businessId' | 'snapshot'>,
  known?: { listed: boolean; business?: TCaseBusiness | null },
): Promise<void> {
  if (!DISCLOSED_KINDS.has(p.kind)) return;
  const completed = (p.snapshot.completed ?? []) as TCompletedFacts[];
  // Whether there is anything to publish does not depend on the party: most projections (no decision yet) read nothing more.
  const undecided = disclosureOf(completed, { province: '' }).kind === 'NONE';
  const business = undecided ? undefined : await unitBusinessOf(trx, p, known?.business);
  const unit = undecided || business ? undefined : await trx.selectFrom('unit').select('province').where('id', '=', p.unitId).executeTakeFirst();
  const state = undecided ? ({ kind: 'NONE' } as const) : disclosureOf(completed, { taxCode: business?.tax_code, province: business?.province ?? unit?.province ?? '' });
  const now = new Date();
  if (state.kind === 'NONE') {
    if (known && !known.listed) return;
    // A decision no longer in the case (a workflow reset): what was published of it is withdrawn.
    await trx
      .updateTable('disclosure')
      .set({ withdrawn_at: now, withdrawn_reason: 'DECISION_SET_ASIDE', updated_at: now, content_hash: 'none' })
      .where('case_id', '=', p.caseId)
      .where('withdrawn_at', 'is', null)
      .execute();
    return;
  }
  const d = state.disclosure;
  const withdrawn = state.kind === 'WITHDRAWN' ? state.reason : undefined;
  const hash = contentHash(d, withdrawn);
  const keys = disclosureSearchKeys(d);
  const row = {
    unit_id: p.unitId,
    offender_type: d.offenderType,
    party_name: d.partyName,
    name_key: keys.nameKey,
    tax_code: d.taxCode ?? null,
    province: d.province,
    violation_date: d.violationDate,
    acts: JSON.stringify(d.acts),
    sanction: d.sanction,
    fine_amount: d.fineAmount ?? null,
    decision_no: d.decisionNo,
    decision_key: keys.decisionKey,
    decision_date: d.decisionDate,
    content_hash: hash,
    updated_at: now,
    withdrawn_at: withdrawn ? now : null,
    withdrawn_reason: withdrawn ?? null,
  };
  await trx
    .insertInto('disclosure')
    .values({ case_id: p.caseId, public_id: randomUUID(), ...row })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(row).where('disclosure.content_hash', '<>', hash))
    .execute();
}

/** The search of the public list: every field optional. */
export interface TDisclosureFilter {
  /** Words of the business name, with or without accents. */
  q?: string | undefined;
  /** Digits of the tax code (a prefix matches; the dash of a branch's code is ignored). */
  taxCode?: string | undefined;
  decisionNo?: string | undefined;
  /** Decision dates, inclusive, `YYYY-MM-DD`. */
  from?: string | undefined;
  to?: string | undefined;
  unitId?: string | undefined;
}

function base(db: Q) {
  return db
    .selectFrom('disclosure as d')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .innerJoin('case_file as f', 'f.case_id', 'd.case_id')
    .select([
      'd.public_id',
      'd.unit_id',
      'u.name as unit_name',
      'd.offender_type',
      'd.party_name',
      'd.tax_code',
      'd.province',
      'd.violation_date',
      'd.acts',
      'd.sanction',
      'd.fine_amount',
      'd.decision_no',
      'd.decision_date',
      'd.listed_at',
      'd.updated_at',
      'd.withdrawn_at',
      'd.withdrawn_reason',
      'f.abandoned_status',
      'f.abandoned_at',
    ]);
}

type TRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function toDisclosure(r: TRow): TDisclosureRow {
  const cancelled = r.abandoned_status !== null && CANCELLED.includes(r.abandoned_status) && r.abandoned_at ? r.abandoned_at : undefined;
  const withdrawn = r.withdrawn_at && r.withdrawn_reason ? { at: r.withdrawn_at, reason: r.withdrawn_reason } : cancelled ? { at: cancelled, reason: 'CASE_CANCELLED' as const } : undefined;
  const updatedAt = withdrawn && withdrawn.at > r.updated_at ? withdrawn.at : r.updated_at;
  return {
    id: r.public_id,
    unit: { id: r.unit_id, name: r.unit_name },
    offenderType: r.offender_type,
    partyName: r.party_name,
    ...(r.tax_code ? { taxCode: r.tax_code } : {}),
    province: r.province,
    violationDate: r.violation_date,
    acts: r.acts,
    sanction: r.sanction,
    ...(r.fine_amount !== null ? { fineAmount: Number(r.fine_amount) } : {}),
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
    listedAt: r.listed_at,
    updatedAt,
    ...(withdrawn ? { withdrawn } : {}),
  };
}

/**
 * A page of the decisions listed now (not withdrawn, the case not cancelled), newest decision
 * first, and how many match. `page` counts from 1.
 */
export async function listDisclosures(db: Q, f: TDisclosureFilter, page: { page: number; pageSize: number }): Promise<{ items: TDisclosureRow[]; total: number }> {
  let q = base(db)
    .where('d.withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('f.abandoned_status', 'is', null), eb('f.abandoned_status', 'not in', CANCELLED)]));
  for (const term of searchTerms(f.q)) q = q.where('d.name_key', 'like', containsPattern(term));
  const digits = f.taxCode?.replace(/\D/g, '');
  if (digits) q = q.where(sql<string>`replace(d.tax_code, '-', '')`, 'like', `${digits}%`);
  const decision = f.decisionNo ? foldVietnamese(f.decisionNo) : '';
  if (decision) q = q.where('d.decision_key', 'like', containsPattern(decision));
  if (f.from) q = q.where('d.decision_date', '>=', f.from);
  if (f.to) q = q.where('d.decision_date', '<=', f.to);
  if (f.unitId) q = q.where('d.unit_id', '=', f.unitId);
  const [rows, count] = await Promise.all([
    q
      .orderBy('d.decision_date', 'desc')
      .orderBy('d.listed_at', 'desc')
      .orderBy('d.public_id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDisclosure), total: Number(count.n) };
}

/** The feed's entries: the last changed first, withdrawn ones included (marked), at most `limit`. */
export async function disclosureFeed(db: Q, opts: { unitId?: string | undefined; limit: number }): Promise<TDisclosureRow[]> {
  let q = base(db);
  if (opts.unitId) q = q.where('d.unit_id', '=', opts.unitId);
  const rows = await q
    .orderBy(sql`greatest(d.updated_at, coalesce(f.abandoned_at, d.updated_at))`, 'desc')
    .orderBy('d.public_id')
    .limit(opts.limit)
    .execute();
  return rows.map(toDisclosure);
}

/** One entry by its public id, listed or withdrawn (the feed links to it), or undefined. */
export async function getDisclosure(db: Q, publicId: string): Promise<TDisclosureRow | undefined> {
  const r = await base(db).where('d.public_id', '=', publicId).executeTakeFirst();
  return r ? toDisclosure(r) : undefined;
}
