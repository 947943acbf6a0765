import { z } from 'zod';
import { parseEnv, zCoreEnv } from '../lib/config.js';

const zWorkerEnv = zCoreEnv.extend({
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).max(1000).default(40),
});

export type TWorkerConfig = z.infer<typeof zWorkerEnv>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TWorkerConfig> {
  return parseEnv(zWorkerEnv, env);
}
