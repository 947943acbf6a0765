import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './dev-server.js';
import { startEmbeddedPostgres } from './embedded-pg.js';

describe('the embedded PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('is a real PostgreSQL 17 with isolated concurrent sessions, even when its data dir sits in a private folder', async () => {
    // mkdtemp makes a 0700 folder: as root, the postgres user cannot enter it.
    const privateDir = await mkdtemp(path.join(os.tmpdir(), 'ins-private-'));
    dirs.push(privateDir);
    const lines: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir: path.join(privateDir, 'pg'), port: 0, database: 'probe', ephemeral: true, log: (l) => lines.push(l) });
    try {
      if (process.getuid?.() === 0) {
        expect(server.clusterDir).toMatch(/ins-embedded-pg\/data-[0-9a-f]{12}$/);
        expect(lines.join('\n')).toContain('cannot reach');
      }
      const a = new pg.Client({ connectionString: server.url });
      const b = new pg.Client({ connectionString: server.url });
      await a.connect();
      await b.connect();
      try {
        expect((await a.query('show server_version')).rows[0].server_version).toMatch(/^17\./);
        await a.query('create table t (v int)');
        await a.query('begin');
        await a.query('insert into t values (1)');
        // The second session does not see the first one's uncommitted row, and is not blocked.
        expect((await b.query('select count(*)::int as n from t')).rows[0].n).toBe(0);
        await a.query('commit');
        expect((await b.query('select count(*)::int as n from t')).rows[0].n).toBe(1);
      } finally {
        await a.end();
        await b.end();
      }
    } finally {
      await server.stop();
    }
    expect(existsSync(server.clusterDir)).toBe(false);
  });
});

describe('the embedded PostgreSQL on port 0', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  /** A picker that hands out `taken` first (as if another process bound it after the pick), then free ports. */
  function pickingFirst(taken: number): { pick: () => Promise<number>; picked: number[] } {
    const picked: number[] = [];
    return {
      picked,
      pick: async () => {
        const port = picked.length === 0 ? taken : await freePort();
        picked.push(port);
        return port;
      },
    };
  }

  /** The data directory of the server that answers at `url`. */
  async function dataDirectoryAt(url: string): Promise<string> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
    } finally {
      await client.end();
    }
  }

  async function tmpDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ins-pg-port-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('starts on another port when the one it picked is bound by something else before the server binds it', async () => {
    const holder = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const taken = (holder.address() as net.AddressInfo).port;
    const { pick, picked } = pickingFirst(taken);
    const lines: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir: path.join(await tmpDir(), 'pg'), port: 0, pickPort: pick, database: 'probe', ephemeral: true, log: (l) => lines.push(l) });
    cleanup.push(() => server.stop());
    expect(picked).toHaveLength(2);
    expect(server.port).toBe(picked[1]);
    expect(server.url).toContain(`127.0.0.1:${picked[1]}/probe`);
    expect(lines.join('\n')).toContain(`port ${taken} was taken`);
    expect(await dataDirectoryAt(server.url)).toBe(server.clusterDir);
  });

  it('does not take another embedded PostgreSQL (same user and password) on the picked port for its own', async () => {
    const first = await startEmbeddedPostgres({ dataDir: path.join(await tmpDir(), 'pg'), port: 0, database: 'probe', ephemeral: true });
    cleanup.push(() => first.stop());
    const { pick, picked } = pickingFirst(first.port);
    const second = await startEmbeddedPostgres({ dataDir: path.join(await tmpDir(), 'pg'), port: 0, pickPort: pick, database: 'probe', ephemeral: true });
    cleanup.push(() => second.stop());
    expect(picked[0]).toBe(first.port);
    expect(second.port).not.toBe(first.port);
    expect(second.clusterDir).not.toBe(first.clusterDir);
    expect(await dataDirectoryAt(second.url)).toBe(second.clusterDir);
  });

  it('keeps a port the user set, and says it is in use', async () => {
    const holder = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const port = (holder.address() as net.AddressInfo).port;
    await expect(startEmbeddedPostgres({ dataDir: path.join(await tmpDir(), 'pg'), port, database: 'probe', ephemeral: true })).rejects.toThrow(
      `Port ${port} for the embedded PostgreSQL is already in use`,
    );
  });
});
