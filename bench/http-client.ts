/**
 * The benchmarks' HTTP client of the INS API: a demo user's session (cookie and CSRF token), and
 * requests that throw on any answer but 2xx (each POST with its own Idempotency-Key).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../db/demo-data.js';

export interface TSession {
  username: string;
  cookie: string;
  csrf: string;
}

export class HttpError extends Error {}

export async function signIn(base: string, username: string): Promise<TSession> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const body = (await res.json()) as { csrfToken: string };
  if (res.status !== 200) throw new HttpError(`sign-in of ${username}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { username, cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
export async function post(base: string, s: TSession, urlPath: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `bench-${randomUUID()}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new HttpError(`POST ${urlPath}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
export async function get(base: string, s: TSession, urlPath: string): Promise<any> {
  const res = await fetch(`${base}${urlPath}`, { headers: { cookie: s.cookie } });
  const text = await res.text();
  if (!res.ok) throw new HttpError(`GET ${urlPath}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export const casePath = (caseId: string): string => `/api/v1/cases/${encodeURIComponent(caseId)}`;
