/**
 * Amounts in words (số tiền bằng chữ), as Vietnamese papers write them beside the figures: "Một
 * triệu năm trăm nghìn đồng". The usual reading rules: "mười" for the tens digit 1 and "mươi"
 * above it; "mốt" for a final 1 after "mươi"; "lăm" for a final 5 after a tens digit; "linh" for a
 * zero tens digit before a unit; "không trăm" for a zero hundreds digit inside a number; the
 * scales nghìn, triệu, tỷ, and then nghìn tỷ, triệu tỷ, tỷ tỷ.
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const BILLION = 1_000_000_000;

/** A group of three digits; `inside`: a group after a higher one, read with its zero hundreds and "linh". */
function group(n: number, inside: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || inside) words.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (words.length > 0) words.push('linh');
      words.push(DIGITS[u]!);
    }
  } else if (t === 1) {
    words.push('mười');
    if (u === 5) words.push('lăm');
    else if (u > 0) words.push(DIGITS[u]!);
  } else {
    words.push(DIGITS[t]!, 'mươi');
    if (u === 1) words.push('mốt');
    else if (u === 5) words.push('lăm');
    else if (u > 0) words.push(DIGITS[u]!);
  }
  return words;
}

/** Below a billion: thousands groups, zero groups left out. */
function belowBillion(n: number, inside: boolean): string[] {
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const scales = ['triệu', 'nghìn', ''];
  const words: string[] = [];
  groups.forEach((g, i) => {
    if (g === 0) return;
    words.push(...group(g, inside || words.length > 0));
    if (scales[i]) words.push(scales[i]!);
  });
  return words;
}

function read(n: number, inside: boolean): string[] {
  if (n < BILLION) return belowBillion(n, inside);
  const high = Math.floor(n / BILLION);
  const low = n % BILLION;
  return [...read(high, inside), 'tỷ', ...(low > 0 ? belowBillion(low, true) : [])];
}

/** A non-negative whole number in Vietnamese words, lower case: 21 → "hai mươi mốt", 101 → "một trăm linh một". */
export function numberToWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number of đồng: ${n}`);
  if (n === 0) return DIGITS[0];
  return read(n, false).join(' ');
}

/** "1.500.000 đồng". */
export function moneyFigures(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number of đồng: ${n}`);
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** "một triệu năm trăm nghìn đồng": an amount in words inside a sentence (the web app's forms and case page). */
export function amountInWords(n: number): string {
  return `${numberToWords(n)} đồng`;
}

/** "Một triệu năm trăm nghìn đồng": the words as a paper writes them after "Bằng chữ:". */
export function moneyWords(n: number): string {
  const words = numberToWords(n);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} đồng`;
}
