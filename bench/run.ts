/**
 * What the benchmarks share: the percentiles they report, the measuring loop of the database
 * benchmarks (rounds that rotate the order of the measurements, round 0 a warm-up), and the way the
 * system benchmarks run (a hard time limit, Ctrl-C, and the system stopped on every way out).
 */

/** Milliseconds rounded to a tenth. */
export const ms = (x: number): number => Math.round(x * 10) / 10;

/** Nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]! : NaN;
}

export interface TTimed<T> {
  name: string;
  run: () => Promise<T>;
}

/**
 * Runs every measurement once per round, starting one further along the list each round, so that
 * a slow moment of the machine falls on each alike; round 0 warms the caches and is not counted.
 * Stops after the round that passes `maxSeconds`. Returns each measurement's sorted times and its
 * last result.
 */
export async function measureInRounds<T>(
  list: readonly TTimed<T>[],
  opts: { rounds: number; maxSeconds: number; log: (line: string) => void; progressEvery?: number },
): Promise<Map<string, { sorted: number[]; last: T }>> {
  const timings = new Map<string, number[]>(list.map((m) => [m.name, []]));
  const last = new Map<string, T>();
  const started = performance.now();
  for (let round = 0; round <= opts.rounds; round++) {
    for (let k = 0; k < list.length; k++) {
      const m = list[(k + round) % list.length]!;
      const t = performance.now();
      const result = await m.run();
      const elapsed = performance.now() - t;
      if (round > 0) timings.get(m.name)!.push(elapsed);
      last.set(m.name, result);
    }
    if (opts.progressEvery && round > 0 && round % opts.progressEvery === 0) opts.log(`  round ${round}/${opts.rounds} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    if ((performance.now() - started) / 1000 > opts.maxSeconds) {
      opts.log(`  stopping after round ${round}: over ${opts.maxSeconds} s`);
      break;
    }
  }
  return new Map(list.map((m) => [m.name, { sorted: [...timings.get(m.name)!].sort((a, b) => a - b), last: last.get(m.name)! }]));
}

/**
 * Runs a system benchmark's `main`: stops the system it started (`stop`, which may have nothing to
 * stop yet) and exits 2 after `maxMinutes`, 130 on Ctrl-C or SIGTERM, 1 on a failure, 0 when done.
 */
export function runSystemBench(main: () => Promise<void>, opts: { maxMinutes: number; say: (line: string) => void; stop: () => Promise<void> }): void {
  const hardLimit = setTimeout(() => {
    opts.say(`stopped: over --max-minutes ${opts.maxMinutes}`);
    void opts.stop().finally(() => process.exit(2));
  }, opts.maxMinutes * 60_000);
  hardLimit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void opts.stop().finally(() => process.exit(130)));
  main().then(
    () => process.exit(0),
    async (err: unknown) => {
      opts.say(`FAILED: ${(err as Error).stack ?? String(err)}`);
      await opts.stop();
      process.exit(1);
    },
  );
}
