/**
 * The daily reconciliation of payment callbacks against the cases (docs/adr/0140): for each unit,
 * the mismatches of the last week (domain/payment-reconciliation.ts, as `GET
 * /api/v1/payments/reconciliation` lists them) become one notification to the unit's legal
 * officers, once per unit and Vietnamese day. Run by the maintenance schedule
 * (worker/maintenance.ts) as an activity: idempotent by the notification's dedupe key, so a retried
 * or repeated pass the same day writes nothing again.
 */
import type { Db } from '../db/database.js';
import { insertNotifications } from '../db/repositories/notifications.js';
import { reconciliationInput } from '../db/repositories/payments.js';
import { vietnamDateOf } from '../domain/calendar.js';
import { paymentMismatchNotice } from '../domain/notifications.js';
import { reconcilePayments } from '../domain/payment-reconciliation.js';

/** What a pass looked at: the units, those with mismatches, and the legal officers newly told. */
export interface TPaymentReconcileResult {
  day: string;
  units: number;
  unitsWithMismatches: number;
  notified: number;
}

/** Callbacks (and cases touched) of the last week are compared, as the list's default. */
const WINDOW_MS = 7 * 86_400_000;
/** Callbacks younger than this may not be in their case's read model yet (api/routes/payments.ts). */
const SETTLING_MS = 10 * 60_000;

export async function reconcilePaymentsDaily(db: Db, now: Date = new Date()): Promise<TPaymentReconcileResult> {
  const day = vietnamDateOf(now);
  const units = await db.selectFrom('unit').select('id').orderBy('id').execute();
  let unitsWithMismatches = 0;
  let notified = 0;
  for (const { id: unitId } of units) {
    const { callbacks, cases } = await reconciliationInput(db, unitId, new Date(now.getTime() - WINDOW_MS));
    const notice = paymentMismatchNotice(unitId, day, reconcilePayments(callbacks, cases, new Date(now.getTime() - SETTLING_MS).toISOString()));
    if (!notice) continue;
    unitsWithMismatches++;
    notified += await db.transaction().execute((trx) => insertNotifications(trx, { unitId, teamId: null }, [notice]));
  }
  return { day, units: units.length, unitsWithMismatches, notified };
}
