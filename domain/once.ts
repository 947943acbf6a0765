/**
 * A value built on its first use, then kept (pure; no I/O). Used for what a module would otherwise
 * build when it loads: every workflow the worker starts (a new case, a case brought back into its
 * cache, a continue-as-new) evaluates the workflow bundle's modules again, most of those workflows
 * use little of what the modules could build, and building it (zod schemas, lookup tables) was most
 * of the cost of a start (docs/adr/0178).
 */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
