/**
 * The fine calculator (pure), ../shared/domain/vn-law.md §2.1:
 *  - brackets are stated for the decree's base subject; an organisation pays double an
 *    individual's bracket (Decree 98/2020), an individual half an organisation's;
 *  - the proposal is the bracket midpoint (Law Art. 23(4)); mitigating factors lower it toward the
 *    minimum and aggravating ones raise it toward the maximum, never beyond; any other amount than
 *    the midpoint needs a recorded reason;
 *  - the right to explain is decided from the bracket maximum, no-record eligibility from the amount
 *    imposed and the date, and the decision deadline follows Art. 66.
 */
import { addCalendarDays, formatVi, isValidDate, type TIsoDate } from './calendar.js';
import { paramOn, type TLegalParam } from './legal-params.js';
import { issueOf, type TIssueParams, type TIssueRule, type TValidationIssue } from './validation-issues.js';

export type TOffender = 'individual' | 'organization';

export interface TBracket {
  min: number;
  max: number;
  baseSubject: TOffender;
}

export interface TFineQuoteInput {
  bracket: TBracket;
  offender: TOffender;
  /** The date whose rules apply (violation or decision date, as the law says). */
  date: TIsoDate;
  mitigating?: number;
  aggravating?: number;
  /** Detected with technical or professional equipment: a record is always required (Art. 56(2)). */
  detectedByEquipment?: boolean;
  /** The file had to be transferred to the competent person (Art. 66: 10 working days). */
  transferred?: boolean;
  /** Facts must be verified (Art. 59): 1 month. */
  needsVerification?: boolean;
}

export interface TFineQuote {
  min: number;
  max: number;
  proposed: number;
  rightToExplain: boolean;
  noRecordEligible: boolean;
  decisionDeadline: { amount: number; unit: 'working_days' | 'months'; legalBasis: string };
  /** Why each figure is what it is. */
  legalBasis: string[];
}

/** Input the fine rules cannot work with; `issue` names the field, its rule and values. */
export class FineInputError extends RangeError {
  readonly issue: TValidationIssue;
  constructor(path: string, message: string, rule: TIssueRule, params?: TIssueParams) {
    super(path ? `${path}: ${message}` : message);
    this.issue = issueOf(path, message, rule, params);
  }
}

/** The bracket for an offender: the decree's base subject's, doubled for an organisation or halved for an individual. */
export function bracketFor(b: TBracket, offender: TOffender): { min: number; max: number } {
  if (b.baseSubject === offender) return { min: b.min, max: b.max };
  return offender === 'organization' ? { min: b.min * 2, max: b.max * 2 } : { min: Math.round(b.min / 2), max: Math.round(b.max / 2) };
}

export function quoteFine(input: TFineQuoteInput, params: readonly TLegalParam[]): TFineQuote {
  const { bracket: b, offender, date } = input;
  const mitigating = input.mitigating ?? 0;
  const aggravating = input.aggravating ?? 0;
  if (!Number.isInteger(b.min) || !Number.isInteger(b.max) || b.min < 0 || b.max < b.min) {
    const [rule, params]: [TIssueRule, TIssueParams?] =
      !Number.isInteger(b.min) || !Number.isInteger(b.max) ? ['integer'] : b.min < 0 ? ['min', { n: 0 }] : ['order', { first: 'bracket.min', second: 'bracket.max' }];
    throw new FineInputError('bracket', 'min and max must be whole amounts of đồng with 0 ≤ min ≤ max', rule, params);
  }
  for (const [name, v] of [
    ['mitigating', mitigating],
    ['aggravating', aggravating],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 20) {
      const [rule, params]: [TIssueRule, TIssueParams?] = !Number.isInteger(v) ? ['integer'] : v < 0 ? ['min', { n: 0 }] : ['max', { n: 20 }];
      throw new FineInputError(name, 'must be a whole number of circumstances from 0 to 20', rule, params);
    }
  }
  const { min, max } = bracketFor(b, offender);
  const legalBasis: string[] = [];
  if (b.baseSubject !== offender) {
    legalBasis.push(
      offender === 'organization'
        ? 'Tổ chức vi phạm: mức phạt gấp 2 lần mức phạt đối với cá nhân (Nghị định 98/2020/NĐ-CP)'
        : 'Cá nhân vi phạm: mức phạt bằng 1/2 tổ chức (khung quy định cho tổ chức)',
    );
  }

  // Art. 23(4): the midpoint; circumstances move it, never beyond the bracket.
  const mid = (min + max) / 2;
  const step = paramOn(params, 'fineStepShare', date);
  const net = aggravating - mitigating;
  const shift = Math.min(1, Math.abs(net) * step.value) * ((max - min) / 2);
  const proposed = Math.round(net === 0 ? mid : net > 0 ? mid + shift : mid - shift);
  legalBasis.push(
    net === 0
      ? 'Mức phạt cụ thể là mức trung bình của khung (Luật XLVPHC, Điều 23(4))'
      : `${net > 0 ? `${aggravating - mitigating} tình tiết tăng nặng (ròng): tăng` : `${mitigating - aggravating} tình tiết giảm nhẹ (ròng): giảm`} từ mức trung bình, không vượt khung (Luật XLVPHC, Điều 9, 10, 23(4)); mức khác mức trung bình phải ghi lý do`,
  );

  const explainKey = offender === 'organization' ? 'explainRightMinOrganization' : 'explainRightMinIndividual';
  const explain = paramOn(params, explainKey, date);
  const rightToExplain = max >= explain.value;
  legalBasis.push(`Quyền giải trình khi mức tối đa ≥ ${explain.value.toLocaleString('vi-VN')} đồng: ${rightToExplain ? 'có' : 'không'} (${explain.legalBasis})`);

  const noRecordKey = offender === 'organization' ? 'noRecordMaxOrganization' : 'noRecordMaxIndividual';
  const noRecord = paramOn(params, noRecordKey, date);
  const noRecordEligible = !input.detectedByEquipment && proposed <= noRecord.value;
  legalBasis.push(
    input.detectedByEquipment
      ? 'Phát hiện bằng phương tiện kỹ thuật nghiệp vụ: bắt buộc lập biên bản (Luật XLVPHC, Điều 56(2))'
      : `Xử phạt không lập biên bản khi phạt tiền đến ${noRecord.value.toLocaleString('vi-VN')} đồng vào ngày ${formatVi(date)}: ${noRecordEligible ? 'được' : 'không'} (${noRecord.legalBasis})`,
  );

  let decisionDeadline: TFineQuote['decisionDeadline'];
  if (rightToExplain || input.needsVerification) {
    const m = paramOn(params, 'decisionExplainMonths', date);
    decisionDeadline = { amount: m.value, unit: 'months', legalBasis: m.legalBasis };
  } else if (input.transferred) {
    const t = paramOn(params, 'decisionTransferWorkingDays', date);
    decisionDeadline = { amount: t.value, unit: 'working_days', legalBasis: t.legalBasis };
  } else {
    const d = paramOn(params, 'decisionWorkingDays', date);
    decisionDeadline = { amount: d.value, unit: 'working_days', legalBasis: d.legalBasis };
  }
  return { min, max, proposed, rightToExplain, noRecordEligible, decisionDeadline, legalBasis };
}

/** Several acts in one case: each is computed and the amounts summed (Law Art. 52(3) judges competence act by act). */
export function quoteFines(acts: TFineQuoteInput[], params: readonly TLegalParam[]): { acts: TFineQuote[]; total: number; rightToExplain: boolean; noRecordEligible: boolean } {
  if (acts.length === 0) throw new FineInputError('', 'at least one act is needed', 'atLeastOne');
  const quotes = acts.map((a) => quoteFine(a, params));
  const total = quotes.reduce((s, q) => s + q.proposed, 0);
  const first = acts[0]!;
  const noRecord = paramOn(params, first.offender === 'organization' ? 'noRecordMaxOrganization' : 'noRecordMaxIndividual', first.date);
  return {
    acts: quotes,
    total,
    rightToExplain: quotes.some((q) => q.rightToExplain),
    noRecordEligible: acts.every((a) => !a.detectedByEquipment) && total <= noRecord.value,
  };
}

/**
 * A daily rate as a whole number of millionths (0.05 % = 500): the law's rates are whole millionths,
 * so a surcharge is summed exactly, in millionths of a đồng, and rounded once. In floating point,
 * fifty days of 0.0005 × 49,999,980 summed day by day came to 1,249,999.4999… and rounded to
 * 1,249,999 đồng, where the same days at once came to 1,250,000 (a property test found it).
 */
function millionths(rule: TLegalParam): bigint {
  const ppm = Math.round(rule.value * 1_000_000);
  if (Math.abs(ppm - rule.value * 1_000_000) > 1e-6) throw new Error(`lateSurchargePerDay ${rule.value} (${rule.legalBasis}) is not a whole number of millionths`);
  return BigInt(ppm);
}

/** Millionths of a đồng to đồng, half up. */
const dongOf = (m: bigint): number => Number((m + 500_000n) / 1_000_000n);

/**
 * Late-payment surcharge (tiền chậm nộp phạt): 0.05 % of the unpaid fine per calendar day, counted
 * from the day after the compliance (or postponement) deadline up to the day before payment,
 * weekends and holidays included (Law Art. 78(1)(a); Circular 18/2023/TT-BTC Art. 5).
 */
export function lateSurcharge(input: { unpaid: number; lastDayToPay: TIsoDate; paidOn: TIsoDate }, params: readonly TLegalParam[]): { days: number; rate: number; amount: number; legalBasis: string } {
  if (!Number.isInteger(input.unpaid) || input.unpaid < 0)
    throw new FineInputError('unpaid', 'must be a whole, non-negative amount of đồng', Number.isInteger(input.unpaid) ? 'min' : 'integer', Number.isInteger(input.unpaid) ? { n: 0 } : undefined);
  const rate = paramOn(params, 'lateSurchargePerDay', input.paidOn);
  const day = 86_400_000;
  // From the day after the deadline to the day before payment = paidOn − lastDayToPay − 1 days.
  const days = Math.max(0, Math.round((Date.parse(input.paidOn) - Date.parse(input.lastDayToPay)) / day) - 1);
  return { days, rate: rate.value, amount: dongOf(BigInt(input.unpaid) * millionths(rate) * BigInt(days)), legalBasis: rate.legalBasis };
}

/** A payment of a fine, on its Vietnamese date. */
export interface TFinePayment {
  on: TIsoDate;
  amount: number;
}

/** A run of late days on which the same part of the fine stayed unpaid. */
interface TSurchargePeriod {
  from: TIsoDate;
  to: TIsoDate;
  days: number;
  unpaid: number;
  ratePerDay: number;
}

/**
 * Late-payment surcharge over the payments' schedule (Law Art. 78(1)(a): "0,05 % trên tổng số tiền
 * phạt chưa nộp" for each day late; Circular 18/2023/TT-BTC Art. 5): for each calendar day from the
 * day after `lastDayToPay` to the day before `paidOn`, weekends and holidays included, the daily rate
 * in force that day × what of the fine was still unpaid at the end of that day. A payment counts
 * from its own day (the day of payment is not charged for what it paid), and pays the fine before
 * the surcharge (docs/adr/0127-late-surcharge-on-the-unpaid-part.md). Payments dated on or after
 * `paidOn` change nothing: the surcharge is the amount owed for a payment on `paidOn`. Rounded to
 * the đồng once, at the end.
 */
export function surchargeOnUnpaid(
  input: { fine: number; lastDayToPay: TIsoDate; payments: readonly TFinePayment[]; paidOn: TIsoDate },
  params: readonly TLegalParam[],
): { days: number; amount: number; ratePerDay: number; legalBasis: string; periods: TSurchargePeriod[] } {
  if (!Number.isInteger(input.fine) || input.fine < 0)
    throw new FineInputError('fine', 'must be a whole, non-negative amount of đồng', Number.isInteger(input.fine) ? 'min' : 'integer', Number.isInteger(input.fine) ? { n: 0 } : undefined);
  input.payments.forEach((p, i) => {
    if (!Number.isInteger(p.amount) || p.amount <= 0)
      throw new FineInputError(`payments[${i}].amount`, 'must be a whole, positive amount of đồng', Number.isInteger(p.amount) ? 'min' : 'integer', Number.isInteger(p.amount) ? { n: 1 } : undefined);
    if (!isValidDate(p.on)) throw new FineInputError(`payments[${i}].on`, 'must be a date (YYYY-MM-DD)', 'format', { format: 'date' });
  });
  for (const k of ['lastDayToPay', 'paidOn'] as const) if (!isValidDate(input[k])) throw new FineInputError(k, 'must be a date (YYYY-MM-DD)', 'format', { format: 'date' });
  const rateOnPaidOn = paramOn(params, 'lateSurchargePerDay', input.paidOn);
  const byDate = [...input.payments].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const periods: TSurchargePeriod[] = [];
  let exact = 0n;
  let paid = 0;
  let next = 0;
  let rule: TLegalParam | undefined;
  // The days the rate in force may change on: look it up again only then.
  const changes = new Set(params.filter((x) => x.key === 'lateSurchargePerDay').flatMap((x) => [x.effectiveFrom, ...(x.effectiveTo ? [addCalendarDays(x.effectiveTo, 1)] : [])]));
  for (let d = addCalendarDays(input.lastDayToPay, 1); d < input.paidOn; d = addCalendarDays(d, 1)) {
    // Payments dated up to this day (those up to the last day to pay included) are not unpaid on it.
    while (next < byDate.length && byDate[next]!.on <= d) paid += byDate[next++]!.amount;
    const unpaid = Math.max(0, input.fine - paid);
    if (unpaid === 0) break;
    if (!rule || changes.has(d)) rule = paramOn(params, 'lateSurchargePerDay', d);
    exact += BigInt(unpaid) * millionths(rule);
    const last = periods[periods.length - 1];
    if (last && last.unpaid === unpaid && last.ratePerDay === rule.value && addCalendarDays(last.to, 1) === d) {
      last.to = d;
      last.days++;
    } else periods.push({ from: d, to: d, days: 1, unpaid, ratePerDay: rule.value });
  }
  return { days: periods.reduce((s, p) => s + p.days, 0), amount: dongOf(exact), ratePerDay: rateOnPaidOn.value, legalBasis: rateOnPaidOn.legalBasis, periods };
}
