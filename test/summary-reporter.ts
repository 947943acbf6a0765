/**
 * Ends the test output with one plain line, `Tests: N passed, N failed, N skipped`, after vitest's
 * own summary, so that CI (which reads a closing line of that form) sees how the run went.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** A test skipped because a `beforeAll` of its suite (or file) failed did not run: it failed. */
function failedSetup(test: TestCase): boolean {
  if (test.options.mode === 'skip' || test.options.mode === 'todo') return false;
  for (let p: TestCase['parent'] | undefined = test.parent; p; p = p.type === 'suite' ? p.parent : undefined) {
    if (p.state() === 'failed') return true;
  }
  return false;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed' || failedSetup(test)) failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but is a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
