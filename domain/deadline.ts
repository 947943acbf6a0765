/**
 * A step's deadline as a reproducible function of its rule, anchor, extensions and clock pauses,
 * so that a calendar change can recompute every open deadline the same way.
 */
import {
  endOfLegalDay,
  formatVi,
  vietnamDateOf,
  addCalendarDays,
  provisionalNote,
  type TBinds,
  type TDueDateExplanation,
  type TProvisional,
  type TSkippedDay,
  type WorkingCalendar,
} from './calendar.js';
import type { TDeadlineUnit } from './procedure.js';
import { vnWallClock } from './vn-time.js';

export interface TDeadlineSpec {
  /** ISO instant of the anchor event. */
  anchorAt: string;
  amount: number;
  unit: TDeadlineUnit;
  legalBasis: string;
  extensions: { amount: number; unit: TDeadlineUnit }[];
  /** Closed pauses (an open pause stops the clock; the deadline is recomputed when it closes). */
  pauses: { from: string; to: string }[];
  /** Whom the period binds (default the agency): how days not yet confirmed are counted. */
  binds?: TBinds | undefined;
  /** The same period counted from this other instant is a ceiling the due date never passes. */
  cap?: { anchorAt: string; legalBasis: string } | undefined;
  /** A period that runs out first, from the anchor; this one counts from the day it ends (Art. 126: a year, then 5 working days). */
  after?: { amount: number; unit: 'days' | 'months'; legalBasis: string } | undefined;
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
    /** Set when the count crossed days the Government has not confirmed (see domain/calendar.ts). */
    provisional?: TProvisional | undefined;
    /** Set when the ceiling (`spec.cap`) is earlier than the period's own end. */
    capped?: { capDue: string; uncappedDue: string; legalBasis: string } | undefined;
    /** Set when the period counts from the end of an earlier one (`spec.after`): that one's last day. */
    after?: { amount: number; unit: 'days' | 'months'; anchorDate: string; ends: string; legalBasis: string } | undefined;
    summaryVi: string;
  };
}

const HOUR_MS = 3_600_000;

/** An instant as Vietnamese documents write it, in Vietnam's time: `17:00 ngày 15/02/2026`. */
function formatViInstant(instant: string): string {
  const wall = vnWallClock(new Date(instant));
  return `${wall.slice(11, 16)} ngày ${formatVi(wall.slice(0, 10))}`;
}

function unitVi(unit: TDeadlineUnit): string {
  return unit === 'working_days' ? 'ngày làm việc' : unit === 'days' ? 'ngày' : unit === 'months' ? 'tháng' : 'giờ';
}

export function computeDeadline(calendar: WorkingCalendar, spec: TDeadlineSpec): TComputedDeadline {
  if (spec.after) {
    // The waiting period ends as any period does (Civil Code Arts. 147–148: off a day off to the next working day); the deadline counts from that day.
    const anchorDate = vietnamDateOf(new Date(spec.anchorAt));
    const wait = calendar.dueDate({ anchorDate, amount: spec.after.amount, unit: spec.after.unit, binds: spec.binds ?? 'AGENCY', legalBasis: spec.after.legalBasis });
    const own = computeDeadline(calendar, { ...spec, after: undefined, anchorAt: `${wait.due}T05:00:00.000Z` });
    const waited = provisionalNote(wait.explanation.provisional?.days ?? [], spec.binds ?? 'AGENCY', wait.explanation.provisional?.years ?? []);
    const provisional = own.explanation.provisional ?? waited;
    return {
      ...own,
      explanation: {
        ...own.explanation,
        ...(provisional ? { provisional } : {}),
        after: { amount: spec.after.amount, unit: spec.after.unit, anchorDate, ends: wait.due, legalBasis: spec.after.legalBasis },
        summaryVi: `Sau ${spec.after.amount} ${unitVi(spec.after.unit)} kể từ ngày ${formatVi(anchorDate)} (hết ngày ${formatVi(wait.due)}; ${spec.after.legalBasis}): ${own.explanation.summaryVi}`,
      },
    };
  }
  if (spec.cap) {
    const own = computeDeadline(calendar, { ...spec, cap: undefined });
    const ceiling = computeDeadline(calendar, { ...spec, cap: undefined, anchorAt: spec.cap.anchorAt });
    if (ceiling.due >= own.due) return own;
    const capped = { capDue: ceiling.due, uncappedDue: own.due, legalBasis: spec.cap.legalBasis };
    return {
      ...ceiling,
      explanation: {
        ...own.explanation,
        capped,
        summaryVi: `Hạn ${formatVi(ceiling.due)} (24:00): không vượt quá thời hạn tính từ ngày ${formatVi(vietnamDateOf(new Date(spec.cap.anchorAt)))} (${spec.cap.legalBasis}); nếu tính riêng thì đến ${formatVi(own.due)}. ${own.explanation.summaryVi}`,
      },
    };
  }
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
      explanation: { base, extensions, pauses, summaryVi: `Hạn ${formatViInstant(dueAt)}: ${spec.amount} giờ từ ${formatViInstant(spec.anchorAt)}; ${spec.legalBasis}.` },
    };
  }

  const anchorDate = vietnamDateOf(new Date(spec.anchorAt));
  const binds = spec.binds ?? 'AGENCY';
  const uncertain: TSkippedDay[] = [];
  const unheldYears: number[] = [];
  const due_ = (anchor: string, amount: number, unit: Exclude<TDeadlineUnit, 'hours'>, legalBasis?: string) => {
    const r = calendar.dueDate({ anchorDate: anchor, amount, unit, binds, ...(legalBasis ? { legalBasis } : {}) });
    uncertain.push(...(r.explanation.provisional?.days ?? []));
    unheldYears.push(...(r.explanation.provisional?.years ?? []));
    return r;
  };
  // The period's end before Civil Code Art. 148 moves it off a day off (a working-day count ends on
  // a working day: its due date). Whatever lengthens a period in days or months lengthens this end,
  // which is then moved off a day off once, never a date already moved.
  const nominalOf = (r: { due: string; explanation: TDueDateExplanation }) => r.explanation.nominalEnd ?? r.due;
  const base = due_(anchorDate, spec.amount, spec.unit, spec.legalBasis);
  let due = base.due;
  let end = nominalOf(base);
  // An extension lengthens the period; it is counted from the anchor as one period (n + m months
  // from the anchor, Civil Code Arts. 147–148), never added to a due date already moved off a day off.
  let sameUnit = spec.amount;
  for (const e of spec.extensions) {
    const before = due;
    if (e.unit === spec.unit) {
      sameUnit += e.amount;
      const r = due_(anchorDate, sameUnit, spec.unit);
      due = r.due;
      end = nominalOf(r);
    } else if (e.unit !== 'hours') {
      const r = due_(due, e.amount, e.unit);
      due = r.due;
      end = nominalOf(r);
    }
    extensions.push({ ...e, dueBefore: before, dueAfter: due });
  }
  for (const p of spec.pauses) {
    // Time excluded from the period: the days the clock stood still, counted in the deadline's own kind of day.
    const fromDate = vietnamDateOf(new Date(p.from));
    const toDate = vietnamDateOf(new Date(p.to));
    let n = 0;
    for (let d = fromDate; d < toDate; d = addCalendarDays(d, 1)) {
      if (spec.unit !== 'working_days' || calendar.isWorkingDay(d, binds)) n++;
    }
    // Added to the period's end, then moved off a day off (Civil Code Art. 148): 10 days from
    // 04/02/2026 end on 14/02 (Tết, moved to 23/02); two days paused make it 16/02, still Tết → 23/02.
    if (n > 0) {
      const r = due_(end, n, spec.unit === 'working_days' ? 'working_days' : 'days');
      due = r.due;
      end = nominalOf(r);
    }
    pauses.push({ ...p, daysAdded: n, dueAfter: due });
  }
  const provisional = provisionalNote(
    uncertain.filter((d) => d.date <= due),
    binds,
    unheldYears.filter((y) => y <= Number(due.slice(0, 4))),
  );
  let summaryVi = base.explanation.summaryVi;
  if (extensions.length)
    summaryVi += ` Gia hạn: ${extensions.map((e) => `+${e.amount} ${unitVi(e.unit)} → ${formatVi(e.dueAfter)}`).join('; ')}${extensions.every((e) => e.unit === spec.unit) ? ` (tổng ${sameUnit} ${unitVi(spec.unit)} kể từ ngày ${formatVi(anchorDate)})` : ''}.`;
  const counted = pauses.filter((p) => p.daysAdded > 0);
  if (counted.length) summaryVi += ` Tạm dừng: ${counted.map((p) => `+${p.daysAdded} ${unitVi(spec.unit === 'working_days' ? 'working_days' : 'days')} → ${formatVi(p.dueAfter)}`).join('; ')}.`;
  if (provisional && !base.explanation.provisional) summaryVi += ` ${provisional.noteVi}`;
  return {
    dueAt: endOfLegalDay(due).toISOString(),
    due,
    calendarVersion: calendar.version,
    explanation: { base: base.explanation, extensions, pauses, ...(provisional ? { provisional } : {}), summaryVi },
  };
}
