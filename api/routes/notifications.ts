/**
 * The signed-in user's notifications (docs/adr/0100-notifications-from-the-projection.md):
 *
 * - `GET /api/v1/notifications`: newest first, keyset-paged by id, with the unread count (the badge);
 * - `POST /api/v1/notifications/{id}/read` and `POST /api/v1/notifications/read-all`;
 * - `GET` / `PUT /api/v1/me/notification-preferences`: the address e-mails go to, which kinds are
 *   e-mailed, and the team lead's daily digest (in-app notifications are always on).
 *
 * A notification is its kind and parameters; the web app words it in the reader's language. A new
 * one is announced on the live-event stream (`notification`, GET /api/v1/events).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { getPreferences, listNotifications, markAllRead, markRead, setPreferences, unreadCount } from '../../db/repositories/notifications.js';
import { NOTIFICATION_KINDS } from '../../domain/notifications.js';
import { route, SIGNED_IN } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { ERROR_RESPONSES } from '../schemas.js';

const ZKind = z.enum(NOTIFICATION_KINDS).openapi('NotificationKind');

const ZNotification = z
  .object({
    id: z.string(),
    kind: ZKind,
    caseId: z.string().nullable(),
    stepId: z.string().nullable(),
    link: z.string().openapi({ description: 'Where in the web app it leads (a case, a campaign version)' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).openapi({ description: 'What the words of the kind need: title, step, percent, hours, version…' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    readAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Notification');

/** Kinds added after clients were written: a body without them is still accepted, and leaves their e-mail on. */
const KINDS_ADDED_LATER: readonly string[] = ['PAYMENT_MISMATCH', 'DOCUMENT_NOT_ISSUED'];

/** The preferences; in a request body the kinds added later may be left out. */
const preferences = (input: boolean) =>
  z.object({
    emailAddress: z.email({ error: 'must be an e-mail address' }).max(254).nullable().openapi({ description: 'Where e-mails go; null: none are sent' }),
    email: z
      .object(
        Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, input && KINDS_ADDED_LATER.includes(k) ? z.boolean().optional() : z.boolean()])) as Record<
          (typeof NOTIFICATION_KINDS)[number],
          z.ZodBoolean
        >,
      )
      .openapi({ description: input ? 'Per kind: whether it is also e-mailed (a kind left out is e-mailed)' : 'Per kind: whether it is also e-mailed' }),
    digest: z.boolean().openapi({ description: 'The daily digest by e-mail (team leads)' }),
  });
const ZPreferences = preferences(false).openapi('NotificationPreferences');
const ZPreferencesInput = preferences(true).openapi('NotificationPreferencesInput');

const ZId = z.string().regex(/^\d{1,18}$/, 'must be a notification id');

const listRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/notifications',
  tags: ['notifications'],
  summary: 'My notifications, newest first, and how many are unread',
  request: {
    query: z.object({
      unread: z.enum(['true', 'false']).optional().openapi({ description: 'Only the unread ones' }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: ZId.optional().openapi({ description: 'The previous page’s nextCursor' }),
    }),
  },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: z.object({ items: z.array(ZNotification), unread: z.number().int(), nextCursor: z.string().nullable() }) } } },
    ...ERROR_RESPONSES,
  },
});

const readRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/notifications/{id}/read',
  tags: ['notifications'],
  summary: 'Mark one of my notifications read',
  request: { params: z.object({ id: ZId }) },
  responses: { 200: { description: 'Read', content: { 'application/json': { schema: z.object({ unread: z.number().int() }) } } }, ...ERROR_RESPONSES },
});

const readAllRoute = route({
  access: SIGNED_IN,
  method: 'post',
  path: '/api/v1/notifications/read-all',
  tags: ['notifications'],
  summary: 'Mark all my notifications read',
  responses: { 200: { description: 'Read', content: { 'application/json': { schema: z.object({ marked: z.number().int(), unread: z.number().int() }) } } }, ...ERROR_RESPONSES },
});

const getPrefsRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/me/notification-preferences',
  tags: ['notifications'],
  summary: 'What I get by e-mail',
  responses: { 200: { description: 'Preferences', content: { 'application/json': { schema: ZPreferences } } }, ...ERROR_RESPONSES },
});

const putPrefsRoute = route({
  access: SIGNED_IN,
  method: 'put',
  path: '/api/v1/me/notification-preferences',
  tags: ['notifications'],
  summary: 'Choose what I get by e-mail (in-app notifications are always on)',
  request: { body: { required: true, content: { 'application/json': { schema: ZPreferencesInput } } } },
  responses: { 200: { description: 'Saved', content: { 'application/json': { schema: ZPreferences } } }, ...ERROR_RESPONSES },
});

export function notificationRoutes(db: Db) {
  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await listNotifications(db, currentUser(c).id, { before: q.cursor, unreadOnly: q.unread === 'true', limit: q.limit }), 200);
    })
    .openapi(readAllRoute, async (c) => {
      const marked = await markAllRead(db, currentUser(c).id);
      return c.json({ marked, unread: 0 }, 200);
    })
    .openapi(readRoute, async (c) => {
      const user = currentUser(c);
      const { id } = c.req.valid('param');
      if (!(await markRead(db, user.id, id))) throw new AppError('NOT_FOUND', `No notification ${id}.`);
      return c.json({ unread: await unreadCount(db, user.id) }, 200);
    })
    .openapi(getPrefsRoute, async (c) => c.json(await getPreferences(db, currentUser(c).id), 200))
    .openapi(putPrefsRoute, async (c) => {
      const user = currentUser(c);
      await setPreferences(db, user.id, c.req.valid('json'));
      return c.json(await getPreferences(db, user.id), 200);
    });
}
