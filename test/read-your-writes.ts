/**
 * Case Updates sent by tests answer as the API's do (api/services/case-actions.ts,
 * `executeCaseAction`): once the read model shows them. The case workflow answers an Update from the
 * workflow task that accepted it, with its projection for the sender to write (docs/adr/0176) — or,
 * a case started before, with its projection left running (docs/adr/0175) — so a test that reads
 * PostgreSQL right after `executeUpdate` has it written here, or waits, as the API does before it
 * answers; the projection is taken out of the answer, as the API's answer has none.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/database.js';
import { pauseBeforeAsking, readModelUpTo } from '../api/services/case-actions.js';
import { workflowNotReady } from '../api/error-translator.js';
import type { TActionResult } from '../workflows/case-messages.js';

/** Whether an Update's result is a case action's answer for `caseId` (TActionResult). */
function isCaseAnswer(r: unknown, caseId: string): r is TActionResult {
  return typeof r === 'object' && r !== null && (r as { caseId?: unknown }).caseId === caseId && typeof (r as { seq?: unknown }).seq === 'number';
}

/** How long an Update refused before admission (the workflow not ready) is sent again, with the API's pauses (executeCaseUpdate). */
const NOT_READY_WINDOW_MS = 10_000;

async function sendUntilAdmitted<T>(send: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + NOT_READY_WINDOW_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!workflowNotReady(err) || Date.now() >= deadline) throw err;
      await pauseBeforeAsking(attempt);
    }
  }
}

/** Makes `client`'s workflow handles wait, after an Update that answers with a case's state, for the read model to hold it. */
export function readYourWrites(client: Client, db: Db): Client {
  const getHandle = client.workflow.getHandle.bind(client.workflow);
  client.workflow.getHandle = ((workflowId: string, ...rest: unknown[]) => {
    const h = (getHandle as (id: string, ...r: unknown[]) => ReturnType<Client['workflow']['getHandle']>)(workflowId, ...rest);
    const executeUpdate = h.executeUpdate.bind(h);
    h.executeUpdate = (async (...args: Parameters<typeof executeUpdate>) => {
      const r: unknown = await sendUntilAdmitted(() => executeUpdate(...args));
      return isCaseAnswer(r, workflowId) ? readModelUpTo(db, workflowId, r) : r;
    }) as typeof h.executeUpdate;
    return h;
  }) as Client['workflow']['getHandle'];
  return client;
}
