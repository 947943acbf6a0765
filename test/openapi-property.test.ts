/**
 * The API against its own OpenAPI document. Every operation of `/api/openapi.json` is called, as
 * every kind of caller (anonymous and each demo role), with inputs generated from the operation's
 * own parameter and body schemas — valid ones, and ones broken in one place — mixed with the ids of
 * real cases, evidence, tokens and procedure versions so that the handlers reach their deep paths.
 * Whatever comes back must be declared: no 5xx, a declared status, a body that matches the schema
 * declared for that status (objects closed: no undeclared property), errors in the one envelope
 * (a VALIDATION_FAILED with its issues: path, rule and params).
 * Callers include an API token with every scope. Each generated request is sent by two callers at
 * once (each with a request of its own, from an address of its own), so the routes also meet
 * concurrency. Sign-in is driven with the real usernames and password among the generated ones, and
 * an event stream is read up to its first event. Operations are read from the document, so a route added later is covered without touching this
 * file, and the test fails if an operation was never exercised.
 *
 * `INS_PROPERTY_RUNS` sets the runs per operation (default 24); `INS_PROPERTY_SEED` replays a run.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_CAMPAIGN_ID, DEMO_NATIONAL_USERS, DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../db/demo-data.js';
import { listCampaignRuns } from '../db/repositories/campaigns.js';
import { createSession, createUser, TOKEN_SCOPES } from '../db/repositories/people.js';
import { CaseEventHub } from '../lib/case-events.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { invalidArb, resolve, someOf, validArb, type TJsonSchema, type TSchemaContext } from './json-schema-arbitraries.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';
import { VN_PROCEDURES } from '../domain/procedures/index.js';

/** This file's own unit: case ids contain it, and test files share one Temporal server. */
const UNIT = `oa${randomUUID().slice(0, 6)}`;
const RUNS = Number(process.env.INS_PROPERTY_RUNS ?? 24);
const SEED = process.env.INS_PROPERTY_SEED === undefined ? undefined : Number(process.env.INS_PROPERTY_SEED);
const DOC_ID = 'urn:ins:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const REQUEST_TIMEOUT_MS = 10_000;
const TRACE = process.env.INS_PROPERTY_TRACE;

type TDoc = { paths: Record<string, Record<string, TOperation>>; components?: { schemas?: Record<string, TJsonSchema> } };
type TParameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: TJsonSchema };
type TMedia = Record<string, { schema?: TJsonSchema }>;
type TOperation = { operationId?: string; parameters?: TParameter[]; requestBody?: { required?: boolean; content: TMedia }; responses: Record<string, { content?: TMedia }> };
interface TOp {
  key: string;
  method: (typeof METHODS)[number];
  path: string;
  op: TOperation;
}

/** A caller: anonymous, a demo user with a session (cookie and CSRF token), or an integration's API token. */
interface TActor {
  name: string;
  /** The TCP peer address its requests come from (sign-in throttling counts per address). */
  address: string;
  userId?: string;
  cookie?: string;
  csrf?: string;
  bearer?: string;
}

/** One generated request, before it is sent. */
interface TRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body?: { json: unknown } | { raw: string | Uint8Array; contentType?: string };
}

let database: TestDatabase;
let temporal: TestTemporal;
let hub: CaseEventHub;
let evidenceDir: string;
let app: InsApp;
let close: () => Promise<void>;
let doc: TDoc;
let ops: TOp[];
const actors: TActor[] = [];
/** Real values by parameter or property name, filled by the fixtures. */
const real: Record<string, unknown[]> = {};
/** What each operation was called with and what it answered. */
const seen = new Map<string, { valid: number; invalid: number; statuses: Record<number, number> }>();

// Two validators: one over the document as published (to generate and check inputs), one over a
// copy whose object schemas are closed (responses must not carry undeclared properties).
const requestAjv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
const responseAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
formatsPlugin.default(requestAjv);
formatsPlugin.default(responseAjv);
const compiled = new WeakMap<object, ValidateFunction>();
function isValidRequestValue(schema: TJsonSchema, value: unknown): boolean {
  let v = compiled.get(schema);
  if (!v) {
    v = requestAjv.compile({ ...absoluteRefs(schema) });
    compiled.set(schema, v);
  }
  return v(value) as boolean;
}

/** `#/components/…` → `urn:ins:openapi#/components/…`, so fragments compiled alone find the components. */
function absoluteRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map(absoluteRefs) as T;
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : absoluteRefs(v)])) as T;
}

/**
 * Closes every object schema that lists its properties (`unevaluatedProperties: false`), so a
 * response with a property the document does not declare fails. Schemas under `allOf` are left
 * open and the `allOf` itself is closed, since `unevaluatedProperties` sees through it.
 */
function closeObjects(node: unknown, underAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((n) => closeObjects(n, underAllOf));
  if (!node || typeof node !== 'object') return node;
  const s = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'allOf' ? (v as unknown[]).map((n) => closeObjects(n, true)) : closeObjects(v);
  const isObjectSchema = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'));
  if (!underAllOf && ((isObjectSchema && s.properties && s.additionalProperties === undefined) || s.allOf)) out.unevaluatedProperties = false;
  return out;
}

const responseValidators = new Map<string, ValidateFunction>();
function responseValidator(pointer: string): ValidateFunction {
  let v = responseValidators.get(pointer);
  if (!v) {
    v = responseAjv.compile({ $ref: `${DOC_ID}#${pointer}` });
    responseValidators.set(pointer, v);
  }
  return v;
}
const pointerPart = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');

function schemaContext(headerSafe = false): TSchemaContext {
  return { root: doc, isValid: isValidRequestValue, headerSafe, hints: (name) => real[name] };
}

// ---------------------------------------------------------------------------------------------
// Calling the API and checking the answer

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) is sent as the bytes a
 * careless encoder would produce (`%ED%A0%80`…): malformed UTF-8 the server must refuse cleanly.
 */
function encodePathPart(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const cu = s.charCodeAt(i);
    const high = cu >= 0xd800 && cu <= 0xdbff;
    const low = cu >= 0xdc00 && cu <= 0xdfff;
    if (high && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (high || low) {
      out += [0xed, 0x80 | ((cu >> 6) & 0x3f), 0x80 | (cu & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

async function send(actor: TActor, t: TOp, req: TRequest): Promise<Response> {
  let url = t.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodePathPart(String(req.params[name])));
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) if (v !== undefined) query.append(k, String(v));
  if ([...query].length) url += `?${query.toString()}`;
  const headers = new Headers();
  if (actor.cookie) headers.set('cookie', actor.cookie);
  if (actor.bearer) headers.set('authorization', `Bearer ${actor.bearer}`);
  if (actor.csrf && t.method !== 'get') headers.set('x-csrf-token', actor.csrf);
  // Every POST carries a fresh Idempotency-Key, unless the operation declares it (then it is generated).
  if (t.method === 'post') headers.set('idempotency-key', `prop-${randomUUID()}`);
  let body: string | Uint8Array | undefined;
  if (req.body && 'json' in req.body) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(req.body.json);
  } else if (req.body) {
    if (req.body.contentType) headers.set('content-type', req.body.contentType);
    body = req.body.raw;
  }
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) headers.delete(k);
    else headers.set(k, String(v));
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${t.key} as ${actor.name} got no answer in ${REQUEST_TIMEOUT_MS} ms: ${JSON.stringify(req).slice(0, 500)}`)), REQUEST_TIMEOUT_MS);
  });
  try {
    const peer = { incoming: { socket: { remoteAddress: actor.address, remotePort: 40_000, remoteFamily: 'IPv4' } } };
    return await Promise.race([Promise.resolve(app.request(url, { method: t.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) }, peer)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads an event stream up to its first blank line (one SSE block), then cancels it. */
async function firstSseBlock(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + REQUEST_TIMEOUT_MS;
  try {
    while (!text.includes('\n\n') && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), Math.max(1, deadline - Date.now())))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
  return text.split('\n\n')[0]!;
}

/** Checks one answer against the document; returns the parsed JSON body (if any). */
async function check(actor: TActor, t: TOp, req: TRequest, res: Response): Promise<unknown> {
  const where = `${t.key} as ${actor.name} with ${JSON.stringify(req, (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v instanceof Uint8Array ? `<${v.length} bytes>` : v)).slice(0, 1500)}`;
  const status = res.status;
  const stat = seen.get(t.key)!;
  stat.statuses[status] = (stat.statuses[status] ?? 0) + 1;
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    // The stream opens with its `ready` event, naming the caller; then it is left.
    const first = await firstSseBlock(res);
    expect(first, `${where}: the stream's first event`).toMatch(/^event: ready\ndata: \{.*\}$/s);
    const ready = JSON.parse(/^data: (.*)$/m.exec(first)![1]!) as { userId: string; resumedFrom: string | null };
    if (actor.userId) expect(ready.userId, `${where}: the stream's user`).toBe(actor.userId);
  }
  const text = contentType.startsWith('text/event-stream') ? '' : await res.text();
  const declared = t.op.responses[String(status)] ?? t.op.responses.default;
  expect(status, `${where}: a server error: ${text.slice(0, 800)}`).toBeLessThan(500);
  expect(declared, `${where}: status ${status} is not declared (declared: ${Object.keys(t.op.responses).join(', ')}); body ${text.slice(0, 500)}`).toBeDefined();
  let json: unknown;
  if (contentType.startsWith('application/json')) {
    json = JSON.parse(text);
  }
  if (status >= 400) {
    const envelope = responseValidator('/components/schemas/Error');
    expect(envelope(json), `${where}: ${status} is not the error envelope: ${text.slice(0, 500)} ${JSON.stringify(envelope.errors)}`).toBe(true);
    expect((json as { error: { requestId: string } }).error.requestId, `${where}: error without a request id`).not.toBe('');
    // A validation failure lists its issues as data: where, the rule and its params (docs/adr/0066).
    const { code, details } = (json as { error: { code: string; details?: unknown } }).error;
    if (code === 'VALIDATION_FAILED') {
      const issue = responseValidator('/components/schemas/ValidationIssue');
      expect(
        Array.isArray(details) && details.length > 0 && details.every((d) => issue(d)),
        `${where}: VALIDATION_FAILED without a list of issues: ${text.slice(0, 500)} ${JSON.stringify(issue.errors)}`,
      ).toBe(true);
    }
  }
  const media = declared!.content;
  if (!media) {
    expect(text, `${where}: ${status} declares no body but got one`).toBe('');
    return undefined;
  }
  const mediaType = Object.keys(media).find((m) => m === '*/*' || contentType.startsWith(m) || (m.endsWith('/*') && contentType.startsWith(m.slice(0, -1))));
  expect(mediaType, `${where}: content-type ${contentType} is not one of ${Object.keys(media).join(', ')}`).toBeDefined();
  if (mediaType === 'application/json' && media[mediaType]!.schema) {
    const validator = responseValidator(`/paths/${pointerPart(t.path)}/${t.method}/responses/${status in t.op.responses ? status : 'default'}/content/${pointerPart(mediaType)}/schema`);
    expect(validator(json), `${where}: ${status} body does not match its schema: ${JSON.stringify(validator.errors?.slice(0, 5))}; body ${text.slice(0, 1500)}`).toBe(true);
  }
  return json;
}

/** Sends, checks and keeps the actor's session alive (a sign-out or a new password changes it). */
async function call(actor: TActor, t: TOp, req: TRequest, valid: boolean): Promise<{ status: number; json: unknown }> {
  const stat = seen.get(t.key)!;
  if (valid) stat.valid++;
  else stat.invalid++;
  const res = await send(actor, t, req);
  const json = await check(actor, t, req, res);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = /ins_session=([^;]*)/.exec(setCookie);
  if (actor.userId && m) {
    const signedInAs = (json as { user?: { id?: string } } | undefined)?.user?.id;
    if (m[1] && (signedInAs === undefined || signedInAs === actor.userId)) {
      actor.cookie = `ins_session=${m[1]}`;
      actor.csrf = (json as { csrfToken?: string } | undefined)?.csrfToken ?? actor.csrf;
    } else {
      // Signed out, or signed in as someone else (which ended the caller's own session): the caller stays who it is.
      await reissue(actor);
    }
  }
  return { status: res.status, json };
}

/**
 * A fresh session for an actor whose session ended (signed out by a generated request). Made in
 * the database, not through sign-in: generated wrong passwords soon throttle sign-in for the
 * test's client address, as they should.
 */
async function reissue(actor: TActor): Promise<void> {
  const s = await createSession(database.db, actor.userId!, 3_600_000);
  actor.cookie = `ins_session=${s.token}`;
  actor.csrf = s.csrfToken;
}

function opByKey(key: string): TOp {
  const t = ops.find((o) => o.key === key);
  if (!t) throw new Error(`the document has no operation ${key}`);
  return t;
}

const actor = (name: string): TActor => actors.find((a) => a.name === name)!;

/** A request built by hand (fixtures, regressions), checked like the generated ones. */
async function callOk(who: string, key: string, req: Partial<TRequest>, expected: number): Promise<unknown> {
  const r = await call(actor(who), opByKey(key), { params: {}, query: {}, headers: {}, ...req }, true);
  expect(r.status, `${key} as ${who}: ${JSON.stringify(r.json)}`).toBe(expected);
  return r.json;
}

// ---------------------------------------------------------------------------------------------
// Generating requests from an operation's schemas

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** String form of a parameter value (path, query and header parameters travel as text). */
const asParam = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Valid requests of an operation, or requests broken in exactly one place when `valid` is false. */
function requestArb(t: TOp, valid: boolean): fc.Arbitrary<TRequest> | undefined {
  const params = t.op.parameters ?? [];
  const parts: { where: 'params' | 'query' | 'headers'; p: TParameter; ok: fc.Arbitrary<unknown>; bad?: fc.Arbitrary<unknown> }[] = params
    .filter((p) => p.in !== 'cookie')
    .map((p) => {
      const ctx = schemaContext(p.in === 'header');
      const where = p.in === 'path' ? 'params' : p.in === 'query' ? 'query' : 'headers';
      const ok = validArb(p.schema, ctx, p.name).map(asParam);
      const broken = invalidArb(p.schema, ctx);
      // Parameters travel as text: only what is still invalid as text counts (and headers must be sendable).
      const badValues =
        broken &&
        someOf(broken.map(asParam), (s) => (p.in !== 'header' || (/^[\x20-\x7e]*$/.test(s) && s.trim() === s)) && (p.in !== 'path' || s !== '') && !isValidRequestValue(p.schema, coerce(p.schema, s)));
      // A required query or header parameter left out (a path without its parameter is another route).
      const badList: fc.Arbitrary<unknown>[] = [...(badValues ? [badValues] : []), ...(p.required && p.in !== 'path' ? [fc.constant(undefined)] : [])];
      const bad = badList.length ? fc.oneof(...badList) : undefined;
      return { where, p, ok: p.required ? ok : fc.option(ok, { nil: undefined }), ...(bad ? { bad } : {}) };
    });
  const jsonSchema = t.op.requestBody?.content['application/json']?.schema;
  const ctx = schemaContext();
  const okBody: fc.Arbitrary<TRequest['body']> = jsonSchema
    ? validArb(jsonSchema, ctx).map((json) => ({ json }))
    : t.method === 'get' || t.method === 'delete'
      ? fc.constant(undefined)
      : fc.oneof(
          fc.constant({ raw: PNG }),
          fc.uint8Array({ maxLength: 4096 }).map((raw) => ({ raw })),
        );
  const badJson = jsonSchema ? invalidArb(jsonSchema, ctx) : undefined;
  const badBody: fc.Arbitrary<TRequest['body']> | undefined = jsonSchema
    ? fc.oneof(
        ...(badJson ? [badJson.map((json) => ({ json }))] : []),
        fc.constantFrom<TRequest['body']>(
          undefined,
          { raw: '', contentType: 'application/json' },
          { raw: '{"unterminated": ', contentType: 'application/json' },
          { raw: 'not json at all', contentType: 'application/json' },
          { raw: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', contentType: 'application/json' },
          { raw: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
          { raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
          { raw: '{"x":1}', contentType: 'text/plain' },
        ),
      )
    : undefined;

  const assemble = (values: unknown[], body: TRequest['body']): TRequest => {
    const r: TRequest = { params: {}, query: {}, headers: {}, ...(body === undefined ? {} : { body }) };
    parts.forEach((part, i) => {
      r[part.where][part.p.name] = values[i];
    });
    return r;
  };
  const okValues = fc.tuple(...parts.map((p) => p.ok));
  if (valid) return fc.tuple(okValues, okBody).map(([values, body]) => assemble(values, body));
  const breakers: fc.Arbitrary<TRequest>[] = [];
  parts.forEach((part, i) => {
    if (part.bad)
      breakers.push(
        fc.tuple(okValues, part.bad, okBody).map(([values, bad, body]) =>
          assemble(
            values.map((v, j) => (j === i ? bad : v)),
            body,
          ),
        ),
      );
  });
  if (badBody) breakers.push(fc.tuple(okValues, badBody).map(([values, body]) => assemble(values, body)));
  return breakers.length ? fc.oneof(...breakers) : undefined;
}

/** A generated "valid" request really is valid by the document (else the generator is wrong, not the API). */
function expectValidRequest(t: TOp, r: TRequest): void {
  for (const p of t.op.parameters ?? []) {
    const where = p.in === 'path' ? r.params : p.in === 'query' ? r.query : r.headers;
    const v = where[p.name];
    if (v === undefined) expect(p.required, `${t.key}: required ${p.name} left out`).not.toBe(true);
    else expect(isValidRequestValue(p.schema, coerce(p.schema, String(v))), `${t.key}: generated ${p.name}=${JSON.stringify(v)} is not valid`).toBe(true);
  }
  const schema = t.op.requestBody?.content['application/json']?.schema;
  if (schema && r.body && 'json' in r.body) expect(isValidRequestValue(schema, r.body.json), `${t.key}: generated body is not valid: ${JSON.stringify(r.body.json).slice(0, 300)}`).toBe(true);
}

/** A parameter's text as the server's validator reads it (numbers are coerced). */
function coerce(schema: TJsonSchema, s: string): unknown {
  const r = resolve(schema, doc);
  const types = Array.isArray(r.type) ? r.type : [r.type];
  return (types.includes('integer') || types.includes('number')) && s.trim() !== '' ? Number(s) : s;
}

// ---------------------------------------------------------------------------------------------

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const RECORD = {
  recordedAt: TODAY,
  place: 'Chợ Kim Sơn',
  recorder: 'Nguyễn Văn An',
  violatorName: 'Hộ kinh doanh X',
  offenderType: 'INDIVIDUAL',
  violationDate: TODAY,
  violationPlace: 'Kim Sơn',
  acts: [{ violation: 'ND98/2020:17.1.c', description: 'Hàng không rõ nguồn gốc' }],
  violatorSigned: true,
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  // The account admin routes may change at will (roles, team, active), so the demo users stay as they are.
  await createUser(database.db, {
    id: `${UNIT}.thu`,
    username: `${UNIT}.thu`,
    displayName: 'Tài khoản thử',
    password: 'mat-khau-thu-nghiem',
    roles: ['INSPECTOR'],
    unitId: UNIT,
    teamId: `${UNIT}-doi-1`,
  });
  temporal = await startTestWorker({ db: database.db });
  hub = new CaseEventHub(database.url);
  await hub.start();
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-oas-evidence-'));
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 256 * 1024 }, events: hub }));

  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as TDoc;
  const published = absoluteRefs({ ...doc, $id: DOC_ID });
  requestAjv.addSchema(published as object, DOC_ID);
  responseAjv.addSchema(closeObjects(published) as object, DOC_ID);
  ops = Object.entries(doc.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${p}`, method: m, path: p, op: item[m]! })));
  for (const t of ops) seen.set(t.key, { valid: 0, invalid: 0, statuses: {} });

  actors.push({ name: 'anonymous', address: '198.51.100.1' });
  // The unit's staff and the national department's (its national administrator changes the national configuration).
  for (const [i, u] of [...DEMO_USERS, ...DEMO_NATIONAL_USERS].entries()) {
    const s = await signIn(app, u.username);
    actors.push({ name: `${u.roles[0]} ${u.username}`, address: `198.51.100.${10 + i}`, userId: u.username, cookie: s.cookie, csrf: s.csrf });
  }
  const lead = actors.find((a) => a.userId === 'doitruong.cuong')!.name;
  const inspector = actors.find((a) => a.userId === 'kiemsoat.an')!.name;
  const admin = actors.find((a) => a.userId === 'quantri.minh')!.name;
  const national = actors.find((a) => a.userId === 'quocgia.thu')!.name;

  // Real objects for the generated requests to hit, made through the API itself (and checked too).
  const opened = (await callOk(lead, 'POST /api/v1/cases', { body: { json: { procedureId: 'ins-penalty', title: 'Vụ việc thử: hàng không rõ nguồn gốc' } } }, 201)) as { caseId: string };
  const advanced = (await callOk(lead, 'POST /api/v1/cases', { body: { json: { procedureId: 'ins-penalty', title: 'Vụ việc thử thứ hai' } } }, 201)) as { caseId: string };
  await callOk(inspector, 'POST /api/v1/cases/{caseId}/steps/{stepId}/complete', { params: { caseId: advanced.caseId, stepId: 'B1' }, body: { json: { outcome: 'RECORDED', data: RECORD } } }, 200);
  await callOk(lead, 'POST /api/v1/cases/{caseId}/steps/{stepId}/claim', { params: { caseId: advanced.caseId, stepId: 'B3' } }, 200);
  await callOk(inspector, 'POST /api/v1/cases/{caseId}/notes', { params: { caseId: advanced.caseId }, body: { json: { text: 'Đã làm việc với chủ hộ.' } } }, 200);
  const evidence = (await callOk(
    inspector,
    'POST /api/v1/evidence',
    { headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent('ảnh hiện trường.png') }, body: { raw: PNG } },
    201,
  )) as { sha256: string };
  // An integration account of team 1 (tokens are made only for one, or for the admin's own account).
  const integrationId = `${UNIT}.tich-hop`;
  await callOk(admin, 'POST /api/v1/integrations', { body: { json: { username: integrationId, displayName: 'Cổng dịch vụ công', roles: ['INSPECTOR', 'TEAM_LEAD'], teamId: `${UNIT}-doi-1` } } }, 201);
  const token = (await callOk(admin, 'POST /api/v1/tokens', { body: { json: { name: 'Tích hợp thử', userId: integrationId, scopes: ['cases:read'] } } }, 201)) as { id: string };
  // An integration with every scope, as one more caller (its id is not a hint: generated requests must not revoke it).
  const integration = (await callOk(admin, 'POST /api/v1/tokens', { body: { json: { name: 'Tích hợp đầy đủ', userId: integrationId, scopes: [...TOKEN_SCOPES] } } }, 201)) as { token: string };
  actors.push({ name: `API token of ${integrationId}, every scope`, address: '198.51.100.99', bearer: integration.token });
  // A role change asked by the second admin, for the first to approve (or reject) in generated requests.
  const secondAdmin = actors.find((a) => a.userId === 'quantri.oanh')!.name;
  const roleRequest = (await callOk(
    secondAdmin,
    'POST /api/v1/users/{id}/role-requests',
    { params: { id: `${UNIT}.thu` }, body: { json: { roles: ['INSPECTOR', 'SCHEDULER'], reason: 'Kiêm nhiệm lập kế hoạch' } } },
    201,
  )) as { id: string };
  const v1 = (await callOk(admin, 'GET /api/v1/procedures/{procedureId}/versions/{version}', { params: { procedureId: 'ins-penalty', version: 1 } }, 200)) as { definition: Record<string, unknown> };
  // The next version after the shipped ones (domain/procedures/index.ts: the penalty's 1–4).
  const nextPenalty = Math.max(...VN_PROCEDURES.filter((p) => p.id === 'ins-penalty').map((p) => p.version)) + 1;
  await callOk(
    national,
    'PUT /api/v1/procedures/{procedureId}/versions/{version}',
    { params: { procedureId: 'ins-penalty', version: nextPenalty }, body: { json: { ...v1.definition, version: nextPenalty } } },
    200,
  );
  await callOk(national, 'POST /api/v1/procedures/{procedureId}/versions/{version}/publish', { params: { procedureId: 'ins-penalty', version: nextPenalty } }, 200);
  // The unit's own variant of the national tip procedure (published) and a draft of its next version.
  const tip = (await callOk(admin, 'GET /api/v1/procedures/{procedureId}/versions/{version}', { params: { procedureId: 'ins-tip', version: 1 } }, 200)) as { definition: Record<string, unknown> };
  const variantId = `${UNIT}.ins-tip`;
  await callOk(
    admin,
    'PUT /api/v1/procedures/{procedureId}/versions/{version}',
    { params: { procedureId: variantId, version: 1 }, body: { json: { ...tip.definition, id: variantId, version: 1, variantOf: { procedureId: 'ins-tip', version: 1 } } } },
    200,
  );
  await callOk(admin, 'POST /api/v1/procedures/{procedureId}/versions/{version}/publish', { params: { procedureId: variantId, version: 1 } }, 200);
  await callOk(
    admin,
    'PUT /api/v1/procedures/{procedureId}/versions/{version}',
    { params: { procedureId: variantId, version: 2 }, body: { json: { ...tip.definition, id: variantId, version: 2, variantOf: { procedureId: 'ins-tip', version: 1 } } } },
    200,
  );
  const cases = [opened.caseId, advanced.caseId];
  // The demo campaign approved, with one run recorded: the report and run routes answer with a run
  // (its findings and lines) on every pass, not only when a generated trigger came first (a report
  // with a run once failed its schema, and only on the passes that had one).
  const director = actors.find((a) => a.userId === 'chicuctruong.hai')!.name;
  await callOk(director, 'POST /api/v1/campaigns/{campaignId}/versions/{version}/approve', { params: { campaignId: DEMO_CAMPAIGN_ID, version: 1 } }, 200);
  await callOk(director, 'POST /api/v1/campaigns/{campaignId}/trigger', { params: { campaignId: DEMO_CAMPAIGN_ID } }, 202);
  for (let i = 0; !(await listCampaignRuns(database.db, UNIT, DEMO_CAMPAIGN_ID)).length; i++) {
    if (i > 300) throw new Error('the demo campaign’s triggered run was not recorded within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }

  const versions = await database.db.selectFrom('procedure_version').select(['procedure_id', 'version']).execute();
  const params = await database.db
    .selectFrom('legal_parameter')
    .select(['key'])
    .select((eb) => eb.fn<string>('to_char', ['effective_from', eb.val('YYYY-MM-DD')]).as('from'))
    .execute();
  const violations = await database.db.selectFrom('violation').select('code').execute();
  const steps = ['B1', 'B3', 'B4', 'B5', 'A5'];
  Object.assign(real, {
    caseId: cases,
    stepId: steps,
    procedureId: [...new Set(versions.map((v) => v.procedure_id))],
    version: [1, 2, 3],
    toVersion: [1, 2, 3],
    from: [TODAY, 1],
    to: [TODAY, 2],
    id: [token.id, `${UNIT}.thu`, `${UNIT}-doi-1`, roleRequest.id],
    userId: ['kiemsoat.an', `${UNIT}.thu`, integrationId, 'quantri.minh'],
    assigneeId: ['kiemsoat.an', 'doitruong.cuong'],
    teamId: [`${UNIT}-doi-1`, `${UNIT}-doi-2`],
    unitId: [UNIT],
    sha256: [evidence.sha256],
    failureSeq: [1, 2],
    // No deputy in this file's unit: a delegation is refused at its people (422) and none is found to revoke (404).
    delegationId: ['gq-none'],
    grantorId: ['chicuctruong.hai'],
    delegateId: ['doitruong.cuong', 'kiemsoat.an'],
    key: params.map((p) => p.key),
    effectiveFrom: params.map((p) => p.from),
    code: violations.map((v) => v.code),
    violationCode: violations.map((v) => v.code),
    date: [TODAY, '2026-09-02', '2027-01-01'],
    outcome: ['RECORDED', 'EXPLAINED', 'NO_VIOLATION'],
    // Sign-in with real accounts: the right password sometimes, so that it gets past the throttle's
    // checks to a session (and a known-device cookie), not only to 401 and 429.
    username: [...DEMO_USERS.map((u) => u.username), ...DEMO_NATIONAL_USERS.map((u) => u.username), integrationId, `${UNIT}.thu`],
    password: [DEMO_PASSWORD, DEMO_PASSWORD, 'mat-khau-thu-nghiem', 'wrong-password-1'],
    'content-type': ['image/png', 'application/pdf', 'image/jpeg; charset=binary'],
    'x-file-name': [encodeURIComponent('biên bản.pdf'), 'photo.png', '%E0%A4%A'],
  });
}, 240_000);

afterAll(async () => {
  // The schedules of this file's unit (the demo campaign's, any a generated approval made) go with it.
  if (temporal)
    for await (const sc of temporal.client.schedule.list())
      if (sc.scheduleId.startsWith(`campaign/${UNIT}/`))
        await temporal.client.schedule
          .getHandle(sc.scheduleId)
          .delete()
          .catch(() => undefined);
  await close?.();
  await hub?.stop();
  await temporal?.shutdown();
  await database?.drop();
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await validateOpenApi(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
    expect((doc as unknown as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });

  it('is refused by the validator when broken, so the check above can fail', async () => {
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { parameters: { in: string }[] }>> };
    broken.paths['/api/v1/inbox']!.get!.parameters[0]!.in = 'body';
    expect((await validateOpenApi(broken as never)).valid).toBe(false);
  });

  it('declares a real schema for every JSON body of every success response', () => {
    const loose: string[] = [];
    for (const t of ops) {
      for (const [status, r] of Object.entries(t.op.responses)) {
        const schema = r.content?.['application/json']?.schema;
        if (!schema || !status.startsWith('2')) continue;
        const s = resolve(schema, doc);
        // `z.record(z.string(), z.unknown())` at the top level, or an object with no properties.
        if (s.type === 'object' && !s.properties && !s.oneOf && !s.anyOf) loose.push(`${t.key} ${status}`);
      }
    }
    expect(loose).toEqual([]);
  });
});

describe('every operation, driven by its own schemas', () => {
  it('answers every caller, with valid and invalid input, with no 5xx and only what it declares', async () => {
    // Each operation is its own property: one failing operation does not hide the others.
    const failures: string[] = [];
    const breakable = new Set<string>();
    for (const t of ops) {
      for (const valid of [true, false]) {
        const req = requestArb(t, valid);
        if (!req) continue;
        if (!valid) breakable.add(t.key);
        if (TRACE) appendFileSync(TRACE, `${new Date().toISOString()} ${t.key} ${valid ? 'valid' : 'invalid'}\n`);
        // Half the runs as anyone; the other half as the callers that got past authentication and
        // role checks in the first half, so that the handlers' deeper paths get their share.
        const admitted = new Set<TActor>();
        for (const who of [actors, undefined]) {
          const callers = who ?? actors.filter((a) => admitted.has(a));
          if (!callers.length) continue;
          // Two callers at once (one when only one got through), each with its own request.
          const pair = fc.uniqueArray(fc.constantFrom(...callers), { minLength: Math.min(2, callers.length), maxLength: Math.min(2, callers.length), selector: (a) => a.name });
          await fc
            .assert(
              fc.asyncProperty(pair, fc.tuple(req, req), async (pairOf, [r1, r2]) => {
                const sent = pairOf.map((a, i) => ({ a, r: i === 0 ? r1 : r2 }));
                if (valid) for (const { r } of sent) expectValidRequest(t, r);
                const answers = await Promise.all(sent.map(({ a, r }) => call(a, t, r, valid)));
                answers.forEach(({ status }, i) => {
                  if (status !== 401 && status !== 403) admitted.add(sent[i]!.a);
                });
              }),
              { numRuns: Math.ceil(RUNS / 2), ...(SEED === undefined ? {} : { seed: SEED }), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false },
            )
            .catch((err: unknown) => {
              const e = err as Error & { cause?: Error };
              failures.push(`${t.key}, ${valid ? 'valid' : 'invalid'} input: ${e.message.split('\nHint:')[0]}\n${e.cause?.message ?? ''}`);
            });
        }
      }
    }
    const summary = [...seen].map(
      ([k, s]) =>
        `${k}: ${s.valid} valid, ${s.invalid} invalid → ${Object.entries(s.statuses)
          .map(([st, n]) => `${st}×${n}`)
          .join(' ')}`,
    );
    console.log(`OpenAPI property test (${RUNS} runs per operation and kind of input):\n${summary.join('\n')}`);
    const neverCalled = [...seen].filter(([k, s]) => s.valid === 0 || (breakable.has(k) && s.invalid === 0)).map(([k]) => k);
    expect(neverCalled, 'operations never exercised').toEqual([]);
    expect(failures.join('\n\n')).toBe('');
  }, 600_000);
});

/** What the property test found, kept as examples so the fixes stay fixed. */
describe('regressions found by the property test', () => {
  it('answers a JSON body sent as text/plain with a 400 naming the content type, not an undeclared 415', async () => {
    const r = await call(actor('anonymous'), opByKey('POST /api/v1/fines/quote'), { params: {}, query: {}, headers: {}, body: { raw: '{"x":1}', contentType: 'text/plain' } }, false);
    expect(r.status).toBe(400);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/^content-type: /);
  });

  it('refuses a procedure version beyond PostgreSQL’s integer with a 400, not a 500', async () => {
    const who = actors.find((a) => a.userId === 'quantri.minh')!.name;
    for (const [key, req] of [
      ['GET /api/v1/procedures/{procedureId}/versions/{version}', { params: { procedureId: 'ins-penalty', version: '2147483648' } }],
      ['GET /api/v1/procedures/{procedureId}/diff', { params: { procedureId: 'ins-penalty' }, query: { from: '1', to: '99999999999' } }],
      ['POST /api/v1/cases/{caseId}/migrate', { params: { caseId: real.caseId![0] }, body: { json: { toVersion: 2 ** 31, dryRun: true } } }],
    ] as const) {
      const r = await call(actor(who), opByKey(key), { query: {}, headers: {}, ...req }, false);
      expect(r.status, key).toBe(400);
    }
  });

  it('refuses a NUL character in a case title at once with a 400 naming the field, and opens no case (it hung: the case could not reach the read model)', async () => {
    const lead = actors.find((a) => a.userId === 'doitruong.cuong')!.name;
    const before = await database.db.selectFrom('case_counter').select(['scope', 'last']).execute();
    const r = await call(actor(lead), opByKey('POST /api/v1/cases'), { params: {}, query: {}, headers: {}, body: { json: { procedureId: 'ins-penalty', title: 'Vụ\u0000việc' } } }, false);
    expect(r.status).toBe(400);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/^title: must not contain the NUL character/);
    expect(await database.db.selectFrom('case_counter').select(['scope', 'last']).execute()).toEqual(before);
  });

  it('refuses an unpaired surrogate in step form data with a 400 naming its path, and the case goes on', async () => {
    const inspector = actors.find((a) => a.userId === 'kiemsoat.an')!.name;
    const caseId = real.caseId![0] as string;
    const r = await call(
      actor(inspector),
      opByKey('POST /api/v1/cases/{caseId}/steps/{stepId}/complete'),
      { params: { caseId, stepId: 'B1' }, query: {}, headers: {}, body: { json: { outcome: 'RECORDED', data: { ...RECORD, acts: [{ violation: 'ND98/2020:17.1.c', description: 'x\ud800' }] } } } },
      false,
    );
    expect(r.status).toBe(400);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/^data\.acts\.0\.description: /);
    const note = await call(actor(inspector), opByKey('POST /api/v1/cases/{caseId}/notes'), { params: { caseId }, query: {}, headers: {}, body: { json: { text: 'Vẫn làm việc được.' } } }, true);
    expect(note.status).toBe(200);
  });

  it('refuses a NUL character in a path parameter, a query and the text columns of admin routes with a 400, not a 500', async () => {
    const admin = actors.find((a) => a.userId === 'quantri.minh')!.name;
    const national = actors.find((a) => a.userId === 'quocgia.thu')!.name;
    for (const [who, key, req] of [
      [admin, 'GET /api/v1/procedures/{procedureId}/versions/{version}', { params: { procedureId: '\u0000', version: '1' } }],
      [admin, 'GET /api/v1/calendar/days', { query: { from: '2026-01-01\u0000' } }],
      [admin, 'POST /api/v1/tokens', { body: { json: { name: '\u0000', userId: 'quantri.minh', scopes: ['cases:read'] } } }],
      [national, 'PUT /api/v1/calendar/days/{date}', { params: { date: TODAY }, body: { json: { isWorkingDay: false, reason: 'Nghỉ\u0000', status: 'ANNOUNCED', source: 'x' } } }],
      // The procedure's owner is looked up from the path before validation: a NUL is never sent to the database.
      [national, 'PUT /api/v1/procedures/{procedureId}/versions/{version}', { params: { procedureId: 'ins\u0000tip', version: '1' }, body: { json: {} } }],
      [admin, 'POST /api/v1/auth/login', { body: { json: { username: 'quantri.minh\u0000', password: 'x' } } }],
    ] as const) {
      const r = await call(actor(who), opByKey(key), Object.assign({ params: {}, query: {}, headers: {} }, req) as TRequest, false);
      expect(r.status, key).toBe(400);
    }
  });

  it('refuses JSON nested thousands deep with a 400 naming where, on every route with a body, to every caller the route admits', async () => {
    const deep = `{"data":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const t of ops.filter((o) => o.op.requestBody?.content['application/json'])) {
      const req: TRequest = {
        params: Object.fromEntries((t.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, real[p.name]?.[0] ?? 'x'])),
        query: {},
        headers: {},
        body: { raw: deep, contentType: 'application/json' },
      };
      // Callers the route does not admit are refused before their body is read (401/403, never its schema).
      let admitted = 0;
      for (const a of actors) {
        const r = await call(a, t, req, false);
        if (r.status === 401 || r.status === 403) continue;
        admitted++;
        expect(r.status, `${t.key} as ${a.name}`).toBe(400);
        expect((r.json as { error: { message: string } }).error.message, `${t.key} as ${a.name}`).toMatch(/^data(\.0)+: must not nest deeper than 64 levels/);
      }
      expect(admitted, t.key).toBeGreaterThan(0);
    }
  });

  it('answers an API token on a route tokens may not call with a declared 403 (sign-in, who am I)', async () => {
    const integration = actors.find((a) => a.bearer)!;
    expect((await call(integration, opByKey('GET /api/v1/auth/me'), { params: {}, query: {}, headers: {} }, true)).status).toBe(403);
    expect((await call(integration, opByKey('POST /api/v1/auth/login'), { params: {}, query: {}, headers: {}, body: { json: { username: 'kiemsoat.an', password: 'x' } } }, true)).status).toBe(403);
  });

  it('declares a nullable reference so that null passes (zod-to-openapi renders `.nullable()` of a $ref as an allOf that refuses it)', () => {
    const offending: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const s = node as Record<string, unknown>;
      if (Array.isArray(s.allOf) && s.allOf.some((p) => Array.isArray((p as { type?: unknown }).type) && (p as { type: string[] }).type.includes('null'))) offending.push(at);
      for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
    };
    walk(doc, '#');
    expect(offending).toEqual([]);
    const task = (doc.components!.schemas!.CaseTask as { properties: Record<string, unknown> }).properties.deadline;
    expect(isValidRequestValue(task as TJsonSchema, null)).toBe(true);
  });
});
