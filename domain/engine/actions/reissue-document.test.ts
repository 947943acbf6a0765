import { describe, expect, it } from 'vitest';
import { applyAction, checkAction, newCase, type TActor } from '../../engine.js';
import { testInspection } from '../../fixtures/test-procedures.js';
import { parseDefinition } from '../../procedure-validate.js';
import { recordIssued, recordNotIssued, type TDocumentRequest } from '../state.js';

const def = parseDefinition(testInspection());
const lead: TActor = { userId: 'lead', roles: ['TEAM_LEAD'] };
const otherLead: TActor = { userId: 'lead2', roles: ['TEAM_LEAD'] };
const inspector: TActor = { userId: 'insp', roles: ['INSPECTOR'] };
const NOW = '2026-02-12T02:00:00.000Z';
const LATER = '2026-02-13T02:00:00.000Z';
const ctx = { now: LATER, ruleset: 3 };
const REQ: TDocumentRequest = { type: 'INSPECTION_DECISION', stepId: 'A1', outcome: 'DECIDED', requestId: 'r1', numberField: 'decisionNo', date: '2026-02-12', actor: inspector, role: 'INSPECTOR' };

function failedCase() {
  const { state } = newCase(def, { caseId: 'c1', kind: 'TEST', procedure: { id: def.id, version: 1 }, unitId: 'u', teamId: 't', title: 'x', startedBy: lead }, NOW);
  recordNotIssued(state, REQ, 'the template in force on 2026-02-12 does not validate', NOW);
  return state;
}

describe('issuing again a paper the case could not issue (REISSUE_DOCUMENT, docs/adr/0196)', () => {
  it('keeps the failed request, named by its audit event', () => {
    const state = failedCase();
    expect(state.pendingAudit.at(-1)).toMatchObject({ action: 'DOCUMENT_NOT_ISSUED', actorId: 'insp', stepId: 'A1', detail: { type: 'INSPECTION_DECISION' } });
    expect(state.notIssued).toEqual([{ seq: state.seq, req: REQ, reason: 'the template in force on 2026-02-12 does not validate', at: NOW }]);
  });

  it('issues the same paper again — type, step, date, officer and role — under the new request, once', () => {
    const state = failedCase();
    const seq = state.seq;
    expect(checkAction(def, state, inspector, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, ctx)).toBeUndefined();
    const t = applyAction(def, state, inspector, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, 'r2', LATER);
    expect(t.documents).toEqual([{ ...REQ, requestId: 'r2', reissues: seq }]);
    expect(state.notIssued).toEqual([]);
    expect(state.pendingAudit.at(-1)).toMatchObject({ action: 'DOCUMENT_REISSUE_REQUESTED', actorId: 'insp', actorRole: 'INSPECTOR', detail: { failureSeq: seq, type: 'INSPECTION_DECISION' } });
    expect(checkAction(def, state, inspector, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, ctx)).toMatchObject({ code: 'NOT_FOUND', rule: 'PAPER_NOT_ISSUED_UNKNOWN' });
    // Issued: the audit says which failure it answers.
    recordIssued(state, t.documents![0]!, { id: 'd1', type: 'INSPECTION_DECISION', stepId: 'A1', number: '3/QĐ-KT', date: '2026-02-12', sha256: 'a'.repeat(64), signed: true }, LATER);
    expect(state.pendingAudit.at(-1)).toMatchObject({ action: 'DOCUMENT_ISSUED', actorId: 'insp', detail: { reissues: seq, number: '3/QĐ-KT' } });
  });

  it('fails again as a new failure that says which one it retried', () => {
    const state = failedCase();
    const seq = state.seq;
    const t = applyAction(def, state, inspector, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, 'r2', LATER);
    recordNotIssued(state, t.documents![0]!, 'still broken', LATER);
    expect(state.pendingAudit.at(-1)).toMatchObject({ action: 'DOCUMENT_NOT_ISSUED', detail: { retries: seq } });
    expect(state.notIssued).toEqual([{ seq: state.seq, req: { ...REQ, requestId: 'r2' }, reason: 'still broken', at: LATER }]);
  });

  it('by the officer whose paper it is or a supervisor (who acts in a supervisor’s role, the paper staying the officer’s); not by another officer', () => {
    const state = failedCase();
    const seq = state.seq;
    expect(checkAction(def, state, { userId: 'insp2', roles: ['INSPECTOR'] }, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, ctx)).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      rule: 'ROLE_MAY_NOT_REISSUE',
      params: { officerId: 'insp' },
    });
    expect(checkAction(def, state, otherLead, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, ctx)).toBeUndefined();
    const t = applyAction(def, state, otherLead, { type: 'REISSUE_DOCUMENT', failureSeq: seq }, 'r2', LATER);
    expect(t.documents![0]).toMatchObject({ actor: inspector, role: 'INSPECTOR' });
    expect(state.pendingAudit.at(-1)).toMatchObject({ actorId: 'lead2', actorRole: 'TEAM_LEAD' });
    expect(checkAction(def, state, inspector, { type: 'REISSUE_DOCUMENT', failureSeq: 999 }, ctx)).toMatchObject({ rule: 'PAPER_NOT_ISSUED_UNKNOWN' });
  });
});
