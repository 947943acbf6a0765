/**
 * The chaos script's users talk to the API exactly as the web app does (web/src/lib/api.ts): a
 * session cookie from `POST /api/v1/auth/login`, the session's `X-CSRF-Token` on every POST, and an
 * `Idempotency-Key` per intended action. What the web app leaves to the person (try again) this
 * client does at once: a network error, a 5xx, a 409 "key in use", a 429 is sent again with the
 * SAME key until a definitive answer arrives; a 401 signs in again first. Any other answer is
 * definitive: a 2xx is the result, a 4xx a refusal that fails the case.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../db/demo-data.js';

class ChaosRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ChaosRequestError';
  }
}

interface TSession {
  cookie: string;
  csrf: string;
}

export interface TClientStats {
  /** Requests sent, including every retry. */
  requests: number;
  /** Requests sent again (same key) after a network error, 5xx, 409 in use, 429 or 401. */
  retries: number;
  /** Answers replayed from a stored Idempotency-Key (`Idempotency-Replayed: true`). */
  replayed: number;
  /** Why requests were sent again: `network`, `503`, `409`, … */
  retryReasons: Record<string, number>;
  /** The first answers 500 (method, path, request id): each is a bug to look up in the API's log. */
  internalErrors: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field by the scenario
type TBody = any;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class ChaosClient {
  readonly stats: TClientStats = { requests: 0, retries: 0, replayed: 0, retryReasons: {}, internalErrors: [] };
  private readonly sessions = new Map<string, Promise<TSession>>();

  constructor(
    private readonly base: string,
    /** How long one action may take, retries included, before the case is given up. */
    private readonly actionTimeoutMs: number,
    /** One request's own limit (a hung connection is a network error). */
    private readonly requestTimeoutMs = 60_000,
  ) {}

  private retried(reason: string, what?: string): void {
    if (reason === '500' && what && this.stats.internalErrors.length < 20) this.stats.internalErrors.push(what);
    this.stats.retries++;
    this.stats.retryReasons[reason] = (this.stats.retryReasons[reason] ?? 0) + 1;
  }

  private async backoff(attempt: number, retryAfter: string | null): Promise<void> {
    const asked = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const own = Math.min(2_000, 200 * 2 ** Math.min(attempt, 4));
    await sleep(Math.min(10_000, Math.max(asked, own * (0.5 + Math.random() / 2))));
  }

  private session(username: string, renew = false): Promise<TSession> {
    if (renew) this.sessions.delete(username);
    let s = this.sessions.get(username);
    if (!s) {
      s = this.signIn(username);
      this.sessions.set(username, s);
      s.catch(() => this.sessions.delete(username));
    }
    return s;
  }

  /** Signs in (retrying while the system is down); sign-in takes no Idempotency-Key, its answer is a new session. */
  private async signIn(username: string): Promise<TSession> {
    const deadline = Date.now() + this.actionTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new ChaosRequestError(`sign-in of ${username}: no answer within ${this.actionTimeoutMs / 1000} s`);
      let res: Response;
      try {
        this.stats.requests++;
        res = await fetch(`${this.base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
      } catch {
        this.retried('network');
        await this.backoff(attempt, null);
        continue;
      }
      if (res.status === 200) {
        const body = (await res.json()) as { csrfToken: string };
        return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
      }
      const text = await res.text().catch(() => '');
      if (res.status >= 500 || res.status === 429) {
        this.retried(String(res.status), `POST /api/v1/auth/login: ${text.slice(0, 200)}`);
        await this.backoff(attempt, res.headers.get('retry-after'));
        continue;
      }
      throw new ChaosRequestError(`sign-in of ${username}: ${res.status} ${text.slice(0, 300)}`, res.status);
    }
  }

  /**
   * One intended action (a POST): one Idempotency-Key, sent again with the same key until a
   * definitive answer. Returns the 2xx body; throws on a refusal or when time runs out.
   */
  async action(username: string, path: string, body: unknown): Promise<TBody> {
    const key = `chaos-${randomUUID()}`;
    const deadline = Date.now() + this.actionTimeoutMs;
    let last = '';
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new ChaosRequestError(`POST ${path}: no definitive answer within ${this.actionTimeoutMs / 1000} s (last: ${last})`);
      const s = await this.session(username);
      let res: Response;
      try {
        this.stats.requests++;
        res = await fetch(`${this.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
      } catch (err) {
        last = `network: ${(err as Error).message}`;
        this.retried('network');
        await this.backoff(attempt, null);
        continue;
      }
      const text = await res.text().catch(() => '');
      if (res.ok) {
        if (res.headers.get('idempotency-replayed') === 'true') this.stats.replayed++;
        return text ? JSON.parse(text) : undefined;
      }
      const error = (() => {
        try {
          return (JSON.parse(text) as { error?: { code?: string; message?: string; details?: { reason?: string }; requestId?: string } }).error;
        } catch {
          return undefined;
        }
      })();
      last = `${res.status} ${error?.code ?? ''} ${error?.message ?? text.slice(0, 200)}`;
      if (res.status === 401) {
        this.retried('401');
        await this.session(username, true);
        continue;
      }
      if (res.status >= 500 || res.status === 429 || (res.status === 409 && error?.details?.reason === 'IDEMPOTENCY_KEY_IN_USE')) {
        this.retried(String(res.status), `POST ${path}: ${text.slice(0, 200)}`);
        await this.backoff(attempt, res.headers.get('retry-after'));
        continue;
      }
      throw new ChaosRequestError(`POST ${path}: ${res.status} ${error?.code ?? ''}: ${error?.message ?? text.slice(0, 300)} (request ${error?.requestId ?? '?'})`, res.status, error?.code);
    }
  }

  /** A PUT (idempotent by its meaning: no key), sent again on a network error, 5xx, 429 or 401. */
  async put(username: string, path: string, body: unknown): Promise<TBody> {
    const deadline = Date.now() + this.actionTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new ChaosRequestError(`PUT ${path}: no definitive answer within ${this.actionTimeoutMs / 1000} s`);
      const s = await this.session(username);
      let res: Response;
      try {
        this.stats.requests++;
        res = await fetch(`${this.base}${path}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
      } catch {
        this.retried('network');
        await this.backoff(attempt, null);
        continue;
      }
      const text = await res.text().catch(() => '');
      if (res.ok) return text ? JSON.parse(text) : undefined;
      if (res.status === 401) {
        this.retried('401');
        await this.session(username, true);
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        this.retried(String(res.status), `PUT ${path}: ${text.slice(0, 200)}`);
        await this.backoff(attempt, res.headers.get('retry-after'));
        continue;
      }
      throw new ChaosRequestError(`PUT ${path}: ${res.status} ${text.slice(0, 300)}`, res.status);
    }
  }

  /** A read; network errors, 5xx and 401 are tried again. Returns the status and body (404 included). */
  async read(username: string, path: string): Promise<{ status: number; body: TBody }> {
    const deadline = Date.now() + this.actionTimeoutMs;
    let last = '';
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new ChaosRequestError(`GET ${path}: no answer within ${this.actionTimeoutMs / 1000} s (last: ${last})`);
      const s = await this.session(username);
      let res: Response;
      try {
        this.stats.requests++;
        res = await fetch(`${this.base}${path}`, { headers: { cookie: s.cookie }, signal: AbortSignal.timeout(this.requestTimeoutMs) });
      } catch (err) {
        last = `network: ${(err as Error).message}`;
        this.retried('network');
        await this.backoff(attempt, null);
        continue;
      }
      const text = await res.text().catch(() => '');
      if (res.status === 401) {
        last = '401';
        this.retried('401');
        await this.session(username, true);
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        last = `${res.status} ${text.slice(0, 200)}`;
        this.retried(String(res.status), `GET ${path}: ${text.slice(0, 200)}`);
        await this.backoff(attempt, res.headers.get('retry-after'));
        continue;
      }
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }
  }

  /** Reads `path` until `until` holds of a 200 answer, or the time runs out. */
  async waitFor(username: string, path: string, what: string, until: (body: TBody) => boolean, timeoutMs: number): Promise<TBody> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.read(username, path);
      if (r.status === 200 && until(r.body)) return r.body;
      if (Date.now() > deadline) throw new ChaosRequestError(`waited ${timeoutMs / 1000} s for ${what} (last answer ${r.status})`);
      await sleep(500);
    }
  }
}
