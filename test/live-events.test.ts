/**
 * Live events over SSE, delivered by whichever API replica a user is connected to (each replica's
 * hub reads the event log while it has subscribers, docs/adr/0201), and only for the cases the user
 * may see.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createApiToken, createSession, createUser } from '../db/repositories/people.js';
import { logCaseEvent } from '../db/repositories/cases.js';
import { CaseEventHub, type TCaseEvent } from '../lib/case-events.js';
import {
  createTestApp,
  createTestDatabase,
  readCaseEvents as readEvents,
  readSseBlocks as readBlocks,
  signIn,
  startTestWorker,
  type TSseBlock,
  type TestDatabase,
  type TestTemporal,
} from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
const replicas: { app: InsApp; close: () => Promise<void>; hub: CaseEventHub }[] = [];
const sessions = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  for (let i = 0; i < 2; i++) {
    const hub = new CaseEventHub(database.url);
    await hub.start();
    // Two replicas of the API, each with its own LISTEN connection.
    const { app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, events: hub });
    replicas.push({ app, close, hub });
  }
  for (const u of ['doitruong.cuong', 'doitruong.dung', 'kiemsoat.an', 'kiemsoat.binh']) {
    sessions.set(u, await signIn(replicas[0]!.app, u));
  }
});
afterAll(async () => {
  for (const r of replicas) {
    await r.hub.stop();
    await r.close();
  }
  await temporal?.shutdown();
  await database?.drop();
});

describe('live events', () => {
  it('reach a team lead on another replica, and never a user of another team', async () => {
    const lead = sessions.get('doitruong.cuong')!;
    const otherLead = sessions.get('doitruong.dung')!;
    const ownStream = await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: lead.cookie } });
    const otherStream = await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: otherLead.cookie } });
    expect(ownStream.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect((await replicas[0]!.app.request('/api/v1/events')).status).toBe(401);

    // The inspector works through the other replica.
    const inspector = sessions.get('kiemsoat.an')!;
    const created = await replicas[1]!.app.request('/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: inspector.cookie, 'x-csrf-token': inspector.csrf, 'idempotency-key': `k-${randomUUID()}` },
      body: JSON.stringify({ procedureId: 'ins-tip', title: 'Tin báo trực tiếp' }),
    });
    const { caseId } = (await created.json()) as { caseId: string };
    await replicas[1]!.app.request(`/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: inspector.cookie, 'x-csrf-token': inspector.csrf, 'idempotency-key': `k-${randomUUID()}` },
      body: JSON.stringify({ outcome: 'LOGGED', data: { channel: 'HOTLINE', content: 'x', target: 'y', place: 'z' } }),
    });

    const seen = await readEvents(ownStream, (es) => es.some((e) => e.actions.some((a) => a.action === 'STEP_COMPLETED' && a.stepId === 'C1')), 10_000);
    const completed = seen.find((e) => e.actions.some((a) => a.action === 'STEP_COMPLETED'))!;
    expect(completed).toMatchObject({ caseId, kind: 'TIP', currentSteps: ['C2'] });
    expect(completed.actions.find((a) => a.action === 'STEP_COMPLETED')).toMatchObject({ actorId: 'kiemsoat.an', stepId: 'C1' });
    // No personal data in the event: the form's content is not there.
    expect(JSON.stringify(seen)).not.toContain('Tin báo trực tiếp');

    const leaked = await readEvents(otherStream, (es) => es.length > 0, 1_500);
    expect(leaked.filter((e) => e.caseId === caseId)).toEqual([]);
  });
});

describe('resuming live events', () => {
  const post = (app: InsApp, user: string, path: string, body: unknown) => {
    const s = sessions.get(user)!;
    return app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `k-${randomUUID()}` },
      body: JSON.stringify(body),
    });
  };
  const openTip = async (user: string): Promise<string> =>
    ((await (await post(replicas[1]!.app, user, '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo' })).json()) as { caseId: string }).caseId;
  const logTip = (user: string, caseId: string) =>
    post(replicas[1]!.app, user, `/api/v1/cases/${encodeURIComponent(caseId)}/steps/C1/complete`, { outcome: 'LOGGED', data: { channel: 'HOTLINE', content: 'x', target: 'y', place: 'z' } });
  const cases = (blocks: TSseBlock[]) => blocks.filter((b) => b.event === 'case').map((b) => ({ ...(JSON.parse(b.data) as TCaseEvent), sseId: b.id }));

  it('with Last-Event-ID on another replica gives exactly what was missed, in order, then the live events', async () => {
    const lead = sessions.get('doitruong.cuong')!;
    const first = await openTip('kiemsoat.an');
    const stream = await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: lead.cookie } });
    const logged = logTip('kiemsoat.an', first);
    const seen = cases(await readBlocks(stream, (b) => cases(b).some((e) => e.caseId === first && e.actions.some((a) => a.action === 'STEP_COMPLETED')), 10_000));
    expect((await logged).status).toBe(200);
    const lastId = seen[seen.length - 1]!.id;
    // The SSE id is the event's position in the log.
    expect(seen.every((e) => e.sseId === e.id && /^\d+$/.test(e.id))).toBe(true);

    // Disconnected: the team works on; the other team too (never to be replayed to this lead).
    const missedCase = await openTip('kiemsoat.an');
    expect((await logTip('kiemsoat.an', missedCase)).status).toBe(200);
    const otherTeamCase = await openTip('kiemsoat.binh');

    const resumed = await replicas[1]!.app.request('/api/v1/events', { headers: { cookie: lead.cookie, 'last-event-id': lastId } });
    const liveCase = openTip('kiemsoat.an');
    // Read until an event of a case opened after the reconnection arrives.
    const blocks = await readBlocks(resumed, (b) => cases(b).some((e) => ![first, missedCase, otherTeamCase].includes(e.caseId)), 10_000);
    const live = await liveCase;
    const more = cases(blocks);
    expect(JSON.parse(blocks[0]!.data)).toMatchObject({ resumedFrom: lastId });
    // Every missed event of the lead's team, oldest first, nothing already seen, nothing of the other team.
    expect(more.filter((e) => e.caseId === missedCase).flatMap((e) => e.actions.map((a) => a.action))).toEqual(expect.arrayContaining(['CASE_STARTED', 'STEP_COMPLETED']));
    expect(more.some((e) => e.caseId === otherTeamCase)).toBe(false);
    expect(more.every((e) => BigInt(e.id) > BigInt(lastId))).toBe(true);
    expect(more.map((e) => BigInt(e.id))).toEqual([...more.map((e) => BigInt(e.id))].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(more.map((e) => e.id)).size).toBe(more.length);
    // The case opened after reconnecting arrives live, once.
    expect(more.filter((e) => e.caseId === live).length).toBeGreaterThanOrEqual(1);
  });

  it('starts fresh on an unknown id, and says "reset" when the missed events have expired', async () => {
    const lead = sessions.get('doitruong.cuong')!;
    const fresh = await readBlocks(await replicas[0]!.app.request('/api/v1/events?lastEventId=tip%2F1%3A3', { headers: { cookie: lead.cookie } }), (b) => b.length > 0, 2_000);
    expect(fresh[0]).toMatchObject({ event: 'ready' });
    expect(JSON.parse(fresh[0]!.data)).toMatchObject({ resumedFrom: null });

    // The log keeps a few days; here everything but the newest event is pruned.
    const caseId = await openTip('kiemsoat.an');
    expect(caseId).toBeTruthy();
    await database.db
      .deleteFrom('case_event_log')
      .where('id', '<', database.db.selectFrom('case_event_log').select((eb) => eb.fn.max('id').as('m')) as never)
      .execute();
    const expired = await readBlocks(await replicas[1]!.app.request('/api/v1/events', { headers: { cookie: lead.cookie, 'last-event-id': '1' } }), (b) => b.some((x) => x.event === 'reset'), 3_000);
    expect(expired.find((b) => b.event === 'reset')).toMatchObject({ data: JSON.stringify({ reason: 'EVENTS_EXPIRED' }) });
  });
});

/** Reads an SSE response until the server closes it or `ms` pass; says which. */
async function readUntilClosed(res: Response, ms: number): Promise<{ closed: boolean; blocks: TSseBlock[]; afterMs: number }> {
  const started = Date.now();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let closed = false;
  while (Date.now() - started < ms) {
    const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), ms - (Date.now() - started)))]);
    if (!chunk) break;
    if (chunk.done) {
      closed = true;
      break;
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  const afterMs = Date.now() - started;
  if (!closed) await reader.cancel();
  const blocks = text
    .split('\n\n')
    .map((b) => ({ event: /^event: (.*)$/m.exec(b)?.[1], data: /^data: (.*)$/m.exec(b)?.[1] ?? '' }))
    .filter((b): b is TSseBlock => b.event !== undefined);
  return { closed, blocks, afterMs };
}

describe('live events logged without a lock', () => {
  it('are delivered in position order: one logged by a transaction still open holds back those logged after it, and none is lost', async () => {
    const got: TCaseEvent[] = [];
    const unsubscribe = replicas[0]!.hub.subscribe((e) => {
      if (e.caseId.startsWith(`${UNIT}/order`)) got.push(e);
    });
    const event = (caseId: string): Omit<TCaseEvent, 'id'> => ({ caseId, unitId: UNIT, teamId: `${UNIT}-doi-1`, kind: 'TIP', status: 'OPEN', overdue: false, seq: 1, currentSteps: [], actions: [] });
    try {
      let commitEarly!: () => void;
      const held = new Promise<void>((r) => (commitEarly = r));
      let logged!: (pos: string) => void;
      const earlyPos = new Promise<string>((r) => (logged = r));
      // The earlier transaction logs its event and stays open…
      const early = database.db.transaction().execute(async (trx) => {
        logged(await logCaseEvent(trx, event(`${UNIT}/order-1`)));
        await held;
      });
      const first = await earlyPos;
      // …while a later one logs and commits: its position is higher, and it is held back.
      const second = await database.db.transaction().execute((trx) => logCaseEvent(trx, event(`${UNIT}/order-2`)));
      expect(BigInt(second) > BigInt(first)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([]);
      commitEarly();
      await early;
      for (const until = Date.now() + 5_000; got.length < 2 && Date.now() < until;) await new Promise((r) => setTimeout(r, 20));
      expect(got.map((e) => [e.id, e.caseId])).toEqual([
        [first, `${UNIT}/order-1`],
        [second, `${UNIT}/order-2`],
      ]);
    } finally {
      unsubscribe();
    }
  });
});

describe('the hub of a replica', () => {
  it('reads the log while anyone listens, with no NOTIFY: nothing while nobody does, and a new subscriber gets what comes after it, not what was logged before', async () => {
    const hub = new CaseEventHub(database.url, () => undefined, { pollMs: 50 });
    await hub.start();
    // Every statement the hub sends on its connection.
    const client = (hub as unknown as { client: { query: (...a: unknown[]) => unknown } }).client;
    const query = client.query.bind(client);
    let sent = 0;
    client.query = (...a: unknown[]) => {
      sent++;
      return query(...a);
    };
    const event = (caseId: string): Omit<TCaseEvent, 'id'> => ({ caseId, unitId: UNIT, teamId: `${UNIT}-doi-1`, kind: 'TIP', status: 'OPEN', overdue: false, seq: 1, currentSteps: [], actions: [] });
    const log = (name: string) => database.db.transaction().execute((trx) => logCaseEvent(trx, event(`${UNIT}/poll-${name}`)));
    const mine = (got: TCaseEvent[]) => got.filter((e) => e.caseId.startsWith(`${UNIT}/poll-`)).map((e) => e.caseId.slice(`${UNIT}/poll-`.length));
    const until = async (what: () => boolean) => {
      for (const end = Date.now() + 5_000; !what() && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      const before = await log('before');
      // Stable once every transaction older than it has ended: test files share one PostgreSQL,
      // whose transaction ids are the cluster's, and another file's open transaction holds it back.
      await expect
        .poll(async () => (await sql<{ stable: boolean }>`select ${before}::bigint < case_event_log_stable_below() as stable`.execute(database.db)).rows[0]!.stable, { timeout: 15_000, interval: 50 })
        .toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(sent).toBe(0);

      const got: TCaseEvent[] = [];
      let unsubscribe = hub.subscribe((e) => got.push(e));
      await new Promise((r) => setTimeout(r, 150));
      await log('first');
      await until(() => mine(got).includes('first'));
      expect(mine(got)).toEqual(['first']);
      expect(sent).toBeGreaterThan(1);

      // The last one gone, the hub stops reading; what is logged meanwhile is not replayed to the next one.
      unsubscribe();
      await new Promise((r) => setTimeout(r, 100));
      const quiet = sent;
      await log('unheard');
      await new Promise((r) => setTimeout(r, 300));
      expect(sent).toBe(quiet);
      const again: TCaseEvent[] = [];
      unsubscribe = hub.subscribe((e) => again.push(e));
      await new Promise((r) => setTimeout(r, 150));
      await log('second');
      await until(() => mine(again).includes('second'));
      expect(mine(again)).toEqual(['second']);
      unsubscribe();
    } finally {
      await hub.stop();
    }
  });
});

describe('a live-event stream', () => {
  // Well under the 20 s heartbeat, at which every stream re-checks its session anyway: these
  // are closed by the revocation notice every replica LISTENs to.
  const PROMPTLY_MS = 5_000;
  const ended = (r: { blocks: TSseBlock[] }) => r.blocks.find((b) => b.event === 'end');
  let n = 0;
  const freshUser = async (roles: string[]): Promise<string> => {
    const username = `${UNIT}.sse${n++}`;
    await createUser(database.db, { id: username, username, displayName: username, password: DEMO_PASSWORD, roles, unitId: UNIT, teamId: `${UNIT}-doi-1` });
    return username;
  };

  it('is closed on every replica when its session signs out', async () => {
    const s = await signIn(replicas[0]!.app, await freshUser(['INSPECTOR']));
    const stream = await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: s.cookie } });
    expect(stream.status).toBe(200);
    const reading = readUntilClosed(stream, PROMPTLY_MS);
    await new Promise((r) => setTimeout(r, 300));
    expect((await replicas[1]!.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `k-${randomUUID()}` } })).status).toBe(204);
    const r = await reading;
    expect(r.closed).toBe(true);
    expect(JSON.parse(ended(r)!.data)).toEqual({ reason: 'SESSION_ENDED' });
  });

  it('is closed when its user is deactivated, through another replica', async () => {
    const username = await freshUser(['INSPECTOR']);
    const s = await signIn(replicas[0]!.app, username);
    const admin = await signIn(replicas[1]!.app, 'quantri.minh');
    const reading = readUntilClosed(await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: s.cookie } }), PROMPTLY_MS);
    await new Promise((r) => setTimeout(r, 300));
    const off = await replicas[1]!.app.request(`/api/v1/users/${username}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ active: false }),
    });
    expect(off.status).toBe(200);
    const r = await reading;
    expect(r.closed).toBe(true);
    expect(ended(r)).toBeDefined();
  });

  it('is closed when its session expires', async () => {
    const username = await freshUser(['INSPECTOR']);
    const s = await createSession(database.db, username, 1_500);
    const r = await readUntilClosed(await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: `ins_session=${s.token}` } }), PROMPTLY_MS);
    expect(r.closed).toBe(true);
    expect(r.afterMs).toBeGreaterThanOrEqual(1_000);
    expect(JSON.parse(ended(r)!.data)).toEqual({ reason: 'SESSION_ENDED' });
  });

  it('is closed when its API token is revoked', async () => {
    const token = await createApiToken(database.db, { name: 'Bảng tin', userId: 'quantri.minh', scopes: ['events:read'], createdBy: 'quantri.minh' });
    const admin = await signIn(replicas[1]!.app, 'quantri.minh');
    const reading = readUntilClosed(await replicas[0]!.app.request('/api/v1/events', { headers: { authorization: `Bearer ${token.token}` } }), PROMPTLY_MS);
    await new Promise((r) => setTimeout(r, 300));
    expect((await replicas[1]!.app.request(`/api/v1/tokens/${token.id}`, { method: 'DELETE', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } })).status).toBe(204);
    const r = await reading;
    expect(r.closed).toBe(true);
    expect(ended(r)).toBeDefined();
  });

  it('stays open for a session that goes on', async () => {
    const s = await signIn(replicas[0]!.app, await freshUser(['INSPECTOR']));
    const other = await signIn(replicas[0]!.app, await freshUser(['INSPECTOR']));
    const reading = readUntilClosed(await replicas[0]!.app.request('/api/v1/events', { headers: { cookie: s.cookie } }), 2_000);
    // Another user signing out ends only that user's streams.
    await replicas[1]!.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: other.cookie, 'x-csrf-token': other.csrf, 'idempotency-key': `k-${randomUUID()}` } });
    expect((await reading).closed).toBe(false);
  });
});
