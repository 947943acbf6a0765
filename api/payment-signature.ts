/**
 * The signature of a payment callback (docs/adr/0126-payment-callback-signature.md): HMAC-SHA256,
 * keyed by a shared secret named by a key id, over `<timestamp>.<raw body>`, sent hex-encoded in
 * `X-INS-Signature` beside `X-INS-Key-Id` and `X-INS-Timestamp` (Unix seconds). Several keys are
 * active at once so that the treasury can rotate: each has a not-after instant past which it is
 * refused. Used by the API (verification) and by the simulator (signing).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** A key the payment platform signs with: its id, its shared secret, and the instant after which it is refused. */
export interface TPaymentKey {
  id: string;
  secret: string;
  notAfter: string;
}

export const PAYMENT_HEADERS = { keyId: 'x-ins-key-id', timestamp: 'x-ins-timestamp', signature: 'x-ins-signature' } as const;

/** The keys as configured (`PAYMENT_CALLBACK_KEYS`): a JSON array of `{ id, secret, notAfter }`. */
export const ZPaymentKeys = z
  .array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'a key id is 1 to 40 letters, digits, dots, underscores or hyphens'),
      secret: z.string().min(32, 'a secret has at least 32 characters'),
      notAfter: z.iso.datetime({ offset: true, error: 'notAfter must be an ISO instant, e.g. 2027-03-01T00:00:00+07:00' }),
    }),
  )
  .refine((keys) => new Set(keys.map((k) => k.id)).size === keys.length, 'key ids must be distinct');

/** Hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signPayment(secret: string, timestamp: string, body: string | Uint8Array): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return mac.digest('hex');
}

/** Why a callback's signature is refused; undefined when it is good. */
export type TSignatureVerdict = 'MISSING_HEADERS' | 'UNKNOWN_KEY' | 'KEY_EXPIRED' | 'STALE' | 'BAD_SIGNATURE';

/**
 * Checks a callback's headers against the keys at `now`: a known, unexpired key id; a timestamp
 * within `toleranceSeconds` of now (either way: stale or from the future); the signature compared
 * in constant time.
 */
export function verifyPayment(
  keys: readonly TPaymentKey[],
  headers: { keyId?: string | undefined; timestamp?: string | undefined; signature?: string | undefined },
  body: Uint8Array,
  now: Date,
  toleranceSeconds: number,
): TSignatureVerdict | undefined {
  const { keyId, timestamp, signature } = headers;
  if (!keyId || !timestamp || !signature) return 'MISSING_HEADERS';
  const key = keys.find((k) => k.id === keyId);
  if (!key) return 'UNKNOWN_KEY';
  if (now.getTime() > Date.parse(key.notAfter)) return 'KEY_EXPIRED';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return 'STALE';
  const expected = Buffer.from(signPayment(key.secret, timestamp, body), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'BAD_SIGNATURE';
  return undefined;
}
