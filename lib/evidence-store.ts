/**
 * Where evidence files live, addressed by SHA-256. The disk store suits one API process (and
 * `npm start`); replicas that do not share a disk need a shared store behind the same interface.
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

export interface EvidenceStore {
  readonly kind: string;
  /** Streams `body` in, refusing more than `maxBytes`; returns its hash and size. */
  put(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<TStored>;
  get(sha256: string): Promise<ReadableStream<Uint8Array> | undefined>;
}

export class TooLargeError extends Error {}

export class DiskEvidenceStore implements EvidenceStore {
  readonly kind = 'disk';
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<TStored> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) return cb(new TooLargeError(`larger than ${maxBytes} bytes`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as NodeReadableStream), meter, createWriteStream(tmp));
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(path.dirname(final), { recursive: true });
      // Same content, same name: a second upload of the file simply replaces it with itself.
      await rename(tmp, final);
      return { sha256, size };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(sha256: string): Promise<ReadableStream<Uint8Array> | undefined> {
    const file = this.pathOf(sha256);
    try {
      await stat(file);
    } catch {
      return undefined;
    }
    return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  }
}
