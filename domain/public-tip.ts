/**
 * Tips from the public (tin báo, phản ánh của người dân; issue 16, docs/adr/0130–0133): the themes a
 * reporter picks from, the key that links tips about the same business and theme, the status the
 * reporter sees, and the proof of work that makes each submission cost a little. Pure: the hash and
 * the clock come from the caller.
 */
import { foldVietnamese, parseTaxCode } from './business.js';

/** What a tip is about (chủ đề): picked on the form, one of the key's two halves. */
export const TIP_THEMES = ['COUNTERFEIT', 'ORIGIN', 'FOOD_SAFETY', 'PRICE', 'LABEL', 'OTHER'] as const;
export type TTipTheme = (typeof TIP_THEMES)[number];

/** Words of a business's name that say what kind of business it is, not which one ("Công ty TNHH …"). */
const BUSINESS_FORM_WORDS = new Set([
  'cong',
  'ty',
  'tnhh',
  'co',
  'phan',
  'cp',
  'cty',
  'mtv',
  'mot',
  'thanh',
  'vien',
  'hkd',
  'ho',
  'kinh',
  'doanh',
  'cua',
  'hang',
  'shop',
  'ltd',
  'jsc',
  'company',
  'limited',
  'dntn',
  'doanh',
  'nghiep',
  'tu',
  'nhan',
  'tm',
  'dv',
  'thuong',
  'mai',
  'dich',
  'vu',
]);

/**
 * The business a tip names, as the link compares it: its tax code when a valid one is given
 * (`tax:0101234567`), else its name folded (no accents, lower case, punctuation and the words of
 * its legal form dropped: "Công ty TNHH Hoa Lư" and "cty hoa lu" are both `name:hoa lu`).
 * Undefined when neither says anything.
 */
export function tipBusinessKey(business: { name?: string | undefined; taxCode?: string | undefined }): string | undefined {
  const tax = business.taxCode ? parseTaxCode(business.taxCode) : undefined;
  if (tax?.ok) return `tax:${tax.taxCode}`;
  const words = foldVietnamese(business.name ?? '')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !BUSINESS_FORM_WORDS.has(w));
  return words.length ? `name:${words.join(' ')}` : undefined;
}

/** The key two tips share when they are about the same business and theme; undefined when the business is not named. */
export function tipLinkKey(business: { name?: string | undefined; taxCode?: string | undefined }, theme: TTipTheme): string | undefined {
  const b = tipBusinessKey(business);
  return b && `${b}|${theme}`;
}

/** What the reporter is told: received (not yet logged by an officer), being checked, handled. */
export type TTipStatus = 'RECEIVED' | 'CHECKING' | 'HANDLED';

/**
 * The tip's status from its case: handled once the case is closed, being checked once its first
 * step (C1, the officer logging the tip) is done, received before. Nothing else of the case — the
 * classification, the verification, the inspection it led to — is the reporter's to see.
 */
export function tipStatus(
  c: { status: 'OPEN' | 'CLOSED'; completed: readonly { stepId: string; at?: string | undefined }[] },
  firstStep = 'C1',
): { status: TTipStatus; checkingSince?: string | undefined } {
  const logged = c.completed.find((x) => x.stepId === firstStep);
  if (c.status === 'CLOSED') return { status: 'HANDLED', checkingSince: logged?.at };
  return logged ? { status: 'CHECKING', checkingSince: logged.at } : { status: 'RECEIVED' };
}

/** Leading zero bits of a hash (the proof of work counts them). */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** A challenge as the server issues it, before its signature. */
export interface TChallenge {
  /** Random, unique: what "used once" is recorded by. */
  id: string;
  /** When it was issued, ms since the epoch. */
  issuedAt: number;
  /** Leading zero bits sha256(challenge + nonce) must have. */
  difficulty: number;
}

/** The signed text of a challenge: `id.issuedAt.difficulty` (the signature is appended after a dot). */
export function challengePayload(c: TChallenge): string {
  return `${c.id}.${c.issuedAt}.${c.difficulty}`;
}

/** The challenge and signature of a token `id.issuedAt.difficulty.signature`, or undefined when it is not of that shape. */
function parseChallengeToken(token: string): { challenge: TChallenge; payload: string; signature: string } | undefined {
  const m = /^([A-Za-z0-9_-]{16,64})\.(\d{13})\.(\d{1,2})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const challenge = { id: m[1]!, issuedAt: Number(m[2]), difficulty: Number(m[3]) };
  return { challenge, payload: challengePayload(challenge), signature: m[4]! };
}

/** Why a proof of work is refused; undefined when it holds. */
export type TProofRefusal = 'MALFORMED' | 'FORGED' | 'STALE' | 'TOO_EASY' | 'NOT_SOLVED';

/**
 * Checks a solved challenge: the signature (compared by the caller's constant-time `signatureOk`),
 * its age (`maxAgeMs`; not from the future beyond a small skew), the difficulty it carries is at
 * least the one required now, and sha256(token + nonce) has that many leading zero bits. Being used
 * only once is the caller's (it is a fact of the database).
 */
export function checkProof(
  token: string,
  nonce: string,
  opts: { now: number; maxAgeMs: number; minDifficulty: number; signatureOk: (payload: string, signature: string) => boolean; sha256: (s: string) => Uint8Array },
): { refusal: TProofRefusal } | { challenge: TChallenge } {
  const parsed = parseChallengeToken(token);
  if (!parsed || !/^[0-9a-zA-Z]{1,32}$/.test(nonce)) return { refusal: 'MALFORMED' };
  if (!opts.signatureOk(parsed.payload, parsed.signature)) return { refusal: 'FORGED' };
  const age = opts.now - parsed.challenge.issuedAt;
  if (age > opts.maxAgeMs || age < -30_000) return { refusal: 'STALE' };
  if (parsed.challenge.difficulty < opts.minDifficulty) return { refusal: 'TOO_EASY' };
  if (leadingZeroBits(opts.sha256(token + nonce)) < parsed.challenge.difficulty) return { refusal: 'NOT_SOLVED' };
  return { challenge: parsed.challenge };
}
