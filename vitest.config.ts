import { defineConfig } from 'vitest/config';

/**
 * Four projects, runnable one by one (`npm run test:unit` …) or all together (`npm test`):
 *  - unit: pure tests (domain, the web app's pure modules, pure helpers) — no service, seconds;
 *  - integration: API, workflow, repository and process tests on the Temporal dev server and
 *    PostgreSQL that test/global-setup.ts starts;
 *  - browser: the web app in Chromium (test/web-*.test.ts, except the API-only web-api), which also
 *    needs web/dist (test/web-setup.ts builds it when stale);
 *  - e2e: `npm start` and the chaos run as whole processes.
 * The services are started once per run however many of these projects run (docs/adr/0080).
 */
const UNIT = [
  'domain/**/*.test.ts',
  'web/src/**/*.test.ts',
  'api/*.test.ts',
  'worker/*.test.ts',
  'scripts/**/*.test.ts',
  'lib/cli-options.test.ts',
  'test/deploy.test.ts',
  'test/json-schema-arbitraries.test.ts',
  'lib/temporal-test-server.test.ts',
  // The documents' renderer and signature: pdfkit, node-forge and Poppler's tools, no service.
  'lib/documents/*.test.ts',
];
const BROWSER = ['test/web-*.test.ts'];
const E2E = ['**/*.e2e.test.ts'];
const ALWAYS_EXCLUDED = ['node_modules/**', '.data/**', 'web/dist/**'];

export default defineConfig({
  test: {
    exclude: ALWAYS_EXCLUDED,
    // Temporal's native worker is happier in child processes than in worker threads.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, exclude: [...ALWAYS_EXCLUDED, ...E2E] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'lib/**/*.test.ts'],
          // Every browser test but web-api, which tests the web app's reads through the API alone.
          exclude: [...ALWAYS_EXCLUDED, ...UNIT, ...E2E, 'test/web-!(api).test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER,
          exclude: [...ALWAYS_EXCLUDED, ...E2E, 'test/web-api.test.ts'],
          globalSetup: ['test/global-setup.ts', 'test/web-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, globalSetup: ['test/global-setup.ts', 'test/web-setup.ts'] },
      },
    ],
  },
});
