/**
 * After an admin changes the holiday calendar: every open case recomputes its deadlines (each
 * recomputation is audited in the case). The open cases come from the read model.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database.js';
import { openCaseIds } from '../../db/repositories/case-queries.js';
import { calendarChangedSignal } from '../../workflows/case-messages.js';

export async function notifyCalendarChanged(client: Client, db: Db, revision: number): Promise<number> {
  const open = await openCaseIds(db);
  // Idempotent in each case (keyed by revision), so a retried notification does nothing twice.
  await Promise.all(open.map((id) => client.workflow.getHandle(id).signal(calendarChangedSignal, { revision })));
  return open.length;
}
