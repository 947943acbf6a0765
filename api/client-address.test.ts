import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientAddressMiddleware, isFromTrustedProxy, zTrustedProxies } from './client-address.js';
import { loadApiConfig } from './config.js';

const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40_000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });

function appTrusting(list: string[]) {
  const app = new Hono();
  app.use('*', clientAddressMiddleware(list));
  app.get('/', (c) => c.json({ address: clientAddress(c), viaProxy: isFromTrustedProxy(c) }));
  return async (from: string | undefined, forwardedFor?: string) => {
    const res = await app.request('/', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }, from === undefined ? {} : peer(from));
    return (await res.json()) as { address: string; viaProxy: boolean };
  };
}

describe('clientAddress', () => {
  it('is the peer’s address, and X-Forwarded-For is ignored when no proxy is trusted', async () => {
    const ask = appTrusting([]);
    expect(await ask('198.51.100.7', '203.0.113.1')).toEqual({ address: '198.51.100.7', viaProxy: false });
  });

  it('is the forwarded address when the peer is a trusted proxy', async () => {
    const ask = appTrusting(['10.89.0.0/24']);
    expect(await ask('10.89.0.2', '203.0.113.1')).toEqual({ address: '203.0.113.1', viaProxy: true });
    // A client's own X-Forwarded-For is kept by nginx on the left; the address nginx added counts.
    expect((await ask('10.89.0.2', '1.2.3.4, 203.0.113.1')).address).toBe('203.0.113.1');
    // Through two trusted proxies, the first address neither of them holds.
    expect((await ask('10.89.0.2', '203.0.113.1, 10.89.0.9')).address).toBe('203.0.113.1');
    // Without the header, the proxy itself.
    expect((await ask('10.89.0.2')).address).toBe('10.89.0.2');
  });

  it('never takes the forwarded address from a peer outside the list', async () => {
    const ask = appTrusting(['10.89.0.0/24']);
    expect(await ask('10.89.1.2', '203.0.113.1')).toEqual({ address: '10.89.1.2', viaProxy: false });
  });

  it('trusts an IPv4 proxy seen as an IPv4-mapped IPv6 peer, and IPv6 ranges', async () => {
    expect((await appTrusting(['10.89.0.0/24'])('::ffff:10.89.0.2', '203.0.113.1')).address).toBe('203.0.113.1');
    expect((await appTrusting(['fd00:1::/64'])('fd00:1::5', '2001:db8::1')).address).toBe('2001:db8::1');
  });

  it('falls back to the peer when a trusted proxy forwards something that is not an address', async () => {
    expect((await appTrusting(['10.89.0.0/24'])('10.89.0.2', 'unknown')).address).toBe('10.89.0.2');
  });

  it('is "unknown" without a socket (app.request in tests)', async () => {
    expect((await appTrusting([])(undefined)).address).toBe('unknown');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('is a comma-separated list of addresses and CIDR ranges, empty by default', () => {
    expect(zTrustedProxies.parse(undefined)).toEqual([]);
    expect(zTrustedProxies.parse('')).toEqual([]);
    expect(zTrustedProxies.parse(' 10.89.0.0/24 , 127.0.0.1,::1/128 ')).toEqual(['10.89.0.0/24', '127.0.0.1', '::1/128']);
  });

  it('refuses anything else when the API starts, naming the variable and the entry', () => {
    const base = { DATABASE_URL: 'postgres://x@y/z', TEMPORAL_ADDRESS: '127.0.0.1:7233' };
    for (const bad of ['10.0.0.0/33', 'nginx', '10.0.0.0/8;', '300.1.1.1']) {
      expect(() => loadApiConfig({ ...base, TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES="[^"]*" is invalid \(.*not an IP address or CIDR range/);
    }
    expect(loadApiConfig({ ...base, TRUSTED_PROXIES: '172.30.80.0/24' }).TRUSTED_PROXIES).toEqual(['172.30.80.0/24']);
  });
});
