/**
 * Choosing the evidence store from the environment: the disk unless EVIDENCE_S3_BUCKET is set;
 * a half-done S3 configuration, or a bucket that cannot be used, stops start-up with one sentence.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { evidenceStoreSettings, loadApiConfig } from '../api/config.js';
import { seedDemoData } from '../db/demo-data.js';
import { freePort } from '../lib/dev-server.js';
import { StartupError } from '../lib/errors.js';
import { S3EvidenceStore } from '../lib/s3-evidence-store.js';
import type { S3TestServer } from '../lib/s3-test-server.js';
import { cleanEnv, runToEnd, startProcess } from './run-process.js';
import { createTestDatabase, startTestS3, type TestDatabase } from './support.js';

const BASE = { DATABASE_URL: 'postgres://ins@127.0.0.1:5432/ins', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

function configError(env: Record<string, string>): string {
  try {
    loadApiConfig({ ...BASE, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('the evidence store configuration', () => {
  it('keeps evidence on the disk unless a bucket is configured', () => {
    expect(evidenceStoreSettings(loadApiConfig({ ...BASE, EVIDENCE_DIR: '/srv/evidence' }))).toEqual({ kind: 'disk', dir: '/srv/evidence' });
  });

  it('uses an S3-compatible store when EVIDENCE_S3_BUCKET is set, path-style when an endpoint is given', () => {
    const env = { EVIDENCE_S3_BUCKET: 'ins-evidence', EVIDENCE_S3_ENDPOINT: 'http://seaweedfs:8333', EVIDENCE_S3_ACCESS_KEY_ID: 'ins', EVIDENCE_S3_SECRET_ACCESS_KEY: 's3cret' };
    expect(evidenceStoreSettings(loadApiConfig({ ...BASE, ...env }))).toEqual({
      kind: 's3',
      bucket: 'ins-evidence',
      endpoint: 'http://seaweedfs:8333',
      region: 'us-east-1',
      credentials: { accessKeyId: 'ins', secretAccessKey: 's3cret' },
      forcePathStyle: true,
    });
    // AWS S3 itself: no endpoint, virtual-hosted style, the SDK's credential chain.
    expect(evidenceStoreSettings(loadApiConfig({ ...BASE, EVIDENCE_S3_BUCKET: 'ins-evidence', EVIDENCE_S3_REGION: 'ap-southeast-1' }))).toEqual({
      kind: 's3',
      bucket: 'ins-evidence',
      region: 'ap-southeast-1',
      forcePathStyle: false,
    });
  });

  it('names what is missing or wrong in one sentence, without showing secrets', () => {
    expect(configError({ EVIDENCE_S3_ENDPOINT: 'http://seaweedfs:8333', EVIDENCE_S3_SECRET_ACCESS_KEY: 's3cret-value', EVIDENCE_S3_ACCESS_KEY_ID: 'ins' })).toMatch(
      /^Bad configuration: EVIDENCE_S3_BUCKET is not set \(the S3 evidence store needs a bucket, since EVIDENCE_S3_ENDPOINT, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY are set\); see \.env\.example\.$/,
    );
    const halfKeys = configError({ EVIDENCE_S3_BUCKET: 'ins-evidence', EVIDENCE_S3_SECRET_ACCESS_KEY: 's3cret-value' });
    expect(halfKeys).toMatch(/EVIDENCE_S3_ACCESS_KEY_ID is not set \(set both EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY, or neither/);
    expect(halfKeys).not.toContain('s3cret-value');
    expect(configError({ EVIDENCE_S3_BUCKET: 'Evidence_Bucket' })).toMatch(/EVIDENCE_S3_BUCKET="Evidence_Bucket" is invalid \(must be an S3 bucket name/);
    expect(configError({ EVIDENCE_S3_BUCKET: 'ins-evidence', EVIDENCE_S3_ENDPOINT: 'seaweedfs:8333' })).toMatch(
      /EVIDENCE_S3_ENDPOINT="seaweedfs:8333" is invalid \(must be an http:\/\/ or https:\/\/ URL\)/,
    );
  });
});

describe('the S3 evidence store at start-up', () => {
  let s3: S3TestServer;
  let database: TestDatabase;
  beforeAll(async () => {
    s3 = await startTestS3();
    database = await createTestDatabase();
    await seedDemoData(database.db, `nb${randomUUID().slice(0, 6)}`);
  });
  afterAll(async () => {
    await s3?.stop();
    await database?.drop();
  });

  it('makes the API process keep uploads in the bucket when EVIDENCE_S3_BUCKET is set', async () => {
    const port = await freePort();
    const api = startProcess(
      'api/main.ts',
      cleanEnv({
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        PORT: String(port),
        EVIDENCE_S3_BUCKET: s3.bucket,
        EVIDENCE_S3_ENDPOINT: s3.endpoint,
        EVIDENCE_S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        EVIDENCE_S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      }),
    );
    try {
      await api.waitFor(/api listening/, 60_000);
      expect(api.output()).toMatch(/"evidenceStore":"s3"/);
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kiemsoat.an', password: 'ins-demo-2026' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      // A real (1×1) PNG, then a pattern: evidence types are checked against the bytes.
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
      const photo = new Uint8Array(70_000).map((_, i) => (i < png.length ? png[i]! : (i * 13) % 256));
      const up = await fetch(`${base}/api/v1/evidence`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'image/png', 'x-file-name': 'kho.png' }, body: photo });
      expect(up.status).toBe(201);
      const hash = createHash('sha256').update(photo).digest('hex');
      const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', credentials: s3.credentials, forcePathStyle: true });
      const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `sha256/${hash}` }));
      expect(
        createHash('sha256')
          .update(await object.Body!.transformToByteArray())
          .digest('hex'),
      ).toBe(hash);
      client.destroy();
      const down = await fetch(`${base}/api/v1/evidence/${hash}`, { headers: { cookie, range: 'bytes=0-3' } });
      expect(down.status).toBe(206);
      expect(new Uint8Array(await down.arrayBuffer())).toEqual(photo.subarray(0, 4));
    } finally {
      await api.stop('SIGTERM');
    }
  });

  it('stops the API process with one sentence when the bucket cannot be reached or the settings are half done', async () => {
    const port = await freePort();
    const base = { DATABASE_URL: database.url, TEMPORAL_ADDRESS: inject('temporalAddress') };
    const unreachable = await runToEnd(
      'api/main.ts',
      cleanEnv({ ...base, EVIDENCE_S3_BUCKET: 'ins-evidence', EVIDENCE_S3_ENDPOINT: `http://127.0.0.1:${port}`, EVIDENCE_S3_ACCESS_KEY_ID: 'k', EVIDENCE_S3_SECRET_ACCESS_KEY: 'top-secret-value' }),
    );
    expect(unreachable.code).toBe(1);
    const lines = unreachable.output.split('\n').filter((l) => l.startsWith('INS cannot start:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`The evidence bucket "ins-evidence" at http://127\\.0\\.0\\.1:${port} cannot be used \\(.*check EVIDENCE_S3_ENDPOINT`));
    expect(unreachable.output).not.toContain('top-secret-value');
    const halfDone = await runToEnd('api/main.ts', cleanEnv({ ...base, EVIDENCE_S3_ENDPOINT: 'http://seaweedfs:8333' }));
    expect(halfDone.code).toBe(1);
    expect(halfDone.output).toMatch(/INS cannot start: Bad configuration: EVIDENCE_S3_BUCKET is not set \(the S3 evidence store needs a bucket, since EVIDENCE_S3_ENDPOINT is set\)/);
  });

  it('accepts a bucket it can use, and says in one sentence why it cannot use another', async () => {
    const ok = new S3EvidenceStore({ bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', credentials: s3.credentials, forcePathStyle: true });
    await expect(ok.assertReachable()).resolves.toBeUndefined();
    ok.destroy();

    const missing = new S3EvidenceStore({ bucket: 'no-such-bucket', endpoint: s3.endpoint, region: 'us-east-1', credentials: s3.credentials, forcePathStyle: true });
    await expect(missing.assertReachable()).rejects.toThrow(new StartupError(`The evidence bucket "no-such-bucket" at ${s3.endpoint} cannot be used (it does not exist; create it first).`));
    missing.destroy();

    const port = await freePort();
    const nobody = new S3EvidenceStore({ bucket: 'ins-evidence', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: s3.credentials, forcePathStyle: true });
    const err = await nobody.assertReachable().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(StartupError);
    expect(err!.message).toMatch(
      new RegExp(`^The evidence bucket "ins-evidence" at http://127\\.0\\.0\\.1:${port} cannot be used \\(.*ECONNREFUSED.*; check EVIDENCE_S3_ENDPOINT and that the store is running\\)\\.$`),
    );
    nobody.destroy();
  });
});
