import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartupError } from './errors.js';
import { resolveTemporalTestServer, TEMPORAL_TEST_SERVER_VERSION, wrapperScript } from './temporal-test-server.js';

/**
 * The resolver's steps with stand-ins for `mvn` and `java` (shell scripts on a PATH of the test's
 * own): no network, no JVM. The real fetch runs in CI (`npm run temporal:test-server`).
 */
describe('resolveTemporalTestServer', () => {
  let tmp: string;
  let bin: string;
  const basePath = `${path.dirname(process.execPath)}:/usr/bin:/bin`;
  const jar = `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}.jar`;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ins-test-server-'));
    bin = path.join(tmp, 'bin');
    await mkdir(bin);
    // A stand-in for mvn: takes a moment, then puts the server's jar where -DoutputDirectory says.
    await writeFile(
      path.join(bin, 'mvn'),
      `#!/bin/sh\nfor a in "$@"; do case "$a" in -DoutputDirectory=*) out="\${a#-DoutputDirectory=}";; esac; done\nsleep 0.3\nmkdir -p "$out" && touch "$out/${jar}"\n`,
    );
    await writeFile(path.join(bin, 'java'), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(bin, 'mvn'), 0o755);
    await chmod(path.join(bin, 'java'), 0o755);
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('takes TEMPORAL_TEST_SERVER first, and refuses one that is not executable', async () => {
    const exe = path.join(tmp, 'my-test-server');
    await writeFile(exe, '#!/bin/sh\n');
    await expect(resolveTemporalTestServer({ env: { TEMPORAL_TEST_SERVER: exe, PATH: basePath } })).rejects.toThrow(/TEMPORAL_TEST_SERVER=.* is not an executable file/);
    await chmod(exe, 0o755);
    expect(await resolveTemporalTestServer({ env: { TEMPORAL_TEST_SERVER: exe, PATH: basePath } })).toEqual({ path: exe, source: 'TEMPORAL_TEST_SERVER' });
  });

  it('says what is missing when nothing is cached and there is no mvn to fetch it', async () => {
    const err = await resolveTemporalTestServer({ env: { PATH: '/nonexistent', INS_CACHE_DIR: path.join(tmp, 'empty') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(/no java on PATH to fetch io\.temporal:temporal-test-server:/);
  });

  it('fetches into the cache with mvn; two processes asking at once both get the one copy that is renamed into place; then the cache is taken', async () => {
    const env = { PATH: `${bin}:${basePath}`, INS_CACHE_DIR: path.join(tmp, 'cache') };
    const [a, b] = await Promise.all([resolveTemporalTestServer({ env, log: () => {} }), resolveTemporalTestServer({ env, log: () => {} })]);
    const dir = path.join(tmp, 'cache', 'temporal-test-server', TEMPORAL_TEST_SERVER_VERSION);
    expect(a).toEqual({ path: path.join(dir, 'temporal-test-server'), source: 'maven' });
    expect(b.path).toBe(a.path);
    // No half-built folder is left behind, and the loser's copy was thrown away.
    expect(await readdir(path.dirname(dir))).toEqual([TEMPORAL_TEST_SERVER_VERSION]);
    expect((await readdir(dir)).sort()).toEqual(['lib', 'pom.xml', 'temporal-test-server']);
    expect(await resolveTemporalTestServer({ env })).toEqual({ path: a.path, source: 'cache' });
  });

  it('writes a wrapper that finds its jars beside itself and passes the port through', () => {
    expect(wrapperScript()).toMatch(/^exec java -cp "\$\(dirname "\$0"\)\/lib\/\*" io\.temporal\.testserver\.TestServer "\$@"$/m);
  });
});
