/** What the scheduler pages read from the campaigns API (see /api/openapi.json, tag `campaigns`). */

export type TCampaignKind = 'ROUTINE' | 'THEMED';
export type TVersionStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';
export type TRunStatus = 'PLANNED' | 'WAITING' | 'STARTED' | 'BLOCKED' | 'COMPLETED';
export type TOverlapPolicy = 'SKIP' | 'BUFFER_ONE' | 'BUFFER_ALL' | 'CANCEL_OTHER' | 'TERMINATE_OTHER' | 'ALLOW_ALL';

export type TCadence =
  | { kind: 'CALENDAR'; daysOfMonth: number[]; months: number[]; daysOfWeek: number[]; hour: number; minute: number }
  | { kind: 'INTERVAL'; every: { amount: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' } };

export interface TTargetRules {
  sectors: string[];
  productGroups: string[];
  areas: string[];
  marketIds: string[];
  minRiskScore: number;
  minMonthsSinceLastInspection: number;
  withOpenTipsOnly: boolean;
}

/** A campaign definition as the API stores it (`CampaignDefinition`). */
export interface TCampaignDefinition {
  id: string;
  version: number;
  kind: TCampaignKind;
  title: string;
  theme: string;
  legalBasis: string;
  planWindow: { from: string; to: string };
  cadence: TCadence;
  timeZone: string;
  holidayPolicy: 'NEXT_WORKING_DAY' | 'RUN_ANYWAY';
  overlapPolicy: TOverlapPolicy;
  targets: TTargetRules;
  quota: { perRun: number; perTeam: number };
  teamIds: string[];
  procedure: { id: string; version: number };
  guardrails: { maxPlannedPerBusinessPerYear: number };
}

/** The body of a draft (`CampaignDraft`): the definition without its id and version. */
export type TCampaignDraft = Omit<TCampaignDefinition, 'id' | 'version'>;

export interface TCampaignListItem {
  campaignId: string;
  title: string;
  kind: TCampaignKind;
  planWindow: { from: string; to: string };
  latestVersion: number;
  latestStatus: TVersionStatus;
  approvedVersion: number | null;
  /** When the director ended the campaign (null while it runs). */
  endedAt: string | null;
}

export interface TCampaignEnd {
  at: string;
  by: string;
  note: string;
}

export interface TCampaignVersion {
  campaignId: string;
  version: number;
  unitId: string;
  status: TVersionStatus;
  definition: TCampaignDefinition;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** Who last took it back from the director's desk to draft. */
  withdrawnBy: string | null;
  withdrawnAt: string | null;
}

export interface TSchedule {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  overlapPolicy: string;
  catchupWindowMs: number;
  startAt: string | null;
  endAt: string | null;
  nextActionTimes: string[];
  recentActions: { scheduledAt: string; takenAt: string; workflowId: string }[];
}

export interface TCampaign {
  campaignId: string;
  approvedVersion: number | null;
  versions: TCampaignVersion[];
  schedule: TSchedule | null;
  ended: TCampaignEnd | null;
}

export interface TFinding {
  code: 'OUTSIDE_PLAN_WINDOW' | 'YEARLY_LIMIT_REACHED' | 'OVERLAPS_OTHER_CAMPAIGN' | 'CONFLICT_OF_INTEREST' | 'NO_CAPACITY' | 'NO_TARGETS';
  severity: 'BLOCKING' | 'REPORT';
  businessId?: string;
  message: string;
}

export interface TRunPlan {
  runDate: string;
  dueDate: string;
  movedBecause?: string;
  selected: { businessId: string; taxCode: string; name: string; score: number; reasons: string[]; rank: number }[];
  assignments: { businessId: string; teamId: string; assigneeId: string; rank: number }[];
  excluded: { businessId: string; name?: string; taxCode?: string; reason: string }[];
  findings: TFinding[];
  canStart: boolean;
}

export interface TDryRun {
  campaignId: string;
  version: number;
  period: string;
  scheduledAt: string;
  scheduledAtSource: 'REQUEST' | 'SCHEDULE' | 'NOW';
  alreadyRan: boolean;
  plan: TRunPlan;
}

export interface TTotals {
  planned: number;
  started: number;
  done: number;
  violations: number;
  overdue: number;
  fineDecided: number;
  finePaid: number;
  /** Cases ended by hand in Temporal (terminated, cancelled…), reconciled by the worker; absent from older servers. */
  abandoned?: number;
}

export interface TRunSummary {
  period: string;
  version: number;
  status: TRunStatus;
  scheduledAt: string;
  dueDate: string;
  runDate: string;
  movedBecause: string | null;
  startedAt: string;
  finishedAt: string | null;
  totals: TTotals;
}

export interface TReportLine {
  period: string;
  rank: number;
  businessId: string;
  taxCode: string;
  businessName: string;
  teamId: string;
  assigneeId: string;
  caseId: string;
  status: string;
  overdue: boolean;
  violation: boolean;
  fineDecided: number;
  finePaid: number;
}

export interface TRunReport extends TRunSummary {
  findings: TFinding[];
  lines: TReportLine[];
}

export interface TCampaignReport {
  campaignId: string;
  totals: TTotals;
  runs: TRunReport[];
}

export interface TRunPage {
  workflowId: string;
  run: TRunReport;
  plan: TRunPlan;
}
