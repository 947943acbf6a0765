/**
 * Evidence: content-addressed upload (hash, size and type limits), same file stored once,
 * downloads limited to the unit, and the hash usable in a step form.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUnit, createUser } from '../db/repositories/people.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { createTestApp, createTestDatabase, signIn, type TestDatabase } from './support.js';

let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;
let dir: string;
const UNIT = `nb${randomUUID().slice(0, 6)}`;
const sessions = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: `${UNIT}x`, name: 'Khác', province: 'Khác' });
  await createUser(database.db, { id: 'other.unit', username: 'other.unit', displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: `${UNIT}x` });
  dir = await mkdtemp(path.join(os.tmpdir(), 'ins-evidence-'));
  await chmod(dir, 0o755);
  ({ app, close } = await createTestApp(database.db, { evidence: { store: new DiskEvidenceStore(dir), maxBytes: 64 * 1024 } }));
  for (const u of ['kiemsoat.an', 'kiemsoat.binh', 'other.unit', 'kehoach.nga']) {
    sessions.set(u, await signIn(app, u));
  }
});
afterAll(async () => {
  await close?.();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** `n` bytes that start as a file of `kind` does (its magic number), the rest a pattern. */
function fileOf(kind: 'jpeg' | 'pdf' | 'html', n: number, seed = 1): Uint8Array {
  const head = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00],
    pdf: [...Buffer.from('%PDF-1.7\n')],
    html: [...Buffer.from('<!doctype html><script>alert(document.cookie)</script>')],
  }[kind];
  return new Uint8Array(n).map((_, i) => (i < head.length ? head[i]! : (i * seed + 3) % 256));
}

function upload(user: string, body: Uint8Array, type = 'image/jpeg', name = 'kệ hàng.jpg') {
  const s = sessions.get(user)!;
  return app.request('/api/v1/evidence', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': type, 'x-file-name': encodeURIComponent(name) }, body });
}

describe('evidence', () => {
  it('is stored under its SHA-256 once, and downloaded by staff of the same unit only', async () => {
    const photo = fileOf('jpeg', 5_000, 31);
    const sha = createHash('sha256').update(photo).digest('hex');
    const first = await upload('kiemsoat.an', photo);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ sha256: sha, size: 5_000, mime: 'image/jpeg', name: 'kệ hàng.jpg' });
    expect((await upload('kiemsoat.binh', photo, 'image/jpeg', 'copy.jpg')).status).toBe(201);
    expect(await database.db.selectFrom('evidence').select('sha256').where('sha256', '=', sha).execute()).toHaveLength(1);

    const s = sessions.get('kiemsoat.binh')!;
    const got = await app.request(`/api/v1/evidence/${sha}`, { headers: { cookie: s.cookie } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(
      createHash('sha256')
        .update(new Uint8Array(await got.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha);
    const o = sessions.get('other.unit')!;
    expect((await app.request(`/api/v1/evidence/${sha}`, { headers: { cookie: o.cookie } })).status).toBe(404);
    expect((await app.request(`/api/v1/evidence/${sha}`)).status).toBe(401);
  });

  it('is each uploading unit’s own: another unit that uploads the same bytes can read its copy, and only it', async () => {
    const doc = fileOf('pdf', 3_000, 7);
    const sha = createHash('sha256').update(doc).digest('hex');
    expect((await upload('kiemsoat.an', doc, 'application/pdf', 'bien-ban.pdf')).status).toBe(201);
    const o = sessions.get('other.unit')!;
    expect((await app.request(`/api/v1/evidence/${sha}`, { headers: { cookie: o.cookie } })).status).toBe(404);
    const theirs = await upload('other.unit', doc, 'application/pdf', 'ho-so.pdf');
    expect(theirs.status).toBe(201);
    const got = await app.request(`/api/v1/evidence/${sha}`, { headers: { cookie: o.cookie } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('ho-so.pdf'));
    // The bytes are stored once; each unit has its own record with its own name.
    expect((await database.db.selectFrom('evidence').select(['unit_id', 'name']).where('sha256', '=', sha).orderBy('unit_id').execute()).map((r) => r.name)).toEqual(['bien-ban.pdf', 'ho-so.pdf']);
  });

  it('refuses other types, oversized and empty files, and roles that do not collect evidence', async () => {
    expect((await upload('kiemsoat.an', new Uint8Array(10), 'application/x-msdownload', 'a.exe')).status).toBe(415);
    const big = await upload('kiemsoat.an', fileOf('jpeg', 70 * 1024));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/larger than 65536 bytes/);
    expect((await upload('kiemsoat.an', new Uint8Array(0))).status).toBe(400);
    expect((await upload('kehoach.nga', new Uint8Array(10))).status).toBe(403);
    expect((await app.request('/api/v1/evidence/not-a-hash', { headers: { cookie: sessions.get('kiemsoat.an')!.cookie } })).status).toBe(400);
  });

  it('refuses a file whose bytes are not of the type it is declared as (415 EVIDENCE_TYPE_MISMATCH), and stores nothing', async () => {
    for (const [bytes, declared, found] of [
      [fileOf('html', 2_000), 'image/png', /no known file type/],
      [fileOf('pdf', 2_000, 5), 'image/jpeg', /application\/pdf/],
      [fileOf('jpeg', 2_000, 9), 'video/mp4', /image\/jpeg/],
      [new Uint8Array(2_000).map((_, i) => (i * 13) % 256), 'application/pdf', /no known file type/],
    ] as const) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const res = await upload('kiemsoat.an', bytes, declared, 'tep');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect([declared, res.status, body.error.code]).toEqual([declared, 415, 'EVIDENCE_TYPE_MISMATCH']);
      expect(body.error.message).toContain(declared);
      expect(body.error.message).toMatch(found);
      expect(await database.db.selectFrom('evidence').select('sha256').where('sha256', '=', sha).execute()).toEqual([]);
    }
    // The declared type's family is enough: a WebM recording declared as audio, a HEIF photo as HEIC.
    const webm = Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102', 'hex');
    expect((await upload('kiemsoat.an', new Uint8Array([...webm, ...new Uint8Array(500).fill(7)]), 'audio/webm', 'ghi-am.webm')).status).toBe(201);
  });
});
