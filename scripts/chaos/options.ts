/**
 * `npm run chaos -- [options]`: parsed once, checked with zod, each problem named.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

const USAGE = `Usage: npm run chaos -- [options]

  --rounds N          rounds (default 3)
  --cases N           cases per round (default 100)
  --concurrency N     cases driven at once (default 20)
  --seed S            seed of the kills and the paths (default: random, printed)
  --timeout MIN       hard limit for the whole run, in minutes (default 25)
  --gap A-B           seconds between the starts of two faults (default 3-8)
  --down A-B          seconds a killed component stays down before its restart (default 0.2-3)
  --lease S           the API's Idempotency-Key lease in seconds (default 10)
  --keep              keep the data folder (and its logs) after a successful run
  --help              this text`;

const ZRange = z
  .string()
  .regex(/^\d+(\.\d+)?-\d+(\.\d+)?$/, 'must be A-B, e.g. 3-9')
  .transform((s) => s.split('-').map(Number) as [number, number])
  .refine(([a, b]) => a <= b, 'A must not exceed B');

const ZOptions = z.object({
  rounds: z.coerce.number().int().min(1).max(100).default(3),
  cases: z.coerce.number().int().min(1).max(10_000).default(100),
  concurrency: z.coerce.number().int().min(1).max(100).default(20),
  seed: z
    .string()
    .min(1)
    .max(64)
    .default(() => Date.now().toString(36)),
  timeout: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(25),
  gap: ZRange.default([3, 8]),
  down: ZRange.default([0.2, 3]),
  lease: z.coerce.number().int().min(1).max(3600).default(10),
  keep: z.boolean().default(false),
});

export type TChaosOptions = z.infer<typeof ZOptions>;

/** The options, or a message to print (usage or what is wrong) and exit with. */
export function parseChaosOptions(argv: string[]): { options: TChaosOptions } | { exit: number; message: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        rounds: { type: 'string' },
        cases: { type: 'string' },
        concurrency: { type: 'string' },
        seed: { type: 'string' },
        timeout: { type: 'string' },
        gap: { type: 'string' },
        down: { type: 'string' },
        lease: { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return { exit: 2, message: `chaos: ${(err as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { exit: 0, message: USAGE };
  const { help: _help, ...rest } = values;
  const parsed = ZOptions.safeParse(rest);
  if (!parsed.success) {
    return { exit: 2, message: `chaos: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${USAGE}` };
  }
  return { options: parsed.data };
}
