/**
 * The Temporal dev server started again when it exits during start-up (once in 20 starts of
 * test/start-supervisor.e2e.test.ts, the CLI panicked; the same command works next time), and the
 * reason it gives: the panic's own line, not the last frames of its goroutine dump. With a stand-in
 * for the CLI that panics (with the frames the real one's dump ended with), then runs the real one.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitReason, freePort, servesPort, startDevServer } from './dev-server.js';
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

  it("gives the CLI's own error, logged in capitals", () => {
    const out = '{"time":"2026-12-05T16:18:21.113Z","level":"ERROR","msg":"can\'t set frontend port 44799: listen tcp 127.0.0.1:44799: bind: address already in use"}';
    expect(exitReason(out, out, 1)).toBe("can't set frontend port 44799: listen tcp 127.0.0.1:44799: bind: address already in use");
  });

  it('gives the last lines, or the exit code, when nothing says more', () => {
    expect(exitReason('a\nb\nc\nd', 'a\nb\nc\nd', 1)).toBe('b | c | d');
    expect(exitReason('', '', 3)).toBe('exit code 3');
  });
});

describe('servesPort', () => {
  it("reads the CLI's own line about the port it serves, and no other port's", () => {
    const banner = 'CLI 1.5.1 (Server 1.29.1, UI 2.42.1)\n\nServer:  localhost:17999\nMetrics: http://localhost:35187/metrics\n';
    expect(servesPort(banner, 17999)).toBe(true);
    expect(servesPort(banner, 1799)).toBe(false);
    expect(servesPort(banner, 179990)).toBe(false);
    expect(servesPort('CLI 1.5.1 (Server 1.29.1, UI 2.42.1)\n', 17999)).toBe(false);
    expect(servesPort('{"level":"error","msg":"can\'t set frontend port 17999: listen tcp 127.0.0.1:17999: bind: address already in use"}', 17999)).toBe(false);
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

  it('is not fooled by another server that took its port after it was found free', { timeout: 120_000 }, async () => {
    // The stand-in starts a real server on the port it is given (the other one, which took the port),
    // waits until that one answers, lets the launcher's probe reach it, then runs the real CLI on the
    // same port: it exits ("can't set frontend port … address already in use").
    const port = await freePort();
    const other = path.join(tmp, 'other.pid');
    const file = path.join(tmp, 'raced');
    await writeFile(
      file,
      `#!/bin/bash\n'${real}' server start-dev --headless --ip 127.0.0.1 --port ${port} --log-level error >/dev/null 2>&1 &\necho $! > '${other}'\n` +
        `until (exec 3<>/dev/tcp/127.0.0.1/${port}) 2>/dev/null; do sleep 0.1; done\nsleep 1.5\nexec '${real}' "$@"\n`,
    );
    await chmod(file, 0o755);
    const retries: string[] = [];
    try {
      // Before: the probe's answer came from the other server, and the launcher returned a server whose process had exited.
      await expect(startDevServer({ cliPath: file, port, onRetry: (m) => retries.push(m) })).rejects.toThrow(`Port ${port} for the Temporal dev server is already in use; stop what holds it`);
      expect(retries).toHaveLength(1);
      expect(retries[0]).toMatch(new RegExp(`^The Temporal dev server exited during start-up \\(can't set frontend port ${port}: .*address already in use\\)`));
    } finally {
      const pid = Number(await readFile(other, 'utf8').catch(() => '0'));
      if (pid) process.kill(pid, 'SIGKILL');
    }
  });
});
