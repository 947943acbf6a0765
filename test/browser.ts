/**
 * Browser tests: the real app (a test database with the demo unit, a worker on the test Temporal
 * server, the API serving the built web app on a free port, live events, an evidence store) driven
 * by Debian's Chromium through playwright-core. No browser is ever downloaded.
 *
 * Every page is watched: a page error or a console error fails the test, and so does any HTTP
 * error response the test did not declare (Chromium logs each as "Failed to load resource").
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { Activities, ActivityDeps } from '../activities/index.js';
import { createApp } from '../api/app.js';
import type { TPaymentSettings } from '../api/routes/payments.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { CaseEventHub } from '../lib/case-events.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { createLogger } from '../lib/logger.js';
import { WEB_DIST_DIR } from '../lib/web-build.js';
import type { TTipSettings } from '../api/services/public-tips.js';
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENS_DIR = path.resolve(import.meta.dirname, 'artifacts', 'screens');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
] as const;

export interface TRunningApp {
  baseUrl: string;
  unit: string;
  database: TestDatabase;
  browser: Browser;
  stop(): Promise<void>;
}

export interface TBrowserAppOptions {
  /** Activities replaced in the test worker (e.g. `compressedDeadlines()` from case-support.ts). */
  activityOverrides?: Partial<Activities>;
  /** Chromium's fake camera and microphone, allowed without asking (getUserMedia works headless). */
  fakeCamera?: boolean;
  /** Public tips' limits and proof-of-work difficulty (default: the API's). */
  publicTips?: Partial<TTipSettings>;
  /** The keys payment callbacks are signed with (none: every callback is refused). */
  payments?: TPaymentSettings;
  /** The worker's papers: their public address and signing certificate (default: localhost, unsigned). */
  documents?: ActivityDeps['documents'];
}

/** The whole app on a free port, with the demo unit `unit`, and a headless Chromium. */
export async function startBrowserApp(opts: TBrowserAppOptions = {}): Promise<TRunningApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) throw new Error('web/dist is missing: the test setup builds it (lib/web-build.ts).');
  const unit = `nb${randomUUID().slice(0, 6)}`;
  const database = await createTestDatabase();
  await seedDemoData(database.db, unit);
  const temporal: TestTemporal = await startTestWorker({ db: database.db, ...(opts.documents ? { documents: opts.documents } : {}) }, opts.activityOverrides);
  const hub = new CaseEventHub(database.url);
  await hub.start();
  const evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-web-evidence-'));
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const app = createApp({
    db: database.db,
    temporal: new Client({ connection, namespace: 'default' }),
    taskQueue: temporal.taskQueue,
    log: createLogger({ level: 'silent', name: 'browser-test' }),
    webDistDir: WEB_DIST_DIR,
    publicRateLimit: 10_000,
    evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 5 * 1024 * 1024 },
    events: hub,
    ...(opts.publicTips ? { publicTips: opts.publicTips } : {}),
    ...(opts.payments ? { payments: opts.payments } : {}),
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  // playwright-core gives the browser a fresh user-data-dir of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.fakeCamera ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : []),
    ],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    unit,
    database,
    browser,
    async stop() {
      await browser.close().catch(() => undefined);
      // Live-event streams stay open until their clients go: close them with the server.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await hub.stop();
      await connection.close();
      await temporal.shutdown();
      await database.drop();
      await rm(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** What went wrong on a page that the test did not ask for. */
export interface TPageWatch {
  /** HTTP error responses the test expects, as `METHOD /path STATUS` patterns. */
  expect(...patterns: RegExp[]): void;
  /** Requests the test makes fail on purpose (a dropped connection), as `METHOD /path` patterns. */
  expectFailures(...patterns: RegExp[]): void;
  /** Fails (throws) on any page error, console error or undeclared HTTP error response. */
  assertClean(): void;
}

function watchPage(page: Page): TPageWatch {
  const problems: string[] = [];
  const httpErrors: string[] = [];
  const expected: RegExp[] = [];
  const failures: RegExp[] = [];
  const failed: string[] = [];
  const planned = (request: string): boolean => failures.some((p) => p.test(request));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium reports every HTTP error response this way; those are checked one by one below.
    if (/^Failed to load resource: the server responded with a status of \d{3}/.test(msg.text())) return;
    // A request failed on purpose is reported as such too (without its method): checked below by its request.
    if (/^Failed to load resource: net::ERR_/.test(msg.text()) && ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].some((m) => planned(`${m} ${new URL(msg.location().url).pathname}`))) return;
    problems.push(`console error: ${msg.text()} (${msg.location().url}:${msg.location().lineNumber})`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    httpErrors.push(`${res.request().method()} ${new URL(res.url()).pathname} ${res.status()}`);
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    // Leaving a page aborts its live-event stream and pending reads: that is not a failure.
    if (/ERR_ABORTED/.test(failure)) return;
    const request = `${req.method()} ${new URL(req.url()).pathname}`;
    if (!planned(request)) failed.push(`request failed: ${request} ${failure}`);
  });
  return {
    expect(...patterns) {
      expected.push(...patterns);
    },
    expectFailures(...patterns) {
      failures.push(...patterns);
    },
    assertClean() {
      const unexpected = httpErrors.filter((e) => !expected.some((p) => p.test(e)));
      const all = [...problems, ...failed, ...unexpected.map((e) => `unexpected HTTP error: ${e}`)];
      if (all.length) throw new Error(`The page reported problems:\n${all.join('\n')}`);
    },
  };
}

/**
 * A fresh browser context (its own cookies, storage and cache) and a watched page in it; `options`
 * change the context's (a tablet's viewport and touch, a signed-in session's storage state).
 */
export async function newPage(app: TRunningApp, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; watch: TPageWatch }> {
  const context = await app.browser.newContext({ baseURL: app.baseUrl, viewport: VIEWPORTS[0], locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  context.setDefaultTimeout(15_000);
  // Cumulative layout shift, measured from the first paint (no content may jump when data arrives).
  // (Scripts as text: they run in the page, and this file is type-checked without the DOM.)
  await context.addInitScript({
    content: `window.__cls = 0; window.__shifts = [];
      const named = (n) => !n ? '?' : n.nodeType !== 1 ? '#text in ' + named(n.parentElement) : n.tagName.toLowerCase() + (n.dataset.testid ? '[data-testid=' + n.dataset.testid + ']' : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\\s+/).join('.') : '') + ' "' + (n.textContent || '').trim().slice(0, 40) + '"';
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) {
          window.__cls += e.value;
          window.__shifts.push(e.value.toFixed(4) + ' at ' + Math.round(e.startTime) + ' ms (seen at ' + Math.round(performance.now()) + ', ' + innerWidth + 'x' + innerHeight + ') ' + location.pathname + ': ' + e.sources.map((s) => named(s.node) + ' y ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y) + ' h ' + Math.round(s.previousRect.height) + '→' + Math.round(s.currentRect.height)).join(' | '));
        }
      }).observe({ type: 'layout-shift', buffered: true });`,
  });
  const page = await context.newPage();
  return { context, page, watch: watchPage(page) };
}

/**
 * The layout shift accumulated since the page loaded or was last asked (and resets it). What moved,
 * when the sum is not small, goes to the test's output, so that a failure says which element jumped.
 */
export async function layoutShift(page: Page): Promise<number> {
  const { value, shifts } = await page.evaluate<{ value: number; shifts: string[] }>(
    '(() => { const r = { value: window.__cls, shifts: window.__shifts }; window.__cls = 0; window.__shifts = []; return r; })()',
  );
  if (value >= 0.02) console.warn(`layout shift ${value.toFixed(4)}:\n${shifts.join('\n')}`);
  return value;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A/AA problems axe-core finds on the page as it is now (labels, names, contrast, ARIA,
 * landmarks, headings…), one line each with the first elements concerned. Text painted in the very
 * colour of its background (1:1) is one of them: axe only asks for a review of it (`incomplete`,
 * `equalRatio`: it might be hidden on purpose), which is how red-on-red danger buttons went unseen.
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not added as a <script>: the page's CSP admits no inline script.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate<string[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations', 'incomplete'] })
    .then((r) => {
      const line = (v, nodes) => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      const invisible = r.incomplete
        .filter((v) => v.id === 'color-contrast')
        .map((v) => [v, v.nodes.filter((n) => n.any.some((c) => c.data && c.data.messageKey === 'equalRatio'))])
        .filter(([, nodes]) => nodes.length > 0)
        .map(([v, nodes]) => line(v, nodes) + ' (text the colour of its background)');
      return [...r.violations.map((v) => line(v, v.nodes)), ...invisible];
    })`);
}

/**
 * Screenshots of the page at both viewports (laptop 1280×800, 10-inch tablet portrait 800×1280),
 * full length, into test/artifacts/screens, each checked with axe-core; the page is left at 1280×800.
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  return screenshotsAt(page, name, VIEWPORTS);
}

/** A phone held upright (the public pages are read on phones first). */
export const PHONE = { width: 390, height: 844 } as const;

/** `screenshots` at the viewports given (e.g. PHONE and the laptop), each checked with axe-core; the page is left at 1280×800. */
export async function screenshotsAt(page: Page, name: string, viewports: readonly { width: number; height: number }[]): Promise<string[]> {
  await mkdir(SCREENS_DIR, { recursive: true });
  const files: string[] = [];
  for (const vp of viewports) {
    await page.setViewportSize(vp);
    // Let the layout settle at the new width (fonts are local; no animation to wait for).
    // Nothing under the pointer: the colours judged are those a tablet shows, without hover (a click leaves the mouse on its button).
    await page.mouse.move(0, 0);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const file = path.join(SCREENS_DIR, `${name}-${vp.width}x${vp.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
    // Every main screen is also checked for accessibility, at both sizes.
    const problems = await accessibilityProblems(page);
    if (problems.length) throw new Error(`Accessibility problems on ${name} at ${vp.width}×${vp.height}:\n${problems.join('\n')}`);
  }
  await page.setViewportSize(VIEWPORTS[0]);
  return files;
}

/**
 * The page as printed (CSS print media): photographed full length at both widths into
 * test/artifacts/screens (`<name>-print-…`) and saved there as an A4 PDF, which is returned. The
 * page is left at 1280×800 in print media, for the caller to check what shows on paper; then
 * `page.emulateMedia({ media: 'screen' })`.
 */
export async function printed(page: Page, name: string): Promise<Buffer> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  for (const vp of VIEWPORTS) {
    await page.setViewportSize(vp);
    await page.mouse.move(0, 0);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-print-${vp.width}x${vp.height}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]);
  return page.pdf({ path: path.join(SCREENS_DIR, `${name}.pdf`), format: 'A4', printBackground: true });
}

/** Today in Vietnam as typed in a form, dd/mm/yyyy. */
export function todayVi(): string {
  const iso = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Signs a demo user in through the login page and waits for the inbox. */
export async function signIn(page: Page, watch: TPageWatch, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  // Before signing in, the app asks who is signed in: nobody yet (401).
  watch.expect(/^GET \/api\/v1\/auth\/me 401$/);
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
}

/**
 * Signs the page's user out by dropping its cookies and signs `username` in. The app is left first
 * (a blank page), so that none of its reads in flight meets the missing session with a 401.
 */
export async function switchUser(page: Page, watch: TPageWatch, username: string): Promise<void> {
  await page.goto('about:blank');
  await page.context().clearCookies();
  await signIn(page, watch, username);
}

/**
 * A call to the API from the signed-in page (its cookie, its CSRF token), as the app makes it. It
 * gives up after 60 s, naming the call: an answer that never comes fails the test at once with what
 * it waited for, not at the test's own timeout with no word (a browser test did so once in CI).
 */
export async function call(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const signal = AbortSignal.timeout(60_000);
      try {
        const me = (await (await fetch('/api/v1/auth/me', { signal })).json()) as { csrfToken: string };
        const res = await fetch(path, {
          method,
          signal,
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': `test-${Math.random().toString(36).slice(2)}${Date.now()}` },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      } catch (err) {
        throw new Error(`${method} ${path}: ${(err as Error).name === 'TimeoutError' ? 'no answer within 60 s' : (err as Error).message}`);
      }
    },
    { method, path, body },
  );
}

/** Bytes of every response `page` loads until `until` resolves (a public page's weight); fails on a request to another origin than `app`'s. */
export async function weigh(app: TRunningApp, page: Page, until: () => Promise<unknown>): Promise<number> {
  let bytes = 0;
  const pending: Promise<void>[] = [];
  const onResponse = (r: Response) => {
    expect(r.url().startsWith(app.baseUrl), `a request to another origin: ${r.url()}`).toBe(true);
    pending.push(
      r.body().then(
        (b) => void (bytes += b.length),
        () => undefined,
      ),
    );
  };
  page.on('response', onResponse);
  await until();
  await Promise.all(pending);
  page.off('response', onResponse);
  return bytes;
}
