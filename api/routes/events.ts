/**
 * `GET /api/v1/events`: server-sent events of the cases the user may see (their team's, or their
 * unit's for unit-wide roles): steps completed, evidence arriving, deadlines breached. A comment
 * line every 20 s keeps proxies from closing the stream.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { CaseEventHub, TCaseEvent } from '../../lib/case-events.js';
import { canSeeCase, currentUser, type TAppEnv } from '../auth.js';
import { TOKEN_ERRORS, ZErrorBody } from '../schemas.js';

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/v1/events',
  tags: ['events'],
  summary: 'Live case events (text/event-stream), filtered to what the user may see',
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'An event stream: `ready` once, then a `case` event (JSON) per change', content: { 'text/event-stream': { schema: z.string() } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

export function eventRoutes(hub: CaseEventHub, heartbeatMs = 20_000) {
  return new OpenAPIHono<TAppEnv>().openapi(eventsRoute, (c) => {
    const user = currentUser(c);
    return streamSSE(c, async (stream) => {
      const queue: TCaseEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = hub.subscribe((e) => {
        if (!canSeeCase(user, { unit_id: e.unitId, team_id: e.teamId })) return;
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: user.id }) });
      while (!stream.aborted) {
        while (queue.length) {
          const e = queue.shift()!;
          await stream.writeSSE({ event: 'case', id: `${e.caseId}:${e.seq}`, data: JSON.stringify(e) });
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, heartbeatMs).unref();
        });
        wake = undefined;
        if (!queue.length && !stream.aborted) await stream.write(': heartbeat\n\n');
      }
      unsubscribe();
    }) as never;
  });
}
