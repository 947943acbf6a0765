// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Every Node built-in, from Node itself (`node:module`), so a new one cannot slip past a hand list.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // The type-aware rules below read each file's tsconfig (tsconfig.json, web/tsconfig.json).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error. `void` marks the few that are fire-and-forget on purpose.
      // (The whole recommendedTypeChecked set finds about 700 things, mostly no-unsafe-* over untyped JSON
      // in tests: docs/adr/0080.)
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // This file is JavaScript, in no tsconfig: no type-aware rules.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Migrations are frozen and typed Kysely<any> on purpose.
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Workflow code must be deterministic: it runs in Temporal's sandbox and is replayed.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [
              { name, message: 'Workflow code cannot use Node built-ins; do I/O in an activity.' },
              { name: `node:${name}`, message: 'Workflow code cannot use Node built-ins; do I/O in an activity.' },
            ]),
            { name: 'pg', message: 'Workflow code cannot touch the database; use an activity.' },
            { name: 'kysely', message: 'Workflow code cannot touch the database; use an activity.' },
            { name: '@temporalio/client', message: 'Use @temporalio/workflow APIs inside workflows.' },
            { name: '@temporalio/worker', message: 'Use @temporalio/workflow APIs inside workflows.' },
            { name: '@temporalio/activity', message: 'Activities run outside the workflow sandbox.' },
          ],
          patterns: [
            // Built-ins only reachable with the prefix (node:test, node:sea…) are not in builtinModules.
            { group: ['node:*'], message: 'Workflow code cannot use Node built-ins; do I/O in an activity.' },
            {
              group: ['**/activities/**', '**/activities', '**/db/**', '**/lib/**', '**/api/**', '**/worker/**'],
              allowTypeImports: true,
              message: 'Workflows may import activities, db, lib, api and worker modules as types only (import type).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process in workflow code: it is not deterministic.' },
        { name: 'fetch', message: 'No network in workflow code; use an activity.' },
        { name: 'setInterval', message: 'Use sleep() or condition() in workflow code.' },
        { name: 'crypto', message: 'Use uuid4() from @temporalio/workflow for ids.' },
      ],
    },
  },
  {
    // The pure domain depends on nothing with I/O and nothing of Temporal.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [
            { name, message: 'domain/ is pure: no Node built-ins.' },
            { name: `node:${name}`, message: 'domain/ is pure: no Node built-ins.' },
          ]),
          patterns: [
            { group: ['@temporalio/*', 'pg', 'kysely', 'hono', 'hono/*', '@hono/*', 'node:*'], message: 'domain/ is pure: no I/O, no Temporal.' },
            { group: ['**/activities/**', '**/workflows/**', '**/api/**', '**/db/**', '**/lib/**', '**/worker/**'], message: 'domain/ depends on nothing else in the project.' },
          ],
        },
      ],
    },
  },
  {
    // Every route declares who may call it: route() (api/access.ts) checks that before the route's
    // input is read or validated.
    files: ['api/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@hono/zod-openapi', importNames: ['createRoute'], message: 'Use route() from api/access.ts: it declares and checks who may call the route before its input is validated.' }],
        },
      ],
    },
  },
  {
    // The web app runs in the browser: hooks rules; no Node built-ins; no server code at run time.
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/**/*.test.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The web app runs in the browser.' },
            // Except the pure rules a form checks as the server does: the registry's (tax codes, addresses),
            // the law's (the rules of the procedure language, the violation catalogue, fines, the calendar,
            // a hard deadline already running before its step opens)
            // and who edits which configuration (national or a unit's own, docs/adr/0040), and who runs which bulk action.
            {
              group: [
                '**/api/**',
                '**/db/**',
                '**/lib/**',
                '**/workflows/**',
                '**/activities/**',
                '**/worker/**',
                '**/domain/**',
                '!./lib/**',
                '!../lib/**',
                '!**/domain/business.js',
                '!**/domain/law-rules.js',
                '!**/domain/rules.js',
                '!**/domain/procedure.js',
                '!**/domain/violation-catalogue.js',
                '!**/domain/fines.js',
                '!**/domain/legal-params.js',
                '!**/domain/tenancy.js',
                '!**/domain/roles.js',
                '!**/domain/bulk-actions.js',
                '!**/domain/vn-time.js',
                '!**/domain/forms.js',
                '!**/domain/calendar.js',
                '!**/domain/deadlines-ahead.js',
                '!**/domain/source-doubts.js',
                // The day a campaign run happens: the campaign page judges "run now" against the plan's window by planRun's rule.
                '!**/domain/campaign-run-date.js',
                // Why a campaign chose a business, read back from the plan's sentences to say in the reader's language.
                '!**/domain/risk-reasons.js',
                // The public site's page kinds and text limits, for the admin's page form (docs/adr/0137).
                '!**/domain/site-content.js',
                // Amounts in words: the forms and the case page read them as the papers write them (docs/documents.md).
                '!**/domain/money-words.js',
                // The statistics' indicators, reporting periods and official table: the pages name, date and lay out the figures as the API computes them (docs/statistics.md).
                // (The folder is opened so that its files can be: a file in an excluded folder cannot be re-included.)
                '!**/domain/statistics/',
                '!**/domain/statistics/indicators.js',
                '!**/domain/statistics/periods.js',
                '!**/domain/statistics/table.js',
              ],
              message: 'The web app talks to the server over HTTP only (pure domain rules the forms share are the exceptions listed).',
            },
          ],
        },
      ],
    },
  },
);
