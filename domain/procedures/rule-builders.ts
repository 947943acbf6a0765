/**
 * Small builders for the rules of the procedure language (domain/procedure.ts `TExpr`,
 * `TCondition`), so that the shipped procedures read like the law they encode. They produce plain
 * data: what an admin edits as JSON is the same thing.
 */
import type { TCondition, TExpr, TRequirement, TText } from '../procedure.js';

/** A field of the step being completed, or of an earlier step. */
export const field = (name: string, stepId?: string): TExpr => ({ kind: 'FIELD', field: name, ...(stepId ? { stepId } : {}) });
export const constant = (value: number | string | boolean): TExpr => ({ kind: 'CONST', value });
export const fact = (name: string): TExpr => ({ kind: 'FACT', fact: name });
/** Today's date in Vietnam, when the action is taken (for a rule about the entry itself, not a paper's date). */
export const today = (): TExpr => ({ kind: 'TODAY' });
/** The role acted in: completing this step, or (with `stepId`) the one that completed that step last. */
export const roleOf = (stepId?: string): TExpr => ({ kind: 'ROLE', ...(stepId ? { stepId } : {}) });
export const dueOf = (stepId?: string, window?: string): TExpr => ({ kind: 'DEADLINE', ...(stepId ? { stepId } : {}), ...(window ? { window } : {}) });
export const agg = (fn: 'SUM' | 'MAX' | 'MIN' | 'COUNT' | 'ALL' | 'ANY', group: string, name: string, stepId?: string): TExpr => ({
  kind: 'AGG',
  fn,
  group,
  field: name,
  ...(stepId ? { stepId } : {}),
});
/**
 * `agg` over the acts still within their limitation period on `on` (Art. 6, 65(1)(b)): each act's
 * `violation.limitationYears` counted from `since`, the violation date.
 */
export const aggInLimitation = (fn: 'SUM' | 'MAX' | 'MIN' | 'COUNT' | 'ALL' | 'ANY', group: string, name: string, stepId: string | undefined, since: TExpr, on: TExpr): TExpr => ({
  ...(agg(fn, group, name, stepId) as Extract<TExpr, { kind: 'AGG' }>),
  withinLimitation: { since, years: 'violation.limitationYears', on },
});
/** A legal parameter in force on a date; per kind of offender when `subject` names the offender field. */
export const param = (key: string | { individual: string; organization: string }, on: TExpr, subject?: { stepId?: string; field: string }): TExpr => ({
  kind: 'PARAM',
  param: key,
  on,
  ...(subject ? { subject } : {}),
});
export const plus = (left: TExpr, right: TExpr): TExpr => ({ kind: 'ARITH', op: 'ADD', left, right });
export const times = (left: TExpr, right: TExpr): TExpr => ({ kind: 'ARITH', op: 'MUL', left, right });
export const addMonths = (date: TExpr, amount: TExpr): TExpr => ({ kind: 'DATE_ADD', date, amount, unit: 'months' });
export const latest = (...of: TExpr[]): TExpr => ({ kind: 'LATEST', of });
export const when = (cond: TCondition, then: TExpr, otherwise?: TExpr): TExpr => ({ kind: 'IF', when: cond, then, ...(otherwise ? { else: otherwise } : {}) });
export const surcharge = (amount: TExpr, lastDay: TExpr, paidOn: TExpr): TExpr => ({ kind: 'SURCHARGE', amount, lastDay, paidOn });
/** The surcharge on what the case's `event` payments left unpaid each late day (Art. 78(1)(a)). */
export const surchargeOnUnpaid = (amount: TExpr, lastDay: TExpr, paidOn: TExpr, event: string): TExpr => ({ kind: 'SURCHARGE_ON_UNPAID', amount, lastDay, paidOn, event });

export const cmp = (left: TExpr, op: 'EQ' | 'NE' | 'LT' | 'LTE' | 'GT' | 'GTE', right: TExpr): TCondition => ({ kind: 'CMP', op, left, right });
/** A field has a value; of the step being completed unless `stepId` names an earlier one. */
export const present = (name: string, stepId?: string): TCondition => ({ kind: 'FIELD_PRESENT', field: name, ...(stepId ? { stepId } : {}) });
/** A field equals a value; of the step being completed unless `stepId` names an earlier one. */
export const equals = (name: string, value: string | number | boolean, stepId?: string): TCondition => ({ kind: 'FIELD_EQUALS', field: name, equals: value, ...(stepId ? { stepId } : {}) });
export const outcomeIs = (stepId: string, outcome: string): TCondition => ({ kind: 'OUTCOME', stepId, outcome });
export const afterDeadline = (stepId?: string, window?: string): TCondition => ({ kind: 'AFTER_DEADLINE', ...(stepId ? { stepId } : {}), ...(window ? { window } : {}) });
export const has = (value: TExpr): TCondition => ({ kind: 'HAS', value });
export const anyOf = (...of: TCondition[]): TCondition => ({ kind: 'ANY', of });
export const allOf = (...of: TCondition[]): TCondition => ({ kind: 'ALL', of });
export const not = (of: TCondition): TCondition => ({ kind: 'NOT', of });

/** A rule the law sets, with its code, its message in both languages, its basis and the field it belongs to. */
export const rule = (code: string, holds: TCondition, message: TText, legalBasis: string, atField?: string): TRequirement => ({
  when: holds,
  code,
  message,
  legalBasis,
  ...(atField ? { field: atField } : {}),
});
