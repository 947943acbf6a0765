/**
 * Case numbers per case-opening request. Opening a case allocates the next number of its scope;
 * the number is bound to the request (the user, the Idempotency-Key and the request's content), so
 * that a retry of the same request — after a crash, a lost database, or an answer that said the
 * outcome is not known — gets the same case id and joins the case its first attempt started,
 * instead of opening a second one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { nextCaseNumber } from './cases.js';

/** Thrown inside the allocating transaction when another attempt of the same request got there first: rolls its number back. */
class AlreadyAllocated extends Error {}

/**
 * The case id of the request `requestId` in `scope` (`<prefix>/<unit>/<year>`): the one it was
 * given before (`reused`), or the next number of the scope, recorded for it in the same transaction.
 */
export async function caseIdForRequest(db: Kysely<Database>, requestId: string, scope: string): Promise<{ caseId: string; reused: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await db.selectFrom('case_open_request').select('case_id').where('request_id', '=', requestId).executeTakeFirst();
    if (found) return { caseId: found.case_id, reused: true };
    try {
      const caseId = await db.transaction().execute(async (trx) => {
        const id = `${scope}/${String(await nextCaseNumber(trx, scope)).padStart(4, '0')}`;
        const row = await trx
          .insertInto('case_open_request')
          .values({ request_id: requestId, case_id: id })
          .onConflict((oc) => oc.column('request_id').doNothing())
          .returning('case_id')
          .executeTakeFirst();
        if (!row) throw new AlreadyAllocated();
        return id;
      });
      return { caseId, reused: false };
    } catch (err) {
      // Two attempts of one request at once (one took the key over from the other): read the winner's.
      if (!(err instanceof AlreadyAllocated)) throw err;
    }
  }
  throw new Error(`no case id could be recorded for request ${requestId}`);
}
