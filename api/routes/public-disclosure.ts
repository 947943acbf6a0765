/**
 * The published decided violations as JSON (issue 16, docs/adr/0135): `GET /api/v1/public/disclosures`,
 * no sign-in. What is listed and how an individual is minimised is decided when the projection
 * writes the row (domain/disclosure.ts); this route only searches. The pages and the Atom feed are
 * api/public/disclosure-pages.ts.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { PUBLIC, route } from '../access.js';
import type { TAppEnv } from '../auth.js';
import { invalidField } from '../errors.js';
import { RATE_LIMITED_RESPONSE, TOKEN_ERRORS, ZDateTime, ZDay, ZErrorBody } from '../schemas.js';
import { rangeProblem, searchDisclosures, ZDisclosureQuery } from '../services/disclosures.js';

const ZDisclosure = z
  .object({
    id: z.string().openapi({ description: 'The public id of the entry (stable; the Atom entry id is urn:uuid:<id>)' }),
    unit: z.object({ id: z.string(), name: z.string() }),
    offenderType: z.enum(['ORGANIZATION', 'INDIVIDUAL']),
    partyName: z.string().openapi({ description: 'The organisation’s name; an individual’s initials only (N.V.A.)' }),
    taxCode: z.string().optional().openapi({ description: 'Organisations only' }),
    province: z.string(),
    violationDate: ZDay,
    acts: z.array(z.object({ code: z.string(), text: z.string().openapi({ description: 'The catalogue’s wording' }), provision: z.string() })),
    sanction: z.enum(['FINE', 'WARNING']),
    fineAmount: z.number().int().optional().openapi({ description: 'In VND, with a fine' }),
    decisionNo: z.string(),
    decisionDate: ZDay,
    listedAt: ZDateTime,
  })
  .openapi('Disclosure');

const listRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/public/disclosures',
  tags: ['public'],
  summary: 'Published penalty decisions (công khai), newest decision first; individuals minimised',
  request: { query: ZDisclosureQuery },
  responses: {
    ...TOKEN_ERRORS,
    ...RATE_LIMITED_RESPONSE,
    200: {
      description: 'A page of the decisions listed now (withdrawn ones are not)',
      content: { 'application/json': { schema: z.object({ items: z.array(ZDisclosure), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('DisclosurePage') } },
    },
    400: { description: 'A filter that is not valid', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

export function publicDisclosureRoutes(db: Db) {
  return new OpenAPIHono<TAppEnv>().openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    if (rangeProblem(q)) throw invalidField('to', 'must not be before from', 'order', { first: 'from', second: 'to' });
    const found = await searchDisclosures(db, q);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(
      {
        ...found,
        items: found.items.map(({ listedAt, updatedAt: _u, withdrawn: _w, ...d }) => ({ ...d, listedAt: listedAt.toISOString() })),
      },
      200,
    );
  });
}
