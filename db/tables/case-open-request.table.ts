import type { Generated } from 'kysely';

/** The case id a case-opening request was given, so that its retries join that case (db/repositories/case-opening.ts). */
export interface CaseOpenRequestTable {
  /** The request's id towards Temporal (api/idempotency.ts `idempotentRequestId`: user, key and request). */
  request_id: string;
  case_id: string;
  created_at: Generated<Date>;
}
