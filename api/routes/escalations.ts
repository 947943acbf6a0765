/**
 * `GET /api/v1/escalations`: the supervisors' queue — deadline warnings and breaches, cases flagged
 * by hand (complex, needs a decision) and extension requests — scoped like cases: a team's own for
 * inspectors and team leads, the unit's for unit-wide roles. One entry per open breach: a step's
 * ladder at its latest rung, with the rungs before it (`history`). An entry is marked handled on its
 * case: `POST /api/v1/cases/{caseId}/escalations/{escalationId}/resolve` (api/routes/cases.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { listEscalationQueue } from '../../db/repositories/escalations.js';
import { route, SIGNED_IN } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { isUnitWide } from '../../domain/roles.js';
import { ERROR_RESPONSES } from '../schemas.js';
import { toEscalationQueueItemView, ZEscalationKind as ZKind, ZEscalationQueueItem } from '../views/case.js';

const listRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/escalations',
  tags: ['cases'],
  summary: 'The escalations queue: unresolved first, oldest first',
  request: {
    query: z.object({
      status: z.enum(['OPEN', 'RESOLVED', 'ALL']).default('OPEN'),
      kind: z
        .string()
        .max(200)
        .refine((s) => s.split(',').every((k) => ZKind.safeParse(k.trim()).success), 'unknown kind; use WARN, ESCALATE, MANUAL or EXTENSION_REQUEST, comma-separated')
        .optional()
        .openapi({ description: 'Comma-separated kinds: WARN, ESCALATE, MANUAL, EXTENSION_REQUEST' }),
      mine: z.enum(['true', 'false']).optional().openapi({ description: 'Only those addressed to one of my roles' }),
      caseId: z.string().min(1).max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      // zod-to-openapi renders a coerced number with minimum 0 as integer-or-null (Number(null) is 0); it is an integer.
      offset: z.coerce.number().int().min(0).max(100_000).default(0).openapi({ type: 'integer' }),
    }),
  },
  responses: {
    200: { description: 'The queue', content: { 'application/json': { schema: z.object({ total: z.number().int(), items: z.array(ZEscalationQueueItem) }) } } },
    ...ERROR_RESPONSES,
  },
});

export function escalationRoutes(db: Db) {
  return new OpenAPIHono<TAppEnv>().openapi(listRoute, async (c) => {
    const user = currentUser(c);
    const query = c.req.valid('query');
    const kinds = query.kind ? query.kind.split(',').map((k) => ZKind.parse(k.trim())) : undefined;
    const unitWide = isUnitWide(user);
    // Users who are neither unit-wide nor in a team (a scheduler) see no case, hence no escalation.
    if (!unitWide && !user.teamId) return c.json({ total: 0, items: [] }, 200);
    const { total, items } = await listEscalationQueue(db, {
      unitId: user.unitId,
      teamId: unitWide ? undefined : (user.teamId ?? undefined),
      kinds,
      toRoles: query.mine === 'true' ? [...user.roles] : undefined,
      open: query.status === 'OPEN' ? true : query.status === 'RESOLVED' ? false : undefined,
      caseId: query.caseId,
      limit: query.limit,
      offset: query.offset,
    });
    return c.json(
      {
        total,
        items: items.map(toEscalationQueueItemView),
      },
      200,
    );
  });
}
