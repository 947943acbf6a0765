/**
 * Sends one signed payment callback, as the treasury or the payment platform would (for demos and
 * tests; docs/operations.md "Payment callbacks"):
 *
 *   PAYMENT_KEY_ID=kb-2027-01 PAYMENT_KEY_SECRET=… npm run payment:simulate -- \
 *     --case penalty/u1/2026/0001 --amount 3750000 [--tx T123] [--paid-at 2026-12-23T09:00:00+07:00] \
 *     [--channel NPP] [--payer "Trần Thị F"] [--url http://127.0.0.1:8080]
 *
 * Prints the HTTP status and the answer (the receipt, or the error envelope); exits 0 on 200.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PAYMENT_HEADERS, signPayment } from '../api/payment-signature.js';

const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    amount: { type: 'string' },
    tx: { type: 'string' },
    'paid-at': { type: 'string' },
    channel: { type: 'string', default: 'SIMULATOR' },
    payer: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
  },
});
const keyId = process.env.PAYMENT_KEY_ID;
const secret = process.env.PAYMENT_KEY_SECRET;
const amount = Number(values.amount);
if (!values.case || !Number.isInteger(amount) || amount <= 0 || !keyId || !secret) {
  console.error('usage: PAYMENT_KEY_ID=… PAYMENT_KEY_SECRET=… payment-simulator --case <caseId> --amount <VND> [--tx <id>] [--paid-at <ISO>] [--channel <name>] [--payer <name>] [--url <api>]');
  process.exit(2);
}
const body = JSON.stringify({
  transactionId: values.tx ?? `SIM-${randomUUID()}`,
  caseId: values.case,
  amount,
  paidAt: values['paid-at'] ?? new Date().toISOString(),
  channel: values.channel,
  ...(values.payer ? { payer: values.payer } : {}),
});
const timestamp = String(Math.floor(Date.now() / 1000));
const res = await fetch(new URL('/api/v1/public/payments/callback', values.url), {
  method: 'POST',
  headers: { 'content-type': 'application/json', [PAYMENT_HEADERS.keyId]: keyId, [PAYMENT_HEADERS.timestamp]: timestamp, [PAYMENT_HEADERS.signature]: signPayment(secret, timestamp, body) },
  body,
});
console.log(res.status, await res.text());
process.exitCode = res.status === 200 ? 0 : 1;
