/**
 * The procedure language: what a case workflow enforces, as data. Admins edit drafts and publish
 * immutable versions; a running case keeps the version it started on (quy trình có phiên bản).
 */
import { z } from 'zod';
import { ZPeriodUnit } from './calendar.js';

/** Staff roles of INS. `SYSTEM` is the workflow itself (automatic steps, timers). */
export const STAFF_ROLES = ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'ADMIN', 'SCHEDULER', 'LEADER_VIEWER', 'SYSTEM'] as const;
export type TRole = (typeof STAFF_ROLES)[number];

export const ZText = z.object({ vi: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type TText = z.infer<typeof ZText>;

const ZId = z.string().regex(/^[A-Za-z][A-Za-z0-9_'.-]{0,39}$/, 'must start with a letter and use letters, digits, _ \' . - (at most 40)');
const ZCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be UPPER_SNAKE_CASE');
const ZFieldKey = z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/, 'must be camelCase starting with a lower-case letter');

/** Deadline units: the calendar's, plus plain hours (e.g. 24 hours to report a seizure). */
export const ZDeadlineUnit = z.union([ZPeriodUnit, z.literal('hours')]);
export type TDeadlineUnit = z.infer<typeof ZDeadlineUnit>;

// ---------------------------------------------------------------------------------------------
// Forms

interface TFieldCommon {
  key: string;
  label: TText;
  required?: boolean | undefined;
  help?: TText | undefined;
  /** Protected (e.g. an informant's identity): kept in the case, never copied to the read model, the audit log or live events. */
  sensitive?: boolean | undefined;
}
/** A form field the UI renders and the server validates. */
export type TField =
  | (TFieldCommon & { type: 'text'; minLength?: number | undefined; maxLength?: number | undefined; pattern?: string | undefined; multiline?: boolean | undefined })
  | (TFieldCommon & { type: 'number'; min?: number | undefined; max?: number | undefined; integer?: boolean | undefined })
  | (TFieldCommon & { type: 'money'; min?: number | undefined; max?: number | undefined })
  | (TFieldCommon & { type: 'date'; notInFuture?: boolean | undefined })
  | (TFieldCommon & { type: 'enum'; options: { value: string; label: TText }[] })
  | (TFieldCommon & { type: 'boolean' })
  | (TFieldCommon & { type: 'file'; minFiles?: number | undefined; maxFiles?: number | undefined; accept?: string[] | undefined })
  | (TFieldCommon & { type: 'group'; fields: TField[]; minItems?: number | undefined; maxItems?: number | undefined });

const common = {
  key: ZFieldKey,
  label: ZText,
  required: z.boolean().optional(),
  help: ZText.optional(),
  sensitive: z.boolean().optional(),
};

// Recursive schemas carry an id: JSON Schema (the API's OpenAPI document) refers to them by it.
export const ZField: z.ZodType<TField> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ ...common, type: z.literal('text'), minLength: z.number().int().min(0).optional(), maxLength: z.number().int().min(1).max(100_000).optional(), pattern: z.string().optional(), multiline: z.boolean().optional() }),
    z.object({ ...common, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional() }),
    z.object({ ...common, type: z.literal('money'), min: z.number().int().min(0).optional(), max: z.number().int().optional() }),
    z.object({ ...common, type: z.literal('date'), notInFuture: z.boolean().optional() }),
    z.object({ ...common, type: z.literal('enum'), options: z.array(z.object({ value: ZCode, label: ZText })).min(1) }),
    z.object({ ...common, type: z.literal('boolean') }),
    z.object({ ...common, type: z.literal('file'), minFiles: z.number().int().min(0).optional(), maxFiles: z.number().int().min(1).max(200).optional(), accept: z.array(z.string()).optional() }),
    z.object({ ...common, type: z.literal('group'), fields: z.array(ZField).min(1), minItems: z.number().int().min(0).optional(), maxItems: z.number().int().min(1).max(1000).optional() }),
  ]),
).meta({ id: 'FormField' });

// ---------------------------------------------------------------------------------------------
// Deadlines

/** What a deadline counts from. */
export const ZAnchor = z.discriminatedUnion('kind', [
  /** The case's start. */
  z.object({ kind: z.literal('CASE_START') }),
  /** The moment the step itself opens. */
  z.object({ kind: z.literal('STEP_OPENED') }),
  /** The completion of an earlier step (e.g. the violation record). */
  z.object({ kind: z.literal('STEP_COMPLETED'), stepId: ZId }),
  /** A date entered in an earlier step's form (e.g. the date the decision was received). */
  z.object({ kind: z.literal('FIELD_DATE'), stepId: ZId, field: ZFieldKey }),
  /** An external event reported to the case (e.g. `PAYMENT_RECEIVED`). */
  z.object({ kind: z.literal('EVENT'), event: ZCode }),
]);
export type TAnchor = z.infer<typeof ZAnchor>;

/**
 * A fact about the case: an earlier outcome, a form answer, or an amount compared with a legal
 * parameter in force on a date (e.g. "the bracket maximum reaches the right-to-explain threshold
 * for this kind of offender on the violation date").
 */
export type TCondition =
  | { kind: 'OUTCOME'; stepId: string; outcome: string }
  | { kind: 'FIELD_EQUALS'; stepId: string; field: string; equals: string | number | boolean }
  | {
      kind: 'PARAM_THRESHOLD';
      stepId: string;
      /** The amount compared (a money or number field). */
      field: string;
      op: 'GTE' | 'GT' | 'LTE' | 'LT';
      /** The legal parameter for each kind of offender, read from `subjectField` (INDIVIDUAL / ORGANIZATION). */
      params: { individual: string; organization: string };
      subject: { stepId: string; field: string };
      /** The date whose rules apply. */
      date: { stepId: string; field: string };
    }
  | { kind: 'FIELD_PRESENT'; stepId: string; field: string }
  | { kind: 'ANY'; of: TCondition[] }
  | { kind: 'ALL'; of: TCondition[] }
  | { kind: 'NOT'; of: TCondition };

const ZFieldRef = z.object({ stepId: ZId, field: ZFieldKey });
export const ZCondition: z.ZodType<TCondition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('OUTCOME'), stepId: ZId, outcome: ZCode }),
    z.object({ kind: z.literal('FIELD_EQUALS'), stepId: ZId, field: ZFieldKey, equals: z.union([z.string(), z.number(), z.boolean()]) }),
    z.object({
      kind: z.literal('PARAM_THRESHOLD'),
      stepId: ZId,
      field: ZFieldKey,
      op: z.enum(['GTE', 'GT', 'LTE', 'LT']),
      params: z.object({ individual: z.string().min(1), organization: z.string().min(1) }),
      subject: ZFieldRef,
      date: ZFieldRef,
    }),
    z.object({ kind: z.literal('FIELD_PRESENT'), stepId: ZId, field: ZFieldKey }),
    z.object({ kind: z.literal('NOT'), of: ZCondition }),
    z.object({ kind: z.literal('ANY'), of: z.array(ZCondition).min(1) }),
    z.object({ kind: z.literal('ALL'), of: z.array(ZCondition).min(1) }),
  ]),
).meta({ id: 'Condition' });

/** One rung of the escalation ladder. */
export const ZEscalationRung = z.object({
  at: z.discriminatedUnion('kind', [
    /** When this share of the time has elapsed (0.8 = 80 %). */
    z.object({ kind: z.literal('SHARE'), share: z.number().gt(0).lt(1) }),
    /** When the deadline passes. */
    z.object({ kind: z.literal('BREACH') }),
    /** This many hours after the deadline passed. */
    z.object({ kind: z.literal('AFTER_BREACH'), hours: z.number().positive().max(24 * 365) }),
  ]),
  /** `WARN` notifies; `ESCALATE` creates an escalation task for `toRole`. */
  action: z.enum(['WARN', 'ESCALATE']),
  toRole: z.string().min(1),
});
export type TEscalationRung = z.infer<typeof ZEscalationRung>;

export const ZDeadline = z.object({
  amount: z.number().int().min(1),
  /** When set, the amount is this legal parameter in force on the anchor date (`amount` is its documented value). */
  amountParam: z.string().min(1).optional(),
  unit: ZDeadlineUnit,
  anchor: ZAnchor,
  legalBasis: z.string().min(1),
  /** The first variant whose condition holds replaces amount/unit/legalBasis. */
  variants: z
    .array(z.object({ when: ZCondition, amount: z.number().int().min(1), amountParam: z.string().min(1).optional(), unit: ZDeadlineUnit, legalBasis: z.string().min(1) }))
    .optional(),
  /** A hard deadline refuses completion after it (`DEADLINE_PASSED`); a soft one only escalates. */
  hard: z.boolean().optional(),
  escalation: z.array(ZEscalationRung).optional(),
});
export type TDeadline = z.infer<typeof ZDeadline>;

// ---------------------------------------------------------------------------------------------
// Steps and procedures

export const ZOutcome = z.object({
  id: ZCode,
  title: ZText,
  /** Steps this outcome opens (in parallel when several). Empty: this branch ends here. */
  next: z.array(ZId),
  /** Closes the whole case now, abandoning any other open step. */
  closesCase: z.boolean().optional(),
  legalBasis: z.string().optional(),
  /** Conditions the law sets for choosing this outcome; refused with `code` when one fails. */
  requires: z.array(z.object({ when: ZCondition, code: ZCode, message: ZText, legalBasis: z.string().min(1) })).optional(),
});
export type TOutcome = z.infer<typeof ZOutcome>;

export const ZStep = z.object({
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
      /** Only when this holds (e.g. the 2-month decision period only for complex cases with an explanation). */
      when: ZCondition.optional(),
    })
    .optional(),
  /** Who may stop the step's clock, and for which reasons (codes). */
  pause: z.object({ roles: z.array(z.string().min(1)).min(1), reasons: z.array(ZCode).min(1), legalBasis: z.string().min(1) }).optional(),
  /** Refuses completion once a period counted from an earlier date has run out. */
  guard: z
    .object({
      from: z.object({ stepId: ZId, field: ZFieldKey }),
      amount: z.number().int().min(1),
      unit: z.enum(['days', 'months']),
      /** A variant period selected like deadline variants (e.g. 2 years for counterfeit goods). */
      variants: z.array(z.object({ when: ZCondition, amount: z.number().int().min(1), unit: z.enum(['days', 'months']) })).optional(),
      code: ZCode,
      message: ZText,
      legalBasis: z.string().min(1),
    })
    .optional(),
  /** The step runs another procedure as a child case and completes with its outcome. */
  subProcedure: z.object({ procedureId: ZId, version: z.number().int().min(1).optional() }).optional(),
  /** At least one evidence reference is required to complete. */
  requiresEvidence: z.boolean().optional(),
});
export type TStep = z.infer<typeof ZStep>;

export const ZCaseKind = z.enum(['INSPECTION', 'PENALTY', 'PENALTY_NO_RECORD', 'SEIZURE', 'ENFORCEMENT', 'CRIMINAL_REFERRAL', 'TIP', 'PAPER_FILE', 'TEST']);
export type TCaseKind = z.infer<typeof ZCaseKind>;

export const ZProcedureDefinition = z.object({
  id: ZId,
  version: z.number().int().min(1),
  kind: ZCaseKind,
  title: ZText,
  description: z.string().max(5000).optional(),
  legalBasis: z.string().optional(),
  /** External events the procedure reacts to (signals), usable as deadline anchors. */
  events: z.array(z.object({ id: ZCode, title: ZText })).default([]),
  /** Steps open when the case starts. */
  start: z.array(ZId).min(1),
  steps: z.array(ZStep).min(1),
});
export type TProcedureDefinition = z.infer<typeof ZProcedureDefinition>;
export type TProcedureInput = z.input<typeof ZProcedureDefinition>;

/** `id@version`, how cases and search attributes name a pinned definition. */
export function procedureRef(def: { id: string; version: number }): string {
  return `${def.id}@${def.version}`;
}

export function stepOf(def: TProcedureDefinition, stepId: string): TStep | undefined {
  return def.steps.find((s) => s.id === stepId);
}
