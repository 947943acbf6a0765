import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StartupError } from './errors.js';
import { parseCliVersion, resolveTemporalCli, TEMPORAL_CLI_VERSION } from './temporal-cli.js';

describe('parseCliVersion', () => {
  it('reads the CLI and server versions of a release build', () => {
    expect(parseCliVersion('temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)\n')).toEqual({ version: '1.5.1', serverVersion: '1.29.1' });
  });
  it('reads a build made without release ldflags', () => {
    expect(parseCliVersion('temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)')).toEqual({ version: '0.0.0', serverVersion: '1.29.1' });
  });
  it('returns undefined for anything else', () => {
    expect(parseCliVersion('tctl version 1.18.0')).toBeUndefined();
    expect(parseCliVersion('')).toBeUndefined();
  });
});

describe('resolveTemporalCli, with the real CLI placed where each step looks', () => {
  let tmp: string;
  const real = (): string => inject('temporalCliPath');
  const noTemporalPath = path.dirname(process.execPath) + ':/usr/bin:/bin';

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ins-cli-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('takes TEMPORAL_CLI_PATH first and checks its version', async () => {
    const cli = await resolveTemporalCli({ env: { TEMPORAL_CLI_PATH: real(), PATH: noTemporalPath } });
    expect(cli).toMatchObject({ source: 'TEMPORAL_CLI_PATH', path: real(), serverVersion: expect.stringMatching(/^1\.(29|[3-9]\d)\./) });
  });

  it('then a temporal on PATH', async () => {
    const bin = path.join(tmp, 'bin');
    await mkdir(bin, { recursive: true });
    await symlink(real(), path.join(bin, 'temporal'));
    const cli = await resolveTemporalCli({ env: { PATH: `${bin}:${noTemporalPath}`, INS_CACHE_DIR: path.join(tmp, 'nocache') } });
    expect(cli).toMatchObject({ source: 'PATH', path: path.join(bin, 'temporal') });
  });

  it('then the cached build of the pinned version', async () => {
    const dir = path.join(tmp, 'cache', 'temporal-cli', `v${TEMPORAL_CLI_VERSION}`);
    await mkdir(dir, { recursive: true });
    await symlink(real(), path.join(dir, 'temporal'));
    const cli = await resolveTemporalCli({ env: { PATH: noTemporalPath, INS_CACHE_DIR: path.join(tmp, 'cache') } });
    expect(cli).toMatchObject({ source: 'cache', path: path.join(dir, 'temporal') });
  });

  it('refuses an executable that is not the Temporal CLI, saying what to do', async () => {
    const err = await resolveTemporalCli({ env: { TEMPORAL_CLI_PATH: '/bin/true', PATH: noTemporalPath } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(/\/bin\/true .* is not the Temporal CLI.*TEMPORAL_CLI_PATH/);
  });
});
