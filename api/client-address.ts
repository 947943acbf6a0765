/**
 * The client's address, as throttling and rate limits count it. Behind a reverse proxy every
 * request comes from the proxy, so the client is in `X-Forwarded-For` — but anyone can send that
 * header, so it is believed only from the proxies listed in `TRUSTED_PROXIES` (addresses and CIDR
 * ranges). The walk is proxy-addr's (Express's): from the peer leftwards through the
 * `X-Forwarded-For` entries, the first address that is not a trusted proxy is the client.
 */
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';

type TTrust = (addr: string, i: number) => boolean;

const CIDR = /^([^/]+?)(?:\/(\d{1,3}))?$/;

/** One entry of TRUSTED_PROXIES: an IPv4 or IPv6 address, optionally with a prefix length. */
function isAddressOrRange(entry: string): boolean {
  const m = CIDR.exec(entry);
  if (!m) return false;
  const family = isIP(m[1]!);
  if (family === 0) return false;
  return m[2] === undefined || Number(m[2]) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUSTED_PROXIES`: comma-separated addresses and CIDR ranges of the reverse proxies in front of
 * the API (e.g. the nginx network of docker-compose.yml). Empty or unset: no proxy is trusted, and
 * the client is the TCP peer.
 */
export const zTrustedProxies = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .superRefine((entries, ctx) => {
    for (const e of entries) {
      if (!isAddressOrRange(e)) ctx.addIssue({ code: 'custom', message: `${e} is not an IP address or CIDR range (e.g. 172.30.80.0/24)` });
    }
  });

type TVars = { Variables: { trustProxy: TTrust } };

/** Makes `clientAddress` trust `X-Forwarded-For` from these proxies, for every request after it. */
export function clientAddressMiddleware(trustedProxies: readonly string[]): MiddlewareHandler<TVars> {
  const trust: TTrust = trustedProxies.length ? proxyAddr.compile([...trustedProxies]) : () => false;
  return async (c, next) => {
    c.set('trustProxy', trust);
    await next();
  };
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address ?? undefined;
  } catch {
    // No socket: app.request() in tests.
    return undefined;
  }
}

function trustOf(c: Context): TTrust {
  return (c.get('trustProxy' as never) as TTrust | undefined) ?? (() => false);
}

/** Whether the request came through one of the trusted proxies (so its X-Forwarded-* headers are theirs). */
export function isFromTrustedProxy(c: Context): boolean {
  const peer = peerAddress(c);
  return peer !== undefined && trustOf(c)(peer, 0);
}

/** The client's address: the forwarded one when the peer is a trusted proxy, else the peer; 'unknown' without a socket. */
export function clientAddress(c: Context): string {
  const peer = peerAddress(c);
  if (peer === undefined) return 'unknown';
  const forwardedFor = c.req.header('x-forwarded-for');
  const trust = trustOf(c);
  if (!forwardedFor || !trust(peer, 0)) return peer;
  // proxy-addr reads the peer and the header from a Node request; only these two fields are used.
  const address = proxyAddr({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: { 'x-forwarded-for': forwardedFor } } as never, trust);
  // A trusted proxy that forwards something other than an address: count the proxy, not the text.
  return isIP(address) ? address : peer;
}
