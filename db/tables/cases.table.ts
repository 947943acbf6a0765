import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TDeadlineState, TEscalation, TEscalationReason } from '../../domain/engine.js';
import type { TCaseProjection } from '../../domain/projection.js';
import type { TProcedureDefinition } from '../../domain/procedure.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

/**
 * A procedure and its owner: national (null, edited by NATIONAL_ADMIN) or the unit whose own
 * procedure it is (a variant of a national one; its id starts with `<unit id>.`). docs/adr/0040.
 */
export interface ProcedureTable {
  procedure_id: string;
  owner_unit_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

/** A published (immutable), draft or retired version of a procedure definition. */
export interface ProcedureVersionTable {
  procedure_id: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  kind: string;
  title_vi: string;
  /** Parsed by `ZProcedureDefinition` (domain/procedure-schema.ts) before it is stored. */
  definition: ColumnType<TProcedureDefinition, string, string>;
  created_by: string;
  created_at: Generated<Date>;
  published_by: string | null;
  published_at: Timestamp | null;
  retired_by: string | null;
  retired_at: Timestamp | null;
  /** A unit's version: the national version it varies (`definition.variantOf`), checked when published. */
  variant_of_id: Generated<string | null>;
  variant_of_version: Generated<number | null>;
}

/** One case (hồ sơ vụ việc) as last projected from its workflow. */
export interface CaseFileTable {
  case_id: string;
  kind: string;
  procedure_id: string;
  procedure_version: number;
  status: 'OPEN' | 'CLOSED';
  overdue: boolean;
  unit_id: string;
  team_id: string;
  title: string;
  /** What the case search matches, folded (domain/projection.ts `caseSearchText`). */
  search_text: ColumnType<string, string | undefined, string>;
  /**
   * What the case search matches: `search_text` and its business's `search_text` (docs/adr/0170),
   * written by the projection and rewritten when the business changes.
   */
  search_doc: ColumnType<string, string | undefined, string>;
  parent_case_id: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  close_outcome: string | null;
  current_steps: ColumnType<string[], string[], string[]>;
  next_deadline_at: Timestamp | null;
  state_seq: number;
  snapshot: ColumnType<TCaseProjection['snapshot'], string, string>;
  updated_at: Generated<Date>;
  /** The business the case is about, if any (registry id). */
  business_id: string | null;
  campaign_id: Generated<string | null>;
  campaign_period: Generated<string | null>;
  /**
   * How Temporal closed the case's workflow when it was closed without the procedure's end
   * (`TERMINATED`, `CANCELED`, `TIMED_OUT`, `FAILED`), and when; null otherwise. Set by the
   * reconciliation of campaign cases, cleared by any newer projection (a workflow reset runs again).
   */
  abandoned_status: Generated<TAbandonedStatus | null>;
  abandoned_at: Generated<Date | null>;
  /** Which derivation of the statistics' facts wrote its `stat_fact` rows (domain/statistics/facts.ts `FACTS_VERSION`; 0: none yet). */
  facts_version: Generated<number>;
}

/**
 * The public lookup code of a penalty case (mã tra cứu, docs/adr/0120) and a salted SHA-256 of the
 * party's normalised identifier (null while none is known: then no lookup matches).
 */
export interface CaseLookupTable {
  case_id: string;
  code: string;
  identifier_salt: string;
  identifier_hash: string | null;
  created_at: Generated<Date>;
}

/** How a case's workflow was closed without the procedure's end (Temporal's execution status). */
export type TAbandonedStatus = 'TERMINATED' | 'CANCELED' | 'TIMED_OUT' | 'FAILED';

/** An open step: a task in the inbox of its roles and team. */
export interface CaseTaskTable {
  case_id: string;
  step_id: string;
  title: string;
  roles: ColumnType<string[], string[], string[]>;
  team_id: string;
  /** Its case's unit (the unit-wide inbox's index). */
  unit_id: string;
  assignee_id: string | null;
  opened_at: Timestamp;
  due_at: Timestamp | null;
  overdue: boolean;
  paused: boolean;
  deadline: ColumnType<TDeadlineState | null, string | null, string | null>;
}

/** A warning or escalation raised by a deadline ladder or by hand: the supervisors' queue. */
export interface CaseEscalationTable {
  id: string;
  case_id: string;
  step_id: string;
  kind: TEscalation['kind'];
  to_role: string;
  team_id: string;
  /** The reason as a sentence (the ladder's in English; people's in their own words). */
  reason: string;
  /** The reason as data (`TEscalation.reasonCode`); null in rows written before it: read them with `escalationReason`. */
  reason_code: TEscalationReason['code'] | null;
  reason_params: ColumnType<TEscalationReason['params'] | null, string | null, string | null>;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
  /** Who marked it handled (RESOLVE_ESCALATION) and their note; null when nobody did. */
  resolved_by: Generated<string | null>;
  resolution_note: Generated<string | null>;
  /** The later rung of the step's ladder that took its place in the queue (or the escalation handled with it). */
  superseded_by: Generated<string | null>;
}

/** The hash-chained audit log, one row per state change of a case. */
export interface AuditEventTable {
  case_id: string;
  seq: number;
  at: Timestamp;
  actor_id: string;
  actor_role: string;
  action: string;
  step_id: string | null;
  detail: Json;
  legal_basis: string | null;
  prev_hash: string;
  hash: string;
}

export type CaseFileRow = Selectable<CaseFileTable>;

/**
 * What an officer's action needs of its case before the Update (who may see it; its unit and
 * procedure for the form's checks): read with the Idempotency-Key's claim (docs/adr/0172). Not the
 * snapshot, the case's largest value, which the action never reads there.
 */
export const ACTED_CASE_COLUMNS = ['case_id', 'unit_id', 'team_id', 'procedure_id', 'procedure_version'] as const;
export type TActedCase = Pick<CaseFileRow, (typeof ACTED_CASE_COLUMNS)[number]>;

export type CaseTaskRow = Selectable<CaseTaskTable>;
