/**
 * Penalty case, full path (B0–B17) and the path without a record (B'1–B'4), version 2:
 * ../shared/domain/vn-law.md §1.2, with the law's substance as rules of the procedure language —
 * brackets from the violation catalogue, competence ceilings, earliest times, clocks counted from
 * the dates on the papers, the after-deadline path, postponement and instalments, the late-payment
 * surcharge. Version 1 (domain/procedures/v1/penalty.ts) stays for the cases that run on it.
 */
import type { TCondition, TExpr, TField, TProcedureInput, TRequirement } from '../procedure.js';
import { decisionFields, evidenceField, LAW, offenderField, STANDARD_LADDER, t } from './common.js';
import {
  addMonths,
  afterDeadline,
  agg,
  aggInLimitation,
  allOf,
  anyOf,
  cmp,
  constant,
  dueOf,
  equals,
  field,
  latest,
  not,
  outcomeIs,
  param,
  plus,
  present,
  roleOf,
  rule,
  surcharge,
  surchargeOnUnpaid,
  times,
  today,
  when,
} from './rule-builders.js';

const ND189 = 'Nghị định 189/2025/NĐ-CP (thẩm quyền xử phạt; mức trần theo chức danh cần xác nhận)';

/** Competence ceilings of the QLTT titles, per kind of offender (legal parameters). */
const FINE_CEILINGS = {
  INSPECTOR: { individual: 'fineCompetenceInspectorIndividual', organization: 'fineCompetenceInspectorOrganization' },
  TEAM_LEAD: { individual: 'fineCompetenceTeamLeadIndividual', organization: 'fineCompetenceTeamLeadOrganization' },
  DIRECTOR: { individual: 'fineCompetenceDirectorIndividual', organization: 'fineCompetenceDirectorOrganization' },
};

const OFFENDER_B1 = { stepId: 'B1', field: 'offenderType' };

/** A default from the inspection that started this case as its step A10P (ins-inspection, version 2 or later). */
const FROM_INSPECTION = (stepId: string, field: string) => ({ from: 'parent' as const, stepId, field });

/** The highest bracket maximum among the recorded acts, for this offender (Art. 61(1), Art. 52(2)). */
const MAX_BRACKET_B1 = agg('MAX', 'acts', 'violation.bracketMax', 'B1');
/** The longest limitation period among the recorded acts, in months (Art. 6: 1 or 2 years by field). */
const LIMITATION_MONTHS_B1 = times(agg('MAX', 'acts', 'violation.limitationYears', 'B1'), constant(12));

/**
 * The date the limitation period counts from (Art. 6(1)(b)), version 10: an act that had ended, from
 * when it ended (the record's `violationDate`); an act still going on when found, from its
 * detection (`detectedOn`). Earlier versions counted from `violationDate` in both cases, so an act
 * going on since long ago was refused as barred.
 */
export const actStart = (stepId?: string): TExpr => when(equals('ongoing', true, stepId), field('detectedOn', stepId), field('violationDate', stepId));
const LIMITATION_FROM_B1: TExpr = actStart('B1');
/**
 * Version 11: the period starts again when the party's deliberate evasion or obstruction of the
 * sanction ends (Art. 6(1)(c)): the later of the date above and `evasionEndedOn`.
 */
const LIMITATION_FROM_B1_V11: TExpr = limitationStartOf('B1');
/**
 * The date an act's limitation period counts from, read from the fields of the step `stepId` (this
 * step when absent) that states the act: `violationDate`, `ongoing`, `detectedOn`, `evasionEndedOn`
 * (Art. 6(1)(b)–(c)). The record's (B1) from penalty version 11, the returned file's (F5) from the
 * referral's version 5.
 */
export function limitationStartOf(stepId?: string): TExpr {
  return latest(actStart(stepId), field('evasionEndedOn', stepId));
}
const limitationFromB1 = (version: number): TExpr => (version >= 11 ? LIMITATION_FROM_B1_V11 : version >= 10 ? LIMITATION_FROM_B1 : field('violationDate', 'B1'));

/** Version 11: the day the party's evasion or obstruction of the sanction ended, from which the limitation period starts again (Art. 6(1)(c)). */
export const SANCTION_EVASION_FIELD: TField = {
  key: 'evasionEndedOn',
  type: 'date',
  label: t('Ngày chấm dứt hành vi cố tình trốn tránh, cản trở việc xử phạt (nếu có)', 'Day the party’s deliberate evasion or obstruction of the sanction ended (if any)'),
  notInFuture: true,
  help: t(
    'Thời hiệu xử phạt được tính lại từ ngày này (Điều 6 khoản 1 điểm c Luật XLVPHC); ghi rõ hành vi trốn tránh, cản trở trong biên bản',
    'The limitation period starts again from this day (Art. 6(1)(c)); describe the evasion or obstruction in the record',
  ),
};

/** The evasion's end is not before the act's own start of limitation, stated in the step `stepId` (Art. 6(1)(c)). */
export const evasionNotBeforeStart = (stepId?: string) =>
  rule(
    'EVASION_BEFORE_VIOLATION',
    cmp(field('evasionEndedOn'), 'GTE', actStart(stepId)),
    t(
      'Ngày chấm dứt trốn tránh, cản trở trước thời điểm bắt đầu tính thời hiệu (chấm dứt hoặc phát hiện hành vi vi phạm)',
      'The evasion ended before the limitation period began (the act’s end, or its detection)',
    ),
    `${LAW}, Điều 6(1)(c)`,
    'evasionEndedOn',
  );

/** Version 11: an evasion of the sanction ends after the act's own start of limitation and not after the record (Art. 6(1)(c), 58). */
const SANCTION_EVASION_RULES = [
  evasionNotBeforeStart('B1'),
  rule(
    'EVASION_AFTER_RECORD',
    cmp(field('evasionEndedOn'), 'LTE', field('recordedAt')),
    t('Ngày chấm dứt trốn tránh, cản trở sau ngày lập biên bản', 'The evasion ended after the record was made'),
    `${LAW}, Điều 6(1)(c), 58`,
    'evasionEndedOn',
  ),
];

/**
 * Version 19: the day the evasion or obstruction began. It restarts the period only when it happened
 * within it (Art. 6(1)(c): "Trong thời hạn … mà cá nhân, tổ chức cố tình trốn tránh, cản trở việc xử
 * phạt thì thời hiệu … được tính lại"), so it is stated whenever its end is.
 */
export const EVASION_START_FIELD: TField = {
  key: 'evasionStartedOn',
  type: 'date',
  label: t('Ngày bắt đầu hành vi cố tình trốn tránh, cản trở việc xử phạt (nếu có)', 'Day the party’s deliberate evasion or obstruction of the sanction began (if any)'),
  notInFuture: true,
  help: t(
    'Thời hiệu chỉ được tính lại khi hành vi trốn tránh, cản trở xảy ra trong thời hiệu xử phạt (Điều 6 khoản 1 điểm c Luật XLVPHC)',
    'The period starts again only for an evasion or obstruction within the limitation period (Art. 6(1)(c))',
  ),
};

/**
 * Version 19: an evasion restarts the period only if it began before the period ended (Art. 6(1)(c)):
 * on or before `months` after `start`, where `months` is the shortest period among the acts, so that
 * no act whose period had already ended is revived by it. Its start is given with its end, and is
 * not after it.
 */
export const evasionWithinPeriod = (start: TExpr, months: TExpr) => [
  rule(
    'EVASION_START_MISSING',
    anyOf(not(present('evasionEndedOn')), present('evasionStartedOn')),
    t(
      'Ghi ngày bắt đầu trốn tránh, cản trở: thời hiệu chỉ được tính lại khi hành vi đó xảy ra trong thời hiệu xử phạt',
      'Give the day the evasion or obstruction began: the period starts again only for one within the limitation period',
    ),
    `${LAW}, Điều 6(1)(c)`,
    'evasionStartedOn',
  ),
  rule(
    'EVASION_START_AFTER_END',
    cmp(field('evasionStartedOn'), 'LTE', field('evasionEndedOn')),
    t('Ngày bắt đầu trốn tránh, cản trở sau ngày chấm dứt', 'The evasion began after it ended'),
    `${LAW}, Điều 6(1)(c)`,
    'evasionStartedOn',
  ),
  rule(
    'EVASION_AFTER_LIMITATION',
    cmp(field('evasionStartedOn'), 'LTE', addMonths(start, months)),
    t(
      'Hành vi trốn tránh, cản trở bắt đầu khi thời hiệu xử phạt của ít nhất một hành vi đã hết: thời hiệu không được tính lại',
      'The evasion began after the limitation period of at least one act had ended: the period does not start again',
    ),
    `${LAW}, Điều 6(1)(c)`,
    'evasionStartedOn',
  ),
];

/** The shortest limitation period among the acts of `stepId`'s record (this step's when absent), in months. */
export const shortestPeriodMonths = (stepId?: string): TExpr => times(agg('MIN', 'acts', 'violation.limitationYears', stepId), constant(12));

/**
 * Version 19: the party's evasion of the sanction after the record, stated with the decision (B6):
 * it too restarts the period (Art. 6(1)(c)), counted from its end when later than the record's start.
 */
const DECISION_EVASION_FIELDS: TField[] = [
  {
    ...EVASION_START_FIELD,
    label: t('Sau khi lập biên bản: ngày bắt đầu hành vi cố tình trốn tránh, cản trở việc xử phạt (nếu có)', 'After the record: day the evasion or obstruction of the sanction began (if any)'),
  },
  {
    ...SANCTION_EVASION_FIELD,
    label: t('Sau khi lập biên bản: ngày chấm dứt hành vi cố tình trốn tránh, cản trở việc xử phạt (nếu có)', 'After the record: day the evasion or obstruction of the sanction ended (if any)'),
    help: t(
      'Thời hiệu xử phạt được tính lại từ ngày này (Điều 6 khoản 1 điểm c Luật XLVPHC), nếu hành vi bắt đầu trong thời hiệu',
      'The limitation period starts again from this day (Art. 6(1)(c)), if the evasion began within the period',
    ),
  },
];
/** An evasion stated with a decision ends by the decision's date (the returned file's F5 from the referral's version 5, the penalty's B6 from version 19). */
export const EVASION_AFTER_DECISION = rule(
  'EVASION_AFTER_DECISION',
  cmp(field('evasionEndedOn'), 'LTE', field('decisionDate')),
  t('Ngày chấm dứt trốn tránh, cản trở sau ngày quyết định', 'The evasion ended after the decision'),
  `${LAW}, Điều 6(1)(c)`,
  'evasionEndedOn',
);
const DECISION_EVASION_RULES = [
  ...evasionWithinPeriod(LIMITATION_FROM_B1_V11, shortestPeriodMonths('B1')),
  rule(
    'EVASION_BEFORE_RECORD',
    cmp(field('evasionEndedOn'), 'GTE', field('recordedAt', 'B1')),
    t('Ngày chấm dứt trốn tránh, cản trở trước ngày lập biên bản: ghi vào biên bản, không ghi ở quyết định', 'The evasion ended before the record: it belongs in the record, not in the decision'),
    `${LAW}, Điều 6(1)(c)`,
    'evasionEndedOn',
  ),
  EVASION_AFTER_DECISION,
];

/**
 * Version 19: the end of the evasion after the record that the decision states, when it began
 * within the shortest period among the acts (counted from the record's start); otherwise nothing,
 * as `limitationFrom` reads it for the papers and the calculator.
 */
const DECISION_EVASION_RESTART: TExpr = when(
  allOf(present('evasionStartedOn'), cmp(field('evasionStartedOn'), 'LTE', addMonths(LIMITATION_FROM_B1_V11, shortestPeriodMonths('B1')))),
  field('evasionEndedOn'),
);

/**
 * Where the limitation period counts from on the decision's date (B6): the record's start
 * (`limitationFromB1`), or from version 19 the end of an evasion after the record when later.
 */
const limitationOnDecision = (version: number): TExpr => (version >= 19 ? latest(LIMITATION_FROM_B1_V11, DECISION_EVASION_RESTART) : limitationFromB1(version));

/** The decision sanctions the acts of the record still within their limitation period on its date (version 8; counted as `limitationOnDecision` says). */
const actsInLimitationOnDecision = (version: number) => ({ since: limitationOnDecision(version), on: field('decisionDate') });

/** Version 10: whether the act was still going on when found, and when it was found (Art. 6(1)(b)). The returned file's F5 states them too, without a default. */
export const ONGOING_FIELDS: TField[] = [
  {
    key: 'ongoing',
    type: 'boolean',
    label: t('Hành vi vi phạm đang được thực hiện khi bị phát hiện', 'The act was still going on when found'),
    help: t(
      'Thời hiệu xử phạt tính từ ngày phát hiện nếu hành vi đang được thực hiện; nếu đã kết thúc, từ thời điểm chấm dứt hành vi (Điều 6 khoản 1 điểm b Luật XLVPHC)',
      'The limitation period counts from the detection when the act was going on, otherwise from when it ended (Art. 6(1)(b))',
    ),
  },
  {
    key: 'detectedOn',
    type: 'date',
    label: t('Ngày phát hiện hành vi vi phạm', 'Date the act was found'),
    notInFuture: true,
    prefill: FROM_INSPECTION('A7', 'announcedAt'),
  },
];

/** The detection of an act going on, given and not before the act (Art. 6(1)(b)): the record's from version 10, the returned file's from the referral's version 5. */
export const DETECTION_IN_ORDER = [
  rule(
    'DETECTION_DATE_MISSING',
    anyOf(not(equals('ongoing', true)), present('detectedOn')),
    t('Hành vi đang được thực hiện: ghi ngày phát hiện, từ đó tính thời hiệu xử phạt', 'The act was going on: give the date it was found, from which the limitation period counts'),
    `${LAW}, Điều 6(1)(b)`,
    'detectedOn',
  ),
  rule(
    'DETECTED_BEFORE_VIOLATION',
    cmp(field('detectedOn'), 'GTE', field('violationDate')),
    t('Ngày phát hiện trước thời gian xảy ra vi phạm', 'The act is found before it happened'),
    `${LAW}, Điều 6(1)(b)`,
    'detectedOn',
  ),
];

/** Version 10: the detection of an act going on, given and in order (Art. 6(1)(b), 58). */
const DETECTION_RULES = [
  ...DETECTION_IN_ORDER,
  rule(
    'DETECTED_AFTER_RECORD',
    cmp(field('detectedOn'), 'LTE', field('recordedAt')),
    t('Ngày phát hiện sau ngày lập biên bản: biên bản được lập khi phát hiện vi phạm', 'The act is found after the record: the record is made when it is found'),
    `${LAW}, Điều 58(1)`,
    'detectedOn',
  ),
];

/**
 * Version 13: the time to comply the decision gives, when longer than the law's 10 days from its
 * receipt ("trường hợp quyết định xử phạt có ghi thời hạn thi hành nhiều hơn 10 ngày thì thực hiện
 * theo thời hạn đó", Art. 73(1)). Empty: the 10 days.
 */
export const COMPLIANCE_DAYS_FIELD: TField = {
  key: 'complianceDays',
  type: 'number',
  integer: true,
  min: 1,
  max: 365,
  label: t('Thời hạn chấp hành ghi trong quyết định (số ngày, nếu dài hơn 10 ngày)', 'Time to comply the decision gives (days, if longer than 10)'),
  help: t(
    'Để trống nếu là 10 ngày kể từ ngày nhận quyết định; quyết định có thể cho thời hạn dài hơn (Điều 73 khoản 1 Luật XLVPHC). Thời hạn nộp phạt, tiền chậm nộp và cưỡng chế tính theo thời hạn này',
    'Leave empty for 10 days from receipt; the decision may give longer (Art. 73(1)). The time to pay, the late surcharge and coercion count from it',
  ),
};
export const COMPLIANCE_LONGER = rule(
  'COMPLIANCE_NOT_LONGER',
  cmp(field('complianceDays'), 'GT', param('complianceDays', field('decisionDate'))),
  t('Thời hạn chấp hành ghi trong quyết định chỉ được dài hơn 10 ngày; để trống nếu là 10 ngày', 'A time to comply the decision gives can only be longer than 10 days; leave it empty for 10'),
  `${LAW}, Điều 73(1)`,
  'complianceDays',
);
/** The period to comply as the decision of `stepId` gave it: the days it states, from the receipt, never fewer than the law's (B9's from version 13). */
const complianceAsDecided = (stepId: string) => ({
  when: present('complianceDays', stepId),
  amount: 10,
  amountParam: 'complianceDays',
  amountFrom: { stepId, field: 'complianceDays' },
  unit: 'days' as const,
  legalBasis: `${LAW}, Điều 73(1): thời hạn thi hành ghi trong quyết định, kể từ ngày nhận quyết định`,
});

/** How a decision was delivered (Art. 70). */
const DELIVERY_METHOD_FIELD: TField = {
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
};

/** Where the execution limitation runs from: the penalty decision, or the end of its postponement (Art. 74). */
const EXECUTION_FROM = latest(field('decisionDate', 'B6'), when(outcomeIs('B12', 'POSTPONED'), field('postponedUntil', 'B12')));

/**
 * The right to explain (Art. 61(1)): the maximum of an act's bracket reaches 15,000,000 ₫ for an
 * individual or 30,000,000 ₫ for an organisation on the violation date, or a licence withdrawal or
 * an activity suspension may be imposed.
 */
const RIGHT_TO_EXPLAIN: TCondition = anyOf(
  cmp(MAX_BRACKET_B1, 'GTE', param({ individual: 'explainRightMinIndividual', organization: 'explainRightMinOrganization' }, field('violationDate', 'B1'), OFFENDER_B1)),
  equals('licenceMeasure', true, 'B1'),
);

/** Facts must be verified, or the party may explain: the 1-month decision period (Art. 66(1)(b)). */
const NEEDS_ONE_MONTH: TCondition = anyOf(outcomeIs('B3', 'EXPLANATION_RIGHT'), equals('needsVerification', true, 'B3'));
/** The file came back from the criminal-procedure body (Art. 63). */
const RETURNED: TCondition = outcomeIs('BF', 'RETURNED_TO_CASE');
/** The decision imposed a fine (the latest decision of the case). */
const FINE_DECIDED: TCondition = allOf(outcomeIs('B6', 'DECIDED'), equals('sanction', 'FINE', 'B6'));

/**
 * The acts of a case, one row each with its catalogue row (the violation field: bracket, warning,
 * limitation, per the step's `offenderType` and `violationDate`): the violation record's (B1) and
 * the returned file's decision's (F5 of the criminal referral, version 4).
 */
export const actsField: TField = {
  key: 'acts',
  type: 'group',
  label: t('Hành vi vi phạm (mỗi hành vi một dòng)', 'Acts (one row each)'),
  required: true,
  minItems: 1,
  maxItems: 20,
  fields: [
    {
      key: 'violation',
      type: 'violation',
      label: t('Hành vi theo danh mục (tìm theo mã hoặc nội dung)', 'Violation from the catalogue (search by code or text)'),
      required: true,
      subjectField: 'offenderType',
      dateField: 'violationDate',
    },
    { key: 'description', type: 'text', label: t('Mô tả hành vi', 'Description'), required: true, multiline: true, maxLength: 5000 },
  ],
};

const ART_23 = `${LAW}, Điều 23(4); Nghị định 98/2020/NĐ-CP (khung phạt theo đối tượng)`;

/**
 * The fine's amount rules shared by every decision that imposes one, over the given bracket values.
 * `circumstances` (penalty version 6, no-record version 4 on): which way the amount may leave the
 * midpoint — Art. 23(4) lowers it for mitigating circumstances and raises it for aggravating ones,
 * so an amount above the midpoint needs at least one aggravating circumstance recorded and one below
 * it at least one mitigating. How far to move, and how to weigh both kinds when both are recorded,
 * the law leaves to the officer (../shared/domain/vn-law.md §2.1 rule 3 [U]): the reason says why.
 */
function fineRules(min: ReturnType<typeof agg>, max: ReturnType<typeof agg>, mid: ReturnType<typeof agg>, isFine: TCondition, circumstances = false) {
  const recorded = (name: 'mitigating' | 'aggravating'): TCondition => allOf(present(name), cmp(field(name), 'GT', constant(0)));
  /** The amount may stand on this side of the midpoint (`op`) only with a circumstance of this kind recorded (`needs`). */
  const direction = (code: string, op: 'LTE' | 'GTE', needs: 'mitigating' | 'aggravating', text: ReturnType<typeof t>, articles: string) =>
    rule(code, anyOf(not(isFine), cmp(field('fineAmount'), op, mid), recorded(needs)), text, `${LAW}, ${articles}`, 'fineAmount');
  return [
    rule('FINE_AMOUNT_MISSING', anyOf(not(isFine), cmp(field('fineAmount'), 'GT', constant(0))), t('Phạt tiền: phải ghi số tiền phạt', 'A fine needs its amount'), ART_23, 'fineAmount'),
    rule(
      'FINE_BELOW_BRACKET',
      anyOf(not(isFine), cmp(field('fineAmount'), 'GTE', min)),
      t('Số tiền phạt thấp hơn mức tối thiểu của khung phạt (theo đối tượng vi phạm)', 'The fine is below the bracket minimum for this offender'),
      ART_23,
      'fineAmount',
    ),
    rule(
      'FINE_ABOVE_BRACKET',
      anyOf(not(isFine), cmp(field('fineAmount'), 'LTE', max)),
      t('Số tiền phạt vượt mức tối đa của khung phạt (theo đối tượng vi phạm)', 'The fine is above the bracket maximum for this offender'),
      ART_23,
      'fineAmount',
    ),
    rule(
      'AMOUNT_REASON_MISSING',
      anyOf(not(isFine), cmp(field('fineAmount'), 'EQ', mid), present('amountReason')),
      t(
        'Mức phạt khác mức trung bình của khung: phải ghi lý do (tình tiết giảm nhẹ, tăng nặng)',
        'An amount other than the bracket midpoint needs its reason (mitigating or aggravating circumstances)',
      ),
      `${LAW}, Điều 9, 10, 23(4)`,
      'amountReason',
    ),
    // After the bracket and the reason: the first refusal names what is most wrong.
    ...(circumstances
      ? [
          direction(
            'FINE_RAISED_WITHOUT_AGGRAVATING',
            'LTE',
            'aggravating',
            t(
              'Mức phạt cao hơn mức trung bình của khung chỉ khi có tình tiết tăng nặng; tình tiết giảm nhẹ chỉ cho phép giảm',
              'A fine above the bracket midpoint needs an aggravating circumstance; mitigating circumstances only lower it',
            ),
            'Điều 10, 23(4)',
          ),
          direction(
            'FINE_LOWERED_WITHOUT_MITIGATING',
            'GTE',
            'mitigating',
            t(
              'Mức phạt thấp hơn mức trung bình của khung chỉ khi có tình tiết giảm nhẹ; tình tiết tăng nặng chỉ cho phép tăng',
              'A fine below the bracket midpoint needs a mitigating circumstance; aggravating circumstances only raise it',
            ),
            'Điều 9, 23(4)',
          ),
        ]
      : []),
  ];
}

/**
 * The acts a decision sanctions (Art. 6, 65(1)(b)): from penalty version 8 on, only those whose
 * limitation period, from the violation date `since`, has not ended on the decision's date `on`.
 */
type TLimitationOn = { since: TExpr; on: TExpr };

/** An aggregate over the acts of `actsStep` (those still within their limitation period on a date, if given). */
function actsOf(actsStep: string | undefined, limitationOn: TLimitationOn | undefined) {
  return (fn: 'SUM' | 'MAX' | 'ALL', name: string): TExpr => (limitationOn ? aggInLimitation(fn, 'acts', name, actsStep, limitationOn.since, limitationOn.on) : agg(fn, 'acts', name, actsStep));
}

/**
 * The rules of a decision that imposes a warning or a fine for the acts recorded at `actsStep` (the
 * step being completed when undefined): a main sanction, a warning only where every act provides
 * one, the fine within the acts' summed bracket and moved from its midpoint as the circumstances
 * allow (`circumstances`, see `fineRules`). The penalty decision's (B6, for the record's acts) and the
 * returned file's (F5 of the criminal referral from its version 4, for its own acts).
 */
export function sanctionRules(actsStep: string | undefined, circumstances: boolean, limitationOn?: TLimitationOn) {
  const acts = actsOf(actsStep, limitationOn);
  return [
    rule(
      'SANCTION_MISSING',
      not(equals('sanction', 'NONE')),
      t('Quyết định xử phạt phải có hình thức xử phạt chính (cảnh cáo hoặc phạt tiền)', 'A penalty decision imposes a warning or a fine'),
      `${LAW}, Điều 21, 68`,
      'sanction',
    ),
    rule(
      'WARNING_NOT_PROVIDED',
      anyOf(not(equals('sanction', 'WARNING')), cmp(acts('ALL', 'violation.warningPossible'), 'EQ', constant(true))),
      t('Hành vi vi phạm không được quy định hình thức cảnh cáo', 'A warning is not provided for every act recorded'),
      `${LAW}, Điều 22; nghị định xử phạt`,
      'sanction',
    ),
    rule(
      'FINE_WITH_WARNING',
      anyOf(not(equals('sanction', 'WARNING')), not(present('fineAmount')), cmp(field('fineAmount'), 'EQ', constant(0))),
      t('Hình thức cảnh cáo không kèm số tiền phạt', 'A warning carries no fine'),
      `${LAW}, Điều 22`,
      'fineAmount',
    ),
    ...fineRules(acts('SUM', 'violation.bracketMin'), acts('SUM', 'violation.bracketMax'), acts('SUM', 'violation.bracketMid'), equals('sanction', 'FINE'), circumstances),
  ];
}

/**
 * Who may fine how much (Art. 52(2)–(3)): the highest bracket maximum among the acts of `actsStep`
 * for the offender `subject` names, against the ceiling of the team lead or the director acting, in
 * force on the decision's date.
 */
export function fineCompetence(actsStep: string | undefined, subject: { stepId?: string; field: string }, limitationOn?: TLimitationOn) {
  return {
    when: equals('sanction', 'FINE'),
    amount: actsOf(actsStep, limitationOn)('MAX', 'violation.bracketMax'),
    subject,
    date: field('decisionDate'),
    ceilings: { TEAM_LEAD: FINE_CEILINGS.TEAM_LEAD, DIRECTOR: FINE_CEILINGS.DIRECTOR },
    legalBasis: `${LAW}, Điều 52(2)–(3); ${ND189}`,
  };
}

export const sanctionField = (withNone: boolean): TField => ({
  key: 'sanction',
  type: 'enum',
  label: t('Hình thức xử phạt chính', 'Main sanction'),
  required: true,
  options: [
    { value: 'WARNING', label: t('Cảnh cáo', 'Warning') },
    { value: 'FINE', label: t('Phạt tiền', 'Fine') },
    ...(withNone ? [{ value: 'NONE', label: t('Không xử phạt (chỉ tịch thu, khắc phục hậu quả — Điều 65)', 'No penalty (confiscation and remedial measures only — Art. 65)') }] : []),
  ],
});

export const amountFields: TField[] = [
  {
    key: 'fineAmount',
    type: 'money',
    label: t('Số tiền phạt', 'Fine amount'),
    min: 0,
    help: t('Đề xuất: mức trung bình của khung theo đối tượng vi phạm (Điều 23(4))', 'Proposed: the bracket midpoint for this offender (Art. 23(4))'),
  },
  { key: 'mitigating', type: 'number', label: t('Số tình tiết giảm nhẹ', 'Mitigating circumstances'), integer: true, min: 0, max: 20 },
  { key: 'aggravating', type: 'number', label: t('Số tình tiết tăng nặng', 'Aggravating circumstances'), integer: true, min: 0, max: 20 },
  { key: 'amountReason', type: 'text', label: t('Lý do nếu khác mức trung bình của khung', 'Reason if not the bracket midpoint'), multiline: true },
];

const paymentFields: TField[] = [
  { key: 'receiptNo', type: 'text', label: t('Số biên lai / chứng từ nộp phạt', 'Receipt number'), maxLength: 60 },
  { key: 'paidAmount', type: 'money', label: t('Số tiền đã nộp (kể cả tiền chậm nộp)', 'Amount paid (late-payment surcharge included)') },
  { key: 'paidDate', type: 'date', label: t('Ngày nộp', 'Date paid'), notInFuture: true },
];

/**
 * Version 8: the day the party's evasion or delay of the decision ended, from which the execution
 * limitation counts again (Art. 74(2)); stated with a payment made after the year from the decision.
 */
const EVASION_FIELD: TField = {
  key: 'evasionEndedOn',
  type: 'date',
  label: t('Ngày chấm dứt hành vi trốn tránh, trì hoãn thi hành (nếu có)', 'Day the evasion or delay ended (if any)'),
  notInFuture: true,
  help: t(
    'Chỉ ghi khi người vi phạm cố tình trốn tránh, trì hoãn: thời hiệu thi hành 01 năm tính lại từ ngày này (Điều 74(2))',
    'Only when the party deliberately evaded or delayed: the 1-year execution limitation counts again from this day (Art. 74(2))',
  ),
};

/** The last day the decision may be executed (Art. 74): a year from the decision or the postponement's end, or from the end of an evasion. */
const executionLimitationEnds = (from: TExpr) => addMonths(latest(from, field('evasionEndedOn')), constant(12));
const EXECUTION_LIMITATION_ENDS = executionLimitationEnds(EXECUTION_FROM);

/**
 * No fine is collected once the execution limitation, a year `from` the decision (or the end of its
 * postponement), has ended (Art. 74(1)); an evasion restarts it (Art. 74(2)). The decision's date is
 * `decisionDate`. The penalty's from version 8, the sanction without a record's from its version 5.
 */
const withinExecutionLimitation = (decisionDate: TExpr, from: TExpr) => [
  rule(
    'EVASION_BEFORE_DECISION',
    cmp(field('evasionEndedOn'), 'GTE', decisionDate),
    t('Ngày chấm dứt trốn tránh, trì hoãn trước ngày ra quyết định xử phạt', 'The evasion ended before the decision'),
    `${LAW}, Điều 74(2)`,
    'evasionEndedOn',
  ),
  rule(
    'PAID_AFTER_EXECUTION_LIMITATION',
    cmp(field('paidDate'), 'LTE', executionLimitationEnds(from)),
    t(
      'Ngày nộp sau khi hết thời hiệu thi hành quyết định xử phạt (01 năm): không thu tiền phạt nữa (Điều 74(1)); nếu người vi phạm cố tình trốn tránh, trì hoãn, ghi ngày chấm dứt hành vi đó',
      'The payment is dated after the 1-year execution limitation ended: the fine is no longer collected (Art. 74(1)); if the party evaded or delayed, give the day that ended',
    ),
    `${LAW}, Điều 74`,
    'paidDate',
  ),
];
const WITHIN_EXECUTION_LIMITATION = withinExecutionLimitation(field('decisionDate', 'B6'), EXECUTION_FROM);

/**
 * Paid in full: a receipt, its date, and the fine plus the late-payment surcharge accrued after
 * `lastDay`. Up to the penalty's version 3 the surcharge is on the whole fine up to the payment date;
 * from its version 4 on (`onUnpaidPart`), each late day is charged on what the payments reported to
 * the case (`PAYMENT_RECEIVED`) had left unpaid that day, as Art. 78(1)(a) says (docs/adr/0127).
 * With one payment they agree. The sanction without a record has no such event: the whole fine.
 */
function paidInFull(fine: ReturnType<typeof field>, decisionDate: ReturnType<typeof field>, lastDay: ReturnType<typeof dueOf>, onUnpaidPart: boolean) {
  const late = onUnpaidPart ? surchargeOnUnpaid(fine, lastDay, field('paidDate'), 'PAYMENT_RECEIVED') : surcharge(fine, lastDay, field('paidDate'));
  return [
    rule(
      'PAYMENT_MISSING',
      allOf(present('receiptNo'), present('paidAmount'), present('paidDate')),
      t('Chưa có chứng từ nộp phạt (số biên lai, số tiền, ngày nộp)', 'No payment proof (receipt, amount, date)'),
      `${LAW}, Điều 78`,
      'receiptNo',
    ),
    rule(
      'PAID_BEFORE_DECISION',
      cmp(field('paidDate'), 'GTE', decisionDate),
      t('Ngày nộp phạt trước ngày ra quyết định', 'The payment is dated before the decision'),
      `${LAW}, Điều 73, 78`,
      'paidDate',
    ),
    rule(
      'PAID_LESS_THAN_DUE',
      cmp(field('paidAmount'), 'GTE', plus(fine, late)),
      t('Số tiền đã nộp ít hơn số tiền phạt cộng tiền chậm nộp (0,05%/ngày sau hạn)', 'The amount paid is less than the fine plus the late-payment surcharge (0.05 % a day after the time limit)'),
      `${LAW}, Điều 73, 78(1)(a); Thông tư 18/2023/TT-BTC Điều 5`,
      'paidAmount',
    ),
  ];
}

/** A hearing the party asked for within its 2 working days (Art. 61(3)) is held before anything else is recorded of the explanation. */
const HEARING_ASKED_IN_TIME_NOT_HELD = rule(
  'HEARING_REQUESTED_NOT_HELD',
  anyOf(not(present('hearingRequestedOn')), cmp(field('hearingRequestedOn'), 'GT', dueOf(undefined, 'hearingRequest')), allOf(present('hearingDate'), present('hearingMinutesNo'))),
  t(
    'Người vi phạm đã yêu cầu giải trình trực tiếp trong thời hạn: phải tổ chức phiên giải trình (chọn "Đã tổ chức phiên giải trình trực tiếp")',
    'The party asked for a hearing in time: it must be held (choose "Hearing held")',
  ),
  `${LAW}, Điều 61(3)`,
  'hearingRequestedOn',
);

/**
 * The decision considers the explanation (Art. 61(2)–(3), 66(1)(b)): it is dated on or after the
 * written explanation it considers and the hearing it heard, and, when the party did not explain
 * and did not waive it in writing, after the party's time to explain has run out (B4's period,
 * with its extension).
 */
const DECISION_AFTER_EXPLANATION = [
  rule(
    'DECISION_BEFORE_EXPLANATION',
    cmp(field('decisionDate'), 'GTE', field('explainedOn', 'B4')),
    t('Ngày quyết định trước ngày nhận văn bản giải trình: quyết định phải xem xét nội dung giải trình', 'The decision is dated before the written explanation it must consider'),
    `${LAW}, Điều 61(2)`,
    'decisionDate',
  ),
  rule(
    'DECISION_BEFORE_HEARING',
    anyOf(not(outcomeIs('B4', 'HEARING_HELD')), cmp(field('decisionDate'), 'GTE', field('hearingDate', 'B4'))),
    t('Ngày quyết định trước phiên giải trình trực tiếp: quyết định phải xem xét kết quả phiên giải trình', 'The decision is dated before the hearing it must consider'),
    `${LAW}, Điều 61(3)`,
    'decisionDate',
  ),
  rule(
    'DECISION_IN_EXPLANATION_PERIOD',
    anyOf(not(outcomeIs('B4', 'NO_EXPLANATION')), equals('waivedInWriting', true, 'B4'), cmp(field('decisionDate'), 'GT', dueOf('B4'))),
    t(
      'Ngày quyết định còn trong thời hạn giải trình của người vi phạm: chỉ ra quyết định sau khi hết thời hạn giải trình, hoặc khi người vi phạm có văn bản từ chối giải trình',
      'The decision is dated within the party’s time to explain: decide after it has run out, or on a written waiver',
    ),
    `${LAW}, Điều 61(2)`,
    'decisionDate',
  ),
];

/**
 * Signs of a crime found while the penalty is considered (Art. 62(1)): the file goes to the
 * criminal-procedure body at once (BF); a file sent back is decided within 30 days of its return
 * (Art. 63), the decision's own clock (B6) counting from that day.
 */
const CRIMINAL_SIGNS_WHILE_CONSIDERED = {
  id: 'CRIMINAL_SIGNS',
  title: t('Phát hiện dấu hiệu tội phạm khi xem xét ra quyết định: chuyển hồ sơ', 'Signs of a crime found while the decision is considered: transfer the file'),
  next: ['BF'],
  legalBasis: `${LAW}, Điều 62(1)`,
};

/**
 * Version 9: signs of a crime found at the decision itself (Art. 62(1): "trong quá trình xem xét
 * ra quyết định xử phạt"): no decision is made, the file goes to the criminal-procedure body at once
 * (BF). Due whenever they are found, past the decision's period too (its clock stops at the
 * transfer, the returned file's 30 days count from its return, Art. 63), and whether or not the
 * administrative limitation has run (the criminal one is not INS's to judge). The step's paper and
 * sanction are the decision's only: given with the transfer, they are refused at their field.
 */
const CRIMINAL_SIGNS_AT_DECISION = {
  id: 'CRIMINAL_SIGNS',
  title: t('Phát hiện dấu hiệu tội phạm khi ra quyết định: không ra quyết định xử phạt, chuyển hồ sơ', 'Signs of a crime found at the decision: no penalty decision, transfer the file'),
  next: ['BF'],
  afterDeadline: true,
  legalBasis: `${LAW}, Điều 62(1)`,
  requires: (['sanction', 'fineAmount', 'decisionDate'] as const).map((key) =>
    rule(
      'NO_DECISION_WITH_TRANSFER',
      not(present(key)),
      t(
        'Chuyển hồ sơ có dấu hiệu tội phạm thì không ra quyết định xử phạt: bỏ trống ngày quyết định, hình thức và số tiền phạt',
        'A file transferred for signs of a crime is not decided: leave the decision’s date, sanction and fine empty',
      ),
      `${LAW}, Điều 62(1)`,
      key,
    ),
  ),
};

/**
 * Version 9: the decision's paper and sanction are no longer required by the form, since a
 * transfer for signs of a crime has none; the two outcomes that decide ask for them, at their
 * fields. The number is the register's when INS issues the paper (./documents.ts strips its rule).
 */
const DECISION_PAPER = [
  rule('DECISION_NO_MISSING', present('decisionNo'), t('Ghi số quyết định', 'Give the decision number'), `${LAW}, Điều 68`, 'decisionNo'),
  rule('DECISION_DATE_MISSING', present('decisionDate'), t('Ghi ngày quyết định', 'Give the decision date'), `${LAW}, Điều 68`, 'decisionDate'),
  rule('SIGNER_MISSING', present('signedBy'), t('Ghi người ký quyết định', 'Give who signed the decision'), `${LAW}, Điều 68`, 'signedBy'),
];
/** Version 9: the sanction a decision imposes (MEASURES_ONLY's own rule asks for none). */
const SANCTION_CHOSEN = rule('SANCTION_MISSING', present('sanction'), t('Chọn hình thức xử phạt chính', 'Choose the main sanction'), `${LAW}, Điều 68`, 'sanction');

/** The decision's periods without verification, from the record's date (Art. 66(1)): 7 working days, 10 when the file was transferred. */
const DECISION_PERIODS = [
  {
    id: 'decisionPeriod',
    amount: 7,
    amountParam: 'decisionWorkingDays',
    unit: 'working_days' as const,
    anchor: { kind: 'FIELD_DATE' as const, stepId: 'B1', field: 'recordedAt' },
    legalBasis: `${LAW}, Điều 66(1): 07 ngày làm việc kể từ ngày lập biên bản`,
  },
  {
    id: 'decisionPeriodTransferred',
    amount: 10,
    amountParam: 'decisionTransferWorkingDays',
    unit: 'working_days' as const,
    anchor: { kind: 'FIELD_DATE' as const, stepId: 'B1', field: 'recordedAt' },
    legalBasis: `${LAW}, Điều 66(1): 10 ngày làm việc kể từ ngày lập biên bản khi phải chuyển hồ sơ`,
  },
];

/**
 * "Facts must be verified" gives the decision a month from the record instead of 7 (or 10) working
 * days (Art. 66(1)(b)); said once those days have run out, it would give back a power that has
 * lapsed. Judged on the day it is said.
 */
const VERIFICATION_WHILE_THE_PERIOD_RUNS = rule(
  'VERIFICATION_AFTER_PERIOD',
  anyOf(not(equals('needsVerification', true)), cmp(today(), 'LTE', when(outcomeIs('B1', 'TRANSFER_NEEDED'), dueOf(undefined, 'decisionPeriodTransferred'), dueOf(undefined, 'decisionPeriod')))),
  t(
    'Thời hạn 07 ngày làm việc (10 ngày làm việc nếu phải chuyển hồ sơ) kể từ ngày lập biên bản đã hết: không thể xác định cần xác minh để kéo dài thời hạn ra quyết định lên 01 tháng sau khi thời hạn đã hết',
    'The 7 working days (10 when the file was transferred) from the record have run out: facts to verify cannot lengthen the decision’s period to a month once it has ended',
  ),
  `${LAW}, Điều 66(1)`,
  'needsVerification',
);

const VOLUNTARY_PERIOD_RUNNING = (legalBasis: string) =>
  rule(
    'VOLUNTARY_PERIOD_RUNNING',
    afterDeadline(),
    t('Chưa hết thời hạn tự nguyện chấp hành: chưa được cưỡng chế', 'The period to comply voluntarily has not ended: enforcement cannot start yet'),
    legalBasis,
  );

/**
 * Version 3 (issue 15) gives the violation record's fields their defaults (`prefill`): from the
 * inspection that started the case (the business, its address, the inspection's evidence), today
 * and the officer. Version 2 is this definition without them (./index.ts). Version 4 (issue 16)
 * charges the late-payment surcharge on the unpaid part only, day by day (`paidInFull`), and the
 * record states the party's identifier (`partyIdentifier`), which the public lookup takes. Version 5
 * is version 4 with the papers INS issues (./documents.ts). Version 6 (docs/adr/0189) holds the fine
 * to the direction of its circumstances (`fineRules`), asks what is to be verified when B3 says
 * facts must be (the month it gives the decision), and lets the record state the violator's address
 * and representative (the papers print them). Version 7 (docs/adr/0205) holds the decision's date to
 * the explanation (after the written explanation, the hearing, or the end of the time to explain),
 * makes a timely hearing request binding on a written explanation too, judges the record's
 * limitation act by act, counts the transfer's 24 hours from the record's date and hands the end of
 * the voluntary period to the enforcement (coercion only after it). Version 8 (docs/adr/0209) judges
 * the decision's acts on its own date: an act whose limitation period ended between the record and
 * the decision is left out of the bracket, the warning and the competence (Art. 6, 65(1)(b)).
 * Version 9 (docs/adr/0211) lets the decision step itself transfer the file for signs of a crime
 * (Art. 62(1)) instead of deciding; the decision's paper and sanction are asked by the outcomes
 * that decide. Version 10 (docs/adr/0213) counts the limitation period of an act still going on when
 * found from its detection, not from when it began (Art. 6(1)(b)). Version 11 (docs/adr/0214) starts
 * it again when the party's deliberate evasion or obstruction of the sanction ends (Art. 6(1)(c)).
 * Version 12 (docs/adr/0216) no longer holds the record to the administrative limitation when it
 * transfers the file for signs of a crime (Art. 62(1)): that period bars a sanction, not a transfer.
 * Version 13 (docs/adr/0217) lets the decision give the party longer than 10 days to comply
 * (Art. 73(1)): the payment's period, its surcharge and the voluntary period before coercion follow it.
 * Version 14 (docs/adr/0221) makes the decision's 2-month extension the handler's direct superior's
 * (Art. 66(1)(c)): a director who grants it without his own superior's written extension grants it
 * as the team lead's superior, and may not decide himself after the month it lengthened.
 * Version 15 (docs/adr/0225) records the day the party's request to postpone or to pay in
 * instalments was received; the postponement is decided within 5 days of it by the title that made
 * the decision (Art. 76(2)), and neither decision is dated before the request. Version 16
 * (docs/adr/0228) grants a postponement or instalments only for a hardship certified, and records by
 * whom (Art. 76(1), 79(1)(b)). Version 17 (docs/adr/0229) lets only the title that made the fine's
 * decision decide on paying it in instalments (Art. 79, as in its 2012 text). Version 18
 * (docs/adr/0232) lets the officer collect the fine on the spot where Art. 78(2)–(3) allow it, and
 * holds the agency to paying it into the Treasury within its days (B18). Version 19 (docs/adr/0233)
 * restarts the limitation period for an evasion of the sanction after the record, stated with the
 * decision (B6), and for any evasion only when it began within the period (Art. 6(1)(c)).
 */
export function penaltyProcedure(version = 4): TProcedureInput {
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
        form: {
          fields: [
            { key: 'recordNo', type: 'text', label: t('Số biên bản', 'Record number'), required: true, maxLength: 60 },
            {
              key: 'recordedAt',
              type: 'date',
              label: t('Ngày lập biên bản', 'Record date'),
              required: true,
              notInFuture: true,
              help: t('Ngày ghi trên biên bản: thời hạn ra quyết định tính từ ngày này (Điều 66)', 'The date on the record: the decision deadline counts from it (Art. 66)'),
              prefill: { from: 'today' },
            },
            { key: 'place', type: 'text', label: t('Địa điểm lập biên bản', 'Place'), required: true, maxLength: 500, prefill: FROM_INSPECTION('A5', 'address') },
            { key: 'recorder', type: 'text', label: t('Người lập biên bản (họ tên, chức vụ)', 'Recorder'), required: true, maxLength: 200, prefill: { from: 'officer' } },
            { key: 'violatorName', type: 'text', label: t('Tên cá nhân/tổ chức vi phạm', 'Violator'), required: true, maxLength: 300, prefill: FROM_INSPECTION('A5', 'businessName') },
            // From version 6: where the violator is and who represents an organisation, as the record and the decision print them (they printed "…").
            ...(version >= 6
              ? [
                  {
                    key: 'violatorAddress',
                    type: 'text' as const,
                    label: t('Địa chỉ của cá nhân/tổ chức vi phạm', 'The violator’s address'),
                    maxLength: 500,
                    prefill: FROM_INSPECTION('A5', 'address'),
                  },
                  {
                    key: 'violatorRepresentative',
                    type: 'text' as const,
                    label: t('Người đại diện theo pháp luật của tổ chức vi phạm (họ tên, chức vụ)', 'The violating organisation’s legal representative (name, position)'),
                    maxLength: 200,
                    prefill: FROM_INSPECTION('A7', 'partyRepresentative'),
                  },
                ]
              : []),
            // From version 4 (issue 16): the party's identifier, as the record states it — what the party looks its case up with (docs/adr/0120).
            ...(version >= 4
              ? [
                  {
                    key: 'partyIdentifier',
                    type: 'text' as const,
                    label: t('Số định danh cá nhân (12 chữ số) hoặc mã số thuế của người vi phạm', 'The violator’s personal ID number (12 digits) or tax code'),
                    maxLength: 14,
                    pattern: '^(\\d{12}|\\d{10}(-?\\d{3})?)$',
                    prefill: { from: 'business' as const, attribute: 'taxCode' as const },
                  },
                ]
              : []),
            offenderField,
            {
              key: 'violationDate',
              type: 'date',
              label:
                version >= 10
                  ? t('Thời gian xảy ra vi phạm (hành vi đã kết thúc: thời điểm chấm dứt hành vi)', 'Date of the violation (an act that has ended: when it ended)')
                  : t('Thời gian xảy ra vi phạm', 'Date of the violation'),
              required: true,
              notInFuture: true,
              prefill: FROM_INSPECTION('A7', 'announcedAt'),
            },
            ...(version >= 10 ? ONGOING_FIELDS : []),
            ...(version >= 19 ? [EVASION_START_FIELD, SANCTION_EVASION_FIELD] : version >= 11 ? [SANCTION_EVASION_FIELD] : []),
            { key: 'violationPlace', type: 'text', label: t('Địa điểm xảy ra vi phạm', 'Place of the violation'), required: true, maxLength: 500, prefill: FROM_INSPECTION('A5', 'address') },
            actsField,
            { key: 'licenceMeasure', type: 'boolean', label: t('Có thể bị tước giấy phép, chứng chỉ hành nghề hoặc đình chỉ hoạt động', 'Licence withdrawal or activity suspension possible') },
            { key: 'statements', type: 'text', label: t('Lời khai của người vi phạm, người làm chứng, người bị thiệt hại', 'Statements'), multiline: true },
            { key: 'preventiveMeasures', type: 'text', label: t('Biện pháp ngăn chặn, bảo đảm đã áp dụng', 'Preventive measures'), multiline: true },
            { key: 'explanationNotice', type: 'text', label: t('Quyền và thời hạn giải trình đã ghi trong biên bản', 'Right to explain and its deadline, as stated'), multiline: true },
            { key: 'violatorSigned', type: 'boolean', label: t('Người vi phạm / đại diện tổ chức vi phạm đã ký biên bản', 'Signed by the violator or their representative') },
            {
              key: 'witnessName',
              type: 'text',
              label: t('Nếu không ký: đại diện chính quyền cấp xã hoặc người chứng kiến đã ký', 'If not signed: the commune official or witness who signed'),
              maxLength: 300,
            },
            { key: 'detectedByEquipment', type: 'boolean', label: t('Phát hiện bằng phương tiện kỹ thuật nghiệp vụ', 'Detected with technical equipment') },
            { ...evidenceField, prefill: FROM_INSPECTION('A8', 'evidence') },
          ],
        },
        constraints: [
          rule(
            'VIOLATION_AFTER_RECORD',
            cmp(field('violationDate'), 'LTE', field('recordedAt')),
            t('Thời gian vi phạm không thể sau ngày lập biên bản', 'The violation cannot be dated after the record'),
            `${LAW}, Điều 58`,
            'violationDate',
          ),
          rule(
            'RECORD_NOT_SIGNED',
            anyOf(equals('violatorSigned', true, 'B1'), present('witnessName', 'B1')),
            t(
              'Biên bản phải có chữ ký người vi phạm; nếu họ không ký, phải có chữ ký của đại diện chính quyền cấp xã hoặc người chứng kiến',
              'The record needs the violator’s signature or, if they refuse, the commune official’s or a witness’s',
            ),
            `${LAW}, Điều 58(3)`,
            'violatorSigned',
          ),
          rule(
            'EXPLANATION_NOTICE_MISSING',
            anyOf(not(RIGHT_TO_EXPLAIN), present('explanationNotice', 'B1')),
            t('Vụ việc có quyền giải trình: biên bản phải ghi quyền và thời hạn giải trình', 'The party may explain: the record must state that right and its time limit'),
            `${LAW}, Điều 58(2), 61(1)`,
            'explanationNotice',
          ),
          ...(version >= 10 ? DETECTION_RULES : []),
          ...(version >= 11 ? SANCTION_EVASION_RULES : []),
          ...(version >= 19 ? evasionWithinPeriod(actStart('B1'), shortestPeriodMonths()) : []),
        ],
        // Law Art. 6: 1 year, 2 years for trade, counterfeit and price violations — from the catalogue row of each act.
        guard: {
          from: { stepId: 'B1', field: 'violationDate' },
          ...(version >= 10 ? { fromExpr: limitationFromB1(version) } : {}),
          amount: 12,
          unit: 'months',
          // Version 7: act by act (the shortest period), so that an act barred by its own period is not recorded with one whose period is longer.
          amountExpr: times(agg(version >= 7 ? 'MIN' : 'MAX', 'acts', 'violation.limitationYears'), constant(12)),
          judgedOn: 'recordedAt',
          // Version 12: not on the transfer for signs of a crime; the administrative limitation bars the sanction, not the criminal body's review (Art. 62(1)).
          ...(version >= 12 ? { outcomes: ['RECORDED', 'TRANSFER_NEEDED'] } : {}),
          code: 'LIMITATION_EXPIRED',
          message:
            version >= 7
              ? t(
                  'Đã hết thời hiệu xử phạt của ít nhất một hành vi trong biên bản (01 năm, hoặc 02 năm với lĩnh vực thương mại, hàng giả, giá…): hành vi đã hết thời hiệu không được xử phạt, bỏ hành vi đó khỏi biên bản',
                  'The limitation period of at least one recorded act has expired (1 year, 2 years for trade, counterfeits, prices…): an act past its period may not be sanctioned, leave it out of the record',
                )
              : t('Đã hết thời hiệu xử phạt vi phạm hành chính', 'The limitation period for sanctioning has expired'),
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
          // Version 7: from the record's date (the day it states; it states no hour), not from when it was entered in INS.
          anchor: version >= 7 ? { kind: 'FIELD_DATE', stepId: 'B1', field: 'recordedAt' } : { kind: 'STEP_COMPLETED', stepId: 'B1' },
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
        // Version 6: verification gives the decision a month instead of 7 working days (Art. 66(1)): what is to be verified is stated.
        ...(version >= 6
          ? {
              constraints: [
                rule(
                  'VERIFICATION_NOT_STATED',
                  anyOf(not(equals('needsVerification', true)), present('verificationNote')),
                  t('Cần xác minh tình tiết: phải ghi nội dung xác minh (thời hạn ra quyết định khi đó là 01 tháng)', 'Facts to verify: state what is verified (the decision then has a month)'),
                  `${LAW}, Điều 59, 66(1)`,
                  'verificationNote',
                ),
                // Version 7: only while the shorter period runs — declared after it, the month would revive a period that has ended (docs/adr/0205, 0208).
                ...(version >= 7 ? [VERIFICATION_WHILE_THE_PERIOD_RUNS] : []),
              ],
            }
          : {}),
        ...(version >= 7 ? { windows: DECISION_PERIODS } : {}),
        outcomes: [
          {
            id: 'EXPLANATION_RIGHT',
            title: t('Có quyền giải trình', 'Right to explain'),
            next: ['B4'],
            requires: [
              rule(
                'NO_RIGHT_TO_EXPLAIN',
                RIGHT_TO_EXPLAIN,
                t(
                  'Khung phạt chưa đến ngưỡng có quyền giải trình và không có hình thức tước giấy phép, đình chỉ hoạt động',
                  'The bracket is below the right-to-explain threshold and no licence withdrawal or suspension is possible',
                ),
                `${LAW}, Điều 61(1)`,
              ),
            ],
          },
          {
            id: 'NO_EXPLANATION_RIGHT',
            title: t('Không thuộc trường hợp giải trình', 'No right to explain'),
            next: ['B6'],
            requires: [
              rule(
                'RIGHT_TO_EXPLAIN_APPLIES',
                not(RIGHT_TO_EXPLAIN),
                t('Vụ việc thuộc trường hợp có quyền giải trình: phải bảo đảm quyền giải trình', 'The party has the right to explain: it must be respected'),
                `${LAW}, Điều 61(1)`,
              ),
            ],
          },
          ...(version >= 7 ? [CRIMINAL_SIGNS_WHILE_CONSIDERED] : []),
        ],
      },
      {
        id: 'B4',
        title: t('Giải trình (bằng văn bản hoặc trực tiếp)', 'Explanation (written or at a hearing)'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD', 'DIRECTOR'],
        legalBasis: `${LAW}, Điều 61(2), (3)`,
        form: {
          fields: [
            { key: 'explainedOn', type: 'date', label: t('Ngày nhận văn bản giải trình', 'Written explanation received on'), notInFuture: true },
            { key: 'explanation', type: 'text', label: t('Nội dung giải trình / biên bản phiên giải trình', 'Explanation or hearing minutes'), multiline: true },
            { key: 'documents', type: 'file', label: t('Văn bản giải trình', 'Documents'), maxFiles: 20 },
            { key: 'hearingRequestedOn', type: 'date', label: t('Ngày người vi phạm yêu cầu giải trình trực tiếp', 'Hearing requested on'), notInFuture: true },
            { key: 'hearingDate', type: 'date', label: t('Ngày tổ chức phiên giải trình trực tiếp', 'Hearing held on'), notInFuture: true },
            { key: 'hearingMinutesNo', type: 'text', label: t('Số biên bản phiên giải trình', 'Hearing minutes number'), maxLength: 60 },
            { key: 'waivedInWriting', type: 'boolean', label: t('Người vi phạm có văn bản từ chối giải trình', 'The party waived the explanation in writing') },
            { key: 'waiverDocument', type: 'file', label: t('Văn bản từ chối giải trình', 'Written waiver'), maxFiles: 5 },
          ],
        },
        // 5 working days from the date of the record [P] (legal parameter explainWrittenWorkingDays); the party's period.
        deadline: {
          amount: 5,
          amountParam: 'explainWrittenWorkingDays',
          unit: 'working_days',
          anchor: { kind: 'FIELD_DATE', stepId: 'B1', field: 'recordedAt' },
          binds: 'PARTY',
          legalBasis: `${LAW}, Điều 61(2) — 05 ngày làm việc kể từ ngày lập biên bản (cần xác nhận)`,
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
        windows: [
          {
            id: 'hearingRequest',
            amount: 2,
            amountParam: 'directExplainRequestWorkingDays',
            unit: 'working_days',
            anchor: { kind: 'FIELD_DATE', stepId: 'B1', field: 'recordedAt' },
            binds: 'PARTY',
            legalBasis: `${LAW}, Điều 61(3): yêu cầu giải trình trực tiếp trong 02 ngày làm việc kể từ ngày lập biên bản (cần xác nhận)`,
          },
        ],
        constraints: [
          rule(
            'EXPLANATION_BEFORE_RECORD',
            cmp(field('explainedOn'), 'GTE', field('recordedAt', 'B1')),
            t('Ngày giải trình trước ngày lập biên bản', 'The explanation is dated before the record'),
            `${LAW}, Điều 61(2)`,
            'explainedOn',
          ),
          rule(
            'HEARING_REQUEST_BEFORE_RECORD',
            cmp(field('hearingRequestedOn'), 'GTE', field('recordedAt', 'B1')),
            t('Ngày yêu cầu giải trình trực tiếp trước ngày lập biên bản', 'The hearing request is dated before the record'),
            `${LAW}, Điều 61(3)`,
            'hearingRequestedOn',
          ),
        ],
        outcomes: [
          {
            id: 'EXPLAINED_IN_WRITING',
            title: t('Đã giải trình bằng văn bản', 'Explained in writing'),
            next: ['B6'],
            requires: [
              rule(
                'EXPLANATION_DATE_MISSING',
                present('explainedOn'),
                t('Ghi ngày nhận văn bản giải trình', 'Give the date the written explanation was received'),
                `${LAW}, Điều 61(2)`,
                'explainedOn',
              ),
              rule(
                'EXPLANATION_MISSING',
                anyOf(present('explanation'), present('documents')),
                t('Ghi nội dung hoặc đính kèm văn bản giải trình', 'Give the explanation or attach it'),
                `${LAW}, Điều 61(2)`,
                'explanation',
              ),
              // Version 7: a hearing asked for in time must be held, whatever else the party sent (Art. 61(3)).
              ...(version >= 7 ? [HEARING_ASKED_IN_TIME_NOT_HELD] : []),
            ],
          },
          {
            id: 'HEARING_HELD',
            title: t('Đã tổ chức phiên giải trình trực tiếp', 'Hearing held'),
            next: ['B6'],
            requires: [
              rule(
                'HEARING_REQUEST_MISSING',
                present('hearingRequestedOn'),
                t('Ghi ngày người vi phạm yêu cầu giải trình trực tiếp', 'Give the date the party asked for a hearing'),
                `${LAW}, Điều 61(3)`,
                'hearingRequestedOn',
              ),
              rule(
                'HEARING_REQUEST_LATE',
                cmp(field('hearingRequestedOn'), 'LTE', dueOf(undefined, 'hearingRequest')),
                t('Yêu cầu giải trình trực tiếp quá 02 ngày làm việc kể từ ngày lập biên bản', 'The hearing was asked for more than 2 working days after the record'),
                `${LAW}, Điều 61(3)`,
                'hearingRequestedOn',
              ),
              rule(
                'HEARING_DATE_MISSING',
                allOf(present('hearingDate'), present('hearingMinutesNo')),
                t('Ghi ngày và số biên bản phiên giải trình', 'Give the hearing date and its minutes number'),
                `${LAW}, Điều 61(3)`,
                'hearingDate',
              ),
              rule(
                'HEARING_BEFORE_REQUEST',
                cmp(field('hearingDate'), 'GTE', field('hearingRequestedOn')),
                t('Phiên giải trình không thể trước ngày có yêu cầu', 'The hearing cannot precede the request'),
                `${LAW}, Điều 61(3)`,
                'hearingDate',
              ),
            ],
          },
          {
            id: 'NO_EXPLANATION',
            title: t('Không giải trình', 'Did not explain'),
            next: ['B6'],
            requires: [
              rule(
                'EXPLANATION_WINDOW_OPEN',
                anyOf(afterDeadline(), allOf(equals('waivedInWriting', true), present('waiverDocument'))),
                t(
                  'Thời hạn giải trình chưa hết: chỉ ghi "không giải trình" sau khi hết hạn, hoặc khi người vi phạm có văn bản từ chối',
                  'The time to explain has not run out: record "did not explain" only after it, or with a written waiver',
                ),
                `${LAW}, Điều 61(2)`,
                'waivedInWriting',
              ),
              rule(
                'HEARING_REQUESTED_NOT_HELD',
                not(present('hearingRequestedOn')),
                t('Người vi phạm đã yêu cầu giải trình trực tiếp: phải tổ chức phiên giải trình', 'The party asked for a hearing: it must be held'),
                `${LAW}, Điều 61(3)`,
                'hearingRequestedOn',
              ),
            ],
          },
          ...(version >= 7 ? [CRIMINAL_SIGNS_WHILE_CONSIDERED] : []),
        ],
      },
      {
        id: 'B6',
        title: t('Ra quyết định xử phạt vi phạm hành chính', 'Issue the penalty decision'),
        roles: ['DIRECTOR', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 66, 68`,
        form: {
          fields: [
            ...(version >= 9 ? decisionFields.map((f) => ({ ...f, required: false })) : decisionFields),
            version >= 9 ? { ...sanctionField(true), required: false } : sanctionField(true),
            ...amountFields,
            { key: 'additionalSanctions', type: 'text', label: t('Hình thức xử phạt bổ sung (tịch thu tang vật…)', 'Additional sanctions (confiscation…)'), multiline: true },
            { key: 'confiscatedValue', type: 'money', label: t('Trị giá tang vật bị tịch thu', 'Value of the goods confiscated') },
            { key: 'remedialMeasures', type: 'text', label: t('Biện pháp khắc phục hậu quả', 'Remedial measures'), multiline: true },
            ...(version >= 13 ? [COMPLIANCE_DAYS_FIELD] : []),
            ...(version >= 19 ? DECISION_EVASION_FIELDS : []),
          ],
        },
        deadline: {
          amount: 7,
          amountParam: 'decisionWorkingDays',
          unit: 'working_days',
          // Art. 66(1): from the date of the record, not from when it was entered in INS.
          anchor: { kind: 'FIELD_DATE', stepId: 'B1', field: 'recordedAt' },
          legalBasis: `${LAW}, Điều 66(1): 07 ngày làm việc kể từ ngày lập biên bản`,
          variants: [
            {
              when: RETURNED,
              amount: 30,
              amountParam: 'criminalReverseDecisionDays',
              unit: 'days',
              anchor: { kind: 'FIELD_DATE', stepId: 'BF', field: 'fileReceivedOn' },
              legalBasis: `${LAW}, Điều 63(2): 30 ngày kể từ ngày nhận hồ sơ do cơ quan tố tụng chuyển trả`,
            },
            {
              when: NEEDS_ONE_MONTH,
              amount: 1,
              amountParam: 'decisionExplainMonths',
              unit: 'months',
              legalBasis: `${LAW}, Điều 66(1)(b): 01 tháng kể từ ngày lập biên bản khi có quyền giải trình hoặc phải xác minh`,
            },
            {
              when: outcomeIs('B1', 'TRANSFER_NEEDED'),
              amount: 10,
              amountParam: 'decisionTransferWorkingDays',
              unit: 'working_days',
              legalBasis: `${LAW}, Điều 66(1): 10 ngày làm việc kể từ ngày lập biên bản khi phải chuyển hồ sơ`,
            },
          ],
          // Past the deadline no penalty may be imposed (only remedial measures and confiscation), judged on the decision's date.
          hard: true,
          judgedOn: 'decisionDate',
          escalation: [
            { at: { kind: 'SHARE', share: 0.7 }, action: 'WARN', toRole: 'TEAM_LEAD' },
            { at: { kind: 'SHARE', share: 0.9 }, action: 'ESCALATE', toRole: 'DIRECTOR' },
            { at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'DIRECTOR' },
          ],
        },
        // Art. 66(1)(c): 2 months in all for especially serious or complex cases, with the direct superior's written approval;
        // Art. 63(3): 45 days in all for a returned file that needs more verification.
        extension: {
          grantRoles: ['DIRECTOR'],
          maxCount: 1,
          maxAmount: 1,
          unit: 'months',
          legalBasis: `${LAW}, Điều 66(1)(c): gia hạn không quá 01 tháng (tổng 02 tháng) khi thủ trưởng trực tiếp đồng ý bằng văn bản`,
          when: NEEDS_ONE_MONTH,
          ...(version >= 14
            ? {
                bySuperior: {
                  legalBasis: `${LAW}, Điều 66(1)(c): người có thẩm quyền đang giải quyết vụ việc phải báo cáo thủ trưởng trực tiếp của mình bằng văn bản để xin gia hạn; việc gia hạn phải bằng văn bản`,
                },
              }
            : {}),
          variants: [{ when: RETURNED, maxCount: 1, maxAmount: 15, unit: 'days', legalBasis: `${LAW}, Điều 63(3): tối đa 45 ngày khi cần xác minh thêm` }],
        },
        constraints: [
          rule(
            'DECISION_BEFORE_RECORD',
            cmp(field('decisionDate'), 'GTE', field('recordedAt', 'B1')),
            t('Ngày quyết định trước ngày lập biên bản', 'The decision is dated before the record'),
            `${LAW}, Điều 66`,
            'decisionDate',
          ),
          rule(
            'DECISION_BEFORE_RETURN',
            anyOf(not(RETURNED), cmp(field('decisionDate'), 'GTE', field('fileReceivedOn', 'BF'))),
            t('Ngày quyết định trước ngày nhận lại hồ sơ từ cơ quan tố tụng', 'The decision is dated before the file came back'),
            `${LAW}, Điều 63(2)`,
            'decisionDate',
          ),
          ...(version >= 7 ? DECISION_AFTER_EXPLANATION : []),
          ...(version >= 13 ? [COMPLIANCE_LONGER] : []),
          ...(version >= 19 ? DECISION_EVASION_RULES : []),
        ],
        outcomes: [
          {
            id: 'DECIDED',
            title: t('Đã ra quyết định xử phạt', 'Decided'),
            next: ['B8'],
            // Version 8: the acts whose limitation period ended before the decision's date are not sanctioned (Art. 65(1)(b)).
            requires: [...(version >= 9 ? [...DECISION_PAPER, SANCTION_CHOSEN] : []), ...sanctionRules('B1', version >= 6, version >= 8 ? actsInLimitationOnDecision(version) : undefined)],
            competence: fineCompetence('B1', OFFENDER_B1, version >= 8 ? actsInLimitationOnDecision(version) : undefined),
          },
          {
            id: 'MEASURES_ONLY',
            title: t('Không xử phạt: chỉ tịch thu, buộc khắc phục hậu quả (quá thời hạn hoặc hết thời hiệu)', 'No penalty: confiscation and remedial measures only (time limit or limitation passed)'),
            next: ['B8'],
            afterDeadline: true,
            legalBasis: `${LAW}, Điều 65(1)(c), (2); Điều 66`,
            requires: [
              ...(version >= 9 ? DECISION_PAPER : []),
              rule(
                'DEADLINE_NOT_PASSED',
                anyOf(cmp(field('decisionDate'), 'GT', dueOf()), cmp(field('decisionDate'), 'GT', addMonths(limitationOnDecision(version), LIMITATION_MONTHS_B1))),
                t('Còn thời hạn và thời hiệu xử phạt: phải ra quyết định xử phạt', 'The time limit and the limitation period still run: a penalty decision is due'),
                `${LAW}, Điều 65(1), 66`,
                'decisionDate',
              ),
              rule(
                'SANCTION_NOT_NONE',
                equals('sanction', 'NONE'),
                t('Quá thời hạn: không được áp dụng hình thức xử phạt chính', 'Past the time limit no warning or fine may be imposed'),
                `${LAW}, Điều 65(1)(c), 66`,
                'sanction',
              ),
              rule(
                'NO_FINE_AFTER_DEADLINE',
                anyOf(not(present('fineAmount')), cmp(field('fineAmount'), 'EQ', constant(0))),
                t('Quá thời hạn: không được phạt tiền', 'Past the time limit no fine may be imposed'),
                `${LAW}, Điều 65(1)(c), 66`,
                'fineAmount',
              ),
              rule(
                'MEASURES_MISSING',
                anyOf(present('additionalSanctions'), present('remedialMeasures')),
                t('Ghi biện pháp tịch thu hoặc khắc phục hậu quả được áp dụng', 'Give the confiscation or remedial measures decided'),
                `${LAW}, Điều 65(2)`,
                'remedialMeasures',
              ),
            ],
          },
          ...(version >= 9 ? [CRIMINAL_SIGNS_AT_DECISION] : []),
        ],
        // The limitation period (Art. 6) also bars the decision itself, judged on its date.
        guard: {
          from: { stepId: 'B1', field: 'violationDate' },
          ...(version >= 10 ? { fromExpr: limitationOnDecision(version) } : {}),
          amount: 12,
          unit: 'months',
          amountExpr: LIMITATION_MONTHS_B1,
          judgedOn: 'decisionDate',
          outcomes: ['DECIDED'],
          code: 'LIMITATION_EXPIRED',
          message: t(
            'Đã hết thời hiệu xử phạt vào ngày quyết định: chỉ còn tịch thu, khắc phục hậu quả',
            'The limitation period ended before the decision date: only confiscation and remedial measures remain',
          ),
          legalBasis: `${LAW}, Điều 6, 65(1)(b)`,
        },
      },
      deliveryStep({
        id: 'B8',
        title: t('Giao quyết định xử phạt', 'Deliver the decision'),
        decisionStep: 'B6',
        next: 'B9',
        receivedHelp: t('Thời hạn 10 ngày tự nguyện chấp hành tính từ ngày này (Điều 73)', 'The 10 days to comply count from this date (Art. 73)'),
      }),
      {
        id: 'B9',
        title: t('Theo dõi chấp hành, nộp phạt', 'Follow compliance and payment'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
        legalBasis: `${LAW}, Điều 73, 78`,
        form: {
          fields:
            version >= 18
              ? [...paymentFields, ...COLLECTION_FIELDS, EVASION_FIELD, REQUEST_RECEIVED_FIELD]
              : version >= 15
                ? [...paymentFields, EVASION_FIELD, REQUEST_RECEIVED_FIELD]
                : version >= 8
                  ? [...paymentFields, EVASION_FIELD]
                  : paymentFields,
        },
        // 10 calendar days from receipt (Art. 73(1)): the party's period; the end moves off a holiday (Civil Code Art. 148).
        deadline: {
          amount: 10,
          amountParam: 'complianceDays',
          unit: 'days',
          anchor: { kind: 'FIELD_DATE', stepId: 'B8', field: 'receivedDate' },
          binds: 'PARTY',
          legalBasis: `${LAW}, Điều 73(1): 10 ngày kể từ ngày nhận quyết định`,
          ...(version >= 13 ? { variants: [complianceAsDecided('B6')] } : {}),
        },
        outcomes: [
          {
            id: 'PAID',
            title: t('Đã nộp đủ tiền phạt', 'Fine paid in full'),
            next: ['B17'],
            requires: [nothingToPay(FINE_DECIDED), ...paidInFull(field('fineAmount', 'B6'), field('decisionDate', 'B6'), dueOf(), version >= 4), ...(version >= 8 ? WITHIN_EXECUTION_LIMITATION : [])],
          },
          ...(version >= 18
            ? [
                collectedOutcome('B18', [
                  nothingToPay(FINE_DECIDED),
                  ...COLLECTED_WHERE_ALLOWED,
                  ...paidInFull(field('fineAmount', 'B6'), field('decisionDate', 'B6'), dueOf(), true),
                  ...WITHIN_EXECUTION_LIMITATION,
                ]),
              ]
            : []),
          compliedOutcome(FINE_DECIDED, 'B17'),
          notCompliedOutcome('B15'),
          postponementRequested(B6_FINE, 'B12', version >= 15),
          instalmentsRequested(B6_FINE, 'B13', version >= 15),
          {
            id: 'CRIMINAL_SIGNS',
            title: t('Phát hiện dấu hiệu tội phạm sau khi ra quyết định', 'Signs of a crime after the decision'),
            next: ['B62'],
            legalBasis: `${LAW}, Điều 62(2)`,
            // Version 8: only while the decision may still be executed (Art. 62(2): "còn thời hiệu thi hành").
            ...(version >= 8
              ? {
                  requires: [
                    rule(
                      'SIGNS_AFTER_EXECUTION_LIMITATION',
                      cmp(today(), 'LTE', EXECUTION_LIMITATION_ENDS),
                      t(
                        'Đã hết thời hiệu thi hành quyết định xử phạt: không tạm đình chỉ để chuyển hồ sơ theo Điều 62(2)',
                        'The execution limitation has ended: the decision is no longer suspended to transfer the file under Art. 62(2)',
                      ),
                      `${LAW}, Điều 62(2), 74`,
                      'evasionEndedOn',
                    ),
                  ],
                }
              : {}),
          },
        ],
      },
      postponementStep({ id: 'B12', fine: B6_FINE, next: 'B14', back: 'B9', ...(version >= 15 ? { requestedAt: 'B9' } : {}), ...(version >= 16 ? { certified: true } : {}) }),
      instalmentStep({
        id: 'B13',
        fine: B6_FINE,
        next: 'B14',
        back: 'B9',
        ...(version >= 15 ? { requestedAt: 'B9' } : {}),
        ...(version >= 16 ? { certified: true } : {}),
        ...(version >= 17 ? { byDecider: true } : {}),
      }),
      paymentUnderDecisionStep({
        id: 'B14',
        fine: B6_FINE,
        postponement: 'B12',
        instalments: 'B13',
        paid: 'B17',
        enforce: 'B15',
        evasion: version >= 8,
        onUnpaidPart: version >= 4,
        limitation: version >= 8 ? WITHIN_EXECUTION_LIMITATION : [],
      }),
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
        subProcedure: {
          procedureId: 'ins-enforcement',
          // Art. 74: the execution limitation runs from the decision, or from the end of a postponement.
          facts: {
            decisionDate: field('decisionDate', 'B6'),
            executionFrom: EXECUTION_FROM,
            fineAmount: field('fineAmount', 'B6'),
            // Version 7: the last day the party could comply of its own accord, the 10 days or the postponement or instalments (Art. 73, 76, 79); coercion only after it (Art. 86).
            ...(version >= 7 ? { complianceDueDate: latest(dueOf('B9'), dueOf('B14')) } : {}),
          },
        },
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
        subProcedure: { procedureId: 'ins-criminal-referral', facts: { returnsToCase: constant(true) } },
        // Filled from the referral case when it closes.
        form: { fields: [{ key: 'fileReceivedOn', type: 'date', label: t('Ngày nhận lại hồ sơ từ cơ quan tố tụng', 'File received back on') }] },
        outcomes: [
          { id: 'PROSECUTED', title: t('Cơ quan tố tụng khởi tố', 'Prosecuted'), next: [], closesCase: true },
          {
            id: 'RETURNED_TO_CASE',
            title: t('Hồ sơ được chuyển trả: xem xét ra quyết định xử phạt', 'File returned: the penalty decision is considered'),
            next: ['B6'],
            legalBasis: `${LAW}, Điều 63`,
          },
        ],
      },
      ...(version >= 18 ? [remittanceStep({ id: 'B18', collectedAt: 'B9', next: 'B17' })] : []),
      archiveStep('B17', { id: 'CLOSED', title: t('Kết thúc, lưu trữ', 'Closed and archived') }),
    ],
  };
}

/**
 * Penalty version 18 (docs/adr/0232): a fine the officer collects on the spot. Art. 78(1) has it
 * paid at the State Treasury or into its account; only in remote, border or mountain areas where
 * travel is hard (78(2)), or when sanctioning at sea or outside office hours (78(3)), may the party
 * pay it to the person competent to sanction, who gives the receipt and pays it into the Treasury:
 * within 7 days of collecting it (78(2)); within 2 working days of coming ashore or of collecting it
 * (78(3)). Texts of 2012 as quoted by secondary sources; the 2020 wording of 78(2) is the same in
 * substance.
 */
const COLLECTION_FIELDS: TField[] = [
  {
    key: 'collection',
    type: 'enum',
    label: t('Trường hợp thu tiền phạt tại chỗ (chỉ khi thu tại chỗ)', 'Why the fine was collected on the spot (only then)'),
    options: [
      { value: 'REMOTE_AREA', label: t('Vùng sâu, vùng xa, biên giới, miền núi, đi lại khó khăn (Điều 78(2))', 'Remote, border or mountain area, travel hard (Art. 78(2))') },
      { value: 'AT_SEA', label: t('Xử phạt trên biển (Điều 78(3))', 'Sanctioned at sea (Art. 78(3))') },
      { value: 'AFTER_HOURS', label: t('Xử phạt ngoài giờ hành chính (Điều 78(3))', 'Sanctioned outside office hours (Art. 78(3))') },
    ],
  },
  { key: 'ashoreOn', type: 'date', label: t('Ngày vào đến bờ (xử phạt trên biển)', 'Day ashore (sanctioned at sea)'), notInFuture: true },
];
const COLLECTED_WHERE_ALLOWED = [
  rule(
    'COLLECTION_NOT_ALLOWED',
    present('collection'),
    t(
      'Chỉ được thu tiền phạt tại chỗ ở vùng sâu, vùng xa, biên giới, miền núi đi lại khó khăn, khi xử phạt trên biển hoặc ngoài giờ hành chính: chọn trường hợp; nếu không, tiền phạt nộp tại Kho bạc Nhà nước',
      'A fine may be collected on the spot only in a remote, border or mountain area, at sea or outside office hours: choose which; otherwise it is paid at the State Treasury',
    ),
    `${LAW}, Điều 78(1)–(3)`,
    'collection',
  ),
  rule(
    'ASHORE_MISSING',
    anyOf(not(equals('collection', 'AT_SEA')), present('ashoreOn')),
    t('Xử phạt trên biển: ghi ngày vào đến bờ', 'Sanctioned at sea: give the day ashore'),
    `${LAW}, Điều 78(3)`,
    'ashoreOn',
  ),
  rule(
    'ASHORE_BEFORE_COLLECTED',
    cmp(field('ashoreOn'), 'GTE', field('paidDate')),
    t('Ngày vào đến bờ trước ngày thu tiền phạt trên biển', 'The day ashore is before the fine was collected at sea'),
    `${LAW}, Điều 78(3)`,
    'ashoreOn',
  ),
];

/** The fine paid to the officer on the spot (Art. 78(2)–(3)), as proven and in full as a payment at the Treasury (`requires`), then paid into it (`next`). */
const collectedOutcome = (next: string, requires: TRequirement[]) => ({
  id: 'COLLECTED',
  title: t('Đã thu tiền phạt tại chỗ (giao biên lai thu tiền phạt)', 'Fine collected on the spot (receipt given)'),
  next: [next],
  legalBasis: `${LAW}, Điều 78(2), (3)`,
  requires,
});

/** The fine collected on the spot (`collectedAt`'s `COLLECTED`) paid into the Treasury within its days (Art. 78(2)–(3)); the agency's period. Then `next`, or the case closes. */
function remittanceStep(p: { id: string; collectedAt: string; next?: string }): TProcedureInput['steps'][number] {
  const on = (fieldKey: string) => ({ kind: 'FIELD_DATE' as const, stepId: p.collectedAt, field: fieldKey });
  return {
    id: p.id,
    title: t('Nộp tiền phạt đã thu tại chỗ vào Kho bạc Nhà nước', 'Pay the fine collected on the spot into the State Treasury'),
    roles: ['INSPECTOR', 'LEGAL_OFFICER', 'TEAM_LEAD'],
    legalBasis: `${LAW}, Điều 78(2), (3)`,
    form: {
      fields: [
        { key: 'remittedOn', type: 'date', label: t('Ngày nộp vào Kho bạc Nhà nước', 'Paid into the Treasury on'), required: true, notInFuture: true },
        { key: 'remittanceNo', type: 'text', label: t('Số chứng từ nộp tiền vào Kho bạc', 'Treasury deposit reference'), required: true, maxLength: 60 },
      ],
    },
    deadline: {
      amount: 7,
      amountParam: 'remittanceDays',
      unit: 'days',
      anchor: on('paidDate'),
      legalBasis: `${LAW}, Điều 78(2): không quá 07 ngày kể từ ngày thu tiền phạt`,
      variants: [
        {
          when: equals('collection', 'AT_SEA', p.collectedAt),
          amount: 2,
          amountParam: 'remittanceWorkingDays',
          unit: 'working_days',
          anchor: on('ashoreOn'),
          legalBasis: `${LAW}, Điều 78(3): 02 ngày làm việc kể từ ngày vào đến bờ`,
        },
        {
          when: equals('collection', 'AFTER_HOURS', p.collectedAt),
          amount: 2,
          amountParam: 'remittanceWorkingDays',
          unit: 'working_days',
          legalBasis: `${LAW}, Điều 78(3): 02 ngày làm việc kể từ ngày thu tiền phạt`,
        },
      ],
      escalation: [
        { at: { kind: 'SHARE', share: 0.6 }, action: 'WARN', toRole: 'TEAM_LEAD' },
        { at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'DIRECTOR' },
      ],
    },
    outcomes: [
      {
        id: 'REMITTED',
        title: t('Đã nộp vào Kho bạc Nhà nước', 'Paid into the Treasury'),
        next: p.next ? [p.next] : [],
        requires: [
          rule(
            'REMITTED_BEFORE_COLLECTED',
            cmp(field('remittedOn'), 'GTE', field('paidDate', p.collectedAt)),
            t('Ngày nộp vào Kho bạc trước ngày thu tiền phạt', 'Paid into the Treasury before the fine was collected'),
            `${LAW}, Điều 78(2), (3)`,
            'remittedOn',
          ),
        ],
      },
    ],
  };
}

/** A payment recorded against a decision that imposed no fine (`fineDecided` fails): the party complied instead (Art. 73). */
const nothingToPay = (fineDecided: TCondition) =>
  rule('NOTHING_TO_PAY', fineDecided, t('Quyết định không phạt tiền: chọn "Đã chấp hành"', 'The decision imposes no fine: choose "Complied"'), `${LAW}, Điều 73`);

/** Complied with a decision that imposed no fine (a warning, confiscation, remedial measures): refused where it imposed one (`fineDecided`). */
const compliedOutcome = (fineDecided: TCondition, next: string) => ({
  id: 'COMPLIED',
  title: t('Đã chấp hành (cảnh cáo, tịch thu, khắc phục hậu quả)', 'Complied (warning, confiscation, remedial measures)'),
  next: [next],
  requires: [rule('FINE_UNPAID', not(fineDecided), t('Quyết định phạt tiền: phải có chứng từ nộp đủ tiền phạt', 'The decision imposes a fine: it must be paid in full'), `${LAW}, Điều 73, 78`)],
});

/** Not complied with once the voluntary period has run: coercion (Art. 86). */
const notCompliedOutcome = (next: string) => ({
  id: 'NOT_COMPLIED',
  title: t('Không tự nguyện chấp hành: cưỡng chế', 'Not complied: enforcement'),
  next: [next],
  legalBasis: `${LAW}, Điều 86`,
  requires: [VOLUNTARY_PERIOD_RUNNING(`${LAW}, Điều 73(1), 86`)],
});

/** The fine decision a payment follows: its step, the offender it names, and whether it imposed a fine (B6 of the penalty, F5 of a returned file). */
interface TFineDecision {
  step: string;
  offender: { stepId: string; field: string };
  decided: TCondition;
}
const B6_FINE: TFineDecision = { step: 'B6', offender: OFFENDER_B1, decided: FINE_DECIDED };

/**
 * The day the party's written request to postpone or to pay in instalments reached the agency
 * (penalty 15, referral 9; docs/adr/0225): the postponement's 5 days count from it (Art. 76(2)), and
 * neither decision may be dated before it.
 */
const REQUEST_RECEIVED_FIELD: TField = {
  key: 'requestReceivedOn',
  type: 'date',
  label: t('Ngày nhận đơn đề nghị hoãn / nộp tiền phạt nhiều lần', 'Day the request to postpone / pay in instalments was received'),
  notInFuture: true,
  help: t('Thời hạn xem xét, quyết định hoãn tính từ ngày này (Điều 76)', 'The time to decide on a postponement counts from this day (Art. 76)'),
};

/** With `received`: the request's day is given, and not before the decision it asks about. */
const requestReceived = (fine: TFineDecision, article: string, received: boolean) =>
  received
    ? [
        rule('REQUEST_DATE_MISSING', present('requestReceivedOn'), t('Ghi ngày nhận đơn đề nghị', 'Give the day the request was received'), `${LAW}, ${article}`, 'requestReceivedOn'),
        rule(
          'REQUEST_BEFORE_DECISION',
          cmp(field('requestReceivedOn'), 'GTE', field('decisionDate', fine.step)),
          t('Đơn đề nghị nhận trước ngày quyết định xử phạt', 'The request is dated before the penalty decision'),
          `${LAW}, ${article}`,
          'requestReceivedOn',
        ),
      ]
    : [];

/** The party asks to postpone the fine (Art. 76): a fine, at least the threshold for its offender on the decision's date. */
const postponementRequested = (fine: TFineDecision, next: string, received = false) => ({
  id: 'POSTPONEMENT_REQUESTED',
  title: t('Đề nghị hoãn thi hành quyết định phạt tiền', 'Postponement requested'),
  next: [next],
  requires: [
    rule('NOTHING_TO_PAY', fine.decided, t('Quyết định không phạt tiền: không có gì để hoãn', 'The decision imposes no fine: there is nothing to postpone'), `${LAW}, Điều 76`),
    rule(
      'POSTPONEMENT_THRESHOLD',
      cmp(field('fineAmount', fine.step), 'GTE', param({ individual: 'postponementMinIndividual', organization: 'postponementMinOrganization' }, field('decisionDate', fine.step), fine.offender)),
      t('Số tiền phạt chưa đến mức được xem xét hoãn', 'The fine is below the postponement threshold'),
      `${LAW}, Điều 76 (mức cần xác nhận)`,
    ),
    ...requestReceived(fine, 'Điều 76(2)', received),
  ],
});

/** The party asks to pay the fine in instalments (Art. 79): a fine, at least the threshold for its offender on the decision's date. */
const instalmentsRequested = (fine: TFineDecision, next: string, received = false) => ({
  id: 'INSTALMENTS_REQUESTED',
  title: t('Đề nghị nộp tiền phạt nhiều lần', 'Instalments requested'),
  next: [next],
  requires: [
    rule('NOTHING_TO_PAY', fine.decided, t('Quyết định không phạt tiền: không có gì để nộp nhiều lần', 'The decision imposes no fine: there is nothing to pay in instalments'), `${LAW}, Điều 79`),
    rule(
      'INSTALMENT_THRESHOLD',
      cmp(field('fineAmount', fine.step), 'GTE', param({ individual: 'instalmentMinIndividual', organization: 'instalmentMinOrganization' }, field('decisionDate', fine.step), fine.offender)),
      t('Số tiền phạt chưa đến mức được nộp nhiều lần', 'The fine is below the instalment threshold'),
      `${LAW}, Điều 79 (mức cần xác nhận)`,
    ),
    ...requestReceived(fine, 'Điều 79', received),
  ],
});

/**
 * Who certified the hardship a postponement or instalments are granted for (penalty 16, referral 10;
 * docs/adr/0228): the request must be certified by the People's Committee of the commune where the
 * person lives or the body where he or she studies or works (Art. 76(1), 79(1)(b) as in their 2012
 * texts), an organisation's by the tax office that manages it (Art. 79(1)(b)).
 */
const CERTIFIED_BY_FIELD: TField = {
  key: 'certifiedBy',
  type: 'text',
  maxLength: 300,
  label: t('Cơ quan, tổ chức xác nhận hoàn cảnh khó khăn', 'Body that certified the hardship'),
  help: t(
    'UBND cấp xã nơi cư trú, hoặc cơ quan, tổ chức nơi học tập, làm việc; cơ quan thuế quản lý trực tiếp đối với tổ chức',
    'The commune People’s Committee where the person lives, or the body where he or she studies or works; for an organisation, its tax office',
  ),
};
const HARDSHIP_FIELD: TField = {
  key: 'hardship',
  type: 'text',
  label: t('Hoàn cảnh kinh tế đặc biệt khó khăn (xác nhận)', 'Economic hardship (certified)'),
  multiline: true,
};
/** The certified hardship a postponement or instalments are granted for is written down (Art. 76(1), 79(1)(b)). */
const hardshipStated = (basis: string) =>
  rule('HARDSHIP_MISSING', present('hardship'), t('Ghi hoàn cảnh kinh tế đặc biệt khó khăn được xác nhận', 'Give the certified hardship'), `${LAW}, ${basis}`, 'hardship');
const hardshipCertified = (article: string) =>
  rule(
    'HARDSHIP_NOT_CERTIFIED',
    present('certifiedBy'),
    t('Ghi cơ quan, tổ chức đã xác nhận hoàn cảnh khó khăn trên đơn đề nghị', 'Give the body that certified the hardship on the request'),
    `${LAW}, ${article} (văn bản 2012; cần xác nhận)`,
    'certifiedBy',
  );

/** Neither decision on a request is dated before the request reached the agency (`requestedAt`: the step that recorded it). */
const decidedAfterRequest = (requestedAt: string, article: string) =>
  rule(
    'DECIDED_BEFORE_REQUEST',
    cmp(field('decisionDate'), 'GTE', field('requestReceivedOn', requestedAt)),
    t('Quyết định được ghi ngày trước ngày nhận đơn đề nghị', 'The decision is dated before the request was received'),
    `${LAW}, ${article}`,
    'decisionDate',
  );

/**
 * The postponement decision (Art. 76, form MQĐ03): certified hardship, dated from the fine's decision, for at most 3 months from its own date.
 * With `requestedAt` (penalty 15, referral 9; docs/adr/0225): decided within 5 days of the request's receipt (Art. 76(2) as in
 * its 2012 text; the 2020 text not obtained), by the title that made the fine's decision, and not dated before the request.
 * With `certified` (penalty 16, referral 10; docs/adr/0228): granted only with the body that certified the hardship.
 */
function postponementStep(p: { id: string; fine: TFineDecision; next: string; back: string; requestedAt?: string; certified?: boolean }): TProcedureInput['steps'][number] {
  return {
    id: p.id,
    title: t('Quyết định hoãn thi hành quyết định phạt tiền', 'Decide on the postponement'),
    roles: ['DIRECTOR', 'TEAM_LEAD'],
    legalBasis: `${LAW}, Điều 76; mẫu MQĐ03`,
    ...(p.requestedAt
      ? {
          deadline: {
            amount: 5,
            amountParam: 'postponementDecisionDays',
            unit: 'days' as const,
            anchor: { kind: 'FIELD_DATE' as const, stepId: p.requestedAt, field: 'requestReceivedOn' },
            legalBasis: `${LAW}, Điều 76(2): 05 ngày kể từ ngày nhận được đơn đề nghị (cần xác nhận)`,
            escalation: [
              { at: { kind: 'SHARE' as const, share: 0.6 }, action: 'WARN' as const, toRole: 'TEAM_LEAD' },
              { at: { kind: 'BREACH' as const }, action: 'ESCALATE' as const, toRole: 'DIRECTOR' },
            ],
          },
          constraints: [
            rule(
              'NOT_THE_DECIDER',
              cmp(roleOf(), 'EQ', roleOf(p.fine.step)),
              t('Người đã ra quyết định xử phạt (cùng chức danh) mới xem xét, quyết định hoãn thi hành quyết định đó', 'Only the title that made the penalty decision decides on its postponement'),
              `${LAW}, Điều 76(2)`,
            ),
            decidedAfterRequest(p.requestedAt, 'Điều 76(2)'),
          ],
        }
      : {}),
    form: {
      fields: [
        ...decisionFields.map((f) => ({ ...f, required: false })),
        { key: 'postponedUntil', type: 'date', label: t('Hoãn đến ngày (đề nghị / được chấp thuận)', 'Postponed until (asked / granted)'), required: true },
        HARDSHIP_FIELD,
        ...(p.certified ? [CERTIFIED_BY_FIELD] : []),
      ],
    },
    outcomes: [
      {
        id: 'POSTPONED',
        title: t('Đồng ý hoãn', 'Postponed'),
        next: [p.next],
        requires: [
          rule(
            'DECISION_MISSING',
            allOf(present('decisionNo'), present('decisionDate')),
            t('Thiếu số, ngày quyết định hoãn', 'The postponement decision’s number or date is missing'),
            `${LAW}, Điều 76`,
            'decisionNo',
          ),
          hardshipStated('Điều 76(1)'),
          ...(p.certified ? [hardshipCertified('Điều 76(1)')] : []),
          rule(
            'POSTPONEMENT_BEFORE_DECISION',
            cmp(field('decisionDate'), 'GTE', field('decisionDate', p.fine.step)),
            t('Quyết định hoãn trước quyết định xử phạt', 'The postponement is dated before the penalty decision'),
            `${LAW}, Điều 76`,
            'decisionDate',
          ),
          rule(
            'POSTPONEMENT_TOO_LONG',
            cmp(field('postponedUntil'), 'LTE', addMonths(field('decisionDate'), param('postponementMonths', field('decisionDate')))),
            t('Thời hạn hoãn vượt quá mức tối đa (03 tháng kể từ ngày quyết định hoãn)', 'The postponement is longer than allowed (3 months from the postponement decision)'),
            `${LAW}, Điều 76 (thời hạn cần xác nhận)`,
            'postponedUntil',
          ),
          rule(
            'POSTPONEMENT_IN_THE_PAST',
            cmp(field('postponedUntil'), 'GT', field('decisionDate')),
            t('Ngày hết hạn hoãn phải sau ngày quyết định hoãn', 'The postponement must end after its decision'),
            `${LAW}, Điều 76`,
            'postponedUntil',
          ),
        ],
      },
      { id: 'REFUSED', title: t('Không đồng ý hoãn', 'Refused'), next: [p.back] },
    ],
  };
}

/**
 * The instalment decision (Art. 79, form MQĐ05): at most 3 payments, the first at least 40 % of the fine, the last within 6 months of the fine's decision.
 * With `requestedAt` (penalty 15, referral 9): not dated before the request's receipt. With `certified` (penalty 16, referral 10;
 * docs/adr/0228): granted only for a hardship stated and certified, as a postponement is (Art. 79(1)(b) as in its 2012 text).
 */
function instalmentStep(p: {
  id: string;
  fine: TFineDecision;
  next: string;
  back: string;
  requestedAt?: string;
  certified?: boolean;
  /** Penalty 17, referral 11 (docs/adr/0229): decided by the title that made the fine's decision. */
  byDecider?: boolean;
}): TProcedureInput['steps'][number] {
  const decided = p.fine.step;
  const constraints = [
    ...(p.byDecider
      ? [
          rule(
            'NOT_THE_DECIDER',
            cmp(roleOf(), 'EQ', roleOf(decided)),
            t('Người đã ra quyết định phạt tiền (cùng chức danh) mới quyết định việc nộp tiền phạt nhiều lần', 'Only the title that made the fine’s decision decides on paying it in instalments'),
            `${LAW}, Điều 79 (văn bản 2012: "người đã ra quyết định phạt tiền có quyền quyết định việc nộp tiền phạt nhiều lần"; cần xác nhận)`,
          ),
        ]
      : []),
    ...(p.requestedAt ? [decidedAfterRequest(p.requestedAt, 'Điều 79')] : []),
  ];
  return {
    id: p.id,
    title: t('Quyết định nộp tiền phạt nhiều lần', 'Decide on instalments'),
    roles: ['DIRECTOR', 'TEAM_LEAD'],
    legalBasis: `${LAW}, Điều 79`,
    ...(constraints.length ? { constraints } : {}),
    form: {
      fields: [
        ...decisionFields.map((f) => ({ ...f, required: false })),
        { key: 'instalments', type: 'number', label: t('Số lần nộp', 'Number of instalments'), integer: true, min: 2 },
        { key: 'firstAmount', type: 'money', label: t('Số tiền nộp lần đầu', 'First instalment') },
        { key: 'lastDueDate', type: 'date', label: t('Hạn nộp lần cuối (đề nghị / được chấp thuận)', 'Last instalment due (asked / granted)'), required: true },
        ...(p.certified ? [HARDSHIP_FIELD, CERTIFIED_BY_FIELD] : []),
      ],
    },
    outcomes: [
      {
        id: 'INSTALMENTS_GRANTED',
        title: t('Đồng ý nộp nhiều lần', 'Granted'),
        next: [p.next],
        requires: [
          rule(
            'DECISION_MISSING',
            allOf(present('decisionNo'), present('decisionDate'), present('instalments'), present('firstAmount')),
            t('Thiếu số, ngày quyết định, số lần nộp hoặc số tiền lần đầu', 'Decision number or date, number of instalments or first amount missing'),
            `${LAW}, Điều 79`,
            'decisionNo',
          ),
          rule(
            'TOO_MANY_INSTALMENTS',
            cmp(field('instalments'), 'LTE', param('instalmentMaxCount', field('decisionDate', decided))),
            t('Số lần nộp vượt quá mức tối đa (03 lần)', 'More instalments than allowed (3)'),
            `${LAW}, Điều 79 (cần xác nhận)`,
            'instalments',
          ),
          rule(
            'FIRST_INSTALMENT_TOO_SMALL',
            cmp(field('firstAmount'), 'GTE', times(field('fineAmount', decided), param('instalmentFirstMinShare', field('decisionDate', decided)))),
            t('Lần nộp đầu phải ít nhất 40% tổng số tiền phạt', 'The first instalment must be at least 40 % of the fine'),
            `${LAW}, Điều 79 (cần xác nhận)`,
            'firstAmount',
          ),
          rule(
            'FIRST_INSTALMENT_TOO_LARGE',
            cmp(field('firstAmount'), 'LT', field('fineAmount', decided)),
            t('Lần nộp đầu đã bằng toàn bộ tiền phạt: không phải nộp nhiều lần', 'The first instalment is the whole fine: no instalments'),
            `${LAW}, Điều 79`,
            'firstAmount',
          ),
          rule(
            'INSTALMENTS_TOO_LONG',
            cmp(field('lastDueDate'), 'LTE', addMonths(field('decisionDate', decided), param('instalmentMaxMonths', field('decisionDate', decided)))),
            t('Thời hạn nộp nhiều lần vượt quá 06 tháng kể từ ngày quyết định xử phạt', 'The instalments run longer than 6 months from the penalty decision'),
            `${LAW}, Điều 79 (cần xác nhận)`,
            'lastDueDate',
          ),
          rule(
            'INSTALMENTS_BEFORE_DECISION',
            cmp(field('decisionDate'), 'GTE', field('decisionDate', decided)),
            t('Quyết định nộp nhiều lần trước quyết định xử phạt', 'The instalment decision is dated before the penalty decision'),
            `${LAW}, Điều 79`,
            'decisionDate',
          ),
          ...(p.certified ? [hardshipStated('Điều 79(1)(b) (văn bản 2012; cần xác nhận)'), hardshipCertified('Điều 79(1)(b)')] : []),
        ],
      },
      { id: 'REFUSED', title: t('Không đồng ý', 'Refused'), next: [p.back] },
    ],
  };
}

/**
 * The payment under a postponement or instalments (Art. 76, 79): due by the postponement's end or the
 * last instalment's date, moved off a day off; paid in full with the surcharge after that day, or
 * coerced once it has passed. `onUnpaidPart`, `evasion` and `limitation` are the penalty versions'
 * own choices (4 and 8 on).
 */
function paymentUnderDecisionStep(p: {
  id: string;
  fine: TFineDecision;
  postponement: string;
  instalments: string;
  paid: string;
  enforce: string;
  evasion: boolean;
  onUnpaidPart: boolean;
  limitation: ReturnType<typeof withinExecutionLimitation>;
}): TProcedureInput['steps'][number] {
  return {
    id: p.id,
    title: t('Theo dõi nộp phạt theo quyết định hoãn / nộp nhiều lần', 'Follow payment under the postponement or instalments'),
    roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
    legalBasis: `${LAW}, Điều 76, 79`,
    form: { fields: p.evasion ? [...paymentFields, EVASION_FIELD] : paymentFields },
    // By the end of the postponement or of the last instalment (a date in the decision; moved off a day off).
    deadline: {
      amount: 0,
      unit: 'days',
      anchor: { kind: 'FIELD_DATE', stepId: p.instalments, field: 'lastDueDate' },
      binds: 'PARTY',
      legalBasis: `${LAW}, Điều 79: hạn nộp lần cuối theo quyết định`,
      variants: [
        {
          when: outcomeIs(p.postponement, 'POSTPONED'),
          amount: 0,
          unit: 'days',
          anchor: { kind: 'FIELD_DATE', stepId: p.postponement, field: 'postponedUntil' },
          legalBasis: `${LAW}, Điều 76: hết thời hạn hoãn`,
        },
      ],
      escalation: STANDARD_LADDER,
    },
    outcomes: [
      {
        id: 'PAID',
        title: t('Đã nộp đủ', 'Paid in full'),
        next: [p.paid],
        requires: [...paidInFull(field('fineAmount', p.fine.step), field('decisionDate', p.fine.step), dueOf(), p.onUnpaidPart), ...p.limitation],
      },
      { id: 'NOT_COMPLIED', title: t('Không nộp: cưỡng chế', 'Not paid: enforcement'), next: [p.enforce], requires: [VOLUNTARY_PERIOD_RUNNING(`${LAW}, Điều 76, 79, 86`)] },
    ],
  };
}

/**
 * The decision's delivery (Art. 70): within 2 working days of the decision's date (3 after Law
 * 88/2025 according to one source [U] — the stricter 2 until confirmed), never received before that
 * date. The receipt starts the time to comply (Art. 73), which `receivedHelp` states as the step
 * after it counts it.
 */
function deliveryStep(p: { id: string; decisionStep: string; title: { vi: string; en: string }; next: string; receivedHelp: { vi: string; en: string } }): TProcedureInput['steps'][number] {
  return {
    id: p.id,
    title: p.title,
    roles: ['INSPECTOR', 'TEAM_LEAD', 'LEGAL_OFFICER'],
    legalBasis: `${LAW}, Điều 70`,
    form: {
      fields: [
        DELIVERY_METHOD_FIELD,
        {
          key: 'receivedDate',
          type: 'date',
          label: t('Ngày người vi phạm nhận (hoặc được coi là đã nhận) quyết định', 'Date received (or deemed received)'),
          required: true,
          notInFuture: true,
          help: p.receivedHelp,
        },
      ],
    },
    deadline: {
      amount: 2,
      amountParam: 'deliveryWorkingDays',
      unit: 'working_days',
      anchor: { kind: 'FIELD_DATE', stepId: p.decisionStep, field: 'decisionDate' },
      legalBasis: `${LAW}, Điều 70: 02 ngày làm việc kể từ ngày ra quyết định (một nguồn nêu 03 ngày từ 01/07/2025 — cần xác nhận)`,
      escalation: STANDARD_LADDER,
    },
    constraints: [
      rule(
        'DELIVERY_BEFORE_DECISION',
        cmp(field('receivedDate'), 'GTE', field('decisionDate', p.decisionStep)),
        t('Ngày nhận quyết định trước ngày ra quyết định', 'The decision is received before its date'),
        `${LAW}, Điều 70`,
        'receivedDate',
      ),
    ],
    outcomes: [{ id: 'DELIVERED', title: t('Đã giao', 'Delivered'), next: [p.next] }],
  };
}

/** The file's last step: disclosed where required, the national database updated, archived (Art. 72, 73(2)); its outcome closes the case. */
function archiveStep(id: string, outcome: { id: string; title: { vi: string; en: string } }): TProcedureInput['steps'][number] {
  return {
    id,
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
    constraints: [
      rule(
        'NATIONAL_DB_NOT_UPDATED',
        equals('nationalDbUpdated', true, id),
        t('Phải cập nhật kết quả vào CSDL quốc gia về xử lý vi phạm hành chính trước khi kết thúc', 'The national database must be updated before closing'),
        `${LAW}, Điều 73(2); Nghị định 190/2025/NĐ-CP`,
        'nationalDbUpdated',
      ),
    ],
    outcomes: [{ ...outcome, next: [] }],
  };
}

/**
 * The execution of the decision on a file the criminal body returned (the criminal referral's F5,
 * from its version 7, docs/adr/0220), as the penalty's B8–B17 follow B6's: delivered within 2
 * working days (Art. 70), complied with in the 10 days from its receipt or the longer time it gave
 * (Art. 73(1)), paid in full with the late surcharge (Art. 78) within the execution limitation
 * (Art. 74), coerced only once that period has run (Art. 86), then disclosed where required, the
 * national database updated and the file archived. The last step closes the case as
 * `RETURNED_AND_DECIDED`, the outcome the inspection that referred it waits for. From the
 * referral's version 8 (docs/adr/0223) the party may ask to postpone the fine (Art. 76, F10) or to
 * pay it in instalments (Art. 79, F11), as the penalty's B12–B14: paid under that decision (F12),
 * the execution limitation counted from the postponement's end (Art. 74(1)) and coercion only
 * after the last day it gave. From version 12 (docs/adr/0232) the fine may be collected on the spot
 * at F7 where Art. 78(2)–(3) allow it, and is then paid into the Treasury (F13), as the penalty's B18.
 */
export function returnedDecisionExecution(version = 7): TProcedureInput['steps'] {
  const fineDecided: TCondition = allOf(outcomeIs('F5', 'RETURNED_AND_DECIDED'), equals('sanction', 'FINE', 'F5'));
  const fine: TFineDecision = { step: 'F5', offender: { stepId: 'F5', field: 'offenderType' }, decided: fineDecided };
  const postpones = version >= 8;
  // Version 9 (docs/adr/0225): the request's day is recorded; the postponement is decided within 5 days of it by the title that decided.
  const received = version >= 9;
  // Version 10 (docs/adr/0228): the hardship a postponement or instalments are granted for is certified, and says by whom.
  const certified = version >= 10;
  // Version 11 (docs/adr/0229): instalments are decided by the title that made the fine's decision (F11 held to F5's).
  // Version 12 (docs/adr/0232): the fine may be collected on the spot where Art. 78(2)–(3) allow it (F7), then paid into the Treasury (F13).
  const collects = version >= 12;
  // Art. 74(1): from the decision, or from the end of its postponement.
  const executionFrom = postpones ? latest(field('decisionDate', 'F5'), when(outcomeIs('F10', 'POSTPONED'), field('postponedUntil', 'F10'))) : field('decisionDate', 'F5');
  return [
    deliveryStep({
      id: 'F6',
      title: t('Giao quyết định', 'Deliver the decision'),
      decisionStep: 'F5',
      next: 'F7',
      receivedHelp: t('Thời hạn tự nguyện chấp hành tính từ ngày này (Điều 73)', 'The time to comply counts from this date (Art. 73)'),
    }),
    {
      id: 'F7',
      title: t('Theo dõi chấp hành, nộp phạt', 'Follow compliance and payment'),
      roles: ['LEGAL_OFFICER', 'TEAM_LEAD'],
      legalBasis: `${LAW}, Điều 73, 74, 78`,
      form: {
        fields: collects
          ? [...paymentFields, ...COLLECTION_FIELDS, EVASION_FIELD, REQUEST_RECEIVED_FIELD]
          : received
            ? [...paymentFields, EVASION_FIELD, REQUEST_RECEIVED_FIELD]
            : [...paymentFields, EVASION_FIELD],
      },
      deadline: {
        amount: 10,
        amountParam: 'complianceDays',
        unit: 'days',
        anchor: { kind: 'FIELD_DATE', stepId: 'F6', field: 'receivedDate' },
        binds: 'PARTY',
        legalBasis: `${LAW}, Điều 73(1): 10 ngày kể từ ngày nhận quyết định`,
        variants: [complianceAsDecided('F5')],
      },
      outcomes: [
        {
          id: 'PAID',
          title: t('Đã nộp đủ tiền phạt', 'Fine paid in full'),
          next: ['F9'],
          requires: [
            nothingToPay(fineDecided),
            ...paidInFull(field('fineAmount', 'F5'), field('decisionDate', 'F5'), dueOf(), true),
            ...withinExecutionLimitation(field('decisionDate', 'F5'), field('decisionDate', 'F5')),
          ],
        },
        ...(collects
          ? [
              collectedOutcome('F13', [
                nothingToPay(fineDecided),
                ...COLLECTED_WHERE_ALLOWED,
                ...paidInFull(field('fineAmount', 'F5'), field('decisionDate', 'F5'), dueOf(), true),
                ...withinExecutionLimitation(field('decisionDate', 'F5'), field('decisionDate', 'F5')),
              ]),
            ]
          : []),
        compliedOutcome(fineDecided, 'F9'),
        notCompliedOutcome('F8'),
        ...(postpones ? [postponementRequested(fine, 'F10', received), instalmentsRequested(fine, 'F11', received)] : []),
      ],
    },
    {
      id: 'F8',
      title: t('Cưỡng chế thi hành', 'Enforcement'),
      roles: ['SYSTEM'],
      subProcedure: {
        procedureId: 'ins-enforcement',
        facts: {
          decisionDate: field('decisionDate', 'F5'),
          executionFrom,
          fineAmount: field('fineAmount', 'F5'),
          // Version 8: the last day to comply of the party's own accord, the time to comply or the postponement or instalments (Art. 73, 76, 79).
          complianceDueDate: postpones ? latest(dueOf('F7'), dueOf('F12')) : dueOf('F7'),
        },
      },
      outcomes: [
        { id: 'ENFORCED', title: t('Đã cưỡng chế', 'Enforced'), next: ['F9'] },
        { id: 'LIMITATION_EXPIRED', title: t('Hết thời hiệu thi hành', 'Limitation expired'), next: ['F9'] },
      ],
    },
    archiveStep('F9', { id: 'RETURNED_AND_DECIDED', title: t('Đã thi hành quyết định: kết thúc, lưu trữ', 'Decision executed: closed and archived') }),
    ...(postpones
      ? [
          postponementStep({ id: 'F10', fine, next: 'F12', back: 'F7', ...(received ? { requestedAt: 'F7' } : {}), ...(certified ? { certified } : {}) }),
          instalmentStep({ id: 'F11', fine, next: 'F12', back: 'F7', ...(received ? { requestedAt: 'F7' } : {}), ...(certified ? { certified } : {}), ...(version >= 11 ? { byDecider: true } : {}) }),
          paymentUnderDecisionStep({
            id: 'F12',
            fine,
            postponement: 'F10',
            instalments: 'F11',
            paid: 'F9',
            enforce: 'F8',
            evasion: true,
            onUnpaidPart: true,
            limitation: withinExecutionLimitation(field('decisionDate', 'F5'), executionFrom),
          }),
        ]
      : []),
    ...(collects ? [remittanceStep({ id: 'F13', collectedAt: 'F7', next: 'F9' })] : []),
  ];
}

/**
 * Sanction without a record (xử phạt không lập biên bản), B'1–B'4, version 2; version 3 issues its
 * papers; version 4 holds the fine to the direction of its circumstances (docs/adr/0189); version 5
 * keeps the execution limitation and the voluntary period as the penalty's version 8 does (no fine
 * collected a year after the decision unless an evasion restarts it; coercion only after the 10
 * days), docs/adr/0216. Version 6 (docs/adr/0222) lets the decision give longer than the 10 days to
 * comply, as the penalty's version 13 does (Art. 73(1)): N2 counts them from the decision's date.
 * Version 7 (docs/adr/0232) lets the officer collect the fine on the spot where Art. 78(2)–(3)
 * allow it, and pay it into the Treasury within its days (N4), as the penalty's version 18 does.
 */
export function penaltyNoRecordProcedure(version = 2): TProcedureInput {
  const isFine = equals('sanction', 'FINE');
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
            { key: 'violatorName', type: 'text', label: t('Người/tổ chức vi phạm', 'Violator'), required: true, maxLength: 300 },
            offenderField,
            { key: 'violationDate', type: 'date', label: t('Thời gian xảy ra vi phạm', 'Date of the violation'), required: true, notInFuture: true },
            {
              key: 'violation',
              type: 'violation',
              label: t('Hành vi theo danh mục (tìm theo mã hoặc nội dung)', 'Violation from the catalogue (search by code or text)'),
              required: true,
              subjectField: 'offenderType',
              dateField: 'violationDate',
            },
            { key: 'place', type: 'text', label: t('Địa điểm', 'Place'), required: true, maxLength: 500 },
            sanctionField(false),
            ...amountFields,
            { key: 'detectedByEquipment', type: 'boolean', label: t('Phát hiện bằng phương tiện kỹ thuật nghiệp vụ', 'Detected with technical equipment') },
            evidenceField,
            ...(version >= 6 ? [COMPLIANCE_DAYS_FIELD] : []),
          ],
        },
        constraints: [
          rule(
            'VIOLATION_AFTER_DECISION',
            cmp(field('violationDate'), 'LTE', field('decisionDate')),
            t('Thời gian vi phạm không thể sau ngày quyết định', 'The violation cannot be dated after the decision'),
            `${LAW}, Điều 56`,
            'violationDate',
          ),
          rule(
            'RECORD_REQUIRED_EQUIPMENT',
            not(equals('detectedByEquipment', true, 'N1')),
            t('Vi phạm phát hiện bằng phương tiện kỹ thuật nghiệp vụ: bắt buộc lập biên bản', 'Detected with technical equipment: a record is required'),
            `${LAW}, Điều 56(2)`,
            'detectedByEquipment',
          ),
          ...(version >= 6 ? [COMPLIANCE_LONGER] : []),
        ],
        guard: {
          from: { stepId: 'N1', field: 'violationDate' },
          amount: 12,
          unit: 'months',
          amountExpr: times(field('violation.limitationYears'), constant(12)),
          judgedOn: 'decisionDate',
          code: 'LIMITATION_EXPIRED',
          message: t('Đã hết thời hiệu xử phạt vi phạm hành chính', 'The limitation period for sanctioning has expired'),
          legalBasis: `${LAW}, Điều 6 (sửa đổi bởi Luật 88/2025/QH15)`,
        },
        outcomes: [
          {
            id: 'DECIDED',
            title: t('Đã ra quyết định phạt tiền tại chỗ', 'Fined on the spot'),
            next: ['N2'],
            requires: [
              rule('SANCTION_IS_WARNING', isFine, t('Hình thức cảnh cáo: chọn "Đã cảnh cáo"', 'A warning: choose "Warned"'), `${LAW}, Điều 56`, 'sanction'),
              ...fineRules(field('violation.bracketMin'), field('violation.bracketMax'), field('violation.bracketMid'), isFine, version >= 4),
              rule(
                'NO_RECORD_THRESHOLD',
                cmp(field('fineAmount'), 'LTE', param({ individual: 'noRecordMaxIndividual', organization: 'noRecordMaxOrganization' }, field('decisionDate'), { field: 'offenderType' })),
                t('Số tiền phạt vượt mức được xử phạt không lập biên bản: phải lập biên bản', 'The fine exceeds the no-record limit: a record is required'),
                `${LAW}, Điều 56(1) (sửa đổi 2025: đến 500.000 đồng cá nhân, 1.000.000 đồng tổ chức)`,
                'fineAmount',
              ),
            ],
            competence: {
              amount: field('violation.bracketMax'),
              subject: { field: 'offenderType' },
              date: field('decisionDate'),
              ceilings: { INSPECTOR: FINE_CEILINGS.INSPECTOR, TEAM_LEAD: FINE_CEILINGS.TEAM_LEAD },
              legalBasis: `${LAW}, Điều 52(2), 56; ${ND189}`,
            },
          },
          {
            id: 'WARNED',
            title: t('Đã cảnh cáo tại chỗ', 'Warned on the spot'),
            next: [],
            requires: [
              rule('SANCTION_IS_FINE', equals('sanction', 'WARNING'), t('Hình thức phạt tiền: chọn "Đã ra quyết định phạt tiền"', 'A fine: choose "Fined on the spot"'), `${LAW}, Điều 56`, 'sanction'),
              rule(
                'WARNING_NOT_PROVIDED',
                cmp(field('violation.warningPossible'), 'EQ', constant(true)),
                t('Hành vi vi phạm không được quy định hình thức cảnh cáo', 'A warning is not provided for this act'),
                `${LAW}, Điều 22; nghị định xử phạt`,
                'violation',
              ),
              rule(
                'FINE_WITH_WARNING',
                anyOf(not(present('fineAmount')), cmp(field('fineAmount'), 'EQ', constant(0))),
                t('Hình thức cảnh cáo không kèm số tiền phạt', 'A warning carries no fine'),
                `${LAW}, Điều 22`,
                'fineAmount',
              ),
            ],
          },
        ],
      },
      {
        id: 'N2',
        title: t('Theo dõi chấp hành, nộp phạt', 'Follow compliance and payment'),
        roles: ['LEGAL_OFFICER', 'TEAM_LEAD', 'INSPECTOR'],
        legalBasis: `${LAW}, Điều 73, 78`,
        form: { fields: version >= 7 ? [...paymentFields, ...COLLECTION_FIELDS, EVASION_FIELD] : version >= 5 ? [...paymentFields, EVASION_FIELD] : paymentFields },
        // Delivered on the spot: the 10 days count from the decision's date (Art. 73(1)); the party's period.
        deadline: {
          amount: 10,
          amountParam: 'complianceDays',
          unit: 'days',
          anchor: { kind: 'FIELD_DATE', stepId: 'N1', field: 'decisionDate' },
          binds: 'PARTY',
          legalBasis: `${LAW}, Điều 73(1): 10 ngày kể từ ngày nhận quyết định (giao tại chỗ)`,
          ...(version >= 6 ? { variants: [complianceAsDecided('N1')] } : {}),
        },
        outcomes: [
          {
            id: 'PAID',
            title: t('Đã nộp phạt', 'Paid'),
            next: [],
            requires: [
              ...paidInFull(field('fineAmount', 'N1'), field('decisionDate', 'N1'), dueOf(), false),
              ...(version >= 5 ? withinExecutionLimitation(field('decisionDate', 'N1'), field('decisionDate', 'N1')) : []),
            ],
          },
          // Version 7 (docs/adr/0232): collected on the spot where Art. 78(2)–(3) allow it, then paid into the Treasury (N4).
          ...(version >= 7
            ? [
                collectedOutcome('N4', [
                  ...COLLECTED_WHERE_ALLOWED,
                  ...paidInFull(field('fineAmount', 'N1'), field('decisionDate', 'N1'), dueOf(), false),
                  ...withinExecutionLimitation(field('decisionDate', 'N1'), field('decisionDate', 'N1')),
                ]),
              ]
            : []),
          { id: 'NOT_COMPLIED', title: t('Không chấp hành: cưỡng chế', 'Not complied: enforcement'), next: ['N3'], requires: [VOLUNTARY_PERIOD_RUNNING(`${LAW}, Điều 73(1), 86`)] },
        ],
      },
      {
        id: 'N3',
        title: t('Cưỡng chế thi hành', 'Enforcement'),
        roles: ['SYSTEM'],
        subProcedure: {
          procedureId: 'ins-enforcement',
          facts: {
            decisionDate: field('decisionDate', 'N1'),
            executionFrom: field('decisionDate', 'N1'),
            fineAmount: field('fineAmount', 'N1'),
            // Version 5: the last day of the 10 days, after which alone coercion is decided (Art. 73(1), 86), as the penalty's version 7 hands it.
            ...(version >= 5 ? { complianceDueDate: dueOf('N2') } : {}),
          },
        },
        outcomes: [
          { id: 'ENFORCED', title: t('Đã cưỡng chế', 'Enforced'), next: [] },
          { id: 'LIMITATION_EXPIRED', title: t('Hết thời hiệu thi hành', 'Limitation expired'), next: [] },
        ],
      },
      ...(version >= 7 ? [remittanceStep({ id: 'N4', collectedAt: 'N2' })] : []),
    ],
  };
}
