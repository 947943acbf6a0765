/**
 * The business registry of the user's unit (doanh nghiệp, hộ kinh doanh, hợp tác xã, chi nhánh),
 * its markets (chợ) and trade hotspots (điểm nóng), a business's inspection and violation history,
 * and the CSV import. Every staff member of the unit reads; ADMIN, DIRECTOR and TEAM_LEAD write.
 * Another unit's businesses do not exist here (404).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  BUSINESS_FIELD_PATHS,
  BUSINESS_STATUSES,
  BUSINESS_TYPES,
  checkBusinessFields,
  HOTSPOT_KINDS,
  MARKET_KINDS,
  parseCommune,
  parseProvince,
  type TBusinessFields,
  type TBusinessRaw,
  type TFieldIssue,
} from '../../domain/business.js';
import { issueOf, type TValidationIssue } from '../../domain/validation-issues.js';
import { REGISTRY_WRITERS } from '../../domain/roles.js';
import type { Db } from '../../db/database.js';
import {
  BUSINESS_SORTS,
  checkBusinessRefs,
  createBusiness,
  createTradePlace,
  getBusiness,
  listBusinesses,
  listTradePlaces,
  tradePlacesByIds,
  updateBusiness,
  type TBusinessRefs,
  type TRefIssue,
  type TWriteResult,
} from '../../db/repositories/businesses.js';
import { casesOfBusiness } from '../../db/repositories/case-queries.js';
import { roles, route, SIGNED_IN } from '../access.js';
import { caseScope, currentUser, type TAppEnv } from '../auth.js';
import { AppError, invalidField, refuseIssues } from '../errors.js';
import { pageOf, pageQueryFields, pageRequest } from '../paging.js';
import { ERROR_RESPONSES as errors, patchBody, ZErrorBody } from '../schemas.js';
import { toBusinessCaseView, ZBusinessCase } from '../views/case.js';
import { ZBusiness, ZImportReport, ZPlace } from '../views/business.js';
import { decodeCsv, IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importBusinessCsv } from '../services/business-import.js';

const ZBusinessInput = z.object({
  taxCode: z.string().max(40).openapi({ description: '10 digits, or 13 for a branch (0101234565 or 0101234565-001); the check digit is verified', example: '0100233488' }),
  name: z.string().max(300),
  type: z.enum(BUSINESS_TYPES),
  sector: z.string().max(100).nullable().optional(),
  productGroups: z.array(z.string().max(100)).max(30).optional(),
  address: z.object({
    province: z.string().max(100).openapi({ description: 'One of the 34 provinces/cities in force since 1 July 2025', example: 'Ninh Bình' }),
    commune: z.string().max(150).openapi({ description: 'Commune, ward or special zone with its kind (no district level)', example: 'Phường Hoa Lư' }),
    line: z.string().max(300).nullable().optional().openapi({ description: 'House number, street, village or residential group' }),
  }),
  phone: z.string().max(30).nullable().optional(),
  legalRepresentative: z.string().max(200).nullable().optional(),
  status: z.enum(BUSINESS_STATUSES).optional(),
  managingTeamId: z.string().min(1).max(60).nullable().optional(),
  marketId: z.string().min(1).max(100).nullable().optional(),
  hotspotIds: z.array(z.string().min(1).max(100)).max(50).optional(),
  conflictOfInterestUserIds: z.array(z.string().min(1).max(100)).max(200).optional(),
});
const ZBusinessPatch = patchBody(ZBusinessInput.extend({ type: z.enum(BUSINESS_TYPES).optional(), address: ZBusinessInput.shape.address.partial().optional() }).partial(), 'the business’s fields');

const ZIdParam = z.object({ businessId: z.string().min(1).max(100) });

const listRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/businesses',
  tags: ['businesses'],
  summary: 'Businesses of my unit: search (name, tax code, representative; accents ignored), filters, sorting, cursor pages with the total',
  request: {
    query: z.object({
      q: z.string().max(200).optional(),
      sector: z.string().max(100).optional(),
      province: z.string().max(100).optional(),
      area: z.string().max(150).optional().openapi({ description: 'A commune, ward or special zone (accents and case ignored)', example: 'Phường Hoa Lư' }),
      market: z.string().max(100).optional(),
      hotspot: z.string().max(100).optional(),
      status: z
        .string()
        .regex(new RegExp(`^(${BUSINESS_STATUSES.join('|')})(,(${BUSINESS_STATUSES.join('|')}))*$`), `must be one or more of ${BUSINESS_STATUSES.join(', ')}, separated by commas`)
        .optional(),
      type: z.enum(BUSINESS_TYPES).optional(),
      team: z.string().max(60).optional().openapi({ description: 'The managing team' }),
      ...pageQueryFields(BUSINESS_SORTS, { defaultSort: 'name', defaultLimit: 20, orderDescription: 'Default: asc for name and taxCode, desc for the dates' }),
    }),
  },
  responses: { 200: { description: 'A page of businesses', content: { 'application/json': { schema: pageOf(ZBusiness) } } }, ...errors },
});

const getRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/businesses/{businessId}',
  tags: ['businesses'],
  summary: 'A business with its market, hotspots and its inspection and violation history (the cases about it that I may see)',
  request: { params: ZIdParam },
  responses: {
    200: {
      description: 'The business',
      content: {
        'application/json': {
          schema: z.object({
            business: ZBusiness,
            market: z.object({ id: z.string(), name: z.string() }).nullable(),
            hotspots: z.array(z.object({ id: z.string(), name: z.string() })),
            history: z.array(ZBusinessCase),
          }),
        },
      },
    },
    ...errors,
  },
});

const createBusinessRoute = route({
  access: roles(REGISTRY_WRITERS, 'register businesses'),
  method: 'post',
  path: '/api/v1/businesses',
  tags: ['businesses'],
  summary: 'Register a business in my unit (ADMIN, DIRECTOR, TEAM_LEAD)',
  request: { body: { required: true, content: { 'application/json': { schema: ZBusinessInput } } } },
  responses: { 201: { description: 'Registered', content: { 'application/json': { schema: ZBusiness } } }, ...errors },
});

const updateBusinessRoute = route({
  access: roles(REGISTRY_WRITERS, 'change businesses'),
  method: 'patch',
  path: '/api/v1/businesses/{businessId}',
  tags: ['businesses'],
  summary: 'Change a business of my unit: only the fields sent (ADMIN, DIRECTOR, TEAM_LEAD); null clears an optional field',
  request: { params: ZIdParam, body: { required: true, content: { 'application/json': { schema: ZBusinessPatch } } } },
  responses: { 200: { description: 'Changed', content: { 'application/json': { schema: ZBusiness } } }, ...errors },
});

const importRoute = route({
  access: roles(REGISTRY_WRITERS, 'import businesses'),
  method: 'post',
  path: '/api/v1/businesses/import',
  tags: ['businesses'],
  summary: `Import businesses from CSV (UTF-8, BOM optional, header row; at most ${IMPORT_MAX_ROWS} rows and ${IMPORT_MAX_BYTES / 1024 / 1024} MiB): valid rows are upserted by tax code in one transaction, invalid rows reported line by line; dryRun=true changes nothing`,
  description: `Columns: ${IMPORT_COLUMNS.join(', ')} (tax_code, name, type, province and commune required). See api/services/business-import.ts for the Vietnamese column names and the rules.`,
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string().openapi({ example: 'tax_code,name,type,province,commune\n0100233488,Công ty TNHH Phở Hoa Lư,ENTERPRISE,Ninh Bình,Phường Hoa Lư\n' }) } },
    },
  },
  responses: {
    200: { description: 'The row-by-row report', content: { 'application/json': { schema: ZImportReport } } },
    413: { description: 'The file is too large', content: { 'application/json': { schema: ZErrorBody } } },
    ...errors,
  },
});

const placeRoutes = (category: 'MARKET' | 'HOTSPOT') => {
  const path = category === 'MARKET' ? '/api/v1/markets' : '/api/v1/hotspots';
  const kinds = category === 'MARKET' ? MARKET_KINDS : HOTSPOT_KINDS;
  const what = category === 'MARKET' ? 'markets (chợ)' : 'trade hotspots (điểm nóng)';
  return {
    list: route({
      access: SIGNED_IN,
      method: 'get',
      path,
      tags: ['businesses'],
      summary: `The ${what} of my unit`,
      request: { query: z.object({ q: z.string().max(200).optional() }) },
      responses: { 200: { description: 'Places', content: { 'application/json': { schema: z.object({ items: z.array(ZPlace) }) } } }, ...errors },
    }),
    create: route({
      access: roles(REGISTRY_WRITERS, `add ${category === 'MARKET' ? 'markets' : 'hotspots'}`),
      method: 'post',
      path,
      tags: ['businesses'],
      summary: `Add one of the ${what} of my unit (ADMIN, DIRECTOR, TEAM_LEAD)`,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                name: z.string().trim().min(1).max(200),
                kind: z.enum(kinds),
                address: z.object({ province: z.string().max(100), commune: z.string().max(150).nullable().optional(), line: z.string().max(300).nullable().optional() }),
                notes: z.string().max(2000).nullable().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: { description: 'Added', content: { 'application/json': { schema: ZPlace } } }, ...errors },
    }),
  };
};
const markets = placeRoutes('MARKET');
const hotspots = placeRoutes('HOTSPOT');

/** The registry's issues and the references' at the paths of the JSON body. */
function businessIssues(fields: readonly TFieldIssue[], refs: readonly TRefIssue[]): TValidationIssue[] {
  return [...fields.map((i) => issueOf(BUSINESS_FIELD_PATHS[i.field], i.message, i.rule, i.params)), ...refs.map((i) => issueOf(i.field, i.message, i.rule, i.params))];
}

type TInput = z.infer<typeof ZBusinessPatch>;
function rawOf(b: TInput): TBusinessRaw {
  const raw: TBusinessRaw = {};
  const set = <K extends keyof TBusinessFields>(k: K, v: string | string[] | null | undefined): void => {
    if (v !== undefined) raw[k] = v;
  };
  set('taxCode', b.taxCode);
  set('name', b.name);
  set('type', b.type);
  set('sector', b.sector);
  set('productGroups', b.productGroups);
  set('province', b.address?.province);
  set('commune', b.address?.commune);
  set('addressLine', b.address?.line);
  set('phone', b.phone);
  set('legalRepresentative', b.legalRepresentative);
  set('status', b.status);
  return raw;
}
function refsOf(b: TInput): Partial<TBusinessRefs> {
  const refs: Partial<TBusinessRefs> = {};
  if (b.managingTeamId !== undefined) refs.managingTeamId = b.managingTeamId;
  if (b.marketId !== undefined) refs.marketId = b.marketId;
  if (b.hotspotIds !== undefined) refs.hotspotIds = [...new Set(b.hotspotIds)];
  if (b.conflictOfInterestUserIds !== undefined) refs.conflictOfInterestUserIds = [...new Set(b.conflictOfInterestUserIds)];
  return refs;
}

function written(r: TWriteResult, id?: string) {
  if (r.ok) return r.business;
  if (r.reason === 'NOT_FOUND') throw new AppError('NOT_FOUND', `No business ${id}.`);
  throw invalidField('taxCode', `a business with this tax code is already registered in your unit (${r.existingId})`, 'taxCodeTaken', { existingId: r.existingId }, 'CONFLICT');
}

/**
 * The import's size limit, to run before anything reads the body (the Idempotency-Key middleware
 * hashes it): a larger body is refused with 413 without being buffered.
 */
export function businessRoutes(db: Db) {
  const app = new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const user = currentUser(c);
      const q = c.req.valid('query');
      const page = pageRequest(q, (sort) => (sort === 'name' || sort === 'taxCode' ? 'asc' : 'desc'));
      let province: string | undefined;
      if (q.province) {
        const p = parseProvince(q.province);
        if (!p.ok) throw invalidField('province', p.message, p.rule, p.params);
        province = p.value;
      }
      const found = await listBusinesses(
        db,
        user.unitId,
        {
          q: q.q,
          sector: q.sector,
          province,
          commune: q.area,
          marketId: q.market,
          hotspotId: q.hotspot,
          status: q.status ? (q.status.split(',') as (typeof BUSINESS_STATUSES)[number][]) : undefined,
          type: q.type,
          managingTeamId: q.team,
        },
        page,
      );
      return c.json(found, 200);
    })
    .openapi(getRoute, async (c) => {
      const user = currentUser(c);
      const { businessId } = c.req.valid('param');
      const business = await getBusiness(db, user.unitId, businessId);
      if (!business) throw new AppError('NOT_FOUND', `No business ${businessId}.`);
      const [places, cases] = await Promise.all([
        tradePlacesByIds(db, user.unitId, [...(business.marketId ? [business.marketId] : []), ...business.hotspotIds]),
        casesOfBusiness(db, caseScope(user), business.id),
      ]);
      const market = places.find((p) => p.category === 'MARKET' && p.id === business.marketId);
      return c.json(
        {
          business,
          market: market ? { id: market.id, name: market.name } : null,
          hotspots: places.filter((p) => p.category === 'HOTSPOT').map((p) => ({ id: p.id, name: p.name })),
          history: cases.map(toBusinessCaseView),
        },
        200,
      );
    })
    .openapi(createBusinessRoute, async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const { value, issues } = checkBusinessFields(rawOf(body), { partial: false });
      const refs = refsOf(body);
      refuseIssues(businessIssues(issues, await checkBusinessRefs(db, user.unitId, refs)));
      return c.json(written(await createBusiness(db, { unitId: user.unitId, by: user.id, fields: value as TBusinessFields, refs })), 201);
    })
    .openapi(updateBusinessRoute, async (c) => {
      const user = currentUser(c);
      const { businessId } = c.req.valid('param');
      const body = c.req.valid('json');
      const current = await getBusiness(db, user.unitId, businessId);
      if (!current) throw new AppError('NOT_FOUND', `No business ${businessId}.`);
      const { value, issues } = checkBusinessFields(rawOf(body), { partial: true, previous: { taxCode: current.taxCode, type: current.type } });
      const refs = refsOf(body);
      refuseIssues(businessIssues(issues, await checkBusinessRefs(db, user.unitId, refs)));
      return c.json(written(await updateBusiness(db, { unitId: user.unitId, id: businessId, by: user.id, fields: value, refs }), businessId), 200);
    })
    .openapi(importRoute, async (c) => {
      const user = currentUser(c);
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!['text/csv', 'application/csv', 'text/plain'].includes(type)) throw invalidField('content-type', `send the file as text/csv (got ${type || 'none'})`, 'mediaType', { expected: 'text/csv' });
      const text = decodeCsv(await c.req.arrayBuffer());
      const report = await importBusinessCsv(db, { unitId: user.unitId, by: user.id, text, dryRun: c.req.valid('query').dryRun === 'true' });
      return c.json(report, 200);
    });

  for (const [category, routes] of [
    ['MARKET', markets],
    ['HOTSPOT', hotspots],
  ] as const) {
    app.openapi(routes.list, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await listTradePlaces(db, user.unitId, category, c.req.valid('query').q) }, 200);
    });
    app.openapi(routes.create, async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const province = parseProvince(body.address.province);
      const commune = body.address.commune ? parseCommune(body.address.commune) : undefined;
      refuseIssues([
        ...(province.ok ? [] : [issueOf('address.province', province.message, province.rule, province.params)]),
        ...(commune && !commune.ok ? [issueOf('address.commune', commune.message, commune.rule, commune.params)] : []),
      ]);
      const r = await createTradePlace(db, {
        unitId: user.unitId,
        category,
        name: body.name.replace(/\s+/g, ' '),
        kind: body.kind,
        province: province.ok ? province.value : '',
        commune: commune?.ok ? commune.value : null,
        addressLine: body.address.line?.trim() || null,
        notes: body.notes?.trim() || null,
        by: user.id,
      });
      if (!r.ok) throw invalidField('name', `your unit already has ${category === 'MARKET' ? 'a market' : 'a hotspot'} named ${body.name}`, 'taken', { value: body.name }, 'CONFLICT');
      return c.json(r.place, 201);
    });
  }
  return app;
}
