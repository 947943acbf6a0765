/** Who reads campaigns (api/routes/campaigns.ts CAMPAIGN_READERS), drafts them, approves them, operates the schedule: what the pages show. */
export const CAMPAIGN_READERS = ['SCHEDULER', 'DIRECTOR', 'LEADER_VIEWER'] as const;
export const CAMPAIGN_PLANNERS = ['SCHEDULER'] as const;
export const CAMPAIGN_APPROVERS = ['DIRECTOR'] as const;
export const CAMPAIGN_OPERATORS = ['SCHEDULER', 'DIRECTOR'] as const;
