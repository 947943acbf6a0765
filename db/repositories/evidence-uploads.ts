/**
 * Resumable evidence uploads: the session rows that let any API replica take the next chunk.
 * Every change is a conditional UPDATE on the row (the expected offset, the request's lease), so
 * concurrent requests through different replicas cannot both advance an upload.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface TUploadRow {
  id: string;
  ownerId: string;
  unitId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  received: number;
  status: 'OPEN' | 'COMPLETED' | 'FAILED';
  storage: string;
  staging: Record<string, unknown>;
  expiresAt: Date;
}

function toRow(r: {
  id: string;
  owner_id: string;
  unit_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  received: number;
  status: 'OPEN' | 'COMPLETED' | 'FAILED';
  storage: string;
  staging: Record<string, unknown>;
  expires_at: Date;
}): TUploadRow {
  return {
    id: r.id,
    ownerId: r.owner_id,
    unitId: r.unit_id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    received: r.received,
    status: r.status,
    storage: r.storage,
    staging: r.staging,
    expiresAt: r.expires_at,
  };
}

const COLUMNS = ['id', 'owner_id', 'unit_id', 'name', 'mime', 'size', 'sha256', 'received', 'status', 'storage', 'staging', 'expires_at'] as const;

export async function insertUpload(
  db: Q,
  u: { id: string; ownerId: string; unitId: string; name: string; mime: string; size: number; sha256: string; storage: string; staging: Record<string, unknown>; ttlMs: number },
): Promise<TUploadRow> {
  const row = await db
    .insertInto('evidence_upload')
    .values({
      id: u.id,
      owner_id: u.ownerId,
      unit_id: u.unitId,
      name: u.name,
      mime: u.mime,
      size: u.size,
      sha256: u.sha256,
      storage: u.storage,
      staging: JSON.stringify(u.staging),
      expires_at: sql<Date>`now() + ${`${u.ttlMs} milliseconds`}::interval` as never,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toRow(row);
}

export async function findUpload(db: Q, id: string): Promise<(TUploadRow & { isExpired: boolean }) | undefined> {
  const row = await db
    .selectFrom('evidence_upload')
    .select(COLUMNS)
    .select(sql<boolean>`expires_at < now()`.as('is_expired'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...toRow(row), isExpired: row.is_expired } : undefined;
}

/**
 * Makes the calling request the upload's writer, provided it is open, unexpired and at
 * `received` bytes; reserves `slots` slot numbers for it and pushes the expiry back. A request that
 * was writing before loses its lease (its commit will fail): a client that reconnects after a
 * dropped connection should not have to wait for the old request to time out.
 */
export async function leaseUpload(
  db: Q,
  l: { id: string; received: number; slots: number; ttlMs: number },
): Promise<{ leaseId: string; firstSlot: number; staging: Record<string, unknown> } | undefined> {
  const leaseId = randomUUID();
  const row = await db
    .updateTable('evidence_upload')
    .set((eb) => ({
      lease_id: leaseId,
      slot_cursor: eb('slot_cursor', '+', l.slots),
      updated_at: sql<Date>`now()` as never,
      expires_at: sql<Date>`now() + ${`${l.ttlMs} milliseconds`}::interval` as never,
    }))
    .where('id', '=', l.id)
    .where('status', '=', 'OPEN')
    .where('received', '=', l.received)
    .where(sql<boolean>`expires_at >= now()`)
    .returning(['slot_cursor', 'staging'])
    .executeTakeFirst();
  return row ? { leaseId, firstSlot: row.slot_cursor - l.slots + 1, staging: row.staging } : undefined;
}

/** Records a written chunk, if the request still holds the lease; false when another request took over. */
export async function commitChunk(db: Q, c: { id: string; leaseId: string; from: number; to: number; staging: Record<string, unknown> }): Promise<boolean> {
  const res = await db
    .updateTable('evidence_upload')
    .set({ received: c.to, staging: JSON.stringify(c.staging), lease_id: null, updated_at: sql<Date>`now()` as never })
    .where('id', '=', c.id)
    .where('lease_id', '=', c.leaseId)
    .where('received', '=', c.from)
    .where('status', '=', 'OPEN')
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Ends the upload as COMPLETED or FAILED, if the request still holds the lease. */
export async function closeUpload(db: Q, c: { id: string; leaseId: string; status: 'COMPLETED' | 'FAILED' }): Promise<boolean> {
  const res = await db
    .updateTable('evidence_upload')
    .set({ status: c.status, lease_id: null, staging: JSON.stringify({}), updated_at: sql<Date>`now()` as never })
    .where('id', '=', c.id)
    .where('lease_id', '=', c.leaseId)
    .where('status', '=', 'OPEN')
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export async function deleteUpload(db: Q, id: string): Promise<void> {
  await db.deleteFrom('evidence_upload').where('id', '=', id).execute();
}

/**
 * Locks up to `limit` expired uploads for the caller's transaction. SKIP LOCKED: replicas running
 * the cleanup at the same time each take different rows.
 */
export async function lockExpiredUploads(trx: Transaction<Database>, limit: number): Promise<TUploadRow[]> {
  const rows = await trx
    .selectFrom('evidence_upload')
    .select(COLUMNS)
    .where(sql<boolean>`expires_at < now()`)
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toRow);
}

/** Records a stored piece of evidence for the uploader's unit (the unit's first upload of a content names it). */
export async function insertEvidence(db: Q, e: { sha256: string; size: number; mime: string; name: string; unitId: string; uploadedBy: string; storage: string }): Promise<void> {
  await db
    .insertInto('evidence')
    .values({ sha256: e.sha256, size: e.size, mime: e.mime, name: e.name, unit_id: e.unitId, uploaded_by: e.uploadedBy, storage: e.storage })
    .onConflict((oc) => oc.columns(['sha256', 'unit_id']).doNothing())
    .execute();
}

/** A piece of evidence as the given unit holds it (another unit's copy of the same bytes is not its own). */
export async function findEvidence(db: Q, sha256: string, unitId: string) {
  return db.selectFrom('evidence').selectAll().where('sha256', '=', sha256).where('unit_id', '=', unitId).executeTakeFirst();
}
