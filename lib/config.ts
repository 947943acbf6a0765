/**
 * Shared pieces of the per-process configuration. Each process has its own `config.ts` that parses
 * `process.env` once with zod, fails fast naming the variable, and returns a frozen object; nothing
 * else reads `process.env`.
 */
import { z } from 'zod';
import { StartupError } from './errors.js';

export const zPort = z.coerce.number({ error: 'must be a port number from 1 to 65535' }).int().min(1).max(65535);
export const zLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
export const zTemporalAddress = z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:7233');
export const zDatabaseUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

/** The settings every process that talks to Temporal and PostgreSQL shares. */
export const zCoreEnv = z.object({
  INS_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: zLogLevel,
  DATABASE_URL: zDatabaseUrl,
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TEMPORAL_ADDRESS: zTemporalAddress,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ins-cases'),
});

/** Parses `env` with `schema`; on failure throws one sentence naming each bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const name = i.path.join('.');
      const value = env[name];
      const shown = value === undefined ? ' is not set' : /PASSWORD|SECRET|URL|TOKEN|KEY/i.test(name) ? ' is invalid' : `="${value}" is invalid`;
      return `${name}${shown} (${i.message})`;
    });
    throw new StartupError(`Bad configuration: ${problems.join('; ')}; see .env.example.`);
  }
  return Object.freeze(result.data);
}
