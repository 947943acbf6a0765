import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.data/**', 'web/dist/**'],
    globalSetup: ['test/global-setup.ts'],
    // Temporal's native worker is happier in child processes than in worker threads.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
