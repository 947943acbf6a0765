/**
 * The built web app's files (`web/dist`), but its page (`index.html`, which carries each response's
 * CSP nonce: api/app.ts):
 *
 * - the hashed assets Vite writes into `assets/` (a file's name changes with its content) are cached
 *   for a year as `immutable`: a later visit never asks for them again, a new release only for those
 *   whose content changed; any other file is revalidated (`no-cache`) against its ETag;
 * - each is sent as the Brotli or gzip copy written beside it at build time (`name.br`, `name.gz`:
 *   lib/web-build.ts) when the request's `Accept-Encoding` takes one, otherwise as it is, with
 *   `Vary: Accept-Encoding` whenever a copy exists. Compressed once at build time with slow, small
 *   settings, not per response: no processor time per request, nothing to go wrong with streamed
 *   answers (the live events), and no API answer compressed beside a secret (BREACH).
 *
 * A missing hashed asset (a chunk of an older release asked for by a page left open) is a 404, not
 * the app's page: a script that is HTML would fail in a way no one could read.
 */
import type { MiddlewareHandler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PRECOMPRESSED } from '../lib/web-build.js';
import type { TAppEnv } from './auth.js';
import { errorBody } from './errors.js';

type TEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Vite's flat `assets/` folder and the files beside the page: plain names only (no dot first, no folder). */
const FILE_PATH = /^\/((?:assets\/)?[A-Za-z0-9_-][A-Za-z0-9_.-]*)$/;

/**
 * The coding to send of those `available` (in the server's order of preference), by the request's
 * `Accept-Encoding` (RFC 9110 §12.5.3: q-values, `*`, `q=0` refuses); undefined: send the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly TEncoding[]): TEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const item of acceptEncoding.split(',')) {
    const [coding, ...params] = item.split(';').map((s) => s.trim().toLowerCase());
    if (!coding) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  let best: { encoding: TEncoding; weight: number } | undefined;
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > 0 && (!best || weight > best.weight)) best = { encoding, weight };
  }
  return best?.encoding;
}

/** Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** Serves the files of the built web app in `root` (GET and HEAD); anything else goes on to the next handler. */
export function webFiles(root: string): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const name = FILE_PATH.exec(c.req.path)?.[1];
    const hashed = c.req.path.startsWith('/assets/');
    const file = name && name !== 'index.html' ? path.join(root, name) : undefined;
    const stats = file ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !stats?.isFile()) {
      if (hashed) return c.json(errorBody(c, 'NOT_FOUND', `No file ${c.req.path} in this release of the web app`), 404);
      return next();
    }

    const copies: { encoding: TEncoding; file: string; size: number; mtimeMs: number }[] = [];
    for (const { encoding, suffix } of PRECOMPRESSED) {
      const s = await stat(file + suffix).catch(() => undefined);
      if (s?.isFile()) copies.push({ encoding, file: file + suffix, size: s.size, mtimeMs: s.mtimeMs });
    }
    const encoding = chooseEncoding(
      c.req.header('accept-encoding'),
      copies.map((x) => x.encoding),
    );
    const sent = copies.find((x) => x.encoding === encoding) ?? { encoding: undefined, file, size: stats.size, mtimeMs: stats.mtimeMs };

    // One tag per file sent: the Brotli copy, the gzip copy and the file itself are three representations.
    const etag = `"${sent.size.toString(36)}-${Math.trunc(sent.mtimeMs).toString(36)}${sent.encoding ? `-${sent.encoding}` : ''}"`;
    c.header('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
    c.header('ETag', etag);
    if (copies.length) c.header('Vary', 'Accept-Encoding', { append: true });
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);

    c.header('Content-Type', getMimeType(file) ?? 'application/octet-stream');
    if (sent.encoding) c.header('Content-Encoding', sent.encoding);
    c.header('Content-Length', String(sent.size));
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(await readFile(sent.file), 200);
  };
}
