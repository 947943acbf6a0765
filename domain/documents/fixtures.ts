/**
 * Fixture cases for the papers' golden tests (domain/documents/fill.test.ts, and the PDF's): one
 * context per document type, from a penalty case of "Công ty TNHH Thực phẩm Hoa Lư" found at an
 * inspection by the Ninh Bình market-surveillance unit in March 2026 — two acts from the test
 * catalogue, a fine of 15,500,000 ₫, its postponement, instalments, enforcement, a seizure, a
 * criminal referral and a correction — and an on-the-spot decision without a record.
 */
import { TEST_VIOLATIONS } from '../fixtures/test-catalogue.js';
import { VIOLATION_CATALOGUE_SEED, violationFacts, type TViolation } from '../violation-catalogue.js';
import type { TDocumentContext, TUnitAsOf } from './context.js';
import type { TDocumentType } from './types.js';

const row = (code: string, rows: readonly TViolation[]): TViolation => {
  const r = rows.find((v) => v.code === code);
  if (!r) throw new Error(`no catalogue row ${code}`);
  return r;
};

/** The unit as of a date after 01/07/2025, as the register writes it: the Chi cục under the provincial Department of Industry and Trade. */
const NINH_BINH: TUnitAsOf = {
  unitId: 'qltt-ninh-binh',
  parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH',
  agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
  headTitle: 'CHI CỤC TRƯỞNG',
  place: 'Ninh Bình',
  province: 'Ninh Bình',
};

const BUSINESS = {
  name: 'Công ty TNHH Thực phẩm Hoa Lư',
  address: 'Số 25 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình',
  taxCode: '2700123456',
  representative: 'Phạm Văn Cường',
};

const DIRECTOR = { name: 'Nguyễn Văn An', role: 'DIRECTOR' };
const INSPECTOR = { name: 'Trần Thị Bình', role: 'INSPECTOR' };

const A5 = {
  decisionNo: '12/QĐ-KT',
  decisionDate: '2026-03-02',
  signedBy: DIRECTOR.name,
  form: 'AD_HOC',
  adHocGround: 'VERIFIED_TIP',
  businessName: BUSINESS.name,
  taxCode: BUSINESS.taxCode,
  address: BUSINESS.address,
  content: 'Kiểm tra việc chấp hành pháp luật về niêm yết giá, giá bán hàng hóa và nguồn gốc, xuất xứ hàng hóa.',
};
const A6 = {
  teamHead: 'Lê Minh Châu',
  members: [
    { name: 'Trần Thị Bình', cardNo: 'QLTT-0412' },
    { name: 'Hoàng Văn Dũng', cardNo: 'QLTT-0518' },
  ],
  workLogEntry: 'Sổ 03, trang 27',
};
const A7 = { announcedAt: '2026-03-05', partyRepresentative: BUSINESS.representative };
const A8 = {
  findings: 'Cơ sở bán 120 hộp bánh đậu xanh với giá cao hơn giá niêm yết; không xuất trình được hóa đơn, chứng từ chứng minh nguồn gốc của 40 thùng nước giải khát.',
  samplesTaken: true,
};
const A9 = { recordNo: '05/BB-KT', partySigned: true };

const B1 = {
  recordNo: '07/BB-VPHC',
  recordedAt: '2026-03-05',
  place: BUSINESS.address,
  recorder: 'Trần Thị Bình, Kiểm soát viên thị trường',
  violatorName: BUSINESS.name,
  partyIdentifier: BUSINESS.taxCode,
  offenderType: 'ORGANIZATION',
  violationDate: '2026-03-05',
  violationPlace: BUSINESS.address,
  acts: [
    { violation: violationFacts(row('ND87/2024:14.1', TEST_VIOLATIONS), 'ORGANIZATION'), description: 'Bán 120 hộp bánh đậu xanh với giá cao hơn giá niêm yết' },
    { violation: violationFacts(row('ND99/2020:5.1', TEST_VIOLATIONS), 'ORGANIZATION'), description: 'Không xuất trình được chứng từ về nguồn gốc của 40 thùng nước giải khát' },
  ],
  licenceMeasure: false,
  statements: 'Đại diện công ty thừa nhận hành vi vi phạm và cam kết khắc phục.',
  explanationNotice:
    'Trong thời hạn 05 ngày làm việc kể từ ngày lập biên bản, tổ chức vi phạm có quyền gửi văn bản giải trình; trong thời hạn 02 ngày làm việc có quyền yêu cầu giải trình trực tiếp (Điều 61 Luật Xử lý vi phạm hành chính).',
  violatorSigned: true,
  detectedByEquipment: false,
};
const B3 = { needsVerification: false };
const B6 = {
  decisionNo: '15/QĐ-XPHC',
  decisionDate: '2026-03-12',
  signedBy: DIRECTOR.name,
  sanction: 'FINE',
  fineAmount: 15_500_000,
  mitigating: 1,
  aggravating: 0,
  amountReason: 'Tổ chức vi phạm đã tự nguyện khai báo, thành thật hối lỗi (tình tiết giảm nhẹ).',
  remedialMeasures: 'Buộc nộp lại số lợi bất hợp pháp có được do thực hiện hành vi vi phạm.',
};

const RECORD = { type: 'VIOLATION_RECORD' as const, number: '07/BB-VPHC', date: '2026-03-05' };
const INSPECTION = { type: 'INSPECTION_DECISION' as const, number: '12/QĐ-KT', date: '2026-03-02' };
const SANCTION = { type: 'SANCTION_DECISION' as const, number: '15/QĐ-XPHC', date: '2026-03-12' };

function ctx(type: TDocumentType, over: Partial<TDocumentContext> & Pick<TDocumentContext, 'stepId' | 'date' | 'steps'>): TDocumentContext {
  return {
    type,
    caseId: 'penalty/qltt-ninh-binh/2026/0042',
    caseTitle: 'Công ty TNHH Thực phẩm Hoa Lư — bán cao hơn giá niêm yết',
    procedureId: 'ins-penalty',
    procedureVersion: 4,
    unit: NINH_BINH,
    team: { id: 'doi-1', name: 'Đội Quản lý thị trường số 1' },
    business: BUSINESS,
    facts: {},
    issued: [],
    signer: DIRECTOR,
    ...over,
  };
}

const inspection = { caseId: 'inspection/qltt-ninh-binh/2026/0017', caseTitle: 'Kiểm tra đột xuất Công ty TNHH Thực phẩm Hoa Lư', procedureId: 'ins-inspection', procedureVersion: 3 };

/** One fixture context per document type but the case file (a ZIP), and the sanction decision's measures-only variant, each with the number it is issued under. */
export const DOCUMENT_FIXTURES: ReadonlyArray<{ name: string; number: string; ctx: TDocumentContext }> = [
  { name: 'INSPECTION_DECISION', number: '12/QĐ-KT', ctx: ctx('INSPECTION_DECISION', { ...inspection, stepId: 'A5', outcome: 'ISSUED', date: A5.decisionDate, steps: { A5 } }) },
  {
    name: 'INSPECTION_RECORD',
    number: '05/BB-KT',
    ctx: ctx('INSPECTION_RECORD', {
      ...inspection,
      stepId: 'A9',
      outcome: 'VIOLATION',
      date: '2026-03-05',
      steps: { A5, A6, A7, A8, A9 },
      issued: [INSPECTION],
      signer: { name: 'Lê Minh Châu', role: 'TEAM_LEAD' },
    }),
  },
  { name: 'VIOLATION_RECORD', number: '07/BB-VPHC', ctx: ctx('VIOLATION_RECORD', { stepId: 'B1', outcome: 'RECORDED', date: B1.recordedAt, steps: { B1 }, issued: [INSPECTION], signer: INSPECTOR }) },
  { name: 'SANCTION_DECISION', number: '15/QĐ-XPHC', ctx: ctx('SANCTION_DECISION', { stepId: 'B6', outcome: 'DECIDED', date: B6.decisionDate, steps: { B1, B3, B6 }, issued: [INSPECTION, RECORD] }) },
  {
    name: 'SANCTION_DECISION-MEASURES_ONLY',
    number: '16/QĐ-XPHC',
    ctx: ctx('SANCTION_DECISION', {
      stepId: 'B6',
      outcome: 'MEASURES_ONLY',
      date: B6.decisionDate,
      steps: {
        B1,
        B3,
        B6: {
          decisionNo: '16/QĐ-XPHC',
          decisionDate: B6.decisionDate,
          signedBy: DIRECTOR.name,
          sanction: 'NONE',
          additionalSanctions: 'Tịch thu 40 thùng nước giải khát không rõ nguồn gốc.',
          confiscatedValue: 4_800_000,
        },
      },
      issued: [INSPECTION, RECORD],
    }),
  },
  {
    name: 'SANCTION_DECISION_NO_RECORD',
    number: '03/QĐ-XPHC',
    ctx: ctx('SANCTION_DECISION_NO_RECORD', {
      caseId: 'penalty-no-record/qltt-ninh-binh/2026/0009',
      caseTitle: 'Hộ kinh doanh Đinh Thị Hoa — hàng quá hạn sử dụng',
      procedureId: 'ins-penalty-no-record',
      procedureVersion: 2,
      business: undefined,
      stepId: 'N1',
      outcome: 'DECIDED',
      date: '2026-03-20',
      signer: INSPECTOR,
      steps: {
        N1: {
          decisionNo: '03/QĐ-XPHC',
          decisionDate: '2026-03-20',
          signedBy: INSPECTOR.name,
          violatorName: 'Đinh Thị Hoa',
          offenderType: 'INDIVIDUAL',
          violationDate: '2026-03-20',
          violation: violationFacts(row('ND98/2020:17.1.a', VIOLATION_CATALOGUE_SEED), 'INDIVIDUAL'),
          place: 'Ki-ốt số 12, chợ Rồng, phường Hoa Lư, tỉnh Ninh Bình',
          sanction: 'FINE',
          fineAmount: 400_000,
        },
      },
    }),
  },
  ...(['SEIZURE_DECISION', 'SEIZURE_RECORD'] as const).map((type) => ({
    name: type,
    number: type === 'SEIZURE_DECISION' ? '04/QĐ-TGTVPT' : '04/BB-TGTVPT',
    ctx: ctx(type, {
      caseId: 'seizure/qltt-ninh-binh/2026/0005',
      caseTitle: 'Tạm giữ hàng hóa của Công ty TNHH Thực phẩm Hoa Lư',
      procedureId: 'ins-seizure',
      procedureVersion: 2,
      stepId: 'D2',
      outcome: 'SEIZED',
      date: type === 'SEIZURE_DECISION' ? '2026-03-05' : '2026-03-06',
      signer: type === 'SEIZURE_DECISION' ? DIRECTOR : INSPECTOR,
      steps: {
        D2: {
          decisionNo: '04/QĐ-TGTVPT',
          decisionDate: '2026-03-05',
          signedBy: DIRECTOR.name,
          ground: 'VERIFY_FACTS',
          seizedOn: '2026-03-06',
          recordDate: '2026-03-05',
          decisionPeriod: 'EXPLAIN_OR_VERIFY',
          items: [
            { name: 'Nước giải khát có ga, loại lon 330 ml', quantity: 40, unit: 'thùng', condition: 'Nguyên đai, nguyên kiện' },
            { name: 'Bánh đậu xanh, hộp 250 g', quantity: 120, unit: 'hộp' },
          ],
          perishable: false,
          violatorSigned: true,
        },
      },
      issued: [INSPECTION, RECORD, ...(type === 'SEIZURE_RECORD' ? [{ type: 'SEIZURE_DECISION' as const, number: '04/QĐ-TGTVPT', date: '2026-03-05' }] : [])],
    }),
  })),
  {
    name: 'EXTENSION_DECISION',
    number: '02/QĐ-GH',
    ctx: ctx('EXTENSION_DECISION', {
      stepId: 'B6',
      date: '2026-04-01',
      steps: { B1, B3: { needsVerification: true, verificationNote: 'Xác minh nguồn gốc lô nước giải khát' } },
      issued: [INSPECTION, RECORD],
      extension: {
        stepId: 'B6',
        amount: 1,
        unit: 'months',
        reason: 'Vụ việc đặc biệt nghiêm trọng, có nhiều tình tiết phức tạp, cần thêm thời gian xác minh nguồn gốc hàng hóa.',
        newDue: '2026-05-05',
      },
    }),
  },
  {
    name: 'POSTPONEMENT_DECISION',
    number: '18/QĐ-HTHQĐ',
    ctx: ctx('POSTPONEMENT_DECISION', {
      stepId: 'B12',
      outcome: 'POSTPONED',
      date: '2026-03-18',
      steps: {
        B1,
        B6,
        B12: {
          decisionNo: '18/QĐ-HTHQĐ',
          decisionDate: '2026-03-18',
          signedBy: DIRECTOR.name,
          postponedUntil: '2026-06-18',
          hardship: 'Cơ sở bị thiệt hại nặng do hỏa hoạn ngày 10/03/2026, có xác nhận của Ủy ban nhân dân phường Hoa Lư.',
        },
      },
      issued: [INSPECTION, RECORD, SANCTION],
    }),
  },
  {
    name: 'INSTALMENT_DECISION',
    number: '19/QĐ-NTPNL',
    ctx: ctx('INSTALMENT_DECISION', {
      stepId: 'B13',
      outcome: 'INSTALMENTS_GRANTED',
      date: '2026-03-18',
      steps: { B1, B6, B13: { decisionNo: '19/QĐ-NTPNL', decisionDate: '2026-03-18', signedBy: DIRECTOR.name, instalments: 3, firstAmount: 6_200_000, lastDueDate: '2026-09-10' } },
      issued: [INSPECTION, RECORD, SANCTION],
    }),
  },
  {
    name: 'CRIMINAL_TRANSFER_DECISION',
    number: '01/QĐ-CHS',
    ctx: ctx('CRIMINAL_TRANSFER_DECISION', {
      caseId: 'criminal-referral/qltt-ninh-binh/2026/0002',
      caseTitle: 'Chuyển hồ sơ: Công ty TNHH Thực phẩm Hoa Lư buôn bán hàng giả',
      procedureId: 'ins-criminal-referral',
      procedureVersion: 2,
      stepId: 'F1',
      outcome: 'TRANSFERRED',
      date: '2026-03-06',
      facts: { returnsToCase: false },
      steps: { F1: { transferNo: '21/CV-QLTT', receiver: 'Cơ quan Cảnh sát điều tra Công an tỉnh Ninh Bình', handoverRecordNo: '02/BB-BGHS', violatorNotified: true } },
      issued: [INSPECTION],
    }),
  },
  {
    // The file the investigators sent back (Art. 63): decided by the director within the 30 days, no violation record.
    name: 'RETURNED_SANCTION_DECISION',
    number: '31/QĐ-XPHC',
    ctx: ctx('RETURNED_SANCTION_DECISION', {
      caseId: 'criminal-referral/qltt-ninh-binh/2026/0002',
      caseTitle: 'Chuyển hồ sơ: Công ty TNHH Thực phẩm Hoa Lư buôn bán hàng giả',
      procedureId: 'ins-criminal-referral',
      procedureVersion: 4,
      stepId: 'F5',
      outcome: 'RETURNED_AND_DECIDED',
      date: '2026-04-20',
      facts: { returnsToCase: false },
      steps: {
        F1: { transferNo: '01/QĐ-CHS', transferDate: '2026-03-06', receiver: 'Cơ quan Cảnh sát điều tra Công an tỉnh Ninh Bình', handoverRecordNo: '02/BB-BGHS', violatorNotified: true },
        F4: { documentNo: '45/QĐ-KKTVA', fileReceivedOn: '2026-04-10' },
        F5: {
          decisionNo: '31/QĐ-XPHC',
          decisionDate: '2026-04-20',
          signedBy: DIRECTOR.name,
          violatorName: BUSINESS.name,
          violatorAddress: BUSINESS.address,
          offenderType: 'ORGANIZATION',
          violationDate: '2026-03-05',
          acts: [{ violation: violationFacts(row('ND98/2020:11.3', TEST_VIOLATIONS), 'ORGANIZATION'), description: 'Buôn bán 40 thùng nước giải khát giả mạo nhãn hiệu' }],
          sanction: 'FINE',
          fineAmount: 60_000_000,
          mitigating: 0,
          aggravating: 0,
          measures: 'Tịch thu 40 thùng nước giải khát giả mạo nhãn hiệu để tiêu hủy.',
        },
      },
      issued: [INSPECTION, { type: 'CRIMINAL_TRANSFER_DECISION' as const, number: '01/QĐ-CHS', date: '2026-03-06' }],
    }),
  },
  {
    name: 'COERCION_DECISION',
    number: '25/QĐ-CCXP',
    ctx: ctx('COERCION_DECISION', {
      caseId: 'enforcement/qltt-ninh-binh/2026/0003',
      caseTitle: 'Cưỡng chế thi hành Quyết định số 15/QĐ-XPHC',
      procedureId: 'ins-enforcement',
      procedureVersion: 2,
      stepId: 'E2',
      outcome: 'ISSUED',
      date: '2026-04-02',
      facts: { decisionDate: '2026-03-12', executionFrom: '2026-03-12', fineAmount: 15_500_000 },
      steps: { E2: { decisionNo: '25/QĐ-CCXP', decisionDate: '2026-04-02', signedBy: DIRECTOR.name, measure: 'DEDUCT_ACCOUNT' } },
      issued: [INSPECTION, RECORD, SANCTION],
    }),
  },
  {
    name: 'CORRECTION_DECISION',
    number: '20/QĐ-ĐC',
    ctx: ctx('CORRECTION_DECISION', {
      stepId: 'B6',
      date: '2026-03-14',
      steps: { B1, B6 },
      issued: [INSPECTION, RECORD, SANCTION],
      correction: {
        of: SANCTION,
        kind: 'CORRECT',
        reason: 'Sai sót về địa chỉ của tổ chức vi phạm.',
        text: 'tại Điều 1, "Địa chỉ: Số 52 đường Trần Hưng Đạo" được sửa thành "Địa chỉ: Số 25 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình".',
      },
    }),
  },
];
