/**
 * The papers' configuration (docs/documents.md "Configuration: templates and the agency lines"):
 *
 * - the templates, national configuration (docs/adr/0157): every signed-in user reads them (their
 *   unit's papers are filled from them); a national administrator (NATIONAL_ADMIN) saves drafts,
 *   previews one on the fixture case and publishes it from a date — a published version never
 *   changes;
 * - a unit's own agency lines (docs/adr/0158): its ADMIN (at the national department its
 *   NATIONAL_ADMIN) reads them and adds a row from a date; another unit's are refused before the
 *   body is read.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { vietnamDateOf } from '../../domain/calendar.js';
import { DOCUMENT_TYPE_INFO } from '../../domain/documents/catalogue.js';
import { DOCUMENT_FIXTURES } from '../../domain/documents/fixtures.js';
import { ZDocumentTemplate } from '../../domain/documents/template.js';
import { DOCUMENT_TYPES, type TDocumentType } from '../../domain/documents/types.js';
import { issueOf, zodIssues } from '../../domain/validation-issues.js';
import type { Db } from '../../db/database.js';
import { getTemplateVersion, listTemplateVersions, publishTemplate, saveTemplateDraft, TemplateVersionError } from '../../db/repositories/document-templates.js';
import { setUnitAgency, UnitAgencyError, unitAgencyRows, unitAsOf } from '../../db/repositories/documents.js';
import { layoutOf } from '../../domain/documents/fill.js';
import { renderPdf } from '../../lib/documents/pdf.js';
import { national, route, SIGNED_IN, unitAdmin } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError, invalidIssues } from '../errors.js';
import { ERROR_RESPONSES as errors, ZDateTime, ZDay } from '../schemas.js';

/** The types that have a template: the papers (the archive package of a closed case has none). */
const TEMPLATED_TYPES = DOCUMENT_TYPES.filter((t) => DOCUMENT_TYPE_INFO[t].output === 'PDF') as [TDocumentType, ...TDocumentType[]];

const ZJson = z.record(z.string(), z.unknown());
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const ZVersion = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100000');
const ZVersionParam = z.object({ type: z.enum(TEMPLATED_TYPES), version: ZVersion });

const summaryFields = {
  type: z.enum(DOCUMENT_TYPES),
  version: z.number().int(),
  effectiveFrom: ZDay.openapi({ description: 'Fills the papers of its type dated from this day, until a later published version takes effect' }),
  status: z.enum(['DRAFT', 'PUBLISHED', 'RETIRED']),
  createdBy: z.string(),
  createdAt: ZDateTime,
  updatedBy: z.string(),
  updatedAt: ZDateTime,
  publishedBy: z.string().nullable(),
  publishedAt: ZDateTime.nullable(),
};
const ZTemplateVersionSummary = z.object(summaryFields).openapi('DocumentTemplateVersionSummary');
const ZTemplateVersion = z.object({ ...summaryFields, definition: ZJson.openapi({ description: 'The template (docs/documents.md "Templates"), as saved' }) }).openapi('DocumentTemplateVersion');

const TEMPLATES = national('DOCUMENT_TEMPLATES');

const listRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/document-templates',
  tags: ['documents'],
  summary: 'The papers’ templates: per type, its versions with their status and the date each takes effect (national configuration, read by every unit)',
  responses: {
    200: json('By type, oldest version first', z.object({ types: z.array(z.object({ type: z.enum(DOCUMENT_TYPES), versions: z.array(ZTemplateVersionSummary) })) }).openapi('DocumentTemplates')),
    401: errors[401],
    403: errors[403],
  },
});
const getRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/document-templates/{type}/versions/{version}',
  tags: ['documents'],
  summary: 'One version of a paper’s template, with its definition',
  request: { params: ZVersionParam },
  responses: { 200: json('The version', ZTemplateVersion), ...errors },
});
const draftRoute = route({
  access: TEMPLATES,
  method: 'put',
  path: '/api/v1/document-templates/{type}/versions/{version}',
  tags: ['documents'],
  summary: 'Save a draft version of a paper’s template (NATIONAL_ADMIN; the body is the template, checked against the document’s view: each problem with its path); a published version never changes',
  request: { params: ZVersionParam, body: { required: true, content: { 'application/json': { schema: ZJson } } } },
  responses: { 200: json('Saved as a draft', ZTemplateVersion), ...errors },
});
const publishRoute = route({
  access: TEMPLATES,
  method: 'post',
  path: '/api/v1/document-templates/{type}/versions/{version}/publish',
  tags: ['documents'],
  summary:
    'Publish a draft (NATIONAL_ADMIN): from its effectiveFrom — after every paper of its type already issued, a day before today too (a template mended for past dates, docs/adr/0198; 422 otherwise) — it fills the papers of its type; it never changes again',
  request: { params: ZVersionParam },
  responses: { 200: json('Published', ZTemplateVersionSummary), ...errors },
});
const previewRoute = route({
  access: TEMPLATES,
  method: 'post',
  path: '/api/v1/document-templates/{type}/versions/{version}/preview',
  tags: ['documents'],
  summary: 'A version (a draft too) filled from the fixture case of its type, as a draft PDF (“DỰ THẢO”, no number); nothing is recorded and no Idempotency-Key is needed',
  request: { params: ZVersionParam },
  responses: { ...errors, 200: { description: 'The draft', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } } },
});

/** An agency line as Decree 30 prints it: upper case (the server upper-cases it). */
const zLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .transform((s) => s.normalize('NFC').toLocaleUpperCase('vi-VN'));
const ZAgencyInput = z
  .object({
    validFrom: z.iso.date('must be a date (yyyy-mm-dd)').openapi({ description: 'From this day (today or later, after the unit’s latest issued paper) its papers carry these lines' }),
    parentAgency: zLine(200).openapi({ example: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH', description: 'Upper-cased by the server' }),
    agency: zLine(200).openapi({ example: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG' }),
    headTitle: zLine(100).openapi({ example: 'CHI CỤC TRƯỞNG', description: 'The head’s title over a decision’s signature' }),
    place: z.string().trim().min(1, 'must not be empty').max(100).openapi({ example: 'Ninh Bình', description: 'The place in the date line, as written (“Ninh Bình, ngày …”)' }),
    treasury: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200)
      .transform((s) => s.normalize('NFC'))
      .optional()
      .openapi({ example: 'Kho bạc Nhà nước khu vực IX', description: 'Where the unit’s fines are paid (docs/adr/0193); with treasuryAccount, printed on its decisions' }),
    treasuryAccount: z
      .string()
      .trim()
      .regex(/^\d[\d.\- ]{2,38}\d$/, 'must be an account number: digits, with dots, dashes or spaces between them')
      .optional()
      .openapi({ example: '3949.0.1054321.00000', description: 'The account the State Treasury collects the unit’s fines into' }),
  })
  .superRefine((v, ctx) => {
    if (v.treasury !== undefined && v.treasuryAccount === undefined) ctx.addIssue({ code: 'custom', path: ['treasuryAccount'], message: 'is required with treasury' });
    if (v.treasuryAccount !== undefined && v.treasury === undefined) ctx.addIssue({ code: 'custom', path: ['treasury'], message: 'is required with treasuryAccount' });
  })
  .openapi('UnitAgencyInput');
/** What a row of a unit's lines says on its papers (the row as stored, and the lines in force today). */
const AGENCY_LINES = {
  parentAgency: z.string(),
  agency: z.string(),
  headTitle: z.string(),
  place: z.string(),
  treasury: z.string().nullable(),
  treasuryAccount: z.string().nullable(),
};
const ZAgencyRow = z.object({ validFrom: ZDay, ...AGENCY_LINES, createdBy: z.string().nullable(), createdAt: ZDateTime }).openapi('UnitAgencyRow');
const ZAgency = z
  .object({
    unitId: z.string(),
    rows: z.array(ZAgencyRow).openapi({ description: 'The unit’s own lines, oldest first; a paper takes the latest row not after its date' }),
    inForce: z.object({ date: ZDay, ...AGENCY_LINES, own: z.boolean() }).openapi({ description: 'What a paper dated today carries: the unit’s own row, or the national rule (own: false)' }),
  })
  .openapi('UnitAgency');

const UNIT_ADMIN = unitAdmin('set the unit’s agency lines on its papers', { ownUnitParam: 'unitId' });
const ZUnitParam = z.object({ unitId: z.string().min(1).max(60) });

const agencyRoute = route({
  access: UNIT_ADMIN,
  method: 'get',
  path: '/api/v1/units/{unitId}/agency',
  tags: ['documents'],
  summary: 'My unit’s own agency lines on its papers, from their dates, and what a paper dated today carries (the unit’s ADMIN)',
  request: { params: ZUnitParam },
  responses: { 200: json('The lines', ZAgency), ...errors },
});
const setAgencyRoute = route({
  access: UNIT_ADMIN,
  method: 'put',
  path: '/api/v1/units/{unitId}/agency',
  tags: ['documents'],
  summary: 'Add (or replace) my unit’s agency lines from a date — today or later, after its latest issued paper; lines upper-cased as Decree 30 prints them (the unit’s ADMIN)',
  request: { params: ZUnitParam, body: { required: true, content: { 'application/json': { schema: ZAgencyInput } } } },
  responses: { 200: json('The lines, with the new row', ZAgency), ...errors },
});

function templateError(err: unknown): never {
  if (err instanceof TemplateVersionError) {
    if (err.code === 'INVALID') throw invalidIssues(err.issues);
    if (err.code === 'EFFECTIVE_DATE') throw invalidIssues(err.issues, 'BUSINESS_RULE');
    throw new AppError(err.code, err.message);
  }
  throw err;
}

export function documentTemplateRoutes(deps: { db: Db }) {
  const { db } = deps;
  const today = () => vietnamDateOf(new Date());
  async function agencyOf(unitId: string) {
    const date = today();
    const [rows, now] = await Promise.all([unitAgencyRows(db, unitId), unitAsOf(db, unitId, date)]);
    const own = rows.some((r) => r.validFrom <= date);
    return {
      unitId,
      rows,
      inForce: {
        date,
        parentAgency: now.parentAgency,
        agency: now.agency,
        headTitle: now.headTitle,
        place: now.place,
        treasury: now.treasury ?? null,
        treasuryAccount: now.treasuryAccount ?? null,
        own,
      },
    };
  }
  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      currentUser(c);
      const versions = await listTemplateVersions(db);
      const types = [...new Set(versions.map((v) => v.type))].map((type) => ({ type, versions: versions.filter((v) => v.type === type) }));
      return c.json({ types }, 200);
    })
    .openapi(getRoute, async (c) => {
      currentUser(c);
      const { type, version } = c.req.valid('param');
      const row = await getTemplateVersion(db, type, version);
      if (!row) throw new AppError('NOT_FOUND', `No version ${version} of the ${type} template.`);
      return c.json(row, 200);
    })
    .openapi(draftRoute, async (c) => {
      const user = currentUser(c);
      const { type, version } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.type !== type || body.version !== version) {
        const message = `The template's type and version must be ${type} and ${version}.`;
        throw invalidIssues([body.type !== type ? issueOf('type', message, 'oneOf', { values: type }) : issueOf('version', message, 'oneOf', { values: version })]);
      }
      const parsed = ZDocumentTemplate.safeParse(body);
      if (!parsed.success) throw invalidIssues(zodIssues(parsed.error.issues, { input: body }));
      await saveTemplateDraft(db, parsed.data, user.id).catch(templateError);
      return c.json((await getTemplateVersion(db, type, version))!, 200);
    })
    .openapi(publishRoute, async (c) => {
      const user = currentUser(c);
      const { type, version } = c.req.valid('param');
      await publishTemplate(db, type, version, user.id, { today: today() }).catch(templateError);
      const { definition: _definition, ...summary } = (await getTemplateVersion(db, type, version))!;
      return c.json(summary, 200);
    })
    .openapi(previewRoute, async (c) => {
      currentUser(c);
      const { type, version } = c.req.valid('param');
      const row = await getTemplateVersion(db, type, version);
      if (!row) throw new AppError('NOT_FOUND', `No version ${version} of the ${type} template.`);
      const fixture = DOCUMENT_FIXTURES.find((f) => f.ctx.type === type);
      if (!fixture) throw new AppError('NOT_FOUND', `No fixture case for ${type}.`);
      const parsed = ZDocumentTemplate.safeParse(row.definition);
      if (!parsed.success) throw invalidIssues(zodIssues(parsed.error.issues, { input: row.definition }), 'BUSINESS_RULE');
      let layout;
      try {
        ({ layout } = layoutOf(fixture.ctx, { number: null, draft: true, template: parsed.data }));
      } catch (err) {
        // A template that validates but cannot be filled (a defect the issuing path would also meet).
        throw new AppError('BUSINESS_RULE', `${type} v${version} cannot be filled from the fixture case: ${(err as Error).message}`);
      }
      const pdf = await renderPdf(layout);
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `inline; filename="mau-${type.toLowerCase()}-v${version}.pdf"`);
      c.header('Cache-Control', 'no-store');
      return c.body(new Uint8Array(pdf), 200) as never;
    })
    .openapi(agencyRoute, async (c) => {
      currentUser(c);
      return c.json(await agencyOf(c.req.valid('param').unitId), 200);
    })
    .openapi(setAgencyRoute, async (c) => {
      const user = currentUser(c);
      const { unitId } = c.req.valid('param');
      await setUnitAgency(db, unitId, c.req.valid('json'), user.id, today()).catch((err: unknown) => {
        if (err instanceof UnitAgencyError) throw invalidIssues([err.issue], 'BUSINESS_RULE');
        throw err;
      });
      return c.json(await agencyOf(unitId), 200);
    });
}
