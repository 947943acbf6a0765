/**
 * The read contract of inspection campaigns: what the API answers about a campaign's versions, its
 * schedule, a run's plan, its report and totals (camelCase; the repositories map their rows to these
 * shapes once). The web app's types are generated from the OpenAPI document these make
 * (docs/adr/0065).
 */
import { z } from '@hono/zod-openapi';
import { ZCampaignDefinitionFields } from '../../domain/campaign-schema.js';

// Copies made here (after @hono/zod-openapi has extended zod), whatever loaded the domain schema first.
const ZDefinition = ZCampaignDefinitionFields.extend({}).openapi('CampaignDefinition');
export const ZDraftBody = ZCampaignDefinitionFields.omit({ id: true, version: true }).openapi('CampaignDraft');

export const ZVersion = z
  .object({
    campaignId: z.string(),
    version: z.number().int(),
    unitId: z.string(),
    status: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'SUPERSEDED']),
    definition: ZDefinition,
    createdBy: z.string(),
    createdAt: z.string(),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    withdrawnBy: z.string().nullable().openapi({ description: 'Who last took the version back from the director’s desk to draft' }),
    withdrawnAt: z.string().nullable(),
  })
  .openapi('CampaignVersion');

export const ZEnded = z
  .object({
    at: z.string().openapi({ example: '2027-01-20T03:00:00.000Z' }),
    by: z.string().openapi({ example: 'chicuctruong.hai' }),
    note: z.string().openapi({ example: 'Hết đợt cao điểm Tết; kết thúc kế hoạch' }),
  })
  .openapi('CampaignEnd');

export const ZSchedule = z
  .object({
    scheduleId: z.string().openapi({ example: 'campaign/nb/atvstp-tet-2027' }),
    paused: z.boolean(),
    note: z.string().nullable(),
    overlapPolicy: z.string(),
    catchupWindowMs: z.number(),
    startAt: z.string().nullable(),
    endAt: z.string().nullable(),
    nextActionTimes: z.array(z.string()),
    recentActions: z.array(z.object({ scheduledAt: z.string(), takenAt: z.string(), workflowId: z.string() })),
  })
  .openapi('CampaignSchedule');

const ZFinding = z
  .object({
    code: z.enum(['OUTSIDE_PLAN_WINDOW', 'YEARLY_LIMIT_REACHED', 'OVERLAPS_OTHER_CAMPAIGN', 'CONFLICT_OF_INTEREST', 'NO_CAPACITY', 'NO_TARGETS']),
    severity: z.enum(['BLOCKING', 'REPORT']).openapi({ description: 'BLOCKING without a business stops the run; with one, that business is left out' }),
    businessId: z.string().optional(),
    message: z.string().openapi({ description: 'In Vietnamese, dates as dd/mm/yyyy' }),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .openapi({ description: 'The values the message is made of (dates as ISO), for a reader in another language; absent from plans recorded before they were kept' }),
  })
  .openapi('CampaignFinding');

export const ZPlan = z
  .object({
    runDate: z.string(),
    dueDate: z.string(),
    movedBecause: z.string().optional().openapi({ description: 'Why the run moved off its due date (a holiday, a weekend)' }),
    selected: z.array(z.object({ businessId: z.string(), taxCode: z.string(), name: z.string(), score: z.number(), reasons: z.array(z.string()), rank: z.number().int() })),
    assignments: z.array(z.object({ businessId: z.string(), teamId: z.string(), assigneeId: z.string(), rank: z.number().int() })),
    excluded: z.array(z.object({ businessId: z.string(), name: z.string().optional(), taxCode: z.string().optional(), reason: z.string() })),
    findings: z.array(ZFinding),
    canStart: z.boolean(),
  })
  .openapi('CampaignRunPlan');

export const ZTotals = z
  .object({
    planned: z.number().int(),
    started: z.number().int(),
    done: z.number().int(),
    abandoned: z.number().int().openapi({ description: 'Cases whose workflow was closed without the procedure’s end (terminated or cancelled by hand in Temporal, timed out, failed)' }),
    violations: z.number().int(),
    overdue: z.number().int(),
    fineDecided: z.number(),
    finePaid: z.number(),
  })
  .openapi('CampaignTotals');

const ZRunStatus = z.enum(['PLANNED', 'WAITING', 'STARTED', 'BLOCKED', 'COMPLETED']);
export const ZRunSummary = z
  .object({
    period: z.string(),
    version: z.number().int(),
    status: ZRunStatus,
    scheduledAt: z.string(),
    dueDate: z.string(),
    runDate: z.string(),
    movedBecause: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    totals: ZTotals,
  })
  .openapi('CampaignRun');
const ZLine = z
  .object({
    period: z.string(),
    rank: z.number().int(),
    businessId: z.string(),
    taxCode: z.string(),
    businessName: z.string(),
    teamId: z.string(),
    assigneeId: z.string(),
    caseId: z.string(),
    status: z.string().openapi({
      description:
        'OPEN, CLOSED, NOT_STARTED (the run has not opened it yet), BLOCKED (the run was blocked before opening it: no case will be opened), or how Temporal closed a case closed by hand: TERMINATED, CANCELED, TIMED_OUT, FAILED',
    }),
    overdue: z.boolean(),
    violation: z.boolean(),
    fineDecided: z.number(),
    finePaid: z.number(),
  })
  .openapi('CampaignReportLine');
// A flat object, not an allOf over CampaignRun: a component used on its own is closed (no
// undeclared properties), and an allOf member that is closed refuses its siblings' properties.
export const ZRunReport = z.object({ ...ZRunSummary.shape, findings: z.array(ZFinding), lines: z.array(ZLine) }).openapi('CampaignRunReport');
