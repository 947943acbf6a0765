import type { ColumnType, Generated } from 'kysely';

/**
 * One run of the canary workflow (`npm run canary`, the smoke test): proof that API, Temporal,
 * the worker and PostgreSQL work together.
 */
export interface CanaryRunTable {
  workflow_id: string;
  started_at: ColumnType<Date, Date | string, never>;
  confirmed_by: string | null;
  confirmed_at: ColumnType<Date, Date | string, Date | string> | null;
  note: string | null;
  /** `WAITING`, `CONFIRMED` or `EXPIRED`. */
  status: string;
  updated_at: Generated<Date>;
}
