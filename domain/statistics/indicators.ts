/**
 * The indicators of the unit's statistical report (../shared/domain/vn-law.md §4, and the brief's
 * tips, deadlines and cycle times): each one a sum of facts (domain/statistics/facts.ts) over a
 * period, or a figure derived from such sums. Pure: shared with the web app.
 */

/** Indicators summed from facts: a count (each fact is 1) or an amount in đồng (or days, for cycle times). */
export const FACT_INDICATORS = [
  /** Số vụ kiểm tra: inspections carried out, on the day the decision is announced at the business (A7). */
  'INSPECTIONS',
  /** Số vụ phát hiện, xử lý vi phạm: sanction decisions (with or without a record, after a referral's return), on the decision's date. */
  'VIOLATION_CASES',
  /** Tiền xử phạt VPHC: fines imposed by those decisions, on the decision's date. */
  'FINES_IMPOSED',
  /** Trị giá hàng hóa tịch thu: value of goods confiscated (in the decision, or by the seizure's handling), on its date. */
  'CONFISCATED_VALUE',
  /** Trị giá hàng hóa buộc tiêu hủy: value of goods destroyed, on the day the seizure's handling records it. */
  'DESTROYED_VALUE',
  /** Thu nộp ngân sách nhà nước: fines (with late-payment surcharge) paid or collected by coercion, on the day paid. */
  'BUDGET_COLLECTED',
  /** Số vụ chuyển cơ quan điều tra: files transferred to the criminal investigation body, on the transfer. */
  'CRIMINAL_REFERRALS',
  /** Tin báo tiếp nhận: tips received, on the day logged. */
  'TIPS_RECEIVED',
  /** Tin báo đã xử lý: tips whose case closed, on the day closed. */
  'TIPS_HANDLED',
  /** Hồ sơ kết thúc: cases closed, on the day closed. */
  'CASES_CLOSED',
  /** Days from opening to closing of the cases closed (their sum; the average is CYCLE_DAYS / CASES_CLOSED). */
  'CYCLE_DAYS',
  /** Steps with a deadline completed by it, on the day completed. */
  'STEPS_ON_TIME',
  /** Steps with a deadline completed after it, on the day completed. */
  'STEPS_LATE',
] as const;
export type TFactIndicator = (typeof FACT_INDICATORS)[number];

/** The report's dimensions: what its rows may be grouped by (columns of `stat_fact`). */
export const STAT_DIMENSIONS = ['team', 'officer', 'violation', 'productGroup', 'province', 'commune', 'campaign', 'kind', 'step'] as const;
export type TStatDimension = (typeof STAT_DIMENSIONS)[number];

/** Vietnamese names of the dimensions (the grouped sheets' headings). */
export const DIMENSION_NAMES_VI: Readonly<Record<TStatDimension, string>> = {
  team: 'Đội',
  officer: 'Cán bộ',
  violation: 'Hành vi vi phạm',
  productGroup: 'Nhóm hàng',
  province: 'Tỉnh, thành phố',
  commune: 'Xã, phường',
  campaign: 'Kế hoạch kiểm tra',
  kind: 'Loại hồ sơ',
  step: 'Bước',
};

/** The columns of a grouped report: the figures the official tables give per team, officer, area… (the exports give them all). */
export const GROUP_COLUMNS = [
  'INSPECTIONS',
  'VIOLATION_CASES',
  'FINES_IMPOSED',
  'CONFISCATED_VALUE',
  'DESTROYED_VALUE',
  'BUDGET_COLLECTED',
  'CRIMINAL_REFERRALS',
  'TIPS_RECEIVED',
  'TIPS_HANDLED',
  'STEPS_ON_TIME',
  'STEPS_LATE',
] as const satisfies readonly TFactIndicator[];

/** The grouped columns a screen shows (the first eight: a tablet's width). */
export const SCREEN_GROUP_COLUMNS = GROUP_COLUMNS.slice(0, 8);

/** Vietnamese names of the indicators, as the official tables word them. */
export const INDICATOR_NAMES_VI: Readonly<Record<TFactIndicator | 'TOTAL_HANDLED' | 'OUTSTANDING', string>> = {
  INSPECTIONS: 'Số vụ kiểm tra',
  VIOLATION_CASES: 'Số vụ phát hiện, xử lý vi phạm',
  FINES_IMPOSED: 'Tiền xử phạt vi phạm hành chính',
  CONFISCATED_VALUE: 'Trị giá hàng hóa tịch thu',
  DESTROYED_VALUE: 'Trị giá hàng hóa buộc tiêu hủy',
  BUDGET_COLLECTED: 'Thu nộp ngân sách nhà nước',
  CRIMINAL_REFERRALS: 'Số vụ chuyển cơ quan điều tra',
  TIPS_RECEIVED: 'Số tin báo tiếp nhận',
  TIPS_HANDLED: 'Số tin báo đã xử lý',
  CASES_CLOSED: 'Số hồ sơ kết thúc',
  CYCLE_DAYS: 'Tổng số ngày xử lý của hồ sơ kết thúc',
  STEPS_ON_TIME: 'Số bước hoàn thành đúng hạn',
  STEPS_LATE: 'Số bước hoàn thành quá hạn',
  TOTAL_HANDLED: 'Tổng số tiền xử lý',
  OUTSTANDING: 'Tiền phạt chưa thu (cuối kỳ)',
};

/** Vietnamese names of the kinds of case, for a report grouped by kind. */
export const KIND_NAMES_VI: Readonly<Record<string, string>> = {
  INSPECTION: 'Kiểm tra',
  PENALTY: 'Xử phạt có lập biên bản',
  PENALTY_NO_RECORD: 'Xử phạt không lập biên bản',
  SEIZURE: 'Tạm giữ tang vật, phương tiện',
  ENFORCEMENT: 'Cưỡng chế thi hành',
  CRIMINAL_REFERRAL: 'Chuyển cơ quan tố tụng',
  TIP: 'Tin báo',
  PAPER_FILE: 'Số hóa hồ sơ giấy',
};
