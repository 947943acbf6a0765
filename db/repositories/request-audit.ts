/**
 * The request audit: every state-changing API request, accepted or rejected, appended to its unit's
 * hash chain. Appends from several API replicas are serialised per chain by a transaction-level
 * advisory lock, so the chain never forks.
 */
import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH, hashRequestEvent, verifyLinks, type TRequestAuditEvent } from '../../domain/audit.js';
import type { Database } from '../schema.js';

export type TRequestAuditInput = Omit<TRequestAuditEvent, 'seq' | 'prevHash' | 'hash'>;

/** Appends one event to its chain and returns it as stored. */
export async function appendRequestAudit(db: Kysely<Database>, input: TRequestAuditInput): Promise<TRequestAuditEvent> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`request_audit:${input.chainId}`}))`.execute(trx);
    const head = await trx.selectFrom('request_audit').select(['seq', 'hash']).where('chain_id', '=', input.chainId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const link = { ...input, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
    const event: TRequestAuditEvent = { ...link, hash: hashRequestEvent(link) };
    await trx
      .insertInto('request_audit')
      .values({
        chain_id: event.chainId,
        seq: event.seq,
        at: event.at,
        actor_id: event.actorId,
        actor_roles: event.actorRoles,
        method: event.method,
        path: event.path,
        status: event.status,
        outcome: event.outcome,
        code: event.code,
        request_id: event.requestId,
        idempotency_key: event.idempotencyKey,
        prev_hash: event.prevHash,
        hash: event.hash,
      })
      .execute();
    return event;
  });
}

/** The events of one chain, oldest first (optionally only those about `pathPrefix`). */
export async function requestAuditEvents(db: Kysely<Database>, chainId: string, opts: { pathPrefix?: string; limit?: number } = {}): Promise<TRequestAuditEvent[]> {
  let q = db.selectFrom('request_audit').selectAll().where('chain_id', '=', chainId).orderBy('seq');
  if (opts.pathPrefix) q = q.where('path', 'like', `${opts.pathPrefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (opts.limit) q = q.limit(opts.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    chainId: r.chain_id,
    seq: r.seq,
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
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Checks every request chain; the first broken link of each. */
export async function verifyRequestAudits(db: Kysely<Database>): Promise<{ checked: number; broken: { chainId: string; seq: number; reason: string }[] }> {
  const chains = await db.selectFrom('request_audit').select('chain_id').distinct().orderBy('chain_id').execute();
  const broken: { chainId: string; seq: number; reason: string }[] = [];
  for (const { chain_id } of chains) {
    const r = verifyLinks(await requestAuditEvents(db, chain_id), hashRequestEvent);
    if (r) broken.push({ chainId: chain_id, ...r });
  }
  return { checked: chains.length, broken };
}
