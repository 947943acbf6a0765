import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengePayload, checkProof, leadingZeroBits, tipBusinessKey, tipLinkKey, tipStatus } from './public-tip.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const KEY = 'k'.repeat(32);
const sign = (payload: string) => createHmac('sha256', KEY).update(payload).digest('base64url');
const signatureOk = (payload: string, signature: string) => {
  const a = Buffer.from(sign(payload));
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
};
const NOW = Date.parse('2026-12-24T03:00:00Z');

function token(issuedAt = NOW, difficulty = 8, id = 'abcdefghijklmnopqrstuv') {
  const payload = challengePayload({ id, issuedAt, difficulty });
  return `${payload}.${sign(payload)}`;
}
function solve(t: string, bits: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(sha256(t + n)) >= bits) return String(n);
}
const opts = { now: NOW, maxAgeMs: 600_000, minDifficulty: 8, signatureOk, sha256 };

describe('the proof of work of a public tip', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0xff]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x20]))).toBe(10);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });

  it('accepts a fresh, signed, solved challenge and returns it', () => {
    const t = token();
    const result = checkProof(t, solve(t, 8), opts);
    expect(result).toEqual({ challenge: { id: 'abcdefghijklmnopqrstuv', issuedAt: NOW, difficulty: 8 } });
  });

  it('refuses a nonce that does not give the zero bits', () => {
    const t = token(NOW, 12);
    let n = 0;
    while (leadingZeroBits(sha256(t + n)) >= 12) n++;
    expect(checkProof(t, String(n), opts)).toEqual({ refusal: 'NOT_SOLVED' });
  });

  it('refuses a challenge whose signature is not the server’s, or whose difficulty was lowered after signing', () => {
    const t = token();
    const nonce = solve(t, 8);
    const forged = t.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`);
    expect(checkProof(forged, nonce, opts)).toEqual({ refusal: 'FORGED' });
    const hard = token(NOW, 20);
    const lowered = hard.replace('.20.', '.8.');
    expect(checkProof(lowered, solve(lowered, 8), opts)).toEqual({ refusal: 'FORGED' });
  });

  it('refuses a stale challenge, one from the future, and one easier than required now', () => {
    const old = token(NOW - 600_001);
    expect(checkProof(old, solve(old, 8), opts)).toEqual({ refusal: 'STALE' });
    const future = token(NOW + 60_000);
    expect(checkProof(future, solve(future, 8), opts)).toEqual({ refusal: 'STALE' });
    const easy = token(NOW, 4);
    expect(checkProof(easy, solve(easy, 4), opts)).toEqual({ refusal: 'TOO_EASY' });
  });

  it('refuses what is not a token or not a nonce', () => {
    expect(checkProof('nonsense', '1', opts)).toEqual({ refusal: 'MALFORMED' });
    expect(checkProof(token(), 'a b', opts)).toEqual({ refusal: 'MALFORMED' });
    expect(checkProof(token(), '', opts)).toEqual({ refusal: 'MALFORMED' });
  });
});

describe('the link between tips', () => {
  it('is the tax code when a valid one is given, whatever the name', () => {
    expect(tipBusinessKey({ name: 'Hoa Lư', taxCode: '2700123459' })).toBe('tax:2700123459');
    expect(tipBusinessKey({ name: 'Khác hẳn', taxCode: ' 2700 123 459 ' })).toBe('tax:2700123459');
  });

  it('is the folded name without its legal form when the tax code is missing or invalid', () => {
    expect(tipBusinessKey({ name: 'Công ty TNHH Thực phẩm Hoa Lư' })).toBe('name:thuc pham hoa lu');
    expect(tipBusinessKey({ name: 'cty thuc pham hoa lu', taxCode: '123' })).toBe('name:thuc pham hoa lu');
    expect(tipBusinessKey({ name: 'CÔNG TY CP  Thực-phẩm  HOA LƯ.' })).toBe('name:thuc pham hoa lu');
  });

  it('is absent when no business is named', () => {
    expect(tipBusinessKey({})).toBeUndefined();
    expect(tipBusinessKey({ name: 'Công ty TNHH' })).toBeUndefined();
    expect(tipLinkKey({ name: '  ' }, 'PRICE')).toBeUndefined();
  });

  it('joins the business and the theme: the same shop about another theme is another link', () => {
    expect(tipLinkKey({ name: 'Cửa hàng Bách Hóa Xanh' }, 'PRICE')).toBe('name:bach hoa xanh|PRICE');
    expect(tipLinkKey({ name: 'Cửa hàng Bách Hóa Xanh' }, 'ORIGIN')).not.toBe(tipLinkKey({ name: 'Cửa hàng Bách Hóa Xanh' }, 'PRICE'));
  });
});

describe('the status a reporter sees', () => {
  it('is received until the tip is logged, being checked after, handled once the case is closed', () => {
    expect(tipStatus({ status: 'OPEN', completed: [] })).toEqual({ status: 'RECEIVED' });
    expect(tipStatus({ status: 'OPEN', completed: [{ stepId: 'C1', at: '2026-12-24T03:00:00Z' }, { stepId: 'C2' }] })).toEqual({ status: 'CHECKING', checkingSince: '2026-12-24T03:00:00Z' });
    expect(tipStatus({ status: 'CLOSED', completed: [{ stepId: 'C1', at: 'x' }] })).toEqual({ status: 'HANDLED', checkingSince: 'x' });
  });
});
