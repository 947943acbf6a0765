/**
 * A case's papers (issue 17, docs/documents.md): the list (issued ones, and the ones the open steps
 * will issue), the frozen file of an issued one, and a draft's preview — the paper as the step's
 * form would issue it now, with no number, no QR code and "DỰ THẢO" across it. Issuing itself is
 * the step's completion (the workflow calls the issuing activity).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { SUPERVISOR_ROLES } from '../../domain/roles.js';
import type { Db } from '../../db/database.js';
import { caseDocuments, documentBytes, documentById, papersNotIssued, type TDocumentRow } from '../../db/repositories/documents.js';
import { getCaseRow } from '../../db/repositories/cases.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { DOCUMENT_TYPE_INFO } from '../../domain/documents/catalogue.js';
import { documentFileName } from '../../domain/documents/file-name.js';
import { DOCUMENT_TYPES, type TDocumentType } from '../../domain/documents/types.js';
import { vietnamDateOf } from '../../domain/calendar.js';
import { redactForm } from '../../domain/forms.js';
import type { TProcedureDefinition } from '../../domain/procedure.js';
import { resolveViolations } from '../../domain/violation-catalogue.js';
import { previewDocument } from '../../lib/documents/issue.js';
import { route, SIGNED_IN } from '../access.js';
import { canSeeCase, currentUser, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { ERROR_RESPONSES, ZDateTime, ZDay } from '../schemas.js';
import { catalogueRowsFor } from '../services/cases.js';

const ZText = z.object({ vi: z.string(), en: z.string() });

const ZDocument = z
  .object({
    id: z.string().openapi({ description: 'The paper’s id: its verification page is /xac-thuc/{id}' }),
    caseId: z.string(),
    type: z.enum(DOCUMENT_TYPES),
    title: ZText,
    stepId: z.string(),
    number: z.string().openapi({ example: '15/QĐ-XPHC' }),
    date: ZDay,
    status: z.enum(['ISSUED', 'CORRECTED', 'REPLACED']),
    correctsId: z.string().nullable(),
    sha256: z.string(),
    signed: z.boolean(),
    mime: z.string(),
    size: z.number().int(),
    templateVersion: z.number().int(),
    issuedBy: z.string(),
    issuedAt: ZDateTime,
  })
  .openapi('CaseDocument');

const ZPaperToCome = z
  .object({ stepId: z.string(), type: z.enum(DOCUMENT_TYPES), title: ZText, outcomes: z.array(z.string()).optional() })
  .openapi('CaseDocumentToCome', { description: 'A paper an open step issues when it completes (with one of `outcomes`, any when absent): its draft can be previewed' });

const ZPaperNotIssued = z
  .object({
    seq: z.number().int().openapi({ description: 'Its `DOCUMENT_NOT_ISSUED` audit event: what POST …/documents/not-issued/{seq}/reissue names' }),
    stepId: z.string(),
    type: z.enum(DOCUMENT_TYPES),
    title: ZText,
    at: z.string(),
    reason: z.string(),
    officerId: z.string().openapi({ description: 'The officer whose paper it is (who completed the step): it is issued again in that name' }),
  })
  .openapi('CaseDocumentNotIssued', {
    description:
      'A paper a completed step should have issued and INS could not (its template could not be filled: docs/adr/0156, 0191): the case went on without it; once an administrator mends the cause, it is issued again (docs/adr/0196)',
  });

const zCaseId = z.string().min(1).max(200);
const zDocumentId = z.string().regex(/^[a-z2-9]{16}$/, 'must be a document id');

const listRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}/documents',
  tags: ['documents'],
  summary: 'The papers of a case: those issued (with their sub-procedures’ cases’), and those its open steps will issue',
  request: { params: z.object({ caseId: zCaseId }) },
  responses: {
    ...ERROR_RESPONSES,
    200: {
      description: 'Issued oldest first',
      content: {
        'application/json': {
          schema: z
            .object({
              documents: z.array(ZDocument),
              toCome: z.array(ZPaperToCome),
              notIssued: z.array(ZPaperNotIssued),
              reissueOpen: z.boolean().openapi({
                description:
                  'Whether the papers in `notIssued` can be issued again now: always while the case is open; a closed case waits for them 90 days after it closed (docs/adr/0199), then its workflow ends and they are made by hand',
              }),
            })
            .openapi('CaseDocuments'),
        },
      },
    },
  },
});

const fileRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}/documents/{documentId}/file',
  tags: ['documents'],
  summary: 'The frozen file of an issued paper (a PDF; the archive package of a closed case, a ZIP), byte for byte as issued',
  request: { params: z.object({ caseId: zCaseId, documentId: zDocumentId }) },
  responses: {
    ...ERROR_RESPONSES,
    200: {
      description: 'The file; its SHA-256 is the one in the case’s audit chain',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) }, 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
});

const previewRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/cases/{caseId}/steps/{stepId}/documents/{type}/preview',
  tags: ['documents'],
  summary: 'A draft of the paper an open step issues, filled from the case and the form as it stands (no number, no QR code, “DỰ THẢO”); nothing is recorded and no Idempotency-Key is needed',
  request: {
    params: z.object({ caseId: zCaseId, stepId: z.string().min(1).max(40), type: z.enum(DOCUMENT_TYPES) }),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ outcome: z.string().min(1).max(40).optional(), data: z.record(z.string(), z.unknown()).default({}) }).openapi('DocumentPreviewRequest') } },
    },
  },
  responses: {
    ...ERROR_RESPONSES,
    200: { description: 'The draft', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
});

/** A paper as the list shows it: what `CaseDocument` declares (not its unit: the case says whose it is). */
const view = ({ unitId: _unit, ...d }: TDocumentRow) => ({ ...d, title: DOCUMENT_TYPE_INFO[d.type].title });

export function documentRoutes(deps: { db: Db; temporal: Client }) {
  const { db, temporal } = deps;
  /**
   * Whether a closed case's papers not issued can still be issued again: its workflow waits for
   * them a while after the close (docs/adr/0199). Asked of Temporal only for such a case (rare).
   */
  async function stillWaiting(caseId: string): Promise<boolean> {
    // Not known (Temporal out of reach, or past its retention): not offered; the list is still answered.
    return temporal.workflow
      .getHandle(caseId)
      .describe()
      .then(
        (d) => d.status.name === 'RUNNING',
        () => false,
      );
  }
  async function visibleCase(user: ReturnType<typeof currentUser>, caseId: string) {
    const row = await getCaseRow(db, caseId);
    if (!row || !canSeeCase(user, row)) throw new AppError('NOT_FOUND', `No case ${caseId}.`);
    return row;
  }
  async function definitionOf(row: { procedure_id: string; procedure_version: number; case_id: string }): Promise<TProcedureDefinition> {
    const def = await getPublished(db, row.procedure_id, row.procedure_version);
    if (!def) throw new AppError('NOT_FOUND', `Procedure ${row.procedure_id}@${row.procedure_version} of case ${row.case_id} is not published.`);
    return def;
  }
  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const user = currentUser(c);
      const row = await visibleCase(user, c.req.valid('param').caseId);
      const def = await definitionOf(row);
      const toCome = def.steps
        .filter((s) => row.current_steps.includes(s.id))
        .flatMap((s) => (s.documents ?? []).map((d) => ({ stepId: s.id, type: d.type, title: DOCUMENT_TYPE_INFO[d.type].title, ...(d.outcomes ? { outcomes: d.outcomes } : {}) })));
      const [documents, notIssued] = await Promise.all([caseDocuments(db, row.case_id, true), papersNotIssued(db, row.case_id)]);
      const reissueOpen = row.status !== 'CLOSED' || (notIssued.length > 0 && (await stillWaiting(row.case_id)));
      return c.json({ documents: documents.map(view), toCome, notIssued: notIssued.map((p) => ({ ...p, title: DOCUMENT_TYPE_INFO[p.type].title })), reissueOpen }, 200);
    })
    .openapi(fileRoute, async (c) => {
      const user = currentUser(c);
      const { caseId, documentId } = c.req.valid('param');
      const row = await visibleCase(user, caseId);
      const doc = await documentById(db, documentId);
      // A sub-procedure's case's paper is reachable from its parent's page too.
      if (!doc || (doc.caseId !== row.case_id && !doc.caseId.startsWith(`${row.case_id}/`))) throw new AppError('NOT_FOUND', `No document ${documentId} in case ${caseId}.`);
      const bytes = await documentBytes(db, doc.id);
      if (!bytes) throw new AppError('NOT_FOUND', `No document ${documentId} in case ${caseId}.`);
      c.header('Content-Type', doc.mime);
      c.header('Content-Disposition', `attachment; filename="${documentFileName(doc)}"`);
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      c.header('ETag', `"${doc.sha256}"`);
      return c.body(new Uint8Array(bytes), 200) as never;
    })
    .openapi(previewRoute, async (c) => {
      const user = currentUser(c);
      const { caseId, stepId, type } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await visibleCase(user, caseId);
      const def = await definitionOf(row);
      const step = def.steps.find((s) => s.id === stepId);
      if (!step || !row.current_steps.includes(stepId)) throw new AppError('STEP_OUT_OF_ORDER', `Step ${stepId} is not open in case ${caseId}.`, undefined, { stepId, open: row.current_steps });
      const paper = step.documents?.find((d) => d.type === type);
      if (!paper) throw new AppError('NOT_FOUND', `Step ${stepId} issues no ${type}.`);
      if (!user.roles.some((r) => step.roles.includes(r) || (SUPERVISOR_ROLES as readonly string[]).includes(r)))
        throw new AppError('ROLE_NOT_ALLOWED', `Only ${step.roles.join(', ')} (or a supervisor) may draft the papers of step ${stepId}.`, undefined, { stepId, roles: step.roles });
      // The form's catalogue codes become the catalogue's facts, as the step's completion does.
      const catalogue = await catalogueRowsFor(db, { id: row.procedure_id, version: row.procedure_version }, stepId, body.data);
      const data = redactForm(step.form.fields, resolveViolations(step.form.fields, body.data, catalogue).data);
      const snapshot = row.snapshot as {
        completed?: Array<{ stepId: string; data: Record<string, unknown> }>;
        facts?: Record<string, unknown>;
        documents?: Array<{ type: TDocumentType; number: string; date: string }>;
      };
      const steps: Record<string, Record<string, unknown>> = {};
      for (const s of snapshot.completed ?? []) steps[s.stepId] = s.data;
      steps[stepId] = data;
      const date =
        paper.dateField && typeof data[paper.dateField] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(data[paper.dateField] as string)
          ? (data[paper.dateField] as string).slice(0, 10)
          : vietnamDateOf(new Date());
      const pdf = await previewDocument(db, {
        caseId: row.case_id,
        unitId: row.unit_id,
        teamId: row.team_id,
        caseTitle: row.title,
        procedure: { id: row.procedure_id, version: row.procedure_version },
        businessId: row.business_id ?? undefined,
        type,
        stepId,
        outcome: body.outcome,
        date,
        steps,
        facts: snapshot.facts ?? {},
        issued: (snapshot.documents ?? []).map((d) => ({ type: d.type, number: d.number, date: d.date })),
        actorId: user.id,
        actorRole: user.roles.find((r) => step.roles.includes(r)) ?? user.roles[0] ?? '',
      });
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `inline; filename="du-thao-${type.toLowerCase()}.pdf"`);
      c.header('Cache-Control', 'no-store');
      return c.body(new Uint8Array(pdf), 200) as never;
    });
}
