/**
 * Evidence in any S3-compatible object store (AWS S3, SeaweedFS, Ceph RGW, MinIO…), for API
 * replicas that share no disk. Objects are content-addressed: `sha256/<hex>`.
 *
 * - `put` streams the body to a temporary key (multipart, through `@aws-sdk/lib-storage`) while
 *   hashing it, then copies it to its content address unless that object exists already, so the
 *   same content twice is one object.
 * - Resumable uploads stage into one S3 multipart upload per session (`uploads/<id>/assembled`).
 *   S3 wants every part but the last to be at least 5 MiB, while chunks from a tablet may be
 *   smaller; the bytes that do not yet fill a part wait in a small "tail" object, which the next
 *   chunk prepends. Part numbers come from the slots the caller reserved in PostgreSQL, so requests
 *   racing on one upload never overwrite each other's parts; parts left out of the completion are
 *   discarded by S3.
 * - Only calls every S3-compatible store implements are used (no tagging, lifecycle or conditional
 *   writes), and the SDK's default CRC32 checksum trailers are turned off (`WHEN_REQUIRED`), which
 *   several S3-compatible servers do not accept.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ContentMismatchError, exactBytes, hashingMeter, type EvidenceStore, type TAppended, type TByteRange, type TStaging, type TStored } from './evidence-store.js';
import { StartupError } from './errors.js';

export interface S3EvidenceStoreOptions {
  bucket: string;
  /** Unset for AWS S3 itself; e.g. `http://seaweedfs:8333` for a self-hosted store. */
  endpoint?: string;
  region: string;
  /** Unset: the SDK's default chain (environment, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path instead of the host name; what most self-hosted stores expect. */
  forcePathStyle: boolean;
  /** Size of multipart parts; at least 5 MiB (S3's minimum for all parts but the last). */
  partBytes?: number;
}

/** S3's smallest part, and the default. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3 numbers the parts of one multipart upload from 1 to 10000. */
const MAX_PART_NUMBER = 10_000;

interface TS3Staging {
  multipartId: string;
  parts: { n: number; etag: string }[];
  tail: { key: string; size: number } | null;
}

function s3Staging(staging: TStaging): TS3Staging {
  const s = staging as Partial<TS3Staging>;
  if (typeof s.multipartId !== 'string' || !Array.isArray(s.parts)) throw new Error('S3 staging without a multipart upload');
  return { multipartId: s.multipartId, parts: s.parts, tail: s.tail ?? null };
}

function isNotFound(err: unknown): boolean {
  return err instanceof NotFound || err instanceof NoSuchKey || (err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchUpload'));
}

export class S3EvidenceStore implements EvidenceStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partBytes: number;

  constructor(private readonly opts: S3EvidenceStoreOptions) {
    this.bucket = opts.bucket;
    this.partBytes = Math.max(opts.partBytes ?? MIN_PART_BYTES, MIN_PART_BYTES);
    this.client = new S3Client({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      forcePathStyle: opts.forcePathStyle,
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Start-up check: the bucket exists and these credentials may use it; one sentence otherwise. */
  async assertReachable(): Promise<void> {
    const where = `bucket "${this.bucket}"${this.opts.endpoint ? ` at ${this.opts.endpoint}` : ` in ${this.opts.region}`}`;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
      const reason =
        status === 404
          ? 'it does not exist; create it first'
          : status === 403 || status === 401
            ? 'access is denied; check EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY'
            : `${(err as Error).name}: ${(err as Error).message.split('\n')[0]}; check EVIDENCE_S3_ENDPOINT and that the store is running`;
      throw new StartupError(`The evidence ${where} cannot be used (${reason}).`);
    }
  }

  destroy(): void {
    this.client.destroy();
  }

  private keyOf(sha256: string): string {
    return `sha256/${sha256}`;
  }

  private stagingPrefix(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new Error(`not an upload id: ${uploadId}`);
    return `uploads/${uploadId}/`;
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Copies `from` to the content address of `sha256`, unless it is there already (idempotent). */
  private async settle(from: string, sha256: string): Promise<void> {
    const key = this.keyOf(sha256);
    if (await this.exists(key)) return;
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`, ContentType: 'application/octet-stream' }),
    );
  }

  async put(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<TStored> {
    const tmp = `tmp/${randomUUID()}`;
    const { meter, result } = hashingMeter(maxBytes);
    const source = Readable.fromWeb(body as NodeReadableStream);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmp, Body: source.pipe(meter), ContentType: 'application/octet-stream' },
      partSize: this.partBytes,
      queueSize: 2,
    });
    // A too-large body fails the meter; stop the upload (it aborts its multipart upload).
    const failed = new Promise<never>((_, reject) => {
      meter.once('error', (err) => {
        void upload.abort().catch(() => undefined);
        reject(err);
      });
      source.once('error', (err) => {
        meter.destroy(err);
      });
    });
    try {
      await Promise.race([upload.done(), failed]);
      const stored = result();
      await this.settle(tmp, stored.sha256);
      return stored;
    } finally {
      await this.deleteKey(tmp).catch(() => undefined);
    }
  }

  async get(sha256: string, range?: TByteRange): Promise<ReadableStream<Uint8Array> | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      if (!out.Body) return undefined;
      return out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async startStaging(uploadId: string): Promise<TStaging> {
    const out = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: `${this.stagingPrefix(uploadId)}assembled`, ContentType: 'application/octet-stream' }));
    if (!out.UploadId) throw new Error('the S3 store returned no multipart upload id');
    return { multipartId: out.UploadId, parts: [], tail: null } satisfies TS3Staging;
  }

  slotsFor(staging: TStaging, length: number): number {
    return Math.floor(((s3Staging(staging).tail?.size ?? 0) + length) / this.partBytes) + 1;
  }

  private async uploadPart(uploadId: string, multipartId: string, n: number, body: Buffer): Promise<{ n: number; etag: string }> {
    if (n > MAX_PART_NUMBER) throw new Error(`upload ${uploadId} ran out of S3 part numbers (too many interrupted chunks); start a new upload`);
    const out = await this.client.send(
      new UploadPartCommand({ Bucket: this.bucket, Key: `${this.stagingPrefix(uploadId)}assembled`, UploadId: multipartId, PartNumber: n, Body: body, ContentLength: body.length }),
    );
    if (!out.ETag) throw new Error('the S3 store returned no ETag for a part');
    return { n, etag: out.ETag };
  }

  private async readAll(key: string): Promise<Buffer> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!out.Body) return Buffer.alloc(0);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async appendChunk(uploadId: string, staging: TStaging, body: ReadableStream<Uint8Array>, length: number, firstSlot: number): Promise<TAppended> {
    const before = s3Staging(staging);
    const parts = [...before.parts];
    let slot = firstSlot;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    if (before.tail) {
      const tail = await this.readAll(before.tail.key);
      pending.push(tail);
      pendingBytes = tail.length;
    }
    for await (const piece of exactBytes(body, length)) {
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes >= this.partBytes) {
        const all = Buffer.concat(pending);
        parts.push(await this.uploadPart(uploadId, before.multipartId, slot++, all.subarray(0, this.partBytes)));
        pending = [all.subarray(this.partBytes)];
        pendingBytes -= this.partBytes;
      }
    }
    let tail: TS3Staging['tail'] = null;
    if (pendingBytes > 0) {
      // Named by this request's first slot: unique to it, so a losing racer never overwrites the winner's tail.
      tail = { key: `${this.stagingPrefix(uploadId)}tail-${firstSlot}`, size: pendingBytes };
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: tail.key, Body: Buffer.concat(pending), ContentLength: pendingBytes }));
    }
    return {
      staging: { multipartId: before.multipartId, parts, tail } satisfies TS3Staging,
      committed: async () => {
        if (before.tail) await this.deleteKey(before.tail.key);
      },
      abandoned: async () => {
        if (tail) await this.deleteKey(tail.key);
      },
    };
  }

  async completeStaging(uploadId: string, staging: TStaging, expected: TStored, slot: number): Promise<void> {
    const s = s3Staging(staging);
    const assembled = `${this.stagingPrefix(uploadId)}assembled`;
    const parts = [...s.parts];
    try {
      if (s.tail) parts.push(await this.uploadPart(uploadId, s.multipartId, slot, await this.readAll(s.tail.key)));
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: assembled, UploadId: s.multipartId, MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.n, ETag: p.etag })) } }),
      );
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // A finalize retried after an earlier one got further than its answer did: either the
      // assembled object is there (verify it below), or it was verified and stored already.
      if (!(await this.exists(assembled))) {
        if (await this.exists(this.keyOf(expected.sha256))) return;
        throw err;
      }
    }
    // Verify what the store now holds, not what passed through this process.
    const { meter, result } = hashingMeter(Number.MAX_SAFE_INTEGER);
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: assembled }));
    if (!out.Body) throw new Error('the S3 store returned no body for the assembled upload');
    await pipeline(Readable.fromWeb(out.Body.transformToWebStream() as NodeReadableStream), meter, async function (source: AsyncIterable<Buffer>) {
      for await (const piece of source) void piece;
    });
    const actual = result();
    if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
      await this.discardStaging(uploadId, staging);
      throw new ContentMismatchError(actual);
    }
    await this.settle(assembled, actual.sha256);
    await this.discardStaging(uploadId, staging);
  }

  async discardStaging(uploadId: string, staging: TStaging): Promise<void> {
    const s = s3Staging(staging);
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: `${this.stagingPrefix(uploadId)}assembled`, UploadId: s.multipartId }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const prefix = this.stagingPrefix(uploadId);
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) await this.deleteKey(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
