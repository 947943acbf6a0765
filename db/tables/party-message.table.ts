import type { ColumnType, Generated } from 'kysely';
import type { TPartyChannel, TPartyLang, TPartyMessageKind } from '../../domain/party-messages.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Someone outside the agency who asked to be told about a case (docs/adr/0145). */
export interface PartySubscriptionTable {
  id: ColumnType<string, never, never>;
  case_id: string;
  unit_id: string;
  channel: TPartyChannel;
  /** Normalised: a lower-case e-mail address or a +84 mobile number. */
  address: string;
  lang: TPartyLang;
  created_at: Generated<Date>;
  withdrawn_at: Timestamp | null;
}

/** Where a message stands: waiting, sent, given up after its attempts, or not sent because its subscription was withdrawn. */
export type TPartyMessageStatus = 'PENDING' | 'SENT' | 'FAILED' | 'WITHDRAWN';

/** One subscriber told one thing: the outbox row (docs/adr/0145). */
export interface PartyMessageTable {
  id: ColumnType<string, never, never>;
  subscription_id: string;
  case_id: string;
  unit_id: string;
  kind: TPartyMessageKind;
  params: ColumnType<Record<string, string | number>, string, string>;
  dedupe_key: string;
  status: ColumnType<TPartyMessageStatus, TPartyMessageStatus | undefined, TPartyMessageStatus>;
  attempts: Generated<number>;
  next_at: Timestamp | null;
  error: string | null;
  provider_id: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}
