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
  // Messages to parties by SMS and Zalo (docs/adr/0145): an HTTP gateway each, one bearer token; unset sends none by that channel.
  SMS_GATEWAY_URL: z.url({ error: 'must be the SMS gateway’s URL, e.g. https://sms.example.vn/messages' }).optional(),
  ZALO_GATEWAY_URL: z.url({ error: 'must be the Zalo gateway’s URL' }).optional(),
  MESSAGE_GATEWAY_TOKEN: z.string().min(8, 'must be at least 8 characters').max(500).optional(),
  // The unit's signing certificate for the decisions INS issues (docs/documents.md, docs/adr/0147): unset issues them unsigned.
  INS_SIGNING_P12: z.string().min(1).optional(),
  INS_SIGNING_P12_PASSPHRASE: z.string().optional(),
  // A prebuilt workflow bundle (lib/workflow-bundle.ts, docs/adr/0169); unset bundles at start (about five seconds).
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  // The documents' font folder (Liberation Serif 2): Debian's fonts-liberation2 unless set.
  INS_DOCUMENT_FONT_DIR: z.string().min(1).optional(),
});

export type TWorkerConfig = z.infer<typeof zWorkerEnv>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TWorkerConfig> {
  return parseEnv(zWorkerEnv, env);
}
