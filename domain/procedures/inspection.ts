/**
 * Inspection: planned, themed or ad hoc (A1–A11), ../shared/domain/vn-law.md §1.1. The annual and
 * themed plans themselves (A1–A3) are campaigns (issue 7); a case starts at the decision to inspect.
 */
import type { TProcedureInput } from '../procedure.js';
import { decisionFields, evidenceField, ORDINANCE, STANDARD_LADDER, t, TT27 } from './common.js';
import { anyOf, cmp, equals, field, present, rule } from './rule-builders.js';

/**
 * Version 3 (issue 15) gives fields their defaults (`prefill`): the decision names the registered
 * business, the announcement its representative. Version 2 is this definition without them
 * (./index.ts), as installations published it.
 */
export function inspectionProcedure(version = 3): TProcedureInput {
  return {
    id: 'ins-inspection',
    version,
    kind: 'INSPECTION',
    title: t('Kiểm tra việc chấp hành pháp luật', 'Inspection'),
    legalBasis: `${ORDINANCE}, Điều 18, 21; ${TT27}`,
    start: ['A5'],
    steps: [
      {
        id: 'A5',
        title: t('Quyết định kiểm tra', 'Decision to inspect'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${ORDINANCE}, Điều 21; Nghị định 33/2022/NĐ-CP Điều 4`,
        form: {
          fields: [
            ...decisionFields.map((f) => (f.key === 'decisionDate' ? { ...f, prefill: { from: 'today' as const } } : f)),
            {
              key: 'form',
              type: 'enum',
              label: t('Hình thức kiểm tra', 'Kind of inspection'),
              required: true,
              options: [
                { value: 'PLANNED', label: t('Theo kế hoạch (định kỳ)', 'Planned') },
                { value: 'THEMED', label: t('Chuyên đề', 'Themed') },
                { value: 'AD_HOC', label: t('Đột xuất', 'Ad hoc') },
              ],
            },
            {
              key: 'adHocGround',
              type: 'enum',
              label: t('Căn cứ kiểm tra đột xuất', 'Ground for an ad hoc inspection'),
              options: [
                { value: 'SUPERIOR_REQUEST', label: t('Văn bản yêu cầu của cấp có thẩm quyền', "A superior's written request") },
                { value: 'OFFICER_PROPOSAL', label: t('Đề xuất của công chức QLTT', "An officer's proposal") },
                { value: 'VERIFIED_TIP', label: t('Thông tin, tin báo đã được xác minh', 'A verified tip') },
              ],
            },
            { key: 'planRef', type: 'text', label: t('Kế hoạch kiểm tra (số, ngày)', 'Plan reference') },
            { key: 'businessName', type: 'text', label: t('Tên cơ sở được kiểm tra', 'Business inspected'), required: true, maxLength: 300, prefill: { from: 'business', attribute: 'name' } },
            {
              key: 'taxCode',
              type: 'text',
              label: t('Mã số thuế', 'Tax code'),
              // From version 3 also as the registry writes a branch's code (0101234567-001), which it prefills.
              pattern: version >= 3 ? '^\\d{10}(-?\\d{3})?$' : '^(\\d{10}|\\d{13})$',
              prefill: { from: 'business', attribute: 'taxCode' },
            },
            { key: 'address', type: 'text', label: t('Địa chỉ', 'Address'), required: true, maxLength: 500, prefill: { from: 'business', attribute: 'address' } },
            { key: 'content', type: 'text', label: t('Nội dung kiểm tra', 'What is inspected'), required: true, multiline: true },
          ],
        },
        outcomes: [
          {
            id: 'ISSUED',
            title: t('Đã ban hành', 'Issued'),
            next: ['A6'],
            requires: [
              {
                when: {
                  kind: 'ANY',
                  of: [
                    { kind: 'NOT', of: { kind: 'FIELD_EQUALS', stepId: 'A5', field: 'form', equals: 'AD_HOC' } },
                    { kind: 'FIELD_PRESENT', stepId: 'A5', field: 'adHocGround' },
                  ],
                },
                code: 'AD_HOC_GROUND_MISSING',
                message: t('Kiểm tra đột xuất phải có căn cứ', 'An ad hoc inspection needs a ground'),
                legalBasis: `${TT27} (căn cứ kiểm tra đột xuất)`,
              },
              {
                when: {
                  kind: 'ANY',
                  of: [
                    { kind: 'FIELD_EQUALS', stepId: 'A5', field: 'form', equals: 'AD_HOC' },
                    { kind: 'FIELD_PRESENT', stepId: 'A5', field: 'planRef' },
                  ],
                },
                code: 'PLAN_MISSING',
                message: t('Kiểm tra theo kế hoạch hoặc chuyên đề phải nêu kế hoạch', 'A planned or themed inspection names its plan'),
                legalBasis: `${TT27}, Điều 5`,
              },
            ],
          },
        ],
      },
      {
        id: 'A6',
        title: t('Cử trưởng đoàn, ghi Sổ nhật ký công tác', 'Appoint the team head, enter the Work Log'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${TT27}, Điều 14; ${ORDINANCE}, Điều 26`,
        form: {
          fields: [
            { key: 'teamHead', type: 'text', label: t('Trưởng đoàn', 'Team head'), required: true },
            {
              key: 'members',
              type: 'group',
              label: t('Thành viên (họ tên, số thẻ kiểm tra)', 'Members (name, card number)'),
              required: true,
              minItems: 1,
              fields: [
                { key: 'name', type: 'text', label: t('Họ tên', 'Name'), required: true },
                { key: 'cardNo', type: 'text', label: t('Số thẻ', 'Card number'), required: true },
              ],
            },
            { key: 'workLogEntry', type: 'text', label: t('Số/trang Sổ nhật ký công tác', 'Work Log entry'), required: true },
          ],
        },
        outcomes: [{ id: 'LOGGED', title: t('Đã ghi sổ trước khi thi hành', 'Logged before execution'), next: ['A7'] }],
      },
      {
        id: 'A7',
        title: t('Công bố quyết định kiểm tra tại cơ sở', 'Announce the decision on site'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${ORDINANCE}; ${TT27} (Chương II)`,
        form: {
          fields: [
            {
              key: 'announcedAt',
              type: 'date',
              label: t('Ngày công bố', 'Announced on'),
              required: true,
              notInFuture: true,
              help: t('Thời hạn kiểm tra tính từ ngày này', 'The inspection period counts from this date'),
              prefill: { from: 'today' },
            },
            { key: 'partyRepresentative', type: 'text', label: t('Người đại diện cơ sở', 'Party representative'), required: true, prefill: { from: 'business', attribute: 'legalRepresentative' } },
          ],
        },
        constraints: [
          rule(
            'ANNOUNCED_BEFORE_DECISION',
            cmp(field('announcedAt'), 'GTE', field('decisionDate', 'A5')),
            t('Ngày công bố trước ngày ban hành quyết định kiểm tra', 'The decision is announced before it was issued'),
            `${ORDINANCE}, Điều 21; ${TT27}`,
            'announcedAt',
          ),
        ],
        outcomes: [{ id: 'ANNOUNCED', title: t('Đã công bố', 'Announced'), next: ['A8'] }],
      },
      {
        id: 'A8',
        title: t('Tiến hành kiểm tra, thu thập chứng cứ', 'Inspect and collect evidence'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${ORDINANCE}; Nghị định 33/2022/NĐ-CP (thời hạn kiểm tra)`,
        requiresEvidence: true,
        form: {
          fields: [
            { key: 'findings', type: 'text', label: t('Kết quả kiểm tra', 'Findings'), required: true, multiline: true },
            { key: 'samplesTaken', type: 'boolean', label: t('Có lấy mẫu', 'Samples taken') },
            evidenceField,
          ],
        },
        // Inspection duration: 5 working days from the announcement [U] (legal parameter inspectionWorkingDays).
        deadline: {
          amount: 5,
          amountParam: 'inspectionWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'FIELD_DATE', stepId: 'A7', field: 'announcedAt' },
          legalBasis: 'Thời hạn kiểm tra (Nghị định 33/2022/NĐ-CP; số ngày cần xác nhận): tính từ ngày công bố quyết định',
          escalation: STANDARD_LADDER,
        },
        extension: {
          grantRoles: ['DIRECTOR', 'TEAM_LEAD'],
          maxCount: 1,
          maxAmount: 5,
          maxAmountParam: 'inspectionExtensionWorkingDays',
          unit: 'working_days',
          legalBasis: 'Người ra quyết định kiểm tra gia hạn bằng văn bản (Nghị định 33/2022/NĐ-CP; số ngày cần xác nhận)',
          // From version 5 the issuer of the decision (A5) is the one who extends it, and is asked (docs/adr/0192).
          ...(version >= 5 ? { grantedBy: 'A5' } : {}),
        },
        pause: {
          roles: ['TEAM_LEAD', 'DIRECTOR'],
          reasons: ['VERIFYING_FACTS', 'PARTY_DELAY'],
          legalBasis: 'Thời gian xác minh để kết luận và thời gian đối tượng trì hoãn, trốn tránh không tính vào thời hạn kiểm tra',
        },
        outcomes: [{ id: 'INSPECTED', title: t('Đã kiểm tra xong', 'Inspection done'), next: ['A9'] }],
      },
      {
        id: 'A9',
        title: t('Lập biên bản kiểm tra', 'Inspection record'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: `${TT27}; Thông tư 22/2021/TT-BCT`,
        form: {
          fields: [
            { key: 'recordNo', type: 'text', label: t('Số biên bản', 'Record number'), required: true },
            // From version 5 the record states its own date, printed on it (before, the day it was entered).
            ...(version >= 5
              ? [
                  {
                    key: 'recordedOn',
                    type: 'date' as const,
                    label: t('Ngày lập biên bản', 'Record date'),
                    required: true,
                    notInFuture: true,
                    help: t('Ngày ghi trên biên bản kiểm tra', 'The date the inspection record bears'),
                    prefill: { from: 'today' as const },
                  },
                ]
              : []),
            { key: 'partySigned', type: 'boolean', label: t('Đại diện cơ sở ký (nếu từ chối: có người chứng kiến)', 'Signed by the party (else witnesses)'), required: true },
            { key: 'witnesses', type: 'text', label: t('Người chứng kiến', 'Witnesses') },
          ],
        },
        constraints: [
          rule(
            'RECORD_NOT_SIGNED',
            anyOf(equals('partySigned', true), present('witnesses')),
            t('Biên bản kiểm tra phải có chữ ký đại diện cơ sở; nếu từ chối ký, phải có người chứng kiến', 'The inspection record needs the party’s signature or, if refused, witnesses'),
            `${TT27}; Thông tư 22/2021/TT-BCT`,
            'partySigned',
          ),
          ...(version >= 5
            ? [
                rule(
                  'RECORD_BEFORE_ANNOUNCEMENT',
                  cmp(field('recordedOn'), 'GTE', field('announcedAt', 'A7')),
                  t('Biên bản kiểm tra lập trước ngày công bố quyết định kiểm tra', 'The inspection record is dated before the decision was announced'),
                  `${TT27}; Thông tư 22/2021/TT-BCT`,
                  'recordedOn',
                ),
              ]
            : []),
        ],
        outcomes: [
          { id: 'NO_VIOLATION', title: t('Không phát hiện vi phạm', 'No violation'), next: ['A11'] },
          { id: 'VIOLATION', title: t('Có vi phạm: lập biên bản vi phạm, xử phạt', 'Violation: penalty case'), next: ['A10P'], legalBasis: 'Luật XLVPHC, Điều 58(1)' },
          { id: 'VIOLATION_WITH_SEIZURE', title: t('Có vi phạm, cần tạm giữ tang vật', 'Violation with seizure'), next: ['A10P', 'A10S'], legalBasis: 'Luật XLVPHC, Điều 58(1), 125' },
          { id: 'CRIMINAL_SIGNS', title: t('Có dấu hiệu tội phạm', 'Signs of a crime'), next: ['A10C'], legalBasis: 'Luật XLVPHC, Điều 62' },
        ],
      },
      {
        id: 'A10P',
        title: t('Xử phạt vi phạm hành chính', 'Penalty case'),
        roles: ['SYSTEM'],
        subProcedure: { procedureId: 'ins-penalty' },
        outcomes: [
          { id: 'CLOSED', title: t('Vụ việc xử phạt đã kết thúc', 'Penalty case closed'), next: ['A11'] },
          { id: 'PROSECUTED', title: t('Chuyển xử lý hình sự', 'Prosecuted'), next: ['A11'] },
          { id: 'RETURNED_NOT_SANCTIONED', title: t('Không xử phạt', 'Not sanctioned'), next: ['A11'] },
        ],
      },
      {
        id: 'A10S',
        title: t('Tạm giữ tang vật, phương tiện', 'Seizure track'),
        roles: ['SYSTEM'],
        subProcedure: { procedureId: 'ins-seizure' },
        outcomes: [
          { id: 'RETURNED', title: t('Đã trả lại', 'Returned'), next: ['A11'] },
          { id: 'CONFISCATED', title: t('Đã tịch thu / tiêu hủy', 'Confiscated'), next: ['A11'] },
        ],
      },
      {
        id: 'A10C',
        title: t('Chuyển hồ sơ có dấu hiệu tội phạm', 'Criminal referral'),
        roles: ['SYSTEM'],
        subProcedure: { procedureId: 'ins-criminal-referral' },
        outcomes: [
          { id: 'PROSECUTED', title: t('Đã khởi tố', 'Prosecuted'), next: ['A11'] },
          { id: 'RETURNED_AND_DECIDED', title: t('Chuyển lại và đã xử phạt', 'Returned and sanctioned'), next: ['A11'] },
          { id: 'RETURNED_NOT_SANCTIONED', title: t('Chuyển lại, không xử phạt', 'Returned, not sanctioned'), next: ['A11'] },
        ],
      },
      {
        id: 'A11',
        title: t('Báo cáo kết quả, kết thúc kiểm tra, lưu hồ sơ', 'Report, close and archive'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: TT27,
        joinOf: ['A10P', 'A10S'],
        form: {
          fields: [
            { key: 'reportNo', type: 'text', label: t('Số báo cáo kết quả kiểm tra', 'Report number'), required: true },
            { key: 'summary', type: 'text', label: t('Tóm tắt kết quả', 'Summary'), required: true, multiline: true },
          ],
        },
        outcomes: [{ id: 'CLOSED', title: t('Kết thúc', 'Closed'), next: [] }],
      },
    ],
  };
}
