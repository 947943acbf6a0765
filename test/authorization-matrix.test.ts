/**
 * Authorization matrix: each case route × each role × own team / other team / other unit gives
 * the expected status, and nothing is read or written across teams or units (object-level checks,
 * OWASP API1).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createTeam, createUnit, createUser } from '../db/repositories/people.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

/** This file's own unit: case ids contain it, and test files share one Temporal server. */
const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER = `hn${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;

/** Principals: the demo users (unit nb, case opened by team nb-doi-1) and staff of another unit. */
const PRINCIPALS = {
  inspectorOwnTeam: 'kiemsoat.an',
  inspectorOtherTeam: 'kiemsoat.binh',
  leadOwnTeam: 'doitruong.cuong',
  leadOtherTeam: 'doitruong.dung',
  director: 'chicuctruong.hai',
  legal: 'phapche.lan',
  admin: 'quantri.minh',
  scheduler: 'kehoach.nga',
  leader: 'lanhdao.phong',
  directorOtherUnit: 'hn.chicuctruong',
  inspectorOtherUnit: 'hn.kiemsoat',
} as const;
type TPrincipal = keyof typeof PRINCIPALS;

const sessions = new Map<TPrincipal, { cookie: string; csrf: string }>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT thành phố Hà Nội', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội QLTT số 1' });
  await createUser(database.db, { id: 'hn.chicuctruong', username: 'hn.chicuctruong', displayName: 'x', password: DEMO_PASSWORD, roles: ['DIRECTOR'], unitId: OTHER });
  await createUser(database.db, { id: 'hn.kiemsoat', username: 'hn.kiemsoat', displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: OTHER, teamId: `${OTHER}-doi-1` });
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  for (const [p, username] of Object.entries(PRINCIPALS)) {
    sessions.set(p as TPrincipal, await signIn(app, username));
  }
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

async function call(p: TPrincipal, method: string, path: string, body?: unknown): Promise<number> {
  const s = sessions.get(p)!;
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `k-${randomUUID()}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.status;
}

async function openCase(): Promise<string> {
  const s = sessions.get('leadOwnTeam')!;
  const res = await app.request('/api/v1/cases', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `k-${randomUUID()}` },
    body: JSON.stringify({ procedureId: 'ins-penalty', title: 'Ma trận phân quyền' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const RECORD = {
  recordedAt: TODAY,
  place: 'x',
  recorder: 'x',
  violatorName: 'x',
  offenderType: 'INDIVIDUAL',
  violationDate: TODAY,
  violationPlace: 'x',
  acts: [{ violation: 'ND98/2020:17.1.c', description: 'x' }],
  violatorSigned: true,
};

/** Expected statuses: read the case; complete B1 (INSPECTOR or TEAM_LEAD); add a note (anyone who sees the case). */
const MATRIX: Record<TPrincipal, { read: number; complete: number; note: number }> = {
  inspectorOwnTeam: { read: 200, complete: 200, note: 200 },
  leadOwnTeam: { read: 200, complete: 200, note: 200 },
  inspectorOtherTeam: { read: 404, complete: 404, note: 404 },
  leadOtherTeam: { read: 404, complete: 404, note: 404 },
  director: { read: 200, complete: 403, note: 200 },
  legal: { read: 200, complete: 403, note: 200 },
  admin: { read: 200, complete: 403, note: 200 },
  leader: { read: 200, complete: 403, note: 200 },
  scheduler: { read: 404, complete: 404, note: 404 },
  directorOtherUnit: { read: 404, complete: 404, note: 404 },
  inspectorOtherUnit: { read: 404, complete: 404, note: 404 },
};

describe('authorization matrix for cases', () => {
  it.each(Object.keys(MATRIX) as TPrincipal[])('%s gets the expected status on each case route, and changes nothing it may not', async (p) => {
    const expected = MATRIX[p];
    const caseId = await openCase();
    const path = `/api/v1/cases/${encodeURIComponent(caseId)}`;
    const seqBefore = (await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirstOrThrow()).state_seq;

    expect(await call(p, 'GET', path)).toBe(expected.read);
    expect(await call(p, 'GET', `${path}/audit`)).toBe(expected.read);
    expect(await call(p, 'GET', `${path}/procedure`)).toBe(expected.read);
    expect(await call(p, 'POST', `${path}/notes`, { text: 'ghi chú' })).toBe(expected.note);
    expect(await call(p, 'POST', `${path}/steps/B1/complete`, { outcome: 'RECORDED', data: RECORD })).toBe(expected.complete);

    const row = await database.db.selectFrom('case_file').select(['state_seq', 'current_steps']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    if (expected.note !== 200 && expected.complete !== 200) expect(row.state_seq).toBe(seqBefore);
    expect(row.current_steps).toEqual(expected.complete === 200 ? ['B3'] : ['B1']);
  });

  it('keeps other teams’ and units’ tasks out of the inbox', async () => {
    const caseId = await openCase();
    const inbox = async (p: TPrincipal): Promise<string[]> => {
      const s = sessions.get(p)!;
      const res = await app.request('/api/v1/inbox', { headers: { cookie: s.cookie } });
      return ((await res.json()) as { tasks: { caseId: string }[] }).tasks.map((t) => t.caseId);
    };
    expect(await inbox('inspectorOwnTeam')).toContain(caseId);
    expect(await inbox('leadOwnTeam')).toContain(caseId);
    for (const p of ['inspectorOtherTeam', 'leadOtherTeam', 'inspectorOtherUnit', 'directorOtherUnit', 'scheduler', 'legal'] as TPrincipal[]) {
      expect(await inbox(p), p).not.toContain(caseId);
    }
  });

  it('lets only team leads and directors open inspections and penalty cases, for their own unit', async () => {
    const open = (p: TPrincipal, body: Record<string, unknown>) => call(p, 'POST', '/api/v1/cases', body);
    expect(await open('inspectorOwnTeam', { procedureId: 'ins-penalty', title: 'x' })).toBe(403);
    expect(await open('inspectorOwnTeam', { procedureId: 'ins-tip', title: 'x' })).toBe(201);
    expect(await open('leadOwnTeam', { procedureId: 'ins-penalty', title: 'x', teamId: `${UNIT}-doi-2` })).toBe(403);
    expect(await open('director', { procedureId: 'ins-inspection', title: 'x', teamId: `${UNIT}-doi-2` })).toBe(201);
    expect(await open('director', { procedureId: 'ins-inspection', title: 'x', teamId: `${OTHER}-doi-1` })).toBe(400);
    expect(await open('admin', { procedureId: 'ins-inspection', title: 'x' })).toBe(403);
  });

  it('refuses anonymous callers (401) and roles that may open no case (403) before it looks at what they sent', async () => {
    const caseId = await openCase();
    const path = `/api/v1/cases/${encodeURIComponent(caseId)}`;
    const seqBefore = (await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirstOrThrow()).state_seq;
    const invalid = { procedureId: 42, title: '', outcome: [], data: 'x', text: '', type: 'NOPE', amount: -1 };
    for (const [method, p] of [
      ['POST', '/api/v1/cases'],
      ['GET', `${path}?x=%00`],
      ['POST', `${path}/notes`],
      ['POST', `${path}/steps/B1/complete`],
      ['POST', `${path}/steps/B1/claim`],
      ['POST', `${path}/steps/B1/extension`],
      ['POST', `${path}/steps/B1/actions`],
      ['GET', '/api/v1/cases?limit=nope'],
      ['GET', '/api/v1/inbox?mine=perhaps'],
    ] as const) {
      const res = await app.request(p, { method, headers: { 'content-type': 'application/json', 'idempotency-key': 'short' }, ...(method === 'GET' ? {} : { body: JSON.stringify(invalid) }) });
      expect([method, p, res.status]).toEqual([method, p, 401]);
    }
    for (const p of ['legal', 'admin', 'scheduler', 'leader'] as TPrincipal[]) {
      expect([p, await call(p, 'POST', '/api/v1/cases', invalid)]).toEqual([p, 403]);
    }
    expect((await database.db.selectFrom('case_file').select('state_seq').where('case_id', '=', caseId).executeTakeFirstOrThrow()).state_seq).toBe(seqBefore);
  });
});
