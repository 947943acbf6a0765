/**
 * The page-weight budget (issue 15): the sign-in page and the inbox, each loaded with an empty cache
 * on a 10-inch tablet on a mobile network and on a desktop, stay under a budget of bytes transferred
 * and of time until their content shows (the best of at most three loads), and the figures are printed
 * on every run. A second visit
 * takes every script and style from the browser's cache (the hashed assets are immutable).
 */
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/demo-data.js';
import { call, newPage, signIn, startBrowserApp, type TRunningApp } from './browser.js';

/**
 * The budget, in one place: bytes transferred with an empty cache (headers included, as DevTools
 * counts them; kB = 1000 bytes), and ms from the start of the navigation until the page's content
 * shows. Measured when it was set (issue 15, on the shared 2-core test machine), with Brotli:
 * sign-in 210 kB, tablet 3.0–3.1 s, desktop 0.3–0.8 s; inbox 230 kB, tablet 3.7–4.2 s, desktop
 * 0.35–0.7 s (served uncompressed before: 745 and 765 kB, tablet 6.1 and 6.7 s). The bytes leave
 * about a third of room for the app to grow; the times, room for a busy machine.
 */
const BUDGET = {
  'sign-in': { kB: 275, ms: { tablet: 5_000, desktop: 1_500 } },
  inbox: { kB: 300, ms: { tablet: 6_000, desktop: 2_000 } },
} as const;

type TPageName = keyof typeof BUDGET;
type TProfileName = keyof (typeof BUDGET)['sign-in']['ms'];

/**
 * A 10-inch tablet in portrait on a mobile network (Chrome DevTools' "Slow 4G": 1.6 Mbit/s down,
 * 750 kbit/s up, 150 ms round trip, with DevTools' own factors), and a desktop on the office network
 * (not throttled). The processor is not slowed: on a shared machine that only adds noise.
 */
const PROFILES: Record<TProfileName, { context: BrowserContextOptions; network?: { latency: number; downloadThroughput: number; uploadThroughput: number } }> = {
  tablet: {
    context: { viewport: { width: 800, height: 1280 }, hasTouch: true },
    network: { latency: 150 * 3.75, downloadThroughput: (1.6e6 * 0.9) / 8, uploadThroughput: (750e3 * 0.9) / 8 },
  },
  desktop: { context: { viewport: { width: 1280, height: 800 } } },
};

/** When each page's content shows: a condition on the document. */
const CONTENT: Record<TPageName, string> = {
  'sign-in': `(() => {
    const h = document.querySelector('h1');
    return h && h.textContent === 'Đăng nhập' && h.checkVisibility();
  })()`,
  // The heading, and the officer's tasks in the table.
  inbox: `(() => {
    const h = document.querySelector('h1');
    return h && h.textContent === 'Hộp việc' && h.checkVisibility() && document.querySelector('table.tasks [data-testid="task"]');
  })()`,
};

/**
 * Records in the page, on every frame from the start of each navigation, when each page's content
 * first shows (`window.__contentAt[name]`, ms from the navigation's start). A script the context
 * adds to every document, not a polled function: the app's CSP forbids the eval that polling uses.
 */
const CONTENT_WATCH = `window.__contentAt = {};
  const conditions = { ${Object.entries(CONTENT)
    .map(([name, condition]) => `'${name}': () => ${condition}`)
    .join(', ')} };
  const frame = () => {
    for (const [name, shown] of Object.entries(conditions)) if (!(name in window.__contentAt) && document.body && shown()) window.__contentAt[name] = performance.now();
    if (Object.keys(window.__contentAt).length < Object.keys(conditions).length) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);`;

interface TBytes {
  bytes: number;
  assetBytes: number;
  decodedBytes: number;
  requests: number;
}

/** What is measured of a page's loads. */
interface TMeter {
  /** Since the last reset: bytes transferred (all, and those of the hashed assets, /assets/), and the bodies' bytes once decoded. */
  read(): TBytes;
  reset(): void;
  /** Milliseconds since the last request started or finished (the live-event stream aside). */
  quietFor(): number;
}

/**
 * Measures `page`'s loads from now on, in `network`'s conditions: the bytes of each request through
 * the DevTools protocol, and when the content shows (CONTENT_WATCH).
 */
async function meter(context: BrowserContext, page: Page, network: (typeof PROFILES)[TProfileName]['network']): Promise<TMeter> {
  await context.addInitScript({ content: CONTENT_WATCH });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  const paths = new Map<string, string>();
  const pending = new Set<string>();
  let totals: TBytes = { bytes: 0, assetBytes: 0, decodedBytes: 0, requests: 0 };
  let lastActivity = performance.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    const path = new URL(e.request.url).pathname;
    paths.set(e.requestId, path);
    // The live-event stream stays open as long as the page: it is not part of loading it.
    if (path !== '/api/v1/events') pending.add(e.requestId);
    lastActivity = performance.now();
  });
  const done = (requestId: string) => {
    pending.delete(requestId);
    lastActivity = performance.now();
  };
  cdp.on('Network.loadingFinished', (e) => {
    done(e.requestId);
    totals.bytes += e.encodedDataLength;
    totals.requests += 1;
    if (paths.get(e.requestId)?.startsWith('/assets/')) totals.assetBytes += e.encodedDataLength;
  });
  cdp.on('Network.dataReceived', (e) => {
    totals.decodedBytes += e.dataLength;
  });
  cdp.on('Network.loadingFailed', (e) => done(e.requestId));
  return {
    read: () => ({ ...totals }),
    reset: () => {
      totals = { bytes: 0, assetBytes: 0, decodedBytes: 0, requests: 0 };
    },
    quietFor: () => (pending.size ? 0 : performance.now() - lastActivity),
  };
}

/**
 * Navigates to `/` and measures the load: the time until `name`'s content shows, then the bytes
 * once the network has been quiet for half a second (late chunks and reads included).
 */
async function load(page: Page, m: TMeter, name: TPageName): Promise<TBytes & { ms: number }> {
  m.reset();
  await page.goto('/', { waitUntil: 'commit' });
  let ms = 0;
  await expect.poll(async () => (ms = await page.evaluate<number>(`window.__contentAt?.['${name}'] ?? 0`)), { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
  await expect.poll(() => m.quietFor(), { timeout: 30_000, interval: 100 }).toBeGreaterThan(500);
  return { ...m.read(), ms: Math.round(ms) };
}

const kB = (bytes: number): number => Math.round(bytes / 1000);

/** Prints the figures and checks the bytes against the budget (the time is checked by `coldLoad`). */
function check(name: TPageName, profile: TProfileName, figures: TBytes & { ms: number }, attempt: number): void {
  const budget = BUDGET[name];
  console.log(
    `page budget: ${name} ${profile} ${kB(figures.bytes)} kB transferred (budget ${budget.kB} kB), content in ${figures.ms} ms (budget ${budget.ms[profile]} ms, load ${attempt} of at most ${ATTEMPTS})` +
      ` — ${figures.requests} requests, ${kB(figures.assetBytes)} kB of it scripts and styles, ${kB(figures.decodedBytes)} kB once decoded`,
  );
  expect(kB(figures.bytes), `${name} on the ${profile}: kB transferred`).toBeLessThanOrEqual(budget.kB);
}

/**
 * The time is the best of at most three loads with an empty cache. The bytes are the same on every
 * load; the time of one load on a shared 2-core machine also counts whatever else runs there (the
 * other test worker drives its own Chromium): a page that is slow by itself misses the budget on
 * every load, a busy moment only on one. Each load is printed, so the spread shows in the output.
 */
const ATTEMPTS = 3;

async function coldLoad(
  name: TPageName,
  profile: TProfileName,
  open: () => Promise<{ context: BrowserContext; page: Page; watch: { assertClean(): void } }>,
  after?: (opened: { context: BrowserContext; page: Page }, m: TMeter) => Promise<void>,
): Promise<void> {
  const { network } = PROFILES[profile];
  const times: number[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const opened = await open();
    const m = await meter(opened.context, opened.page, network);
    const figures = await load(opened.page, m, name);
    check(name, profile, figures, attempt);
    times.push(figures.ms);
    const withinBudget = figures.ms <= BUDGET[name].ms[profile];
    if (withinBudget || attempt === ATTEMPTS) {
      if (after) await after(opened, m);
      opened.watch.assertClean();
      await opened.context.close();
      expect(Math.min(...times), `${name} on the ${profile}: ms until the content shows, best of ${times.join(', ')}`).toBeLessThanOrEqual(BUDGET[name].ms[profile]);
      return;
    }
    await opened.context.close();
  }
}

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp();
  // A few tips for Đội 1 to log (an inspector's step), so that the inspector's inbox has rows to show.
  const { context, page, watch } = await newPage(app);
  await signIn(page, watch, 'doitruong.cuong');
  for (let i = 1; i <= 5; i++) expect((await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: `Tin báo: cửa hàng số ${i}` })).status).toBe(201);
  await context.close();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe.each(Object.keys(PROFILES) as TProfileName[])('on the %s', (profile) => {
  it('loads the sign-in page and, signed in as an inspector, the inbox within the budget, and takes scripts and styles from the cache on the next visit', async () => {
    const { context: options } = PROFILES[profile];

    // The sign-in page, as an officer opens the app with an empty cache; then the officer signs in.
    let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
    await coldLoad(
      'sign-in',
      profile,
      async () => {
        const signedOut = await newPage(app, options);
        signedOut.watch.expect(/^GET \/api\/v1\/auth\/me 401$/);
        return signedOut;
      },
      async ({ context, page }) => {
        await page.getByLabel('Tên đăng nhập').fill('kiemsoat.an');
        await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
        session = await context.storageState();
      },
    );

    // The inbox, as a signed-in officer opens the app with an empty cache (a new device, a new release);
    // then again, as on every later visit: only the page and the reads travel, the hashed assets come from the cache.
    await coldLoad(
      'inbox',
      profile,
      () => newPage(app, { ...options, storageState: session }),
      async ({ page }, m) => {
        expect(await page.getByTestId('task').count()).toBeGreaterThanOrEqual(5);
        const again = await load(page, m, 'inbox');
        console.log(`page budget: inbox ${profile} again ${kB(again.bytes)} kB transferred (scripts and styles: ${kB(again.assetBytes)} kB), content in ${again.ms} ms`);
        expect(again.assetBytes).toBe(0);
      },
    );
  });
});
