/**
 * A problem with the environment or configuration that stops a process from starting.
 * Its message is one sentence naming the problem and the fix; entry points print it without a stack.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Prints a {@link StartupError} as one line and exits; anything else is a bug and keeps its stack. */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof StartupError) {
    console.error(`INS cannot start: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
}
