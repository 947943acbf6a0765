/**
 * The API's shapes by the names the web app uses. Every one is taken from the generated
 * `schema.gen.ts` (`npm run gen:api`, from /api/openapi.json), so a change to a view schema in
 * api/ reaches the pages as a type error, never as a silent drift (docs/adr/0065). The procedure
 * definition is the domain's own type (domain/procedure.ts): the API sends it as it is stored.
 */
import type { components, paths } from './schema.gen.js';

/** A component schema of the OpenAPI document by name. */
type TSchema<K extends keyof components['schemas']> = components['schemas'][K];

/** One field's problem in a refusal's `details`: the rule and its params to word it from (docs/adr/0066). */
export type TValidationIssue = TSchema<'ValidationIssue'>;
export type TIssueRule = TSchema<'IssueRule'>;

export type TUser = TSchema<'User'>;
export type TColleague = TSchema<'Colleague'>;
export type TTeam = TSchema<'Team'>;
export type TFileRef = TSchema<'FileRef'>;
/** `GET /api/v1/cases/{caseId}/steps/{stepId}/prefill`: a step's defaults and where each came from (docs/adr/0116). */
export type TStepPrefill = TSchema<'StepPrefill'>;
export type TTipReporter = TSchema<'TipReporter'>;
export type TAuditEvent = TSchema<'AuditEvent'>;
export type TProcedureVersion = TSchema<'ProcedureVersionSummary'>;
/** A problem `POST /api/v1/procedures/validate` finds, at its path. */
export type TDefinitionIssue = TSchema<'DefinitionIssue'>;
/** What migrating a running case to another version would do (domain/migration.ts). */
export type TMigrationPlan = TSchema<'MigrationPlan'>;
/** `GET /api/v1/procedures/{procedureId}/diff`. */
export type TDiff = paths['/api/v1/procedures/{procedureId}/diff']['get']['responses'][200]['content']['application/json'];
/** A day of the legal calendar (`GET /api/v1/calendar/days`). */
export type TCalendarDayRow = TSchema<'CalendarDay'>;
/** A page of the unit's public site with its draft and published versions (`GET /api/v1/site/pages`, docs/adr/0137). */
export type TSitePage = TSchema<'SitePage'>;
export type TUnitAgency = TSchema<'UnitAgency'>;
/** A legal parameter as the API sends it (`GET /api/v1/legal-parameters`). */
export type TLegalParameter = TSchema<'LegalParameter'>;
/** A violation of the catalogue as the API sends it (`GET /api/v1/violations`). */
export type TViolationRow = TSchema<'Violation'>;
/** A user of the unit as the admin's people page reads them (`GET /api/v1/users`). */
export type TStaffUser = TSchema<'StaffUser'>;
export type TDelegation = TSchema<'Delegation'>;
/** `POST /api/v1/fines/quote`: the bracket and the proposed amount, with their basis. */
export type TFineQuote = TSchema<'FineQuote'>;

type TCaseOut = TSchema<'Case'>;
/** A case; its open steps' deadlines carry the domain's explanation type (see `TDeadline`). */
export type TCase = Omit<TCaseOut, 'snapshot'> & { snapshot: Omit<TCaseOut['snapshot'], 'open'> & { open: TOpenStep[] } };
/** `GET /api/v1/cases/{caseId}`: the case, its open steps and its escalations. */
export type TCaseDetail = Omit<TSchema<'CaseDetail'>, 'case'> & { case: TCase };
export type TCaseEscalation = TSchema<'CaseEscalation'>;
/** Why an escalation was raised, as data: worded from these in the reader's language (never parsed from `reason`). */
export type TEscalationReason = Pick<TCaseEscalation, 'reasonCode' | 'reasonParams'>;
export type TInboxTask = TSchema<'InboxTask'>;
/** A decision waiting for me in my inbox (a campaign version, a role change). */
export type TPendingApproval = TSchema<'PendingApproval'>;
export type TCaseListItem = TSchema<'CaseListItem'>;
/** A paper INS issued for a case (or one of its sub-procedures' cases): numbered, frozen, perhaps signed (docs/documents.md). */
export type TCaseDocument = TSchema<'CaseDocument'>;
/** A paper an open step of the case issues when it completes: its draft can be previewed. */
export type TPaperToCome = TSchema<'CaseDocumentToCome'>;
/** A paper a completed step should have issued and INS could not (its template could not be filled): the case went on without it. */
export type TPaperNotIssued = TSchema<'CaseDocumentNotIssued'>;

/**
 * A step's running deadline. The API declares its explanation as any JSON (the calendar's record
 * of the count, `TComputedDeadline['explanation']` in domain/deadline.ts, which the web app may
 * not import): `TDeadlineExplanation` is what the deadline panel reads of it.
 */
export type TDeadline = Omit<TSchema<'DeadlineState'>, 'explanation'> & { explanation: TDeadlineExplanation };
/** A day skipped, or counted provisionally, with why. */
type TDayReason = { date: string; reason: string };
/** A due date counted across days the Government has not confirmed (domain/calendar.ts `TProvisional`). */
interface TProvisional {
  binds: 'AGENCY' | 'PARTY';
  treatedAs: 'WORKING' | 'OFF';
  days: TDayReason[];
  /** Years the count reached whose days off the calendar does not hold. */
  years?: number[];
  noteVi: string;
}
/** The deadline panel's reading of `TComputedDeadline['explanation']` (domain/deadline.ts). */
interface TDeadlineExplanation {
  /** A calendar count (`TDueDateExplanation`) or, for hours, its anchor and end. */
  base: {
    amount: number;
    unit: string;
    dueAt: string;
    legalBasis: string;
    anchorAt?: string;
    anchorDate?: string;
    countFrom?: string;
    due?: string;
    skipped?: TDayReason[];
    summaryVi?: string;
    provisional?: TProvisional;
  };
  extensions: { amount: number; unit: string; dueBefore: string; dueAfter: string }[];
  pauses: { from: string; to: string; daysAdded: number; dueAfter: string }[];
  provisional?: TProvisional;
  capped?: { capDue: string; uncappedDue: string; legalBasis: string };
  summaryVi: string;
}
type TSnapshotOpen = TCaseOut['snapshot']['open'][number];
/** An open step of the case's snapshot. */
export type TOpenStep = Omit<TSnapshotOpen, 'deadline'> & { deadline?: TDeadline };

/** The escalations queue and the supervision console (api/routes/escalations.ts, supervision.ts). */
export type TQueueItem = TSchema<'Escalation'>;
export type TEscalationKind = TQueueItem['kind'];
export type TActivity = TSchema<'Activity'>;
export type TWorkTask = TSchema<'WorkloadTask'>;

/** The registry (api/routes/businesses.ts). */
export type TBusiness = TSchema<'Business'>;
export type TPlace = TSchema<'TradePlace'>;
export type TImportReport = TSchema<'BusinessImportReport'>;

/** Campaigns (api/routes/campaigns.ts). */
export type TCampaignDefinition = TSchema<'CampaignDefinition'>;
export type TCampaignDraft = TSchema<'CampaignDraft'>;
export type TCampaignVersion = TSchema<'CampaignVersion'>;
export type TVersionStatus = TCampaignVersion['status'];
export type TCadence = TCampaignDefinition['cadence'];
export type TOverlapPolicy = TCampaignDefinition['overlapPolicy'];
export type TSchedule = TSchema<'CampaignSchedule'>;
export type TFinding = TSchema<'CampaignFinding'>;
export type TRunPlan = TSchema<'CampaignRunPlan'>;
export type TTotals = TSchema<'CampaignTotals'>;
type TRunSummary = TSchema<'CampaignRun'>;
export type TRunStatus = TRunSummary['status'];

/** The statistics (api/routes/statistics.ts): a report in the rows of the official table, its period, a case behind a figure, a lock. */
export type TStatReport = TSchema<'StatReport'>;
export type TStatLine = TSchema<'StatLine'>;
export type TStatCase = TSchema<'StatCase'>;
export type TStatLock = TSchema<'StatLock'>;
/** `GET /api/v1/statistics/dashboard`. */
export type TStatDashboard = paths['/api/v1/statistics/dashboard']['get']['responses'][200]['content']['application/json'];
/** `GET /api/v1/statistics/cases`: one page of the cases behind a figure. */
export type TStatCasesPage = paths['/api/v1/statistics/cases']['get']['responses'][200]['content']['application/json'];

/** The procedure definition as stored and sent (domain/procedure.ts). */
export type { TProcedureDefinition as TProcedure, TStep, TField } from '../../../../domain/procedure.js';
/** A row of the violation catalogue (`GET /api/v1/violations`; domain/violation-catalogue.ts). */
export type { TViolation } from '../../../../domain/violation-catalogue.js';
/** A legal parameter in force from a date (`GET /api/v1/legal-parameters`; domain/legal-params.ts). */
export type { TLegalParam } from '../../../../domain/legal-params.js';
/** A bulk action's report (`POST /api/v1/bulk-actions`, `GET /api/v1/bulk-actions/{id}`). */
export type TBulkReport = TSchema<'BulkActionReport'>;
