/**
 * `GET /api/v1/events`: server-sent events of the cases the user may see (their team's, or their
 * unit's for unit-wide roles): steps completed, evidence arriving, deadlines breached. A comment
 * line every 20 s keeps proxies from closing the stream.
 *
 * Each event's id is its position in the event log. A client that reconnects with `Last-Event-ID`
 * (browsers' EventSource does it by itself; `?lastEventId=` works too) first gets the events it
 * missed, from any replica, then the live ones, without duplicates. When it missed more than the
 * log keeps or than one catch-up sends, it gets a `reset` event: reload the lists, then go on.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Db } from '../../db/database.js';
import { caseEventsAfter, oldestCaseEventId } from '../../db/repositories/cases.js';
import type { CaseEventHub, TCaseEvent } from '../../lib/case-events.js';
import { route, SIGNED_IN } from '../access.js';
import { canSeeCase, currentUser, UNIT_WIDE_ROLES, type TAppEnv } from '../auth.js';
import { ERROR_RESPONSES, TOKEN_ERRORS } from '../schemas.js';

/** How many missed events one reconnection replays at most. */
export const CATCH_UP_LIMIT = 500;

const eventsRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/events',
  tags: ['events'],
  summary: 'Live case events (text/event-stream), filtered to what the user may see; resumable with Last-Event-ID',
  request: {
    headers: z.object({ 'last-event-id': z.string().max(40).optional() }),
    query: z.object({ lastEventId: z.string().max(40).optional().openapi({ description: 'Same as the Last-Event-ID header, for clients that cannot set headers' }) }),
  },
  responses: {
    200: { description: 'An event stream: `ready`, then `case` events (JSON bodies, ids from the event log), and `reset` when a gap cannot be filled', content: { 'text/event-stream': { schema: z.string() } } },
    400: ERROR_RESPONSES[400],
    ...TOKEN_ERRORS,
  },
});

/** A log position, or undefined for anything else (an id from before resumption existed, garbage). */
function logPosition(raw: string | undefined): string | undefined {
  return raw !== undefined && /^\d{1,18}$/.test(raw) ? raw : undefined;
}

export function eventRoutes(deps: { db: Db; hub: CaseEventHub; heartbeatMs?: number }) {
  const heartbeatMs = deps.heartbeatMs ?? 20_000;
  return new OpenAPIHono<TAppEnv>().openapi(eventsRoute, (c) => {
    const user = currentUser(c);
    const resumeFrom = logPosition(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId);
    const unitWide = user.roles.some((r) => UNIT_WIDE_ROLES.includes(r));
    return streamSSE(c, async (stream) => {
      const queue: TCaseEvent[] = [];
      let wake: (() => void) | undefined;
      // Subscribe before reading the log, so nothing committed in between is lost; duplicates
      // (in both the log and the live queue) are dropped by id below.
      const unsubscribe = deps.hub.subscribe((e) => {
        if (!canSeeCase(user, { unit_id: e.unitId, team_id: e.teamId })) return;
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      let last = resumeFrom === undefined ? undefined : BigInt(resumeFrom);
      const send = async (e: TCaseEvent): Promise<void> => {
        const id = BigInt(e.id);
        if (last !== undefined && id <= last) return;
        last = id;
        await stream.writeSSE({ event: 'case', id: e.id, data: JSON.stringify(e) });
      };
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: user.id, resumedFrom: resumeFrom ?? null }) });
      // Users who are neither unit-wide nor in a team see no case: nothing to catch up on.
      if (resumeFrom !== undefined && (unitWide || user.teamId)) {
        const missed = (await caseEventsAfter(deps.db, { afterId: resumeFrom, unitId: user.unitId, teamId: unitWide ? undefined : (user.teamId ?? undefined), limit: CATCH_UP_LIMIT + 1 })) as TCaseEvent[];
        const oldest = await oldestCaseEventId(deps.db);
        // Log ids are global, so a first retained id beyond the next one means events were pruned.
        const pruned = oldest !== undefined && BigInt(oldest) > BigInt(resumeFrom) + 1n;
        if (missed.length > CATCH_UP_LIMIT || pruned) {
          // Too far behind to replay: tell the client to reload its lists, and go on from here.
          const newest = missed[missed.length - 1];
          if (newest) last = BigInt(newest.id);
          await stream.writeSSE({ event: 'reset', ...(newest ? { id: newest.id } : {}), data: JSON.stringify({ reason: pruned ? 'EVENTS_EXPIRED' : 'TOO_MANY_MISSED' }) });
          if (missed.length <= CATCH_UP_LIMIT) for (const e of missed) await send(e);
        } else {
          for (const e of missed) await send(e);
        }
      }
      while (!stream.aborted) {
        while (queue.length) await send(queue.shift()!);
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
