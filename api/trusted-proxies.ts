/**
 * The reverse proxies whose forwarded headers (`X-Forwarded-Proto`, `X-Forwarded-For`) are
 * believed: a list of CIDR blocks (TRUSTED_PROXIES), matched against the address of the peer that
 * opened the connection. A forwarded header from anyone else is the client's own claim and is
 * ignored. Matching is Node's `net.BlockList`; an IPv4 peer seen through an IPv6 socket
 * (`::ffff:10.0.0.5`) is matched as the IPv4 address it is.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';

/** One CIDR block (`10.0.0.0/8`, `fd00::/8`) or address (a /32 or /128), checked; undefined if it is not one. */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (!version || rest.length) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const block = parseCidr(cidr);
      if (!block) throw new Error(`not a CIDR block: ${cidr}`);
      this.list.addSubnet(block.address, block.prefix, block.family);
    }
    this.size = cidrs.length;
  }

  /** Whether the peer at `address` is one of the trusted proxies. */
  has(address: string | undefined): boolean {
    if (!address || this.size === 0) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return this.list.check(mapped, 'ipv4');
    const version = isIP(address);
    return version !== 0 && this.list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }
}

/** The address of the peer that opened the connection (undefined when there is none, as in `app.request()`). */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * Whether the request reached us over TLS: on a TLS socket of our own (the request URL is https),
 * or through a trusted proxy whose `X-Forwarded-Proto` says https. The proxy's own value is the
 * last one of the header (a proxy that appends puts it there; nginx, as shipped, sets it alone).
 */
export function cameOverTls(c: Context, proxies: TrustedProxies): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!proxies.has(peerAddress(c))) return false;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase();
  return forwarded === 'https';
}
