import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

/** A live case event kept for SSE resumption (Last-Event-ID); the id orders events by commit. */
export interface CaseEventLogTable {
  id: ColumnType<string, never, never>;
  /** The position readers deliver in (the SSE id): from the logging transaction's id, set by a trigger (docs/adr/0173). */
  pos: ColumnType<string, never, never>;
  case_id: string;
  unit_id: string;
  team_id: string;
  at: Generated<Date>;
  payload: Json;
}

/** One state-changing request, accepted or rejected, in its unit's hash chain. */
export interface RequestAuditTable {
  /** The append order (docs/adr/0173); the chain's order is (xid, id). */
  id: Generated<string>;
  /** The transaction that appended the row (xid8, as text). */
  xid: Generated<string>;
  chain_id: string;
  /** Null until the linker chains the row (after its commit), with `prev_hash` and `hash`. */
  seq: number | null;
  at: Timestamp;
  actor_id: string | null;
  actor_roles: ColumnType<string[], string[], string[]>;
  method: string;
  path: string;
  status: number;
  outcome: 'ACCEPTED' | 'REJECTED';
  code: string | null;
  request_id: string;
  idempotency_key: string | null;
  prev_hash: string | null;
  hash: string | null;
}
