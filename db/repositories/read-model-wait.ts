/**
 * Read-your-writes after an action (docs/adr/0175): the case workflow answers an Update from the
 * workflow task that accepted it and schedules the case's projection without waiting for it, so the
 * API waits here until the read model holds the state the Update answered with (its `seq`), before
 * it answers the officer — whose next read then shows the action.
 */
import type { Db } from '../database.js';

/**
 * How long an answer waits for the projection: longer than a projection whose worker was killed
 * takes to be run again elsewhere (its activity's 10 s start-to-close timeout, then a retry). Past
 * it, an action stands (it is in the history) and the read model follows when a worker projects it.
 */
export const READ_MODEL_WAIT_MS = 20_000;

/** The pauses between reads: the projection usually lands a few milliseconds after the answer. */
const PAUSES_MS = [2, 3, 5, 8, 13, 21, 34, 55, 89];
const LAST_PAUSE_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until case `caseId`'s read model has reached state `seq` (or later); true when it has,
 * false when `timeoutMs` passed first. One primary-key read per try.
 */
export async function readModelReached(db: Db, caseId: string, seq: number, timeoutMs = READ_MODEL_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; ; i++) {
    const row = await db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirst();
    if (row && Number(row.state_seq) >= seq) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(PAUSES_MS[i] ?? LAST_PAUSE_MS, left));
  }
}

/**
 * Whether case `caseId`'s read model already holds what the workflow's fallback projection would
 * write (docs/adr/0185): its row at state `seq` or later, and every audit event of `auditSeqs`. Each
 * write of a projection is one transaction — the row, its audit events, their notifications and
 * messages, the lookup, the disclosure and the facts together — so a row at `seq` means that state's
 * projection committed whole, and an event present means the projection that carried it did. One
 * statement; it only reads.
 */
export async function readModelHolds(db: Db, caseId: string, seq: number, auditSeqs: readonly number[]): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).as('state_seq'),
      eb
        .selectFrom('audit_event')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('case_id', '=', caseId)
        .where('seq', '=', (e) => e.fn.any(e.val([...auditSeqs])))
        .as('recorded'),
    ])
    .executeTakeFirstOrThrow();
  return row.state_seq !== null && Number(row.state_seq) >= seq && Number(row.recorded) === new Set(auditSeqs).size;
}
