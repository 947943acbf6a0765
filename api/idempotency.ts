/**
 * `Idempotency-Key` on POST requests (docs/adr/0030-idempotency-keys.md).
 *
 * - Every POST of a signed-in caller needs a key (400 without one), except sign-in (its answer is a
 *   new session, never to be replayed) and the one-shot evidence upload (streamed, and idempotent
 *   by its content: the same file is one object under its SHA-256). Anonymous POSTs carry none:
 *   they are refused (401) or have no effect (the public fine calculator).
 * - A key is the caller's own (user) and bound to the whole request: method, path, query string
 *   and body. The same request again gets the first response (`Idempotency-Replayed: true`); the
 *   same key with another request is refused, 422 `IDEMPOTENCY_KEY_REUSED`, naming what differs.
 * - One request holds a key at a time, under a lease it renews while it runs. A duplicate arriving
 *   meanwhile gets 409 `CONFLICT` (`details.reason: IDEMPOTENCY_KEY_IN_USE`, `Retry-After`). When
 *   the process holding it died, the lease runs out and the next retry of the same request takes
 *   the key over. Of concurrent claims exactly one wins.
 * - Only successes are kept: a refused or failed request frees its key, so that the corrected or
 *   retried request may use it. Kept keys expire (`IDEMPOTENCY_TTL_HOURS`) and are pruned.
 * - Routes that pass the request on to Temporal use {@link idempotentRequestId}, derived from the
 *   user, the key and the request, as the Update id and the workflow's request id: two users (or
 *   two different requests) with the same key never share one.
 *
 * Records live in PostgreSQL, so all of this holds across API replicas. Each route runs this after
 * its access check (api/access.ts), so a caller who may not call the route is refused before their
 * key or body is looked at.
 */
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import type { TAppEnv } from './auth.js';
import {
  claimIdempotencyKey,
  renewIdempotencyLease,
  writeIdempotencyOutcome,
  type TClaim,
  type TIdempotencyOutcome,
  type TIdempotencyRecord,
  type TIdempotentRequest,
} from '../db/repositories/idempotency.js';
import { AppError, invalidField } from './errors.js';

/**
 * POST routes that take no key: sign-in, the one-shot evidence upload (idempotent by content), the
 * public case lookup, its receipts and tip tracking (reads sent as POSTs), the lookup's subscriptions (idempotent
 * by case, channel and address), and a public tip (its proof-of-work challenge is used once and
 * names its case: docs/adr/0132).
 */
const IDEMPOTENCY_EXEMPT_PATHS: readonly string[] = [
  '/api/v1/auth/login',
  '/api/v1/evidence',
  '/api/v1/public/case-lookup',
  '/api/v1/public/case-lookup/subscriptions',
  '/api/v1/public/case-lookup/subscriptions/withdraw',
  '/api/v1/public/payments/receipt',
  '/api/v1/public/tips',
  '/api/v1/public/tips/track',
];

/**
 * POSTs that change nothing: a draft's preview (a rendering of a form not yet sent), a template
 * version's preview on the fixture case, and a party's paper by the lookup (a read sent as a POST,
 * like the lookup itself): no key to claim, nothing to replay.
 */
const IDEMPOTENCY_EXEMPT_PATTERNS: readonly RegExp[] = [
  /^\/api\/v1\/cases\/[^/]+\/steps\/[^/]+\/documents\/[^/]+\/preview$/,
  /^\/api\/v1\/document-templates\/[^/]+\/versions\/[^/]+\/preview$/,
  /^\/api\/v1\/public\/case-lookup\/documents\/[^/]+$/,
];

const exempt = (path: string): boolean => IDEMPOTENCY_EXEMPT_PATHS.includes(path) || IDEMPOTENCY_EXEMPT_PATTERNS.some((p) => p.test(path));

export interface TIdempotencyOptions {
  /** How long a request holds its key without renewing it (it renews every third of it). */
  leaseMs: number;
  /** How long a key is kept after its request. */
  ttlMs: number;
}

export const DEFAULT_IDEMPOTENCY: TIdempotencyOptions = { leaseMs: 30_000, ttlMs: 24 * 3_600_000 };

/** Who holds a key: this process, and the request. */
const INSTANCE = `${os.hostname()}/${process.pid}`;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The query string with its parameters in one order: `?b=2&a=1` is the request `?a=1&b=2`. */
function canonicalQuery(url: string): string {
  const params = new URL(url).searchParams;
  params.sort();
  return params.toString();
}

/** The Temporal request id of the current request (see the module comment); the key is required. */
export function idempotentRequestId(c: Context<TAppEnv>): string {
  const id = c.get('idempotentRequestId');
  if (!id) throw new Error(`${c.req.method} ${c.req.path} has no Idempotency-Key claimed; it needs the idempotency middleware`);
  return id;
}

function reused(record: TIdempotencyRecord, request: TIdempotentRequest): AppError {
  const what =
    record.method === null
      ? 'another request'
      : record.method !== request.method || record.path !== request.path
        ? `${record.method} ${record.path}`
        : record.queryHash !== request.queryHash
          ? `${record.method} ${record.path} with a different query string`
          : `${record.method} ${record.path} with a different body`;
  return new AppError('IDEMPOTENCY_KEY_REUSED', `This Idempotency-Key was already used for ${what}; use a new key for a new request.`, undefined, { reason: 'IDEMPOTENCY_KEY_REUSED' });
}

/** What a key is bound to: the method, the path, the query string (in one order) and the body's bytes. */
export function idempotentRequest(method: string, url: string, body: Uint8Array): TIdempotentRequest {
  const path = new URL(url).pathname;
  const queryHash = sha256(canonicalQuery(url));
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return { method, path, queryHash, bodyHash, requestHash: sha256(JSON.stringify([method, path, queryHash, bodyHash])) };
}

/** The id towards Temporal of a user's request under a key (never the raw key: two users' keys never meet). */
export function derivedRequestId(userId: string, key: string, requestHash: string): string {
  return `idem:${sha256(JSON.stringify([userId, key, requestHash]))}`;
}

/** 409 for a duplicate of a request still running (or whose process died, until its lease runs out). */
function inUse(c: Context<TAppEnv>, retryInMs: number): AppError {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryInMs / 1000))));
  return new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry in a moment.', undefined, { reason: 'IDEMPOTENCY_KEY_IN_USE' });
}

/** An Idempotency-Key's outcome written on its own (logged, not thrown, when it cannot be: the answer stands). */
export async function writeKeyOutcome(db: Db, log: Logger, outcome: TIdempotencyOutcome, requestId: string | undefined): Promise<void> {
  try {
    await writeIdempotencyOutcome(db, outcome);
  } catch (err) {
    // The answer stands; the key stays claimed until its lease runs out, then a retry takes it over.
    log.warn({ err: (err as Error).message, requestId }, 'could not record the outcome of an Idempotency-Key');
  }
}

export function idempotencyMiddleware(db: Db, log: Logger, opts: TIdempotencyOptions = DEFAULT_IDEMPOTENCY): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST' || exempt(c.req.path)) return next();
    const user = c.get('user');
    if (!user) return next();
    const key = c.req.header('idempotency-key');
    if (key === undefined) {
      throw invalidField('idempotency-key', 'is required on every POST; send a new random key per intended action and the same key when retrying it', 'required');
    }
    if (key.length < 8 || key.length > 200) throw invalidField('idempotency-key', 'must have 8 to 200 characters', key.length < 8 ? 'minChars' : 'maxChars', { n: key.length < 8 ? 8 : 200 });
    // The bytes as sent (Hono caches them for the route): decoding them here would hide invalid UTF-8 from the route.
    const request = idempotentRequest(c.req.method, c.req.url, new Uint8Array(await c.req.arrayBuffer()));
    const scope = user.id;
    const owner = `${INSTANCE}/${randomUUID()}`;

    // A case action reads the case it acts on (may the user see it?): read with the claim, in one round trip (docs/adr/0172).
    const caseId = request.path.startsWith('/api/v1/cases/') ? c.req.param('caseId') : undefined;
    let claim: TClaim | undefined;
    // Undefined: the record was freed before it could be read (its request was refused); claim again.
    for (let attempt = 0; attempt < 5 && !claim; attempt++) {
      claim = await claimIdempotencyKey(db, { scope, key, request, owner, leaseMs: opts.leaseMs, ttlMs: opts.ttlMs, ...(caseId !== undefined ? { caseId } : {}) });
    }
    if (!claim) throw inUse(c, 1_000);
    if (!claim.claimed) {
      const { record } = claim;
      if (record.requestHash !== request.requestHash) throw reused(record, request);
      if (record.status === null) throw inUse(c, record.leaseExpiresAt.getTime() - Date.now());
      c.header('Idempotency-Replayed', 'true');
      if (record.status === 204 || record.status === 205) return c.body(null, record.status);
      return c.body(record.response ?? '', record.status as 200, record.contentType ? { 'content-type': record.contentType } : {});
    }
    if (claim.tookOver)
      log.warn({ path: request.path, userId: scope, requestId: c.get('requestId') }, 'an Idempotency-Key whose request stopped without an answer was taken over after its lease ran out');
    c.set('idempotentRequestId', derivedRequestId(scope, key, request.requestHash));
    c.set('keyClaim', { scope, key, owner });
    if (caseId !== undefined) c.set('claimedCase', { caseId, row: claim.caseRow });

    const renew = setInterval(
      () => {
        renewIdempotencyLease(db, scope, key, owner, opts.leaseMs).catch((err: Error) => log.warn({ err: err.message, path: request.path }, 'could not renew the lease of an Idempotency-Key'));
      },
      Math.max(100, Math.floor(opts.leaseMs / 3)),
    );
    renew.unref();
    const answer = jsonAnswerOf(c);
    try {
      await next();
    } finally {
      clearInterval(renew);
    }
    // Kept already, with the route's last statement (docs/adr/0200).
    if (c.get('answerWritten') === c.res.status) return;
    // Only successes are kept: a refused request (a wrong form, a step out of order) may be
    // corrected and sent again under the same key; a failed one retried.
    const outcome: TIdempotencyOutcome =
      c.res.status >= 400
        ? { kind: 'release', scope, key, owner }
        : { kind: 'store', scope, key, owner, response: { status: c.res.status, contentType: c.res.headers.get('content-type'), body: answer.of(c.res) ?? (await c.res.clone().text()) } };
    // Written with the request's audit row when the request audit records it (docs/adr/0180), else here.
    const sink = c.get('keyOutcomeSink');
    if (sink) sink(outcome);
    else await writeKeyOutcome(db, log, outcome, c.get('requestId'));
  };
}

/**
 * The text of the JSON answer the route gives with `c.json`, kept for the key's record: reading it
 * back from the response (`clone().text()`) turns @hono/node-server's light response into a web
 * `Response` with a stream, then sends it through that stream. `of(res)` is the text when `res`
 * is that answer as it was made (nothing replaced it since), undefined otherwise (then read back).
 */
function jsonAnswerOf(c: Context<TAppEnv>): { of: (res: Response) => string | undefined } {
  // As Hono's own `c.json` (the default content type, the caller's headers over it), with the text
  // made once and kept, for the key's record here and for a route that writes it itself (answerToWrite).
  const body = c.body as unknown as (text: string, arg?: ResponseInit | number, headers?: Record<string, string>) => Response;
  c.json = ((object: unknown, arg?: ResponseInit | number, headers?: Record<string, string>) => {
    const text = JSON.stringify(object);
    const res = body(text, arg, { 'Content-Type': 'application/json', ...headers });
    c.set('jsonAnswer', { res, text });
    return res;
  }) as unknown as typeof c.json;
  return { of: (res) => jsonAnswerText(c, res) };
}

/** The text of `res` when it is the JSON answer a route made with `c.json` under an Idempotency-Key, as made. */
export function jsonAnswerText(c: Context<TAppEnv>, res: Response): string | undefined {
  const made = c.get('jsonAnswer');
  return made && made.res === res ? made.text : undefined;
}

/**
 * Declares the key in the OpenAPI document on every POST that needs one (the middleware requires
 * it whether or not the route declares it), replacing a route's own (optional) declaration.
 */
export function declareIdempotencyKeys<T extends { paths?: object }>(doc: T): T {
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, { post?: { parameters?: unknown[] } } | undefined>)) {
    const op = item?.post;
    if (!op || exempt(path)) continue;
    const others = (op.parameters ?? []).filter((p) => !(typeof p === 'object' && p && (p as { in?: string }).in === 'header' && (p as { name?: string }).name?.toLowerCase() === 'idempotency-key'));
    op.parameters = [
      ...others,
      {
        name: 'idempotency-key',
        in: 'header',
        required: true,
        description:
          'A new random key per intended action, the same key when retrying it: the same request again gets the first response (Idempotency-Replayed: true); the same key for another request is refused (422 IDEMPOTENCY_KEY_REUSED); a duplicate while the first runs gets 409. Required of signed-in callers.',
        schema: { type: 'string', minLength: 8, maxLength: 200 },
      },
    ];
  }
  return doc;
}
