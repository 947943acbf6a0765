/**
 * After an admin changes the holiday calendar: every open case recomputes its deadlines (each
 * recomputation is audited in the case). The open cases come from the read model.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database.js';
import { openCaseIds } from '../../db/repositories/case-queries.js';
import { calendarChangedSignal } from '../../workflows/case-messages.js';
import { AppError } from '../errors.js';
import { temporalUnreachable } from '../error-translator.js';

/**
 * Signals every open case that calendar revision `revision` is in force; returns how many. The
 * change is committed before this runs: when Temporal cannot be reached for some cases, the answer
 * says so (the change stands, those cases keep their deadlines until told), and sending the same
 * change again makes a new revision and tells every open case (docs/adr/0070).
 */
export async function notifyCalendarChanged(client: Client, db: Db, revision: number): Promise<number> {
  const open = await openCaseIds(db);
  // Idempotent in each case (keyed by revision), so a retried notification does nothing twice.
  const sent = await Promise.allSettled(open.map((id) => client.workflow.getHandle(id).signal(calendarChangedSignal, { revision })));
  const failures = sent.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const unreachable = failures.filter((err) => temporalUnreachable(err));
  if (unreachable.length) {
    throw new AppError(
      'UNAVAILABLE',
      `The calendar change was saved (revision ${revision}), but Temporal could not be reached to tell ${unreachable.length} of ${open.length} open cases; ` +
        'their deadlines are recomputed when the same change is sent again.',
      undefined,
      undefined,
      { cause: unreachable[0] },
    );
  }
  if (failures.length) throw failures[0];
  return open.length;
}
