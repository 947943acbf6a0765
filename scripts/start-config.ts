import path from 'node:path';
import { z } from 'zod';
import { parseEnv, zDatabaseUrl, zLogLevel, zPort, zTemporalAddress } from '../lib/config.js';

const zStartEnv = z.object({
  INS_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: zLogLevel,
  /** Where the embedded PostgreSQL and the dev server's SQLite file live. */
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: zPort.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** When set, that PostgreSQL is used and no embedded one starts. */
  DATABASE_URL: zDatabaseUrl.optional(),
  EMBEDDED_PG_PORT: zPort.default(54329),
  /** When set, that Temporal server is used and no dev server starts. */
  TEMPORAL_ADDRESS: zTemporalAddress.optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ins-cases'),
  TEMPORAL_PORT: zPort.default(7233),
  TEMPORAL_UI_PORT: zPort.default(8233),
  TEMPORAL_UI_URL: z.url().optional(),
  READY_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(180),
});

export type TStartConfig = z.infer<typeof zStartEnv> & { DATA_DIR_ABS: string };

export function loadStartConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TStartConfig> {
  const parsed = parseEnv(zStartEnv, env);
  return Object.freeze({ ...parsed, DATA_DIR_ABS: path.resolve(parsed.DATA_DIR) });
}
