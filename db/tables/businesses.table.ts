import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A text[] column with a default of '{}'. */
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

/**
 * A business in a unit's registry (doanh nghiệp, hộ kinh doanh, hợp tác xã, chi nhánh). The `*_key`
 * columns and `search_text` hold folded text (no accents, lower case; domain/business.ts) for
 * accent-insensitive filters, sorting and search.
 */
export interface BusinessTable {
  id: string;
  unit_id: string;
  /** Canonical: `NNNNNNNNNN` or `NNNNNNNNNN-NNN`. */
  tax_code: string;
  name: string;
  name_key: string;
  type: string;
  sector: string | null;
  sector_key: string | null;
  product_groups: TextArray;
  province: string;
  commune: string;
  commune_key: string;
  address_line: string | null;
  phone: string | null;
  legal_representative: string | null;
  status: string;
  managing_team_id: string | null;
  market_id: string | null;
  hotspot_ids: TextArray;
  /** Users who must not be assigned to inspect it (conflict of interest). */
  conflict_user_ids: TextArray;
  search_text: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_by: string;
  updated_at: Timestamp;
}

/** A market (chợ) or a trade hotspot (điểm nóng) of a unit. */
export interface TradePlaceTable {
  id: string;
  unit_id: string;
  category: 'MARKET' | 'HOTSPOT';
  name: string;
  name_key: string;
  kind: string;
  province: string;
  commune: string | null;
  address_line: string | null;
  notes: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export type BusinessRow = Selectable<BusinessTable>;
export type TradePlaceRow = Selectable<TradePlaceTable>;
