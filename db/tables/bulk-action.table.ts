import type { ColumnType, Generated } from 'kysely';
import type { TBulkAction, TBulkResult } from '../../domain/bulk-actions.js';

/** A bulk action's run (db/repositories/bulk-actions.ts): who ran what over which cases. */
export interface BulkActionTable {
  /** Derived from the request's id towards Temporal (api/idempotency.ts): the same request again is the same run. */
  id: string;
  unit_id: string;
  created_by: string;
  action: TBulkAction;
  /** The action's parameters as sent (a note's text, the officer to reassign to, the version). */
  params: ColumnType<Record<string, unknown>, string, string>;
  /** The selection as sent: `{ caseIds }` or `{ filter }`. */
  target: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
  /** When every item had a final result (OK, REFUSED, SKIPPED); null while some are pending or failed. */
  finished_at: Date | null;
}

/** One case (or one step of a case) of a run, and what became of it. */
export interface BulkActionItemTable {
  bulk_id: string;
  /** Its place in the report. */
  seq: number;
  case_id: string;
  step_id: string | null;
  /** The Update's id and the workflow's request id of this item: the same whenever it is sent. */
  request_id: string;
  result: TBulkResult;
  /** The refusal's code (api/errors.ts), or why it was skipped: NOT_FOUND (or not visible), NOTHING_TO_DO, SAME_VERSION, CASE_CLOSED. */
  code: string | null;
  message: string | null;
  /** The engine's rule that refused, and what it was about (domain/engine/refusals.ts). */
  rule: string | null;
  rule_params: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  legal_basis: string | null;
  updated_at: Generated<Date>;
}
