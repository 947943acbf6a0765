/**
 * The tracks that run beside or after a case: seizure (D1–D9), enforcement (E1–E4), criminal
 * referral and reverse transfer (F1–F6), hotline tips (C1–C6) and the paper-parallel digital file.
 * ../shared/domain/vn-law.md §1.3–1.6.
 */
import type { TProcedureInput } from '../procedure.js';
import type { TField } from '../procedure.js';
import { decisionFields, evidenceField, LAW, offenderField, ORDINANCE, STANDARD_LADDER, t, TT27 } from './common.js';
import {
  actsField,
  amountFields,
  COMPLIANCE_DAYS_FIELD,
  COMPLIANCE_LONGER,
  DETECTION_IN_ORDER,
  actStart,
  EVASION_AFTER_DECISION,
  EVASION_START_FIELD,
  evasionNotBeforeStart,
  evasionWithinPeriod,
  fineCompetence,
  limitationStartOf,
  ONGOING_FIELDS,
  returnedDecisionExecution,
  SANCTION_EVASION_FIELD,
  sanctionField,
  sanctionRules,
  shortestPeriodMonths,
} from './penalty.js';
import { addMonths, afterDeadline, agg, allOf, anyOf, cmp, constant, dueOf, equals, fact, field, has, not, present, rule, times } from './rule-builders.js';

const ND138 = 'Nghị định 138/2021/NĐ-CP';

/** A date field written on a paper: required, never in the future. */
const paperDate = (key: string, vi: string, en: string): TField => ({ key, type: 'date', label: t(vi, en), required: true, notInFuture: true });

/**
 * Seizure, version 2; version 3 issues its papers (./documents.ts). Version 4 (docs/adr/0206): a
 * confiscation chosen at D4 names its decision and date (on or after the seizure); the 1st public
 * notice counts from the end of the seizure period (D4's due date), the 2nd from the 1st's date, and
 * the notices state their dates; unclaimed goods are confiscated by a decision dated after the year
 * that follows the 2nd notice, within 5 working days of its end (Art. 126). Version 5 (docs/adr/0210)
 * records an owner who comes forward within that year, and returns the goods (D5).
 */
export function seizureProcedure(version = 2): TProcedureInput {
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
              key: 'recordDate',
              type: 'date',
              label: t('Ngày lập biên bản vi phạm hành chính của vụ việc', 'Date of the violation record of the case'),
              required: true,
              notInFuture: true,
              help: t('Thời hạn tạm giữ không vượt quá thời hạn ra quyết định xử phạt tính từ ngày này', 'The seizure never outlasts the decision deadline counted from this date'),
            },
            {
              key: 'decisionPeriod',
              type: 'enum',
              label: t('Thời hạn ra quyết định xử phạt của vụ việc', 'Decision period of the case'),
              required: true,
              options: [
                { value: 'STANDARD', label: t('07 ngày làm việc (Điều 66(1))', '7 working days (Art. 66(1))') },
                { value: 'TRANSFER', label: t('10 ngày làm việc: phải chuyển hồ sơ', '10 working days: the file is transferred') },
                { value: 'EXPLAIN_OR_VERIFY', label: t('01 tháng: có quyền giải trình hoặc phải xác minh (Điều 66(1)(b))', '1 month: explanation or verification (Art. 66(1)(b))') },
              ],
            },
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
            { key: 'violatorSigned', type: 'boolean', label: t('Người vi phạm đã ký biên bản tạm giữ', 'The violator signed the seizure record') },
            { key: 'witnesses', type: 'text', label: t('Nếu không ký hoặc vắng mặt: hai người chứng kiến', 'If not signed or absent: two witnesses'), maxLength: 500 },
            evidenceField,
          ],
        },
        constraints: [
          rule(
            'SEIZURE_BEFORE_DECISION',
            cmp(field('seizedOn'), 'GTE', field('decisionDate')),
            t('Ngày thực tế tạm giữ trước ngày quyết định tạm giữ', 'The goods are seized before the seizure decision'),
            `${LAW}, Điều 125(2)–(3)`,
            'seizedOn',
          ),
          rule(
            'RECORD_NOT_SIGNED',
            anyOf(equals('violatorSigned', true), present('witnesses')),
            t('Biên bản tạm giữ phải có chữ ký người vi phạm, hoặc của hai người chứng kiến', 'The seizure record needs the violator’s signature, or two witnesses’'),
            `${LAW}, Điều 125(9)`,
            'violatorSigned',
          ),
        ],
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
            // From version 4: the decision's date (a confiscation's decision, or the penalty decision that orders it).
            ...(version >= 4
              ? [
                  {
                    key: 'decisionDate',
                    type: 'date' as const,
                    label: t(
                      'Ngày quyết định (tịch thu: quyết định tịch thu hoặc quyết định xử phạt có tịch thu)',
                      'Decision date (confiscation: the confiscation decision, or the penalty decision ordering it)',
                    ),
                    notInFuture: true,
                  },
                ]
              : []),
            { key: 'note', type: 'text', label: t('Ghi chú', 'Note'), multiline: true },
          ],
        },
        ...(version >= 4
          ? {
              constraints: [
                rule(
                  'DECISION_BEFORE_SEIZURE',
                  cmp(field('decisionDate'), 'GTE', field('seizedOn', 'D2')),
                  t('Ngày quyết định xử lý tang vật trước ngày thực tế tạm giữ', 'The decision on the items is dated before they were seized'),
                  `${LAW}, Điều 125, 126`,
                  'decisionDate',
                ),
              ],
            }
          : {}),
        // Art. 125(8) as amended 2020: 7 working days from the actual seizure; 10 when the file is
        // transferred; 1 month in Art. 66(1)(b) cases (2 with the extension of Art. 66(1)(c)); never
        // beyond the decision deadline counted from the record.
        deadline: {
          amount: 7,
          amountParam: 'seizureWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'FIELD_DATE', stepId: 'D2', field: 'seizedOn' },
          legalBasis: `${LAW}, Điều 125(8): tối đa 07 ngày làm việc kể từ ngày thực tế tạm giữ`,
          variants: [
            {
              when: equals('decisionPeriod', 'TRANSFER', 'D2'),
              amount: 10,
              amountParam: 'seizureTransferWorkingDays',
              unit: 'working_days',
              legalBasis: `${LAW}, Điều 125(8): tối đa 10 ngày làm việc khi phải chuyển hồ sơ (cần xác nhận)`,
            },
            {
              when: equals('decisionPeriod', 'EXPLAIN_OR_VERIFY', 'D2'),
              amount: 1,
              amountParam: 'decisionExplainMonths',
              unit: 'months',
              legalBasis: `${LAW}, Điều 125(8), 66(1)(b): tối đa 01 tháng (cần xác nhận)`,
            },
          ],
          cap: { anchor: { kind: 'FIELD_DATE', stepId: 'D2', field: 'recordDate' }, legalBasis: `${LAW}, Điều 125(8): không vượt quá thời hạn ra quyết định xử phạt` },
          escalation: STANDARD_LADDER,
        },
        extension: {
          grantRoles: ['DIRECTOR'],
          maxCount: 1,
          maxAmount: 1,
          unit: 'months',
          when: equals('decisionPeriod', 'EXPLAIN_OR_VERIFY', 'D2'),
          legalBasis: `${LAW}, Điều 125(8), 66(1)(c): kéo dài tối đa 01 tháng (tổng 02 tháng) khi thời hạn ra quyết định được gia hạn (cần xác nhận)`,
        },
        outcomes: [
          { id: 'RETURNED', title: t('Trả lại tang vật', 'Return the items'), next: ['D5'] },
          {
            id: 'CONFISCATED',
            title: t('Tịch thu / buộc tiêu hủy', 'Confiscate / destroy'),
            next: ['D6'],
            // Confiscation is a sanction or a measure decided in writing (Art. 26, 65(2)): from version 4 the decision is named.
            ...(version >= 4
              ? {
                  requires: [
                    rule(
                      'CONFISCATION_DECISION_MISSING',
                      allOf(present('decisionNo'), present('decisionDate')),
                      t(
                        'Tịch thu phải có quyết định: ghi số, ngày quyết định tịch thu hoặc quyết định xử phạt có tịch thu',
                        'Confiscation needs its decision: give the number and date of the confiscation decision or of the penalty decision ordering it',
                      ),
                      `${LAW}, Điều 26, 65(2), 126`,
                      'decisionNo',
                    ),
                  ],
                }
              : {}),
          },
          { id: 'OWNER_UNKNOWN', title: t('Không xác định được chủ sở hữu / không đến nhận', 'Owner unknown or absent'), next: ['D7A'] },
          {
            id: 'SOLD_OR_DESTROYED_EARLY',
            title: t('Hàng dễ hư hỏng: bán hoặc tiêu hủy sớm', 'Perishable: sold or destroyed early'),
            next: ['D6'],
            legalBasis: `${LAW}, Điều 126`,
            requires: [
              rule('NOT_PERISHABLE', equals('perishable', true, 'D2'), t('Chỉ hàng dễ hư hỏng, khó bảo quản mới được xử lý sớm', 'Only perishable goods may be handled early'), `${LAW}, Điều 126`),
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
        form: {
          fields: [
            { key: 'noticeRef', type: 'text', label: t('Nơi, số thông báo', 'Where and which notice'), required: true },
            ...(version >= 4 ? [paperDate('noticeDate', 'Ngày thông báo lần 1', 'Date of the 1st notice')] : []),
          ],
        },
        deadline: {
          amount: 3,
          amountParam: 'seizureNotice1WorkingDays',
          unit: 'working_days',
          // From version 4 the end of the seizure period (D4's due date), as the decree says; before, when D4 was entered.
          anchor: version >= 4 ? { kind: 'STEP_DUE', stepId: 'D4' } : { kind: 'STEP_COMPLETED', stepId: 'D4' },
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
        form: {
          fields: [
            { key: 'noticeRef', type: 'text', label: t('Nơi, số thông báo', 'Where and which notice'), required: true },
            ...(version >= 4
              ? [
                  {
                    ...paperDate('noticeDate', 'Ngày thông báo lần 2', 'Date of the 2nd notice'),
                    help: t('Thời hạn 01 năm để chủ sở hữu đến nhận tính từ ngày này (Điều 126)', 'The owner’s year to claim counts from this date (Art. 126)'),
                  },
                ]
              : []),
          ],
        },
        deadline: {
          amount: 7,
          amountParam: 'seizureNotice2WorkingDays',
          unit: 'working_days',
          // From version 4 the 1st notice's date; before, when D7A was entered.
          anchor: version >= 4 ? { kind: 'FIELD_DATE', stepId: 'D7A', field: 'noticeDate' } : { kind: 'STEP_COMPLETED', stepId: 'D7A' },
          legalBasis: 'Nghị định 138/2021/NĐ-CP: 07 ngày làm việc sau thông báo lần 1 (cần xác nhận)',
          escalation: STANDARD_LADDER,
        },
        ...(version >= 4
          ? {
              constraints: [
                rule(
                  'NOTICE_BEFORE_FIRST',
                  cmp(field('noticeDate'), 'GT', field('noticeDate', 'D7A')),
                  t('Thông báo lần 2 phải sau ngày thông báo lần 1', 'The 2nd notice must follow the 1st'),
                  `${ND138} (thông báo lần 2 sau thông báo lần 1)`,
                  'noticeDate',
                ),
              ],
            }
          : {}),
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
          // Version 5: the decision's fields are the confiscation's, asked for by its outcome; the owner who comes forward within
          // the year is recorded instead (Art. 126).
          fields:
            version >= 5
              ? [
                  { key: 'decisionNo', type: 'text', label: t('Số quyết định tịch thu', 'Decision number'), maxLength: 60 },
                  { key: 'decisionDate', type: 'date', label: t('Ngày quyết định tịch thu', 'Decision date'), notInFuture: true },
                  { key: 'confiscatedValue', type: 'money', label: t('Trị giá', 'Value') },
                  {
                    key: 'claimedOn',
                    type: 'date',
                    label: t('Ngày chủ sở hữu đến nhận', 'Day the owner came forward'),
                    notInFuture: true,
                    help: t('Trong 01 năm kể từ ngày thông báo lần 2 (Điều 126)', 'Within the year from the 2nd notice (Art. 126)'),
                  },
                  { key: 'claimant', type: 'text', label: t('Người đến nhận, giấy tờ chứng minh quyền sở hữu', 'Who came forward, and the proof of ownership'), maxLength: 500 },
                ]
              : [
                  { key: 'decisionNo', type: 'text', label: t('Số quyết định tịch thu', 'Decision number'), required: true },
                  ...(version >= 4 ? [paperDate('decisionDate', 'Ngày quyết định tịch thu', 'Decision date')] : []),
                  { key: 'confiscatedValue', type: 'money', label: t('Trị giá', 'Value'), required: true },
                ],
        },
        ...(version >= 4
          ? {
              // Art. 126: the year the owner has to claim, from the 2nd notice's date (it ends as Civil Code Art. 148 says);
              // then the decision within 5 working days of its end.
              windows: [
                {
                  id: 'claimYear',
                  amount: 12,
                  unit: 'months' as const,
                  anchor: { kind: 'FIELD_DATE' as const, stepId: 'D7B', field: 'noticeDate' },
                  legalBasis: `${LAW}, Điều 126: 01 năm kể từ ngày thông báo lần 2`,
                },
              ],
              deadline: {
                amount: 5,
                unit: 'working_days' as const,
                anchor: { kind: 'FIELD_DATE' as const, stepId: 'D7B', field: 'noticeDate' },
                after: { amount: 12, unit: 'months' as const, legalBasis: `${LAW}, Điều 126: 01 năm kể từ ngày thông báo lần 2` },
                legalBasis: `${LAW}, Điều 126: quyết định tịch thu trong 05 ngày làm việc sau khi hết 01 năm không có người đến nhận (cần xác nhận)`,
                escalation: STANDARD_LADDER.filter((r) => r.at.kind !== 'SHARE'),
              },
              constraints: [
                rule(
                  'CLAIM_YEAR_RUNNING',
                  cmp(field('decisionDate'), 'GT', dueOf(undefined, 'claimYear')),
                  t(
                    'Chưa hết 01 năm kể từ ngày thông báo lần 2: chưa được tịch thu tang vật không có người nhận',
                    'The year from the 2nd notice has not ended: unclaimed items cannot be confiscated yet',
                  ),
                  `${LAW}, Điều 126`,
                  'decisionDate',
                ),
              ],
            }
          : {
              // 1 year after the second notice, then 5 working days: the year is the wait; the decision must follow within it.
              deadline: {
                amount: 12,
                unit: 'months' as const,
                anchor: { kind: 'STEP_COMPLETED' as const, stepId: 'D7B' },
                legalBasis: `${LAW}, Điều 126: sau 01 năm kể từ thông báo lần 2 (quyết định trong 05 ngày làm việc, cần xác nhận)`,
              },
            }),
        outcomes:
          version >= 5
            ? [
                {
                  id: 'CONFISCATED',
                  title: t('Đã tịch thu', 'Confiscated'),
                  next: [],
                  requires: [
                    rule(
                      'CONFISCATION_DECISION_MISSING',
                      allOf(present('decisionNo'), present('decisionDate')),
                      t('Ghi số và ngày quyết định tịch thu', 'Give the confiscation decision’s number and date'),
                      `${LAW}, Điều 126`,
                      'decisionNo',
                    ),
                    rule('CONFISCATED_VALUE_MISSING', present('confiscatedValue'), t('Ghi trị giá tang vật bị tịch thu', 'Give the value confiscated'), `${LAW}, Điều 126`, 'confiscatedValue'),
                  ],
                },
                {
                  id: 'CLAIMED',
                  title: t('Chủ sở hữu đến nhận trong thời hạn 01 năm: trả lại', 'The owner came forward within the year: return'),
                  next: ['D5'],
                  legalBasis: `${LAW}, Điều 126`,
                  requires: [
                    rule('CLAIM_DATE_MISSING', present('claimedOn'), t('Ghi ngày chủ sở hữu đến nhận', 'Give the day the owner came forward'), `${LAW}, Điều 126`, 'claimedOn'),
                    rule(
                      'CLAIM_BEFORE_NOTICE',
                      cmp(field('claimedOn'), 'GTE', field('noticeDate', 'D7B')),
                      t('Ngày đến nhận trước ngày thông báo lần 2: ghi "Chủ sở hữu đến nhận" ở bước thông báo', 'The claim is dated before the 2nd notice: record it at the notice'),
                      `${LAW}, Điều 126`,
                      'claimedOn',
                    ),
                    rule(
                      'CLAIM_AFTER_YEAR',
                      cmp(field('claimedOn'), 'LTE', dueOf(undefined, 'claimYear')),
                      t('Đã hết 01 năm kể từ ngày thông báo lần 2: tang vật không có người nhận bị tịch thu', 'The year from the 2nd notice has ended: unclaimed items are confiscated'),
                      `${LAW}, Điều 126`,
                      'claimedOn',
                    ),
                  ],
                },
              ]
            : [{ id: 'CONFISCATED', title: t('Đã tịch thu', 'Confiscated'), next: [] }],
      },
    ],
  };
}

/**
 * Enforcement, version 2; version 3 issues the coercion decision (./documents.ts). Version 4
 * (docs/adr/0206): coercion only after the voluntary period — the parent hands the last day of the
 * 10 days, or of the postponement or instalments, as `complianceDueDate` — and after a postponement's
 * end (`executionFrom` later than the decision), dated by the coercion decision (Art. 73, 76, 79, 86).
 */
export function enforcementProcedure(version = 2): TProcedureInput {
  return {
    id: 'ins-enforcement',
    version,
    kind: 'ENFORCEMENT',
    title: t('Cưỡng chế thi hành quyết định xử phạt', 'Enforcement of the penalty decision'),
    legalBasis: `${LAW}, Điều 86, 87; Nghị định 296/2025/NĐ-CP`,
    facts: [
      { key: 'decisionDate', type: 'date', title: t('Ngày quyết định xử phạt', 'Date of the penalty decision') },
      {
        key: 'executionFrom',
        type: 'date',
        title: t('Thời hiệu thi hành tính từ (ngày quyết định hoặc hết thời hạn hoãn)', 'The execution limitation counts from (the decision, or the end of a postponement)'),
      },
      { key: 'fineAmount', type: 'number', title: t('Số tiền phạt', 'Fine') },
      ...(version >= 4
        ? [
            {
              key: 'complianceDueDate',
              type: 'date' as const,
              title: t(
                'Ngày cuối của thời hạn tự nguyện chấp hành (10 ngày, hoặc thời hạn hoãn, nộp tiền phạt nhiều lần)',
                'The last day of the voluntary period (10 days, or the postponement or instalments)',
              ),
            },
          ]
        : []),
    ],
    start: ['E2'],
    steps: [
      {
        id: 'E2',
        title: t('Quyết định cưỡng chế', 'Coercion decision'),
        roles: ['DIRECTOR'],
        legalBasis: `${LAW}, Điều 86, 87; Nghị định 296/2025/NĐ-CP (thẩm quyền, thời hạn cần xác nhận)`,
        form: {
          fields: [
            ...decisionFields.map((f) => ({ ...f, required: false })),
            {
              key: 'measure',
              type: 'enum',
              label: t('Biện pháp cưỡng chế', 'Measure'),
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
        // Execution limitation: 1 year from the penalty decision, or from the end of a postponement (Art. 74).
        deadline: {
          amount: 12,
          amountParam: 'executionLimitationYears',
          unit: 'months',
          anchor: { kind: 'FACT_DATE', fact: 'executionFrom' },
          legalBasis: `${LAW}, Điều 74: thời hiệu thi hành 01 năm kể từ ngày ra quyết định (hoặc hết thời hạn hoãn)`,
          hard: true,
          judgedOn: 'decisionDate',
          escalation: STANDARD_LADDER,
        },
        constraints: [
          rule(
            'COERCION_BEFORE_DECISION',
            cmp(field('decisionDate'), 'GTE', fact('decisionDate')),
            t('Quyết định cưỡng chế trước quyết định xử phạt', 'The coercion decision is dated before the penalty decision'),
            `${LAW}, Điều 86`,
            'decisionDate',
          ),
          // Art. 86(1): coercion only once the voluntary period (Art. 73), or the postponement (Art. 76) or the instalments (Art. 79), has passed.
          ...(version >= 4
            ? [
                {
                  ...rule(
                    'COERCION_IN_COMPLIANCE_PERIOD',
                    cmp(field('decisionDate'), 'GT', fact('complianceDueDate')),
                    t(
                      'Quyết định cưỡng chế phải sau ngày cuối của thời hạn tự nguyện chấp hành (10 ngày, hoặc thời hạn hoãn, nộp tiền phạt nhiều lần)',
                      'The coercion decision must be dated after the last day of the voluntary period (10 days, or the postponement or instalments)',
                    ),
                    `${LAW}, Điều 73(1), 79, 86(1)`,
                    'decisionDate',
                  ),
                  outcomes: ['ISSUED'],
                },
                {
                  ...rule(
                    'COERCION_DURING_POSTPONEMENT',
                    anyOf(cmp(fact('executionFrom'), 'LTE', fact('decisionDate')), cmp(field('decisionDate'), 'GT', fact('executionFrom'))),
                    t('Quyết định xử phạt đang được hoãn thi hành: chỉ được cưỡng chế sau khi hết thời hạn hoãn', 'The decision’s execution is postponed: coercion only after the postponement ends'),
                    `${LAW}, Điều 76, 86(1)`,
                    'decisionDate',
                  ),
                  outcomes: ['ISSUED'],
                },
              ]
            : []),
        ],
        outcomes: [
          {
            id: 'ISSUED',
            title: t('Đã ban hành', 'Issued'),
            next: ['E3'],
            requires: [
              rule(
                'DECISION_MISSING',
                allOf(present('decisionNo'), present('decisionDate'), present('signedBy'), present('measure')),
                t('Thiếu số, ngày, người ký hoặc biện pháp cưỡng chế', 'Decision number, date, signatory or measure missing'),
                `${LAW}, Điều 86, 87`,
                'decisionNo',
              ),
            ],
          },
          {
            id: 'LIMITATION_EXPIRED',
            title: t('Hết thời hiệu thi hành (chỉ còn tịch thu, khắc phục)', 'Limitation expired'),
            next: [],
            afterDeadline: true,
            requires: [rule('LIMITATION_RUNNING', afterDeadline(), t('Thời hiệu thi hành chưa hết', 'The execution limitation has not run out'), `${LAW}, Điều 74`)],
          },
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

/**
 * Criminal referral and reverse transfer, version 2; version 3 issues the transfer decision
 * (./documents.ts). Version 4 (docs/adr/0206): the transfer states its date and the file cannot come
 * back before it; the returned file's decision (F5) names the offender and the acts from the
 * catalogue and is held to the brackets and to the competence of whoever decides, as the penalty's
 * B6 is (Art. 52, 54, 63), and is issued by INS as a penalty decision. Version 5 (docs/adr/0216):
 * F5 is held to the limitation period (Art. 6), counted as the penalty's record counts it (an act
 * still going on, from its detection; again from the end of an evasion) and including the time the
 * criminal body held the file: an act past its period is not sanctioned, only confiscation and
 * remedial measures remain (Art. 65(1)(b)). Version 6: "measures only" within the 30 days needs the
 * act's date, from which alone the period's end is known (version 5 let an empty date pass).
 * Version 7 (docs/adr/0220): the decision is followed to its end, as the penalty's is — delivered,
 * complied with in the 10 days from its receipt or the longer time it gives (Art. 73(1)), paid with
 * the surcharge or coerced, archived (F6–F9); versions up to 6 closed the case at the decision, and
 * a fine decided on a returned file was never collected. The evasion's help speaks of the decision,
 * not of a record the returned file does not have. Version 8 (docs/adr/0223): the party may ask to
 * postpone that fine (Art. 76, F10) or to pay it in instalments (Art. 79, F11), and pays under the
 * decision granting it (F12); version 7 could not record either request. Version 9 (docs/adr/0225):
 * F7 records the day the request was received; the postponement is decided within 5 days of it by
 * the title that made F5 (Art. 76(2)), and neither decision is dated before it. Version 10
 * (docs/adr/0228): the hardship they are granted for is certified, and says by whom (Art. 76(1), 79(1)(b)).
 * Version 13 (docs/adr/0233): F5's evasion states when it began, and restarts the period only if
 * it began within the period of every act it names (Art. 6(1)(c)).
 */
/** F5's evasion from version 7: what the returned file's decision states (its papers print it), not a record's. */
const RETURNED_EVASION_FIELD: TField = {
  ...SANCTION_EVASION_FIELD,
  help: t(
    'Thời hiệu xử phạt được tính lại từ ngày này (Điều 6 khoản 1 điểm c Luật XLVPHC); quyết định ghi ngày này, theo hồ sơ do cơ quan tố tụng chuyển trả',
    'The limitation period starts again from this day (Art. 6(1)(c)); the decision states it, from the file the criminal body returned',
  ),
};

export function criminalReferralProcedure(version = 2): TProcedureInput {
  // Version 5: the acts F5 may sanction on its date, and the longest of their periods (Art. 6, 65(1)(b)).
  const inLimitation = version >= 5 ? { since: limitationStartOf(), on: field('decisionDate') } : undefined;
  const limitationMonths = times(agg('MAX', 'acts', 'violation.limitationYears'), constant(12));
  return {
    id: 'ins-criminal-referral',
    version,
    kind: 'CRIMINAL_REFERRAL',
    title: t('Chuyển hồ sơ vụ vi phạm có dấu hiệu tội phạm', 'Criminal referral and reverse transfer'),
    legalBasis: `${LAW}, Điều 62, 63`,
    events: [
      { id: 'FILE_RETURNED', title: t('Cơ quan tố tụng chuyển trả hồ sơ', 'The file comes back from the criminal body') },
      // Version 7: the fine decided on the returned file is paid as the penalty's is (F7).
      ...(version >= 7 ? [{ id: 'PAYMENT_RECEIVED', title: t('Kho bạc báo đã nộp phạt', 'Treasury reports the fine paid') }] : []),
    ],
    facts: [{ key: 'returnsToCase', type: 'boolean', title: t('Hồ sơ chuyển trả về vụ việc xử phạt đã mở', 'A returned file goes back to the penalty case') }],
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
            ...(version >= 4 ? [paperDate('transferDate', 'Ngày chuyển hồ sơ', 'Transferred on')] : []),
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
        constraints: [
          rule(
            'VIOLATOR_NOT_NOTIFIED',
            equals('violatorNotified', true),
            t('Phải thông báo cho người vi phạm việc chuyển hồ sơ', 'The violator must be told of the transfer'),
            `${LAW}, Điều 62(1)`,
            'violatorNotified',
          ),
        ],
        outcomes: [{ id: 'TRANSFERRED', title: t('Đã chuyển', 'Transferred'), next: ['F4'] }],
      },
      {
        id: 'F4',
        title: t('Kết quả xử lý của cơ quan tố tụng', 'Outcome at the criminal body'),
        roles: ['LEGAL_OFFICER', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 63(1)`,
        form: {
          fields: [
            { key: 'documentNo', type: 'text', label: t('Số văn bản của cơ quan tố tụng', 'Document number'), required: true },
            { key: 'fileReceivedOn', type: 'date', label: t('Ngày nhận văn bản / hồ sơ của cơ quan tố tụng', 'Received from the criminal body on'), required: true, notInFuture: true },
          ],
        },
        ...(version >= 4
          ? {
              constraints: [
                rule(
                  'RETURN_BEFORE_TRANSFER',
                  cmp(field('fileReceivedOn'), 'GTE', field('transferDate', 'F1')),
                  t('Ngày nhận lại hồ sơ trước ngày chuyển hồ sơ cho cơ quan tố tụng', 'The file is received back before it was transferred'),
                  `${LAW}, Điều 62(1), 63(1)`,
                  'fileReceivedOn',
                ),
              ],
            }
          : {}),
        outcomes: [
          { id: 'PROSECUTED', title: t('Khởi tố vụ án hình sự', 'Prosecuted'), next: [] },
          {
            id: 'RETURNED_TO_CASE',
            title: t('Không khởi tố / đình chỉ: hồ sơ trả về vụ việc xử phạt', 'Not prosecuted: the file goes back to the penalty case'),
            next: [],
            requires: [
              rule(
                'NO_CASE_TO_RETURN_TO',
                allOf(has(fact('returnsToCase')), cmp(fact('returnsToCase'), 'EQ', constant(true))),
                t('Vụ việc chuyển từ cuộc kiểm tra: chọn "chuyển trả hồ sơ" để xử phạt tại đây', 'Referred from an inspection: choose "file returned" to sanction it here'),
                `${LAW}, Điều 63`,
              ),
            ],
          },
          {
            id: 'RETURNED',
            title: t('Không khởi tố / đình chỉ: chuyển trả hồ sơ', 'Not prosecuted: file returned'),
            next: ['F5'],
            requires: [
              rule(
                'RETURNS_TO_CASE',
                cmp(fact('returnsToCase'), 'NE', constant(true)),
                t('Vụ việc xử phạt đang chờ hồ sơ: chọn "hồ sơ trả về vụ việc xử phạt"', 'A penalty case awaits the file: choose "the file goes back to the penalty case"'),
                `${LAW}, Điều 63`,
              ),
            ],
          },
        ],
      },
      {
        id: 'F5',
        title: t('Xử phạt vụ việc được chuyển trả', 'Sanction the returned case'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 63(2)–(3); Điều 56(1)(b) (không cần lập biên bản mới từ 01/07/2025)`,
        form: {
          fields: [
            ...decisionFields.map((f) => ({ ...f, required: f.key === 'decisionDate' })),
            // From version 4 the decision names the offender and the acts as the penalty's (Art. 68), optional for the outcomes that sanction nothing.
            ...(version >= 4
              ? [
                  { key: 'violatorName', type: 'text' as const, label: t('Tên cá nhân/tổ chức vi phạm', 'Violator'), maxLength: 300 },
                  { key: 'violatorAddress', type: 'text' as const, label: t('Địa chỉ của cá nhân/tổ chức vi phạm', 'The violator’s address'), maxLength: 500 },
                  { ...offenderField, required: false },
                  {
                    key: 'violationDate',
                    type: 'date' as const,
                    label:
                      version >= 5
                        ? t('Thời gian xảy ra vi phạm (hành vi đã kết thúc: thời điểm chấm dứt hành vi)', 'Date of the violation (an act that has ended: when it ended)')
                        : t('Thời gian xảy ra vi phạm', 'Date of the violation'),
                    notInFuture: true,
                  },
                  // Version 5: what the limitation counts from, as the record states it (Art. 6(1)(b)–(c)); nothing here to prefill from.
                  ...(version >= 5
                    ? [...ONGOING_FIELDS.map(({ prefill: _prefill, ...f }) => f), ...(version >= 13 ? [EVASION_START_FIELD] : []), version >= 7 ? RETURNED_EVASION_FIELD : SANCTION_EVASION_FIELD]
                    : []),
                  { ...actsField, required: false },
                  { ...sanctionField(true), required: false },
                  ...amountFields,
                ]
              : [{ key: 'fineAmount', type: 'money' as const, label: t('Số tiền phạt', 'Fine') }]),
            { key: 'measures', type: 'text', label: t('Tịch thu, biện pháp khắc phục hậu quả', 'Confiscation, remedial measures'), multiline: true },
            ...(version >= 7 ? [COMPLIANCE_DAYS_FIELD] : []),
          ],
        },
        deadline: {
          amount: 30,
          amountParam: 'criminalReverseDecisionDays',
          unit: 'days',
          anchor: { kind: 'FIELD_DATE', stepId: 'F4', field: 'fileReceivedOn' },
          legalBasis: `${LAW}, Điều 63(2): 30 ngày kể từ ngày nhận hồ sơ`,
          hard: true,
          judgedOn: 'decisionDate',
          escalation: STANDARD_LADDER,
        },
        extension: { grantRoles: ['DIRECTOR'], maxCount: 1, maxAmount: 15, unit: 'days', legalBasis: `${LAW}, Điều 63(3): tối đa 45 ngày khi cần xác minh thêm` },
        constraints: [
          rule(
            'DECISION_BEFORE_RETURN',
            cmp(field('decisionDate'), 'GTE', field('fileReceivedOn', 'F4')),
            t('Ngày quyết định trước ngày nhận lại hồ sơ', 'The decision is dated before the file came back'),
            `${LAW}, Điều 63(2)`,
            'decisionDate',
          ),
          ...(version >= 5
            ? [
                ...DETECTION_IN_ORDER,
                rule(
                  'DETECTED_AFTER_TRANSFER',
                  cmp(field('detectedOn'), 'LTE', field('transferDate', 'F1')),
                  t('Ngày phát hiện sau ngày chuyển hồ sơ cho cơ quan tố tụng', 'The act is found after the file was transferred to the criminal body'),
                  `${LAW}, Điều 6(1)(b), 62(1)`,
                  'detectedOn',
                ),
                evasionNotBeforeStart(),
                EVASION_AFTER_DECISION,
                // Version 13 (docs/adr/0233): only an evasion that began within the period of every act restarts it (Art. 6(1)(c)).
                ...(version >= 13 ? evasionWithinPeriod(actStart(), shortestPeriodMonths()) : []),
              ]
            : []),
          ...(version >= 7 ? [COMPLIANCE_LONGER] : []),
        ],
        // Version 5: the limitation period (Art. 6) bars the sanction, judged on the decision's date; the time the criminal body held the file counts in it.
        ...(version >= 5
          ? {
              guard: {
                from: { stepId: 'F5', field: 'violationDate' },
                fromExpr: limitationStartOf(),
                amount: 12,
                unit: 'months' as const,
                amountExpr: limitationMonths,
                judgedOn: 'decisionDate',
                outcomes: ['RETURNED_AND_DECIDED'],
                code: 'LIMITATION_EXPIRED',
                message: t(
                  'Đã hết thời hiệu xử phạt vào ngày quyết định (thời gian cơ quan tố tụng thụ lý, xem xét được tính vào thời hiệu): chỉ còn tịch thu, khắc phục hậu quả',
                  'The limitation period ended before the decision date (the time the criminal body held the file counts in it): only confiscation and remedial measures remain',
                ),
                legalBasis: `${LAW}, Điều 6(1), 65(1)(b)`,
              },
            }
          : {}),
        outcomes: [
          {
            id: 'RETURNED_AND_DECIDED',
            title: t('Đã ra quyết định xử phạt', 'Sanctioned'),
            next: version >= 7 ? ['F6'] : [],
            requires: [
              rule(
                'DECISION_MISSING',
                allOf(present('decisionNo'), present('signedBy')),
                t('Thiếu số quyết định hoặc người ký', 'Decision number or signatory missing'),
                `${LAW}, Điều 68`,
                'decisionNo',
              ),
              // From version 4: the offender, the acts and the sanction, held to the brackets (Art. 23, 24) as B6's are.
              ...(version >= 4
                ? [
                    rule(
                      'VIOLATION_MISSING',
                      allOf(present('violatorName'), present('offenderType'), present('violationDate'), present('acts'), present('sanction')),
                      t(
                        'Quyết định xử phạt phải ghi tên, loại đối tượng, thời gian, hành vi vi phạm và hình thức xử phạt',
                        'The penalty decision states the violator, the kind of offender, the date, the acts and the sanction',
                      ),
                      `${LAW}, Điều 68`,
                      'acts',
                    ),
                    ...sanctionRules(undefined, true, inLimitation),
                  ]
                : []),
            ],
            // Art. 52(2)–(3): whoever decides must have the competence for the acts' highest bracket.
            ...(version >= 4 ? { competence: fineCompetence(undefined, { field: 'offenderType' }, inLimitation) } : {}),
          },
          { id: 'RETURNED_NOT_SANCTIONED', title: t('Không xử phạt (không vi phạm)', 'Not sanctioned'), next: [] },
          {
            id: 'MEASURES_ONLY',
            title:
              version >= 5
                ? t('Quá thời hạn hoặc hết thời hiệu: chỉ tịch thu, buộc khắc phục hậu quả', 'Time limit or limitation passed: confiscation and remedial measures only')
                : t('Quá thời hạn: chỉ tịch thu, buộc khắc phục hậu quả', 'Past the time limit: confiscation and remedial measures only'),
            next: version >= 7 ? ['F6'] : [],
            afterDeadline: true,
            legalBasis: version >= 5 ? `${LAW}, Điều 6, 65(1)(b)–(c), (2)` : `${LAW}, Điều 65(1)(c), (2)`,
            requires: [
              version >= 5
                ? rule(
                    'DEADLINE_NOT_PASSED',
                    anyOf(
                      cmp(field('decisionDate'), 'GT', dueOf()),
                      // Version 6: the period's end is known only from the act's date; without it, measures only wait for the 30 days.
                      version >= 6
                        ? allOf(present('violationDate'), cmp(field('decisionDate'), 'GT', addMonths(limitationStartOf(), limitationMonths)))
                        : cmp(field('decisionDate'), 'GT', addMonths(limitationStartOf(), limitationMonths)),
                    ),
                    t('Còn thời hạn và thời hiệu xử phạt: phải ra quyết định xử phạt', 'The time limit and the limitation period still run: a penalty decision is due'),
                    `${LAW}, Điều 6, 63(2), 65(1)`,
                    'decisionDate',
                  )
                : rule(
                    'DEADLINE_NOT_PASSED',
                    cmp(field('decisionDate'), 'GT', dueOf()),
                    t('Còn thời hạn ra quyết định xử phạt', 'The time limit to decide still runs'),
                    `${LAW}, Điều 63(2), 65(1)(c)`,
                    'decisionDate',
                  ),
              rule(
                'NO_FINE_AFTER_DEADLINE',
                anyOf(not(present('fineAmount')), cmp(field('fineAmount'), 'EQ', constant(0))),
                t('Quá thời hạn: không được phạt tiền', 'Past the time limit no fine may be imposed'),
                `${LAW}, Điều 65(1)(c)`,
                'fineAmount',
              ),
              rule(
                'MEASURES_MISSING',
                present('measures'),
                t('Ghi biện pháp tịch thu hoặc khắc phục hậu quả được áp dụng', 'Give the confiscation or remedial measures decided'),
                `${LAW}, Điều 65(2)`,
                'measures',
              ),
            ],
          },
        ],
      },
      ...(version >= 7 ? returnedDecisionExecution(version) : []),
    ],
  };
}

/**
 * Hotline tip, version 1. Version 2 (docs/adr/0206): the tip is logged by the end of the day it is
 * received (a period of 0 days; one received on a day off, by the end of the next working day), and
 * a tip whose informant asked for a reply closes only once replied to.
 */
export function tipProcedure(version = 1): TProcedureInput {
  return {
    id: 'ins-tip',
    version,
    kind: 'TIP',
    title: t('Tiếp nhận, xử lý tin báo, phản ánh qua đường dây nóng', 'Hotline tip'),
    legalBasis: `${TT27} (thu thập, xác minh thông tin); ${ORDINANCE}, Điều 17`,
    start: ['C1'],
    steps: [
      {
        id: 'C1',
        title: t('Tiếp nhận tin báo', 'Receive the tip'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: TT27,
        form: {
          fields: [
            {
              key: 'channel',
              type: 'enum',
              label: t('Kênh tiếp nhận', 'Channel'),
              required: true,
              options: [
                { value: 'HOTLINE', label: t('Đường dây nóng', 'Hotline') },
                { value: 'EMAIL', label: t('Thư điện tử', 'Email') },
                { value: 'PORTAL', label: t('Cổng thông tin', 'Portal') },
                { value: 'IN_PERSON', label: t('Trực tiếp', 'In person') },
              ],
            },
            { key: 'content', type: 'text', label: t('Nội dung', 'Content'), required: true, multiline: true },
            { key: 'target', type: 'text', label: t('Đối tượng bị phản ánh', 'Target'), required: true },
            { key: 'place', type: 'text', label: t('Địa điểm', 'Place'), required: true },
            // The informant's identity is protected: kept only as a sealed reference, never shown in lists.
            { key: 'informantRef', type: 'text', label: t('Mã người cung cấp thông tin (được bảo vệ)', 'Informant reference (protected)'), sensitive: true },
            { key: 'wantsReply', type: 'boolean', label: t('Người báo tin muốn được trả lời', 'Informant asks for a reply') },
          ],
        },
        // SLA: the same day [unit rule, configurable]; version 1 counted it as 1 working day (a Friday's tip was due on Monday).
        deadline:
          version >= 2
            ? { amount: 0, unit: 'days', anchor: { kind: 'CASE_START' }, legalBasis: 'Quy chế của đơn vị: ghi nhận trong ngày tiếp nhận (có thể cấu hình)', escalation: STANDARD_LADDER }
            : { amount: 1, unit: 'working_days', anchor: { kind: 'CASE_START' }, legalBasis: 'Quy chế của đơn vị: ghi nhận trong ngày (có thể cấu hình)', escalation: STANDARD_LADDER },
        outcomes: [{ id: 'LOGGED', title: t('Đã vào sổ', 'Logged'), next: ['C2'] }],
      },
      {
        id: 'C2',
        title: t('Phân loại tin báo', 'Classify'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${ORDINANCE}, Điều 17`,
        form: { fields: [{ key: 'note', type: 'text', label: t('Nhận xét', 'Note'), multiline: true }] },
        deadline: { amount: 2, unit: 'working_days', anchor: { kind: 'STEP_COMPLETED', stepId: 'C1' }, legalBasis: 'Quy chế của đơn vị (có thể cấu hình)', escalation: STANDARD_LADDER },
        outcomes: [
          { id: 'IN_SCOPE', title: t('Thuộc phạm vi QLTT: giao xác minh', 'Within QLTT scope: verify'), next: ['C3'] },
          { id: 'OUT_OF_SCOPE', title: t('Không thuộc phạm vi: chuyển cơ quan có thẩm quyền', 'Out of scope: forward'), next: ['C5'] },
          { id: 'CRIME_REPORT', title: t('Tin báo tội phạm: chuyển cơ quan điều tra', 'Crime report: forward to the police'), next: ['C5'], legalBasis: 'Bộ luật Tố tụng hình sự 2015, Điều 145–147' },
        ],
      },
      {
        id: 'C3',
        title: t('Xác minh tin báo', 'Verify'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: TT27,
        form: { fields: [{ key: 'verificationReport', type: 'text', label: t('Báo cáo xác minh', 'Verification report'), required: true, multiline: true }, evidenceField] },
        deadline: {
          amount: 10,
          unit: 'working_days',
          anchor: { kind: 'STEP_COMPLETED', stepId: 'C2' },
          legalBasis: 'Quy chế của đơn vị (không có thời hạn luật định; có thể cấu hình)',
          escalation: STANDARD_LADDER,
        },
        outcomes: [{ id: 'VERIFIED', title: t('Đã xác minh', 'Verified'), next: ['C4'] }],
      },
      {
        id: 'C4',
        title: t('Quyết định: kiểm tra đột xuất hoặc kết thúc', 'Decide: ad hoc inspection or close'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: TT27,
        form: { fields: [{ key: 'reason', type: 'text', label: t('Lý do', 'Reason'), required: true, multiline: true }] },
        outcomes: [
          { id: 'AD_HOC_INSPECTION', title: t('Kiểm tra đột xuất', 'Ad hoc inspection'), next: ['C4I'] },
          { id: 'CLOSE', title: t('Kết thúc tin báo (nêu lý do)', 'Close with reasons'), next: ['C6'] },
        ],
      },
      {
        id: 'C4I',
        title: t('Kiểm tra đột xuất theo tin báo', 'Ad hoc inspection from the tip'),
        roles: ['SYSTEM'],
        subProcedure: { procedureId: 'ins-inspection' },
        outcomes: [{ id: 'CLOSED', title: t('Cuộc kiểm tra đã kết thúc', 'Inspection closed'), next: ['C6'] }],
      },
      {
        id: 'C5',
        title: t('Chuyển cơ quan có thẩm quyền', 'Forward to the competent agency'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${ORDINANCE}, Điều 17; Bộ luật Tố tụng hình sự 2015, Điều 145–147`,
        form: {
          fields: [
            { key: 'forwardLetterNo', type: 'text', label: t('Số công văn chuyển', 'Letter number'), required: true },
            { key: 'agency', type: 'text', label: t('Cơ quan nhận', 'Agency'), required: true },
          ],
        },
        outcomes: [{ id: 'FORWARDED', title: t('Đã chuyển', 'Forwarded'), next: ['C6'] }],
      },
      {
        id: 'C6',
        title: t('Trả lời người báo tin (nếu yêu cầu), thống kê', 'Reply if asked, record in statistics'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: TT27,
        form: { fields: [{ key: 'replied', type: 'boolean', label: t('Đã trả lời người báo tin', 'Replied') }] },
        ...(version >= 2
          ? {
              constraints: [
                rule(
                  'REPLY_MISSING',
                  anyOf(not(equals('wantsReply', true, 'C1')), equals('replied', true)),
                  t('Người báo tin đã yêu cầu được trả lời: phải trả lời trước khi kết thúc', 'The informant asked for a reply: reply before closing'),
                  `${TT27} (xử lý thông tin); quy chế tiếp nhận tin báo của đơn vị`,
                  'replied',
                ),
              ],
            }
          : {}),
        outcomes: [{ id: 'CLOSED', title: t('Kết thúc', 'Closed'), next: [] }],
      },
    ],
  };
}

/** The unit's own rule: a case first handled on paper has its digital file complete within 2 working days. */
export function paperFileProcedure(version = 1): TProcedureInput {
  return {
    id: 'ins-paper-file',
    version,
    kind: 'PAPER_FILE',
    title: t('Hoàn thiện hồ sơ điện tử của vụ việc xử lý trên giấy', 'Complete the digital file of a paper case'),
    legalBasis: 'Quy chế nội bộ của Chi cục (chế độ song song giấy – điện tử)',
    start: ['P1'],
    steps: [
      {
        id: 'P1',
        title: t('Số hóa và nhập đầy đủ hồ sơ giấy', 'Digitise and enter the paper file'),
        roles: ['INSPECTOR', 'TEAM_LEAD'],
        legalBasis: 'Quy chế nội bộ của Chi cục: 02 ngày làm việc',
        requiresEvidence: true,
        form: {
          fields: [
            { key: 'paperCaseRef', type: 'text', label: t('Số hồ sơ giấy', 'Paper file number'), required: true },
            { key: 'digitalCaseId', type: 'text', label: t('Mã vụ việc điện tử', 'Digital case id'), required: true },
            { key: 'scans', type: 'file', label: t('Bản quét', 'Scans'), minFiles: 1 },
          ],
        },
        deadline: {
          amount: 2,
          amountParam: 'paperParallelWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'CASE_START' },
          legalBasis: 'Quy chế nội bộ của Chi cục: hoàn thiện hồ sơ điện tử trong 02 ngày làm việc',
          escalation: STANDARD_LADDER,
        },
        outcomes: [{ id: 'COMPLETE', title: t('Hồ sơ điện tử đã đầy đủ', 'Digital file complete'), next: [] }],
      },
    ],
  };
}
