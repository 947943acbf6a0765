/**
 * Escalations: the ladder a step's deadline climbs (warnings, the breach, rungs after it) on the
 * workflow's timers, the escalations actions raise (an extension request, one by hand), and the
 * reason of each as data (docs/adr/0060-action-union-engine-layout-refusals.md).
 */
import type { TEscalationRung, TProcedureDefinition, TStep } from '../procedure.js';
import { emit, isPaused, stepDef, SYSTEM_ACTOR, type TCaseState, type TDeadlineState, type TEscalation, type TEscalationReason } from './state.js';

// ---------------------------------------------------------------------------------------------
// Reasons

/** The sentence an escalation's reason was always written as (the audit trail keeps it). */
function reasonSentence(r: TEscalationReason): string {
  switch (r.code) {
    case 'TIME_SHARE_USED':
      return `${r.params.percent}% of the time used`;
    case 'DEADLINE_PASSED':
      return 'deadline passed';
    case 'HOURS_AFTER_DEADLINE':
      return `${r.params.hours} h after the deadline`;
    case 'EXTENSION_REQUESTED':
      return `+${r.params.amount} ${r.params.unit}: ${r.params.text}`;
    case 'RAISED_BY_HAND':
      return r.params.text;
  }
}

/** An escalation with its reason as data and as the sentence. */
export function escalation(e: Omit<TEscalation, 'reason' | 'reasonCode' | 'reasonParams'>, reason: TEscalationReason): TEscalation {
  return { ...e, reason: reasonSentence(reason), reasonCode: reason.code, reasonParams: reason.params };
}

const UNITS = new Set(['working_days', 'days', 'months', 'hours']);

/**
 * An escalation's reason as data, whichever shape it is stored in: with `reasonCode` (raised since
 * ADR 0060), or as the sentence alone (raised before, and still in running cases' state, in their
 * continue-as-new input and in the read model). The sentences of that time were written by this
 * engine in fixed forms, one set per kind; this is the one place that reads them back, so that no
 * reader — the API, the screens — ever has to. A sentence of no known form is the person's own words.
 */
export function escalationReason(e: Pick<TEscalation, 'kind' | 'reason' | 'reasonCode' | 'reasonParams'>): TEscalationReason {
  if (e.reasonCode) return { code: e.reasonCode, params: e.reasonParams ?? {} } as TEscalationReason;
  const byHand: TEscalationReason = { code: 'RAISED_BY_HAND', params: { text: e.reason } };
  if (e.kind === 'MANUAL') return byHand;
  if (e.kind === 'EXTENSION_REQUEST') {
    const m = /^\+(\d+) (\w+): ([\s\S]*)$/.exec(e.reason);
    return m && UNITS.has(m[2]!) ? { code: 'EXTENSION_REQUESTED', params: { amount: Number(m[1]), unit: m[2] as 'days', text: m[3]! } } : byHand;
  }
  if (e.reason === 'deadline passed') return { code: 'DEADLINE_PASSED', params: {} };
  const share = /^(\d+)% of the time used$/.exec(e.reason);
  if (share) return { code: 'TIME_SHARE_USED', params: { percent: Number(share[1]) } };
  const after = /^(\d+(?:\.\d+)?) h after the deadline$/.exec(e.reason);
  if (after) return { code: 'HOURS_AFTER_DEADLINE', params: { hours: Number(after[1]) } };
  return byHand;
}

/** The escalation with its reason as data, whichever shape it was stored in (see `escalationReason`). */
export function withReason<T extends Pick<TEscalation, 'kind' | 'reason' | 'reasonCode' | 'reasonParams'>>(e: T): T & Required<Pick<TEscalation, 'reasonCode' | 'reasonParams'>> {
  const r = escalationReason(e);
  return { ...e, reasonCode: r.code, reasonParams: r.params };
}

// ---------------------------------------------------------------------------------------------
// The ladder

const DEFAULT_LADDER: TEscalationRung[] = [{ at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'TEAM_LEAD' }];

function rungInstant(rung: TEscalationRung, d: TDeadlineState): number {
  const anchor = Date.parse(d.anchorAt);
  const due = Date.parse(d.dueAt);
  switch (rung.at.kind) {
    case 'SHARE':
      return anchor + rung.at.share * (due - anchor);
    case 'BREACH':
      return due;
    case 'AFTER_BREACH':
      return due + rung.at.hours * 3_600_000;
  }
}

function rungReason(rung: TEscalationRung): TEscalationReason {
  switch (rung.at.kind) {
    case 'SHARE':
      return { code: 'TIME_SHARE_USED', params: { percent: Math.round(rung.at.share * 100) } };
    case 'BREACH':
      return { code: 'DEADLINE_PASSED', params: {} };
    case 'AFTER_BREACH':
      return { code: 'HOURS_AFTER_DEADLINE', params: { hours: rung.at.hours } };
  }
}

function ladder(step: TStep): TEscalationRung[] {
  const rungs = step.deadline?.escalation?.length ? step.deadline.escalation : DEFAULT_LADDER;
  return rungs.some((r) => r.at.kind === 'BREACH') ? rungs : [...rungs, ...DEFAULT_LADDER];
}

/** The next instant (ms) at which a rung fires or a deadline breaches, over running clocks. */
export function nextTimerAt(def: TProcedureDefinition, state: TCaseState): number | undefined {
  let next: number | undefined;
  for (const o of state.open) {
    if (!o.deadline || isPaused(o)) continue;
    const rungs = ladder(stepDef(def, o.stepId));
    rungs.forEach((r, i) => {
      if (o.deadline!.fired.includes(i)) return;
      const at = rungInstant(r, o.deadline!);
      if (next === undefined || at < next) next = at;
    });
  }
  return next;
}

/** What the ladder does besides raising escalations (set by the workflow, by the patches its history holds). */
interface TLadderOptions {
  /**
   * One queue entry per open breach (patched `escalation-supersedes` in workflows/case.ts): a rung
   * that fires supersedes the step's ladder escalations still open (resolved, `supersededBy` the new
   * one), and rungs due together fire in the order of their instants, so the entry a step keeps is
   * its latest, highest rung. Cases whose history was written before keep the ladder they ran with
   * (every rung its own open entry) and replay unchanged.
   */
  supersede?: boolean | undefined;
}

/** The kinds the ladder raises on a step's timers, as against those actions raise (an extension request, one by hand). */
export const LADDER_KINDS = ['WARN', 'ESCALATE'] as const satisfies readonly TEscalation['kind'][];

function isLadderEscalation(e: Pick<TEscalation, 'kind'>): boolean {
  return (LADDER_KINDS as readonly string[]).includes(e.kind);
}

/** An escalation as the queue sees it: enough to tell which earlier rungs of its step's ladder an entry stands for. */
export interface TQueueRung {
  id: string;
  stepId: string;
  kind: TEscalation['kind'];
  isOpen: boolean;
  supersededBy: string | null;
}

/**
 * The earlier rungs of a step's ladder that a queue entry stands for (one entry per open breach):
 * those it superseded, and those they superseded in turn; for an open entry — the latest open rung of
 * its step, as the queue shows it —, also its step's other rungs still open, which in cases that ran
 * before rungs superseded each other were all open at once. Ids, in the order of `rows`.
 */
export function rungsFoldedInto(entry: TQueueRung, rows: readonly TQueueRung[]): string[] {
  if (!isLadderEscalation(entry)) return [];
  const rungs = rows.filter((r) => r.stepId === entry.stepId && r.id !== entry.id && isLadderEscalation(r));
  const into = new Set([entry.id, ...(entry.isOpen ? rungs.filter((r) => r.isOpen).map((r) => r.id) : [])]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rungs) {
      if (into.has(r.id) || r.supersededBy === null || !into.has(r.supersededBy)) continue;
      into.add(r.id);
      grew = true;
    }
  }
  return rungs.filter((r) => into.has(r.id)).map((r) => r.id);
}

/** Resolves the step's open ladder escalations in favour of `by` (raised after them); returns their ids. */
function supersede(state: TCaseState, stepId: string, by: string, now: string): string[] {
  const ids: string[] = [];
  for (const e of state.escalations) {
    if (e.stepId !== stepId || !isLadderEscalation(e) || e.resolvedAt) continue;
    e.resolvedAt = now;
    e.supersededBy = by;
    ids.push(e.id);
  }
  return ids;
}

/** Fires every rung whose time has come; marks breaches. Returns whether anything changed. */
export function fireEscalations(def: TProcedureDefinition, state: TCaseState, nowMs: number, opts: TLadderOptions = {}): boolean {
  const now = new Date(nowMs).toISOString();
  let changed = false;
  for (const o of state.open) {
    const d = o.deadline;
    if (!d || isPaused(o)) continue;
    const step = stepDef(def, o.stepId);
    const due = ladder(step)
      .map((rung, i) => ({ rung, i, at: rungInstant(rung, d) }))
      .filter(({ i, at }) => !d.fired.includes(i) && at <= nowMs);
    if (opts.supersede) due.sort((a, b) => a.at - b.at || a.i - b.i);
    for (const { rung, i } of due) {
      d.fired.push(i);
      changed = true;
      const isBreach = rung.at.kind !== 'SHARE';
      if (isBreach && !d.breached) {
        d.breached = true;
        emit(state, now, SYSTEM_ACTOR, 'SYSTEM', 'DEADLINE_BREACHED', { stepId: o.stepId, due: d.due, dueAt: d.dueAt }, o.stepId, d.legalBasis);
      }
      const e = escalation({ id: `${o.stepId}#${d.dueAt}#${i}`, stepId: o.stepId, kind: rung.action, toRole: rung.toRole, at: now }, rungReason(rung));
      const superseded = opts.supersede ? supersede(state, o.stepId, e.id, now) : [];
      state.escalations.push(e);
      emit(
        state,
        now,
        SYSTEM_ACTOR,
        'SYSTEM',
        rung.action === 'WARN' ? 'DEADLINE_WARNING' : 'ESCALATED',
        { stepId: o.stepId, toRole: rung.toRole, reason: e.reason, escalationId: e.id, ...(superseded.length ? { supersedes: superseded } : {}) },
        o.stepId,
        d.legalBasis,
      );
    }
  }
  return changed;
}

/**
 * Marks escalation `e` handled by `by` with `note`. A rung of a step's ladder takes with it the
 * step's earlier ladder escalations still open — in cases that ran before rungs superseded each
 * other, all of one breach were open at once — as superseded by it. Returns their ids.
 */
export function resolveHandled(state: TCaseState, e: TEscalation, by: string, note: string, now: string): string[] {
  const earlier = isLadderEscalation(e) ? state.escalations.slice(0, state.escalations.indexOf(e)).filter((x) => x.stepId === e.stepId && isLadderEscalation(x) && !x.resolvedAt) : [];
  for (const x of earlier) Object.assign(x, { resolvedAt: now, resolvedBy: by, resolutionNote: note, supersededBy: e.id });
  Object.assign(e, { resolvedAt: now, resolvedBy: by, resolutionNote: note });
  return earlier.map((x) => x.id);
}

/** Resolves the step's open escalations (of one kind, when given). */
export function resolveEscalations(state: TCaseState, now: string, stepId?: string, kind?: TEscalation['kind']): void {
  for (const e of state.escalations) if ((stepId === undefined || e.stepId === stepId) && (kind === undefined || e.kind === kind) && !e.resolvedAt) e.resolvedAt = now;
}
