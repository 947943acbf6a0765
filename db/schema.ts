/**
 * The database type: one interface per table, assembled here (Kysely's `example/` layout).
 */
import type { CanaryRunTable } from './tables/canary-run.table.js';

export interface Database {
  canary_run: CanaryRunTable;
}
