/**
 * Request body size limits, applied before anything reads a body (authentication included): a
 * body whose Content-Length is over the limit is refused at once, unread; a chunked body (no
 * Content-Length) is counted while it streams in and cut off as soon as it passes the limit. Either
 * way the answer is 413 PAYLOAD_TOO_LARGE in the error envelope, and the connection is closed
 * rather than reused (the rest of the body is never read). Hono's `bodyLimit` does the counting.
 *
 * Limits per route:
 *  - JSON bodies (every route but those below): {@link JSON_BODY_MAX_BYTES};
 *  - the CSV import of the business registry: its own limit ({@link IMPORT_MAX_BYTES});
 *  - a public tip (`POST /api/v1/public/tips` as JSON with base64 photos, `POST /public/phan-anh`
 *    as a form with files): {@link TIP_BODY_MAX_BYTES}, room for its photos and no more;
 *  - a copy of an issued paper sent to its verification page (`POST /xac-thuc/<id>`): {@link VERIFY_MAX_BYTES};
 *  - evidence (`POST /api/v1/evidence`, `PATCH /api/v1/evidence/uploads/{id}`): not buffered here.
 *    Those routes stream the file into the store and enforce their own limits while they do
 *    (EVIDENCE_MAX_BYTES; a chunk's declared length), after the caller is authorized.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TAppEnv } from './auth.js';
import { errorBody } from './errors.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './services/business-import.js';
import { TIP_PHOTOS } from './services/public-tips.js';
import { VERIFY_MAX_BYTES, VERIFY_PATH } from './public/verify-pages.js';

/**
 * The largest JSON body any route takes: 256 KiB. The biggest legitimate JSON bodies are a
 * procedure definition (the largest shipped one, the penalty procedure, is about 24 KB) and a step
 * completed with its form and up to 200 evidence references (under 100 KB); 256 KiB leaves room
 * for ten times the largest procedure. Anything bigger is an error or an attack: a 50 MB JSON body
 * took 1.9 GB of memory and stalled the event loop for 5 s when nothing limited it.
 */
const JSON_BODY_MAX_BYTES = 256 * 1024;

const IMPORT_PATH = '/api/v1/businesses/import';

/** A tip with its photos at their largest, base64 (4/3) and the text around them: 3 × 2 MiB → 8 MiB, and 1 MiB to spare. */
const TIP_BODY_MAX_BYTES = Math.ceil((TIP_PHOTOS.max * TIP_PHOTOS.maxBytes * 4) / 3) + 1024 * 1024;
const TIP_PATHS = ['/api/v1/public/tips', '/public/phan-anh'];

/** Routes whose handler streams the body itself, with its own limit (evidence files and chunks). */
function streamsItsBody(c: Context): boolean {
  return (c.req.method === 'POST' && c.req.path === '/api/v1/evidence') || (c.req.method === 'PATCH' && /^\/api\/v1\/evidence\/uploads\/[^/]+$/.test(c.req.path));
}

function refuse(limit: number, advice: string) {
  return (c: Context<TAppEnv>) => {
    // The rest of the body is never read: the connection cannot carry another request.
    c.header('Connection', 'close');
    return c.json(errorBody(c, 'PAYLOAD_TOO_LARGE', `body: larger than ${limit} bytes; ${advice}`), 413);
  };
}

/**
 * Hono's `bodyLimit` for `maxSize`, with the answer for a body that declares its length (or a GET
 * or HEAD without one) decided from the headers alone, as `bodyLimit` decides it. `bodyLimit` first
 * asks whether the request has a body (`c.req.raw.body`), and on Node that question builds the full
 * web `Request` with a stream over the socket (@hono/node-server's requests are light until a
 * property they do not carry is read): about a tenth of the API's CPU on a step, for a question the
 * headers answer. Only a chunked body (no Content-Length) goes to `bodyLimit`, which counts it.
 */
function limitOf(maxSize: number, onError: (c: Context<TAppEnv>) => Response): MiddlewareHandler<TAppEnv> {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const declared = c.req.header('content-length');
    if (!chunked && declared !== undefined) return Number.parseInt(declared, 10) > maxSize ? onError(c) : next();
    if (!chunked && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    return counted(c, next);
  };
}

export function bodyLimits(): MiddlewareHandler<TAppEnv> {
  const json = limitOf(JSON_BODY_MAX_BYTES, refuse(JSON_BODY_MAX_BYTES, 'no request of this API is that large'));
  const csv = limitOf(IMPORT_MAX_BYTES, refuse(IMPORT_MAX_BYTES, `split the file into files of at most ${IMPORT_MAX_ROWS} rows`));
  const tip = limitOf(TIP_BODY_MAX_BYTES, refuse(TIP_BODY_MAX_BYTES, `send at most ${TIP_PHOTOS.max} photos of at most ${TIP_PHOTOS.maxBytes} bytes each`));
  const verify = limitOf(VERIFY_MAX_BYTES, refuse(VERIFY_MAX_BYTES, 'the papers INS issues are far smaller'));
  return async (c, next) => {
    if (streamsItsBody(c)) return next();
    if (c.req.method === 'POST' && VERIFY_PATH.test(c.req.path)) return verify(c, next);
    if (c.req.path === IMPORT_PATH) return csv(c, next);
    if (c.req.method === 'POST' && TIP_PATHS.includes(c.req.path)) return tip(c, next);
    return json(c, next);
  };
}
