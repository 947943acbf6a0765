import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

/** A version of a campaign (kế hoạch kiểm tra): DRAFT → SUBMITTED → APPROVED (or REJECTED) → SUPERSEDED. */
export interface CampaignVersionTable {
  campaign_id: string;
  version: number;
  unit_id: string;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';
  definition: Json;
  created_by: string;
  created_at: Generated<Date>;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  /** The last withdrawal of this version from the director's desk back to draft. */
  withdrawn_by: string | null;
  withdrawn_at: Timestamp | null;
}

/** One run of a campaign, per period: its plan and its state. */
export interface CampaignRunTable {
  campaign_id: string;
  period: string;
  version: number;
  unit_id: string;
  workflow_id: string;
  scheduled_at: Timestamp;
  due_date: ColumnType<string, string, string>;
  run_date: ColumnType<string, string, string>;
  moved_because: string | null;
  status: 'PLANNED' | 'WAITING' | 'STARTED' | 'BLOCKED' | 'COMPLETED';
  plan: Json;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
}

/** The end of a campaign (kết thúc / hủy kế hoạch) by the director; the campaign is read-only after it. */
export interface CampaignEndTable {
  campaign_id: string;
  unit_id: string;
  ended_by: string;
  ended_at: Generated<Date>;
  note: string;
}
