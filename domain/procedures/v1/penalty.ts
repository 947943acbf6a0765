/**
 * VERSION 1, FROZEN: published on every installation and pinned by running cases (and by the
 * committed histories). Never edit; a change is a new version (see ../penalty.ts and siblings).
 *
 * Penalty case, full path (B0–B17) and the path without a record (B'1–B'4):
 * ../shared/domain/vn-law.md §1.2.
 */
import type { TCondition, TProcedureInput } from '../../procedure.js';
import { decisionFields, evidenceField, LAW, offenderField, STANDARD_LADDER, t } from '../common.js';

/** The bracket maximum reaches the right-to-explain threshold (Art. 61(1)) on the violation date. */
const RIGHT_TO_EXPLAIN: TCondition = {
  kind: 'PARAM_THRESHOLD',
  stepId: 'B1',
  field: 'bracketMax',
  op: 'GTE',
  params: { individual: 'explainRightMinIndividual', organization: 'explainRightMinOrganization' },
  subject: { stepId: 'B1', field: 'offenderType' },
  date: { stepId: 'B1', field: 'violationDate' },
};
const NO_RIGHT_TO_EXPLAIN: TCondition = { ...RIGHT_TO_EXPLAIN, op: 'LT' };
const NEEDS_ONE_MONTH: TCondition = {
  kind: 'ANY',
  of: [
    { kind: 'OUTCOME', stepId: 'B3', outcome: 'EXPLANATION_RIGHT' },
    { kind: 'FIELD_EQUALS', stepId: 'B3', field: 'needsVerification', equals: true },
  ],
};

export function penaltyProcedureV1(version = 1): TProcedureInput {
  return {
    id: 'ins-penalty',
    version,
    kind: 'PENALTY',
    title: t('Xử phạt vi phạm hành chính (có lập biên bản)', 'Administrative penalty (with a violation record)'),
    legalBasis: `${LAW}, Chương II Phần thứ hai`,
    events: [{ id: 'PAYMENT_RECEIVED', title: t('Kho bạc báo đã nộp phạt', 'Treasury reports the fine paid') }],
    start: ['B1'],
    steps: [
      {
        id: 'B1',
        title: t('Lập biên bản vi phạm hành chính', 'Make the violation record'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 58; Nghị định 118/2021/NĐ-CP Điều 12`,
        requiresEvidence: false,
        form: {
          fields: [
            { key: 'recordNo', type: 'text', label: t('Số biên bản', 'Record number'), required: true, maxLength: 60 },
            { key: 'recordedAt', type: 'date', label: t('Ngày lập biên bản', 'Record date'), required: true, notInFuture: true },
            { key: 'place', type: 'text', label: t('Địa điểm lập biên bản', 'Place'), required: true, maxLength: 500 },
            { key: 'recorder', type: 'text', label: t('Người lập biên bản (họ tên, chức vụ)', 'Recorder'), required: true, maxLength: 200 },
            { key: 'violatorName', type: 'text', label: t('Tên cá nhân/tổ chức vi phạm', 'Violator'), required: true, maxLength: 300 },
            offenderField,
            { key: 'violationDate', type: 'date', label: t('Thời gian xảy ra vi phạm', 'Date of the violation'), required: true, notInFuture: true },
            { key: 'violationPlace', type: 'text', label: t('Địa điểm xảy ra vi phạm', 'Place of the violation'), required: true, maxLength: 500 },
            {
              key: 'acts',
              type: 'group',
              label: t('Hành vi vi phạm (mỗi hành vi một dòng)', 'Acts (one row each)'),
              required: true,
              minItems: 1,
              fields: [
                { key: 'violationCode', type: 'text', label: t('Mã hành vi (nghị định:điều.khoản.điểm)', 'Violation code'), required: true, maxLength: 40 },
                { key: 'description', type: 'text', label: t('Mô tả hành vi', 'Description'), required: true, multiline: true },
              ],
            },
            { key: 'bracketMax', type: 'money', label: t('Mức tối đa của khung phạt (theo đối tượng)', 'Bracket maximum for this offender'), required: true },
            {
              key: 'tradeField',
              type: 'boolean',
              label: t('Lĩnh vực sản xuất, buôn bán hàng hóa, hàng giả, hàng cấm, giá (thời hiệu 2 năm)', 'Trade, counterfeit or price field (2-year limitation)'),
            },
            { key: 'statements', type: 'text', label: t('Lời khai của người vi phạm, người làm chứng, người bị thiệt hại', 'Statements'), multiline: true },
            { key: 'preventiveMeasures', type: 'text', label: t('Biện pháp ngăn chặn, bảo đảm đã áp dụng', 'Preventive measures'), multiline: true },
            { key: 'explanationNotice', type: 'text', label: t('Quyền và thời hạn giải trình đã ghi trong biên bản', 'Right to explain and its deadline, as stated'), multiline: true },
            { key: 'detectedByEquipment', type: 'boolean', label: t('Phát hiện bằng phương tiện kỹ thuật nghiệp vụ', 'Detected with technical equipment') },
            evidenceField,
          ],
        },
        // Law Art. 6: 1 year; 2 years for trade, counterfeit and price violations.
        guard: {
          from: { stepId: 'B1', field: 'violationDate' },
          amount: 12,
          unit: 'months',
          variants: [{ when: { kind: 'FIELD_EQUALS', stepId: 'B1', field: 'tradeField', equals: true }, amount: 24, unit: 'months' }],
          code: 'LIMITATION_EXPIRED',
          message: t('Đã hết thời hiệu xử phạt vi phạm hành chính', 'The limitation period for sanctioning has expired'),
          legalBasis: `${LAW}, Điều 6 (sửa đổi bởi Luật 88/2025/QH15)`,
        },
        outcomes: [
          { id: 'RECORDED', title: t('Đã lập biên bản, thuộc thẩm quyền', 'Recorded, within competence'), next: ['B3'] },
          { id: 'TRANSFER_NEEDED', title: t('Vượt thẩm quyền: chuyển hồ sơ', 'Outside competence: transfer'), next: ['B2'] },
          { id: 'CRIMINAL_SIGNS', title: t('Có dấu hiệu tội phạm', 'Signs of a crime'), next: ['BF'], legalBasis: `${LAW}, Điều 62` },
        ],
      },
      {
        id: 'B2',
        title: t('Chuyển biên bản và hồ sơ cho người có thẩm quyền', 'Transfer the record and file'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 58(4)`,
        form: {
          fields: [
            { key: 'transferLetterNo', type: 'text', label: t('Số công văn chuyển', 'Transfer letter number'), required: true },
            { key: 'receiver', type: 'text', label: t('Người/cơ quan nhận', 'Receiver'), required: true },
          ],
        },
        // 24 hours [U]: the figure is the 2020 wording reported by one source (legal parameter transferHours).
        deadline: {
          amount: 24,
          amountParam: 'transferHours',
          unit: 'hours',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'B1' },
          legalBasis: `${LAW}, Điều 58(4) — 24 giờ (cần xác nhận)`,
          escalation: STANDARD_LADDER,
        },
        outcomes: [{ id: 'TRANSFERRED', title: t('Đã chuyển', 'Transferred'), next: ['B3'] }],
      },
      {
        id: 'B3',
        title: t('Xem xét hồ sơ: quyền giải trình, xác minh tình tiết', 'Review: right to explain, verification'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 59, 60, 61`,
        form: {
          fields: [
            { key: 'needsVerification', type: 'boolean', label: t('Cần xác minh tình tiết / định giá tang vật', 'Facts must be verified / goods valued') },
            { key: 'verificationNote', type: 'text', label: t('Nội dung xác minh', 'What is verified'), multiline: true },
          ],
        },
        outcomes: [
          {
            id: 'EXPLANATION_RIGHT',
            title: t('Có quyền giải trình', 'Right to explain'),
            next: ['B4'],
            requires: [
              {
                when: RIGHT_TO_EXPLAIN,
                code: 'NO_RIGHT_TO_EXPLAIN',
                message: t('Mức tối đa của khung phạt chưa đến ngưỡng có quyền giải trình', 'The bracket maximum is below the right-to-explain threshold'),
                legalBasis: `${LAW}, Điều 61(1)`,
              },
            ],
          },
          {
            id: 'NO_EXPLANATION_RIGHT',
            title: t('Không thuộc trường hợp giải trình', 'No right to explain'),
            next: ['B6'],
            requires: [
              {
                when: NO_RIGHT_TO_EXPLAIN,
                code: 'RIGHT_TO_EXPLAIN_APPLIES',
                message: t('Khung phạt đến ngưỡng giải trình: phải bảo đảm quyền giải trình', 'The bracket reaches the threshold: the right to explain must be respected'),
                legalBasis: `${LAW}, Điều 61(1)`,
              },
            ],
          },
        ],
      },
      {
        id: 'B4',
        title: t('Giải trình (bằng văn bản hoặc trực tiếp)', 'Explanation (written or at a hearing)'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 61(2), (3)`,
        form: {
          fields: [
            { key: 'explanation', type: 'text', label: t('Nội dung giải trình / biên bản phiên giải trình', 'Explanation or hearing minutes'), multiline: true },
            { key: 'documents', type: 'file', label: t('Văn bản giải trình', 'Documents'), maxFiles: 20 },
          ],
        },
        // 5 working days from the record [P] (legal parameter explainWrittenWorkingDays).
        deadline: {
          amount: 5,
          amountParam: 'explainWrittenWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'B1' },
          legalBasis: `${LAW}, Điều 61(2) — 5 ngày làm việc kể từ ngày lập biên bản (cần xác nhận)`,
          escalation: STANDARD_LADDER,
        },
        extension: {
          grantRoles: ['DIRECTOR', 'TEAM_LEAD'],
          maxCount: 1,
          maxAmount: 5,
          maxAmountParam: 'explainExtraWorkingDays',
          unit: 'working_days',
          legalBasis: `${LAW}, Điều 61(2) — vụ việc phức tạp, theo đề nghị (cần xác nhận)`,
        },
        outcomes: [
          { id: 'EXPLAINED_IN_WRITING', title: t('Đã giải trình bằng văn bản', 'Explained in writing'), next: ['B6'] },
          { id: 'HEARING_HELD', title: t('Đã tổ chức phiên giải trình trực tiếp', 'Hearing held'), next: ['B6'] },
          { id: 'NO_EXPLANATION', title: t('Không giải trình', 'Did not explain'), next: ['B6'] },
        ],
      },
      {
        id: 'B6',
        title: t('Ra quyết định xử phạt vi phạm hành chính', 'Issue the penalty decision'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 66, 68`,
        form: {
          fields: [
            ...decisionFields,
            {
              key: 'sanction',
              type: 'enum',
              label: t('Hình thức xử phạt chính', 'Main sanction'),
              required: true,
              options: [
                { value: 'WARNING', label: t('Cảnh cáo', 'Warning') },
                { value: 'FINE', label: t('Phạt tiền', 'Fine') },
              ],
            },
            { key: 'fineAmount', type: 'money', label: t('Số tiền phạt', 'Fine amount'), min: 0 },
            { key: 'amountReason', type: 'text', label: t('Lý do nếu khác mức trung bình của khung', 'Reason if not the bracket midpoint'), multiline: true },
            { key: 'additionalSanctions', type: 'text', label: t('Hình thức xử phạt bổ sung (tịch thu…)', 'Additional sanctions'), multiline: true },
            { key: 'remedialMeasures', type: 'text', label: t('Biện pháp khắc phục hậu quả', 'Remedial measures'), multiline: true },
          ],
        },
        deadline: {
          amount: 7,
          amountParam: 'decisionWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'B1' },
          legalBasis: `${LAW}, Điều 66(1): 7 ngày làm việc kể từ ngày lập biên bản`,
          variants: [
            { when: NEEDS_ONE_MONTH, amount: 1, amountParam: 'decisionExplainMonths', unit: 'months', legalBasis: `${LAW}, Điều 66(1)(b): 01 tháng khi có quyền giải trình hoặc phải xác minh` },
            {
              when: { kind: 'OUTCOME', stepId: 'B1', outcome: 'TRANSFER_NEEDED' },
              amount: 10,
              amountParam: 'decisionTransferWorkingDays',
              unit: 'working_days',
              legalBasis: `${LAW}, Điều 66(1): 10 ngày làm việc khi phải chuyển hồ sơ`,
            },
          ],
          // Past the deadline no penalty may be imposed (only remedial measures and confiscation).
          hard: true,
          escalation: [
            { at: { kind: 'SHARE', share: 0.7 }, action: 'WARN', toRole: 'TEAM_LEAD' },
            { at: { kind: 'SHARE', share: 0.9 }, action: 'ESCALATE', toRole: 'DIRECTOR' },
            { at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'DIRECTOR' },
          ],
        },
        // Art. 66(1)(c): 2 months in all for especially serious or complex cases, with the direct superior's written approval.
        extension: {
          grantRoles: ['DIRECTOR'],
          maxCount: 1,
          maxAmount: 1,
          unit: 'months',
          legalBasis: `${LAW}, Điều 66(1)(c): gia hạn không quá 01 tháng (tổng 02 tháng) khi thủ trưởng trực tiếp đồng ý bằng văn bản`,
          when: NEEDS_ONE_MONTH,
        },
        outcomes: [{ id: 'DECIDED', title: t('Đã ra quyết định', 'Decided'), next: ['B8'] }],
      },
      {
        id: 'B8',
        title: t('Giao quyết định xử phạt', 'Deliver the decision'),
        roles: ['INSPECTOR', 'TEAM_LEAD', 'LEGAL_OFFICER'],
        legalBasis: `${LAW}, Điều 70`,
        form: {
          fields: [
            {
              key: 'method',
              type: 'enum',
              label: t('Hình thức giao', 'Method'),
              required: true,
              options: [
                { value: 'IN_PERSON', label: t('Giao trực tiếp', 'In person') },
                { value: 'REGISTERED_POST', label: t('Bưu điện bảo đảm', 'Registered post') },
                { value: 'ELECTRONIC', label: t('Điện tử', 'Electronic') },
                { value: 'POSTED', label: t('Niêm yết', 'Posted') },
              ],
            },
            { key: 'receivedDate', type: 'date', label: t('Ngày người vi phạm nhận quyết định', 'Date received'), required: true, notInFuture: true },
          ],
        },
        // 2 working days before 01/07/2025, 3 after according to one source [U]: the legal parameter in force on the decision date.
        deadline: {
          amount: 3,
          amountParam: 'deliveryWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'B6' },
          legalBasis: `${LAW}, Điều 70: 02 ngày làm việc kể từ ngày ra quyết định (03 ngày từ 01/07/2025 theo một nguồn — cần xác nhận)`,
          escalation: STANDARD_LADDER,
        },
        outcomes: [{ id: 'DELIVERED', title: t('Đã giao', 'Delivered'), next: ['B9'] }],
      },
      {
        id: 'B9',
        title: t('Theo dõi chấp hành, nộp phạt', 'Follow compliance and payment'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 73, 78`,
        form: {
          fields: [
            { key: 'receiptNo', type: 'text', label: t('Số biên lai / chứng từ nộp phạt', 'Receipt number') },
            { key: 'paidAmount', type: 'money', label: t('Số tiền đã nộp (kể cả tiền chậm nộp)', 'Amount paid') },
            { key: 'paidDate', type: 'date', label: t('Ngày nộp', 'Date paid'), notInFuture: true },
          ],
        },
        // 10 calendar days from receipt (Art. 73(1)); the end moves off a holiday (Civil Code Art. 148).
        deadline: {
          amount: 10,
          amountParam: 'complianceDays',
          unit: 'days',
          anchor: { kind: 'FIELD_DATE', stepId: 'B8', field: 'receivedDate' },
          legalBasis: `${LAW}, Điều 73(1): 10 ngày kể từ ngày nhận quyết định`,
        },
        outcomes: [
          {
            id: 'PAID',
            title: t('Đã chấp hành, nộp phạt', 'Complied and paid'),
            next: ['B17'],
            requires: [
              {
                when: {
                  kind: 'ANY',
                  of: [
                    { kind: 'FIELD_EQUALS', stepId: 'B6', field: 'sanction', equals: 'WARNING' },
                    {
                      kind: 'ALL',
                      of: [
                        { kind: 'FIELD_PRESENT', stepId: 'B9', field: 'receiptNo' },
                        { kind: 'FIELD_PRESENT', stepId: 'B9', field: 'paidAmount' },
                        { kind: 'FIELD_PRESENT', stepId: 'B9', field: 'paidDate' },
                      ],
                    },
                  ],
                },
                code: 'PAYMENT_MISSING',
                message: t('Chưa có chứng từ nộp phạt (số biên lai, số tiền, ngày nộp)', 'No payment proof (receipt, amount, date)'),
                legalBasis: `${LAW}, Điều 78`,
              },
            ],
          },
          { id: 'NOT_COMPLIED', title: t('Không tự nguyện chấp hành: cưỡng chế', 'Not complied: enforcement'), next: ['B15'], legalBasis: `${LAW}, Điều 86` },
          {
            id: 'POSTPONEMENT_REQUESTED',
            title: t('Đề nghị hoãn thi hành quyết định phạt tiền', 'Postponement requested'),
            next: ['B12'],
            requires: [
              {
                when: {
                  kind: 'PARAM_THRESHOLD',
                  stepId: 'B6',
                  field: 'fineAmount',
                  op: 'GTE',
                  params: { individual: 'postponementMinIndividual', organization: 'postponementMinOrganization' },
                  subject: { stepId: 'B1', field: 'offenderType' },
                  date: { stepId: 'B6', field: 'decisionDate' },
                },
                code: 'POSTPONEMENT_THRESHOLD',
                message: t('Số tiền phạt chưa đến mức được xem xét hoãn', 'The fine is below the postponement threshold'),
                legalBasis: `${LAW}, Điều 76 (mức cần xác nhận)`,
              },
            ],
          },
          {
            id: 'INSTALMENTS_REQUESTED',
            title: t('Đề nghị nộp tiền phạt nhiều lần', 'Instalments requested'),
            next: ['B13'],
            requires: [
              {
                when: {
                  kind: 'PARAM_THRESHOLD',
                  stepId: 'B6',
                  field: 'fineAmount',
                  op: 'GTE',
                  params: { individual: 'instalmentMinIndividual', organization: 'instalmentMinOrganization' },
                  subject: { stepId: 'B1', field: 'offenderType' },
                  date: { stepId: 'B6', field: 'decisionDate' },
                },
                code: 'INSTALMENT_THRESHOLD',
                message: t('Số tiền phạt chưa đến mức được nộp nhiều lần', 'The fine is below the instalment threshold'),
                legalBasis: `${LAW}, Điều 79 (mức cần xác nhận)`,
              },
            ],
          },
          { id: 'CRIMINAL_SIGNS', title: t('Phát hiện dấu hiệu tội phạm sau khi ra quyết định', 'Signs of a crime after the decision'), next: ['B62'], legalBasis: `${LAW}, Điều 62(2)` },
        ],
      },
      {
        id: 'B12',
        title: t('Quyết định hoãn thi hành quyết định phạt tiền', 'Decide on the postponement'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 76; mẫu MQĐ03`,
        form: {
          fields: [
            ...decisionFields.map((f) => ({ ...f, required: false })),
            { key: 'hardship', type: 'text', label: t('Hoàn cảnh kinh tế đặc biệt khó khăn (xác nhận)', 'Economic hardship (certified)'), multiline: true },
          ],
        },
        outcomes: [
          {
            id: 'POSTPONED',
            title: t('Đồng ý hoãn', 'Postponed'),
            next: ['B14'],
            requires: [
              {
                when: { kind: 'FIELD_PRESENT', stepId: 'B12', field: 'decisionNo' },
                code: 'DECISION_MISSING',
                message: t('Thiếu số quyết định hoãn', 'The postponement decision number is missing'),
                legalBasis: `${LAW}, Điều 76`,
              },
            ],
          },
          { id: 'REFUSED', title: t('Không đồng ý hoãn', 'Refused'), next: ['B9'] },
        ],
      },
      {
        id: 'B13',
        title: t('Quyết định nộp tiền phạt nhiều lần', 'Decide on instalments'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 79`,
        form: {
          fields: [
            ...decisionFields.map((f) => ({ ...f, required: false })),
            { key: 'instalments', type: 'number', label: t('Số lần nộp', 'Number of instalments'), integer: true, min: 2, max: 3 },
            { key: 'firstAmount', type: 'money', label: t('Số tiền nộp lần đầu (tối thiểu 40%)', 'First instalment (at least 40 %)') },
          ],
        },
        outcomes: [
          {
            id: 'INSTALMENTS_GRANTED',
            title: t('Đồng ý nộp nhiều lần', 'Granted'),
            next: ['B14'],
            requires: [
              {
                when: {
                  kind: 'ALL',
                  of: [
                    { kind: 'FIELD_PRESENT', stepId: 'B13', field: 'decisionNo' },
                    { kind: 'FIELD_PRESENT', stepId: 'B13', field: 'instalments' },
                  ],
                },
                code: 'DECISION_MISSING',
                message: t('Thiếu số quyết định hoặc số lần nộp', 'Decision number or number of instalments missing'),
                legalBasis: `${LAW}, Điều 79`,
              },
            ],
          },
          { id: 'REFUSED', title: t('Không đồng ý', 'Refused'), next: ['B9'] },
        ],
      },
      {
        id: 'B14',
        title: t('Theo dõi nộp phạt theo quyết định hoãn / nộp nhiều lần', 'Follow payment under the postponement or instalments'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 76, 79`,
        form: {
          fields: [
            { key: 'receiptNo', type: 'text', label: t('Số biên lai (lần cuối)', 'Last receipt') },
            { key: 'paidAmount', type: 'money', label: t('Tổng số đã nộp', 'Total paid') },
          ],
        },
        // Up to 3 months for a postponement, 6 months for instalments [U]: the longer bound is watched.
        deadline: {
          amount: 6,
          amountParam: 'instalmentMaxMonths',
          unit: 'months',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'B9' },
          legalBasis: `${LAW}, Điều 76, 79 (thời hạn cần xác nhận)`,
          escalation: STANDARD_LADDER,
        },
        outcomes: [
          {
            id: 'PAID',
            title: t('Đã nộp đủ', 'Paid in full'),
            next: ['B17'],
            requires: [
              {
                when: { kind: 'FIELD_PRESENT', stepId: 'B14', field: 'receiptNo' },
                code: 'PAYMENT_MISSING',
                message: t('Chưa có chứng từ nộp phạt', 'No payment proof'),
                legalBasis: `${LAW}, Điều 78`,
              },
            ],
          },
          { id: 'NOT_COMPLIED', title: t('Không nộp: cưỡng chế', 'Not paid: enforcement'), next: ['B15'] },
        ],
      },
      {
        id: 'B62',
        title: t('Tạm đình chỉ thi hành quyết định và chuyển hồ sơ', 'Suspend the decision and transfer the file'),
        roles: ['DIRECTOR'],
        legalBasis: `${LAW}, Điều 62(2)`,
        form: { fields: [{ key: 'suspensionNo', type: 'text', label: t('Số quyết định tạm đình chỉ', 'Suspension decision'), required: true }] },
        // Believed 3 working days from the suspension [U].
        deadline: {
          amount: 3,
          unit: 'working_days',
          anchor: { kind: 'STEP_OPENED' },
          legalBasis: `${LAW}, Điều 62(2): chuyển hồ sơ trong 03 ngày làm việc (cần xác nhận)`,
          escalation: STANDARD_LADDER,
        },
        outcomes: [{ id: 'SUSPENDED', title: t('Đã tạm đình chỉ, chuyển hồ sơ', 'Suspended and transferred'), next: ['BF'] }],
      },
      {
        id: 'B15',
        title: t('Cưỡng chế thi hành quyết định xử phạt', 'Enforce the decision'),
        roles: ['SYSTEM'],
        legalBasis: `${LAW}, Điều 86, 87; Nghị định 296/2025/NĐ-CP`,
        subProcedure: { procedureId: 'ins-enforcement' },
        outcomes: [
          { id: 'ENFORCED', title: t('Đã cưỡng chế xong', 'Enforced'), next: ['B17'] },
          { id: 'LIMITATION_EXPIRED', title: t('Hết thời hiệu thi hành', 'Execution limitation expired'), next: ['B17'] },
        ],
      },
      {
        id: 'BF',
        title: t('Chuyển hồ sơ có dấu hiệu tội phạm', 'Criminal referral'),
        roles: ['SYSTEM'],
        legalBasis: `${LAW}, Điều 62, 63`,
        subProcedure: { procedureId: 'ins-criminal-referral' },
        outcomes: [
          { id: 'PROSECUTED', title: t('Cơ quan tố tụng khởi tố', 'Prosecuted'), next: [], closesCase: true },
          { id: 'RETURNED_AND_DECIDED', title: t('Hồ sơ được chuyển lại và đã xử phạt', 'Returned and sanctioned'), next: ['B17'] },
          { id: 'RETURNED_NOT_SANCTIONED', title: t('Hồ sơ được chuyển lại, không xử phạt', 'Returned, not sanctioned'), next: [], closesCase: true },
        ],
      },
      {
        id: 'B17',
        title: t('Công khai (nếu phải), cập nhật CSDL quốc gia về XLVPHC, lưu trữ hồ sơ', 'Disclose, report to the national database, archive'),
        roles: ['LEGAL_OFFICER', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 72, 73(2); Nghị định 190/2025/NĐ-CP`,
        form: {
          fields: [
            { key: 'disclosed', type: 'boolean', label: t('Đã công khai trên cổng thông tin (nếu thuộc diện phải công khai)', 'Published where required') },
            { key: 'nationalDbUpdated', type: 'boolean', label: t('Đã cập nhật CSDL quốc gia về XLVPHC', 'National database updated'), required: true },
            { key: 'archiveNo', type: 'text', label: t('Số lưu trữ hồ sơ', 'Archive number'), required: true },
          ],
        },
        outcomes: [{ id: 'CLOSED', title: t('Kết thúc, lưu trữ', 'Closed and archived'), next: [] }],
      },
    ],
  };
}

/** Sanction without a record (xử phạt không lập biên bản), B'1–B'4. */
export function penaltyNoRecordProcedureV1(version = 1): TProcedureInput {
  return {
    id: 'ins-penalty-no-record',
    version,
    kind: 'PENALTY_NO_RECORD',
    title: t('Xử phạt vi phạm hành chính không lập biên bản', 'Sanction without a record'),
    legalBasis: `${LAW}, Điều 56 (sửa đổi bởi Luật 88/2025/QH15)`,
    start: ['N1'],
    steps: [
      {
        id: 'N1',
        title: t('Quyết định xử phạt tại chỗ', 'On-the-spot decision'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 56(1), (3)`,
        form: {
          fields: [
            ...decisionFields,
            { key: 'violatorName', type: 'text', label: t('Người/tổ chức vi phạm', 'Violator'), required: true },
            offenderField,
            { key: 'violationCode', type: 'text', label: t('Mã hành vi', 'Violation code'), required: true },
            { key: 'place', type: 'text', label: t('Địa điểm', 'Place'), required: true },
            {
              key: 'sanction',
              type: 'enum',
              label: t('Hình thức', 'Sanction'),
              required: true,
              options: [
                { value: 'WARNING', label: t('Cảnh cáo', 'Warning') },
                { value: 'FINE', label: t('Phạt tiền', 'Fine') },
              ],
            },
            { key: 'fineAmount', type: 'money', label: t('Số tiền phạt', 'Fine'), required: true, min: 0 },
            { key: 'detectedByEquipment', type: 'boolean', label: t('Phát hiện bằng phương tiện kỹ thuật nghiệp vụ', 'Detected with technical equipment') },
            evidenceField,
          ],
        },
        outcomes: [
          {
            id: 'DECIDED',
            title: t('Đã ra quyết định tại chỗ', 'Decided on the spot'),
            next: ['N2'],
            requires: [
              {
                when: {
                  kind: 'PARAM_THRESHOLD',
                  stepId: 'N1',
                  field: 'fineAmount',
                  op: 'LTE',
                  params: { individual: 'noRecordMaxIndividual', organization: 'noRecordMaxOrganization' },
                  subject: { stepId: 'N1', field: 'offenderType' },
                  date: { stepId: 'N1', field: 'decisionDate' },
                },
                code: 'NO_RECORD_THRESHOLD',
                message: t('Số tiền phạt vượt mức được xử phạt không lập biên bản: phải lập biên bản', 'The fine exceeds the no-record limit: a record is required'),
                legalBasis: `${LAW}, Điều 56(1) (sửa đổi 2025: đến 500.000 đồng cá nhân, 1.000.000 đồng tổ chức)`,
              },
              {
                when: { kind: 'NOT', of: { kind: 'FIELD_EQUALS', stepId: 'N1', field: 'detectedByEquipment', equals: true } },
                code: 'RECORD_REQUIRED_EQUIPMENT',
                message: t('Vi phạm phát hiện bằng phương tiện kỹ thuật nghiệp vụ: bắt buộc lập biên bản', 'Detected with technical equipment: a record is required'),
                legalBasis: `${LAW}, Điều 56(2)`,
              },
            ],
          },
        ],
      },
      {
        id: 'N2',
        title: t('Theo dõi chấp hành, nộp phạt', 'Follow compliance and payment'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD', 'INSPECTOR'],
        legalBasis: `${LAW}, Điều 73, 78`,
        form: { fields: [{ key: 'receiptNo', type: 'text', label: t('Số biên lai', 'Receipt number') }] },
        deadline: {
          amount: 10,
          amountParam: 'complianceDays',
          unit: 'days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'N1' },
          legalBasis: `${LAW}, Điều 73(1): 10 ngày kể từ ngày nhận quyết định (giao tại chỗ)`,
        },
        outcomes: [
          { id: 'PAID', title: t('Đã nộp phạt', 'Paid'), next: [] },
          { id: 'NOT_COMPLIED', title: t('Không chấp hành: cưỡng chế', 'Not complied: enforcement'), next: ['N3'] },
        ],
      },
      {
        id: 'N3',
        title: t('Cưỡng chế thi hành', 'Enforcement'),
        roles: ['SYSTEM'],
        subProcedure: { procedureId: 'ins-enforcement' },
        outcomes: [
          { id: 'ENFORCED', title: t('Đã cưỡng chế', 'Enforced'), next: [] },
          { id: 'LIMITATION_EXPIRED', title: t('Hết thời hiệu thi hành', 'Limitation expired'), next: [] },
        ],
      },
    ],
  };
}
