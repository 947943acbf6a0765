import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLookupCode, generateLookupCode, LOOKUP_CODE_RANDOM_BYTES, normaliseLookupCode, normalisePartyIdentifier, partyIdentifierFrom } from './lookup-code.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('the lookup code', () => {
  it('is 12 Crockford symbols in three groups of four, and reads back as itself', () => {
    const code = generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseLookupCode(code)).toBe(code.replaceAll('-', ''));
  });

  it('is typed as the party likes: lower case, spaces, O for 0, I or L for 1', () => {
    // A code with 0 and 1 in it, so the look-alikes are exercised.
    const bytes = Uint8Array.from([0, 1, 2, 3, 0, 1, 5, 6, 7, 8, 9]);
    const code = generateLookupCode(bytes);
    expect(code.startsWith('0123-01')).toBe(true);
    const typed = ` ${code.toLowerCase().replace('0123', 'o i23').replace('-01', ' ol')} `;
    expect(normaliseLookupCode(typed)).toBe(code.replaceAll('-', ''));
  });

  // Luhn mod 32 misses one swap only: 0 and Z (the first and last symbols), as Luhn mod 10 misses 09/90.
  it('refuses any one symbol changed, and any two neighbours swapped but 0Z (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 11, maxLength: 11 }), fc.nat(11), fc.nat(31), (bytes, pos, sym) => {
        const code = generateLookupCode(bytes).replaceAll('-', '');
        const changed = code.slice(0, pos) + ALPHABET[sym] + code.slice(pos + 1);
        if (changed !== code) expect(normaliseLookupCode(changed)).toBeUndefined();
        const i = pos % 11;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (swapped !== code && !['0Z', 'Z0'].includes(code.slice(i, i + 2))) expect(normaliseLookupCode(swapped)).toBeUndefined();
      }),
    );
  });

  it('refuses what cannot be a code at all', () => {
    for (const s of ['', 'ABC', 'UUUU-UUUU-UUUU', '0123-4567-89AB-C', '<script>']) expect(normaliseLookupCode(s)).toBeUndefined();
    expect(formatLookupCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });

  it('is drawn from 55 random bits: 10 000 codes, no two the same', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES))));
    expect(seen.size).toBe(10_000);
  });
});

describe("the party's identifier", () => {
  it('is a 12-digit personal ID, a 10-digit tax code, or a 13-digit one with or without its dash', () => {
    expect(normalisePartyIdentifier('001090012345')).toBe('001090012345');
    expect(normalisePartyIdentifier(' 2700123459 ')).toBe('2700123459');
    expect(normalisePartyIdentifier('2700111118-001')).toBe('2700111118001');
    expect(normalisePartyIdentifier('2700111118001')).toBe('2700111118001');
    expect(normalisePartyIdentifier('001 090 012 345')).toBe('001090012345');
  });

  it('is nothing else', () => {
    for (const s of ['', '123', '12345678901', '27001234x9', '2700111118-01', '00109001234567']) expect(normalisePartyIdentifier(s)).toBeUndefined();
  });

  it("a case names is its registry business's tax code, else the one its record states", () => {
    expect(partyIdentifierFrom('2700111118-001', '001090012345')).toBe('2700111118001');
    // A registry tax code that is not a valid identifier does not hide the record's.
    expect(partyIdentifierFrom('27001', '001 090 012 345')).toBe('001090012345');
    expect(partyIdentifierFrom(null, '2700123459')).toBe('2700123459');
    expect(partyIdentifierFrom(undefined, undefined)).toBeUndefined();
    expect(partyIdentifierFrom('', 12345678901)).toBeUndefined();
    expect(partyIdentifierFrom(undefined, 'not an id')).toBeUndefined();
  });
});
