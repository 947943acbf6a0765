/**
 * The rules of the procedure language, evaluated (pure): values (`TExpr`) and conditions
 * (`TCondition`) over a case — its completed steps, the step being completed, the open steps'
 * deadlines and windows, the legal parameters in force on a date, the facts a parent case handed
 * down. The workflow's validator and the web app's form evaluate the very same functions, so the
 * form says at a field what the server would refuse (docs/adr/0005-rules-as-a-typed-vocabulary.md).
 */
import { addCalendarDays, addMonths, isValidDate, vietnamDateOf } from './calendar.js';
import { lateSurcharge, surchargeOnUnpaid, type TFinePayment } from './fines.js';
import { paramOn, type TLegalParam } from './legal-params.js';
import type { TCondition, TExpr } from './procedure.js';
import { barredOn } from './violation-catalogue.js';

/** A due date as rules see it: the last day and the instant the period ends. */
export interface TDueRef {
  due: string;
  dueAt: string;
}

/** What rules read of a case. `TCaseState` (domain/engine.ts) and the read model's snapshot both fit. */
export interface TRuleCase {
  completed: readonly { stepId: string; outcome: string; data: Record<string, unknown>; role?: string | undefined; deadline?: TDueRef | undefined; windows?: Record<string, TDueRef> | undefined }[];
  open: readonly {
    stepId: string;
    deadline?: (TDueRef & { pauses?: readonly { to?: string | undefined }[] | undefined }) | undefined;
    windows?: Record<string, TDueRef> | undefined;
  }[];
  legalParams?: readonly TLegalParam[] | undefined;
  /** External events reported to the case (payments: `SURCHARGE_ON_UNPAID`). */
  events?: readonly { id: string; at: string; data?: Record<string, unknown> | undefined }[] | undefined;
  facts?: Record<string, string | number | boolean> | undefined;
}

/** A step id no step has: the scope of a rule evaluated outside any completion (deadline variants). */
export const NO_STEP = '\u0000';

/** Where a rule is evaluated: the case, the step being completed (its data and outcome) and now. */
export interface TRuleScope {
  case: TRuleCase;
  /** The step being completed; `FIELD` without a step id reads its data. */
  stepId: string;
  data: Record<string, unknown>;
  outcome?: string | undefined;
  /** The current instant (workflow time on the server, the clock in the browser). */
  now: string;
  /** The role the step is being completed in (`ROLE` without a step id); unknown, a rule on it holds. */
  actingRole?: string | undefined;
}

export type TValue = number | string | boolean | undefined;

/** A rule that cannot be evaluated: a configuration error (a legal parameter missing), not the officer's. */
class RuleError extends Error {}

function lastCompletion(c: TRuleCase, stepId: string) {
  for (let i = c.completed.length - 1; i >= 0; i--) if (c.completed[i]!.stepId === stepId) return c.completed[i];
  return undefined;
}

function stepData(scope: TRuleScope, stepId: string | undefined): Record<string, unknown> | undefined {
  if (stepId === undefined || stepId === scope.stepId) return scope.data;
  return lastCompletion(scope.case, stepId)?.data;
}

/** `violation.bracketMax` → the `bracketMax` of the object in `violation`. */
function at(data: Record<string, unknown> | undefined, path: string): unknown {
  if (!data) return undefined;
  const [head, tail] = path.split('.', 2) as [string, string | undefined];
  const v = data[head];
  if (tail === undefined) return v;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[tail] : undefined;
}

function scalar(v: unknown): TValue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'boolean') return v;
  return undefined;
}

function isDate(v: TValue): v is string {
  return typeof v === 'string' && isValidDate(v);
}

/** The due date of a step's deadline (or one of its windows): open, or as it stood when the step completed. */
function dueOf(c: TRuleCase, stepId: string, window?: string): (TDueRef & { paused: boolean }) | undefined {
  const open = c.open.find((o) => o.stepId === stepId);
  if (open) {
    const d = window ? open.windows?.[window] : open.deadline;
    if (!d) return undefined;
    const paused = !window && !!open.deadline?.pauses?.some((p) => p.to === undefined);
    return { due: d.due, dueAt: d.dueAt, paused };
  }
  const done = lastCompletion(c, stepId);
  const d = window ? done?.windows?.[window] : done?.deadline;
  return d ? { due: d.due, dueAt: d.dueAt, paused: false } : undefined;
}

function param(scope: TRuleScope, key: string, date: TValue): number {
  if (!isDate(date)) throw new RuleError(`legal parameter ${key} needs a date`);
  try {
    return paramOn(scope.case.legalParams ?? [], key, date).value;
  } catch (err) {
    throw new RuleError((err as Error).message);
  }
}

/** The value of an expression, or undefined when something it reads is not there (yet). */
export function evaluate(e: TExpr, scope: TRuleScope): TValue {
  switch (e.kind) {
    case 'CONST':
      return e.value;
    case 'FIELD':
      return scalar(at(stepData(scope, e.stepId), e.field));
    case 'AGG': {
      const rows = stepData(scope, e.stepId)?.[e.group];
      if (!Array.isArray(rows)) return undefined;
      const values = inLimitation(rows, e.withinLimitation, scope)
        .map((r) => scalar(at(r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined, e.field)))
        .filter((v) => v !== undefined);
      if (e.fn === 'COUNT') return values.length;
      if (values.length === 0) return undefined;
      if (e.fn === 'ALL') return values.every((v) => v === true);
      if (e.fn === 'ANY') return values.some((v) => v === true);
      const nums = values.filter((v): v is number => typeof v === 'number');
      if (nums.length === 0) return undefined;
      return e.fn === 'SUM' ? nums.reduce((a, b) => a + b, 0) : e.fn === 'MAX' ? Math.max(...nums) : Math.min(...nums);
    }
    case 'PARAM': {
      let key: string;
      if (typeof e.param === 'string') key = e.param;
      else {
        const subject = e.subject ? at(stepData(scope, e.subject.stepId), e.subject.field) : undefined;
        if (subject === undefined) return undefined;
        key = subject === 'ORGANIZATION' ? e.param.organization : e.param.individual;
      }
      const on = evaluate(e.on, scope);
      return on === undefined ? undefined : param(scope, key, on);
    }
    case 'DEADLINE':
      return dueOf(scope.case, e.stepId ?? scope.stepId, e.window)?.due;
    case 'TODAY':
      return vietnamDateOf(new Date(scope.now));
    case 'ROLE':
      return e.stepId === undefined || e.stepId === scope.stepId ? scope.actingRole || undefined : lastCompletion(scope.case, e.stepId)?.role;
    case 'FACT':
      return scalar(scope.case.facts?.[e.fact]);
    case 'ARITH': {
      const l = evaluate(e.left, scope);
      const r = evaluate(e.right, scope);
      if (typeof l !== 'number' || typeof r !== 'number') return undefined;
      return e.op === 'ADD' ? l + r : e.op === 'SUB' ? l - r : l * r;
    }
    case 'DATE_ADD': {
      const d = evaluate(e.date, scope);
      const n = evaluate(e.amount, scope);
      if (!isDate(d) || typeof n !== 'number' || !Number.isInteger(n)) return undefined;
      return e.unit === 'days' ? addCalendarDays(d, n) : addMonths(d, n);
    }
    case 'LATEST': {
      const values = e.of.map((x) => evaluate(x, scope)).filter((v) => v !== undefined);
      if (values.length === 0) return undefined;
      return values.reduce((a, b) => (compare(b, a) > 0 ? b : a));
    }
    case 'IF':
      return holds(e.when, scope) ? evaluate(e.then, scope) : e.else ? evaluate(e.else, scope) : undefined;
    case 'SURCHARGE': {
      const amount = evaluate(e.amount, scope);
      const lastDay = evaluate(e.lastDay, scope);
      const paidOn = evaluate(e.paidOn, scope);
      if (typeof amount !== 'number' || !isDate(lastDay) || !isDate(paidOn)) return undefined;
      try {
        return lateSurcharge({ unpaid: Math.round(amount), lastDayToPay: lastDay, paidOn }, scope.case.legalParams ?? []).amount;
      } catch (err) {
        throw new RuleError((err as Error).message);
      }
    }
    case 'SURCHARGE_ON_UNPAID': {
      const amount = evaluate(e.amount, scope);
      const lastDay = evaluate(e.lastDay, scope);
      const paidOn = evaluate(e.paidOn, scope);
      if (typeof amount !== 'number' || !isDate(lastDay) || !isDate(paidOn)) return undefined;
      try {
        return surchargeOnUnpaid({ fine: Math.round(amount), lastDayToPay: lastDay, payments: paymentsOf(scope.case, e.event), paidOn }, scope.case.legalParams ?? []).amount;
      } catch (err) {
        throw new RuleError((err as Error).message);
      }
    }
  }
}

/**
 * The rows not known to be past their limitation period on the day `within` names (all rows
 * without it): a row is left out only when its period, the dates and its years all tell that it
 * ended before that day, so that a missing value never lowers a bracket.
 */
function inLimitation(rows: unknown[], within: { since: TExpr; years: string; on: TExpr } | undefined, scope: TRuleScope): unknown[] {
  if (!within) return rows;
  const since = evaluate(within.since, scope);
  const on = evaluate(within.on, scope);
  return rows.filter((r) => !barredOn(since, at(r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined, within.years), on));
}

/**
 * The payments reported to a case as `event`: each event's whole positive `amount`, on the
 * Vietnamese date of its `paidAt` (or of its arrival). Other events are not payments.
 */
export function paymentsOf(c: Pick<TRuleCase, 'events'>, event: string): TFinePayment[] {
  const out: TFinePayment[] = [];
  for (const ev of c.events ?? []) {
    const amount = ev.data?.amount;
    if (ev.id !== event || typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) continue;
    const paidAt = typeof ev.data?.paidAt === 'string' && !Number.isNaN(Date.parse(ev.data.paidAt)) ? ev.data.paidAt : ev.at;
    out.push({ on: vietnamDateOf(new Date(paidAt)), amount });
  }
  return out;
}

function compare(a: TValue, b: TValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  throw new RuleError(`cannot compare ${typeof a} with ${typeof b}`);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Whether a condition holds in this scope. */
export function holds(c: TCondition, scope: TRuleScope): boolean {
  switch (c.kind) {
    case 'OUTCOME':
      // The step being completed has no past outcome: only the one being chosen (if any) counts.
      if (c.stepId === scope.stepId) return scope.outcome === c.outcome;
      return lastCompletion(scope.case, c.stepId)?.outcome === c.outcome;
    case 'FIELD_EQUALS':
      return stepData(scope, c.stepId)?.[c.field] === c.equals;
    case 'FIELD_PRESENT':
      return present(stepData(scope, c.stepId)?.[c.field]);
    case 'NOT':
      return !holds(c.of, scope);
    case 'ANY':
      return c.of.some((x) => holds(x, scope));
    case 'ALL':
      return c.of.every((x) => holds(x, scope));
    case 'PARAM_THRESHOLD': {
      const amount = stepData(scope, c.stepId)?.[c.field];
      const subject = stepData(scope, c.subject.stepId)?.[c.subject.field];
      const date = stepData(scope, c.date.stepId)?.[c.date.field];
      if (typeof amount !== 'number' || typeof date !== 'string') return false;
      const value = param(scope, subject === 'ORGANIZATION' ? c.params.organization : c.params.individual, date);
      switch (c.op) {
        case 'GTE':
          return amount >= value;
        case 'GT':
          return amount > value;
        case 'LTE':
          return amount <= value;
        case 'LT':
          return amount < value;
      }
      return false;
    }
    case 'CMP': {
      const l = evaluate(c.left, scope);
      const r = evaluate(c.right, scope);
      if (l === undefined || r === undefined) return true;
      const d = compare(l, r);
      switch (c.op) {
        case 'EQ':
          return d === 0;
        case 'NE':
          return d !== 0;
        case 'LT':
          return d < 0;
        case 'LTE':
          return d <= 0;
        case 'GT':
          return d > 0;
        case 'GTE':
          return d >= 0;
      }
      return false;
    }
    case 'HAS':
      return evaluate(c.value, scope) !== undefined;
    case 'AFTER_DEADLINE': {
      const d = dueOf(scope.case, c.stepId ?? scope.stepId, c.window);
      return !!d && !d.paused && Date.parse(scope.now) > Date.parse(d.dueAt);
    }
  }
}
