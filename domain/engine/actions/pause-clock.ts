/** Stop a step's clock for a lawful reason (the time is excluded from the period). */
import { z } from 'zod';
import { stepAction, stepIdSchema, type TActingOnStep } from '../action.js';
import { deadlinePassed } from '../deadlines.js';
import { refuse, type TRejection } from '../refusals.js';
import { actingRole, emit, isPaused } from '../state.js';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ reason: z.string().min(1).max(60) });
  return { body, input: body.extend({ stepId: stepIdSchema() }) };
};

/** Whether the step's clock can be stopped or restarted at all, and by this actor (shared with resume-clock.ts). */
export function clockRefusal({ actor, step, open }: TActingOnStep): TRejection | undefined {
  const p = step.pause;
  if (!p) return refuse('CLOCK_NOT_STOPPABLE', { stepId: step.id }, { legalBasis: step.deadline?.legalBasis });
  if (!open.deadline) return refuse('CLOCK_NO_DEADLINE', { stepId: step.id });
  if (!actingRole(actor, p.roles)) return refuse('ROLE_MAY_NOT_STOP_CLOCK', { stepId: step.id, roles: p.roles }, { legalBasis: p.legalBasis });
  return undefined;
}

export const pauseClock = stepAction({
  type: 'PAUSE_CLOCK',
  update: 'pauseClock',
  schemas,
  check(a, i) {
    const refused = clockRefusal(a);
    if (refused) return refused;
    const p = a.step.pause!;
    if (isPaused(a.open)) return refuse('CLOCK_ALREADY_STOPPED', { stepId: a.step.id });
    if (!p.reasons.includes(i.reason)) return refuse('PAUSE_REASON_UNKNOWN', { reason: i.reason, reasons: p.reasons }, { legalBasis: p.legalBasis });
    // Only time within the period is excluded from it (Decree 33/2022: verifying facts, the party's
    // delay during the inspection): once it has ended, a pause would revive it. Admitted requests
    // only, so histories where such a pause was accepted replay (docs/adr/0208).
    if (a.admitting && deadlinePassed(a.open, a.now)) return refuse('CLOCK_AFTER_DEADLINE', { stepId: a.step.id, due: a.open.deadline!.due }, { legalBasis: p.legalBasis });
    return undefined;
  },
  apply({ state, actor, now, step, open }, i) {
    open.deadline!.pauses.push({ from: now, reason: i.reason, by: actor.userId });
    emit(state, now, actor, actingRole(actor, step.pause!.roles) ?? '', 'CLOCK_PAUSED', { stepId: step.id, reason: i.reason }, step.id, step.pause!.legalBasis);
  },
});
