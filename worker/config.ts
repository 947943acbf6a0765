import { z } from 'zod';
import { parseEnv, zCoreEnv } from '../lib/config.js';

const zWorkerEnv = zCoreEnv.extend({
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).max(1000).default(40),
  // Notifications by e-mail (docs/adr/0101): unset SMTP_URL sends none (in-app notifications still work).
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('INS <no-reply@ins.invalid>'),
  PUBLIC_BASE_URL: z.url({ error: 'must be the web app’s public address, e.g. https://ins.example.gov.vn' }).default('http://localhost:8080'),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
});

export type TWorkerConfig = z.infer<typeof zWorkerEnv>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TWorkerConfig> {
  return parseEnv(zWorkerEnv, env);
}
