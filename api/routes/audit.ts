/**
 * `GET /api/v1/audit/requests`: the request audit of my unit (every state-changing request,
 * accepted or rejected), for directors, legal officers and admins. Each event carries its hashes,
 * so a reader can check the chain.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { requestAuditEvents } from '../../db/repositories/request-audit.js';
import { roles, route } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { ERROR_RESPONSES } from '../schemas.js';

const ZRequestAuditEvent = z
  .object({
    chainId: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorRoles: z.array(z.string()),
    method: z.string(),
    path: z.string(),
    status: z.number().int(),
    outcome: z.enum(['ACCEPTED', 'REJECTED']),
    code: z.string().nullable(),
    requestId: z.string(),
    idempotencyKey: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('RequestAuditEvent');

const listRoute = route({
  access: roles(['DIRECTOR', 'LEGAL_OFFICER', 'ADMIN'], 'read the request audit'),
  method: 'get',
  path: '/api/v1/audit/requests',
  tags: ['audit'],
  summary: "My unit's request audit: state-changing requests, accepted and rejected, oldest first",
  request: {
    query: z.object({
      caseId: z.string().min(1).max(200).optional().openapi({ description: 'Only requests about this case' }),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: { 200: { description: 'Events', content: { 'application/json': { schema: z.object({ events: z.array(ZRequestAuditEvent) }) } } }, ...ERROR_RESPONSES },
});

export function auditRoutes(db: Db) {
  return new OpenAPIHono<TAppEnv>().openapi(listRoute, async (c) => {
    const user = currentUser(c);
    const { caseId, limit } = c.req.valid('query');
    // Paths are recorded as requested: case ids URL-encoded.
    const pathPrefix = caseId ? `/api/v1/cases/${encodeURIComponent(caseId)}/` : undefined;
    return c.json({ events: await requestAuditEvents(db, user.unitId, { ...(pathPrefix ? { pathPrefix } : {}), limit }) }, 200);
  });
}
