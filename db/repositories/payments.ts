/**
 * Payment callbacks as received (docs/adr/0125): every one recorded with its verdict; an accepted
 * transaction id claimed once (a partial unique index), its answer kept for the same callback again.
 */
import { sql } from 'kysely';
import type { TAcceptedCallbackRow, TCaseEventsRow } from '../../domain/payment-reconciliation.js';
import type { Db } from '../database.js';
import type { TCallbackVerdict } from '../tables/payment.table.js';

/** A callback's row as written. */
export interface TCallbackRecord {
  verdict: TCallbackVerdict;
  keyId?: string | undefined;
  transactionId?: string | undefined;
  caseId?: string | undefined;
  amount?: number | undefined;
  paidAt?: string | undefined;
  channel?: string | undefined;
  bodySha256: string;
  body: string;
  clientAddress?: string | undefined;
}

/** An accepted callback: its row id, the body it came with, and its answer once given. */
export interface TAcceptedCallback {
  id: string;
  body: string;
  response: unknown;
}

const row = (r: TCallbackRecord) => ({
  verdict: r.verdict,
  key_id: r.keyId ?? null,
  transaction_id: r.transactionId ?? null,
  case_id: r.caseId ?? null,
  amount: r.amount ?? null,
  paid_at: r.paidAt ?? null,
  channel: r.channel ?? null,
  body_sha256: r.bodySha256,
  body: r.body,
  client_address: r.clientAddress ?? null,
});

/** Records a callback that was refused or absorbed. */
export async function recordCallback(db: Db, r: TCallbackRecord): Promise<void> {
  await db.insertInto('payment_callback').values(row(r)).execute();
}

/** Claims a transaction id for an accepted callback; undefined when another callback holds it already. */
export async function claimTransaction(db: Db, r: TCallbackRecord & { verdict: 'ACCEPTED' }): Promise<string | undefined> {
  const inserted = await db
    .insertInto('payment_callback')
    .values(row(r))
    .onConflict((oc) => oc.column('transaction_id').where('verdict', '=', 'ACCEPTED').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** The accepted callback of a transaction id, if any. */
export async function acceptedCallback(db: Db, transactionId: string): Promise<TAcceptedCallback | undefined> {
  return db.selectFrom('payment_callback').select(['id', 'body', 'response']).where('transaction_id', '=', transactionId).where('verdict', '=', 'ACCEPTED').executeTakeFirst();
}

/** Keeps the answer given to an accepted callback (the same callback again gets it). */
export async function keepAnswer(db: Db, id: string, receiptNo: string, response: unknown): Promise<void> {
  await db
    .updateTable('payment_callback')
    .set({ receipt_no: receiptNo, response: JSON.stringify(response) })
    .where('id', '=', id)
    .execute();
}

/** Whether the read model knows the case. */
export async function caseKnown(db: Db, caseId: string): Promise<boolean> {
  return (await db.selectFrom('case_file').select('case_id').where('case_id', '=', caseId).executeTakeFirst()) !== undefined;
}

/**
 * Both sides of the reconciliation for a unit: the cases of the unit with an accepted callback
 * received since `since`, or with a payment event and touched since then; and every accepted
 * callback of those cases.
 */
export async function reconciliationInput(db: Db, unitId: string, since: Date): Promise<{ callbacks: TAcceptedCallbackRow[]; cases: TCaseEventsRow[] }> {
  const cases = await db
    .selectFrom('case_file')
    .select(['case_id', 'snapshot'])
    .where('unit_id', '=', unitId)
    .where((eb) =>
      eb.or([
        eb(
          'case_id',
          'in',
          eb.selectFrom('payment_callback').select('case_id').where('verdict', '=', 'ACCEPTED').where('received_at', '>=', since).where('case_id', 'is not', null).$narrowType<{ case_id: string }>(),
        ),
        eb.and([eb('updated_at', '>=', since), sql<boolean>`snapshot -> 'events' @> '[{"id":"PAYMENT_RECEIVED"}]'::jsonb`]),
      ]),
    )
    .execute();
  if (cases.length === 0) return { callbacks: [], cases: [] };
  const rows = await db
    .selectFrom('payment_callback')
    .select(['transaction_id', 'case_id', 'amount', 'received_at'])
    .where('verdict', '=', 'ACCEPTED')
    .where(
      'case_id',
      'in',
      cases.map((c) => c.case_id),
    )
    .orderBy('id')
    .execute();
  return {
    callbacks: rows.map((r) => ({ transactionId: r.transaction_id!, caseId: r.case_id!, amount: Number(r.amount), receivedAt: r.received_at.toISOString() })),
    cases: cases.map((c) => ({ caseId: c.case_id, events: c.snapshot.events })),
  };
}

/** The accepted callbacks of a case, oldest first: the payments its receipts are for. */
export async function acceptedPaymentsOfCase(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('payment_callback')
    .select(['transaction_id', 'amount', 'paid_at', 'channel', 'receipt_no'])
    .where('case_id', '=', caseId)
    .where('verdict', '=', 'ACCEPTED')
    .orderBy('paid_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ transactionId: r.transaction_id!, amount: Number(r.amount), paidAt: r.paid_at!.toISOString(), channel: r.channel ?? '', receiptNo: r.receipt_no ?? undefined }));
}
