import type { ColumnType, Generated } from 'kysely';

/** What became of a payment callback: accepted, absorbed (a duplicate), or refused and why. */
export type TCallbackVerdict = 'ACCEPTED' | 'DUPLICATE' | 'CONFLICT' | 'MISSING_HEADERS' | 'UNKNOWN_KEY' | 'KEY_EXPIRED' | 'STALE' | 'BAD_SIGNATURE' | 'INVALID' | 'CASE_UNKNOWN';

/** One payment callback as received, with its verdict (docs/adr/0125). */
export interface PaymentCallbackTable {
  id: ColumnType<string, never, never>;
  received_at: Generated<Date>;
  verdict: ColumnType<TCallbackVerdict, TCallbackVerdict, TCallbackVerdict>;
  key_id: string | null;
  transaction_id: string | null;
  case_id: string | null;
  amount: ColumnType<string | null, number | null, number | null>;
  paid_at: ColumnType<Date | null, string | null, string | null>;
  channel: string | null;
  body_sha256: string;
  body: string;
  client_address: string | null;
  receipt_no: string | null;
  response: ColumnType<unknown, string | null, string | null>;
}
