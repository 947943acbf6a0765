/**
 * The case lookup code (mã tra cứu) printed on the violation record and the decision, and the
 * party's identifier it is checked with (docs/adr/0120-case-lookup-code.md). Pure: the random bytes
 * come from the caller.
 *
 * A code is 11 random Crockford base32 symbols (55 bits) and one check symbol, written in three
 * groups of four: `7KQ2-M9XD-4TW8`. Crockford's alphabet has no I, L, O or U, so what is read
 * aloud or copied by hand is hard to get wrong; a mistyped symbol or two swapped neighbours fail
 * the check (Luhn mod 32; of the swaps only 0Z/Z0 passes) before anything is looked up.
 */

/** Crockford's base32 alphabet. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_SYMBOLS = 11;
/** Random bytes `generateLookupCode` needs (one per symbol; 5 bits of each are used). */
export const LOOKUP_CODE_RANDOM_BYTES = RANDOM_SYMBOLS;

/** Luhn mod N over the alphabet: the symbol that makes the whole code check. */
function checkSymbol(symbols: string): string {
  const n = ALPHABET.length;
  let sum = 0;
  let double = true;
  for (let i = symbols.length - 1; i >= 0; i--) {
    let v = ALPHABET.indexOf(symbols[i]!) * (double ? 2 : 1);
    v = Math.floor(v / n) + (v % n);
    sum += v;
    double = !double;
  }
  return ALPHABET[(n - (sum % n)) % n]!;
}

/** A new code, grouped for print, from `random` (at least LOOKUP_CODE_RANDOM_BYTES bytes). */
export function generateLookupCode(random: Uint8Array): string {
  if (random.length < RANDOM_SYMBOLS) throw new Error(`a lookup code needs ${RANDOM_SYMBOLS} random bytes`);
  let body = '';
  for (let i = 0; i < RANDOM_SYMBOLS; i++) body += ALPHABET[random[i]! & 31];
  return formatLookupCode(body + checkSymbol(body));
}

/** The stored form in groups of four, for print and screen. */
export function formatLookupCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * What the party typed, as stored (12 symbols, no separators), or undefined when it cannot be a
 * code: spaces and dashes dropped, lower case taken, O read as 0 and I, L as 1 (Crockford), the
 * check symbol verified.
 */
export function normaliseLookupCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== RANDOM_SYMBOLS + 1 || [...s].some((ch) => !ALPHABET.includes(ch))) return undefined;
  return checkSymbol(s.slice(0, RANDOM_SYMBOLS)) === s[RANDOM_SYMBOLS] ? s : undefined;
}

/**
 * The party's identifier as compared: a 12-digit personal ID (CCCD), a 10-digit tax code or a
 * 13-digit branch tax code (written `0101234567-001` or as 13 digits); digits only. Undefined for
 * anything else.
 */
export function normalisePartyIdentifier(input: string): string | undefined {
  const s = input.replace(/[\s.]/g, '');
  const m = /^(\d{10})-(\d{3})$/.exec(s);
  const digits = m ? m[1]! + m[2]! : s;
  return /^(\d{10}|\d{12}|\d{13})$/.test(digits) ? digits : undefined;
}

/**
 * The party's identifier a case names, as the lookup hashes it and the papers check before printing
 * the code: the tax code of its registry business, else the identifier the violation record (B1)
 * states (`partyIdentifier`: an individual's personal ID number, or a business outside the
 * registry's tax code); undefined while neither is a valid identifier. One function for both, so
 * that a paper never prints a code the lookup cannot find (docs/adr/0120).
 */
export function partyIdentifierFrom(registryTaxCode: string | null | undefined, recorded: unknown): string | undefined {
  const fromRegistry = registryTaxCode ? normalisePartyIdentifier(registryTaxCode) : undefined;
  return fromRegistry ?? (typeof recorded === 'string' ? normalisePartyIdentifier(recorded) : undefined);
}
