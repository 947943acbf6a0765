/**
 * The database type: one interface per table, assembled here (Kysely's `example/` layout).
 */
import type { BulkActionItemTable, BulkActionTable } from './tables/bulk-action.table.js';
import type { BusinessTable, TradePlaceTable } from './tables/businesses.table.js';
import type { CalendarDayTable, CalendarRevisionTable } from './tables/calendar-day.table.js';
import type { CaseEventLogTable, RequestAuditTable } from './tables/audit.table.js';
import type { CampaignEndTable, CampaignRunTable, CampaignVersionTable } from './tables/campaign.table.js';
import type { CanaryRunTable } from './tables/canary-run.table.js';
import type { CaseOpenRequestTable } from './tables/case-open-request.table.js';
import type { DocumentRegisterTable, DocumentTable, DocumentTemplateTable, UnitAgencyTable } from './tables/document.table.js';
import type { LegalParameterTable, ViolationTable } from './tables/legal.table.js';
import type {
  ApiTokenTable,
  AppUserTable,
  CaseCounterTable,
  EvidenceTable,
  EvidenceUploadTable,
  IdempotencyKeyTable,
  KnownDeviceTable,
  LoginThrottleTable,
  RateLimitTable,
  RoleChangeRequestTable,
  SanctionDelegationTable,
  TeamTable,
  UnitTable,
  UserSessionTable,
} from './tables/people.table.js';
import type { PaymentCallbackTable } from './tables/payment.table.js';
import type { DisclosureTable, SitePageTable, SitePageVersionTable } from './tables/public-site.table.js';
import type { PublicTipReporterTable, PublicTipTable, TipChallengeKeyTable, TipChallengeUseTable } from './tables/tip.table.js';
import type { PartyMessageTable, PartySubscriptionTable } from './tables/party-message.table.js';
import type { NotificationDigestTable, NotificationPreferenceTable, NotificationTable } from './tables/notification.table.js';
import type { StatDailyTable, StatFactTable, StatLockedFactTable, StatMatterTable, StatPeriodLockTable } from './tables/statistics.table.js';
import type { AuditEventTable, CaseEscalationTable, CaseFileTable, CaseLookupTable, CaseTaskTable, ProcedureTable, ProcedureVersionTable } from './tables/cases.table.js';

export interface Database {
  stat_fact: StatFactTable;
  stat_daily: StatDailyTable;
  stat_matter: StatMatterTable;
  stat_period_lock: StatPeriodLockTable;
  stat_locked_fact: StatLockedFactTable;
  document: DocumentTable;
  document_register: DocumentRegisterTable;
  unit_agency: UnitAgencyTable;
  document_template: DocumentTemplateTable;
  public_tip: PublicTipTable;
  public_tip_reporter: PublicTipReporterTable;
  tip_challenge_use: TipChallengeUseTable;
  tip_challenge_key: TipChallengeKeyTable;
  party_subscription: PartySubscriptionTable;
  party_message: PartyMessageTable;
  payment_callback: PaymentCallbackTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  notification_digest: NotificationDigestTable;
  canary_run: CanaryRunTable;
  calendar_day: CalendarDayTable;
  calendar_revision: CalendarRevisionTable;
  procedure: ProcedureTable;
  procedure_version: ProcedureVersionTable;
  case_file: CaseFileTable;
  case_lookup: CaseLookupTable;
  disclosure: DisclosureTable;
  site_page: SitePageTable;
  site_page_version: SitePageVersionTable;
  case_task: CaseTaskTable;
  case_escalation: CaseEscalationTable;
  audit_event: AuditEventTable;
  legal_parameter: LegalParameterTable;
  violation: ViolationTable;
  unit: UnitTable;
  team: TeamTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  login_throttle: LoginThrottleTable;
  known_device: KnownDeviceTable;
  case_counter: CaseCounterTable;
  case_open_request: CaseOpenRequestTable;
  idempotency_key: IdempotencyKeyTable;
  rate_limit: RateLimitTable;
  evidence: EvidenceTable;
  evidence_upload: EvidenceUploadTable;
  api_token: ApiTokenTable;
  role_change_request: RoleChangeRequestTable;
  sanction_delegation: SanctionDelegationTable;
  case_event_log: CaseEventLogTable;
  request_audit: RequestAuditTable;
  campaign_version: CampaignVersionTable;
  campaign_run: CampaignRunTable;
  campaign_end: CampaignEndTable;
  business: BusinessTable;
  trade_place: TradePlaceTable;
  bulk_action: BulkActionTable;
  bulk_action_item: BulkActionItemTable;
}
