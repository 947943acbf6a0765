/**
 * The zod schema of a procedure definition (domain/procedure.ts): what an admin's draft must be
 * before it is stored or published (domain/procedure-validate.ts adds the checks across steps).
 *
 * Kept out of domain/procedure.ts on purpose: the workflow bundle imports that module, and every
 * workflow (each new case, each one brought back into the worker's cache) evaluates its modules
 * again; building these schemas there cost about 3 ms of the worker's CPU per workflow. The
 * workflows never parse a definition (the API does before it starts a case), so no module of the
 * workflow bundle imports this one (test/workflow-bundle.test.ts checks it; ADR 0178).
 */
import { z } from 'zod';
import { ZBinds, ZPeriodUnit } from './calendar-schema.js';
import { DOCUMENT_TYPES } from './documents/types.js';
import { CASE_LIMIT_CEILINGS, PREFILL_BUSINESS_ATTRIBUTES, type TCondition, type TExpr, type TField } from './procedure.js';

const ZText = z.object({ vi: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type TText = z.infer<typeof ZText>;

const ZId = z.string().regex(/^[A-Za-z][A-Za-z0-9_'.-]{0,39}$/, "must start with a letter and use letters, digits, _ ' . - (at most 40)");
const ZCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be UPPER_SNAKE_CASE');
const ZFieldKey = z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/, 'must be camelCase starting with a lower-case letter');

/** Deadline units: the calendar's, plus plain hours (e.g. 24 hours to report a seizure). */
const ZDeadlineUnit = z.union([ZPeriodUnit, z.literal('hours')]);
export type TDeadlineUnit = z.infer<typeof ZDeadlineUnit>;
const ZPrefill = z
  .discriminatedUnion('from', [
    z.object({ from: z.literal('business'), attribute: z.enum(PREFILL_BUSINESS_ATTRIBUTES) }),
    z.object({ from: z.literal('step'), stepId: ZId, field: ZFieldKey }),
    z.object({ from: z.literal('parent'), stepId: ZId, field: ZFieldKey }),
    z.object({ from: z.literal('today') }),
    z.object({ from: z.literal('officer') }),
  ])
  .meta({ id: 'FieldPrefill' });

const common = {
  key: ZFieldKey,
  label: ZText,
  required: z.boolean().optional(),
  help: ZText.optional(),
  sensitive: z.boolean().optional(),
  prefill: ZPrefill.optional(),
};

// Recursive schemas carry an id: JSON Schema (the API's OpenAPI document) refers to them by it.
const ZField: z.ZodType<TField> = z
  .lazy(() =>
    z.discriminatedUnion('type', [
      z.object({
        ...common,
        type: z.literal('text'),
        minLength: z.number().int().min(0).optional(),
        maxLength: z.number().int().min(1).max(100_000).optional(),
        pattern: z.string().optional(),
        multiline: z.boolean().optional(),
      }),
      z.object({ ...common, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional() }),
      z.object({ ...common, type: z.literal('money'), min: z.number().int().min(0).optional(), max: z.number().int().optional() }),
      z.object({ ...common, type: z.literal('date'), notInFuture: z.boolean().optional() }),
      z.object({ ...common, type: z.literal('enum'), options: z.array(z.object({ value: ZCode, label: ZText })).min(1) }),
      z.object({ ...common, type: z.literal('boolean') }),
      z.object({ ...common, type: z.literal('file'), minFiles: z.number().int().min(0).optional(), maxFiles: z.number().int().min(1).max(200).optional(), accept: z.array(z.string()).optional() }),
      z.object({ ...common, type: z.literal('group'), fields: z.array(ZField).min(1), minItems: z.number().int().min(0).optional(), maxItems: z.number().int().min(1).max(1000).optional() }),
      z.object({ ...common, type: z.literal('violation'), subjectField: ZFieldKey.optional(), dateField: ZFieldKey.optional() }),
    ]),
  )
  .meta({ id: 'FormField' });

// ---------------------------------------------------------------------------------------------
// Values in rules (a small typed vocabulary; see docs/adr/0005-rules-as-a-typed-vocabulary.md)

/** A field of a step: `stepId` absent means the step being completed. */
const ZStepFieldPath = z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}(\.[a-z][A-Za-z0-9_]{0,39})?$/, 'must be a field key, or a violation field and one of its facts (violation.bracketMax)');

const ZOptStepId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_'.-]{0,39}$/)
  .optional();
const ZExpr: z.ZodType<TExpr> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('CONST'), value: z.union([z.number(), z.string().max(200), z.boolean()]) }),
      z.object({ kind: z.literal('FIELD'), stepId: ZOptStepId, field: ZStepFieldPath }),
      z.object({
        kind: z.literal('AGG'),
        fn: z.enum(['SUM', 'MAX', 'MIN', 'COUNT', 'ALL', 'ANY']),
        stepId: ZOptStepId,
        group: ZFieldKey,
        field: ZStepFieldPath,
        withinLimitation: z.object({ since: ZExpr, years: ZStepFieldPath, on: ZExpr }).optional(),
      }),
      z.object({
        kind: z.literal('PARAM'),
        param: z.union([z.string().min(1), z.object({ individual: z.string().min(1), organization: z.string().min(1) })]),
        subject: z.object({ stepId: ZOptStepId, field: ZFieldKey }).optional(),
        on: ZExpr,
      }),
      z.object({ kind: z.literal('DEADLINE'), stepId: ZOptStepId, window: ZFieldKey.optional() }),
      z.object({ kind: z.literal('TODAY') }),
      z.object({ kind: z.literal('ROLE'), stepId: ZOptStepId }),
      z.object({ kind: z.literal('FACT'), fact: ZFieldKey }),
      z.object({ kind: z.literal('ARITH'), op: z.enum(['ADD', 'SUB', 'MUL']), left: ZExpr, right: ZExpr }),
      z.object({ kind: z.literal('DATE_ADD'), date: ZExpr, amount: ZExpr, unit: z.enum(['days', 'months']) }),
      z.object({ kind: z.literal('LATEST'), of: z.array(ZExpr).min(1).max(10) }),
      z.object({ kind: z.literal('IF'), when: ZCondition, then: ZExpr, else: ZExpr.optional() }),
      z.object({ kind: z.literal('SURCHARGE'), amount: ZExpr, lastDay: ZExpr, paidOn: ZExpr }),
      z.object({ kind: z.literal('SURCHARGE_ON_UNPAID'), amount: ZExpr, lastDay: ZExpr, paidOn: ZExpr, event: ZCode }),
    ]),
  )
  .meta({ id: 'RuleValue' });

// ---------------------------------------------------------------------------------------------
// Deadlines

/** What a deadline counts from. */
const ZAnchor = z.discriminatedUnion('kind', [
  /** The case's start. */
  z.object({ kind: z.literal('CASE_START') }),
  /** The moment the step itself opens. */
  z.object({ kind: z.literal('STEP_OPENED') }),
  /** The completion of an earlier step (e.g. the violation record). */
  z.object({ kind: z.literal('STEP_COMPLETED'), stepId: ZId }),
  /** A date entered in an earlier step's form (e.g. the date the decision was received). */
  z.object({ kind: z.literal('FIELD_DATE'), stepId: ZId, field: ZFieldKey }),
  /**
   * The day an earlier step's own period ended, as it stood when that step completed (its due date,
   * extensions included): the 1st public notice of seized goods counts from the end of the seizure
   * period (D4), not from when the step was entered (Decree 138/2021; docs/adr/0206).
   */
  z.object({ kind: z.literal('STEP_DUE'), stepId: ZId }),
  /** An external event reported to the case (e.g. `PAYMENT_RECEIVED`). */
  z.object({ kind: z.literal('EVENT'), event: ZCode }),
  /** A date the case was started with by its parent (e.g. the penalty decision's date for enforcement). */
  z.object({ kind: z.literal('FACT_DATE'), fact: ZFieldKey }),
]);
export type TAnchor = z.infer<typeof ZAnchor>;
const ZFieldRef = z.object({ stepId: ZId, field: ZFieldKey });
const ZCondition: z.ZodType<TCondition> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('OUTCOME'), stepId: ZId, outcome: ZCode }),
      z.object({ kind: z.literal('FIELD_EQUALS'), stepId: ZId.optional(), field: ZFieldKey, equals: z.union([z.string(), z.number(), z.boolean()]) }),
      z.object({
        kind: z.literal('PARAM_THRESHOLD'),
        stepId: ZId,
        field: ZFieldKey,
        op: z.enum(['GTE', 'GT', 'LTE', 'LT']),
        params: z.object({ individual: z.string().min(1), organization: z.string().min(1) }),
        subject: ZFieldRef,
        date: ZFieldRef,
      }),
      z.object({ kind: z.literal('FIELD_PRESENT'), stepId: ZId.optional(), field: ZFieldKey }),
      z.object({ kind: z.literal('CMP'), op: z.enum(['EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE']), left: ZExpr, right: ZExpr }),
      z.object({ kind: z.literal('HAS'), value: ZExpr }),
      z.object({ kind: z.literal('AFTER_DEADLINE'), stepId: ZId.optional(), window: ZFieldKey.optional() }),
      z.object({ kind: z.literal('NOT'), of: ZCondition }),
      z.object({ kind: z.literal('ANY'), of: z.array(ZCondition).min(1) }),
      z.object({ kind: z.literal('ALL'), of: z.array(ZCondition).min(1) }),
    ]),
  )
  .meta({ id: 'Condition' });

/** One rung of the escalation ladder. */
const ZEscalationRung = z.object({
  at: z.discriminatedUnion('kind', [
    /** When this share of the time has elapsed (0.8 = 80 %). */
    z.object({ kind: z.literal('SHARE'), share: z.number().gt(0).lt(1) }),
    /** When the deadline passes. */
    z.object({ kind: z.literal('BREACH') }),
    /** This many hours after the deadline passed. */
    z.object({
      kind: z.literal('AFTER_BREACH'),
      hours: z
        .number()
        .positive()
        .max(24 * 365),
    }),
  ]),
  /** `WARN` notifies; `ESCALATE` creates an escalation task for `toRole`. */
  action: z.enum(['WARN', 'ESCALATE']),
  toRole: z.string().min(1),
});
export type TEscalationRung = z.infer<typeof ZEscalationRung>;

const ZDeadline = z.object({
  /** 0 is allowed for `days` only: "by the end of the anchor day" (a date set in a decision). */
  amount: z.number().int().min(0),
  /** When set, the amount is this legal parameter in force on the anchor date (`amount` is its documented value). */
  amountParam: z.string().min(1).optional(),
  unit: ZDeadlineUnit,
  anchor: ZAnchor,
  legalBasis: z.string().min(1),
  /** The first variant whose condition holds replaces amount/unit/legalBasis (and the anchor, when it names one). */
  variants: z
    .array(
      z.object({
        when: ZCondition,
        amount: z.number().int().min(0),
        amountParam: z.string().min(1).optional(),
        /**
         * A period a paper may lengthen, never shorten: a whole number in this number field of an
         * earlier step, when greater than the amount above, is the amount (the longer time to comply a
         * penalty decision may give, Art. 73(1); docs/adr/0217).
         */
        amountFrom: z.object({ stepId: ZId, field: ZFieldKey }).optional(),
        unit: ZDeadlineUnit,
        legalBasis: z.string().min(1),
        anchor: ZAnchor.optional(),
      }),
    )
    .optional(),
  /**
   * A hard deadline refuses completion after it (`DEADLINE_PASSED`), except by an outcome marked
   * `afterDeadline`; a soft one only escalates.
   */
  hard: z.boolean().optional(),
  /**
   * The date field of this step's form on which a hard deadline is judged (the date on the paper,
   * e.g. the decision date), instead of the moment the step is entered in INS.
   */
  judgedOn: ZFieldKey.optional(),
  /** Whom the period binds (default the agency): decides how days not yet confirmed are counted. */
  binds: ZBinds.optional(),
  /**
   * The same period (the rule that applies, with its extensions) counted from another anchor, which
   * the due date may never pass: a seizure never outlasts the decision deadline counted from the
   * record (Art. 125(8)).
   */
  cap: z.object({ anchor: ZAnchor, legalBasis: z.string().min(1) }).optional(),
  /**
   * A period that must run out first, counted from the anchor on the legal calendar; the deadline's
   * own period counts from the day it ends: unclaimed goods are confiscated within 5 working days
   * after the year that follows the 2nd public notice (Art. 126; docs/adr/0206).
   */
  after: z.object({ amount: z.number().int().min(1), unit: z.enum(['days', 'months']), legalBasis: z.string().min(1) }).optional(),
  escalation: z.array(ZEscalationRung).optional(),
});
export type TDeadline = z.infer<typeof ZDeadline>;

// ---------------------------------------------------------------------------------------------
// Steps and procedures

/** A rule the law sets: `when` must hold, else the action is refused with `code` (shown at `field`). */
const ZRequirement = z.object({
  when: ZCondition,
  code: ZCode,
  message: ZText,
  legalBasis: z.string().min(1),
  /** The form field the refusal belongs to (a path such as `fineAmount` or `acts`), for the form to show it there. */
  field: z.string().max(120).optional(),
});
export type TRequirement = z.infer<typeof ZRequirement>;

/**
 * Who may decide how much (thẩm quyền xử phạt): the amount that sets competence (e.g. the highest
 * bracket maximum among the acts, Art. 52(2)–(3)) must not exceed the ceiling of the role acting,
 * a legal parameter per kind of offender in force on `date`. A role without a ceiling may not decide.
 */
const ZCompetence = z.object({
  /** Applies only when this holds (e.g. the sanction is a fine: every title may warn). */
  when: ZCondition.optional(),
  amount: ZExpr,
  subject: z.object({ stepId: ZId.optional(), field: ZFieldKey }),
  date: ZExpr,
  ceilings: z.record(z.string().min(1), z.object({ individual: z.string().min(1), organization: z.string().min(1) })),
  legalBasis: z.string().min(1),
});

const ZOutcome = z.object({
  id: ZCode,
  title: ZText,
  /** Steps this outcome opens (in parallel when several). Empty: this branch ends here. */
  next: z.array(ZId),
  /** Closes the whole case now, abandoning any other open step. */
  closesCase: z.boolean().optional(),
  legalBasis: z.string().optional(),
  /** Conditions the law sets for choosing this outcome; refused with `code` when one fails. */
  requires: z.array(ZRequirement).optional(),
  /**
   * The outcome for after the step's hard deadline (e.g. confiscation and remedial measures without
   * a fine, Art. 65(1)(c)): allowed only once the deadline has passed, and never refused for it.
   */
  afterDeadline: z.boolean().optional(),
  competence: ZCompetence.optional(),
});
export type TOutcome = z.infer<typeof ZOutcome>;
const limit = (k: keyof typeof CASE_LIMIT_CEILINGS, min = 1) => z.number().int().min(min).max(CASE_LIMIT_CEILINGS[k]);
const ZCaseLimits = z
  .object({
    evidencePerStep: limit('evidencePerStep'),
    evidencePerCase: limit('evidencePerCase'),
    formBytesPerStep: limit('formBytesPerStep', 1024),
    formBytesPerCase: limit('formBytesPerCase', 1024),
    notesPerCase: limit('notesPerCase', 0),
    noteBytesPerCase: limit('noteBytesPerCase', 0),
    escalationsPerCase: limit('escalationsPerCase'),
  })
  .partial()
  .strict();

const ZStepDocument = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    outcomes: z.array(ZCode).min(1).optional(),
    numberField: ZFieldKey.optional(),
    dateField: ZFieldKey.optional(),
  })
  .strict();
export type TStepDocument = z.infer<typeof ZStepDocument>;

const ZStep = z.object({
  id: ZId,
  title: ZText,
  /** Roles that may complete the step. */
  roles: z.array(z.string().min(1)).min(1),
  legalBasis: z.string().optional(),
  form: z.object({ fields: z.array(ZField) }).default({ fields: [] }),
  outcomes: z.array(ZOutcome).min(1),
  /** A join: this step opens once none of the listed steps is still open (branches that were taken have completed). */
  joinOf: z.array(ZId).optional(),
  deadline: ZDeadline.optional(),
  extension: z
    .object({
      grantRoles: z.array(z.string().min(1)).min(1),
      maxCount: z.number().int().min(1).max(10),
      maxAmount: z.number().int().min(1),
      /** When set, the maximum is this legal parameter in force now. */
      maxAmountParam: z.string().min(1).optional(),
      unit: ZDeadlineUnit,
      legalBasis: z.string().min(1),
      /** The decision granting the extension is a paper INS issues (the seizure's extension, Art. 125(8)). */
      document: z.enum(DOCUMENT_TYPES).optional(),
      /**
       * Only the officer who completed this earlier step grants it, in one of `grantRoles` (the
       * inspection's: whoever issued the inspection decision, A5); a request goes to the role he or
       * she acted in (docs/adr/0192).
       */
      grantedBy: ZId.optional(),
      /** Only when this holds (e.g. the 2-month decision period only for complex cases with an explanation). */
      when: ZCondition.optional(),
      /**
       * The extension is the handler's direct superior's, in writing (Art. 66(1)(c): the handler
       * "phải báo cáo thủ trưởng trực tiếp của mình bằng văn bản để xin gia hạn"; docs/adr/0221). An
       * officer who grants it without recording that superior's written approval grants it as the
       * superior: he may not then complete the step himself after the period it lengthened. With the
       * approval recorded, INS issues no paper of its own (the written extension is the superior's).
       * Not carried into `variants`.
       */
      bySuperior: z
        .object({ legalBasis: z.string().min(1) })
        .strict()
        .optional(),
      /** Other extension rules for other cases; the first whose condition holds applies instead. */
      variants: z
        .array(
          z.object({
            when: ZCondition,
            maxCount: z.number().int().min(1).max(10),
            maxAmount: z.number().int().min(1),
            maxAmountParam: z.string().min(1).optional(),
            unit: ZDeadlineUnit,
            legalBasis: z.string().min(1),
          }),
        )
        .optional(),
    })
    .optional(),
  /**
   * Further periods the law counts while the step is open (e.g. the 2 working days to ask for a
   * hearing, Art. 61(3)), computed on the legal calendar when the step opens; rules read them as
   * `{ kind: 'DEADLINE', window }` and `AFTER_DEADLINE`.
   */
  windows: z
    .array(
      z.object({
        id: ZFieldKey,
        amount: z.number().int().min(0),
        amountParam: z.string().min(1).optional(),
        unit: ZPeriodUnit,
        anchor: ZAnchor,
        legalBasis: z.string().min(1),
        binds: ZBinds.optional(),
      }),
    )
    .optional(),
  /** Rules over the form and the case, checked for every outcome (or those listed) before completion. */
  constraints: z.array(ZRequirement.extend({ outcomes: z.array(ZCode).optional() })).optional(),
  /** Who may stop the step's clock, and for which reasons (codes). */
  pause: z.object({ roles: z.array(z.string().min(1)).min(1), reasons: z.array(ZCode).min(1), legalBasis: z.string().min(1) }).optional(),
  /** Refuses completion once a period counted from an earlier date has run out. */
  guard: z
    .object({
      from: z.object({ stepId: ZId, field: ZFieldKey }),
      /** The date the period counts from as a value (e.g. the detection of an act still going on, else its end); replaces `from`'s field. */
      fromExpr: ZExpr.optional(),
      amount: z.number().int().min(1),
      unit: z.enum(['days', 'months']),
      /** A variant period selected like deadline variants (e.g. 2 years for counterfeit goods). */
      variants: z.array(z.object({ when: ZCondition, amount: z.number().int().min(1), unit: z.enum(['days', 'months']) })).optional(),
      /** The period as a value (e.g. the longest limitation period among the catalogue's acts, in months); replaces amount and variants. */
      amountExpr: ZExpr.optional(),
      /** The date field of this step on which the guard is judged (the date on the paper); default: now. */
      judgedOn: ZFieldKey.optional(),
      /** The guard applies to these outcomes only (default all). */
      outcomes: z.array(ZCode).optional(),
      code: ZCode,
      message: ZText,
      legalBasis: z.string().min(1),
    })
    .optional(),
  /** The step runs another procedure as a child case and completes with its outcome. */
  subProcedure: z
    .object({
      procedureId: ZId,
      version: z.number().int().min(1).optional(),
      /** Facts the child case starts with, evaluated in this case when the step opens (e.g. the decision date). */
      facts: z.record(ZFieldKey, ZExpr).optional(),
    })
    .optional(),
  /**
   * The papers the step issues when it completes (with one of `outcomes`; any when absent): numbered
   * from the unit's register, filled from the template in force on the paper's date (`dateField` of
   * this step; the day of completion without it), frozen, decisions signed (docs/documents.md). The
   * number is written into the step's data at `numberField`, which is then no field of the form.
   */
  documents: z.array(ZStepDocument).optional(),
  /** At least one evidence reference is required to complete. */
  requiresEvidence: z.boolean().optional(),
  /** This step's own bounds, within the procedure's (`limits` of the procedure, CASE_LIMIT_CEILINGS). */
  limits: z
    .object({ evidence: limit('evidencePerStep', 0), formBytes: limit('formBytesPerStep', 1024) })
    .partial()
    .strict()
    .optional(),
});
export type TStep = z.infer<typeof ZStep>;

const ZCaseKind = z.enum(['INSPECTION', 'PENALTY', 'PENALTY_NO_RECORD', 'SEIZURE', 'ENFORCEMENT', 'CRIMINAL_REFERRAL', 'TIP', 'PAPER_FILE', 'TEST']);

export const ZProcedureDefinition = z.object({
  id: ZId,
  version: z.number().int().min(1),
  kind: ZCaseKind,
  title: ZText,
  description: z.string().max(5000).optional(),
  legalBasis: z.string().optional(),
  /**
   * A unit's own procedure: the national procedure version it varies and keeps to (checked when
   * published, domain/procedure-variant.ts; docs/adr/0040). Absent on national procedures.
   */
  variantOf: z.object({ procedureId: ZId, version: z.number().int().min(1) }).optional(),
  /** External events the procedure reacts to (signals), usable as deadline anchors. */
  events: z.array(z.object({ id: ZCode, title: ZText })).default([]),
  /** Facts a parent case hands to this procedure when it runs as a sub-procedure (`FACT`, `FACT_DATE`). */
  facts: z.array(z.object({ key: ZFieldKey, type: z.enum(['date', 'number', 'text', 'boolean']), title: ZText })).default([]),
  /** Steps open when the case starts. */
  start: z.array(ZId).min(1),
  steps: z.array(ZStep).min(1),
  /** How much a case of this procedure may hold (defaults: DEFAULT_CASE_LIMITS). */
  limits: ZCaseLimits.optional(),
});
export type TProcedureDefinition = z.infer<typeof ZProcedureDefinition>;
export type TProcedureInput = z.input<typeof ZProcedureDefinition>;
