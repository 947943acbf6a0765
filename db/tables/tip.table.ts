import type { ColumnType, Generated } from 'kysely';

/** A photo of a tip, stored in the evidence store under its SHA-256 (api/services/public-tips.ts). */
export interface TTipPhoto {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

/** A tip from the public, as the reporter wrote it (docs/adr/0130). Its contact is elsewhere: {@link PublicTipReporterTable}. */
export interface PublicTipTable {
  id: string;
  unit_id: string;
  case_id: string;
  /** SHA-256 (hex) of the tracking code; the code itself is shown once to the reporter and kept nowhere. */
  tracking_hash: string;
  theme: string;
  content: string;
  place: string;
  business_name: string | null;
  tax_code: string | null;
  link_key: string | null;
  anonymous: boolean;
  wants_reply: boolean;
  photos: ColumnType<TTipPhoto[], string | undefined, string>;
  received_at: Generated<Date>;
}

/** The reporter's contact (docs/adr/0131): read by the unit's director and team leads only. */
export interface PublicTipReporterTable {
  tip_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A proof-of-work challenge used (docs/adr/0132). */
export interface TipChallengeUseTable {
  id: string;
  used_at: Generated<Date>;
}

/** The key tip challenges are signed with (one row, id 1). */
export interface TipChallengeKeyTable {
  id: number;
  secret: string;
  created_at: Generated<Date>;
}
