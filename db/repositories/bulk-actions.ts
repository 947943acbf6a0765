/**
 * Bulk action runs and their per-case results (api/services/bulk-actions.ts decides; this stores).
 * A run is planned in one transaction — the run and every item, each with its request id — so that
 * the same request again finds the same plan and sends only the items that are not final.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { TBulkAction, TBulkResult } from '../../domain/bulk-actions.js';
import type { Database } from '../schema.js';
import type { BulkActionItemTable, BulkActionTable } from '../tables/bulk-action.table.js';

type Q = Kysely<Database> | Transaction<Database>;

export type TBulkRunRow = Selectable<BulkActionTable>;
export type TBulkItemRow = Selectable<BulkActionItemTable> & { case_title: string | null };

/** An item of a plan: a case, the step it is about (if any), its request id, and its result when known before sending (a skip). */
export interface TBulkPlannedItem {
  caseId: string;
  stepId: string | null;
  requestId: string;
  result: TBulkResult;
  code?: string | null;
  message?: string | null;
}

/** What became of an item once sent. */
export interface TBulkItemOutcome {
  result: TBulkResult;
  code: string | null;
  message: string | null;
  rule?: string | null;
  ruleParams?: Record<string, unknown> | null;
  legalBasis?: string | null;
}

/**
 * Records a run and its items in one transaction; when a run with this id exists already (the same
 * request planned before), records nothing and answers false.
 */
export async function insertBulkRun(
  db: Kysely<Database>,
  run: { id: string; unitId: string; createdBy: string; action: TBulkAction; params: object; target: object },
  items: readonly TBulkPlannedItem[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('bulk_action')
      .values({ id: run.id, unit_id: run.unitId, created_by: run.createdBy, action: run.action, params: JSON.stringify(run.params), target: JSON.stringify(run.target) })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    if (items.length) {
      await trx
        .insertInto('bulk_action_item')
        .values(
          items.map((i, seq) => ({
            bulk_id: run.id,
            seq,
            case_id: i.caseId,
            step_id: i.stepId,
            request_id: i.requestId,
            result: i.result,
            code: i.code ?? null,
            message: i.message ?? null,
          })),
        )
        .execute();
    }
    return true;
  });
}

export async function getBulkRun(db: Q, id: string): Promise<TBulkRunRow | undefined> {
  return db.selectFrom('bulk_action').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A run's items in their order, with their case's title when the case exists in the run's unit. */
export async function bulkItems(db: Q, run: { id: string; unit_id: string }): Promise<TBulkItemRow[]> {
  return db
    .selectFrom('bulk_action_item as i')
    .leftJoin('case_file as f', (j) => j.onRef('f.case_id', '=', 'i.case_id').on('f.unit_id', '=', run.unit_id))
    .selectAll('i')
    .select('f.title as case_title')
    .where('i.bulk_id', '=', run.id)
    .orderBy('i.seq')
    .execute();
}

export async function recordBulkOutcome(db: Q, bulkId: string, seq: number, o: TBulkItemOutcome): Promise<void> {
  await db
    .updateTable('bulk_action_item')
    .set({
      result: o.result,
      code: o.code,
      message: o.message,
      rule: o.rule ?? null,
      rule_params: o.ruleParams ? JSON.stringify(o.ruleParams) : null,
      legal_basis: o.legalBasis ?? null,
      updated_at: new Date(),
    })
    .where('bulk_id', '=', bulkId)
    .where('seq', '=', seq)
    .execute();
}

/** Marks a run finished (every item final). */
export async function finishBulkRun(db: Q, bulkId: string): Promise<void> {
  await db.updateTable('bulk_action').set({ finished_at: new Date() }).where('id', '=', bulkId).where('finished_at', 'is', null).execute();
}
