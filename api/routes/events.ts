/**
 * `GET /api/v1/events`: server-sent events of the cases the user may see (their team's, or their
 * unit's for unit-wide roles): steps completed, evidence arriving, deadlines breached; and a
 * `notification` event (no id, not resumable) when the user has a new notification, whichever
 * process wrote it (docs/adr/0100). A comment line every 20 s keeps proxies from closing the stream.
 *
 * Each event's id is its position in the event log (docs/adr/0173: delivered in an order no later
 * commit can go below). A client that reconnects with `Last-Event-ID`
 * (browsers' EventSource does it by itself; `?lastEventId=` works too) first gets the events it
 * missed, from any replica, then the live ones, without duplicates. When it missed more than the
 * log keeps or than one catch-up sends, it gets a `reset` event: reload the lists, then go on. When
 * this replica's listener lost PostgreSQL for a while, the open streams fetch from the log what was
 * committed meanwhile, the same way.
 *
 * A stream lives no longer than its session or token (docs/adr/0024-streams-end-with-their-session.md):
 * sign-out, expiry, a new password or new roles, a deactivation or a revoked token end it with an
 * `end` event, on every replica — each hears the revocation (PostgreSQL NOTIFY from triggers) and
 * re-checks the credential in the database with every heartbeat and after its listener reconnects.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Db } from '../../db/database.js';
import { caseEventsAfter, newestCaseEventId, oldestCaseEventId } from '../../db/repositories/cases.js';
import { credentialActive } from '../../db/repositories/people.js';
import type { CaseEventHub, TCaseEvent } from '../../lib/case-events.js';
import { route, SIGNED_IN } from '../access.js';
import { canSeeCase, currentUser, type TAppEnv } from '../auth.js';
import { isUnitWide } from '../../domain/roles.js';
import { ERROR_RESPONSES, TOKEN_ERRORS } from '../schemas.js';

/** How many missed events one reconnection replays at most. */
const CATCH_UP_LIMIT = 500;

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
    200: {
      description:
        'An event stream: `ready`, then `case` events (JSON bodies, ids from the event log), `notification` (`{}`) when the user has a new notification (read them from GET /api/v1/notifications), `reset` when a gap cannot be filled, and `end` (`{"reason":"SESSION_ENDED"}`) just before the server closes it because the session or token ended or the user was deactivated',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    400: ERROR_RESPONSES[400],
    ...TOKEN_ERRORS,
  },
});

/** A log position, or undefined for anything else (an id from before resumption existed, garbage). */
function logPosition(raw: string | undefined): string | undefined {
  return raw !== undefined && /^\d{1,18}$/.test(raw) ? raw : undefined;
}

/** Why the server ends a stream. */
type TEndReason = 'SESSION_ENDED';

/** Longest setTimeout delay Node accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function eventRoutes(deps: { db: Db; hub: CaseEventHub; heartbeatMs?: number }) {
  const heartbeatMs = deps.heartbeatMs ?? 20_000;
  return new OpenAPIHono<TAppEnv>().openapi(eventsRoute, (c) => {
    const user = currentUser(c);
    const credential = c.get('credential');
    const resumeFrom = logPosition(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId);
    const unitWide = isUnitWide(user);
    return streamSSE(c, async (stream) => {
      const queue: TCaseEvent[] = [];
      let wake: (() => void) | undefined;
      let ended: TEndReason | undefined;
      let recheck = false;
      let catchUpDue = false;
      let notified = false;
      const end = (reason: TEndReason): void => {
        ended = reason;
        wake?.();
      };
      // Subscribe before reading the log, so nothing committed in between is lost; duplicates
      // (in both the log and the live queue) are dropped by id below.
      const unsubscribe = [
        deps.hub.subscribe((e) => {
          if (!canSeeCase(user, { unit_id: e.unitId, team_id: e.teamId })) return;
          queue.push(e);
          wake?.();
        }),
        // A new notification of this user (its content is read from GET /api/v1/notifications).
        deps.hub.subscribeNotifications((userId) => {
          if (userId !== user.id) return;
          notified = true;
          wake?.();
        }),
        deps.hub.subscribeRevocations((r) => {
          if ((credential && r.tokenHash === credential.tokenHash) || r.userId === user.id) end('SESSION_ENDED');
        }),
        // Notices sent while the listener was away are lost: look in the log and the database.
        deps.hub.onReconnect(() => {
          catchUpDue = true;
          recheck = true;
          wake?.();
        }),
      ];
      const expiry = credential?.expiresAt ? setTimeout(() => end('SESSION_ENDED'), Math.min(MAX_TIMER_MS, Math.max(0, credential.expiresAt.getTime() - Date.now()))) : undefined;
      expiry?.unref();
      stream.onAbort(() => {
        for (const u of unsubscribe) u();
        wake?.();
      });
      let last = resumeFrom === undefined ? undefined : BigInt(resumeFrom);
      const send = async (e: TCaseEvent): Promise<void> => {
        const id = BigInt(e.id);
        if (last !== undefined && id <= last) return;
        last = id;
        await stream.writeSSE({ event: 'case', id: e.id, data: JSON.stringify(e) });
      };
      /** Sends what the log holds after `after`, or `reset` when that cannot be done. */
      const catchUp = async (after: string): Promise<void> => {
        // Users who are neither unit-wide nor in a team see no case: nothing to catch up on.
        if (!unitWide && !user.teamId) return;
        const missed = (await caseEventsAfter(deps.db, { afterId: after, unitId: user.unitId, teamId: unitWide ? undefined : (user.teamId ?? undefined), limit: CATCH_UP_LIMIT + 1 })) as TCaseEvent[];
        const oldest = await oldestCaseEventId(deps.db);
        // Positions are global: the oldest one kept beyond the client's last means events after it were pruned.
        const pruned = oldest !== undefined && BigInt(oldest) > BigInt(after);
        if (missed.length > CATCH_UP_LIMIT || pruned) {
          // Too far behind to replay: tell the client to reload its lists, and go on from here.
          const newest = missed[missed.length - 1];
          if (newest) last = BigInt(newest.id);
          await stream.writeSSE({ event: 'reset', ...(newest ? { id: newest.id } : {}), data: JSON.stringify({ reason: pruned ? 'EVENTS_EXPIRED' : 'TOO_MANY_MISSED' }) });
          if (missed.length <= CATCH_UP_LIMIT) for (const e of missed) await send(e);
        } else {
          for (const e of missed) await send(e);
        }
      };
      /** False when the session or token no longer lets the user in; true when unsure (the database is away: the next check decides). */
      const stillValid = async (): Promise<boolean> => {
        if (!credential) return true;
        try {
          return await credentialActive(deps.db, credential.tokenHash);
        } catch {
          return true;
        }
      };

      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: user.id, resumedFrom: resumeFrom ?? null }) });
      if (resumeFrom !== undefined) await catchUp(resumeFrom);
      // Where a fresh stream starts, so that a catch-up after a lost listener knows where from.
      else last = BigInt((await newestCaseEventId(deps.db)) ?? '0');
      // A credential revoked between the session check of this request and the subscription above.
      if (!(await stillValid())) end('SESSION_ENDED');
      let nextCheck = Date.now() + heartbeatMs;
      while (!stream.aborted && !ended) {
        while (queue.length && !ended) await send(queue.shift()!);
        if (notified && !ended) {
          notified = false;
          await stream.writeSSE({ event: 'notification', data: '{}' });
        }
        if (catchUpDue && !ended) {
          catchUpDue = false;
          await catchUp(String(last ?? 0n)).catch(() => {
            catchUpDue = true;
          });
        }
        if ((recheck || Date.now() >= nextCheck) && !ended) {
          recheck = false;
          nextCheck = Date.now() + heartbeatMs;
          if (!(await stillValid())) end('SESSION_ENDED');
        }
        if (ended || stream.aborted) break;
        await new Promise<void>((resolve) => {
          // What arrived while the loop was writing (no one to wake then) is sent now, not after the next heartbeat.
          if (queue.length || notified || catchUpDue || recheck || ended || stream.aborted) {
            resolve();
            return;
          }
          wake = resolve;
          setTimeout(resolve, heartbeatMs).unref();
        });
        wake = undefined;
        if (!queue.length && !notified && !stream.aborted && !ended && !catchUpDue && !recheck) await stream.write(': heartbeat\n\n');
      }
      clearTimeout(expiry);
      for (const u of unsubscribe) u();
      if (ended && !stream.aborted) await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason: ended }) });
    }) as never;
  });
}
