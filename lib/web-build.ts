/**
 * Builds the web app (`web/` → `web/dist`) when the build is missing or older than its sources, so
 * that `npm start` and the browser tests always serve the current app. A fresh build is left alone
 * (a check of file times, a few milliseconds). Each script and style sheet gets a Brotli and a gzip
 * copy beside it, which the API sends to browsers that take them (api/web-files.ts).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB_DIR = path.join(ROOT, 'web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');

/** Newest modification time (ms) of the files that go into the bundle. */
async function newestSource(): Promise<number> {
  let newest = 0;
  const visit = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => undefined);
    if (!s) return;
    if (s.isDirectory()) {
      for (const entry of await readdir(p)) await visit(path.join(p, entry));
      return;
    }
    // Unit tests beside the code do not change the bundle.
    if (/\.test\.tsx?$/.test(p)) return;
    newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of [path.join(WEB_DIR, 'src'), path.join(WEB_DIR, 'index.html'), path.join(WEB_DIR, 'vite.config.ts'), path.join(ROOT, 'package-lock.json'), path.join(ROOT, 'domain', 'business.ts')])
    await visit(p);
  return newest;
}

/** Why the web app needs a build, or undefined when `web/dist` is up to date. */
async function webBuildReason(): Promise<string | undefined> {
  const built = await stat(path.join(WEB_DIST_DIR, 'index.html')).catch(() => undefined);
  if (!built) return 'web/dist is missing';
  if ((await newestSource()) > built.mtimeMs) return 'web/dist is older than the sources in web/';
  // A build from before the compressed copies were written (issue 15) would be served uncompressed.
  if (!(await readdir(path.join(WEB_DIST_DIR, 'assets')).catch(() => [])).some((name) => name.endsWith('.br'))) return 'web/dist has no compressed copies';
  return undefined;
}

/** Builds `web/dist` if needed; says what it did through `log`. Returns whether it built. */
export async function ensureWebBuilt(opts: { log: (line: string) => void; force?: boolean }): Promise<boolean> {
  const reason = opts.force ? 'asked to' : await webBuildReason();
  if (!reason) return false;
  const t0 = Date.now();
  opts.log(`  Building the web app (${reason})…`);
  // Vite runs in a process of its own with NODE_ENV=production, whatever the caller's (vitest sets
  // "test", which would bundle React's development build). Vite is a build-time dependency.
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [vite, 'build', '--config', path.join(WEB_DIR, 'vite.config.ts'), '--logLevel', 'warn'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`vite build failed: ${`${stderr}\n${stdout}`.trim().split('\n').slice(-15).join('\n')}`));
        else resolve();
      },
    );
  });
  const { files, bytes, br, gz } = await precompress(path.join(WEB_DIST_DIR, 'assets'));
  opts.log(`  Web app built into web/dist in ${((Date.now() - t0) / 1000).toFixed(1)} s (${files} scripts and styles: ${kB(bytes)} kB, ${kB(br)} kB with Brotli, ${kB(gz)} kB with gzip)`);
  return true;
}

const kB = (bytes: number): string => (bytes / 1000).toFixed(0);

/** The compressed copies written beside a file, in the order the API prefers them when a browser takes both equally (api/web-files.ts). */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** What the browser fetches and compresses well; source maps are left out (DevTools only, and the bulk of the time). */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|html|txt)$/;

/**
 * Brotli's quality: 10 compresses this app's scripts to within 2 % of 11 (271 kB against 266 kB)
 * in a fifth of the time (about 1.3 s against 6.7 s here): 11 would slow every build, `npm start`
 * and the tests included, for a few kB.
 */
const BROTLI_QUALITY = 10;

/**
 * Writes `name.br` (Brotli) and `name.gz` (gzip, level 9) beside each compressible file of `dir`,
 * each only when smaller than the file. Done once per build, so the slow, small settings cost
 * nothing per request. Returns the bytes of the files and of their smallest copies.
 */
async function precompress(dir: string): Promise<{ files: number; bytes: number; br: number; gz: number }> {
  const names = (await readdir(dir)).filter((name) => COMPRESSIBLE.test(name));
  const sizes = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const content = await readFile(file);
      const [br, gz] = await Promise.all([
        promisify(brotliCompress)(content, {
          params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
        }),
        promisify(gzip)(content, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      const copies = { br, gzip: gz };
      for (const { encoding, suffix } of PRECOMPRESSED) if (copies[encoding].length < content.length) await writeFile(file + suffix, copies[encoding]);
      return { bytes: content.length, br: Math.min(br.length, content.length), gz: Math.min(gz.length, content.length) };
    }),
  );
  const sum = (key: 'bytes' | 'br' | 'gz') => sizes.reduce((total, x) => total + x[key], 0);
  return { files: sizes.length, bytes: sum('bytes'), br: sum('br'), gz: sum('gz') };
}
