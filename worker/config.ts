import { z } from 'zod';
import { parseEnv, zCoreEnv } from '../lib/config.js';

const zWorkerEnv = zCoreEnv.extend({
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).max(1000).default(40),
  // The worker's memory budget in MB (docs/adr/0174): its workflow cache is sized from it (workflowCacheSize).
  WORKER_MEMORY_MB: z.coerce.number().int().min(768).max(262_144).default(1536),
  // How many cases' workflows the worker keeps in memory between their tasks: unset, as many as WORKER_MEMORY_MB holds.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(1_000_000).optional(),
  // Notifications by e-mail (docs/adr/0101): unset SMTP_URL sends none (in-app notifications still work).
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('INS <no-reply@ins.invalid>'),
  PUBLIC_BASE_URL: z.url({ error: 'must be the web app’s public address, e.g. https://ins.example.gov.vn' }).default('http://localhost:8080'),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  // Messages to parties by SMS and Zalo (docs/adr/0145): an HTTP gateway each, one bearer token; unset sends none by that channel.
  SMS_GATEWAY_URL: z.url({ error: 'must be the SMS gateway’s URL, e.g. https://sms.example.vn/messages' }).optional(),
  ZALO_GATEWAY_URL: z.url({ error: 'must be the Zalo gateway’s URL' }).optional(),
  MESSAGE_GATEWAY_TOKEN: z.string().min(8, 'must be at least 8 characters').max(500).optional(),
  // The unit's signing certificate for the decisions INS issues (docs/documents.md, docs/adr/0147): unset issues them unsigned.
  INS_SIGNING_P12: z.string().min(1).optional(),
  INS_SIGNING_P12_PASSPHRASE: z.string().optional(),
  // Stack traces of waiting workflows for the `__stack_trace` query (Temporal UI, `temporal workflow stack`):
  // off, they cost a quarter of the worker's CPU per Update (patches/, docs/adr/0182). Read by the SDK's workflow thread.
  WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
  // A prebuilt workflow bundle (lib/workflow-bundle.ts, docs/adr/0169); unset bundles at start (about five seconds).
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  // The documents' font folder (Liberation Serif 2): Debian's fonts-liberation2 unless set.
  INS_DOCUMENT_FONT_DIR: z.string().min(1).optional(),
});

export type TWorkerConfig = z.infer<typeof zWorkerEnv>;

/**
 * What the worker holds whatever its cache (the SDK, the bundle, the activities' pools) and what one
 * cached case workflow adds, in MB: measured by `npm run bench:memory` (bench/worker-memory.ts) on
 * this code — 470 MB with none, +2.5 MB per open case with an unbounded cache (docs/adr/0174).
 * Measure again when the workflows' imports change much.
 */
export const WORKER_BASE_MB = 512;
export const MB_PER_CACHED_WORKFLOW = 2.5;

/**
 * How many workflows the worker keeps cached between their tasks: WORKER_MAX_CACHED_WORKFLOWS if
 * set, else what WORKER_MEMORY_MB holds after the base. A case out of the cache is replayed from
 * its history at its next task (a step on it takes a few milliseconds more, not a lost action).
 */
export function workflowCacheSize(config: Pick<TWorkerConfig, 'WORKER_MEMORY_MB' | 'WORKER_MAX_CACHED_WORKFLOWS'>): number {
  return config.WORKER_MAX_CACHED_WORKFLOWS ?? Math.max(10, Math.floor((config.WORKER_MEMORY_MB - WORKER_BASE_MB) / MB_PER_CACHED_WORKFLOW));
}

/**
 * The heap limit of the worker's workflow thread (where the cached workflows live), in MB: the budget
 * less what the main thread (activities, the database pool) and native memory (the SDK's core) use.
 * Without it V8 sizes that heap from the machine's memory (4 GB here) and collects lazily: with a
 * 409-workflow cache the worker still grew to 2.6 GB as evicted workflows waited for collection.
 */
export function workflowHeapMb(config: Pick<TWorkerConfig, 'WORKER_MEMORY_MB'>): number {
  return config.WORKER_MEMORY_MB - 256;
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TWorkerConfig> {
  return parseEnv(zWorkerEnv, env);
}
