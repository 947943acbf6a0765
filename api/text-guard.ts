/**
 * Text PostgreSQL cannot store is refused at the door, naming where it is: U+0000 anywhere (path,
 * query, JSON body), unpaired UTF-16 surrogates in JSON bodies (`"\ud800"` is valid JSON but not
 * Unicode text; jsonb refuses it), and JSON nested deeper than any INS document. A JSON body must
 * be UTF-8: its bytes are decoded here, strictly (one decoder for every route), before anything
 * parses them.
 *
 * Invalid UTF-8 used to be decoded leniently (each bad byte a U+FFFD) and stored so, silently
 * changing what the caller sent.
 *
 * Without this, such a string reached PostgreSQL as a 500 — or, inside a case action, was accepted
 * by the workflow and then failed the projection into the read model on every retry, so the
 * request never got an answer and the case never reached the read model again.
 */
import type { MiddlewareHandler } from 'hono';
import type { TAppEnv } from './auth.js';
import { UNSTORABLE_TEXT, type TIssueParams } from '../domain/validation-issues.js';
import { invalidField } from './errors.js';

const JSON_TYPE = /^application\/([a-z-.]+\+)?json/i;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or a 400 when its bytes are not UTF-8 (a leading BOM is dropped, as JSON allows). */
function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw invalidField('body', 'is not valid UTF-8; send JSON encoded as UTF-8', 'encoding', { expected: 'UTF-8' });
  }
}

/** JSON bodies nest no deeper than this: nothing INS takes is deeper, and PostgreSQL's jsonb has a stack too. */
const MAX_JSON_DEPTH = 64;

/**
 * Where a JSON value holds something PostgreSQL cannot store: the path (`items.2.name`) of the first
 * string or object key with U+0000 or an unpaired surrogate, or of the first value nested deeper
 * than `MAX_JSON_DEPTH`; undefined if none. Iterative, so a hostile nesting cannot exhaust the stack.
 */
function findUnstorableText(value: unknown): { path: string; reason: 'TEXT' | 'DEPTH' } | undefined {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    const at = (p: string[]) => p.join('.') || 'body';
    if (typeof v === 'string') {
      if (UNSTORABLE_TEXT.test(v)) return { path: at(path), reason: 'TEXT' };
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { path: at(path), reason: 'DEPTH' };
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i]!;
      if (!Array.isArray(v) && UNSTORABLE_TEXT.test(k)) return { path: at([...path, k.replace(UNSTORABLE_TEXT, '\uFFFD')]), reason: 'TEXT' };
      stack.push({ v: x, path: [...path, k] });
    }
  }
  return undefined;
}

/**
 * The input guard of a route (installed by `route()`, api/access.ts, after the access check): the
 * path and the query, and — for a route that takes JSON — the body.
 */
export function inputGuard(opts: { json: boolean }): MiddlewareHandler<TAppEnv> {
  const refuse = (where: string, what: string, rule: 'unstorableText' | 'maxDepth' = 'unstorableText', params?: TIssueParams): never => {
    throw invalidField(where, `must not ${what}`, rule, params);
  };
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (/%00/i.test(url.pathname)) refuse('path', 'contain the NUL character (%00)');
    for (const [k, v] of url.searchParams) if (k.includes('\u0000') || v.includes('\u0000')) refuse(k.replaceAll('\u0000', '') || 'query', 'contain the NUL character (%00)');
    if (opts.json && JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      // Hono caches the bytes: the validator and the Idempotency-Key check read these same bytes,
      // now known to be UTF-8 (so their decoding is this one).
      const text = decodeUtf8(await c.req.arrayBuffer());
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        // Malformed JSON is the route validator's to report.
        return next();
      }
      const found = findUnstorableText(body);
      if (found?.reason === 'TEXT') refuse(found.path, 'contain the NUL character (\\u0000) or an unpaired surrogate');
      if (found?.reason === 'DEPTH') refuse(found.path, `nest deeper than ${MAX_JSON_DEPTH} levels`, 'maxDepth', { n: MAX_JSON_DEPTH });
      // The route's validator gets the value checked here. Asked for JSON after the bytes were read,
      // Hono would parse them again through a web `Response` and its stream, on Node dearer than the parse.
      c.req.bodyCache.json = Promise.resolve(body);
    }
    await next();
  };
}
