/**
 * Sessions are read, not written, by the requests made with them (docs/adr/0171): `last_seen_at`
 * is written again only once it is SESSION_TOUCH_SLACK_MS old, and the expiry stays the absolute
 * one set at sign-in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUser, SESSION_TOUCH_SLACK_MS } from '../db/repositories/people.js';
import { createTestApp, createTestDatabase, signIn, type TestDatabase } from './support.js';

const UNIT = `stc${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  ({ app, close } = await createTestApp(database.db));
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

/** A new inspector of the unit, signed in (the shared sign-in of test/support.ts). */
async function signInNewInspector(): Promise<{ cookie: string; userId: string }> {
  const userId = `${UNIT}.s${randomUUID().slice(0, 6)}`;
  await createUser(database.db, { id: userId, username: userId, displayName: userId, password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: UNIT });
  const { cookie } = await signIn(app, userId);
  return { cookie, userId };
}

const sessionOf = (userId: string) => database.db.selectFrom('user_session').select(['last_seen_at', 'expires_at']).where('user_id', '=', userId).executeTakeFirstOrThrow();

describe('a session', () => {
  it('is not written by requests made within the slack, and is written once the slack has passed', async () => {
    const { cookie, userId } = await signInNewInspector();
    const signedIn = await sessionOf(userId);
    for (let i = 0; i < 3; i++) expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
    expect(await sessionOf(userId)).toEqual(signedIn);

    const stale = new Date(Date.now() - SESSION_TOUCH_SLACK_MS - 1_000);
    await database.db.updateTable('user_session').set({ last_seen_at: stale }).where('user_id', '=', userId).execute();
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
    const touched = await sessionOf(userId);
    expect(new Date(touched.last_seen_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The expiry is absolute: using a session never extends it.
    expect(touched.expires_at).toEqual(signedIn.expires_at);
  });

  it('ends at its expiry whatever the requests made with it', async () => {
    const { cookie, userId } = await signInNewInspector();
    await database.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('user_id', '=', userId)
      .execute();
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });
});
