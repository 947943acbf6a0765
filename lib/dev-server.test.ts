/**
 * The Temporal dev server started again when it exits during start-up (once in 20 starts of
 * test/start-supervisor.e2e.test.ts, the CLI panicked; the same command works next time), and the
 * reason it gives: the panic's own line, not the last frames of its goroutine dump. With a stand-in
 * for the CLI that panics (with the frames the real one's dump ended with), then runs the real one.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitReason, startDevServer } from './dev-server.js';
import { resolveTemporalCli } from './temporal-cli.js';

/** A panic of the CLI: its reason at the top, goroutine frames after it (the last three as in CI's failure). */
const PANIC = [
  'panic: failed assigning ephemeral port: listen tcp 127.0.0.1:0: bind: address already in use',
  '',
  'goroutine 1 [running]:',
  'github.com/temporalio/cli/temporalcli/devserver.MustGetFreePort(...)',
  '\t/root/go/pkg/mod/github.com/temporalio/cli@v1.5.1/temporalcli/devserver/freeport.go:89',
  'github.com/temporalio/cli/temporalcli.Execute({0x3d4b2e8, 0xc0000c8000}, {{0x0, 0x0}, {0x0, 0x0, 0x0}, {0x3d2a0e0, 0xc000096020}, {0x3d2a0e0, 0xc000096028}, ...})',
  '\t/root/go/pkg/mod/github.com/temporalio/cli@v1.5.1/temporalcli/commands.go:350 +0x170',
  'main.main()',
  '\t/root/go/pkg/mod/github.com/temporalio/cli@v1.5.1/cmd/temporal/main.go:18 +0x96',
].join('\n');

describe('exitReason', () => {
  it("gives a panic's own line, though its dump ends with goroutine frames", () => {
    expect(exitReason(PANIC, PANIC, 2)).toBe('panic: failed assigning ephemeral port: listen tcp 127.0.0.1:0: bind: address already in use');
  });

  it('gives the last error logged as JSON, with its error', () => {
    const out = ['{"level":"info","msg":"starting"}', '{"level":"fatal","msg":"Unable to start server","error":"sqlite: database disk image is malformed"}'].join('\n');
    expect(exitReason(out, out, 1)).toBe('Unable to start server: sqlite: database disk image is malformed');
  });

  it('gives the last lines, or the exit code, when nothing says more', () => {
    expect(exitReason('a\nb\nc\nd', 'a\nb\nc\nd', 1)).toBe('b | c | d');
    expect(exitReason('', '', 3)).toBe('exit code 3');
  });
});

describe('startDevServer when the server exits during start-up', () => {
  let tmp: string;
  let real: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ins-dev-server-'));
    real = (await resolveTemporalCli({ log: () => undefined })).path;
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** A stand-in CLI that panics its first `failures` times, then runs the real one. */
  async function flakyCli(name: string, failures: number): Promise<string> {
    const file = path.join(tmp, name);
    const count = path.join(tmp, `${name}.count`);
    await writeFile(
      file,
      `#!/bin/sh\nn=$(cat '${count}' 2>/dev/null || echo 0)\nif [ "$n" -lt ${failures} ]; then echo $((n + 1)) > '${count}'; cat >&2 <<'DUMP'\n${PANIC}\nDUMP\nexit 2\nfi\nexec '${real}' "$@"\n`,
    );
    await chmod(file, 0o755);
    return file;
  }

  it('starts it again, says why, and the server that comes up works', { timeout: 120_000 }, async () => {
    const retries: string[] = [];
    const server = await startDevServer({ cliPath: await flakyCli('once', 1), port: 0, onRetry: (m) => retries.push(m) });
    try {
      expect(retries).toEqual([
        'The Temporal dev server exited during start-up (panic: failed assigning ephemeral port: listen tcp 127.0.0.1:0: bind: address already in use); starting it again (attempt 2 of 3)',
      ]);
      expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    } finally {
      await server.stop();
    }
  });

  it('gives up after three attempts, with the reason of the last', { timeout: 60_000 }, async () => {
    const retries: string[] = [];
    await expect(startDevServer({ cliPath: await flakyCli('always', 99), port: 0, onRetry: (m) => retries.push(m) })).rejects.toThrow(
      'The Temporal dev server exited during start-up, 3 times (the last: panic: failed assigning ephemeral port: listen tcp 127.0.0.1:0: bind: address already in use)',
    );
    expect(retries).toHaveLength(2);
  });
});
