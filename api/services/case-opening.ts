/**
 * Opening a case: reads what the rules of domain/case-opening.ts need, asks them, gives the request
 * its case number (PostgreSQL, `case_open_request`) and starts the case's workflow (Temporal). What
 * happens when one of the two succeeds and the other fails: docs/adr/0070-transactions-and-temporal-calls.md.
 */
import type { Client } from '@temporalio/client';
import { caseNumberScope, decideCaseOpening, openingTeamId, type TCaseOpener } from '../../domain/case-opening.js';
import type { Db } from '../../db/database.js';
import { getBusiness } from '../../db/repositories/businesses.js';
import { caseIdForRequest } from '../../db/repositories/case-opening.js';
import { teamUnit } from '../../db/repositories/people.js';
import { getPublished, latestPublishedVersion } from '../../db/repositories/procedures.js';
import { AppError } from '../errors.js';
import { startCaseReportingOutcome } from './case-actions.js';
import { assertOpenable } from './procedure-scope.js';

export interface TOpenCaseRequest {
  procedureId: string;
  title: string;
  teamId?: string | undefined;
  businessId?: string | undefined;
}

/**
 * Opens a case on the latest published version of `procedureId` (national, or the opener's unit's
 * own variant while its national version is in force). `requestId` is the request's idempotent id
 * (user, Idempotency-Key, request): a retry of the same request is given the same case number and
 * joins the case its first attempt started.
 */
export async function openCase(
  deps: { db: Db; temporal: Client; taskQueue: string },
  opener: TCaseOpener,
  requestId: string,
  body: TOpenCaseRequest,
  now: Date = new Date(),
): Promise<{ caseId: string; procedure: { id: string; version: number } }> {
  const { db } = deps;
  const askedTeam = openingTeamId(opener, body.teamId);
  // What the decision needs, read at once: the procedure, the team's unit, whether the business is the unit's.
  const [def, teamUnitId, businessFound] = await Promise.all([
    // National, or the unit's own variant while its national version is in force (another unit's: not found).
    latestPublishedVersion(db, body.procedureId).then(async (version) =>
      assertOpenable(db, opener.unitId, body.procedureId, version === undefined ? undefined : await getPublished(db, body.procedureId, version)),
    ),
    askedTeam ? teamUnit(db, askedTeam) : undefined,
    body.businessId ? getBusiness(db, opener.unitId, body.businessId).then((b) => !!b) : undefined,
  ]);
  const decision = decideCaseOpening({
    opener,
    kind: def.kind,
    requestedTeamId: body.teamId,
    teamUnitId,
    ...(body.businessId ? { business: { id: body.businessId, found: !!businessFound } } : {}),
  });
  if ('refusal' in decision) throw new AppError(decision.refusal.code, decision.refusal.message, undefined, decision.refusal.issue ? [decision.refusal.issue] : undefined);
  const { teamId } = decision;
  // The number is the request's: a retry of it (same user, key and body) joins the case its first attempt started.
  const { caseId, reused } = await caseIdForRequest(db, requestId, caseNumberScope(def.kind, opener.unitId, now));
  await startCaseReportingOutcome(deps.temporal, db, deps.taskQueue, {
    caseId,
    procedureId: def.id,
    version: def.version,
    definition: def,
    unitId: opener.unitId,
    teamId,
    title: body.title,
    businessId: body.businessId,
    startedBy: { userId: opener.id, roles: [...opener.roles] },
    join: reused,
  });
  return { caseId, procedure: { id: def.id, version: def.version } };
}
