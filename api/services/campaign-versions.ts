/**
 * The lifecycle of campaign versions, carried out: each change reads what it needs (under the
 * campaign's lock where two directors or schedulers may race), asks the pure rules of
 * domain/campaign.ts whether it may happen, and writes it. A refusal is a `CampaignError`.
 */
import { decidedStatus, decisionRefusal, draftRefusal, endRefusal, submitRefusal, withdrawRefusal, type TCampaignDefinition, type TCampaignEnd } from '../../domain/campaign.js';
import type { Db } from '../../db/database.js';
import { insertNotifications } from '../../db/repositories/notifications.js';
import { approvalNotice } from '../../domain/notifications.js';
import { CAMPAIGN_APPROVERS } from '../../domain/roles.js';
import {
  campaignEnd,
  campaignIdFacts,
  getCampaignVersion,
  insertCampaignEnd,
  lockCampaign,
  markCampaignDecided,
  markCampaignSubmitted,
  markCampaignWithdrawn,
  supersedeApprovedCampaign,
  upsertCampaignDraft,
  type TCampaignVersion,
} from '../../db/repositories/campaigns.js';

const refuse = (refusal: Error | undefined): void => {
  if (refusal) throw refusal;
};

/** Saves a draft (new, or replacing a draft); approved or submitted versions never change. */
export async function saveCampaignDraft(db: Db, unitId: string, def: TCampaignDefinition, by: string): Promise<TCampaignVersion> {
  const end = await campaignEnd(db, unitId, def.id);
  refuse(draftRefusal({ unitId, campaignId: def.id, version: def.version, end, ...(await campaignIdFacts(db, def.id, def.version)) }));
  return upsertCampaignDraft(db, unitId, def, by);
}

/** Submits a draft for the director's approval, and tells those who approve campaigns in the unit (in the same transaction). */
export async function submitCampaign(db: Db, unitId: string, campaignId: string, version: number, by: string): Promise<TCampaignVersion> {
  return db.transaction().execute(async (trx) => {
    await lockCampaign(trx, unitId, campaignId);
    const v = await getCampaignVersion(trx, unitId, campaignId, version);
    refuse(submitRefusal(campaignId, version, v, v && (await campaignEnd(trx, unitId, campaignId))));
    const submitted = await markCampaignSubmitted(trx, unitId, campaignId, version, by);
    if (submitted.submittedAt && submitted.submittedBy) {
      const notice = approvalNotice({ campaignId, version, title: submitted.definition.title, submittedBy: submitted.submittedBy, submittedAt: submitted.submittedAt }, CAMPAIGN_APPROVERS);
      await insertNotifications(trx, { unitId, teamId: null }, [notice]);
    }
    return submitted;
  });
}

/**
 * Takes a submitted version back from the director's desk to draft (any scheduler of the unit,
 * before the director decides): it may change again and is submitted anew. Who withdrew it is
 * kept on the version (and the request in the audit); whoever drafted it still may not approve it.
 */
export async function withdrawCampaign(db: Db, unitId: string, campaignId: string, version: number, by: string): Promise<TCampaignVersion> {
  return db.transaction().execute(async (trx) => {
    await lockCampaign(trx, unitId, campaignId);
    const v = await getCampaignVersion(trx, unitId, campaignId, version);
    refuse(withdrawRefusal(campaignId, version, v, v && (await campaignEnd(trx, unitId, campaignId))));
    return markCampaignWithdrawn(trx, unitId, campaignId, version, by);
  });
}

/**
 * Ends a campaign (the director): records who, when and why, and runs `onEnded` inside the
 * transaction (the campaign's schedule is deleted there), so a campaign is never ended with its
 * schedule still running, nor its schedule gone without the end recorded — unless the commit
 * itself fails after the deletion, in which case ending it again finishes the job. Cases already
 * opened by its runs go on.
 */
export async function endCampaign(db: Db, unitId: string, campaignId: string, by: string, note: string, onEnded: () => Promise<void>): Promise<TCampaignEnd> {
  return db.transaction().execute(async (trx) => {
    const versions = await lockCampaign(trx, unitId, campaignId);
    refuse(endRefusal(campaignId, versions, versions ? await campaignEnd(trx, unitId, campaignId) : undefined));
    const end = await insertCampaignEnd(trx, unitId, campaignId, by, note);
    await onEnded();
    return end;
  });
}

/**
 * The director's decision on a submitted version. Approving supersedes the version approved before
 * (the schedule then runs the new one). Whoever drafted or submitted a version may not approve it.
 */
export async function decideCampaign(
  db: Db,
  unitId: string,
  campaignId: string,
  version: number,
  by: string,
  decision: { approve: boolean; note?: string | undefined },
  /**
   * Runs inside the transaction once the version is approved, before it commits (the campaign's
   * schedule is created or updated here): if it fails, the approval does not happen either.
   */
  onApproved?: (approved: TCampaignVersion) => Promise<void>,
): Promise<{ decided: TCampaignVersion; superseded?: number }> {
  return db.transaction().execute(async (trx) => {
    await lockCampaign(trx, unitId, campaignId);
    const v = await getCampaignVersion(trx, unitId, campaignId, version);
    refuse(decisionRefusal(campaignId, version, v, by, decision.approve, v && (await campaignEnd(trx, unitId, campaignId))));
    const superseded = decision.approve ? await supersedeApprovedCampaign(trx, campaignId) : undefined;
    const decided = await markCampaignDecided(trx, unitId, campaignId, version, decidedStatus(decision.approve), by, decision.note ?? null);
    if (decision.approve && onApproved) await onApproved(decided);
    return { decided, ...(superseded !== undefined ? { superseded } : {}) };
  });
}
