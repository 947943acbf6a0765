import type { ColumnType, Generated } from 'kysely';
import type { TTokenScope } from '../repositories/people.js';

/**
 * Whether a unit is the national department (Cục, one row, id `tw`: its NATIONAL_ADMINs edit the
 * national configuration) or a provincial unit (Chi cục). docs/adr/0040.
 */
type TUnitLevel = 'NATIONAL' | 'PROVINCIAL';

/** A QLTT unit: the national department or a provincial Chi cục. */
export interface UnitTable {
  id: string;
  name: string;
  province: string;
  level: ColumnType<TUnitLevel, TUnitLevel | undefined, TUnitLevel>;
  created_at: Generated<Date>;
}

/** A team (Đội) of a unit. */
export interface TeamTable {
  id: string;
  unit_id: string;
  name: string;
  created_at: Generated<Date>;
}

/** Whose an account is: a person's, or an integration's (no password; acts through API tokens only). */
export type TAccountKind = 'PERSON' | 'INTEGRATION';

/** A staff account. Roles: INSPECTOR, TEAM_LEAD, DIRECTOR, LEGAL_OFFICER, ADMIN, SCHEDULER, LEADER_VIEWER; NATIONAL_ADMIN in the national unit only. */
export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  /** Null for an integration account: nobody signs in to it. */
  password_hash: string | null;
  kind: ColumnType<TAccountKind, TAccountKind | undefined, TAccountKind>;
  roles: ColumnType<string[], string[], string[]>;
  unit_id: string;
  team_id: string | null;
  /** Where notifications are e-mailed; null: nowhere. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  /** A deputy (cấp phó) of the DIRECTOR or TEAM_LEAD role held: decides with the head's power only under a delegation (docs/adr/0197). */
  deputy: Generated<boolean>;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

/** A browser session; the cookie holds the token, the table only its hash. */
export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** Sign-in attempts of one key (`account:<username>`, `address:<ip>`, `device:<hash>`): claimed before the password is checked. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  blocked_until: ColumnType<Date, Date | string, Date | string>;
  last_attempt_at: ColumnType<Date, Date | string, Date | string>;
}

/** A browser that signed in to the account before (its cookie holds the token; only the hash is kept). */
export interface KnownDeviceTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** Status of a role change request: asked, then approved (applied), rejected, or expired undecided. */
export type TRoleRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** A change of a user's roles asked by one admin, decided by another (four eyes). */
export interface RoleChangeRequestTable {
  id: string;
  unit_id: string;
  user_id: string;
  from_roles: ColumnType<string[], string[], string[]>;
  to_roles: ColumnType<string[], string[], string[]>;
  reason: string;
  status: ColumnType<TRoleRequestStatus, TRoleRequestStatus | undefined, TRoleRequestStatus>;
  requested_by: string;
  requested_at: Generated<Date>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  decided_by: string | null;
  decided_at: ColumnType<Date, Date | string, Date | string> | null;
}

export interface CaseCounterTable {
  scope: string;
  last: number;
}

/**
 * A POST's `Idempotency-Key` (api/idempotency.ts), per user (`scope`): the request it is bound to,
 * the request holding it (`owner`, until `lease_expires_at`), the response once there is one
 * (replayed for the same request), and when the record may be pruned (`expires_at`).
 */
export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  /** SHA-256 over method, path, query hash and body hash: the whole request. */
  request_hash: string;
  /** Null on rows from before the binding (migration 2026-12-01). */
  method: string | null;
  path: string | null;
  query_hash: string | null;
  body_hash: string | null;
  owner: string | null;
  lease_expires_at: ColumnType<Date, Date | string, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  status: number | null;
  content_type: string | null;
  response: string | null;
  created_at: Generated<Date>;
}

/** Requests counted per bucket (route + client) and fixed window, shared by every API replica. */
export interface RateLimitTable {
  bucket: string;
  window_start: ColumnType<Date, Date | string, Date | string>;
  count: number;
}

/** A stored piece of evidence, addressed by its SHA-256 (the same file is stored once). */
export interface EvidenceTable {
  sha256: string;
  size: number;
  mime: string;
  name: string;
  unit_id: string;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
  storage: string;
}

/**
 * A resumable evidence upload (one file sent in chunks, possibly through several API replicas):
 * what its creator declared, how many bytes are staged, and the store's description of them.
 */
export interface EvidenceUploadTable {
  id: string;
  owner_id: string;
  unit_id: string;
  name: string;
  mime: string;
  size: number;
  /** The SHA-256 the creator declared; the upload is accepted only if the bytes have it. */
  sha256: string;
  received: Generated<number>;
  status: Generated<'OPEN' | 'COMPLETED' | 'FAILED'>;
  storage: string;
  staging: ColumnType<Record<string, unknown>, string, string>;
  /** Slot numbers handed out so far (S3 part numbers), so racing requests never share one. */
  slot_cursor: Generated<number>;
  /** The request currently writing a chunk; a newer request takes over, and the older one's commit then fails. */
  lease_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** A token for an integration, acting as a user with a subset of scopes; revocable. */
export interface ApiTokenTable {
  id: string;
  token_hash: string;
  name: string;
  user_id: string;
  scopes: ColumnType<TTokenScope[], TTokenScope[], TTokenScope[]>;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: ColumnType<Date, Date | string, Date | string> | null;
  revoked_at: ColumnType<Date, Date | string, Date | string> | null;
}

/** Scope of a delegation: standing for a term (thường xuyên), or one case (theo vụ việc). */
export type TDelegationScope = 'STANDING' | 'CASE';

/** A head's decision giving a deputy the head's sanctioning power (docs/adr/0197; Law Art. 54). Never deleted. */
export interface SanctionDelegationTable {
  id: string;
  unit_id: string;
  role: 'DIRECTOR' | 'TEAM_LEAD';
  grantor_id: string;
  delegate_id: string;
  scope: TDelegationScope;
  case_id: string | null;
  decision_number: string;
  decision_date: ColumnType<string, string, string>;
  valid_from: ColumnType<string, string, string>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  content: string;
  /** Also the coercion decision, while the head is absent (Art. 87(2)). */
  coercion: Generated<boolean>;
  /** With coercion: the head's absence the delegation is made for (Art. 87(2)); null otherwise. */
  head_absence: string | null;
  revoked_from: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_by: ColumnType<string | null, string | null | undefined, string | null>;
  revoke_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Generated<Date>;
}
