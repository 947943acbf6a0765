import type { ColumnType, Generated } from 'kysely';
import type { TNotificationKind } from '../../domain/notifications.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Where a notification's e-mail stands: none due, waiting in the outbox, sent, or given up after its attempts. */
export type TEmailStatus = 'NONE' | 'PENDING' | 'SENT' | 'FAILED';

/** One person told one thing (docs/adr/0100): kind and parameters, worded when read; its e-mail's outbox state. */
export interface NotificationTable {
  id: ColumnType<string, never, never>;
  unit_id: string;
  user_id: string;
  kind: TNotificationKind;
  case_id: string | null;
  step_id: string | null;
  link: string;
  params: ColumnType<Record<string, string | number>, string, string>;
  dedupe_key: string;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  email_status: ColumnType<TEmailStatus, TEmailStatus | undefined, TEmailStatus>;
  email_attempts: Generated<number>;
  email_next_at: Timestamp | null;
  email_sent_at: Timestamp | null;
  email_error: string | null;
}

/** What a person wants e-mailed (in-app is always on). */
export interface NotificationPreferenceTable {
  user_id: string;
  email_off: ColumnType<TNotificationKind[], TNotificationKind[], TNotificationKind[]>;
  digest: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Generated<Date>;
}

/** A team lead's digest of one Vietnamese day (claimed, then sent or found empty). */
export interface NotificationDigestTable {
  user_id: string;
  day: ColumnType<string, string, string>;
  status: ColumnType<'PENDING' | 'SENT' | 'EMPTY', 'PENDING' | 'SENT' | 'EMPTY' | undefined, 'PENDING' | 'SENT' | 'EMPTY'>;
  sent_at: Timestamp | null;
}
