/**
 * The one way the web app talks to the API: JSON over fetch with the session cookie, the session's
 * CSRF token on every state-changing request and an Idempotency-Key on every POST. A refusal
 * arrives as `ApiError` carrying the server's code, message, legal basis and request id.
 */
import type { TFileRef, TValidationIssue } from './contract/types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly legalBasis?: string,
    readonly requestId?: string,
    readonly details?: unknown,
    /** The rule that refused and what it is about (a workflow refusal, docs/adr/0060): what the screens word it from. */
    readonly refusal?: { rule: string; params: Record<string, unknown> },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isIssue = (d: unknown): d is TValidationIssue => {
  const i = d as Partial<Record<keyof TValidationIssue, unknown>> | null;
  return typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string' && typeof i.rule === 'string';
};

/**
 * The validation issues a refusal lists in `details` (a 400 VALIDATION_FAILED, a 409 or 422 that
 * names a field): where, the rule and its params. None for other refusals. Pages word them from the
 * rule, never from the message (docs/adr/0066).
 */
export function validationIssues(err: ApiError | undefined): TValidationIssue[] {
  return err && Array.isArray(err.details) ? (err.details as unknown[]).filter(isIssue) : [];
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401 outside sign-in). */
export function setSignedOutHandler(handler: (() => void) | undefined): void {
  onSignedOut = handler;
}

/** A random key for Idempotency-Key; `crypto.randomUUID` needs a secure context, this does not. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The server's refusal in a response, as an `ApiError`. */
export async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; legalBasis?: string; requestId?: string; details?: unknown; rule?: string; params?: Record<string, unknown> } } | undefined;
  const e = body?.error;
  const refusal = typeof e?.rule === 'string' ? { rule: e.rule, params: e.params ?? {} } : undefined;
  return new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.legalBasis, e?.requestId, e?.details, refusal);
}

/** The session's CSRF header, for requests sent without `api()` (a file as the body). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export interface TRequestOptions {
  body?: unknown;
  /** The same key for retries of one intended action (the server replays or refuses duplicates). */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** A body that is not JSON (e.g. a CSV file), sent as it is with its type. */
  text?: { body: string; type: string };
}

/** The headers a request of `method` carries: JSON, the session's CSRF token unless GET, an Idempotency-Key on POST. */
export function requestHeaders(method: string, hasBody: boolean, idempotencyKey?: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (method === 'POST') headers['idempotency-key'] = idempotencyKey ?? newIdempotencyKey();
  return headers;
}

/** A 401 outside sign-in means the session is gone: the app signs out. */
export function signedOut(status: number, path: string): void {
  if (status === 401 && path !== '/api/v1/auth/login' && path !== '/api/v1/auth/me') onSignedOut?.();
}

/**
 * A request by a path built at run time, typed by the caller with a generated type
 * (lib/api/types.ts). Reads with a fixed path use the typed client (lib/api/client.ts) instead.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: TRequestOptions = {}): Promise<T> {
  const headers = requestHeaders(method, opts.body !== undefined, opts.idempotencyKey);
  if (opts.text) headers['content-type'] = opts.text.type;
  const res = await send(path, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : opts.text ? { body: opts.text.body } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Sends a request of the signed-in user: a connection that fails, or an error answer, is an ApiError (a 401 also signs out). */
async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (!res.ok) {
    const error = await toError(res);
    signedOut(res.status, path);
    throw error;
  }
  return res;
}

/** Uploads one file as evidence (the body is the file); returns its content-addressed reference. */
export async function uploadEvidence(file: File): Promise<TFileRef> {
  let res: Response;
  try {
    res = await fetch('/api/v1/evidence', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: file,
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as TFileRef;
}

/**
 * A draft of the paper an open step issues, filled from the form as it stands (`POST
 * …/steps/{stepId}/documents/{type}/preview`): a PDF with no number and "DỰ THẢO" across it. It
 * changes nothing, so it takes no Idempotency-Key; the CSRF token it needs like every POST.
 */
export async function previewDocument(caseId: string, stepId: string, type: string, body: { outcome?: string; data: Record<string, unknown> }, signal?: AbortSignal): Promise<Blob> {
  const path = `${casePath(caseId)}/steps/${encodeURIComponent(stepId)}/documents/${encodeURIComponent(type)}/preview`;
  const res = await send(path, {
    method: 'POST',
    headers: { accept: 'application/pdf, application/json', 'content-type': 'application/json', ...csrfHeaders() },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return res.blob();
}

/** Path of a case in the API (its id has slashes, so it is encoded). */
export function casePath(caseId: string): string {
  return `/api/v1/cases/${encodeURIComponent(caseId)}`;
}

/** Path of a case in the web app: its id's segments as they are (readable, shareable). */
export function caseUrl(caseId: string): string {
  return `/cases/${caseId.split('/').map(encodeURIComponent).join('/')}`;
}
