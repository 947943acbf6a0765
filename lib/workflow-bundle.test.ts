/**
 * The workflow bundle (lib/workflow-bundle.ts): what webpack's persistent cache gives back is the
 * bundle it would have built without it, byte for byte. (Every worker of the integration tests, and
 * the replay of the committed histories, run on a bundle test/global-setup.ts builds with the cache.)
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkflowBundle } from './workflow-bundle.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('the workflow bundle', () => {
  it('is the same from a cold build, a build that fills the cache and one that reads it, and is written whole', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ins-bundle-'));
    dirs.push(dir);
    const cacheDir = path.join(dir, 'webpack');
    const cold = await buildWorkflowBundle({ outFile: path.join(dir, 'cold.js') });
    const filling = await buildWorkflowBundle({ outFile: path.join(dir, 'filling.js'), cacheDir });
    const cached = await buildWorkflowBundle({ outFile: path.join(dir, 'cached.js'), cacheDir });
    console.log(`workflow bundle: ${Math.round(cold.bytes / 1000)} kB; cold ${cold.ms} ms, filling the cache ${filling.ms} ms, from the cache ${cached.ms} ms`);

    const code = await readFile(cold.path, 'utf8');
    expect(code).toContain('caseWorkflow');
    expect(await readFile(filling.path, 'utf8')).toBe(code);
    expect(await readFile(cached.path, 'utf8')).toBe(code);
    expect((await readdir(cacheDir)).length).toBeGreaterThan(0);
    // No temporary file is left beside the bundles.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
