/**
 * How messages reach parties (docs/adr/0145-messages-to-parties.md): one sender per channel behind
 * one interface. E-mail goes through the SMTP mailer of the notifications; SMS and Zalo go to an
 * HTTP gateway (the operator's SMS gateway, a Zalo ZNS relay) that takes one JSON message per POST
 * with a bearer token. No provider's SDK is called from here, and tests and demos point the gateway
 * URL at the simulator (scripts/message-gateway.ts), which speaks the same protocol.
 */
import type { TPartyChannel } from '../domain/party-messages.js';
import type { TMailer } from './mailer.js';

/** One message as the channel carries it. */
interface TPartyOutgoing {
  to: string;
  subject: string;
  text: string;
  /** The outbox row's id: the gateway's idempotency key (a retried send is not sent twice by a gateway that honours it). */
  messageId: string;
}

export interface TPartySender {
  /** Sends one message; throws when the channel does not take it. */
  send(m: TPartyOutgoing): Promise<{ providerId?: string | undefined }>;
}

export type TPartySenders = Partial<Record<TPartyChannel, TPartySender>>;

/** E-mail through the SMTP mailer (plain text; the HTML part is the same text, escaped). */
export function emailPartySender(mailer: TMailer): TPartySender {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    async send(m) {
      await mailer.send({ to: m.to, subject: m.subject, text: m.text, html: `<p>${escape(m.text)}</p>` });
      return {};
    },
  };
}

/**
 * An HTTP gateway: `POST <url>` with `Authorization: Bearer <token>`, `Idempotency-Key: <messageId>`
 * and `{ channel, to, text }`; a 2xx answer with `{ id }` is the provider's message id. Anything
 * else (a 4xx, a 5xx, no answer within `timeoutMs`) is a failure the outbox retries.
 */
export function httpGatewaySender(channel: 'SMS' | 'ZALO', url: string, token: string, timeoutMs = 10_000): TPartySender {
  return {
    async send(m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': m.messageId },
        body: JSON.stringify({ channel, to: m.to, text: m.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json().catch(() => undefined)) as { id?: unknown } | undefined;
      if (!res.ok) throw new Error(`${channel} gateway answered ${res.status}`);
      return { providerId: typeof body?.id === 'string' ? body.id : undefined };
    },
  };
}
