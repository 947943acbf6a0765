/**
 * The command-line options of the project's own commands (the benchmarks in bench/, `npm run
 * chaos`): parsed with zod, each problem named, the usage printed, and the run refused before it
 * starts anything. A value that is not a number (`--officer-think-ms 2s`) used to become NaN and
 * quietly change what a benchmark measured (no pause at all).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** An integer option between `min` and `max`. */
export const intOption = (min: number, max: number, fallback: number) => wholeNumber(min, max).default(fallback);

/** A whole number between `min` and `max`, its problems in words. */
export const wholeNumber = (min: number, max: number) => numberIn(min, max).int('must be a whole number');

/** A number option between `min` and `max` (fractions allowed). */
export const numberOption = (min: number, max: number, fallback: number) => numberIn(min, max).default(fallback);

/** A number between `min` and `max`, its problems in words. */
export const numberIn = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** A comma-separated list of integers between `min` and `max`, e.g. `1,8,32`. */
export const intListOption = (min: number, max: number, fallback: string) =>
  z
    .string()
    .default(fallback)
    .pipe(
      z
        .string()
        .regex(/^\d+(,\d+)*$/, 'must be whole numbers separated by commas, e.g. 1,8,32')
        .transform((s) => s.split(',').map(Number))
        .refine((xs) => xs.every((x) => x >= min && x <= max), `each must be between ${min} and ${max}`),
    );

/** A TCP port. */
export const portOption = () => wholeNumber(1, 65_535).optional();

/** A PostgreSQL URL. */
export const databaseUrlOption = () =>
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional();

export interface TCliCommand<S extends z.ZodRawShape> {
  /** How the command is run, e.g. `npm run bench --`. */
  command: string;
  /** What a problem's message starts with (default: `command`), e.g. `chaos`. */
  name?: string;
  /** One line per option: `--name VALUE   what it does (default …)`. */
  usage: string;
  shape: S;
}

/** The options, or a message to print (the usage, or what is wrong with it) and the exit code. */
export function parseCliOptions<S extends z.ZodRawShape>(argv: readonly string[], spec: TCliCommand<S>): { options: z.infer<z.ZodObject<S>> } | { exit: number; message: string } {
  const name = spec.name ?? spec.command;
  // `--help` in the column the other options' descriptions start at.
  const column = /^\s*--\S+(?: \S+)?\s+/.exec(spec.usage)?.[0].length ?? 22;
  const usage = `Usage: ${spec.command} [options]\n\n${spec.usage}\n${'  --help'.padEnd(column)}this text`;
  const schema = z.strictObject(spec.shape);
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const [name, field] of Object.entries(spec.shape)) options[name] = { type: acceptsBoolean(field as z.ZodType) ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (err) {
    return { exit: 2, message: `${name}: ${(err as Error).message}\n\n${usage}` };
  }
  if (values.help) return { exit: 0, message: usage };
  const { help: _help, ...rest } = values;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) return { exit: 2, message: `${name}: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${usage}` };
  return { options: parsed.data };
}

/** `parseCliOptions` for a command's entry point: prints the usage or the problem and ends the process when there is one. */
export function cliOptions<S extends z.ZodRawShape>(spec: TCliCommand<S>, argv: readonly string[] = process.argv.slice(2)): z.infer<z.ZodObject<S>> {
  const result = parseCliOptions(argv, spec);
  if ('options' in result) return result.options;
  (result.exit === 0 ? process.stdout : process.stderr).write(result.message + '\n');
  process.exit(result.exit);
}

/** Whether an option is a flag: a boolean schema, perhaps with a default or optional. */
function acceptsBoolean(field: z.ZodType): boolean {
  let inner: unknown = field;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap();
  return inner instanceof z.ZodBoolean;
}
