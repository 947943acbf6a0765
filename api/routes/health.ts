import { OpenAPIHono, z } from '@hono/zod-openapi';
import { PUBLIC, route } from '../access.js';
import { checkReadiness, type ReadinessDeps } from '../health.js';

const ZCheck = z.object({ ok: z.boolean(), detail: z.string() }).openapi('HealthCheck');
const ZReadiness = z
  .object({
    ready: z.boolean(),
    checks: z.object({ database: ZCheck, temporal: ZCheck, worker: ZCheck, events: ZCheck.optional().openapi({ description: 'The live-event listener (LISTEN/NOTIFY), in the API process' }) }),
  })
  .openapi('Readiness');

const livez = route({
  access: PUBLIC,
  method: 'get',
  path: '/livez',
  tags: ['system'],
  summary: 'Liveness: the API process is running',
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

const readyz = route({
  access: PUBLIC,
  method: 'get',
  path: '/readyz',
  tags: ['system'],
  summary: 'Readiness: PostgreSQL, Temporal and a worker poller are up, and the live-event listener is listening',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ZReadiness } } },
    503: { description: 'Not ready; `checks` says what is missing', content: { 'application/json': { schema: ZReadiness } } },
  },
});

export function healthRoutes(deps: ReadinessDeps) {
  return new OpenAPIHono()
    .openapi(livez, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const result = await checkReadiness(deps);
      return c.json(result, result.ready ? 200 : 503);
    });
}
