import { describe, expect, it } from 'vitest';
import { signPayment, verifyPayment, ZPaymentKeys, type TPaymentKey } from './payment-signature.js';

const NOW = new Date('2026-12-23T03:00:00Z');
const TS = String(Math.floor(NOW.getTime() / 1000));
const KEYS: TPaymentKey[] = [
  { id: 'kb-2026-12', secret: 'c'.repeat(40), notAfter: '2027-06-30T00:00:00Z' },
  { id: 'kb-2026-06', secret: 'p'.repeat(40), notAfter: '2026-12-31T00:00:00Z' },
];
const BODY = new TextEncoder().encode('{"transactionId":"T1","amount":100}');
const headers = (over: Partial<{ keyId: string; timestamp: string; signature: string }> = {}) => ({
  keyId: 'kb-2026-12',
  timestamp: TS,
  signature: signPayment('c'.repeat(40), TS, BODY),
  ...over,
});

describe('payment callback signature', () => {
  it('accepts a signature by the current key and by the previous one until its not-after instant', () => {
    expect(verifyPayment(KEYS, headers(), BODY, NOW, 300)).toBeUndefined();
    const previous = headers({ keyId: 'kb-2026-06', signature: signPayment('p'.repeat(40), TS, BODY) });
    expect(verifyPayment(KEYS, previous, BODY, NOW, 300)).toBeUndefined();
    const later = new Date('2027-01-01T00:00:00Z');
    const ts = String(later.getTime() / 1000);
    expect(verifyPayment(KEYS, { keyId: 'kb-2026-06', timestamp: ts, signature: signPayment('p'.repeat(40), ts, BODY) }, BODY, later, 300)).toBe('KEY_EXPIRED');
  });

  it('refuses a forged signature, another body, an unknown key and missing headers', () => {
    expect(verifyPayment(KEYS, headers({ signature: signPayment('x'.repeat(40), TS, BODY) }), BODY, NOW, 300)).toBe('BAD_SIGNATURE');
    expect(verifyPayment(KEYS, headers(), new TextEncoder().encode('{"transactionId":"T1","amount":1000}'), NOW, 300)).toBe('BAD_SIGNATURE');
    expect(verifyPayment(KEYS, headers({ signature: 'zz' }), BODY, NOW, 300)).toBe('BAD_SIGNATURE');
    expect(verifyPayment(KEYS, headers({ keyId: 'kb-1999' }), BODY, NOW, 300)).toBe('UNKNOWN_KEY');
    expect(verifyPayment(KEYS, { keyId: 'kb-2026-12', timestamp: TS }, BODY, NOW, 300)).toBe('MISSING_HEADERS');
  });

  it('refuses a timestamp outside the window either way, and one signed for another timestamp', () => {
    for (const offset of [-301, 301]) {
      const ts = String(Number(TS) + offset);
      expect(verifyPayment(KEYS, headers({ timestamp: ts, signature: signPayment('c'.repeat(40), ts, BODY) }), BODY, NOW, 300)).toBe('STALE');
    }
    const edge = String(Number(TS) - 300);
    expect(verifyPayment(KEYS, headers({ timestamp: edge, signature: signPayment('c'.repeat(40), edge, BODY) }), BODY, NOW, 300)).toBeUndefined();
    expect(verifyPayment(KEYS, headers({ timestamp: edge }), BODY, NOW, 300)).toBe('BAD_SIGNATURE');
    expect(verifyPayment(KEYS, headers({ timestamp: '1.5e9' }), BODY, NOW, 300)).toBe('STALE');
  });

  it('configuration: distinct ids, long secrets, ISO not-after instants', () => {
    expect(ZPaymentKeys.safeParse(KEYS).success).toBe(true);
    expect(ZPaymentKeys.safeParse([KEYS[0], KEYS[0]]).success).toBe(false);
    expect(ZPaymentKeys.safeParse([{ ...KEYS[0], secret: 'short' }]).success).toBe(false);
    expect(ZPaymentKeys.safeParse([{ ...KEYS[0], notAfter: 'soon' }]).success).toBe(false);
  });
});
