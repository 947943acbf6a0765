/**
 * What waits for the signed-in user's decision, for their inbox: campaign versions submitted for
 * approval (to those who approve campaigns, CAMPAIGN_APPROVERS) and role changes another admin asked
 * for (to the unit's other admins: four eyes, never the one who asked nor the one concerned). Both
 * are decided on their own pages; the inbox only points there.
 */
import type { z } from '@hono/zod-openapi';
import { CAMPAIGN_APPROVERS } from '../../domain/roles.js';
import type { Db } from '../../db/database.js';
import { listCampaignVersions } from '../../db/repositories/campaigns.js';
import { listRoleRequests } from '../../db/repositories/people.js';
import type { TUser } from '../../db/repositories/people.js';
import type { ZPendingApproval } from '../views/case.js';

type TPendingApproval = z.infer<typeof ZPendingApproval>;

export async function pendingApprovals(db: Db, user: TUser): Promise<TPendingApproval[]> {
  const out: TPendingApproval[] = [];
  if (user.roles.some((r) => (CAMPAIGN_APPROVERS as readonly string[]).includes(r))) {
    for (const v of await listCampaignVersions(db, user.unitId)) {
      if (v.status !== 'SUBMITTED') continue;
      out.push({
        kind: 'CAMPAIGN_VERSION',
        id: `${v.campaignId}@${v.version}`,
        title: v.definition.title,
        requestedBy: v.submittedBy ?? v.createdBy,
        requestedAt: v.submittedAt ?? v.createdAt,
        link: `/campaigns/${encodeURIComponent(v.campaignId)}/versions/${v.version}`,
      });
    }
  }
  if (user.roles.includes('ADMIN')) {
    for (const r of await listRoleRequests(db, user.unitId, { status: 'PENDING', limit: 100 })) {
      if (r.requestedBy === user.id || r.userId === user.id || r.expiresAt.getTime() <= Date.now()) continue;
      out.push({ kind: 'ROLE_REQUEST', id: r.id, title: r.userId, requestedBy: r.requestedBy, requestedAt: r.requestedAt.toISOString(), link: '/admin/people' });
    }
  }
  return out.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}
