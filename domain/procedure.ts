/**
 * The procedure language: what a case workflow enforces, as data. Admins edit drafts and publish
 * immutable versions; a running case keeps the version it started on (quy trình có phiên bản).
 *
 * This module holds the language's types and constants. The zod schema that checks an admin's
 * definition is domain/procedure-schema.ts: the case workflows import this module, and every
 * workflow's start evaluates it again; building that schema there cost about 3 ms of the worker's
 * CPU each time (docs/adr/0178).
 */
import type { TProcedureDefinition, TText } from './procedure-schema.js';
import { STAFF_ROLES } from './roles.js';

export { STAFF_ROLES };
export type { TAnchor, TDeadline, TDeadlineUnit, TEscalationRung, TOutcome, TProcedureDefinition, TProcedureInput, TRequirement, TStep, TStepDocument, TText } from './procedure-schema.js';

/**
 * The kinds of case an officer works on, in the order the screens list them: the everyday work first
 * (inspections, penalty cases, on-the-spot fines, tips), then what follows from them, and the paper
 * files typed in after the fact last. The case filters list them in this order; opening a case offers
 * the procedures in it, so that what an officer opens most is at the top.
 */
export const CASE_KINDS = ['INSPECTION', 'PENALTY', 'PENALTY_NO_RECORD', 'TIP', 'SEIZURE', 'ENFORCEMENT', 'CRIMINAL_REFERRAL', 'PAPER_FILE'] as const satisfies readonly TProcedureDefinition['kind'][];

/** Where `kind` stands in {@link CASE_KINDS} (a kind not listed, e.g. TEST, after all of them). */
export function caseKindRank(kind: string): number {
  const i = (CASE_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? CASE_KINDS.length : i;
}

// ---------------------------------------------------------------------------------------------
// Forms

/** What of the case's business (the registry row, `case_file.business_id`) a field may start from. */
export const PREFILL_BUSINESS_ATTRIBUTES = ['name', 'taxCode', 'address', 'legalRepresentative'] as const;

/**
 * Where a field's default comes from (docs/adr/0116): the case's business in the registry, a field
 * of an earlier step of this case, a field of a step of the case that started this one as a
 * sub-procedure (`parent`: its procedure is not known here, so only resolution checks it), today
 * (in Vietnam), or the signed-in officer's name. The form starts from it; the officer may change
 * it, and the server checks the submitted form as if it had been typed.
 */
export type TPrefill =
  | { from: 'business'; attribute: (typeof PREFILL_BUSINESS_ATTRIBUTES)[number] }
  | { from: 'step'; stepId: string; field: string }
  | { from: 'parent'; stepId: string; field: string }
  | { from: 'today' }
  | { from: 'officer' };

interface TFieldCommon {
  key: string;
  label: TText;
  required?: boolean | undefined;
  help?: TText | undefined;
  /** Protected (e.g. an informant's identity): kept in the case, never copied to the read model, the audit log or live events. */
  sensitive?: boolean | undefined;
  /** Where the field's default comes from (top-level fields only); the officer may change it. */
  prefill?: TPrefill | undefined;
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
  | (TFieldCommon & { type: 'group'; fields: TField[]; minItems?: number | undefined; maxItems?: number | undefined })
  /**
   * A violation picked from the catalogue (danh mục hành vi vi phạm): the officer gives its code;
   * the case stores the catalogue's facts with it (see `TViolationFacts`), the bracket adjusted for
   * the offender named in `subjectField` and the row in force on the date in `dateField` (fields of
   * the same step, at its top level). Nothing about the bracket is typed by hand.
   */
  | (TFieldCommon & { type: 'violation'; subjectField?: string | undefined; dateField?: string | undefined });

// ---------------------------------------------------------------------------------------------
// Values in rules (a small typed vocabulary; see docs/adr/0005-rules-as-a-typed-vocabulary.md)

/**
 * A value a rule compares: a form answer (this step's or an earlier step's), an aggregate over a
 * group's rows, a legal parameter in force on a date, the due date of a step's deadline or window,
 * today, a fact the case was started with, or arithmetic on these. Typed: the validator infers
 * each value's type (number, date, text, boolean) and refuses comparisons of different types.
 */
export type TExpr =
  | { kind: 'CONST'; value: number | string | boolean }
  | { kind: 'FIELD'; stepId?: string | undefined; field: string }
  | {
      kind: 'AGG';
      fn: 'SUM' | 'MAX' | 'MIN' | 'COUNT' | 'ALL' | 'ANY';
      stepId?: string | undefined;
      group: string;
      field: string;
      /**
       * Only the rows still within their limitation period on `on` (Art. 6, 65(1)(b)): the row's
       * `years` (a number path of the group, e.g. `violation.limitationYears`) counted from `since`
       * has not ended on that day. A row is left out only when its period is known to have ended.
       */
      withinLimitation?: { since: TExpr; years: string; on: TExpr } | undefined;
    }
  | {
      kind: 'PARAM';
      /** One key, or one per kind of offender read from `subject` (INDIVIDUAL / ORGANIZATION). */
      param: string | { individual: string; organization: string };
      subject?: { stepId?: string | undefined; field: string } | undefined;
      /** The date whose rule applies. */
      on: TExpr;
    }
  | { kind: 'DEADLINE'; stepId?: string | undefined; window?: string | undefined }
  | { kind: 'TODAY' }
  /**
   * The role acted in (a text such as DIRECTOR or TEAM_LEAD): the one completing the step being
   * completed, or the one that completed `stepId` last (e.g. the title that made a decision, which
   * alone decides on its postponement, Art. 76, 79).
   */
  | { kind: 'ROLE'; stepId?: string | undefined }
  | { kind: 'FACT'; fact: string }
  | { kind: 'ARITH'; op: 'ADD' | 'SUB' | 'MUL'; left: TExpr; right: TExpr }
  | { kind: 'DATE_ADD'; date: TExpr; amount: TExpr; unit: 'days' | 'months' }
  | { kind: 'LATEST'; of: TExpr[] }
  /** `then` when the condition holds, else `else` (or nothing). */
  | { kind: 'IF'; when: TCondition; then: TExpr; else?: TExpr | undefined }
  /** Late-payment surcharge (Art. 78(1)(a)): `amount` × the daily rate × days from the day after `lastDay` to the day before `paidOn`. */
  | { kind: 'SURCHARGE'; amount: TExpr; lastDay: TExpr; paidOn: TExpr }
  /**
   * Late-payment surcharge over the payments' schedule (Art. 78(1)(a), docs/adr/0127): for each day
   * from the day after `lastDay` to the day before `paidOn`, the daily rate × what of `amount` the
   * case's `event` payments (their `amount` and `paidAt`) had not paid by that day.
   */
  | { kind: 'SURCHARGE_ON_UNPAID'; amount: TExpr; lastDay: TExpr; paidOn: TExpr; event: string };

/**
 * A fact about the case: an earlier outcome, a form answer, or an amount compared with a legal
 * parameter in force on a date (e.g. "the bracket maximum reaches the right-to-explain threshold
 * for this kind of offender on the violation date").
 */
export type TCondition =
  | { kind: 'OUTCOME'; stepId: string; outcome: string }
  /** `stepId` absent: the step being completed. */
  | { kind: 'FIELD_EQUALS'; stepId?: string | undefined; field: string; equals: string | number | boolean }
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
  | { kind: 'FIELD_PRESENT'; stepId?: string | undefined; field: string }
  /** Two values compared; a comparison with a missing value holds (presence is `FIELD_PRESENT`'s or `required`'s job). */
  | { kind: 'CMP'; op: 'EQ' | 'NE' | 'LT' | 'LTE' | 'GT' | 'GTE'; left: TExpr; right: TExpr }
  /** A value exists (a fact handed down, a field, a due date). */
  | { kind: 'HAS'; value: TExpr }
  /** The period of a step's deadline (or of one of its windows) has run out: now is past 24:00 of its last day. */
  | { kind: 'AFTER_DEADLINE'; stepId?: string | undefined; window?: string | undefined }
  | { kind: 'ANY'; of: TCondition[] }
  | { kind: 'ALL'; of: TCondition[] }
  | { kind: 'NOT'; of: TCondition };

/**
 * How much a case may hold. Its whole state travels in every Update's answer, every query and every
 * continue-as-new, and Temporal refuses a payload over 2 MB (and the history grows with each
 * action): without bounds, one user could freeze a case by sending a thousand photos or notes. A
 * procedure may set its own limits, and a step its own evidence and form sizes, up to the ceilings
 * below (which together keep a case's state well under 2 MB); unset, the defaults apply.
 */
export const CASE_LIMIT_CEILINGS = {
  /** Evidence references one step's completion may carry (its evidence list and its file fields). */
  evidencePerStep: 500,
  /** Evidence references in all of a case's completed steps. */
  evidencePerCase: 2_000,
  /** Bytes (UTF-8 JSON) of one step's form data. */
  formBytesPerStep: 64 * 1024,
  /** Bytes of all completed steps' form data. */
  formBytesPerCase: 512 * 1024,
  /** Notes in a case. */
  notesPerCase: 500,
  /** Bytes (UTF-8) of all of a case's notes. */
  noteBytesPerCase: 256 * 1024,
  /** Escalations and extension requests in a case. */
  escalationsPerCase: 200,
} as const;
export type TCaseLimits = { [K in keyof typeof CASE_LIMIT_CEILINGS]: number };

export const DEFAULT_CASE_LIMITS: TCaseLimits = {
  evidencePerStep: 100,
  evidencePerCase: 1_000,
  formBytesPerStep: 32 * 1024,
  formBytesPerCase: 256 * 1024,
  notesPerCase: 200,
  noteBytesPerCase: 128 * 1024,
  escalationsPerCase: 100,
};
