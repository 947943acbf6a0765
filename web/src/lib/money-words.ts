/**
 * Amounts of money in Vietnamese words, as written under the figure on a decision or a receipt
 * ("Bằng chữ: một triệu năm trăm nghìn đồng").
 *
 * Reading rules: groups of three digits named nghìn, triệu, tỷ (then nghìn tỷ, triệu tỷ…); inside a
 * group that follows a non-zero group, a zero hundred is read "không trăm" and a zero ten before a
 * unit "linh"; 1 after twenty and above is "mốt", 5 after ten and above is "lăm"; a group of three
 * zeros is not read at all.
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu'];

/** Words for 0 < n < 1000; `full` reads the hundreds even when zero (a group after a non-zero one). */
function threeDigits(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push('linh');
  } else if (t === 1) {
    out.push('mười');
  } else {
    out.push(DIGITS[t]!, 'mươi');
  }
  if (u > 0) {
    if (u === 1 && t >= 2) out.push('mốt');
    else if (u === 5 && t >= 1) out.push('lăm');
    else out.push(DIGITS[u]!);
  }
  return out;
}

/** Words for n < 10⁹ (three groups); `leading`: nothing non-zero comes before n. */
function belowBillion(n: number, leading: boolean): string[] {
  const groups = [n % 1000, Math.floor(n / 1000) % 1000, Math.floor(n / 1_000_000)];
  const out: string[] = [];
  let seen = !leading;
  for (let i = 2; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    out.push(...threeDigits(g, seen));
    if (GROUPS[i]) out.push(GROUPS[i]!);
    seen = true;
  }
  return out;
}

function words(n: number, leading: boolean): string[] {
  if (n < 1_000_000_000) return belowBillion(n, leading);
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  const out = [...words(billions, leading), 'tỷ'];
  if (rest > 0) out.push(...belowBillion(rest, false));
  return out;
}

/** The number in Vietnamese words, e.g. 1 500 000 → "một triệu năm trăm nghìn". */
export function numberToVietnameseWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole, non-negative amount: ${n}`);
  if (n === 0) return DIGITS[0]!;
  return words(n, true).join(' ');
}

/** An amount of đồng in words, e.g. 1 500 000 → "một triệu năm trăm nghìn đồng". */
export function amountInWords(dong: number): string {
  return `${numberToVietnameseWords(dong)} đồng`;
}
