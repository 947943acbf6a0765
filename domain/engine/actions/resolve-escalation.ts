/**
 * Mark an escalation handled (đã xử lý), saying how: a deadline warning or breach, a step escalated
 * by hand, or an extension request answered otherwise than by granting it. Taken by the role the
 * escalation is addressed to or a supervisor above it (domain/roles.ts `escalationResolvers`); it
 * leaves the supervisors' queue, and the audit trail keeps who handled it, when, and the note.
 */
import { z } from 'zod';
import { noteBreach } from '../../case-limits.js';
import { escalationResolvers } from '../../roles.js';
import { caseAction } from '../action.js';
import { resolveHandled } from '../escalation.js';
import { limitRefusal, refuse } from '../refusals.js';
import { actingRole, emit, type TCaseState } from '../state.js';

const MAX_NOTE = 2000;

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ note: z.string().min(1).max(MAX_NOTE) });
  return { body, input: body.extend({ escalationId: z.string().min(1).max(200) }) };
};

/** The notes the case holds, resolution notes among them: they count toward the case's bounds on notes. */
const notesOf = (state: TCaseState): { text: string }[] => [...state.notes, ...state.escalations.flatMap((e) => (e.resolutionNote === undefined ? [] : [{ text: e.resolutionNote }]))];

export const resolveEscalation = caseAction({
  type: 'RESOLVE_ESCALATION',
  update: 'resolveEscalation',
  schemas,
  check({ def, state, actor, ruleset }, i) {
    const e = state.escalations.find((x) => x.id === i.escalationId);
    if (!e) return refuse('ESCALATION_UNKNOWN', { caseId: state.caseId, escalationId: i.escalationId });
    if (e.resolvedAt) return refuse('ESCALATION_ALREADY_RESOLVED', { escalationId: e.id, resolvedAt: e.resolvedAt, resolvedBy: e.resolvedBy ?? null, supersededBy: e.supersededBy ?? null });
    const roles = escalationResolvers(e.toRole);
    if (!actingRole(actor, roles)) return refuse('ROLE_MAY_NOT_RESOLVE_ESCALATION', { escalationId: e.id, roles });
    if (typeof i.note !== 'string' || !i.note.trim()) return refuse('RESOLUTION_UNEXPLAINED', {});
    if (i.note.length > MAX_NOTE) return refuse('NOTE_TOO_LONG', { max: MAX_NOTE });
    if (ruleset >= 3) return limitRefusal(noteBreach(def, { ...state, notes: notesOf(state) }, i.note));
    return undefined;
  },
  apply({ state, actor, now }, i) {
    const e = state.escalations.find((x) => x.id === i.escalationId)!;
    const role = actingRole(actor, escalationResolvers(e.toRole)) ?? '';
    const folded = resolveHandled(state, e, actor.userId, i.note, now);
    emit(state, now, actor, role, 'ESCALATION_RESOLVED', { escalationId: e.id, kind: e.kind, toRole: e.toRole, note: i.note, ...(folded.length ? { alsoResolved: folded } : {}) }, e.stepId);
  },
});
