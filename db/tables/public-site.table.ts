import type { ColumnType, Generated } from 'kysely';
import type { TDisclosedAct, TWithdrawalReason } from '../../domain/disclosure.js';
import type { TSitePageKind } from '../../domain/site-content.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A date as `YYYY-MM-DD` text (sorts as dates do; never a JS Date at midnight somewhere). */
type IsoDate = ColumnType<string, string, string>;

/**
 * A decided violation as published (công khai, docs/adr/0135): one row per case, written by the
 * projection with what `domain/disclosure.ts` allows out — an individual's name is already initials.
 */
export interface DisclosureTable {
  case_id: string;
  public_id: string;
  unit_id: string;
  offender_type: 'ORGANIZATION' | 'INDIVIDUAL';
  party_name: string;
  name_key: string;
  tax_code: string | null;
  province: string;
  violation_date: IsoDate;
  acts: ColumnType<TDisclosedAct[], string, string>;
  sanction: 'FINE' | 'WARNING';
  fine_amount: number | null;
  decision_no: string;
  decision_key: string;
  decision_date: IsoDate;
  /** Of the published fields: a projection that changes none of them leaves `updated_at` alone (the feed's `updated`). */
  content_hash: string;
  listed_at: Generated<Date>;
  updated_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: TWithdrawalReason | null;
}

/** A page of a unit's public site (docs/adr/0137). */
export interface SitePageTable {
  id: string;
  unit_id: string;
  kind: TSitePageKind;
  created_by: string;
  created_at: Generated<Date>;
}

/** A version of a page: one DRAFT and one PUBLISHED at most; a published one is SUPERSEDED by the next. */
export interface SitePageVersionTable {
  page_id: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED';
  title_vi: string;
  title_en: string;
  body_vi: string;
  body_en: string;
  edited_by: string;
  edited_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
}
