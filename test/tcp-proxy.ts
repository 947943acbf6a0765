/**
 * A TCP proxy in front of a server (Temporal), for tests that need the network to fail at a chosen
 * moment: `cut()` drops every open connection, as a restarted server or a broken link does, and
 * `refuse(ms)` turns new connections away for a while (each is closed as soon as it opens), and
 * `mute()` stops passing the server's bytes on (what the server answers meanwhile never arrives) until
 * the next `cut()`.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  address: string;
  /** Drops every connection open now. */
  cut(): void;
  /** Stops passing the server's bytes to the clients, until the next `cut()`. */
  mute(): void;
  /** Closes every new connection at once for `ms` (Infinity: until `accept()`). */
  refuse(ms: number): void;
  accept(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const open = new Set<net.Socket>();
  let refuseUntil = 0;
  let muted = false;
  const server = net.createServer((client) => {
    if (Date.now() < refuseUntil) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host, port });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (!muted) client.write(chunk);
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const listening = (server.address() as net.AddressInfo).port;
  return {
    port: listening,
    address: `127.0.0.1:${listening}`,
    cut() {
      for (const s of open) s.destroy();
      open.clear();
      muted = false;
    },
    mute() {
      muted = true;
    },
    refuse(ms) {
      refuseUntil = Date.now() + ms;
    },
    accept() {
      refuseUntil = 0;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
