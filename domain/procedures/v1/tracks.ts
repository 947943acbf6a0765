/**
 * VERSION 1, FROZEN: published on every installation and pinned by running cases (and by the
 * committed histories). Never edit; a change is a new version (see ../penalty.ts and siblings).
 *
 * The tracks that run beside or after a case: seizure (D1–D9), enforcement (E1–E4), criminal
 * referral and reverse transfer (F1–F6), hotline tips (C1–C6) and the paper-parallel digital file.
 * ../shared/domain/vn-law.md §1.3–1.6.
 */
import type { TProcedureInput } from '../../procedure.js';
import { decisionFields, evidenceField, LAW, STANDARD_LADDER, t } from '../common.js';

export function seizureProcedureV1(version = 1): TProcedureInput {
  return {
    id: 'ins-seizure',
    version,
    kind: 'SEIZURE',
    title: t('Tạm giữ tang vật, phương tiện vi phạm hành chính', 'Seizure of exhibits and means'),
    legalBasis: `${LAW}, Điều 125, 126`,
    start: ['D2'],
    steps: [
      {
        id: 'D2',
        title: t('Quyết định và biên bản tạm giữ', 'Seizure decision and record'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 125(1)–(3), (9)`,
        form: {
          fields: [
            ...decisionFields,
            {
              key: 'ground',
              type: 'enum',
              label: t('Căn cứ tạm giữ', 'Ground'),
              required: true,
              options: [
                { value: 'VERIFY_FACTS', label: t('Để xác minh tình tiết', 'To verify facts') },
                { value: 'STOP_VIOLATION', label: t('Để ngăn chặn ngay vi phạm', 'To stop the violation') },
                { value: 'SECURE_EXECUTION', label: t('Để bảo đảm thi hành quyết định', 'To secure execution') },
              ],
            },
            { key: 'seizedOn', type: 'date', label: t('Ngày thực tế tạm giữ', 'Actually seized on'), required: true, notInFuture: true },
            {
              key: 'items',
              type: 'group',
              label: t('Tang vật (tên, số lượng, chủng loại, tình trạng)', 'Items'),
              required: true,
              minItems: 1,
              fields: [
                { key: 'name', type: 'text', label: t('Tên', 'Name'), required: true },
                { key: 'quantity', type: 'number', label: t('Số lượng', 'Quantity'), required: true, min: 0 },
                { key: 'unit', type: 'text', label: t('Đơn vị', 'Unit'), required: true },
                { key: 'condition', type: 'text', label: t('Tình trạng', 'Condition') },
              ],
            },
            { key: 'perishable', type: 'boolean', label: t('Hàng dễ hư hỏng, khó bảo quản', 'Perishable') },
            evidenceField,
          ],
        },
        outcomes: [{ id: 'SEIZED', title: t('Đã tạm giữ', 'Seized'), next: ['D4'] }],
      },
      {
        id: 'D4',
        title: t('Xử lý tang vật trong thời hạn tạm giữ', 'Decide on the items within the seizure period'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 125(8), 126`,
        form: {
          fields: [
            { key: 'decisionNo', type: 'text', label: t('Số quyết định (trả lại / tịch thu / tiêu hủy / bán)', 'Decision number') },
            { key: 'note', type: 'text', label: t('Ghi chú', 'Note'), multiline: true },
          ],
        },
        // 7 working days from the actual seizure (Art. 125(8) as amended 2020); longer caps are configuration to confirm.
        deadline: {
          amount: 7,
          amountParam: 'seizureWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'FIELD_DATE', stepId: 'D2', field: 'seizedOn' },
          legalBasis: `${LAW}, Điều 125(8): tối đa 07 ngày làm việc kể từ ngày thực tế tạm giữ`,
          escalation: STANDARD_LADDER,
        },
        extension: {
          grantRoles: ['DIRECTOR'],
          maxCount: 1,
          maxAmount: 3,
          unit: 'working_days',
          legalBasis: `${LAW}, Điều 125(8): kéo dài khi phải chuyển hồ sơ (tối đa 10 ngày làm việc, cần xác nhận); không vượt thời hạn ra quyết định xử phạt`,
        },
        outcomes: [
          { id: 'RETURNED', title: t('Trả lại tang vật', 'Return the items'), next: ['D5'] },
          { id: 'CONFISCATED', title: t('Tịch thu / buộc tiêu hủy', 'Confiscate / destroy'), next: ['D6'] },
          { id: 'OWNER_UNKNOWN', title: t('Không xác định được chủ sở hữu / không đến nhận', 'Owner unknown or absent'), next: ['D7A'] },
          {
            id: 'SOLD_OR_DESTROYED_EARLY',
            title: t('Hàng dễ hư hỏng: bán hoặc tiêu hủy sớm', 'Perishable: sold or destroyed early'),
            next: ['D6'],
            legalBasis: `${LAW}, Điều 126`,
            requires: [
              {
                when: { kind: 'FIELD_EQUALS', stepId: 'D2', field: 'perishable', equals: true },
                code: 'NOT_PERISHABLE',
                message: t('Chỉ hàng dễ hư hỏng, khó bảo quản mới được xử lý sớm', 'Only perishable goods may be handled early'),
                legalBasis: `${LAW}, Điều 126`,
              },
            ],
          },
        ],
      },
      {
        id: 'D5',
        title: t('Biên bản trả lại tang vật', 'Record of return'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 125(2)`,
        form: { fields: [{ key: 'returnRecordNo', type: 'text', label: t('Số biên bản trả lại', 'Return record number'), required: true }] },
        outcomes: [{ id: 'RETURNED', title: t('Đã trả lại', 'Returned'), next: [] }],
      },
      {
        id: 'D6',
        title: t('Tịch thu, tiêu hủy tang vật', 'Confiscation and destruction'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 26, 82, 126`,
        form: {
          fields: [
            { key: 'confiscatedValue', type: 'money', label: t('Trị giá hàng tịch thu', 'Value confiscated'), required: true },
            { key: 'destroyedValue', type: 'money', label: t('Trị giá hàng buộc tiêu hủy', 'Value destroyed') },
            { key: 'destructionRecordNo', type: 'text', label: t('Số biên bản tiêu hủy', 'Destruction record') },
          ],
        },
        outcomes: [{ id: 'CONFISCATED', title: t('Đã tịch thu / tiêu hủy', 'Confiscated'), next: [] }],
      },
      {
        id: 'D7A',
        title: t('Thông báo lần 1 tìm chủ sở hữu', 'First public notice'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
        legalBasis: 'Nghị định 138/2021/NĐ-CP',
        form: { fields: [{ key: 'noticeRef', type: 'text', label: t('Nơi, số thông báo', 'Where and which notice'), required: true }] },
        deadline: {
          amount: 3,
          amountParam: 'seizureNotice1WorkingDays',
          unit: 'working_days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'D4' },
          legalBasis: 'Nghị định 138/2021/NĐ-CP: 03 ngày làm việc sau khi hết thời hạn tạm giữ (cần xác nhận)',
          escalation: STANDARD_LADDER,
        },
        outcomes: [{ id: 'NOTIFIED', title: t('Đã thông báo lần 1', 'Notified'), next: ['D7B'] }],
      },
      {
        id: 'D7B',
        title: t('Thông báo lần 2', 'Second public notice'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
        legalBasis: 'Nghị định 138/2021/NĐ-CP',
        form: { fields: [{ key: 'noticeRef', type: 'text', label: t('Nơi, số thông báo', 'Where and which notice'), required: true }] },
        deadline: {
          amount: 7,
          amountParam: 'seizureNotice2WorkingDays',
          unit: 'working_days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'D7A' },
          legalBasis: 'Nghị định 138/2021/NĐ-CP: 07 ngày làm việc sau thông báo lần 1 (cần xác nhận)',
          escalation: STANDARD_LADDER,
        },
        outcomes: [
          { id: 'CLAIMED', title: t('Chủ sở hữu đến nhận', 'Owner came forward'), next: ['D5'] },
          { id: 'UNCLAIMED', title: t('Không có người nhận', 'Unclaimed'), next: ['D8'] },
        ],
      },
      {
        id: 'D8',
        title: t('Tịch thu tang vật không có người nhận', 'Confiscate unclaimed items'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 126`,
        form: {
          fields: [
            { key: 'decisionNo', type: 'text', label: t('Số quyết định tịch thu', 'Decision number'), required: true },
            { key: 'confiscatedValue', type: 'money', label: t('Trị giá', 'Value'), required: true },
          ],
        },
        // 1 year after the second notice, then 5 working days: the year is the wait; the decision must follow within it.
        deadline: {
          amount: 12,
          unit: 'months',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'D7B' },
          legalBasis: `${LAW}, Điều 126: sau 01 năm kể từ thông báo lần 2 (quyết định trong 05 ngày làm việc, cần xác nhận)`,
        },
        outcomes: [{ id: 'CONFISCATED', title: t('Đã tịch thu', 'Confiscated'), next: [] }],
      },
    ],
  };
}

export function enforcementProcedureV1(version = 1): TProcedureInput {
  return {
    id: 'ins-enforcement',
    version,
    kind: 'ENFORCEMENT',
    title: t('Cưỡng chế thi hành quyết định xử phạt', 'Enforcement of the penalty decision'),
    legalBasis: `${LAW}, Điều 86, 87; Nghị định 296/2025/NĐ-CP`,
    start: ['E2'],
    steps: [
      {
        id: 'E2',
        title: t('Quyết định cưỡng chế', 'Coercion decision'),
        roles: ['DIRECTOR'],
        legalBasis: `${LAW}, Điều 86, 87; Nghị định 296/2025/NĐ-CP (thẩm quyền, thời hạn cần xác nhận)`,
        form: {
          fields: [
            ...decisionFields,
            {
              key: 'measure',
              type: 'enum',
              label: t('Biện pháp cưỡng chế', 'Measure'),
              required: true,
              options: [
                { value: 'DEDUCT_SALARY', label: t('Khấu trừ lương, thu nhập', 'Deduct salary or income') },
                { value: 'DEDUCT_ACCOUNT', label: t('Khấu trừ tiền từ tài khoản', 'Deduct from a bank account') },
                { value: 'SEIZE_ASSETS', label: t('Kê biên tài sản để bán đấu giá', 'Seize and auction assets') },
                { value: 'COLLECT_FROM_THIRD_PARTY', label: t('Thu tiền, tài sản do bên thứ ba giữ', 'Collect from third parties') },
                { value: 'FORCE_REMEDIAL', label: t('Buộc thực hiện biện pháp khắc phục', 'Force remedial measures') },
              ],
            },
          ],
        },
        // Execution limitation: 1 year from the penalty decision (Art. 74) — watched as a deadline here.
        deadline: { amount: 12, unit: 'months', anchor: { kind: 'CASE_START' }, legalBasis: `${LAW}, Điều 74: thời hiệu thi hành 01 năm`, escalation: STANDARD_LADDER },
        outcomes: [
          { id: 'ISSUED', title: t('Đã ban hành', 'Issued'), next: ['E3'] },
          { id: 'LIMITATION_EXPIRED', title: t('Hết thời hiệu thi hành (chỉ còn tịch thu, khắc phục)', 'Limitation expired'), next: [] },
        ],
      },
      {
        id: 'E3',
        title: t('Tổ chức cưỡng chế, lập biên bản', 'Execute and minute'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: 'Nghị định 296/2025/NĐ-CP',
        form: {
          fields: [
            { key: 'recordNo', type: 'text', label: t('Số biên bản cưỡng chế', 'Record number'), required: true },
            { key: 'collectedAmount', type: 'money', label: t('Số tiền thu được', 'Amount collected') },
            { key: 'costs', type: 'money', label: t('Chi phí cưỡng chế', 'Costs') },
          ],
        },
        outcomes: [{ id: 'ENFORCED', title: t('Đã cưỡng chế xong', 'Enforced'), next: [] }],
      },
    ],
  };
}

export function criminalReferralProcedureV1(version = 1): TProcedureInput {
  return {
    id: 'ins-criminal-referral',
    version,
    kind: 'CRIMINAL_REFERRAL',
    title: t('Chuyển hồ sơ vụ vi phạm có dấu hiệu tội phạm', 'Criminal referral and reverse transfer'),
    legalBasis: `${LAW}, Điều 62, 63`,
    events: [{ id: 'FILE_RETURNED', title: t('Cơ quan tố tụng chuyển trả hồ sơ', 'The file comes back from the criminal body') }],
    start: ['F1'],
    steps: [
      {
        id: 'F1',
        title: t('Chuyển ngay hồ sơ cho cơ quan tiến hành tố tụng', 'Transfer the file immediately'),
        roles: ['DIRECTOR'],
        legalBasis: `${LAW}, Điều 62(1)`,
        form: {
          fields: [
            { key: 'transferNo', type: 'text', label: t('Số công văn chuyển hồ sơ', 'Transfer letter'), required: true },
            { key: 'receiver', type: 'text', label: t('Cơ quan điều tra nhận', 'Investigating agency'), required: true },
            { key: 'handoverRecordNo', type: 'text', label: t('Số biên bản bàn giao hồ sơ', 'Handover record'), required: true },
            { key: 'violatorNotified', type: 'boolean', label: t('Đã thông báo cho người vi phạm', 'Violator notified'), required: true },
          ],
        },
        // "Immediately": watched as 24 hours so that a delay is escalated.
        deadline: {
          amount: 24,
          unit: 'hours',
          anchor: { kind: 'CASE_START' },
          legalBasis: `${LAW}, Điều 62(1): chuyển ngay`,
          escalation: [{ at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'DIRECTOR' }],
        },
        outcomes: [{ id: 'TRANSFERRED', title: t('Đã chuyển', 'Transferred'), next: ['F4'] }],
      },
      {
        id: 'F4',
        title: t('Kết quả xử lý của cơ quan tố tụng', 'Outcome at the criminal body'),
        roles: ['LEGAL_OFFICER', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 63(1)`,
        form: { fields: [{ key: 'documentNo', type: 'text', label: t('Số văn bản của cơ quan tố tụng', 'Document number'), required: true }] },
        outcomes: [
          { id: 'PROSECUTED', title: t('Khởi tố vụ án hình sự', 'Prosecuted'), next: [] },
          { id: 'RETURNED', title: t('Không khởi tố / đình chỉ: chuyển trả hồ sơ', 'Not prosecuted: file returned'), next: ['F5'] },
        ],
      },
      {
        id: 'F5',
        title: t('Xử phạt vụ việc được chuyển trả', 'Sanction the returned case'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 63(2)–(3); Điều 56(1)(b) (không cần lập biên bản mới từ 01/07/2025)`,
        form: { fields: [...decisionFields.map((f) => ({ ...f, required: false })), { key: 'fineAmount', type: 'money', label: t('Số tiền phạt', 'Fine') }] },
        deadline: {
          amount: 30,
          amountParam: 'criminalReverseDecisionDays',
          unit: 'days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'F4' },
          legalBasis: `${LAW}, Điều 63(2): 30 ngày kể từ ngày nhận hồ sơ`,
          hard: true,
          escalation: STANDARD_LADDER,
        },
        extension: { grantRoles: ['DIRECTOR'], maxCount: 1, maxAmount: 15, unit: 'days', legalBasis: `${LAW}, Điều 63(3): tối đa 45 ngày khi cần xác minh thêm` },
        outcomes: [
          {
            id: 'RETURNED_AND_DECIDED',
            title: t('Đã ra quyết định xử phạt', 'Sanctioned'),
            next: [],
            requires: [
              {
                when: {
                  kind: 'ALL',
                  of: [
                    { kind: 'FIELD_PRESENT', stepId: 'F5', field: 'decisionNo' },
                    { kind: 'FIELD_PRESENT', stepId: 'F5', field: 'decisionDate' },
                  ],
                },
                code: 'DECISION_MISSING',
                message: t('Thiếu số và ngày quyết định xử phạt', 'Decision number and date are missing'),
                legalBasis: `${LAW}, Điều 68`,
              },
            ],
          },
          { id: 'RETURNED_NOT_SANCTIONED', title: t('Không xử phạt (hết thời hiệu, không vi phạm)', 'Not sanctioned'), next: [] },
        ],
      },
    ],
  };
}
