import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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
    const server = await startEmbeddedPostgres({ dataDir: path.join(privateDir, 'pg'), port: await freePort(), database: 'probe', ephemeral: true, log: (l) => lines.push(l) });
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
