import { z } from 'zod';
import { parseEnv, zCoreEnv, zPort } from '../lib/config.js';
import { zTrustedProxies } from './client-address.js';
import { ZPaymentKeys } from './payment-signature.js';

const zApiEnv = zCoreEnv
  .extend({
    PORT: zPort.default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Where the built web app lives; served by the API process. */
    WEB_DIST_DIR: z.string().min(1).default('web/dist'),
    /** Shown on the API's own pages; where people find the Temporal Web UI. */
    TEMPORAL_UI_URL: z.url().optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(12),
    /** Secure cookies (HTTPS only); on by default in production. */
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    /**
     * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses and CIDR ranges);
     * empty: none, the client is the TCP peer (api/client-address.ts).
     */
    TRUSTED_PROXIES: zTrustedProxies,
    /** Requests per minute per client on public endpoints (fine quote, due-date calculator). */
    PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    /** Where evidence files are stored (one API process, or a disk all replicas share). */
    EVIDENCE_DIR: z.string().min(1).default('.data/evidence'),
    EVIDENCE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(200 * 1024 * 1024),
    /** Set it to keep evidence in an S3-compatible store instead of EVIDENCE_DIR (needed when API replicas share no disk). */
    EVIDENCE_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens')
      .optional(),
    /** The store's URL (SeaweedFS, Ceph RGW, MinIO…); unset for AWS S3 itself. */
    EVIDENCE_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    EVIDENCE_S3_REGION: z.string().min(1).default('us-east-1'),
    /** Both or neither; neither: the AWS SDK's default chain (environment, instance or task role). */
    EVIDENCE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    EVIDENCE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Bucket in the URL path; default true with EVIDENCE_S3_ENDPOINT (self-hosted stores), false for AWS. */
    EVIDENCE_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    /** A resumable upload with no chunk for this long is abandoned and its staged bytes are removed. */
    EVIDENCE_UPLOAD_TTL_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(24),
    /** How long an Idempotency-Key and its response are kept (a retry after that is a new request). */
    IDEMPOTENCY_TTL_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(24),
    /** How long a request holds its Idempotency-Key without renewing it: a retry after a crash waits this long. */
    IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
    /**
     * Keys payment callbacks are signed with (docs/adr/0126): a JSON array of `{ "id", "secret",
     * "notAfter" }`, the current and the previous key during a rotation. Unset: every callback is refused.
     */
    PAYMENT_CALLBACK_KEYS: z
      .string()
      .default('[]')
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { "id", "secret", "notAfter" }' });
          return z.NEVER;
        }
      })
      .pipe(ZPaymentKeys),
    /** How far a callback's timestamp may be from now, either way. */
    PAYMENT_CALLBACK_TOLERANCE_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  })
  .superRefine((env, ctx) => {
    const s3Settings = (['EVIDENCE_S3_ENDPOINT', 'EVIDENCE_S3_ACCESS_KEY_ID', 'EVIDENCE_S3_SECRET_ACCESS_KEY', 'EVIDENCE_S3_FORCE_PATH_STYLE'] as const).filter((k) => env[k] !== undefined);
    if (!env.EVIDENCE_S3_BUCKET && s3Settings.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['EVIDENCE_S3_BUCKET'], message: `the S3 evidence store needs a bucket, since ${s3Settings.join(', ')} ${s3Settings.length > 1 ? 'are' : 'is'} set` });
    }
    if ((env.EVIDENCE_S3_ACCESS_KEY_ID === undefined) !== (env.EVIDENCE_S3_SECRET_ACCESS_KEY === undefined)) {
      const missing = env.EVIDENCE_S3_ACCESS_KEY_ID === undefined ? 'EVIDENCE_S3_ACCESS_KEY_ID' : 'EVIDENCE_S3_SECRET_ACCESS_KEY';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'set both EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY, or neither to use the default AWS credential chain' });
    }
  });

/** Where evidence goes: the disk by default, an S3-compatible store when EVIDENCE_S3_BUCKET is set. */
export type TEvidenceStoreSettings =
  { kind: 'disk'; dir: string } | { kind: 's3'; bucket: string; endpoint?: string; region: string; credentials?: { accessKeyId: string; secretAccessKey: string }; forcePathStyle: boolean };

export function evidenceStoreSettings(config: Readonly<TApiConfig>): TEvidenceStoreSettings {
  if (!config.EVIDENCE_S3_BUCKET) return { kind: 'disk', dir: config.EVIDENCE_DIR };
  return {
    kind: 's3',
    bucket: config.EVIDENCE_S3_BUCKET,
    ...(config.EVIDENCE_S3_ENDPOINT ? { endpoint: config.EVIDENCE_S3_ENDPOINT } : {}),
    region: config.EVIDENCE_S3_REGION,
    ...(config.EVIDENCE_S3_ACCESS_KEY_ID && config.EVIDENCE_S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: config.EVIDENCE_S3_ACCESS_KEY_ID, secretAccessKey: config.EVIDENCE_S3_SECRET_ACCESS_KEY } }
      : {}),
    forcePathStyle: config.EVIDENCE_S3_FORCE_PATH_STYLE ? config.EVIDENCE_S3_FORCE_PATH_STYLE === 'true' : config.EVIDENCE_S3_ENDPOINT !== undefined,
  };
}

export type TApiConfig = z.infer<typeof zApiEnv>;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TApiConfig> {
  return parseEnv(zApiEnv, env);
}
