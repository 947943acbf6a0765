/**
 * The doubts the legal data carries about its own sources — "(cần xác nhận)", "một nguồn nêu 03
 * ngày…", the research notes' tags "[H6]" — are for the administrators who check the values
 * against the official text (the legal-parameter and calendar pages). An officer reads the value
 * and its basis without them (docs/adr/0111). The texts stay as written in the procedure
 * versions (published data, pinned by running cases); they are read without the doubts.
 *
 * Pure, and bundled into the web app.
 */

/** Words that mark a remark as a doubt about the source. */
const DOUBT = /cần xác nhận|chưa xác nhận|một nguồn|theo một nguồn|chưa thấy văn bản|to be confirmed|one source/i;

/** A research note's tag: `[H6]`, `[H1]–[H12]`. */
const TAG = /\s*\[H\d+\](?:\s*[–-]\s*\[H\d+\])?/g;

/** The parts of a remark that are not doubts, split on `sep`. */
function keep(text: string, sep: RegExp, joiner: string): string {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !DOUBT.test(s))
    .join(joiner);
}

/** The remark inside parentheses without its doubts: a part naming another source goes whole, the rest keeps what is not a doubt. */
function plainRemark(inner: string): string {
  return inner
    .split(';')
    .map((part) => part.trim())
    .filter((part) => !/một nguồn|one source/i.test(part))
    .map((part) => keep(part, /,| — /, ', '))
    .filter(Boolean)
    .join('; ');
}

/**
 * A legal basis, a parameter's description or a day's source as an officer reads it: the doubts
 * about the source and the research tags left out, the rest as it is written.
 * `Điều 70: 02 ngày làm việc (một nguồn nêu 03 ngày — cần xác nhận)` → `Điều 70: 02 ngày làm việc`.
 */
export function plainLegalBasis(text: string): string;
export function plainLegalBasis(text: string | undefined): string | undefined;
export function plainLegalBasis(text: string | undefined): string | undefined {
  if (text === undefined || (!DOUBT.test(text) && !/\[H\d+\]/.test(text))) return text;
  const withoutTags = text.replace(TAG, '').replace(/,\s*(?=[),;]|$)/g, '');
  const withoutParens = withoutTags.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => {
    if (!DOUBT.test(inner)) return whole;
    const rest = plainRemark(inner);
    return rest ? ` (${rest})` : '';
  });
  // A doubt outside parentheses: the clause that says it (between ';' or ' — ').
  const plain = DOUBT.test(withoutParens) ? keep(withoutParens, /;| — /, '; ') : withoutParens;
  return plain
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([,;:)])/g, '$1')
    .trim();
}

/** Whether a text still carries a doubt about its source (what officers' screens must not show). */
export function hasSourceDoubt(text: string): boolean {
  return DOUBT.test(text) || /\[H\d+\]/.test(text);
}
