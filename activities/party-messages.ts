/**
 * Messages to parties (docs/adr/0145), sent by the worker: the outbox drained in batches through
 * the sender of each message's channel. A channel this worker has no sender for is a failure the
 * outbox retries (and gives up after its attempts): configuration, not data, is what is missing.
 */
import type { Db } from '../db/database.js';
import { drainPartyOutbox } from '../db/repositories/party-messages.js';
import { partyMessageText } from '../domain/party-messages.js';
import type { TPartySenders } from '../lib/party-senders.js';

export interface TPartyMessageDeps {
  senders: TPartySenders;
  /** Where the public pages are reached from outside (`PUBLIC_BASE_URL`): the lookup link in the messages. */
  publicBaseUrl: string;
}

const BATCH = 50;

/** The public lookup page, absolute. */
function lookupUrl(publicBaseUrl: string): string {
  return new URL('/public/tra-cuu', publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`).toString();
}

/** Sends the due messages, batch after batch, until none is left (or `maxBatches`). */
export async function sendPartyMessages(db: Db, deps: TPartyMessageDeps, opts: { maxBatches?: number; heartbeat?: () => void } = {}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const url = lookupUrl(deps.publicBaseUrl);
  for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
    const r = await drainPartyOutbox(
      db,
      async (item) => {
        const sender = deps.senders[item.channel];
        if (!sender) throw new Error(`this worker has no ${item.channel} sender configured`);
        const m = partyMessageText(item.kind, item.params, item.lang, url);
        return sender.send({ to: item.address, subject: m.subject, text: m.text, messageId: `ins-party-${item.id}` });
      },
      { limit: BATCH },
    );
    sent += r.sent;
    failed += r.failed;
    opts.heartbeat?.();
    if (r.sent + r.failed < BATCH) break;
  }
  return { sent, failed };
}
