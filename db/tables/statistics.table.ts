import type { ColumnType, Generated } from 'kysely';

/** A `bigint` column (db/database.ts reads int8 as a number). */
type BigInt8 = ColumnType<number, number, number>;
/** A `date` column, written as `YYYY-MM-DD`; read it with `to_char(…, 'YYYY-MM-DD')` (pg gives a Date otherwise). */
type IsoDate = ColumnType<Date, string, string>;

/** The dimensions and value of one statistical fact (domain/statistics/facts.ts, docs/adr/0159). */
interface StatFactColumns {
  case_id: string;
  ord: number;
  indicator: string;
  occurred_on: IsoDate;
  amount: BigInt8;
  unit_id: string;
  team_id: string;
  officer_id: string | null;
  kind: string;
  step_id: string | null;
  /** The case whose fine it is (an enforcement's parent penalty case; else the case itself): what is outstanding is counted per matter. */
  matter_id: string;
  violation_code: string | null;
  product_group: string | null;
  province: string | null;
  commune: string | null;
  campaign_id: string | null;
}

/** What each case contributes to the statistics, as of its latest projection. */
export type StatFactTable = StatFactColumns;

/** A reported period, frozen with its figures and their hash. */
export interface StatPeriodLockTable {
  id: Generated<string>;
  unit_id: string;
  period_kind: 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR';
  period_key: string;
  from_date: IsoDate;
  to_date: IsoDate;
  figures: ColumnType<unknown, string, never>;
  hash: string;
  locked_by: string;
  locked_at: Generated<Date>;
}

/** The facts a locked period accounts for: locked with it (`in_lock_id` = `lock_id`) or taken over as adjustments by a later lock. */
export interface StatLockedFactTable extends StatFactColumns {
  lock_id: string;
  in_lock_id: string;
}

/** The facts summed per unit, day and indicator (kept by the projection with the facts). */
export interface StatDailyTable {
  unit_id: string;
  occurred_on: IsoDate;
  indicator: string;
  amount: BigInt8;
  facts: number;
}

/** A matter (a penalty case with its enforcement): the day its first fine was decided and the day its fines were paid in full (null: not yet). */
export interface StatMatterTable {
  matter_id: string;
  unit_id: string;
  decided_on: IsoDate;
  settled_on: IsoDate | null;
}
