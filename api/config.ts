import { z } from 'zod';
import { parseEnv, zCoreEnv, zPort } from '../lib/config.js';

const zApiEnv = zCoreEnv.extend({
  PORT: zPort.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the built web app lives; served by the API process. */
  WEB_DIST_DIR: z.string().min(1).default('web/dist'),
  /** Shown on the API's own pages; where people find the Temporal Web UI. */
  TEMPORAL_UI_URL: z.url().optional(),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  /** Secure cookies (HTTPS only); on by default in production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Requests per minute per client on public endpoints (fine quote, due-date calculator). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Where evidence files are stored (one API process, or a disk all replicas share). */
  EVIDENCE_DIR: z.string().min(1).default('.data/evidence'),
  EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
});

export type TApiConfig = z.infer<typeof zApiEnv>;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TApiConfig> {
  return parseEnv(zApiEnv, env);
}
