/**
 * Resumable evidence uploads (for tablets in the field whose connection drops):
 *
 *   1. create: the file's name, type, size and SHA-256 are declared; type and size limits apply here;
 *   2. PATCH chunks, each at the offset the server has (`Upload-Offset`), any size, in order;
 *      a wrong offset is 409 with the right one; a chunk cut off by a dropped connection is not
 *      kept, and is sent again from the same offset;
 *   3. GET/HEAD tells the offset (after a reconnect);
 *   4. finalize: the staged bytes must have the declared size and SHA-256; they are then stored
 *      under their hash like a one-shot upload (same content, one object), and their first bytes,
 *      read back from the store, must be of the declared type (api/services/evidence-type.ts)
 *      before they become evidence.
 *
 * This is INS's own protocol, not tus: it borrows three names from tus 1.0 — the `Upload-Offset`
 * and `Upload-Length` headers and the `application/offset+octet-stream` chunk type — with their tus
 * meaning, and nothing else (no `Tus-Resumable`, no `OPTIONS`, creation by JSON, chunks answered
 * with 200 and JSON, a cut-off chunk kept not at all, an explicit finalize). A tus client cannot
 * use it; why INS keeps it rather than `@tus/server` is docs/adr/0075.
 *
 * The session lives in PostgreSQL and the bytes in the evidence store, so each step may go to any
 * API replica. A session belongs to its creator. Abandoned sessions expire and are removed by
 * {@link cleanupExpiredUploads}, which any replica may run at any time.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { closeUpload, commitChunk, deleteUpload, findUpload, insertEvidence, insertUpload, leaseUpload, lockExpiredUploads, type TUploadRow } from '../../db/repositories/evidence-uploads.js';
import type { TUser } from '../../db/repositories/people.js';
import { ChunkError, ContentMismatchError, type EvidenceStore } from '../../lib/evidence-store.js';
import { AppError, invalidField } from '../errors.js';
import { checkEvidenceType, firstBytes, SNIFF_BYTES, type TEvidenceType } from './evidence-type.js';

export interface TUploadDeps {
  db: Db;
  store: EvidenceStore;
  maxBytes: number;
  /** How long a session lives after its last chunk. */
  uploadTtlMs: number;
}

/** A session the caller may act on: their own, and not expired. */
async function ownSession(db: Db, user: TUser, id: string): Promise<TUploadRow> {
  const row = await findUpload(db, id);
  // Someone else's session is reported as missing: its existence is none of the caller's business.
  if (!row || row.ownerId !== user.id) throw new AppError('NOT_FOUND', `No upload ${id} of yours.`);
  if (row.isExpired) throw new AppError('UPLOAD_EXPIRED', `Upload ${id} expired after a long pause; start a new upload of the file.`);
  return row;
}

export async function createUpload(deps: TUploadDeps, user: TUser, d: { name: string; mime: string; size: number; sha256: string }): Promise<TUploadRow> {
  if (d.size > deps.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `size: the file is larger than ${deps.maxBytes} bytes.`);
  const id = randomUUID();
  const staging = await deps.store.startStaging(id);
  return insertUpload(deps.db, { id, ownerId: user.id, unitId: user.unitId, name: d.name, mime: d.mime, size: d.size, sha256: d.sha256, storage: deps.store.kind, staging, ttlMs: deps.uploadTtlMs });
}

export async function getUpload(deps: TUploadDeps, user: TUser, id: string): Promise<TUploadRow> {
  return ownSession(deps.db, user, id);
}

function offsetMismatch(row: TUploadRow, offset: number): AppError {
  return new AppError('UPLOAD_OFFSET_MISMATCH', `Upload-Offset is ${offset} but the upload has ${row.received} bytes; send the chunk that starts at ${row.received}.`, undefined, {
    offset: row.received,
  });
}

/** Appends one chunk of `length` bytes at `offset`; returns the session after it. */
export async function appendChunk(deps: TUploadDeps, user: TUser, id: string, offset: number, length: number, body: ReadableStream<Uint8Array>): Promise<TUploadRow> {
  const row = await ownSession(deps.db, user, id);
  if (row.status !== 'OPEN') throw new AppError('CONFLICT', `Upload ${id} is ${row.status.toLowerCase()}; it takes no more chunks.`);
  if (offset !== row.received) throw offsetMismatch(row, offset);
  if (length === 0) throw invalidField('content-length', 'a chunk has at least one byte.', 'min', { n: 1 });
  if (offset + length > row.size) {
    throw invalidField('content-length', `the chunk runs to byte ${offset + length}, past the declared size of ${row.size} bytes.`, 'max', { n: row.size - offset });
  }
  const lease = await leaseUpload(deps.db, { id, received: offset, slots: deps.store.slotsFor(row.staging, length), ttlMs: deps.uploadTtlMs });
  if (!lease) {
    // Another chunk was committed (or the session ended) between the read and the lease.
    const now = await ownSession(deps.db, user, id);
    throw now.status === 'OPEN' ? offsetMismatch(now, offset) : new AppError('CONFLICT', `Upload ${id} is ${now.status.toLowerCase()}; it takes no more chunks.`);
  }
  let appended;
  try {
    appended = await deps.store.appendChunk(id, lease.staging, body, length, lease.firstSlot);
  } catch (err) {
    if (err instanceof ChunkError) {
      throw new AppError('UPLOAD_CHUNK_INCOMPLETE', `The chunk was not kept: ${err.message}; send it again from offset ${offset}.`, undefined, { offset });
    }
    throw err;
  }
  if (!(await commitChunk(deps.db, { id, leaseId: lease.leaseId, from: offset, to: offset + length, staging: appended.staging }))) {
    await appended.abandoned();
    throw new AppError('CONFLICT', `Another request continued upload ${id} meanwhile; ask for its offset (HEAD) and go on from there.`);
  }
  await appended.committed();
  return ownSession(deps.db, user, id);
}

/** The stored evidence, once the staged bytes have the declared size and SHA-256. Idempotent. */
export async function finalizeUpload(deps: TUploadDeps, user: TUser, id: string): Promise<TUploadRow> {
  const row = await ownSession(deps.db, user, id);
  if (row.status === 'COMPLETED') return row;
  if (row.status === 'FAILED') throw mismatch(row);
  if (row.received < row.size) {
    throw new AppError('UPLOAD_INCOMPLETE', `Upload ${id} has ${row.received} of ${row.size} bytes; send the rest from offset ${row.received} first.`, undefined, { offset: row.received });
  }
  const lease = await leaseUpload(deps.db, { id, received: row.size, slots: 1, ttlMs: deps.uploadTtlMs });
  if (!lease) return finalizeUpload(deps, user, id);
  try {
    await deps.store.completeStaging(id, lease.staging, { sha256: row.sha256, size: row.size }, lease.firstSlot);
  } catch (err) {
    if (err instanceof ContentMismatchError) {
      await closeUpload(deps.db, { id, leaseId: lease.leaseId, status: 'FAILED' });
      throw mismatch(row, err);
    }
    throw err;
  }
  // Sniffed from what the store now holds. A mismatch ends the upload (a retry finds none) and
  // records no evidence; the stored object stays, content-addressed and unreferenced, as a second
  // upload of the same bytes would find it.
  const head = await deps.store.get(row.sha256, { start: 0, end: Math.min(SNIFF_BYTES, row.size) - 1 });
  if (!head) throw new Error(`the store lost ${row.sha256} right after storing it`);
  try {
    await checkEvidenceType(row.mime as TEvidenceType, await firstBytes(head, SNIFF_BYTES), 'mime');
  } catch (err) {
    await deleteUpload(deps.db, id);
    throw err;
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertEvidence(trx, { sha256: row.sha256, size: row.size, mime: row.mime, name: row.name, unitId: row.unitId, uploadedBy: user.id, storage: deps.store.kind });
    await closeUpload(trx, { id, leaseId: lease.leaseId, status: 'COMPLETED' });
  });
  return ownSession(deps.db, user, id);
}

function mismatch(row: TUploadRow, err?: ContentMismatchError): AppError {
  const what = err ? `${err.actual.size} bytes with SHA-256 ${err.actual.sha256}` : 'different';
  return new AppError(
    'UPLOAD_CHECKSUM_MISMATCH',
    `The uploaded bytes (${what}) are not the declared file (${row.size} bytes with SHA-256 ${row.sha256}); they were discarded: start a new upload.`,
    undefined,
    err ? { actual: err.actual } : undefined,
  );
}

/** Abandons one's own upload and removes what was staged. */
export async function discardUpload(deps: TUploadDeps, user: TUser, id: string): Promise<void> {
  const row = await findUpload(deps.db, id);
  if (!row || row.ownerId !== user.id) throw new AppError('NOT_FOUND', `No upload ${id} of yours.`);
  if (row.status === 'OPEN') await deps.store.discardStaging(id, row.staging);
  await deleteUpload(deps.db, id);
}

/**
 * Removes expired sessions and what they staged, a batch at a time; returns how many. Safe on
 * several replicas at once (rows locked with SKIP LOCKED), and a chunk in flight keeps its session
 * alive (leasing pushes the expiry back).
 */
export async function cleanupExpiredUploads(deps: { db: Db; store: EvidenceStore }, batch = 50): Promise<number> {
  let removed = 0;
  for (;;) {
    const n = await deps.db.transaction().execute(async (trx) => {
      const rows = await lockExpiredUploads(trx, batch);
      for (const row of rows) {
        // A session staged in another kind of store (the configuration changed) is left to that store's lifecycle rules.
        if (row.status === 'OPEN' && row.storage === deps.store.kind) await deps.store.discardStaging(row.id, row.staging);
        await deleteUpload(trx, row.id);
      }
      return rows.length;
    });
    removed += n;
    if (n < batch) return removed;
  }
}
