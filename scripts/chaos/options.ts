/**
 * `npm run chaos -- [options]`: parsed once, checked with zod, each problem named (lib/cli-options.ts).
 */
import { z } from 'zod';
import { intOption, numberOption, parseCliOptions } from '../../lib/cli-options.js';

const USAGE = `  --rounds N          rounds (default 3)
  --cases N           cases per round (default 100)
  --concurrency N     cases driven at once (default 20)
  --seed S            seed of the kills and the paths (default: random, printed)
  --timeout MIN       hard limit for the whole run, in minutes (default 25)
  --gap A-B           seconds between the starts of two faults (default 3-8)
  --down A-B          seconds a killed component stays down before its restart (default 0.2-3)
  --lease S           the API's Idempotency-Key lease in seconds (default 10)
  --keep              keep the data folder (and its logs) after a successful run`;

const ZRange = z
  .string()
  .regex(/^\d+(\.\d+)?-\d+(\.\d+)?$/, 'must be A-B, e.g. 3-9')
  .transform((s) => s.split('-').map(Number) as [number, number])
  .refine(([a, b]) => a <= b, 'A must not exceed B');

const SHAPE = {
  rounds: intOption(1, 100, 3),
  cases: intOption(1, 10_000, 100),
  concurrency: intOption(1, 100, 20),
  seed: z
    .string()
    .min(1)
    .max(64)
    .default(() => Date.now().toString(36)),
  timeout: numberOption(0.1, 24 * 60, 25),
  gap: ZRange.default([3, 8]),
  down: ZRange.default([0.2, 3]),
  lease: intOption(1, 3600, 10),
  keep: z.boolean().default(false),
};

export type TChaosOptions = z.infer<z.ZodObject<typeof SHAPE>>;

/** The options, or a message to print (usage or what is wrong) and exit with. */
export function parseChaosOptions(argv: string[]): { options: TChaosOptions } | { exit: number; message: string } {
  return parseCliOptions(argv, { command: 'npm run chaos --', name: 'chaos', usage: USAGE, shape: SHAPE });
}
