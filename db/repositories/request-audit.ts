/**
 * The request audit: every state-changing API request, accepted or rejected, in its unit's hash
 * chain (docs/adr/0173). A request appends its row in one statement, with no lock: the row carries
 * an id and the id of the transaction that wrote it (`xid`), and no link yet. The linker then gives
 * a chain's unlinked rows their `seq`, `prev_hash` and `hash`, under the chain's advisory lock, in
 * (xid, id) order, taking only rows whose transaction is older than every transaction still
 * running (`xid < pg_snapshot_xmin(pg_current_snapshot())`): a row committed later can only sort
 * after them, so the chain is one line in (xid, id) order, never forked, never skipping a row. It
 * runs shortly after requests (once per chain and 200 ms window on each API replica, docs/adr/0177;
 * best effort: it gives way to a linker already at work on the chain) and every few seconds on every
 * API replica (`linkAllRequestAudits`).
 */
import { sql, type Kysely, type QueryCreator } from 'kysely';
import { idempotencyOutcomeQuery, type TIdempotencyOutcome } from './idempotency.js';
import { GENESIS_HASH, hashRequestEvent, verifyLinks, type TRequestAuditEvent } from '../../domain/audit.js';
import { fixedStatement } from '../fixed-statement.js';
import type { Database } from '../schema.js';

export type TRequestAuditInput = Omit<TRequestAuditEvent, 'seq' | 'prevHash' | 'hash'>;

/**
 * Appends one event, unlinked (one statement, no lock); the linker chains it after commit. With
 * `keyOutcome`, the request's Idempotency-Key outcome is written by the same statement (a part,
 * WITH): one round trip for both, docs/adr/0180.
 */
export async function appendRequestAudit(db: Kysely<Database>, input: TRequestAuditInput, keyOutcome?: TIdempotencyOutcome): Promise<void> {
  if (!keyOutcome) await appendAlone(db, input);
  else if (keyOutcome.kind === 'release') await appendReleasing(db, { ...input, scope: keyOutcome.scope, key: keyOutcome.key, owner: keyOutcome.owner });
  else await appendStoring(db, answeredRequest(input, keyOutcome));
}

/** The request's audit row with its key's answer kept, as `appendStoring` and `withAnsweredRequest` take them. */
export function answeredRequest(input: TRequestAuditInput, kept: Extract<TIdempotencyOutcome, { kind: 'store' }>): TAnsweredRequest {
  const { status, contentType, body } = kept.response;
  return { ...input, scope: kept.scope, key: kept.key, owner: kept.owner, answerStatus: status, contentType, body };
}

function auditInsert(q: QueryCreator<Database>, input: TRequestAuditInput) {
  return q.insertInto('request_audit').values({
    chain_id: input.chainId,
    at: input.at,
    actor_id: input.actorId,
    actor_roles: input.actorRoles,
    method: input.method,
    path: input.path,
    status: input.status,
    outcome: input.outcome,
    code: input.code,
    request_id: input.requestId,
    idempotency_key: input.idempotencyKey,
  });
}

type TKeyOf = { scope: string; key: string; owner: string };

/**
 * A request answered with its Idempotency-Key's answer kept: its audit row and that answer, as one
 * statement writes them (`appendStoring`), or as parts (WITH) of a statement the request sends anyway
 * (the projection's first, docs/adr/0200).
 */
export type TAnsweredRequest = TRequestAuditInput & TKeyOf & { answerStatus: number; contentType: string | null; body: string };

/** The key's answer of `v` kept, as a part (WITH) of the statement that `q` begins. */
function withKeyAnswer(q: QueryCreator<Database>, v: TAnsweredRequest): QueryCreator<Database> {
  return q.with('key_outcome', (w) =>
    idempotencyOutcomeQuery(w as unknown as QueryCreator<Database>, {
      kind: 'store',
      scope: v.scope,
      key: v.key,
      owner: v.owner,
      response: { status: v.answerStatus, contentType: v.contentType, body: v.body },
    }),
  ) as unknown as QueryCreator<Database>;
}

/** The audit row and the key's kept answer of `v`, as parts (WITH) of the statement that `q` begins. */
export function withAnsweredRequest(q: QueryCreator<Database>, v: TAnsweredRequest): QueryCreator<Database> {
  return withKeyAnswer(q, v).with('request_audited', (w) => auditInsert(w as unknown as QueryCreator<Database>, v)) as unknown as QueryCreator<Database>;
}

// Sent by every state-changing request, in one of three shapes, each built once (db/fixed-statement.ts).
/** The row alone (a request without an Idempotency-Key). */
export const appendAlone = fixedStatement('request audit', (db, v: TRequestAuditInput) => auditInsert(db, v));
/** The row, and the key freed (a refused request may be sent again under it). */
export const appendReleasing = fixedStatement('request audit, releasing its key', (db, v: TRequestAuditInput & TKeyOf) =>
  auditInsert(
    db.with('key_outcome', (w) =>
      idempotencyOutcomeQuery(w as unknown as QueryCreator<Database>, { kind: 'release', scope: v.scope, key: v.key, owner: v.owner }),
    ) as unknown as QueryCreator<Database>,
    v,
  ),
);
/** The row, and the key's answer kept for a replay. */
export const appendStoring = fixedStatement("request audit, storing its key's answer", (db, v: TAnsweredRequest) => auditInsert(withKeyAnswer(db, v), v));

/** How many rows one linking transaction links at most. */
const LINK_BATCH = 500;

type TRow = Awaited<ReturnType<typeof unlinkedRows>>[number];

async function unlinkedRows(db: Kysely<Database>, chainId: string) {
  // Rows of transactions older than every one still running: any row not visible here sorts after them.
  return db
    .selectFrom('request_audit')
    .selectAll()
    .where('chain_id', '=', chainId)
    .where('seq', 'is', null)
    .where(sql<boolean>`xid < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('xid')
    .orderBy('id')
    .limit(LINK_BATCH)
    .execute();
}

function eventOf(r: TRow, seq: number, prevHash: string): Omit<TRequestAuditEvent, 'hash'> {
  return {
    chainId: r.chain_id,
    seq,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorRoles: r.actor_roles,
    method: r.method,
    path: r.path,
    status: r.status,
    outcome: r.outcome,
    code: r.code,
    requestId: r.request_id,
    idempotencyKey: r.idempotency_key,
    prevHash,
  };
}

/**
 * Links the chain's rows that can be linked (see the module comment); returns how many. With
 * `wait: false` it gives way (0) when another linker holds the chain: that one, or the next, links them.
 */
export async function linkRequestAudit(db: Kysely<Database>, chainId: string, opts: { wait?: boolean } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const linked = await db.transaction().execute(async (trx) => {
      const lockKey = `request_audit:${chainId}`;
      if (opts.wait === false) {
        const got = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(hashtext(${lockKey})) as got`.execute(trx);
        if (!got.rows[0]?.got) return 0;
      } else {
        await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
      }
      // Read after the lock: the previous linker's links are committed and seen.
      const head = await trx.selectFrom('request_audit').select(['seq', 'hash']).where('chain_id', '=', chainId).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const rows = await unlinkedRows(trx, chainId);
      if (rows.length === 0) return 0;
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const ids: string[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows) {
        seq++;
        const hash = hashRequestEvent(eventOf(r, seq, prev));
        ids.push(String(r.id));
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await sql`
        update request_audit r set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        from unnest(${ids}::bigint[], ${seqs}::int[], ${prevs}::text[], ${hashes}::text[]) as v(id, seq, prev_hash, hash)
        where r.id = v.id and r.seq is null`.execute(trx);
      return rows.length;
    });
    total += linked;
    if (linked < LINK_BATCH) return total;
  }
}

/** Links what can be linked in every chain that has unlinked rows (the periodic sweep, on any replica); returns how many. */
export async function linkAllRequestAudits(db: Kysely<Database>): Promise<number> {
  const chains = await db.selectFrom('request_audit').select('chain_id').distinct().where('seq', 'is', null).execute();
  let total = 0;
  for (const { chain_id } of chains) total += await linkRequestAudit(db, chain_id, { wait: false });
  return total;
}

/**
 * Links the chain's rows written before this call, waiting (up to `timeoutMs`) for transactions
 * older than them to end; returns how many of them are still unlinked (0: all linked).
 */
export async function settleRequestAudit(db: Kysely<Database>, chainId?: string, timeoutMs = 2_000): Promise<number> {
  let q = db
    .selectFrom('request_audit')
    .select((eb) => eb.fn.max('id').as('upTo'))
    .where('seq', 'is', null);
  if (chainId !== undefined) q = q.where('chain_id', '=', chainId);
  const upTo = (await q.executeTakeFirst())?.upTo;
  if (upTo === null || upTo === undefined) return 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const chains =
      chainId !== undefined ? [chainId] : (await db.selectFrom('request_audit').select('chain_id').distinct().where('seq', 'is', null).where('id', '<=', upTo).execute()).map((r) => r.chain_id);
    for (const c of chains) await linkRequestAudit(db, c);
    let left = db
      .selectFrom('request_audit')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('seq', 'is', null)
      .where('id', '<=', upTo);
    if (chainId !== undefined) left = left.where('chain_id', '=', chainId);
    const n = Number((await left.executeTakeFirstOrThrow()).n);
    if (n === 0 || Date.now() >= deadline) return n;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The linked events of one chain, oldest first (optionally only those about `pathPrefix`), after
 * linking those written before the call (`settleRequestAudit`).
 */
export async function requestAuditEvents(db: Kysely<Database>, chainId: string, opts: { pathPrefix?: string; limit?: number } = {}): Promise<TRequestAuditEvent[]> {
  await settleRequestAudit(db, chainId);
  return linkedEvents(db, chainId, opts);
}

async function linkedEvents(db: Kysely<Database>, chainId: string, opts: { pathPrefix?: string; limit?: number } = {}): Promise<TRequestAuditEvent[]> {
  let q = db.selectFrom('request_audit').selectAll().where('chain_id', '=', chainId).where('seq', 'is not', null).orderBy('seq');
  if (opts.pathPrefix) q = q.where('path', 'like', `${opts.pathPrefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (opts.limit) q = q.limit(opts.limit);
  const rows = await q.execute();
  return rows.map((r) => ({ ...eventOf(r, r.seq!, r.prev_hash!), hash: r.hash! }));
}

/**
 * Checks every request chain's linked events; the first broken link of each, and how many rows are
 * still unlinked (written, not yet chained: the linker runs after commit).
 */
export async function verifyRequestAudits(db: Kysely<Database>): Promise<{ checked: number; broken: { chainId: string; seq: number; reason: string }[]; unlinked: number }> {
  const chains = await db.selectFrom('request_audit').select('chain_id').distinct().orderBy('chain_id').execute();
  const broken: { chainId: string; seq: number; reason: string }[] = [];
  for (const { chain_id } of chains) {
    const r = verifyLinks(await linkedEvents(db, chain_id), hashRequestEvent);
    if (r) broken.push({ chainId: chain_id, ...r });
  }
  const unlinked = Number(
    (
      await db
        .selectFrom('request_audit')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('seq', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { checked: chains.length, broken, unlinked };
}
