/**
 * Payment callbacks from the treasury or the national payment platform (docs/adr/0125, 0126):
 * public, authenticated by an HMAC signature with a rotating key, timestamped, idempotent by
 * transaction id. An accepted callback becomes the case workflow's `PAYMENT_RECEIVED` event (keyed
 * by the transaction id), which completes the compliance step once the fine and its surcharge are
 * paid in full; the answer is a receipt with what is still owed. Every callback is recorded with
 * its verdict (`payment_callback`), for the daily reconciliation.
 */
import { createHash } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { zodIssues } from '../../domain/validation-issues.js';
import type { Db } from '../../db/database.js';
import { reconcilePayments } from '../../domain/payment-reconciliation.js';
import { acceptedCallback, caseKnown, claimTransaction, keepAnswer, reconciliationInput, recordCallback, type TCallbackRecord } from '../../db/repositories/payments.js';
import { externalEventSignal, paymentStatusQuery } from '../../workflows/case-messages.js';
import { PUBLIC, roles, route } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { AppError, invalidIssues } from '../errors.js';
import { PAYMENT_HEADERS, verifyPayment, type TPaymentKey } from '../payment-signature.js';
import { ERROR_RESPONSES, RATE_LIMITED_RESPONSE, TOKEN_ERRORS, UNSAFE_REQUEST_ERRORS, ZErrorBody } from '../schemas.js';

/** The keys and the timestamp window (`PAYMENT_CALLBACK_KEYS`, `PAYMENT_CALLBACK_TOLERANCE_SECONDS`). */
export interface TPaymentSettings {
  keys: readonly TPaymentKey[];
  toleranceSeconds: number;
}

// eslint-disable-next-line no-control-regex -- what PostgreSQL text cannot hold (NUL) and no name needs
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/** A callback's body. The case is named by its id until the public lookup code exists (issue 16, branch c16-lookup). */
const ZPaymentCallback = z
  .object({
    transactionId: z.string().regex(/^[A-Za-z0-9._:-]{1,60}$/, 'must be 1 to 60 letters, digits, dots, colons, underscores or hyphens'),
    caseId: z.string().min(1).max(200).regex(PRINTABLE, 'must not contain control characters'),
    amount: z.number().int('must be a whole number of đồng').min(1, 'must be at least 1 đồng').max(1e13),
    paidAt: z.iso.datetime({ offset: true }),
    channel: z.string().min(1).max(40).regex(PRINTABLE, 'must not contain control characters'),
    payer: z.string().max(200).regex(PRINTABLE, 'must not contain control characters').optional(),
  })
  .strict()
  .openapi('PaymentCallback');

const ZReceipt = z
  .object({
    receiptNo: z.string(),
    transactionId: z.string(),
    caseId: z.string(),
    amount: z.number().int(),
    paid: z.number().int().openapi({ description: 'Paid so far in this case, this payment included' }),
    due: z.number().int().optional().openapi({ description: 'The fine plus the late-payment surcharge accrued to the last payment' }),
    outstanding: z.number().int().optional().openapi({ description: 'Still owed after this payment (absent when the case has no amount due yet)' }),
    settled: z.boolean().openapi({ description: 'The compliance step is completed: the fine is paid in full' }),
  })
  .openapi('PaymentReceipt');

const error = (description: string) => ({ description, content: { 'application/json': { schema: ZErrorBody } } });

const callbackRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/payments/callback',
  tags: ['payments'],
  summary: 'A payment of a fine, reported by the treasury or the payment platform (signed)',
  description: [
    'Headers: `X-INS-Key-Id`, `X-INS-Timestamp` (Unix seconds, within the window of now), `X-INS-Signature`: hex HMAC-SHA256 of `<timestamp>.<raw body>` with the key’s secret.',
    'Body (JSON): `{ transactionId, caseId, amount (VND, whole), paidAt (ISO instant), channel, payer? }`.',
    'The same transaction id with the same payment again gets the same receipt and has no second effect; with another payment it is refused (409).',
  ].join('\n\n'),
  responses: {
    ...TOKEN_ERRORS,
    ...UNSAFE_REQUEST_ERRORS,
    200: { description: 'The payment is recorded (or was already): the receipt', content: { 'application/json': { schema: ZReceipt } } },
    400: error('The body is not a payment callback'),
    401: error('Unsigned, an unknown or expired key, a timestamp outside the window, or a wrong signature (`details.reason`)'),
    404: error('No such case'),
    409: error('This transaction id was already reported with another payment'),
    ...RATE_LIMITED_RESPONSE,
    503: error('Temporal or the database cannot be reached; send the callback again'),
  },
});

/** Callbacks younger than this may not be in their case's read model yet: not judged. */
const SETTLING_MS = 10 * 60_000;

const ZMismatch = z
  .object({
    kind: z.enum(['NOT_IN_CASE', 'AMOUNT_DIFFERS', 'CASE_UNKNOWN', 'NO_CALLBACK']),
    transactionId: z.string(),
    caseId: z.string(),
    callbackAmount: z.number().int().optional(),
    caseAmount: z.number().int().optional(),
  })
  .openapi('PaymentMismatch');

const reconciliationRoute = route({
  access: roles(['LEGAL_OFFICER', 'DIRECTOR'], 'see the reconciliation of payments'),
  method: 'get',
  path: '/api/v1/payments/reconciliation',
  tags: ['payments'],
  summary: 'Payment callbacks against the cases of my unit: callbacks a case did not record, amounts that differ, payments no callback reported',
  request: {
    query: z.object({
      days: z.coerce.number().int().min(1).max(366).default(7).openapi({ description: 'Callbacks received (and cases touched) in the last so many days' }),
    }),
  },
  responses: {
    200: {
      description: 'The mismatches (callbacks of the last ten minutes are not judged yet)',
      content: { 'application/json': { schema: z.object({ checked: z.number().int(), mismatches: z.array(ZMismatch) }) } },
    },
    ...ERROR_RESPONSES,
  },
});

const REASONS: Record<string, string> = {
  MISSING_HEADERS: 'The callback must carry X-INS-Key-Id, X-INS-Timestamp and X-INS-Signature.',
  UNKNOWN_KEY: 'The key id is not one of the keys configured for payment callbacks.',
  KEY_EXPIRED: 'The key is past its not-after date; sign with the current key.',
  STALE: 'The timestamp is outside the accepted window around the current time.',
  BAD_SIGNATURE: 'The signature does not match the body and timestamp.',
};

type TCallback = z.infer<typeof ZPaymentCallback>;

/** The payment a callback reports, for comparing two callbacks of one transaction id. */
function samePayment(a: TCallback, b: TCallback): boolean {
  const key = (x: TCallback) => JSON.stringify([x.transactionId, x.caseId, x.amount, Date.parse(x.paidAt), x.channel, x.payer ?? null]);
  return key(a) === key(b);
}

export function paymentRoutes({ db, temporal, settings }: { db: Db; temporal: Client; settings: TPaymentSettings }) {
  return new OpenAPIHono<TAppEnv>()
    .openapi(reconciliationRoute, async (c) => {
      const user = currentUser(c);
      const { days } = c.req.valid('query');
      const { callbacks, cases } = await reconciliationInput(db, user.unitId, new Date(Date.now() - days * 86_400_000));
      return c.json({ checked: callbacks.length, mismatches: reconcilePayments(callbacks, cases, new Date(Date.now() - SETTLING_MS).toISOString()) }, 200);
    })
    .openapi(callbackRoute, async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const base: Omit<TCallbackRecord, 'verdict'> = {
        keyId: c.req.header(PAYMENT_HEADERS.keyId)?.slice(0, 40),
        bodySha256: createHash('sha256').update(raw).digest('hex'),
        // As text PostgreSQL can store (no NUL; invalid UTF-8 as U+FFFD): a forged body may be anything.
        body: new TextDecoder().decode(raw).slice(0, 8000).replaceAll('\u0000', '\ufffd'),
        clientAddress: clientAddress(c),
      };
      const headers = { keyId: c.req.header(PAYMENT_HEADERS.keyId), timestamp: c.req.header(PAYMENT_HEADERS.timestamp), signature: c.req.header(PAYMENT_HEADERS.signature) };
      const refused = verifyPayment(settings.keys, headers, raw, new Date(), settings.toleranceSeconds);
      if (refused) {
        await recordCallback(db, { ...base, verdict: refused });
        throw new AppError('UNAUTHENTICATED', REASONS[refused]!, undefined, { reason: refused });
      }
      let json: unknown;
      try {
        json = JSON.parse(base.body);
      } catch {
        json = undefined;
      }
      const parsed = ZPaymentCallback.safeParse(json);
      if (!parsed.success) {
        await recordCallback(db, { ...base, verdict: 'INVALID' });
        throw invalidIssues(zodIssues(parsed.error.issues, { input: json }));
      }
      const p = parsed.data;
      if (Date.parse(p.paidAt) > Date.now() + settings.toleranceSeconds * 1000) {
        await recordCallback(db, { ...base, verdict: 'INVALID' });
        throw invalidIssues([{ path: 'paidAt', message: 'is in the future', rule: 'invalid' }]);
      }
      const record: Omit<TCallbackRecord, 'verdict'> = { ...base, transactionId: p.transactionId, caseId: p.caseId, amount: p.amount, paidAt: p.paidAt, channel: p.channel };

      let claimed: string | undefined;
      if (await caseKnown(db, p.caseId)) claimed = await claimTransaction(db, { ...record, verdict: 'ACCEPTED' });
      else if (!(await acceptedCallback(db, p.transactionId))) {
        await recordCallback(db, { ...record, verdict: 'CASE_UNKNOWN' });
        throw new AppError('NOT_FOUND', `No case ${p.caseId}.`, undefined, { reason: 'CASE_UNKNOWN' });
      }
      let id = claimed;
      if (!claimed) {
        // The transaction id is taken: the same payment again is absorbed, another one refused.
        const first = (await acceptedCallback(db, p.transactionId))!;
        const before = ZPaymentCallback.safeParse(JSON.parse(first.body));
        if (!before.success || !samePayment(before.data, p)) {
          await recordCallback(db, { ...record, verdict: 'CONFLICT' });
          throw new AppError('CONFLICT', `Transaction ${p.transactionId} was already reported with another payment.`, undefined, { reason: 'TRANSACTION_ID_REUSED' });
        }
        await recordCallback(db, { ...record, verdict: 'DUPLICATE' });
        if (first.response) {
          c.header('Idempotency-Replayed', 'true');
          return c.json(first.response as z.infer<typeof ZReceipt>, 200);
        }
        // The first callback stopped before its answer (a crash, Temporal unreachable): finish it.
        id = first.id;
      }
      const handle = temporal.workflow.getHandle(p.caseId);
      // Idempotent in the workflow by its key: a resent signal records nothing twice.
      await handle.signal(externalEventSignal, {
        eventId: 'PAYMENT_RECEIVED',
        key: p.transactionId,
        at: p.paidAt,
        data: { amount: p.amount, paidAt: p.paidAt, transactionId: p.transactionId, channel: p.channel },
      });
      const status = await handle.query(paymentStatusQuery);
      const receiptNo = `BL-${p.paidAt.slice(0, 4)}-${String(id).padStart(8, '0')}`;
      const receipt = {
        receiptNo,
        transactionId: p.transactionId,
        caseId: p.caseId,
        amount: p.amount,
        paid: status.paid,
        ...(status.due !== undefined ? { due: status.due } : {}),
        ...(status.outstanding !== undefined ? { outstanding: status.outstanding } : {}),
        settled: status.settled,
      };
      await keepAnswer(db, id!, receiptNo, receipt);
      return c.json(receipt, 200);
    });
}
