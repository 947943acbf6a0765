/**
 * The workflow bundle: the case workflows and what they import, bundled by the Temporal SDK's
 * webpack into one file that every worker loads (docs/adr/0169).
 *
 * Bundling takes about five seconds of CPU here. A worker given no bundle makes its own at every
 * start; `npm start` makes one before it starts the worker (while Temporal and PostgreSQL start)
 * and hands its path to the worker and to every restart of it; the production image makes it once
 * at build (`npm run build:workflows`). With a cache folder, webpack's own persistent cache keeps
 * the modules it built and checks each input file before reusing it (its snapshot of their
 * timestamps and hashes), so a later bundle of unchanged code takes about two seconds and a changed
 * file is rebuilt, never taken stale from the cache.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

const require = createRequire(import.meta.url);

/** Path of the workflow entry module the bundler starts from. */
export const WORKFLOWS_PATH = require.resolve('../workflows/index.ts');

type TBundleLogger = NonNullable<Parameters<typeof bundleWorkflowCode>[0]['logger']>;

/** Only the bundler's errors; its info lines (module counts) are noise at every start. */
const quietLogger = (error: (message: string) => void): TBundleLogger => ({
  error: (message) => error(message),
  warn() {},
  info() {},
  debug() {},
  trace() {},
  log() {},
});

export interface TBuiltBundle {
  /** The bundle's file, for `workflowBundle: { codePath }`. */
  path: string;
  bytes: number;
  ms: number;
}

/**
 * Bundles the workflows into `outFile` (written whole, then renamed: a worker never reads half a
 * file). `cacheDir`: webpack's persistent cache, kept between bundles.
 */
export async function buildWorkflowBundle(opts: { outFile: string; cacheDir?: string; onError?: (message: string) => void }): Promise<TBuiltBundle> {
  const t0 = performance.now();
  const { cacheDir } = opts;
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quietLogger(opts.onError ?? ((m) => console.error(m))),
    ...(cacheDir
      ? {
          webpackConfigHook: (config) => ({
            ...config,
            // The cache is keyed by the installed packages (webpack's managed paths: node_modules by
            // package version) and by each source file's timestamp and content hash.
            cache: { type: 'filesystem', cacheDirectory: path.resolve(cacheDir), name: 'ins-workflows' },
          }),
        }
      : {}),
  });
  await mkdir(path.dirname(opts.outFile), { recursive: true });
  const tmp = `${opts.outFile}.${process.pid}.tmp`;
  await writeFile(tmp, bundle.code);
  await rename(tmp, opts.outFile);
  return { path: opts.outFile, bytes: Buffer.byteLength(bundle.code), ms: Math.round(performance.now() - t0) };
}
