/**
 * The benchmarks' HTTP client of the INS API: a demo user's session (cookie and CSRF token), and
 * requests that throw on any answer but 2xx (each POST with its own Idempotency-Key).
 *
 * On `node:http` with a keep-alive agent, not the global `fetch`: the client runs on the machine it
 * measures, and `fetch` (undici and its web streams) cost about 1 ms of CPU a request here, as much
 * as a tenth of an INS step's, which the raw baseline's gRPC client does not pay (bench/README.md).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../db/demo-data.js';

/** One pool of kept-alive connections for every client of the run. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

interface TAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request: its answer's status, headers and body as text. */
export function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const headers = init.body === undefined ? init.headers : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
    const req = http.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const ok = (status: number): boolean => status >= 200 && status < 300;

export interface TSession {
  username: string;
  cookie: string;
  csrf: string;
}

export class HttpError extends Error {}

export async function signIn(base: string, username: string): Promise<TSession> {
  const res = await request(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new HttpError(`sign-in of ${username}: ${res.status} ${res.text.slice(0, 300)}`);
  const body = JSON.parse(res.text) as { csrfToken: string };
  return { username, cookie: res.headers['set-cookie']![0]!.split(';')[0]!, csrf: body.csrfToken };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
export async function post(base: string, s: TSession, urlPath: string, body: unknown): Promise<any> {
  const res = await request(`${base}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `bench-${randomUUID()}` },
    body: JSON.stringify(body),
  });
  if (!ok(res.status)) throw new HttpError(`POST ${urlPath}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.text ? JSON.parse(res.text) : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
export async function get(base: string, s: TSession, urlPath: string): Promise<any> {
  const res = await request(`${base}${urlPath}`, { headers: { cookie: s.cookie } });
  if (!ok(res.status)) throw new HttpError(`GET ${urlPath}: ${res.status} ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text);
}

export const casePath = (caseId: string): string => `/api/v1/cases/${encodeURIComponent(caseId)}`;
