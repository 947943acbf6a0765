/**
 * The zod schema of a campaign definition (domain/campaign.ts): what a scheduler's draft must be.
 * Apart from campaign.ts because the workflow bundle imports that module (the campaign run's
 * rules), and builds nothing it does not use: every workflow evaluates its modules again at start
 * (ADR 0178; test/workflow-bundle.test.ts).
 */
import { z } from 'zod';
import { ZIsoDate } from './calendar-schema.js';
import { isValidDate } from './calendar.js';
import { CAMPAIGN_TIME_ZONE, ROUTINE_PLAN_BASIS } from './campaign.js';
import { ruleParams } from './validation-issues.js';

// Starts with a letter: campaign case ids (inspection/<unit>/<campaign>/…) never look like numbered ones (inspection/<unit>/<year>/…).
const SLUG = /^[a-z][a-z0-9-]{1,59}$/;
// A refinement, not `.regex()`, so that the issue names its rule; the document still states the pattern.
const ZSlug = z
  .string()
  .refine((s) => SLUG.test(s), { message: 'must be 2–60 lower-case letters, digits or -, starting with a letter', params: ruleParams('slug') })
  .meta({ pattern: SLUG.source });

/** When runs are due: a Temporal Schedule calendar (Vietnam time) or a fixed interval. */
const ZCadence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('CALENDAR'),
    /** Days of the month (1–31); empty: every day allowed by the other fields. */
    daysOfMonth: z.array(z.number().int().min(1).max(31)).max(31).default([]),
    /** Months (1–12); empty: every month. */
    months: z.array(z.number().int().min(1).max(12)).max(12).default([]),
    /** Days of the week (0 = Sunday … 6 = Saturday); empty: any. */
    daysOfWeek: z.array(z.number().int().min(0).max(6)).max(7).default([]),
    hour: z.number().int().min(0).max(23).default(8),
    minute: z.number().int().min(0).max(59).default(0),
  }),
  z.object({
    kind: z.literal('INTERVAL'),
    every: z.object({ amount: z.number().int().min(1).max(10_000), unit: z.enum(['seconds', 'minutes', 'hours', 'days']) }),
  }),
]);
export type TCadence = z.infer<typeof ZCadence>;

/** Which businesses a run considers, and what makes one more urgent than another. */
const ZTargetRules = z.object({
  sectors: z.array(z.string().min(1)).max(50).default([]),
  productGroups: z.array(z.string().min(1)).max(50).default([]),
  /** Communes/wards (post-2025 second-level units), by name or code; empty: the whole unit. */
  areas: z.array(z.string().min(1)).max(500).default([]),
  marketIds: z.array(z.string().min(1)).max(100).default([]),
  /** Only businesses whose risk score reaches this. */
  minRiskScore: z.number().min(0).default(0),
  /** Only businesses not inspected for at least this many months (never inspected always qualify). */
  minMonthsSinceLastInspection: z.number().int().min(0).max(120).default(0),
  /** Only businesses with at least one open tip. */
  withOpenTipsOnly: z.boolean().default(false),
});
export type TTargetRules = z.infer<typeof ZTargetRules>;

const ZOverlapPolicy = z.enum(['SKIP', 'BUFFER_ONE', 'BUFFER_ALL', 'CANCEL_OTHER', 'TERMINATE_OTHER', 'ALLOW_ALL']);

/** The fields of a campaign definition, without the cross-field rules (for API request schemas). */
export const ZCampaignDefinitionFields = z.object({
  id: ZSlug,
  version: z.number().int().min(1).max(10_000),
  kind: z.enum(['ROUTINE', 'THEMED']),
  title: z.string().min(1).max(300),
  theme: z.string().min(1).max(300),
  legalBasis: z.string().min(1).max(1000),
  planWindow: z.object({ from: ZIsoDate, to: ZIsoDate }),
  cadence: ZCadence,
  timeZone: z.literal(CAMPAIGN_TIME_ZONE).default(CAMPAIGN_TIME_ZONE),
  /** A run due on a day off moves to the next working day (the default), or runs anyway. */
  holidayPolicy: z.enum(['NEXT_WORKING_DAY', 'RUN_ANYWAY']).default('NEXT_WORKING_DAY'),
  overlapPolicy: ZOverlapPolicy.default('SKIP'),
  targets: ZTargetRules,
  quota: z.object({ perRun: z.number().int().min(1).max(500), perTeam: z.number().int().min(1).max(500) }),
  teamIds: z.array(z.string().min(1)).min(1).max(50),
  /** The inspection procedure version every case of the campaign starts on. */
  // Procedure versions are PostgreSQL integers (the admin API caps them at 100 000 too).
  procedure: z.object({ id: z.string().min(1).max(40), version: z.number().int().min(1).max(100_000) }),
  guardrails: z.object({ maxPlannedPerBusinessPerYear: z.number().int().min(1).max(12).default(1) }).default({ maxPlannedPerBusinessPerYear: 1 }),
});

export const ZCampaignDefinition = ZCampaignDefinitionFields.superRefine((d, ctx) => {
  const { from, to } = d.planWindow;
  if (isValidDate(from) && isValidDate(to) && from > to)
    ctx.addIssue({ code: 'custom', path: ['planWindow', 'to'], message: 'must not be before planWindow.from', params: ruleParams('order', { first: 'planWindow.from', second: 'planWindow.to' }) });
  if (d.kind === 'ROUTINE' && isValidDate(from) && isValidDate(to)) {
    const year = from.slice(0, 4);
    if (to.slice(0, 4) !== year || to > `${year}-11-15`) {
      ctx.addIssue({ code: 'custom', path: ['planWindow'], message: `a routine plan lies within 01/01–15/11 of one year (${ROUTINE_PLAN_BASIS})`, params: ruleParams('routineWindow') });
    }
  }
  if (d.quota.perTeam * d.teamIds.length < d.quota.perRun) {
    const n = d.quota.perTeam * d.teamIds.length;
    ctx.addIssue({ code: 'custom', path: ['quota', 'perRun'], message: `cannot exceed quota.perTeam × number of teams (${n})`, params: ruleParams('perRunMax', { n }) });
  }
  const repeated = d.teamIds.find((t, i) => d.teamIds.indexOf(t) !== i);
  if (repeated !== undefined) ctx.addIssue({ code: 'custom', path: ['teamIds'], message: 'must not repeat a team', params: ruleParams('repeated', { value: repeated }) });
});
export type TCampaignDefinition = z.infer<typeof ZCampaignDefinition>;
