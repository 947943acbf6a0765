/**
 * Subscriptions of parties to their case's news and the outbox of messages to them
 * (docs/adr/0145-messages-to-parties.md). Messages are written by the projection in its transaction
 * (once per event and subscription, by `dedupe_key`) and sent by the worker, each row claimed
 * `FOR UPDATE SKIP LOCKED`: two workers never send one twice.
 */
import type { Kysely, Transaction } from 'kysely';
import { normaliseContact, type TPartyChannel, type TPartyLang, type TPartyMessageKind, type TPartyNotice } from '../../domain/party-messages.js';
import type { Database } from '../schema.js';
import type { TPartyMessageStatus } from '../tables/party-message.table.js';

type Q = Kysely<Database> | Transaction<Database>;

/** After this many failed tries a message is given up (FAILED). */
const MAX_ATTEMPTS = 5;

/**
 * Subscribes an address to a case (or, when it is subscribed already, sets its language), and puts
 * the confirmation in the outbox once per subscription. One transaction.
 */
export async function subscribeParty(
  db: Kysely<Database>,
  s: { caseId: string; unitId: string; channel: TPartyChannel; address: string; lang: TPartyLang },
): Promise<{ id: string; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('party_subscription')
      .select('id')
      .where('case_id', '=', s.caseId)
      .where('channel', '=', s.channel)
      .where('address', '=', s.address)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      await trx.updateTable('party_subscription').set({ lang: s.lang }).where('id', '=', existing.id).execute();
      return { id: existing.id, created: false };
    }
    const row = await trx
      .insertInto('party_subscription')
      .values({ case_id: s.caseId, unit_id: s.unitId, channel: s.channel, address: s.address, lang: s.lang })
      // Two subscribing at once: the partial unique index keeps one; the other reads it.
      .onConflict((oc) => oc.columns(['case_id', 'channel', 'address']).where('withdrawn_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      return {
        id: (
          await trx
            .selectFrom('party_subscription')
            .select('id')
            .where('case_id', '=', s.caseId)
            .where('channel', '=', s.channel)
            .where('address', '=', s.address)
            .where('withdrawn_at', 'is', null)
            .executeTakeFirstOrThrow()
        ).id,
        created: false,
      };
    await trx
      .insertInto('party_message')
      .values({ subscription_id: row.id, case_id: s.caseId, unit_id: s.unitId, kind: 'SUBSCRIBED', params: '{}', dedupe_key: `subscribed:${row.id}` })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
    return { id: row.id, created: true };
  });
}

/** Ends a subscription: nothing more is sent to it, what waits is not sent. Whether one was live. */
export async function withdrawSubscription(db: Kysely<Database>, s: { caseId: string; channel: TPartyChannel; address: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('party_subscription')
      .set({ withdrawn_at: new Date() })
      .where('case_id', '=', s.caseId)
      .where('channel', '=', s.channel)
      .where('address', '=', s.address)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await trx.updateTable('party_message').set({ status: 'WITHDRAWN' }).where('subscription_id', '=', row.id).where('status', '=', 'PENDING').execute();
    return true;
  });
}

/** The live subscriptions of a case (for its party's page: channel and address, shown masked). */
export async function subscriptionsOf(db: Q, caseId: string): Promise<{ channel: TPartyChannel; address: string; lang: TPartyLang }[]> {
  return db.selectFrom('party_subscription').select(['channel', 'address', 'lang']).where('case_id', '=', caseId).where('withdrawn_at', 'is', null).orderBy('id').execute();
}

/** In the projection's transaction: each notice to each live subscriber of the case, once. */
export async function insertPartyMessages(trx: Q, c: { caseId: string; unitId: string }, notices: readonly TPartyNotice[]): Promise<number> {
  if (!notices.length) return 0;
  const subs = await trx.selectFrom('party_subscription').select('id').where('case_id', '=', c.caseId).where('withdrawn_at', 'is', null).execute();
  if (!subs.length) return 0;
  const rows = notices.flatMap((n) =>
    subs.map((s) => ({ subscription_id: s.id, case_id: c.caseId, unit_id: c.unitId, kind: n.kind, params: JSON.stringify(n.params), dedupe_key: `${n.key}:${s.id}` })),
  );
  const inserted = await trx
    .insertInto('party_message')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** One message to send, as the drain hands it over. */
export interface TPartyOutboxItem {
  id: string;
  caseId: string;
  channel: TPartyChannel;
  address: string;
  lang: TPartyLang;
  kind: TPartyMessageKind;
  params: Record<string, string | number>;
  attempts: number;
}

/**
 * Sends up to `limit` due messages in one transaction: each claimed `FOR UPDATE SKIP LOCKED`, sent,
 * and marked SENT with the provider's id; a failure is tried again after 1, 2, 4, 8 minutes and
 * given up after five tries. A message whose subscription was withdrawn meanwhile is not sent.
 */
export async function drainPartyOutbox(
  db: Kysely<Database>,
  send: (item: TPartyOutboxItem) => Promise<{ providerId?: string | undefined }>,
  opts: { limit: number; now?: Date },
): Promise<{ sent: number; failed: number }> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('party_message')
      .innerJoin('party_subscription', 'party_subscription.id', 'party_message.subscription_id')
      .select([
        'party_message.id',
        'party_message.case_id',
        'party_message.kind',
        'party_message.params',
        'party_message.attempts',
        'party_subscription.channel',
        'party_subscription.address',
        'party_subscription.lang',
        'party_subscription.withdrawn_at',
      ])
      .where('party_message.status', '=', 'PENDING')
      .where((eb) => eb.or([eb('party_message.next_at', 'is', null), eb('party_message.next_at', '<=', now)]))
      .orderBy('party_message.id')
      .limit(opts.limit)
      .forUpdate('party_message')
      .skipLocked()
      .execute();
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      if (r.withdrawn_at) {
        await trx.updateTable('party_message').set({ status: 'WITHDRAWN' }).where('id', '=', r.id).execute();
        continue;
      }
      try {
        const { providerId } = await send({ id: r.id, caseId: r.case_id, channel: r.channel, address: r.address, lang: r.lang, kind: r.kind, params: r.params, attempts: r.attempts });
        await trx
          .updateTable('party_message')
          .set({ status: 'SENT', sent_at: new Date(), attempts: r.attempts + 1, error: null, provider_id: providerId ?? null })
          .where('id', '=', r.id)
          .execute();
        sent++;
      } catch (err) {
        const attempts = r.attempts + 1;
        const status: TPartyMessageStatus = attempts >= MAX_ATTEMPTS ? 'FAILED' : 'PENDING';
        await trx
          .updateTable('party_message')
          .set({ status, attempts, next_at: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)), error: (err as Error).message.slice(0, 500) })
          .where('id', '=', r.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  });
}

/**
 * A tip's reporter who asked to be told the outcome, as subscribers of its case (docs/adr/0145): by
 * SMS to the phone and by e-mail to the address given, in Vietnamese. Called in the projection's
 * transaction when the tip's case closes (its row exists by then); idempotent.
 */
export async function subscribeTipReporter(trx: Q, c: { caseId: string; unitId: string }): Promise<void> {
  const reporter = await trx
    .selectFrom('public_tip')
    .innerJoin('public_tip_reporter', 'public_tip_reporter.tip_id', 'public_tip.id')
    .select(['public_tip_reporter.phone', 'public_tip_reporter.email'])
    .where('public_tip.case_id', '=', c.caseId)
    .where('public_tip.wants_reply', '=', true)
    .executeTakeFirst();
  if (!reporter) return;
  const wanted: { channel: TPartyChannel; address: string | undefined }[] = [
    { channel: 'SMS', address: reporter.phone ? normaliseContact('SMS', reporter.phone) : undefined },
    { channel: 'EMAIL', address: reporter.email ? normaliseContact('EMAIL', reporter.email) : undefined },
  ];
  for (const w of wanted) {
    if (!w.address) continue;
    await trx
      .insertInto('party_subscription')
      .values({ case_id: c.caseId, unit_id: c.unitId, channel: w.channel, address: w.address, lang: 'vi' })
      .onConflict((oc) => oc.columns(['case_id', 'channel', 'address']).where('withdrawn_at', 'is', null).doNothing())
      .execute();
  }
}
