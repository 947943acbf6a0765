/**
 * Why a campaign chose a business (domain/campaign.ts `riskScore`): each part of its risk score as
 * data, and the Vietnamese sentence it is stored as in a run's plan. Plans already made hold the
 * sentences; `riskReasonOf` reads them back (as `escalationReason` does escalations' reasons), so
 * that the web app says them in the reader's language. A sentence of no known form is shown as written.
 */
export type TRiskReason =
  | { code: 'PRIOR_VIOLATIONS'; count: number; points: number }
  | { code: 'OPEN_TIPS'; count: number; points: number }
  | { code: 'NEVER_INSPECTED'; points: number }
  | { code: 'MONTHS_SINCE_INSPECTION'; months: number; points: number }
  | { code: 'TEXT'; text: string };

/** The sentence a reason is stored as. */
export function riskReasonText(r: Exclude<TRiskReason, { code: 'TEXT' }>): string {
  switch (r.code) {
    case 'PRIOR_VIOLATIONS':
      return `${r.count} vi phạm trong 3 năm (+${r.points})`;
    case 'OPEN_TIPS':
      return `${r.count} tin báo đang xử lý (+${r.points})`;
    case 'NEVER_INSPECTED':
      return `chưa từng được kiểm tra (+${r.points})`;
    case 'MONTHS_SINCE_INSPECTION':
      return `${r.months} tháng chưa kiểm tra (+${r.points})`;
  }
}

const FORMS: Array<[RegExp, (m: RegExpExecArray) => TRiskReason]> = [
  [/^(\d+) vi phạm trong 3 năm \(\+(\d+)\)$/, (m) => ({ code: 'PRIOR_VIOLATIONS', count: Number(m[1]), points: Number(m[2]) })],
  [/^(\d+) tin báo đang xử lý \(\+(\d+)\)$/, (m) => ({ code: 'OPEN_TIPS', count: Number(m[1]), points: Number(m[2]) })],
  [/^chưa từng được kiểm tra \(\+(\d+)\)$/, (m) => ({ code: 'NEVER_INSPECTED', points: Number(m[1]) })],
  [/^(\d+) tháng chưa kiểm tra \(\+(\d+)\)$/, (m) => ({ code: 'MONTHS_SINCE_INSPECTION', months: Number(m[1]), points: Number(m[2]) })],
];

/** A stored sentence as data, or the sentence itself when it is of no known form. */
export function riskReasonOf(text: string): TRiskReason {
  const s = text.normalize('NFC');
  for (const [re, make] of FORMS) {
    const m = re.exec(s);
    if (m) return make(m);
  }
  return { code: 'TEXT', text };
}
