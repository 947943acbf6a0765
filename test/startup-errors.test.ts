/**
 * Bad configuration stops start-up with one clear sentence naming the problem and the fix,
 * never a stack trace.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../lib/dev-server.js';
import { cleanEnv, runToEnd } from './run-process.js';
import { createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
let emptyCache: string;

beforeAll(async () => {
  database = await createTestDatabase();
  emptyCache = await mkdtemp(path.join(os.tmpdir(), 'ins-empty-cache-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(emptyCache, { recursive: true, force: true });
});

function expectOneClearSentence(output: string, pattern: RegExp): void {
  const lines = output.split('\n').filter((l) => l.startsWith('INS cannot start:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
}

describe('npm start with bad configuration', () => {
  it('names an unreachable DATABASE_URL and how to fix it', async () => {
    const port = await freePort();
    const r = await runToEnd('scripts/start.ts', cleanEnv({ DATABASE_URL: `postgres://ins:secret@127.0.0.1:${port}/ins`, TEMPORAL_ADDRESS: inject('temporalAddress') }));
    expect(r.code).toBe(1);
    expectOneClearSentence(r.output, new RegExp(`Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/ins \\(DATABASE_URL\\).*fix DATABASE_URL`));
    expect(r.output).not.toContain('secret');
  });

  it('names a wrong TEMPORAL_ADDRESS and how to fix it', async () => {
    const port = await freePort();
    const r = await runToEnd('scripts/start.ts', cleanEnv({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: `127.0.0.1:${port}` }));
    expect(r.code).toBe(1);
    expectOneClearSentence(r.output, new RegExp(`Cannot reach Temporal at TEMPORAL_ADDRESS=127\\.0\\.0\\.1:${port}.*fix TEMPORAL_ADDRESS`));
  });

  it('says so when there is no Temporal CLI and no Go toolchain to build one', async () => {
    const r = await runToEnd(
      'scripts/start.ts',
      // PATH without Go or temporal; an empty cache; no internet for the SDK download here.
      cleanEnv({ PATH: path.dirname(process.execPath) + ':/usr/bin:/bin', INS_CACHE_DIR: emptyCache, DATABASE_URL: database.url }),
    );
    expect(r.code).toBe(1);
    expectOneClearSentence(r.output, /No Temporal CLI found .* no Go toolchain to build it.*install Go 1\.25 or later, or set TEMPORAL_CLI_PATH/);
  });

  it('rejects a TEMPORAL_CLI_PATH that is not an executable', async () => {
    const r = await runToEnd('scripts/start.ts', cleanEnv({ TEMPORAL_CLI_PATH: '/nonexistent/temporal', DATABASE_URL: database.url }));
    expect(r.code).toBe(1);
    expectOneClearSentence(r.output, /TEMPORAL_CLI_PATH=\/nonexistent\/temporal is not an executable file/);
  });

  it('names an invalid variable such as PORT', async () => {
    const r = await runToEnd('scripts/start.ts', cleanEnv({ PORT: 'eighty' }));
    expect(r.code).toBe(1);
    expectOneClearSentence(r.output, /Bad configuration: PORT="eighty" is invalid/);
  });

  it('stops the API process with one sentence when its database is unreachable', async () => {
    const port = await freePort();
    const r = await runToEnd('api/main.ts', cleanEnv({ DATABASE_URL: `postgres://ins:x@127.0.0.1:${port}/ins`, TEMPORAL_ADDRESS: inject('temporalAddress') }));
    expect(r.code).toBe(1);
    expectOneClearSentence(r.output, /Cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/ins \(DATABASE_URL\)/);
  });
});
