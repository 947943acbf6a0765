/** What the web app reads from the API (see /api/openapi.json). */
export interface TText {
  vi: string;
  en: string;
}

export interface TUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string;
  teamId: string | null;
}

export interface TColleague {
  id: string;
  displayName: string;
  roles: string[];
  teamId: string | null;
  active: boolean;
}

export type TFieldType = 'text' | 'number' | 'money' | 'date' | 'enum' | 'boolean' | 'file' | 'group' | 'violation';

export interface TField {
  key: string;
  type: TFieldType;
  label: TText;
  required?: boolean;
  help?: TText;
  sensitive?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  multiline?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
  notInFuture?: boolean;
  options?: { value: string; label: TText }[];
  minFiles?: number;
  maxFiles?: number;
  accept?: string[];
  fields?: TField[];
  minItems?: number;
  maxItems?: number;
  /** For a `violation` field: the form's offender field and the date whose catalogue row applies. */
  subjectField?: string;
  dateField?: string;
}

export interface TOutcome {
  id: string;
  title: TText;
  next: string[];
  closesCase?: boolean;
  legalBasis?: string;
}

/**
 * A step as the API sends it. Its rules (`requires` on outcomes, `constraints`, `competence`,
 * `windows`) travel with it in the definition's own shape (domain/procedure.ts), which the form
 * evaluates with the server's own functions (domain/law-rules.ts).
 */
export interface TStep {
  id: string;
  title: TText;
  roles: string[];
  legalBasis?: string;
  form: { fields: TField[] };
  outcomes: TOutcome[];
  requiresEvidence?: boolean;
  subProcedure?: { procedureId: string; version?: number };
  deadline?: { legalBasis: string; hard?: boolean };
  extension?: { grantRoles: string[]; maxCount: number; maxAmount: number; unit: string; legalBasis: string };
  pause?: { roles: string[]; reasons: string[]; legalBasis: string };
}

export interface TProcedure {
  id: string;
  version: number;
  kind: string;
  title: TText;
  legalBasis?: string;
  /** A unit's own procedure: the national version it varies (docs/adr/0040). */
  variantOf?: { procedureId: string; version: number };
  events: { id: string; title: TText }[];
  start: string[];
  steps: TStep[];
}

export interface TFileRef {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

/** The calendar's explanation of a due date (domain/calendar.ts), or the one of an hours deadline. */
export interface TDueExplanation {
  anchorDate?: string;
  amount: number;
  unit: string;
  countFrom?: string;
  due?: string;
  dueAt: string;
  anchorAt?: string;
  skipped?: { date: string; reason: string }[];
  legalBasis: string;
  summaryVi?: string;
  provisional?: TProvisional;
}

/** A due date counted across days the Government has not confirmed (domain/calendar.ts). */
export interface TProvisional {
  binds: 'AGENCY' | 'PARTY';
  treatedAs: 'WORKING' | 'OFF';
  days: { date: string; reason: string }[];
  noteVi: string;
}

export interface TDeadline {
  amount: number;
  unit: string;
  legalBasis: string;
  hard: boolean;
  anchorAt: string;
  dueAt: string;
  due: string;
  explanation: {
    base: TDueExplanation;
    extensions: { amount: number; unit: string; dueBefore: string; dueAfter: string }[];
    pauses: { from: string; to: string; daysAdded: number; dueAfter: string }[];
    provisional?: TProvisional;
    capped?: { capDue: string; uncappedDue: string; legalBasis: string };
    summaryVi: string;
  };
  binds?: 'AGENCY' | 'PARTY';
  extensions: { amount: number; unit: string; reason: string; by: string; at: string }[];
  pauses: { from: string; to?: string; reason: string; by: string }[];
  breached: boolean;
}

export interface TOpenStep {
  stepId: string;
  openedAt: string;
  assigneeId?: string;
  deadline?: TDeadline;
  awaitingEvent?: string;
  childCaseId?: string;
  /** Further periods counted while the step is open (e.g. the 2 working days to ask for a hearing). */
  windows?: Record<string, { due: string; dueAt: string; legalBasis: string }>;
}

export interface TCompletedStep {
  stepId: string;
  outcome: string;
  data: Record<string, unknown>;
  evidence: TFileRef[];
  by: string;
  role: string;
  at: string;
  deadline?: { due: string; dueAt: string };
  windows?: Record<string, { due: string; dueAt: string }>;
}

/**
 * Why an escalation was raised, as data (the API's `EscalationReasonCode` and `EscalationReasonParams`):
 * worded from these in the reader's language; `reason` is the sentence, shown as written only for
 * people's own words.
 */
export interface TEscalationReason {
  reasonCode: 'TIME_SHARE_USED' | 'DEADLINE_PASSED' | 'HOURS_AFTER_DEADLINE' | 'EXTENSION_REQUESTED' | 'RAISED_BY_HAND';
  reasonParams: { percent?: number; hours?: number; amount?: number; unit?: string; text?: string };
}

export interface TEscalation extends TEscalationReason {
  id: string;
  stepId: string;
  kind: string;
  toRole: string;
  at: string;
  reason: string;
  resolvedAt?: string;
}

export interface TCaseFile {
  case_id: string;
  kind: string;
  procedure_id: string;
  procedure_version: number;
  status: 'OPEN' | 'CLOSED';
  overdue: boolean;
  unit_id: string;
  team_id: string;
  title: string;
  parent_case_id: string | null;
  opened_at: string;
  closed_at: string | null;
  close_outcome: string | null;
  current_steps: string[];
  state_seq: number;
  snapshot: {
    open: TOpenStep[];
    completed: TCompletedStep[];
    notes: { by: string; at: string; text: string }[];
    escalations: TEscalation[];
    parent?: { caseId: string; stepId: string };
    /** Facts the parent case handed down (a sub-procedure's case). */
    facts?: Record<string, string | number | boolean>;
  };
}

export interface TCaseResponse {
  case: TCaseFile;
  escalations: { id: string; step_id: string; kind: string; to_role: string; reason: string; created_at: string; resolved_at: string | null }[];
}

export interface TTask {
  case_id: string;
  step_id: string;
  title: string;
  roles: string[];
  team_id: string;
  assignee_id: string | null;
  opened_at: string;
  due_at: string | null;
  overdue: boolean;
  paused: boolean;
  case_title: string;
  kind: string;
  procedure_id: string;
  procedure_version: number;
}

export interface TAuditEvent {
  seq: number;
  at: string;
  actorId: string;
  actorRole: string;
  action: string;
  stepId?: string;
  detail: Record<string, unknown>;
  legalBasis?: string;
  hash: string;
}

export interface TProcedureVersion {
  procedure_id: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  kind: string;
  title_vi: string;
  /** Null: a national procedure; else the unit whose own procedure it is. */
  owner_unit_id: string | null;
}

export interface TTeam {
  id: string;
  name: string;
}

/** A live event (`GET /api/v1/events`, event `case`). */
export interface TCaseEvent {
  caseId: string;
  seq: number;
  status: string;
  currentSteps: string[];
}

/** A row of the violation catalogue (`GET /api/v1/violations`; domain/violation-catalogue.ts). */
export type { TViolation } from '../../../domain/violation-catalogue.js';
/** A legal parameter in force from a date (`GET /api/v1/legal-parameters`; domain/legal-params.ts). */
export type { TLegalParam } from '../../../domain/legal-params.js';
