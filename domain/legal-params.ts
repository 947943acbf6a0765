/**
 * Legal parameters as effective-dated configuration (../shared/domain/vn-law.md §0.2: "hold the
 * legal parameters as versioned, effective-dated configuration; do not hard-code them"). The rule in
 * force on the relevant date applies. Values the spec marks [U] (unverified) are seeded with the
 * documented value and `toConfirm: true`, so admins see them as "cần xác nhận"; nothing is invented.
 */
import type { TIsoDate } from './calendar.js';
import type { TLegalParam } from './legal-schema.js';

export type { TLegalParam } from './legal-schema.js';

const LAW = 'Luật Xử lý vi phạm hành chính 2012 (sửa đổi 2020, 2025)';

function p(key: string, value: number, unit: string, effectiveFrom: string, descriptionVi: string, legalBasis: string, confidence: 'V' | 'P' | 'U', effectiveTo?: string): TLegalParam {
  return { key, value, unit, effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}), descriptionVi, legalBasis, confidence, toConfirm: confidence !== 'V' };
}

/** The fining ceilings of one QLTT title, for an individual and an organisation, before and after Decree 189/2025. */
function competence(title: string, titleVi: string, individual: number): TLegalParam[] {
  const law = `${LAW}, Điều 45 (văn bản 2012); Điều 52(2)`;
  const decree = 'Nghị định 189/2025/NĐ-CP (Luật XLVPHC Điều 37a, sửa đổi 2025): mức chưa được đối chiếu';
  return [
    p(`fineCompetence${title}Individual`, individual, 'VND', '2013-07-01', `Thẩm quyền phạt tiền của ${titleVi} (cá nhân vi phạm)`, law, 'V', '2025-06-30'),
    p(`fineCompetence${title}Organization`, individual * 2, 'VND', '2013-07-01', `Thẩm quyền phạt tiền của ${titleVi} (tổ chức vi phạm: gấp 02 lần)`, `${law}; Điều 24(2)`, 'P', '2025-06-30'),
    p(`fineCompetence${title}Individual`, individual, 'VND', '2025-07-01', `Thẩm quyền phạt tiền của ${titleVi} (cá nhân vi phạm)`, decree, 'U'),
    p(`fineCompetence${title}Organization`, individual * 2, 'VND', '2025-07-01', `Thẩm quyền phạt tiền của ${titleVi} (tổ chức vi phạm: gấp 02 lần)`, decree, 'U'),
  ];
}

export const LEGAL_PARAMS_SEED: readonly TLegalParam[] = [
  p('explainRightMinIndividual', 15_000_000, 'VND', '2013-07-01', 'Quyền giải trình khi mức tối đa của khung phạt từ (cá nhân)', `${LAW}, Điều 61(1)`, 'V'),
  p('explainRightMinOrganization', 30_000_000, 'VND', '2013-07-01', 'Quyền giải trình khi mức tối đa của khung phạt từ (tổ chức)', `${LAW}, Điều 61(1)`, 'V'),
  p('noRecordMaxIndividual', 250_000, 'VND', '2013-07-01', 'Xử phạt không lập biên bản: phạt tiền đến (cá nhân)', `${LAW}, Điều 56 (trước sửa đổi 2025)`, 'V', '2025-06-30'),
  p('noRecordMaxIndividual', 500_000, 'VND', '2025-07-01', 'Xử phạt không lập biên bản: phạt tiền đến (cá nhân)', 'Luật 88/2025/QH15 sửa Điều 56', 'V'),
  p('noRecordMaxOrganization', 500_000, 'VND', '2013-07-01', 'Xử phạt không lập biên bản: phạt tiền đến (tổ chức)', `${LAW}, Điều 56 (trước sửa đổi 2025)`, 'V', '2025-06-30'),
  p('noRecordMaxOrganization', 1_000_000, 'VND', '2025-07-01', 'Xử phạt không lập biên bản: phạt tiền đến (tổ chức)', 'Luật 88/2025/QH15 sửa Điều 56', 'V'),
  p('decisionWorkingDays', 7, 'working_days', '2022-01-01', 'Thời hạn ra quyết định xử phạt kể từ ngày lập biên bản', `${LAW}, Điều 66(1)(a)`, 'V'),
  p('decisionTransferWorkingDays', 10, 'working_days', '2022-01-01', 'Thời hạn ra quyết định khi phải chuyển hồ sơ', `${LAW}, Điều 66(1)`, 'V'),
  p('decisionExplainMonths', 1, 'months', '2022-01-01', 'Thời hạn ra quyết định khi có quyền giải trình hoặc phải xác minh', `${LAW}, Điều 66(1)(b)`, 'V'),
  p('decisionExtendedMonths', 2, 'months', '2022-01-01', 'Thời hạn ra quyết định tối đa khi được thủ trưởng trực tiếp đồng ý gia hạn', `${LAW}, Điều 66(1)(c)`, 'V'),
  p('transferHours', 24, 'hours', '2022-01-01', 'Chuyển biên bản và hồ sơ cho người có thẩm quyền', `${LAW}, Điều 58(4)`, 'U'),
  p('explainWrittenWorkingDays', 5, 'working_days', '2022-01-01', 'Giải trình bằng văn bản kể từ ngày lập biên bản', `${LAW}, Điều 61(2)`, 'P'),
  p('explainExtraWorkingDays', 5, 'working_days', '2022-01-01', 'Gia hạn giải trình cho vụ việc phức tạp', `${LAW}, Điều 61(2)`, 'U'),
  p('directExplainRequestWorkingDays', 2, 'working_days', '2022-01-01', 'Yêu cầu giải trình trực tiếp kể từ ngày lập biên bản', `${LAW}, Điều 61(3)`, 'P'),
  p('deliveryWorkingDays', 2, 'working_days', '2022-01-01', 'Giao quyết định xử phạt kể từ ngày ra quyết định', `${LAW}, Điều 70`, 'V', '2025-06-30'),
  // One source reports 3 working days after Law 88/2025 [U]: the stricter 2 stays until the text is read.
  p(
    'deliveryWorkingDays',
    2,
    'working_days',
    '2025-07-01',
    'Giao quyết định xử phạt kể từ ngày ra quyết định (02 ngày; một nguồn nêu 03 ngày sau Luật 88/2025 — cần xác nhận, dùng mức chặt hơn)',
    'Luật 88/2025/QH15 (một nguồn báo chí nêu 03 ngày làm việc)',
    'U',
  ),
  p('complianceDays', 10, 'days', '2013-07-01', 'Chấp hành quyết định kể từ ngày nhận', `${LAW}, Điều 73(1)`, 'V'),
  p('lateSurchargePerDay', 0.0005, 'ratio', '2013-07-01', 'Tiền chậm nộp phạt mỗi ngày (0,05%)', `${LAW}, Điều 78(1)(a); Thông tư 18/2023/TT-BTC Điều 5`, 'V'),
  p('limitationYearsGeneral', 1, 'years', '2013-07-01', 'Thời hiệu xử phạt chung', `${LAW}, Điều 6`, 'V'),
  p('limitationYearsTrade', 2, 'years', '2013-07-01', 'Thời hiệu xử phạt: sản xuất, buôn bán hàng hóa, hàng giả, hàng cấm, giá', `${LAW}, Điều 6 (sửa đổi 2025)`, 'V'),
  p('executionLimitationYears', 1, 'years', '2013-07-01', 'Thời hiệu thi hành quyết định xử phạt', `${LAW}, Điều 74`, 'V'),
  p('seizureWorkingDays', 7, 'working_days', '2022-01-01', 'Thời hạn tạm giữ tang vật, phương tiện kể từ khi thực tế tạm giữ', `${LAW}, Điều 125(8)`, 'V'),
  p('seizureTransferWorkingDays', 10, 'working_days', '2022-01-01', 'Thời hạn tạm giữ khi phải chuyển hồ sơ', `${LAW}, Điều 125(8)`, 'P'),
  p('seizureNotice1WorkingDays', 3, 'working_days', '2021-12-31', 'Thông báo lần 1 khi không xác định được chủ sở hữu', 'Nghị định 138/2021/NĐ-CP', 'P'),
  p('seizureNotice2WorkingDays', 7, 'working_days', '2021-12-31', 'Thông báo lần 2 kể từ lần 1', 'Nghị định 138/2021/NĐ-CP', 'P'),
  p('postponementMinIndividual', 2_000_000, 'VND', '2022-01-01', 'Hoãn thi hành quyết định phạt tiền từ (cá nhân)', `${LAW}, Điều 76`, 'U'),
  p('postponementMinOrganization', 100_000_000, 'VND', '2022-01-01', 'Hoãn thi hành quyết định phạt tiền từ (tổ chức)', `${LAW}, Điều 76`, 'U'),
  p('postponementMonths', 3, 'months', '2022-01-01', 'Thời hạn hoãn tối đa', `${LAW}, Điều 76`, 'U'),
  p('postponementDecisionDays', 5, 'days', '2013-07-01', 'Thời hạn xem xét, quyết định hoãn kể từ ngày nhận đơn', `${LAW}, Điều 76(2) (văn bản 2012; văn bản 2020 chưa đối chiếu)`, 'U'),
  p('remittanceDays', 7, 'days', '2013-07-01', 'Nộp tiền phạt thu tại chỗ vào Kho bạc (vùng sâu, vùng xa, biên giới, miền núi) kể từ ngày thu', `${LAW}, Điều 78(2)`, 'P'),
  p('remittanceWorkingDays', 2, 'working_days', '2013-07-01', 'Nộp tiền phạt thu tại chỗ vào Kho bạc (trên biển: từ ngày vào đến bờ; ngoài giờ hành chính: từ ngày thu)', `${LAW}, Điều 78(3)`, 'P'),
  p('instalmentMinIndividual', 20_000_000, 'VND', '2022-01-01', 'Nộp phạt nhiều lần từ (cá nhân)', `${LAW}, Điều 79`, 'U'),
  p('instalmentMinOrganization', 200_000_000, 'VND', '2022-01-01', 'Nộp phạt nhiều lần từ (tổ chức)', `${LAW}, Điều 79`, 'U'),
  p('instalmentMaxMonths', 6, 'months', '2022-01-01', 'Thời hạn nộp phạt nhiều lần tối đa', `${LAW}, Điều 79`, 'U'),
  p('instalmentMaxCount', 3, 'count', '2022-01-01', 'Số lần nộp tối đa', `${LAW}, Điều 79`, 'U'),
  p('instalmentFirstMinShare', 0.4, 'ratio', '2022-01-01', 'Lần nộp đầu tối thiểu', `${LAW}, Điều 79`, 'U'),
  p('inspectionWorkingDays', 5, 'working_days', '2022-05-27', 'Thời hạn kiểm tra', 'Nghị định 33/2022/NĐ-CP / Pháp lệnh QLTT (chưa xác nhận số ngày)', 'U'),
  p('inspectionExtensionWorkingDays', 5, 'working_days', '2022-05-27', 'Gia hạn thời hạn kiểm tra (bằng văn bản của người ra quyết định)', 'Nghị định 33/2022/NĐ-CP (chưa xác nhận số ngày)', 'U'),
  // The statistical month (kỳ báo cáo): from this day of the month before to the day before it in the month reported (domain/statistics/periods.ts).
  p(
    'statisticsPeriodStartDay',
    15,
    'day_of_month',
    '2019-03-01',
    'Ngày bắt đầu kỳ báo cáo thống kê tháng (kỳ chạy từ ngày 15 tháng trước đến ngày 14 tháng báo cáo)',
    'Nghị định 09/2019/NĐ-CP, Điều 12 (thời gian chốt số liệu báo cáo định kỳ)',
    'U',
  ),
  p('criminalReverseDecisionDays', 30, 'days', '2022-01-01', 'Ra quyết định xử phạt khi nhận lại hồ sơ từ cơ quan tố tụng', `${LAW}, Điều 63(2)`, 'V'),
  p('criminalReverseDecisionMaxDays', 45, 'days', '2022-01-01', 'Tối đa khi cần xác minh thêm', `${LAW}, Điều 63(3)`, 'V'),
  p('paperParallelWorkingDays', 2, 'working_days', '2026-01-01', 'Hoàn thiện hồ sơ điện tử của vụ việc xử lý trên giấy (quy định của đơn vị)', 'Quy chế nội bộ của Chi cục', 'P'),
  // Who may fine how much (Art. 52(2): judged on the maximum of each act's bracket). Until 30/06/2025
  // the Law set the QLTT amounts (Art. 45, 2012 text as quoted by thuvienphapluat.vn); since 01/07/2025
  // Decree 189/2025/NĐ-CP sets them (Law Art. 37a as amended by Law 88/2025): the amounts there are
  // not read yet, so the same figures stand, marked to confirm. An organisation's ceiling is twice an
  // individual's (Law Art. 24(2); Decree 98/2020 Art. 4) [P].
  ...competence('Inspector', 'Kiểm soát viên thị trường đang thi hành công vụ', 500_000),
  ...competence('TeamLead', 'Đội trưởng Đội Quản lý thị trường', 25_000_000),
  ...competence('Director', 'Chi cục trưởng Chi cục Quản lý thị trường', 50_000_000),
  p(
    'fineStepShare',
    0.5,
    'ratio',
    '2013-07-01',
    'Đề xuất: mỗi tình tiết giảm nhẹ/tăng nặng (ròng) dịch mức phạt một phần nửa khung',
    'Luật XLVPHC Điều 23(4): không thấp hơn mức tối thiểu, không cao hơn mức tối đa; bước dịch chuyển là thực tiễn của đơn vị',
    'U',
  ),
];

/** The value of `key` in force on `date`. Throws if none is configured (a configuration error). */
export function paramOn(params: readonly TLegalParam[], key: string, date: TIsoDate): TLegalParam {
  const candidates = params.filter((x) => x.key === key && x.effectiveFrom <= date && (!x.effectiveTo || date <= x.effectiveTo));
  if (candidates.length === 0) throw new RangeError(`No legal parameter ${key} is in force on ${date}.`);
  // The most recent rule wins if periods overlap.
  return candidates.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0]!;
}
