/**
 * The unit's public site, as its admins edit it (issue 16, docs/adr/0137): `/api/v1/site/pages`.
 * A unit's ADMIN edits its unit's pages, a NATIONAL_ADMIN the national department's (each its own
 * unit's: another unit's page is 404). A page is created as a draft; saving edits the draft (or
 * starts a new one while the published version stays public); publishing makes the draft the
 * public version and records who published it. The public reads it at /public/don-vi/<unit>.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { createSitePage, getSitePage, listSitePages, publishSiteDraft, saveSiteDraft, type TSitePage } from '../../db/repositories/site-pages.js';
import { SITE_LIMITS, SITE_PAGE_KINDS } from '../../domain/site-content.js';
import { route, unitAdmin } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { ERROR_RESPONSES as errors, ZDateTime } from '../schemas.js';

// A unit's ADMIN, or at the national department its NATIONAL_ADMIN; each edits their own unit's pages.
const EDITORS = unitAdmin('edit the unit’s public site');

const ZContent = z
  .object({
    title: z.object({
      vi: z.string().trim().min(1).max(SITE_LIMITS.title),
      en: z.string().trim().max(SITE_LIMITS.title).default('').openapi({ description: 'Empty: the English page shows the Vietnamese text' }),
    }),
    body: z.object({
      vi: z.string().max(SITE_LIMITS.body).openapi({ description: 'Markdown-lite text: `## ` headings, `- ` lists, blank lines between paragraphs; no HTML' }),
      en: z.string().max(SITE_LIMITS.body).default(''),
    }),
  })
  .openapi('SiteContent');

const ZVersion = z
  .object({
    version: z.number().int(),
    status: z.enum(['DRAFT', 'PUBLISHED', 'SUPERSEDED']),
    title: z.object({ vi: z.string(), en: z.string() }),
    body: z.object({ vi: z.string(), en: z.string() }),
    editedBy: z.string(),
    editedAt: ZDateTime,
    published: z.object({ by: z.string(), at: ZDateTime }).optional().openapi({ description: 'Who published this version, and when' }),
  })
  .openapi('SitePageVersion');

const ZPage = z
  .object({
    id: z.string(),
    unitId: z.string(),
    kind: z.enum(SITE_PAGE_KINDS),
    draft: ZVersion.optional().openapi({ description: 'The version being edited: never public' }),
    published: ZVersion.optional().openapi({ description: 'The version the public reads' }),
  })
  .openapi('SitePage');

const ZPageId = z.object({ pageId: z.string().min(1).max(100) });

const listRoute = route({
  access: EDITORS,
  method: 'get',
  path: '/api/v1/site/pages',
  tags: ['site'],
  summary: 'My unit’s public site pages, with their drafts and published versions (ADMIN, NATIONAL_ADMIN)',
  responses: { 200: { description: 'Pages', content: { 'application/json': { schema: z.object({ items: z.array(ZPage) }) } } }, ...errors },
});

const createPageRoute = route({
  access: EDITORS,
  method: 'post',
  path: '/api/v1/site/pages',
  tags: ['site'],
  summary: 'Write a new page for my unit’s public site, as a draft (not public until published)',
  request: { body: { required: true, content: { 'application/json': { schema: ZContent.extend({ kind: z.enum(SITE_PAGE_KINDS) }) } } } },
  responses: { 201: { description: 'The page, with its draft', content: { 'application/json': { schema: ZPage } } }, ...errors },
});

const getRoute = route({
  access: EDITORS,
  method: 'get',
  path: '/api/v1/site/pages/{pageId}',
  tags: ['site'],
  summary: 'One page of my unit’s public site',
  request: { params: ZPageId },
  responses: { 200: { description: 'The page', content: { 'application/json': { schema: ZPage } } }, ...errors },
});

const draftRoute = route({
  access: EDITORS,
  method: 'put',
  path: '/api/v1/site/pages/{pageId}/draft',
  tags: ['site'],
  summary: 'Save the page’s draft (a new draft when it has none: the published version stays public)',
  request: { params: ZPageId, body: { required: true, content: { 'application/json': { schema: ZContent } } } },
  responses: { 200: { description: 'The page, with its draft', content: { 'application/json': { schema: ZPage } } }, ...errors },
});

const publishRoute = route({
  access: EDITORS,
  method: 'post',
  path: '/api/v1/site/pages/{pageId}/publish',
  tags: ['site'],
  summary: 'Publish the page’s draft: it becomes the public version, the one before it is superseded',
  request: {
    params: ZPageId,
    body: { required: true, content: { 'application/json': { schema: z.object({ version: z.number().int().min(1).openapi({ description: 'The draft’s version, as the editor saw it' }) }) } } },
  },
  responses: { 200: { description: 'The page, published', content: { 'application/json': { schema: ZPage } } }, ...errors },
});

const notFound = (pageId: string) => new AppError('NOT_FOUND', `Your unit has no site page ${pageId}.`);

function pageOut(p: TSitePage) {
  const v = (x: NonNullable<TSitePage['draft']>) => ({
    ...x,
    editedAt: x.editedAt.toISOString(),
    ...(x.published ? { published: { by: x.published.by, at: x.published.at.toISOString() } } : {}),
  });
  return { id: p.id, unitId: p.unitId, kind: p.kind, ...(p.draft ? { draft: v(p.draft) } : {}), ...(p.published ? { published: v(p.published) } : {}) };
}

export function siteRoutes(db: Db) {
  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const user = currentUser(c);
      return c.json({ items: (await listSitePages(db, user.unitId)).map(pageOut) }, 200);
    })
    .openapi(createPageRoute, async (c) => {
      const user = currentUser(c);
      const { kind, ...content } = c.req.valid('json');
      return c.json(pageOut(await createSitePage(db, user.unitId, kind, content, user.id)), 201);
    })
    .openapi(getRoute, async (c) => {
      const user = currentUser(c);
      const { pageId } = c.req.valid('param');
      const page = await getSitePage(db, user.unitId, pageId);
      if (!page) throw notFound(pageId);
      return c.json(pageOut(page), 200);
    })
    .openapi(draftRoute, async (c) => {
      const user = currentUser(c);
      const { pageId } = c.req.valid('param');
      const page = await saveSiteDraft(db, user.unitId, pageId, c.req.valid('json'), user.id);
      if (!page) throw notFound(pageId);
      return c.json(pageOut(page), 200);
    })
    .openapi(publishRoute, async (c) => {
      const user = currentUser(c);
      const { pageId } = c.req.valid('param');
      const { version } = c.req.valid('json');
      const result = await publishSiteDraft(db, user.unitId, pageId, version, user.id);
      if (result === 'NOT_FOUND') throw notFound(pageId);
      if (result === 'NO_DRAFT') throw new AppError('CONFLICT', 'The page has no draft to publish: it is published as it is.', undefined, { reason: 'NO_DRAFT' });
      if (result === 'STALE_VERSION')
        throw new AppError('CONFLICT', `The draft was saved again since version ${version}: open it again and check it before publishing.`, undefined, { reason: 'STALE_VERSION' });
      return c.json(pageOut(result), 200);
    });
}
