/**
 * The database the benchmark scripts work on: the one `--url` names, or the benchmark's own
 * embedded PostgreSQL (lib/embedded-pg.ts) in `.data/bench-pg`, kept between runs so that the
 * generated data is generated once and measured many times.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../lib/embedded-pg.js';

/** `.data/bench-pg` of the checkout (git-ignored with the rest of `.data/`). */
const BENCH_DATA_DIR = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '.data', 'bench-pg');

interface BenchDatabase {
  url: string;
  /** Whether this process started the server (and `stop` stops it). */
  isEmbedded: boolean;
  stop(): Promise<void>;
}

export async function openBenchDatabase(opts: { url?: string | undefined; port?: number | undefined; log: (line: string) => void }): Promise<BenchDatabase> {
  if (opts.url) return { url: opts.url, isEmbedded: false, stop: async () => undefined };
  opts.log(`starting the embedded PostgreSQL in ${BENCH_DATA_DIR}`);
  const pg = await startEmbeddedPostgres({ dataDir: BENCH_DATA_DIR, port: opts.port ?? 0, database: 'ins_bench', log: opts.log });
  opts.log(`embedded PostgreSQL: ${pg.url}`);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await pg.stop();
    opts.log('embedded PostgreSQL stopped');
  };
  // Ctrl-C: the server runs in its own process group, so stop it before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(130));
    });
  }
  return { url: pg.url, isEmbedded: true, stop };
}

/** Prints to stderr: the JSON results go to stdout alone. */
export function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}
