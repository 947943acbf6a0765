/**
 * Correct or replace an issued paper (issue 17, docs/documents.md): an issued paper is never edited;
 * a new decision is issued that refers to it — "đính chính" for a clerical error, "thay thế" to
 * replace it — by the one who could issue the paper (the roles of the step that issued it), with
 * the reason and the corrected text, numbered in the unit's register like any decision.
 */
import { z } from 'zod';
import { vietnamDateOf } from '../../calendar.js';
import { caseAction } from '../action.js';
import { refuse } from '../refusals.js';
import { actingRole, emit } from '../state.js';

/** Law on Handling Administrative Violations Art. 18(1)(a) as amended 2020: decisions with errors are corrected, amended or cancelled by whoever issued them. */
const CORRECTION_BASIS = 'Luật Xử lý vi phạm hành chính, Điều 18 (sửa đổi 2020); Nghị định 118/2021/NĐ-CP, Điều 6, 7 (đính chính, sửa đổi, hủy bỏ quyết định — điều khoản cần xác nhận)';

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ kind: z.enum(['CORRECT', 'REPLACE']), reason: z.string().min(1).max(2000), text: z.string().min(1).max(10_000) });
  /** The paper corrected, from the route's path. */
  return { body, input: body.extend({ documentId: z.string().regex(/^[a-z2-9]{16}$/, 'must be a document id') }) };
};

export const correctDocument = caseAction({
  type: 'CORRECT_DOCUMENT',
  update: 'correctDocument',
  schemas,
  check({ def, state, actor }, i) {
    const doc = state.documents?.find((d) => d.id === i.documentId);
    if (!doc) return refuse('DOCUMENT_UNKNOWN', { caseId: state.caseId, documentId: i.documentId });
    if (doc.type === 'CASE_FILE' || doc.type === 'CORRECTION_DECISION') return refuse('DOCUMENT_NOT_CORRECTABLE', { documentId: doc.id, type: doc.type });
    if (doc.correctedBy) return refuse('DOCUMENT_ALREADY_CORRECTED', { documentId: doc.id, number: doc.number, by: doc.correctedBy }, { legalBasis: CORRECTION_BASIS });
    const roles = def.steps.find((s) => s.id === doc.stepId)?.roles ?? ['DIRECTOR'];
    if (!actingRole(actor, roles)) return refuse('ROLE_MAY_NOT_CORRECT', { documentId: doc.id, roles }, { legalBasis: CORRECTION_BASIS });
    if (!i.reason.trim() || !i.text.trim()) return refuse('CORRECTION_UNEXPLAINED', {}, { legalBasis: CORRECTION_BASIS });
    return undefined;
  },
  apply({ def, state, actor, now }, i, requestId, t) {
    const doc = state.documents!.find((d) => d.id === i.documentId)!;
    const role = actingRole(actor, def.steps.find((s) => s.id === doc.stepId)?.roles ?? ['DIRECTOR']) ?? '';
    emit(state, now, actor, role, 'DOCUMENT_CORRECTION_DECIDED', { documentId: doc.id, number: doc.number, kind: i.kind, reason: i.reason }, doc.stepId, CORRECTION_BASIS);
    (t.documents ??= []).push({
      type: 'CORRECTION_DECISION',
      stepId: doc.stepId,
      requestId,
      date: vietnamDateOf(new Date(now)),
      actor,
      role,
      correction: { documentId: doc.id, kind: i.kind, reason: i.reason, text: i.text },
    });
  },
});
