/**
 * What the workflow bundle holds (docs/adr/0178). Every workflow the worker starts — each new case,
 * each case brought back into its cache, each continue-as-new — evaluates the bundle's modules
 * again, so a module there must build nothing at load that the workflows do not use. The zod
 * schemas of what admins and schedulers send (procedures, the calendar, the legal data, campaign
 * definitions) live in `*-schema.ts` modules that no module of the bundle imports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

describe('the workflow bundle', () => {
  const code = readFileSync(inject('workflowBundlePath'), 'utf8');
  // webpack names each module in a comment line before it: /***/ "./domain/procedure.ts"
  const modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((m) => m[1] ?? '');

  it('names its modules (what the next check reads)', () => {
    expect(modules).toContain('./workflows/case.ts');
    expect(modules).toContain('./domain/procedure.ts');
    expect(modules).toContain('./domain/calendar.ts');
  });

  it('holds no schema module of what admins and schedulers send', () => {
    expect(modules.filter((m) => /-schema\.ts$/.test(m))).toEqual([]);
  });
});
