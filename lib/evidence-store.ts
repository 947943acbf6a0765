/**
 * Where evidence files live, addressed by SHA-256 (`sha256/<hex>`), behind one interface with two
 * backends: the disk (one API process, or a disk every replica mounts) and any S3-compatible store
 * (`lib/s3-evidence-store.ts`), for replicas that share no disk.
 *
 * Besides whole-file `put`, a store keeps the staging area of resumable uploads: each chunk is
 * written to the store itself and described by a small JSON value (`TStaging`) that the caller keeps
 * in PostgreSQL beside the upload session, so whichever replica receives the next chunk can go on.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';

export interface TStored {
  sha256: string;
  size: number;
}

/** Inclusive byte positions, as in an HTTP `Range` header. */
export interface TByteRange {
  start: number;
  end: number;
}

/** A store's description of a resumable upload's staged bytes; JSON, kept in PostgreSQL. */
export type TStaging = { [key: string]: unknown };

/** The result of writing one chunk: the new staging and what to clean up once its fate is known. */
export interface TAppended {
  staging: TStaging;
  /** Call once `staging` is committed: removes what the previous staging needed and this one does not. */
  committed(): Promise<void>;
  /** Call when `staging` was not committed (another request continued the upload): removes what this chunk wrote. */
  abandoned(): Promise<void>;
}

export interface EvidenceStore {
  readonly kind: 'disk' | 's3';
  /** Streams `body` in, refusing more than `maxBytes`; returns its hash and size. Same content, one object. */
  put(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<TStored>;
  /** The file (or the bytes of `range`), or undefined when the store does not have it. */
  get(sha256: string, range?: TByteRange): Promise<ReadableStream<Uint8Array> | undefined>;

  /** Opens the staging area of upload `uploadId`. */
  startStaging(uploadId: string): Promise<TStaging>;
  /**
   * How many slot numbers appending `length` bytes may use. Each request that writes to a staging
   * area gets its own range of slots (reserved in PostgreSQL), so two requests racing on the same
   * upload never write to the same place.
   */
  slotsFor(staging: TStaging, length: number): number;
  /** Appends exactly `length` bytes of `body` using slots `firstSlot…`; throws {@link ChunkError} when the body is cut short or too long. */
  appendChunk(uploadId: string, staging: TStaging, body: ReadableStream<Uint8Array>, length: number, firstSlot: number): Promise<TAppended>;
  /**
   * Assembles the staged bytes, checks them against `expected` and stores them under their hash
   * (once: an existing object is kept). Throws {@link ContentMismatchError} when they differ; the
   * staging is then discarded. `slot` is one reserved slot number.
   */
  completeStaging(uploadId: string, staging: TStaging, expected: TStored, slot: number): Promise<void>;
  /** Removes everything staged for `uploadId`; safe to call twice. */
  discardStaging(uploadId: string, staging: TStaging): Promise<void>;
}

export class TooLargeError extends Error {}

/** A chunk's body did not have the announced length (the connection dropped, or the client sent more). */
export class ChunkError extends Error {
  constructor(
    message: string,
    readonly received: number,
  ) {
    super(message);
  }
}

/** The assembled upload is not what its creator declared. */
export class ContentMismatchError extends Error {
  constructor(readonly actual: TStored) {
    super(`the uploaded bytes are ${actual.size} bytes with SHA-256 ${actual.sha256}`);
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Yields exactly `length` bytes of `body`; a body that fails, ends early or runs on becomes a
 * {@link ChunkError}, so a dropped connection is told apart from a failing store.
 */
export async function* exactBytes(body: ReadableStream<Uint8Array>, length: number): AsyncGenerator<Buffer> {
  let received = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (err) {
        throw new ChunkError(`the chunk was cut off after ${received} of ${length} bytes (${(err as Error).message})`, received);
      }
      if (step.done) break;
      received += step.value.byteLength;
      if (received > length) throw new ChunkError(`the chunk has more than the ${length} bytes announced by Content-Length`, received);
      yield Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength);
    }
  } finally {
    reader.releaseLock();
  }
  if (received < length) throw new ChunkError(`the chunk ended after ${received} of ${length} bytes`, received);
}

/** A pass-through that hashes and counts, refusing more than `maxBytes`. */
export function hashingMeter(maxBytes: number): { meter: Transform; result(): TStored } {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | undefined;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new TooLargeError(`larger than ${maxBytes} bytes`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return { meter, result: () => ({ sha256: (digest ??= hash.digest('hex')), size }) };
}

interface TDiskStaging {
  chunks: { slot: number; size: number }[];
}

function diskStaging(staging: TStaging): TDiskStaging {
  const chunks = (staging as Partial<TDiskStaging>).chunks;
  if (!Array.isArray(chunks)) throw new Error('disk staging without chunks');
  return { chunks };
}

export class DiskEvidenceStore implements EvidenceStore {
  readonly kind = 'disk';
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private stagingDir(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new Error(`not an upload id: ${uploadId}`);
    return path.join(this.root, 'uploads', uploadId);
  }

  private async tmpFile(): Promise<string> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    return path.join(tmpDir, randomUUID());
  }

  /** Moves a verified temporary file to its content address (same content, same name: replacing it changes nothing). */
  private async settle(tmp: string, sha256: string): Promise<void> {
    const final = this.pathOf(sha256);
    await mkdir(path.dirname(final), { recursive: true });
    await rename(tmp, final);
  }

  async put(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<TStored> {
    const tmp = await this.tmpFile();
    const { meter, result } = hashingMeter(maxBytes);
    try {
      await pipeline(Readable.fromWeb(body as NodeReadableStream), meter, createWriteStream(tmp));
      const stored = result();
      await this.settle(tmp, stored.sha256);
      return stored;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(sha256: string, range?: TByteRange): Promise<ReadableStream<Uint8Array> | undefined> {
    const file = this.pathOf(sha256);
    if (!(await exists(file))) return undefined;
    return Readable.toWeb(createReadStream(file, range ? { start: range.start, end: range.end } : {})) as ReadableStream<Uint8Array>;
  }

  async startStaging(uploadId: string): Promise<TStaging> {
    await mkdir(this.stagingDir(uploadId), { recursive: true });
    return { chunks: [] } satisfies TDiskStaging;
  }

  slotsFor(): number {
    return 1;
  }

  async appendChunk(uploadId: string, staging: TStaging, body: ReadableStream<Uint8Array>, length: number, firstSlot: number): Promise<TAppended> {
    const { chunks } = diskStaging(staging);
    const dir = this.stagingDir(uploadId);
    await mkdir(dir, { recursive: true });
    // Each request writes its own file (named by its slot): a slow request that lost the race
    // can never overwrite bytes another one committed.
    const file = path.join(dir, String(firstSlot));
    try {
      await pipeline(Readable.from(exactBytes(body, length)), createWriteStream(file));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    return {
      staging: { chunks: [...chunks, { slot: firstSlot, size: length }] } satisfies TDiskStaging,
      committed: async () => {},
      abandoned: () => rm(file, { force: true }),
    };
  }

  async completeStaging(uploadId: string, staging: TStaging, expected: TStored): Promise<void> {
    const { chunks } = diskStaging(staging);
    const dir = this.stagingDir(uploadId);
    // A finalize retried after an earlier one stored the file but could not record it.
    if (!(await exists(dir)) && (await exists(this.pathOf(expected.sha256)))) return;
    const tmp = await this.tmpFile();
    const { meter, result } = hashingMeter(Number.MAX_SAFE_INTEGER);
    try {
      const files = chunks.map((c) => path.join(dir, String(c.slot)));
      async function* all(): AsyncGenerator<Buffer> {
        for (const f of files) yield* createReadStream(f);
      }
      await pipeline(Readable.from(all()), meter, createWriteStream(tmp));
      const actual = result();
      if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
        await this.discardStaging(uploadId);
        throw new ContentMismatchError(actual);
      }
      await this.settle(tmp, actual.sha256);
      await this.discardStaging(uploadId);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async discardStaging(uploadId: string): Promise<void> {
    await rm(this.stagingDir(uploadId), { recursive: true, force: true });
  }
}
