/**
 * Issue again a paper the case could not issue (docs/adr/0196): the issuing activity refused it —
 * the unit was not configured, the template in force on its date no longer validated, the case's
 * data could not fill it — and the case went on without it (ADR 0156). Once the cause is mended, the
 * same paper is issued from the request the workflow kept: the same type, step, date, officer and
 * role, numbered in the unit's register when it is issued. By the officer whose paper it is, or a
 * supervisor when that officer is away; the paper still names and is signed as that officer.
 *
 * Also on a closed case, while its workflow waits for the papers it could not issue (docs/adr/0199):
 * a case closed with an archive package gets a new one, dated today, that holds the paper.
 */
import { z } from 'zod';
import { caseAction } from '../action.js';
import { refuse } from '../refusals.js';
import { vietnamDateOf } from '../../calendar.js';
import { actingRole, emit, isSupervisor, SUPERVISORS } from '../state.js';

/** Nothing to send but the failure, from the route's path. */
const schemas = () => {
  const body = z.object({});
  return { body, input: body.extend({ failureSeq: z.number().int().min(1) }) };
};

export const reissueDocument = caseAction({
  type: 'REISSUE_DOCUMENT',
  update: 'reissueDocument',
  schemas,
  onClosedCase: true,
  check({ state, actor }, i) {
    const failed = state.notIssued?.find((f) => f.seq === i.failureSeq);
    if (!failed) return refuse('PAPER_NOT_ISSUED_UNKNOWN', { caseId: state.caseId, failureSeq: i.failureSeq });
    if (actor.userId !== failed.req.actor.userId && !isSupervisor(actor)) return refuse('ROLE_MAY_NOT_REISSUE', { failureSeq: failed.seq, officerId: failed.req.actor.userId });
    return undefined;
  },
  apply({ state, actor, now }, i, requestId, t) {
    const failed = state.notIssued!.find((f) => f.seq === i.failureSeq)!;
    const role = actor.userId === failed.req.actor.userId ? failed.req.role : (actingRole(actor, SUPERVISORS) ?? failed.req.role);
    state.notIssued = state.notIssued!.filter((f) => f.seq !== failed.seq);
    emit(state, now, actor, role, 'DOCUMENT_REISSUE_REQUESTED', { failureSeq: failed.seq, type: failed.req.type }, failed.req.stepId);
    (t.documents ??= []).push({ ...failed.req, requestId, reissues: failed.seq });
    // The case's archive package was made at its close without this paper: made again with it.
    const archive = state.status === 'CLOSED' && failed.req.type !== 'CASE_FILE' ? state.documents?.findLast((d) => d.type === 'CASE_FILE') : undefined;
    if (archive) t.documents.push({ type: 'CASE_FILE', stepId: archive.stepId, outcome: state.closeOutcome, requestId, date: vietnamDateOf(new Date(now)), actor, role });
  },
});
