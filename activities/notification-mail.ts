/**
 * The e-mails of notifications, sent by the worker (docs/adr/0101): the outbox drained in batches
 * (each row claimed with `FOR UPDATE SKIP LOCKED`: two workers never send one twice), and each team
 * lead's daily digest once per Vietnamese day. Words come from domain/notifications.ts, in Vietnamese.
 */
import type { Db } from '../db/database.js';
import { digestRecipients, digestTasks, drainOutbox, sendDigestOnce, unreadOf } from '../db/repositories/notifications.js';
import { caseLink, digestMail, notificationMail } from '../domain/notifications.js';
import { vnDateOf, vnWallClock } from '../domain/vn-time.js';
import type { TMailer } from '../lib/mailer.js';

export interface TMailDeps {
  mailer: TMailer;
  /** Where the web app is reached from outside (`PUBLIC_BASE_URL`): the links in the e-mails. */
  publicBaseUrl: string;
  /** From this hour of the Vietnamese day on, the day's digests go out (default 7). */
  digestHour?: number;
}

const BATCH = 50;
/** A digest lists the team's tasks due within this long. */
const DUE_SOON_MS = 2 * 86_400_000;

function absolute(base: string, link: string): string {
  return new URL(link, base.endsWith('/') ? base : `${base}/`).toString();
}

/** Sends the due e-mails of the outbox, batch after batch, until none is left (or `maxBatches`). */
export async function sendNotificationEmails(db: Db, mail: TMailDeps, opts: { maxBatches?: number; heartbeat?: () => void } = {}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
    const r = await drainOutbox(
      db,
      async (item) => {
        const m = notificationMail({ kind: item.kind, params: item.params, url: absolute(mail.publicBaseUrl, item.link) }, 'vi');
        await mail.mailer.send({ to: item.email, ...m });
      },
      { limit: BATCH },
    );
    sent += r.sent;
    failed += r.failed;
    opts.heartbeat?.();
    if (r.sent + r.failed < BATCH) break;
  }
  return { sent, failed };
}

/**
 * Sends each team lead (with an address and the digest on) the digest of today, once: from
 * `digestHour` of the Vietnamese day on, the team's open tasks overdue or due within two days and
 * the lead's unread notifications. A day with nothing to say sends nothing (and is not tried again).
 */
export async function sendLeadDigests(db: Db, mail: TMailDeps, now: Date = new Date()): Promise<{ sent: number }> {
  if (Number(vnWallClock(now).slice(11, 13)) < (mail.digestHour ?? 7)) return { sent: 0 };
  const day = vnDateOf(now);
  let sent = 0;
  for (const lead of await digestRecipients(db)) {
    const did = await sendDigestOnce(db, lead.id, day, async (trx) => {
      const tasks = await digestTasks(trx, lead.teamId, new Date(now.getTime() + DUE_SOON_MS));
      const unread = await unreadOf(trx, lead.id, 20);
      if (!tasks.length && !unread.length) return false;
      const task = (t: (typeof tasks)[number]) => ({
        caseTitle: t.caseTitle,
        step: t.title,
        due: t.dueAt ? vnDateOf(t.dueAt).split('-').reverse().join('/') : null,
        url: absolute(mail.publicBaseUrl, caseLink(t.caseId)),
      });
      const m = digestMail(
        {
          date: day.split('-').reverse().join('/'),
          overdue: tasks.filter((t) => t.overdue).map(task),
          dueSoon: tasks.filter((t) => !t.overdue).map(task),
          unread: unread.map((n) => ({ kind: n.kind, params: n.params, url: absolute(mail.publicBaseUrl, n.link) })),
        },
        'vi',
      );
      await mail.mailer.send({ to: lead.email, ...m });
      return true;
    });
    if (did) sent++;
  }
  return { sent };
}
