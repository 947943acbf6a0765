/**
 * Notifications (docs/adr/0100-notifications-from-the-projection.md): written in the transaction of
 * what caused them, once per cause and person (`dedupe_key`), with a NOTIFY so that every API replica
 * tells the person's open streams; read and marked read by their person; their e-mails drained from
 * the outbox by the worker, each row claimed with `FOR UPDATE SKIP LOCKED`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { NOTIFICATION_KINDS, type TNotice, type TNotificationKind } from '../../domain/notifications.js';
import { NOTIFICATIONS_CHANNEL } from '../../lib/case-events.js';
import type { Database } from '../schema.js';
import type { TEmailStatus } from '../tables/notification.table.js';

type Q = Kysely<Database> | Transaction<Database>;

/** How many times an e-mail is tried before it is given up (FAILED). */
const MAX_EMAIL_ATTEMPTS = 5;

/** The people a notice goes to in a unit (and the case's team), or in the national department, active persons only, never the actor. */
async function recipientsOf(trx: Q, unitId: string, teamId: string | null, n: TNotice): Promise<{ id: string; email: string | null; emailOff: TNotificationKind[] }[]> {
  const ids = n.to.flatMap((r) => ('userId' in r ? [r.userId] : []));
  const roles = n.to.flatMap((r) => ('role' in r ? [r] : []));
  if (!ids.length && !roles.length) return [];
  const rows = await trx
    .selectFrom('app_user')
    .leftJoin('notification_preference', 'notification_preference.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'notification_preference.email_off'])
    .where('app_user.active', '=', true)
    .where('app_user.kind', '=', 'PERSON')
    .where('app_user.id', '<>', n.actorId)
    .where((eb) =>
      eb.or([
        // The case's unit: its people named, its roles' holders in the team or the unit.
        eb.and([
          eb('app_user.unit_id', '=', unitId),
          eb.or([
            ...(ids.length ? [eb('app_user.id', 'in', ids)] : []),
            ...roles
              .filter((r) => r.scope !== 'NATIONAL')
              .map((r) => {
                const holds = sql<boolean>`${r.role} = any(app_user.roles)`;
                if (r.scope === 'UNIT') return eb(holds, '=', true);
                // A team's role with no team to look in reaches nobody.
                return teamId === null ? eb.val(false) : eb.and([eb(holds, '=', true), eb('app_user.team_id', '=', teamId)]);
              }),
          ]),
        ]),
        // The national department's holders of a role (its NATIONAL_ADMINs: the national configuration).
        ...roles
          .filter((r) => r.scope === 'NATIONAL')
          .map((r) =>
            eb.and([eb('app_user.unit_id', 'in', eb.selectFrom('unit').select('unit.id').where('unit.level', '=', 'NATIONAL')), eb(sql<boolean>`${r.role} = any(app_user.roles)`, '=', true)]),
          ),
      ]),
    )
    .orderBy('app_user.id')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, emailOff: r.email_off ?? [] }));
}

/**
 * Writes the notices' notifications (in the caller's transaction) and announces each new one. A
 * notice already written (the same cause and person: a retried projection) writes nothing and
 * announces nothing. Returns how many were written.
 */
export async function insertNotifications(trx: Transaction<Database>, scope: { unitId: string; teamId: string | null }, notices: readonly TNotice[]): Promise<number> {
  let written = 0;
  for (const n of notices) {
    const people = await recipientsOf(trx, scope.unitId, scope.teamId, n);
    if (!people.length) continue;
    // The rows and their announcements in one statement: announced on commit to every API replica, whose and nothing else.
    const rows = await trx
      .with('added', (q) =>
        q
          .insertInto('notification')
          .values(
            people.map((p) => ({
              unit_id: scope.unitId,
              user_id: p.id,
              kind: n.kind,
              case_id: n.caseId ?? null,
              step_id: n.stepId ?? null,
              link: n.link,
              params: JSON.stringify(n.params),
              dedupe_key: `${n.key}:${p.id}`,
              // The outbox: whether an e-mail is due is settled now, by the address and the preference the person has now.
              email_status: (p.email && !p.emailOff.includes(n.kind) ? 'PENDING' : 'NONE') as TEmailStatus,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning(['id', 'user_id']),
      )
      .selectFrom('added')
      .select(['added.id', sql<string>`pg_notify(${NOTIFICATIONS_CHANNEL}, json_build_object('userId', added.user_id)::text)::text`.as('notified')])
      .execute();
    written += rows.length;
  }
  return written;
}

/** A notification as its reader gets it. */
export interface TNotificationRow {
  id: string;
  kind: TNotificationKind;
  caseId: string | null;
  stepId: string | null;
  link: string;
  params: Record<string, string | number>;
  createdAt: string;
  readAt: string | null;
}

/** A page of the user's notifications, newest first, after the cursor (an id), and how many are unread. */
export async function listNotifications(
  db: Q,
  userId: string,
  f: { before?: string | undefined; unreadOnly?: boolean; limit: number },
): Promise<{ items: TNotificationRow[]; unread: number; nextCursor: string | null }> {
  let q = db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.before !== undefined) q = q.where('id', '<', f.before as never);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      caseId: r.case_id,
      stepId: r.step_id,
      link: r.link,
      params: r.params,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
    unread: await unreadCount(db, userId),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.id) : null,
  };
}

export async function unreadCount(db: Q, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the user's notifications read (again: no change); false when the user has none of that id. */
export async function markRead(db: Q, userId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id as never)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllRead(db: Q, userId: string): Promise<number> {
  const r = await db.updateTable('notification').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** What a person wants e-mailed: per kind, and the daily digest (leads). */
export interface TNotificationPreferences {
  /** Where e-mails go (`app_user.email`); null: no e-mail at all. */
  emailAddress: string | null;
  email: Record<TNotificationKind, boolean>;
  digest: boolean;
}

export async function getPreferences(db: Q, userId: string): Promise<TNotificationPreferences> {
  const row = await db
    .selectFrom('app_user')
    .leftJoin('notification_preference', 'notification_preference.user_id', 'app_user.id')
    .select(['app_user.email', 'notification_preference.email_off', 'notification_preference.digest'])
    .where('app_user.id', '=', userId)
    .executeTakeFirst();
  const off = new Set(row?.email_off ?? []);
  return { emailAddress: row?.email ?? null, email: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !off.has(k)])) as Record<TNotificationKind, boolean>, digest: row?.digest ?? true };
}

/** A kind left out of `email` (one a client does not know yet) is e-mailed. */
export async function setPreferences(db: Kysely<Database>, userId: string, p: Omit<TNotificationPreferences, 'email'> & { email: Partial<Record<TNotificationKind, boolean>> }): Promise<void> {
  const row = { email_off: NOTIFICATION_KINDS.filter((k) => p.email[k] === false), digest: p.digest, updated_at: new Date() };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ email: p.emailAddress }).where('id', '=', userId).execute();
    await trx
      .insertInto('notification_preference')
      .values({ user_id: userId, ...row })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
      .execute();
  });
}

/** A notification whose e-mail is due, with where to send it. */
export interface TOutboxItem {
  id: string;
  email: string;
  kind: TNotificationKind;
  link: string;
  params: Record<string, string | number>;
  attempts: number;
}

/**
 * Sends the due e-mails of the outbox, up to `limit`, in one transaction: the rows are claimed with
 * `FOR UPDATE SKIP LOCKED` (a second worker draining at the same time takes others, never these),
 * each is sent by `send`, and marked SENT — or tried again later, with backoff, and given up after
 * {@link MAX_EMAIL_ATTEMPTS}. A person who turned the kind's e-mail off since, or has no address any
 * more, gets none. Returns how many were sent and how many failed.
 */
export async function drainOutbox(db: Kysely<Database>, send: (item: TOutboxItem) => Promise<void>, opts: { limit: number; now?: Date }): Promise<{ sent: number; failed: number }> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .leftJoin('notification_preference', 'notification_preference.user_id', 'notification.user_id')
      .select([
        'notification.id',
        'notification.kind',
        'notification.link',
        'notification.params',
        'notification.email_attempts',
        'app_user.email',
        'app_user.active',
        'notification_preference.email_off',
      ])
      .where('notification.email_status', '=', 'PENDING')
      .where((eb) => eb.or([eb('notification.email_next_at', 'is', null), eb('notification.email_next_at', '<=', now)]))
      .orderBy('notification.id')
      .limit(opts.limit)
      .forUpdate('notification')
      .skipLocked()
      .execute();
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      if (!r.email || !r.active || (r.email_off ?? []).includes(r.kind)) {
        await trx.updateTable('notification').set({ email_status: 'NONE' }).where('id', '=', r.id).execute();
        continue;
      }
      try {
        await send({ id: String(r.id), email: r.email, kind: r.kind, link: r.link, params: r.params, attempts: r.email_attempts });
        await trx
          .updateTable('notification')
          .set({ email_status: 'SENT', email_sent_at: new Date(), email_attempts: r.email_attempts + 1, email_error: null })
          .where('id', '=', r.id)
          .execute();
        sent++;
      } catch (err) {
        const attempts = r.email_attempts + 1;
        const status: TEmailStatus = attempts >= MAX_EMAIL_ATTEMPTS ? 'FAILED' : 'PENDING';
        // 1, 2, 4, 8 minutes between tries.
        const next = new Date(now.getTime() + 60_000 * 2 ** (attempts - 1));
        await trx
          .updateTable('notification')
          .set({ email_status: status, email_attempts: attempts, email_next_at: next, email_error: (err as Error).message.slice(0, 500) })
          .where('id', '=', r.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  });
}

/** A team lead who may get a digest: an active person of the role with an address and the digest on. */
export async function digestRecipients(db: Q): Promise<{ id: string; email: string; unitId: string; teamId: string }[]> {
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('notification_preference', 'notification_preference.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'app_user.unit_id', 'app_user.team_id'])
    .where(sql<boolean>`'TEAM_LEAD' = any(app_user.roles)`)
    .where('app_user.active', '=', true)
    .where('app_user.kind', '=', 'PERSON')
    .where('app_user.email', 'is not', null)
    .where('app_user.team_id', 'is not', null)
    .where((eb) => eb.or([eb('notification_preference.digest', 'is', null), eb('notification_preference.digest', '=', true)]))
    .orderBy('app_user.id')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email!, unitId: r.unit_id, teamId: r.team_id! }));
}

/**
 * Sends one lead's digest of `day` once: the (lead, day) row is claimed in a transaction that holds it
 * while `send` runs; a digest already sent (or being sent by another worker) is skipped. `send`
 * returns false when there was nothing to say (no e-mail sent). Returns whether this call sent it.
 */
export async function sendDigestOnce(db: Kysely<Database>, userId: string, day: string, send: (trx: Transaction<Database>) => Promise<boolean>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notification_digest')
      .values({ user_id: userId, day })
      .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
      .execute();
    const claimed = await trx
      .selectFrom('notification_digest')
      .select('status')
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .where('status', '=', 'PENDING')
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!claimed) return false;
    const sent = await send(trx);
    await trx
      .updateTable('notification_digest')
      .set({ status: sent ? 'SENT' : 'EMPTY', sent_at: new Date() })
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .execute();
    return sent;
  });
}

/** The team's open tasks due by `soonBefore` or overdue, for a digest (with their case's title). */
export async function digestTasks(db: Q, teamId: string, soonBefore: Date): Promise<{ caseId: string; caseTitle: string; stepId: string; title: string; dueAt: Date | null; overdue: boolean }[]> {
  const rows = await db
    .selectFrom('case_task')
    .innerJoin('case_file', 'case_file.case_id', 'case_task.case_id')
    .select(['case_task.case_id', 'case_file.title as case_title', 'case_task.step_id', 'case_task.title', 'case_task.due_at', 'case_task.overdue'])
    .where('case_task.team_id', '=', teamId)
    .where('case_file.status', '=', 'OPEN')
    .where((eb) => eb.or([eb('case_task.overdue', '=', true), eb('case_task.due_at', '<=', soonBefore)]))
    .orderBy('case_task.due_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, caseTitle: r.case_title, stepId: r.step_id, title: r.title, dueAt: r.due_at ? new Date(r.due_at) : null, overdue: r.overdue }));
}

/** The user's unread notifications (newest first, at most `limit`), for a digest. */
export async function unreadOf(db: Q, userId: string, limit: number): Promise<{ kind: TNotificationKind; link: string; params: Record<string, string | number> }[]> {
  return db.selectFrom('notification').select(['kind', 'link', 'params']).where('user_id', '=', userId).where('read_at', 'is', null).orderBy('id', 'desc').limit(limit).execute();
}
