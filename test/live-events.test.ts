/**
 * Live events over SSE, delivered by whichever API replica a user is connected to (LISTEN/NOTIFY),
 * and only for the cases the user may see.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { seedDemoData } from '../db/demo-data.js';
import { CaseEventHub, type TCaseEvent } from '../lib/case-events.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

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
  for (const u of ['doitruong.cuong', 'doitruong.dung', 'kiemsoat.an']) {
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

/** Reads `case` events from an SSE response until `until` holds or the time runs out. */
async function readEvents(res: Response, until: (events: TCaseEvent[]) => boolean, ms: number): Promise<TCaseEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: TCaseEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until(events)) {
    const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: case$/m.test(block)) events.push(JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as TCaseEvent);
    }
  }
  await reader.cancel();
  return events;
}

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
    const created = await replicas[1]!.app.request('/api/v1/cases', { method: 'POST', headers: { 'content-type': 'application/json', cookie: inspector.cookie, 'x-csrf-token': inspector.csrf }, body: JSON.stringify({ procedureId: 'ins-tip', title: 'Tin báo trực tiếp' }) });
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
