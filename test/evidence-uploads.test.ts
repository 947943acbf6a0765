/**
 * Evidence on both stores — the disk and a real S3-compatible server (gofakes3, started here) —
 * through the HTTP API: one-shot and resumable uploads, downloads with ranges, limits, and two API
 * replicas sharing nothing but PostgreSQL and the store.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { cleanupExpiredUploads } from '../api/services/evidence-uploads.js';
import { seedDemoData } from '../db/demo-data.js';
import { DiskEvidenceStore, type EvidenceStore } from '../lib/evidence-store.js';
import { S3EvidenceStore } from '../lib/s3-evidence-store.js';
import type { S3TestServer } from '../lib/s3-test-server.js';
import { createTestApp, createTestDatabase, signIn, startTestS3, type TestDatabase, type TTestSession } from './support.js';

const MAX = 16 * 1024 * 1024;
const MiB = 1024 * 1024;

let database: TestDatabase;
const UNIT = `nb${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
});
afterAll(async () => {
  await database?.drop();
});

/** The first bytes of an MP4 video (an ISO base media `ftyp` box) and of a JPEG photo: evidence types are checked against the bytes. */
const MP4_HEAD = [0x00, 0x00, 0x00, 0x18, ...Buffer.from('ftypisom'), 0x00, 0x00, 0x02, 0x00, ...Buffer.from('isomiso2')];
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF'), 0x00];

/** `n` pseudo-random bytes after the given head (an MP4's by default: the uploads below declare video/mp4). */
function bytes(n: number, seed: number, head: number[] = MP4_HEAD): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i < head.length ? head[i]! : x >>> 24;
  }
  return out;
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface TError {
  error: { code: string; message: string; details?: { offset?: number } };
}
interface TUpload {
  id: string;
  offset: number;
  status: string;
  evidence?: { sha256: string; size: number };
}

/** One kind of store, reached by two API replicas that share only PostgreSQL and the store. */
interface TBench {
  kind: 'disk' | 's3';
  stores: EvidenceStore[];
  replicas: InsApp[];
  /** Keys under `prefix` in the bucket (S3), or files under the folder (disk). */
  listStored(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

async function diskBench(): Promise<TBench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ins-evidence-'));
  await chmod(dir, 0o755);
  const stores = [new DiskEvidenceStore(dir), new DiskEvidenceStore(dir)];
  const apps = await Promise.all(stores.map((store) => createTestApp(database.db, { evidence: { store, maxBytes: MAX } })));
  return {
    kind: 'disk',
    stores,
    replicas: apps.map((a) => a.app),
    async listStored(prefix) {
      const files = await readdir(path.join(dir, prefix), { recursive: true, withFileTypes: true }).catch(() => []);
      return files.filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
    },
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let s3Server: S3TestServer | undefined;
async function s3Bench(): Promise<TBench> {
  s3Server = await startTestS3();
  const settings = { bucket: s3Server.bucket, endpoint: s3Server.endpoint, region: 'us-east-1', credentials: s3Server.credentials, forcePathStyle: true };
  const stores = [new S3EvidenceStore(settings), new S3EvidenceStore(settings)];
  await stores[0]!.assertReachable();
  const apps = await Promise.all(stores.map((store) => createTestApp(database.db, { evidence: { store, maxBytes: MAX } })));
  const client = new S3Client({ ...settings, requestChecksumCalculation: 'WHEN_REQUIRED' });
  return {
    kind: 's3',
    stores,
    replicas: apps.map((a) => a.app),
    async listStored(prefix) {
      const out = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: prefix }));
      return (out.Contents ?? []).map((o) => o.Key!);
    },
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      for (const s of stores) s.destroy();
      client.destroy();
      await s3Server?.stop();
    },
  };
}

describe.each([
  ['disk', diskBench],
  ['S3-compatible', s3Bench],
] as const)('evidence on the %s store', (_label, makeBench) => {
  let bench: TBench;
  const sessions = new Map<string, TTestSession>();
  const app = (i = 0) => bench.replicas[i]!;

  beforeAll(async () => {
    bench = await makeBench();
    for (const u of ['kiemsoat.an', 'kiemsoat.binh', 'kehoach.nga']) sessions.set(u, await signIn(app(), u));
  });
  afterAll(async () => {
    await bench?.close();
  });

  function headers(user: string, extra: Record<string, string> = {}): Record<string, string> {
    const s = sessions.get(user)!;
    return { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `k-${randomUUID()}`, ...extra };
  }
  const post = (user: string, body: Uint8Array, type = 'image/jpeg', name = 'ảnh.jpg', i = 0) =>
    app(i).request('/api/v1/evidence', { method: 'POST', headers: headers(user, { 'content-type': type, 'x-file-name': encodeURIComponent(name) }), body });
  const create = (user: string, d: { size: number; sha256: string; mime?: string; name?: string }, i = 0) =>
    app(i).request('/api/v1/evidence/uploads', {
      method: 'POST',
      headers: headers(user, { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'video hiện trường.mp4', mime: 'video/mp4', ...d }),
    });
  const patch = (user: string, id: string, offset: number, body: Uint8Array | ReadableStream<Uint8Array>, length: number, i = 0) =>
    app(i).request(`/api/v1/evidence/uploads/${id}`, {
      method: 'PATCH',
      headers: headers(user, { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'content-length': String(length) }),
      body,
      duplex: 'half',
    } as RequestInit);
  const status = (user: string, id: string, i = 0, method = 'GET') => app(i).request(`/api/v1/evidence/uploads/${id}`, { method, headers: headers(user) });
  const finalize = (user: string, id: string, i = 0) => app(i).request(`/api/v1/evidence/uploads/${id}/finalize`, { method: 'POST', headers: headers(user) });
  const download = (user: string, hash: string, range?: string, i = 0) => app(i).request(`/api/v1/evidence/${hash}`, { headers: { ...headers(user), ...(range ? { range } : {}) } });

  /** Sends `file` from `from` to `to` in chunks of `chunk` bytes through replica `i`. */
  async function sendChunks(user: string, id: string, file: Uint8Array, from: number, to: number, chunk: number, i = 0): Promise<TUpload> {
    let last: TUpload | undefined;
    for (let off = from; off < to; off += chunk) {
      const piece = file.subarray(off, Math.min(off + chunk, to));
      const res = await patch(user, id, off, piece, piece.length, i);
      expect(res.status, await res.clone().text()).toBe(200);
      last = (await res.json()) as TUpload;
      expect(last.offset).toBe(off + piece.length);
    }
    return last!;
  }

  it('stores a one-shot upload once under its SHA-256, however often it is sent, and serves it whole or by range', async () => {
    const file = bytes(6 * MiB + 123, 1, JPEG_HEAD);
    const first = await post('kiemsoat.an', file);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ sha256: sha(file), size: file.length, mime: 'image/jpeg', name: 'ảnh.jpg' });
    expect((await post('kiemsoat.binh', file, 'image/jpeg', 'copy.jpg', 1)).status).toBe(201);
    const key = bench.kind === 's3' ? `sha256/${sha(file)}` : 'sha256';
    expect((await bench.listStored(key)).filter((k) => k.endsWith(sha(file)))).toHaveLength(1);
    expect(await bench.listStored('tmp/')).toEqual([]);

    const whole = await download('kiemsoat.binh', sha(file), undefined, 1);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    expect(whole.headers.get('content-length')).toBe(String(file.length));
    expect(sha(new Uint8Array(await whole.arrayBuffer()))).toBe(sha(file));

    const part = await download('kiemsoat.an', sha(file), 'bytes=5242870-5242889');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 5242870-5242889/${file.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(file.subarray(5242870, 5242890));
    const suffix = await download('kiemsoat.an', sha(file), 'bytes=-7');
    expect(suffix.status).toBe(206);
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(file.subarray(file.length - 7));
    const outside = await download('kiemsoat.an', sha(file), `bytes=${file.length}-`);
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${file.length}`);
    expect(((await outside.json()) as TError).error.code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('refuses files over the size limit and types that are not evidence, on both upload paths', async () => {
    const big = await post('kiemsoat.an', bytes(MAX + 1, 2, JPEG_HEAD));
    expect(big.status).toBe(413);
    expect(((await big.json()) as TError).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than 16777216 bytes/) });
    const exe = await post('kiemsoat.an', bytes(100, 3), 'application/x-msdownload', 'a.exe');
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as TError).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await bench.listStored('tmp/')).toEqual([]);

    const tooBig = await create('kiemsoat.an', { size: MAX + 1, sha256: 'a'.repeat(64) });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as TError).error.code).toBe('PAYLOAD_TOO_LARGE');
    const wrongType = await create('kiemsoat.an', { size: 10, sha256: 'a'.repeat(64), mime: 'text/html' });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as TError).error.message).toMatch(/^mime: text\/html is not accepted/);
    const badHash = await create('kiemsoat.an', { size: 10, sha256: 'xyz' });
    expect(badHash.status).toBe(400);
    expect(((await badHash.json()) as TError).error.message).toMatch(/^sha256: /);
    expect((await create('kehoach.nga', { size: 10, sha256: 'a'.repeat(64) })).status).toBe(403);
    const anonymous = await app().request('/api/v1/evidence/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'a.jpg', mime: 'image/jpeg', size: 10, sha256: 'a'.repeat(64) }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('resumes an upload cut off mid-chunk through another replica, and stores exactly the declared file', async () => {
    const file = bytes(12 * MiB + 4321, 4);
    const created = await create('kiemsoat.an', { size: file.length, sha256: sha(file) });
    expect(created.status).toBe(201);
    const { id, offset } = (await created.json()) as TUpload;
    expect(offset).toBe(0);
    expect(created.headers.get('location')).toBe(`/api/v1/evidence/uploads/${id}`);

    // Replica 0 receives 3 MiB chunks (smaller than S3's 5 MiB parts) up to 6 MiB + 1000 bytes.
    const cut = 6 * MiB + 1000;
    await sendChunks('kiemsoat.an', id, file, 0, cut, 3 * MiB, 0);

    // The next chunk's connection drops half-way: nothing of it is kept.
    const chunk = file.subarray(cut, cut + 4 * MiB);
    let sent = 0;
    const dropped = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent >= 2 * MiB) return ctl.error(new Error('connection reset by peer'));
        ctl.enqueue(chunk.slice(sent, sent + 256 * 1024));
        sent += 256 * 1024;
      },
    });
    const broken = await patch('kiemsoat.an', id, cut, dropped, chunk.length, 0);
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as TError).error).toMatchObject({ code: 'UPLOAD_CHUNK_INCOMPLETE', details: { offset: cut } });

    // The tablet reconnects to replica 1, asks where the upload stands and goes on from there.
    const head = await status('kiemsoat.an', id, 1, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(cut));
    expect(head.headers.get('upload-length')).toBe(String(file.length));
    expect(await head.text()).toBe('');
    const early = await finalize('kiemsoat.an', id, 1);
    expect(early.status).toBe(409);
    expect(((await early.json()) as TError).error).toMatchObject({ code: 'UPLOAD_INCOMPLETE', details: { offset: cut } });
    await sendChunks('kiemsoat.an', id, file, cut, file.length, 5 * MiB + 7, 1);

    const done = await finalize('kiemsoat.an', id, 1);
    expect(done.status).toBe(201);
    expect(((await done.json()) as TUpload).evidence).toEqual({ sha256: sha(file), size: file.length, mime: 'video/mp4', name: 'video hiện trường.mp4' });
    // Finalizing again (a retry after a lost answer) gives the same result.
    const again = await finalize('kiemsoat.an', id, 0);
    expect(again.status).toBe(201);
    expect(((await again.json()) as TUpload).status).toBe('COMPLETED');

    const got = await download('kiemsoat.binh', sha(file), undefined, 0);
    expect(got.status).toBe(200);
    expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(file));
    expect(await bench.listStored(`uploads/${id}`)).toEqual([]);
  });

  it('answers a chunk at the wrong offset with 409 and the offset to resume from', async () => {
    const file = bytes(300_000, 5);
    const { id } = (await (await create('kiemsoat.an', { size: file.length, sha256: sha(file) })).json()) as TUpload;
    await sendChunks('kiemsoat.an', id, file, 0, 100_000, 100_000);
    for (const offset of [0, 150_000]) {
      const res = await patch('kiemsoat.an', id, offset, file.subarray(offset, offset + 1000), 1000, 1);
      expect(res.status).toBe(409);
      expect(((await res.json()) as TError).error).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', details: { offset: 100_000 } });
    }
    const past = await patch('kiemsoat.an', id, 100_000, bytes(200_001, 6), 200_001);
    expect(past.status).toBe(400);
    expect(((await past.json()) as TError).error.message).toMatch(/^content-length: .*past the declared size of 300000 bytes/);
    const noOffset = await app().request(`/api/v1/evidence/uploads/${id}`, {
      method: 'PATCH',
      headers: headers('kiemsoat.an', { 'content-type': 'application/offset+octet-stream', 'content-length': '5' }),
      body: new Uint8Array(5),
    });
    expect(noOffset.status).toBe(400);
    expect(((await noOffset.json()) as TError).error.message).toMatch(/^upload-offset: /);
    expect(((await (await status('kiemsoat.an', id)).json()) as TUpload).offset).toBe(100_000);
  });

  it('rejects at finalize bytes that are not the declared file, and keeps nothing of them', async () => {
    const declared = bytes(7 * MiB, 7);
    const tampered = declared.slice();
    tampered[3 * MiB] = tampered[3 * MiB]! ^ 0xff;
    const { id } = (await (await create('kiemsoat.an', { size: declared.length, sha256: sha(declared) })).json()) as TUpload;
    await sendChunks('kiemsoat.an', id, tampered, 0, tampered.length, 2 * MiB);
    const res = await finalize('kiemsoat.an', id, 1);
    expect(res.status).toBe(422);
    const body = (await res.json()) as TError & { error: { details: { actual: { sha256: string } } } };
    expect(body.error.code).toBe('UPLOAD_CHECKSUM_MISMATCH');
    expect(body.error.message).toContain(sha(tampered));
    expect(body.error.details.actual.sha256).toBe(sha(tampered));
    expect(((await (await status('kiemsoat.an', id)).json()) as TUpload).status).toBe('FAILED');
    expect((await finalize('kiemsoat.an', id)).status).toBe(422);
    expect(
      await database.db
        .selectFrom('evidence')
        .select('sha256')
        .where('sha256', 'in', [sha(declared), sha(tampered)])
        .execute(),
    ).toEqual([]);
    expect(await bench.listStored(`uploads/${id}`)).toEqual([]);
    expect((await bench.listStored(bench.kind === 's3' ? 'sha256/' : 'sha256')).filter((k) => k.endsWith(sha(tampered)))).toEqual([]);
  });

  it('refuses at finalize a file whose stored first bytes are not of the declared type (415), records no evidence, and ends the upload', async () => {
    // Declared as a video, sent as a PDF; and declared as a photo, sent as a video.
    for (const [file, mime] of [
      [bytes(6 * MiB + 99, 12, [...Buffer.from('%PDF-1.7\n')]), 'video/mp4'],
      [bytes(70_000, 13), 'image/jpeg'],
    ] as const) {
      const { id } = (await (await create('kiemsoat.an', { size: file.length, sha256: sha(file), mime, name: 'tep' })).json()) as TUpload;
      await sendChunks('kiemsoat.an', id, file, 0, file.length, 4 * MiB, 1);
      const res = await finalize('kiemsoat.an', id, 0);
      expect(res.status).toBe(415);
      const body = (await res.json()) as TError;
      expect(body.error.code).toBe('EVIDENCE_TYPE_MISMATCH');
      expect(body.error.message).toContain(mime);
      expect(await database.db.selectFrom('evidence').select('sha256').where('sha256', '=', sha(file)).execute()).toEqual([]);
      expect((await status('kiemsoat.an', id)).status).toBe(404);
      expect((await finalize('kiemsoat.an', id, 1)).status).toBe(404);
      expect(await bench.listStored(`uploads/${id}`)).toEqual([]);
    }
  });

  it('lets only one of two replicas receiving the same chunk at once keep it, and the upload stays whole', async () => {
    const file = bytes(9 * MiB, 10);
    const { id } = (await (await create('kiemsoat.an', { size: file.length, sha256: sha(file) })).json()) as TUpload;
    const piece = file.subarray(0, 6 * MiB);
    const both = await Promise.all([0, 1].map((i) => patch('kiemsoat.an', id, 0, piece, piece.length, i)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = (await both.find((r) => r.status === 409)!.json()) as TError;
    expect(['CONFLICT', 'UPLOAD_OFFSET_MISMATCH']).toContain(loser.error.code);
    expect(((await (await status('kiemsoat.an', id, 1)).json()) as TUpload).offset).toBe(piece.length);
    await sendChunks('kiemsoat.an', id, file, piece.length, file.length, 2 * MiB, 1);
    const done = await finalize('kiemsoat.an', id);
    expect(done.status).toBe(201);
    expect(((await done.json()) as TUpload).evidence?.sha256).toBe(sha(file));
    expect(await bench.listStored(`uploads/${id}`)).toEqual([]);
  });

  it('completes a staged upload a second time without harm, as a finalize retried after a crash would', async () => {
    const file = bytes(MiB + 5, 11);
    const id = randomUUID();
    const started = await bench.stores[0]!.startStaging(id);
    const appended = await bench.stores[0]!.appendChunk(id, started, new Blob([file]).stream(), file.length, 1);
    await appended.committed();
    await bench.stores[0]!.completeStaging(id, appended.staging, { sha256: sha(file), size: file.length }, 50);
    await expect(bench.stores[1]!.completeStaging(id, appended.staging, { sha256: sha(file), size: file.length }, 51)).resolves.toBeUndefined();
    const stored = await bench.stores[1]!.get(sha(file));
    expect(sha(new Uint8Array(await new Response(stored).arrayBuffer()))).toBe(sha(file));
  });

  it('documents the resumable upload routes in the OpenAPI description', async () => {
    const doc = (await (await app().request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/evidence/uploads/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/api/v1/evidence/uploads/{id}/finalize']).toHaveProperty('post');
    expect(doc.paths['/api/v1/evidence/uploads']).toHaveProperty('post');
  });

  it('lets no one but its creator see, continue, finalize or discard an upload', async () => {
    const file = bytes(50_000, 8);
    const { id } = (await (await create('kiemsoat.an', { size: file.length, sha256: sha(file) })).json()) as TUpload;
    await sendChunks('kiemsoat.an', id, file, 0, 20_000, 20_000);
    const attempts = [
      await status('kiemsoat.binh', id),
      await patch('kiemsoat.binh', id, 20_000, file.subarray(20_000), 30_000, 1),
      await finalize('kiemsoat.binh', id),
      await app().request(`/api/v1/evidence/uploads/${id}`, { method: 'DELETE', headers: headers('kiemsoat.binh') }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(((await res.json()) as TError).error.code).toBe('NOT_FOUND');
    }
    expect(((await (await status('kiemsoat.an', id)).json()) as TUpload).offset).toBe(20_000);
    // The creator may abandon it; its bytes go with it.
    expect((await app(1).request(`/api/v1/evidence/uploads/${id}`, { method: 'DELETE', headers: headers('kiemsoat.an') })).status).toBe(204);
    expect((await status('kiemsoat.an', id)).status).toBe(404);
    expect(await bench.listStored(`uploads/${id}`)).toEqual([]);
  });

  it('expires abandoned uploads and removes their staged bytes, with cleanups on several replicas at once', async () => {
    const file = bytes(6 * MiB, 9);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = (await (await create('kiemsoat.an', { size: file.length, sha256: sha(file) })).json()) as TUpload;
      await sendChunks('kiemsoat.an', id, file, 0, 5 * MiB + 10, 5 * MiB + 10);
      ids.push(id);
    }
    const staged = await database.db.selectFrom('evidence_upload').select(['id', 'staging']).where('id', 'in', ids).execute();
    expect(await bench.listStored(`uploads/${ids[0]}`)).not.toEqual([]);
    // Abandoned a day ago (the session's lifetime runs from its last chunk).
    await database.db
      .updateTable('evidence_upload')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', 'in', ids.slice(0, 2))
      .execute();

    const expired = await status('kiemsoat.an', ids[0]!);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as TError).error.code).toBe('UPLOAD_EXPIRED');
    expect((await patch('kiemsoat.an', ids[0]!, 5 * MiB + 10, file.subarray(5 * MiB + 10), file.length - 5 * MiB - 10)).status).toBe(410);

    const removed = await Promise.all(bench.stores.map((store) => cleanupExpiredUploads({ db: database.db, store }, 1)));
    expect(removed.reduce((a, b) => a + b, 0)).toBe(2);
    for (const id of ids.slice(0, 2)) {
      expect((await status('kiemsoat.an', id)).status).toBe(404);
      expect(await bench.listStored(`uploads/${id}`)).toEqual([]);
    }
    if (bench.kind === 's3') {
      // The multipart upload is gone too: no part can be added to it.
      const row = staged.find((r) => r.id === ids[0])!;
      const client = new S3Client({ endpoint: s3Server!.endpoint, region: 'us-east-1', credentials: s3Server!.credentials, forcePathStyle: true });
      await expect(
        client.send(new UploadPartCommand({ Bucket: s3Server!.bucket, Key: `uploads/${ids[0]}/assembled`, UploadId: String(row.staging.multipartId), PartNumber: 9999, Body: Buffer.from('x') })),
      ).rejects.toThrow();
      client.destroy();
    }
    // The live one is untouched and still completes.
    await sendChunks('kiemsoat.an', ids[2]!, file, 5 * MiB + 10, file.length, MiB);
    expect((await finalize('kiemsoat.an', ids[2]!, 1)).status).toBe(201);
  });
});
