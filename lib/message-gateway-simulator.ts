/**
 * A stand-in for an SMS or Zalo gateway, for demos and tests (docs/adr/0145): it speaks the protocol
 * of `httpGatewaySender` (lib/party-senders.ts) — `POST /messages` with a bearer token, an
 * `Idempotency-Key` and `{ channel, to, text }`, answering `{ id }` — and keeps what it received in
 * memory, readable at `GET /messages` (same token). A key it has seen gets the first answer again
 * and is not stored twice, as a real gateway honouring the header would behave. It calls no one.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TGatewayMessage {
  id: string;
  channel: string;
  to: string;
  text: string;
  receivedAt: string;
}

export interface TMessageGateway {
  /** `http://127.0.0.1:<port>/messages`: the URL to give the sender. */
  url: string;
  received(): TGatewayMessage[];
  /** The next `n` sends are answered 503 (to see the outbox retry). */
  failNext(n: number): void;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage, max: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMessageGateway(opts: { token: string; port?: number; host?: string; log?: (m: TGatewayMessage) => void }): Promise<TMessageGateway> {
  const messages: TGatewayMessage[] = [];
  const byKey = new Map<string, string>();
  let failing = 0;
  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${opts.token}`) return answer(401, { error: 'bad token' });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/messages') return answer(404, { error: 'no such path' });
    if (req.method === 'GET') return answer(200, { messages });
    if (req.method !== 'POST') return answer(405, { error: 'GET or POST' });
    bodyOf(req, 16_384)
      .then((raw) => {
        if (failing > 0) {
          failing--;
          return answer(503, { error: 'simulated outage' });
        }
        const b = JSON.parse(raw) as { channel?: unknown; to?: unknown; text?: unknown };
        if (typeof b.channel !== 'string' || typeof b.to !== 'string' || typeof b.text !== 'string' || !b.text) return answer(400, { error: 'channel, to and text are required' });
        const key = req.headers['idempotency-key'];
        const seen = typeof key === 'string' ? byKey.get(key) : undefined;
        if (seen) return answer(200, { id: seen, replayed: true });
        const m: TGatewayMessage = { id: randomUUID(), channel: b.channel, to: b.to, text: b.text, receivedAt: new Date().toISOString() };
        messages.push(m);
        if (typeof key === 'string') byKey.set(key, m.id);
        opts.log?.(m);
        answer(200, { id: m.id });
      })
      .catch(() => answer(400, { error: 'not JSON, or larger than 16 kB' }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/messages`,
    received: () => [...messages],
    failNext(n) {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
