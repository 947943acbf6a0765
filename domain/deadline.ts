/**
 * A step's deadline as a reproducible function of its rule, anchor, extensions and clock pauses,
 * so that a calendar change can recompute every open deadline the same way.
 */
import { endOfLegalDay, formatVi, vietnamDateOf, addCalendarDays, type TDueDateExplanation, type WorkingCalendar } from './calendar.js';
import type { TDeadlineUnit } from './procedure.js';

export interface TDeadlineSpec {
  /** ISO instant of the anchor event. */
  anchorAt: string;
  amount: number;
  unit: TDeadlineUnit;
  legalBasis: string;
  extensions: { amount: number; unit: TDeadlineUnit }[];
  /** Closed pauses (an open pause stops the clock; the deadline is recomputed when it closes). */
  pauses: { from: string; to: string }[];
}

export interface TComputedDeadline {
  dueAt: string;
  /** Vietnam date of the due day (for hours: the date the instant falls on). */
  due: string;
  calendarVersion: string;
  explanation: {
    base: TDueDateExplanation | { unit: 'hours'; amount: number; anchorAt: string; dueAt: string; legalBasis: string };
    extensions: { amount: number; unit: TDeadlineUnit; dueBefore: string; dueAfter: string }[];
    pauses: { from: string; to: string; daysAdded: number; dueAfter: string }[];
    summaryVi: string;
  };
}

const HOUR_MS = 3_600_000;

function unitVi(unit: TDeadlineUnit): string {
  return unit === 'working_days' ? 'ngày làm việc' : unit === 'days' ? 'ngày' : unit === 'months' ? 'tháng' : 'giờ';
}

export function computeDeadline(calendar: WorkingCalendar, spec: TDeadlineSpec): TComputedDeadline {
  const extensions: TComputedDeadline['explanation']['extensions'] = [];
  const pauses: TComputedDeadline['explanation']['pauses'] = [];

  if (spec.unit === 'hours') {
    let dueMs = Date.parse(spec.anchorAt) + spec.amount * HOUR_MS;
    const base = { unit: 'hours' as const, amount: spec.amount, anchorAt: spec.anchorAt, dueAt: new Date(dueMs).toISOString(), legalBasis: spec.legalBasis };
    for (const e of spec.extensions) {
      const before = new Date(dueMs).toISOString();
      dueMs += e.unit === 'hours' ? e.amount * HOUR_MS : e.amount * 24 * HOUR_MS;
      extensions.push({ ...e, dueBefore: before, dueAfter: new Date(dueMs).toISOString() });
    }
    for (const p of spec.pauses) {
      const ms = Math.max(0, Date.parse(p.to) - Date.parse(p.from));
      dueMs += ms;
      pauses.push({ ...p, daysAdded: ms / (24 * HOUR_MS), dueAfter: new Date(dueMs).toISOString() });
    }
    const dueAt = new Date(dueMs).toISOString();
    return {
      dueAt,
      due: vietnamDateOf(new Date(dueMs)),
      calendarVersion: calendar.version,
      explanation: { base, extensions, pauses, summaryVi: `Hạn ${dueAt}: ${spec.amount} giờ từ ${spec.anchorAt}; ${spec.legalBasis}.` },
    };
  }

  const anchorDate = vietnamDateOf(new Date(spec.anchorAt));
  const base = calendar.dueDate({ anchorDate, amount: spec.amount, unit: spec.unit, legalBasis: spec.legalBasis });
  let due = base.due;
  for (const e of spec.extensions) {
    const before = due;
    due = e.unit === 'hours' ? due : calendar.dueDate({ anchorDate: due, amount: e.amount, unit: e.unit }).due;
    extensions.push({ ...e, dueBefore: before, dueAfter: due });
  }
  for (const p of spec.pauses) {
    // Time excluded from the period: the days the clock stood still, counted in the deadline's own kind of day.
    const fromDate = vietnamDateOf(new Date(p.from));
    const toDate = vietnamDateOf(new Date(p.to));
    let n = 0;
    for (let d = fromDate; d < toDate; d = addCalendarDays(d, 1)) {
      if (spec.unit !== 'working_days' || calendar.isWorkingDay(d)) n++;
    }
    if (n > 0) due = calendar.dueDate({ anchorDate: due, amount: n, unit: spec.unit === 'working_days' ? 'working_days' : 'days' }).due;
    pauses.push({ ...p, daysAdded: n, dueAfter: due });
  }
  let summaryVi = base.explanation.summaryVi;
  if (extensions.length) summaryVi += ` Gia hạn: ${extensions.map((e) => `+${e.amount} ${unitVi(e.unit)} → ${formatVi(e.dueAfter)}`).join('; ')}.`;
  const counted = pauses.filter((p) => p.daysAdded > 0);
  if (counted.length) summaryVi += ` Tạm dừng: ${counted.map((p) => `+${p.daysAdded} ${unitVi(spec.unit === 'working_days' ? 'working_days' : 'days')} → ${formatVi(p.dueAfter)}`).join('; ')}.`;
  return {
    dueAt: endOfLegalDay(due).toISOString(),
    due,
    calendarVersion: calendar.version,
    explanation: { base: base.explanation, extensions, pauses, summaryVi },
  };
}
