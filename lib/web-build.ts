/**
 * Builds the web app (`web/` → `web/dist`) when the build is missing or older than its sources, so
 * that `npm start` and the browser tests always serve the current app. A fresh build is left alone
 * (a check of file times, a few milliseconds).
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

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
  opts.log(`  Web app built into web/dist in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}
