/**
 * The case read model: written only by the projection activity, read by the API. Writes are
 * idempotent and monotonic: a snapshot older than the stored one (by audit sequence) changes nothing.
 */
import { sql, type Kysely, type QueryCreator, type RawBuilder, type Transaction } from 'kysely';
import { verifyChain, type TAuditEvent } from '../../domain/audit.js';
import { escalationReason, withReason, type TEscalation, type TEscalationReason } from '../../domain/engine.js';
import { caseNotices } from '../../domain/notifications.js';
import { partyNotices } from '../../domain/party-messages.js';
import { FACTS_VERSION } from '../../domain/statistics/facts.js';
import { caseSearchText, type TCaseProjection, type TCaseProjectionInput } from '../../domain/projection.js';
import type { TCaseEvent } from '../../lib/case-events.js';
import { rowsOf, rowValues, shapedStatement } from '../fixed-statement.js';
import type { Database } from '../schema.js';
import type { CaseFileRow } from '../tables/cases.table.js';
import { caseBusinessRead } from './businesses.js';
import { ensureCaseLookup, lookupRowRead } from './case-lookup.js';
import { completeCampaignRunIfDone } from './campaigns.js';
import { listedRead, syncDisclosure } from './disclosures.js';
import { withAnsweredRequest, type TAnsweredRequest } from './request-audit.js';
import { insertNotifications } from './notifications.js';
import { insertPartyMessages, subscribeTipReporter } from './party-messages.js';
import { factRowsRead, writeCaseFacts } from './statistics.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * What the case search matches (docs/adr/0170): the case's own search text and, when it is about a
 * business, the business's (folded name, tax code, representative), read in the same statement.
 */
function caseSearchDoc(searchText: string, businessId: string | null, unitId: string) {
  if (businessId === null) return sql<string>`${searchText}`;
  return sql<string>`${searchText} || coalesce((select ' ' || b.search_text from business b where b.id = ${businessId} and b.unit_id = ${unitId}), '')`;
}

/**
 * `excluded.<column>` for each column of `row`: an upsert's update takes the values the insert was
 * given, so they travel once (the case's snapshot is its largest value), not twice as parameters.
 */
function fromExcluded<R extends object>(row: R): { [K in keyof R & string]: RawBuilder<never> } {
  return excluded(row, Object.keys(row) as (keyof R & string)[]);
}

/** `excluded.<column>` for the columns named, of rows like `_row`: what an upsert changes on a row already there. */
function excluded<R extends object, K extends keyof R & string>(_row: R, columns: readonly K[]): { [C in K]: RawBuilder<never> } {
  return Object.fromEntries(columns.map((k) => [k, sql.ref<never>(`excluded.${k}`)])) as { [C in K]: RawBuilder<never> };
}

/** How often a projection's transaction is tried when PostgreSQL breaks a deadlock by aborting it. */
const PROJECTION_ATTEMPTS = 4;

/** Whether `err` is PostgreSQL aborting a transaction to break a deadlock (40P01) or a serialization failure (40001). */
function isDeadlock(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Writes a case's projection as the workflow's projection activity and the API (from an Update's
 * answer, docs/adr/0176) both do: the case, its audit events, notifications and messages (each once,
 * a case row only by a newer one), then the campaign run's completion when a campaign's case closed.
 * `answered`: the API's answer to the request that sent the action (its audit row and its key's kept
 * answer), written by the projection's transaction (docs/adr/0200).
 */
export async function writeCaseProjection(db: Kysely<Database>, input: TCaseProjectionInput, answered?: TAnsweredRequest): Promise<void> {
  const p = input.projection;
  // The transaction is idempotent: one that PostgreSQL chose as a deadlock's victim is run again.
  for (let attempt = 1; ; attempt++) {
    try {
      await applyProjection(db, p, input.audit, answered);
      break;
    } catch (err) {
      if (attempt >= PROJECTION_ATTEMPTS || !isDeadlock(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
  if (p.status === 'CLOSED' && p.campaignId && p.campaignPeriod && !p.parentCaseId) {
    const done = completeCampaignRunIfDone(db, p.campaignId, p.campaignPeriod);
    // With the request's answer committed, nothing may fail the request (docs/adr/0200): the case's
    // workflow writes its last projection before it ends, which completes the run then.
    if (answered) await done.catch(() => false);
    else await done;
  }
}

/** The case row's values that a projection writes as they are (the builder adds the rest: `projectionFirst`). */
const CASE_ROW_COLUMNS = [
  'kind',
  'procedure_id',
  'procedure_version',
  'status',
  'overdue',
  'unit_id',
  'team_id',
  'title',
  'search_text',
  'business_id',
  'campaign_id',
  'campaign_period',
  'parent_case_id',
  'opened_at',
  'closed_at',
  'close_outcome',
  'current_steps',
  'next_deadline_at',
  'state_seq',
  'snapshot',
  'updated_at',
] as const;

function caseRowValues(p: TCaseProjection, searchText: string) {
  return {
    kind: p.kind,
    procedure_id: p.procedureId,
    procedure_version: p.procedureVersion,
    status: p.status,
    overdue: p.overdue,
    unit_id: p.unitId,
    team_id: p.teamId,
    title: p.title,
    // Computed here, from what the projection carries (a snapshot may hold no steps yet), so that a projection sent by any version of the workflow gets it.
    search_text: searchText,
    business_id: p.businessId ?? null,
    campaign_id: p.campaignId ?? null,
    campaign_period: p.campaignPeriod ?? null,
    parent_case_id: p.parentCaseId ?? null,
    opened_at: p.openedAt,
    closed_at: p.closedAt ?? null,
    close_outcome: p.closeOutcome ?? null,
    current_steps: p.currentSteps,
    next_deadline_at: p.nextDeadlineAt ?? null,
    state_seq: p.stateSeq,
    snapshot: JSON.stringify(p.snapshot),
    updated_at: new Date(),
  } satisfies Record<(typeof CASE_ROW_COLUMNS)[number], unknown>;
}

const AUDIT_COLUMNS = ['case_id', 'seq', 'at', 'actor_id', 'actor_role', 'action', 'step_id', 'detail', 'legal_basis', 'prev_hash', 'hash'] as const;

function auditRowValues(e: TAuditEvent) {
  return {
    case_id: e.caseId,
    seq: e.seq,
    at: e.at,
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    step_id: e.stepId ?? null,
    detail: JSON.stringify(e.detail),
    legal_basis: e.legalBasis ?? null,
    prev_hash: e.prevHash,
    hash: e.hash,
  } satisfies Record<(typeof AUDIT_COLUMNS)[number], unknown>;
}

/**
 * The projection's first statement (docs/adr/0180), one per shape (how many audit events; whether
 * the case is about a business), each built once (db/fixed-statement.ts): the audit events (each
 * once: the same action projected again, the workflow's fallback after the API's, docs/adr/0176,
 * inserts none) and the case's row (only by a newer snapshot), which stays locked to the end of the
 * transaction. What the live event needs of the row before this write comes from the locked read;
 * which events this projection recorded first, from the insert. The two writes touch different
 * tables: one statement, one round trip.
 */
export const projectionFirst = shapedStatement('projection, first statement', (db, v: Record<string, unknown>, s: { audit: number; business: boolean; answered: boolean }) => {
  const given = rowsOf(v, 'r', 1, CASE_ROW_COLUMNS)[0] as unknown as ReturnType<typeof caseRowValues>;
  const row = {
    ...given,
    search_doc: caseSearchDoc(given.search_text, s.business ? given.business_id : null, given.unit_id),
    // A newer projection means the workflow runs (again): it is not abandoned.
    abandoned_status: null,
    abandoned_at: null,
    // The facts are written by the projection's transaction, by this derivation.
    facts_version: FACTS_VERSION,
  };
  const auditRows = rowsOf(v, 'a', s.audit, AUDIT_COLUMNS) as unknown as ReturnType<typeof auditRowValues>[];
  const caseId = v.caseId as string;
  // The case's row before this write, locked (FOR UPDATE): when another projection of the case
  // holds it, this waits, then reads the version that one committed, not this statement's older
  // snapshot. The insert's first value reads it, so the lock and the read come before the insert.
  // The request that sent the action, answered (docs/adr/0200): its audit row and its key's kept answer, parts of their own.
  const start = s.answered ? (withAnsweredRequest(db as unknown as QueryCreator<Database>, v as unknown as TAnsweredRequest) as unknown as typeof db) : db;
  const withOld = start.with('old', (q) => q.selectFrom('case_file').select(['case_id', 'state_seq', 'status', 'overdue', 'current_steps', 'team_id']).where('case_id', '=', caseId).forUpdate());
  const recordedSeqs = auditRows.length ? sql<number[]>`(select coalesce(array_agg(seq), '{}') from recorded)` : sql<number[]>`'{}'::int[]`;
  const upsert = (auditRows.length
    ? withOld.with('recorded', (q) =>
        q
          .insertInto('audit_event')
          .values(auditRows)
          .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
          .returning('seq'),
      )
    : withOld) as unknown as typeof withOld;
  return upsert
    .insertInto('case_file')
    .values({ case_id: sql<string>`coalesce((select case_id from old), ${caseId})`, ...row })
    .onConflict((oc) =>
      oc
        .column('case_id')
        .doUpdateSet(fromExcluded(row))
        .where('case_file.state_seq', '<=', v.stateSeq as number),
    )
    .returning([
      'case_id',
      sql<number | null>`(select state_seq from old)`.as('old_seq'),
      sql<string | null>`(select status from old)`.as('old_status'),
      sql<boolean | null>`(select overdue from old)`.as('old_overdue'),
      sql<string[] | null>`(select current_steps from old)`.as('old_steps'),
      sql<string | null>`(select team_id from old)`.as('old_team'),
      recordedSeqs.as('recorded'),
    ]);
});

const TASK_COLUMNS = ['case_id', 'step_id', 'title', 'roles', 'team_id', 'unit_id', 'assignee_id', 'opened_at', 'due_at', 'overdue', 'paused', 'deadline'] as const;

function taskRowValues(p: TCaseProjection, t: TCaseProjection['tasks'][number]) {
  return {
    case_id: p.caseId,
    step_id: t.stepId,
    title: t.title,
    roles: t.roles,
    team_id: p.teamId,
    unit_id: p.unitId,
    assignee_id: t.assigneeId ?? null,
    opened_at: t.openedAt,
    due_at: t.dueAt ?? null,
    overdue: t.overdue,
    paused: t.paused,
    deadline: t.deadline === undefined ? null : JSON.stringify(t.deadline),
  } satisfies Record<(typeof TASK_COLUMNS)[number], unknown>;
}

const ESCALATION_COLUMNS = [
  'id',
  'case_id',
  'step_id',
  'kind',
  'to_role',
  'team_id',
  'reason',
  'reason_code',
  'reason_params',
  'created_at',
  'resolved_at',
  'resolved_by',
  'resolution_note',
  'superseded_by',
] as const;

function escalationRowValues(p: TCaseProjection, e: TCaseProjection['escalations'][number]) {
  return {
    id: e.id,
    case_id: p.caseId,
    step_id: e.stepId,
    kind: e.kind,
    to_role: e.toRole,
    team_id: p.teamId,
    reason: e.reason,
    reason_code: e.reasonCode,
    reason_params: JSON.stringify(e.reasonParams),
    created_at: e.at,
    resolved_at: e.resolvedAt ?? null,
    resolved_by: e.resolvedBy ?? null,
    resolution_note: e.resolutionNote ?? null,
    superseded_by: e.supersededBy ?? null,
  } satisfies Record<(typeof ESCALATION_COLUMNS)[number], unknown>;
}

/**
 * The projection's second statement (docs/adr/0180), one per shape (how many open tasks and
 * escalations; whether a live event is logged; the kind, which says what is read; whether the case
 * is about a business), each built once (db/fixed-statement.ts): the writes that need nothing read,
 * and the read of what the other writes start from. The open tasks (those no longer open go, the
 * others are written as they now stand), the escalations, the live event (no NOTIFY, docs/adr/0201) are
 * written by its parts (WITH; each on its own table, none reading another's). The read (the case's
 * lookup row, whether a decision of it is listed, its statistical facts, its business) comes after
 * the first statement, which holds the case's row locked: a projection of the same case that
 * committed while this one waited for the lock is seen (a read in the same statement as that write
 * would not see it: its snapshot is older than the wait).
 */
export const projectionSecond = shapedStatement(
  'projection, second statement',
  (db, v: Record<string, unknown>, s: { tasks: number; escalations: number; logged: boolean; kind: TCaseProjection['kind']; business: boolean }) => {
    const caseId = v.caseId as string;
    let writes = db as unknown as QueryCreator<Database>;
    if (!s.tasks) {
      writes = writes.with('closed', (q) => q.deleteFrom('case_task').where('case_id', '=', caseId)) as unknown as QueryCreator<Database>;
    } else {
      const tasks = rowsOf(v, 't', s.tasks, TASK_COLUMNS) as unknown as ReturnType<typeof taskRowValues>[];
      writes = writes
        .with('closed', (q) =>
          q
            .deleteFrom('case_task')
            .where('case_id', '=', caseId)
            .where(
              'step_id',
              'not in',
              tasks.map((t) => t.step_id),
            ),
        )
        .with('open_tasks', (q) =>
          q
            .insertInto('case_task')
            .values(tasks)
            // A task still open is written as it now stands: every column but its key.
            .onConflict((oc) =>
              oc.columns(['case_id', 'step_id']).doUpdateSet(excluded(tasks[0]!, ['title', 'roles', 'team_id', 'unit_id', 'assignee_id', 'opened_at', 'due_at', 'overdue', 'paused', 'deadline'])),
            ),
        ) as unknown as QueryCreator<Database>;
    }
    if (s.escalations) {
      const escalations = rowsOf(v, 'e', s.escalations, ESCALATION_COLUMNS) as unknown as ReturnType<typeof escalationRowValues>[];
      writes = writes.with('escalated', (q) =>
        q
          .insertInto('case_escalation')
          .values(escalations)
          // Its resolution as it now stands; a row written before reasons were data gets them with the case's next projection.
          .onConflict((oc) => oc.columns(['case_id', 'id']).doUpdateSet(excluded(escalations[0]!, ['reason_code', 'reason_params', 'resolved_at', 'resolved_by', 'resolution_note', 'superseded_by']))),
      ) as unknown as QueryCreator<Database>;
    }
    if (s.logged) {
      const event = { case_id: caseId, unit_id: v.unitId as string, team_id: v.teamId as string, payload: v.event as string };
      writes = writes.with('logged', (q) => caseEventInsert(q as unknown as QueryCreator<Database>, event)) as unknown as QueryCreator<Database>;
    }
    return writes.selectNoFrom([
      lookupRowRead({ caseId, kind: s.kind }).as('lookup'),
      listedRead({ caseId, kind: s.kind }).as('listed'),
      factRowsRead(caseId).as('facts'),
      caseBusinessRead(s.business ? (v.businessId as string) : undefined).as('business'),
      // The live event's position, read so that the event's part is plainly consumed (a part runs to completion either way).
      (s.logged ? sql<string | null>`(select pos from logged)` : sql<string | null>`null::text`).as('event_pos'),
    ]);
  },
);

/** The first statement's shape and values for projection `p` with its audit events, and the request `answered` with it. */
export function projectionFirstOf(p: TCaseProjection, audit: readonly TAuditEvent[], answered?: TAnsweredRequest) {
  const row = caseRowValues(p, caseSearchText(p.caseId, p.title, p.snapshot.completed ?? []));
  return {
    shape: { audit: audit.length, business: row.business_id !== null, answered: answered !== undefined },
    // The request's values under their own names (chainId, scope, body, …): none is the projection's (caseId, stateSeq, r0.…, a0.…).
    values: { ...answered, caseId: p.caseId, stateSeq: p.stateSeq, ...rowValues('r', [row]), ...rowValues('a', audit.map(auditRowValues)) },
  };
}

/** The second statement's shape and values for projection `p`, with the live event to log (none: the same state again). */
export function projectionSecondOf(p: TCaseProjection, event: Omit<TCaseEvent, 'id'> | undefined) {
  return {
    shape: { tasks: p.tasks.length, escalations: p.escalations.length, logged: event !== undefined, kind: p.kind, business: !!p.businessId },
    values: {
      caseId: p.caseId,
      unitId: p.unitId,
      teamId: p.teamId,
      ...(p.businessId ? { businessId: p.businessId } : {}),
      ...(event ? { event: JSON.stringify(event) } : {}),
      ...rowValues(
        't',
        p.tasks.map((t) => taskRowValues(p, t)),
      ),
      ...rowValues(
        'e',
        p.escalations.map((e) => escalationRowValues(p, e)),
      ),
    },
  };
}

export async function applyProjection(db: Kysely<Database>, p: TCaseProjection, audit: TAuditEvent[], answered?: TAnsweredRequest): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const first = projectionFirstOf(p, audit, answered);
    const [written] = await projectionFirst(trx, first.shape, first.values);
    if (audit.length) {
      // Who is to be told (an assignment, a deadline due soon or breached, an instruction), in the
      // same transaction: once per event and person, however often the projection is retried.
      await insertNotifications(trx, { unitId: p.unitId, teamId: p.teamId }, caseNotices({ caseId: p.caseId, title: p.title, tasks: p.tasks, escalations: p.escalations }, audit));
      // What the party who subscribed is told (the decision, a payment; a tip handled), likewise once (docs/adr/0145).
      const notices = partyNotices(p.caseId, p.kind, audit);
      if (notices.length) {
        // A tip's reporter who asked for a reply is told once its case closes.
        if (p.kind === 'TIP') await subscribeTipReporter(trx, { caseId: p.caseId, unitId: p.unitId });
        await insertPartyMessages(trx, { caseId: p.caseId, unitId: p.unitId }, notices);
      }
    }
    if (!written) return; // a newer snapshot is already stored
    /** The events this projection recorded first: a projection of the same action again records none. */
    const fresh = new Set(written.recorded.map(Number));
    const recorded = audit.filter((e) => fresh.has(e.seq));

    // A live event for every API replica: codes and ids only, no names, no form data.
    const event: Omit<TCaseEvent, 'id'> = {
      caseId: p.caseId,
      unitId: p.unitId,
      teamId: p.teamId,
      kind: p.kind,
      status: p.status,
      overdue: p.overdue,
      seq: p.stateSeq,
      currentSteps: p.currentSteps,
      actions: recorded.map((e) => ({ seq: e.seq, action: e.action, stepId: e.stepId, actorId: e.actorId, at: e.at, evidence: Array.isArray(e.detail.evidence) ? e.detail.evidence : undefined })),
    };
    // The same projection again (the same state, its actions already recorded) is no news: no second live event, no second feed line.
    // Every field of the event that can change is compared (caseId, unitId and kind never do); a field added to the event is added here.
    const unchanged =
      recorded.length === 0 &&
      audit.length > 0 &&
      written.old_seq === event.seq &&
      written.old_status === event.status &&
      written.old_overdue === event.overdue &&
      written.old_team === event.teamId &&
      JSON.stringify(written.old_steps) === JSON.stringify(event.currentSteps);

    const second = projectionSecondOf(p, unchanged ? undefined : event);
    const [before] = await projectionSecond(trx, second.shape, second.values);
    if (!before) throw new Error(`the projection of ${p.caseId} read nothing back`);
    // A penalty case's public lookup code, from its first projection on (docs/adr/0120).
    await ensureCaseLookup(trx, p, { row: before.lookup, business: before.business });
    // What the public may see of its decision, in the same transaction (docs/adr/0135).
    await syncDisclosure(trx, p, { listed: before.listed === true, business: before.business });
    // What the case counts for in the statistics, in the same transaction (docs/adr/0159).
    await writeCaseFacts(trx, p, { versionWritten: true, old: before.facts, business: before.business });
  });
}

/**
 * The insert of a live event into case_event_log, returning its position: one statement, or a part
 * (WITH) of one. No NOTIFY: every API replica's hub reads the log while it has subscribers
 * (lib/case-events.ts, docs/adr/0201).
 */
function caseEventInsert(q: QueryCreator<Database>, row: { case_id: string; unit_id: string; team_id: string; payload: string }) {
  return q
    .insertInto('case_event_log')
    .values(row)
    .returning(sql<string>`pos::text`.as('pos'));
}

/**
 * Logs a live event (case_event_log: what every API replica's hub delivers to its streams, and what
 * a stream catches up from with `Last-Event-ID`). No lock: the event's position (`pos`, the SSE id)
 * comes from this transaction's id (a trigger sets it), and readers deliver only positions below the
 * oldest running transaction's (`case_event_log_stable_below()`), so a reader that has seen position
 * N never later finds a committed lower one (docs/adr/0173). No NOTIFY either (docs/adr/0201): the
 * hubs read the log every quarter of a second while anyone listens.
 */
export async function logCaseEvent(trx: Transaction<Database>, event: Omit<TCaseEvent, 'id'>): Promise<string> {
  const logged = await caseEventInsert(trx, { case_id: event.caseId, unit_id: event.unitId, team_id: event.teamId, payload: JSON.stringify(event) }).executeTakeFirstOrThrow();
  return logged.pos;
}

/** Below this position every logged event is committed or will never be (docs/adr/0173): what readers may deliver. */
export const STABLE_BELOW = sql<string>`case_event_log_stable_below()`;

export async function getCaseRow(db: Q, caseId: string) {
  const row = await db.selectFrom('case_file').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row && caseRowOf(row);
}

/** A case_file row as read, as the API uses it. */
function caseRowOf(row: CaseFileRow) {
  // A snapshot projected before reasons were data: its escalations' reasons as data, from the one reader of both shapes.
  return { ...row, snapshot: { ...row.snapshot, escalations: (row.snapshot.escalations ?? []).map(withReason) } };
}

export async function listTasks(db: Q, filter: { caseId?: string; teamId?: string; role?: string; assigneeId?: string }) {
  let q = db
    .selectFrom('case_task')
    .selectAll()
    .orderBy('due_at', (ob) => ob.asc().nullsLast())
    .orderBy('opened_at');
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
  if (filter.assigneeId) q = q.where('assignee_id', '=', filter.assigneeId);
  if (filter.role) q = q.where(sql<boolean>`${filter.role} = any(roles)`);
  return q.execute();
}

export async function listEscalations(db: Q, filter: { caseId?: string; teamId?: string; toRole?: string; openOnly?: boolean }) {
  let q = db.selectFrom('case_escalation').selectAll().orderBy('created_at');
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
  if (filter.toRole) q = q.where('to_role', '=', filter.toRole);
  if (filter.openOnly) q = q.where('resolved_at', 'is', null);
  // Rows written before reasons were data: their reason as data, from the one reader of both shapes.
  return (await q.execute()).map(withRowReason);
}

/** A case_escalation row with its reason as data, whichever shape it was written in (domain/engine/escalation.ts `escalationReason`). */
export function withRowReason<T extends { kind: TEscalation['kind']; reason: string; reason_code: TEscalationReason['code'] | null; reason_params: TEscalationReason['params'] | null }>(
  row: T,
): T & { reason_code: TEscalationReason['code']; reason_params: TEscalationReason['params'] } {
  const r = escalationReason({ kind: row.kind, reason: row.reason, reasonCode: row.reason_code ?? undefined, reasonParams: row.reason_params ?? undefined });
  return { ...row, reason_code: r.code, reason_params: r.params };
}

export async function auditEvents(db: Q, caseId: string): Promise<TAuditEvent[]> {
  const rows = await db.selectFrom('audit_event').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    stepId: r.step_id ?? undefined,
    detail: r.detail as Record<string, unknown>,
    legalBasis: r.legal_basis ?? undefined,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Verifies one case's audit chain; returns the first broken link, if any. */
export async function verifyCaseAudit(db: Q, caseId: string): Promise<{ seq: number; reason: string } | undefined> {
  return verifyChain(await auditEvents(db, caseId));
}

/** The next case number in a scope (kind/unit/year), atomically. */
export async function nextCaseNumber(db: Q, scope: string): Promise<number> {
  const row = await db
    .insertInto('case_counter')
    .values({ scope, last: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ last: eb('case_counter.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** Verifies every case's audit chain; returns the first broken link of each broken case. */
export async function verifyAllAudits(db: Q): Promise<{ checked: number; broken: { caseId: string; seq: number; reason: string }[] }> {
  const cases = await db.selectFrom('audit_event').select('case_id').distinct().orderBy('case_id').execute();
  const broken: { caseId: string; seq: number; reason: string }[] = [];
  for (const { case_id } of cases) {
    const r = verifyChain(await auditEvents(db, case_id));
    if (r) broken.push({ caseId: case_id, ...r });
  }
  return { checked: cases.length, broken };
}

/** Logged live events after position `afterId` that a viewer of `unitId` (and `teamId`, unless unit-wide) may see, in position order (only those below STABLE_BELOW). */
export async function caseEventsAfter(db: Q, f: { afterId: string; unitId: string; teamId?: string | undefined; limit: number }) {
  let q = db
    .selectFrom('case_event_log')
    .select(['pos', 'payload'])
    .where('unit_id', '=', f.unitId)
    .where('pos', '>', f.afterId as never)
    .where('pos', '<', STABLE_BELOW as never)
    .orderBy('pos')
    .limit(f.limit);
  if (f.teamId !== undefined) q = q.where('team_id', '=', f.teamId);
  const rows = await q.execute();
  return rows.map((r) => ({ id: String(r.pos), ...(r.payload as object) }));
}

/** Forgets logged live events older than `before` (any replica may run this, any number of times). */
export async function pruneCaseEventLog(db: Q, before: Date): Promise<number> {
  const r = await db.deleteFrom('case_event_log').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The newest deliverable position in the log (undefined when none): where a new live-event stream starts. */
export async function newestCaseEventId(db: Q): Promise<string | undefined> {
  const r = await db
    .selectFrom('case_event_log')
    .select((eb) => eb.fn.max('pos').as('pos'))
    .where('pos', '<', STABLE_BELOW as never)
    .executeTakeFirst();
  return r?.pos == null ? undefined : String(r.pos);
}

/** The oldest position still in the log (undefined when empty). */
export async function oldestCaseEventId(db: Q): Promise<string | undefined> {
  const r = await db
    .selectFrom('case_event_log')
    .select((eb) => eb.fn.min('pos').as('pos'))
    .executeTakeFirst();
  return r?.pos == null ? undefined : String(r.pos);
}
