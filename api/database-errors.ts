/**
 * PostgreSQL out of reach, told apart from its answers: a request that meets a PostgreSQL restart
 * or a lost connection is not a bug, and the API answers 503 UNAVAILABLE (api/app.ts) instead of
 * 500 INTERNAL, so the caller knows to try again. Found by the chaos script (issue 13). A
 * constraint violation, a syntax error or any other answer of the server keeps its meaning.
 */

/**
 * SQLSTATE classes that mean the server is not there to answer: 08 connection exception, 57P
 * operator intervention (admin or crash shutdown, "the database system is starting up").
 */
const SQLSTATE_UNAVAILABLE = /^(08|57P)/;

/** The driver's (pg, pg-pool) own words for a connection it lost or could not get. */
const DRIVER_MESSAGES = [/^Connection terminated/, /is not queryable/, /^timeout exceeded when trying to connect/];

/** The error, or one of its causes, with its SQLSTATE or driver message. */
function* chain(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let e = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    yield e as { code?: unknown; message?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
}

/** How PostgreSQL was out of reach (for the log), or undefined when the error is not that. */
export function databaseUnreachable(err: unknown): { reason: string } | undefined {
  for (const e of chain(err)) {
    const message = String(e.message ?? '')
      .split('\n')[0]!
      .slice(0, 200);
    if (typeof e.code === 'string' && SQLSTATE_UNAVAILABLE.test(e.code)) return { reason: `${e.code}: ${message}` };
    if (DRIVER_MESSAGES.some((m) => m.test(message))) return { reason: message };
  }
  return undefined;
}
